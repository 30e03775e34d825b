"""Declared defects: each one a small function that changes the plan and
records the findings a correct audit must produce (docs/DESIGN.md table).

A defect is named ``kind[:arg][@unit]``, e.g. ``footer_bad_icp``,
``missing_field:topic@town``, ``stale_column:tzgg@jyj``, ``bad_doc_number:paren``.
Adding a kind = one function decorated with ``@defect(...)``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Callable

from simulator.codes import cn_date_short
from simulator.plan import FIELDS, Attachment, Doc, Entry, PortalPlan, UnitPlan


class DefectError(ValueError):
    """A defect name, argument or target that cannot be applied."""


@dataclass(frozen=True)
class DefectSpec:
    kind: str
    arg: str = ""
    unit: str = ""

    @property
    def text(self) -> str:
        return self.kind + (f":{self.arg}" if self.arg else "") + (f"@{self.unit}" if self.unit else "")

    @classmethod
    def parse(cls, text: str) -> "DefectSpec":
        raw = text.strip()
        body, _, unit = raw.partition("@")
        kind, _, arg = body.partition(":")
        if not kind or kind not in REGISTRY:
            raise DefectError(f"未知的缺陷类型: {raw!r}；可用的有: {', '.join(sorted(REGISTRY))}")
        kd = REGISTRY[kind]
        if kd.args is not None and arg and arg not in kd.args:
            raise DefectError(f"缺陷 {kind} 的参数应为 {' / '.join(kd.args)} 之一: {arg!r}")
        if kd.arg_required and not arg:
            raise DefectError(f"缺陷 {kind} 需要参数，如 {kind}:{(kd.args or ('栏目',))[0]}")
        return cls(kind, arg, unit)


@dataclass(frozen=True)
class DefectKind:
    name: str
    fn: Callable[[PortalPlan, random.Random, DefectSpec], None]
    description: str
    args: tuple[str, ...] | None = None      # allowed arguments (None = free / none)
    arg_required: bool = False
    normative: bool = False                  # consumes a normative document


REGISTRY: dict[str, DefectKind] = {}


def defect(name: str, description: str, *, args: tuple[str, ...] | None = None,
           arg_required: bool = False, normative: bool = False):
    def deco(fn):
        REGISTRY[name] = DefectKind(name, fn, description, args, arg_required, normative)
        return fn
    return deco


def apply_defects(plan: PortalPlan, rng: random.Random, specs: list[DefectSpec]) -> None:
    # Column defects first: they move or drop entries that others may target.
    order = sorted(specs, key=lambda s: 0 if s.kind in ("empty_column", "stale_column") else 1)
    for spec in order:
        REGISTRY[spec.kind].fn(plan, rng, spec)
        plan.applied.append(spec.text)


def _unit(plan: PortalPlan, spec: DefectSpec, default: str = "county") -> UnitPlan:
    uid = spec.unit or default
    if uid not in plan.units:
        raise DefectError(f"缺陷 {spec.text}: 未知单位 {uid!r}；可用的有: {', '.join(plan.units)}")
    return plan.units[uid]


# ---------------------------------------------------------------- footer

def _footer_defect(name: str, key: str, bad: Callable[[str], str | None], what: str) -> None:
    def fn(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
        u = _unit(plan, spec)
        u.footer[key] = bad(u.footer[key])
        plan.add_truth(u.id, "footer.identity", u.home_path, key, spec.text)
    fn.__name__ = name
    defect(name, what)(fn)


_footer_defect("footer_missing_icp", "icp", lambda v: None, "首页页脚缺少ICP备案号")
_footer_defect("footer_bad_icp", "icp", lambda v: "粤ICP 05012345", "首页页脚ICP备案号格式错误（缺“备…号”）")
_footer_defect("footer_bad_site_code", "site_code", lambda v: v[:8], "首页网站标识码位数错误（8位）")
_footer_defect("footer_missing_psb", "psb", lambda v: None, "首页页脚缺少公安机关备案号")
_footer_defect("footer_missing_sponsor", "sponsor", lambda v: None, "首页页脚缺少主办单位")
_footer_defect("footer_missing_error_report", "error_report", lambda v: None, "首页缺少“我为政府网站找错”入口")
_footer_defect("footer_missing_party_mark", "party_mark", lambda v: None, "首页缺少党政机关网站标识")


# ---------------------------------------------------------------- links

def _host_entry(plan: PortalPlan, rng: random.Random, u: UnitPlan) -> Entry:
    cands = [e for c in u.columns.values() if c.ctype in ("news", "notice")
             for e in c.entries if not e.role]
    if not cands:
        raise DefectError(f"单位 {u.id} 没有可放置链接的文章")
    return rng.choice(cands)


def _missing_base(plan: PortalPlan, u: UnitPlan) -> tuple[str, int]:
    n = 900000 + plan.new_id()
    d = plan.as_of
    if u.cms == "trs":
        first = next(c for c in u.columns.values() if c.ctype == "news")
        return f"{first.dir}{d:%Y%m}/", n
    return f"{u.prefix}art/{d.year}/{d.month}/{d.day}/", n


@defect("broken_page_link", "文章正文中的链接指向不存在的页面（404）")
def _broken_page(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    host = _host_entry(plan, rng, u)
    base, n = _missing_base(plan, u)
    path = f"{base}t{plan.as_of:%Y%m%d}_{n}.html" if u.cms == "trs" else f"{base}art_1229000999_{n}.html"
    host.extra_links.append((path, "相关阅读：详见原文"))
    host.role = host.role or "link_host"
    plan.add_truth(u.id, "links.broken", path, "", spec.text)


@defect("broken_attachment", "附件链接指向不存在的文件（404）")
def _broken_attachment(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    host = _host_entry(plan, rng, u)
    base, n = _missing_base(plan, u)
    path = f"{base}P0{plan.as_of:%Y%m%d}{n}.pdf" if u.cms == "trs" else f"{u.prefix}attach/0/{n}.pdf"
    host.attachments.append(Attachment("附件：实施细则.pdf", path, "pdf", missing=True))
    host.role = host.role or "link_host"
    plan.add_truth(u.id, "links.broken", path, "", spec.text)


@defect("broken_image", "页面图片地址不存在（404）")
def _broken_image(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    host = _host_entry(plan, rng, u)
    base, n = _missing_base(plan, u)
    path = f"{base}W0{plan.as_of:%Y%m%d}{n}.png" if u.cms == "trs" else f"{u.prefix}picture/0/{n}.png"
    host.images.append(Attachment("活动照片", path, "png", missing=True))
    host.role = host.role or "link_host"
    plan.add_truth(u.id, "links.broken", path, "", spec.text)


# ---------------------------------------------------------------- columns

def _column(plan: PortalPlan, spec: DefectSpec, default_unit: str, default_key: str):
    u = _unit(plan, spec, default_unit)
    key = spec.arg or (default_key if not spec.unit or spec.unit == default_unit else "")
    if not key:
        key = next((k for k, c in u.columns.items() if c.ctype == "news"), "")
    c = u.columns.get(key)
    if c is None or c.ctype in ("guide", "catalog", "report", "apply"):
        listable = [k for k, c in u.columns.items() if c.ctype not in ("guide", "catalog", "report", "apply")]
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有可用的列表栏目 {key!r}；可用的有: {', '.join(listable)}")
    if any(isinstance(e, Doc) and e.normative for e in c.entries):
        raise DefectError(f"缺陷 {spec.text}: 不能作用于规范性文件库（会改变文件缺陷的前提）")
    return u, c


@defect("empty_column", "栏目列表页没有任何条目（空白栏目）")
def _empty(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u, c = _column(plan, spec, "county", "qtwj")
    if c.key == "zcjd" and plan.docs(u.id):
        raise DefectError(f"缺陷 {spec.text}: 栏目 {c.name} 发布本单位规范性文件的解读（三同步），清空会同时改变"
                          " normative.interpretation 的结论；请改用 interpretation_missing 或其他栏目")
    if any(e.role for e in c.entries):
        raise DefectError(f"缺陷 {spec.text}: 栏目 {c.key} 含有其他缺陷或特殊页面，不能清空")
    if c.required or c.parent or any(x.parent == c.key for x in u.columns.values()):
        raise DefectError(f"缺陷 {spec.text}: 栏目 {c.name} 是工作要点要求的栏目（或其子栏目），"
                          "清空会同时改变 columns.required 的结论；请改用 missing_column 或其他栏目")
    c.entries.clear()
    plan.add_truth(u.id, "columns.empty", c.list_path, "", spec.text)


@defect("stale_column", "栏目最新条目早于该类栏目的更新期限（动态14天，通知公告、政策文件183天）")
def _stale(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    from simulator.plan import STALE_DAYS
    u, c = _column(plan, spec, "county", "tzgg")
    if c.ctype not in STALE_DAYS:
        raise DefectError(f"缺陷 {spec.text}: 栏目 {c.name} 的类型没有更新期限")
    if not c.entries or any(e.role for e in c.entries):
        raise DefectError(f"缺陷 {spec.text}: 栏目 {c.key} 为空或含有其他缺陷/特殊页面")
    newest = max(e.published for e in c.entries)
    target = plan.as_of - dt.timedelta(days=STALE_DAYS[c.ctype] + 10 + rng.randint(0, 30))
    shift = newest - target
    for e in c.entries:
        e.published -= shift
        if isinstance(e, Doc) and e.written is not None:
            e.written -= shift
    plan.add_truth(u.id, "columns.stale", c.list_path, "", spec.text)


# ---------------------------------------------------------------- normative documents

def _redate(plan: PortalPlan, d: Doc, published: dt.date, written: dt.date | None = None) -> None:
    """Move a document to new dates, keeping it valid and its text consistent."""
    d.published = published
    d.written = written or published - dt.timedelta(days=2)
    d.body = [p for p in d.body if "起施行" not in p] + [f"本办法自{cn_date_short(published)}起施行，有效期5年。"]
    d.validity = "有效"


def _pick_doc(plan: PortalPlan, rng: random.Random, spec: DefectSpec, *, before: dt.date | None = None) -> Doc:
    u = _unit(plan, spec)
    cands = [d for d in plan.docs(u.id) if not d.role and not d.defects]
    if not cands:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有剩余的规范性文件可用（请增大规模）")
    d = rng.choice(cands)
    limit = before or plan.as_of
    if d.validity != "有效" or d.published >= limit - dt.timedelta(days=20) or d.published < plan.as_of - dt.timedelta(days=4 * 365):
        _redate(plan, d, limit - dt.timedelta(days=rng.randint(20, 400)))
    d.defects.append(spec.kind)
    return d


def _truth(plan: PortalPlan, d: Doc, check: str, key: str, spec: DefectSpec, status: str = "fail") -> None:
    plan.add_truth(d.unit, check, d.path or f"@doc{d.id}", key, spec.text, status)


def _field_mode(mode: str, what: str) -> None:
    name = {"missing": "missing_field", "comment": "field_in_comment", "hidden": "field_hidden"}[mode]

    def fn(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
        d = _pick_doc(plan, rng, spec)
        d.field_mode[spec.arg] = mode
        _truth(plan, d, "normative.fields", spec.arg, spec)
    fn.__name__ = name
    defect(name, what, args=FIELDS, arg_required=True, normative=True)(fn)


_field_mode("missing", "规范性文件元数据缺少某项（值为空）")
_field_mode("comment", "规范性文件某项只在HTML注释中（页面上看不到）")
_field_mode("hidden", "规范性文件某项被 display:none 隐藏")

BAD_DOC_NUMBERS: dict[str, str] = {
    "bracket": "{p}[{y}]{n}号", "paren": "{p}({y}){n}号", "lenticular": "{p}【{y}】{n}号",
    "short_year": "{p}〔{yy}〕{n}号", "di": "{p}〔{y}〕第{n}号", "leading_zero": "{p}〔{y}〕{n:03d}号",
}


@defect("bad_doc_number", "文号不符合 GB/T 9704（[2021]、(2021)、【2021】、〔21〕、第N号、001号）",
        args=tuple(BAD_DOC_NUMBERS), normative=True)
def _bad_doc_number(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    variant = spec.arg or tuple(BAD_DOC_NUMBERS)[sum(a.startswith("bad_doc_number") for a in plan.applied) % len(BAD_DOC_NUMBERS)]
    y = d.written.year
    d.doc_number = BAD_DOC_NUMBERS[variant].format(p=plan.agencies[d.issuer_key].prefix, y=y, yy=str(y)[2:], n=60 + d.id % 30)
    _truth(plan, d, "normative.doc_number", "", spec)


@defect("index_no_duplicate", "两份文件索引号相同（真值记在发布较晚的一份）", normative=True)
def _dup_index(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    first = _pick_doc(plan, rng, spec)
    second = _pick_doc(plan, rng, spec)
    # Same 成文 year as the first (so only the duplicate is wrong), published a day later.
    _redate(plan, second, first.published + dt.timedelta(days=1), first.written)
    second.index_same_as = first
    first.defects.append("index_no_duplicate(first)")
    _truth(plan, second, "normative.index_no", "duplicate", spec)


@defect("index_no_bad_uscc", "索引号中的统一社会信用代码校验位错误", normative=True)
def _bad_uscc(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    d.index_bad_uscc = True
    _truth(plan, d, "normative.index_no", "uscc", spec)


@defect("index_no_year", "索引号年份与成文年份不一致（提醒）", normative=True)
def _index_year(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    d.index_year_offset = -1
    _truth(plan, d, "normative.index_no", "year", spec, "warn")


@defect("topic_not_in_vocab", "主题分类不在22个一级类目中", normative=True)
def _topic(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    d.topic = "教育"
    _truth(plan, d, "normative.topic", "", spec)


@defect("publish_before_written", "发布日期早于成文日期", normative=True)
def _before(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    d.written = d.published + dt.timedelta(days=10)
    _truth(plan, d, "normative.dates", "order", spec)


@defect("late_publication", "成文后超过20个工作日才发布（提醒）", normative=True)
def _late(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    d.written = d.published - dt.timedelta(days=60 + rng.randint(0, 30))
    _truth(plan, d, "normative.dates", "late", spec, "warn")


@defect("bad_validity_value", "有效性取值不在规定范围（有效、失效、废止、已修改、尚未生效）", normative=True)
def _validity(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    d.validity = "长期"
    _truth(plan, d, "normative.validity", "", spec)


@defect("issuer_is_website", "发布机构写成了网站名称", normative=True)
def _issuer(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    d.issuer = plan.units[d.unit].name + "网站"
    _truth(plan, d, "normative.issuer", "", spec)


@defect("expired_still_valid", "正文所定有效期已满，仍标注“有效”", normative=True)
def _expired(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    d = _pick_doc(plan, rng, spec)
    start = dt.date(plan.as_of.year - 6, 1, 1)
    d.published = start - dt.timedelta(days=rng.randint(5, 20))
    d.written = d.published - dt.timedelta(days=3)
    d.body = [p for p in d.body if "起施行" not in p] + [f"本办法自{start.year}年1月1日起施行，有效期5年。"]
    d.validity = "有效"
    _truth(plan, d, "normative.expiry", "expired", spec)


@defect("repealed_still_valid", "已被宣布失效的文件仍标注“有效”", normative=True)
def _repealed(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    notice = next((d for d in plan.docs(u.id) if d.role == "repeal_notice"), None)
    if notice is None:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有“宣布失效”通知")
    d = _pick_doc(plan, rng, spec, before=notice.published)
    _truth(plan, d, "normative.expiry", "repealed", spec)


DEFAULT_DEFECTS: tuple[str, ...] = (
    "footer_bad_icp", "footer_missing_psb", "footer_bad_site_code@town", "footer_missing_sponsor@jyj",
    "footer_missing_error_report@town", "footer_missing_party_mark", "footer_missing_icp@czj",
    "broken_page_link", "broken_attachment", "broken_image@town", "broken_page_link@jyj",
    "empty_column:yjsgk@czj", "stale_column:tzgg@jyj", "stale_column:zdt@town",
    *(f"missing_field:{f}" for f in FIELDS),
    "field_in_comment:written_date", "field_in_comment:validity", "field_hidden:index_no",
    *(f"bad_doc_number:{v}" for v in BAD_DOC_NUMBERS),
    "index_no_duplicate", "index_no_bad_uscc", "index_no_year", "topic_not_in_vocab",
    "publish_before_written", "late_publication", "bad_validity_value", "issuer_is_website",
    "expired_still_valid", "repealed_still_valid", "missing_field:doc_number@town",
    # 解读 linkage, 文不对标, column fit (simulator/defects_linkage.py).
    "interpretation_missing", "interpretation_late", "interpretation_no_link_back@town",
    "title_mismatch@jyj", "title_mismatch@czj", "normative_in_news",
    # 规范性文件库 list (simulator/defects_library.py).
    "library_unmarked_invalid@town", "library_search_broken@town",
    # 政府信息公开工作年度报告 (simulator/defects_annual.py): missing years first.
    "annual_missing_year:gap", "annual_missing_year:presence@town",
    "annual_arithmetic:row_total", "annual_missing_plan",
    "annual_late@jyj", "annual_arithmetic:col_balance@jyj", "annual_old_template@jyj",
    "annual_broken_carryover@czj", "annual_arithmetic:review_total@czj", "annual_blank_cell@czj",
    "annual_text_mismatch@czj",
    "annual_arithmetic:result_total@town", "annual_missing_section@town",
    # Plan-required columns (simulator/defects_columns.py).
    "missing_column:营商环境@town", "missing_column:意见征集@jyj",
    # Network / IPv6 (simulator/network.py; served by simulator/demo.py under .gov.cn names).
    "ipv6_cdn_cname@town", "ipv6_ns_no_aaaa@town", "ipv6_v4_only_resources@czj",
)


def parse_defects(texts: list[str] | tuple[str, ...]) -> list[DefectSpec]:
    return [DefectSpec.parse(t) for t in texts if t.strip()]


def normative_counts(specs: list[DefectSpec]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in specs:
        if REGISTRY[s.kind].normative:
            uid = s.unit or "county"
            counts[uid] = counts.get(uid, 0) + (2 if s.kind == "index_no_duplicate" else 1)
    return counts


import simulator.defects_annual  # noqa: E402,F401  (registers the annual-report kinds)

import simulator.network  # noqa: E402,F401  (network/IPv6 defect kinds)

import simulator.defects_columns  # noqa: E402,F401  (plan-required column kinds)

import simulator.defects_linkage  # noqa: E402,F401  (解读 linkage, 文不对标, column fit)
import simulator.defects_library  # noqa: E402,F401  (规范性文件库 list marks)
