"""Link extraction: every reference a page makes, as absolute URLs.

Pure: ``extract_links(html, base_url, is_internal)`` needs no network, so the
crawler and the checks (broken links, 解读 cross-links) read pages the same
way.  ``pagination_urls`` recovers list pages that TRS writes with
``document.write`` (``createPageHTML(...)`` / ``var countPage=56``), which
have no anchors in the static HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
from w3lib.url import safe_url_string

from zwgk_audit.model import LinkKind

ATTACHMENT_EXTS = frozenset({
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "ofd", "rtf",
    "csv", "odt", "ods", "zip", "rar", "7z", "gz", "txt", "ceb", "caj",
})
IMAGE_EXTS = frozenset({"jpg", "jpeg", "png", "gif", "bmp", "webp", "svg", "ico", "tif", "tiff"})
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "sms:", "#")
_WINDOW_OPEN = re.compile(r"""(?:window\.open|location(?:\.href)?\s*=)\s*\(?\s*['"]([^'"]+)['"]""")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)
_WS = re.compile(r"\s+")
_PAGE_WORDS = ("下一页", "上一页", "下页", "上页", "首页", "尾页", "末页", "next", "prev", "»", "«", ">>", "<<")
_PAGE_PARAMS = frozenset({"page", "pageno", "pagenum", "pageindex", "curpage", "currentpage", "p", "pn", "pagenumber", "start", "startrecord"})
_TRS_PAGE_FILE = re.compile(r"/(index|default|list)(?:_\d+)?\.(s?html?|jsp)$", re.IGNORECASE)
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_COUNT_PAGE = re.compile(r"\bcountPage\s*=\s*(\d+)")


@dataclass(frozen=True)
class ExtractedLink:
    target: str          # absolute, fragment removed, percent-encoded
    text: str            # anchor text, else img alt / title
    kind: LinkKind
    tag: str             # a, area, img, script, link, iframe, frame, embed, meta ...
    pagination: bool = False   # a list-paging link (下一页, index_2.html, ?page=3)


def url_extension(url: str) -> str:
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def kind_for(url: str, tag: str, rel: str = "", internal: bool = True) -> LinkKind:
    """The kind of a reference, from its tag and the target's extension."""
    ext = url_extension(url)
    if tag in ("img", "input") or (tag == "link" and "icon" in rel):
        return LinkKind.IMAGE
    if tag == "script":
        return LinkKind.SCRIPT
    if tag == "link" and "stylesheet" in rel:
        return LinkKind.STYLESHEET
    if ext in IMAGE_EXTS:
        return LinkKind.IMAGE
    if ext in ATTACHMENT_EXTS or tag in ("embed", "object"):
        return LinkKind.ATTACHMENT
    if ext == "css":
        return LinkKind.STYLESHEET
    if ext == "js":
        return LinkKind.SCRIPT
    return LinkKind.PAGE if internal else LinkKind.EXTERNAL


# Resolved references across pages: menus, headers and footers repeat the
# same hrefs on every page of a site.  Keyed by the part of the base URL
# that the result depends on (see ``_base_key``), so a root-relative link
# resolves once per site and a relative one once per directory.
_RESOLVED: dict[tuple[str, str], str | None] = {}
_RESOLVED_MAX = 65536
_ABS_PREFIXES = ("http://", "https://")


def _base_key(href: str, base_url: str) -> str:
    """The prefix of ``base_url`` that decides ``urljoin(base_url, href)``:
    equal keys give equal results (the whole base when unsure)."""
    c = href[0]
    if c == "/":
        scheme_end = base_url.find("://")
        if href[1:2] == "/":             # //host/path: the base's scheme only
            if href[2:3] in ("", "/", "?", "#") or scheme_end <= 0:
                return base_url
            return base_url[:scheme_end]
        if scheme_end <= 0:
            return base_url
        # /path: the base's scheme and authority
        cut = len(base_url)
        for d in "/?#":
            i = base_url.find(d, scheme_end + 3)
            if 0 <= i < cut:
                cut = i
        return base_url[:cut]
    if href.startswith(_ABS_PREFIXES) and href[href.index("//") + 2: href.index("//") + 3] not in ("", "/", "?", "#"):
        # scheme://host…: whether the base has the same scheme
        i = base_url.find(":")
        return base_url[:i] if i > 0 else base_url
    if c in "?#;" or ":" in href:
        return base_url
    # a relative path: the base's directory (its last segment, query and
    # fragment are dropped by urljoin)
    scheme_end = base_url.find("://")
    if scheme_end <= 0:
        return base_url
    end = len(base_url)
    for d in "?#":
        i = base_url.find(d, scheme_end + 3)
        if 0 <= i < end:
            end = i
    slash = base_url.rfind("/", scheme_end + 3, end)
    return base_url[:slash + 1] if slash >= 0 else base_url[:end]


def absolute(href: str, base_url: str) -> str | None:
    """Resolve ``href`` against ``base_url``; None for non-fetchable refs."""
    # Browsers drop tabs/newlines inside URLs (WHATWG) and treat \ as /.
    href = (href or "").strip()
    if "\t" in href or "\r" in href or "\n" in href:
        href = re.sub(r"[\t\r\n]", "", href)
    href = href.replace("\\", "/")
    if not href or href.lower().startswith(_SKIP_SCHEMES):
        return None
    key = (_base_key(href, base_url), href)
    try:
        return _RESOLVED[key]
    except KeyError:
        pass
    url = _resolve(href, base_url)
    if len(_RESOLVED) >= _RESOLVED_MAX:
        _RESOLVED.clear()
    _RESOLVED[key] = url
    return url


def _resolve(href: str, base_url: str) -> str | None:
    try:
        url = urldefrag(urljoin(base_url, href))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        return safe_url_string(url)
    except ValueError:      # bad port, bad IPv6 literal ...
        return None


def _text(el: lxml.html.HtmlElement) -> str:
    text = _WS.sub(" ", el.text_content() or "").strip()
    if not text:
        for img in el.iter("img"):
            text = (img.get("alt") or "").strip()
            if text:
                break
    return text or (el.get("title") or "").strip()


def is_pagination(source: str, target: str, text: str) -> bool:
    """A link that pages through the same list (not a new column)."""
    t = text.strip().lower()
    s, g = urlsplit(source), urlsplit(target)
    if (s.scheme, s.netloc) != (g.scheme, g.netloc):
        return False
    s_dir, g_dir = s.path.rsplit("/", 1)[0], g.path.rsplit("/", 1)[0]
    same_list = False
    if s_dir == g_dir and _TRS_PAGE_FILE.search(g.path) and (_TRS_PAGE_FILE.search(s.path) or s.path.endswith("/")):
        same_list = True
    elif s.path == g.path and g.query:
        changed = set(parse_qsl(g.query)) ^ set(parse_qsl(s.query))
        same_list = bool(changed) and all(k.lower() in _PAGE_PARAMS for k, _ in changed)
    if not same_list:
        return False
    return t.isdigit() or any(w in t for w in _PAGE_WORDS) or t == "" or bool(re.search(r"_\d+\.", g.path) or g.query)


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The lxml document of a page, or None for an empty or unparsable one.
    The crawler parses each page once and hands the tree to
    ``extract_links``, ``classify`` and ``render.needs_render`` (none of
    them modifies it)."""
    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def extract_links(html: str, base_url: str,
                  is_internal: Callable[[str], bool] | None = None, *,
                  doc: lxml.html.HtmlElement | None = None) -> list[ExtractedLink]:
    """Every link of the page, in document order, without duplicates of
    the same (target, tag).  ``is_internal(url)`` tells page links on the
    unit's own hosts (``page``) from those elsewhere (``external``).
    ``doc`` is ``parse_html(html)`` when the caller already has it."""
    if doc is None:
        doc = parse_html(html)
    if doc is None:
        return []
    base = base_url
    for b in doc.iter("base"):
        if b.get("href"):
            base = absolute(b.get("href"), base_url) or base_url
            break
    internal = is_internal or (lambda _u: True)
    out: list[ExtractedLink] = []
    seen: set[tuple[str, str]] = set()
    resolved: dict[str, str | None] = {}       # menus repeat the same hrefs
    internal_memo: dict[str, bool] = {}

    def add(raw: str | None, tag: str, text: str, rel: str = "") -> None:
        raw = raw or ""
        if raw in resolved:
            url = resolved[raw]
        else:
            url = resolved[raw] = absolute(raw, base)
        if url is None or (url, tag) in seen:
            return
        seen.add((url, tag))
        inside = internal_memo.get(url)
        if inside is None:
            inside = internal_memo[url] = internal(url)
        kind = kind_for(url, tag, rel, inside)
        pag = tag == "a" and kind == LinkKind.PAGE and is_pagination(base_url, url, text)
        out.append(ExtractedLink(url, text, kind, tag, pag))

    for el in doc.iter(lxml.etree.Element):
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in ("a", "area"):
            href = el.get("href")
            if href and not href.strip().lower().startswith("javascript:"):
                add(href, tag, _text(el))
            else:
                m = _WINDOW_OPEN.search((el.get("onclick") or "") + " " + (href or ""))
                if m:
                    add(m.group(1), tag, _text(el))
        elif tag == "img" or (tag == "input" and (el.get("type") or "").lower() == "image"):
            add(el.get("src"), tag, (el.get("alt") or el.get("title") or "").strip())
        elif tag == "script" and el.get("src"):
            add(el.get("src"), tag, "")
        elif tag == "link" and el.get("href"):
            rel = (el.get("rel") or "").lower()
            if "stylesheet" in rel or "icon" in rel:
                add(el.get("href"), tag, "", rel)
        elif tag in ("iframe", "frame") and el.get("src"):
            add(el.get("src"), tag, (el.get("title") or el.get("name") or "").strip())
        elif tag in ("embed", "object"):
            add(el.get("src") or el.get("data"), tag, (el.get("title") or "").strip())
        elif tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH_URL.search(el.get("content") or "")
            if m:
                add(m.group(1), tag, "")
    return out


def _trs_args(args: str) -> tuple[int, str, str] | None:
    parts = [a.strip().strip("'\"") for a in args.split(",")]
    ints = [int(p) for p in parts if p.isdigit()]
    names = [p for p in parts if p and not p.isdigit()]
    if not ints or len(names) < 2 or names[-1].lower() not in ("html", "htm", "shtml", "jsp"):
        return None
    return ints[0], names[-2], names[-1]


def pagination_urls(html: str, base_url: str, limit: int = 200) -> list[str]:
    """List pages announced only by TRS paging scripts.

    ``createPageHTML(total, current, "index", "html")`` (also the form with
    a div id first) and ``var countPage=N`` with ``index_N.html``: page 0 is
    ``index.html``, page k is ``index_k.html`` in the same directory."""
    if "createPageHTML" not in html and "countPage" not in html:
        return []
    found: tuple[int, str, str] | None = None
    for m in _CREATE_PAGE.finditer(html):
        found = _trs_args(m.group(1))
        if found:
            break
    if found is None:
        m = _COUNT_PAGE.search(html)
        if m and re.search(r"index[\"'+\s]*_", html):
            found = (int(m.group(1)), "index", "html")
    if found is None:
        return []
    total, prefix, ext = found
    directory = urljoin(base_url, ".")
    urls = [directory + f"{prefix}.{ext}"]
    urls += [directory + f"{prefix}_{i}.{ext}" for i in range(1, min(total, limit))]
    return urls


def dedupe(urls: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    return [u for u in urls if not (u in seen or seen.add(u))]
