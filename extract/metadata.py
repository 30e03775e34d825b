"""The metadata block of a document page, read the way a reader sees it.

CMS families write the block differently: ``<p><strong>索引号</strong>：…</p>``
(TRS), ``<li>索&ensp;引&ensp;号：<font>…</font></li>``, nested tables
``<td><b>索 引 号：</b></td><td>…</td>`` (gov.cn Ucap), ``<dl><dt>…<dd>``,
label/value spans and divs (Guangdong 集约化 ``.classify`` tables, AngularJS
pages).  Instead of one parser per family we cut the visible page into
*cells* (the text between block-level boundaries) and look for labels in
them: ``label：value`` inside one cell, or a label cell followed by its
sibling value cell.

Text a reader cannot see — HTML comments, ``display:none``, ``hidden``,
``ng-hide`` — is kept but marked hidden: such a field exists in the markup
and still counts as missing.  Where the block lacks a field, we look where
documents carry it: the 文号 in the title's parentheses or under the
heading, the 落款 date closing the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

import lxml.html
from lxml import etree

from extract.dates import find_dates
from extract.doc_number import FIND_RE as _DOCNO_RE
from extract.normative_labels import (
    LABEL_COLON_RE, REQUIRED_FIELDS, clean_label, field_for_label, is_placeholder,
)
from extract.validity import VALIDITY_CANONICAL

WHERE = ("block", "title", "body", "comment")


@dataclass(frozen=True)
class MetaField:
    """One labelled value as found on the page."""

    field: str            # canonical: title, doc_number, issuer, index_no, topic, ...
    label: str            # the label as written ('索 引 号', '办文部门'); '' for fallbacks
    raw: str              # the value text as written
    value: str            # cleaned value; '' when empty or a placeholder (文号 '无' kept)
    hidden: bool = False  # not shown to a reader
    where: str = "block"  # block | title | body | comment
    how_hidden: str = ""  # 'HTML注释', 'display:none', 'ng-hide', 'hidden属性', 'meta' ...
    snippet: str = ""     # the cell text around it

    @property
    def present(self) -> bool:
        """Shown to a reader with a real value."""
        return bool(self.value) and not self.hidden

    def to_json(self) -> dict[str, object]:
        return {"field": self.field, "label": self.label, "raw": self.raw, "value": self.value,
                "hidden": self.hidden, "where": self.where, "how_hidden": self.how_hidden,
                "snippet": self.snippet}


@dataclass(frozen=True)
class DocMetadata:
    """Everything the normative checks read from one page."""

    fields: tuple[MetaField, ...] = ()     # every candidate, in document order
    block_found: bool = False              # >= 2 labelled fields outside comments
    block_hidden: bool = False             # the block exists but a reader sees none of it
    spa: bool = False                      # AngularJS/Vue template markup
    needs_browser: bool = False            # values only a browser would fill in
    heading: str = ""                      # the visible document title
    column_name: str = ""                  # <meta name="ColumnName">
    breadcrumb: str = ""                   # 当前位置 text
    body_lines: tuple[str, ...] = ()       # visible lines of the document body
    lines: tuple[str, ...] = ()            # every visible line of the page
    parse_error: str = ""                  # set when the HTML could not be parsed at all

    def candidates(self, name: str) -> list[MetaField]:
        return [f for f in self.fields if f.field == name]

    def get(self, name: str) -> MetaField | None:
        """The field a reader sees: a visible value first, then a visible
        placeholder, then a hidden one (so messages can say where it hides)."""
        cands = self.candidates(name)
        for pred in (lambda f: f.present,
                     lambda f: not f.hidden,
                     lambda f: f.hidden and bool(f.value),
                     lambda f: True):
            for f in cands:
                if pred(f):
                    return f
        return None

    def value(self, name: str) -> str:
        f = self.get(name)
        return f.value if f is not None and f.present else ""

    def missing(self) -> list[str]:
        return [n for n in REQUIRED_FIELDS if not self.value(n)]

    @property
    def body_text(self) -> str:
        return "\n".join(self.body_lines)


# ------------------------------------------------------------------ cells

_BLOCK_TAGS = frozenset("""
address article aside blockquote body br center dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table
tbody thead tfoot td th tr ul caption
""".split())
_SKIP_TAGS = frozenset("script style noscript template head title select option textarea iframe "
                       "svg object button input".split())
_HIDDEN_CLASSES = {"ng-hide": "ng-hide", "ng-cloak": "ng-cloak", "hidden": "hidden",
                   "hide": "hide", "d-none": "d-none", "x-hidden": "hidden"}
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DISPLAY_SET = re.compile(r"display\s*:\s*(?!none)[a-z-]+", re.I)
_MEDIA_BLOCK = re.compile(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", re.I)
_BODY_HINTS = re.compile(
    r"UCAP-CONTENT|TRS_Editor|TRS_UEDITOR|zoom|wenzhang-content|article-?content|pages_content|"
    r"news_content|con_content|xxgk_content|content_text|contentText|detail-?content|zw-?con|"
    r"Custom_UnionStyle|article_body|main-txt|trs_paper_default|view TRS", re.I)
_TITLE_HINTS = re.compile(r"title|biaoti|bt\b|headline", re.I)
_CRUMB_HINTS = re.compile(r"breadcrumb|crumb|position|location|dqwz|weizhi|curpos|place", re.I)
_LABEL_CLASS = re.compile(r"label|name|key|tit|th\b|left|lab", re.I)
_SPACE = re.compile(r"[\s\u3000\u2002\u2003\u2009\u00a0\u200b]+")


@dataclass
class _Cell:
    parts: list[tuple[str, str]] = field(default_factory=list)   # (text, hidden reason)
    owner: etree._Element | None = None
    in_body: bool = False

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.parts)

    def hidden_in(self, start: int, end: int) -> str:
        """The reason when every visible character in [start, end) is hidden, else ''."""
        pos, reasons, shown = 0, [], False
        for t, why in self.parts:
            a, b = pos, pos + len(t)
            pos = b
            if b <= start or a >= end:
                continue
            chunk = t[max(start - a, 0):min(end, b) - a]
            if not _SPACE.sub("", chunk):
                continue
            if why:
                reasons.append(why)
            else:
                shown = True
        return "" if shown or not reasons else reasons[0]


def _css_hidden_selectors(doc: etree._Element) -> tuple[set[str], set[str]]:
    """Classes and ids a page's own <style> sets to display:none."""
    classes: set[str] = set()
    ids: set[str] = set()
    for st in doc.iter("style"):
        css = _MEDIA_BLOCK.sub("", st.text or "")      # screen-size rules are not the page's default
        for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            if not _DISPLAY_NONE.search(body):
                continue
            for s in sel.split(","):
                s = s.strip()
                if re.fullmatch(r"\.[\w-]+", s):
                    classes.add(s[1:])
                elif re.fullmatch(r"#[\w-]+", s):
                    ids.add(s[1:])
    return classes, ids


class _Walker:
    def __init__(self, css_classes: set[str], css_ids: set[str], body_el: etree._Element | None,
                 base_reason: str = "") -> None:
        self.cells: list[_Cell] = []
        self.cur = _Cell()
        self.css_classes = css_classes
        self.css_ids = css_ids
        self.body_el = body_el
        self.base_reason = base_reason
        self.comments: list[str] = []
        self.block_stack: list[etree._Element] = []
        self.in_body = 0

    def hidden_reason(self, el: etree._Element) -> str:
        if el.get("hidden") is not None:
            return "hidden属性"
        style = el.get("style") or ""
        if _DISPLAY_NONE.search(style):
            return "display:none"
        shown_inline = bool(_DISPLAY_SET.search(style))   # inline style beats stylesheet rules
        for c in (el.get("class") or "").split():
            if c in _HIDDEN_CLASSES and not (shown_inline and c not in ("ng-hide", "ng-cloak")):
                return _HIDDEN_CLASSES[c]
            if c in self.css_classes and not shown_inline:
                return "display:none"
        if el.get("id") and el.get("id") in self.css_ids and not shown_inline:
            return "display:none"
        return ""

    def _is_bare_label(self, el: etree._Element, tag: str, is_block: bool) -> bool:
        """An inline element holding only a label and no colon.  Short labels
        (主题, 来源) need a label-like class: as plain words they are too common."""
        text = el.text or ""
        if is_block or len(el) or tag == "a" or self.in_body or not field_for_label(text):
            return False
        if re.search(r"[:：]\s*$", text) or re.match(r"\s*[:：]", el.tail or ""):
            return False
        ident = f"{el.get('class') or ''} {el.get('id') or ''}"
        return len(clean_label(text)) >= 3 or bool(_LABEL_CLASS.search(ident))

    def flush(self) -> None:
        if _SPACE.sub("", self.cur.text):
            self.cells.append(self.cur)
        owner = self.block_stack[-1] if self.block_stack else None
        self.cur = _Cell(owner=owner, in_body=self.in_body > 0)

    def emit(self, text: str | None, why: str) -> None:
        if text:
            if not self.cur.parts and self.cur.owner is None and self.block_stack:
                self.cur.owner = self.block_stack[-1]
            self.cur.parts.append((text, why or self.base_reason))

    def walk(self, el: etree._Element, why: str) -> None:
        if isinstance(el, etree._Comment):
            self.comments.append(el.text or "")
            return
        if not isinstance(el.tag, str):          # processing instructions, entities
            return
        tag = el.tag.lower()
        if tag in _SKIP_TAGS:
            return
        why = why or self.hidden_reason(el)
        is_block = tag in _BLOCK_TAGS
        is_body = el is self.body_el
        if is_body:
            self.in_body += 1
        if is_block:
            self.flush()
            self.block_stack.append(el)
            self.cur.owner = el
            self.cur.in_body = self.in_body > 0
        if self._is_bare_label(el, tag, is_block):
            # <span class="label">发文字号</span><span>…</span>: a label element
            # without a colon; supply one so the cell reads "label：value".
            self.emit((el.text or "") + "：", why)
        else:
            self.emit(el.text, why)
        for child in el:
            self.walk(child, why)
            self.emit(child.tail, why)
        if is_block:
            self.flush()
            self.block_stack.pop()
            self.cur.owner = self.block_stack[-1] if self.block_stack else None
        if is_body:
            self.in_body -= 1
            self.flush()


# ------------------------------------------------------------------ labelled values

_NEXT_LABELISH = re.compile(r"[\s\u3000\u2002\u00a0]+[\u4e00-\u9fff]{2,6}[:：]")
_MAX_LEN = {"title": 300}


def _clean_value(raw: str) -> str:
    v = _SPACE.sub(" ", raw or "").strip(" ：:;；|｜,，")
    return v.strip()


def _make_field(name: str, label: str, raw: str, hidden: str, where: str, snippet: str) -> MetaField:
    value = _clean_value(raw)
    if is_placeholder(value):
        keep = name == "doc_number" and _SPACE.sub("", value) == "无"
        value = value if keep else ""
    if hidden == "HTML注释":
        where = "comment"
    return MetaField(field=name, label=clean_label(label), raw=_clean_value(raw), value=value,
                     hidden=bool(hidden), where=where, how_hidden=hidden,
                     snippet=_SPACE.sub(" ", snippet).strip()[:200])


def _next_element(el: etree._Element | None) -> etree._Element | None:
    if el is None:
        return None
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    return nxt


def _is_within(el: etree._Element | None, anc: etree._Element | None) -> bool:
    while el is not None:
        if el is anc:
            return True
        el = el.getparent()
    return False


def _fields_from_cells(cells: list[_Cell], where: str) -> Iterator[MetaField]:
    for i, cell in enumerate(cells):
        text = cell.text
        cleaned = clean_label(text)
        matches = list(LABEL_COLON_RE.finditer(text))
        if cell.in_body:
            # In the body only a line that starts with a label counts
            # ("有效期：…" in prose is not a metadata field).
            matches = [m for m in matches if not _SPACE.sub("", text[:m.start()])][:1]
            if len(text) > 150:
                matches = []
        # A label cell without a colon ("名称" in a th) pairs with its sibling.
        if not matches and field_for_label(cleaned) and len(cleaned) <= 8:
            value_cell = _sibling_value(cells, i)
            if value_cell is not None:
                name = field_for_label(cleaned)
                yield _make_field(name, text, value_cell.text,
                                  cell.hidden_in(0, len(text)) or value_cell.hidden_in(0, len(value_cell.text)),
                                  where, text + " " + value_cell.text)
            continue
        for k, m in enumerate(matches):
            name = field_for_label(m["label"])
            if name is None:
                continue
            end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
            raw = text[m.end():end]
            if name != "title" and (cut := _NEXT_LABELISH.search(raw)):
                raw = raw[:cut.start()]
            label_hidden = cell.hidden_in(m.start(), m.end())
            if not _SPACE.sub("", raw) and k + 1 == len(matches):
                # Label at the end of its cell: the value sits in the sibling cell.
                value_cell = _sibling_value(cells, i)
                if value_cell is not None:
                    vt = value_cell.text
                    yield _make_field(name, m["label"], vt,
                                      label_hidden or value_cell.hidden_in(0, len(vt)),
                                      where, text + " " + vt)
                    continue
            if len(_clean_value(raw)) > _MAX_LEN.get(name, 100):
                continue                      # prose, not a field value
            value_hidden = cell.hidden_in(m.end(), m.end() + len(raw)) if _SPACE.sub("", raw) else ""
            yield _make_field(name, m["label"], raw, label_hidden or value_hidden, where,
                              text[max(0, m.start() - 20):m.end() + len(raw) + 20])


def _sibling_value(cells: list[_Cell], i: int) -> _Cell | None:
    if i + 1 >= len(cells):
        return None
    cell, nxt = cells[i], cells[i + 1]
    if cell.owner is None or nxt.owner is None:
        return None
    sib = _next_element(cell.owner)
    # <td>label</td><td>value</td>, <dt>…<dd>, <div>label</div><div>value</div>
    if sib is None or not (nxt.owner is sib or _is_within(nxt.owner, sib)):
        return None
    if LABEL_COLON_RE.match(nxt.text.strip()) or field_for_label(clean_label(nxt.text)):
        return None
    return nxt


# ------------------------------------------------------------------ page parts

def _find_body(doc: etree._Element) -> etree._Element | None:
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        ident = f"{el.get('id') or ''} {el.get('class') or ''}"
        if ident.strip() and _BODY_HINTS.search(ident):
            return el
    return None


def _meta(doc: etree._Element, name: str) -> str:
    for m in doc.iter("meta"):
        if (m.get("name") or "").lower() == name.lower():
            return (m.get("content") or "").strip()
    return ""


def _visible_text(el: etree._Element, walker: _Walker) -> tuple[str, str]:
    w = _Walker(walker.css_classes, walker.css_ids, None)
    w.walk(el, "")
    w.flush()
    text = " ".join(c.text for c in w.cells)
    hidden = w.cells[0].hidden_in(0, len(w.cells[0].text)) if w.cells else ""
    return _SPACE.sub(" ", text).strip(), hidden


def _ancestor_hidden(el: etree._Element, walker: _Walker) -> str:
    while el is not None:
        if isinstance(el.tag, str) and (why := walker.hidden_reason(el)):
            return why
        el = el.getparent()
    return ""


_STRONG_TITLE = re.compile(
    r"(article|wenzhang|detail|news|doc|content|xl|con|info|main|text|page|art|zw)[-_]?(title|tit|bt)|"
    r"(title|tit|bt)[-_]?(article|detail|main|con|text|doc|info)", re.I)
_NOT_TITLE = re.compile(r"sub-?title|site-?title|nav|menu|logo|list|column|lanmu|footer|header", re.I)


def _heading(doc: etree._Element, walker: _Walker, body: etree._Element | None) -> tuple[str, str]:
    """(visible document title, how it was hidden if only a hidden one exists)."""
    ranked: list[tuple[int, int, etree._Element]] = []
    for n, el in enumerate(doc.iter()):
        if not isinstance(el.tag, str) or el.tag.lower() in _SKIP_TAGS:
            continue
        tag = el.tag.lower()
        ident = f"{el.get('id') or ''} {el.get('class') or ''}".strip()
        if ident and _NOT_TITLE.search(ident):
            continue
        if ident and _STRONG_TITLE.search(ident):
            ranked.append((0, n, el))
        elif tag == "h1":
            ranked.append((1, n, el))
        elif tag in ("h2", "h3") or (tag in ("div", "p", "td", "span") and ident and _TITLE_HINTS.search(ident)):
            ranked.append((2, n, el))
    hidden_one = ("", "")
    for _, _, el in sorted(ranked, key=lambda x: (x[0], x[1])):
        if body is not None and _is_within(el, body) and el is not body:
            continue
        text, _ = _visible_text(el, walker)
        if not (5 <= len(text) <= 200) or LABEL_COLON_RE.match(text) or "。" in text:
            continue
        why = _ancestor_hidden(el, walker)
        if not why:
            return text, ""
        hidden_one = hidden_one if hidden_one[0] else (text, why)
    return hidden_one


def _breadcrumb(doc: etree._Element, cells: list[_Cell], walker: _Walker) -> str:
    """The 当前位置 trail: an element named like a breadcrumb, or the block
    whose text starts with 当前位置/您的位置."""
    out: list[str] = []
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag.lower() in _SKIP_TAGS:
            continue
        ident = f"{el.get('id') or ''} {el.get('class') or ''}".strip()
        if ident and _CRUMB_HINTS.search(ident):
            text, _ = _visible_text(el, walker)
            if 0 < len(text) < 200 and re.search(r"首页|位置|>|»|→|＞", text):
                out.append(text)
                break
    if not out:
        for c in cells:
            t = _SPACE.sub(" ", c.text).strip()
            if re.match(r"^(当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]", t):
                owner = c.owner.getparent() if c.owner is not None and len(t) < 12 else c.owner
                text = _visible_text(owner, walker)[0] if owner is not None else t
                out.append(text if len(text) < 200 else t)
                break
    return " ".join(out)[:300]


_NG_RENDERED = re.compile(r"class=\"[^\"]*\bng-(?:scope|binding)\b")
_SPA_MARK = re.compile(r"\bng-(?:app|controller|bind|repeat|show|hide|if)\b|\bv-(?:if|for|show|bind)\b|\{\{[^{}]+\}\}")


def extract_metadata(html: str, url: str = "", rendered: bool = False) -> DocMetadata:
    """Read the metadata of a document page.  Never raises on bad markup."""
    if not html or not html.strip():
        return DocMetadata(parse_error="页面内容为空")
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        return DocMetadata(parse_error=f"无法解析HTML：{exc}")

    css_classes, css_ids = _css_hidden_selectors(doc)
    body_el = _find_body(doc)
    walker = _Walker(css_classes, css_ids, body_el)
    walker.walk(doc, "")
    walker.flush()
    cells = walker.cells

    fields: list[MetaField] = list(_fields_from_cells(cells, "block"))

    # Fields inside HTML comments: present in the markup, invisible.
    for ctext in walker.comments:
        if not LABEL_COLON_RE.search(ctext) and not any(field_for_label(x) for x in re.findall(r">([^<]{2,12})<", ctext)):
            continue
        try:
            frag = lxml.html.fragment_fromstring(ctext, create_parent="div")
        except (etree.ParserError, ValueError):
            continue
        cw = _Walker(css_classes, css_ids, None, base_reason="HTML注释")
        cw.walk(frag, "")
        cw.flush()
        fields.extend(_fields_from_cells(cw.cells, "comment"))

    fields.extend(_validity_badges(doc, walker, body_el))

    heading, heading_hidden = _heading(doc, walker, body_el)
    if is_placeholder(heading):           # an unrendered {{doc.title}}
        heading, heading_hidden = "", ""
    page_title = ""
    if (t := doc.find(".//title")) is not None:
        page_title = _SPACE.sub(" ", t.text_content()).strip()
    body_lines = tuple(_SPACE.sub(" ", c.text).strip() for c in cells if c.in_body)

    have = {f.field for f in fields if f.present}
    # Fallbacks where real documents carry what the block lacks.  A field the
    # block shows with an empty value (or hides) is the block's defect: the
    # fallback does not paper over it.
    have |= {f.field for f in fields if f.where == "block" and f.label and f.field != "title"}
    if "title" not in have:
        # The browser tab (<title>) is not the page: only a visible heading counts.
        if heading and not heading_hidden:
            fields.append(_make_field("title", "", heading, "", "title", heading))
    if "doc_number" not in have:
        fields.extend(_doc_number_fallback(heading or page_title, body_lines))
    if "written_date" not in have:
        fields.extend(_closing_date(body_lines))

    spa = bool(_SPA_MARK.search(html))
    ran = rendered or bool(_NG_RENDERED.search(html))
    block = [f for f in fields if f.where == "block" and f.label]
    block_found = len({f.field for f in block}) >= 2
    block_hidden = block_found and all(f.hidden for f in block)
    placeholders = any("{{" in f.raw for f in fields)
    needs_browser = spa and not ran and (block_hidden or placeholders or not block_found)
    return DocMetadata(
        fields=tuple(fields), block_found=block_found, block_hidden=block_hidden, spa=spa,
        needs_browser=needs_browser, heading=heading or page_title,
        column_name=_meta(doc, "ColumnName"), breadcrumb=_breadcrumb(doc, cells, walker),
        body_lines=tuple(x for x in body_lines if x),
        lines=tuple(t for c in cells if (t := _SPACE.sub(" ", c.text).strip())
                    and not c.hidden_in(0, len(c.text))),
    )


def _validity_badges(doc: etree._Element, walker: _Walker, body: etree._Element | None) -> Iterator[MetaField]:
    """TRS shows 有效性 as a badge: <em class="red_base">有效</em>."""
    for el in doc.iter("em", "span", "i", "b", "strong", "label", "font"):
        text = _SPACE.sub("", el.text_content() or "")
        if text not in VALIDITY_CANONICAL or len(el):
            continue
        if body is not None and _is_within(el, body):
            continue
        ident = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not re.search(r"red|badge|yxx|valid|status|state|effect|sx|tag|label", ident, re.I):
            continue
        why = _ancestor_hidden(el, walker)
        yield _make_field("validity", "有效性标识", text, why, "block", text)


def _doc_number_fallback(heading: str, body_lines: tuple[str, ...]) -> list[MetaField]:
    out: list[MetaField] = []
    for m in _DOCNO_RE.finditer(heading or ""):
        before = heading[:m.start()]
        # Only the parenthesised 文号 of the document itself: …（示府〔2023〕12号）
        if before.rstrip().endswith(("（", "(")) or re.search(r"[（(][^（）()]*$", before):
            out.append(_make_field("doc_number", "", m.group(0), "", "title", heading))
            return out
    for line in body_lines[:8]:
        s = _SPACE.sub("", line)
        if 4 <= len(s) <= 40:
            nums = list(_DOCNO_RE.finditer(s))
            if len(nums) == 1 and len(s) - len(nums[0].group(0)) <= 4:
                out.append(_make_field("doc_number", "", nums[0].group(0), "", "body", line))
                return out
    return out


_SIGNATORY = re.compile(
    r"^[\u4e00-\u9fff（）()、]{2,40}(?:政府|办公室|办公厅|局|委员会|委|厅|部|院|中心|署|会|处|所|站|室)$")


def _closing_date(body_lines: tuple[str, ...]) -> list[MetaField]:
    """The 落款 date: among the last lines of the body, a line that is only a
    date (or a signatory followed by the date)."""
    tail = [x for x in body_lines if x][-4:]
    for line in reversed(tail):
        s = _SPACE.sub("", line)
        ds = find_dates(s)
        if not ds:
            continue
        rest = (s[:ds[-1].start] + s[ds[-1].end:]).strip("。.，,")
        if not rest or _SIGNATORY.match(rest):
            return [_make_field("written_date", "", ds[-1].raw, "", "body", line)]
    return []
