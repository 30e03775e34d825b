"""Declared defects of the 规范性文件 library's list.

A clean library marks the rows of documents no longer in force, as real
portals do (render.Renderer._validity_badge): TRS rows carry
``<span class="yxx">[已失效]</span>`` / ``[已废止]``, Hanweb rows
``<em class="red_base">失效</em>``.

``library_unmarked_invalid[@unit]``  a 失效 document listed in the library with
                                     no mark → normative.library ``marked`` fail
                                     at the library's list page
``library_search_broken[@unit]``     the library's 检索 box finds nothing for any
                                     query (未找到相关结果) → normative.library
                                     ``search`` fail at the library's list page
"""

from __future__ import annotations

import datetime as dt
import random

from simulator.codes import cn_date_short
from simulator.defects import DefectError, DefectSpec, _unit, defect
from simulator.plan import Doc, PortalPlan

LIBRARY = "gfxwj"


@defect("library_unmarked_invalid", "规范性文件库列表中失效或废止的文件未作标注，与现行有效文件混列",
        normative=True)
def _unmarked_invalid(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    lib = u.columns.get(LIBRARY)
    if lib is None:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有规范性文件库")
    clean = [e for e in lib.entries if isinstance(e, Doc) and e.normative and not e.role and not e.defects]
    # A document whose own 有效期 has ended (build marks it 失效) is the natural
    # case; otherwise take an older clean one and let its term end.
    cands = [d for d in clean if d.validity == "失效"]
    if cands:
        d = rng.choice(cands)
    else:
        newest = max((e.published for e in lib.entries), default=None)
        older = [d for d in clean if d.published != newest]
        if not older:
            raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 的规范性文件库没有可用的文件（请增大规模）")
        d = rng.choice(older)
        start = dt.date(plan.as_of.year - 6, 3, 1)
        d.published = start - dt.timedelta(days=rng.randint(5, 20))
        d.written = d.published - dt.timedelta(days=3)
        d.body = [p for p in d.body if "起施行" not in p] + [f"本办法自{cn_date_short(start)}起施行，有效期5年。"]
        d.validity = "失效"
    d.list_mark = False
    d.defects.append(spec.kind)
    plan.add_truth(u.id, "normative.library", lib.list_path, "marked", spec.text)


@defect("library_search_broken", "规范性文件库的检索功能失效：按文件标题检索也查不到任何结果")
def _search_broken(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec)
    lib = u.columns.get(LIBRARY)
    if lib is None or not lib.search:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 没有带检索功能的规范性文件库")
    lib.search = "broken"
    plan.add_truth(u.id, "normative.library", lib.list_path, "search", spec.text)
