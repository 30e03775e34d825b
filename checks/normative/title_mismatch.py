"""links.title_mismatch (文不对标): a column list's row names one thing and
its link opens a page titled otherwise.

Only links from the unit's column list pages (PageKind.COLUMN) to its own
detail pages are compared: the row's anchor text and its ``title``
attribute against the detail page's ArticleTitle / heading / tab title
(extract.article_title).  Whitespace and punctuation are ignored; a text
cut short (ending in …/... or not) agrees when it starts the title; a row
text containing the title (or contained in it) agrees; navigation words
(更多, 详情, 上一页 …) and texts under 6 characters are not compared.
Rows of the 规范性文件 library pointing at 规范性文件 are left to
normative.list_agreement (key ``title``), which judges them already.

url = the detail page, key "": ``fail`` with both texts as evidence; one
``pass`` per detail page compared.

(The module sits with the normative checks, whose list parsing it shares;
its id belongs to the links family.)
"""

from __future__ import annotations

import re
from typing import Iterator

from checks.base import REG_GUIDE, REG_INSPECTION, Check, CheckContext, CheckMeta, reg
from checks.normative._common import _is_html, library_pages, metadata, normative_documents
from extract.article_title import norm_title, page_titles, titles_agree
from extract.list_links import list_links
from zwgk_audit.model import Finding, PageKind, Status

META = CheckMeta(
    id="links.title_mismatch",
    requires=("pages", "links"),
    title="文不对标",
    description="栏目列表中的标题应与所链接页面的标题一致，不得文不对标。",
    basis=(reg(REG_INSPECTION, "", "网站存在错链、文不对标等问题"),
           reg(REG_GUIDE, "", "确保链接有效、内容准确")),
    requirement_kinds=("links",),
    suggestion="核对栏目列表的标题与链接，使列表标题与所打开页面的标题一致。",
    indicator="links",
)

NAV = re.compile(r"^(更多|more|详细|详情|查看|点击|进入|阅读全文|全文|原文|下一页|上一页|首页|尾页|末页|返回|打印|关闭|下载)")


def run(ctx: CheckContext) -> Iterator[Finding]:
    snap, unit = ctx.snapshot, ctx.unit.id
    pages = {p.url: p for p in snap.pages(unit)}
    for p in list(pages.values()):
        pages.setdefault(p.final_url, p)
    libs = {p.url for p in library_pages(ctx)}
    normative = {d.url for d in normative_documents(ctx)}
    seen: dict[str, list[dict]] = {}
    agreed: dict[str, dict] = {}
    for lst in snap.pages(unit, PageKind.COLUMN):
        if not lst.ok or not _is_html(lst):
            continue
        for row in snap.derive("links.list_links", lst, lambda p, t: list_links(t, p.url)):
            target = pages.get(row.url)
            if (target is None or not target.ok or target.kind != PageKind.DETAIL or not _is_html(target)
                    or target.url == lst.url):
                continue
            if lst.url in libs and target.url in normative:
                continue                      # normative.list_agreement
            shown = [t for t in dict.fromkeys((row.anchor, row.title)) if t]
            shown = [t for t in shown if not NAV.match(t.strip()) and len(norm_title(t)) >= 6]
            if not shown:
                continue
            meta = metadata(ctx, target)
            titles = snap.derive("article.titles", target, lambda p, t: page_titles(t, meta.heading))
            if not titles:
                continue
            info = {"list_url": lst.url, "list_text": shown[0], "row": row.row[:200], "page_titles": titles[:3]}
            if any(titles_agree(t, titles) for t in shown):
                agreed.setdefault(target.url, info)
            else:
                seen.setdefault(target.url, []).append(info)
    for url, bad in seen.items():
        first = bad[0]
        yield ctx.finding(
            Status.FAIL,
            f"栏目列表显示“{first['list_text']}”，所链接页面的标题为“{first['page_titles'][0]}”，文不对标。",
            url=url, value=first["list_text"], expected=first["page_titles"][0], snippet=first["row"],
            details={"lists": bad[:10], "also_agreeing_lists": [agreed[url]["list_url"]] if url in agreed else []})
    for url, info in agreed.items():
        if url not in seen:
            yield ctx.finding(Status.PASS, "列表标题与页面标题一致。", url=url, value=info["list_text"],
                              details=info)


CHECK = Check(meta=META, run=run)
