"""The national formats: 国办公开办函〔2021〕30号 and its predecessor
〔2019〕60号.  Row keys, printed labels, and the words that identify a row
when its label was reworded."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

SECTION_TITLES: dict[str, str] = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
SECTION_ORDER = tuple(SECTION_TITLES)


@dataclass(frozen=True)
class RowSpec:
    key: str          # stable key used in findings
    group: str        # "" for top rows, "三(三)" for a sub-row of 不予公开 ...
    label: str        # label as the template prints it (the row's own cell)
    words: tuple[str, ...]   # any of these in a reworded label identifies it


def _sub(group: str, labels: list[str]) -> list[RowSpec]:
    out = []
    for i, label in enumerate(labels, 1):
        body = label.split(".", 1)[1]
        out.append(RowSpec(f"{group}{i}", group, label, (body,)))
    return out


_TOP_2021 = [
    RowSpec("一", "", "一、本年新收政府信息公开申请数量", ("本年新收", "新收")),
    RowSpec("二", "", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    RowSpec("三(一)", "", "（一）予以公开", ("予以公开",)),
    RowSpec("三(二)", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    RowSpec("三(三)", "", "（三）不予公开", ("不予公开",)),
    RowSpec("三(四)", "", "（四）无法提供", ("无法提供",)),
    RowSpec("三(五)", "", "（五）不予处理", ("不予处理",)),
    RowSpec("三(六)", "", "（六）其他处理", ("其他处理",)),
    RowSpec("三(七)总计", "", "（七）总计", ("总计",)),
    RowSpec("四", "", "四、结转下年度继续办理", ("结转下年度", "结转下一年度")),
]
_SUB_COMMON = (
    _sub("三(三)", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                   "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                   "7.属于行政执法案卷", "8.属于行政查询事项"])
    + _sub("三(四)", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
                     "3.补正后申请内容仍不明确"])
    + _sub("三(五)", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                     "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"])
)
_SUB_2021_OTHER = _sub("三(六)", [
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
])


def table3_rows(template: str) -> list[RowSpec]:
    """Data rows in template order.  Group header rows (三(三) ...) carry
    numbers only in the 2019 format's single 三(六) row."""
    rows: list[RowSpec] = []
    for spec in _TOP_2021:
        if spec.key in ("三(三)", "三(四)", "三(五)"):
            continue
        if spec.key == "三(六)":
            rows += [s for s in _SUB_COMMON]
            rows += _SUB_2021_OTHER if template != "2019" else [spec]
            continue
        rows.append(spec)
    return rows


def result_row_keys(template: str) -> list[str]:
    """Rows that (七)总计 sums: (一)(二) and every sub-row of (三)…(六)."""
    return [s.key for s in table3_rows(template) if s.key.startswith("三(") and s.key != "三(七)总计"]


GROUPS = {"三(三)": "不予公开", "三(四)": "无法提供", "三(五)": "不予处理", "三(六)": "其他处理"}
TOP_SPECS = {s.key: s for s in _TOP_2021}
SUB_SPECS: dict[str, list[RowSpec]] = {}
for _s in _SUB_COMMON + _SUB_2021_OTHER:
    SUB_SPECS.setdefault(_s.group, []).append(_s)

# Section 二 rows: key -> (label, 2021 headers, 2019 headers)
TABLE2_2021: dict[str, tuple[str, ...]] = {
    "规章": ("本年制发件数", "本年废止件数", "现行有效件数"),
    "行政规范性文件": ("本年制发件数", "本年废止件数", "现行有效件数"),
    "行政许可": ("本年处理决定数量",),
    "行政处罚": ("本年处理决定数量",),
    "行政强制": ("本年处理决定数量",),
    "行政事业性收费": ("本年收费金额（单位：万元）",),
}
TABLE2_2019: dict[str, tuple[str, ...]] = {
    "规章": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    "规范性文件": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    "行政许可": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "其他对外管理服务事项": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政处罚": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政强制": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政事业性收费": ("上一年项目数量", "本年增/减"),
    "政府集中采购": ("采购项目数量", "采购总金额"),
}
# Words that only the 2019 format prints / only the 2021 format prints.
MARKS_2019 = ("本年新制作数量", "对外公开总数量", "政府集中采购", "本年新公开数量")
MARKS_2021 = ("本年制发件数", "现行有效件数", "本年废止件数", "逾期不补正", "缴纳费用")

_NORM_DROP = re.compile(r"[\s\u3000:：,，、.．()（）\[\]【】“”\"'‘’《》·\-—_/]")


def norm(label: str) -> str:
    """Compare labels without spacing, punctuation or bracket style."""
    return _NORM_DROP.sub("", label or "")


def same_label(found: str, expected: str) -> bool:
    return norm(found) == norm(expected)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, norm(a), norm(b)).ratio()
