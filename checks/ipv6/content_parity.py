"""ipv6.content_parity: the home page over IPv6 is the same page as over IPv4."""

from __future__ import annotations

from typing import Iterable

from checks.base import Check, CheckContext, CheckMeta
from checks.ipv6.common import IPV6_BASIS, home_url, pct, require_v6
from zwgk_audit.model import Finding, Severity, Status

TITLE = "IPv4 与 IPv6 访问内容一致"
DESCRIPTION = ("分别通过 IPv4 和 IPv6 地址请求首页（同一域名），去掉每次请求都会变化的部分（CSRF 令牌、时间戳、"
               "随机数、会话号、防缓存参数）后比较状态码和内容相似度。国家监测要求两种协议下内容一致："
               "IPv6 指向旧服务器、测试页或“建设中”页面都算不支持。")
SUGGESTION = "请确认 IPv6 地址与 IPv4 地址指向同一网站（同一源站或 CDN 配置），IPv6 入口不要指向旧版或测试服务器。"
DEFAULT_SIMILARITY = 0.9


def run(ctx: CheckContext) -> Iterable[Finding]:
    probes, early = require_v6(ctx, "ipv6.http")
    if early is not None:
        yield early
        return
    http, = probes
    need = float(ctx.setting("ipv6_content_similarity", DEFAULT_SIMILARITY))
    v4 = http.data.get("v4") or {}
    compared = [e for e in http.data.get("v6", []) if e.get("similarity") is not None]
    details = {"v4": v4, "v6": http.data.get("v6", []), "min_similarity": need}
    if not v4.get("success_rate"):
        yield ctx.finding(Status.UNKNOWN, "通过 IPv4 没有取得首页，没有可比较的基准，无法判定。",
                          url=home_url(ctx), details=details)
        return
    if not compared:
        yield ctx.finding(Status.UNKNOWN, "通过 IPv6 没有取得首页（见“ipv6.reachable”），无法比较内容。",
                          url=home_url(ctx), details=details)
        return
    problems = []
    for e in compared:
        where = f"[{e['address']}]:{e['port']}"
        if not e.get("status_match", True):
            problems.append(f"{where} 状态码 {e['statuses'][0]}，IPv4 为 {v4['statuses'][0]}")
        if e["similarity"] < need:
            problems.append(f"{where} 内容与 IPv4 相似度 {pct(e['similarity'])}，低于 {pct(need)}")
    if problems:
        yield ctx.finding(Status.FAIL, "IPv6 与 IPv4 首页内容不一致：" + "；".join(problems) + "。",
                          url=home_url(ctx), value="; ".join(problems), expected=f"相似度 ≥ {pct(need)}，状态码相同",
                          details=details)
        return
    low = min(e["similarity"] for e in compared)
    yield ctx.finding(Status.PASS, f"IPv6 与 IPv4 首页状态码相同，内容相似度 {pct(low)}。",
                      url=home_url(ctx), value=pct(low), details=details)


CHECK = Check(
    meta=CheckMeta(id="ipv6.content_parity", title=TITLE, description=DESCRIPTION, severity=Severity.MAJOR,
                   requires=("probes:dns", "probes:ipv6.http"), basis=IPV6_BASIS,
                   requirement_kinds=("ipv6",), suggestion=SUGGESTION, indicator="IPv6"),
    run=run,
)
