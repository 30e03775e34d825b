"""JSON, CSV, XLSX, JUnit exports and the unit-list import."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest
from openpyxl import Workbook, load_workbook

import reports_sample as S
from reports import write_reports
from reports.import_units import UnitImportError, read_units
from zwgk_audit.cli import main
from zwgk_audit.config import parse_config
from zwgk_audit.model import Finding, Status, STATUS_LABELS


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("report")
    write_reports(S.result(), d, indicators={})
    return d


def test_json_follows_the_versioned_schema(out):
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["schema"] == "zwgk-audit/report" and data["version"] == 1
    for key in ("run_id", "started_at", "as_of", "config_name", "plans", "units", "findings", "clauses", "stats"):
        assert key in data
    assert [Finding.from_json(f) for f in data["findings"]] == S.findings()
    dept = next(u for u in data["units"] if u["id"] == "dept")
    assert dept["verdict"] == "不合格" and dept["vetoed_by"] == ["site.home_reachable"]
    assert dept["counts"] == {"fail": 1, "warn": 1, "unknown": 0, "pending": 0, "pass": 1, "na": 0}
    assert data["clauses"]["county"][1]["mode"] == "manual"
    assert data["stats"]["county"]["pages"] == 120


def test_xlsx_holds_the_same_counts_as_the_json(out):
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    wb = load_workbook(out / "report.xlsx")
    assert wb.sheetnames == ["问题清单", "单位得分", "条款落实"]
    ws = wb["问题清单"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(data["findings"])
    header = [c.value for c in ws[1]]
    status_col = header.index("结果代码")
    for code in STATUS_LABELS:
        assert sum(r[status_col] == code.value for r in rows) == data["counts"][code.value]
    scores = wb["单位得分"]
    sh = [c.value for c in scores[1]]
    by_unit = {r[sh.index("单位ID")]: r for r in scores.iter_rows(min_row=2, values_only=True)}
    for u in data["units"]:
        r = by_unit[u["id"]]
        assert r[sh.index("得分")] == u["score"] and r[sh.index("等级")] == u["verdict"]
        for code, label in STATUS_LABELS.items():
            assert r[sh.index(label)] == u["counts"][code.value]
    clauses = list(wb["条款落实"].iter_rows(min_row=2, values_only=True))
    assert len(clauses) == sum(len(v) for v in data["clauses"].values())
    assert sum("人工核查" in r for r in clauses) == 2


def test_page_text_never_becomes_a_spreadsheet_formula(out):
    wb = load_workbook(out / "report.xlsx")
    cells = [c for row in wb["问题清单"].iter_rows(min_row=2) for c in row]
    assert any(str(c.value).startswith('=HYPERLINK') for c in cells)
    assert all(c.data_type != "f" for c in cells)
    rows = list(csv.reader((out / "findings.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert any(v.startswith("'=HYPERLINK") for r in rows for v in r)


def test_csv_is_utf8_with_bom_one_row_per_finding(out):
    raw = (out / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out / "findings.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(S.findings())
    assert rows[0]["单位名称"] == "示例县人民政府" and rows[0]["结果"] == "不合格"
    assert any(S.HOSTILE in r["问题描述"] for r in rows)


def test_junit_failures_are_the_fail_findings(out):
    root = ET.parse(out / "junit.xml").getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 2
    got = sorted((case.get("classname"), fail.get("type"), fail.text)
                 for case in root.iter("testcase") for fail in case.findall("failure"))
    fails = [f for f in S.findings() if f.status == Status.FAIL]
    assert len(got) == len(fails)
    assert sorted((f.unit, f.check_id) for f in fails) == [(u, c) for u, c, _ in got]
    assert all(any(f.url in text for f in fails) for _, _, text in got)
    # one testcase per check and unit
    county = next(s for s in suites if s.get("name").endswith("(county)"))
    assert int(county.get("tests")) == len({f.check_id for f in S.findings() if f.unit == "county"})
    assert int(root.get("failures")) == len({(f.unit, f.check_id) for f in fails})
    warn_out = "".join(so.text or "" for so in root.iter("system-out"))
    assert "通知公告栏目 150 天未更新" in warn_out


def _xlsx(path, rows, title_row=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    if title_row:
        ws.append([title_row])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_unit_list_import_matches_headers_loosely_and_yields_valid_config(tmp_path):
    path = _xlsx(tmp_path / "units.xlsx", [
        ["单位 ID", "单位名称", "网站名称", "网址（URL）", "适用方案", "层级"],
        ["county", "示例县人民政府办公室", "示例县人民政府", "http://www.example.gov.cn/", "gd2024", "县级政府"],
        ["dept", "示例县教育局", "", "jyj.example.gov.cn", "", "部门"],
        [None, None, None, None, None, None],
        ["bad id!", "示例县卫健局", "", "http://wjj.example.gov.cn/path", "", ""],
        ["x", "没有网址", "", "", "", ""],
    ], title_row="2024年审计单位名单")
    res = read_units(path)
    assert [u["id"] for u in res.units] == ["county", "dept", "u003"]
    assert res.units[0] == {"id": "county", "name": "示例县人民政府", "base_url": "http://www.example.gov.cn/",
                            "unit": "示例县人民政府办公室", "level": "县级政府", "plan": "gd2024"}
    assert res.units[1]["name"] == "示例县教育局" and res.units[1]["base_url"] == "http://jyj.example.gov.cn/"
    assert len(res.warnings) == 3           # missing scheme, bad id, no URL
    cfg = parse_config(res.toml())
    assert [u.unit.id for u in cfg.units] == ["county", "dept", "u003"]
    assert cfg.unit("county").unit.unit_name == "示例县人民政府办公室"


def test_unit_import_escapes_toml_and_rejects_unknown_layouts(tmp_path):
    path = _xlsx(tmp_path / "u.xlsx", [["名称", "网址"], ['县"政府"\n[audit]', "http://a.example/"]])
    cfg = parse_config(read_units(path).toml())
    assert cfg.units[0].unit.name == '县"政府"\n[audit]'
    with pytest.raises(UnitImportError, match="表头"):
        read_units(_xlsx(tmp_path / "v.xlsx", [["甲", "乙"], [1, 2]]))
    (tmp_path / "w.xlsx").write_text("not excel")
    with pytest.raises(UnitImportError):
        read_units(tmp_path / "w.xlsx")


def test_units_import_command(tmp_path, capsys):
    path = _xlsx(tmp_path / "units.xlsx", [["单位ID", "网站名称", "网址"], ["a", "甲县", "https://a.example/"]])
    assert main(["units", "import", str(path)]) == 0
    assert 'base_url = "https://a.example/"' in capsys.readouterr().out
    assert main(["units", "import", str(path), "-o", str(tmp_path / "u.toml")]) == 0
    assert (tmp_path / "u.toml").read_text(encoding="utf-8").count("[[unit]]") == 1
    assert main(["units", "import", str(tmp_path / "missing.xlsx")]) == 2


def test_control_characters_from_pages_do_not_break_xml_or_xlsx(tmp_path):
    bad = Finding(check_id="links.broken", status=Status.FAIL, title="错链断链", message="坏\x01字符\x0b",
                  unit="county", url="http://127.0.0.1:8081/\x02")
    write_reports(S.result(items=[bad]), tmp_path, indicators={})
    root = ET.parse(tmp_path / "junit.xml").getroot()
    assert "坏" in root.find(".//failure").text
    ws = load_workbook(tmp_path / "report.xlsx")["问题清单"]
    assert ws.cell(2, 8).value.startswith("坏")
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["findings"][0]["message"] == bad.message
