"""Plans applied to findings: clause citations, deadlines, the clause table.

For each finding, every clause of the unit's plan mapped to the finding's
check (through requirement kinds, recomputed against the checks that ran)
is cited in ``Finding.basis``.  A ``fail`` whose cited clauses are all due
after ``as_of`` becomes ``pending`` (未到期).  The clause table
(``AuditResult.extra["clauses"]``, see docs/DESIGN.md "Plans in the result")
lists every clause of the unit's plan with the aggregated status of its
checks, or for manual clauses the office's record.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any, Iterable, Mapping

from checks.base import CheckMeta
from plans.manual import ManualItems
from plans.mapping import COLUMN_PREFIX, COLUMN_WILDCARD, kind_matches
from plans.model import Catalog, Clause
from zwgk_audit.model import Citation, Finding, Status, Unit


def requirements_for(unit: Unit, catalogs: Mapping[str, Catalog]) -> frozenset[str] | None:
    """The requirement kinds of the unit's plan (``ctx.requirements``); None without a plan."""
    cat = catalogs.get(unit.plan) if unit.plan else None
    if cat is None:
        return None
    return frozenset(k for c in cat.clauses if c.mode == "auto" for k in c.requirement_kinds)


def clause_checks(clause: Clause, metas: Iterable[CheckMeta]) -> tuple[str, ...]:
    if clause.override is not None and clause.override.checks is not None:
        return tuple(clause.override.checks)
    if clause.mode == "manual":
        return ()
    return tuple(sorted({m.id for m in metas for ck in m.requirement_kinds
                         for k in clause.requirement_kinds if kind_matches(ck, k)}))


def _covers(clause: Clause, meta: CheckMeta | None, finding: Finding, checks: tuple[str, ...]) -> bool:
    """Does the clause rest on this finding?  A column check (kind "column:*")
    keys its findings by column name: only the clause asking for that column."""
    if finding.check_id not in checks:
        return False
    if meta is not None and COLUMN_WILDCARD in meta.requirement_kinds and finding.key:
        return COLUMN_PREFIX + finding.key in clause.requirement_kinds
    return True


def citation(catalog: Catalog, clause: Clause) -> Citation:
    return Citation(source=catalog.title, clause=clause.number, text=clause.short_text(60),
                    units=clause.units, deadline=clause.deadline.code, plan_id=catalog.id)


def _aggregate(statuses: list[Status]) -> Status:
    if not statuses:
        return Status.UNKNOWN
    for s in (Status.FAIL, Status.WARN, Status.UNKNOWN, Status.PENDING):
        if s in statuses:
            return s
    return Status.PASS if Status.PASS in statuses else Status.NA


def apply_plans(
    findings: list[Finding],
    units: list[Unit],
    catalogs: Mapping[str, Catalog],
    as_of: _dt.date,
    check_metas: Mapping[str, CheckMeta],
    manual: ManualItems | None = None,
) -> tuple[list[Finding], dict[str, list[dict[str, Any]]]]:
    by_unit = {u.id: u for u in units}
    metas = list(check_metas.values())
    mapped: dict[str, list[tuple[Clause, tuple[str, ...]]]] = {}
    for pid, cat in catalogs.items():
        mapped[pid] = [(c, clause_checks(c, metas)) for c in cat.clauses]

    out: list[Finding] = []
    per_clause: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        unit = by_unit.get(f.unit)
        cat = catalogs.get(unit.plan) if unit is not None and unit.plan else None
        if cat is None:
            out.append(f)
            continue
        meta = check_metas.get(f.check_id)
        cited = [c for c, checks in mapped[unit.plan] if _covers(c, meta, f, checks)]
        if not cited:
            out.append(f)
            continue
        basis = tuple(f.basis) + tuple(citation(cat, c) for c in cited
                                       if citation(cat, c) not in f.basis)
        status, message = f.status, f.message
        dates = [c.deadline.as_date for c in cited]
        if f.status == Status.FAIL and all(d is not None and d > as_of for d in dates):
            due = min(d for d in dates if d is not None)
            status = Status.PENDING
            nums = "、".join(f"第{c.number}条" for c in cited)
            message = f"{message}（未到期：{cat.title}{nums}要求于{due.isoformat()}前完成）"
        new = dataclasses.replace(f, basis=basis, status=status, message=message)
        out.append(new)
        for c in cited:
            per_clause.setdefault((f.unit, c.id), []).append(new)

    table: dict[str, list[dict[str, Any]]] = {}
    for unit in units:
        cat = catalogs.get(unit.plan) if unit.plan else None
        if cat is None:
            continue
        rows = []
        for clause, checks in mapped[unit.plan]:
            found = per_clause.get((unit.id, clause.id), [])
            note, evidence = "", ""
            if clause.mode == "manual":
                item = manual.find(unit.id, clause.number, {cat.id, unit.plan, *cat.plan.aliases}) if manual else None
                if item is not None and item.status is not None:
                    status, note, evidence = item.status, item.note, item.evidence
                else:
                    status, note = Status.UNKNOWN, "待人工核查" + (f"：{item.note}" if item and item.note else "")
            elif not checks:
                status, note = Status.UNKNOWN, "网站可核查，暂无对应的自动检查"
            else:
                status = _aggregate([f.status for f in found])
                if not found:
                    note = "检查未产生结果"
                bad = [f for f in found if f.status in (Status.FAIL, Status.WARN, Status.PENDING)]
                note = note or (f"{len(bad)}项问题" if bad else "")
                evidence = "\n".join(dict.fromkeys(f.url for f in bad if f.url))
            rows.append({
                "plan_id": cat.id, "plan_title": cat.title, "clause": clause.number,
                "category": clause.category, "text": clause.text, "units": list(clause.units),
                "deadline": clause.deadline.code, "mode": clause.mode, "status": status.value,
                "checks": list(checks), "note": note, "evidence": evidence,
            })
        table[unit.id] = rows
    return out, table
