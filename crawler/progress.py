"""Progress of a crawl, sent by the worker as JSON lines on stdout.

Line types: ``{"type": "progress", ...CrawlProgress}`` while crawling and
``{"type": "stats", ...}`` when a unit is done.  Anything else on stdout is
ignored by the parent, so a stray print cannot break the protocol.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from dataclasses import dataclass
from typing import IO, Any, Mapping

from scrapy import signals
from scrapy.crawler import Crawler

PREFIX = "@@zwgk "     # marks protocol lines on the child's stdout


@dataclass(frozen=True)
class CrawlProgress:
    unit: str
    pages: int = 0
    errors: int = 0
    rendered: int = 0
    queued: int = 0
    current_url: str = ""
    done: bool = False

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "CrawlProgress":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def emit(kind: str, data: Mapping[str, Any], stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    out.write(PREFIX + json.dumps({"type": kind, **data}, ensure_ascii=False) + "\n")
    out.flush()


def parse_line(line: str) -> dict[str, Any] | None:
    if not line.startswith(PREFIX):
        return None
    try:
        d = json.loads(line[len(PREFIX):])
    except json.JSONDecodeError:
        return None
    return d if isinstance(d, dict) else None


class ProgressReporter:
    """Scrapy extension: counts recorded pages, reports at most every
    ZWGK_PROGRESS_INTERVAL seconds (and once at the end)."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.unit = crawler.settings.get("ZWGK_UNIT_ID", "")
        self.pages = self.errors = self.rendered = 0
        self.last_url = ""
        self._last = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ProgressReporter":
        ext = cls(crawler, crawler.settings.getfloat("ZWGK_PROGRESS_INTERVAL", 0.5))
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _queued(self) -> int:
        stats = self.crawler.stats
        return max(0, (stats.get_value("scheduler/enqueued", 0) or 0) - (stats.get_value("scheduler/dequeued", 0) or 0))

    def snapshot(self, done: bool = False) -> CrawlProgress:
        return CrawlProgress(self.unit, self.pages, self.errors, self.rendered, self._queued(), self.last_url, done)

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        page = getattr(item, "page", None)
        if page is None:
            return
        self.pages += 1
        self.errors += int(not page.ok)
        self.rendered += int(page.rendered)
        self.last_url = page.url
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            emit("progress", self.snapshot().to_json())

    def spider_closed(self, spider: Any, reason: str) -> None:
        emit("progress", self.snapshot(done=True).to_json())
