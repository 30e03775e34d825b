"""发文字号 (文号): parsing and the GB/T 9704-2012 form.

The standard form is 机关代字 + 〔four-digit year〕 + serial + 号, e.g.
珠高办〔2021〕50号: hexagonal brackets 〔〕, the full year, no 第 before the
serial and no leading zeros.  Decrees and numbered announcements use
``…令第707号`` and ``…公告2019年第1号``; both are valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LB_CHARS = "〔[［(（【〖{｛<《﹝"
_RB_CHARS = "〕]］)）】〗}｝>》﹞"
_LB = re.escape(_LB_CHARS)      # for use inside [...] classes
_RB = re.escape(_RB_CHARS)

# Agency code, optional bracketed year, optional 第, serial, 号.
_GENERAL = re.compile(
    rf"^(?P<agency>[^\s{_LB}{_RB}]*?[\u4e00-\u9fff][^\s{_LB}{_RB}]*?)\s*"
    rf"(?P<lb>[{_LB}]?)\s*(?P<year>\d{{2,4}})\s*(?P<rb>[{_RB}]?)\s*"
    rf"(?P<di>第?)\s*(?P<serial>\d+)\s*(?P<hao>号)$")
_DECREE = re.compile(r"^(?P<agency>\S*?令)\s*(?:(?P<year>\d{4})年)?\s*第\s*(?P<serial>[1-9]\d*)\s*号$")
_ANNOUNCE = re.compile(
    r"^(?P<agency>\S*?(?:公告|通告|公报))\s*(?P<year>\d{4})\s*年\s*第\s*(?P<serial>[1-9]\d*)\s*号$")

# Finds 文号 inside running text or a title's parentheses.
FIND_RE = re.compile(
    rf"[\u4e00-\u9fffA-Za-z]{{1,16}}[{_LB}]\s*(?:19|20)?\d\d\s*[{_RB}]\s*第?\s*\d{{1,5}}\s*号"
    r"|[\u4e00-\u9fff]{1,20}令\s*(?:\d{4}年)?\s*第\s*\d{1,5}\s*号"
    r"|[\u4e00-\u9fff]{1,20}(?:公告|通告)\s*\d{4}\s*年\s*第\s*\d{1,5}\s*号")


@dataclass(frozen=True)
class DocNumber:
    raw: str
    agency: str            # 机关代字 (e.g. 国办发, 国令)
    year: int | None       # 4-digit year when written (2-digit years expanded: None)
    serial: int
    form: str              # "standard", "decree", "announcement", "other"
    problems: tuple[str, ...] = ()   # Chinese descriptions of format defects

    @property
    def ok(self) -> bool:
        return not self.problems


def _clean(s: str) -> str:
    return re.sub(r"[\s\u3000\u2002\u2003\u00a0]+", "", s or "")


def parse_doc_number(value: str) -> DocNumber | None:
    """Parse one 文号; None when the text is not shaped like a 文号 at all."""
    s = _clean(value)
    if not s:
        return None
    if m := _DECREE.match(s):
        return DocNumber(s, m["agency"], int(m["year"]) if m["year"] else None,
                         int(m["serial"]), "decree")
    if m := _ANNOUNCE.match(s):
        return DocNumber(s, m["agency"], int(m["year"]), int(m["serial"]), "announcement")
    m = _GENERAL.match(s)
    if not m:
        return None
    problems: list[str] = []
    lb, rb, year = m["lb"], m["rb"], m["year"]
    if not lb or not rb:
        problems.append(f"年份未用六角括号〔〕括入（写作“{lb}{year}{rb}”）")
    elif lb != "〔" or rb != "〕":
        problems.append(f"年份应使用六角括号〔〕，不应使用“{lb}{rb}”")
    if len(year) != 4:
        problems.append(f"年份应写全四位数字（写作“{year}”）")
    if m["di"]:
        problems.append("序号前不应加“第”字")
    if len(m["serial"]) > 1 and m["serial"].startswith("0"):
        problems.append(f"序号不应编虚位（写作“{m['serial']}”）")
    if int(m["serial"]) == 0:
        problems.append("序号不应为0")
    return DocNumber(s, m["agency"], int(year) if len(year) == 4 else None,
                     int(m["serial"]), "standard", tuple(problems))


def split_doc_numbers(value: str) -> list[str]:
    """Joint documents list several 文号: '国办发〔2018〕1号、国发〔2018〕2号'."""
    parts = [p for p in re.split(r"[、，,；;]|\s{2,}", value or "") if _clean(p)]
    return parts or ([value] if value else [])


def validate_doc_number(value: str) -> list[str]:
    """Format problems of a 文号 field value (several 文号 allowed); [] if well formed."""
    problems: list[str] = []
    for part in split_doc_numbers(value):
        dn = parse_doc_number(part)
        if dn is None:
            problems.append(f"“{_clean(part)}”不是可识别的文号格式（应为“机关代字〔年份〕序号号”）")
        else:
            problems.extend(dn.problems)
    return problems


def find_doc_numbers(text: str) -> list[str]:
    """Every 文号-shaped string in running text, cleaned, in order, unique."""
    seen: list[str] = []
    for m in FIND_RE.finditer(text or ""):
        s = _clean(m.group(0))
        if s not in seen:
            seen.append(s)
    return seen


def doc_number_key(value: str) -> str:
    """Comparable form: brackets unified, spaces dropped (for matching lists)."""
    s = _clean(value)
    s = re.sub(f"[{_LB}]", "〔", s)
    s = re.sub(f"[{_RB}]", "〕", s)
    return s
