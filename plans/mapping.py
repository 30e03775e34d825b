"""Clause → requirement kinds → checks, explainably.

The rules table (``plans/data/mapping_rules.json``) maps text patterns to
requirement kinds; a check verifies the kinds in its
``CheckMeta.requirement_kinds``.  Convention: a check declaring
``"column:*"`` verifies every ``"column:<name>"`` kind (one check,
``columns.required``, serves all named columns; its finding key is the
column name).  A clause with at least one kind is ``auto`` (a website can
show it), even while no registered check verifies it yet ("auto, no check
yet"); a clause with none is ``manual``.  A catalog's ``override`` (checks,
mode, requirement_kinds) wins over the rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping

from checks.base import CheckMeta
from plans.model import Clause

COLUMN_PREFIX = "column:"
COLUMN_WILDCARD = "column:*"


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    manual: tuple[Rule, ...]


@dataclass(frozen=True)
class ClauseMapping:
    requirement_kinds: tuple[str, ...]
    checks: tuple[str, ...]
    mode: str
    reason: str



def _compile(items: list[Mapping[str, Any]], where: str, need_kind: bool) -> tuple[Rule, ...]:
    out = []
    for i, item in enumerate(items):
        try:
            pats = tuple(re.compile(p) for p in item["patterns"])
            out.append(Rule(kind=item["kind"] if need_kind else "", label=item.get("label", ""), patterns=pats))
        except (KeyError, TypeError, re.error) as exc:
            raise ValueError(f"{where}[{i}]: 规则无效: {exc}") from None
    return tuple(out)


def parse_rules(data: Mapping[str, Any], source: str = "mapping_rules.json") -> Rules:
    return Rules(rules=_compile(data.get("rules", []), f"{source} rules", True),
                 manual=_compile(data.get("manual", []), f"{source} manual", False))


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    text = resources.files("plans").joinpath("data/mapping_rules.json").read_text("utf-8")
    return parse_rules(json.loads(text))


def _short(words: str) -> str:
    return words if len(words) <= 18 else f"{words[:9]}…{words[-7:]}"


def kinds_for_text(text: str, rules: Rules | None = None) -> tuple[tuple[str, ...], list[str]]:
    """The kinds the text asks for, and why (one reason per kind)."""
    rules = rules or default_rules()
    kinds: list[str] = []
    why: list[str] = []
    for rule in rules.rules:
        for pat in rule.patterns:
            m = pat.search(text)
            if m:
                kinds.append(rule.kind)
                why.append(f"「{_short(m.group(0))}」→{rule.kind}")
                break
    return tuple(kinds), why


def kind_matches(check_kind: str, clause_kind: str) -> bool:
    if check_kind == clause_kind:
        return True
    return check_kind == COLUMN_WILDCARD and clause_kind.startswith(COLUMN_PREFIX)


def checks_for_kinds(kinds: Iterable[str], checks: Iterable[CheckMeta]) -> tuple[str, ...]:
    kinds = tuple(kinds)
    return tuple(sorted({m.id for m in checks
                         for ck in m.requirement_kinds for k in kinds if kind_matches(ck, k)}))


def map_clause(clause: Clause, checks: Iterable[CheckMeta], rules: Rules | None = None) -> ClauseMapping:
    rules = rules or default_rules()
    metas = list(checks)
    ov = clause.override
    if ov is not None and ov.requirement_kinds is not None:
        kinds, why = tuple(ov.requirement_kinds), [f"人工指定要求类型 {', '.join(ov.requirement_kinds) or '（无）'}"]
    else:
        kinds, why = kinds_for_text(clause.text, rules)
    if kinds:
        mode = "auto"
        reason = "；".join(why)
    else:
        mode = "manual"
        hits = []
        for rule in rules.manual:
            m = next((m for p in rule.patterns if (m := p.search(clause.text))), None)
            if m:
                hits.append(f"{rule.label}（「{_short(m.group(0))}」）")
        reason = "无网站可核查的要求" + (f"：{'、'.join(hits)}" if hits else "")
    # The reason explains the text → kinds step only, so a catalog's reasons
    # do not change when checks are added.
    found = checks_for_kinds(kinds, metas)
    if ov is not None:
        if ov.checks is not None:
            found = tuple(ov.checks)
        if ov.mode is not None:
            mode = ov.mode
        reason += f"；人工调整：{ov.reason or '见 override'}"
    return ClauseMapping(requirement_kinds=kinds, checks=found, mode=mode, reason=reason)


def apply_mapping(clause: Clause, checks: Iterable[CheckMeta], rules: Rules | None = None) -> Clause:
    m = map_clause(clause, checks, rules)
    return replace(clause, requirement_kinds=m.requirement_kinds, checks=m.checks, mode=m.mode,
                   mapping_reason=m.reason)
