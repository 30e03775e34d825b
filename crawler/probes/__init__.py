"""Network probes of the gathering stage (DNS, IPv6, TLS).

Probe kinds and their ``data`` (see each module):

- ``dns`` (target: host): ``host, chain, a, aaaa, rcode, error, ms, server, literal``
- ``dns.ns`` (target: zone): ``host, zone, ns: [{name, a, aaaa, error, v6: [{address, port, ok, error, rcode, ms}]}]``
- ``ipv6.tcp`` (target: host): ``host, ports, v4: [...], results: [{address, port, ok, error, ms}]``
- ``ipv6.http`` (target: home URL): ``url, repeat, v4: {...}, v6: [{address, port, statuses, errors, ms,
  success_rate, hash, size, location, similarity, status_match}], success_rate, similarity``
- ``tls`` (target: home URL): ``https_offered, https_error, verified, verify_error, not_after, days_left,
  subject, issuer, san, name_matches, http_status, http_location, redirects_to_https ...``
- ``ipv6.depth`` (target: unit id): ``level2/level3/resources: {found, total, ok}, failing_hosts,
  failing_urls: [{url, error}], hosts, unresolved_hosts, max_urls``

``ok`` False with ``error`` = the probe could not run (the check says 无法判定).
"""

from crawler.probes.run import probe_site, run_probes

__all__ = ["run_probes", "probe_site"]
