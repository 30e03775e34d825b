"""The titles a detail page shows for itself, and the 《…》 names a text
quotes: what the 解读 linkage and 文不对标 checks compare.

``page_titles`` returns every title the page states, best first: the
``ArticleTitle`` meta (TRS/Hanweb write the CMS's title there), the visible
heading (``h1`` / an element classed like a title, found by
``extract.metadata``), and the browser tab ``<title>`` with a trailing
"_站点名" / "-站点名" cut off.  A link's text agrees with the page when it
agrees with any of them (the tab title alone never accuses: sites append
their name in many ways).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_SPACE = re.compile(r"[\s\u3000\u2002\u2003\u00a0\u200b]+")
# Punctuation and brackets that lists and pages write differently.
_PUNCT = re.compile(r"[\s\u3000\u2002\u2003\u00a0\u200b《》〈〉“”\"'‘’「」『』()（）\[\]【】<>〔〕,，.。:：;；!！?？、·•\-—_|｜/\\]+")
_ELLIPSIS = re.compile(r"(\.{2,}|…+|。。。|\.\.\.)\s*$")
_QUOTED = re.compile(r"《([^《》]{2,120})》")
_TAB_SEP = re.compile(r"\s*(?:_|--|-|—|\||｜)\s*[^_|｜\-—]{2,40}$")


def norm_title(text: str) -> str:
    """Comparable form: no whitespace, punctuation or brackets."""
    return _PUNCT.sub("", text or "")


def is_truncated(text: str) -> bool:
    return bool(_ELLIPSIS.search(text or ""))


def strip_ellipsis(text: str) -> str:
    return _ELLIPSIS.sub("", text or "").strip()


def quoted_names(text: str) -> list[str]:
    """The names written in 《》 in a text, in order."""
    return [m.group(1).strip() for m in _QUOTED.finditer(text or "")]


def _meta(doc: etree._Element, name: str) -> str:
    for m in doc.iter("meta"):
        if (m.get("name") or "").lower() == name.lower():
            return _SPACE.sub(" ", m.get("content") or "").strip()
    return ""


def page_titles(html: str, heading: str = "") -> list[str]:
    """Titles the page states for itself, best first (``heading``: the
    visible heading already found by extract.metadata, if any)."""
    out: list[str] = []
    if not html or not html.strip():
        return out
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return out
    if art := _meta(doc, "ArticleTitle"):
        out.append(art)
    if heading:
        out.append(heading)
    for h1 in doc.iter("h1"):
        t = _SPACE.sub(" ", h1.text_content()).strip()
        if 4 <= len(t) <= 200:
            out.append(t)
            break
    if (t := doc.find(".//title")) is not None:
        tab = _SPACE.sub(" ", t.text_content()).strip()
        if tab:
            out.append(tab)
            cut = _TAB_SEP.sub("", tab)
            if cut and cut != tab:
                out.append(cut)
    return list(dict.fromkeys(x for x in out if x))


def titles_agree(shown: str, titles: list[str], min_len: int = 6) -> bool:
    """Does a link text agree with any of a page's titles?  A text cut short
    (with or without an ellipsis) agrees when it is the start of a title; a
    text that contains a title or is contained in one (a date or 文号 added
    around it) agrees too."""
    a = norm_title(strip_ellipsis(shown))
    if not a:
        return True
    for t in titles:
        b = norm_title(t)
        if not b:
            continue
        if a == b or b.startswith(a) and len(a) >= min_len:
            return True
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if len(short) >= min_len and short in long_:
            return True
    return False
