"""Probes "ipv6.tcp" and "ipv6.http": does the home page answer on every
IPv6 address and port the site uses over IPv4, and is it the same page?"""

from __future__ import annotations

from urllib.parse import urlsplit

from crawler.probes.dnslookup import DnsAnswer
from crawler.probes.net import HttpResult, http_get, tcp_connect, url_port
from crawler.probes.normalize import content_hash, decode, similarity
from zwgk_audit.model import Probe


def site_ports(url: str, v4_addresses: tuple[str, ...], timeout: float) -> list[int]:
    """The URL's port, plus 80/443 when the site also answers there over IPv4
    (national monitoring tests both web ports on a dual-stack site)."""
    port = url_port(url)
    ports = [port]
    if urlsplit(url).port is None:
        other = 443 if port == 80 else 80
        if any(tcp_connect(a, other, timeout).ok for a in v4_addresses[:1]):
            ports.append(other)
    return ports


def tcp_probe(unit: str, url: str, answer: DnsAnswer, timeout: float, measured_at: str) -> Probe:
    host = answer.host
    if not answer.ok:
        return Probe(unit=unit, kind="ipv6.tcp", target=host, ok=False, error=f"域名解析失败: {answer.error}",
                     data={"host": host}, measured_at=measured_at)
    ports = site_ports(url, answer.a, timeout) if answer.a else [url_port(url)]
    v4 = [tcp_connect(a, p, timeout).to_json() for a in answer.a for p in ports]
    v6 = [tcp_connect(a, p, timeout).to_json() for a in answer.aaaa for p in ports]
    return Probe(unit=unit, kind="ipv6.tcp", target=host, ok=True, measured_at=measured_at,
                 data={"host": host, "ports": ports, "v4": v4, "results": v6})


def _series(url: str, address: str, repeat: int, timeout: float) -> tuple[dict, str]:
    """``repeat`` fetches from one address: statuses, errors, success rate and
    the text of the first successful answer (for comparison)."""
    runs: list[HttpResult] = [http_get(url, address, timeout) for _ in range(repeat)]
    first = next((r for r in runs if r.ok), None)
    text = decode(first.body, first.headers) if first else ""
    entry = {
        "address": address, "port": url_port(url),
        "statuses": [r.status for r in runs],
        "errors": [r.error for r in runs],
        "ms": [round(r.ms, 1) for r in runs],
        "success_rate": round(sum(r.ok for r in runs) / len(runs), 3),
        "hash": content_hash(text) if first else "",
        "size": len(first.body) if first else 0,
        "location": first.location if first else "",
    }
    return entry, text


def http_probe(unit: str, url: str, answer: DnsAnswer, repeat: int, timeout: float,
               measured_at: str) -> Probe:
    if not answer.ok:
        return Probe(unit=unit, kind="ipv6.http", target=url, ok=False, error=f"域名解析失败: {answer.error}",
                     data={"url": url}, measured_at=measured_at)
    v4_entry, v4_text = (_series(url, answer.a[0], repeat, timeout) if answer.a else ({}, ""))
    v6_entries = []
    for address in answer.aaaa:
        entry, text = _series(url, address, repeat, timeout)
        if v4_text and text:
            entry["similarity"] = round(similarity(v4_text, text), 4)
            entry["status_match"] = _first_ok(entry) == _first_ok(v4_entry)
        v6_entries.append(entry)
    total = sum(len(e["statuses"]) for e in v6_entries)
    ok = sum(e["success_rate"] * len(e["statuses"]) for e in v6_entries)
    sims = [e["similarity"] for e in v6_entries if "similarity" in e]
    return Probe(unit=unit, kind="ipv6.http", target=url, ok=True, measured_at=measured_at, data={
        "url": url, "repeat": repeat, "v4": v4_entry, "v6": v6_entries,
        "success_rate": round(ok / total, 3) if total else None,
        "similarity": min(sims) if sims else None,
    })


def _first_ok(entry: dict) -> int | None:
    return next((s for s in entry["statuses"] if s is not None and 200 <= s < 400), None)
