"""Finds the checks: every module under ``checks/`` defining ``CHECK``
(or ``CHECKS``, a sequence, for families that share one parse)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import checks as _pkg
from checks.base import Check


@lru_cache(maxsize=1)
def all_checks() -> tuple[Check, ...]:
    found: dict[str, Check] = {}
    for info in pkgutil.walk_packages(_pkg.__path__, prefix="checks."):
        if info.name.rsplit(".", 1)[-1] in {"base", "registry", "runner"}:
            continue
        module = importlib.import_module(info.name)
        declared = list(getattr(module, "CHECKS", ()))
        if hasattr(module, "CHECK"):
            declared.append(module.CHECK)
        for check in declared:
            if check.meta.id in found:
                raise RuntimeError(f"duplicate check id {check.meta.id!r} in {info.name}")
            found[check.meta.id] = check
    return tuple(sorted(found.values(), key=lambda c: c.meta.id))


def get(check_id: str) -> Check:
    for c in all_checks():
        if c.meta.id == check_id:
            return c
    raise KeyError(check_id)
