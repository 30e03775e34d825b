"""Reading annual reports: flattened rows, HTML template, PDF and DOCX."""

import random
from pathlib import Path

from extract.annual_report import parse_bytes, parse_html, parse_text
from extract.annual_report.flatten import split_row
from simulator.annual_reports import render_report

FIX = Path(__file__).parent / "fixtures" / "annual_report"


def test_split_glued_row_by_row_total():
    assert split_row(["801000081"], (7,)).values == (80, 1, 0, 0, 0, 0, 81)


def test_split_partly_spaced_row():
    assert split_row(["80", "10000", "81"], (7,)).values == (80, 1, 0, 0, 0, 0, 81)


def test_split_ambiguous_row_returns_candidates_not_a_guess():
    s = split_row(["12121001120137"], (7,))
    assert s.values is None and s.ambiguous
    assert (12, 12, 100, 1, 12, 0, 137) in s.candidates and (12, 12, 100, 11, 2, 0, 137) in s.candidates


def test_split_impossible_row():
    s = split_row(["801000082"], (7,))
    assert s.values is None and s.impossible



FLAT = """某某镇人民政府2022年政府信息公开工作年度报告
一、总体情况
2022年共收到政府信息公开申请81件。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 801000081
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
（一）予以公开 12121001120137
四、结转下年度继续办理 0000000
四、政府信息公开行政复议、行政诉讼情况
"""


def test_flattened_text_rows_split_and_ambiguity_reported():
    r = parse_text(FLAT)
    assert r.year == 2022 and r.unit_name == "某某镇人民政府"
    assert r.row3("一").values == (80, 1, 0, 0, 0, 0, 81)
    assert r.row3("二").values == (0,) * 7
    assert r.row3("四").values == (0,) * 7
    assert r.row3("三(一)") is None
    problem = next(p for p in r.problems if p.key == "table3:三(一)")
    assert "多种方式" in problem.message and len(problem.details["candidates"]) == 2


def test_html_fixture_from_2021_template():
    r = parse_html((FIX / "report_2021_template.html").read_text("utf-8"))
    assert r.template == "2021" and r.year == 2022
    assert r.unit_name == "某某市某某区某某街道办事处"
    assert r.sections == ["一", "二", "三", "四", "五", "六"]
    assert [x.key for x in r.table3][:4] == ["一", "二", "三(一)", "三(二)"]
    assert len(r.table3) == 25                       # 2+2+8+3+5+3+1+1
    assert r.row3("一").values == (33, 6, 2, 1, 3, 1, 46)
    assert r.block4("行政复议").values == (1, 1, 0, 2, 4)
    assert r.row2("规章").values == (0, 0, 0)
    issues = {(i.key, i.found) for i in r.label_issues}
    assert issues == {("三(五)2", "2.重复提出申请")}   # the spaced "（七） 总计" is not a change
    assert r.problems == []


def test_pdf_and_docx_read_back_the_same_figures():
    for fmt in ("pdf", "docx"):
        doc = render_report("某某县发展和改革局", 2023, fmt=fmt, rng=random.Random(2))
        r = parse_bytes(doc.body, fmt)
        assert r.source == fmt and r.template == "2021" and r.year == 2023
        for key, values in doc.figures["table3"].items():
            assert list(r.row3(key).values) == values, (fmt, key)
        assert [list(b.values) for b in r.table4] == list(doc.figures["table4"].values())
        assert r.row2("行政规范性文件").values == doc.figures["table2"]["行政规范性文件"]
        assert r.text_number("本年新收").value == doc.figures["table3"]["一"][6]


def test_2019_template_detected():
    doc = render_report("某某县民政局", 2020, fmt="docx", template="2019", rng=random.Random(4))
    r = parse_bytes(doc.body, "docx")
    assert r.template == "2019"
    assert r.row3("三(六)") is not None and r.row3("三(六)1") is None
    assert not r.label_issues


def test_split_review_blocks():
    s = split_row(["100120000000000"], (5, 5, 5))
    assert s.values == (1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
