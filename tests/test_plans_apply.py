"""Citations, deadlines (未到期), the clause table, coverage, overrides, manual items."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from checks.base import CheckMeta
from plans.apply import apply_plans, requirements_for
from plans.catalog import DEFAULT_SOURCES_DIR, load_catalog
from plans.manual import ManualItemsError, manual_template, parse_manual_items
from plans.mapping import map_clause
from plans.model import Override
from zwgk_audit.commands.plans import summary
from zwgk_audit.model import Finding, Status, Unit

pytestmark = pytest.mark.skipif(not DEFAULT_SOURCES_DIR.is_dir(), reason="plan sources not present")

METAS = {
    "ipv6.home": CheckMeta(id="ipv6.home", title="IPv6", description="d", requirement_kinds=("ipv6",)),
    "columns.required": CheckMeta(id="columns.required", title="栏目", description="d",
                                  requirement_kinds=("column:*",)),
    "footer.identity": CheckMeta(id="footer.identity", title="页脚", description="d"),
}
UNIT = Unit(id="county", name="海丰县", base_url="http://hf.example/", plan="003")


def catalogs():
    return {"003": load_catalog("003", checks=METAS.values())}


def fail(check_id, key=""):
    return Finding(check_id=check_id, status=Status.FAIL, title="t", message="不支持IPv6", unit="county",
                   url="http://hf.example/", key=key)


def test_fail_before_the_deadline_is_pending_with_the_clause_cited():
    out, _ = apply_plans([fail("ipv6.home")], [UNIT], catalogs(), dt.date(2022, 6, 1), METAS)
    f = out[0]
    assert f.status == Status.PENDING
    assert "2022-12-31" in f.message and "未到期" in f.message
    (cite,) = f.basis
    assert (cite.clause, cite.deadline, cite.plan_id) == ("37", "2022-12-31", "2022-haifeng")
    assert cite.source == "海丰县2022年政务公开工作要点分工方案" and len(cite.text) <= 60
    assert "县政务服务数据管理局" in cite.units


def test_fail_after_the_deadline_stays_fail():
    out, table = apply_plans([fail("ipv6.home")], [UNIT], catalogs(), dt.date(2023, 1, 10), METAS)
    assert out[0].status == Status.FAIL
    row = next(r for r in table["county"] if r["clause"] == "37")
    assert row["status"] == "fail" and row["checks"] == ["ipv6.home"] and row["deadline"] == "2022-12-31"


def test_column_finding_cites_only_the_clause_of_its_column():
    out, table = apply_plans([fail("columns.required", key="政府公报")], [UNIT], catalogs(),
                             dt.date(2023, 1, 10), METAS)
    assert [c.clause for c in out[0].basis] == ["45"]
    rows = {r["clause"]: r for r in table["county"]}
    assert rows["45"]["status"] == "fail"
    assert rows["25"]["status"] == "unknown"     # 公共企事业单位 column: no finding came


def test_clause_table_lists_every_clause_with_manual_items():
    manual = parse_manual_items('[[item]]\nunit = "county"\nclause = "46"\nstatus = "合格"\n'
                                'note = "已召开"\nevidence = "会议纪要.pdf"\n')
    _, table = apply_plans([], [UNIT], catalogs(), dt.date(2023, 1, 10), METAS, manual)
    rows = {r["clause"]: r for r in table["county"]}
    assert len(rows) == 53
    assert rows["46"]["status"] == "pass" and rows["46"]["mode"] == "manual"
    assert rows["46"]["evidence"] == "会议纪要.pdf" and rows["46"]["note"] == "已召开"
    assert rows["47"]["status"] == "unknown" and "人工核查" in rows["47"]["note"]
    assert rows["9"]["mode"] == "auto" and rows["9"]["checks"] == [] and rows["9"]["status"] == "unknown"
    assert set(rows["1"]) == {"plan_id", "plan_title", "clause", "category", "text", "units", "deadline",
                              "mode", "status", "checks", "note", "evidence"}


def test_requirements_for_the_units_plan():
    req = requirements_for(UNIT, catalogs())
    assert {"ipv6", "normative_docs", "column:政府公报", "column:公共企事业单位信息公开"} <= req
    assert requirements_for(replace(UNIT, plan=""), catalogs()) is None


def test_coverage_counts_with_a_fixed_list_of_checks():
    cat = load_catalog("004", checks=[])
    assert summary(cat, [])["covered"] == 0
    s = summary(cat, [METAS["columns.required"]])
    # 18 (安全平稳运行), 19 (安全防护、日常巡检) and 10 (解读“三同步”: normative.interpretation) are auto
    assert s["clauses"] == 35 and s["auto"] == 16
    column_clauses = [c for c in cat.clauses if any(k.startswith("column:") for k in c.requirement_kinds)]
    assert s["covered"] == len(column_clauses) == 9   # clauses 1 2 5 7 9 12 22 23 24


def test_override_changes_mode_and_checks():
    clause = load_catalog("003", checks=[]).clause("46")
    over = replace(clause, override=Override(checks=("footer.identity",), mode="auto", reason="复核"))
    m = map_clause(over, METAS.values())
    assert m.mode == "auto" and m.checks == ("footer.identity",) and "复核" in m.reason


@pytest.mark.parametrize("text,needle", [
    ('[[item]]\nunit = "county"\nclause = "46"\nstatus = "好"\n', "status"),
    ('[[item]]\nclause = "46"\n', "unit: 缺少必填项"),
    ('[[item]]\nunit = "county"\nclause = "46"\ncolour = "x"\n', "colour: 未知的字段"),
    ('[[item]]\nunit = "county"\nclause = "46"\n[[item]]\nunit = "county"\nclause = "46"\n', "重复"),
    ('[[item]\n', "TOML 语法错误"),
    ('[county]\nx = 1\n', "未知的顶层项"),
])
def test_manual_items_errors_say_where_and_what(text, needle):
    with pytest.raises(ManualItemsError) as exc:
        parse_manual_items(text, "manual.toml")
    assert "manual.toml" in str(exc.value) and needle in str(exc.value)


def test_manual_error_names_the_line():
    text = '[[item]]\nunit = "a"\nclause = "1"\n\n[[item]]\nunit = "a"\nclause = "2"\nstatus = "bad"\n'
    with pytest.raises(ManualItemsError, match=r"manual.toml:5: 第2条"):
        parse_manual_items(text, "manual.toml")


def test_manual_template_lists_manual_clauses_and_loads_back():
    cat = load_catalog("003", checks=[])
    text = manual_template(cat, "county")
    items = parse_manual_items(text)
    manual_numbers = [c.number for c in cat.clauses if c.mode == "manual"]
    assert [i.clause for i in items.items] == manual_numbers
    assert all(i.status is None and i.unit == "county" for i in items.items)
