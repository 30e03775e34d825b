"""Deadlines: from a 完成时限 cell or from the task's own words.

Dates without a year fall in the plan's year ("12月30日" in a 2022 plan is
2022-12-30).  When the text names several dates the earliest is kept: the
part due first is already late after it.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

from plans.model import Deadline
from plans.text import clean

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:前|之前)?"), "ymd"),
    (re.compile(r"(\d{4})年(\d{1,2})月(?:底|末)(?:前|之前)?"), "ym"),
    (re.compile(r"(\d{4})年(?:年)?(?:底|末)(?:前|之前)?"), "y"),
    (re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日(?:前|之前)"), "md"),
    (re.compile(r"(?<![\d年月])年(?:底|末)前"), "plan_y"),
)
_YEARLY = re.compile(r"每年[^，。；]{0,12}|年度内")
_ONGOING = re.compile(r"^(长期|常态化|持续)")


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _dates(text: str, year: int) -> list[tuple[_dt.date, str, int]]:
    found: list[tuple[_dt.date, str, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern, form in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            g = m.groups()
            try:
                if form == "ymd":
                    d = _dt.date(int(g[0]), int(g[1]), int(g[2]))
                elif form == "ym":
                    d = _month_end(int(g[0]), int(g[1]))
                elif form == "y":
                    d = _dt.date(int(g[0]), 12, 31)
                elif form == "md":
                    if not year:
                        continue
                    d = _dt.date(year, int(g[0]), int(g[1]))
                else:
                    if not year:
                        continue
                    d = _dt.date(year, 12, 31)
            except ValueError:
                continue
            taken.append(m.span())
            found.append((d, m.group(0), m.start()))
    return found


def parse_deadline(cell: str, text: str, year: int) -> Deadline:
    """``cell``: the 完成时限 column ("" when the plan has none);
    ``text``: the task text; ``year``: the plan's year."""
    cell = clean(cell).rstrip("。 |")
    if cell:
        if _ONGOING.match(cell):
            return Deadline("ongoing", raw=cell)
        dates = _dates(cell, year) or _dates(cell + "前", year)
        if dates:
            return Deadline("date", min(dates)[0].isoformat(), raw=cell)
        if _YEARLY.search(cell):
            return Deadline("yearly", raw=cell)
        return Deadline("none", raw=cell)
    dates = _dates(text, year)
    if dates:
        dates.sort(key=lambda t: t[2])
        first = min(dates)
        return Deadline("date", first[0].isoformat(), raw="；".join(t[1] for t in dates))
    m = _YEARLY.search(text)
    if m:
        return Deadline("yearly", raw=m.group(0))
    return Deadline("none")
