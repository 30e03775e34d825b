"""Scrapy settings for one unit's crawl, built from the audit config.

Process-wide settings (reactor, DNS resolver, logging) are separate from
per-unit settings (politeness, limits, rendering) because Scrapy installs
the resolver once per process while each unit gets its own Crawler.
"""

from __future__ import annotations

import importlib.util
import urllib.request
from typing import Any

from scrapy.settings.default_settings import DEFAULT_REQUEST_HEADERS
from scrapy.settings.default_settings import EXTENSIONS_BASE as _SCRAPY_EXTENSIONS_BASE

from crawler.jobspec import CrawlJob, UnitJob

DEFAULT_RESOLVER = "scrapy.resolver.CachingHostnameResolver"   # handles [::1]
CONFIGURED_RESOLVER = "crawler.resolver.ConfiguredResolver"
MAX_URL_LENGTH = 2000

_OFF = {
    # Never expose the crawl: no telnet console, no remote-control HTTP server
    # (Scrapy >= 2.19 starts one by default and it runs arbitrary code).
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
}


def resolver_class(job: CrawlJob) -> str:
    if job.resolver_class:
        return job.resolver_class
    if job.resolver.address and importlib.util.find_spec("crawler.resolver") is not None:
        return CONFIGURED_RESOLVER
    return DEFAULT_RESOLVER


def process_settings(job: CrawlJob) -> dict[str, Any]:
    return {
        **_OFF,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "TWISTED_DNS_RESOLVER": resolver_class(job),
        "ZWGK_DNS_SERVER": job.resolver.address,
        "ZWGK_DNS_PORT": job.resolver.port,
        "ZWGK_DNS_TIMEOUT": job.resolver.timeout,
        "DNS_TIMEOUT": max(1, int(job.resolver.timeout * 4)),
        "LOG_LEVEL": job.log_level,
        "LOG_ENABLED": True,
        "STATS_DUMP": job.log_level == "DEBUG",
    }


_NO_EXTENSIONS = ("scrapy.extensions.telnet.TelnetConsole", "scrapy.extensions.remote_control.RemoteControl")

# Scrapy's defaults that this crawl does not need (each one is a call per
# request or per yielded item):
_UNUSED_DOWNLOADER_MIDDLEWARES = {
    # Replaced by a subclass that skips pages with no meta refresh in their bytes.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    # The spider enforces the scope (crawler.scope) and sets no allowed_domains.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    # No HTTPAUTH_* settings, no http_user meta.
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    # USER_AGENT is sent through DEFAULT_REQUEST_HEADERS.
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
}
SPIDER_MIDDLEWARES = {
    # HTTPERROR_ALLOW_ALL: every status reaches the callbacks anyway.
    "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware": None,
    # The spider sets the Referer of every request it yields; the referrer
    # policy is still applied on redirects (see crawler.referer).
    "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
    "crawler.referer.RedirectRefererMiddleware": 700,
    # TrapGuard rejects URLs longer than MAX_URL_LENGTH before a request exists.
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    # The spider counts depth itself (paging is not a level); DEPTH_LIMIT is 0.
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    # A development lint on copied meta keys.
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}


def downloader_middlewares(job: CrawlJob) -> dict[str, Any]:
    mws: dict[str, Any] = {**_UNUSED_DOWNLOADER_MIDDLEWARES,
                           "crawler.metarefresh.QuickMetaRefreshMiddleware": 580,
                           "crawler.compressed.PlainCompressedResponse": 595}
    # Proxies come from the environment (http_proxy, https_proxy …): the
    # middleware stays when one is set.
    proxies = urllib.request.getproxies()
    if not any(k in proxies for k in ("http", "https")):
        mws["scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware"] = None
    # Byte and status counters, only read in the DEBUG stats dump.
    if job.log_level != "DEBUG":
        mws["scrapy.downloadermiddlewares.stats.DownloaderStats"] = None
    return mws


def _browser_hosts(job: CrawlJob, unit: UnitJob) -> dict[str, str] | None:
    """With a configured DNS server: the unit's hosts -> first address it returned."""
    urls = [unit.unit.base_url, *unit.unit.entry_urls, *unit.unit.scope_prefixes]
    from crawler.browser import resolved_hosts
    return resolved_hosts(urls, job.resolver, unit.scope.allowed_hosts)


def unit_settings(job: CrawlJob, unit: UnitJob) -> dict[str, Any]:
    pol, scope = unit.politeness, unit.scope
    s: dict[str, Any] = {
        **process_settings(job),
        "BOT_NAME": "zwgk-audit",
        "USER_AGENT": pol.user_agent,
        "ROBOTSTXT_OBEY": pol.obey_robots,
        "CONCURRENT_REQUESTS": max(8, pol.concurrency_per_host * 2),
        "CONCURRENT_REQUESTS_PER_DOMAIN": max(1, pol.concurrency_per_host),
        "DOWNLOAD_DELAY": pol.delay,
        "DOWNLOAD_TIMEOUT": pol.timeout or 20.0,
        "RETRY_TIMES": pol.retries,
        "COOKIES_ENABLED": True,
        "HTTPERROR_ALLOW_ALL": True,
        "DEPTH_LIMIT": 0,                          # the spider counts depth (paging is not a level)
        "DEPTH_STATS_VERBOSE": False,
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",   # breadth first
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "URLLENGTH_LIMIT": MAX_URL_LENGTH + 100,
        # Bodies are cut by BodyLimit (keeps status/headers); Scrapy's own
        # limit only guards decompression bombs and absurd Content-Lengths.
        "ZWGK_MAX_BODY_BYTES": scope.max_body_bytes,
        "DOWNLOAD_MAXSIZE": scope.max_body_bytes * 4 + 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 0,
        "CLOSESPIDER_TIMEOUT": unit.time_limit or 0,
        # Off, and left out of the base list: Scrapy imports every listed
        # component to read the list, even one set to None, and the remote
        # control imports aiohttp (~0.1 s of every worker's start).
        "EXTENSIONS_BASE": {k: v for k, v in _SCRAPY_EXTENSIONS_BASE.items() if k not in _NO_EXTENSIONS},
        "EXTENSIONS": {
            "crawler.bodylimit.BodyLimit": 100,
            "crawler.progress.ProgressReporter": 500,
        },
        "DOWNLOADER_MIDDLEWARES": downloader_middlewares(job),
        "SPIDER_MIDDLEWARES": SPIDER_MIDDLEWARES,
        # The User-Agent goes with the default headers (one middleware less).
        "DEFAULT_REQUEST_HEADERS": {**DEFAULT_REQUEST_HEADERS,
                                    **({"User-Agent": pol.user_agent} if pol.user_agent else {})},
        "ITEM_PIPELINES": {"crawler.pipelines.StorePipeline": 300},
        # A callback yields one page and its links; Scrapy starts this many
        # tasks per response to handle them (default 100), for a pipeline
        # that is synchronous anyway.
        "CONCURRENT_ITEMS": 8,
        # Scrapy re-reads the callback's source (inspect + ast) to lint it for
        # `return value` in generators; our callbacks are fixed.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        "ZWGK_STORE": job.store,
        "ZWGK_RUN_ID": job.run_id,
        "ZWGK_UNIT_ID": unit.unit.id,
        "ZWGK_PROGRESS_INTERVAL": job.progress_interval,
        "ZWGK_STORE_BATCH": 200,
        "ZWGK_STORE_FLUSH_SECONDS": min(0.5, job.progress_interval or 0.5),
    }
    if scope.render != "never":
        from crawler import browser     # Playwright is imported only when it may be used
        handler = "crawler.browser.LazyPlaywrightHandler"
        s.update({
            "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
            "PLAYWRIGHT_BROWSER_TYPE": "chromium",
            "PLAYWRIGHT_LAUNCH_OPTIONS": browser.launch_options(pol.timeout, _browser_hosts(job, unit)),
            "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": int((pol.timeout or 20.0) * 1000),
            "PLAYWRIGHT_MAX_CONTEXTS": 1,
            "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 2,
            "PLAYWRIGHT_ABORT_REQUEST": "crawler.browser.abort_request",
            "PLAYWRIGHT_CONTEXTS": {},
        })
    return s
