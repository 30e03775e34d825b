"""End to end: the simulator with injected defects, audited through the CLI,
reports every ground-truth finding of the implemented checks and nothing else."""

import json
import subprocess
import sys

import pytest

from checks.registry import all_checks
from zwgk_audit.groundtruth import compare_with_truth
from zwgk_audit.model import Finding

pytestmark = pytest.mark.slow


def run_demo(out, work, *extra, pdf=False):
    return subprocess.run(
        [sys.executable, "-m", "zwgk_audit.cli", "demo", "--out", str(out), "--workdir", str(work),
         "--no-screenshots", *(() if pdf else ("--no-pdf",)), *extra],
        capture_output=True, text=True, timeout=900)


def test_demo_reports_exactly_the_ground_truth(tmp_path):
    out, work = tmp_path / "out", tmp_path / "work"
    proc = run_demo(out, work, pdf=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "与模拟器真值对比：一致" in proc.stdout

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    truth = json.loads((work / "portal" / "truth.json").read_text(encoding="utf-8"))
    findings = [Finding.from_json(f) for f in report["findings"]]
    diff = compare_with_truth(findings, truth, {c.meta.id for c in all_checks()})
    assert diff.exact, (diff.missing, diff.extra)
    # the defaults exercise every family: the truth is not trivially small
    assert len(diff.matched) >= 40
    families = {k[1].split(".")[0] for k in diff.matched}
    assert {"footer", "links", "columns", "normative"} <= families

    # every finding cites something and says what to do
    for f in findings:
        assert f.basis, f.check_id
        if f.status.value == "fail":
            assert f.suggestion and f.message, f.check_id
    # the outputs every reader needs
    assert (out / "index.html").is_file()
    for unit in truth["units"]:
        assert (out / "units" / f"{unit['id']}.html").is_file()
        assert (out / "units" / f"{unit['id']}.pdf").read_bytes().startswith(b"%PDF")
    for name in ("findings.csv", "report.xlsx", "junit.xml"):
        assert (out / name).is_file()


def test_a_clean_portal_gives_no_finding_outside_the_truth(tmp_path):
    out, work = tmp_path / "out", tmp_path / "work"
    proc = run_demo(out, work, "--defects", "")
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    truth = json.loads((work / "portal" / "truth.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    fails = [(f["unit"], f["check_id"], f["url"], f["key"]) for f in report["findings"] if f["status"] == "fail"]
    expected = [t for t in truth["findings"] if t["status"] == "fail"]
    assert len(fails) == len(expected), fails


def test_bad_defect_list_is_a_usage_error(tmp_path):
    proc = run_demo(tmp_path / "o", tmp_path / "w", "--defects", "no_such_defect")
    assert proc.returncode == 2 and "缺陷列表错误" in proc.stderr


def test_two_demo_runs_with_defects_fixed_between_show_exactly_those_fixed(tmp_path):
    """The office's follow-up: audit, the units fix some defects, audit again."""
    from simulator.defects import DEFAULT_DEFECTS
    from zwgk_audit.groundtruth import url_path

    out = tmp_path / "out"
    fixed_now = {"footer_bad_icp", "broken_attachment", "bad_doc_number:paren", "topic_not_in_vocab"}
    first = list(DEFAULT_DEFECTS)
    assert fixed_now <= set(first)
    second = [d for d in first if d not in fixed_now]
    runs = []
    for i, defects in enumerate((first, second)):
        work = tmp_path / f"work{i}"
        proc = run_demo(out, work, "--defects", ",".join(defects), "--port-base", "18381")
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        runs.append(json.loads((work / "portal" / "truth.json").read_text(encoding="utf-8")))
    store = out / "demo-audit.sqlite"
    hist = subprocess.run([sys.executable, "-m", "zwgk_audit.cli", "history", "--store", str(store), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert hist.returncode == 0, hist.stderr
    run_ids = [r["run_id"] for r in json.loads(hist.stdout)]
    assert len(run_ids) == 2
    diff = subprocess.run([sys.executable, "-m", "zwgk_audit.cli", "diff", *run_ids, "--store", str(store), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert diff.returncode == 0, diff.stderr
    d = json.loads(diff.stdout)

    def problems(truth):
        return {(t["unit"], t["check_id"], t["path"], t["key"]) for t in truth["findings"]
                if t["status"] in ("fail", "warn")}

    def keys(rows):
        return {(r["unit"], r["check_id"], url_path(r["url"]) if r["url"] else "", r["key"]) for r in rows}

    assert keys(d["fixed"]) == problems(runs[0]) - problems(runs[1])
    assert keys(d["new"]) == problems(runs[1]) - problems(runs[0])
    assert {k[1] for k in keys(d["fixed"])} >= {"footer.identity", "links.broken", "normative.doc_number",
                                               "normative.topic"}
    overview = (out / "index.html").read_text(encoding="utf-8")
    assert "已整改" in overview
