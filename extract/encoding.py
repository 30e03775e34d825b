"""Decoding page bytes the way a browser would, but more forgiving.

Chinese portals often declare gb2312 while serving GBK/GB18030 (characters
such as 镕 or 堃 are not in GB2312), or send no charset at all.  We decode
with the widest compatible codec and record what was declared.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Declared name -> the superset actually used on the web (as WHATWG does).
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
    "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "cp936": "gb18030",
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
    "big5": "big5hkscs",
}

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str            # codec used
    declared: str            # what header / meta / BOM claimed ("" if nothing)
    replaced: int = 0        # characters that could not be decoded (U+FFFD)


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def header_charset(content_type: str) -> str:
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else ""


def meta_charset(body: bytes) -> str:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii", "replace") if m else ""


def decode_html(body: bytes, content_type: str = "") -> Decoded:
    """Decode an HTML/text body.  Order: BOM, HTTP header, <meta>, detection."""
    if body.startswith(codecs.BOM_UTF8):
        return Decoded(body[3:].decode("utf-8", "replace"), "utf-8", "BOM utf-8")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            return Decoded(body[2:].decode(name, "replace"), name, f"BOM {name}")

    declared = header_charset(content_type) or meta_charset(body)
    # Valid UTF-8 with multi-byte sequences is almost never GBK by chance,
    # while portals that moved to UTF-8 often keep an old gb2312 declaration.
    if _NON_ASCII.search(body):
        try:
            return Decoded(body.decode("utf-8"), "utf-8", declared)
        except UnicodeDecodeError:
            pass
    candidates: list[str] = []
    if declared and (c := _codec(declared)):
        candidates.append(c)
    for c in candidates:
        try:
            return Decoded(body.decode(c), c, declared)
        except UnicodeDecodeError:
            pass
    # The declaration was wrong or absent: a strict UTF-8 decode is a strong
    # signal (random GBK bytes are rarely valid UTF-8), then GB18030, then
    # statistical detection.
    for c in ("utf-8", "gb18030"):
        if c in candidates:
            continue
        try:
            return Decoded(body.decode(c), c, declared)
        except UnicodeDecodeError:
            pass
    best = from_bytes(body[:200_000]).best()
    c = _codec(best.encoding) if best is not None else None
    if c is None:
        c = candidates[0] if candidates else "utf-8"
    text = body.decode(c, "replace")
    return Decoded(text, c, declared, text.count("\ufffd"))
