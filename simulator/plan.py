"""The in-memory plan of a simulated portal: units, columns, entries.

``build.py`` fills it from a seed, ``defects.py`` mutates it (and records
ground truth), ``render.py`` turns it into files.  Nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Canonical field names of normative-document metadata (docs/DESIGN.md) and
# the label each CMS shows for them.
FIELDS: tuple[str, ...] = (
    "index_no", "topic", "issuer", "written_date", "title", "doc_number", "published_date", "validity",
)
FIELD_LABELS: dict[str, str] = {
    "index_no": "索引号", "topic": "主题分类", "issuer": "发布机构", "written_date": "成文日期",
    "title": "名称", "doc_number": "文号", "published_date": "发布日期", "validity": "有效性",
}

# Column types and their staleness thresholds in days (domain.md §4).
STALE_DAYS: dict[str, int] = {"news": 14, "notice": 183, "policy": 183}
COLUMN_TYPE_LABEL: dict[str, str] = {
    "news": "动态", "notice": "通知公告", "policy": "政策文件", "report": "年报", "guide": "指南",
    "catalog": "目录", "other": "其他",
}


@dataclass
class TruthItem:
    unit: str
    check_id: str
    status: str
    path: str
    key: str
    defect: str

    def to_json(self) -> dict[str, str]:
        return {"unit": self.unit, "check_id": self.check_id, "status": self.status,
                "path": self.path, "key": self.key, "defect": self.defect}


@dataclass
class Attachment:
    name: str          # shown link text, e.g. "附件1.pdf"
    path: str          # URL path
    kind: str          # "pdf" | "docx" | "png"
    title: str = ""
    missing: bool = False   # linked but not written (broken link defect)


@dataclass
class Entry:
    """An item listed in a column: an article or a document."""

    id: int
    unit: str
    column: str                      # column key
    title: str
    published: dt.date
    path: str = ""                   # assigned by build once dates are final
    body: list[str] = field(default_factory=list)
    source: str = ""                 # ContentSource / 发布机构 shown on articles
    attachments: list[Attachment] = field(default_factory=list)
    images: list[Attachment] = field(default_factory=list)
    extra_links: list[tuple[str, str]] = field(default_factory=list)   # (href, text)
    encoding: str = ""               # "" = the unit's encoding
    declared_charset: str = ""       # "" = same as encoding
    role: str = ""                   # special pages: "hostile", "gb2312", "repeal_notice" ...
    list_title: str = ""             # title shown in list rows when it differs (文不对标 defect)
    about: "Doc | None" = None       # the document a 解读 (role "interpretation") explains


@dataclass
class Doc(Entry):
    """A document with a metadata block (规范性文件 or 其他文件)."""

    normative: bool = True
    issuer: str = ""
    issuer_key: str = ""             # agency key: doc-number prefix and credit code
    topic: str = ""
    written: dt.date | None = None
    validity: str = "有效"
    layout: str = "trs_p"            # trs_p | trs_li | ucap | hanweb
    # Set by defects; finalize() fills the rest.
    doc_number: str | None = None
    index_no: str | None = None
    index_same_as: "Doc | None" = None
    index_bad_uscc: bool = False
    index_year_offset: int = 0
    field_mode: dict[str, str] = field(default_factory=dict)   # field -> missing|comment|hidden
    # 解读 (三同步): "" = published the same day, linked both ways; or a defect:
    # "missing" | "no_link_back" | "late".  ``interp`` is set in finalize.
    interp_mode: str = ""
    interp: "Entry | None" = None
    # Library rows of a 失效/废止 document carry a badge ([已废止], 失效);
    # False = listed with no mark (library_unmarked_invalid).
    list_mark: bool = True
    defects: list[str] = field(default_factory=list)


@dataclass
class AnnualReportPlan:
    """One 政府信息公开工作年度报告 of a unit: rendered in ``finalize`` (years
    in order, so each report's 上年结转 chains from the previous one)."""

    unit: str
    year: int
    fmt: str                         # html | pdf | docx
    entry: Entry
    defects: dict[str, str] = field(default_factory=dict)   # render_report defect -> declared defect
    missing: str = ""                # declared defect that removed the report
    doc: Any = None                  # simulator.annual_reports.ReportDoc, once rendered

    @property
    def defect_text(self) -> str:
        return ",".join(dict.fromkeys(self.defects.values()))


@dataclass
class Column:
    key: str                         # unique within the unit, e.g. "gzdt"
    unit: str
    name: str                        # 工作动态
    ctype: str                       # news | notice | policy | report | guide | catalog | other
    dir: str                         # URL directory, e.g. "/xwzx/gzdt/" or "/col/col1229000101/"
    cms: str                         # trs | hanweb
    entries: list[Entry] = field(default_factory=list)
    hanweb_id: int = 0
    page_size: int = 20
    intro: str = ""                  # single-page columns (指南, 目录): body HTML
    place: str = ""                  # "home": a 专题专栏 banner on the home page, not in 政府信息公开
    parent: str = ""                 # key of the column this one is a sub-column of (listed there only)
    required: str = ""               # canonical name of the plan-required column it is (columns.required)
    search: str = ""                 # "" none | "ok" a working 检索 box | "broken" finds nothing (library_search_broken)

    @property
    def list_path(self) -> str:
        """The one canonical URL of the column: its first list page."""
        return self.dir + "index.html"


@dataclass
class Agency:
    key: str
    name: str
    prefix: str                      # 机关代字 of its document numbers, e.g. 示府
    uscc: str


@dataclass
class UnitPlan:
    id: str
    name: str                        # the portal / column name shown (SiteName)
    sponsor: str                     # 主办单位
    level: str
    site: str                        # site key: which server serves it
    prefix: str                      # URL path prefix of the unit, "/" or "/bm/jyj/"
    cms: str
    encoding: str = "utf-8"
    columns: dict[str, Column] = field(default_factory=dict)
    footer: dict[str, Any] = field(default_factory=dict)   # field -> value (None = omitted)
    home_extra_links: list[tuple[str, str]] = field(default_factory=list)
    # 政府信息公开 entries that point at another unit's column (href, text),
    # e.g. a department's 政府公报 entry opening the county's 公报.
    xxgk_links: list[tuple[str, str, str]] = field(default_factory=list)   # (href, text, canonical)
    ysqgk: bool = True               # links the province's 依申请公开系统

    @property
    def home_path(self) -> str:
        return self.prefix + "index.html"

    @property
    def entry_path(self) -> str:
        """The unit's 政府信息公开 entry page."""
        return self.prefix + "zwgk/index.html"


@dataclass
class SiteInfo:
    key: str                         # county | town | province
    name: str
    port: int
    domain: str                      # the fictional domain shown in SiteDomain
    site_code: str                   # 网站标识码
    region: str


@dataclass
class PortalPlan:
    seed: int
    as_of: dt.date
    sites: dict[str, SiteInfo]
    units: dict[str, UnitPlan]
    agencies: dict[str, Agency]
    truth: list[TruthItem] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    extra_files: dict[str, dict[str, bytes | str]] = field(default_factory=dict)  # site -> path -> content
    annual: dict[tuple[str, int], AnnualReportPlan] = field(default_factory=dict)  # (unit, year) -> report
    next_id: int = 1

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def site_base(self, site: str) -> str:
        return f"http://127.0.0.1:{self.sites[site].port}/"

    def docs(self, unit: str | None = None, normative: bool | None = True) -> list[Doc]:
        out: list[Doc] = []
        for u in self.units.values():
            if unit is not None and u.id != unit:
                continue
            for col in u.columns.values():
                for e in col.entries:
                    if isinstance(e, Doc) and (normative is None or e.normative == normative):
                        out.append(e)
        return out

    def add_truth(self, unit: str, check_id: str, path: str, key: str, defect: str, status: str = "fail") -> None:
        self.truth.append(TruthItem(unit, check_id, status, path, key, defect))
