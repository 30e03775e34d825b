"""site.columns_summary: the national 单项否决 counts over all columns.

国办秘函〔2019〕19号 vetoes a site with ≥5 columns not updated in time or ≥5
blank columns.  Commercial monitors warn earlier (2 blank columns).
Settings: ``columns_summary.stale_fail`` 5, ``columns_summary.empty_fail`` 5,
``columns_summary.stale_warn`` 0 and ``columns_summary.empty_warn`` 2
(0 turns a warning off).
"""

from __future__ import annotations

from typing import Iterable

from checks.base import REG_INSPECTION, Check, CheckContext, CheckMeta, reg
from checks.site._columns import column_pages, judge_empty, judge_stale, listing_of
from checks.site._common import home_url, setting
from zwgk_audit.model import Finding, Severity, Status

META = CheckMeta(
    id="site.columns_summary",
    title="栏目更新与空白栏目总体情况",
    description="统计全站不及时更新栏目和空白栏目的数量：不更新栏目5个以上或空白栏目5个以上属于单项否决。",
    severity=Severity.VETO,
    requires=("pages",),
    basis=(reg(REG_INSPECTION, "单项否决指标", "栏目不更新数量5个以上；空白栏目数量5个以上"),),
    requirement_kinds=("column_update", "site"),
    suggestion="逐一整改不更新栏目和空白栏目：充实内容或整合、关停栏目。",
    indicator="栏目建设",
)


def run(ctx: CheckContext) -> Iterable[Finding]:
    pages = column_pages(ctx)
    url = home_url(ctx, ctx.snapshot.home(ctx.unit.id))
    if not pages:
        yield ctx.finding(Status.UNKNOWN, "本次采集没有识别到栏目列表页，无法统计栏目更新情况。", url=url,
                          suggestion="检查采集范围和页面分类后重新采集。")
        return
    stale: list[str] = []
    empty: list[str] = []
    unknown: list[str] = []
    for page in pages:
        listing = listing_of(ctx, page)
        e = judge_empty(page, listing)
        if e.status is Status.FAIL:
            empty.append(page.url)
            continue
        s, _ = judge_stale(ctx, page, listing)
        if s.status is Status.FAIL:
            stale.append(page.url)
        elif Status.UNKNOWN in (s.status, e.status):
            unknown.append(page.url)
    stale_fail = int(setting(ctx, "columns_summary.stale_fail", 5))
    empty_fail = int(setting(ctx, "columns_summary.empty_fail", 5))
    stale_warn = int(setting(ctx, "columns_summary.stale_warn", 0))
    empty_warn = int(setting(ctx, "columns_summary.empty_warn", 2))
    details = {"columns": len(pages), "stale": stale, "empty": empty, "unknown": unknown,
               "limits": {"stale_fail": stale_fail, "empty_fail": empty_fail,
                          "stale_warn": stale_warn, "empty_warn": empty_warn}}
    counts = f"共检查栏目 {len(pages)} 个，不及时更新 {len(stale)} 个，空白 {len(empty)} 个，无法判定 {len(unknown)} 个"
    value = f"不更新 {len(stale)}，空白 {len(empty)}"
    if (stale_fail and len(stale) >= stale_fail) or (empty_fail and len(empty) >= empty_fail):
        yield ctx.finding(Status.FAIL, f"{counts}，达到单项否决标准（不更新栏目≥{stale_fail}个或空白栏目≥{empty_fail}个）。",
                          url=url, value=value, details=details)
    elif (stale_warn and len(stale) >= stale_warn) or (empty_warn and len(empty) >= empty_warn):
        yield ctx.finding(Status.WARN, f"{counts}，尚未达到单项否决标准，但已超过常见监测机构的提醒线。",
                          url=url, value=value, details=details)
    else:
        yield ctx.finding(Status.PASS, f"{counts}，未达到单项否决标准。", url=url, value=value,
                          details=details, suggestion="")


CHECK = Check(meta=META, run=run)
