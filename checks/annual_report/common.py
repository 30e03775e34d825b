"""Finding a unit's annual reports in the snapshot and reading each once.

A report is identified by the URL readers see: the HTML page that carries
it (even when its figures are in a linked PDF/DOCX attachment), or the
attachment itself when it is listed on its own.

What counts as a report: pages classified as annual reports, detail pages
whose own title (ArticleTitle, the page title) names one, and attachments
linked under such a title.  Column/list pages and home pages never do, even
when their column is the 年报 column and their rows are report titles."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from checks.base import REG_ANNUAL_FORMAT, REG_ORDINANCE, CheckContext, reg
from extract.annual_report import AnnualReport, parse_bytes, parse_html, sniff
from extract.annual_report.sources import read_html
from extract.annual_report.text import TITLE_RE, publication_date, title_unit, title_year
from zwgk_audit.model import Page, PageKind, Snapshot

BASIS_ART50 = reg(REG_ORDINANCE, "第五十条", "每年1月31日前公布本行政机关上一年度政府信息公开工作年度报告")
BASIS_ART51 = reg(REG_ORDINANCE, "第五十一条", "年度报告应当包括的内容")
BASIS_FORMAT = reg(REG_ANNUAL_FORMAT, "", "年度报告按统一格式编制，表格数据勾稽关系正确")
BASIS = (BASIS_ART50, BASIS_FORMAT)
KINDS = ("annual_report",)

_DOC_EXT = re.compile(r"\.(pdf|docx)(?:$|\?)", re.I)
_TOWNSHIP = re.compile(r"(镇|乡|街道)(人民政府|政府|办事处|党工委)?$")


@dataclass(frozen=True)
class ReportRef:
    url: str                          # where findings are reported
    page: Page                        # page whose metadata dates the report
    report: AnnualReport
    title: str                        # title as shown (page title / link text)
    year: int | None
    pub_date: _dt.date | None
    pub_source: str                   # where the date was read
    attachment: str = ""              # URL of the attachment read, if any


def _is_attachment(p: Page) -> bool:
    return (p.kind == PageKind.ATTACHMENT or "pdf" in p.content_type
            or "officedocument" in p.content_type or bool(_DOC_EXT.search(p.url)))


# Pages that list or link reports without being one.
_LIST_KINDS = (PageKind.COLUMN, PageKind.HOME)


def _page_title(snapshot: Snapshot, p: Page) -> tuple[str, str, dict[str, str], list[str]]:
    """(title, the page's own title, meta, lines).  The own title is the
    ArticleTitle meta or the page's title; ``title`` may also come from a
    heading line in the text (for pages already classified as reports)."""
    def fn(page: Page, text: str) -> tuple[str, str, dict[str, str], list[str]]:
        doc = read_html(text)
        own = doc.meta.get("ArticleTitle") or page.title or doc.title
        h1 = next((x for x in doc.paragraphs[:30] if TITLE_RE.search(x)), "")
        return (doc.meta.get("ArticleTitle") or h1 or page.title or doc.title), own, doc.meta, doc.paragraphs
    return snapshot.derive("annual_report.page", p, fn)


def read(snapshot: Snapshot, page: Page, title: str = "") -> AnnualReport:
    def fn(p: Page, text: str) -> AnnualReport:
        data = snapshot.content(p)
        if data:
            return parse_bytes(data, sniff(data, p.url, p.content_type), title=title)
        return parse_html(text, title=title)
    return snapshot.derive("annual_report.report", page, fn)


def find_reports(snapshot: Snapshot, unit: str) -> list[ReportRef]:
    pages = [p for p in snapshot.pages(unit) if p.ok]
    link_text: dict[str, str] = {}
    for link in snapshot.links(unit):
        if TITLE_RE.search(link.text or ""):
            link_text.setdefault(link.target, link.text.strip())
    by_url = {p.url: p for p in pages}
    refs: list[ReportRef] = []
    absorbed: set[str] = set()
    for p in pages:
        if _is_attachment(p) or p.kind in _LIST_KINDS:
            continue                  # a list page of reports is not a report
        if not (p.kind == PageKind.ANNUAL_REPORT or TITLE_RE.search(p.title or "")
                or TITLE_RE.search(snapshot.text(p)[:6000])):
            continue
        title, own, meta, lines = _page_title(snapshot, p)
        if p.kind != PageKind.ANNUAL_REPORT and not TITLE_RE.search(own or ""):
            continue                  # a page that merely mentions or links a report
        report = read(snapshot, p, title)
        attachment = ""
        docs = [by_url[link.target] for link in snapshot.links(unit, source=p.url)
                if link.target in by_url and _is_attachment(by_url[link.target])]
        for d in docs:
            absorbed.add(d.url)
        if not report.table3 and docs:
            # Figures live in the attachment: prefer one whose link names the report.
            docs.sort(key=lambda d: 0 if d.url in link_text else 1)
            inner = read(snapshot, docs[0], title)
            if inner.has_tables or not report.has_tables:
                attachment = docs[0].url
                inner_title = title or inner.title
                report = inner
                report.title = inner_title
        pub, source = publication_date(meta, lines)
        year = title_year(title) or report.year
        refs.append(ReportRef(p.url, p, report, title or report.title, year, pub, source, attachment))
    for p in pages:
        if not _is_attachment(p) or p.url in absorbed:
            continue
        title = link_text.get(p.url, "") or (p.title if TITLE_RE.search(p.title or "") else "")
        if not title and p.kind != PageKind.ANNUAL_REPORT:
            continue
        report = read(snapshot, p, title)
        refs.append(ReportRef(p.url, p, report, title or report.title,
                              title_year(title) or report.year, None, "", p.url))
    return sorted(refs, key=lambda r: (r.year or 0, r.url))


def _core(name: str) -> str:
    return re.sub(r"(人民政府|政府)$", "", re.sub(r"\s", "", name or ""))


def names_unit(title_name: str, ctx: CheckContext) -> bool:
    """Whether a report title's organisation is the audited unit."""
    t = _core(title_name)
    if not t:
        return True
    for n in (ctx.unit.unit_name, ctx.unit.name):
        c = _core(n)
        if c and (c in t or t in c):
            return True
    return not (ctx.unit.unit_name or ctx.unit.name)


def own_reports(ctx: CheckContext) -> list[ReportRef]:
    """Reports of the unit itself (a portal may also host its departments')."""
    return [r for r in find_reports(ctx.snapshot, ctx.unit.id)
            if r.year is not None and names_unit(title_unit(r.title), ctx)]


def unit_display_name(ref: ReportRef, ctx: CheckContext) -> str:
    return title_unit(ref.title) or ctx.unit.unit_name or ctx.unit.name


def is_township(name: str) -> bool:
    return bool(_TOWNSHIP.search(re.sub(r"\s", "", name or "")))


def deadline(year: int, ctx: CheckContext) -> _dt.date:
    """Report for ``year`` is due on this date of the next year (default 1月31日;
    set thresholds.annual_report_deadline = "03-31" for a government-wide report)."""
    md = str(ctx.setting("annual_report_deadline", "01-31"))
    m, d = (int(x) for x in md.split("-"))
    return _dt.date(year + 1, m, d)


def fmt_value(v: object) -> str:
    return "空白" if v is None else str(v)
