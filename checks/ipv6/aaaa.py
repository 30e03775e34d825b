"""ipv6.aaaa: the portal's name has an IPv6 address (AAAA), following CNAMEs to CDNs."""

from __future__ import annotations

from typing import Iterable

from checks.base import Check, CheckContext, CheckMeta
from checks.ipv6.common import IPV6_BASIS, chain_text, home_url, require
from zwgk_audit.model import Finding, Severity, Status

TITLE = "门户域名有 IPv6 地址（AAAA 记录）"
DESCRIPTION = ("通过审计配置的 DNS 服务器查询门户域名的 AAAA 记录，并沿 CNAME 链（常指向 CDN）查到底。"
               "国家监测的第一步就是域名能否解析出 IPv6 地址：没有 AAAA 记录，IPv6 用户就无法访问网站。")
SUGGESTION = "请在域名解析中为门户域名（或其 CNAME 指向的 CDN 域名）添加 AAAA 记录，并确认 CDN 已开启 IPv6。"


def run(ctx: CheckContext) -> Iterable[Finding]:
    dns, unknown = require(ctx, "dns")
    if dns is None:
        yield unknown
        return
    d = dns.data
    chain = chain_text(d)
    details = {"chain": list(d.get("chain", [])), "a": list(d.get("a", [])), "aaaa": list(d.get("aaaa", [])),
               "rcode": d.get("rcode", ""), "server": d.get("server", "")}
    if d.get("literal"):
        yield ctx.finding(Status.NA, f"网址直接使用 IP 地址 {d.get('host')}，没有域名可解析，本项不适用。",
                          url=home_url(ctx), value=str(d.get("host")), details=details, suggestion="")
        return
    if d.get("aaaa"):
        yield ctx.finding(Status.PASS, f"{d.get('host')} 解析到 IPv6 地址 {', '.join(d['aaaa'])}（解析链：{chain}）。",
                          url=home_url(ctx), value=", ".join(d["aaaa"]), snippet=chain, details=details)
        return
    if d.get("rcode") == "NXDOMAIN":
        # A real answer: the name (or the end of its chain) does not exist, so it has no AAAA.
        msg = f"域名不存在（NXDOMAIN），自然没有 AAAA 记录（解析链：{chain}）。"
    else:
        tail = d["chain"][-1] if d.get("chain") else d.get("host")
        msg = (f"{tail} 没有 AAAA 记录，IPv6 用户无法访问（解析链：{chain}；IPv4 地址："
               f"{', '.join(d.get('a', [])) or '无'}）。")
    yield ctx.finding(Status.FAIL, msg, url=home_url(ctx), value="", snippet=chain,
                      expected="至少一条 AAAA 记录", details=details)


CHECK = Check(
    meta=CheckMeta(id="ipv6.aaaa", title=TITLE, description=DESCRIPTION, severity=Severity.MAJOR,
                   requires=("probes:dns",), basis=IPV6_BASIS, requirement_kinds=("ipv6",),
                   suggestion=SUGGESTION, indicator="IPv6"),
    run=run,
)
