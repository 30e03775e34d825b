"""Which URLs belong to a unit, and which may only be checked.

A unit's scope is its ``scope_prefixes`` minus the longer prefixes of other
units on the same host (a county portal and its department columns are
audited separately).  Hosts the unit may *check* (fetch once for status,
never follow) are its own hosts plus ``scope.allowed_hosts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence
from urllib.parse import urlsplit, urlunsplit

from zwgk_audit.model import Unit

_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=65536)   # pure; the same targets recur on every page
def normalize(url: str) -> str:
    """Lower-case scheme and host, drop the default port and the fragment."""
    p = urlsplit(url)
    scheme = p.scheme.lower()
    host = (p.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = p.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if p.username:
        netloc = f"{p.username}{':' + p.password if p.password else ''}@{netloc}"
    return urlunsplit((scheme, netloc, p.path or "/", p.query, ""))


def prefix_of(url: str) -> str:
    """A scope prefix from a URL: a file-like last segment
    (``/zwgk/index.html``) means its directory."""
    n = normalize(url)
    p = urlsplit(n)
    path = p.path
    last = path.rsplit("/", 1)[-1]
    if "." in last and not p.query:
        path = path[: len(path) - len(last)]
    return urlunsplit((p.scheme, p.netloc, path, p.query, ""))


@lru_cache(maxsize=65536)
def netloc_of(url: str) -> str:
    return urlsplit(normalize(url)).netloc


def _host_matches(netloc: str, pattern: str) -> bool:
    """``pattern`` is a host (any port) or host:port."""
    pattern = pattern.lower().strip()
    if "://" in pattern:
        pattern = urlsplit(normalize(pattern)).netloc
    host = urlsplit("//" + netloc).hostname or ""
    phost = urlsplit("//" + pattern).hostname or pattern
    has_port = pattern.rsplit("]", 1)[-1].count(":") == 1 if pattern.startswith("[") else pattern.count(":") == 1
    return netloc == pattern if has_port else host == phost


@dataclass(frozen=True)
class UnitScope:
    unit_id: str
    prefixes: tuple[str, ...]
    excluded: tuple[str, ...]       # other units' longer prefixes inside ours
    netlocs: frozenset[str]         # the unit's own host[:port]s
    allowed_hosts: tuple[str, ...]  # checkable, never followed

    def in_scope(self, url: str) -> bool:
        n = normalize(url)
        return (any(n.startswith(p) for p in self.prefixes)
                and not any(n.startswith(x) for x in self.excluded))

    def internal(self, url: str) -> bool:
        """On one of the unit's hosts or an allowed host."""
        netloc = netloc_of(url)
        return netloc in self.netlocs or any(_host_matches(netloc, h) for h in self.allowed_hosts)

    checkable = internal


def build_scope(unit: Unit, all_units: Sequence[Unit], allowed_hosts: Sequence[str] = ()) -> UnitScope:
    mine = tuple(dict.fromkeys(prefix_of(p) for p in (unit.scope_prefixes or (unit.base_url,))))
    others = [prefix_of(p) for u in all_units if u.id != unit.id
              for p in (u.scope_prefixes or (u.base_url,))]
    excluded = tuple(sorted({o for o in others
                             if any(o.startswith(m) and len(o) > len(m) for m in mine)
                             and o not in mine}))
    netlocs = frozenset(netloc_of(u) for u in (*mine, unit.base_url, *unit.entry_urls))
    return UnitScope(unit.id, mine, excluded, netlocs, tuple(allowed_hosts))
