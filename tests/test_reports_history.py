"""History across runs: summaries from the store, the diff, the commands."""

from __future__ import annotations

import json
import reports_sample as S
from reports.history import diff, load_history, load_result, summarize
from reports.scoring import load_scoring
from zwgk_audit.cli import main
from zwgk_audit.model import Finding, Status
from zwgk_audit.store import Store


def F(url: str, status: Status = Status.FAIL, key: str = "", unit: str = "u") -> Finding:
    return Finding(check_id="links.broken", status=status, title="错链断链", message=url, unit=unit,
                   url=url, key=key)


def test_diff_lists_exactly_the_fixed_problems():
    prev = [F("http://a/1"), F("http://a/2"), F("http://a/3", Status.WARN), F("http://a/4"), F("http://a/5")]
    cur = [F("http://a/1"), F("http://a/2", Status.PASS), F("http://a/4"), F("http://a/6")]
    d = diff(prev, cur, previous_run="r1", current_run="r2")
    assert {c.finding.url for c in d.fixed} == {"http://a/2", "http://a/3", "http://a/5"}
    assert {c.finding.url: c.now for c in d.fixed} == {"http://a/2": "pass", "http://a/3": "absent",
                                                      "http://a/5": "absent"}
    assert {c.finding.url for c in d.new} == {"http://a/6"}
    assert {c.finding.url for c in d.persisting} == {"http://a/1", "http://a/4"}
    assert all(c.since == "r1" for c in d.persisting)


def test_identity_includes_unit_and_key():
    prev = [F("http://a/1", key="icp"), F("http://a/1", unit="v")]
    cur = [F("http://a/1", key="psb"), F("http://a/1", unit="w")]
    d = diff(prev, cur)
    assert len(d.new) == 2 and len(d.fixed) == 2 and not d.persisting


def test_a_problem_that_becomes_unknown_is_changed_not_fixed():
    d = diff([F("http://a/1")], [F("http://a/1", Status.UNKNOWN)])
    assert not d.fixed and [c.now for c in d.changed] == ["unknown"]


def test_pass_and_na_are_not_new_problems():
    d = diff([], [F("http://a/1", Status.PASS), F("http://a/2", Status.NA), F("http://a/3", Status.PENDING)])
    assert not d.new


def test_since_is_the_start_of_the_unbroken_streak():
    m = load_scoring()
    a, b = F("http://a/1"), F("http://a/2")
    runs = [summarize("r1", "2024-01-01", "2024-01-01", ["u"], [a], m, indicators={}),
            summarize("r2", "2024-02-01", "2024-02-01", ["u"], [], m, indicators={}),     # a fixed, then back
            summarize("r3", "2024-03-01", "2024-03-01", ["u"], [a, b], m, indicators={}),
            summarize("r4", "2024-04-01", "2024-04-01", ["u"], [a, b], m, indicators={})]
    d = diff([a, b], [a, b], previous_run="r4", current_run="r5", history=runs)
    assert {c.finding.url: c.since for c in d.persisting} == {"http://a/1": "r3", "http://a/2": "r3"}


def _store_with_two_runs(tmp_path):
    store = Store(tmp_path / "audit.sqlite")
    for run_id, findings, as_of in (("r1", S.previous_findings(), "2024-05-01"), ("r2", S.findings(), "2024-06-01")):
        store.begin_run([S.COUNTY, S.DEPT], {}, "示例", run_id=run_id)
        store.save_findings(run_id, findings, as_of)
        store.finish_run(run_id)
    return store


def test_history_from_the_store_has_scores_per_run(tmp_path):
    store = _store_with_two_runs(tmp_path)
    hist = load_history(store, indicators={})
    store.close()
    assert [h.run_id for h in hist] == ["r1", "r2"]
    assert hist[1].units["dept"].verdict == "不合格"
    assert hist[1].counts["fail"] == sum(f.status == Status.FAIL for f in S.findings())
    assert ("county", "footer.identity", S.COUNTY.base_url, "icp") in hist[0].problems


def test_load_result_round_trips_findings(tmp_path):
    store = _store_with_two_runs(tmp_path)
    r = load_result(store, "r2")
    store.close()
    assert r.findings == S.findings() and [u.id for u in r.units] == ["county", "dept"] and r.as_of == "2024-06-01"


def test_history_command_lists_runs(tmp_path, capsys):
    _store_with_two_runs(tmp_path).close()
    assert main(["history", "--store", str(tmp_path / "audit.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "r1" in out and "r2" in out and "共 2 次审计" in out


def test_history_command_reads_the_store_from_the_config(tmp_path, capsys):
    _store_with_two_runs(tmp_path).close()
    cfg = tmp_path / "audit.toml"
    cfg.write_text('[audit]\nstore = "audit.sqlite"\n[[unit]]\nid = "county"\nname = "县"\nbase_url = "http://127.0.0.1/"\n',
                   encoding="utf-8")
    assert main(["history", "--config", str(cfg), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["run_id"] for r in data] == ["r1", "r2"]


def test_diff_command_json(tmp_path, capsys):
    _store_with_two_runs(tmp_path).close()
    assert main(["diff", "r1", "r2", "--store", str(tmp_path / "audit.sqlite"), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert {(x["unit"], x["url"]) for x in d["fixed"]} == {
        ("county", "http://127.0.0.1:8081/old-broken.html"), ("dept", S.DEPT.base_url)}
    assert {x["url"] for x in d["persisting"]} == {S.COUNTY.base_url, "http://127.0.0.1:8081/missing.html"}


def test_diff_command_text_and_errors(tmp_path, capsys):
    _store_with_two_runs(tmp_path).close()
    db = str(tmp_path / "audit.sqlite")
    assert main(["diff", "r1", "r2", "--store", db]) == 0
    assert "已整改（2）" in capsys.readouterr().out
    assert main(["diff", "r1", "nope", "--store", db]) == 2
    assert main(["history", "--store", str(tmp_path / "missing.sqlite")]) == 2
    assert main(["history"]) == 2
