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


def run_demo(out, work, *extra):
    return subprocess.run(
        [sys.executable, "-m", "zwgk_audit.cli", "demo", "--out", str(out), "--workdir", str(work),
         "--no-screenshots", *extra],
        capture_output=True, text=True, timeout=900)


def test_demo_reports_exactly_the_ground_truth(tmp_path):
    out, work = tmp_path / "out", tmp_path / "work"
    proc = run_demo(out, work)
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
