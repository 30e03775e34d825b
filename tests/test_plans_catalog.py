"""The five shipped plans: counts, hand-checked clauses, shipped data = fresh parse."""

from __future__ import annotations

import json

import pytest

from checks.base import CheckMeta
from plans.catalog import DATA_DIR, DEFAULT_SOURCES_DIR, load_catalog, read_source, resolve_id, sources
from plans.mapping import map_clause

pytestmark = pytest.mark.skipif(not DEFAULT_SOURCES_DIR.is_dir(), reason="plan sources not present")

COUNTS = {"000": 30, "001": 50, "002": 51, "003": 53, "004": 35}


def cat(alias):
    return load_catalog(alias, checks=[])


@pytest.mark.parametrize("alias,count", COUNTS.items())
def test_each_plan_parses_to_its_task_count(alias, count):
    c = cat(alias)
    assert len(c.clauses) == count
    assert [x.number for x in c.clauses] == [str(i) for i in range(1, count + 1)]
    assert all(x.text and x.category for x in c.clauses)


def _strip_checks(d):
    for c in d["clauses"]:
        c.pop("checks")
    return d


@pytest.mark.parametrize("entry", sources(), ids=lambda e: e["id"])
def test_shipped_catalog_equals_a_fresh_parse(entry):
    fresh = _strip_checks(read_source(entry, checks=[]).to_json())
    shipped = _strip_checks(json.loads((DATA_DIR / f"{entry['id']}.json").read_text("utf-8")))
    assert shipped == fresh, "plans/data is stale: run `python -m plans regenerate`"


def test_aliases_and_metadata():
    assert resolve_id("003") == "2022-haifeng"
    c = cat("002")
    assert c.plan.doc_number == "珠高办〔2021〕50号"
    assert c.plan.issuer == "珠海高新技术产业开发区党政办公室"
    assert c.plan.year == 2021
    assert cat("000").title == "2024年汕尾高新区政务公开工作要点方案"
    assert cat("003").plan.year == 2022


def test_plan_000_by_hand():
    c = cat("000")
    assert c.clause("1").category.startswith("一、深化重点领域信息公开")
    assert c.clause("1").lead_units == ("综合办公室",) and c.clause("1").deadline.kind == "none"
    x = c.clause("5")
    assert (x.lead_units, x.cooperating_units) == (("综合办公室",), ("各部门",))
    x = c.clause("17")     # "综合办公室会同各部门落实"
    assert (x.lead_units, x.cooperating_units) == (("综合办公室",), ("各部门",))
    assert c.clause("15").heading.startswith("(五)积极回应社会关切")
    assert c.clause("16").text.startswith("二是切实落实政务舆情") and c.clause("16").heading.startswith("(五)")
    x = c.clause("20")
    assert x.deadline.date == "2023-12-31" and "ipv6" in x.requirement_kinds
    x = c.clause("26")
    assert x.deadline.kind == "yearly" and x.mode == "manual"
    assert c.clause("2").lead_units == ("规划建设局",)


def test_plan_001_by_hand():
    c = cat("001")
    x = c.clause("3")
    assert x.text.startswith("主动公开全国统一的市场准入负面清单")
    assert x.lead_units == ("各街道办事处", "区发展和财政局", "区经济促进和旅游局", "市市场监督管理局红海湾分局")
    assert x.cooperating_units == ("区直其他单位",)
    assert c.clause("5").text == "强化行政执法信息公开，加强反垄断与反不正当竞争执法信息公开工作。"
    assert c.clause("10").category == "做好常态化疫情防控信息公开"
    assert c.clause("28").category == "完善政务公开平台建设"
    x = c.clause("26")
    assert x.deadline.date == "2021-12-31" and "column:规章" in x.requirement_kinds
    assert c.clause("39").units == ("区司法局",)
    assert c.clause("43").deadline.kind == "yearly"
    x = c.clause("23")   # "区党工委综合办公室牵头、区直其他单位…"
    assert x.cooperating_units == ("区直其他单位",) and "区党工委综合办公室" in x.lead_units


def test_plan_002_by_hand():
    c = cat("002")
    x = c.clause("1")
    assert x.category == "（一）做好各类规划主动公开"
    assert (x.lead_units, x.cooperating_units) == (("区党政办（文秘科、宣传科）",), ("各单位",))
    assert c.clause("17").category == "(六)不断改进政策解读工作方式"
    x = c.clause("38")   # the row whose task sits in the category column
    assert x.text.startswith("按照国家和省、市的有关规定") and x.units == ("各单位",)
    assert x.category == "(十一)落实《政府信息公开条例》"
    assert c.clause("45").units == ("区党政办（文秘科、宣传科）", "区党群工作部", "各单位")
    assert c.clause("12").text == "做好爱国卫生运动、健康中国行动等相关工作的信息公开。"
    assert c.clause("40").deadline.kind == "yearly"


def test_plan_003_by_hand():
    c = cat("003")
    x = c.clause("1")
    assert x.deadline.date == "2022-11-30" and "2022年底前" in x.deadline.raw
    assert (x.lead_units, x.cooperating_units) == (("县政府办公室", "县司法局"), ("其他单位",))
    assert "normative_docs" in x.requirement_kinds
    x = c.clause("5")
    assert x.deadline.date == "2022-12-31" and "column:涉农补贴" in x.requirement_kinds
    x = c.clause("21")
    assert (x.lead_units, x.cooperating_units) == (("县人力资源社会保障局",), ("其他单位",))
    assert c.clause("45").heading == "（四）持续做好政府公报工作。"
    assert c.clause("4").heading == "（二）持续推进基层政务公开标准化规范化。"
    assert c.clause("46").category == "五、强化工作指导监督" and c.clause("46").heading == ""
    assert c.clause("53").units == ()       # the file lost this row's unit cell
    assert c.clause("50").text == "加强政务公开工作经验总结，积极向《政务公开工作交流》投稿。"


def test_plan_004_by_hand():
    c = cat("004")
    x = c.clause("1")
    assert x.deadline.kind == "ongoing" and x.deadline.raw == "长期"
    assert (x.lead_units, x.cooperating_units) == (("法规科",), ("相关科(室)",))
    assert c.clause("21").deadline.date == "2022-12-30"
    assert c.clause("34").deadline.date == "2023-01-31" and "annual_report" in c.clause("34").requirement_kinds
    assert c.clause("35").deadline.date == "2023-03-01"
    assert set(c.clause("26").requirement_kinds) == {"expiry", "links"}
    assert "column:营商环境" in c.clause("5").requirement_kinds
    assert "column:稳经济" in c.clause("7").requirement_kinds
    x = c.clause("10")
    assert (x.lead_units, x.cooperating_units) == (("政策起草科(室)",), ("法规科",))
    assert c.clause("9").category == "八、推进公共企事业单位信息公开"


IPV6 = {"000": ("20", "2023-12-31"), "001": ("32", "2021-12-31"),
        "002": ("31", "2021-12-31"), "003": ("37", "2022-12-31")}


@pytest.mark.parametrize("alias", COUNTS)
def test_ipv6_clauses_map_to_ipv6_with_their_deadline(alias):
    c = cat(alias)
    ipv6 = [x for x in c.clauses if "ipv6" in x.requirement_kinds]
    if alias not in IPV6:
        assert ipv6 == []
        return
    number, date = IPV6[alias]
    assert [x.number for x in ipv6] == [number]
    assert ipv6[0].deadline.date == date and ipv6[0].mode == "auto"
    meta = CheckMeta(id="ipv6.home", title="t", description="d", requirement_kinds=("ipv6",))
    m = map_clause(ipv6[0], [meta])
    assert m.checks == ("ipv6.home",) and "互联网协议第6版" in m.reason


def test_meetings_and_training_are_manual():
    c = cat("003")
    for n in ("46", "47", "48"):
        assert c.clause(n).mode == "manual" and c.clause(n).requirement_kinds == ()
    assert "会议" in c.clause("46").mapping_reason
