"""report.json: the documented, versioned machine form (docs/schema.md)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Mapping, Sequence

from zwgk_audit.model import AuditResult, CrawlStats

from reports.history import Diff, RunSummary
from reports.scoring import ScoringModel, UnitScore, count_statuses

SCHEMA = "zwgk-audit/report"
VERSION = 1


def _stats(s: CrawlStats) -> dict[str, Any]:
    d = dataclasses.asdict(s)
    d.pop("unit", None)
    return d


def report_json(result: AuditResult, scores: Mapping[str, UnitScore], scoring: ScoringModel, *,
                diff: Diff | None = None, history: Sequence[RunSummary] = ()) -> dict[str, Any]:
    units = []
    known = {u.id for u in result.units}
    for u in result.units:
        s = scores.get(u.id)
        units.append({
            "id": u.id, "name": u.name, "base_url": u.base_url, "unit_name": u.unit_name,
            "level": u.level, "plan": u.plan,
            **(s.to_json() if s else {"score": None, "verdict": "", "vetoed_by": [], "deductions": [],
                                      "counts": count_statuses([f for f in result.findings if f.unit == u.id])}),
        })
    for uid in sorted(set(scores) - known):      # findings of a unit missing from result.units
        units.append({"id": uid, "name": uid, "base_url": "", "unit_name": "", "level": "", "plan": "",
                      **scores[uid].to_json()})
    clauses = result.extra.get("clauses", {})
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "run_id": result.run_id,
        "started_at": result.started_at,
        "as_of": result.as_of,
        "config_name": result.config_name,
        "plans": dict(result.plans),
        "scoring": {"name": scoring.name, "version": scoring.version},
        "counts": count_statuses(result.findings),
        "units": units,
        "findings": [f.to_json() for f in result.findings],
        "clauses": clauses if isinstance(clauses, dict) else {},
        "stats": {uid: _stats(s) for uid, s in result.stats.items()},
        "diff": diff.to_json() if diff else None,
        "history": [r.to_json() for r in history],
    }


def write_json(data: Mapping[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path
