"""Checks over the unit's reports as a series (one per year).

Check ids and finding keys:
  annual_report.presence    missing:<year>     url: unit base URL; fail (last year's report absent
                                               after its deadline), pending (before it)
  annual_report.timeliness  late:<year>        url: report; fail (published after 1月31日),
                                               unknown (no publication date visible)
  annual_report.title       title:unit, title:year   url: report; fail
  annual_report.duplicates  duplicate:<year>   url: every report of that year after the first; fail
  annual_report.series      gap:<year>         url: unit base URL; fail (a year missing between reports)
  annual_report.carryover   carryover:<year>   url: report; fail (二、上年结转 ≠ last year's 四、结转下年度)
  annual_report.stock       stock:<year>:<规章|行政规范性文件>  url: report; warn (现行有效件数 ≠
                                               last year's + 本年制发 − 本年废止)
"""

from __future__ import annotations

from typing import Iterable

from checks.annual_report.common import (
    BASIS, BASIS_ART50, BASIS_FORMAT, KINDS, deadline, find_reports, own_reports,
)
from checks.annual_report.document import _meta
from checks.base import Check, CheckContext
from extract.annual_report import TABLE3_COLUMNS
from extract.annual_report.text import title_unit
from zwgk_audit.model import Finding, Severity, Status


def _by_year(ctx: CheckContext) -> dict[int, list]:
    out: dict[int, list] = {}
    for ref in own_reports(ctx):
        out.setdefault(ref.year, []).append(ref)
    return out


def _due_years(ctx: CheckContext) -> tuple[int, int]:
    """(latest year whose report is overdue-able, the year still pending)."""
    last = ctx.as_of.year - 1
    if ctx.as_of > deadline(last, ctx):
        return last, last + 1
    return last - 1, last


def _presence(ctx: CheckContext) -> Iterable[Finding]:
    years = _by_year(ctx)
    due, pending = _due_years(ctx)
    url = ctx.unit.base_url
    if due in years:
        yield ctx.finding(Status.PASS, f"已发布{due}年政府信息公开工作年度报告。", url=url,
                          key=f"missing:{due}", value=years[due][0].url)
    else:
        yield ctx.finding(
            Status.FAIL, f"截至{ctx.as_of.isoformat()}，网站上未找到{due}年政府信息公开工作年度报告"
            f"（应于{deadline(due, ctx).isoformat()}前发布）。", url=url, key=f"missing:{due}",
            value="未找到", expected=f"{due}年度报告",
            details={"years_found": sorted(years)},
            suggestion=f"尽快在政府信息公开专栏发布{due}年政府信息公开工作年度报告。")
    if pending in years:
        yield ctx.finding(Status.PASS, f"已发布{pending}年政府信息公开工作年度报告。", url=url,
                          key=f"missing:{pending}", value=years[pending][0].url)
    elif pending <= ctx.as_of.year - 1:
        yield ctx.finding(Status.PENDING, f"{pending}年度报告尚未发布，发布期限为{deadline(pending, ctx).isoformat()}。",
                          url=url, key=f"missing:{pending}", value="未找到")


def _timeliness(ctx: CheckContext) -> Iterable[Finding]:
    for year, refs in sorted(_by_year(ctx).items()):
        for ref in refs:
            due = deadline(year, ctx)
            key = f"late:{year}"
            if ref.pub_date is None:
                yield ctx.finding(Status.UNKNOWN, f"《{ref.title}》页面未显示发布日期，无法判断是否按时发布。",
                                  url=ref.url, key=key, expected=f"不晚于{due.isoformat()}")
            elif ref.pub_date > due:
                yield ctx.finding(
                    Status.FAIL, f"《{ref.title}》发布于{ref.pub_date.isoformat()}，晚于{due.isoformat()}的期限。",
                    url=ref.url, key=key, value=ref.pub_date.isoformat(), expected=f"不晚于{due.isoformat()}",
                    snippet=ref.pub_source, suggestion="今后于每年1月31日前发布上一年度报告。")
            else:
                yield ctx.finding(Status.PASS, f"《{ref.title}》于{ref.pub_date.isoformat()}发布，按时。",
                                  url=ref.url, key=key, value=ref.pub_date.isoformat(), snippet=ref.pub_source)


def _title(ctx: CheckContext) -> Iterable[Finding]:
    for ref in find_reports(ctx.snapshot, ctx.unit.id):
        t = ref.title
        if ref.year is not None and str(ref.year) in t:
            yield ctx.finding(Status.PASS, f"标题《{t}》写明年度。", url=ref.url, key="title:year", value=t)
        else:
            yield ctx.finding(Status.FAIL, f"标题《{t}》未写明报告年度。", url=ref.url, key="title:year",
                              value=t, expected="××××年政府信息公开工作年度报告",
                              suggestion="标题应写明单位名称和报告年度。")
        if title_unit(t):
            yield ctx.finding(Status.PASS, f"标题《{t}》写明单位名称。", url=ref.url, key="title:unit", value=t)
        else:
            yield ctx.finding(Status.FAIL, f"标题《{t}》未写明发布单位名称。", url=ref.url, key="title:unit",
                              value=t, expected=f"{ctx.unit.unit_name or ctx.unit.name}××××年政府信息公开工作年度报告",
                              suggestion="标题应写明单位名称和报告年度。")


def _duplicates(ctx: CheckContext) -> Iterable[Finding]:
    for year, refs in sorted(_by_year(ctx).items()):
        first, *rest = sorted(refs, key=lambda r: (r.pub_date or ctx.as_of, r.url))
        if not rest:
            yield ctx.finding(Status.PASS, f"{year}年度报告仅发布一次。", url=first.url, key=f"duplicate:{year}")
        for ref in rest:
            yield ctx.finding(Status.FAIL, f"{year}年度报告重复发布：与{first.url}为同一年度报告。",
                              url=ref.url, key=f"duplicate:{year}", value=ref.url, expected="每年度一份",
                              details={"first": first.url, "all": [r.url for r in refs]},
                              suggestion="删除重复的年度报告，或在页面上说明更正情况。")


def _series(ctx: CheckContext) -> Iterable[Finding]:
    years = sorted(_by_year(ctx))
    if not years:
        return
    for y in range(years[0], years[-1] + 1):
        if y in years:
            yield ctx.finding(Status.PASS, f"{y}年度报告在网站上。", url=ctx.unit.base_url, key=f"gap:{y}")
        else:
            yield ctx.finding(Status.FAIL, f"网站上有{years[0]}至{years[-1]}年的年度报告，但缺少{y}年度报告。",
                              url=ctx.unit.base_url, key=f"gap:{y}", value="未找到", expected=f"{y}年度报告",
                              details={"years_found": years},
                              suggestion=f"补充发布{y}年政府信息公开工作年度报告，保持历年报告完整。")


def _carryover(ctx: CheckContext) -> Iterable[Finding]:
    years = _by_year(ctx)
    for year, refs in sorted(years.items()):
        if year - 1 not in years:
            continue
        prev = years[year - 1][0]
        before = prev.report.row3("四")
        for ref in refs:
            now = ref.report.row3("二")
            key = f"carryover:{year}"
            if now is None or before is None:
                yield ctx.finding(Status.UNKNOWN, f"《{ref.title}》或上年报告缺少可读取的结转数据，无法核对上年结转。",
                                  url=ref.url, key=key)
                continue
            diff = [(c, a, b) for c, a, b in zip(TABLE3_COLUMNS, now.values, before.values) if (a or 0) != (b or 0)]
            if diff:
                yield ctx.finding(
                    Status.FAIL, f"《{ref.title}》“二、上年结转”与{year - 1}年报告“四、结转下年度继续办理”不一致："
                    + "；".join(f"{c}本年报{a if a is not None else '空白'}、上年报{b if b is not None else '空白'}"
                               for c, a, b in diff) + "。",
                    url=ref.url, key=key, value=str(now.values[6]), expected=str(before.values[6]),
                    details={"previous_report": prev.url, "columns": [list(d) for d in diff]},
                    suggestion="核对上年结转数据，使其与上一年度报告的结转下年度数一致。")
            else:
                yield ctx.finding(Status.PASS, f"《{ref.title}》上年结转与{year - 1}年报告一致。", url=ref.url, key=key)


def _stock(ctx: CheckContext) -> Iterable[Finding]:
    years = _by_year(ctx)
    for year, refs in sorted(years.items()):
        if year - 1 not in years:
            continue
        prev = years[year - 1][0].report
        if prev.template != "2021":
            continue
        for ref in refs:
            if ref.report.template != "2021":
                continue
            for kind in ("规章", "行政规范性文件"):
                now, old = ref.report.row2(kind), prev.row2(kind)
                if now is None or old is None:
                    continue
                made, gone, total = (now.get(h) for h in ("制发", "废止", "现行有效"))
                before = old.get("现行有效")
                if None in (made, gone, total, before):
                    continue
                expected = before + made - gone
                key = f"stock:{year}:{kind}"
                if total != expected:
                    yield ctx.finding(
                        Status.WARN, f"《{ref.title}》{kind}现行有效件数为{total}，按上年{before}＋本年制发{made}"
                        f"－本年废止{gone}应为{expected}。", url=ref.url, key=key, value=str(total),
                        expected=str(expected), suggestion="核对现行有效件数（如有修改、失效等情况请在报告中说明）。")
                else:
                    yield ctx.finding(Status.PASS, f"《{ref.title}》{kind}现行有效件数与上年衔接。", url=ref.url, key=key)


CHECKS = [
    Check(_meta("presence", "上一年度报告已发布", "每年1月31日前应发布上一年度政府信息公开工作年度报告。",
                "发布上一年度报告。", Severity.MAJOR, basis=(BASIS_ART50,)), _presence),
    Check(_meta("timeliness", "年度报告按时发布", "年度报告的发布日期不得晚于次年1月31日。",
                "按时发布年度报告。", Severity.MINOR, basis=(BASIS_ART50,)), _timeliness),
    Check(_meta("title", "年度报告标题规范", "标题应写明单位名称和报告年度。",
                "规范年度报告标题。", Severity.MINOR), _title),
    Check(_meta("duplicates", "年度报告不重复", "同一年度报告不应重复发布。",
                "删除重复报告。", Severity.MINOR), _duplicates),
    Check(_meta("series", "历年年度报告连续", "网站上的历年年度报告应连续，不缺年度。",
                "补齐缺少年度的报告。", Severity.MINOR, basis=(BASIS_ART50,)), _series),
    Check(_meta("carryover", "上年结转与上年报告一致", "本年“上年结转”应等于上年报告“结转下年度继续办理”。",
                "核对结转数据。", basis=BASIS), _carryover),
    Check(_meta("stock", "现行有效件数前后衔接", "现行有效件数应约等于上年现行有效件数＋本年制发－本年废止。",
                "核对现行有效件数。", Severity.MINOR, basis=(BASIS_FORMAT,)), _stock),
]
