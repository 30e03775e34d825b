"""SQLite store: every run's snapshot (pages, links, probes) and findings.

One file holds the history of all runs, so diffs and trends need nothing
else.  Bodies are zlib-compressed and loaded on demand by the Snapshot.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import threading
import uuid
import zlib
from pathlib import Path
from typing import Any, Iterable, Mapping

from zwgk_audit.model import (
    CrawlStats, Finding, Link, LinkKind, Page, PageKind, Probe, Snapshot, Unit,
)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
    as_of TEXT, config_name TEXT, config_json TEXT, status TEXT NOT NULL DEFAULT 'running',
    summary_json TEXT
);
CREATE TABLE IF NOT EXISTS units (
    run_id TEXT NOT NULL, unit_id TEXT NOT NULL, data_json TEXT NOT NULL,
    PRIMARY KEY (run_id, unit_id)
);
CREATE TABLE IF NOT EXISTS pages (
    run_id TEXT NOT NULL, unit_id TEXT NOT NULL, url TEXT NOT NULL,
    final_url TEXT, status INTEGER, kind TEXT, title TEXT, content_type TEXT,
    size INTEGER, elapsed_ms REAL, encoding TEXT, declared_encoding TEXT,
    headers_json TEXT, depth INTEGER, referer TEXT, rendered INTEGER,
    fetched_at TEXT, error TEXT, truncated INTEGER, text_z BLOB, content_z BLOB,
    PRIMARY KEY (run_id, unit_id, url)
);
CREATE TABLE IF NOT EXISTS links (
    run_id TEXT NOT NULL, unit_id TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, text TEXT, kind TEXT, tag TEXT
);
CREATE INDEX IF NOT EXISTS links_run ON links (run_id, unit_id);
CREATE TABLE IF NOT EXISTS probes (
    run_id TEXT NOT NULL, unit_id TEXT NOT NULL, kind TEXT NOT NULL, target TEXT,
    ok INTEGER, error TEXT, measured_at TEXT, data_json TEXT
);
CREATE TABLE IF NOT EXISTS stats (
    run_id TEXT NOT NULL, unit_id TEXT NOT NULL, data_json TEXT NOT NULL,
    PRIMARY KEY (run_id, unit_id)
);
CREATE TABLE IF NOT EXISTS findings (
    run_id TEXT NOT NULL, seq INTEGER NOT NULL, unit_id TEXT, check_id TEXT,
    status TEXT, url TEXT, key TEXT, data_json TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);
"""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _z(data: bytes) -> bytes | None:
    return zlib.compress(data, 3) if data else None


def _unz(blob: bytes | None) -> bytes:
    return zlib.decompress(blob) if blob else b""


class StoreError(RuntimeError):
    pass


class Store:
    """Thread-safe enough for the crawler (one writer connection under a lock)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: 不是可用的审计数据库 (SQLite): {exc}") from None
        self._lock = threading.Lock()
        row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{path}: 数据库版本 {row[0]} 比本工具支持的 {SCHEMA_VERSION} 新，请升级 zwgk-audit")

    def close(self) -> None:
        self._db.close()

    # -- writing a run
    def begin_run(self, units: Iterable[Unit], config: Mapping[str, Any] | None = None,
                  config_name: str = "", run_id: str | None = None) -> str:
        run_id = run_id or _dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT INTO runs (run_id, started_at, config_name, config_json) VALUES (?,?,?,?)",
                (run_id, _now(), config_name, json.dumps(config or {}, ensure_ascii=False, default=str)))
            for u in units:
                self._db.execute("INSERT INTO units VALUES (?,?,?)",
                                 (run_id, u.id, json.dumps(_unit_json(u), ensure_ascii=False)))
            self._db.execute("COMMIT")
        return run_id

    @staticmethod
    def _page_row(run_id: str, page: Page) -> tuple[Any, ...]:
        return (
            run_id, page.unit, page.url, page.final_url, page.status, page.kind.value, page.title,
            page.content_type, page.size, page.elapsed_ms, page.encoding, page.declared_encoding,
            json.dumps(dict(page.headers), ensure_ascii=False), page.depth, page.referer,
            int(page.rendered), page.fetched_at, page.error, int(page.truncated),
            _z(page.text.encode("utf-8")), _z(page.content),
        )

    @staticmethod
    def _link_rows(run_id: str, links: Iterable[Link]) -> list[tuple[Any, ...]]:
        return [(run_id, l.unit, l.source, l.target, l.text, l.kind.value, l.tag) for l in links]

    _PAGE_SQL = "INSERT OR REPLACE INTO pages VALUES (" + ",".join("?" * 21) + ")"
    _LINK_SQL = "INSERT INTO links VALUES (?,?,?,?,?,?,?)"

    def add_page(self, run_id: str, page: Page) -> None:
        row = self._page_row(run_id, page)
        with self._lock:
            self._db.execute(self._PAGE_SQL, row)

    def add_links(self, run_id: str, links: Iterable[Link]) -> None:
        rows = self._link_rows(run_id, links)
        if rows:
            with self._lock:
                self._db.executemany(self._LINK_SQL, rows)

    def add_records(self, run_id: str, records: Iterable[tuple[Page, Iterable[Link]]]) -> int:
        """Pages with their links, in one transaction (all or nothing).
        The crawler writes in such batches: one commit per batch instead of
        two per page.  Returns the number of pages written."""
        pages: list[tuple[Any, ...]] = []
        links: list[tuple[Any, ...]] = []
        for page, page_links in records:
            pages.append(self._page_row(run_id, page))
            links += self._link_rows(run_id, page_links)
        if not pages and not links:
            return 0
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany(self._PAGE_SQL, pages)
                if links:
                    self._db.executemany(self._LINK_SQL, links)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return len(pages)

    def add_probe(self, run_id: str, probe: Probe) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO probes VALUES (?,?,?,?,?,?,?,?)",
                (run_id, probe.unit, probe.kind, probe.target, int(probe.ok), probe.error,
                 probe.measured_at or _now(), json.dumps(dict(probe.data), ensure_ascii=False, default=str)))

    def set_stats(self, run_id: str, stats: CrawlStats) -> None:
        data = {k: getattr(stats, k) for k in ("pages", "errors", "rendered", "bytes", "seconds", "stopped_by", "extra")}
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO stats VALUES (?,?,?)",
                             (run_id, stats.unit, json.dumps(data, ensure_ascii=False, default=str)))

    def finish_run(self, run_id: str, status: str = "complete") -> None:
        with self._lock:
            self._db.execute("UPDATE runs SET finished_at=?, status=? WHERE run_id=?", (_now(), status, run_id))

    def save_findings(self, run_id: str, findings: Iterable[Finding], as_of: str,
                      summary: Mapping[str, Any] | None = None) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM findings WHERE run_id=?", (run_id,))
            self._db.executemany(
                "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?)",
                [(run_id, i, f.unit, f.check_id, f.status.value, f.url, f.key,
                  json.dumps(f.to_json(), ensure_ascii=False)) for i, f in enumerate(findings)])
            self._db.execute("UPDATE runs SET as_of=?, summary_json=? WHERE run_id=?",
                             (as_of, json.dumps(summary or {}, ensure_ascii=False, default=str), run_id))
            self._db.execute("COMMIT")

    # -- reading
    def runs(self) -> list[dict[str, Any]]:
        cur = self._db.execute(
            "SELECT run_id, started_at, finished_at, as_of, config_name, status, summary_json "
            "FROM runs ORDER BY started_at, rowid")
        out = []
        for run_id, started, finished, as_of, name, status, summary in cur.fetchall():
            out.append({"run_id": run_id, "started_at": started, "finished_at": finished,
                        "as_of": as_of, "config_name": name, "status": status,
                        "summary": json.loads(summary) if summary else {}})
        return out

    def run(self, run_id: str) -> dict[str, Any]:
        for r in self.runs():
            if r["run_id"] == run_id:
                return r
        raise StoreError(f"没有这个审计批次: {run_id}")

    def findings(self, run_id: str) -> list[Finding]:
        cur = self._db.execute("SELECT data_json FROM findings WHERE run_id=? ORDER BY seq", (run_id,))
        return [Finding.from_json(json.loads(r[0])) for r in cur.fetchall()]

    def config_of(self, run_id: str) -> dict[str, Any]:
        row = self._db.execute("SELECT config_json FROM runs WHERE run_id=?", (run_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    def units(self, run_id: str) -> list[Unit]:
        cur = self._db.execute("SELECT data_json FROM units WHERE run_id=? ORDER BY rowid", (run_id,))
        return [_unit_from_json(json.loads(r[0])) for r in cur.fetchall()]

    def stats(self, run_id: str) -> list[CrawlStats]:
        cur = self._db.execute("SELECT unit_id, data_json FROM stats WHERE run_id=?", (run_id,))
        return [CrawlStats(unit=u, **json.loads(d)) for u, d in cur.fetchall()]

    def _body(self, run_id: str, unit: str, url: str) -> tuple[str, bytes]:
        with self._lock:
            row = self._db.execute(
                "SELECT text_z, content_z FROM pages WHERE run_id=? AND unit_id=? AND url=?",
                (run_id, unit, url)).fetchone()
        if row is None:
            return "", b""
        return _unz(row[0]).decode("utf-8"), _unz(row[1])

    def snapshot(self, run_id: str) -> Snapshot:
        self.run(run_id)  # raises for an unknown run
        cols = ("unit_id, url, final_url, status, kind, title, content_type, size, elapsed_ms, encoding, "
                "declared_encoding, headers_json, depth, referer, rendered, fetched_at, error, truncated")
        pages = []
        for r in self._db.execute(f"SELECT {cols} FROM pages WHERE run_id=?", (run_id,)):
            pages.append(Page(
                unit=r[0], url=r[1], final_url=r[2] or r[1], status=r[3], kind=PageKind(r[4] or "other"),
                title=r[5] or "", content_type=r[6] or "", size=r[7] or 0, elapsed_ms=r[8] or 0.0,
                encoding=r[9] or "", declared_encoding=r[10] or "",
                headers=json.loads(r[11]) if r[11] else {}, depth=r[12] or 0, referer=r[13] or "",
                rendered=bool(r[14]), fetched_at=r[15] or "", error=r[16] or "", truncated=bool(r[17])))
        links = [Link(unit=r[0], source=r[1], target=r[2], text=r[3] or "", kind=LinkKind(r[4]), tag=r[5] or "a")
                 for r in self._db.execute(
                     "SELECT unit_id, source, target, text, kind, tag FROM links WHERE run_id=?", (run_id,))]
        probes = [Probe(unit=r[0], kind=r[1], target=r[2] or "", ok=bool(r[3]), error=r[4] or "",
                        measured_at=r[5] or "", data=json.loads(r[6]) if r[6] else {})
                  for r in self._db.execute(
                      "SELECT unit_id, kind, target, ok, error, measured_at, data_json FROM probes WHERE run_id=?",
                      (run_id,))]
        started = self.run(run_id)["started_at"]
        return Snapshot(self.units(run_id), pages, links, probes, self.stats(run_id), run_id=run_id,
                        started_at=started, body_loader=lambda unit, url: self._body(run_id, unit, url))


def _unit_json(u: Unit) -> dict[str, Any]:
    return {"id": u.id, "name": u.name, "base_url": u.base_url, "unit_name": u.unit_name,
            "level": u.level, "plan": u.plan, "entry_urls": list(u.entry_urls),
            "scope_prefixes": list(u.scope_prefixes)}


def _unit_from_json(d: Mapping[str, Any]) -> Unit:
    return Unit(id=d["id"], name=d["name"], base_url=d["base_url"], unit_name=d.get("unit_name", ""),
                level=d.get("level", ""), plan=d.get("plan", ""), entry_urls=tuple(d.get("entry_urls", ())),
                scope_prefixes=tuple(d.get("scope_prefixes", ())))
