"""Making page data harmless in every output format.

Everything a finding carries (messages, values, snippets, URLs) may come
from a crawled page.  HTML escaping is Jinja2's autoescape; this module
adds what autoescape cannot: which URLs may become links, which paths may
become images, file names, anchors, and the characters XML/XLSX reject.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\\"'<>`]")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$")
_REL_PATH = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_./-]{0,200}$")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_href(url: object) -> str | None:
    """``url`` when it may be a plain link (http/https with a host), else None."""
    if not isinstance(url, str) or not url or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def safe_relpath(path: object) -> str | None:
    """A report-relative file path (a screenshot), or None when it could
    point outside the report directory or carry a scheme."""
    if not isinstance(path, str) or not _REL_PATH.match(path):
        return None
    if any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return path


def unit_filename(unit_id: str) -> str:
    """File stem of a unit's scorecard: the id when it is a safe name."""
    if _SAFE_ID.match(unit_id) and not unit_id.startswith("."):
        return unit_id
    return "u-" + hashlib.sha1(unit_id.encode("utf-8")).hexdigest()[:12]


def anchor(check_id: str) -> str:
    """HTML id of a check's section on a scorecard."""
    slug = re.sub(r"[^A-Za-z0-9_-]", "-", check_id)
    return "c-" + slug + "-" + hashlib.sha1(check_id.encode("utf-8")).hexdigest()[:6]


def xml_text(value: object) -> str:
    """Text without the control characters XML 1.0 (and XLSX) cannot hold."""
    return _XML_ILLEGAL.sub("\ufffd", "" if value is None else str(value))


def sheet_text(value: object) -> str:
    """Cell text that a spreadsheet will not run as a formula."""
    s = xml_text(value)
    return "'" + s if s.startswith(_FORMULA_START) else s
