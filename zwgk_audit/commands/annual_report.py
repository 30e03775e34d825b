"""`zwgk-audit annual-report FILE_OR_URL`: check one 年度报告 before
publishing it — template, sections, tables as read, and the findings of the
annual_report checks run on a one-report snapshot."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from checks.registry import all_checks
from checks.runner import run_checks
from extract.annual_report import TABLE3_COLUMNS, sniff
from extract.encoding import decode_html
from zwgk_audit.model import STATUS_ORDER, Page, PageKind, Snapshot, Status, Unit

# Checks about the site's series of reports need more than one document.
_SERIES_ONLY = {"annual_report.presence", "annual_report.series", "annual_report.duplicates",
                "annual_report.carryover", "annual_report.stock"}


def register(subparsers) -> None:
    p = subparsers.add_parser("annual-report", help="检查一份政府信息公开工作年度报告（发布前自查）")
    p.add_argument("source", metavar="FILE_OR_URL", help=".html/.htm/.pdf/.docx/.txt 文件或网址")
    p.add_argument("--year", type=int, help="报告年度（默认从标题识别）")
    p.add_argument("--unit-name", default="", help="发布单位名称（默认从标题识别）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run)


def load(source: str, timeout: float = 20.0) -> tuple[bytes, str, str]:
    """(bytes, kind, url).  Raises ValueError with a Chinese message."""
    if source.startswith(("http://", "https://")):
        try:
            req = urllib.request.Request(source, headers={"User-Agent": "zwgk-audit"})
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                data = resp.read()
                ctype = resp.headers.get("Content-Type", "")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise ValueError(f"无法获取 {source}：{exc}") from exc
        return data, sniff(data, source, ctype), source
    path = Path(source)
    if not path.is_file():
        raise ValueError(f"文件不存在：{source}")
    suffix = path.suffix.lower()
    kinds = {".html": "html", ".htm": "html", ".shtml": "html", ".pdf": "pdf", ".docx": "docx", ".txt": "text"}
    if suffix not in kinds:
        raise ValueError(f"不支持的文件类型：{suffix or '无扩展名'}（支持 .html .htm .pdf .docx .txt）")
    return path.read_bytes(), kinds[suffix], path.resolve().as_uri()


def one_report_snapshot(data: bytes, kind: str, url: str, *, title: str = "",
                        unit_name: str = "") -> tuple[Snapshot, Unit]:
    """A snapshot holding just this report, as the crawler would have stored it."""
    unit = Unit(id="report", name=unit_name, base_url=url, unit_name=unit_name)
    if kind in ("html", "text"):
        text = decode_html(data).text
        if kind == "text":
            # Plain text goes through the HTML reader as preformatted lines.
            import html as _html
            text = "<html><body>" + "".join(f"<p>{_html.escape(line)}</p>" for line in text.splitlines()) + "</body></html>"
        page = Page(unit=unit.id, url=url, final_url=url, status=200, kind=PageKind.ANNUAL_REPORT,
                    title=title, content_type="text/html", text=text)
    else:
        ctype = "application/pdf" if kind == "pdf" else \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        page = Page(unit=unit.id, url=url, final_url=url, status=200, kind=PageKind.ANNUAL_REPORT,
                    title=title, content_type=ctype, content=data)
    return Snapshot([unit], [page]), unit


def run(args: argparse.Namespace) -> int:
    try:
        data, kind, url = load(args.source)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    title = ""
    if args.year or args.unit_name:
        title = f"{args.unit_name}{args.year or ''}年政府信息公开工作年度报告" if args.year else ""
    snapshot, unit = one_report_snapshot(data, kind, url, title=title, unit_name=args.unit_name)
    checks = [c for c in all_checks() if c.meta.id.startswith("annual_report.")
              and c.meta.id not in _SERIES_ONLY]
    findings = run_checks(snapshot, _dt.date.today(), checks=checks)
    from checks.annual_report.common import find_reports

    refs = find_reports(snapshot, unit.id)
    if not refs:
        print("错误：未能将该文件识别为年度报告。", file=sys.stderr)
        return 2
    report = refs[0].report
    if args.year and report.year is None:
        report.year = args.year
    findings.sort(key=lambda f: (STATUS_ORDER.index(f.status), f.check_id, f.key))
    if args.json:
        print(json.dumps({"report": report.to_json(), "findings": [f.to_json() for f in findings]},
                         ensure_ascii=False, indent=2))
    else:
        _print_text(report, findings)
    return 1 if any(f.status == Status.FAIL for f in findings) else 0


def _print_text(report, findings) -> None:
    out = print
    out(f"标题：{report.title or '（未识别）'}")
    out(f"年度：{report.year or '（未识别）'}  单位：{report.unit_name or '（未识别）'}  格式：{report.template}  来源：{report.source}")
    out("部分：" + ("、".join(report.sections) or "（未识别）"))
    if report.table2:
        out("\n二、主动公开政府信息情况")
        for r in report.table2:
            out(f"  {r.label}: " + "，".join(f"{h}={'' if v is None else v}" for h, v in zip(r.headers, r.values)))
    if report.table3:
        out("\n三、收到和处理政府信息公开申请情况")
        out("  " + "行".ljust(10) + " ".join(c[:4].rjust(6) for c in TABLE3_COLUMNS))
        for r in report.table3:
            out("  " + r.key.ljust(10) + " ".join(("" if v is None else str(v)).rjust(6 + 2) for v in r.values))
    if report.table4:
        out("\n四、行政复议、行政诉讼情况")
        for b in report.table4:
            out(f"  {b.name}: " + " ".join("" if v is None else str(v) for v in b.values))
    for p in report.problems:
        out(f"\n读取问题：{p.message}")
    out("\n检查结果：")
    shown = [f for f in findings if f.status != Status.PASS]
    for f in shown:
        out(f"  [{f.status.label}] {f.check_id} {f.key}：{f.message}")
        if f.suggestion:
            out(f"      建议：{f.suggestion}")
    passed = len(findings) - len(shown)
    out(f"  通过 {passed} 项，未通过或需关注 {len(shown)} 项。")
