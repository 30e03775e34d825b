"""ipv6.depth: the share of 二级 and 三级 pages and of page resources that load over IPv6.

No national numeric threshold for link depth has been published (domain.md
§5); the defaults below are this tool's and are set in ``[thresholds]``:
``ipv6_depth_level2`` 0.9, ``ipv6_depth_level3`` 0.85, ``ipv6_depth_resources`` 0.85.
"""

from __future__ import annotations

from typing import Iterable

from checks.base import Check, CheckContext, CheckMeta
from checks.ipv6.common import IPV6_BASIS, home_url, pct, ratio, require_v6
from zwgk_audit.model import Finding, Severity, Status

TITLE = "二级、三级页面和页面资源可通过 IPv6 访问"
DESCRIPTION = ("对抓取到的二级、三级页面，以及页面加载的脚本、样式、图片和附件（常在其他域名上），逐一解析域名的 AAAA "
               "记录并通过 IPv6 请求，统计可访问的比例。国家监测要求 IPv6 支持“深入”到二级、三级链接：首页通了而"
               "栏目页或图片、脚本所在域名不支持 IPv6，页面在 IPv6 下仍然打不开或显示不全。"
               "国家未公布深度比例的统一数值，本工具默认二级 90%、三级 85%、资源 85%，可在配置中调整。")
SUGGESTION = "请为列出的域名（栏目子站、图片/附件服务器、第三方统计和 CDN 脚本）开通 IPv6，或改用支持 IPv6 的服务；无法改造的外部资源应替换。"
DEFAULTS = {"level2": 0.9, "level3": 0.85, "resources": 0.85}
LABELS = {"level2": "二级页面", "level3": "三级页面", "resources": "页面资源"}


def run(ctx: CheckContext) -> Iterable[Finding]:
    probes, early = require_v6(ctx, "ipv6.depth")
    if early is not None:
        yield early
        return
    depth, = probes
    d = depth.data
    parts, problems, measured = [], [], {}
    for group, default in DEFAULTS.items():
        g = d.get(group) or {}
        total, ok = int(g.get("total", 0)), int(g.get("ok", 0))
        need = float(ctx.setting(f"ipv6_depth_{group}", default))
        if not total:
            continue
        share = ratio(ok, total)
        measured[group] = {"total": total, "ok": ok, "ratio": round(share, 4), "threshold": need,
                           "found": g.get("found", total)}
        parts.append(f"{LABELS[group]} {ok}/{total}（{pct(share)}）")
        if share < need:
            problems.append(f"{LABELS[group]} {ok}/{total}（{pct(share)}）低于 {pct(need)}")
    failing_hosts = list(d.get("failing_hosts", []))
    details = {"groups": measured, "failing_hosts": failing_hosts,
               "failing_urls": list(d.get("failing_urls", []))[:50], "max_urls": d.get("max_urls")}
    if not measured:
        yield ctx.finding(Status.UNKNOWN, "抓取结果中没有二级、三级页面或页面资源，无法测量 IPv6 深度。",
                          url=home_url(ctx), details=details)
        return
    if problems:
        hosts = "、".join(failing_hosts[:10]) or "无"
        yield ctx.finding(Status.FAIL, "IPv6 深度不足：" + "；".join(problems) + f"。IPv6 下无法访问的域名：{hosts}。",
                          url=home_url(ctx), value=", ".join(failing_hosts), details=details,
                          expected="；".join(f"{LABELS[g]} ≥ {pct(m['threshold'])}" for g, m in measured.items()))
        return
    yield ctx.finding(Status.PASS, "通过 IPv6 可访问：" + "；".join(parts) + "。", url=home_url(ctx),
                      value="; ".join(parts), details=details)


CHECK = Check(
    meta=CheckMeta(id="ipv6.depth", title=TITLE, description=DESCRIPTION, severity=Severity.MAJOR,
                   requires=("probes:dns", "probes:ipv6.depth"), basis=IPV6_BASIS,
                   requirement_kinds=("ipv6",), suggestion=SUGGESTION, indicator="IPv6"),
    run=run,
)
