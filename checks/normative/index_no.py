"""normative.index_no: 索引号 unique in the site, its year matches the
document's, an embedded 统一社会信用代码 is valid.

Setting ``index_no_year_check`` (default true): compare the 索引号 year with
the 成文日期 year (warn when they differ; many portals number by the year of
publication, so this is a reminder, not a failure).
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_37, BASIS_PLAN, NormativeDoc, field_details, normative_documents
from extract.dates import parse_date
from extract.index_no import index_no_key, parse_index_no, validate_uscc
from zwgk_audit.model import Citation, Finding, Status

BASIS_USCC = Citation(source="法人和其他组织统一社会信用代码编码规则（GB 32100-2015）",
                      text="第18位为校验码，按规定的加权算法计算")

META = CheckMeta(
    id="normative.index_no",
    title="规范性文件索引号",
    description="索引号应在全站唯一；嵌入的统一社会信用代码校验码应正确；索引号年份应与成文年份一致。",
    basis=(BASIS_PLAN, BASIS_37),
    requirement_kinds=("normative_docs",),
    suggestion="核对并更正索引号，保证一文一号、编码正确。",
    indicator="规范性文件",
)


def _order_key(doc: NormativeDoc) -> tuple[_dt.date, str]:
    d = parse_date(doc.meta.value("published_date")) or parse_date(doc.meta.value("written_date"))
    return (d or _dt.date.max, doc.url)


def run(ctx: CheckContext) -> Iterator[Finding]:
    docs = [d for d in normative_documents(ctx) if d.meta.value("index_no")]
    groups: dict[str, list[NormativeDoc]] = {}
    for d in docs:
        groups.setdefault(index_no_key(d.meta.value("index_no")), []).append(d)
    year_check = bool(ctx.setting("index_no_year_check", True))

    for doc in docs:
        f = doc.meta.get("index_no")
        value = doc.meta.value("index_no")
        ev = field_details(f, doc)

        # duplicate: the earliest keeps the number, each later one is reported
        same = sorted(groups[index_no_key(value)], key=_order_key)
        if len(same) > 1 and same[0] is not doc:
            first = same[0]
            yield ctx.finding(
                Status.FAIL,
                f"《{doc.label}》的索引号“{value}”与《{first.label}》重复（{first.url}）。",
                url=doc.url, key="duplicate", value=value, snippet=f.snippet if f else "",
                expected="索引号全站唯一",
                details={**ev, "other_url": first.url, "other_document": first.label,
                         "all_urls": [d.url for d in same]})
        else:
            yield ctx.finding(Status.PASS, f"《{doc.label}》索引号“{value}”在已采集页面中唯一。",
                              url=doc.url, key="duplicate", value=value, details=ev)

        parsed = parse_index_no(value)
        if parsed is None:
            continue
        if parsed.uscc:
            res = validate_uscc(parsed.uscc)
            if res.valid:
                yield ctx.finding(Status.PASS, f"索引号中的统一社会信用代码“{res.code}”校验正确。",
                                  url=doc.url, key="uscc", value=value, details=ev)
            else:
                yield ctx.finding(
                    Status.FAIL,
                    f"《{doc.label}》索引号“{value}”中的统一社会信用代码“{res.code}”无效：{res.reason}。",
                    url=doc.url, key="uscc", value=value, snippet=f.snippet if f else "",
                    expected=(res.code[:17] + res.expected_check) if res.expected_check else "",
                    details=ev, basis=(BASIS_USCC,),
                    suggestion="核对本机关的统一社会信用代码，更正索引号。")

        written = parse_date(doc.meta.value("written_date"))
        if year_check and parsed.year and written:
            if parsed.year != written.year:
                yield ctx.finding(
                    Status.WARN,
                    f"《{doc.label}》索引号“{value}”中的年份{parsed.year}与成文日期"
                    f"（{doc.meta.value('written_date')}）的年份{written.year}不一致。",
                    url=doc.url, key="year", value=value, expected=str(written.year), details=ev,
                    suggestion="核对索引号的编制年份是否与文件成文年份一致。")
            else:
                yield ctx.finding(Status.PASS, f"索引号年份{parsed.year}与成文年份一致。",
                                  url=doc.url, key="year", value=value, details=ev)


CHECK = Check(meta=META, run=run)
