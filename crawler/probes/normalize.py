"""Page content with the per-request noise removed, for IPv4/IPv6 comparison.

Two fetches of the same page differ in CSRF tokens, nonces, session ids,
timestamps and cache-busting query strings even on one family; comparing
them raw would call every dynamic portal "different over IPv6".
"""

from __future__ import annotations

import difflib
import hashlib
import re

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # hidden form tokens (value before or after the name)
    (re.compile(r"""(<input[^>]*?name=["']?[^"'>\s]*(?:csrf|token|__viewstate|__eventvalidation|nonce)[^"'>\s]*["']?[^>]*?value=)["'][^"']*["']""", re.I), r'\1""'),
    (re.compile(r"""(<input[^>]*?value=)["'][^"']*["']([^>]*?name=["']?[^"'>\s]*(?:csrf|token|__viewstate|__eventvalidation|nonce))""", re.I), r'\1""\2'),
    (re.compile(r"""(<meta[^>]*?name=["'][^"']*(?:csrf|token)[^"']*["'][^>]*?content=)["'][^"']*["']""", re.I), r'\1""'),
    (re.compile(r"""\bnonce=["'][^"']*["']""", re.I), 'nonce=""'),
    (re.compile(r"""(["']?(?:csrf[_-]?token|_token|authenticity_token|nonce)["']?\s*[:=]\s*)["'][^"']*["']""", re.I), r'\1""'),
    # session ids in URLs and scripts
    (re.compile(r"(;jsessionid=|[?&](?:jsessionid|phpsessid|sessionid|sid|aspsessionid\w*)=)[^&\"'\s<>#]*", re.I), r"\1"),
    # cache busters: ?t=1700000000, &_=..., ?v=20240101123000, ?r=0.123
    (re.compile(r"([?&](?:t|_|v|r|ts|timestamp|rnd|random)=)[\w.]+", re.I), r"\1"),
    # timestamps and clocks
    (re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ T]?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"), "<datetime>"),
    (re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b"), "<time>"),
    (re.compile(r"\b1[5-9]\d{8}(?:\d{3})?\b"), "<epoch>"),
    (re.compile(r"\b0\.\d{8,}\b"), "<random>"),
]
_WS = re.compile(r"\s+")
_TOKENS = re.compile(r"<[^>]{0,400}>|[^<\s]+")


def normalize(text: str) -> str:
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return _WS.sub(" ", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def similarity(a: str, b: str, *, max_tokens: int = 20000) -> float:
    """Share of matching tokens (tags and words) of the normalised texts, 0..1."""
    na, nb = normalize(a), normalize(b)
    if na == nb:
        return 1.0
    ta, tb = _TOKENS.findall(na)[:max_tokens], _TOKENS.findall(nb)[:max_tokens]
    if not ta and not tb:
        return 1.0
    return difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio()


def decode(body: bytes, headers: dict[str, str]) -> str:
    m = re.search(r"charset=([\w-]+)", headers.get("content-type", ""), re.I)
    for enc in ([m.group(1)] if m else []) + ["utf-8", "gb18030"]:
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")
