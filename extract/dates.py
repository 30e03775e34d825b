"""Dates as Chinese government pages write them.

2024-01-15, 2024/1/15, 2024.01.15, 2024年1月15日, with or without a time,
full-width digits, and 成文日期 in Chinese numerals (二〇二三年一月五日, where
the zero may be typed as 〇, ○, 零, the letter O or the digit 0).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

# Full-width digits and letters that stand in for zero: same length, so
# match offsets in the translated text are offsets in the original.
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                            "Ｏ": "O", "ｏ": "o", "／": "/", "－": "-", "．": "."})

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "0": 0, "Ο": 0,
             "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "两": 2}

_NUM_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?")
_SEP_DATE = re.compile(
    r"(?<![\d/.\-])(?P<y>(?:19|20)\d\d)(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d/])")
_CN_YEAR = "[〇○零OoΟ0一二三四五六七八九]"
_CN_SMALL = "[一二三四五六七八九十两〇○零]"
_CN_DATE = re.compile(
    rf"(?P<y>{_CN_YEAR}{{4}})\s*年\s*(?P<m>{_CN_SMALL}{{1,3}})\s*月\s*(?P<d>{_CN_SMALL}{{1,3}})\s*日")


@dataclass(frozen=True)
class DateMatch:
    value: _dt.date
    raw: str          # the text as written
    start: int        # offsets in the searched text
    end: int


def cn_small_number(s: str) -> int | None:
    """十二 -> 12, 三十一 -> 31, 二十 -> 20, 五 -> 5 (numbers below 100)."""
    if not s:
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGIT.get(tens, None) if tens else 1
        o = _CN_DIGIT.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    if len(s) == 1 and s in _CN_DIGIT:
        return _CN_DIGIT[s]
    if all(c in _CN_DIGIT for c in s):      # 〇五 style
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    return None


def _make(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date written in ``text``, in order of appearance."""
    if not text:
        return []
    t = text.translate(_FULLWIDTH)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], value: _dt.date | None) -> None:
        if value is None:
            return
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(DateMatch(value, text[m.start():m.end()].strip(), m.start(), m.end()))

    for m in _NUM_DATE.finditer(t):
        add(m, _make(int(m["y"]), int(m["m"]), int(m["d"])))
    for m in _SEP_DATE.finditer(t):
        add(m, _make(int(m["y"]), int(m["m"]), int(m["d"])))
    for m in _CN_DATE.finditer(t):
        year = int("".join(str(_CN_DIGIT[c]) for c in m["y"]))
        mm, dd = cn_small_number(m["m"]), cn_small_number(m["d"])
        if mm is not None and dd is not None:
            add(m, _make(year, mm, dd))
    found.sort(key=lambda x: x.start)
    return found


def parse_date(text: str) -> _dt.date | None:
    """The first date in ``text`` (a field value such as '2024-01-15 10:30')."""
    found = find_dates(text or "")
    return found[0].value if found else None


def add_years(day: _dt.date, years: int) -> _dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:                     # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: _dt.date, months: int) -> _dt.date:
    idx = day.month - 1 + months
    y, m = day.year + idx // 12, idx % 12 + 1
    for d in (day.day, 30, 29, 28):
        v = _make(y, m, d)
        if v is not None:
            return v
    raise ValueError("unreachable")


def working_days_between(start: _dt.date, end: _dt.date) -> int:
    """Weekdays after ``start`` up to and including ``end`` (no holiday
    calendar: 法定节假日 and 调休 are not known)."""
    if end <= start:
        return 0
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for i in range(1, rest + 1):
        if (start + _dt.timedelta(days=full_weeks * 7 + i)).weekday() < 5:
            count += 1
    return count
