"""IPv6 checks (ids ``ipv6.*``), judged from the probes of crawler/probes.

What national monitoring measures (domain.md §5) and how each check maps:

| check | probe kinds | verdict |
|---|---|---|
| ``ipv6.aaaa`` | dns | AAAA at the end of the CNAME chain; NXDOMAIN is a real answer → fail |
| ``ipv6.reachable`` | dns, ipv6.tcp, ipv6.http | every AAAA address × port answers TCP; HTTP success rate ≥ ``ipv6_http_min_success`` (1.0) |
| ``ipv6.content_parity`` | ipv6.http | same status, similarity ≥ ``ipv6_content_similarity`` (0.9) |
| ``ipv6.nameservers`` | dns.ns | every NS has AAAA and answers over IPv6 |
| ``ipv6.depth`` | ipv6.depth | 二级/三级/资源 ratios ≥ ``ipv6_depth_level2`` (0.9), ``ipv6_depth_level3`` (0.85), ``ipv6_depth_resources`` (0.85) |

Every check yields one finding per unit with key "" and the home URL:
ground truth stays independent of the ports a test server got (per-address
results are in ``evidence.details``).  A missing probe or one that could not
run (resolver timeout, SERVFAIL) → 无法判定.  A site without AAAA is 不适用
for the checks that need an IPv6 address (reachable, parity, depth,
nameservers stay judged): ``ipv6.aaaa`` already fails it, once.
An IP-literal base URL has no DNS name: ``ipv6.aaaa`` and ``ipv6.nameservers``
are 不适用.  Deadlines (未到期) come from plans/, not from here.
"""
