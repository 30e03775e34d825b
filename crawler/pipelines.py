"""Item pipeline: write pages and their links to the store as they come,
so an interrupted crawl keeps what it fetched; write the unit's stats when
the spider closes.

Pages are written in batches, one transaction each (a commit per page was a
good part of the crawl's time): a batch is written when it holds
``ZWGK_STORE_BATCH`` pages, when ``ZWGK_STORE_FLUSH_SECONDS`` have passed
since the last write (also checked by a timer, so a slow site does not hold
pages back), and when the spider closes.  A worker killed outright loses at
most that last fraction of a second; any orderly stop (SIGTERM, Ctrl-C, a
closing spider, an exception in a callback) writes everything.
"""

from __future__ import annotations

import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.progress import emit
from crawler.record import PageRecord
from zwgk_audit.model import CrawlStats
from zwgk_audit.store import Store

_REASONS = {"finished": "finished", "closespider_timeout": "timeout", "closespider_pagecount": "max_pages",
            "closespider_itemcount": "max_pages", "shutdown": "interrupted", "cancelled": "interrupted"}


class StorePipeline:
    clock: Any = None          # the timer's IReactorTime; None = the reactor (tests set a Clock)

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        s = crawler.settings
        self.store_path = s.get("ZWGK_STORE")
        self.run_id = s.get("ZWGK_RUN_ID")
        self.unit = s.get("ZWGK_UNIT_ID")
        self.batch_size = max(1, s.getint("ZWGK_STORE_BATCH", 200))
        self.flush_seconds = max(0.0, s.getfloat("ZWGK_STORE_FLUSH_SECONDS", 0.5))
        self.store: Store | None = None
        self.stats = CrawlStats(unit=self.unit)
        self._t0 = time.monotonic()
        self._pending: list[PageRecord] = []
        self._last_flush = self._t0
        self._timer: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        pipe = cls(crawler)
        # spider_closed carries the finish reason; close_spider comes earlier.
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self, spider: Spider | None = None) -> None:
        self.store = Store(self.store_path)
        self._t0 = self._last_flush = time.monotonic()
        if self.flush_seconds > 0:
            from twisted.internet import task
            self._timer = task.LoopingCall(self._tick)
            if self.clock is not None:
                self._timer.clock = self.clock
            self._timer.start(self.flush_seconds, now=False)

    def _tick(self) -> None:
        if self._pending and time.monotonic() - self._last_flush >= self.flush_seconds:
            self.flush()

    def flush(self) -> None:
        """Write the pending pages (one transaction)."""
        self._last_flush = time.monotonic()
        if not self._pending or self.store is None:
            return
        pending, self._pending = self._pending, []
        self.store.add_records(self.run_id, ((r.page, r.links) for r in pending))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, PageRecord) or self.store is None:
            return item
        page = item.page
        self._pending.append(item)
        st = self.stats
        st.pages += 1
        st.errors += int(not page.ok)
        st.rendered += int(page.rendered)
        st.bytes += page.size
        if len(self._pending) >= self.batch_size or time.monotonic() - self._last_flush >= self.flush_seconds:
            self.flush()
        return item

    def close_spider(self, spider: Spider | None = None) -> None:
        self._stop_timer()
        self.flush()

    def _stop_timer(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        self._timer = None

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self._stop_timer()
        st = self.stats
        st.seconds = round(time.monotonic() - self._t0, 2)
        own = getattr(spider, "stopped_by", "")
        st.stopped_by = own or _REASONS.get(reason, reason or "finished")
        if reason and reason != "finished" and own:
            st.stopped_by = _REASONS.get(reason, reason)   # a timeout beats a reached limit
        st.extra = dict(getattr(spider, "summary", lambda: {})())
        if self.store is not None:
            self.flush()
            self.store.set_stats(self.run_id, st)
            self.store.close()
            self.store = None
        emit("stats", {"unit": st.unit, "pages": st.pages, "errors": st.errors, "rendered": st.rendered,
                       "bytes": st.bytes, "seconds": st.seconds, "stopped_by": st.stopped_by, "extra": st.extra})
