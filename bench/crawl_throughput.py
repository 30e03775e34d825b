"""Crawl throughput of zwgk-audit's crawler against peers, side by side.

Generates a simulated portal of ``--scale`` pages, serves it with nginx on
loopback, and crawls the county portal with:

- zwgk-audit's crawler (static pages only, ``render = "never"``, and ``auto``);
- GNU wget in recursive mode (Debian's wget), one connection;
- LinkChecker, when ``linkchecker`` is on PATH (``pip install linkchecker``);
  the server sends a ``LinkChecker`` header so it does not throttle itself.

Prints pages, seconds, pages/s and the ratio to zwgk-audit for each, and
for zwgk-audit the CPU seconds of the crawl worker, of this (parent)
process and of nginx's worker during the crawl: on a 2-core machine the
three compete, so CPU time per page is the number to watch.  Not a test:
run it by hand, e.g. ``.venv/bin/python bench/crawl_throughput.py --scale 5000``
(``--repeat 3`` keeps each zwgk-audit run's best wall time, ``--modes never``
skips the render=auto run, ``--no-peers`` skips wget/LinkChecker).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
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
    cpu_worker: float | None = None     # crawl child process, user+sys seconds
    cpu_parent: float | None = None     # this process during the crawl
    cpu_nginx: float | None = None      # nginx worker(s) during the crawl

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def _nginx_cpu(master_pid: int | None) -> float:
    """user+sys seconds of nginx's processes (master and workers)."""
    if not master_pid:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        if pid == master_pid or ppid == master_pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run_zwgk(base: str, work: Path, render: str, concurrency: int, nginx_pid: int | None = None,
             tag: str = "") -> Run:
    store_path = work / f"bench-{render}{tag}.sqlite"
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
    c_child, c_self, c_nginx = _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF), _nginx_cpu(nginx_pid)
    t0 = time.perf_counter()
    stats = crawl(config, store_path, run_id)
    seconds = time.perf_counter() - t0
    pages = sum(s.pages for s in stats.values())
    return Run(f"zwgk-audit (render={render})", pages, seconds,
               _cpu(resource.RUSAGE_CHILDREN) - c_child, _cpu(resource.RUSAGE_SELF) - c_self,
               _nginx_cpu(nginx_pid) - c_nginx)


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
    ap.add_argument("--repeat", type=int, default=1, help="zwgk-audit runs per mode; the fastest is shown")
    ap.add_argument("--modes", default="never,auto", help="zwgk-audit render modes to run (comma-separated)")
    ap.add_argument("--no-peers", action="store_true", help="skip wget and LinkChecker")
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
            nginx_pid = server._proc.pid if server._proc is not None else None
            runs: list[Run | None] = []
            for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
                tries = [run_zwgk(base, work, mode, args.concurrency, nginx_pid, f"-{i}")
                         for i in range(max(1, args.repeat))]
                if len(tries) > 1:
                    print(f"render={mode}: " + ", ".join(f"{t.rate:.0f}" for t in tries) + " pages/s")
                runs.append(min(tries, key=lambda t: t.seconds))
            if not args.no_peers:
                runs += [run_wget(base, work), run_linkchecker(base)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    runs = [r for r in runs if r is not None]
    ref = runs[0].rate or 1.0
    print(f"\n{'tool':<34}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'vs zwgk':>9}")
    for r in runs:
        print(f"{r.tool:<34}{r.pages:>8}{r.seconds:>10.1f}{r.rate:>10.1f}{r.rate / ref:>8.2f}x")
    timed = [r for r in runs if r.cpu_worker is not None]
    if timed:
        print(f"\n{'CPU seconds (user+sys)':<34}{'worker':>8}{'parent':>8}{'nginx':>8}{'total':>8}{'ms/page':>9}")
        for r in timed:
            total = (r.cpu_worker or 0) + (r.cpu_parent or 0) + (r.cpu_nginx or 0)
            print(f"{r.tool:<34}{r.cpu_worker:>8.2f}{r.cpu_parent:>8.2f}{r.cpu_nginx:>8.2f}{total:>8.2f}"
                  f"{1000 * total / max(1, r.pages):>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
