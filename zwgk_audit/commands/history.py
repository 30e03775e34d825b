"""``zwgk-audit history`` and ``zwgk-audit diff``: past runs in the store."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2


def _add_store_args(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--store", help="审计数据库文件（SQLite）")
    g.add_argument("--config", help="审计配置文件（TOML），使用其中的 store 设置")


def _store_path(args: argparse.Namespace) -> Path | None:
    if args.store:
        return Path(args.store)
    if args.config:
        from zwgk_audit.config import load_config
        return load_config(args.config).store          # ConfigError -> exit 2 in cli.main
    return None


def _open(args: argparse.Namespace):
    from zwgk_audit.store import Store, StoreError
    path = _store_path(args)
    if path is None:
        print("请用 --store 指定审计数据库，或用 --config 指定配置文件", file=sys.stderr)
        return None
    if not path.exists():
        print(f"审计数据库不存在：{path}", file=sys.stderr)
        return None
    try:
        return Store(path)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return None


def cmd_history(args: argparse.Namespace) -> int:
    from reports.history import load_history
    from zwgk_audit.model import STATUS_ORDER

    store = _open(args)
    if store is None:
        return EXIT_USAGE
    try:
        runs = {r["run_id"]: r for r in store.runs()}
        summaries = load_history(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps([s.to_json() | {"status": runs[s.run_id]["status"]} for s in summaries],
                         ensure_ascii=False, indent=1))
        return EXIT_OK
    if not summaries:
        print("数据库中还没有完成检查的审计批次")
        return EXIT_OK
    print(f"{'审计批次':<28}{'开始时间':<27}{'基准日':<12}{'单位':>4}  " + "  ".join(f"{s.label:>4}" for s in STATUS_ORDER))
    for s in summaries:
        print(f"{s.run_id:<32}{s.started_at:<31}{s.as_of:<15}{len(s.units):>4}  "
              + "  ".join(f"{s.counts.get(st.value, 0):>6}" for st in STATUS_ORDER))
    print(f"\n共 {len(summaries)} 次审计")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from reports.history import diff, load_history
    from zwgk_audit.store import StoreError

    store = _open(args)
    if store is None:
        return EXIT_USAGE
    try:
        try:
            store.run(args.run_a)
            store.run(args.run_b)
        except StoreError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_USAGE
        history = load_history(store)
        ids = [r.run_id for r in history]
        # History up to and including RUN_A dates persisting problems.
        past = history[: ids.index(args.run_a) + 1] if args.run_a in ids else []
        d = diff(store.findings(args.run_a), store.findings(args.run_b), previous_run=args.run_a,
                 current_run=args.run_b, history=past)
        names = {u.id: u.name for u in store.units(args.run_b) + store.units(args.run_a)}
    finally:
        store.close()
    if args.json:
        print(json.dumps(d.to_json(), ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"比较 {args.run_a} → {args.run_b}：新增问题 {len(d.new)}，已整改 {len(d.fixed)}，"
          f"仍未整改 {len(d.persisting)}，状态变化 {len(d.changed)}")
    sections = (("新增问题", d.new), ("已整改", d.fixed), ("仍未整改", d.persisting), ("状态变化", d.changed))
    for label, items in sections:
        if not items:
            continue
        print(f"\n{label}（{len(items)}）")
        for c in items:
            f = c.finding
            where = f.url + (f" [{f.key}]" if f.key else "")
            extra = ""
            if label == "仍未整改" and c.since:
                extra = f"（自 {c.since}）"
            elif label in ("已整改", "状态变化"):
                extra = f"（{c.previous.status.label if c.previous else ''} → {'未再出现' if c.now == 'absent' else c.now}）"
            print(f"  {names.get(f.unit, f.unit)}  {f.title or f.check_id}  {where}  {f.message}{extra}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("history", help="列出数据库中的历次审计")
    _add_store_args(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_history)

    p = subparsers.add_parser("diff", help="比较两次审计：新增、已整改、仍未整改的问题")
    p.add_argument("run_a", metavar="RUN_A", help="较早的审计批次")
    p.add_argument("run_b", metavar="RUN_B", help="较晚的审计批次")
    _add_store_args(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_diff)
