"""RawPlan (rows as read) → Catalog (units, deadlines and mapping interpreted)."""

from __future__ import annotations

import re
from typing import Iterable

from checks.base import CheckMeta
from plans.deadlines import parse_deadline
from plans.mapping import Rules, apply_mapping
from plans.model import Catalog, Clause, Plan
from plans.readers.common import RawPlan
from plans.text import clean
from plans.units import parse_units


def slug(title: str, year: int) -> str:
    """A plan id for an imported plan: "<year>-<ascii of the file name>" or "<year>-plan"."""
    ascii_part = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return f"{year or 'x'}-{ascii_part or 'plan'}"


def build_catalog(raw: RawPlan, plan: Plan, checks: Iterable[CheckMeta] = (),
                  rules: Rules | None = None) -> Catalog:
    metas = list(checks)
    clauses = []
    for row in raw.rows:
        units = parse_units(row.units_raw)
        clause = Clause(
            id=f"{plan.id}#{row.number}", number=row.number, category=row.category,
            heading=row.heading, text=row.text,
            lead_units=units.lead, cooperating_units=units.cooperating, units=units.all,
            units_raw=clean(row.units_raw),
            deadline=parse_deadline(row.deadline_raw, row.text, plan.year),
        )
        clauses.append(apply_mapping(clause, metas, rules))
    return Catalog(plan=plan, clauses=tuple(clauses))
