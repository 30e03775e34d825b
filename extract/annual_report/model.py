"""The typed form of a 政府信息公开工作年度报告 as read from any source."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Value columns of the table of section 三, in template order.
TABLE3_COLUMNS: tuple[str, ...] = (
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
)
APPLICANT_COLUMNS = TABLE3_COLUMNS[:6]
# The three blocks of section 四 and the five columns of each.
TABLE4_BLOCKS: tuple[str, ...] = ("行政复议", "行政诉讼未经复议直接起诉", "行政诉讼复议后起诉")
TABLE4_COLUMNS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

Number = int | float | None


@dataclass(frozen=True)
class Table3Row:
    """One row of the section 三 table.  ``values`` follows TABLE3_COLUMNS;
    None is a blank or "/" cell (``raw`` keeps what was printed)."""

    key: str                          # "一", "三(三)1", "三(七)总计", "四" ...
    label: str                        # label as printed (joined label cells)
    values: tuple[int | None, ...]
    raw: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table2Row:
    key: str                          # "规章", "行政规范性文件", "行政许可" ...
    label: str
    headers: tuple[str, ...]          # column headers of its block
    values: tuple[Number, ...]
    raw: tuple[str, ...] = ()

    def get(self, header: str) -> Number:
        for h, v in zip(self.headers, self.values):
            if header in h:
                return v
        return None


@dataclass(frozen=True)
class Table4Block:
    name: str                         # one of TABLE4_BLOCKS
    values: tuple[int | None, ...]    # follows TABLE4_COLUMNS
    raw: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelIssue:
    """A row or column whose label differs from the template's."""

    table: str                        # "table2" | "table3" | "table4"
    key: str                          # row key or "col:<name>"
    expected: str
    found: str                        # "" when the row/column is missing


@dataclass(frozen=True)
class Problem:
    """Something that could not be read with certainty."""

    key: str                          # "table3:三(一)" ... or "table3" / "document"
    message: str                      # Chinese
    snippet: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TextNumber:
    name: str                         # canonical: 本年新收, 予以公开, 行政复议 ...
    value: int
    snippet: str


@dataclass
class AnnualReport:
    year: int | None
    unit_name: str
    title: str
    template: str                     # "2021" | "2019" | "unknown"
    sections: list[str]               # section numerals found, in order: ["一", "二", ...]
    table2: list[Table2Row] = field(default_factory=list)
    table3: list[Table3Row] = field(default_factory=list)
    table4: list[Table4Block] = field(default_factory=list)
    text_numbers: list[TextNumber] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    label_issues: list[LabelIssue] = field(default_factory=list)
    source: str = ""                  # "html" | "pdf" | "docx" | "text"
    text: str = ""                    # body text outside the tables

    def row3(self, key: str) -> Table3Row | None:
        return next((r for r in self.table3 if r.key == key), None)

    def row2(self, key: str) -> Table2Row | None:
        return next((r for r in self.table2 if r.key == key), None)

    def block4(self, name: str) -> Table4Block | None:
        return next((b for b in self.table4 if b.name == name), None)

    def text_number(self, name: str) -> TextNumber | None:
        return next((t for t in self.text_numbers if t.name == name), None)

    @property
    def has_tables(self) -> bool:
        return bool(self.table3 or self.table2 or self.table4)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year, "unit_name": self.unit_name, "title": self.title,
            "template": self.template, "sections": list(self.sections), "source": self.source,
            "table2": [{"key": r.key, "label": r.label, "headers": list(r.headers),
                        "values": list(r.values)} for r in self.table2],
            "table3": [{"key": r.key, "label": r.label, "values": list(r.values),
                        "raw": list(r.raw)} for r in self.table3],
            "table4": [{"name": b.name, "values": list(b.values)} for b in self.table4],
            "text_numbers": [{"name": t.name, "value": t.value, "snippet": t.snippet}
                             for t in self.text_numbers],
            "problems": [{"key": p.key, "message": p.message, "snippet": p.snippet,
                          "details": p.details} for p in self.problems],
            "label_issues": [{"table": i.table, "key": i.key, "expected": i.expected,
                              "found": i.found} for i in self.label_issues],
        }
