"""Shared pieces of the IPv6 and network checks (no CHECK here)."""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import urlsplit

from checks.base import REG_IPV6, CheckContext, reg
from zwgk_audit.model import Finding, Probe, Status

IPV6_BASIS = (
    reg(REG_IPV6, text="政府网站全面支持 IPv6：域名解析、首页及二级、三级链接可通过 IPv6 访问"),
)

# Probe kind -> the words used when it is missing.
PROBE_NAMES = {
    "dns": "域名解析（A/AAAA）", "dns.ns": "域名服务器（NS）", "ipv6.tcp": "IPv6 TCP 连接",
    "ipv6.http": "IPv4/IPv6 首页访问", "ipv6.depth": "IPv6 深度（二级、三级页面和资源）",
    "tls": "HTTPS/TLS",
}


def home_url(ctx: CheckContext) -> str:
    return ctx.unit.base_url


def home_host(ctx: CheckContext) -> str:
    return (urlsplit(ctx.unit.base_url).hostname or "").lower()


def probe(ctx: CheckContext, kind: str) -> Probe | None:
    """The unit's probe of exactly ``kind`` (snapshot.probes also yields sub-kinds)."""
    for p in ctx.snapshot.probes(ctx.unit.id, kind):
        if p.kind == kind:
            return p
    return None


def unknown_missing(ctx: CheckContext, kind: str) -> Finding:
    return ctx.finding(
        Status.UNKNOWN, f"没有“{PROBE_NAMES.get(kind, kind)}”探测记录（探测未运行），无法判定。",
        url=home_url(ctx), details={"probe": kind}, suggestion="请确认审计时运行了网络探测阶段后重新审计。")


def unknown_failed(ctx: CheckContext, p: Probe) -> Finding:
    return ctx.finding(
        Status.UNKNOWN, f"“{PROBE_NAMES.get(p.kind, p.kind)}”探测未能完成：{p.error}，无法判定。",
        url=home_url(ctx), value=p.error, details={"probe": p.kind, "target": p.target},
        suggestion="请检查审计所用的 DNS 服务器和网络后重新审计；这不是对网站的否定结论。")


def require(ctx: CheckContext, kind: str) -> tuple[Probe | None, Finding | None]:
    """The probe, or the 无法判定 finding explaining why there is none."""
    p = probe(ctx, kind)
    if p is None:
        return None, unknown_missing(ctx, kind)
    if not p.ok:
        return None, unknown_failed(ctx, p)
    return p, None


def chain_text(data: Mapping[str, Any]) -> str:
    return " → ".join(data.get("chain") or [data.get("host", "")])


def without_aaaa(ctx: CheckContext, dns: Probe) -> Finding | None:
    """不适用 when the host has no IPv6 address (``ipv6.aaaa`` reports that)."""
    if dns.data.get("aaaa"):
        return None
    if dns.data.get("literal"):
        why = f"网址使用 IPv4 地址 {dns.data.get('host')}，没有 IPv6 地址可测"
    else:
        why = f"{dns.data.get('host')} 没有 AAAA 记录（解析链：{chain_text(dns.data)}），见“ipv6.aaaa”"
    return ctx.finding(Status.NA, f"{why}，本项不适用。", url=home_url(ctx),
                       details={"chain": list(dns.data.get("chain", []))}, suggestion="")


def require_v6(ctx: CheckContext, *kinds: str) -> tuple[list[Probe], Finding | None]:
    """The probes an IPv6 measurement needs, after the DNS answer showed an
    AAAA record; else the one finding (无法判定 or 不适用) that says why not."""
    dns, early = require(ctx, "dns")
    if dns is None:
        return [], early
    early = without_aaaa(ctx, dns)
    if early is not None:
        return [], early
    probes = []
    for kind in kinds:
        p, early = require(ctx, kind)
        if p is None:
            return [], early
        probes.append(p)
    return probes, None


def ratio(ok: int, total: int) -> float:
    return ok / total if total else 1.0


def pct(x: float) -> str:
    return f"{x * 100:.1f}%"
