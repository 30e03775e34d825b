"""Runs every registered check on every unit of a snapshot."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import traceback
from typing import Any, Iterable, Mapping

from checks.base import Check, CheckContext
from checks.registry import all_checks
from zwgk_audit.model import Evidence, Finding, Snapshot, Status


def run_checks(
    snapshot: Snapshot,
    as_of: _dt.date,
    settings: Mapping[str, Any] | None = None,
    checks: Iterable[Check] | None = None,
    units: Iterable[str] | None = None,
    requirements: Mapping[str, frozenset[str]] | None = None,
) -> list[Finding]:
    """``requirements`` maps a unit id to the requirement kinds of its plan."""
    settings = dict(settings or {})
    selected = list(checks if checks is not None else all_checks())
    unit_ids = list(units) if units is not None else list(snapshot.units)
    findings: list[Finding] = []
    for unit_id in unit_ids:
        unit = snapshot.units[unit_id]
        for check in selected:
            ctx = CheckContext(snapshot=snapshot, unit=unit, as_of=as_of, settings=settings,
                               meta=check.meta, requirements=(requirements or {}).get(unit.id))
            try:
                findings.extend(check.run(ctx))
            except Exception as exc:  # a crashing check must not sink the audit
                findings.append(Finding(
                    check_id=check.meta.id, status=Status.UNKNOWN, title=check.meta.title,
                    message=f"检查程序出错，无法判定：{type(exc).__name__}: {exc}",
                    unit=unit.id, key="check-error",
                    evidence=Evidence(details={"traceback": traceback.format_exc(limit=5)}),
                    basis=check.meta.basis, suggestion="请将此错误报告给审计工具维护方。",
                    severity=check.meta.severity,
                ))
    return findings
