"""normative.doc_number: the 文号 follows GB/T 9704-2012."""

from __future__ import annotations

from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_37, BASIS_9704, field_details, normative_documents
from extract.doc_number import validate_doc_number
from zwgk_audit.model import Finding, Status

META = CheckMeta(
    id="normative.doc_number",
    title="规范性文件文号格式",
    description="文号应为“机关代字〔四位年份〕序号号”：六角括号、年份标全、序号不加“第”、不编虚位；"
                "国务院令等“令第N号”形式有效。规范性文件须有文号，标注“无”不符合要求。",
    basis=(BASIS_9704, BASIS_37),
    requirement_kinds=("normative_docs",),
    suggestion="按GB/T 9704-2012规范文号写法，如“××发〔2024〕5号”。",
    indicator="规范性文件",
)


def run(ctx: CheckContext) -> Iterator[Finding]:
    for doc in normative_documents(ctx):
        f = doc.meta.get("doc_number")
        if f is None or not f.present:
            continue                       # missing: normative.fields reports it
        if f.value.replace(" ", "") == "无":
            yield ctx.finding(
                Status.FAIL, f"《{doc.label}》文号标注为“无”，规范性文件应统一编号并标注文号。",
                url=doc.url, value=f.raw, snippet=f.snippet, expected="机关代字〔年份〕序号号",
                details=field_details(f, doc),
                suggestion="规范性文件应统一登记、统一编号，请补充该文件的文号。")
            continue
        problems = validate_doc_number(f.value)
        if problems:
            yield ctx.finding(
                Status.FAIL, f"《{doc.label}》文号“{f.value}”格式不规范：" + "；".join(problems) + "。",
                url=doc.url, value=f.raw, snippet=f.snippet, expected="机关代字〔四位年份〕序号号",
                details={**field_details(f, doc), "problems": problems})
        else:
            yield ctx.finding(Status.PASS, f"《{doc.label}》文号“{f.value}”格式规范。",
                              url=doc.url, value=f.raw, details=field_details(f, doc))


CHECK = Check(meta=META, run=run)
