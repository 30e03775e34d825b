"""End to end: the demo audits every unit against the county's plan
(2022-haifeng): findings cite plan clauses, the scorecards list the manual
items the office recorded, and columns.required matches the simulator's truth."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib

import pytest

from checks.registry import all_checks
from simulator.demo import DEMO_PLAN, start_demo
from zwgk_audit.config import parse_config
from zwgk_audit.groundtruth import compare_with_truth
from zwgk_audit.model import Status
from zwgk_audit.pipeline import AuditOptions, run_audit

pytestmark = pytest.mark.slow

AS_OF = dt.date(2026, 11, 22)


def audit(tmp_path, defects=None):
    """What ``zwgk-audit demo`` does: serve, rewrite the store line, parse relative to the out dir."""
    out, work = tmp_path / "out", tmp_path / "work"
    out.mkdir()
    with start_demo(work, as_of=AS_OF, defects=defects) as demo:
        store = (out / "demo-audit.sqlite").resolve()
        text = re.sub(r'(?m)^store = .*$', "store = " + json.dumps(str(store)), demo.config_text, count=1)
        config = parse_config(text, str(out / "demo-audit.toml"), out.resolve())
        outcome = run_audit(config, AuditOptions(out_dir=out, as_of=AS_OF))
        return demo, config, outcome, out


def columns_diff(outcome, truth):
    return compare_with_truth(outcome.result.findings, truth, {"columns.required"})


def test_demo_applies_the_plan_cites_clauses_and_records_manual_items(tmp_path):
    demo, config, outcome, out = audit(tmp_path)
    result = outcome.result
    assert {uc.unit.plan for uc in config.units} == {DEMO_PLAN}
    assert config.manual_items is not None and config.manual_items.is_absolute()
    assert DEMO_PLAN in result.plans

    # Every fail / warn finding cites a clause of the plan, with its responsible
    # units, except where no clause of this plan asks for the thing: the footer
    # identity items rest on the national guideline alone (no plan names them).
    judged = [f for f in result.findings if f.status in (Status.FAIL, Status.WARN)]
    assert len(judged) >= 40
    uncited = {f.check_id for f in judged if not any(b.plan_id == DEMO_PLAN for b in f.basis)}
    assert uncited == {"footer.identity"}
    for f in judged:
        cited = [b for b in f.basis if b.plan_id == DEMO_PLAN]
        if not cited:
            assert f.basis and all(not b.plan_id for b in f.basis), f.check_id
            continue
        assert all(b.clause and b.source for b in cited), f.check_id
        assert any(b.units for b in cited), (f.check_id, [b.clause for b in cited])   # 责任单位
    # The plans date from 2022; nothing is still before its deadline on the audit date.
    assert not [f for f in result.findings if f.status is Status.PENDING]

    # columns.required ran for every column the plan asks for, and matches the truth exactly.
    kinds = {f.key for f in result.findings if f.check_id == "columns.required"}
    assert {"营商环境", "重点领域", "公共企事业单位信息公开", "意见征集", "政府公报", "涉农补贴",
            "政府信息公开目录", "依申请公开"} <= kinds
    diff = columns_diff(outcome, demo.truth)
    assert diff.exact, (diff.missing, diff.extra)
    assert len(diff.matched) == 2           # the defaults: 营商环境 on the town, 意见征集 at the 教育局
    # Departments are not asked for the portal's home-page column.
    na = {(f.unit, f.key) for f in result.findings if f.check_id == "columns.required" and f.status is Status.NA}
    assert na == {("jyj", "营商环境"), ("czj", "营商环境")}

    # The clause table of each unit lists the manual items with the office's record.
    recorded = tomllib.loads(config.manual_items.read_text("utf-8"))["item"]
    assert len(recorded) >= 4
    tables = result.extra["clauses"]
    assert set(tables) == {u.id for u in result.units}
    for item in recorded:
        row = next(r for r in tables[item["unit"]] if r["clause"] == item["clause"])
        assert row["mode"] == "manual" and row["plan_id"] == DEMO_PLAN
        if item["status"]:
            assert row["status"] == {"合格": "pass", "不合格": "fail", "不适用": "na"}[item["status"]]
            assert row["note"] == item["note"] and row["evidence"] == item["evidence"]
        else:
            assert row["status"] == "unknown" and "待人工核查" in row["note"]
    for unit, rows in tables.items():
        assert any(r["mode"] == "manual" for r in rows) and any(r["mode"] == "auto" for r in rows)
    # Evidence links point at pages the simulated portal serves (and the audit crawled).
    crawled = {p.url for p in run_snapshot_pages(out)}
    for item in recorded:
        if item["evidence"]:
            assert item["evidence"] in crawled, item["evidence"]

    # The report carries the same: plan citations on findings, manual items on the scorecards.
    report = json.loads((out / "report.json").read_text("utf-8"))
    for f in report["findings"]:
        if f["status"] in ("fail", "warn") and f["check_id"] not in uncited:
            assert any(b.get("plan_id") == DEMO_PLAN for b in f["basis"]), f["check_id"]
    county_html = (out / "units" / "county.html").read_text("utf-8")
    assert "人工核查" in county_html and "领导小组会议" in county_html
    assert "本次审计未套用工作要点" not in county_html


def run_snapshot_pages(out):
    from zwgk_audit.store import Store

    store = Store(out / "demo-audit.sqlite")
    try:
        run = [r for r in store.runs() if r["status"] == "complete"][-1]["run_id"]
        return list(store.snapshot(run).pages())
    finally:
        store.close()


def test_missing_columns_match_the_truth_across_units(tmp_path):
    # The county's 公报 goes: the departments that link it lose it too; the
    # town has no 依申请公开 page nor the guide's link; the 财政局 has no 重点领域.
    defects = ["missing_column:政府公报", "missing_column:依申请公开@town", "missing_column:重点领域@czj"]
    demo, config, outcome, out = audit(tmp_path, defects)
    truth = [(t["unit"], t["key"]) for t in demo.truth["findings"] if t["check_id"] == "columns.required"]
    assert sorted(truth) == sorted([("county", "政府公报"), ("jyj", "政府公报"), ("czj", "政府公报"),
                                    ("town", "依申请公开"), ("czj", "重点领域")])
    diff = columns_diff(outcome, demo.truth)
    assert diff.exact, (diff.missing, diff.extra)
    # the whole audit stays exact (no broken links left behind by the removed column)
    full = compare_with_truth(outcome.result.findings, demo.truth, {c.meta.id for c in all_checks()})
    assert full.exact, (full.missing, full.extra)
