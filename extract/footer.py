"""The identity items of a portal's footer (政府网站发展指引 §网站标识).

网站标识码, ICP备案号, 公安机关备案号, 主办单位, the 我为政府网站找错 entry and
the 党政机关网站标识.  Values are captured loosely (so a malformed number is
reported as found, not as missing) and validated by the ``valid_*``
functions.  The national 找错 and 党政机关 marks are drawn by scripts
(``jiucuo.js`` with a ``sitecode`` attribute, ``dcs.conac.cn`` scripts): the
script tag itself is the evidence that the entry is shown.  A footer that a
site script injects (``newfoot.js``) has no identity text in the static
HTML: ``FooterIdentity.injected`` records the script so the check can say it
cannot judge.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

import lxml.html
from lxml import etree

PROVINCES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新港澳台"
# First two digits of the 6-digit region codes (GB/T 2260).
_PROVINCE_CODES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35",
                   "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
                   "61", "62", "63", "64", "65", "71", "81", "82"}

_SITE_CODE_OK = re.compile(r"^(?:\d{10}|bm\d{8})$", re.I)
_ICP_OK = re.compile(rf"^[{PROVINCES}]ICP备\d{{6,10}}号(?:-\d{{1,3}})?$")
_PSB_OK = re.compile(rf"^[{PROVINCES}]公网安备\d{{14}}号$")


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s).replace("－", "-").replace("—", "-").replace("–", "-")


def valid_site_code(code: str) -> bool:
    """10 characters: a 6-digit region code + 4 digits, or bm + 8 digits."""
    code = code.strip()
    if not _SITE_CODE_OK.match(code):
        return False
    return code[:2].lower() == "bm" or code[:2] in _PROVINCE_CODES


def valid_icp(value: str) -> bool:
    """冀ICP备05029117号-1, 京ICP备19014889号 (spaces tolerated)."""
    return bool(_ICP_OK.match(_squash(value)))


def valid_psb(value: str) -> bool:
    """冀公网安备 13042002000523号: province + 公网安备 + 14 digits + 号."""
    return bool(_PSB_OK.match(_squash(value)))


@dataclass(frozen=True)
class Found:
    value: str          # verbatim ("" when a label was found without a value)
    snippet: str        # the line or markup it came from
    where: str          # 页脚文字 / 脚本 jiucuo.js / meta SiteIDCode ...


@dataclass(frozen=True)
class FooterIdentity:
    site_code: Found | None = None
    icp: Found | None = None
    psb: Found | None = None
    sponsor: Found | None = None
    error_report: Found | None = None
    party_mark: Found | None = None
    meta_site_code: str = ""            # <meta name="SiteIDCode">
    error_report_site_code: str = ""    # sitecode carried by the 找错 entry
    injected: Found | None = None       # a script/iframe that loads the footer

    def item(self, key: str) -> Found | None:
        return getattr(self, key)

    @property
    def text_items(self) -> int:
        return sum(1 for k in ("site_code", "icp", "psb", "sponsor") if self.item(k) is not None)


ITEM_KEYS = ("site_code", "icp", "psb", "sponsor", "error_report", "party_mark")
ITEM_LABELS = {
    "site_code": "网站标识码", "icp": "ICP备案号", "psb": "公安机关备案号", "sponsor": "主办单位",
    "error_report": "“我为政府网站找错”入口", "party_mark": "党政机关网站标识",
}

# --------------------------------------------------------------------------

_BLOCK = {"p", "div", "li", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
          "table", "dd", "dt", "dl", "section", "footer", "header", "center", "address", "form"}
_SKIP = {"script", "style", "noscript", "template", "select", "option", "textarea"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2002\u2003\u2009\u3000]+")

_SITE_CODE = re.compile(r"(?:网站|政府网站)?(?:标识|识别)码\s*[:：]?\s*([A-Za-z0-9]*)")
_ICP = re.compile(rf"[{PROVINCES}]?\s*ICP\s*[备证][^\S\n]*[:：]?[^\S\n]*\d[\d ]*号?(?:[^\S\n]*[-－—–][^\S\n]*\d+)?",
                  re.I)
# a label without a recognisable number: "ICP备案号：（待补）"
_ICP_LABEL = re.compile(r"ICP\s*备案(?:号|编号)?\s*[:：]?\s*[^\n]{0,30}", re.I)
_PSB = re.compile(r"[\u4e00-\u9fff]?\s*公网安备[^\S\n]*[:：]?[^\S\n]*[\d ]*号?")
_SPONSOR = re.compile(r"主\s*办\s*(?:单\s*位)?\s*[:：]\s*([^\n|｜]*)")
_SPONSOR_BEFORE = re.compile(r"([\u4e00-\u9fff（）()]{4,40}?)\s*主办(?![单位：:\u4e00-\u9fff])")
_SPONSOR_STOP = re.compile(r"(承\s*办|协\s*办|技术支持|运行维护|维护单位|网站标识码|标识码|ICP|联系电话|电\s*话|地\s*址|"
                           r"邮\s*编|邮政编码|传\s*真|E-?mail|版权所有|Copyright|©|公网安备|\s{2,})", re.I)

_DOC_WRITE = re.compile(r"document\.write(?:ln)?\(\s*(unescape\(\s*)?([\"'])(.*?)(?<!\\)\2\s*\)", re.S)
_JIUCUO = re.compile(r"jiucuo|zfwzgl\.www\.gov\.cn|找错", re.I)
_PARTY = re.compile(r"conac\.cn|dzjg|_ideConac|党政机关", re.I)
_FOOT_NAME = re.compile(r"(foot|bottom|copyright|banquan|dibu)[^/]*\.(?:js|s?html?|jsp|php|asp)", re.I)
_SITECODE_PARAM = re.compile(r"(?:sitecode\s*=\s*['\"]?|Link\(\s*['\"]|[?&]v=)([A-Za-z0-9]{8,12})", re.I)


def _clean(s: str) -> str:
    return _SPACES.sub(" ", s or "").strip()


def _lines(root: etree._Element) -> list[str]:
    """Visible text, one line per block element (scripts and comments dropped)."""
    root = copy.deepcopy(root)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):              # comments, processing instructions
            parent = el.getparent()
            if parent is not None:
                tail = el.tail
                parent.remove(el)
                _append_tail(parent, el, tail)
            continue
    for el in list(root.iter(*_SKIP)):
        parent = el.getparent()
        if parent is not None:
            tail = el.tail
            parent.remove(el)
            _append_tail(parent, el, tail)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK:
            el.tail = "\n" + (el.tail or "")
            if el.tag in ("td", "th"):
                el.tail = " " + el.tail
    text = "".join(root.itertext())
    return [ln for ln in (_clean(x) for x in text.split("\n")) if ln]


def _append_tail(parent: etree._Element, removed: etree._Element, tail: str | None) -> None:
    # removing an element also removes its tail text; keep the text in place
    if not tail:
        return
    prev = None
    for child in parent:
        prev = child
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _written_markup(root: etree._Element) -> list[str]:
    """Markup written by ``document.write("…")`` string literals."""
    out = []
    for s in root.iter("script"):
        for m in _DOC_WRITE.finditer(s.text or ""):
            body = m.group(3)
            out.append(unquote(body) if m.group(1) else body.replace("\\'", "'").replace('\\"', '"'))
    return out


def _last(pattern: re.Pattern[str], lines: list[str]) -> tuple[re.Match[str], str] | None:
    """The footer is at the end of the page: the last match wins."""
    found = None
    for line in lines:
        for m in pattern.finditer(line):
            found = (m, line)
    return found


def _markup(el: etree._Element) -> str:
    s = etree.tostring(el, encoding="unicode", with_tail=False)
    return s if len(s) <= 400 else s[:400] + "…"


def _mark_elements(roots: list[etree._Element], pattern: re.Pattern[str]) -> list[etree._Element]:
    hits = []
    for root in roots:
        for el in root.iter("a", "img", "script", "span", "iframe", "area"):
            attrs = " ".join(el.get(k, "") for k in ("href", "src", "id", "alt", "title", "onclick", "class"))
            text = _clean(el.text_content()) if el.tag in ("a", "span") else ""
            if el.tag == "script" and not el.get("src") and not el.get("id"):
                continue
            if el.tag == "span" and not el.get("id"):
                continue
            if pattern.search(attrs) or (el.tag == "a" and pattern.search(text)):
                hits.append(el)
    return hits


def _site_code_of(els: list[etree._Element]) -> str:
    for el in els:
        if el.get("sitecode"):
            return el.get("sitecode", "").strip()
        for attr in ("href", "src", "onclick"):
            v = el.get(attr, "")
            for k, val in parse_qsl(urlsplit(v).query) if attr != "onclick" else ():
                if k.lower() == "sitecode" and val:
                    return val.strip()
            if m := _SITECODE_PARAM.search(v):
                return m.group(1)
    return ""


def _injector(root: etree._Element) -> Found | None:
    for el in root.iter("script", "iframe"):
        src = el.get("src", "")
        if src and not _JIUCUO.search(src) and not _PARTY.search(src):
            if _FOOT_NAME.search(urlsplit(src).path.rsplit("/", 1)[-1]):
                return Found(src, _markup(el), "页脚脚本" if el.tag == "script" else "页脚框架")
        if el.tag == "script" and not src:
            body = el.text or ""
            m = re.search(r"\.load\(\s*['\"]([^'\"]*(?:foot|bottom|copyright)[^'\"]*)['\"]", body, re.I)
            if m:
                return Found(m.group(1), body.strip()[:300], "页脚脚本")
    return None


def _sponsor(lines: list[str]) -> Found | None:
    hit = _last(_SPONSOR, lines)
    if hit:
        m, line = hit
        value = _SPONSOR_STOP.split(m.group(1), maxsplit=1)[0]
        return Found(_clean(value).strip("，,;；。 "), line, "页脚文字")
    hit = _last(_SPONSOR_BEFORE, lines)
    if hit:
        m, line = hit
        return Found(_clean(m.group(1)), line, "页脚文字")
    return None


def parse_footer(html: str) -> FooterIdentity:
    if not html or not html.strip():
        return FooterIdentity()
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return FooterIdentity()

    written = []
    for frag in _written_markup(root):
        try:
            written.append(lxml.html.fragment_fromstring(frag, create_parent="div"))
        except (etree.ParserError, ValueError):
            pass
    lines = _lines(root)
    for w in written:
        lines.extend(_lines(w))

    meta = ""
    for m in root.iter("meta"):
        if (m.get("name") or "").lower() == "siteidcode":
            meta = _clean(m.get("content") or "")

    site_code = icp = psb = None
    if hit := _last(_SITE_CODE, lines):
        site_code = Found(hit[0].group(1), hit[1], "页脚文字")
    if hit := (_last(_ICP, lines) or _last(_ICP_LABEL, lines)):
        icp = Found(_clean(hit[0].group(0)), hit[1], "页脚文字")
    if hit := _last(_PSB, lines):
        psb = Found(_clean(hit[0].group(0)), hit[1], "页脚文字")

    trees = [root, *written]
    jiucuo = _mark_elements(trees, _JIUCUO)
    error_report = None
    if jiucuo:
        el = jiucuo[0]
        where = "找错脚本" if el.tag == "script" else "找错链接"
        value = el.get("src") or el.get("href") or el.get("id") or _clean(el.text_content())
        error_report = Found(value, _markup(el), where)
    party = _mark_elements(trees, _PARTY)
    party_mark = None
    if party:
        el = party[0]
        party_mark = Found(el.get("href") or el.get("src") or el.get("id", ""), _markup(el), "党政机关标识")

    return FooterIdentity(
        site_code=site_code, icp=icp, psb=psb, sponsor=_sponsor(lines),
        error_report=error_report, party_mark=party_mark,
        meta_site_code=meta, error_report_site_code=_site_code_of(jiucuo),
        injected=_injector(root),
    )
