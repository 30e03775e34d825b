"""Item pipeline: write each page and its links to the store as it comes,
so an interrupted crawl keeps what it fetched; write the unit's stats when
the spider closes."""

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
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        s = crawler.settings
        self.store_path = s.get("ZWGK_STORE")
        self.run_id = s.get("ZWGK_RUN_ID")
        self.unit = s.get("ZWGK_UNIT_ID")
        self.store: Store | None = None
        self.stats = CrawlStats(unit=self.unit)
        self._t0 = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        pipe = cls(crawler)
        # spider_closed carries the finish reason; close_spider comes earlier.
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self, spider: Spider | None = None) -> None:
        self.store = Store(self.store_path)
        self._t0 = time.monotonic()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, PageRecord) or self.store is None:
            return item
        page = item.page
        self.store.add_page(self.run_id, page)
        self.store.add_links(self.run_id, item.links)
        st = self.stats
        st.pages += 1
        st.errors += int(not page.ok)
        st.rendered += int(page.rendered)
        st.bytes += page.size
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        st = self.stats
        st.seconds = round(time.monotonic() - self._t0, 2)
        own = getattr(spider, "stopped_by", "")
        st.stopped_by = own or _REASONS.get(reason, reason or "finished")
        if reason and reason != "finished" and own:
            st.stopped_by = _REASONS.get(reason, reason)   # a timeout beats a reached limit
        st.extra = dict(getattr(spider, "summary", lambda: {})())
        if self.store is not None:
            self.store.set_stats(self.run_id, st)
            self.store.close()
            self.store = None
        emit("stats", {"unit": st.unit, "pages": st.pages, "errors": st.errors, "rendered": st.rendered,
                       "bytes": st.bytes, "seconds": st.seconds, "stopped_by": st.stopped_by, "extra": st.extra})
