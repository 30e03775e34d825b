"""有效性 values, 有效期 sentences and repeal notices.

A document says how long it is in force in its closing article:
"本办法自2023年4月1日起施行，有效期5年" -> in force until 2028-03-31.
"有效期3年" about an assessment result, a licence or a project is not the
document's own validity and must not be read as such.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from extract.dates import DateMatch, add_months, add_years, cn_small_number, find_dates
from extract.doc_number import doc_number_key, find_doc_numbers

# Canonical 有效性 values and the spellings portals use for them.
VALIDITY_CANONICAL: dict[str, str] = {
    "有效": "有效", "现行有效": "有效", "合法有效": "有效",
    "失效": "失效", "已失效": "失效", "宣布失效": "失效",
    "废止": "废止", "已废止": "废止",
    "已修改": "已修改", "已修订": "已修改", "修改": "已修改", "修订": "已修改",
    "尚未生效": "尚未生效", "未生效": "尚未生效",
}
VALIDITY_VOCABULARY = ("有效", "失效", "废止", "已修改/已修订", "尚未生效")


def normalise_validity(value: str) -> str | None:
    """The canonical value (有效, 失效, 废止, 已修改, 尚未生效) or None."""
    s = re.sub(r"[\s\u3000\u2002\u00a0]+", "", value or "")
    return VALIDITY_CANONICAL.get(s)


# ---------------------------------------------------------------- expiry

# Words that show a 有效期 belongs to something other than the document.
_OTHER_SUBJECTS = (
    "结果", "许可", "证书", "证件", "证明", "资格", "资质", "执照", "牌照", "项目", "认定", "认证",
    "称号", "荣誉", "评估", "考核", "评审", "备案", "批复", "批准文件", "审批", "登记", "合同", "协议",
    "名单", "名录", "授权", "预算", "检测", "检验", "报告", "有效期内", "核准", "决定书", "备案号",
    "卡", "证", "奖",
)
# The document itself as the subject: 本办法, 本通知, 本规定 ...
_SELF = re.compile(
    r"本(?:办法|规定|通知|意见|细则|方案|决定|文件|制度|规则|标准|措施|实施办法|实施细则|实施意见|"
    r"指引|指南|规范|规程|条例|暂行办法|暂行规定|若干措施|政策|公告|通告|计划|目录|清单|导则|准则|章程)")
_SENTENCE = re.compile(r"[^。；;！!\n]+")
_COMMENCE = re.compile(r"自(?P<from>.{0,24}?)起(?:施行|实施|执行|生效)")
_PERIOD = re.compile(
    r"有效期(?:为|是)?\s*(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:个)?\s*(?P<unit>年|月|个月)")
_UNTIL = re.compile(r"有效期(?:至|到|截至|截止(?:到|至)?)\s*(?P<date>[^，,。；]{6,16})")
_RANGE = re.compile(r"有效期(?:为|自)?\s*(?P<a>[^，,。；至到]{6,16})(?:起)?\s*(?:至|到|—|-|~)\s*(?P<b>[^，,。；]{6,16})")


@dataclass(frozen=True)
class ExpiryStatement:
    sentence: str                 # the sentence as written
    start: _dt.date | None        # when it took effect (None if unknown)
    start_text: str               # '2023年4月1日', '印发之日', '发布之日'
    expiry: _dt.date | None       # last day in force (None if not computable)
    period: str                   # '5年', '至2025年12月31日'


def _is_about_self(sentence: str, pos: int) -> bool:
    """Is the 有效期 at ``pos`` the document's own?"""
    clause_start = max(sentence.rfind(c, 0, pos) for c in "，,：:") + 1
    before = sentence[clause_start:pos]
    if any(w in before for w in _OTHER_SUBJECTS):
        return False
    # Either the sentence names the document (本办法…) or the 有效期 follows
    # the commencement clause (…自X起施行，有效期N年).
    head = sentence[:pos]
    if _SELF.search(head) and not any(w in head[_SELF.search(head).end():] for w in _OTHER_SUBJECTS):
        return True
    return bool(_COMMENCE.search(head)) and not any(w in head for w in _OTHER_SUBJECTS)


def _resolve_start(text: str, written: _dt.date | None, published: _dt.date | None) -> _dt.date | None:
    if d := find_dates(text):
        return d[0].value
    if "印发" in text or "下发" in text or "签发" in text:
        return written or published
    if "发布" in text or "公布" in text:
        return published or written
    return None


def find_expiry(text: str, written: _dt.date | None = None,
                published: _dt.date | None = None) -> list[ExpiryStatement]:
    """有效期 statements about the document itself, in order."""
    out: list[ExpiryStatement] = []
    for sm in _SENTENCE.finditer(text or ""):
        sentence = sm.group(0).strip()
        if "有效期" not in sentence:
            continue
        pos = sentence.find("有效期")
        if not _is_about_self(sentence, pos):
            continue
        commence = _COMMENCE.search(sentence)
        start_text = commence["from"] if commence else ""
        start = _resolve_start(start_text, written, published) if commence else None
        if m := _UNTIL.search(sentence):
            ds = find_dates(m["date"])
            if ds:
                out.append(ExpiryStatement(sentence, start, start_text, ds[0].value,
                                           f"至{ds[0].raw}"))
                continue
        if m := _RANGE.search(sentence):
            a, b = find_dates(m["a"]), find_dates(m["b"])
            if a and b:
                out.append(ExpiryStatement(sentence, a[0].value, a[0].raw, b[0].value,
                                           f"{a[0].raw}至{b[0].raw}"))
                continue
        if m := _PERIOD.search(sentence):
            n = int(m["n"]) if m["n"].isdigit() else cn_small_number(m["n"].replace("两", "二"))
            if not n:
                continue
            expiry = None
            if start is not None:
                end = add_years(start, n) if m["unit"] == "年" else add_months(start, n)
                expiry = end - _dt.timedelta(days=1)
            out.append(ExpiryStatement(sentence, start, start_text, expiry, f"{n}{m['unit']}"))
    return out


# ---------------------------------------------------------------- repeal notices

_REPEAL_TITLE = re.compile(r"宣布失效|废止|失效的|清理结果|清理情况|停止执行")
_KEEP_HEAD = re.compile(r"继续有效|保留|现行有效|予以修改|需要修改|修改的|修订的|拟修改")
_REPEAL_HEAD = re.compile(r"废止|失效|停止执行")
_PREAMBLE = re.compile(r"根据|按照|依据|研究|决定|现将|特此|如下|为了|为进一步|经.{0,10}同意")
_BOOK = re.compile(r"《([^《》]{4,120})》")
_ITEM_NO = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+|[（(]\d+[)）])\s*[、.．)）]?\s*(?=\S)")


def is_repeal_notice(title: str) -> bool:
    return bool(_REPEAL_TITLE.search(title or ""))


@dataclass(frozen=True)
class RepealTarget:
    line: str                 # the list line as written
    doc_numbers: tuple[str, ...]
    titles: tuple[str, ...]


def repeal_targets(lines: list[str], title: str = "") -> list[RepealTarget]:
    """Documents a repeal notice lists as 废止/失效.

    Clean-up results (清理结果) also list documents that stay in force; only
    lines under a 废止/失效 heading count there.  Preamble sentences that cite
    the basis of the notice ("根据《…》（国办发〔2018〕37号）") are skipped."""
    plain_repeal = bool(re.search(r"宣布失效|废止", title or "")) and "清理" not in (title or "")
    mode = "repeal" if plain_repeal else "unknown"
    out: list[RepealTarget] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        short = len(line) <= 40 and not find_doc_numbers(line) and "《" not in line
        if short and _KEEP_HEAD.search(line):
            mode = "keep"
            continue
        if short and _REPEAL_HEAD.search(line):
            mode = "repeal"
            continue
        if mode != "repeal" or _PREAMBLE.search(line):
            continue
        nums = tuple(doc_number_key(n) for n in find_doc_numbers(line))
        numbered = bool(_ITEM_NO.match(line))
        if not (numbered or find_doc_numbers(line) or _BOOK.search(line)) or line.startswith("本"):
            continue                       # closing sentences ("本通知自印发之日起施行")
        titles = [t.strip() for t in _BOOK.findall(line)]
        # The whole line without its numbering and 文号 is the listed title
        # ("1. 关于印发《…办法》的通知（示府〔2021〕3号）").
        bare = _ITEM_NO.sub("", line)
        for n in find_doc_numbers(bare):
            bare = bare.replace(n, "")
        bare = re.sub(r"[（(]\s*[)）]", "", bare).strip(" \t（）()；;。")
        if len(bare) >= 6:
            titles.append(bare)
        if nums or titles:
            out.append(RepealTarget(line, nums, tuple(dict.fromkeys(titles))))
    return out


def title_key(title: str) -> str:
    """Comparable form of a document title."""
    return re.sub(r"[\s\u3000\u2002\u00a0《》〈〉“”\"'‘’]+", "", title or "")


__all__ = [
    "VALIDITY_CANONICAL", "VALIDITY_VOCABULARY", "normalise_validity", "ExpiryStatement",
    "find_expiry", "is_repeal_notice", "RepealTarget", "repeal_targets", "title_key", "DateMatch",
]
