"""What the report's prose says: title, year, unit, sections, the numbers
it states, and the publication date shown on its page."""

from __future__ import annotations

import datetime as _dt
import re

from extract.annual_report.model import TextNumber
from extract.annual_report.template import SECTION_ORDER, SECTION_TITLES

TITLE_RE = re.compile(r"(\d{4})\s*年(?:度)?.{0,30}?政府信息公开(?:工作)?年度?报告")
_TITLE_UNIT = re.compile(r"^(.*?)(?:关于)?\s*(\d{4})\s*年")


def title_year(title: str) -> int | None:
    m = TITLE_RE.search(title or "")
    return int(m.group(1)) if m else None


def title_unit(title: str) -> str:
    """The organisation named before the year ("" when the title starts
    with the year)."""
    m = _TITLE_UNIT.search(title or "")
    if not m:
        return ""
    return re.sub(r"[\s“”\"《》【】\[\]:：]", "", m.group(1)).removesuffix("关于")


_SECTION_WORDS = {
    "一": ("总体",), "二": ("主动公开",), "三": ("申请",), "四": ("复议", "诉讼"),
    "五": ("问题", "改进"), "六": ("其他",),
}
_SECTION_LINE = re.compile(r"^\s*([一二三四五六])\s*[、.．,，]\s*(.{2,40})$")


def find_sections(lines: list[str]) -> list[str]:
    """Section numerals in the order their headings appear (first heading of
    each numeral only)."""
    seen: list[str] = []
    for line in lines:
        m = _SECTION_LINE.match(line)
        if not m:
            continue
        num, rest = m.group(1), m.group(2)
        if num in seen or not any(w in rest for w in _SECTION_WORDS[num]):
            continue
        if re.search(r"\d", rest):        # a flattened table row, not a heading
            continue
        seen.append(num)
    return seen


def section_title(num: str) -> str:
    return f"{num}、{SECTION_TITLES[num]}"


assert tuple(_SECTION_WORDS) == SECTION_ORDER

_GAP = r"[^。；;\d\n，,]{0,%d}?"
_NUMBER_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("本年新收", re.compile(r"(?:收到|新收|受理)[^。；;\d\n]{0,20}?申请" + _GAP % 6 + r"(\d+)\s*[件个宗]")),
    ("上年结转", re.compile(r"上年(?:度)?结转" + _GAP % 12 + r"(\d+)\s*件")),
    ("予以公开", re.compile(r"(?<!不)予以公开" + _GAP % 4 + r"(\d+)\s*件")),
    ("部分公开", re.compile(r"部分公开" + _GAP % 4 + r"(\d+)\s*件")),
    ("不予公开", re.compile(r"不予公开" + _GAP % 4 + r"(\d+)\s*件")),
    ("结转下年度", re.compile(r"结转下一?年度" + _GAP % 8 + r"(\d+)\s*件")),
    ("行政复议", re.compile(r"行政复议" + _GAP % 8 + r"(\d+)\s*[起件宗]")),
    ("行政诉讼", re.compile(r"行政诉讼" + _GAP % 8 + r"(\d+)\s*[起件宗]")),
]


def text_numbers(text: str) -> list[TextNumber]:
    out: list[TextNumber] = []
    seen: set[tuple[str, int]] = set()
    for name, pat in _NUMBER_PATTERNS:
        for m in pat.finditer(text):
            value = int(m.group(1))
            if (name, value) in seen:
                continue
            seen.add((name, value))
            a, b = max(0, m.start() - 20), min(len(text), m.end() + 10)
            out.append(TextNumber(name, value, text[a:b].replace("\n", " ")))
    return out


_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
_PUB_TEXT = re.compile(r"(?:发布|发表|公开|成文)?(?:日期|时间)\s*[:：]?\s*" + _DATE)
_PUB_LABELLED = re.compile(r"(?:发布日期|发布时间|发表时间|公开日期|日期)\s*[:：]\s*" + _DATE)


def _date(y: str, m: str, d: str) -> _dt.date | None:
    try:
        return _dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def publication_date(meta: dict[str, str], lines: list[str]) -> tuple[_dt.date | None, str]:
    """(date, where it was read).  The PubDate meta first, then a visible
    发布日期/发布时间 label."""
    for name in ("PubDate", "pubdate", "publishdate", "PublishDate", "firstpublishedtime"):
        if v := meta.get(name):
            m = re.search(_DATE, v)
            if m and (d := _date(*m.groups())):
                return d, f'<meta name="{name}" content="{v}">'
    for line in lines[:80]:
        m = _PUB_LABELLED.search(line) or (_PUB_TEXT.search(line) if "发布" in line else None)
        if m and (d := _date(*m.groups())):
            return d, line[:120]
    return None, ""
