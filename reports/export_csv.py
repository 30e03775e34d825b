"""findings.csv: one row per finding, UTF-8 with BOM so Excel reads Chinese."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Mapping

from zwgk_audit.model import AuditResult, Finding

from reports.safe import sheet_text

COLUMNS = ("单位ID", "单位名称", "检查项ID", "检查项", "结果", "结果代码", "严重程度", "问题描述", "网址", "键",
           "发现的值", "应为", "依据", "整改建议", "截图")


def basis_text(f: Finding) -> str:
    parts = []
    for c in f.basis:
        s = f"《{c.source}》" + (f"第{c.clause}项" if c.clause else "")
        if c.text:
            s += f"：{c.text}"
        if c.deadline:
            s += f"（时限 {c.deadline}）"
        parts.append(s)
    return "；".join(parts)


def finding_row(f: Finding, unit_names: Mapping[str, str]) -> list[str]:
    return [f.unit, unit_names.get(f.unit, f.unit), f.check_id, f.title, f.status.label, f.status.value,
            f.severity.value, f.message, f.url, f.key, f.evidence.value, f.evidence.expected, basis_text(f),
            f.suggestion, f.evidence.screenshot]


def write_csv(result: AuditResult, path: Path) -> Path:
    names = {u.id: u.name for u in result.units}
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for f in result.findings:
            # Cells starting with = + - @ would run as formulas in Excel.
            w.writerow([sheet_text(x) for x in finding_row(f, names)])
    return path
