"""``zwgk-audit units import FILE.xlsx``: a unit list from Excel as [[unit]] TOML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2


def cmd_import(args: argparse.Namespace) -> int:
    from reports.import_units import UnitImportError, read_units

    try:
        res = read_units(args.file, sheet=args.sheet)
    except UnitImportError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    for w in res.warnings:
        print(f"注意：{w}", file=sys.stderr)
    text = res.toml()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"已写入 {len(res.units)} 个单位：{args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK if res.units else EXIT_USAGE


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("units", help="单位名单工具")
    sub = p.add_subparsers(dest="units_command", metavar="子命令")
    imp = sub.add_parser("import", help="从 Excel 单位名单生成配置文件中的 [[unit]] 表")
    imp.add_argument("file", help="Excel 文件（.xlsx），表头如 单位ID/单位名称/网站名称/网址/主办单位/适用方案")
    imp.add_argument("--sheet", help="工作表名称（默认：第一个能识别表头的工作表）")
    imp.add_argument("-o", "--output", help="写入文件（默认输出到屏幕）")
    imp.set_defaults(func=cmd_import)
    p.set_defaults(func=lambda args: (p.print_help(), EXIT_USAGE)[1])
