"""Identity codes of the simulated bodies: 统一社会信用代码, 网站标识码, 备案号, and
working-day arithmetic.  Valid codes are computed, never typed in, so a
"clean" document is clean by construction."""

from __future__ import annotations

import datetime as dt

from stdnum.cn import uscc as _uscc

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check(body8: str) -> str:
    """GB 11714 check character of an 8-character organization code body."""
    total = sum(int(c, 36) * w for c, w in zip(body8, _ORG_WEIGHTS))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def make_uscc(region: str, serial: int) -> str:
    """A valid 统一社会信用代码 of a government body (prefix 11) in ``region``."""
    body8 = f"{serial:08d}"[-8:]
    first17 = "11" + region + body8 + org_code_check(body8)
    return first17 + _uscc.calc_check_digit(first17)


def break_uscc(code: str) -> str:
    """The same code with a wrong (but well-formed) check character."""
    good = code[-1]
    wrong = USCC_ALPHABET[(USCC_ALPHABET.index(good) + 7) % len(USCC_ALPHABET)]
    broken = code[:-1] + wrong
    assert not _uscc.is_valid(broken)
    return broken


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``start`` plus ``days`` Monday–Friday days (public holidays ignored)."""
    d = start
    while days > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            days -= 1
    return d


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days after ``a`` up to and including ``b`` (0 if b <= a)."""
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n += 1
    return n


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def cn_date_short(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:           # 29 February
        return d.replace(year=d.year + years, day=28)
