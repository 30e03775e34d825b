"""normative.expiry: a document past its 有效期, or repealed by a later
notice on the site, must not still show 有效.

``expired``: the document's own "自X起施行，有效期N年" (or "有效期至…")
gives its last day in force; after that day (relative to ``ctx.as_of``) a
page still showing 有效 fails.  A 有效期 about something else — an assessment
result, a licence, a project, a qualification — is not the document's own.

``repealed``: a notice on the site (title with 宣布失效/废止/清理结果) lists
the document by 文号 or title while the document still shows 有效.
"""

from __future__ import annotations

from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_37, NormativeDoc, metadata, normative_documents
from extract.dates import parse_date
from extract.doc_number import doc_number_key
from extract.validity import find_expiry, is_repeal_notice, normalise_validity, repeal_targets, title_key
from zwgk_audit.model import Finding, PageKind, Status

META = CheckMeta(
    id="normative.expiry",
    title="规范性文件有效期与废止标注",
    description="超过有效期或已被宣布失效、废止的规范性文件，页面应标注失效或废止，不得仍显示“有效”。",
    basis=(BASIS_37,),
    requirement_kinds=("expiry",),
    suggestion="将该文件的有效性更正为“失效”或“废止”，并在规范性文件库中区分显示。",
    indicator="规范性文件",
)


def _expiry_of(doc: NormativeDoc):
    meta = doc.meta
    written = parse_date(meta.value("written_date"))
    published = parse_date(meta.value("published_date"))
    # An explicit 有效期 field with a date ("有效期至2025年12月31日").
    f = meta.get("expiry")
    if f is not None and f.present and (d := parse_date(f.value)):
        return d, f"有效期：{f.value}", f.snippet
    lines = meta.body_lines or meta.lines
    for st in find_expiry("\n".join(lines), written, published):
        if st.expiry is not None:
            return st.expiry, st.sentence, st.sentence
    return None, "", ""


def _notices(ctx: CheckContext, docs: list[NormativeDoc]) -> list[tuple[str, list]]:
    out = []
    doc_urls = {d.url for d in docs}
    for page in ctx.snapshot.pages(ctx.unit.id):
        if not page.ok or page.kind in (PageKind.ATTACHMENT, PageKind.HOME, PageKind.COLUMN):
            continue
        meta = metadata(ctx, page)
        title = meta.value("title") or meta.heading or page.title
        if not is_repeal_notice(title):
            continue
        own = doc_number_key(meta.value("doc_number"))
        targets = [t for t in repeal_targets(list(meta.body_lines or meta.lines), title)
                   if not (own and own in t.doc_numbers and len(t.doc_numbers) == 1 and not t.titles)]
        if targets:
            out.append((page.url, targets, title, page.url in doc_urls))
    return out


def run(ctx: CheckContext) -> Iterator[Finding]:
    docs = normative_documents(ctx)
    for doc in docs:
        validity = normalise_validity(doc.meta.value("validity"))
        expiry, basis_text, snippet = _expiry_of(doc)
        if expiry is None:
            continue
        details = {"document": doc.label, "expiry": expiry.isoformat(), "statement": basis_text,
                   "validity": doc.meta.value("validity"), "as_of": ctx.as_of.isoformat()}
        if ctx.as_of > expiry and validity == "有效":
            yield ctx.finding(
                Status.FAIL,
                f"《{doc.label}》有效期已于{expiry.isoformat()}届满（依据：“{basis_text}”），页面仍标注“有效”。",
                url=doc.url, key="expired", value=doc.meta.value("validity"), snippet=snippet,
                expected="失效", details=details)
        elif ctx.as_of > expiry and validity is None:
            yield ctx.finding(
                Status.WARN,
                f"《{doc.label}》有效期已于{expiry.isoformat()}届满（依据：“{basis_text}”），页面未标注有效性。",
                url=doc.url, key="expired", value="", snippet=snippet, expected="失效", details=details)
        else:
            state = "尚在有效期内" if ctx.as_of <= expiry else f"已标注为“{doc.meta.value('validity')}”"
            yield ctx.finding(Status.PASS, f"《{doc.label}》有效期至{expiry.isoformat()}，{state}。",
                              url=doc.url, key="expired", value=doc.meta.value("validity"),
                              snippet=snippet, details=details)

    notices = _notices(ctx, docs)
    if not notices:
        return
    for doc in docs:
        if normalise_validity(doc.meta.value("validity")) != "有效":
            continue
        num = doc_number_key(doc.meta.value("doc_number"))
        tkey = title_key(doc.meta.value("title"))
        hit = None
        for url, targets, ntitle, _ in notices:
            if url == doc.url:
                continue
            for t in targets:
                line_key = doc_number_key(t.line)
                by_number = bool(num) and num != "无" and (num in t.doc_numbers or num in line_key)
                # A line that names a different 文号 is about another document of
                # the same name (a 2019 and a 2023 version): the title does not decide.
                other_number = bool(t.doc_numbers) and bool(num) and num != "无" and num not in t.doc_numbers
                by_title = (not other_number and bool(tkey) and len(tkey) >= 8
                            and any(title_key(x) == tkey for x in t.titles))
                if by_number or by_title:
                    hit = (url, ntitle, t.line, "文号" if by_number else "标题")
                    break
            if hit:
                break
        if hit:
            url, ntitle, line, how = hit
            yield ctx.finding(
                Status.FAIL,
                f"《{doc.label}》已由《{ntitle}》按{how}列为失效或废止文件，页面仍标注“有效”。",
                url=doc.url, key="repealed", value=doc.meta.value("validity"), snippet=line,
                expected="失效或废止", details={"notice_url": url, "notice_title": ntitle,
                                               "listed_as": line, "document": doc.label})
        else:
            yield ctx.finding(Status.PASS, f"《{doc.label}》未出现在站内的失效、废止文件清单中。",
                              url=doc.url, key="repealed", value=doc.meta.value("validity"),
                              details={"notices": [n[0] for n in notices]})


CHECK = Check(meta=META, run=run)
