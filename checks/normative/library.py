"""normative.library: the 规范性文件 library exists, is reachable from the
政府信息公开 area, and holds 规范性文件 only (其他文件 shown apart).

Keys: ``exists`` (url = the library, or the home page when absent),
``reachable`` (warn when no 政府信息公开 page links to it), ``separate``
(fail when documents without 文号 or 有效性 — 其他文件 — sit in the library).
"""

from __future__ import annotations

from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import (
    BASIS_37, BASIS_PLAN, column_label, library_pages, metadata, normative_documents,
)
from zwgk_audit.model import Finding, LinkKind, PageKind, Status

META = CheckMeta(
    id="normative.library",
    requires=("pages", "links"),       # site-level: the page command skips it
    title="规范性文件库设置",
    description="应设置规范性文件库（栏目），从政府信息公开专栏可以进入；规范性文件与其他文件分开展示。",
    basis=(BASIS_PLAN, BASIS_37),
    requirement_kinds=("normative_docs",),
    suggestion="在政府信息公开专栏设置规范性文件库，集中展示本单位规范性文件，与其他文件分栏。",
    indicator="规范性文件",
)


def run(ctx: CheckContext) -> Iterator[Finding]:
    libs = library_pages(ctx)
    home = ctx.unit.base_url
    if not libs:
        docs = normative_documents(ctx)
        if docs:
            yield ctx.finding(
                Status.FAIL, f"已采集到{len(docs)}份规范性文件，但未找到名为“规范性文件”的栏目（文件库）。",
                url=home, key="exists", details={"documents": [d.url for d in docs[:20]]})
        else:
            yield ctx.finding(Status.NA, "未发现规范性文件栏目或规范性文件，本单位可能不制发规范性文件。",
                              url=home, key="exists")
        return
    lib = libs[0]
    lib_urls = {p.url for p in libs} | {p.final_url for p in libs}
    yield ctx.finding(Status.PASS, f"规范性文件库：{column_label(ctx, lib)}（{lib.url}）。",
                      url=lib.url, key="exists", details={"pages": [p.url for p in libs]})

    sources = [l.source for l in ctx.snapshot.links(ctx.unit.id) if l.target in lib_urls and l.source not in lib_urls]
    if sources:
        entry = []
        for src in dict.fromkeys(sources):
            p = ctx.snapshot.page(ctx.unit.id, src)
            if p is not None and ("信息公开" in column_label(ctx, p)):
                entry.append(src)
        if entry:
            yield ctx.finding(Status.PASS, "政府信息公开专栏中有规范性文件库的入口。", url=lib.url,
                              key="reachable", details={"linked_from": entry[:10]})
        else:
            yield ctx.finding(
                Status.WARN, "规范性文件库只能从其他页面进入，政府信息公开专栏中未发现它的入口。",
                url=lib.url, key="reachable", details={"linked_from": list(dict.fromkeys(sources))[:10]},
                suggestion="在政府信息公开专栏（目录）中增加规范性文件库的入口。")

    others = []
    linked = 0
    for l in ctx.snapshot.links(ctx.unit.id):
        if l.source not in lib_urls or l.kind != LinkKind.PAGE:
            continue
        p = ctx.snapshot.page(ctx.unit.id, l.target)
        if p is None or p.kind != PageKind.DETAIL or not p.ok:
            continue
        linked += 1
        m = metadata(ctx, p)
        has_validity = any(f.label for f in m.candidates("validity"))
        if not m.block_found or has_validity:
            continue
        if m.value("doc_number") in ("", "无"):
            others.append({"url": p.url, "title": m.value("title") or m.heading})
    if not linked:
        return
    if others:
        yield ctx.finding(
            Status.FAIL,
            f"规范性文件库中混有{len(others)}份没有文号和有效性的文件（其他文件），未与规范性文件分开展示。",
            url=lib.url, key="separate", value=others[0]["url"], details={"documents": others[:20]},
            suggestion="将其他文件移至“其他文件”栏目，规范性文件库只收录规范性文件。")
    else:
        yield ctx.finding(Status.PASS, f"规范性文件库所链接的{linked}份文件均带有规范性文件要素。",
                          url=lib.url, key="separate")


CHECK = Check(meta=META, run=run)
