"""The check registry and runner contract, for every registered check."""
import datetime as dt

from checks.base import Check, CheckMeta
from checks.registry import all_checks
from checks.runner import run_checks
from zwgk_audit.model import Snapshot, Status, Unit


def test_every_check_declares_what_reports_and_plans_need():
    checks = all_checks()
    assert checks, "no checks registered"
    for c in checks:
        m = c.meta
        assert m.id and "." in m.id, m.id
        assert m.title and any("\u4e00" <= ch <= "\u9fff" for ch in m.title), m.id
        assert m.description, m.id
        assert m.basis, f"{m.id} cites no regulation"
        assert m.suggestion, f"{m.id} has no default suggestion"


def test_a_crashing_check_reports_unknown_not_pass():
    def boom(ctx):
        raise ValueError("bad table")
    check = Check(meta=CheckMeta(id="x.boom", title="测试", description="d"), run=boom)
    snap = Snapshot([Unit(id="u", name="U", base_url="http://127.0.0.1:1/")], [])
    [f] = run_checks(snap, dt.date(2026, 1, 1), checks=[check])
    assert f.status is Status.UNKNOWN and "ValueError" in f.message and f.unit == "u"


def test_every_check_survives_an_empty_snapshot():
    snap = Snapshot([Unit(id="u", name="U", base_url="http://127.0.0.1:1/")], [])
    findings = run_checks(snap, dt.date(2026, 1, 1))
    crashed = [f for f in findings if f.key == "check-error"]
    assert not crashed, crashed
    assert not [f for f in findings if f.status is Status.FAIL and f.check_id.startswith("ipv6")]
