"""``zwgk-audit plans``: the plan catalogs — list, show, import, manual-template."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any, Iterable

EXIT_USAGE = 2


def _metas() -> list[Any]:
    from plans.catalog import registered_metas

    return registered_metas()


def summary(catalog: Any, metas: Iterable[Any]) -> dict[str, Any]:
    """Counts for one plan: clauses, website-verifiable (auto), covered by a present check."""
    from plans.apply import clause_checks

    metas = list(metas)
    auto = [c for c in catalog.clauses if c.mode == "auto"]
    covered = [c for c in catalog.clauses if clause_checks(c, metas)]
    return {"id": catalog.id, "aliases": list(catalog.plan.aliases), "title": catalog.title,
            "issuer": catalog.plan.issuer, "year": catalog.plan.year,
            "clauses": len(catalog.clauses), "auto": len(auto), "covered": len(covered)}


def cmd_list(args: argparse.Namespace) -> int:
    from plans.catalog import load_catalog, shipped_ids

    metas = _metas()
    rows = [summary(load_catalog(pid, metas), metas) for pid in shipped_ids()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"{'计划':<20} {'别名':<5} {'条款':>4} {'网站可核查':>6} {'已有检查':>6}  标题")
    for r in rows:
        print(f"{r['id']:<20} {'/'.join(r['aliases']):<5} {r['clauses']:>4} {r['auto']:>10} {r['covered']:>8}  {r['title']}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from plans.apply import clause_checks
    from plans.catalog import load_catalog

    metas = _metas()
    cat = load_catalog(args.plan, metas)
    if args.json:
        data = cat.to_json()
        for c, d in zip(cat.clauses, data["clauses"]):
            d["checks"] = list(clause_checks(c, metas))
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    p = cat.plan
    print(f"{p.title}（{p.id}）{p.issuer} {p.year}年 {p.doc_number}".strip())
    category = None
    for c in cat.clauses:
        if c.category != category:
            category = c.category
            print(f"\n{category}")
        checks = clause_checks(c, metas)
        mode = "人工核查" if c.mode == "manual" else ("自动：" + "、".join(checks) if checks else "网站可核查（暂无检查）")
        lead = "、".join(c.lead_units) + (f"（牵头）；配合：{'、'.join(c.cooperating_units)}" if c.cooperating_units else "")
        print(f"  {c.number:>3}. {c.short_text(70)}")
        print(f"       责任单位：{lead or '（未列明）'}  时限：{c.deadline.label or c.deadline.raw or '—'}  {mode}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from plans.build import build_catalog, slug
    from plans.catalog import dump
    from plans.model import Plan
    from plans.readers import PlanReadError, read_file

    src = Path(args.file)
    try:
        raw = read_file(src)
    except PlanReadError as exc:
        print(f"无法读取计划：{exc}", file=sys.stderr)
        return EXIT_USAGE
    year = args.year or raw.year
    if not year:
        print("无法从文件中确定计划年份，请用 --year 指定（无年份的日期按计划年份计算）", file=sys.stderr)
        return EXIT_USAGE
    title = args.title or raw.title or src.stem
    plan = Plan(id=args.id or slug(src.stem, year), title=title, issuer=args.issuer or raw.issuer,
                year=year, doc_number=raw.doc_number, source=src.name)
    cat = build_catalog(raw, plan, _metas())
    out = Path(args.out) if args.out else src.with_suffix(".catalog.json")
    out.write_text(dump(cat), "utf-8")
    auto = sum(c.mode == "auto" for c in cat.clauses)
    print(f"已写入 {out}：{len(cat.clauses)} 条任务，其中网站可核查 {auto} 条（版式 {raw.layout}）。"
          "请核对映射，必要时在条款的 override 中调整 checks/mode。")
    return 0


def cmd_manual_template(args: argparse.Namespace) -> int:
    from plans.catalog import load_catalog
    from plans.manual import manual_template

    text = manual_template(load_catalog(args.plan, _metas()), args.unit or "")
    if args.out:
        Path(args.out).write_text(text, "utf-8")
        print(f"已写入 {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("plans", help="政务公开工作要点：条款目录、映射、人工核查模板")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_list)
    sub = p.add_subparsers(dest="plans_action")

    s = sub.add_parser("show", help="显示一个计划的条款表（责任单位、时限、对应检查）")
    s.add_argument("plan", help="计划 id、别名（如 003）或目录 JSON 文件")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_show)

    s = sub.add_parser("import", help="读取计划文件（.txt/.docx/.xlsx），写出待审核的条款目录 JSON")
    s.add_argument("file")
    s.add_argument("--out", help="输出的目录 JSON（默认：与原文件同名 .catalog.json）")
    s.add_argument("--title")
    s.add_argument("--year", type=int)
    s.add_argument("--issuer")
    s.add_argument("--id", help="计划 id（默认由年份和文件名生成）")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("manual-template", help="生成人工核查记录模板（TOML），列出需人工核查的条款")
    s.add_argument("plan")
    s.add_argument("--unit", help="单位 id")
    s.add_argument("--out")
    s.set_defaults(func=cmd_manual_template)
