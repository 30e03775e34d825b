"""report.xlsx: 问题清单, 单位得分, 条款落实 sheets for the office's follow-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from zwgk_audit.model import AuditResult, STATUS_LABELS, STATUS_ORDER, Status

from reports.export_csv import COLUMNS as FINDING_COLUMNS, finding_row
from reports.safe import xml_text
from reports.scoring import UnitScore, rank

_HEADER_FILL = PatternFill("solid", fgColor="1F3B63")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_STATUS_FILL = {Status.FAIL: "F8D7D7", Status.WARN: "FDEBCF", Status.PASS: "DCEFD9",
                Status.UNKNOWN: "E6E2F1", Status.PENDING: "DCE7F5", Status.NA: "EEEEEE"}


def _sheet(wb: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
           widths: Sequence[int], status_col: int | None = None) -> None:
    ws = wb.create_sheet(title)
    ws.append(list(header))
    for cell in ws[1]:
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        ws.append([v if isinstance(v, (int, float)) and not isinstance(v, bool) else xml_text(v) for v in row])
        r = ws.max_row
        for cell in ws[r]:
            if cell.data_type == "f":
                cell.data_type = "s"     # page text is never a formula
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        if status_col is not None:
            label = ws.cell(r, status_col + 1).value
            for s, colour in _STATUS_FILL.items():
                if label == STATUS_LABELS[s]:
                    ws.cell(r, status_col + 1).fill = PatternFill("solid", fgColor=colour)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def write_xlsx(result: AuditResult, scores: Mapping[str, UnitScore], path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    names = {u.id: u.name for u in result.units}
    _sheet(wb, "问题清单", FINDING_COLUMNS, [finding_row(f, names) for f in result.findings],
           (12, 18, 20, 20, 8, 8, 8, 40, 40, 12, 24, 20, 40, 36, 16), status_col=4)

    status_labels = [STATUS_LABELS[s] for s in STATUS_ORDER]
    score_rows = []
    for i, s in enumerate(rank(scores), 1):
        score_rows.append([i, s.unit, names.get(s.unit, s.unit), s.score, s.verdict, "、".join(s.vetoed_by),
                           *[s.counts.get(st.value, 0) for st in STATUS_ORDER],
                           "；".join(f"{d.label} -{d.points:g}" for d in s.deductions)])
    _sheet(wb, "单位得分", ["名次", "单位ID", "单位名称", "得分", "等级", "单项否决", *status_labels, "扣分明细"],
           score_rows, (6, 12, 22, 8, 8, 20, *[8] * len(status_labels), 50))

    clause_rows = []
    clauses = result.extra.get("clauses", {})
    for uid, items in (clauses.items() if isinstance(clauses, dict) else ()):
        for c in items if isinstance(items, list) else ():
            if not isinstance(c, dict):
                continue
            try:
                status = STATUS_LABELS[Status(c.get("status"))]
            except ValueError:
                status = str(c.get("status") or "")
            ev = c.get("evidence")
            clause_rows.append([
                uid, names.get(uid, uid), c.get("plan_title") or c.get("plan_id", ""), c.get("clause", ""),
                c.get("category", ""), c.get("text", ""), "、".join(map(str, c.get("units") or ())),
                c.get("deadline", ""), "人工核查" if c.get("mode") == "manual" else "自动检查", status,
                "、".join(map(str, c.get("checks") or ())), c.get("note", ""),
                ev if isinstance(ev, str) else ("" if ev is None else str(ev))])
    _sheet(wb, "条款落实", ["单位ID", "单位名称", "工作要点", "条目", "类别", "任务", "责任单位", "时限", "方式",
                          "结果", "检查项", "说明", "依据材料"],
           clause_rows, (12, 18, 28, 8, 14, 50, 20, 12, 10, 8, 24, 30, 30), status_col=9)
    wb.save(path)
    return path
