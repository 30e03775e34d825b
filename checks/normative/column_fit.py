"""normative.column_fit: a 规范性文件 that carries the document's own markers
(an 有效性 field, or 行政规范性文件 written in its metadata) is listed in the
规范性文件 library, not only under a news (动态/新闻/要闻/资讯) column.

url = the document, key "".  warn when news column list pages link to it
and no 规范性文件 library page does (a reprint in 动态 beside the library
entry is fine: pass); pass when a library page lists it.  Documents no list
page of the unit links to are not judged.
"""

from __future__ import annotations

import re
from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_PLAN, column_label, library_pages, normative_documents
from zwgk_audit.model import Finding, LinkKind, PageKind, Status

META = CheckMeta(
    id="normative.column_fit",
    requires=("pages", "links"),       # site-level: the page command skips it
    title="规范性文件所在栏目",
    description="带有效性等规范性文件要素的文件应在规范性文件库中发布，而不是只放在新闻动态类栏目。",
    basis=(BASIS_PLAN,),
    requirement_kinds=("normative_docs",),
    suggestion="将该文件发布到（或同时发布到）规范性文件库，并标注各项规范性文件要素。",
    indicator="规范性文件",
)

NEWS = re.compile(r"动态|新闻|要闻|资讯|工作信息")
_MARKER = re.compile(r"(文件类型|文件类别|文种|类别|分类|性质)\s*[:：]?\s*(行政)?规范性文件")


def has_markers(doc) -> str:
    """Why the document shows it is a 规范性文件 on its own page ('' if it does not)."""
    if any(f.label for f in doc.meta.candidates("validity")):
        return "标注了有效性"
    if any(_MARKER.search(line) for line in doc.meta.lines if line not in doc.meta.body_lines):
        return "标注为行政规范性文件"
    return ""


def run(ctx: CheckContext) -> Iterator[Finding]:
    snap, unit = ctx.snapshot, ctx.unit.id
    docs = [(d, why) for d in normative_documents(ctx) if (why := has_markers(d))]
    if not docs:
        return
    libs = {p.url for p in library_pages(ctx)} | {p.final_url for p in library_pages(ctx)}
    listed_by: dict[str, set[str]] = {}
    for link in snap.links(unit):
        if link.kind == LinkKind.PAGE:
            listed_by.setdefault(link.target, set()).add(link.source)
    for d, why in docs:
        sources = listed_by.get(d.url, set()) | listed_by.get(d.page.final_url, set())
        in_lib = sorted(s for s in sources if s in libs)
        news = []
        for s in sorted(sources):
            p = snap.page(unit, s)
            if p is None or p.kind != PageKind.COLUMN or s in libs:
                continue
            label = column_label(ctx, p)
            if NEWS.search(label) and "规范性文件" not in label:
                news.append((s, label))
        details = {"document": d.label, "markers": why, "library_pages": in_lib[:5],
                   "news_columns": [{"url": s, "column": lab} for s, lab in news[:5]]}
        if in_lib:
            yield ctx.finding(Status.PASS, f"《{d.label}》在规范性文件库中列出。", url=d.url,
                              value=in_lib[0], details=details)
        elif news:
            yield ctx.finding(
                Status.WARN,
                f"《{d.label}》{why}，是规范性文件，却只发布在“{news[0][1].split(' ')[0]}”栏目，规范性文件库中没有列出。",
                url=d.url, value=news[0][0], snippet=news[0][1], expected="在规范性文件库中列出",
                details=details)


CHECK = Check(meta=META, run=run)
