"""site.home_reachable: the portal's home page answers (单项否决 网站无法访问)."""

from __future__ import annotations

from typing import Iterable

from checks.base import REG_GUIDE, REG_INSPECTION, Check, CheckContext, CheckMeta, reg
from checks.site._common import home_url
from zwgk_audit.model import Finding, Severity, Status

META = CheckMeta(
    id="site.home_reachable",
    title="首页可访问",
    description="网站首页应能正常访问（HTTP 2xx，允许重定向）。首页无法访问属于单项否决指标“网站无法访问”。",
    severity=Severity.VETO,
    requires=("pages",),
    basis=(reg(REG_INSPECTION, "单项否决指标", "网站无法访问"),
           reg(REG_GUIDE, "", "确保网站安全、稳定运行")),
    requirement_kinds=("site",),
    suggestion="排查服务器、域名解析和网络链路，确保首页稳定可访问；如已迁址，应设置重定向并在原址公告。",
    indicator="网站可用性",
)


def run(ctx: CheckContext) -> Iterable[Finding]:
    home = ctx.snapshot.home(ctx.unit.id)
    url = home_url(ctx, home)
    if home is None:
        yield ctx.finding(Status.UNKNOWN, "本次采集没有首页的访问记录，无法判定首页是否可访问。", url=url,
                          suggestion="检查采集配置（base_url、robots、抓取范围）后重新采集。")
        return
    details = {"status": home.status, "final_url": home.final_url, "elapsed_ms": home.elapsed_ms,
               "fetched_at": home.fetched_at, "error": home.error}
    if home.status is not None and 200 <= home.status < 300:
        moved = f"（重定向至 {home.final_url}）" if home.final_url and home.final_url != home.url else ""
        yield ctx.finding(Status.PASS, f"首页正常访问，HTTP {home.status}{moved}。", url=url,
                          value=f"HTTP {home.status}", details=details)
    elif home.status is not None and 300 <= home.status < 400:
        location = home.headers.get("location") or home.headers.get("Location") or home.final_url
        yield ctx.finding(Status.UNKNOWN, f"首页返回重定向 HTTP {home.status}（指向 {location}），采集未跟随，"
                          "无法判定最终页面是否可访问。", url=url, value=f"HTTP {home.status}", details=details,
                          suggestion="确认重定向目标在抓取范围内后重新采集。")
    else:
        what = f"HTTP {home.status}" if home.status is not None else f"网络错误：{home.error or '无响应'}"
        yield ctx.finding(Status.FAIL, f"首页无法访问（{what}），属于单项否决指标“网站无法访问”。", url=url,
                          value=what, expected="HTTP 2xx", details=details)


CHECK = Check(meta=META, run=run)
