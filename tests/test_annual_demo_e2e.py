"""End to end: crawl the demo portal with the real pipeline; the annual_report.*
findings must be exactly the simulator's truth (nothing missing, nothing extra).

The demo is served on 127.0.0.1 (``dns=False``): the annual reports do not
depend on the DNS layer, which has its own end-to-end test."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.nginx]

AS_OF = dt.date(2025, 6, 30)


def test_demo_annual_reports_match_truth(tmp_path):
    from checks.registry import all_checks
    from simulator.defects import DEFAULT_DEFECTS
    from simulator.demo import start_demo
    from zwgk_audit.config import parse_config
    from zwgk_audit.groundtruth import compare_with_truth
    from zwgk_audit.pipeline import AuditOptions, run_audit

    with start_demo(tmp_path / "demo", as_of=AS_OF, scale=80, dns=False) as demo:
        config = parse_config(demo.config_text, "<demo>", tmp_path)
        outcome = run_audit(config, AuditOptions(out_dir=tmp_path / "out", as_of=AS_OF, screenshots=False))
        truth = demo.truth
    ids = {c.meta.id for c in all_checks() if c.meta.id.startswith("annual_report.")}
    diff = compare_with_truth(outcome.result.findings, truth, ids)
    assert diff.missing == [] and diff.extra == [], (diff.missing, diff.extra)

    # The default defects put findings of most annual checks on every unit.
    matched = {(unit, check) for unit, check, *_ in diff.matched}
    assert {u for u, _ in matched} == {"county", "jyj", "czj", "town"}
    assert {c for _, c in matched} >= {
        "annual_report.presence", "annual_report.series", "annual_report.timeliness", "annual_report.template",
        "annual_report.arithmetic", "annual_report.blank", "annual_report.text", "annual_report.carryover",
        "annual_report.sections", "annual_report.plan"}
    assert any(d.startswith("annual_") for d in DEFAULT_DEFECTS)

    # Every report was found and read: one pass of annual_report.readable per published report.
    published = [r for r in demo.generated.plan.annual.values() if not r.missing]
    readable = {(f.unit, f.url.split("/", 3)[-1]) for f in outcome.result.findings
                if f.check_id == "annual_report.readable" and f.status.value == "pass"}
    assert readable == {(r.unit, r.entry.path.lstrip("/")) for r in published}
    assert {r.fmt for r in published} == {"html", "pdf", "docx"}
