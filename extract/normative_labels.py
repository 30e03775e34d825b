"""Metadata labels as portals write them, mapped to canonical field names.

Labels are compared after removing spaces (索&ensp;引&ensp;号, 标　　题) and
the trailing colon.
"""

from __future__ import annotations

import re

# canonical field -> labels (longest first is not needed: matching is exact
# on the cleaned label, and the scanner tries longer labels first).
LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "信息索引号", "索引", "索取号"),
    "topic": ("主题分类", "信息分类", "分类", "所属分类", "主题类别", "所属主题", "主题"),
    "issuer": ("发布机构", "发文机关", "发文机构", "发文单位", "发布单位", "发布机关", "办文部门",
               "发文部门", "制发机关", "制文机关", "成文单位", "发布部门", "公开主体", "信息公开主体"),
    "written_date": ("成文日期", "发文日期", "成文时间", "印发日期", "制发日期", "发文时间", "签发日期"),
    "published_date": ("发布日期", "公开日期", "发布时间", "公开时间", "生成日期", "发布于", "信息时间"),
    "title": ("名称", "标题", "公文名称", "文件名称", "信息名称", "题名", "文件标题"),
    "doc_number": ("文号", "发文字号", "文件编号", "发文文号", "文件字号", "发文号", "字号", "文件文号"),
    "validity": ("有效性", "效力状态", "时效性", "是否有效", "有效状态", "效力", "时效"),
    "expiry": ("有效期", "失效日期", "失效时间", "有效期至", "废止日期"),
    "effective_date": ("生效日期", "施行日期", "实施日期", "生效时间"),
    "keywords": ("主题词", "关键词", "关键字"),
    "source": ("来源", "信息来源", "文章来源"),
}

# The fields a 规范性文件 must show (国办发〔2018〕37号; the yearly plans).
REQUIRED_FIELDS: tuple[str, ...] = (
    "title", "doc_number", "issuer", "index_no", "topic", "written_date", "published_date",
    "validity",
)

FIELD_NAMES_CN: dict[str, str] = {
    "title": "名称", "doc_number": "文号", "issuer": "发布机构", "index_no": "索引号",
    "topic": "主题分类", "written_date": "成文日期", "published_date": "发布日期",
    "validity": "有效性", "expiry": "有效期", "effective_date": "生效日期",
    "keywords": "主题词", "source": "来源",
}

_LABEL_TO_FIELD: dict[str, str] = {lab: f for f, labs in LABELS.items() for lab in labs}

_SPACES = re.compile(r"[\s\u3000\u2002\u2003\u2009\u00a0\u200b]+")


def clean_label(text: str) -> str:
    return _SPACES.sub("", text or "").rstrip(":：")


def field_for_label(text: str) -> str | None:
    """Canonical field of a label ('索 引 号：' -> 'index_no'), None if unknown."""
    return _LABEL_TO_FIELD.get(clean_label(text))


def _spaced(label: str) -> str:
    # Allow any spacing between the characters of a label.
    return r"[\s\u3000\u2002\u2003\u2009\u00a0]*".join(re.escape(c) for c in label)


_ALL = sorted(_LABEL_TO_FIELD, key=len, reverse=True)
# A label followed by a colon, at a start or after a separator.
LABEL_COLON_RE = re.compile(
    r"(?:^|(?<=[\s\u3000\u2002\u00a0|｜;；,，。]))(?P<label>"
    + "|".join(_spaced(lab) for lab in _ALL)
    + r")[\s\u3000\u2002\u00a0]*[:：]")

# Placeholder values: shown, but they say nothing.
_PLACEHOLDER = re.compile(r"^(?:无|空|暂无|-+|—+|/|／|\\|null|none|undefined|nan|\{\{.*\}\}|…+|\.+)$",
                          re.IGNORECASE)


def is_placeholder(value: str) -> bool:
    v = _SPACES.sub("", value or "")
    return not v or bool(_PLACEHOLDER.match(v))
