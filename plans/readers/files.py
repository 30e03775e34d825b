"""Plan files by type: .txt (see ``text_layouts``), .docx, .xlsx."""

from __future__ import annotations

from pathlib import Path

from plans.readers.common import HEADER_WORDS, PlanReadError, RawPlan, rows_to_tasks
from plans.readers.text_layouts import read_text
from plans.text import clean


def _table_to_plan(rows: list[list[str]], layout: str, title: str = "") -> RawPlan:
    rows = [[("" if c is None else str(c)) for c in r] for r in rows]
    for i, row in enumerate(rows):
        cells = [clean(c) for c in row]
        if sum(bool(HEADER_WORDS.match(c)) for c in cells) >= 2:
            tasks = rows_to_tasks(row, rows[i + 1:], carry_units=True)
            return RawPlan(rows=tasks, title=title, layout=layout)
    raise PlanReadError("表格中未找到表头行（如 序号、工作任务、具体任务、责任单位、完成时限）")


def read_docx(path: Path) -> RawPlan:
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise PlanReadError(f"{path}: 无法作为 Word 文件打开: {exc}") from None
    title = next((clean(p.text) for p in document.paragraphs
                  if clean(p.text) and any(w in p.text for w in ("要点", "方案", "分工"))), "")
    rows: list[list[str]] = []
    for table in document.tables:
        for row in table.rows:
            rows.append([cell.text for cell in row.cells])
    if not rows:
        raise PlanReadError(f"{path}: Word 文件中没有表格")
    return _table_to_plan(rows, "docx", title)


def read_xlsx(path: Path, sheet: str | None = None) -> RawPlan:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:
        raise PlanReadError(f"{path}: 无法作为 Excel 文件打开: {exc}") from None
    ws = wb[sheet] if sheet else wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    title = ""
    for r in rows[:3]:
        cells = [clean(str(c)) for c in r if c]
        if len(cells) == 1 and any(w in cells[0] for w in ("要点", "方案", "分工")):
            title = cells[0]
    return _table_to_plan(rows, "xlsx", title)


def read_file(path: str | Path) -> RawPlan:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        plan = read_docx(p)
    elif suffix in (".xlsx", ".xlsm"):
        plan = read_xlsx(p)
    elif suffix in (".txt", ".tsv", ""):
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise PlanReadError(f"{p}: 无法读取: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("gb18030")
            except UnicodeDecodeError:
                raise PlanReadError(f"{p}: 文本须为 UTF-8 或 GB18030 编码") from None
        try:
            plan = read_text(text)
        except PlanReadError as exc:
            raise PlanReadError(f"{p}: {exc}") from None
    else:
        raise PlanReadError(f"{p}: 不支持的文件类型 {suffix or '(无扩展名)'}；支持 .txt、.docx、.xlsx")
    if not plan.rows:
        raise PlanReadError(f"{p}: 没有读到任何任务")
    import re
    if not plan.year and (m := re.search(r"(20\d\d)年", plan.title)):
        plan.year = int(m.group(1))
    return plan
