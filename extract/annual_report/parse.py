"""Entry points: read a report from HTML text, PDF/DOCX bytes or plain text."""

from __future__ import annotations

from extract.annual_report.interpret import interpret
from extract.annual_report.model import AnnualReport, Problem
from extract.annual_report.sources import read_docx, read_html, read_pdf, read_text


def parse_html(text: str, *, title: str = "") -> AnnualReport:
    return interpret(read_html(text), title=title)


def parse_text(text: str, *, title: str = "") -> AnnualReport:
    return interpret(read_text(text), title=title)


def parse_pdf(data: bytes, *, title: str = "") -> AnnualReport:
    return interpret(read_pdf(data), title=title)


def parse_docx(data: bytes, *, title: str = "") -> AnnualReport:
    return interpret(read_docx(data), title=title)


def sniff(data: bytes, name: str = "", content_type: str = "") -> str:
    """"pdf" | "docx" | "html" | "text" from magic bytes, then name/type."""
    low = name.lower().split("?", 1)[0]
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK") and (low.endswith(".docx") or b"word/" in data[:4000] or not low):
        return "docx"
    if low.endswith((".html", ".htm", ".shtml")) or "html" in content_type:
        return "html"
    head = data[:2000].lower()
    if b"<html" in head or b"<!doctype html" in head or b"<table" in head:
        return "html"
    return "text"


def parse_bytes(data: bytes, kind: str, *, title: str = "") -> AnnualReport:
    """Read bytes of the given kind; an unreadable document becomes a report
    with a problem rather than an exception."""
    try:
        if kind == "pdf":
            return parse_pdf(data, title=title)
        if kind == "docx":
            return parse_docx(data, title=title)
    except Exception as exc:  # corrupt attachments are common on portals
        return AnnualReport(None, "", title, "unknown", [], source=kind, problems=[
            Problem("document", f"附件无法读取（{type(exc).__name__}: {exc}）")])
    from extract.encoding import decode_html

    text = decode_html(data).text
    return parse_html(text, title=title) if kind == "html" else parse_text(text, title=title)
