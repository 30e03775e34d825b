"""Declared defects of the columns a 政务公开工作要点 requires (columns.required).

``missing_column:<canonical name>[@unit]`` (default unit: county) leaves the
column out of the unit's site: its list page, its sub-columns and entries, and
every entry that names it (the 政府信息公开 entry of another unit pointing at
it included: that unit then misses the column too).  The canonical names are
those of plans/data/column_synonyms.json that the simulated portal carries
(``Column.required``, ``UnitPlan.xxgk_links``, ``UnitPlan.ysqgk``).

Truth: ``columns.required`` fail keyed by the canonical name at the unit's
home path (where the check reports a column it cannot find).  营商环境 is a
home-page column: a department on the county portal is 不适用, so the kind
refuses it there.
"""

from __future__ import annotations

import random
from urllib.parse import urlsplit

from simulator.defects import DefectError, DefectSpec, _unit, defect
from simulator.plan import PortalPlan, UnitPlan

REQUIRED_COLUMNS: tuple[str, ...] = (
    "营商环境", "重点领域", "公共企事业单位信息公开", "意见征集", "政府公报", "涉农补贴",
    "政府信息公开目录", "依申请公开",
)
HOME_COLUMNS = ("营商环境",)


def _drop(plan: PortalPlan, u: UnitPlan, canonical: str, spec: DefectSpec) -> list[str]:
    """Remove the unit's own column(s) for ``canonical``; their list paths."""
    keys = [k for k, c in u.columns.items() if c.required == canonical]
    keys += [k for k, c in u.columns.items() if c.parent in keys]
    for k in keys:
        c = u.columns[k]
        if any(e.role for e in c.entries):
            raise DefectError(f"缺陷 {spec.text}: 栏目 {c.name} 含有其他缺陷或特殊页面，不能删除")
    paths = [u.columns[k].list_path for k in keys]
    for k in keys:
        del u.columns[k]
    return paths


@defect("missing_column", "工作要点要求的栏目未设置（首页或政府信息公开专栏中找不到）",
        args=REQUIRED_COLUMNS, arg_required=True)
def _missing_column(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    canonical = spec.arg
    if canonical in HOME_COLUMNS and u.prefix != "/":
        raise DefectError(f"缺陷 {spec.text}: “{canonical}”是首页栏目，门户网站上的部门栏目（{u.id}）对此不适用")
    removed = _drop(plan, u, canonical, spec)
    before = len(u.xxgk_links)
    u.xxgk_links = [x for x in u.xxgk_links if x[2] != canonical]
    gone = bool(removed) or len(u.xxgk_links) != before
    if canonical == "依申请公开" and u.ysqgk:
        u.ysqgk, gone = False, True
    if not gone:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有“{canonical}”栏目")
    plan.add_truth(u.id, "columns.required", u.home_path, canonical, spec.text)
    # Other units whose 政府信息公开 points at the removed column lose it too
    # (the link would otherwise be broken).
    def points_at_removed(other: UnitPlan, href: str) -> bool:
        parts = urlsplit(href)
        site = other.site if not parts.netloc else next(
            (k for k, s in plan.sites.items() if parts.port == s.port), "")
        return site == u.site and parts.path in removed

    for other in plan.units.values():
        if other is u:
            continue
        kept = [x for x in other.xxgk_links if not points_at_removed(other, x[0])]
        if len(kept) != len(other.xxgk_links):
            other.xxgk_links = kept
            if not any(x[2] == canonical for x in kept) and not any(c.required == canonical for c in other.columns.values()):
                plan.add_truth(other.id, "columns.required", other.home_path, canonical, spec.text)
