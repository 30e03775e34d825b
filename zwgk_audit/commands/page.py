"""``zwgk-audit page FILE_OR_URL``: what the audit reads from one page.

Prints the page kind, the metadata fields found (canonical name, raw label,
value, where found, hidden or not) and the findings of the 规范性文件 checks
run on a one-page snapshot.  Exit code: 0 nothing failed, 1 a check failed,
2 the input could not be read.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

from extract.encoding import decode_html
from extract.metadata import DocMetadata, extract_metadata
from extract.normative_labels import FIELD_NAMES_CN, REQUIRED_FIELDS
from zwgk_audit.model import Finding, Page, PageKind, Snapshot, Status, STATUS_ORDER, Unit

USER_AGENT = "zwgk-audit/0.1 (page command)"   # header values must be latin-1
UNIT_ID = "page"


class InputError(Exception):
    """The page could not be read (message in Chinese, for the user)."""


@dataclass(frozen=True)
class LoadedPage:
    url: str
    text: str
    encoding: str
    declared: str
    content_type: str
    status: int


def load(source: str, url: str = "", timeout: float = 20.0) -> LoadedPage:
    """Read a saved file or fetch a URL."""
    if source.startswith(("http://", "https://")):
        req = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                body = resp.read()
                ctype = resp.headers.get("Content-Type", "")
                status = resp.status
                final = resp.geturl()
        except urllib.error.HTTPError as exc:
            raise InputError(f"无法获取 {source}：服务器返回 HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise InputError(f"无法获取 {source}：{reason}") from exc
        dec = decode_html(body, ctype)
        return LoadedPage(url or final, dec.text, dec.encoding, dec.declared, ctype, status)
    path = Path(source)
    if not path.is_file():
        raise InputError(f"找不到文件：{source}")
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 {source}：{exc}") from exc
    dec = decode_html(body)
    return LoadedPage(url or path.resolve().as_uri(), dec.text, dec.encoding, dec.declared,
                      "text/html", 200)


def page_kind(url: str, content_type: str, text: str, meta: DocMetadata) -> PageKind:
    """The crawler's classification, except that a page showing a metadata
    block is read as a document whatever its links look like."""
    from extract.classify import classify

    kind = classify(url, content_type, text).kind
    if meta.block_found and kind in (PageKind.OTHER, PageKind.COLUMN):
        return PageKind.DETAIL
    return kind


def audit_page(loaded: LoadedPage, as_of: _dt.date, scope: str = "all",
               rendered: bool = False) -> tuple[PageKind, DocMetadata, list[Finding]]:
    """Run the 规范性文件 checks on a snapshot holding this one page."""
    from checks.registry import all_checks
    from checks.runner import run_checks

    meta = extract_metadata(loaded.text, url=loaded.url, rendered=rendered)
    kind = page_kind(loaded.url, loaded.content_type or "text/html", loaded.text, meta)
    host = urlsplit(loaded.url).netloc or "本地文件"
    unit = Unit(id=UNIT_ID, name=host, base_url=loaded.url)
    page = Page(unit=UNIT_ID, url=loaded.url, final_url=loaded.url, status=loaded.status, kind=kind,
                title=meta.heading, content_type=loaded.content_type or "text/html",
                size=len(loaded.text), encoding=loaded.encoding,
                declared_encoding=loaded.declared, rendered=rendered, text=loaded.text)
    snap = Snapshot([unit], [page])
    # Page-level checks only: site-level ones (library, list agreement) need links.
    checks = [c for c in all_checks()
              if c.meta.id.startswith("normative.") and "links" not in c.meta.requires]
    findings = run_checks(snap, as_of, settings={"normative_scope": scope}, checks=checks)
    findings.sort(key=lambda f: (STATUS_ORDER.index(f.status), f.check_id, f.key))
    return kind, meta, findings


def _fields_table(meta: DocMetadata) -> list[dict[str, Any]]:
    rows = []
    for f in meta.fields:
        rows.append({"field": f.field, "field_cn": FIELD_NAMES_CN.get(f.field, f.field),
                     "label": f.label, "raw": f.raw, "value": f.value, "where": f.where,
                     "hidden": f.hidden, "how_hidden": f.how_hidden})
    return rows


def _print_text(loaded: LoadedPage, kind: PageKind, meta: DocMetadata, findings: list[Finding],
                out: Any) -> None:
    w = out.write
    w(f"页面：{loaded.url}\n")
    w(f"编码：{loaded.encoding}（声明：{loaded.declared or '无'}）\n")
    w(f"页面类型：{kind.value}\n")
    if meta.parse_error:
        w(f"解析：{meta.parse_error}\n")
    w(f"元数据区块：{'有' if meta.block_found else '未发现'}"
      f"{'（整块隐藏）' if meta.block_hidden else ''}\n")
    if meta.spa:
        w("脚本渲染页面（AngularJS/Vue 模板）：" +
          ("静态HTML中的值不可见，需要浏览器渲染\n" if meta.needs_browser else "页面为渲染后的DOM\n"))
    if meta.heading:
        w(f"标题：{meta.heading}\n")
    if meta.column_name or meta.breadcrumb:
        w(f"栏目：{meta.column_name or '-'}；位置：{meta.breadcrumb or '-'}\n")
    w("\n字段：\n")
    if not meta.fields:
        w("  （未找到任何元数据字段）\n")
    for f in meta.fields:
        where = {"block": "元数据区", "title": "标题", "body": "正文", "comment": "HTML注释"}.get(f.where, f.where)
        hidden = f"，隐藏（{f.how_hidden}）" if f.hidden else ""
        label = f.label or "—"
        w(f"  {f.field:<15} {FIELD_NAMES_CN.get(f.field, f.field)}  标签“{label}”  值“{f.raw}”  [{where}{hidden}]\n")
    missing = [FIELD_NAMES_CN[n] for n in REQUIRED_FIELDS if not meta.value(n)]
    w(f"  缺少（读者看不到）：{'、'.join(missing) if missing else '无'}\n")
    w("\n检查结果：\n")
    if not findings:
        w("  （无：页面不是规范性文件，或没有可检查的内容）\n")
    for f in findings:
        key = f"[{f.key}]" if f.key else ""
        w(f"  {f.status.label:<4} {f.check_id}{key}：{f.message}\n")
        if f.status in (Status.FAIL, Status.WARN) and f.suggestion:
            w(f"       整改建议：{f.suggestion}\n")


def run(args: argparse.Namespace) -> int:
    try:
        as_of = _dt.date.fromisoformat(args.as_of) if args.as_of else _dt.date.today()
    except ValueError:
        print(f"错误：--as-of 日期格式应为 YYYY-MM-DD，收到“{args.as_of}”", file=sys.stderr)
        return 2
    try:
        loaded = load(args.source, args.url or "", timeout=args.timeout)
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    rendered = args.rendered
    kind, meta, findings = audit_page(loaded, as_of, scope=args.scope, rendered=rendered)
    if args.json:
        doc = {"url": loaded.url, "encoding": loaded.encoding, "declared_encoding": loaded.declared,
               "kind": kind.value, "as_of": as_of.isoformat(),
               "metadata": {"block_found": meta.block_found, "block_hidden": meta.block_hidden,
                            "spa": meta.spa, "needs_browser": meta.needs_browser,
                            "heading": meta.heading, "column_name": meta.column_name,
                            "breadcrumb": meta.breadcrumb, "parse_error": meta.parse_error,
                            "fields": _fields_table(meta),
                            "missing": [n for n in REQUIRED_FIELDS if not meta.value(n)]},
               "findings": [f.to_json() for f in findings]}
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(loaded, kind, meta, findings, sys.stdout)
    return 1 if any(f.status == Status.FAIL for f in findings) else 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "page", help="检查单个页面：提取元数据并运行规范性文件检查",
        description="读取保存的HTML文件或URL，显示提取的元数据字段和规范性文件检查结果。")
    p.add_argument("source", metavar="FILE_OR_URL", help="保存的HTML文件路径或 http(s) URL")
    p.add_argument("--url", help="文件对应的原始URL（用于结果中的地址）")
    p.add_argument("--json", action="store_true", help="以JSON输出")
    p.add_argument("--as-of", dest="as_of", help="判定基准日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--timeout", type=float, default=20.0, help="获取URL的超时秒数（默认20）")
    p.add_argument("--scope", choices=("all", "column"), default="all",
                   help="all：把带元数据的详情页当作规范性文件检查（默认）；column：按栏目判断")
    p.add_argument("--rendered", action="store_true",
                   help="页面是浏览器渲染后保存的DOM（脚本页面的值已填入）")
    p.set_defaults(func=run)


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry (the CLI discovers ``register``)."""
    parser = argparse.ArgumentParser(prog="zwgk-audit")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
