"""GET search forms on a page (the 规范性文件 library's 检索 box).

Pure: ``search_forms(html, base_url)`` finds ``<form>`` elements submitted
with GET (the HTML default) that carry one text input, and
``search_url(form, query, encoding)`` builds the URL a browser submits for
that form — the page's charset, ``application/x-www-form-urlencoded``
(``quote_plus``: spaces as ``+``, everything else percent-encoded,
upper-case hex), the action's own query replaced.  POST forms, forms with
password/file inputs and ``javascript:`` actions are never returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import lxml.html

# Names search boxes use on government CMSs (TRS, Hanweb, Ucap ...), best first.
_QUERY_NAMES = ("q", "searchword", "keyword", "keywords", "kw", "query", "wd", "word", "key", "title",
                "searchtext", "searchkey")
_TEXT_TYPES = ("", "text", "search")
_HIDDEN_SKIP = ("password", "file")
# Pages whose search box is the one we judge (ColumnName/<title> label).
_LIBRARY = re.compile(r"规范性文件|信息公开")
_NOT_LIBRARY = re.compile(r"解读|失效|废止|年报|年度报告")


@dataclass(frozen=True)
class SearchForm:
    action: str                               # absolute URL the form submits to, without query/fragment
    field: str                                # name of the text input carrying the query
    hidden: tuple[tuple[str, str], ...] = ()  # other fields submitted with it (hidden inputs)


def is_search_page_label(label: str) -> bool:
    """A 规范性文件 library or 政府信息公开 page (by its ColumnName/title)."""
    return bool(_LIBRARY.search(label)) and not _NOT_LIBRARY.search(label)


def _root(html_or_doc: Any):
    if html_or_doc is None:
        return None
    if isinstance(html_or_doc, (str, bytes)):
        if not html_or_doc.strip():
            return None
        try:
            return lxml.html.fromstring(html_or_doc)
        except (ValueError, lxml.etree.ParserError):
            return None
    return html_or_doc


def search_forms(html_or_doc: Any, base_url: str) -> list[SearchForm]:
    """The GET search forms of a page, in document order (one per action+field)."""
    root = _root(html_or_doc)
    if root is None:
        return []
    out: list[SearchForm] = []
    seen: set[tuple[str, str]] = set()
    for form in root.iter("form"):
        method = (form.get("method") or "get").strip().lower()
        if method != "get":
            continue
        action = (form.get("action") or "").strip()
        if action.lower().startswith(("javascript:", "mailto:")):
            continue
        texts: list[str] = []
        hidden: list[tuple[str, str]] = []
        bad = False
        for el in form.iter("input", "select", "textarea"):
            name = (el.get("name") or "").strip()
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            typ = (el.get("type") or "").strip().lower() if tag == "input" else tag
            if typ in _HIDDEN_SKIP:
                bad = True
                break
            if not name:
                continue
            if tag == "input" and typ in _TEXT_TYPES:
                texts.append(name)
            elif tag == "input" and typ == "hidden":
                hidden.append((name, el.get("value") or ""))
        if bad or not texts:
            continue
        lower = [t.lower() for t in texts]
        field = next((texts[lower.index(n)] for n in _QUERY_NAMES if n in lower), texts[0] if len(texts) == 1 else "")
        if not field:
            continue
        p = urlsplit(urljoin(base_url, action or base_url))
        if p.scheme not in ("http", "https"):
            continue
        target = urlunsplit((p.scheme, p.netloc, p.path or "/", "", ""))
        if (target, field) in seen:
            continue
        seen.add((target, field))
        out.append(SearchForm(target, field, tuple(hidden)))
    return out


def search_url(form: SearchForm, query: str, encoding: str = "utf-8") -> str:
    """The URL a browser requests when ``query`` is typed into the form."""
    enc = encoding or "utf-8"
    try:
        "".encode(enc)
    except LookupError:
        enc = "utf-8"
    qs = urlencode([*form.hidden, (form.field, query)], encoding=enc, errors="xmlcharrefreplace")
    return f"{form.action}?{qs}"
