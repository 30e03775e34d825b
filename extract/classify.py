"""Page-kind classification: home, column (list), detail, annual report,
attachment, other.  Pure: a function of the URL, content type and text.

Signals, strongest first:
  attachment  content type / extension of a document (pdf, doc(x), xls(x), ofd ...)
  home        the unit's base URL or the site root
  detail      ArticleTitle meta; CMS article URLs (TRS ``t20230101_123.html``,
              Hanweb ``art_12_34.html``, gov.cn ``content_5365945.htm``,
              Guangdong ``post_1871569.html``)
  column      ColumnName meta without ArticleTitle; Hanweb ``/col/col123/``;
              a list of many dated links; paging; ``index.html`` under a path
  detail      a metadata block (索引号 with 发布机构/成文日期 ...) on a page
              that is not a list
  annual_report  a detail whose title names 政府信息公开(工作)年度报告, or an
              attachment linked with such text
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from zwgk_audit.model import PageKind

_ATTACHMENT_TYPES = (
    "application/pdf", "application/msword", "application/vnd.openxmlformats",
    "application/vnd.ms-", "application/zip", "application/x-rar", "application/ofd",
    "application/x-7z", "application/wps", "application/kswps", "application/octet-stream",
)
_ATTACHMENT_EXTS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd",
                    "zip", "rar", "7z", "rtf", "csv")
_HOME_PATHS = ("", "/", "/index.html", "/index.htm", "/index.shtml", "/default.htm",
               "/default.html", "/index.jsp", "/index.php")
_DETAIL_URL = re.compile(
    r"(/t\d{8}_\d+\.s?html?$)|(/art_\d+_\d+\.html$)|(/content_\d+\.s?html?$)|(/post_\d+\.html$)"
    r"|(/art/\d{4}/\d{1,2}/\d{1,2}/art_)",
    re.IGNORECASE)
_COLUMN_URL = re.compile(r"(/col/col\d+/)|(/(index|list)(_\d+)?\.(s?html?|jsp)$)|(/$)", re.IGNORECASE)
_DATE = re.compile(r"(19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}")
_META_LABELS = ("索引号", "发布机构", "发文机关", "成文日期", "发文字号", "文号", "主题分类", "有效性")
_ANNUAL = re.compile(r"政府信息公开(工作)?年度报告|信息公开年报")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Classified:
    kind: PageKind
    title: str
    reason: str        # which signal decided (for debugging / evidence)


def is_xml_type(content_type: str) -> bool:
    """``text/xml``, ``application/xml`` or a ``+xml`` type (xhtml, rss,
    atom …) — not an Office Open XML document (``…openxmlformats…``)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    sub = mime.rsplit("/", 1)[-1]
    return sub == "xml" or sub.endswith("+xml")


def is_attachment(url: str, content_type: str) -> bool:
    ct = (content_type or "").split(";")[0].strip().lower()
    ext = urlsplit(url).path.rsplit("/", 1)[-1].rsplit(".", 1)[-1].lower()
    if ct.startswith(("text/", "image/")) or "html" in ct or is_xml_type(ct) or "javascript" in ct or "css" in ct:
        return False
    if ct and ct != "application/octet-stream" and ct.startswith(_ATTACHMENT_TYPES):
        return True
    return ext in _ATTACHMENT_EXTS


def is_annual_report_title(text: str) -> bool:
    return bool(_ANNUAL.search(_WS.sub("", text or "")))


def _norm_home(url: str) -> tuple[str, str, str]:
    p = urlsplit(url)
    path = p.path if p.path not in _HOME_PATHS else "/"
    if path != "/":
        for h in _HOME_PATHS[2:]:
            if path.endswith(h):
                path = path[: -len(h)] + "/"
                break
    return (p.scheme.lower(), p.netloc.lower(), path + ("?" + p.query if p.query else ""))


def _meta(doc: lxml.html.HtmlElement, name: str) -> str:
    for el in doc.iter("meta"):
        if (el.get("name") or "").lower() == name.lower():
            return _WS.sub(" ", el.get("content") or "").strip()
    return ""


def _first_text(doc: lxml.html.HtmlElement, tag: str) -> str:
    for el in doc.iter(tag):
        t = _WS.sub(" ", el.text_content() or "").strip()
        if t:
            return t
    return ""


def _visible_text(doc: lxml.html.HtmlElement) -> str:
    body = doc.find("body")
    root = body if body is not None else doc
    parts: list[str] = []
    for el in root.iter():
        if el.tag in ("script", "style", "noscript") or not isinstance(el.tag, str):
            if el.tail:
                parts.append(el.tail)
            continue
        if el.text:
            parts.append(el.text)
        if el.tail:
            parts.append(el.tail)
    return _WS.sub(" ", " ".join(parts))


def classify(url: str, content_type: str, text: str, *, home_urls: Iterable[str] = (),
             link_texts: Iterable[str] = (), doc: lxml.html.HtmlElement | None = None) -> Classified:
    """Kind and title of a fetched page.  ``link_texts`` are the anchor texts
    of the links that led here (an attachment's only title).  ``doc`` is the
    page's parsed tree when the caller already has it (not modified)."""
    link_texts = [t for t in link_texts if t]
    if is_attachment(url, content_type):
        title = link_texts[0] if link_texts else urlsplit(url).path.rsplit("/", 1)[-1]
        if any(is_annual_report_title(t) for t in link_texts):
            return Classified(PageKind.ANNUAL_REPORT, title, "attachment linked as annual report")
        return Classified(PageKind.ATTACHMENT, title, "attachment type")
    ct = (content_type or "").lower()
    if ct and "html" not in ct and not is_xml_type(ct) and not ct.startswith("text/"):
        return Classified(PageKind.OTHER, "", f"content type {ct.split(';')[0]}")
    if doc is None and text and text.strip():
        try:
            doc = lxml.html.document_fromstring(text)
        except (lxml.etree.ParserError, ValueError):
            doc = None
    title = _first_text(doc, "title") if doc is not None else ""
    article = _meta(doc, "ArticleTitle") if doc is not None else ""
    column = _meta(doc, "ColumnName") if doc is not None else ""

    homes = {_norm_home(h) for h in home_urls}
    p = urlsplit(url)
    if _norm_home(url) in homes or (p.path in _HOME_PATHS and not p.query):
        return Classified(PageKind.HOME, title, "home URL")

    def detail(reason: str) -> Classified:
        h1 = _first_text(doc, "h1") if doc is not None else ""
        t = article or h1 or title
        kind = PageKind.ANNUAL_REPORT if is_annual_report_title(t) else PageKind.DETAIL
        return Classified(kind, t, reason)

    if article:
        return detail("ArticleTitle meta")
    if _DETAIL_URL.search(p.path):
        return detail("detail URL pattern")
    if doc is None:
        return Classified(PageKind.OTHER, title, "no HTML")
    visible = _visible_text(doc)
    anchors = [a for a in doc.iter("a") if (a.get("href") or "").strip()]
    dated = len(_DATE.findall(visible))
    if column:
        return Classified(PageKind.COLUMN, title, "ColumnName meta")
    # "索引号：…" with a colon is a document's metadata block; the same words
    # without colons are the header row of a document list.
    compact = re.sub(r"[\s\u2002\u3000\xa0]", "", visible)
    if sum(1 for lbl in _META_LABELS if re.search(lbl + "[：:]", compact)) >= 2:
        return detail("metadata block")
    if dated >= 5 and len(anchors) >= 5:
        return Classified(PageKind.COLUMN, title, f"{dated} dated entries")
    if _COLUMN_URL.search(p.path) and len(anchors) >= 3:
        return Classified(PageKind.COLUMN, title, "list URL pattern")
    return Classified(PageKind.OTHER, title, "no signal")
