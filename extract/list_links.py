"""The links of a list page with both texts a reader meets: the anchor text
and the ``title`` attribute (shown on hover), plus the row around them.
Reads Hanweb's ``<script type="text/xml">`` datastore rows too, like
extract.normative_list (whose row finding it reuses)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from extract.normative_list import _row_of, list_roots

_SPACE = re.compile(r"[\s\u3000\u2002\u00a0]+")


@dataclass(frozen=True)
class ListLink:
    url: str            # absolute, fragment removed
    anchor: str         # visible anchor text
    title: str          # title attribute ('' when absent)
    row: str            # the row's text


def _links_in(root: etree._Element, base_url: str) -> list[ListLink]:
    out = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        anchor = _SPACE.sub(" ", a.text_content()).strip()
        row = _row_of(a)
        text = _SPACE.sub(" ", row.text_content() if row is not None else anchor).strip()
        out.append(ListLink(url, anchor, _SPACE.sub(" ", a.get("title") or "").strip(), text))
    return out


def list_links(html: str, base_url: str) -> list[ListLink]:
    return [link for root in list_roots(html) for link in _links_in(root, base_url)]
