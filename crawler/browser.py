"""Browser rendering through scrapy-playwright, started only when needed.

scrapy-playwright starts its Playwright driver when the engine starts; a
crawl of a static site would pay for it and risk a browser it never uses.
``LazyPlaywrightHandler`` starts the driver (and Chromium) on the first
request that has ``meta["playwright"]``; plain requests go through Scrapy's
HTTP/1.1 handler as usual.
"""

from __future__ import annotations

import asyncio
from typing import Any, Iterable

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PwPage
from playwright.async_api import Request as PwRequest
from scrapy import Request
from scrapy.http import Response
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy_playwright.page import PageMethod

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# The DOM is what we need: pictures, media and fonts only cost time.
_SKIP_TYPES = frozenset({"image", "media", "font"})


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._started = False
        self._start_lock = asyncio.Lock()

    async def _maybe_launch_in_thread(self) -> None:   # engine_started: do nothing yet
        return None

    def _engine_started(self) -> Any:                  # older Scrapy API
        from twisted.internet.defer import succeed
        return succeed(None)

    async def _ensure_started(self) -> None:
        async with self._start_lock:
            if not self._started:
                await self._launch()
                self._started = True

    async def _download_request(self, request: Request, spider: Any = None) -> Response:
        await self._ensure_started()
        return await super()._download_request(request, spider)


def abort_request(request: PwRequest) -> bool:
    return request.resource_type in _SKIP_TYPES


async def settle(page: PwPage, idle_ms: int) -> None:
    """Wait for the network to go quiet, but never fail the page for it:
    pages that poll forever are rendered as they are after ``idle_ms``."""
    try:
        await page.wait_for_load_state("networkidle", timeout=idle_ms)
    except PlaywrightError:
        pass


def render_meta(timeout_s: float, idle_ms: int = 3000) -> dict[str, Any]:
    """Request meta that sends a request through the browser."""
    return {
        "playwright": True,
        "playwright_page_goto_kwargs": {"wait_until": "load", "timeout": int(timeout_s * 1000)},
        "playwright_page_methods": [PageMethod(settle, idle_ms)],
    }


def resolved_hosts(urls: Iterable[str], resolver: Any, extra_hosts: Iterable[str] = ()) -> dict[str, str] | None:
    """With a configured DNS server (``resolver.address``): each host of
    ``urls`` -> the first address that server returned, for Chromium's
    host-resolver rules; None when the system resolver is to be used."""
    if not getattr(resolver, "address", ""):
        return None
    from urllib.parse import urlsplit
    from crawler.probes.dnslookup import DnsServer, ip_literal, lookup
    server = DnsServer(resolver.address, resolver.port, resolver.timeout)
    hosts = {(urlsplit(u).hostname or "").lower() for u in urls} | {h.split(":")[0].lower() for h in extra_hosts}
    out: dict[str, str] = {}
    for h in sorted(x for x in hosts if x and ip_literal(x) is None):
        ans = lookup(server, h)
        addrs = list(ans.a) + list(ans.aaaa)
        if addrs:
            out[h] = addrs[0]
    return out


def host_resolver_rules(mapping: dict[str, str]) -> str:
    """Chromium ``--host-resolver-rules``: the given names to the addresses the
    audit's DNS returned, every other name unresolvable (never the system DNS)."""
    rules = [f"MAP {h} {(f'[{a}]' if ':' in a else a)}" for h, a in sorted(mapping.items())]
    return ", ".join(rules + ["MAP * ~NOTFOUND", "EXCLUDE 127.0.0.1", "EXCLUDE [::1]", "EXCLUDE localhost"])


def launch_options(timeout_s: float, host_map: dict[str, str] | None = None) -> dict[str, Any]:
    args = list(CHROMIUM_ARGS)
    if host_map is not None:
        args.append("--host-resolver-rules=" + host_resolver_rules(host_map))
    return {"executable_path": CHROMIUM, "args": args, "headless": True,
            "timeout": int(max(timeout_s, 30) * 1000)}
