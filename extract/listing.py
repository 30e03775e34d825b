"""Rows of a column list page: title, link, date; pagination; column name.

Three sources of rows, as real portals ship them:

* static markup: ``<li><a>标题</a><span>2024-01-05</span></li>`` (TRS, gov.cn),
  table rows ``<tr><td><a>…</a></td>…<td>2024-01-05</td></tr>``, div rows;
* Hanweb (大汉 jcms) pages that were not rendered: the rows travel inside
  ``<script type="text/xml"><datastore><recordset><record><![CDATA[…]]>``
  and JavaScript pages them, so each record is one row;
* nothing, because a script fills the list from an API (gkmlpt, SPAs):
  ``Listing.script_filled`` says the static HTML cannot tell.

A page shows several lists (sidebars, "热点" boxes); the *main* list is the
group of sibling rows with the most dated rows, so a busy sidebar does not
make a stale column look fresh unless it is the larger list.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from extract.dates import find_dates


@dataclass(frozen=True)
class ListRow:
    title: str
    href: str                    # absolute URL ("" when the row has no link)
    date: _dt.date | None
    date_text: str = ""          # the date as written
    source: str = "static"       # "static" | "datastore"


@dataclass(frozen=True)
class Pagination:
    total_items: int | None = None
    total_pages: int | None = None
    current_page: int | None = None      # 1-based
    page_urls: tuple[str, ...] = ()      # other pages linked from this one
    source: str = ""                     # where the numbers came from


@dataclass(frozen=True)
class Listing:
    column_name: str                     # best guess, "" when none
    column_name_source: str              # "meta ColumnName", "breadcrumb", "title" ...
    names: tuple[str, ...]               # every candidate name, most trusted first
    rows: tuple[ListRow, ...]
    pagination: Pagination = field(default_factory=Pagination)
    datastore: bool = False              # a Hanweb datastore was found
    empty_marker: str = ""               # "暂无信息" and the like, verbatim
    script_filled: str = ""              # why rows may come from a script ("" if not)
    content_chars: int = 0               # CJK characters of body text outside chrome and the heading
    column_links: int = 0                # links in the main area to other columns (a hub page)

    @property
    def dated_rows(self) -> tuple[ListRow, ...]:
        return tuple(r for r in self.rows if r.date is not None)

    @property
    def newest(self) -> ListRow | None:
        dated = self.dated_rows
        return max(dated, key=lambda r: r.date) if dated else None   # type: ignore[arg-type, return-value]


# --------------------------------------------------------------------------
# URLs: first page vs later pages

_LATER_PAGE_PATH = re.compile(r"/(?:index|list|default|more)_(\d+)\.(?:s?html?|jsp|aspx?|php)$", re.I)
_PAGE_PARAMS = {"page", "pageno", "page_no", "pagenum", "pageindex", "curpage", "currentpage",
                "pn", "p", "cp"}
_INDEX_FILES = re.compile(r"/(?:index|default)\.(?:s?html?|jsp|aspx?|php)$", re.I)


def page_number(url: str) -> int | None:
    """The page number a list URL asks for (1-based), None when it names none.

    TRS counts from 0: ``index.html`` is page 1 and ``index_1.html`` page 2."""
    parts = urlsplit(url)
    m = _LATER_PAGE_PATH.search(parts.path)
    if m:
        return int(m.group(1)) + 1
    for k, v in parse_qsl(parts.query):
        if k.lower() in _PAGE_PARAMS and v.isdigit():
            return max(int(v), 1)
    return None


def is_later_page(url: str) -> bool:
    n = page_number(url)
    return n is not None and n > 1


def canonical_column_url(url: str) -> str:
    """One URL per column: later-page forms and index files folded away."""
    parts = urlsplit(url)
    path = _LATER_PAGE_PATH.sub("/", parts.path)
    path = _INDEX_FILES.sub("/", path)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() not in _PAGE_PARAMS])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path or "/", query, ""))


# --------------------------------------------------------------------------
# HTML helpers

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2002\u2003\u2009\u3000]+")
_SKIP_TAGS = {"script", "style", "noscript", "template", "select", "option", "textarea"}
# Regions that are never the column's list.
_CHROME = re.compile(r"^(?:nav|menu|header|head|top|footer|foot|bottom|copyright|crumb|breadcrumb|"
                     r"position|location|dqwz|dangqianweizhi|yqlj|friend|link|share)s?\d*$", re.I)
_LISTISH = re.compile(r"(list|lb|news|xxgk|article|item|con|content|main|data)", re.I)
_ROW_TAGS = {"li", "tr", "dd", "dt", "dl", "div", "p", "h2", "h3", "h4", "h5", "span"}
_MIN_TITLE = 4            # shorter anchor texts are navigation (首页, 更多>>)
_NAV_TEXTS = re.compile(r"^(?:首页|上一页|下一页|尾页|末页|更多|more|返回|>>|<<|\d+$)", re.I)

_EMPTY_MARKERS = re.compile(r"(暂无(?:相关)?(?:信息|数据|内容|记录|文章|公开信息)|本栏目(?:暂无|没有)\S{0,6}|"
                            r"没有(?:相关|找到)?(?:信息|数据|内容|记录)|无相关(?:信息|数据|内容|记录))")


def _clean(s: str) -> str:
    return _SPACES.sub(" ", s or "").strip()


def _parse(html: str) -> lxml.html.HtmlElement | None:
    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _tokens(el: etree._Element) -> list[str]:
    return re.split(r"[\s_\-]+", f"{el.get('class', '')} {el.get('id', '')}".strip()) if (
        el.get("class") or el.get("id")) else []


def _in_chrome(el: etree._Element) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("header", "nav", "footer"):
            return True
        if any(_CHROME.match(t) for t in _tokens(anc) if t):
            return True
    return False


def _skipped(el: etree._Element) -> bool:
    return any(isinstance(a.tag, str) and a.tag in _SKIP_TAGS for a in el.iterancestors())


def _text(el: etree._Element) -> str:
    parts: list[str] = []
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag in _SKIP_TAGS:
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return _clean(" ".join(parts))


# --------------------------------------------------------------------------
# Rows


@dataclass
class _Row:
    el: etree._Element
    row: ListRow


def _anchor_title(a: etree._Element) -> str:
    return _clean(a.get("title") or "") or _clean(a.text_content())


def _row_links(el: etree._Element) -> list[etree._Element]:
    out = []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        title = _anchor_title(a)
        # javascript: links with an onclick still open an entry (详情弹窗)
        if (not href and not a.get("onclick")) or href.startswith(("#", "mailto:")):
            continue
        if len(title) < _MIN_TITLE or _NAV_TEXTS.match(title):
            continue
        out.append(a)
    return out


def _row_date(row_el: etree._Element, a: etree._Element | None) -> tuple[_dt.date | None, str]:
    text = _text(row_el)
    if a is not None:
        # Dates inside the title ("2023年工作报告") are not the row's date.
        for t in {_clean(a.text_content()), _clean(a.get("title") or "")}:
            if t:
                text = text.replace(t, " ")
    found = find_dates(text)
    if not found:
        return None, ""
    last = found[-1]          # lists put the date after the title
    return last.value, last.raw


def _row_for(a: etree._Element, stop: etree._Element) -> etree._Element:
    """The element holding one row: the outermost row-like ancestor that
    still holds only this one title link; else the link itself."""
    row = a
    for anc in a.iterancestors():
        if anc is stop or anc.tag in ("body", "html"):
            break
        if anc.tag == "td":
            continue
        if anc.tag not in _ROW_TAGS or len(_row_links(anc)) != 1:
            break
        row = anc           # climb: <li><h4><a/><span/></h4></li> is one row, the <li>
    return row


def _static_rows(root: etree._Element, base: str, *, skip_chrome: bool = True) -> list[_Row]:
    rows: list[_Row] = []
    seen: set[etree._Element] = set()    # holding the proxies keeps identity stable
    for a in _row_links(root):
        if _skipped(a) or (skip_chrome and _in_chrome(a)):
            continue
        row_el = _row_for(a, root)
        if row_el in seen:
            continue
        seen.add(row_el)
        if row_el is a:
            # bare <a> followed by a date sibling: <a>…</a><span>2024-01-05</span>
            sib = a.getnext()
            text_after = (a.tail or "") + (sib.text_content() if sib is not None and sib.tag not in ("a",) else "")
            found = find_dates(text_after)
            date, raw = (found[0].value, found[0].raw) if found else (None, "")
        else:
            date, raw = _row_date(row_el, a)
        href = (a.get("href") or "").strip()
        href = urljoin(base, href) if href and not href.startswith("javascript:") else ""
        rows.append(_Row(row_el, ListRow(title=_anchor_title(a), href=href, date=date, date_text=raw)))
    return rows


def _group_key(r: _Row) -> tuple:
    """Rows of one list share a parent; lists cut into several <ul> of five
    rows share the grandparent and the parent's tag and class."""
    parent = r.el.getparent()
    if parent is None:
        return (r.el,)
    grand = parent.getparent()
    return (r.el.tag, grand if grand is not None else parent, parent.tag, parent.get("class", ""))


def _main_list(rows: list[_Row]) -> list[_Row]:
    if not rows:
        return []
    groups: dict[tuple, list[_Row]] = {}
    for r in rows:
        groups.setdefault(_group_key(r), []).append(r)

    def score(g: list[_Row]) -> tuple[int, int, int]:
        dated = sum(1 for r in g if r.row.date is not None)
        parent = g[0].el.getparent()
        listish = int(parent is not None and any(_LISTISH.search(t) for t in _tokens(parent)))
        return (dated, listish, len(g))

    best = max(groups.values(), key=score)
    if score(best)[0] == 0 and len(best) < 2 and not score(best)[1]:
        return []       # one undated stray link is not a list
    return best


# --------------------------------------------------------------------------
# Hanweb datastore

_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_TOTAL_RECORD = re.compile(r"(?:totalrecord|totalRecord|total_record)\s*[>:=]\s*['\"]?(\d+)", re.I)
_PER_PAGE = re.compile(r"(?:perpage|perPage|pagesize|pageSize)\s*[>:=]\s*['\"]?(\d+)", re.I)


def _datastores(root: etree._Element) -> list[str]:
    out = []
    for s in root.iter("script"):
        body = s.text or ""
        if "<datastore" in body.lower() or (s.get("type", "").lower() == "text/xml" and "<record" in body.lower()):
            out.append(body)
    return out


def _datastore_rows(stores: list[str], base: str) -> list[ListRow]:
    rows: list[ListRow] = []
    for store in stores:
        for cdata in _RECORD.findall(store):
            try:
                frag = lxml.html.fragment_fromstring(cdata, create_parent="div")
            except (etree.ParserError, ValueError):
                continue
            links = _row_links(frag)
            a = links[0] if links else None
            date, raw = _row_date(frag, a)
            title = _anchor_title(a) if a is not None else _text(frag)
            href = urljoin(base, (a.get("href") or "").strip()) if a is not None else ""
            rows.append(ListRow(title=title, href=href, date=date, date_text=raw, source="datastore"))
    return rows


# --------------------------------------------------------------------------
# Pagination

_TRS_CREATE = re.compile(r"createPage(?:HTML)?\s*\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)", re.I)
_JS_VAR = {
    "pages": re.compile(r"\b(?:countPage|pageCount|totalPage|totalPages|page_count)\s*[:=]\s*['\"]?(\d+)", re.I),
    "items": re.compile(r"\b(?:countnum|recordCount|totalCount|totalRecord|total_count|totalNum)\s*[:=]\s*['\"]?(\d+)", re.I),
    "current": re.compile(r"\b(?:currentPage|curPage|pageIndex)\s*[:=]\s*['\"]?(\d+)", re.I),
}
_TEXT_PAGES = re.compile(r"共\s*(\d+)\s*页")
_TEXT_ITEMS = re.compile(r"共(?:有)?\s*(\d+)\s*条")


def _pagination(root: etree._Element, html: str, base: str, stores: list[str]) -> Pagination:
    items = pages = current = None
    source = ""
    scripts = " ".join(s.text or "" for s in root.iter("script") if not s.get("src"))
    m = _TRS_CREATE.search(scripts)
    if m:
        pages, current, source = int(m.group(1)), int(m.group(2)) + 1, "createPageHTML"
    else:
        mp, mi, mc = (_JS_VAR[k].search(scripts) for k in ("pages", "items", "current"))
        if mp or mi:
            pages = int(mp.group(1)) if mp else None
            items = int(mi.group(1)) if mi else None
            # TRS templates count currentPage from 0
            current = int(mc.group(1)) + 1 if mc else None
            source = "script"
    for store in stores:
        mt = _TOTAL_RECORD.search(store + " " + scripts)
        if mt and items is None:
            items, source = int(mt.group(1)), source or "datastore"
            mpp = _PER_PAGE.search(scripts)
            if mpp and int(mpp.group(1)) > 0 and pages is None:
                pages = -(-items // int(mpp.group(1)))
    body = root.find("body")
    text = _text(body) if body is not None else ""
    if pages is None and (mt := _TEXT_PAGES.search(text)):
        pages, source = int(mt.group(1)), source or "text"
    if items is None and (mt := _TEXT_ITEMS.search(text)):
        items, source = int(mt.group(1)), source or "text"
    urls: list[str] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")):
            continue
        absolute = urljoin(base, href)
        n = page_number(absolute)
        if n is not None and n > 1 and absolute not in urls:
            urls.append(absolute)
    return Pagination(total_items=items, total_pages=pages, current_page=current,
                      page_urls=tuple(urls), source=source)


# --------------------------------------------------------------------------
# Column name

_BREADCRUMB = re.compile(r"(crumb|position|location|dqwz|dangqianweizhi|curr|weizhi|path|nav_?pos)", re.I)
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|->|→|»|›|/|＞|＞＞|\\)\s*")


def _breadcrumb(root: etree._Element) -> str:
    candidates: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        if any(_BREADCRUMB.search(t) for t in _tokens(el) if t):
            # a crumb link styled "CurrChnl": the trail is its parent
            candidates.append(el.getparent() if el.tag == "a" and el.getparent() is not None else el)
        elif el.text and "当前位置" in el.text:
            candidates.append(el.getparent() if el.getparent() is not None else el)
    for el in candidates:
        links = [_clean(a.text_content()) for a in el.iter("a") if _clean(a.text_content())]
        text = _text(el)
        text = re.sub(r"^.*?当前位置\s*[:：]?", "", text)
        parts = [p for p in _CRUMB_SEP.split(text) if p]
        if len(parts) >= 2 or len(links) >= 2:
            last = parts[-1] if parts else links[-1]
            if 1 < len(last) <= 30 and last not in ("首页", "正文", "详情"):
                return last
    return ""


def _meta(root: etree._Element, name: str) -> str:
    for m in root.iter("meta"):
        if (m.get("name") or "").lower() == name.lower():
            return _clean(m.get("content") or "")
    return ""


def _column_names(root: etree._Element) -> list[tuple[str, str]]:
    # The breadcrumb is what a reader sees; some templates put the section's
    # name (邯郸市政府信息公开) into every page's ColumnName meta.
    names: list[tuple[str, str]] = []
    if v := _breadcrumb(root):
        names.append((v, "breadcrumb"))
    if v := _meta(root, "ColumnName"):
        names.append((v, "meta ColumnName"))
    if v := _meta(root, "ColumnType"):
        names.extend((p, "meta ColumnType") for p in re.split(r"[，,、;；\s]+", v) if p and not p.isdigit())
    title = root.find(".//title")
    if title is not None and (t := _clean(title.text_content())):
        site = _meta(root, "SiteName")
        parts = [p for p in re.split(r"\s*[-_|—–]+\s*", t) if p and p != site]
        names.extend((p, "title") for p in parts)
    seen: set[str] = set()
    return [(n, s) for n, s in names if not (n in seen or seen.add(n))]


# --------------------------------------------------------------------------
# Single-page columns (指南, 机构职能) and hub pages (政府信息公开 home) have
# no dated list, yet are not blank: measure their own content.

_CJK = re.compile(r"[\u4e00-\u9fff]")
_COLUMN_HREF = re.compile(r"(?:/|/(?:index|default)\.(?:s?html?|jsp|aspx?|php)|/col/col\d+/?.*)$", re.I)


def _in_main(el: etree._Element) -> bool:
    """The nearest classed ancestor decides: a list/content class (xxgk-nav
    inside the main area) beats a chrome class (the site's top nav)."""
    for anc in el.iterancestors():
        if anc.tag in ("header", "nav", "footer"):
            return False
        tokens = [t for t in _tokens(anc) if t]
        if any(_LISTISH.search(t) for t in tokens):
            return True
        if any(_CHROME.match(t) for t in tokens):
            return False
    return False


def _main_content(root: etree._Element, base: str) -> tuple[int, int]:
    body = root.find("body")
    if body is None:
        return 0, 0
    chars = 0
    columns: set[str] = set()
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or el.tag in ("h1", "title"):
            continue
        if el.tag == "a" and (href := el.get("href")) and _in_main(el):
            target = urljoin(base, href.strip())
            if target.split("#")[0] != base and _COLUMN_HREF.search(target.split("?")[0]):
                columns.add(target.split("#")[0])
        if el.tag in ("header", "nav", "footer") or _skipped(el) or _in_chrome(el) or any(
                _CHROME.match(t) for t in _tokens(el) if t):
            continue
        if el.text:
            chars += len(_CJK.findall(el.text))
        for child in el:
            if child.tail and not (isinstance(child.tag, str) and child.tag in _SKIP_TAGS):
                chars += len(_CJK.findall(child.tail))
    return chars, len(columns)


_SCRIPT_FILL = (
    (re.compile(r"gkmlpt", re.I), "广东集约化平台 gkmlpt 栏目，列表由脚本从接口加载"),
    (re.compile(r"\{\{[^}]+\}\}"), "页面含 {{…}} 模板占位符，内容由前端框架渲染"),
    (re.compile(r"\b(?:v-for|ng-repeat)\s*=", re.I), "列表由前端框架（v-for/ng-repeat）渲染"),
    (re.compile(r"\$\.(?:ajax|getJSON|post|get)\s*\(|\bfetch\s*\(|XMLHttpRequest|axios\.", re.I),
     "列表可能由脚本通过接口加载"),
)


def parse_listing(html: str, url: str = "") -> Listing:
    """Read a column list page.  ``url`` resolves relative links."""
    root = _parse(html)
    if root is None:
        return Listing("", "", (), ())
    base_el = root.find(".//base[@href]")
    base = urljoin(url, base_el.get("href")) if base_el is not None else url

    stores = _datastores(root)
    if stores:
        rows = _datastore_rows(stores, base)
    else:
        static = _main_list(_static_rows(root, base))
        if not static:   # some templates wrap the whole page in "main"/"content" chrome-looking classes
            static = _main_list(_static_rows(root, base, skip_chrome=False))
            static = [r for r in static if r.row.date is not None]
        rows = [r.row for r in static]

    body = root.find("body")
    body_text = _text(body) if body is not None else ""
    marker = _EMPTY_MARKERS.search(body_text)
    script_filled = ""
    if not rows and not stores:
        raw_scripts = html if len(html) < 2_000_000 else html[:2_000_000]
        for pattern, why in _SCRIPT_FILL:
            if pattern.search(raw_scripts):
                script_filled = why
                break

    names = _column_names(root)
    content_chars, column_links = _main_content(root, base)
    return Listing(
        column_name=names[0][0] if names else "",
        column_name_source=names[0][1] if names else "",
        names=tuple(n for n, _ in names),
        rows=tuple(rows),
        pagination=_pagination(root, html, base, stores),
        datastore=bool(stores),
        empty_marker=marker.group(0) if marker else "",
        script_filled=script_filled,
        content_chars=content_chars,
        column_links=column_links,
    )
