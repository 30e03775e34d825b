"""What the 规范性文件 checks share: one parse per page, which pages are
规范性文件, citations and message helpers.

Settings (config ``[thresholds]``):

``normative_scope``
    ``"column"`` (default): a page is a 规范性文件 when its column, breadcrumb,
    a list page linking to it, or its own 有效性 field says so.
    ``"all"``: every document page with a metadata block (used by the
    ``page`` command, which audits the one page it is given).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Iterable

from checks.base import REG_DOCFORMAT, REG_NORMATIVE, REG_ORDINANCE, CheckContext, reg
from extract.metadata import DocMetadata, MetaField, extract_metadata
from extract.normative_labels import FIELD_NAMES_CN
from zwgk_audit.model import Citation, LinkKind, Page, PageKind, Snapshot

META_DERIVE = "normative.metadata"

PLAN_TEXT = "明确标注规范性文件的名称、文号、发布机构、索引号、主题分类、成文及发布日期、有效性等要素"
BASIS_PLAN = Citation(source="年度政务公开工作要点（规范性文件要素标注要求）", text=PLAN_TEXT)
BASIS_37 = reg(REG_NORMATIVE, "", "行政规范性文件应当统一登记、统一编号、统一印发，并及时公开")
BASIS_9704 = reg(REG_DOCFORMAT, "7.2.4",
                 "发文字号由发文机关代字、年份、发文顺序号组成；年份、发文顺序号用阿拉伯数字标注；"
                 "年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位")
BASIS_ART26 = reg(REG_ORDINANCE, "第二十六条",
                  "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开")


def cn(field: str) -> str:
    return FIELD_NAMES_CN.get(field, field)


def metadata(ctx: CheckContext, page: Page) -> DocMetadata:
    """One parse of a page shared by every check."""
    return ctx.snapshot.derive(
        META_DERIVE, page, lambda p, text: extract_metadata(text, url=p.url, rendered=p.rendered))


@dataclass(frozen=True)
class NormativeDecision:
    is_normative: bool
    reason: str              # Chinese: why it is (or is not) treated as a 规范性文件


_NORMATIVE = "规范性文件"


def decide_normative(meta: DocMetadata, column_hints: Iterable[str] = (), scope: str = "column",
                     kind: PageKind = PageKind.DETAIL) -> NormativeDecision:
    """Is this document page a 规范性文件?  The one place that decides.

    ``column_hints``: ColumnName/title of the list pages that link to it."""
    if meta.parse_error:
        return NormativeDecision(False, meta.parse_error)
    is_doc = meta.block_found or kind == PageKind.DETAIL
    if not is_doc:
        return NormativeDecision(False, "不是文件详情页（没有元数据区块）")
    if scope == "all":
        return NormativeDecision(True, "按设置（normative_scope=all）将带元数据的详情页视为规范性文件")

    def names(text: str) -> bool:
        return _NORMATIVE in text and "解读" not in text

    if names(meta.column_name):
        return NormativeDecision(True, f"所在栏目为“{meta.column_name}”")
    if names(meta.breadcrumb):
        return NormativeDecision(True, f"页面位置为“{meta.breadcrumb}”")
    for hint in column_hints:
        if names(hint):
            return NormativeDecision(True, f"由“{hint}”栏目列表链接")
    if any(f.label for f in meta.candidates("validity")):
        return NormativeDecision(True, "元数据中标注了有效性")
    return NormativeDecision(False, "栏目、位置和元数据均未表明是规范性文件")


@dataclass(frozen=True)
class NormativeDoc:
    page: Page
    meta: DocMetadata
    reason: str

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def label(self) -> str:
        t = self.meta.value("title") or self.meta.heading or self.page.title or self.page.url
        t = t.replace("《", "〈").replace("》", "〉")    # it is quoted inside 《》 in messages
        return t if len(t) <= 40 else t[:38] + "…"


_COLUMN_META = re.compile(r"""<meta[^>]+name=["']ColumnName["'][^>]*content=["']([^"']*)""", re.I)
_COLUMN_META2 = re.compile(r"""<meta[^>]+content=["']([^"']*)["'][^>]*name=["']ColumnName["']""", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def _column_label(page: Page, text: str) -> str:
    parts = []
    for rx in (_COLUMN_META, _COLUMN_META2, _TITLE):
        if m := rx.search(text[:20000]):
            parts.append(re.sub(r"\s+", " ", m.group(1)).strip())
    if page.title:
        parts.append(page.title)
    return " ".join(dict.fromkeys(p for p in parts if p))


def is_search_result(page: Page) -> bool:
    """A result page of a query the crawler typed into a search form
    (crawler.spider role ``search``): not a column, not a listing."""
    return page.headers.get("X-Zwgk-Role") == "search"


def _is_html(page: Page) -> bool:
    ct = (page.content_type or "").lower()
    return page.kind not in (PageKind.ATTACHMENT,) and (not ct or "html" in ct or "text" in ct)


_CACHE: "weakref.WeakKeyDictionary[Snapshot, dict]" = weakref.WeakKeyDictionary()


def normative_documents(ctx: CheckContext) -> list[NormativeDoc]:
    """The unit's 规范性文件 pages (memoised per snapshot, unit and scope)."""
    scope = str(ctx.setting("normative_scope", "column"))
    cache = _CACHE.setdefault(ctx.snapshot, {})
    key = ("docs", ctx.unit.id, scope)
    if key not in cache:
        cache[key] = _compute_documents(ctx, scope)
    return cache[key]


def _compute_documents(ctx: CheckContext, scope: str) -> list[NormativeDoc]:
    snap, unit = ctx.snapshot, ctx.unit.id
    hints: dict[str, list[str]] = {}
    if scope != "all":
        for link in snap.links(unit):
            if link.kind != LinkKind.PAGE:
                continue
            src = snap.page(unit, link.source)
            # A document page linking to another page (its 解读, a related
            # document) is not a column listing it.
            if (src is None or not _is_html(src) or src.kind in (PageKind.DETAIL, PageKind.ANNUAL_REPORT)
                    or is_search_result(src)):
                continue
            label = snap.derive("normative.column_label", src, _column_label)
            if label:
                hints.setdefault(link.target, []).append(label)
    docs: list[NormativeDoc] = []
    for page in snap.pages(unit):
        if not page.ok or not _is_html(page) or page.kind in (PageKind.HOME, PageKind.COLUMN,
                                                               PageKind.ANNUAL_REPORT):
            continue
        meta = metadata(ctx, page)
        col = hints.get(page.url, []) + (hints.get(page.final_url, []) if page.final_url != page.url else [])
        decision = decide_normative(meta, col, scope, page.kind)
        if decision.is_normative:
            docs.append(NormativeDoc(page, meta, decision.reason))
    return docs


def field_evidence(f: MetaField | None) -> dict[str, str]:
    """value/snippet keyword arguments for ctx.finding from a field."""
    if f is None:
        return {"value": "", "snippet": ""}
    return {"value": f.raw, "snippet": f.snippet}


def field_details(f: MetaField | None, doc: NormativeDoc) -> dict[str, object]:
    d: dict[str, object] = {"document": doc.label, "normative_reason": doc.reason}
    if f is not None:
        d.update({"label": f.label, "where": f.where, "hidden": f.hidden, "how_hidden": f.how_hidden})
    return d


def column_label(ctx: CheckContext, page: Page) -> str:
    """ColumnName + <title> of a page (cheap, memoised)."""
    return ctx.snapshot.derive("normative.column_label", page, _column_label)


def library_pages(ctx: CheckContext) -> list[Page]:
    """The unit's 规范性文件 library list pages (every page of the list)."""
    out = []
    for page in ctx.snapshot.pages(ctx.unit.id):
        if (not page.ok or not _is_html(page) or page.kind not in (PageKind.COLUMN, PageKind.OTHER)
                or is_search_result(page)):
            continue
        label = column_label(ctx, page)
        if _NORMATIVE in label and not re.search(r"解读|失效|废止", label):
            out.append(page)
    return sorted(out, key=lambda p: (len(p.url), p.url))
