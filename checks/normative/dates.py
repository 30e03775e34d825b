"""normative.dates: 发布日期 not before 成文日期; publication within 20
working days (条例第二十六条).

Setting ``publish_late_working_days`` (default 20).  Working days are
counted skipping weekends only: no holiday calendar is applied, which the
message says.  Late publication is a reminder (warn), not a format error:
old documents are often published long after they were written.
"""

from __future__ import annotations

from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_ART26, BASIS_PLAN, normative_documents
from extract.dates import parse_date, working_days_between
from zwgk_audit.model import Finding, Status

META = CheckMeta(
    id="normative.dates",
    title="规范性文件成文与发布日期",
    description="发布日期不得早于成文日期；主动公开的文件应自形成之日起20个工作日内公开。",
    basis=(BASIS_PLAN, BASIS_ART26),
    requirement_kinds=("normative_docs",),
    suggestion="核对成文日期与发布日期，更正录入错误；今后在文件形成后20个工作日内公开。",
    indicator="规范性文件",
)


def run(ctx: CheckContext) -> Iterator[Finding]:
    limit = int(ctx.setting("publish_late_working_days", 20))
    for doc in normative_documents(ctx):
        wv, pv = doc.meta.value("written_date"), doc.meta.value("published_date")
        if not wv or not pv:
            continue                        # missing: normative.fields
        written, published = parse_date(wv), parse_date(pv)
        details = {"written_date": wv, "published_date": pv, "document": doc.label,
                   "written_where": getattr(doc.meta.get("written_date"), "where", "")}
        if written is None or published is None:
            bad = wv if written is None else pv
            yield ctx.finding(Status.UNKNOWN, f"《{doc.label}》日期“{bad}”无法识别，无法比较成文与发布日期。",
                              url=doc.url, key="order", value=bad, details=details,
                              suggestion="日期请按“2024年1月15日”或“2024-01-15”格式标注。")
            continue
        if published < written:
            yield ctx.finding(
                Status.FAIL, f"《{doc.label}》发布日期{pv}早于成文日期{wv}。",
                url=doc.url, key="order", value=f"成文{wv}；发布{pv}", expected="发布日期不早于成文日期",
                details=details, suggestion="核对并更正成文日期或发布日期。")
            continue
        yield ctx.finding(Status.PASS, f"《{doc.label}》发布日期不早于成文日期。",
                          url=doc.url, key="order", value=f"成文{wv}；发布{pv}", details=details)
        days = working_days_between(written, published)
        details = {**details, "working_days": days, "limit": limit}
        if days > limit:
            yield ctx.finding(
                Status.WARN,
                f"《{doc.label}》成文于{wv}，发布于{pv}，相隔约{days}个工作日，超过{limit}个工作日"
                "（仅扣除周末，未计法定节假日和调休）。若为历史文件集中补充公开，可不视为问题。",
                url=doc.url, key="late", value=f"{days}个工作日", expected=f"不超过{limit}个工作日",
                details=details, basis=(),
                suggestion="文件形成后应在20个工作日内公开；历史文件补充公开的，可在页面注明。")
        else:
            yield ctx.finding(Status.PASS, f"《{doc.label}》在成文后{days}个工作日内发布（仅扣除周末）。",
                              url=doc.url, key="late", value=f"{days}个工作日", details=details)


CHECK = Check(meta=META, run=run)
