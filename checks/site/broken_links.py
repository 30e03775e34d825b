"""links.broken (错链断链): in-scope link targets that answered 4xx/5xx or failed.

Only targets the crawl fetched (a Page of the same unit exists) are judged;
targets on hosts outside the scope were never requested and are not judged.
Page resources (scripts, stylesheets) are left to other checks.

Findings: one ``fail`` per broken target URL (key ""), its evidence listing
the pages that link to it.  When nothing is broken, one ``pass`` on the home
URL keyed ``summary`` with the number of targets checked per kind; when
something is broken the same counts travel in each failure's details, so the
ground truth holds only per-target failures.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from checks.base import REG_GUIDE, REG_INSPECTION, Check, CheckContext, CheckMeta, reg
from checks.site._common import home_url, setting
from zwgk_audit.model import Finding, Link, LinkKind, Page, Status

META = CheckMeta(
    id="links.broken",
    title="错链断链",
    description="站内链接、附件和图片的目标应能正常打开；返回 4xx/5xx 或网络错误的目标即为错链断链。",
    requires=("pages", "links"),
    basis=(reg(REG_INSPECTION, "可用性", "首页及其他页面不存在错链断链；附件、图片可正常访问"),
           reg(REG_GUIDE, "", "及时检查和修复错链断链")),
    requirement_kinds=("links",),
    suggestion="修复或删除失效链接：恢复目标页面、附件或图片，或改为正确地址；无法恢复的应撤下链接并说明。",
    indicator="网站可用性",
)

KIND_LABELS = {"page": "页面", "attachment": "附件", "image": "图片"}
_JUDGED = {LinkKind.PAGE: "page", LinkKind.ATTACHMENT: "attachment", LinkKind.IMAGE: "image",
           LinkKind.EXTERNAL: "page"}


def _broken(page: Page) -> bool:
    return page.status is None or page.status >= 400


def _what(page: Page) -> str:
    if page.status is not None:
        return f"HTTP {page.status}"
    return f"网络错误：{page.error or '无响应'}"


def _counts_text(counts: Counter[str]) -> str:
    return "，".join(f"{KIND_LABELS[k]} {counts.get(k, 0)} 个" for k in KIND_LABELS)


def run(ctx: CheckContext) -> Iterable[Finding]:
    snap, unit = ctx.snapshot, ctx.unit.id
    max_sources = int(setting(ctx, "links.max_sources", 20))
    by_target: dict[str, list[Link]] = defaultdict(list)
    kind_of: dict[str, str] = {}
    for link in snap.links(unit):
        kind = _JUDGED.get(link.kind)
        if kind is None or snap.page(unit, link.target) is None:
            continue
        by_target[link.target].append(link)
        # a target linked both as <a> and <img> is reported by its strongest kind
        if kind_of.get(link.target) in (None, "page"):
            kind_of[link.target] = kind
    checked: Counter[str] = Counter(kind_of.values())
    broken: Counter[str] = Counter()
    failures: list[tuple[str, Page]] = []
    for target in by_target:
        page = snap.page(unit, target)
        assert page is not None
        if _broken(page):
            broken[kind_of[target]] += 1
            failures.append((target, page))

    home = snap.home(unit)
    counts = {"checked": dict(checked), "broken": dict(broken)}
    if not by_target:
        yield ctx.finding(Status.UNKNOWN, "本次采集没有可判定的站内链接目标（未抓取到任何链接目标），无法判定错链断链。",
                          url=home_url(ctx, home), key="summary", details=counts,
                          suggestion="检查采集范围和深度设置后重新采集。")
        return
    if not failures:
        yield ctx.finding(Status.PASS, f"已检查的链接目标均可正常访问（{_counts_text(checked)}）。",
                          url=home_url(ctx, home), key="summary", value="0", details=counts)
        return
    for target, page in sorted(failures):
        links = by_target[target]
        sources: list[dict[str, str]] = []
        seen: set[str] = set()
        for link in links:
            if link.source in seen:
                continue
            seen.add(link.source)
            if len(sources) < max_sources:
                sources.append({"url": link.source, "text": link.text, "tag": link.tag})
        kind = kind_of[target]
        first = sources[0]
        yield ctx.finding(
            Status.FAIL,
            f"{KIND_LABELS[kind]}链接无法访问（{_what(page)}），共 {len(seen)} 个页面链接到该地址，"
            f"如“{first['text'] or '（无文字）'}”（{first['url']}）。",
            url=target, value=_what(page), snippet=first["text"], expected="HTTP 2xx",
            details={"status": page.status, "error": page.error, "kind": kind,
                     "final_url": page.final_url, "sources": sources, "source_count": len(seen),
                     "counts": counts},
        )


CHECK = Check(meta=META, run=run)
