"""索引号 parsing and 统一社会信用代码 (GB 32100-2015) validation.

索引号 has no national format.  Common shapes:
``11441700007280420Y/2021-00050`` (credit code / year-serial),
``000014349/2019-00007`` (9-digit organisation code), ``00001434-9/2019-…``,
year-month variants (``…/2021-03-00012``) and local prefixes
(``PZ00101-1700-2023-00059``).  We read what can be read (an embedded credit
code, the year) and never reject a shape just for being unusual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.cn import uscc as _uscc

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# Something written as a credit code: 18 characters, 3-8 the region code.
_USCC_SHAPE = re.compile(r"(?<![0-9A-Za-z])([0-9A-Za-z]{2}\d{6}[0-9A-Za-z]{10})(?![0-9A-Za-z])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def uscc_check_char(first17: str) -> str:
    """The check character of a credit code (domain.md §2)."""
    code = first17.upper()
    if len(code) != 17 or any(c not in USCC_ALPHABET for c in code):
        raise ValueError("需要17位合法字符")
    # stdnum computes the same sum; we keep our own guard above because its
    # validate() also rejects letter registration-authority codes (e.g. 'A', 'Y').
    check = _uscc.calc_check_digit(code)
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(code, _USCC_WEIGHTS))
    assert check == USCC_ALPHABET[(31 - total % 31) % 31]
    return check


@dataclass(frozen=True)
class UsccResult:
    code: str
    valid: bool
    reason: str = ""          # Chinese, when invalid
    expected_check: str = ""


def validate_uscc(code: str) -> UsccResult:
    """Check an 18-character 统一社会信用代码: alphabet and check character."""
    c = (code or "").strip().upper()
    if len(c) != 18:
        return UsccResult(c, False, f"长度为{len(c)}位，应为18位")
    bad = sorted({ch for ch in c if ch not in USCC_ALPHABET})
    if bad:
        return UsccResult(c, False, f"含有代码字符集之外的字符：{'、'.join(bad)}（不使用I、O、S、V、Z）")
    if not c[2:8].isdigit():
        return UsccResult(c, False, "第3至8位（登记管理机关行政区划码）应为数字")
    expected = uscc_check_char(c[:17])
    if c[17] != expected:
        return UsccResult(c, False, f"校验码错误：末位为{c[17]}，按GB 32100-2015计算应为{expected}",
                          expected)
    return UsccResult(c, True, "", expected)


@dataclass(frozen=True)
class IndexNo:
    raw: str
    prefix: str                 # the part before the year/serial (org or credit code)
    uscc: str = ""              # embedded 18-character credit code, if any
    org_code: str = ""          # embedded 9-character organisation code, if any
    year: int | None = None     # the document year written into the number
    serial: str = ""


def _clean(s: str) -> str:
    return re.sub(r"[\s\u3000\u2002\u2003\u00a0]+", "", s or "")


def parse_index_no(value: str) -> IndexNo | None:
    s = _clean(value)
    if not s:
        return None
    prefix, sep, rest = s.partition("/")
    if not sep:
        prefix, rest = "", s
    uscc = ""
    if m := _USCC_SHAPE.search(prefix or s):
        uscc = m.group(1).upper()
    org = ""
    om = re.fullmatch(r"([0-9A-Z]{8})-?([0-9X])", prefix.upper())
    if om:
        org = om.group(1) + om.group(2)
    elif uscc:
        org = uscc[8:17]
    year = None
    serial = ""
    # The year is the first 4-digit year in the part after the code.
    search_in = rest if sep else s
    if uscc and not sep:
        search_in = s.replace(m.group(1), " ") if m else s
    ym = _YEAR.search(search_in)
    if ym:
        year = int(ym.group(1))
        tail = re.findall(r"\d+", search_in[ym.end():])
        serial = tail[-1] if tail else ""
    return IndexNo(raw=s, prefix=prefix, uscc=uscc, org_code=org, year=year, serial=serial)


def index_no_key(value: str) -> str:
    """Comparable form for uniqueness checks."""
    return _clean(value).upper().replace("／", "/").replace("－", "-")
