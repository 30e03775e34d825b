"""The plain-text layouts plans come in when extracted from their tables.

* ``numbered_rows``: one row per line, ``序号<TAB>…<TAB>责任单位``, ragged
  cells (merged cells left out or shifted); sub-items "一是/二是".
* ``tab_rows``: one row per line, tab-separated, under a header line.
* ``cell_lines``: each cell starts a line with a tab; a cell may run over
  several lines; the header gives the number of columns.
* ``pipe_rows``: one cell per line ending in "|": category, task, unit,
  deadline.
"""

from __future__ import annotations

import re

from plans.readers.common import HEADER_WORDS, PlanReadError, RawPlan, TaskRow, rows_to_tasks
from plans.text import clean

_CATEGORY = re.compile(r"^[一二三四五六七八九十]+、")
_TASK = re.compile(r"^\s*(\d{1,3})\s*[.．、]")
_DEADLINE = re.compile(r"长期|\d+\s*月\s*\d+\s*日|\d{4}\s*年|年底|月底|每年|常态化")
_ORDINAL_ITEM = re.compile(r"^[二三四五六七八九十]是")


def detect_layout(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if sum(ln.rstrip().endswith("|") for ln in lines) >= max(3, len(lines) // 2):
        return "pipe_rows"
    cell_lines = [ln for ln in lines if re.match(r"^ *\t", ln)]
    if cell_lines and sum(bool(HEADER_WORDS.match(clean(ln))) for ln in cell_lines[:6]) >= 2:
        return "cell_lines"
    header = next((ln for ln in lines if "\t" in ln and all(
        HEADER_WORDS.match(clean(c)) for c in ln.split("\t") if clean(c))), None)
    if header is not None:
        if clean(header.split("\t")[0]) in ("序号", "编号"):
            return "numbered_rows"
        return "tab_rows"
    raise PlanReadError("无法识别计划文本的版式：未找到表头行（如 工作任务、具体任务、责任单位），"
                        "也不是每行以“|”结尾的版式")


def _header_index(lines: list[str]) -> int:
    for i, ln in enumerate(lines):
        cells = [clean(c) for c in ln.split("\t")]
        if "\t" in ln and any(cells) and all(HEADER_WORDS.match(c) for c in cells if c):
            return i
    raise PlanReadError("未找到表头行")


def read_numbered_rows(text: str) -> list[TaskRow]:
    lines = text.splitlines()
    start = _header_index(lines)
    rows: list[TaskRow] = []
    category = heading = ""
    for ln in lines[start + 1:]:
        m = re.match(r"^\s*(\d{1,3})\t(.*)$", ln)
        if not m:
            if ln.strip():
                raise PlanReadError(f"无法解析的行（应以序号和制表符开头）：{ln[:40]}")
            continue
        cells = [clean(c) for c in m.group(2).split("\t")]
        cells = [c for c in cells if c]
        if len(cells) < 2:
            raise PlanReadError(f"第 {m.group(1)} 行缺少任务或责任单位：{ln[:40]}")
        units = cells.pop()
        if _CATEGORY.match(cells[0]):
            category, heading = cells.pop(0), ""
        if not cells:
            raise PlanReadError(f"第 {m.group(1)} 行缺少具体任务：{ln[:40]}")
        if len(cells) > 1:
            heading = " ".join(cells[:-1])
        elif not _ORDINAL_ITEM.match(cells[0]):
            heading = ""
        rows.append(TaskRow(m.group(1), category, heading, cells[-1], units))
    return rows


def read_tab_rows(text: str) -> list[TaskRow]:
    lines = text.splitlines()
    start = _header_index(lines)
    header = lines[start].split("\t")
    body = [ln.split("\t") for ln in lines[start + 1:] if "\t" in ln]
    return rows_to_tasks(header, body)


def _strip(cell: str) -> str:
    return re.sub(r"\[bookmark:[^\]]*\]", "", cell).strip()


def read_cell_lines(text: str) -> list[TaskRow]:
    chunks = re.split(r"(?m)^ *\t", text)[1:]
    header: list[str] = []
    while chunks and HEADER_WORDS.match(clean(chunks[0])):
        header.append(chunks.pop(0))
    if len(header) < 2:
        raise PlanReadError("未找到表头单元格（如 工作任务、具体要求、落实单位）")
    width = len(header)
    # The last row of an extraction may lose its trailing cells; elsewhere a
    # missing cell would shift every following row, so it is an error.
    if len(chunks) % width and not _TASK.match(_strip(chunks[-1]) or "x"):
        raise PlanReadError(f"单元格数 {len(chunks)} 不是列数 {width} 的整数倍：表格在某处缺了单元格")
    rows = [chunks[i:i + width] for i in range(0, len(chunks), width)]
    return rows_to_tasks(header, rows)


def read_pipe_rows(text: str) -> list[TaskRow]:
    lines = [clean(ln.rstrip().rstrip("|")) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    rows: list[TaskRow] = []
    category = ""
    i = 0
    while i < len(lines):
        ln = lines[i]
        m = _TASK.match(ln)
        if m:
            if i + 1 >= len(lines):
                raise PlanReadError(f"第 {m.group(1)} 项缺少责任单位")
            units = lines[i + 1]
            deadline = ""
            step = 2
            if i + 2 < len(lines) and _DEADLINE.search(lines[i + 2]) and not _TASK.match(lines[i + 2]) \
                    and not _CATEGORY.match(lines[i + 2]) and len(lines[i + 2]) <= 20:
                deadline, step = lines[i + 2], 3
            rows.append(TaskRow(m.group(1), category, "", clean(ln[m.end():]), units, deadline))
            i += step
        elif _CATEGORY.match(ln):
            category = ln
            i += 1
        else:
            raise PlanReadError(f"无法解析的行（应为类别“一、…”或任务“1.…”）：{ln[:40]}")
    return rows


READERS = {
    "numbered_rows": read_numbered_rows,
    "tab_rows": read_tab_rows,
    "cell_lines": read_cell_lines,
    "pipe_rows": read_pipe_rows,
}

_DOC_NUMBER = re.compile(r"^\S{1,12}〔\d{4}〕\d+号$")
_TITLE = re.compile(r"(要点|方案|分工)")


def read_text(text: str) -> RawPlan:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    layout = detect_layout(text)
    rows = READERS[layout](text)
    plan = RawPlan(rows=rows, layout=layout)
    # Metadata from the lines before the table, when the file has them.
    for ln in text.splitlines():
        if "\t" in ln or ln.rstrip().endswith("|"):
            break
        c = clean(ln)
        if not c:
            continue
        if _DOC_NUMBER.match(c):
            plan.doc_number = c
        elif c.endswith("文件") and not plan.issuer:
            plan.issuer = c[:-2]
        elif _TITLE.search(c) and not c.endswith("通知") and len(c) <= 60:
            plan.title = c
    m = re.search(r"(20\d\d)年", plan.title)
    if m:
        plan.year = int(m.group(1))
    return plan
