"""Checks of one annual report's content (each report found on the site).

Check ids and finding keys (url: the report's URL):
  annual_report.readable    parse:<table3:row|table4|table2:row|document|tables>  unknown
  annual_report.template    template             fail (2019 format for a year ≥ 2021)
  annual_report.sections    section:<一…六> fail (missing); order fail
  annual_report.labels      label:table3:<row>, label:table3:col:<column> warn (reworded);
                            row:table3:<row>, row:table2:<row> fail (missing)
  annual_report.arithmetic  table3:<row>:总计             总计 ≠ sum of the six applicant columns
                            table3:一+二=三(七)+四:<col>  一 + 二 ≠ 三(七)总计 + 四
                            table3:三(七)总计:<col>       (七)总计 ≠ sum of the result rows
                            table4:<block>:总计            block total ≠ sum of its four
  annual_report.blank       blank:<table>:<row>:<col>    fail (blank or "/" where a number belongs)
  annual_report.text        text:<本年新收|上年结转|予以公开|部分公开|不予公开|结转下年度|行政复议|行政诉讼>
  annual_report.township    township:规章         fail (a 镇/乡/街道 reports 规章)
  annual_report.plan        工作要点              warn (no word on the 工作要点落实情况)
"""

from __future__ import annotations

from typing import Iterable, Iterator

from checks.annual_report.common import (
    BASIS, BASIS_ART51, BASIS_FORMAT, KINDS, ReportRef, find_reports, fmt_value, is_township,
    unit_display_name,
)
from checks.base import Check, CheckContext, CheckMeta
from extract.annual_report import APPLICANT_COLUMNS, TABLE3_COLUMNS, TABLE4_COLUMNS
from extract.annual_report import template as T
from zwgk_audit.model import Finding, Severity, Status


def _meta(name: str, title: str, description: str, suggestion: str, severity=Severity.MAJOR,
          basis=BASIS) -> CheckMeta:
    return CheckMeta(id=f"annual_report.{name}", title=title, description=description,
                     severity=severity, basis=basis, requirement_kinds=KINDS,
                     suggestion=suggestion, indicator="年度报告")


def _each(ctx: CheckContext) -> Iterator[ReportRef]:
    yield from find_reports(ctx.snapshot, ctx.unit.id)


def _where(ref: ReportRef) -> dict[str, str]:
    d = {"title": ref.title, "year": str(ref.year or "")}
    if ref.attachment:
        d["attachment"] = ref.attachment
    return d


# ---------------------------------------------------------------- readable

def _readable(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        r = ref.report
        for p in r.problems:
            yield ctx.finding(Status.UNKNOWN, f"《{ref.title}》{p.message}，相关核对无法判定。",
                              url=ref.url, key=f"parse:{p.key}", snippet=p.snippet,
                              details={**_where(ref), **p.details})
        if not r.table3 and not any(p.key.startswith("table3") for p in r.problems):
            yield ctx.finding(Status.UNKNOWN, f"《{ref.title}》未能读取到第三部分“收到和处理政府信息公开申请情况”表格"
                              "（可能为图片或无法解析的附件），表格数据无法核对。",
                              url=ref.url, key="parse:tables", details=_where(ref))
        elif not r.problems:
            yield ctx.finding(Status.PASS, f"《{ref.title}》表格已完整读取。", url=ref.url,
                              key="parse:tables", details=_where(ref))


# ---------------------------------------------------------------- template

def _template(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        r, year = ref.report, ref.year
        if r.template == "unknown":
            yield ctx.finding(Status.UNKNOWN, f"《{ref.title}》未能识别所用年报格式。", url=ref.url,
                              key="template", details=_where(ref))
        elif year is not None and year >= 2021 and r.template == "2019":
            yield ctx.finding(
                Status.FAIL, f"《{ref.title}》为{year}年度报告，仍使用2019年版格式（如“本年新制作数量”“政府集中采购”等栏目），"
                "应使用国办公开办函〔2021〕30号规定的新格式。", url=ref.url, key="template",
                value="2019年版格式", expected="2021年版格式（国办公开办函〔2021〕30号）", details=_where(ref),
                suggestion="按国办公开办函〔2021〕30号的年度报告格式重新编制并更新发布。")
        else:
            yield ctx.finding(Status.PASS, f"《{ref.title}》使用{r.template}年版格式。", url=ref.url,
                              key="template", value=r.template, details=_where(ref))


# ---------------------------------------------------------------- sections

def _sections(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        found = ref.report.sections
        if not found and not ref.report.text:
            continue
        for num in T.SECTION_ORDER:
            heading = f"{num}、{T.SECTION_TITLES[num]}"
            if num in found:
                yield ctx.finding(Status.PASS, f"《{ref.title}》含“{heading}”。", url=ref.url,
                                  key=f"section:{num}", value=heading)
            else:
                yield ctx.finding(Status.FAIL, f"《{ref.title}》缺少第{num}部分“{heading}”。", url=ref.url,
                                  key=f"section:{num}", expected=heading, value="未找到",
                                  details={**_where(ref), "sections_found": found},
                                  suggestion=f"按年度报告格式补充“{heading}”部分。")
        present = [n for n in T.SECTION_ORDER if n in found]
        if found != present:
            yield ctx.finding(Status.FAIL, f"《{ref.title}》各部分顺序与格式不一致：{'、'.join(found)}。",
                              url=ref.url, key="order", value="、".join(found),
                              expected="、".join(present), details=_where(ref),
                              suggestion="按“一、总体情况”至“六、其他需要报告的事项”的顺序编排。")


# ---------------------------------------------------------------- labels

def _labels(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        for issue in ref.report.label_issues:
            if issue.found:
                yield ctx.finding(
                    Status.WARN, f"《{ref.title}》{_tname(issue.table)}的“{issue.expected}”被改写为“{issue.found}”。",
                    url=ref.url, key=f"label:{issue.table}:{issue.key}", value=issue.found,
                    expected=issue.expected, details=_where(ref),
                    suggestion="表格栏目名称应与国家规定格式一致，不得增删改。")
            else:
                yield ctx.finding(
                    Status.FAIL, f"《{ref.title}》{_tname(issue.table)}缺少“{issue.expected}”行。",
                    url=ref.url, key=f"row:{issue.table}:{issue.key}", value="缺失",
                    expected=issue.expected, details=_where(ref),
                    suggestion="按国家规定格式补齐表格各行，没有数据的填0。")


def _tname(table: str) -> str:
    return {"table2": "第二部分表格", "table3": "第三部分表格", "table4": "第四部分表格"}.get(table, table)


# ---------------------------------------------------------------- arithmetic

def _num(v: int | None) -> int:
    return 0 if v is None else v       # blank cells are reported by annual_report.blank


def _arithmetic(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        yield from _arith_report(ctx, ref)


def _arith_report(ctx: CheckContext, ref: ReportRef) -> Iterator[Finding]:
    r = ref.report
    tmpl = r.template if r.template != "unknown" else "2021"
    unreadable = {p.key.removeprefix("table3:") for p in r.problems if p.key.startswith("table3:")}

    def fail(key: str, msg: str, found: int, expected: int, row_values: dict | None = None) -> Finding:
        return ctx.finding(Status.FAIL, f"《{ref.title}》{msg}", url=ref.url, key=key, value=str(found),
                           expected=str(expected), details={**_where(ref), **(row_values or {})},
                           suggestion="核对原始台账，更正表格数据，使各项勾稽关系成立后重新发布。")

    def ok(key: str, msg: str) -> Finding:
        return ctx.finding(Status.PASS, f"《{ref.title}》{msg}", url=ref.url, key=key)

    # 总计 = sum of the six applicant columns, every row.
    for row in r.table3:
        s = sum(_num(v) for v in row.values[:6])
        key = f"table3:{row.key}:总计"
        if _num(row.values[6]) != s:
            yield fail(key, f"第三部分表格“{row.label}”行：总计栏为{fmt_value(row.values[6])}，"
                       f"六类申请人之和为{s}。", _num(row.values[6]), s,
                       {"row": dict(zip(TABLE3_COLUMNS, row.values))})
        else:
            yield ok(key, f"“{row.label}”行总计等于六类申请人之和（{s}）。")

    # 一 + 二 = 三(七)总计 + 四, every column.
    need = ["一", "二", "三(七)总计", "四"]
    rows = {k: r.row3(k) for k in need}
    if r.table3:
        missing = [k for k in need if rows[k] is None]
        if missing:
            yield ctx.finding(Status.UNKNOWN, f"《{ref.title}》第三部分表格缺少或无法读取“{'、'.join(missing)}”行，"
                              "无法核对“第一项加第二项之和等于第三项加第四项之和”。", url=ref.url,
                              key="table3:一+二=三(七)+四", details=_where(ref))
        else:
            for j, col in enumerate(TABLE3_COLUMNS):
                a, b = _num(rows["一"].values[j]), _num(rows["二"].values[j])
                c, d = _num(rows["三(七)总计"].values[j]), _num(rows["四"].values[j])
                key = f"table3:一+二=三(七)+四:{col}"
                if a + b != c + d:
                    yield fail(key, f"第三部分表格“{col}”列：本年新收{a}＋上年结转{b}＝{a + b}，"
                               f"而办理结果总计{c}＋结转下年度{d}＝{c + d}，两者应相等。", c + d, a + b)
                else:
                    yield ok(key, f"“{col}”列 一＋二＝三(七)＋四（{a + b}）。")

    # (七)总计 = sum of the result rows, every column.
    total = rows.get("三(七)总计")
    keys = T.result_row_keys(tmpl)
    if total is not None:
        missing = [k for k in keys if r.row3(k) is None]
        if missing:
            why = "无法读取" if set(missing) & unreadable else "缺少"
            yield ctx.finding(Status.UNKNOWN, f"《{ref.title}》第三部分表格{why}办理结果行（{'、'.join(missing)}），"
                              "无法核对（七）总计。", url=ref.url, key="table3:三(七)总计", details=_where(ref))
        else:
            for j, col in enumerate(TABLE3_COLUMNS):
                s = sum(_num(r.row3(k).values[j]) for k in keys)
                key = f"table3:三(七)总计:{col}"
                if _num(total.values[j]) != s:
                    yield fail(key, f"第三部分表格“（七）总计”行“{col}”列为{fmt_value(total.values[j])}，"
                               f"而（一）至（六）各项之和为{s}。", _num(total.values[j]), s)
                else:
                    yield ok(key, f"“{col}”列（七）总计等于各办理结果之和（{s}）。")

    # Section 四: each block's 总计 = sum of its four.
    for block in r.table4:
        s = sum(_num(v) for v in block.values[:4])
        key = f"table4:{block.name}:总计"
        if _num(block.values[4]) != s:
            yield fail(key, f"第四部分表格“{block.name}”总计为{fmt_value(block.values[4])}，"
                       f"而结果维持、结果纠正、其他结果、尚未审结之和为{s}。", _num(block.values[4]), s,
                       {"block": dict(zip(TABLE4_COLUMNS, block.values))})
        else:
            yield ok(key, f"“{block.name}”总计等于四项之和（{s}）。")


# ---------------------------------------------------------------- blank cells

def _blank(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        r = ref.report
        cells = [(f"table3:{row.key}:{col}", row.label, col, v, raw)
                 for row in r.table3
                 for col, v, raw in zip(TABLE3_COLUMNS, row.values, row.raw or ("",) * 7)]
        cells += [(f"table4:{b.name}:{col}", b.name, col, v, raw)
                  for b in r.table4 for col, v, raw in zip(TABLE4_COLUMNS, b.values, b.raw or ("",) * 5)]
        cells += [(f"table2:{row.key}:{h}", row.label, h, v, raw)
                  for row in r.table2 for h, v, raw in zip(row.headers or ("",) * len(row.values),
                                                           row.values, row.raw or ("",) * len(row.values))]
        blanks = [c for c in cells if c[3] is None]
        for key, label, col, _, raw in blanks:
            yield ctx.finding(
                Status.FAIL, f"《{ref.title}》“{label}”行“{col}”栏为{'“' + raw + '”' if raw.strip() else '空白'}，应填写数字（没有的填0）。",
                url=ref.url, key=f"blank:{key}", value=raw or "空白", expected="数字",
                details=_where(ref), suggestion="表格中没有数据的栏目填写0，不得留空或填“/”。")
        if cells and not blanks:
            yield ctx.finding(Status.PASS, f"《{ref.title}》表格各栏均已填写数字。", url=ref.url, key="blank")


# ---------------------------------------------------------------- text vs tables

def _table_value(r, name: str) -> int | None:
    def t3(key: str) -> int | None:
        row = r.row3(key)
        return None if row is None else _num(row.values[6])
    if name == "本年新收":
        return t3("一")
    if name == "上年结转":
        return t3("二")
    if name == "予以公开":
        return t3("三(一)")
    if name == "部分公开":
        return t3("三(二)")
    if name == "结转下年度":
        return t3("四")
    if name == "不予公开":
        rows = [x for x in r.table3 if x.key.startswith("三(三)")]
        return sum(_num(x.values[6]) for x in rows) if rows else None
    if name == "行政复议":
        b = r.block4("行政复议")
        return None if b is None else _num(b.values[4])
    if name == "行政诉讼":
        bs = [r.block4("行政诉讼未经复议直接起诉"), r.block4("行政诉讼复议后起诉")]
        return None if None in bs else sum(_num(b.values[4]) for b in bs)
    return None


def _text(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        r = ref.report
        names: dict[str, list] = {}
        for tn in r.text_numbers:
            names.setdefault(tn.name, []).append(tn)
        for name, items in names.items():
            table = _table_value(r, name)
            if table is None:
                continue
            wrong = [t for t in items if t.value != table]
            if wrong:
                t = wrong[0]
                yield ctx.finding(
                    Status.FAIL, f"《{ref.title}》正文称“{name}”{t.value}件（起），表格中为{table}。",
                    url=ref.url, key=f"text:{name}", value=str(t.value), expected=str(table),
                    snippet=t.snippet, details=_where(ref), basis=(BASIS_ART51,),
                    suggestion="核对正文与表格数据，使两者一致。")
            else:
                yield ctx.finding(Status.PASS, f"《{ref.title}》正文“{name}”{table}与表格一致。",
                                  url=ref.url, key=f"text:{name}", value=str(table))


# ---------------------------------------------------------------- township 规章

def _township(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        name = unit_display_name(ref, ctx)
        if not is_township(name):
            continue
        row = ref.report.row2("规章")
        if row is None:
            continue
        nonzero = [(h, v) for h, v in zip(row.headers or ("",) * len(row.values), row.values) if v]
        if nonzero:
            yield ctx.finding(
                Status.FAIL, f"《{ref.title}》：{name}无规章制定权，但“规章”行填报了"
                f"{'、'.join(f'{h}{v}' for h, v in nonzero)}。", url=ref.url, key="township:规章",
                value="、".join(str(v) for _, v in nonzero), expected="0", details=_where(ref),
                suggestion="乡镇、街道不制定规章，“规章”行应填0。")
        else:
            yield ctx.finding(Status.PASS, f"《{ref.title}》“规章”行为0。", url=ref.url, key="township:规章")


# ---------------------------------------------------------------- 工作要点落实

_PLAN_WORDS = ("政务公开工作要点", "工作要点落实", "工作要点")


def _plan(ctx: CheckContext) -> Iterable[Finding]:
    for ref in _each(ctx):
        text = ref.report.text
        if not text:
            continue
        hit = next((w for w in _PLAN_WORDS if w in text), "")
        if hit:
            i = text.index(hit)
            yield ctx.finding(Status.PASS, f"《{ref.title}》报告了政务公开工作要点落实情况。", url=ref.url,
                              key="工作要点", snippet=text[max(0, i - 30):i + 30])
        else:
            yield ctx.finding(Status.WARN, f"《{ref.title}》未见政务公开工作要点落实情况的内容。",
                              url=ref.url, key="工作要点", value="未提及", expected="工作要点落实情况",
                              details=_where(ref),
                              suggestion="在年度报告中说明本年度政务公开工作要点的落实情况。")


CHECKS = [
    Check(_meta("readable", "年度报告可读取", "年度报告的表格能否被完整读取；连写或无法拆分的行列为无法判定。",
                "以文字表格形式发布年度报告，避免使用图片或数字连写。", Severity.MINOR), _readable),
    Check(_meta("template", "年度报告格式版本", "2021年度及以后的报告应使用国办公开办函〔2021〕30号格式。",
                "使用新版年度报告格式。"), _template),
    Check(_meta("sections", "年度报告六部分齐全", "年度报告应包含总体情况等六部分，且按顺序编排。",
                "补齐缺少的部分。", basis=(BASIS_ART51, BASIS_FORMAT)), _sections),
    Check(_meta("labels", "年度报告表格栏目", "表格行列应与国家规定格式一致。",
                "按国家规定格式调整表格栏目。", Severity.MINOR), _labels),
    Check(_meta("arithmetic", "年度报告数据勾稽关系", "逐格核对：总计等于六类申请人之和；一＋二＝三(七)＋四；"
                "（七）总计等于各办理结果之和；复议诉讼各项总计等于四项之和。",
                "更正表格数据。"), _arithmetic),
    Check(_meta("blank", "年度报告表格不留空", "表格中应填写数字，不得留空或填“/”。",
                "没有数据的栏目填0。", Severity.MINOR), _blank),
    Check(_meta("text", "年度报告正文与表格一致", "正文中的申请数、公开数、复议诉讼数应与表格一致。",
                "核对正文与表格数据。", basis=(BASIS_ART51, BASIS_FORMAT)), _text),
    Check(_meta("township", "乡镇街道不报规章", "乡镇、街道无规章制定权，“规章”行应为0。",
                "“规章”行填0。", Severity.MINOR), _township),
    Check(_meta("plan", "年度报告含工作要点落实情况", "年度报告应报告本年度政务公开工作要点落实情况。",
                "补充工作要点落实情况。", Severity.MINOR), _plan),
]
