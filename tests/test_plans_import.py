"""Importing plans from Word and Excel tables, and the plans commands."""

from __future__ import annotations

import json

import docx
import openpyxl
import pytest

from plans.readers import PlanReadError, read_file
from zwgk_audit.cli import main

HEADER = ["序号", "工作任务", "具体任务", "责任单位", "完成时限"]
ROWS = [
    ["1", "一、优化政务公开平台", "2023年底前，政府门户网站全面支持互联网协议第6版。", "办公室牵头，信息中心配合", "2023年12月31日"],
    ["2", "", "在门户网站首页开设“营商环境”专栏。", "法规科统筹，各科室配合。", "长期"],
    ["3", "二、强化工作指导监督", "每年至少召开一次领导小组会议。", "办公室", ""],
]


def test_docx_table_imports(tmp_path):
    d = docx.Document()
    d.add_paragraph("某局2023年政务公开工作要点分工方案")
    t = d.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for i, row in enumerate([HEADER] + ROWS):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    path = tmp_path / "plan.docx"
    d.save(path)
    raw = read_file(path)
    assert raw.title == "某局2023年政务公开工作要点分工方案" and raw.year == 2023
    assert [r.number for r in raw.rows] == ["1", "2", "3"]
    assert raw.rows[1].category == "一、优化政务公开平台"     # carried over the empty cell

    out = tmp_path / "cat.json"
    assert main(["plans", "import", str(path), "--out", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    c1, c2, c3 = data["clauses"]
    assert c1["deadline"] == {"kind": "date", "date": "2023-12-31", "raw": "2023年12月31日"}
    assert c1["requirement_kinds"] == ["ipv6"] and c1["mode"] == "auto"
    assert (c1["lead_units"], c1["cooperating_units"]) == (["办公室"], ["信息中心"])
    assert c2["deadline"]["kind"] == "ongoing" and c2["requirement_kinds"] == ["column:营商环境"]
    assert "columns.required" in c2["checks"]
    assert c3["mode"] == "manual" and c3["deadline"]["kind"] == "yearly"


def test_xlsx_sheet_with_several_tasks_per_cell_imports(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某县2022年政务公开工作要点分工"])
    ws.append(["工作任务", "具体任务", "牵头单位"])
    ws.append(["（一）规范性文件", "1.2022年11月底前建成规范性文件库，标注文号、索引号、有效性。 2.做好对已失效、已废止文件的明确标识。",
               "县政府办公室牵头，县司法局配合"])
    ws.append([None, "3.规范发布政府信息公开工作年度报告。", None])   # merged unit cell
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    raw = read_file(path)
    assert raw.title == "某县2022年政务公开工作要点分工" and raw.year == 2022
    assert [(r.number, r.category) for r in raw.rows] == [("1", "（一）规范性文件")] * 1 + [
        ("2", "（一）规范性文件"), ("3", "（一）规范性文件")]
    assert raw.rows[2].units_raw == "县政府办公室牵头，县司法局配合"
    out = tmp_path / "cat.json"
    assert main(["plans", "import", str(path), "--out", str(out), "--id", "2022-x"]) == 0
    data = json.loads(out.read_text("utf-8"))
    kinds = [c["requirement_kinds"] for c in data["clauses"]]
    assert kinds == [["normative_docs"], ["expiry"], ["annual_report"]]
    assert data["clauses"][0]["deadline"]["date"] == "2022-11-30"
    assert data["plan"]["id"] == "2022-x"


def test_bad_files_give_clear_errors(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("随便写的一段文字\n没有表格\n", "utf-8")
    with pytest.raises(PlanReadError, match="无法识别计划文本的版式"):
        read_file(p)
    with pytest.raises(PlanReadError, match="不支持的文件类型"):
        read_file(tmp_path / "x.pdf")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(PlanReadError, match="无法作为 Word 文件打开"):
        read_file(bad)
    assert main(["plans", "import", str(p)]) == 2


def test_plans_commands_run(capsys):
    assert main(["plans", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"]: r["clauses"] for r in rows}["2022-haifeng"] == 53
    assert main(["plans", "show", "004", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["clauses"]) == 35
    assert main(["plans", "show", "nope"]) == 2
    assert main(["plans", "manual-template", "000", "--unit", "gxq"]) == 0
    assert 'unit = "gxq"' in capsys.readouterr().out
