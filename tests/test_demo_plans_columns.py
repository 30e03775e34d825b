"""Fast: the missing_column defect kind (truth, refusals, cascade) and the two
columns.required cases the demo exposed (a headline naming a column is not the
column; a column linked outside the unit's scope is judged where it was crawled)."""

from __future__ import annotations

import datetime as dt

import pytest

from checks.base import CheckContext
from checks.columns.required import CHECK
from simulator.defects import DefectError
from simulator.generate import generate
from zwgk_audit.model import Link, LinkKind, Page, PageKind, Snapshot, Status, Unit

AS_OF = dt.date(2026, 11, 22)
PORTS = {"county": 18001, "town": 18002, "province": 18003}


def truth_of(tmp_path, defects):
    g = generate(tmp_path / "p", seed=7, scale=60, as_of=AS_OF, defects=defects, ports=PORTS)
    return g, sorted((t["unit"], t["path"], t["key"]) for t in g.truth["findings"] if t["check_id"] == "columns.required")


def test_missing_column_truth_is_the_home_page_keyed_by_the_canonical_name(tmp_path):
    g, truth = truth_of(tmp_path, ["missing_column:营商环境@town", "missing_column:意见征集@jyj"])
    assert truth == [("jyj", "/bm/jyj/index.html", "意见征集"), ("town", "/index.html", "营商环境")]
    town_home = (g.root("town") / "index.html").read_text("utf-8")
    assert "专题专栏" not in town_home and 'title="营商环境"' not in town_home
    county_home = (g.root("county") / "index.html").read_text("utf-8")
    assert 'title="优化营商环境"' in county_home and "专题专栏" in county_home


def test_a_clean_portal_has_every_required_column_and_no_columns_truth(tmp_path):
    g, truth = truth_of(tmp_path, [])
    assert truth == []
    required = {u["id"]: set() for u in g.truth["units"]}
    for u in g.plan.units.values():
        required[u.id] |= {c.required for c in u.columns.values() if c.required}
        required[u.id] |= {x[2] for x in u.xxgk_links}
    xxgk = {"重点领域", "公共企事业单位信息公开", "意见征集", "政府公报", "涉农补贴", "政府信息公开目录", "依申请公开"}
    for uid in ("county", "town"):
        assert required[uid] == xxgk | {"营商环境"}, uid
    for uid in ("jyj", "czj"):
        assert required[uid] == xxgk, uid


def test_removing_a_column_others_link_removes_their_entry_too(tmp_path):
    g, truth = truth_of(tmp_path, ["missing_column:政府公报"])
    assert [(u, k) for u, _, k in truth] == [("county", "政府公报"), ("czj", "政府公报"), ("jyj", "政府公报")]
    assert not (g.root("county") / "zwgk" / "zfgb" / "index.html").exists()
    for prefix in ("bm/jyj", "bm/czj"):
        assert "zfgb" not in (g.root("county") / prefix / "zwgk" / "index.html").read_text("utf-8", "replace")


def test_missing_ysqgk_also_drops_the_guides_link(tmp_path):
    g, truth = truth_of(tmp_path, ["missing_column:依申请公开@czj"])
    assert truth == [("czj", "/bm/czj/index.html", "依申请公开")]
    guide = (g.root("county") / "bm" / "czj" / "zwgk" / "zn" / "index.html").read_bytes().decode("gbk")
    assert "ysqgk" not in guide and "依申请公开" in guide


@pytest.mark.parametrize("spec, needle", [
    ("missing_column:营商环境@jyj", "不适用"),
    ("missing_column", "需要参数"),
    ("missing_column:规章", "应为"),
    ("empty_column:yjzj", "missing_column"),
])
def test_refusals(tmp_path, spec, needle):
    with pytest.raises(DefectError, match=needle):
        generate(tmp_path / "p", seed=7, scale=60, as_of=AS_OF, defects=[spec], ports=PORTS)


# ---------------------------------------------------------------- the check

HOME = "http://gov.example/bm/jyj/index.html"
XXGK = "http://gov.example/bm/jyj/zwgk/index.html"
UNIT = Unit(id="jyj", name="某局", base_url=HOME, scope_prefixes=("http://gov.example/bm/jyj/",))
PORTAL = Unit(id="county", name="某县人民政府", base_url="http://gov.example/index.html",
              scope_prefixes=("http://gov.example/",))
ARTICLE = "http://gov.example/bm/jyj/art/2026/11/1/art_1.html"
GB = "http://gov.example/zwgk/zfgb/index.html"


def ctx(snap, column):
    return CheckContext(snapshot=snap, unit=UNIT, as_of=AS_OF, meta=CHECK.meta,
                        requirements=frozenset({f"column:{column}"}))


def base(extra_pages=(), extra_links=()):
    pages = [Page("jyj", HOME, HOME, 200, PageKind.HOME, title="某局"),
             Page("jyj", XXGK, XXGK, 200, PageKind.COLUMN, title="政府信息公开_某局"),
             *extra_pages]
    links = [Link("jyj", HOME, XXGK, "政府信息公开", LinkKind.PAGE), *extra_links]
    return Snapshot([UNIT, PORTAL], pages, links)


def test_a_headline_naming_the_column_is_not_the_column():
    snap = base([Page("jyj", ARTICLE, ARTICLE, 200, PageKind.DETAIL, title="关于征求意见的公告")],
                [Link("jyj", HOME, ARTICLE, "某局关于征求意见的公告", LinkKind.PAGE)])
    (f,) = CHECK.run(ctx(snap, "意见征集"))
    assert (f.status, f.url, f.key) == (Status.FAIL, HOME, "意见征集")
    assert "未找到" in f.message


def test_a_column_outside_the_scope_is_judged_where_its_unit_crawled_it():
    def snap(entries):
        s = base([Page("jyj", GB, GB, 200, PageKind.OTHER),            # status only
                  Page("county", GB, GB, 200, PageKind.COLUMN, title="政府公报_某县人民政府"),
                  Page("county", PORTAL.base_url, PORTAL.base_url, 200, PageKind.HOME)],
                 [Link("jyj", XXGK, GB, "政府公报", LinkKind.PAGE),
                  Link("county", PORTAL.base_url, GB, "政府公报", LinkKind.PAGE),
                  Link("county", GB, PORTAL.base_url, "首页", LinkKind.PAGE),
                  *(Link("county", GB, f"http://gov.example/zwgk/zfgb/{i}.html", f"公报第{i}期", LinkKind.PAGE)
                    for i in range(entries))])
        return s
    (f,) = CHECK.run(ctx(snap(3), "政府公报"))
    assert f.status is Status.PASS and "某县人民政府" in f.message and f.url == GB
    (f,) = CHECK.run(ctx(snap(0), "政府公报"))
    assert f.status is Status.FAIL and "空栏目" in f.message


def test_a_link_to_a_page_nobody_crawled_is_not_called_empty():
    snap = base([Page("jyj", GB, GB, 200, PageKind.OTHER)], [Link("jyj", XXGK, GB, "政府公报", LinkKind.PAGE)])
    (f,) = CHECK.run(ctx(snap, "政府公报"))
    assert f.status is Status.PASS and "范围外" in f.message
    snap = base([Page("jyj", GB, GB, 404, PageKind.OTHER)], [Link("jyj", XXGK, GB, "政府公报", LinkKind.PAGE)])
    (f,) = CHECK.run(ctx(snap, "政府公报"))
    assert f.status is Status.FAIL and "无法访问" in f.message
