"""ipv6.reachable: every IPv6 address of the portal answers on every web port
the site uses over IPv4 (TCP), and the home page loads over IPv6 on repeated tries."""

from __future__ import annotations

from typing import Iterable

from checks.base import Check, CheckContext, CheckMeta
from checks.ipv6.common import IPV6_BASIS, home_url, pct, require_v6
from zwgk_audit.model import Finding, Severity, Status

TITLE = "首页可通过 IPv6 访问"
DESCRIPTION = ("对门户域名的每个 IPv6 地址，在网站 IPv4 所用的每个端口（80/443 或网址端口）上建立 TCP 连接，"
               "并通过 IPv6 多次请求首页，统计成功率。国家监测会反复访问首页：只要某个 IPv6 地址不通或时通时不通，"
               "部分用户就打不开网站。")
SUGGESTION = "请检查 AAAA 记录指向的地址是否已在服务器/负载均衡/CDN 上监听 IPv6，防火墙是否放行 IPv6 的 80/443 端口；不再使用的地址应从 DNS 中删除。"
DEFAULT_MIN_SUCCESS = 1.0


def _addr(a: str, port: int) -> str:
    return (f"[{a}]" if ":" in a else a) + f":{port}"


def run(ctx: CheckContext) -> Iterable[Finding]:
    probes, early = require_v6(ctx, "ipv6.tcp", "ipv6.http")
    if early is not None:
        yield early
        return
    tcp, http = probes
    need = float(ctx.setting("ipv6_http_min_success", DEFAULT_MIN_SUCCESS))
    rows, problems = [], []
    for r in tcp.data.get("results", []):
        where = _addr(r["address"], r["port"])
        rows.append({"address": where, "test": "TCP", "result": "通" if r["ok"] else r["error"]})
        if not r["ok"]:
            problems.append(f"{where} TCP 连接失败（{r['error']}）")
    for e in http.data.get("v6", []):
        where = _addr(e["address"], e["port"])
        rate = float(e.get("success_rate") or 0.0)
        shown = [str(s) if s is not None else (err or "无应答") for s, err in zip(e["statuses"], e["errors"])]
        rows.append({"address": where, "test": "HTTP", "result": f"成功率 {pct(rate)}（{' / '.join(shown)}）"})
        if rate < need:
            problems.append(f"{where} 首页 {len(e['statuses'])} 次请求成功率 {pct(rate)}，低于 {pct(need)}"
                            f"（{'; '.join(sorted(set(shown)))}）")
    details = {"results": rows, "ports": tcp.data.get("ports", []), "min_success": need,
               "v4": http.data.get("v4", {})}
    v4_rate = (http.data.get("v4") or {}).get("success_rate")
    if problems:
        note = "（IPv4 同样无法访问首页，网站整体不可用）" if v4_rate == 0 else ""
        yield ctx.finding(Status.FAIL, "IPv6 访问不通：" + "；".join(problems) + note, url=home_url(ctx),
                          value="; ".join(problems), expected=f"每个 IPv6 地址、每个端口都可访问，成功率 ≥ {pct(need)}",
                          details=details)
        return
    tested = ", ".join(r["address"] for r in rows if r["test"] == "TCP")
    yield ctx.finding(Status.PASS, f"所有 IPv6 地址和端口（{tested}）均可连接，首页通过 IPv6 访问全部成功。",
                      url=home_url(ctx), value=tested, details=details)


CHECK = Check(
    meta=CheckMeta(id="ipv6.reachable", title=TITLE, description=DESCRIPTION, severity=Severity.MAJOR,
                   requires=("probes:dns", "probes:ipv6.tcp", "probes:ipv6.http"), basis=IPV6_BASIS,
                   requirement_kinds=("ipv6",), suggestion=SUGGESTION, indicator="IPv6"),
    run=run,
)
