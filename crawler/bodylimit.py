"""Cut bodies at the size limit instead of failing the request.

Scrapy's DOWNLOAD_MAXSIZE cancels an oversized download and the response
(status, headers) is lost; an audit still needs to know that a 300 MB PDF
exists and answers 200.  This extension stops the transfer through the
``headers_received`` / ``bytes_received`` signals with ``StopDownload(fail=False)``,
so the callback gets the response with what arrived; the spider cuts it to
the limit and records ``truncated``.

Per-request meta:
``zwgk_headers_only``  stop right after the headers (images, link checks)
``zwgk_max_body``      limit for this request (default ZWGK_MAX_BODY_BYTES)
Sets ``zwgk_truncated`` in the meta when it cut a body.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import StopDownload


class BodyLimit:
    def __init__(self, limit: int, hard_limit: int) -> None:
        self.limit = limit
        self.hard_limit = hard_limit     # Scrapy's own DOWNLOAD_MAXSIZE, if set

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "BodyLimit":
        ext = cls(crawler.settings.getint("ZWGK_MAX_BODY_BYTES", 20 * 1024 * 1024),
                  crawler.settings.getint("DOWNLOAD_MAXSIZE", 0))
        crawler.signals.connect(ext.headers_received, signal=signals.headers_received)
        crawler.signals.connect(ext.bytes_received, signal=signals.bytes_received)
        return ext

    def _limit(self, request: Request) -> int:
        return int(request.meta.get("zwgk_max_body", self.limit))

    def headers_received(self, headers: Any, body_length: Any, request: Request, spider: Any) -> None:
        # Retries and redirects copy the meta: count each response afresh.
        request.meta["zwgk_bytes"] = 0
        request.meta["zwgk_truncated"] = False
        if request.meta.get("zwgk_headers_only"):
            raise StopDownload(fail=False)
        try:
            expected = int(body_length)
        except (TypeError, ValueError):
            expected = -1
        # Scrapy would cancel (and lose the response) above its hard limit
        # before any body byte reaches us: stop here and keep the headers.
        if expected > 0 and self.hard_limit and expected > self.hard_limit:
            request.meta["zwgk_truncated"] = True
            raise StopDownload(fail=False)

    def bytes_received(self, data: bytes, request: Request, spider: Any) -> None:
        got = request.meta.get("zwgk_bytes", 0) + len(data)
        request.meta["zwgk_bytes"] = got
        if got > self._limit(request):
            request.meta["zwgk_truncated"] = True
            raise StopDownload(fail=False)
