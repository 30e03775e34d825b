"""The check framework: metadata, context, and a finding factory.

A check is a module in ``checks/`` (any depth) that defines a module-level
``CHECK = Check(meta=CheckMeta(...), run=function)``.  ``run(ctx)`` is a pure
function of ``ctx.snapshot`` (and ``ctx.settings``); it yields findings built
with ``ctx.finding(...)`` so every finding carries the check's title, basis
and default suggestion.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from zwgk_audit.model import Citation, Evidence, Finding, Severity, Snapshot, Status, Unit


@dataclass(frozen=True)
class CheckMeta:
    id: str                                  # stable, dotted: "footer.icp"
    title: str                               # Chinese title shown in reports
    description: str                         # what is checked and why (Chinese)
    severity: Severity = Severity.MAJOR
    requires: tuple[str, ...] = ("pages",)   # snapshot parts: pages, links, probes:<kind>
    basis: tuple[Citation, ...] = ()         # regulations it rests on
    # Kinds of requirement the check verifies; plan clauses are mapped to
    # checks through these tags (see plans/mapping).  e.g. "ipv6",
    # "normative_docs", "annual_report", "expiry", "links", "footer",
    # "column:营商环境", "column_update".
    requirement_kinds: tuple[str, ...] = ()
    suggestion: str = ""                     # default 整改建议
    indicator: str = ""                      # scoring indicator group


@dataclass(frozen=True)
class CheckContext:
    snapshot: Snapshot
    unit: Unit
    as_of: _dt.date
    settings: Mapping[str, Any] = field(default_factory=dict)   # thresholds etc.
    meta: CheckMeta | None = None
    # Requirement kinds the unit's plan demands (e.g. "column:营商环境",
    # "ipv6"); None when no plan applies.  Checks of optional things (named
    # columns) run only for what is required.
    requirements: frozenset[str] | None = None

    def setting(self, name: str, default: Any) -> Any:
        return self.settings.get(name, default)

    def finding(
        self,
        status: Status,
        message: str,
        *,
        url: str = "",
        key: str = "",
        value: str = "",
        snippet: str = "",
        expected: str = "",
        details: Mapping[str, Any] | None = None,
        suggestion: str | None = None,
        basis: Iterable[Citation] = (),
    ) -> Finding:
        assert self.meta is not None, "ctx.finding needs the check's meta"
        return Finding(
            check_id=self.meta.id,
            status=status,
            title=self.meta.title,
            message=message,
            unit=self.unit.id,
            url=url,
            key=key,
            evidence=Evidence(value=value, snippet=snippet, expected=expected,
                              details=dict(details or {})),
            basis=tuple(self.meta.basis) + tuple(basis),
            suggestion=self.meta.suggestion if suggestion is None else suggestion,
            severity=self.meta.severity,
        )


@dataclass(frozen=True)
class Check:
    meta: CheckMeta
    run: Callable[[CheckContext], Iterable[Finding]]


# Regulations cited by many checks.
REG_ORDINANCE = "中华人民共和国政府信息公开条例"
REG_GUIDE = "政府网站发展指引（国办发〔2017〕47号）"
REG_INSPECTION = "政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）"
REG_ANNUAL_FORMAT = "中华人民共和国政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）"
REG_NORMATIVE = "国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知（国办发〔2018〕37号）"
REG_DOCFORMAT = "党政机关公文格式（GB/T 9704-2012）"
REG_IPV6 = "推进互联网协议第六版（IPv6）规模部署行动计划"


def reg(source: str, clause: str = "", text: str = "") -> Citation:
    return Citation(source=source, clause=clause, text=text)
