"""Probes "dns" (A/AAAA through the CNAME chain) and "dns.ns" (the zone's
name servers: do they have AAAA, do they answer over IPv6)."""

from __future__ import annotations

import time

import dns.exception
import dns.message
import dns.query
import dns.rcode

from crawler.probes.dnslookup import DnsAnswer, DnsServer, LookupFailed, lookup, query_chain
from crawler.probes.net import bracket
from zwgk_audit.model import Probe


def dns_probe(unit: str, answer: DnsAnswer, measured_at: str) -> Probe:
    return Probe(unit=unit, kind="dns", target=answer.host, data=answer.to_json(),
                 ok=answer.ok, error=answer.error, measured_at=measured_at)


def find_zone(server: DnsServer, host: str) -> tuple[str, tuple[str, ...]]:
    """The closest enclosing name with NS records, and those records."""
    labels = host.rstrip(".").split(".")
    for i in range(len(labels) - 1):      # stop before the bare TLD
        name = ".".join(labels[i:])
        ans = query_chain(server, name, "NS")
        if ans.records and len(ans.chain) == 1:
            return name, tuple(r.rstrip(".").lower() for r in ans.records)
    return "", ()


def _ask_over_v6(address: str, port: int, zone: str, timeout: float) -> dict:
    query = dns.message.make_query(zone, "SOA")
    started = time.monotonic()
    try:
        resp = dns.query.udp(query, address, timeout=timeout, port=port)
    except dns.exception.Timeout:
        return {"address": address, "port": port, "ok": False, "error": f"{timeout:g} 秒内没有应答",
                "rcode": "", "ms": round((time.monotonic() - started) * 1000, 1)}
    except (OSError, dns.exception.DNSException) as exc:
        return {"address": address, "port": port, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                "rcode": "", "ms": round((time.monotonic() - started) * 1000, 1)}
    rcode = dns.rcode.to_text(resp.rcode())
    return {"address": address, "port": port, "ok": rcode == "NOERROR",
            "error": "" if rcode == "NOERROR" else f"返回 {rcode}", "rcode": rcode,
            "ms": round((time.monotonic() - started) * 1000, 1)}


def ns_probe(unit: str, host: str, server: DnsServer, ns_port: int, timeout: float,
             measured_at: str) -> Probe:
    """Every NS of the zone: its AAAA (configured resolver) and an SOA query
    sent to each of those IPv6 addresses on ``ns_port``."""
    try:
        zone, names = find_zone(server, host)
    except LookupFailed as exc:
        return Probe(unit=unit, kind="dns.ns", target=host, ok=False, error=f"查询 NS 记录失败: {exc}",
                     data={"host": host}, measured_at=measured_at)
    if not names:
        return Probe(unit=unit, kind="dns.ns", target=host, ok=False,
                     error=f"没有找到 {host} 所在区的 NS 记录", data={"host": host, "zone": ""},
                     measured_at=measured_at)
    servers = []
    for name in names:
        ans = lookup(server, name)
        entry = {"name": name, "a": list(ans.a), "aaaa": list(ans.aaaa), "error": ans.error, "v6": []}
        for addr in ans.aaaa:
            entry["v6"].append(_ask_over_v6(addr, ns_port, zone, timeout))
        servers.append(entry)
    if all(s["error"] for s in servers):
        return Probe(unit=unit, kind="dns.ns", target=zone, ok=False,
                     error="无法解析任何一台域名服务器的地址: " + "; ".join(s["error"] for s in servers),
                     data={"host": host, "zone": zone, "ns": servers}, measured_at=measured_at)
    return Probe(unit=unit, kind="dns.ns", target=zone, ok=True, measured_at=measured_at,
                 data={"host": host, "zone": zone, "ns": servers,
                       "summary": [f"{s['name']} " + (", ".join(f"{bracket(v['address'])}:{v['port']}"
                                                              + ("✓" if v["ok"] else "✗") for v in s["v6"])
                                                     or "无 AAAA") for s in servers]})
