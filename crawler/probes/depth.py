"""Probe "ipv6.depth": the share of 二级/三级 pages and of page resources
(scripts, styles, images, attachments, often on other hosts) that load over
IPv6.

Pages at crawl depth 1 are 二级, depth 2 三级.  Each distinct host is
resolved once (AAAA via the configured DNS); each distinct URL, up to
``max_urls`` in total (taken round-robin from the three groups so a large
site still samples every group), is fetched from the host's first IPv6
address.  A host without AAAA fails all its URLs without a connection.
TLS certificates are not verified here: reachability is the question
(network.https judges certificates).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable
from urllib.parse import urlsplit

from crawler.probes.dnslookup import DnsAnswer
from crawler.probes.net import http_get
from zwgk_audit.model import LinkKind, Probe, Snapshot

RESOURCE_KINDS = (LinkKind.SCRIPT, LinkKind.STYLESHEET, LinkKind.IMAGE, LinkKind.ATTACHMENT)
GROUPS = ("level2", "level3", "resources")


def depth_targets(snapshot: Snapshot, unit: str) -> dict[str, list[str]]:
    groups: dict[str, set[str]] = {g: set() for g in GROUPS}
    # What did not load in the crawl either (404, errors) is a broken link, not an IPv6 gap.
    broken = {u for p in snapshot.pages(unit) if not (p.status and p.status < 400) for u in (p.url, p.final_url) if u}
    for page in snapshot.pages(unit):
        if page.url in broken:
            continue
        if page.depth == 1:
            groups["level2"].add(page.url)
        elif page.depth == 2:
            groups["level3"].add(page.url)
    for link in snapshot.links(unit):
        if link.kind in RESOURCE_KINDS and urlsplit(link.target).scheme in ("http", "https") and link.target not in broken:
            groups["resources"].add(link.target)
    return {g: sorted(v) for g, v in groups.items()}


def _sample(groups: dict[str, list[str]], cap: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {g: [] for g in groups}
    seen: set[str] = set()
    iters = {g: iter(v) for g, v in groups.items()}
    taken = 0
    while taken < cap and iters:
        for g in list(iters):
            url = next(iters[g], None)
            if url is None:
                del iters[g]
                continue
            out[g].append(url)
            if url not in seen:
                seen.add(url)
                taken += 1
            if taken >= cap:
                break
    return out


def depth_probe(unit: str, snapshot: Snapshot | None, resolve: Callable[[str], DnsAnswer],
                max_urls: int, timeout: float, workers: int, measured_at: str) -> Probe:
    if snapshot is None:
        return Probe(unit=unit, kind="ipv6.depth", target=unit, ok=False, measured_at=measured_at,
                     error="没有抓取结果（二级、三级页面和页面资源），无法测量 IPv6 深度")
    groups = depth_targets(snapshot, unit)
    sampled = _sample(groups, max_urls)
    urls = sorted({u for v in sampled.values() for u in v})
    hosts = sorted({urlsplit(u).hostname or "" for u in urls})
    answers = {h: resolve(h) for h in hosts}
    unresolved = {h: a.error for h, a in answers.items() if not a.ok}
    if hosts and len(unresolved) == len(hosts):
        return Probe(unit=unit, kind="ipv6.depth", target=unit, ok=False, measured_at=measured_at,
                     error="所有域名都无法解析: " + "; ".join(f"{h}: {e}" for h, e in unresolved.items()),
                     data={"hosts": hosts})

    def fetch(url: str) -> tuple[str, bool, str]:
        ans = answers[urlsplit(url).hostname or ""]
        if not ans.ok:
            return url, False, f"域名解析失败: {ans.error}"
        if not ans.aaaa:
            return url, False, "域名没有 AAAA 记录"
        r = http_get(url, ans.aaaa[0], timeout, max_bytes=256 * 1024)
        return url, r.ok, r.error or ("" if r.ok else f"HTTP {r.status}")

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = {u: (ok, err) for u, ok, err in pool.map(fetch, urls)}
    data: dict = {"max_urls": max_urls}
    for g in GROUPS:
        tried = sampled[g]
        data[g] = {"found": len(groups[g]), "total": len(tried), "ok": sum(results[u][0] for u in tried)}
    failing = sorted(u for u, (ok, _e) in results.items() if not ok)
    data["failing_urls"] = [{"url": u, "error": results[u][1]} for u in failing]
    data["failing_hosts"] = sorted({urlsplit(u).hostname or "" for u in failing})
    data["hosts"] = {h: {"aaaa": list(a.aaaa), "error": a.error} for h, a in answers.items()}
    data["unresolved_hosts"] = unresolved
    return Probe(unit=unit, kind="ipv6.depth", target=unit, ok=True, data=data, measured_at=measured_at)
