"""normative.issuer: the 发布机构 is an agency, not a website."""

from __future__ import annotations

import re
from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_37, BASIS_PLAN, field_details, normative_documents
from zwgk_audit.model import Finding, Status

# "县政府网站", "门户网站", "…政府网", "中国政府网", "…网站群"
_WEBSITE = re.compile(r"(?:网站|门户|网站群|网)$")
_NOT_WEBSITE = re.compile(r"(?:电网|管网|互联网信息办公室|网信办|网络安全和信息化委员会办公室)$")


def names_website(issuer: str) -> bool:
    s = re.sub(r"\s+", "", issuer or "")
    parts = [p for p in re.split(r"[、，,；;]", s) if p]
    return any(_WEBSITE.search(p) and not _NOT_WEBSITE.search(p) for p in parts)


META = CheckMeta(
    id="normative.issuer",
    title="规范性文件发布机构",
    description="发布机构应为制发文件的行政机关，不应填写网站名称（如“××政府网站”“门户网站”“××政府网”）。",
    basis=(BASIS_PLAN, BASIS_37),
    requirement_kinds=("normative_docs",),
    suggestion="发布机构请填写制发该文件的机关全称。",
    indicator="规范性文件",
)


def run(ctx: CheckContext) -> Iterator[Finding]:
    for doc in normative_documents(ctx):
        f = doc.meta.get("issuer")
        value = doc.meta.value("issuer")
        if not value:
            continue                       # missing: normative.fields
        if names_website(value):
            yield ctx.finding(
                Status.FAIL, f"《{doc.label}》发布机构填写为“{value}”，这是网站名称而不是发文机关。",
                url=doc.url, value=value, snippet=f.snippet if f else "", expected="发文机关全称",
                details=field_details(f, doc))
        else:
            yield ctx.finding(Status.PASS, f"《{doc.label}》发布机构为“{value}”。",
                              url=doc.url, value=value, details=field_details(f, doc))


CHECK = Check(meta=META, run=run)
