"""Crawl throughput of zwgk-audit's crawler against peers, side by side.

Generates a simulated portal of ``--scale`` pages, serves it with nginx on
loopback, and crawls the county portal with:

- zwgk-audit's crawler (static pages only, ``render = "never"``, and ``auto``);
- GNU wget in recursive mode (Debian's wget), one connection;
- LinkChecker, when ``linkchecker`` is on PATH (``pip install linkchecker``);
  the server sends a ``LinkChecker`` header so it does not throttle itself.

Prints pages, seconds, pages/s and the ratio to zwgk-audit for each.  Not a
test: run it by hand, e.g. ``.venv/bin/python bench/crawl_throughput.py --scale 5000``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.generate import generate  # noqa: E402
from simulator.server import NginxServer, SiteSpec  # noqa: E402
from zwgk_audit.config import parse_config  # noqa: E402
from zwgk_audit.store import Store  # noqa: E402


@dataclass
class Run:
    tool: str
    pages: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def run_zwgk(base: str, work: Path, render: str, concurrency: int) -> Run:
    store_path = work / f"bench-{render}.sqlite"
    text = f"""
[audit]
name = "bench"
store = {json.dumps(str(store_path))}
obey_robots = false
max_pages = 1000000
max_depth = 50
concurrency_per_host = {concurrency}
render = "{render}"

[[unit]]
id = "county"
name = "示例县人民政府"
base_url = "{base}index.html"
scope_prefixes = ["{base}"]
"""
    from crawler.run import crawl

    config = parse_config(text, "bench.toml", work)
    store = Store(store_path)
    run_id = store.begin_run([u.unit for u in config.units])
    store.close()
    t0 = time.perf_counter()
    stats = crawl(config, store_path, run_id)
    seconds = time.perf_counter() - t0
    pages = sum(s.pages for s in stats.values())
    return Run(f"zwgk-audit (render={render})", pages, seconds)


def run_wget(base: str, work: Path) -> Run | None:
    if not shutil.which("wget"):
        return None
    target = work / "wget"
    t0 = time.perf_counter()
    proc = subprocess.run(
        ["wget", "--recursive", "--level=inf", "--no-parent", "--no-verbose", "-e", "robots=off",
         "--reject-regex", r"\?month=", "--directory-prefix", str(target), base + "index.html"],
        capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    pages = sum(1 for line in proc.stderr.splitlines() if " URL:" in line)
    return Run("wget --recursive", pages, seconds)


def run_linkchecker(base: str) -> Run | None:
    exe = shutil.which("linkchecker")
    if not exe:
        return None
    t0 = time.perf_counter()
    proc = subprocess.run([exe, "--no-status", "--threads", "10", "-o", "csv", "--ignore-url", r"\?month=",
                           base + "index.html"], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    pages = sum(1 for line in proc.stdout.splitlines() if line.startswith(("http://", "https://")) or ";http" in line)
    return Run("linkchecker --threads 10", pages, seconds)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=3000, help="pages in the simulated portal")
    ap.add_argument("--concurrency", type=int, default=16, help="zwgk-audit concurrency per host")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    try:
        t0 = time.perf_counter()
        gen = generate(work / "portal", seed=args.seed, scale=args.scale, as_of=dt.date.today(), defects=[])
        print(f"generated {gen.pages} pages ({gen.files} files) in {time.perf_counter() - t0:.1f}s")
        sites = [SiteSpec(name=name, root=gen.root(name), port=port,
                          extra_headers={"LinkChecker": "zwgk-bench"}) for name, port in gen.ports.items()]
        with NginxServer(sites, workdir=work / "nginx").start() as server:
            base = server.base_url("county")
            runs = [run_zwgk(base, work, "never", args.concurrency),
                    run_zwgk(base, work, "auto", args.concurrency),
                    run_wget(base, work), run_linkchecker(base)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    runs = [r for r in runs if r is not None]
    ref = runs[0].rate or 1.0
    print(f"\n{'tool':<34}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'vs zwgk':>9}")
    for r in runs:
        print(f"{r.tool:<34}{r.pages:>8}{r.seconds:>10.1f}{r.rate:>10.1f}{r.rate / ref:>8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
