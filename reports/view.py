"""What the templates show, computed from an ``AuditResult`` alone.

The renderer knows nothing of how a result was reached: checks appear by the
ids and titles their findings carry, so a new check needs no change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from zwgk_audit.model import AuditResult, Finding, Status, STATUS_ORDER, Unit

from reports.history import Diff, RunSummary
from reports.network_view import NetworkSection, network_section
from reports.safe import anchor, unit_filename
from reports.scoring import UnitScore, count_statuses

_RANK = {s: i for i, s in enumerate(STATUS_ORDER)}
DETAILED = (Status.FAIL, Status.WARN, Status.UNKNOWN, Status.PENDING)


def worst(statuses: Sequence[Status]) -> Status | None:
    return min(statuses, key=_RANK.__getitem__) if statuses else None


def finding_order(f: Finding) -> tuple[int, str, str]:
    return (_RANK[f.status], f.url, f.key)


@dataclass(frozen=True)
class CheckGroup:
    check_id: str
    title: str
    anchor: str
    worst: Status
    counts: Mapping[str, int]
    findings: tuple[Finding, ...]

    @property
    def problems(self) -> tuple[Finding, ...]:
        """Shown in full: fail, warn, unknown, pending."""
        return tuple(f for f in self.findings if f.status in DETAILED)

    @property
    def verified(self) -> tuple[Finding, ...]:
        """Shown in a compact table: pass and na."""
        return tuple(f for f in self.findings if f.status not in DETAILED)


@dataclass(frozen=True)
class ClauseRow:
    plan_id: str
    plan_title: str
    clause: str
    category: str
    text: str
    units: tuple[str, ...]
    deadline: str
    manual: bool
    status: Status | None
    status_raw: str
    checks: tuple[str, ...]
    note: str
    evidence: Any


@dataclass(frozen=True)
class UnitView:
    unit: Unit
    file: str                          # scorecard file stem
    score: UnitScore
    rank: int
    groups: tuple[CheckGroup, ...]     # worst first
    clauses: tuple[ClauseRow, ...]
    stats: Any = None
    diff: Diff | None = None
    trend_svg: str = ""
    network: NetworkSection | None = None   # "IPv6 支持情况" (ipv6.* / network.* findings)

    @property
    def href(self) -> str:
        return f"units/{self.file}.html"


@dataclass(frozen=True)
class CheckColumn:
    check_id: str
    title: str
    anchor: str
    counts: Mapping[str, int]


@dataclass
class Overview:
    result: AuditResult
    units: list[UnitView]              # ranked
    columns: list[CheckColumn]
    matrix: dict[tuple[str, str], tuple[Status, int]] = field(default_factory=dict)  # (unit, check) -> worst, problems
    counts: Mapping[str, int] = field(default_factory=dict)
    history: Sequence[RunSummary] = ()
    diff: Diff | None = None
    charts: dict[str, str] = field(default_factory=dict)


def group_findings(findings: Sequence[Finding]) -> tuple[CheckGroup, ...]:
    by_check: dict[str, list[Finding]] = {}
    for f in findings:
        by_check.setdefault(f.check_id, []).append(f)
    groups = []
    for cid, fs in by_check.items():
        fs.sort(key=finding_order)
        title = next((f.title for f in fs if f.title), cid)
        groups.append(CheckGroup(cid, title, anchor(cid), worst([f.status for f in fs]) or Status.NA,
                                 count_statuses(fs), tuple(fs)))
    groups.sort(key=lambda g: (_RANK[g.worst], g.check_id))
    return tuple(groups)


def _status(value: Any) -> Status | None:
    try:
        return Status(value)
    except ValueError:
        return None


def clause_rows(raw: Any) -> tuple[ClauseRow, ...]:
    """Rows of the plan table; tolerant of missing keys (the plans package
    may grow fields), never of unknown statuses being shown as known."""
    rows = []
    for c in raw if isinstance(raw, list) else []:
        if not isinstance(c, Mapping):
            continue
        units = c.get("units") or ()
        rows.append(ClauseRow(
            plan_id=str(c.get("plan_id", "")), plan_title=str(c.get("plan_title", "")),
            clause=str(c.get("clause", "")), category=str(c.get("category", "")),
            text=str(c.get("text", "")),
            units=tuple(str(u) for u in units) if isinstance(units, (list, tuple)) else (str(units),),
            deadline=str(c.get("deadline", "") or ""), manual=c.get("mode") == "manual",
            status=_status(c.get("status")), status_raw=str(c.get("status", "") or ""),
            checks=tuple(str(x) for x in (c.get("checks") or ())), note=str(c.get("note", "") or ""),
            evidence=c.get("evidence")))
    return tuple(rows)


def build_overview(result: AuditResult, scores: Mapping[str, UnitScore], *,
                   history: Sequence[RunSummary] = (), diff: Diff | None = None) -> Overview:
    from reports.scoring import rank as rank_scores
    by_unit: dict[str, list[Finding]] = {u.id: [] for u in result.units}
    for f in result.findings:
        by_unit.setdefault(f.unit, []).append(f)
    known = {u.id: u for u in result.units}
    clauses = result.extra.get("clauses", {}) if isinstance(result.extra.get("clauses"), Mapping) else {}
    ranked = rank_scores({u: scores[u] for u in by_unit if u in scores})
    views = []
    for i, s in enumerate(ranked, 1):
        unit = known.get(s.unit) or Unit(id=s.unit, name=s.unit, base_url="")
        views.append(UnitView(
            unit=unit, file=unit_filename(unit.id), score=s, rank=i,
            groups=group_findings(by_unit.get(unit.id, [])),
            clauses=clause_rows(clauses.get(unit.id, [])),
            stats=result.stats.get(unit.id),
            diff=diff.for_unit(unit.id) if diff else None,
            network=network_section(by_unit.get(unit.id, []), result.as_of)))
    columns = []
    by_check: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_check.setdefault(f.check_id, []).append(f)
    for cid in sorted(by_check):
        fs = by_check[cid]
        columns.append(CheckColumn(cid, next((f.title for f in fs if f.title), cid), anchor(cid),
                                   count_statuses(fs)))
    matrix = {}
    for uid, fs in by_unit.items():
        for g in group_findings(fs):
            problems = g.counts.get("fail", 0) + g.counts.get("warn", 0)
            matrix[(uid, g.check_id)] = (g.worst, problems)
    return Overview(result=result, units=views, columns=columns, matrix=matrix,
                    counts=count_statuses(result.findings), history=history, diff=diff)

