"""Declared defects of 解读 linkage (三同步), 文不对标 and column fit.

Every clean 规范性文件 of a unit with a 政策解读 column (county, town) gets a
解读 there, published the same day and linked both ways (build._interpretations).

``interpretation_missing[@unit]``      no 解读 → normative.interpretation ``missing`` fail
``interpretation_no_link_back[@unit]`` the 解读 does not link the document → ``no_link_back`` fail
``interpretation_late[@unit]``         the 解读 comes 12 days later → ``late`` warn
``title_mismatch[@unit]``              a news/notice list row shows another title than its
                                       page → links.title_mismatch fail at the page's path
``normative_in_news[@unit]``           a 规范性文件 listed in the unit's news column instead
                                       of the library → normative.column_fit warn

Truth paths are placeholders (``@doc<id>``, ``@entry<id>``) resolved once
paths are assigned.
"""

from __future__ import annotations

import random

from simulator import content as C
from simulator.build import LATE_INTERPRETATION_DAYS
from simulator.defects import DefectError, DefectSpec, _pick_doc, _truth, _unit, defect
from simulator.plan import Doc, PortalPlan


def _interp_unit(plan: PortalPlan, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    if "zcjd" not in u.columns:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有政策解读栏目")


def _interp_defect(name: str, mode: str, key: str, status: str, what: str) -> None:
    def fn(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
        _interp_unit(plan, spec)
        d = _pick_doc(plan, rng, spec)
        d.interp_mode = mode
        _truth(plan, d, "normative.interpretation", key, spec, status)
    fn.__name__ = name
    defect(name, what, normative=True)(fn)


_interp_defect("interpretation_missing", "missing", "missing", "fail", "规范性文件没有政策解读")
_interp_defect("interpretation_no_link_back", "no_link_back", "no_link_back", "fail",
               "政策解读页面没有链接回所解读的文件（文件页面有解读链接）")
_interp_defect("interpretation_late", "late", "late", "warn",
               f"政策解读晚于文件{LATE_INTERPRETATION_DAYS}天发布（提醒）")


@defect("title_mismatch", "栏目列表中的标题与所链接页面的标题不一致（文不对标）")
def _title_mismatch(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    cands = [e for c in u.columns.values() if c.ctype in ("news", "notice") for e in c.entries
             if not e.role and not isinstance(e, Doc)]
    if not cands:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有可用的动态或通知公告条目")
    e = rng.choice(cands)
    short = u.name.replace("人民政府", "")
    others = [short + t for t in C.NEWS_TOPICS + C.NOTICE_TOPICS]
    others = [t for t in others if t not in e.title and e.title not in t]
    e.list_title = rng.choice(others)
    e.role = "title_mismatch"
    plan.add_truth(u.id, "links.title_mismatch", f"@entry{e.id}", "", spec.text)


@defect("normative_in_news", "规范性文件发布在动态类栏目，规范性文件库中没有（提醒）", normative=True)
def _in_news(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    news = next((c for c in u.columns.values() if c.ctype == "news"), None)
    if news is None:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有动态类栏目")
    if any(a.startswith("stale_column") and (a.endswith(f":{news.key}") or f":{news.key}@" in a)
           and (a.partition("@")[2] or "county") == u.id for a in plan.applied):
        raise DefectError(f"缺陷 {spec.text}: 栏目 {news.name} 已被设为长期未更新，移入文件会改变其结论")
    d = _pick_doc(plan, rng, spec)
    src = u.columns[d.column]
    src.entries.remove(d)
    d.column = news.key
    d.role = "in_news"
    news.entries.append(d)
    _truth(plan, d, "normative.column_fit", "", spec, "warn")
