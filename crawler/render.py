"""Does this page need a browser?  Decided per page from its static HTML.

A browser costs ~100x a plain fetch, so only pages whose content is visibly
made by JavaScript are rendered.  Heuristics (any one suffices):

``hanweb-datastore``
    Hanweb (大汉 jcms) list pages ship their rows as
    ``<script type="text/xml"><datastore>…<record><![CDATA[…]]>`` and a
    script writes them into the page: the static list is empty.
``template``
    AngularJS / Vue pages: several ``{{…}}`` placeholders in the markup
    outside scripts together with a framework marker (ng-app, ng-repeat,
    ng-hide, v-for, v-if, ``id="app"``, angular/vue script).
``empty-body``
    A body with almost no visible text (< 80 characters) and fewer than
    three links, that has scripts (an app shell, a JS redirect).
``empty-container``
    A list or metadata container (id/class naming list, content, xxgk,
    metadata …) that is empty, while an inline script loads data
    (ajax, fetch, XMLHttpRequest, $.get/post/getJSON, .json).
``script-footer``
    The footer is written by a script (``<script src=…foot….js>``), so the
    identity items (网站标识码, ICP …) exist only after rendering.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

_DATASTORE = re.compile(r"<script[^>]+type\s*=\s*['\"]text/xml['\"][^>]*>\s*<datastore", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{\{[^{}\n]{1,200}\}\}")
_FRAMEWORK = re.compile(
    r"\bng-(app|controller|repeat|hide|show|bind|if|model)\b|\bv-(for|if|show|bind|html|cloak)\b"
    r"|\bid\s*=\s*['\"]app['\"]|angular(\.min)?\.js|vue(\.min|\.global|\.runtime)?[^/'\"]*\.js",
    re.IGNORECASE)
_CONTAINER = re.compile(r"list|content|xxgk|metadata|article|news|data|table|result|info", re.IGNORECASE)
_LOADS_DATA = re.compile(
    r"\$\.(ajax|get|post|getJSON)\b|\bfetch\s*\(|XMLHttpRequest|axios\.|\.json['\"?]|dataproxy\.jsp",
    re.IGNORECASE)
_FOOTER_SCRIPT = re.compile(r"<script[^>]+src\s*=\s*['\"][^'\"]*foot[^'\"]*\.js", re.IGNORECASE)
_WS = re.compile(r"\s+")
_EMPTY_BODY_CHARS = 80


@dataclass(frozen=True)
class RenderDecision:
    render: bool
    reason: str            # heuristic name, "" when not rendering


NO = RenderDecision(False, "")


def _strip_scripts(doc: lxml.html.HtmlElement) -> None:
    for el in list(doc.iter("script", "style", "noscript", "template")):
        parent = el.getparent()
        if parent is not None:
            tail = el.tail
            parent.remove(el)
            if tail:   # keep the text that followed the removed element
                prev = parent[-1] if len(parent) else None
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail


_HIDDEN = "ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"
_VISIBLE_TEXT = lxml.etree.XPath(f".//text()[not({_HIDDEN})]")
_LIVE_ANCHORS = lxml.etree.XPath(f"//a[not({_HIDDEN})]")


def _stripped(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the tree without scripts, styles, noscript and templates."""
    clone = copy.deepcopy(doc)
    _strip_scripts(clone)
    return clone


def needs_render(html: str, doc: lxml.html.HtmlElement | None = None) -> RenderDecision:
    """Whether the static HTML of a page hides its content behind scripts.
    ``doc`` is ``extract.links.parse_html(html)`` when the caller has it;
    it is not modified."""
    if not html or "<script" not in html.lower():
        return NO
    if _DATASTORE.search(html):
        return RenderDecision(True, "hanweb-datastore")
    if doc is None:
        try:
            doc = lxml.html.document_fromstring(html)
        except (lxml.etree.ParserError, ValueError):
            return NO
    inline = " ".join(s.text or "" for s in doc.iter("script") if not s.get("src"))
    has_scripts = any(True for _ in doc.iter("script"))
    stripped: lxml.html.HtmlElement | None = None
    # Two placeholders in the markup need two "{{" in the page: only then
    # is the script-free markup worth building.
    if html.count("{{") >= 2 and _FRAMEWORK.search(html):
        stripped = _stripped(doc)
        markup = lxml.html.tostring(stripped, encoding="unicode")
        if len(_PLACEHOLDER.findall(markup)) >= 2:
            return RenderDecision(True, "template")
    # The text and links outside scripts/styles/noscript/templates, read in
    # place (what text_content() gives once those elements are removed).
    body = doc.find("body")
    visible = _WS.sub("", "".join(_VISIBLE_TEXT(body if body is not None else doc)))
    if has_scripts and len(visible) < _EMPTY_BODY_CHARS:
        anchors = sum(1 for a in _LIVE_ANCHORS(doc) if (a.get("href") or "").strip()[:1] not in ("", "#")
                      and not (a.get("href") or "").strip().lower().startswith("javascript:"))
        if anchors < 3:
            return RenderDecision(True, "empty-body")
    if _LOADS_DATA.search(inline):
        if stripped is None:
            stripped = _stripped(doc)
        for el in stripped.iter("div", "ul", "ol", "table", "tbody", "section"):
            ident = f"{el.get('id') or ''} {el.get('class') or ''}"
            if _CONTAINER.search(ident) and len(el) == 0 and not (el.text or "").strip():
                return RenderDecision(True, "empty-container")
    if _FOOTER_SCRIPT.search(html):
        return RenderDecision(True, "script-footer")
    return NO


def decide(html: str, mode: str, doc: lxml.html.HtmlElement | None = None) -> RenderDecision:
    """Apply the unit's ``render`` setting (auto | never | always)."""
    if mode == "never":
        return NO
    if mode == "always":
        return RenderDecision(True, "always")
    return needs_render(html, doc)
