"""zwgk-audit command line.

Exit codes (documented in README):
  0  the audit ran and found nothing at or above --fail-on
  1  the audit found findings at or above --fail-on (a CI gate)
  2  usage or configuration error (bad TOML, unknown key, unreadable file)
  3  a stage could not run (the crawler crashed, the simulator did not start)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import json
import pkgutil
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_STAGE = 0, 1, 2, 3


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text!r}") from None


class Progress:
    """One status line on stderr, rewritten in place on a terminal."""

    def __init__(self, stream: Any = sys.stderr) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last = 0.0

    def __call__(self, event: Any) -> None:
        import time

        now = time.monotonic()
        if self.tty and now - self._last < 0.2:
            return
        self._last = now
        unit = getattr(event, "unit", "")
        pages = getattr(event, "pages", 0)
        errors = getattr(event, "errors", 0)
        rendered = getattr(event, "rendered", 0)
        line = f"[{unit}] 已抓取 {pages} 页，浏览器渲染 {rendered} 页，错误 {errors}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
        elif pages % 50 == 0:
            self.stream.write(line + "\n")
        self.stream.flush()

    def log(self, msg: str) -> None:
        if self.tty:
            self.stream.write("\r\x1b[2K")
        self.stream.write(msg + "\n")
        self.stream.flush()


def _fail_threshold(name: str) -> set[str]:
    return {"fail": {"fail"}, "warn": {"fail", "warn"}, "never": set()}[name]


def _print_summary(outcome: Any, out_dir: Path) -> None:
    from zwgk_audit.model import STATUS_ORDER

    result, files = outcome.result, outcome.report_files
    scores = getattr(files, "scores", {}) or {}
    header = f"{'单位':<16}{'得分':>6}  {'结论':<6}" + "".join(f"{s.label:>6}" for s in STATUS_ORDER)
    print(header)
    for unit in result.units:
        counts = {s: 0 for s in STATUS_ORDER}
        for f in result.findings:
            if f.unit == unit.id:
                counts[f.status] += 1
        sc = scores.get(unit.id)
        score = f"{sc.score:>6.1f}" if sc is not None and sc.score is not None else f"{'-':>6}"
        verdict = getattr(sc, "verdict", "") or "-"
        print(f"{unit.name[:15]:<16}{score}  {verdict:<6}" + "".join(f"{counts[s]:>8}" for s in STATUS_ORDER))
    diff = getattr(files, "diff", None)
    if diff is not None:
        print(f"\n与上次审计（{diff.previous_run}）相比：新增问题 {len(diff.new)}，已整改 {len(diff.fixed)}，"
              f"仍存在 {len(diff.persisting)}")
    print(f"\n审计批次：{outcome.run_id}")
    print(f"报告：{(out_dir / 'index.html').resolve()}")
    print(f"数据：{(out_dir / 'report.json').resolve()}")


def cmd_audit(args: argparse.Namespace) -> int:
    from zwgk_audit.config import load_config
    from zwgk_audit.pipeline import AuditOptions, run_audit

    config = load_config(args.config)
    out_dir = Path(args.out)
    progress = Progress()
    outcome = run_audit(config, AuditOptions(
        out_dir=out_dir, as_of=args.as_of, pdf=args.pdf, screenshots=args.screenshots,
        progress=progress, log=progress.log))
    _print_summary(outcome, out_dir)
    failing = _fail_threshold(args.fail_on)
    return EXIT_FINDINGS if any(f.status.value in failing for f in outcome.result.findings) else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from simulator.defects import DefectError
    from simulator.demo import start_demo
    from simulator.server import ServerError
    from zwgk_audit.groundtruth import compare_with_truth
    from zwgk_audit.config import parse_config
    from zwgk_audit.pipeline import AuditOptions, run_audit
    from checks.registry import all_checks

    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="zwgk-demo-"))
    progress = Progress()
    progress.log(f"启动模拟门户（种子 {args.seed}）……")
    defects = None if args.defects is None else [d.strip() for d in args.defects.split(",") if d.strip()]
    try:
        demo = start_demo(workdir, seed=args.seed, as_of=args.as_of, defects=defects,
                          port_base=args.port_base or None)
    except DefectError as exc:
        print(f"缺陷列表错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except ServerError as exc:
        print(f"模拟门户无法启动：{exc}", file=sys.stderr)
        return EXIT_STAGE
    with demo:
        # The store lives with the reports, so repeated demos build a history.
        store = (out_dir / "demo-audit.sqlite").resolve()
        text = re.sub(r'(?m)^store = .*$', "store = " + json.dumps(str(store), ensure_ascii=False),
                      demo.config_text, count=1)
        config_path = out_dir / "demo-audit.toml"
        config_path.write_text(text, encoding="utf-8")
        config = parse_config(text, str(config_path), out_dir.resolve())
        outcome = run_audit(config, AuditOptions(
            out_dir=out_dir, as_of=args.as_of, pdf=args.pdf, screenshots=not args.no_screenshots,
            progress=progress, log=progress.log))
        truth = demo.truth
    _print_summary(outcome, out_dir)
    implemented = {c.meta.id for c in all_checks()}
    diff = compare_with_truth(outcome.result.findings, truth, implemented)
    if diff.missing or diff.extra:
        print(f"\n与模拟器真值对比：漏报 {len(diff.missing)} 项，多报 {len(diff.extra)} 项")
        for item in diff.missing[:20]:
            print("  漏报", item)
        for item in diff.extra[:20]:
            print("  多报", item)
        return EXIT_FINDINGS
    print(f"\n与模拟器真值对比：一致（{len(diff.matched)} 项问题全部检出，无多报）")
    return EXIT_OK


def cmd_checks(args: argparse.Namespace) -> int:
    from checks.registry import all_checks

    rows = [c.meta for c in all_checks()]
    if args.json:
        print(json.dumps([{
            "id": m.id, "title": m.title, "description": m.description, "severity": m.severity.value,
            "requires": list(m.requires), "requirement_kinds": list(m.requirement_kinds),
            "basis": [b.to_json() for b in m.basis],
        } for m in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max((len(m.id) for m in rows), default=10) + 2
    for m in rows:
        basis = "；".join(b.source + (b.clause and f" {b.clause}") for b in m.basis)
        print(f"{m.id:<{width}}{m.title}  [{m.severity.value}]" + (f"  依据：{basis}" if basis else ""))
    print(f"\n共 {len(rows)} 项检查")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zwgk-audit", description="政务公开网站审计：按年度政务公开工作要点检查政府网站。")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser("audit", help="按配置文件审计各单位网站")
    p.add_argument("config", help="审计配置文件（TOML）")
    p.add_argument("--out", default="zwgk-report", help="报告输出目录（默认 zwgk-report）")
    p.add_argument("--as-of", type=_date, default=_dt.date.today(), help="评判日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--fail-on", choices=("fail", "warn", "never"), default="fail",
                   help="何种结论使退出码为 1（CI 门禁用，默认 fail）")
    p.add_argument("--pdf", action="store_true", help="同时生成各单位成绩单 PDF")
    p.add_argument("--screenshots", action="store_true", help="为问题页面截取证据截图")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("demo", help="启动内置模拟门户、审计并生成报告")
    p.add_argument("--out", default="demo-out", help="报告输出目录（默认 demo-out）")
    p.add_argument("--seed", type=int, default=7, help="模拟门户的随机种子")
    p.add_argument("--as-of", type=_date, default=_dt.date.today(), help="评判日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--workdir", help="模拟门户文件目录（默认临时目录）")
    p.add_argument("--no-pdf", dest="pdf", action="store_false", help="不生成各单位成绩单 PDF")
    p.add_argument("--no-screenshots", action="store_true", help="不截取证据截图")
    p.add_argument("--port-base", type=int, default=18081,
                   help="模拟门户使用的起始端口（默认 18081；固定端口使多次演示的结果可比较；0 表示随机端口）")
    p.add_argument("--defects", help="注入的缺陷，逗号分隔（默认全部示例缺陷；空字符串表示无缺陷；"
                   "python -m simulator defects 列出可用缺陷）")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("checks", help="列出全部检查项")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_checks)

    import zwgk_audit.commands as commands

    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"zwgk_audit.commands.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from zwgk_audit.config import ConfigError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\n已中断", file=sys.stderr)
        return 130
    except Exception as exc:
        from zwgk_audit.pipeline import StageError

        if isinstance(exc, StageError):
            print(f"无法完成：{exc}", file=sys.stderr)
            return EXIT_STAGE
        raise


if __name__ == "__main__":
    sys.exit(main())
