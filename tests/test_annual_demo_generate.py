"""The simulator publishes real 政府信息公开工作年度报告 (HTML, PDF, DOCX) and
the annual-report defect kinds write their truth (no server, no crawl)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from simulator.defects import DEFAULT_DEFECTS, REGISTRY, DefectError
from simulator.generate import generate

AS_OF = dt.date(2025, 6, 30)          # reports for 2022, 2023, 2024; 2024 due on 2025-01-31
PORTS = {"county": 18081, "town": 18082, "province": 18083}
ANNUAL_KINDS = sorted(k for k in REGISTRY if k.startswith("annual_"))

# Every annual kind (and every arithmetic variant), spread over the units.
ALL_ANNUAL = [
    "annual_missing_year:gap", "annual_missing_year:presence@town",
    "annual_arithmetic:row_total", "annual_missing_plan",
    "annual_late@jyj", "annual_arithmetic:col_balance@jyj", "annual_old_template@jyj",
    "annual_broken_carryover@czj", "annual_arithmetic:review_total@czj", "annual_blank_cell@czj",
    "annual_text_mismatch@town", "annual_arithmetic:result_total@town",
    "annual_missing_section@czj",
]
# Which truth each kind must write (check id, key pattern).
EXPECT = {
    "annual_missing_year:gap": ("annual_report.series", r"gap:2023"),
    "annual_missing_year:presence@town": ("annual_report.presence", r"missing:2024"),
    "annual_arithmetic:row_total": ("annual_report.arithmetic", r"table3:三\(四\)1:总计"),
    "annual_missing_plan": ("annual_report.plan", r"工作要点"),
    "annual_late@jyj": ("annual_report.timeliness", r"late:20\d\d"),
    "annual_arithmetic:col_balance@jyj": ("annual_report.arithmetic", r"table3:一\+二=三\(七\)\+四:自然人"),
    "annual_old_template@jyj": ("annual_report.template", r"template"),
    "annual_broken_carryover@czj": ("annual_report.carryover", r"carryover:20\d\d"),
    "annual_arithmetic:review_total@czj": ("annual_report.arithmetic", r"table4:行政复议:总计"),
    "annual_blank_cell@czj": ("annual_report.blank", r"blank:table3:三\(三\)8:科研机构"),
    "annual_text_mismatch@town": ("annual_report.text", r"text:本年新收"),
    "annual_arithmetic:result_total@town": ("annual_report.arithmetic", r"table3:三\(七\)总计:总计"),
    "annual_missing_section@czj": ("annual_report.sections", r"section:五"),
}


def _site_of(g, unit: str) -> str:
    return g.plan.units[unit].site


def _file(g, unit: str, path: str) -> bytes:
    return (g.root(_site_of(g, unit)) / path.lstrip("/")).read_bytes()


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("clean"), seed=7, as_of=AS_OF, defects=[], ports=PORTS, scale=60)


@pytest.fixture(scope="module")
def defective(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("bad"), seed=7, as_of=AS_OF, defects=ALL_ANNUAL, ports=PORTS, scale=60)


def test_every_annual_kind_is_exercised_and_some_are_default():
    assert {s.split(":")[0].split("@")[0] for s in ALL_ANNUAL} == set(ANNUAL_KINDS)
    assert set(ANNUAL_KINDS) >= {"annual_missing_year", "annual_late", "annual_old_template", "annual_arithmetic",
                                 "annual_text_mismatch", "annual_broken_carryover", "annual_missing_section",
                                 "annual_missing_plan"}
    default = [d for d in DEFAULT_DEFECTS if d.startswith("annual_")]
    assert len({d.partition("@")[2] or "county" for d in default}) == 4      # spread over the units


def test_clean_portal_publishes_three_years_in_three_formats(clean):
    plan = clean.plan
    assert clean.truth["findings"] == []
    fmts = set()
    for u in plan.units.values():
        col = u.columns["ndbg"]
        listing = _file(clean, u.id, col.list_path).decode(u.encoding if u.encoding != "gbk" else "gb18030")
        carry = None
        for year in (2022, 2023, 2024):
            r = plan.annual[(u.id, year)]
            e, doc = r.entry, r.doc
            fmts.add(r.fmt)
            assert e in col.entries and e.title == f"{u.name}{year}年政府信息公开工作年度报告"
            assert e.published <= dt.date(year + 1, 1, 31) and e.published.year == year + 1
            # listed in the 年报 column with its date
            assert e.title in listing and e.published.isoformat() in listing
            page = _file(clean, u.id, e.path).decode(u.encoding if u.encoding != "gbk" else "gb18030")
            assert f'name="PubDate" content="{e.published.isoformat()}' in page
            assert f"发布时间：{e.published.isoformat()}" in page
            if r.fmt == "html":
                assert "<table" in page and "三、收到和处理政府信息公开申请情况" in page
                assert "政务公开工作要点落实情况" in page
            else:
                assert "<table" not in page
                att = e.attachments[0]
                assert att.path in page and att.path.endswith("." + r.fmt)
                data = _file(clean, u.id, att.path)
                assert data == doc.body
                if r.fmt == "pdf":
                    assert data.startswith(b"%PDF")
                else:
                    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
            # 上年结转 chains from last year's 结转下年度
            if carry is not None:
                assert doc.figures["上年结转"] == carry
            carry = doc.figures["结转下年度"]
    assert fmts == {"html", "pdf", "docx"}
    assert plan.annual[("county", 2024)].fmt == "html"
    assert plan.annual[("jyj", 2024)].fmt == "pdf" and plan.annual[("czj", 2024)].fmt == "docx"


def test_each_annual_defect_in_tree_and_truth(defective):
    g, plan = defective, defective.plan
    truth = g.truth["findings"]
    assert set(ALL_ANNUAL) <= set(g.truth["defects"])
    for spec, (check, key) in EXPECT.items():
        items = [t for t in truth if spec in t["defect"].split(",")]
        assert any(t["check_id"] == check and re.fullmatch(key, t["key"]) for t in items), (spec, items)
    by_path = {(t["unit"], t["path"]) for t in truth if t["check_id"].startswith("annual_report.")}
    for unit, path in by_path:
        u = plan.units[unit]
        if path == u.home_path:
            continue              # presence / series: the unit's base URL
        r = next(r for (uid, _), r in plan.annual.items() if uid == unit and r.entry.path == path)
        assert r.doc is not None and (g.root(u.site) / path.lstrip("/")).is_file()
    # The missing years are gone from the tree and the list; the column went stale.
    for unit, year in (("county", 2023), ("town", 2024)):
        r = plan.annual[(unit, year)]
        assert r.missing and r.doc is None and r.entry not in plan.units[unit].columns["ndbg"].entries
        listing = _file(g, unit, plan.units[unit].columns["ndbg"].list_path).decode("utf-8")
        assert r.entry.title not in listing
    assert any(t["check_id"] == "columns.stale" and t["unit"] == "town"
               and t["path"] == plan.units["town"].columns["ndbg"].list_path for t in truth)
    # Late: the page's date is after 1月31日 and before the audit day.
    late = next(r for r in plan.annual.values() if "late" in r.defects)
    assert dt.date(late.year + 1, 1, 31) < late.entry.published < AS_OF
    # Old template: the document itself uses the 2019 columns.
    old = next(r for r in plan.annual.values() if "old_template" in r.defects)
    assert old.doc.figures["template"] == "2019"
    # Missing plan paragraph: the clean text's 工作要点 words are absent.
    county = next(r for r in plan.annual.values() if "missing_plan" in r.defects)
    page = _file(g, county.unit, county.entry.path).decode("utf-8")
    assert "工作要点" not in page and "四、政府信息公开行政复议、行政诉讼情况" in page
    # Broken carry-over: 上年结转 differs from last year's 结转下年度.
    bc = next(r for r in plan.annual.values() if "broken_carryover" in r.defects)
    prev = plan.annual[(bc.unit, bc.year - 1)]
    assert bc.doc.figures["上年结转"] != prev.doc.figures["结转下年度"]


def test_annual_defect_errors(tmp_path):
    with pytest.raises(DefectError, match="参数"):
        generate(tmp_path, defects=["annual_arithmetic:sum"], ports=PORTS, as_of=AS_OF, scale=60)
    with pytest.raises(DefectError, match="其他缺陷"):
        # the 2024 report (due) already carries a defect: write missing years first
        generate(tmp_path, defects=["annual_missing_plan", "annual_missing_year"], ports=PORTS, as_of=AS_OF, scale=60)
    with pytest.raises(DefectError, match="未知单位"):
        generate(tmp_path, defects=["annual_late@nowhere"], ports=PORTS, as_of=AS_OF, scale=60)


def test_january_audit_presence_is_pending_and_dates_stay_before_audit_day(tmp_path):
    as_of = dt.date(2025, 1, 20)      # 2024's report is not due yet; 2023's is
    g = generate(tmp_path, defects=["annual_missing_year:presence"], ports=PORTS, as_of=as_of, scale=60)
    got = {(t["check_id"], t["key"], t["status"]) for t in g.truth["findings"]}
    # presence removes the due year (2023), which is also a gap between 2022 and 2024
    assert ("annual_report.presence", "missing:2023", "fail") in got
    assert ("annual_report.series", "gap:2023", "fail") in got
    for r in g.plan.annual.values():
        if r.doc is not None:
            assert r.entry.published < as_of
