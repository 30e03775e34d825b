"""Column list pages of a unit and their verdicts, shared by columns.empty,
columns.stale and site.columns_summary (one listing parse per page)."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checks.base import CheckContext
from checks.site._common import is_html, setting
from extract.listing import Listing, canonical_column_url, is_later_page, parse_listing
from zwgk_audit.model import Page, PageKind, Status

_TYPES_FILE = Path(__file__).with_name("column_types.json")
DEFAULT_DAYS = 365
HUB_MIN_LINKS = 2             # a page listing sub-columns is a hub, not a blank column
SINGLE_PAGE_MIN_CHARS = 60    # 指南-style pages: an article instead of a list


@dataclass(frozen=True)
class ColumnType:
    key: str
    label: str
    days: int
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def column_types() -> tuple[ColumnType, ...]:
    data = json.loads(_TYPES_FILE.read_text(encoding="utf-8"))
    return tuple(ColumnType(t["key"], t["label"], int(t["days"]), tuple(t["names"])) for t in data["types"])


def classify(names: tuple[str, ...]) -> tuple[ColumnType | None, str]:
    """The type of the first candidate name that names one (most trusted first)."""
    for name in names:
        for ctype in column_types():
            if any(word in name for word in ctype.names):
                return ctype, name
    return None, ""


def threshold_days(ctx: CheckContext, ctype: ColumnType | None) -> int:
    if ctype is None:
        return int(setting(ctx, "stale_days.default", DEFAULT_DAYS))
    return int(setting(ctx, f"stale_days.{ctype.key}", ctype.days))


def _listing(page: Page, text: str) -> Listing:
    return parse_listing(text, page.final_url or page.url)


def listing_of(ctx: CheckContext, page: Page) -> Listing:
    return ctx.snapshot.derive("listing", page, _listing)


def column_pages(ctx: CheckContext) -> list[Page]:
    """First pages of the unit's columns, one per column.

    Later pages (index_1.html, ?page=2) are skipped.  When one column was
    fetched under several first-page URLs (``/col/`` and ``/col/index.html``)
    the one most linked to is kept, then the shorter URL."""
    snap, unit = ctx.snapshot, ctx.unit.id
    inbound: dict[str, int] = {}
    for link in snap.links(unit):
        inbound[link.target] = inbound.get(link.target, 0) + 1
    chosen: dict[str, Page] = {}
    for page in snap.pages(unit, PageKind.COLUMN):
        if not page.ok or not is_html(page) or is_later_page(page.url):
            continue
        # query variants of one path (?month=…) are one column, judged once
        key = canonical_column_url(page.url.split("?", 1)[0])
        best = chosen.get(key)
        rank = (-inbound.get(page.url, 0), len(page.url), page.url)
        if best is None or rank < (-inbound.get(best.url, 0), len(best.url), best.url):
            chosen[key] = page
    return sorted(chosen.values(), key=lambda p: p.url)


@dataclass(frozen=True)
class Verdict:
    status: Status
    message: str
    value: str = ""
    snippet: str = ""
    expected: str = ""


def judge_empty(page: Page, listing: Listing) -> Verdict:
    name = listing.column_name or "该栏目"
    if listing.rows:
        return Verdict(Status.PASS, f"栏目“{name}”有 {len(listing.rows)} 条信息。", value=str(len(listing.rows)))
    if listing.script_filled and not page.rendered and not listing.empty_marker:
        return Verdict(Status.UNKNOWN, f"栏目“{name}”的列表由脚本加载（{listing.script_filled}），"
                       "静态页面中无法判定是否为空白栏目；请以浏览器渲染方式重新采集。")
    if not listing.datastore and not listing.empty_marker:
        if listing.column_links >= HUB_MIN_LINKS:
            return Verdict(Status.PASS, f"“{name}”为栏目导航页，列出 {listing.column_links} 个子栏目。",
                           value=f"{listing.column_links} 个子栏目")
        if listing.content_chars >= SINGLE_PAGE_MIN_CHARS:
            return Verdict(Status.PASS, f"“{name}”为单页栏目，正文约 {listing.content_chars} 字。",
                           value=f"正文约 {listing.content_chars} 字")
    if listing.datastore:
        why = "页面数据（datastore）中没有任何记录"
    elif listing.empty_marker:
        why = f"页面显示“{listing.empty_marker}”"
    else:
        why = "页面上没有任何信息条目"
    return Verdict(Status.FAIL, f"栏目“{name}”为空白栏目：{why}。", value="0",
                   snippet=listing.empty_marker, expected="至少1条信息")


def judge_stale(ctx: CheckContext, page: Page, listing: Listing) -> tuple[Verdict, dict]:
    ctype, matched = classify(listing.names)
    days = threshold_days(ctx, ctype)
    label = ctype.label if ctype else "其他栏目"
    name = listing.column_name or "该栏目"
    details = {"column_name": listing.column_name, "column_name_source": listing.column_name_source,
               "column_type": ctype.key if ctype else "default", "type_matched_by": matched,
               "threshold_days": days, "as_of": ctx.as_of.isoformat(), "rows": len(listing.rows),
               "dated_rows": len(listing.dated_rows)}
    expected = f"{label}最近 {days} 天内有更新"
    hub = listing.column_links >= max(HUB_MIN_LINKS, len(listing.rows)) and not listing.dated_rows
    single = not listing.rows and listing.content_chars >= SINGLE_PAGE_MIN_CHARS
    if (hub or single) and not listing.datastore:
        return Verdict(Status.NA, f"“{name}”为单页栏目或栏目导航页，没有带日期的信息条目，不按条目日期判定更新。",
                       expected=expected), details
    if not listing.rows:
        return Verdict(Status.NA, f"栏目“{name}”没有信息条目，更新情况见“空白栏目”检查。", expected=expected), details
    # a date after the audit day is a typo, not an update
    limit = ctx.as_of + _dt.timedelta(days=1)
    dated = [r for r in listing.dated_rows if r.date is not None and r.date <= limit]
    details["future_dates"] = len(listing.dated_rows) - len(dated)
    newest = max(dated, key=lambda r: r.date) if dated else None   # type: ignore[arg-type, return-value]
    if newest is None:
        if bool(setting(ctx, "undated_counts_as_stale", False)):
            return Verdict(Status.FAIL, f"栏目“{name}”的条目均未显示日期，按检查指标视为未更新。",
                           expected=expected), details
        return Verdict(Status.UNKNOWN, f"栏目“{name}”条目没有显示日期，无法判定更新情况。", expected=expected), details
    assert newest.date is not None
    age = (ctx.as_of - newest.date).days
    details.update(newest_date=newest.date.isoformat(), newest_title=newest.title, newest_url=newest.href,
                   age_days=age)
    snippet = f"{newest.title} {newest.date_text}"
    if age > days:
        return Verdict(Status.FAIL, f"栏目“{name}”（{label}）最新信息发布于 {newest.date.isoformat()}，"
                       f"距 {ctx.as_of.isoformat()} 已 {age} 天未更新，超过 {days} 天的时限。",
                       value=newest.date.isoformat(), snippet=snippet, expected=expected), details
    return Verdict(Status.PASS, f"栏目“{name}”（{label}）最新信息发布于 {newest.date.isoformat()}，"
                   f"{age} 天前，在 {days} 天时限内。", value=newest.date.isoformat(), snippet=snippet,
                   expected=expected), details

