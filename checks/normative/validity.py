"""normative.validity: the 有效性 value is one a reader can act on."""

from __future__ import annotations

from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_37, BASIS_PLAN, field_details, normative_documents
from extract.validity import VALIDITY_VOCABULARY, normalise_validity
from zwgk_audit.model import Finding, Status

META = CheckMeta(
    id="normative.validity",
    title="规范性文件有效性标注",
    description="有效性应标注为有效、失效、废止、已修改（已修订）或尚未生效之一。",
    basis=(BASIS_PLAN, BASIS_37),
    requirement_kinds=("normative_docs",),
    suggestion="有效性请标注为“有效”“失效”“废止”“已修改”或“尚未生效”。",
    indicator="规范性文件",
)


def run(ctx: CheckContext) -> Iterator[Finding]:
    for doc in normative_documents(ctx):
        f = doc.meta.get("validity")
        value = doc.meta.value("validity")
        if not value:
            continue                       # missing: normative.fields
        canon = normalise_validity(value)
        if canon is None:
            yield ctx.finding(
                Status.FAIL, f"《{doc.label}》有效性标注为“{value}”，不是规定的取值。",
                url=doc.url, value=value, snippet=f.snippet if f else "",
                expected="、".join(VALIDITY_VOCABULARY), details=field_details(f, doc))
        else:
            yield ctx.finding(Status.PASS, f"《{doc.label}》有效性标注为“{value}”。",
                              url=doc.url, value=value, details=field_details(f, doc))


CHECK = Check(meta=META, run=run)
