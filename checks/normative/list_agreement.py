"""normative.list_agreement: what the library list shows for a document —
title, date, validity mark — agrees with the document page.

Keys (url = the document): ``title``, ``date`` (the list date against the
page's 发布日期), ``validity`` (a 有效/失效/废止 mark in the list row against
the page's 有效性).  Truncated list titles ("…") match by prefix.
"""

from __future__ import annotations

import re
from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_PLAN, library_pages, normative_documents
from extract.dates import parse_date
from extract.normative_list import list_rows
from extract.validity import normalise_validity, title_key
from zwgk_audit.model import Finding, Status

META = CheckMeta(
    id="normative.list_agreement",
    requires=("pages", "links"),       # site-level: the page command skips it
    title="规范性文件列表与正文一致",
    description="规范性文件库列表中的标题、日期、有效性标识应与文件页面一致（防止文不对标）。",
    basis=(BASIS_PLAN,),
    requirement_kinds=("normative_docs",),
    suggestion="核对规范性文件库列表与文件页面，使标题、日期和有效性一致。",
    indicator="规范性文件",
)

_ELLIPSIS = re.compile(r"(\.\.\.|…+|。。。)$")


def titles_agree(listed: str, page: str) -> bool:
    a, b = title_key(listed), title_key(page)
    if not a or not b:
        return True
    if _ELLIPSIS.search(a):
        return b.startswith(_ELLIPSIS.sub("", a))
    return a == b


def run(ctx: CheckContext) -> Iterator[Finding]:
    docs = {d.url: d for d in normative_documents(ctx)}
    seen: set[tuple[str, str]] = set()
    for lib in library_pages(ctx):
        rows = ctx.snapshot.derive("normative.list_rows", lib, lambda p, t: list_rows(t, p.url))
        for row in rows:
            doc = docs.get(row.url)
            if doc is None:
                continue
            meta = doc.meta
            details = {"list_url": lib.url, "list_row": row.text[:200], "document": doc.label}
            page_title = meta.value("title") or meta.heading
            if ("title", doc.url) not in seen and page_title and row.title:
                seen.add(("title", doc.url))
                if titles_agree(row.title, page_title):
                    yield ctx.finding(Status.PASS, "列表标题与文件标题一致。", url=doc.url, key="title",
                                      value=row.title, details=details)
                else:
                    yield ctx.finding(Status.FAIL, f"列表显示“{row.title}”，文件页面标题为“{page_title}”。",
                                      url=doc.url, key="title", value=row.title, expected=page_title,
                                      snippet=row.text[:200], details=details)
            listed, shown = parse_date(row.date), parse_date(meta.value("published_date"))
            if ("date", doc.url) not in seen and listed and shown:
                seen.add(("date", doc.url))
                if listed == shown:
                    yield ctx.finding(Status.PASS, "列表日期与发布日期一致。", url=doc.url, key="date",
                                      value=row.date, details=details)
                else:
                    yield ctx.finding(
                        Status.FAIL, f"列表日期{row.date}与文件页面发布日期{meta.value('published_date')}不一致。",
                        url=doc.url, key="date", value=row.date, expected=meta.value("published_date"),
                        snippet=row.text[:200], details=details)
            mark, validity = normalise_validity(row.mark), normalise_validity(meta.value("validity"))
            if ("validity", doc.url) not in seen and mark and validity:
                seen.add(("validity", doc.url))
                if mark == validity:
                    yield ctx.finding(Status.PASS, f"列表有效性标识“{row.mark}”与文件页面一致。",
                                      url=doc.url, key="validity", value=row.mark, details=details)
                else:
                    yield ctx.finding(
                        Status.FAIL, f"列表标注“{row.mark}”，文件页面有效性为“{meta.value('validity')}”。",
                        url=doc.url, key="validity", value=row.mark, expected=meta.value("validity"),
                        snippet=row.text[:200], details=details)


CHECK = Check(meta=META, run=run)
