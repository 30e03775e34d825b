"""ipv6.nameservers: the zone's name servers have IPv6 addresses and answer over IPv6."""

from __future__ import annotations

from typing import Iterable

from checks.base import Check, CheckContext, CheckMeta
from checks.ipv6.common import IPV6_BASIS, home_url, require
from zwgk_audit.model import Finding, Severity, Status

TITLE = "域名服务器支持 IPv6"
DESCRIPTION = ("查出门户域名所在区的 NS 记录，检查每台域名服务器是否有 AAAA 记录，并通过其 IPv6 地址发出查询看是否应答。"
               "国家监测把“权威域名服务器支持 IPv6”列为网站 IPv6 支持的一部分：只有 IPv6 网络的用户也要能完成解析。")
SUGGESTION = "请要求域名解析服务商为所有 NS 服务器提供 IPv6 地址（AAAA 记录与 IPv6 胶水记录），或更换支持 IPv6 的解析服务。"


def run(ctx: CheckContext) -> Iterable[Finding]:
    dns, unknown = require(ctx, "dns")
    if dns is None:
        yield unknown
        return
    if dns.data.get("literal"):
        yield ctx.finding(Status.NA, f"网址直接使用 IP 地址 {dns.data.get('host')}，不经域名解析，本项不适用。",
                          url=home_url(ctx), suggestion="")
        return
    ns, unknown = require(ctx, "dns.ns")
    if ns is None:
        yield unknown
        return
    servers = ns.data.get("ns", [])
    zone = ns.data.get("zone", "")
    problems, unresolved = [], []
    for s in servers:
        if s.get("error"):
            unresolved.append(f"{s['name']}（{s['error']}）")
            continue
        if not s.get("aaaa"):
            problems.append(f"{s['name']} 没有 AAAA 记录")
        for v in s.get("v6", []):
            if not v.get("ok"):
                problems.append(f"{s['name']} 的 IPv6 地址 [{v['address']}]:{v['port']} 不应答（{v.get('error')}）")
    details = {"zone": zone, "ns": servers}
    names = ", ".join(s["name"] for s in servers)
    if problems:
        yield ctx.finding(Status.FAIL, f"区 {zone} 的域名服务器不完全支持 IPv6：" + "；".join(problems) + "。",
                          url=home_url(ctx), value=names, expected="每台 NS 都有 AAAA 并通过 IPv6 应答",
                          details=details)
    elif unresolved:
        yield ctx.finding(Status.UNKNOWN, "部分域名服务器的地址无法查询：" + "；".join(unresolved) + "，无法判定。",
                          url=home_url(ctx), value=names, details=details)
    else:
        yield ctx.finding(Status.PASS, f"区 {zone} 的 {len(servers)} 台域名服务器（{names}）均有 AAAA 记录并通过 IPv6 应答。",
                          url=home_url(ctx), value=names, details=details)


CHECK = Check(
    meta=CheckMeta(id="ipv6.nameservers", title=TITLE, description=DESCRIPTION, severity=Severity.MINOR,
                   requires=("probes:dns", "probes:dns.ns"), basis=IPV6_BASIS,
                   requirement_kinds=("ipv6",), suggestion=SUGGESTION, indicator="IPv6"),
    run=run,
)
