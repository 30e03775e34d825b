"""normative.library: the 规范性文件 library exists, is reachable from the
政府信息公开 area, and holds 规范性文件 only (其他文件 shown apart).

Keys: ``exists`` (url = the library, or the home page when absent),
``reachable`` (warn when no 政府信息公开 page links to it), ``separate``
(fail when documents without 文号 or 有效性 — 其他文件 — sit in the library),
``marked`` (fail when a 规范性文件 whose page shows 有效性 失效/废止 is listed
in the library in a row with no validity mark at all; pass when every such row
carries 失效/废止/已失效/已废止/作废, or the document is listed only on a
separate page titled 失效/废止文件; no finding when the library lists none),
``search`` (the library's 检索 box works: the crawler typed the title of a
library document into each GET search form of the library / 政府信息公开
pages and kept the result page (role ``search``, headers
``X-Zwgk-Search-Query/-Form/-Target``); pass when a result page links to
that document, fail when it does not or when those pages have no search
form at all (未提供检索功能), unknown when a form exists but no result page
was gathered).

``marked`` judges rows that show no validity word.  A row that shows one that
disagrees with the page ("有效" for a 废止 document) is a list/page
disagreement already reported by normative.list_agreement (key
``validity``), so it is not reported here again.  A 失效/废止 document that
sits in the library unmarked fails even when it is also on a 失效文件 page:
the current-documents list still shows it as current.
"""

from __future__ import annotations

import re
from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import (
    BASIS_37, BASIS_PLAN, _is_html, column_label, is_search_result, library_pages, metadata,
    normative_documents,
)
from extract.search_form import is_search_page_label, search_forms
from extract.normative_list import list_rows
from extract.validity import normalise_validity
from zwgk_audit.model import Finding, LinkKind, PageKind, Status

META = CheckMeta(
    id="normative.library",
    requires=("pages", "links"),       # site-level: the page command skips it
    title="规范性文件库设置",
    description="应设置规范性文件库（栏目），从政府信息公开专栏可以进入；规范性文件与其他文件分开展示；"
                "已失效、废止的文件应标注或单独列出。",
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
    yield from _marks(ctx, libs)
    yield from _search(ctx, libs)

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


_NOT_IN_FORCE = ("失效", "废止")
_APART = re.compile(r"失效|废止|作废")


def apart_pages(ctx: CheckContext) -> list:
    """List pages that show 失效/废止 documents apart (已失效/已废止规范性文件)."""
    out = []
    for page in ctx.snapshot.pages(ctx.unit.id):
        if not page.ok or not _is_html(page) or page.kind not in (PageKind.COLUMN, PageKind.OTHER):
            continue
        label = column_label(ctx, page)
        if "文件" in label and _APART.search(label) and "解读" not in label and not is_search_result(page):
            out.append(page)
    return sorted(out, key=lambda p: (len(p.url), p.url))


def _shows_not_in_force(mark: str) -> bool:
    return "作废" in mark or normalise_validity(mark) in _NOT_IN_FORCE


def _rows(ctx: CheckContext, page) -> list:
    return ctx.snapshot.derive("normative.list_rows", page, lambda p, t: list_rows(t, p.url))


def _marks(ctx: CheckContext, libs: list) -> Iterator[Finding]:
    """Key ``marked``: 失效/废止 documents are marked in the library or listed apart."""
    lib = libs[0]
    invalid = {}
    for d in normative_documents(ctx):
        v = normalise_validity(d.meta.value("validity"))
        if v in _NOT_IN_FORCE:
            invalid[d.page.url] = d
            invalid.setdefault(d.page.final_url, d)
    listed: dict[str, list] = {}
    for p in libs:
        for r in _rows(ctx, p):
            if r.url in invalid:
                listed.setdefault(invalid[r.url].url, []).append((p, r))
    apart: dict[str, list] = {}
    for p in apart_pages(ctx):
        for r in _rows(ctx, p):
            if r.url in invalid:
                apart.setdefault(invalid[r.url].url, []).append((p, r))
    unmarked, marked, shown_apart = [], [], []
    for url, d in {d.url: d for d in invalid.values()}.items():
        validity = d.meta.value("validity")
        if url in listed:
            bad = [(p, r) for p, r in listed[url] if not r.mark]
            if bad:
                p, r = bad[0]
                unmarked.append({"url": url, "title": d.label, "validity": validity,
                                 "list_url": p.url, "list_row": r.text[:200]})
            elif any(_shows_not_in_force(r.mark) for _, r in listed[url]):
                marked.append({"url": url, "title": d.label, "validity": validity,
                               "marks": sorted({r.mark for _, r in listed[url]})})
            # else: every row shows another validity ("有效"): normative.list_agreement's fact
        elif url in apart:
            shown_apart.append({"url": url, "title": d.label, "validity": validity,
                                "list_url": apart[url][0][0].url})
    if unmarked:
        first = unmarked[0]
        yield ctx.finding(
            Status.FAIL,
            f"规范性文件库中有{len(unmarked)}份失效或废止的文件未作任何标注，与现行有效文件混列"
            f"（如《{first['title']}》，文件页面有效性为“{first['validity']}”）。",
            url=lib.url, key="marked", value=first["url"], snippet=first["list_row"],
            expected="列表中标注“失效”或“废止”，或移至失效/废止文件栏目",
            details={"documents": unmarked[:20], "marked": len(marked), "listed_apart": len(shown_apart)},
            suggestion="在规范性文件库列表中为失效、废止的文件加注标识，或将其移至“已失效/已废止文件”栏目单独展示。")
    elif marked or shown_apart:            # nothing to judge otherwise: no finding
        yield ctx.finding(
            Status.PASS, f"规范性文件库中{len(marked)}份失效/废止文件已标注，{len(shown_apart)}份单独列出。",
            url=lib.url, key="marked", details={"marked": marked[:20], "listed_apart": shown_apart[:20]})


def _forms(ctx: CheckContext, page) -> list:
    return ctx.snapshot.derive("normative.search_forms", page,
                               lambda p, t: search_forms(t, p.final_url or p.url))


def _search(ctx: CheckContext, libs: list) -> Iterator[Finding]:
    """Key ``search``: a title typed into the library's search box finds the document."""
    lib = libs[0]
    form_pages = {p.url: p for p in libs}
    for p in ctx.snapshot.pages(ctx.unit.id):
        if (p.ok and _is_html(p) and p.kind in (PageKind.COLUMN, PageKind.OTHER) and not is_search_result(p)
                and is_search_page_label(column_label(ctx, p))):
            form_pages.setdefault(p.url, p)
    with_form = {u: p for u, p in form_pages.items() if _forms(ctx, p)}
    if not with_form:
        yield ctx.finding(
            Status.FAIL, "规范性文件库及政府信息公开页面未提供检索功能（没有检索框）。", url=lib.url, key="search",
            details={"pages": sorted(form_pages)[:20]},
            suggestion="在规范性文件库提供按标题、文号等检索的功能，便于公众查找文件。")
        return
    form_urls = set(with_form) | {p.final_url for p in with_form.values()}
    results = sorted((p for p in ctx.snapshot.pages(ctx.unit.id)
                      if is_search_result(p) and p.headers.get("X-Zwgk-Search-Form") in form_urls),
                     key=lambda p: p.url)
    forms = [{"page": u, "action": f.action, "field": f.field} for u, p in sorted(with_form.items())
             for f in _forms(ctx, p)]
    judged = []
    for r in results:
        query = r.headers.get("X-Zwgk-Search-Query", "")
        target = r.headers.get("X-Zwgk-Search-Target", "")
        if r.status is None:
            continue                                        # not fetched: no verdict from it
        links = [l for l in ctx.snapshot.links(ctx.unit.id) if l.source == r.url and l.kind == LinkKind.PAGE]
        hit = next((l for l in links if (target and l.target == target) or (query and l.text.strip() == query)),
                   None)
        judged.append({"query": query, "target": target, "result_url": r.url, "status": r.status,
                       "form_page": r.headers.get("X-Zwgk-Search-Form", ""), "found": hit is not None,
                       "hit": hit.target if hit is not None else "", "result_links": len(links),
                       "snippet": _snippet(r)})
    if not judged:
        yield ctx.finding(
            Status.UNKNOWN, "页面有检索框，但未采集到检索结果页（未提交检索或检索请求失败），无法判断检索功能是否可用。",
            url=lib.url, key="search", details={"forms": forms[:10], "results": [p.url for p in results][:10]})
        return
    bad = [j for j in judged if not j["found"]]
    if bad:
        b = bad[0]
        shown = b["query"].replace("《", "〈").replace("》", "〉")[:60]
        how = f"返回HTTP {b['status']}" if (b["status"] or 0) >= 400 else "结果中没有该文件"
        yield ctx.finding(
            Status.FAIL, f"在检索框中输入规范性文件标题《{shown}》检索，{how}，检索功能不可用。",
            url=lib.url, key="search", value=b["result_url"], snippet=b["snippet"],
            expected=f"检索结果包含《{shown}》（{b['target']}）",
            details={"searches": judged, "forms": forms[:10]},
            suggestion="修复规范性文件库的检索功能，确保按文件标题能检索到已公开的文件。")
    else:
        yield ctx.finding(
            Status.PASS, f"按文件标题检索可以查到对应文件（检索{len(judged)}次，均命中）。",
            url=lib.url, key="search", value=judged[0]["result_url"], snippet=judged[0]["snippet"],
            details={"searches": judged, "forms": forms[:10]})


_TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S | re.I)


def _snippet(page) -> str:
    text = _TAGS.sub(" ", page.text or "")
    text = re.sub(r"\s+", " ", text).strip()
    i = text.find("检索")
    return text[max(0, i):max(0, i) + 200] if i >= 0 else text[:200]


CHECK = Check(meta=META, run=run)
