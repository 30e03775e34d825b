"""Rows of a document list page: which document each row links to, and the
title, date and validity mark the row shows.

The mark is a validity word outside the anchor (``<span class="yxx">[已废止]</span>``,
``<em class="red_base">失效</em>``), or a bracketed 失效/废止/作废 badge inside it
(``标题[已废止]``), which is then left out of the title.

Rows are ``<li>``/``<tr>``/``<dd>`` around a link; Hanweb ships its rows in
``<script type="text/xml"><datastore><record><![CDATA[…]]>`` which we read
too (a browser shows them once the page's script runs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from extract.dates import find_dates

_ROW_TAGS = ("li", "tr", "dd", "dl", "p")
_CDATA = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
_MARK = re.compile(r"(已失效|失效|已废止|废止|已作废|作废|现行有效|有效|已修改|已修订|尚未生效)")
# A badge some CMSs put inside the anchor: "标题[已废止]", "【失效】标题".
_ANCHOR_MARK = re.compile(r"[\[【〔(（]\s*(已失效|失效|已废止|废止|已作废|作废)\s*[\]】〕)）]")
_SPACE = re.compile(r"[\s\u3000\u2002\u00a0]+")


@dataclass(frozen=True)
class ListRow:
    url: str              # absolute target, fragment removed
    title: str            # title attribute, else anchor text
    text: str             # the whole row's text
    date: str             # the first date shown in the row ('' if none)
    mark: str             # a validity word shown in the row ('' if none)


def _row_of(a: etree._Element) -> etree._Element:
    el = a.getparent()
    while el is not None and isinstance(el.tag, str) and el.tag.lower() not in _ROW_TAGS:
        if el.tag.lower() in ("ul", "table", "tbody", "body", "html"):
            return a.getparent()
        el = el.getparent()
    return el if el is not None else a


def _rows_in(root: etree._Element, base_url: str) -> list[ListRow]:
    out: list[ListRow] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        anchor = _SPACE.sub(" ", a.text_content()).strip()
        badge = _ANCHOR_MARK.search(anchor)
        title = (a.get("title") or "").strip() or (
            _SPACE.sub(" ", _ANCHOR_MARK.sub(" ", anchor)).strip() if badge else anchor)
        row = _row_of(a)
        text = _SPACE.sub(" ", row.text_content() if row is not None else anchor).strip()
        rest = text.replace(anchor, " ", 1)
        dates = find_dates(rest)
        marks = _MARK.findall(rest) or ([badge.group(1)] if badge else [])
        out.append(ListRow(url, title, text, dates[0].raw if dates else "", marks[0] if marks else ""))
    return out


def list_roots(html: str) -> Iterator[etree._Element]:
    """The page's document and each Hanweb datastore record, parsed; parts
    that do not parse are skipped (never raises on bad markup)."""
    if not html or not html.strip():
        return
    try:
        yield lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        pass
    for rec in _CDATA.findall(html):
        try:
            yield lxml.html.fragment_fromstring(rec, create_parent="div")
        except (etree.ParserError, ValueError):
            continue


def list_rows(html: str, base_url: str) -> list[ListRow]:
    """Every linked row of a list page (never raises on bad markup)."""
    return [row for root in list_roots(html) for row in _rows_in(root, base_url)]
