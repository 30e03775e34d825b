"""Probe settings, read from the config's ``[thresholds]`` table.

| key | default | meaning |
|---|---|---|
| ``ipv6_http_repeat`` | 3 | home-page fetches per address and family |
| ``ipv6_depth_max_urls`` | 200 | most URLs tried over IPv6 for ``ipv6.depth`` |
| ``probe_timeout`` | 5.0 | seconds per TCP connect / HTTP request |
| ``dns_ns_port`` | 53 | port on which the zone's name servers are asked over IPv6 |
| ``tls_ca_file`` | "" | CA bundle for certificate validation ("" = system store) |
| ``probe_workers`` | 8 | parallel fetches for ``ipv6.depth`` |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from crawler.probes.dnslookup import DnsServer
from zwgk_audit.config import AuditConfig


@dataclass(frozen=True)
class ProbeSettings:
    dns: DnsServer
    http_repeat: int = 3
    depth_max_urls: int = 200
    timeout: float = 5.0
    ns_port: int = 53
    ca_file: str = ""
    workers: int = 8

    @classmethod
    def from_config(cls, config: AuditConfig) -> "ProbeSettings":
        t: Mapping[str, Any] = config.thresholds
        r = config.resolver
        return cls(
            dns=DnsServer(address=r.address, port=r.port, timeout=r.timeout),
            http_repeat=max(1, int(t.get("ipv6_http_repeat", 3))),
            depth_max_urls=max(0, int(t.get("ipv6_depth_max_urls", 200))),
            timeout=float(t.get("probe_timeout", 5.0)),
            ns_port=int(t.get("dns_ns_port", 53)),
            ca_file=str(t.get("tls_ca_file", "")),
            workers=max(1, int(t.get("probe_workers", 8))),
        )
