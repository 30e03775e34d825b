"""Past runs and what changed between two runs.

A finding is the same across runs when ``Finding.identity`` — ``(unit,
check_id, url, key)`` — is equal.  A *problem* is a ``fail`` or ``warn``:
``unknown``/``pending``/``na`` are not problems, and a problem that turns
into one of them is listed as *changed*, not as fixed (nothing was shown to
be corrected).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from zwgk_audit.model import AuditResult, Finding, Status
from zwgk_audit.store import Store

from reports.scoring import ScoringModel, count_statuses, indicators_from_registry, load_scoring, score_all

Identity = tuple[str, str, str, str]
PROBLEM = frozenset({Status.FAIL, Status.WARN})


@dataclass(frozen=True)
class UnitRun:
    score: float
    verdict: str
    counts: Mapping[str, int]


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    started_at: str
    as_of: str
    config_name: str = ""
    units: Mapping[str, UnitRun] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)
    problems: frozenset[Identity] = frozenset()     # identities of fail/warn findings

    def to_json(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "started_at": self.started_at, "as_of": self.as_of,
                "config_name": self.config_name, "counts": dict(self.counts),
                "units": {u: {"score": r.score, "verdict": r.verdict, "counts": dict(r.counts)}
                          for u, r in self.units.items()}}


def summarize(run_id: str, started_at: str, as_of: str, unit_ids: Iterable[str],
              findings: list[Finding], model: ScoringModel, config_name: str = "",
              indicators: Mapping[str, str] | None = None) -> RunSummary:
    if indicators is None:
        indicators = indicators_from_registry()
    ids = list(unit_ids)
    # Units seen only in findings (a unit dropped from the config later) still count.
    ids += sorted({f.unit for f in findings} - set(ids))
    scores = score_all(ids, findings, model, indicators)
    return RunSummary(
        run_id=run_id, started_at=started_at, as_of=as_of or "", config_name=config_name,
        units={u: UnitRun(s.score, s.verdict, s.counts) for u, s in scores.items()},
        counts=count_statuses(findings),
        problems=frozenset(f.identity for f in findings if f.status in PROBLEM))


def summarize_result(result: AuditResult, model: ScoringModel,
                     indicators: Mapping[str, str] | None = None) -> RunSummary:
    return summarize(result.run_id, result.started_at, result.as_of, [u.id for u in result.units],
                     result.findings, model, result.config_name, indicators)


def load_history(store: Store, model: ScoringModel | None = None, *, limit: int | None = None,
                 indicators: Mapping[str, str] | None = None) -> list[RunSummary]:
    """Summaries of the store's runs that have findings, oldest first."""
    model = model or load_scoring()
    out = []
    for r in store.runs():
        if not r.get("as_of") or r.get("status") == "failed":
            continue                      # a run that never reached the checks
        findings = store.findings(r["run_id"])
        units = [u.id for u in store.units(r["run_id"])]
        out.append(summarize(r["run_id"], r["started_at"], r["as_of"], units, findings, model,
                             r.get("config_name") or "", indicators))
    return out[-limit:] if limit else out


def load_result(store: Store, run_id: str) -> AuditResult:
    """A past run as an ``AuditResult`` (findings, units, stats; the plan
    clause table is not stored, so ``extra`` is empty)."""
    r = store.run(run_id)
    return AuditResult(
        run_id=run_id, started_at=r["started_at"], as_of=r.get("as_of") or "",
        units=store.units(run_id), findings=store.findings(run_id),
        stats={s.unit: s for s in store.stats(run_id)}, config_name=r.get("config_name") or "")


# -- diff


@dataclass(frozen=True)
class Change:
    finding: Finding                  # the current finding; for fixed, the old problem
    previous: Finding | None = None
    since: str = ""                   # run id where an unbroken problem streak began
    now: str = ""                     # current status value, "absent" when no longer reported


@dataclass(frozen=True)
class Diff:
    previous_run: str
    current_run: str
    new: tuple[Change, ...]
    fixed: tuple[Change, ...]
    persisting: tuple[Change, ...]
    changed: tuple[Change, ...]       # problem -> unknown/pending/na

    def for_unit(self, unit_id: str) -> "Diff":
        def only(cs: tuple[Change, ...]) -> tuple[Change, ...]:
            return tuple(c for c in cs if c.finding.unit == unit_id)
        return Diff(self.previous_run, self.current_run, only(self.new), only(self.fixed),
                    only(self.persisting), only(self.changed))

    def to_json(self) -> dict[str, Any]:
        def rows(cs: tuple[Change, ...]) -> list[dict[str, Any]]:
            return [{"unit": c.finding.unit, "check_id": c.finding.check_id, "url": c.finding.url,
                     "key": c.finding.key, "title": c.finding.title, "status": c.now,
                     "previous_status": c.previous.status.value if c.previous else None,
                     "message": c.finding.message, "since": c.since} for c in cs]
        return {"previous_run": self.previous_run, "current_run": self.current_run,
                "new": rows(self.new), "fixed": rows(self.fixed),
                "persisting": rows(self.persisting), "changed": rows(self.changed)}


def streak_start(identity: Identity, history: Sequence[RunSummary]) -> str:
    """The oldest run of the unbroken streak of runs, ending with the last
    one in ``history``, in which ``identity`` was a problem."""
    since = ""
    for run in reversed(history):
        if identity not in run.problems:
            break
        since = run.run_id
    return since


def _by_identity(findings: Iterable[Finding]) -> dict[Identity, Finding]:
    out: dict[Identity, Finding] = {}
    for f in findings:
        # If a check emitted one identity twice, the worse verdict wins.
        if f.identity not in out or (f.status in PROBLEM and out[f.identity].status not in PROBLEM):
            out[f.identity] = f
    return out


def diff(prev_findings: Iterable[Finding], cur_findings: Iterable[Finding], *,
         previous_run: str = "", current_run: str = "",
         history: Sequence[RunSummary] = ()) -> Diff:
    """What changed from ``prev_findings`` to ``cur_findings``.

    ``history`` (oldest first, ending with the previous run) dates each
    persisting problem; without it ``since`` is the previous run."""
    prev = _by_identity(prev_findings)
    cur = _by_identity(cur_findings)
    past = list(history)
    if previous_run and past and past[-1].run_id != previous_run:
        past = [r for r in past if r.run_id != current_run]
        while past and past[-1].run_id != previous_run:
            past.pop()
    new, fixed, persisting, changed = [], [], [], []
    for ident, f in cur.items():
        before = prev.get(ident)
        if f.status not in PROBLEM:
            continue
        if before is None or before.status not in PROBLEM:
            new.append(Change(f, before, since=current_run, now=f.status.value))
        else:
            since = streak_start(ident, past) if past else previous_run
            persisting.append(Change(f, before, since=since or previous_run, now=f.status.value))
    for ident, before in prev.items():
        if before.status not in PROBLEM:
            continue
        now = cur.get(ident)
        if now is None or now.status == Status.PASS:
            fixed.append(Change(before, before, now=now.status.value if now else "absent"))
        elif now.status not in PROBLEM:
            changed.append(Change(now, before, now=now.status.value))
    order = lambda c: (c.finding.unit, c.finding.check_id, c.finding.url, c.finding.key)  # noqa: E731
    return Diff(previous_run, current_run, tuple(sorted(new, key=order)), tuple(sorted(fixed, key=order)),
                tuple(sorted(persisting, key=order)), tuple(sorted(changed, key=order)))
