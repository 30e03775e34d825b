"""Printing scorecards to A4 PDF with Chromium (the page's print stylesheet)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from reports.browser import chromium


def print_pdfs(pages: Iterable[tuple[Path, Path]], *, timeout_ms: int = 60000) -> list[Path]:
    """Print each ``(html, pdf)`` pair; returns the PDFs written."""
    jobs = list(pages)
    if not jobs:
        return []
    written = []
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False, offline=True)
        try:
            page = context.new_page()
            for html, pdf in jobs:
                page.goto(html.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
                page.emulate_media(media="print")
                page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True,
                         margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"})
                written.append(pdf)
        finally:
            context.close()
    return written
