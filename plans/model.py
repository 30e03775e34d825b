"""Plan catalogs: a plan's clauses as typed data with a JSON form.

A catalog is what the audit derives its rules from: each clause (one task of
a 政务公开工作要点 plan) carries its responsible units, its deadline and the
requirement kinds it was mapped to (see ``plans.mapping``).  The JSON form is
what ``plans/data/<id>.json`` and ``zwgk-audit plans import`` write.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

DEADLINE_KINDS = ("date", "ongoing", "yearly", "none")
MODES = ("auto", "manual")


@dataclass(frozen=True)
class Deadline:
    """When a clause is due.  ``kind``: ``date`` (see ``date``), ``ongoing``
    (长期), ``yearly`` (每年…), ``none`` (the plan names no time).  ``raw`` keeps
    the plan's own words."""

    kind: str = "none"
    date: str = ""                   # ISO date when kind == "date"
    raw: str = ""

    def __post_init__(self) -> None:
        if self.kind not in DEADLINE_KINDS:
            raise ValueError(f"unknown deadline kind {self.kind!r}")
        if self.kind == "date":
            _dt.date.fromisoformat(self.date)

    @property
    def as_date(self) -> _dt.date | None:
        return _dt.date.fromisoformat(self.date) if self.kind == "date" else None

    @property
    def code(self) -> str:
        """The citation form: ISO date, "ongoing", "yearly" or ""."""
        if self.kind == "date":
            return self.date
        return "" if self.kind == "none" else self.kind

    @property
    def label(self) -> str:
        return {"date": self.date, "ongoing": "长期", "yearly": "每年", "none": ""}[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date, "raw": self.raw}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Deadline":
        return cls(kind=d.get("kind", "none"), date=d.get("date", ""), raw=d.get("raw", ""))


@dataclass(frozen=True)
class Override:
    """The reviewer's correction of the automatic mapping of one clause."""

    checks: tuple[str, ...] | None = None
    mode: str | None = None
    requirement_kinds: tuple[str, ...] | None = None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        if self.checks is not None:
            d["checks"] = list(self.checks)
        if self.mode is not None:
            d["mode"] = self.mode
        if self.requirement_kinds is not None:
            d["requirement_kinds"] = list(self.requirement_kinds)
        if self.reason:
            d["reason"] = self.reason
        return d

    @classmethod
    def from_json(cls, d: Mapping[str, Any], where: str = "override") -> "Override":
        unknown = set(d) - {"checks", "mode", "requirement_kinds", "reason"}
        if unknown:
            raise ValueError(f"{where}: 未知的字段 {sorted(unknown)}；可用: checks, mode, requirement_kinds, reason")
        mode = d.get("mode")
        if mode is not None and mode not in MODES:
            raise ValueError(f"{where}.mode: 应为 auto 或 manual，实际为 {mode!r}")
        for key in ("checks", "requirement_kinds"):
            if key in d and not (isinstance(d[key], list) and all(isinstance(x, str) for x in d[key])):
                raise ValueError(f"{where}.{key}: 应为字符串列表，实际为 {d[key]!r}")
        return cls(
            checks=tuple(d["checks"]) if "checks" in d else None,
            mode=mode,
            requirement_kinds=tuple(d["requirement_kinds"]) if "requirement_kinds" in d else None,
            reason=str(d.get("reason", "")),
        )


@dataclass(frozen=True)
class Clause:
    """One task of a plan.

    ``lead_units`` are the units the plan names as 牵头/统筹/负责 (or the sole
    responsible units when it names no lead); ``cooperating_units`` those it
    names as 配合/会同/按职责分工落实 after a lead; ``units`` all, in the
    plan's order.  ``checks`` is the mapping against the checks registered
    when the catalog was written; the audit recomputes it from
    ``requirement_kinds`` against the checks it runs."""

    id: str                          # "<plan id>#<number>"
    number: str                      # the plan's own numbering: "1", "37"
    category: str                    # 工作任务 (top level)
    text: str                        # 具体任务 / 要求
    heading: str = ""                # sub-heading the task sits under, if any
    lead_units: tuple[str, ...] = ()
    cooperating_units: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    units_raw: str = ""              # the 责任单位 cell as written
    deadline: Deadline = field(default_factory=Deadline)
    requirement_kinds: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    mode: str = "manual"             # auto: a website can show it; manual: it cannot
    mapping_reason: str = ""
    override: Override | None = None

    def short_text(self, limit: int = 60) -> str:
        return self.text if len(self.text) <= limit else self.text[: limit - 1] + "…"

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "number": self.number, "category": self.category,
            "heading": self.heading, "text": self.text,
            "lead_units": list(self.lead_units), "cooperating_units": list(self.cooperating_units),
            "units": list(self.units), "units_raw": self.units_raw,
            "deadline": self.deadline.to_json(),
            "requirement_kinds": list(self.requirement_kinds), "checks": list(self.checks),
            "mode": self.mode, "mapping_reason": self.mapping_reason,
        }
        if self.override is not None:
            d["override"] = self.override.to_json()
        return d

    @classmethod
    def from_json(cls, d: Mapping[str, Any], where: str = "clause") -> "Clause":
        for key in ("id", "number", "text"):
            if not isinstance(d.get(key), str):
                raise ValueError(f"{where}: 缺少字符串字段 {key!r}")
        mode = d.get("mode", "manual")
        if mode not in MODES:
            raise ValueError(f"{where}.mode: 应为 auto 或 manual，实际为 {mode!r}")
        ov = d.get("override")
        return cls(
            id=d["id"], number=d["number"], category=d.get("category", ""), text=d["text"],
            heading=d.get("heading", ""),
            lead_units=tuple(d.get("lead_units", ())),
            cooperating_units=tuple(d.get("cooperating_units", ())),
            units=tuple(d.get("units", ())), units_raw=d.get("units_raw", ""),
            deadline=Deadline.from_json(d.get("deadline", {}) or {}),
            requirement_kinds=tuple(d.get("requirement_kinds", ())),
            checks=tuple(d.get("checks", ())), mode=mode,
            mapping_reason=d.get("mapping_reason", ""),
            override=Override.from_json(ov, f"{where}.override") if ov else None,
        )


@dataclass(frozen=True)
class Plan:
    id: str                          # descriptive id: "2022-haifeng"
    title: str
    issuer: str = ""                 # issuing body
    year: int = 0                    # the plan's year: dates without a year fall in it
    doc_number: str = ""             # 文号, when the plan has one
    source: str = ""                 # file it was read from
    aliases: tuple[str, ...] = ()    # short ids: "003"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "issuer": self.issuer, "year": self.year,
                "doc_number": self.doc_number, "source": self.source, "aliases": list(self.aliases)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Plan":
        return cls(id=d["id"], title=d.get("title", ""), issuer=d.get("issuer", ""),
                   year=int(d.get("year", 0) or 0), doc_number=d.get("doc_number", ""),
                   source=d.get("source", ""), aliases=tuple(d.get("aliases", ())))


@dataclass(frozen=True)
class Catalog:
    """A plan and its clauses."""

    plan: Plan
    clauses: tuple[Clause, ...]

    @property
    def id(self) -> str:
        return self.plan.id

    @property
    def title(self) -> str:
        return self.plan.title

    def clause(self, number: str) -> Clause:
        for c in self.clauses:
            if c.number == number:
                return c
        raise KeyError(number)

    def with_clauses(self, clauses: tuple[Clause, ...]) -> "Catalog":
        return replace(self, clauses=clauses)

    def to_json(self) -> dict[str, Any]:
        return {"schema": "zwgk-audit/plan-catalog/1", "plan": self.plan.to_json(),
                "clauses": [c.to_json() for c in self.clauses]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Catalog":
        if not isinstance(d, Mapping) or "plan" not in d or "clauses" not in d:
            raise ValueError("不是计划目录文件：缺少 plan 或 clauses")
        return cls(plan=Plan.from_json(d["plan"]),
                   clauses=tuple(Clause.from_json(c, f"clauses[{i}]") for i, c in enumerate(d["clauses"])))
