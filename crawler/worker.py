"""The crawl child process: ``python -m crawler.worker --job FILE``.

Runs the units of the job one after another (units often share a host, so
sequential keeps per-host politeness true) in one Twisted reactor, writing
pages to the store as they come and progress lines to stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from crawler.jobspec import CrawlJob


def run(job: CrawlJob) -> int:
    # Scrapy's TLS modules call inspect.stack() at import time (deprecated
    # class aliases), which reads the source of every frame on the stack:
    # imported here, on a short stack, rather than by the engine deep inside
    # the running reactor, that costs ~0.1 s instead of ~0.3 s per worker.
    import scrapy.core.downloader.handlers.http11  # noqa: F401
    from scrapy.crawler import AsyncCrawlerProcess, Crawler
    from scrapy.utils.defer import deferred_from_coro
    from crawler.settings import process_settings, unit_settings
    from crawler.spider import AuditSpider

    process = AsyncCrawlerProcess(process_settings(job))   # installs the asyncio reactor
    from twisted.internet import reactor
    failures: list[str] = []

    async def crawl_all() -> None:
        for unit in job.units:
            crawler = Crawler(AuditSpider, unit_settings(job, unit))
            try:
                await process.crawl(crawler, job=unit)
            except Exception:
                failures.append(f"unit {unit.unit.id}:\n{traceback.format_exc()}")

    def done(result: object) -> None:
        if hasattr(result, "getTraceback"):
            failures.append(result.getTraceback())  # type: ignore[union-attr]
        if reactor.running:  # type: ignore[attr-defined]
            reactor.stop()  # type: ignore[attr-defined]

    reactor.callWhenRunning(lambda: deferred_from_coro(crawl_all()).addBoth(done))  # type: ignore[attr-defined]
    process.start(stop_after_crawl=False)
    for f in failures:
        sys.stderr.write(f + "\n")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m crawler.worker")
    ap.add_argument("--job", required=True, type=Path, help="JSON file written by crawler.run")
    args = ap.parse_args(argv)
    job = CrawlJob.read(args.job)
    profile = os.environ.get("ZWGK_CRAWL_PROFILE", "")
    if not profile:
        return run(job)
    # Developer aid: ZWGK_CRAWL_PROFILE=out.prof writes a cProfile of the
    # whole crawl (read it with ``python -m pstats out.prof``).
    import cProfile
    prof = cProfile.Profile()
    try:
        return prof.runcall(run, job)
    finally:
        prof.dump_stats(profile)


if __name__ == "__main__":
    sys.exit(main())
