"""columns.required: the columns the unit's plan requires exist, open and are
not empty.

For every ``column:<name>`` in ``ctx.requirements`` (the plan's clauses,
see plans/mapping: this check declares ``column:*``), look for the column
where the plan puts it — the home page (营商环境, 稳经济) or the home page
and the 政府信息公开 area — as a link whose text, or a column page whose
ColumnName/title, names it or a synonym (plans/data/column_synonyms.json).
"""

from __future__ import annotations


import json
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from checks.base import REG_GUIDE, Check, CheckContext, CheckMeta, reg
from zwgk_audit.model import Finding, LinkKind, Page, PageKind, Severity, Status

_COLUMN_NAME = re.compile(r"""<meta\s+name=["']ColumnName["']\s+content=["']([^"']*)["']""", re.I)
_PUNCT = re.compile(r"[\s“”\"'《》「」:：·|>]+")
_XXGK = re.compile(r"xxgk|gkmlpt|zwgk|/gk/|xxgkml", re.I)
_MAX_NAME = 24          # longer anchor texts are articles, not column names


@lru_cache(maxsize=1)
def synonyms() -> dict[str, dict]:
    text = resources.files("plans").joinpath("data/column_synonyms.json").read_text("utf-8")
    return json.loads(text)["columns"]


def _norm(s: str) -> str:
    return _PUNCT.sub("", s)


def names_for(column: str) -> tuple[str, str, tuple[str, ...]]:
    """(canonical, where, names that count)."""
    entry = synonyms().get(column, {})
    return column, entry.get("where", "xxgk"), (column, *entry.get("synonyms", ()))


def matches(name: str, accepted: Iterable[str]) -> bool:
    n = _norm(name)
    return bool(n) and len(n) <= _MAX_NAME and any(_norm(a) in n for a in accepted)


def _page(ctx: CheckContext, url: str) -> Page | None:
    page = ctx.snapshot.page(ctx.unit.id, url)
    if page is not None:
        return page
    return next((p for p in ctx.snapshot.pages(ctx.unit.id) if p.final_url == url), None)


def _xxgk_pages(ctx: CheckContext, home: Page) -> list[Page]:
    targets = {l.target for l in ctx.snapshot.links(ctx.unit.id, source=home.url)
               if "信息公开" in l.text or "政务公开" in l.text}
    return [p for p in ctx.snapshot.pages(ctx.unit.id)
            if p.url != home.url and (p.url in targets or _XXGK.search(p.url)
                                      or "信息公开" in p.title or "政务公开" in p.title)]


def _entries(ctx: CheckContext, page: Page, navigation: set[str], unit: str | None = None) -> int:
    return sum(1 for l in ctx.snapshot.links(unit or ctx.unit.id, source=page.url)
               if l.kind in (LinkKind.PAGE, LinkKind.ATTACHMENT, LinkKind.EXTERNAL)
               and l.target not in navigation and l.target != page.url and len(l.text.strip()) >= 2)


def _in_scope(ctx: CheckContext, url: str) -> bool:
    return any(url.startswith(p) for p in (ctx.unit.scope_prefixes or (ctx.unit.base_url,)))


def _crawled_elsewhere(ctx: CheckContext, url: str) -> Page | None:
    """The page as another audited unit crawled it (with its links), if any."""
    for uid in ctx.snapshot.units:
        if uid == ctx.unit.id:
            continue
        page = ctx.snapshot.page(uid, url)
        if page is not None and page.ok and any(True for _ in ctx.snapshot.links(uid, source=page.url)):
            return page
    return None


def _candidates(ctx: CheckContext, sources: list[Page], accepted: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(url, how it was found) of the places that name the column."""
    for src in sources:
        for l in ctx.snapshot.links(ctx.unit.id, source=src.url):
            if l.kind in (LinkKind.PAGE, LinkKind.EXTERNAL) and matches(l.text, accepted):
                yield l.target, f"{src.url} 上的链接「{l.text.strip()}」"
    for p in ctx.snapshot.pages(ctx.unit.id, PageKind.COLUMN):
        meta = _COLUMN_NAME.search(ctx.snapshot.text(p) or "")
        for name in ((meta.group(1) if meta else ""), p.title):
            if name and matches(name, accepted):
                yield p.url, f"栏目页「{name}」"
                break


def run(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.requirements is None:
        return
    columns = sorted(k.split(":", 1)[1] for k in ctx.requirements if k.startswith("column:"))
    if not columns:
        return
    home = ctx.snapshot.home(ctx.unit.id)
    # A department's column on a shared portal does not own the portal's home
    # page: home-page columns (营商环境, 稳经济) are the portal's duty.
    owns_home = ctx.unit.at_site_root
    for column in columns:
        canonical, where, accepted = names_for(column)
        label = "首页" if where == "home" else "首页或政府信息公开栏目"
        if where == "home" and not owns_home:
            yield ctx.finding(Status.NA, f"本单位为门户网站上的栏目，首页“{canonical}”专栏由门户网站主办单位设置",
                              url=ctx.unit.base_url, key=canonical)
            continue
        if home is None or not home.ok:
            yield ctx.finding(Status.UNKNOWN, f"快照中没有可用的首页，无法判定是否设有“{canonical}”栏目",
                              url=ctx.unit.base_url, key=canonical)
            continue
        sources = [home] + (_xxgk_pages(ctx, home) if where == "xxgk" else [])
        navigation = {l.target for l in ctx.snapshot.links(ctx.unit.id, source=home.url)}
        verdict: Finding | None = None
        for url, how in _candidates(ctx, sources, accepted):
            page = _page(ctx, url)
            if page is None:
                verdict = verdict or ctx.finding(
                    Status.UNKNOWN, f"找到“{canonical}”栏目（{how}），但栏目页未抓取，无法判定是否可访问",
                    url=url, key=canonical, value=how)
                continue
            if not page.ok:
                verdict = ctx.finding(
                    Status.FAIL, f"“{canonical}”栏目无法访问（{how}；HTTP {page.status or page.error}）",
                    url=url, key=canonical, value=str(page.status or ""), snippet=how,
                    suggestion=f"修复“{canonical}”栏目的链接或页面，确保可正常访问。")
                continue
            if page.kind in (PageKind.DETAIL, PageKind.ATTACHMENT, PageKind.ANNUAL_REPORT):
                continue        # an article whose headline names the column is not the column
            if not _in_scope(ctx, page.url):
                # Outside the unit's scope the crawl fetched the target for its
                # status only: judge its content where another unit crawled it,
                # else the column is the linked site's (e.g. the province's
                # 依申请公开系统) and an open link is what the unit owes.
                other = _crawled_elsewhere(ctx, page.url)
                if other is None:
                    verdict = ctx.finding(
                        Status.PASS, f"已设置“{canonical}”入口（{how}），链接至本单位范围外的页面且可访问，"
                                     "其内容由该网站负责", url=url, key=canonical, value=how)
                    break
                owner_home = ctx.snapshot.home(other.unit)
                owner_nav = ({owner_home.url} | {l.target for l in ctx.snapshot.links(other.unit, source=owner_home.url)}
                             if owner_home is not None else set())
                if _entries(ctx, other, owner_nav, other.unit) == 0:
                    verdict = ctx.finding(
                        Status.FAIL, f"“{canonical}”栏目为空栏目（{how}，该栏目属{ctx.snapshot.units[other.unit].name}），"
                                     "未发布任何信息", url=url, key=canonical, snippet=how,
                        suggestion=f"在“{canonical}”栏目发布相应信息，或按要求整合栏目。")
                    continue
                verdict = ctx.finding(Status.PASS, f"已设置“{canonical}”栏目且有内容（{how}，链接至"
                                                   f"{ctx.snapshot.units[other.unit].name}的栏目）",
                                      url=url, key=canonical, value=how)
                break
            if _entries(ctx, page, navigation) == 0:
                verdict = ctx.finding(
                    Status.FAIL, f"“{canonical}”栏目为空栏目（{how}），未发布任何信息",
                    url=url, key=canonical, snippet=how,
                    suggestion=f"在“{canonical}”栏目发布相应信息，或按要求整合栏目。")
                continue
            verdict = ctx.finding(Status.PASS, f"已设置“{canonical}”栏目且有内容（{how}）",
                                  url=url, key=canonical, value=how)
            break
        if verdict is None:
            if where == "xxgk" and len(sources) == 1:
                verdict = ctx.finding(
                    Status.UNKNOWN, f"首页未见“{canonical}”栏目，快照中也没有政府信息公开页面，无法判定",
                    url=home.url, key=canonical)
            else:
                verdict = ctx.finding(
                    Status.FAIL, f"{label}未找到“{canonical}”栏目（可接受的名称：{'、'.join(accepted)}）",
                    url=home.url, key=canonical, expected="、".join(accepted),
                    suggestion=f"按工作要点要求在{label}设置“{canonical}”栏目并保障内容。")
        yield verdict


CHECK = Check(
    meta=CheckMeta(
        id="columns.required",
        title="工作要点要求的栏目",
        description="按本单位适用的政务公开工作要点，检查要求设置的栏目（如营商环境、稳经济、公共企事业单位信息公开）"
                    "是否在首页或政府信息公开专栏中设置、能否访问、是否有内容。",
        severity=Severity.MAJOR,
        requires=("pages", "links"),
        basis=(reg(REG_GUIDE, "栏目设置"),),
        requirement_kinds=("column:*",),
        suggestion="按工作要点要求设置栏目并保障内容更新。",
        indicator="栏目建设",
    ),
    run=run,
)
