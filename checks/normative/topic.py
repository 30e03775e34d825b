"""normative.topic: 主题分类 uses the 22 national top-level categories."""

from __future__ import annotations

import re
from typing import Iterator

from checks.base import Check, CheckContext, CheckMeta
from checks.normative._common import BASIS_PLAN, field_details, normative_documents
from zwgk_audit.model import Finding, Status

TOPIC_CATEGORIES: tuple[str, ...] = (
    "国务院组织机构", "综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "国土资源、能源",
    "农业、林业、水利", "工业、交通", "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护",
    "科技、教育", "文化、广电、新闻出版", "卫生、体育", "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察", "公安、安全、司法", "民政、扶贫、救灾", "民族、宗教", "对外事务", "港澳台侨工作",
    "国防", "其他",
)

_SEP = re.compile(r"[、，,；;·\s\u3000]+")


def _key(s: str) -> str:
    return _SEP.sub("", s or "")


_KEYS = {_key(c): c for c in TOPIC_CATEGORIES}


def top_level(value: str) -> str:
    """'市场监管、安全生产监管\\工商' -> '市场监管、安全生产监管'."""
    return re.split(r"[\\/＼／>＞|]", value or "", maxsplit=1)[0].strip()


def topic_category(value: str) -> str | None:
    """The national category the value's top level names, or None."""
    return _KEYS.get(_key(top_level(value)))


META = CheckMeta(
    id="normative.topic",
    title="规范性文件主题分类",
    description="主题分类的第一级应为国务院公文主题分类的22个类目之一，下级分类用“\\”或“/”分隔。",
    basis=(BASIS_PLAN,),
    requirement_kinds=("normative_docs",),
    suggestion="按国务院公文主题分类的22个一级类目标注主题分类，如“科技、教育\\教育”。",
    indicator="规范性文件",
)


def run(ctx: CheckContext) -> Iterator[Finding]:
    for doc in normative_documents(ctx):
        f = doc.meta.get("topic")
        value = doc.meta.value("topic")
        if not value:
            continue                        # missing: normative.fields
        cat = topic_category(value)
        if cat is None:
            yield ctx.finding(
                Status.FAIL,
                f"《{doc.label}》主题分类“{value}”的一级类目“{top_level(value)}”不在22个一级类目之中。",
                url=doc.url, value=value, snippet=f.snippet if f else "",
                expected="；".join(TOPIC_CATEGORIES), details=field_details(f, doc))
        else:
            yield ctx.finding(Status.PASS, f"《{doc.label}》主题分类“{value}”属于“{cat}”。",
                              url=doc.url, value=value, details=field_details(f, doc))


CHECK = Check(meta=META, run=run)
