"""normative.interpretation: each 规范性文件 has its 解读, published with it
and linked both ways (政策解读“三同步”).

A 解读 is a page of the unit whose title (ArticleTitle, heading or tab title)
contains 解读/图解/问答/答记者问/一图读懂, that is not itself a 规范性文件, and
that belongs to the document by a link (the document links to it, or it
links to the document) or, failing any link, by naming the document in 《》
(its full title, or the title inside 《》 of a 印发/转发 notice).  A name shared
by several documents decides nothing (无法判定).

Keys (url = the document):

``missing``          fail: no 解读 found (unknown when only an ambiguous name matches)
``no_link_from_doc`` fail: the 解读 exists but the document page does not link to it
``no_link_back``     fail: the 解读 does not link to the document
``late``             warn: the 解读 came out more than ``interpretation_max_days``
                     working days (weekends skipped, no holiday calendar)
                     after the document's 发布日期; unknown when the 解读 shows no date

Both link directions fail alike: 同步部署 on a website means the two pages
point at each other, and a reader arriving at either must find the other.
``late`` is a reminder: 三同步 means the same day; the default tolerance of 3
working days is the one local rules commonly allow, configurable.
Documents written (else published) before ``interpretation_since`` (default 2016-11-10, 国办发
〔2016〕80号) are 不适用.  When all hold, one ``pass`` keyed "" per document.
A document whose 发布日期 is missing is not judged on ``late`` (normative.fields
reports the missing date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_PLAN, metadata, normative_documents, _is_html
from extract.article_title import norm_title, page_titles, quoted_names
from extract.dates import parse_date, working_days_between
from zwgk_audit.model import Citation, Finding, LinkKind, Page, PageKind, Status

BASIS_SYNC = Citation(
    source="国务院办公厅关于印发《关于全面推进政务公开工作的意见》实施细则的通知（国办发〔2016〕80号）",
    text="政策性文件与解读方案、解读材料应同步组织、同步审签、同步部署（“三同步”）")

META = CheckMeta(
    id="normative.interpretation",
    requires=("pages", "links"),       # site-level: the page command skips it
    title="规范性文件政策解读（三同步）",
    description="规范性文件应有解读材料，与文件同步发布，文件页面与解读页面相互链接。",
    basis=(BASIS_SYNC, BASIS_PLAN),
    requirement_kinds=("interpretation",),
    suggestion="按照“三同步”要求，为规范性文件发布解读材料，与文件同日发布，并在文件页面和解读页面相互设置链接。",
    indicator="政策解读",
)

INTERP_TITLE = re.compile(r"解读|图解|问答|答记者问|一图读懂|一图看懂")
_ISSUE = re.compile(r"(印发|转发|发布|颁布|公布)\s*《")
_PUBDATE = re.compile(r"""<meta[^>]+name=["']PubDate["'][^>]*content=["']([^"']*)""", re.I)


@dataclass(frozen=True)
class Interp:
    page: Page
    title: str
    names: frozenset[str]      # normalised 《》 names it quotes


def _titles(ctx: CheckContext, page: Page) -> list[str]:
    meta = metadata(ctx, page)
    return ctx.snapshot.derive("article.titles", page, lambda p, t: page_titles(t, meta.heading))


def doc_names(title: str) -> set[str]:
    """Normalised names a 解读 may use for a document: its full title and the
    title a 印发/转发 notice quotes."""
    out = {norm_title(title)} if title else set()
    if _ISSUE.search(title or ""):
        out |= {norm_title(n) for n in quoted_names(title)}
    return {x for x in out if len(x) >= 4}


def _interp_date(ctx: CheckContext, page: Page):
    meta = metadata(ctx, page)
    if d := parse_date(meta.value("published_date")):
        return d, meta.value("published_date")
    m = _PUBDATE.search(ctx.snapshot.text(page)[:20000])
    if m and (d := parse_date(m.group(1))):
        return d, m.group(1)
    return None, ""


def run(ctx: CheckContext) -> Iterator[Finding]:
    snap, unit = ctx.snapshot, ctx.unit.id
    docs = normative_documents(ctx)
    if not docs:
        return
    doc_urls = {d.url for d in docs} | {d.page.final_url for d in docs}
    canon = {}
    for p in snap.pages(unit):
        canon.setdefault(p.final_url, p.url)
        canon[p.url] = p.url
    interps: dict[str, Interp] = {}
    for page in snap.pages(unit):
        if (not page.ok or not _is_html(page) or page.url in doc_urls
                or page.kind in (PageKind.HOME, PageKind.COLUMN, PageKind.ATTACHMENT)):
            continue
        titles = _titles(ctx, page)
        title = next((t for t in titles if INTERP_TITLE.search(t)), "")
        if not title:
            continue
        meta = metadata(ctx, page)
        text = " ".join([title, *meta.body_lines[:5]])
        interps[page.url] = Interp(page, title, frozenset(norm_title(n) for n in quoted_names(text)))
    out: dict[str, set[str]] = {}
    for link in snap.links(unit):
        if link.kind == LinkKind.PAGE:
            out.setdefault(canon.get(link.source, link.source), set()).add(canon.get(link.target, link.target))

    from_doc: dict[str, list[str]] = {}
    back: dict[str, list[str]] = {}
    linked: set[str] = set()
    for d in docs:
        from_doc[d.url] = [j for j in sorted(out.get(d.url, ())) if j in interps]
        back[d.url] = [j for j in interps if d.url in out.get(j, ()) or d.page.final_url in out.get(j, ())]
        linked.update(from_doc[d.url], back[d.url])
    named: dict[str, list[str]] = {}
    ambiguous: dict[str, list[str]] = {}
    names = {d.url: doc_names(d.meta.value("title") or d.meta.heading) for d in docs}
    for j, it in interps.items():
        if j in linked or not it.names:
            continue
        hits = [d.url for d in docs if names[d.url] & it.names]
        if len(hits) == 1:
            named.setdefault(hits[0], []).append(j)
        else:
            for h in hits:
                ambiguous.setdefault(h, []).append(j)

    since = parse_date(str(ctx.setting("interpretation_since", "2016-11-10")))
    limit = int(ctx.setting("interpretation_max_days", 3))
    for d in docs:
        pv = d.meta.value("published_date")
        published = parse_date(pv)
        # The duty arises when the document is made: a 1996 document first
        # put online in 2018 owes no 解读.
        dated = parse_date(d.meta.value("written_date")) or published
        base = {"document": d.label, "normative_reason": d.reason}
        if since and dated and dated < since:
            yield ctx.finding(Status.NA, f"《{d.label}》发布于{dated.isoformat()}，早于“三同步”要求（{since.isoformat()}）。",
                              url=d.url, key="missing", details=base)
            continue
        cands = list(dict.fromkeys(from_doc[d.url] + back[d.url] + named.get(d.url, [])))
        if not cands:
            if ambiguous.get(d.url):
                yield ctx.finding(
                    Status.UNKNOWN,
                    f"未发现链接到《{d.label}》的解读；有解读页面引用了同名文件，但同名文件不止一份，无法确定对应关系。",
                    url=d.url, key="missing", value=interps[ambiguous[d.url][0]].title,
                    details={**base, "interpretations": ambiguous[d.url][:10]})
            else:
                yield ctx.finding(
                    Status.FAIL,
                    f"未找到《{d.label}》的政策解读：文件页面没有链接解读，本单位网站上也没有标题含“解读/图解/问答”"
                    "并链接或引用该文件的页面。",
                    url=d.url, key="missing", value="", expected="与文件同步发布的解读材料",
                    details={**base, "interpretation_pages_seen": len(interps)})
            continue
        best = next((j for j in cands if j in from_doc[d.url] and j in back[d.url]), cands[0])
        it = interps[best]
        details = {**base, "interpretation": best, "interpretation_title": it.title,
                   "linked_from_document": from_doc[d.url], "links_back": back[d.url],
                   "named_only": named.get(d.url, [])}
        problems = 0
        if not from_doc[d.url]:
            problems += 1
            yield ctx.finding(
                Status.FAIL, f"《{d.label}》有解读“{it.title}”，但文件页面没有链接到该解读。",
                url=d.url, key="no_link_from_doc", value=best, snippet=it.title, expected="文件页面设置“相关解读”链接",
                details=details, suggestion="在文件页面增加“相关解读”链接，指向对应的解读材料。")
        if not back[d.url]:
            problems += 1
            yield ctx.finding(
                Status.FAIL, f"解读“{it.title}”没有链接回《{d.label}》。",
                url=d.url, key="no_link_back", value=best, snippet=it.title, expected="解读页面链接原文件",
                details=details, suggestion="在解读页面增加“原文链接”，指向所解读的文件。")
        if published is not None:
            dates = [(jd, raw, j) for j in cands for jd, raw in [_interp_date(ctx, interps[j].page)] if jd]
            if not dates:
                problems += 1
                yield ctx.finding(Status.UNKNOWN, f"解读“{it.title}”未显示发布日期，无法判断是否与文件同步发布。",
                                  url=d.url, key="late", value=best, details=details,
                                  suggestion="解读页面请标注发布日期。")
            else:
                jd, raw, j = min(dates)
                days = working_days_between(published, jd)
                if days > limit:
                    problems += 1
                    yield ctx.finding(
                        Status.WARN,
                        f"《{d.label}》发布于{pv}，解读“{interps[j].title}”发布于{raw}，晚了{days}个工作日，"
                        f"超过{limit}个工作日（仅扣除周末，未计法定节假日和调休；“三同步”要求同时发布）。",
                        url=d.url, key="late", value=f"{days}个工作日", snippet=interps[j].title,
                        expected=f"不超过{limit}个工作日", details={**details, "interpretation_date": raw,
                                                              "working_days": days, "limit": limit},
                        suggestion="解读材料应与文件同步发布；今后在文件公开的同时发布解读。")
        if not problems:
            yield ctx.finding(Status.PASS, f"《{d.label}》有解读“{it.title}”，相互链接，同步发布。",
                              url=d.url, key="", value=best, details=details)


CHECK = Check(meta=META, run=run)
