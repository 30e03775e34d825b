"""columns.empty (空白栏目) and columns.stale (栏目不更新), one finding per
column list page (its first page; later pages are skipped).

Thresholds (``[thresholds]``): ``stale_days.news`` 14, ``stale_days.notice``
183, ``stale_days.policy`` 183, ``stale_days.personnel`` 365,
``stale_days.plan`` 365, ``stale_days.default`` 365; the column's type comes
from its name (checks/site/column_types.json).  ``undated_counts_as_stale``
(default false): the national rule counts entries without a visible date as
not updated; by default such a column is 无法判定.  A column page that could
not be fetched is left to links.broken; an empty column gets columns.stale
``na`` (its defect is columns.empty).
"""

from __future__ import annotations

from typing import Iterable

from checks.base import REG_GUIDE, REG_INSPECTION, Check, CheckContext, CheckMeta, reg
from checks.site._columns import column_pages, judge_empty, judge_stale, listing_of
from zwgk_audit.model import Finding, Status

EMPTY = CheckMeta(
    id="columns.empty",
    title="空白栏目",
    description="栏目列表页应有信息条目；没有任何内容的栏目为空白栏目（国办秘函〔2019〕19号：空白栏目数量5个以上单项否决）。",
    requires=("pages",),
    basis=(reg(REG_INSPECTION, "单项否决指标", "空白栏目数量超过5个"),
           reg(REG_GUIDE, "", "栏目应有内容，无内容的栏目应及时整合或关停")),
    requirement_kinds=("column_update",),
    suggestion="及时充实栏目内容；确无内容可发布的栏目应整合或撤销，不得保留空白栏目。",
    indicator="栏目建设",
)

STALE = CheckMeta(
    id="columns.stale",
    title="栏目更新及时性",
    description="栏目最新信息的发布日期不应早于该类栏目的更新时限：动态要闻类2周，通知公告和政策文件类6个月，人事、规划类1年（时限可配置）。",
    requires=("pages",),
    basis=(reg(REG_INSPECTION, "单项否决指标", "动态、要闻类栏目2周未更新，通知公告、政策文件类栏目6个月未更新的栏目数量达5个以上"),
           reg(REG_GUIDE, "", "及时更新栏目内容")),
    requirement_kinds=("column_update",),
    suggestion="按栏目类型及时更新信息；长期无更新的栏目应整合或关停，并在页面说明。",
    indicator="栏目建设",
)


def run_empty(ctx: CheckContext) -> Iterable[Finding]:
    for page in column_pages(ctx):
        listing = listing_of(ctx, page)
        v = judge_empty(page, listing)
        yield ctx.finding(v.status, v.message, url=page.url, value=v.value, snippet=v.snippet,
                          expected=v.expected,
                          details={"column_name": listing.column_name, "rows": len(listing.rows),
                                   "datastore": listing.datastore, "rendered": page.rendered,
                                   "total_items": listing.pagination.total_items,
                                   "total_pages": listing.pagination.total_pages},
                          suggestion=None if v.status is not Status.PASS else "")


def run_stale(ctx: CheckContext) -> Iterable[Finding]:
    for page in column_pages(ctx):
        listing = listing_of(ctx, page)
        v, details = judge_stale(ctx, page, listing)
        yield ctx.finding(v.status, v.message, url=page.url, value=v.value, snippet=v.snippet,
                          expected=v.expected, details=details,
                          suggestion=None if v.status in (Status.FAIL, Status.UNKNOWN) else "")


CHECKS = [Check(meta=EMPTY, run=run_empty), Check(meta=STALE, run=run_stale)]
