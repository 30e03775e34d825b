"""The data that flows between crawler, checks and reports.

Gather once, judge purely: the crawler and the probes produce a ``Snapshot``;
checks are pure functions ``Snapshot -> Finding*``; reports only render
``AuditResult``.  Every class here has a JSON form (``to_json``/``from_json``)
whose field names are part of the public schema (docs/schema.md).
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import urlsplit


class Status(str, enum.Enum):
    """A verdict.  The English value is the stable JSON form."""

    FAIL = "fail"
    WARN = "warn"
    PASS = "pass"
    UNKNOWN = "unknown"
    PENDING = "pending"
    NA = "na"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.FAIL: "不合格",
    Status.WARN: "提醒",
    Status.PASS: "合格",
    Status.UNKNOWN: "无法判定",
    Status.PENDING: "未到期",
    Status.NA: "不适用",
}

# Order in which reports list statuses (worst first).
STATUS_ORDER: tuple[Status, ...] = (
    Status.FAIL, Status.WARN, Status.UNKNOWN, Status.PENDING, Status.PASS, Status.NA,
)


class Severity(str, enum.Enum):
    VETO = "veto"          # 单项否决: one failure makes the unit 不合格
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"


class PageKind(str, enum.Enum):
    HOME = "home"
    COLUMN = "column"              # a column / list page
    DETAIL = "detail"              # a document or article page
    ANNUAL_REPORT = "annual_report"
    ATTACHMENT = "attachment"      # pdf, doc(x), xls(x), zip ...
    OTHER = "other"


class LinkKind(str, enum.Enum):
    PAGE = "page"
    ATTACHMENT = "attachment"
    IMAGE = "image"
    SCRIPT = "script"
    STYLESHEET = "stylesheet"
    EXTERNAL = "external"          # a page on a host outside the unit's scope


# --------------------------------------------------------------------------
# Snapshot: what the gathering stage produced


@dataclass(frozen=True)
class Page:
    """One fetched URL.  ``text`` is the decoded body of HTML/text pages
    (after browser rendering when ``rendered``); ``content`` holds the raw
    bytes of documents the checks read (PDF/DOCX/XLSX), else b""."""

    unit: str
    url: str
    final_url: str
    status: int | None              # None: no HTTP answer (see ``error``)
    kind: PageKind = PageKind.OTHER
    title: str = ""
    content_type: str = ""
    size: int = 0
    elapsed_ms: float = 0.0
    encoding: str = ""               # encoding actually used to decode
    declared_encoding: str = ""      # what the header / meta claimed
    headers: Mapping[str, str] = field(default_factory=dict)
    depth: int = 0
    referer: str = ""
    rendered: bool = False           # fetched through the browser
    fetched_at: str = ""             # ISO 8601 UTC
    error: str = ""                  # network / decode error, if any
    text: str = ""
    content: bytes = b""
    truncated: bool = False          # body cut at the size limit

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400 and not self.error


@dataclass(frozen=True)
class Link:
    unit: str
    source: str        # URL of the page that contains the link
    target: str        # absolute URL, fragment removed
    text: str          # anchor text / alt text
    kind: LinkKind
    tag: str = "a"     # a, img, script, link, iframe, area ...


@dataclass(frozen=True)
class Probe:
    """A network fact gathered outside the crawl (DNS, IPv6, TLS ...).

    ``ok`` False with ``error`` set means the probe itself could not run,
    which checks must report as 无法判定."""

    unit: str
    kind: str                        # e.g. "dns", "ipv6.http", "tls"
    target: str                      # host or URL probed
    data: Mapping[str, Any] = field(default_factory=dict)
    ok: bool = True
    error: str = ""
    measured_at: str = ""


@dataclass(frozen=True)
class Unit:
    """A unit being audited: its portal, or its column on a shared portal."""

    id: str
    name: str
    base_url: str
    unit_name: str = ""              # the responsible organisation (主办单位)
    level: str = ""                  # 县级政府 / 部门 / 镇街 ... (free text)
    plan: str = ""                   # plan id applied to this unit
    entry_urls: tuple[str, ...] = ()
    scope_prefixes: tuple[str, ...] = ()   # URL prefixes that belong to the unit

    @property
    def at_site_root(self) -> bool:
        """True for a portal; False for a department's column on a shared
        (集约化) portal, which owns neither the footer nor the home page."""
        return urlsplit(self.base_url).path.rstrip("/") in ("", "/index.html", "/index.htm")


@dataclass
class CrawlStats:
    unit: str
    pages: int = 0
    errors: int = 0
    rendered: int = 0
    bytes: int = 0
    seconds: float = 0.0
    stopped_by: str = ""             # "finished", "max_pages", "timeout" ...
    extra: dict[str, Any] = field(default_factory=dict)


class Snapshot:
    """Read-only view of one gathering run.  Checks receive this and nothing
    else from the outside world.

    Bodies may be large; a store-backed snapshot loads them on demand.
    ``derived`` memoises pure derivations (parsed metadata, footer items) so
    several checks can share one parse of a page.
    """

    def __init__(
        self,
        units: Iterable[Unit],
        pages: Iterable[Page],
        links: Iterable[Link] = (),
        probes: Iterable[Probe] = (),
        stats: Iterable[CrawlStats] = (),
        *,
        run_id: str = "",
        started_at: str = "",
        body_loader: Callable[[str, str], tuple[str, bytes]] | None = None,
    ) -> None:
        self.run_id = run_id
        self.started_at = started_at
        self.units: dict[str, Unit] = {u.id: u for u in units}
        self._pages: dict[tuple[str, str], Page] = {}
        for p in pages:
            self._pages[(p.unit, p.url)] = p
        self._links: list[Link] = list(links)
        self._probes: list[Probe] = list(probes)
        self.stats: dict[str, CrawlStats] = {s.unit: s for s in stats}
        self._body_loader = body_loader
        self._derived: dict[tuple[str, str, str], Any] = {}

    # -- pages
    def pages(self, unit: str | None = None, kind: PageKind | None = None) -> Iterator[Page]:
        for (u, _), p in self._pages.items():
            if (unit is None or u == unit) and (kind is None or p.kind == kind):
                yield p

    def page(self, unit: str, url: str) -> Page | None:
        return self._pages.get((unit, url))

    def text(self, page: Page) -> str:
        if page.text or self._body_loader is None:
            return page.text
        return self._body_loader(page.unit, page.url)[0]

    def content(self, page: Page) -> bytes:
        if page.content or self._body_loader is None:
            return page.content
        return self._body_loader(page.unit, page.url)[1]

    # -- links and probes
    def links(self, unit: str | None = None, source: str | None = None) -> Iterator[Link]:
        for link in self._links:
            if (unit is None or link.unit == unit) and (source is None or link.source == source):
                yield link

    def probes(self, unit: str | None = None, kind: str | None = None) -> Iterator[Probe]:
        for pr in self._probes:
            if (unit is None or pr.unit == unit) and (kind is None or pr.kind == kind or pr.kind.startswith(kind + ".")):
                yield pr

    def derive(self, name: str, page: Page, fn: Callable[[Page, str], Any]) -> Any:
        """Memoised ``fn(page, text)``: one parse of a page serves all checks."""
        key = (name, page.unit, page.url)
        if key not in self._derived:
            self._derived[key] = fn(page, self.text(page))
        return self._derived[key]

    def home(self, unit: str) -> Page | None:
        u = self.units.get(unit)
        if u is not None:
            p = self.page(unit, u.base_url)
            if p is not None:
                return p
        return next(self.pages(unit, PageKind.HOME), None)


# --------------------------------------------------------------------------
# Findings


@dataclass(frozen=True)
class Citation:
    """What a finding rests on: a plan clause or a regulation."""

    source: str                      # plan title, or regulation name
    clause: str = ""                 # "11", "三(一)2", "第五十条"
    text: str = ""                   # short form of the requirement
    units: tuple[str, ...] = ()      # responsible units named by the plan
    deadline: str = ""               # ISO date, "ongoing", "yearly" or ""
    plan_id: str = ""                # catalog id, "" for regulations

    def to_json(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["units"] = list(self.units)
        return d

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Citation":
        return cls(
            source=d.get("source", ""), clause=d.get("clause", ""), text=d.get("text", ""),
            units=tuple(d.get("units", ())), deadline=d.get("deadline", ""),
            plan_id=d.get("plan_id", ""),
        )


@dataclass(frozen=True)
class Evidence:
    value: str = ""                  # the extracted value, verbatim
    snippet: str = ""                # page text / markup around it
    expected: str = ""               # what the rule wants, when it is a value
    details: Mapping[str, Any] = field(default_factory=dict)   # tables, lists
    screenshot: str = ""             # path relative to the report dir
    captured_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value, "snippet": self.snippet, "expected": self.expected,
            "details": dict(self.details), "screenshot": self.screenshot,
            "captured_at": self.captured_at,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Evidence":
        return cls(
            value=d.get("value", ""), snippet=d.get("snippet", ""), expected=d.get("expected", ""),
            details=d.get("details", {}) or {}, screenshot=d.get("screenshot", ""),
            captured_at=d.get("captured_at", ""),
        )


@dataclass(frozen=True)
class Finding:
    """One verdict of one check about one thing.

    ``(unit, check_id, url, key)`` identifies the finding across runs (history,
    diffs, ground truth): ``key`` tells apart several findings of a check on
    one URL (a field name, a link target, a table cell)."""

    check_id: str
    status: Status
    title: str                       # the check's Chinese title
    message: str                     # what was found, in Chinese
    unit: str = ""
    url: str = ""
    key: str = ""
    evidence: Evidence = field(default_factory=Evidence)
    basis: tuple[Citation, ...] = ()
    suggestion: str = ""
    severity: Severity = Severity.MAJOR

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.unit, self.check_id, self.url, self.key)

    def to_json(self) -> dict[str, Any]:
        return {
            "check_id": self.check_id,
            "status": self.status.value,
            "status_label": self.status.label,
            "title": self.title,
            "message": self.message,
            "unit": self.unit,
            "url": self.url,
            "key": self.key,
            "evidence": self.evidence.to_json(),
            "basis": [c.to_json() for c in self.basis],
            "suggestion": self.suggestion,
            "severity": self.severity.value,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Finding":
        return cls(
            check_id=d["check_id"], status=Status(d["status"]), title=d.get("title", ""),
            message=d.get("message", ""), unit=d.get("unit", ""), url=d.get("url", ""),
            key=d.get("key", ""), evidence=Evidence.from_json(d.get("evidence", {}) or {}),
            basis=tuple(Citation.from_json(c) for c in d.get("basis", ())),
            suggestion=d.get("suggestion", ""), severity=Severity(d.get("severity", "major")),
        )


@dataclass
class AuditResult:
    """What reports render: the findings of one run plus its context."""

    run_id: str
    started_at: str
    as_of: str                       # ISO date the verdicts are relative to
    units: list[Unit]
    findings: list[Finding]
    stats: dict[str, CrawlStats] = field(default_factory=dict)
    config_name: str = ""
    plans: dict[str, str] = field(default_factory=dict)     # plan id -> title
    extra: dict[str, Any] = field(default_factory=dict)      # scores, manual items ...
