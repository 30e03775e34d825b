"""Headless Chromium for the report stage (PDF printing, screenshots).

Debian's chromium is used when present: ``playwright install`` is not
needed on audit machines without internet access.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from typing import Iterator, Sequence

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str | None:
    env = os.environ.get("ZWGK_CHROMIUM")
    if env:
        return env
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(name):
            return name
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def chromium(extra_args: Sequence[str] = ()) -> Iterator[object]:
    """A launched playwright Browser; closed on exit.  ``extra_args`` carry
    e.g. host-resolver rules, so audited names resolve as the crawl did."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, *extra_args],
                                     headless=True)
        try:
            yield browser
        finally:
            browser.close()
