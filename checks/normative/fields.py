"""normative.fields: every 规范性文件 shows its eight required elements."""

from __future__ import annotations

from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import (
    BASIS_37, BASIS_PLAN, NormativeDoc, cn, field_details, normative_documents,
)
from extract.metadata import MetaField
from extract.normative_labels import REQUIRED_FIELDS
from zwgk_audit.model import Finding, Status

META = CheckMeta(
    id="normative.fields",
    title="规范性文件要素标注",
    description="规范性文件页面应明确标注名称、文号、发布机构、索引号、主题分类、成文日期、发布日期、有效性。"
                "隐藏元素或HTML注释中的内容读者看不到，视为未标注。",
    basis=(BASIS_PLAN, BASIS_37),
    requirement_kinds=("normative_docs",),
    suggestion="在规范性文件页面的元数据区块中补充并公开显示缺失的要素。",
    indicator="规范性文件",
)


def why_missing(f: MetaField | None, field: str) -> str:
    """A reader-facing explanation of why a field counts as missing."""
    name = cn(field)
    if f is None:
        return f"页面未标注{name}"
    if f.hidden and f.where == "comment":
        shown = f"（注释中的值：“{f.raw}”）" if f.raw else "（注释中的值为空）"
        return f"{name}仅存在于HTML注释中，读者看不到{shown}"
    if f.hidden and f.raw:
        return f"{name}仅存在于隐藏元素中（{f.how_hidden}），读者看不到（隐藏的值：“{f.raw}”）"
    if f.hidden:
        return f"{name}标签“{f.label}”位于隐藏元素中（{f.how_hidden}）且内容为空，读者看不到"
    if f.raw:
        return f"{name}显示为“{f.raw}”，不是有效内容，视为未标注"
    return f"{name}标签“{f.label}”存在但内容为空" if f.label else f"页面未标注{name}"


def check_document(ctx: CheckContext, doc: NormativeDoc) -> Iterator[Finding]:
    meta = doc.meta
    missing = [f for f in REQUIRED_FIELDS if not meta.value(f)]
    if meta.needs_browser and missing:
        for field in missing:
            yield ctx.finding(
                Status.UNKNOWN,
                f"《{doc.label}》页面由脚本（AngularJS等）填充，静态HTML中{cn(field)}不可见，"
                "需要浏览器渲染后才能判定。",
                url=doc.url, key=field, details=field_details(meta.get(field), doc),
                suggestion="请以浏览器渲染模式重新采集该页面。")
        return
    for field in missing:
        f = meta.get(field)
        yield ctx.finding(
            Status.FAIL, f"《{doc.label}》：{why_missing(f, field)}。",
            url=doc.url, key=field, value=f.raw if f else "", snippet=f.snippet if f else "",
            expected=f"明确标注{cn(field)}", details=field_details(f, doc),
            suggestion=f"在页面元数据区块中公开显示{cn(field)}。")
    if not missing:
        yield ctx.finding(
            Status.PASS, f"《{doc.label}》标注了全部{len(REQUIRED_FIELDS)}项要素。", url=doc.url,
            details={"fields": {f: meta.value(f) for f in REQUIRED_FIELDS}, "document": doc.label})


def run(ctx: CheckContext) -> Iterator[Finding]:
    for doc in normative_documents(ctx):
        yield from check_document(ctx, doc)


CHECK = Check(meta=META, run=run)
