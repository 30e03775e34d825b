"""The scoring model: single veto, per-indicator caps, bands, configuration."""

from __future__ import annotations

import pytest

from reports.scoring import ScoringError, load_scoring, parse_scoring, rank, score_all, score_unit
from zwgk_audit.model import Finding, Severity, Status


def F(check_id: str, status: Status, unit: str = "u", url: str = "", severity: Severity = Severity.MAJOR) -> Finding:
    return Finding(check_id=check_id, status=status, title=check_id, message="", unit=unit, url=url,
                   severity=severity)


@pytest.fixture
def model():
    return load_scoring()


def test_a_veto_failure_makes_the_unit_fail_whatever_its_score(model):
    s = score_unit("u", [F("site.home_reachable", Status.FAIL), F("footer.identity", Status.PASS)], model, {})
    assert s.vetoed_by == ("site.home_reachable",)
    assert s.score >= 90 and s.verdict == "不合格"


def test_veto_severity_of_an_unlisted_check_also_vetoes(model):
    s = score_unit("u", [F("columns.blank_count", Status.FAIL, severity=Severity.VETO)], model, {})
    assert s.vetoed_by == ("columns.blank_count",)
    assert s.verdict == "不合格"


def test_veto_severity_with_warn_or_unknown_does_not_veto(model):
    s = score_unit("u", [F("site.home_reachable", Status.UNKNOWN, severity=Severity.VETO),
                         F("x.y", Status.WARN, severity=Severity.VETO), F("a.b", Status.PASS)], model, {})
    assert s.vetoed_by == () and s.verdict == "优秀"


def test_deductions_are_capped_per_indicator(model):
    many = [F("links.broken", Status.FAIL, url=f"http://x/{i}") for i in range(40)]     # 40 x 1.0, cap 15
    s = score_unit("u", many + [F("footer.identity", Status.FAIL)], model, {})
    by = {d.indicator: d for d in s.deductions}
    assert by["links"].raw == 40 and by["links"].points == 15 and by["links"].fails == 40
    assert by["footer"].points == 2
    assert s.score == 100 - 15 - 2
    assert s.verdict == "良好"


def test_warn_deducts_less_and_unknown_pending_na_nothing(model):
    s = score_unit("u", [F("footer.identity", Status.WARN), F("footer.identity", Status.UNKNOWN),
                         F("footer.identity", Status.PENDING), F("footer.identity", Status.NA),
                         F("footer.identity", Status.PASS)], model, {})
    assert s.score == 99.5
    assert s.counts == {"fail": 0, "warn": 1, "unknown": 1, "pending": 1, "pass": 1, "na": 1}


def test_check_meta_indicator_names_a_configured_indicator_by_label_or_case(model):
    indicators = {"ipv6.aaaa": "IPv6", "links.broken": "错链断链"}
    s = score_unit("u", [F("ipv6.aaaa", Status.FAIL), F("links.broken", Status.FAIL)], model, indicators)
    assert {d.indicator for d in s.deductions} == {"ipv6", "links"}
    assert {d.indicator: d.points for d in s.deductions} == {"ipv6": 5.0, "links": 1.0}


def test_unknown_indicator_uses_default_rate_and_cap(model):
    s = score_unit("u", [F("newcheck.thing", Status.FAIL, url=str(i)) for i in range(8)], model, {})
    (d,) = s.deductions
    assert d.indicator == "newcheck" and d.raw == 16 and d.points == 10


def test_unit_with_nothing_judged_is_not_rated_excellent(model):
    s = score_unit("u", [F("a.b", Status.UNKNOWN)], model, {})
    assert s.score == 100 and s.verdict == "无法评定"


def test_ranking_puts_vetoed_units_last(model):
    fs = [F("site.home_reachable", Status.FAIL, unit="a"), F("footer.identity", Status.PASS, unit="a")]
    fs += [F("columns.stale", Status.FAIL, unit="b", url=str(i)) for i in range(5)]
    scores = score_all(["a", "b"], fs, model, {})
    assert scores["a"].score > scores["b"].score
    assert [s.unit for s in rank(scores)] == ["b", "a"]


def test_bands_vetoes_and_rates_are_configurable():
    m = parse_scoring({
        "base": 50, "deduct": {"fail": 10, "warn": 1, "cap": 100},
        "veto": {"checks": ["footer.identity"], "by_severity": False},
        "band": [{"name": "甲", "min": 45}, {"name": "乙", "min": 0}],
        "check": {"columns.stale": {"fail": 3}},
    })
    assert score_unit("u", [F("footer.identity", Status.FAIL)], m, {}).verdict == "乙"
    assert score_unit("u", [F("site.home_reachable", Status.FAIL, severity=Severity.VETO)], m, {}).vetoed_by == ()
    s = score_unit("u", [F("columns.stale", Status.FAIL), F("columns.empty", Status.FAIL)], m, {})
    assert s.score == 50 - 3 - 10 and s.verdict == "乙"
    assert score_unit("u", [F("columns.stale", Status.FAIL)], m, {}).verdict == "甲"


@pytest.mark.parametrize("bad, words", [
    ({"band": []}, "band"),
    ({"band": [{"name": "x", "min": 0}], "deduct": {"fail": -1}}, "fail"),
    ({"band": [{"name": "x", "min": 0}], "indicator": {"links": {"cap": 1, "fial": 2}}}, "fial"),
    ({"band": [{"name": "x", "min": 0}], "veto": {"checks": "site.home_reachable"}}, "checks"),
])
def test_bad_scoring_files_say_what_is_wrong(bad, words):
    with pytest.raises(ScoringError, match=words):
        parse_scoring(bad)


def test_shipped_model_loads_and_is_documented():
    m = load_scoring()
    assert m.veto_checks == {"site.home_reachable"} and m.base == 100
    assert [b.name for b in sorted(m.bands, key=lambda b: -b.min)] == ["优秀", "良好", "合格", "不合格"]
    assert m.label("links") == "错链断链"
