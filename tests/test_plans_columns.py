"""columns.required on small in-memory snapshots: one portal, one defect, one finding."""

from __future__ import annotations

import datetime as dt

from checks.base import CheckContext
from checks.columns.required import CHECK
from zwgk_audit.model import Link, LinkKind, Page, PageKind, Snapshot, Status, Unit

HOME = "http://gov.example/"
COL = "http://gov.example/yshj/"
UNIT = Unit(id="city", name="某市", base_url=HOME)


def snapshot(*, link_text="优化营商环境", col_status=200, entries=2, home=True, title="营商环境"):
    pages = [Page(unit="city", url=COL, final_url=COL, status=col_status, kind=PageKind.COLUMN,
                  title=title)]
    links = [Link("city", HOME, "http://gov.example/news/", "新闻动态", LinkKind.PAGE)]
    if home:
        pages.append(Page(unit="city", url=HOME, final_url=HOME, status=200, kind=PageKind.HOME, title="某市人民政府"))
    if link_text:
        links.append(Link("city", HOME, COL, link_text, LinkKind.PAGE))
    links += [Link("city", COL, f"{COL}t{i}.html", f"关于优化营商环境的第{i}项措施", LinkKind.PAGE)
              for i in range(entries)]
    links.append(Link("city", COL, "http://gov.example/news/", "新闻动态", LinkKind.PAGE))  # navigation
    return Snapshot([UNIT], pages, links)


def run(snap, requirements=frozenset({"column:营商环境"})):
    ctx = CheckContext(snapshot=snap, unit=UNIT, as_of=dt.date(2023, 1, 1), meta=CHECK.meta,
                       requirements=requirements)
    return list(CHECK.run(ctx))


def test_column_present_with_content_passes_via_a_synonym():
    (f,) = run(snapshot())
    assert (f.status, f.key, f.url) == (Status.PASS, "营商环境", COL)


def test_missing_column_fails_on_the_home_page():
    # the column page exists deep in the site, but the home page does not link it
    # and its title does not name it
    snap = snapshot(link_text="")
    snap._pages[("city", COL)] = Page(unit="city", url=COL, final_url=COL, status=200,
                                      kind=PageKind.COLUMN, title="专题")
    (f,) = run(snap)
    assert (f.status, f.key, f.url) == (Status.FAIL, "营商环境", HOME)
    assert "未找到“营商环境”栏目" in f.message


def test_unreachable_column_fails():
    (f,) = run(snapshot(col_status=404))
    assert f.status == Status.FAIL and "无法访问" in f.message


def test_empty_column_fails():
    (f,) = run(snapshot(entries=0))
    assert f.status == Status.FAIL and "空栏目" in f.message


def test_no_home_page_is_unknown():
    (f,) = run(snapshot(home=False))
    assert f.status == Status.UNKNOWN


def test_only_required_columns_are_checked():
    assert run(snapshot(), requirements=None) == []
    assert run(snapshot(), requirements=frozenset({"ipv6"})) == []


def test_xxgk_column_without_an_xxgk_area_is_unknown():
    (f,) = run(snapshot(), requirements=frozenset({"column:政府公报"}))
    assert f.status == Status.UNKNOWN and f.key == "政府公报"


def test_clause_requiring_a_column_gives_a_fail_then_pass(tmp_path):
    """From the plan: 004's clause 7 (稳经济 on the home page) → requirement → finding."""
    from plans.apply import apply_plans, requirements_for
    from plans.catalog import load_catalog

    unit = Unit(id="city", name="某市", base_url=HOME, plan="004")
    cats = {"004": load_catalog("004", checks=[CHECK.meta])}
    req = requirements_for(unit, cats)
    assert "column:稳经济" in req
    snap = snapshot(link_text="稳经济专栏", title="稳经济专栏")
    snap.units["city"] = unit
    ctx = CheckContext(snapshot=snap, unit=unit, as_of=dt.date(2023, 1, 1), meta=CHECK.meta, requirements=req)
    by_key = {f.key: f for f in CHECK.run(ctx)}
    assert by_key["稳经济"].status == Status.PASS
    assert by_key["营商环境"].status == Status.FAIL
    out, _ = apply_plans(list(by_key.values()), [unit], cats, dt.date(2023, 1, 1), {CHECK.meta.id: CHECK.meta})
    cited = {f.key: [c.clause for c in f.basis if c.plan_id] for f in out}
    assert cited["稳经济"] == ["7"] and cited["营商环境"] == ["5"]


def test_a_department_column_on_a_shared_portal_is_not_asked_for_home_page_columns():
    import datetime as dt
    from checks.base import CheckContext
    from checks.registry import get
    from zwgk_audit.model import Page, PageKind, Snapshot, Status, Unit

    unit = Unit(id="jyj", name="县教育局", base_url="http://127.0.0.1:8080/bm/jyj/index.html")
    home = Page(unit="jyj", url=unit.base_url, final_url=unit.base_url, status=200, kind=PageKind.HOME,
                text="<html><body><a href='/bm/jyj/zwgk/index.html'>政府信息公开</a></body></html>")
    check = get("columns.required")
    ctx = CheckContext(snapshot=Snapshot([unit], [home]), unit=unit, as_of=dt.date(2026, 1, 1),
                       meta=check.meta, requirements=frozenset({"column:营商环境"}))
    [f] = list(check.run(ctx))
    assert f.status is Status.NA and f.key == "营商环境"
