"""``crawl()``: the pipeline's entry to the crawler.

Scrapy runs in a child process (``python -m crawler.worker``) because the
Twisted reactor cannot be restarted in one process, and the pipeline, tests
and demo crawl several times.  Progress comes back as JSON lines on the
child's stdout; pages, links and stats go straight into the store, so a
crash keeps whatever was fetched before it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path
from typing import Callable

from crawler.jobspec import job_from_config
from crawler.progress import CrawlProgress, parse_line
from zwgk_audit.config import AuditConfig
from zwgk_audit.model import CrawlStats
from zwgk_audit.store import Store

__all__ = ["crawl", "CrawlError", "CrawlProgress"]

_TAIL_LINES = 40


class CrawlError(RuntimeError):
    """The crawl worker failed; ``stderr_tail`` holds its last words."""

    def __init__(self, message: str, *, returncode: int | None = None, stderr_tail: str = "") -> None:
        super().__init__(f"{message}\n--- crawler stderr (tail) ---\n{stderr_tail}" if stderr_tail else message)
        self.returncode = returncode
        self.stderr_tail = stderr_tail


def crawl(config: AuditConfig, store_path: Path, run_id: str, *,
          progress: Callable[[CrawlProgress], None] | None = None,
          units: list[str] | None = None,
          time_limit: float = 0.0,
          log_level: str = "WARNING",
          resolver_class: str = "",
          python: str | None = None) -> dict[str, CrawlStats]:
    """Crawl the config's units (or ``units``) into ``run_id`` of the store.

    ``time_limit`` bounds each unit's crawl (seconds, 0 = none);
    ``resolver_class`` overrides the Scrapy DNS resolver class path.
    Raises ``CrawlError`` if the worker dies or a unit's crawl fails.
    """
    job = job_from_config(config, Path(store_path).resolve(), run_id, units, time_limit=time_limit,
                          log_level=log_level, resolver_class=resolver_class)
    if not job.units:
        return {}
    with tempfile.TemporaryDirectory(prefix="zwgk-crawl-") as tmp:
        job_file = Path(tmp) / "job.json"
        job.write(job_file)
        stderr_path = Path(tmp) / "stderr.log"
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        env.setdefault("PYTHONIOENCODING", "utf-8")
        cmd = [python or sys.executable, "-m", "crawler.worker", "--job", str(job_file)]
        with open(stderr_path, "wb") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                                    cwd=str(Path(__file__).resolve().parent.parent), env=env)
            callback_error: list[BaseException] = []
            assert proc.stdout is not None
            try:
                for raw in proc.stdout:
                    msg = parse_line(raw.decode("utf-8", "replace").rstrip("\n"))
                    if msg is None or msg.get("type") != "progress" or progress is None:
                        continue
                    try:
                        progress(CrawlProgress.from_json(msg))
                    except BaseException as exc:   # a broken callback must not orphan the child
                        callback_error.append(exc)
                        proc.terminate()
                        break
            finally:
                try:
                    rc = proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    rc = proc.wait()
        tail = _tail(stderr_path)
        if callback_error:
            raise callback_error[0]
        if rc != 0:
            raise CrawlError(f"爬取进程异常退出 (crawler exited with code {rc})", returncode=rc, stderr_tail=tail)
    store = Store(store_path)
    try:
        stats = {s.unit: s for s in store.stats(run_id)}
    finally:
        store.close()
    wanted = [u.unit.id for u in job.units]
    missing = [u for u in wanted if u not in stats]
    if missing:
        raise CrawlError(f"爬取未产生统计 (no stats for units: {', '.join(missing)})", returncode=rc, stderr_tail=tail)
    return {u: stats[u] for u in wanted}


def _tail(path: Path, lines: int = _TAIL_LINES) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 64 * 1024))
            data = f.read()
    except OSError:
        return ""
    return "\n".join(deque(data.decode("utf-8", "replace").splitlines(), maxlen=lines))

