"""``python -m plans regenerate [--sources DIR]``: rewrite plans/data/*.json
from the plan files (the shipped catalogs are produced only this way)."""

from __future__ import annotations

import argparse
from pathlib import Path

from plans.catalog import regenerate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m plans")
    ap.add_argument("action", choices=["regenerate"])
    ap.add_argument("--sources", type=Path, default=None, help="目录：计划原文（默认 plans/sources）")
    args = ap.parse_args(argv)
    for path in regenerate(args.sources):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
