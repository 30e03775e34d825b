"""Declared defects of the 政府信息公开工作年度报告 (annual_report.* checks).

Each kind marks one of a unit's reports (default unit: county) with a
``simulator.annual_reports.render_report`` defect, or removes a report.
The truth is written when the reports are rendered (``simulator.annual``):
content findings at the report page's path, presence/series findings at
the unit's home path.

A kind picks the latest eligible report that has no defect yet (else the
latest eligible one):

  annual_missing_year[:presence|gap]   the last due year's report (presence) or
                                       the middle year's (series gap) is not published
  annual_late                          published after 1月31日 (Feb/Mar of the next year)
  annual_old_template                  2019 format for a year ≥ 2021
  annual_arithmetic[:row_total|col_balance|result_total|review_total]
                                       a table does not add up
  annual_blank_cell                    a zero cell left blank
  annual_text_mismatch                 the prose states a number the table contradicts
  annual_broken_carryover              上年结转 ≠ last year's 结转下年度
  annual_missing_section               section 五 left out
  annual_missing_plan                  no word on the 政务公开工作要点落实情况 (warn)
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from simulator import annual as A
from simulator.defects import DefectError, DefectSpec, _unit, defect
from simulator.plan import AnnualReportPlan, PortalPlan

ARITHMETIC = ("row_total", "col_balance", "result_total", "review_total")


def _pick(plan: PortalPlan, spec: DefectSpec, ok: Callable[[AnnualReportPlan], bool], why: str) -> AnnualReportPlan:
    u = _unit(plan, spec)
    cands = [r for r in A.reports_of(plan, u.id) if ok(r)]
    if not cands:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有{why}的年度报告")
    fresh = [r for r in cands if not r.defects]
    return (fresh or cands)[-1]


def _mark(plan: PortalPlan, spec: DefectSpec, render_defect: str,
          ok: Callable[[AnnualReportPlan], bool] = lambda r: True, why: str = "可用") -> None:
    cands_ok = (lambda r: ok(r) and render_defect not in r.defects)
    r = _pick(plan, spec, cands_ok, why)
    r.defects[render_defect] = spec.text


def _content(name: str, render_defect: str, description: str,
             ok: Callable[[PortalPlan], Callable[[AnnualReportPlan], bool]] | None = None,
             why: str = "可用") -> None:
    def fn(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
        _mark(plan, spec, render_defect, ok(plan) if ok else (lambda r: True), why)
    fn.__name__ = name
    defect(name, description)(fn)


def _late_ok(plan: PortalPlan) -> Callable[[AnnualReportPlan], bool]:
    # render_report dates a late report in Feb or Mar (day ≤ 28) of the next year.
    return lambda r: dt.date(r.year + 1, 3, 28) < plan.as_of


def _carry_ok(plan: PortalPlan) -> Callable[[AnnualReportPlan], bool]:
    def ok(r: AnnualReportPlan) -> bool:
        prev = plan.annual.get((r.unit, r.year - 1))
        return prev is not None and not prev.missing
    return ok


_content("annual_late", "late", "年度报告晚于次年1月31日发布", _late_ok, "可在审计日前迟发")
_content("annual_old_template", "old_template", "2021年度及以后的年度报告仍用2019年版格式",
         lambda plan: (lambda r: r.year >= 2021), "2021年度及以后")
_content("annual_blank_cell", "blank_cell", "年度报告表格中应填0的栏目留空")
_content("annual_text_mismatch", "text_table_mismatch", "年度报告正文所述申请数与表格不一致")
_content("annual_broken_carryover", "broken_carryover", "年度报告“上年结转”与上年报告“结转下年度”不一致",
         _carry_ok, "有上一年度报告")
_content("annual_missing_section", "missing_section", "年度报告缺少第五部分“存在的主要问题及改进情况”")
_content("annual_missing_plan", "missing_plan", "年度报告未说明政务公开工作要点落实情况（提醒）")


@defect("annual_arithmetic", "年度报告表格勾稽关系错误（行总计、一＋二＝三＋四、办理结果总计、复议总计）",
        args=ARITHMETIC)
def _arithmetic(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    variant = spec.arg or ARITHMETIC[sum(a.startswith("annual_arithmetic") for a in plan.applied) % len(ARITHMETIC)]
    _mark(plan, spec, variant)


@defect("annual_missing_year", "网站上缺少某年度的年度报告（presence：上一年度未发布；gap：历年报告中间缺年）",
        args=("presence", "gap"))
def _missing_year(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    due, _ = A.due_years(plan.as_of)
    year = due if spec.arg in ("", "presence") else plan.as_of.year - 2
    r = plan.annual.get((u.id, year))
    if r is None or r.missing:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 的{year}年度报告不存在或已被删除")
    if r.defects:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 的{year}年度报告已有其他缺陷"
                          f"（{r.defect_text}），请把缺年缺陷写在前面")
    r.missing = spec.text
