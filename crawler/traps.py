"""Bounds on crawler traps: endless query variants, calendars, session ids,
absurd URL lengths.

``TrapGuard.canonical(url)`` strips session ids (so one page is one URL);
``TrapGuard.admit(url)`` says whether a new URL may be fetched, or why not.
Stateful (it counts variants per path), one instance per unit crawl.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SESSION_PATH = re.compile(r";(jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.IGNORECASE)
_SESSION_KEYS = frozenset({"jsessionid", "phpsessid", "sessionid", "session_id", "sessid", "cfid", "cftoken"})
_SESSIONISH = re.compile(r"^[0-9A-Za-z_-]{16,}$")
_CALENDAR_KEYS = frozenset({"month", "date", "day", "year", "ym", "yearmonth", "riqi", "cal",
                            "calendar", "week", "d", "time", "rq"})
_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|2[0-9]{3}|[3-9][0-9]{3})(?!\d)")
# /2099/12/ or /209912/: a year followed by a month, as calendars page.
_PATH_YEAR = re.compile(r"/(\d{4})[-/]?(?:0?[1-9]|1[0-2])(?:/|$)")


class TrapGuard:
    def __init__(self, max_query_variants: int = 50, max_url_length: int = 2000,
                 calendar_variants: int = 24, min_year: int = 1949, max_year: int | None = None) -> None:
        self.max_query_variants = max(1, max_query_variants)
        self.max_url_length = max_url_length
        self.calendar_variants = max(1, min(calendar_variants, self.max_query_variants))
        self.min_year = min_year
        self.max_year = max_year or _dt.date.today().year + 1
        self._variants: dict[str, set[str]] = defaultdict(set)
        self._calendar: dict[str, set[str]] = defaultdict(set)
        self.rejected: dict[str, int] = defaultdict(int)   # reason -> count

    @staticmethod
    @lru_cache(maxsize=65536)     # pure; every page repeats its menu links
    def canonical(url: str) -> str:
        """The URL without session ids (path parameters or query keys)."""
        url = _SESSION_PATH.sub("", url)
        p = urlsplit(url)
        if not p.query:
            return url
        pairs = parse_qsl(p.query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs
                if not (k.lower() in _SESSION_KEYS or (k.lower() == "sid" and _SESSIONISH.match(v)))]
        if len(kept) == len(pairs):
            return url
        return urlunsplit((p.scheme, p.netloc, p.path, urlencode(kept), p.fragment))

    def _years_ok(self, text: str) -> bool:
        return all(self.min_year <= int(y) <= self.max_year for y in _YEAR.findall(text))

    def check(self, url: str) -> str:
        """"" if ``url`` may be fetched, else the reason (counted)."""
        reason = self._check(url)
        if reason:
            self.rejected[reason] += 1
        return reason

    def _check(self, url: str) -> str:
        if len(url) > self.max_url_length:
            return "url_too_long"
        p = urlsplit(url)
        for m in _PATH_YEAR.finditer(p.path):
            if not self.min_year <= int(m.group(1)) <= self.max_year:
                return "calendar_out_of_range"
        if not p.query:
            return ""
        path_key = f"{p.scheme}://{p.netloc}{p.path}"
        pairs = parse_qsl(p.query, keep_blank_values=True)
        cal = [(k, v) for k, v in pairs if k.lower() in _CALENDAR_KEYS]
        if cal:
            if not self._years_ok(" ".join(v for _, v in cal)):
                return "calendar_out_of_range"
            seen = self._calendar[path_key]
            if p.query not in seen and len(seen) >= self.calendar_variants:
                return "calendar_variants"
            seen.add(p.query)
        seen = self._variants[path_key]
        if p.query not in seen and len(seen) >= self.max_query_variants:
            return "query_variants"
        seen.add(p.query)
        return ""
