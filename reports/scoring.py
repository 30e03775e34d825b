"""Scores and verdicts per unit, from a documented TOML model.

The default model (``reports/data/scoring.toml``) follows the structure of
the national inspection (国办秘函〔2019〕19号): single-veto items make a unit
不合格 whatever its score; other items deduct from 100 with a cap per
indicator.  Scoring reads only findings, so a new check is scored without any
change here: its indicator is ``CheckMeta.indicator`` when the caller passes
it, else the check id's prefix.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from zwgk_audit.model import Finding, Severity, Status, STATUS_ORDER

if TYPE_CHECKING:
    from zwgk_audit.model import AuditResult

from zwgk_audit.config import ConfigError  # noqa: E402  (a scoring file is configuration)

DEFAULT_SCORING = Path(__file__).parent / "data" / "scoring.toml"


class ScoringError(ConfigError):
    """A problem in a scoring file, phrased for the person who wrote it."""


@dataclass(frozen=True)
class Band:
    name: str
    min: float


@dataclass(frozen=True)
class Rate:
    """Deduction per finding and cap; None means "inherit"."""

    fail: float | None = None
    warn: float | None = None
    cap: float | None = None


@dataclass(frozen=True)
class ScoringModel:
    name: str = "默认"
    version: int = 1
    base: float = 100.0
    fail: float = 2.0
    warn: float = 0.5
    cap: float = 10.0
    veto_checks: frozenset[str] = frozenset({"site.home_reachable"})
    veto_by_severity: bool = True
    bands: tuple[Band, ...] = (Band("优秀", 90), Band("良好", 80), Band("合格", 60), Band("不合格", 0))
    indicators: Mapping[str, Rate] = field(default_factory=dict)
    indicator_labels: Mapping[str, str] = field(default_factory=dict)
    checks: Mapping[str, Rate] = field(default_factory=dict)
    unjudged_verdict: str = "无法评定"

    @property
    def fail_verdict(self) -> str:
        """The lowest band: what a vetoed unit gets."""
        return min(self.bands, key=lambda b: b.min).name if self.bands else "不合格"

    def verdict_for(self, score: float) -> str:
        for band in sorted(self.bands, key=lambda b: -b.min):
            if score >= band.min:
                return band.name
        return self.fail_verdict

    def canonical(self, indicator: str) -> str:
        """The configured indicator a check's indicator names: its key, the
        key in another case ("IPv6" -> "ipv6"), or its Chinese label
        ("网站可用性" -> "site"); unknown names stand for themselves."""
        if indicator in self.indicators:
            return indicator
        folded = indicator.casefold()
        for key in self.indicators:
            if key.casefold() == folded or self.indicator_labels.get(key) == indicator:
                return key
        return indicator

    def label(self, indicator: str) -> str:
        return self.indicator_labels.get(indicator, indicator)

    def rate(self, check_id: str, indicator: str, status: Status) -> float:
        attr = "fail" if status == Status.FAIL else "warn"
        for table in (self.checks.get(check_id), self.indicators.get(indicator)):
            if table is not None and getattr(table, attr) is not None:
                return float(getattr(table, attr))
        return float(getattr(self, attr))

    def cap_for(self, indicator: str) -> float:
        r = self.indicators.get(indicator)
        return float(r.cap) if r is not None and r.cap is not None else self.cap

    def is_veto(self, f: Finding) -> bool:
        if f.status != Status.FAIL:
            return False
        return f.check_id in self.veto_checks or (self.veto_by_severity and f.severity == Severity.VETO)


@dataclass(frozen=True)
class Deduction:
    indicator: str
    label: str
    points: float        # after the cap
    raw: float           # before the cap
    cap: float
    fails: int
    warns: int
    checks: tuple[str, ...]


@dataclass(frozen=True)
class UnitScore:
    unit: str
    score: float
    verdict: str
    vetoed_by: tuple[str, ...]                 # check ids of the veto failures
    deductions: tuple[Deduction, ...]
    counts: Mapping[str, int]                  # Status value -> count

    @property
    def vetoed(self) -> bool:
        return bool(self.vetoed_by)

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score, "verdict": self.verdict, "vetoed_by": list(self.vetoed_by),
            "deductions": [
                {"indicator": d.indicator, "label": d.label, "points": d.points, "raw": d.raw,
                 "cap": d.cap, "fails": d.fails, "warns": d.warns, "checks": list(d.checks)}
                for d in self.deductions],
            "counts": dict(self.counts),
        }


def indicator_of(check_id: str, indicators: Mapping[str, str] | None = None) -> str:
    if indicators and indicators.get(check_id):
        return indicators[check_id]
    return check_id.split(".", 1)[0]


def count_statuses(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {s.value: 0 for s in STATUS_ORDER}
    for f in findings:
        counts[f.status.value] += 1
    return counts


def score_unit(unit_id: str, findings: Iterable[Finding], model: ScoringModel,
               indicators: Mapping[str, str] | None = None) -> UnitScore:
    mine = [f for f in findings if f.unit == unit_id]
    counts = count_statuses(mine)
    vetoed = tuple(sorted({f.check_id for f in mine if model.is_veto(f)}))
    raw: dict[str, float] = {}
    tally: dict[str, list[int]] = {}
    checks: dict[str, set[str]] = {}
    for f in mine:
        if f.status not in (Status.FAIL, Status.WARN):
            continue
        ind = model.canonical(indicator_of(f.check_id, indicators))
        raw[ind] = raw.get(ind, 0.0) + model.rate(f.check_id, ind, f.status)
        t = tally.setdefault(ind, [0, 0])
        t[0 if f.status == Status.FAIL else 1] += 1
        checks.setdefault(ind, set()).add(f.check_id)
    deductions = tuple(sorted(
        (Deduction(indicator=ind, label=model.label(ind), points=round(min(pts, model.cap_for(ind)), 2),
                   raw=round(pts, 2), cap=model.cap_for(ind), fails=tally[ind][0], warns=tally[ind][1],
                   checks=tuple(sorted(checks[ind])))
         for ind, pts in raw.items()),
        key=lambda d: (-d.points, d.indicator)))
    score = round(max(0.0, model.base - sum(d.points for d in deductions)), 1)
    judged = counts["pass"] + counts["fail"] + counts["warn"]
    if vetoed:
        verdict = model.fail_verdict
    elif judged == 0:
        verdict = model.unjudged_verdict
    else:
        verdict = model.verdict_for(score)
    return UnitScore(unit=unit_id, score=score, verdict=verdict, vetoed_by=vetoed,
                     deductions=deductions, counts=counts)


def score_all(unit_ids: Iterable[str], findings: list[Finding], model: ScoringModel,
              indicators: Mapping[str, str] | None = None) -> dict[str, UnitScore]:
    return {u: score_unit(u, findings, model, indicators) for u in unit_ids}


def score_units(result: "AuditResult", model: ScoringModel | None = None,
                indicators: Mapping[str, str] | None = None) -> dict[str, UnitScore]:
    """Scores of every unit of ``result`` (the default model and the
    installed checks' indicators unless given)."""
    model = model or load_scoring()
    if indicators is None:
        indicators = indicators_from_registry()
    ids = [u.id for u in result.units]
    ids += sorted({f.unit for f in result.findings} - set(ids))
    return score_all(ids, result.findings, model, indicators)


def rank(scores: Mapping[str, UnitScore]) -> list[UnitScore]:
    """Best first; a vetoed unit ranks below every unit that was not vetoed."""
    return sorted(scores.values(), key=lambda s: (s.vetoed, -s.score, s.unit))


# -- loading


def _num(table: Mapping[str, Any], key: str, where: str, default: float | None) -> float | None:
    if key not in table:
        return default
    v = table[key]
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
        raise ScoringError(f"{where}{key}: 应为非负数，实际为 {v!r}")
    return float(v)


def _rate(table: Any, where: str) -> Rate:
    if not isinstance(table, dict):
        raise ScoringError(f"{where}: 应为表 (table)")
    unknown = set(table) - {"fail", "warn", "cap", "label"}
    if unknown:
        raise ScoringError(f"{where}: 未知的配置项 {', '.join(sorted(unknown))}；可用: fail, warn, cap, label")
    return Rate(fail=_num(table, "fail", where + ".", None), warn=_num(table, "warn", where + ".", None),
                cap=_num(table, "cap", where + ".", None))


def parse_scoring(data: Mapping[str, Any], where: str = "<scoring>") -> ScoringModel:
    p = where + ": "
    deduct = data.get("deduct", {})
    veto = data.get("veto", {})
    bands_raw = data.get("band", [])
    if not isinstance(bands_raw, list) or not bands_raw:
        raise ScoringError(f"{p}至少需要一个 [[band]]（等级名称 name 与最低分 min）")
    bands = []
    for i, b in enumerate(bands_raw, 1):
        if not isinstance(b, dict) or not isinstance(b.get("name"), str):
            raise ScoringError(f"{p}[[band]] 第{i}个: 缺少等级名称 name")
        bands.append(Band(b["name"], _num(b, "min", f"{p}[[band]] 第{i}个 ", 0.0) or 0.0))
    veto_checks = veto.get("checks", [])
    if not isinstance(veto_checks, list) or not all(isinstance(c, str) for c in veto_checks):
        raise ScoringError(f"{p}[veto] checks: 应为检查项 id 列表")
    indicators_raw = data.get("indicator", {})
    checks_raw = data.get("check", {})
    if not isinstance(indicators_raw, dict) or not isinstance(checks_raw, dict):
        raise ScoringError(f"{p}[indicator.*] 与 [check.*] 应为表")
    labels = {k: str(v.get("label", k)) for k, v in indicators_raw.items() if isinstance(v, dict)}
    return ScoringModel(
        name=str(data.get("name", "自定义")),
        version=int(data.get("version", 1)),
        base=_num(data, "base", p, 100.0) or 0.0,
        fail=_num(deduct, "fail", p + "[deduct] ", 2.0) or 0.0,
        warn=_num(deduct, "warn", p + "[deduct] ", 0.5) or 0.0,
        cap=_num(deduct, "cap", p + "[deduct] ", 10.0) or 0.0,
        veto_checks=frozenset(veto_checks),
        veto_by_severity=bool(veto.get("by_severity", True)),
        bands=tuple(bands),
        indicators={k: _rate(v, f"{p}[indicator.{k}]") for k, v in indicators_raw.items()},
        indicator_labels=labels,
        checks={k: _rate(v, f'{p}[check."{k}"]') for k, v in checks_raw.items()},
        unjudged_verdict=str(data.get("unjudged_verdict", "无法评定")),
    )


def load_scoring(path: str | Path | None = None) -> ScoringModel:
    """The model in ``path`` (a TOML file), or the shipped default."""
    p = Path(path) if path else DEFAULT_SCORING
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ScoringError(f"{p}: 无法读取评分文件: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScoringError(f"{p}: TOML 语法错误: {exc}") from None
    return parse_scoring(data, str(p))


def indicators_from_registry() -> dict[str, str]:
    """check id -> CheckMeta.indicator for the installed checks that set one.

    Best effort: reports must render even when a check module fails to
    import, so any error leaves the prefix rule in force."""
    try:
        from checks.registry import all_checks
        return {c.meta.id: c.meta.indicator for c in all_checks() if c.meta.indicator}
    except Exception:  # noqa: BLE001 - a broken check must not break reporting
        return {}
