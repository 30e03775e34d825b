"""From a ``Document`` (paragraphs + grids) to an ``AnnualReport``.

Rows are recognised by their labels, not by position, so page breaks,
merged cells and reworded labels do not shift them; a reworded label is
recorded as a ``LabelIssue``.  Tables flattened into text are read line by
line and their glued cells split by ``flatten.split_row``."""

from __future__ import annotations

import re

from extract.annual_report.flatten import split_row
from extract.annual_report.model import (
    TABLE3_COLUMNS, TABLE4_BLOCKS, AnnualReport, LabelIssue, Problem, Table2Row, Table3Row,
    Table4Block,
)
from extract.annual_report.sources import Cell, Document, Grid
from extract.annual_report import template as T
from extract.annual_report.text import find_sections, text_numbers, title_unit, title_year, TITLE_RE

_BLANK_MARKS = {"", "/", "／", "-", "—", "－", "——", "无", "\\"}
_INT = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_FLOAT = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class _NotNumber(Exception):
    pass


def cell_number(text: str, *, decimal: bool = False) -> int | float | None:
    """None for a blank or "/" cell; raises _NotNumber for text."""
    t = text.strip().replace(" ", "")
    if t in _BLANK_MARKS:
        return None
    if _INT.match(t):
        return int(t.replace(",", ""))
    if decimal and _FLOAT.match(t):
        return float(t)
    raise _NotNumber(t)


def _strip_enum(label: str) -> str:
    return _ENUM.sub("", label.strip(), count=1)


def _dedup(cells: list[str]) -> list[str]:
    out: list[str] = []
    for c in cells:
        if c and (not out or out[-1] != c):
            out.append(c)
    return out


# ---------------------------------------------------------------- rows of 三


class _Table3Reader:
    def __init__(self, report: AnnualReport) -> None:
        self.report = report
        self.group = ""                  # current 三(三)…三(六) group
        self.rows: dict[str, Table3Row] = {}
        self.group_has_numbers: dict[str, bool] = {}

    def identify(self, label_cells: list[str]) -> tuple[str, str, str] | None:
        """(key, own label as printed, expected label) or None."""
        cells = _dedup(label_cells)
        if not cells:
            return None
        joined = T.norm("".join(cells))
        own = cells[-1]
        # A group word in an earlier cell, or in the same cell before a
        # numbered sub-label ("（三）不予公开 1.属于国家秘密").
        group = ""
        for g, word in T.GROUPS.items():
            if word in joined:
                group = g
        if group:
            self.group = group
            gword = T.GROUPS[group]
            if own.endswith(gword) or T.norm(_strip_enum(own)) == T.norm(gword):
                return group, own, T.TOP_SPECS[group].label        # the group's own row
            if gword in own:
                own = own.split(gword, 1)[1].strip()
            elif gword in own.replace(" ", ""):
                own = own.replace(" ", "").split(gword, 1)[1]
            return self._sub(group, own)
        if re.match(r"^\d+[.．、]", own) and self.group and not any(
                w in joined for w in ("予以公开", "部分公开", "总计", "结转", "新收")):
            return self._sub(self.group, own)
        for key in ("四", "二", "一", "三(一)", "三(二)", "三(七)总计"):
            spec = T.TOP_SPECS[key]
            if any(w in T.norm(own) for w in spec.words):
                if key != "三(七)总计":
                    self.group = ""
                return key, own, spec.label
        return None

    def _sub(self, group: str, own: str) -> tuple[str, str, str] | None:
        specs = T.SUB_SPECS[group]
        for s in specs:
            if T.norm(s.words[0]) and T.norm(s.words[0]) in T.norm(own):
                return s.key, own, s.label
        m = re.match(r"^(\d+)[.．、]", own)
        if m and 1 <= int(m.group(1)) <= len(specs):
            s = specs[int(m.group(1)) - 1]
            return s.key, own, s.label
        best = max(specs, key=lambda s: T.similarity(own, s.label))
        if T.similarity(own, best.label) >= 0.5:
            return best.key, own, best.label
        return None

    def add(self, key: str, own: str, expected: str, values: list[int | None], raw: list[str]) -> None:
        if key in T.GROUPS:
            if any(v is not None for v in values):
                self.group_has_numbers[key] = True
            else:
                return                    # a group header row without figures
        if key in self.rows:
            return
        if T.norm(_strip_enum(own)) != T.norm(_strip_enum(expected)):
            self.report.label_issues.append(LabelIssue("table3", key, expected, own))
        self.rows[key] = Table3Row(key, own, tuple(values), tuple(raw))

    def read_grid(self, grid: Grid) -> None:
        header_rows: list[list[Cell]] = []
        seen_data = False
        for row in grid:
            if len(row) < 8:
                continue
            label_cells = [c.text for c in row[:-7]]
            value_cells = [c.text for c in row[-7:]]
            try:
                values = [cell_number(v) for v in value_cells]
            except _NotNumber:
                if not seen_data:
                    header_rows.append(row)
                    continue
                values = None
            found = self.identify(label_cells)
            if found is None:
                if not seen_data and values is None:
                    header_rows.append(row)
                continue
            seen_data = True
            key, own, expected = found
            if values is None:
                bad = [v for v in value_cells if v.strip() and not _INT.match(v.strip())
                       and v.strip() not in _BLANK_MARKS]
                self.report.problems.append(Problem(
                    f"table3:{key}", f"第三部分表格“{own}”行有非数字内容：{'、'.join(bad)}",
                    snippet=" | ".join(value_cells)))
                continue
            self.add(key, own, expected, values, value_cells)
        self._check_header(header_rows)

    def _check_header(self, header_rows: list[list[Cell]]) -> None:
        if not header_rows:
            return
        width = len(header_rows[0])
        for j, expected in enumerate(TABLE3_COLUMNS):
            col = width - 7 + j
            found = ""
            for row in header_rows:
                if col < len(row) and row[col].text:
                    found = row[col].text
            if found and not T.same_label(found, expected):
                self.report.label_issues.append(LabelIssue("table3", f"col:{expected}", expected, found))

    def read_lines(self, lines: list[str]) -> None:
        for line in lines:
            m = re.match(r"^(?P<label>.*[^\d\s/／—\-])\s*(?P<nums>[\d\s/／—\-]*)$", line)
            if not m:
                continue
            label, nums = m.group("label"), m.group("nums").strip()
            found = self.identify([label])
            if found is None:
                continue
            key, own, expected = found
            if not nums:
                continue
            tokens = nums.split()
            if len(tokens) == 7 and all(t.isdigit() or t in _BLANK_MARKS for t in tokens):
                self.add(key, own, expected, [cell_number(t) for t in tokens], tokens)
                continue
            split = split_row(tokens, (7,))
            if split.values is not None:
                self.add(key, own, expected, list(split.values), [str(v) for v in split.values])
            elif split.ambiguous:
                self.report.problems.append(Problem(
                    f"table3:{key}",
                    f"第三部分表格“{own}”行的数字连在一起（{nums}），可按多种方式拆分且都满足行合计，无法确定各列数值",
                    snippet=line, details={"candidates": [list(c) for c in split.candidates]}))
            else:
                self.report.problems.append(Problem(
                    f"table3:{key}",
                    f"第三部分表格“{own}”行的数字（{nums}）无法拆分为7列且满足“总计等于六类申请人之和”",
                    snippet=line))

    def finish(self, tmpl: str) -> list[Table3Row]:
        expected = T.table3_rows(tmpl if tmpl != "unknown" else "2021")
        order = {s.key: i for i, s in enumerate(expected)}
        if "三(六)" in self.rows and self.group_has_numbers.get("三(六)"):
            order["三(六)"] = order.get("三(五)5", 0) + 0.5
        return sorted(self.rows.values(), key=lambda r: order.get(r.key, 999))


# ---------------------------------------------------------------- 二 and 四

_T2_KEYS = ("行政规范性文件", "规范性文件", "规章", "其他对外管理服务事项", "行政许可", "行政处罚",
            "行政强制", "行政事业性收费", "政府集中采购")


def _table2_key(label: str) -> str | None:
    n = T.norm(label)
    for k in _T2_KEYS:
        if n == k or (n.endswith(k) and len(n) <= len(k) + 4):
            return k
    return None


def _read_table2_grid(grid: Grid, report: AnnualReport) -> None:
    headers: tuple[str, ...] = ()
    for row in grid:
        texts = [c.text for c in row if c.origin and c.text]
        if not texts:
            continue
        key = _table2_key(texts[0])
        if key is None:
            if "信息内容" in texts[0] or any(("数量" in t or "件数" in t or "金额" in t) for t in texts):
                headers = tuple(t for t in texts[1:])
            continue
        vals: list[int | float | None] = []
        raw = [c.text for c in row[1:] if c.origin]
        try:
            vals = [cell_number(v, decimal=True) for v in raw]
        except _NotNumber:
            report.problems.append(Problem(f"table2:{key}", f"第二部分表格“{texts[0]}”行有非数字内容",
                                           snippet=" | ".join(raw)))
            continue
        if report.row2(key) is None:
            report.table2.append(Table2Row(key, texts[0], headers[:len(vals)] or headers, tuple(vals),
                                           tuple(raw)))


def _read_table4_grid(grid: Grid, report: AnnualReport) -> None:
    for row in grid:
        cells = [c.text for c in row]
        if len(cells) < 15:
            continue
        tail = cells[-15:]
        if any(_CJK.search(t) and t not in _BLANK_MARKS for t in tail):
            continue
        try:
            values = [cell_number(t) for t in tail]
        except _NotNumber:
            continue
        if all(not t.strip() for t in tail):
            continue
        for i, name in enumerate(TABLE4_BLOCKS):
            report.table4.append(Table4Block(name, tuple(values[i * 5:(i + 1) * 5]),
                                             tuple(tail[i * 5:(i + 1) * 5])))
        return


def _read_table4_lines(lines: list[str], report: AnnualReport) -> None:
    for line in lines:
        if not re.fullmatch(r"[\d\s/／]+", line) or not re.search(r"\d", line):
            continue
        tokens = line.split()
        if len(tokens) == 15 and all(t.isdigit() or t in _BLANK_MARKS for t in tokens):
            values = [cell_number(t) for t in tokens]
        else:
            split = split_row(tokens, (5, 5, 5))
            if split.values is None:
                why = "可按多种方式拆分" if split.ambiguous else "无法拆分为15列且满足各项总计"
                report.problems.append(Problem(
                    "table4", f"第四部分表格的数字连在一起（{line}），{why}，无法确定各列数值", snippet=line,
                    details={"candidates": [list(c) for c in split.candidates]}))
                return
            values = list(split.values)
        for i, name in enumerate(TABLE4_BLOCKS):
            report.table4.append(Table4Block(name, tuple(values[i * 5:(i + 1) * 5]),
                                             tuple(str(v) for v in values[i * 5:(i + 1) * 5])))
        return


def _read_table2_lines(lines: list[str], report: AnnualReport, tmpl: str) -> None:
    defaults = T.TABLE2_2019 if tmpl == "2019" else T.TABLE2_2021
    for line in lines:
        m = re.match(r"^(?P<label>[^\d]+?)\s*(?P<nums>[\d\s./／]+)$", line)
        if not m:
            continue
        key = _table2_key(m.group("label"))
        if key is None or report.row2(key) is not None:
            continue
        tokens = m.group("nums").split()
        headers = defaults.get(key, ())
        if headers and len(tokens) != len(headers):
            report.problems.append(Problem(
                f"table2:{key}", f"第二部分表格“{key}”行的数字连在一起（{m.group('nums').strip()}），无法确定各列数值",
                snippet=line))
            continue
        try:
            vals = [cell_number(t, decimal=True) for t in tokens]
        except _NotNumber:
            continue
        report.table2.append(Table2Row(key, m.group("label").strip(), headers, tuple(vals), tuple(tokens)))


# ---------------------------------------------------------------- whole report


def _classify(grid: Grid) -> str:
    text = "".join(c.text for row in grid for c in row)
    if any(w in text for w in ("予以公开", "本年新收", "申请人情况", "上年结转")):
        return "table3"
    if "行政复议" in text and any(w in text for w in ("结果维持", "尚未审结", "结果纠正")):
        return "table4"
    if any(w in text for w in ("规章", "第二十条", "行政许可", "行政处罚", "规范性文件")):
        return "table2"
    return ""


def _detect_template(doc: Document, reader: _Table3Reader) -> str:
    corpus = doc.text + "".join(c.text for g in doc.tables for row in g for c in row)
    has19 = any(w in corpus for w in T.MARKS_2019)
    has21 = any(w in corpus for w in T.MARKS_2021)
    if has21 and not has19:
        return "2021"
    if has19 and not has21:
        return "2019"
    if any(k.startswith("三(六)") and k != "三(六)" for k in reader.rows):
        return "2021"
    if reader.group_has_numbers.get("三(六)"):
        return "2019"
    return "unknown"


def _between(lines: list[str], start: str, stop: str) -> list[str]:
    """Lines after the section heading ``start`` up to heading ``stop``."""
    out: list[str] = []
    inside = False
    for line in lines:
        if find_sections([line]) == [start]:
            inside = True
            continue
        if inside and find_sections([line]) == [stop]:
            break
        if inside:
            out.append(line)
    return out


def interpret(doc: Document, *, title: str = "") -> AnnualReport:
    title = title or doc.title
    if not TITLE_RE.search(title or ""):
        title = next((p for p in doc.paragraphs[:15] if TITLE_RE.search(p)), title)
    report = AnnualReport(year=title_year(title), unit_name=title_unit(title), title=title,
                          template="unknown", sections=find_sections(doc.paragraphs),
                          source=doc.kind, text=doc.text)
    reader = _Table3Reader(report)
    kinds = [_classify(g) for g in doc.tables]
    for grid, kind in zip(doc.tables, kinds):
        if kind == "table3":
            reader.read_grid(grid)
        elif kind == "table4":
            _read_table4_grid(grid, report)
        elif kind == "table2":
            _read_table2_grid(grid, report)
    report.template = _detect_template(doc, reader)
    # Tables flattened into the prose.
    if "table3" not in kinds:
        reader.read_lines(_between(doc.paragraphs, "三", "四") or doc.paragraphs)
    if "table4" not in kinds:
        _read_table4_lines(_between(doc.paragraphs, "四", "五"), report)
    if "table2" not in kinds:
        _read_table2_lines(_between(doc.paragraphs, "二", "三"), report, report.template)
    report.table3 = reader.finish(report.template)
    # PDF lines are visual lines: a sentence may wrap inside a number phrase.
    report.text_numbers = text_numbers("".join(doc.paragraphs) if doc.kind == "pdf" else doc.text)
    _missing_rows(report)
    return report


def _missing_rows(report: AnnualReport) -> None:
    if not report.table3:
        return
    tmpl = report.template if report.template != "unknown" else "2021"
    unreadable = {p.key for p in report.problems}
    found = {r.key for r in report.table3}
    for spec in T.table3_rows(tmpl):
        if spec.key not in found and f"table3:{spec.key}" not in unreadable:
            report.label_issues.append(LabelIssue("table3", spec.key, spec.label, ""))
    if report.table2:
        wanted = T.TABLE2_2019 if tmpl == "2019" else T.TABLE2_2021
        for key in wanted:
            if report.row2(key) is None and f"table2:{key}" not in unreadable:
                report.label_issues.append(LabelIssue("table2", key, key, ""))
