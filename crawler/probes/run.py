"""The gathering stage's network probes for every unit of an audit.

Each unit's host is probed once (units sharing a host share the results,
recorded under each unit id).  Probes connect only to addresses returned
by the configured DNS (``[resolver]``; empty = the system's) for the hosts
of the units and of their crawled pages and resources, or to IP literals in
those URLs.  Pointing the audit at a test network's DNS keeps every probe
inside that network.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from urllib.parse import urlsplit

from crawler.probes.depth import depth_probe
from crawler.probes.dns_probe import dns_probe, ns_probe
from crawler.probes.dnslookup import DnsAnswer, ip_literal, lookup
from crawler.probes.ipv6 import http_probe, tcp_probe
from crawler.probes.settings import ProbeSettings
from crawler.probes.tls import tls_probe
from zwgk_audit.config import AuditConfig
from zwgk_audit.model import Probe, Snapshot
from zwgk_audit.store import Store


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class _Resolver:
    """Memoised lookups for one probe run."""

    def __init__(self, settings: ProbeSettings) -> None:
        self.settings = settings
        self._cache: dict[str, DnsAnswer] = {}

    def __call__(self, host: str) -> DnsAnswer:
        key = host.strip("[]").lower()
        if key not in self._cache:
            self._cache[key] = lookup(self.settings.dns, key)
        return self._cache[key]


def probe_site(unit: str, url: str, settings: ProbeSettings, resolve: _Resolver) -> list[Probe]:
    """Probes of one home URL: dns, dns.ns, ipv6.tcp, ipv6.http, tls."""
    host = urlsplit(url).hostname or ""
    answer = resolve(host)
    probes = [dns_probe(unit, answer, _now())]
    if ip_literal(host) is None:
        probes.append(ns_probe(unit, host, settings.dns, settings.ns_port, settings.timeout, _now()))
    probes.append(tcp_probe(unit, url, answer, settings.timeout, _now()))
    probes.append(http_probe(unit, url, answer, settings.http_repeat, settings.timeout, _now()))
    probes.append(tls_probe(unit, url, answer, settings.timeout, settings.ca_file, _now()))
    return probes


def run_probes(config: AuditConfig, store: Store, run_id: str, *,
               snapshot: Snapshot | None = None) -> list[Probe]:
    """Probe every unit; write each probe to ``store`` and return them all.

    ``snapshot`` (the crawl's result) gives the 二级/三级 pages and resources
    for ``ipv6.depth``; without it that probe is recorded as not run."""
    settings = ProbeSettings.from_config(config)
    resolve = _Resolver(settings)
    by_url: dict[str, list[Probe]] = {}
    out: list[Probe] = []
    for uc in config.units:
        unit = uc.unit
        site = by_url.get(unit.base_url)
        if site is None:
            site = by_url[unit.base_url] = probe_site(unit.id, unit.base_url, settings, resolve)
        probes = [dataclasses.replace(p, unit=unit.id) for p in site]
        probes.append(depth_probe(unit.id, snapshot, resolve, settings.depth_max_urls, settings.timeout,
                                  settings.workers, _now()))
        for p in probes:
            store.add_probe(run_id, p)
        out.extend(probes)
    return out
