"""Build ``model.Page`` records from Scrapy responses and failures.

What is kept of a body depends on what it is: decoded text for HTML/text,
raw bytes for documents the checks read (PDF, Word, Excel …) when complete,
nothing for images and other binaries.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from scrapy.http import Response

from extract.classify import classify, is_attachment, is_xml_type
from extract.encoding import decode_html, header_charset, meta_charset
from zwgk_audit.model import Link, Page, PageKind

_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/json",
               "application/javascript", "application/rss")


@dataclass
class PageRecord:
    """The item the spider yields: one page and the links found on it."""

    page: Page
    links: list[Link] = field(default_factory=list)


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def header_map(response: Response) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, vs in response.headers.items():
        key = k.decode("latin-1") if isinstance(k, bytes) else str(k)
        out[key] = ", ".join(v.decode("latin-1", "replace") if isinstance(v, bytes) else str(v) for v in vs)
    return out


def content_type_of(response: Response) -> str:
    ct = response.headers.get(b"Content-Type")
    return ct.decode("latin-1", "replace") if ct else ""


def is_texty(content_type: str, body: bytes) -> bool:
    ct = content_type.split(";")[0].strip().lower()
    if ct:
        # "xml" alone would take Office documents (…openxmlformats…) for text
        return ct.startswith(_TEXT_TYPES) or "html" in ct or is_xml_type(ct)
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<meta", b"<body"))


@dataclass(frozen=True)
class Fetched:
    """A response reduced to what the crawler records."""

    text: str
    content: bytes
    encoding: str
    declared: str
    size: int
    truncated: bool
    error: str = ""


def read_body(response: Response, url: str, max_body: int, truncated: bool) -> Fetched:
    body = response.body or b""
    if len(body) > max_body:
        body, truncated = body[:max_body], True
    ct = content_type_of(response)
    size = len(body)
    if "download_stopped" in response.flags and not truncated:
        # headers-only check: nothing of the body is wanted
        return Fetched("", b"", "", header_charset(ct), size, False)
    if is_texty(ct, body):
        try:
            dec = decode_html(body, ct)
        except Exception as exc:   # a decoder bug must not lose the page
            return Fetched(body.decode("utf-8", "replace"), b"", "utf-8",
                           header_charset(ct) or meta_charset(body), size, truncated,
                           f"decode: 解码失败 (decode failed): {exc}")
        err = f"decode: {dec.replaced} 个字符无法解码 (undecodable characters)" if dec.replaced > 20 else ""
        return Fetched(dec.text, b"", dec.encoding, dec.declared, size, truncated, err)
    if is_attachment(url, ct) and not truncated:
        return Fetched("", body, "", "", size, False)
    return Fetched("", b"", "", "", size, truncated)


def make_page(*, unit: str, url: str, response: Response, fetched: Fetched, depth: int, referer: str,
              role: str, home_urls: Iterable[str], link_texts: Iterable[str] = (),
              rendered: bool = False, extra_headers: Mapping[str, str] | None = None,
              error: str = "", elapsed_ms: float | None = None,
              declared_encoding: str | None = None, encoding: str | None = None,
              doc: Any = None) -> Page:
    """``doc``: ``extract.links.parse_html(fetched.text)`` when the caller
    already parsed the page (it is classified from that tree)."""
    ct = content_type_of(response)
    headers = header_map(response)
    headers["X-Zwgk-Role"] = role
    headers.update(extra_headers or {})
    if role == "check" and not fetched.text and not fetched.content:
        # Status-only fetch (outside the scope or beyond the limits): the
        # body was not read, so the page must not pass for a list/document.
        kind, title = PageKind.OTHER, ""
        if is_attachment(url, ct):
            kind = PageKind.ATTACHMENT
    else:
        c = classify(url, ct, fetched.text, home_urls=home_urls, link_texts=link_texts, doc=doc)
        kind, title = c.kind, c.title
        headers["X-Zwgk-Kind-Reason"] = c.reason
    latency = response.meta.get("download_latency") if elapsed_ms is None else elapsed_ms / 1000.0
    return Page(
        unit=unit, url=url, final_url=response.url, status=response.status, kind=kind, title=title,
        content_type=ct, size=fetched.size, elapsed_ms=round(float(latency or 0.0) * 1000.0, 1),
        encoding=encoding if encoding is not None else fetched.encoding,
        declared_encoding=declared_encoding if declared_encoding is not None else fetched.declared,
        headers=headers, depth=depth, referer=referer, rendered=rendered, fetched_at=now_iso(),
        error=error or fetched.error, text=fetched.text, content=fetched.content,
        truncated=fetched.truncated,
    )


def failed_page(*, unit: str, url: str, error: str, depth: int, referer: str, role: str,
                meta: Mapping[str, Any] | None = None) -> Page:
    latency = (meta or {}).get("download_latency")
    return Page(unit=unit, url=url, final_url=url, status=None, kind=PageKind.OTHER,
                headers={"X-Zwgk-Role": role}, depth=depth, referer=referer,
                elapsed_ms=round(float(latency or 0.0) * 1000.0, 1), fetched_at=now_iso(), error=error)
