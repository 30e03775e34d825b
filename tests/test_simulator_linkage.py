"""Simulator: 解读 pages (三同步), their defects, 文不对标 rows, a 规范性文件 in 动态."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.defects import DefectError
from simulator.generate import generate

AS_OF = dt.date(2025, 6, 30)
PORTS = {"county": 18101, "town": 18102, "province": 18103}
KINDS = ["interpretation_missing", "interpretation_late", "interpretation_no_link_back@town",
         "title_mismatch@jyj", "normative_in_news"]


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("sim") / "out", seed=11, scale=200, as_of=AS_OF,
                    ports=PORTS, defects=KINDS)


def _read(gen, site, path):
    return (gen.root(site) / path.lstrip("/")).read_text("utf-8")


def _truth(gen, defect):
    [t] = [t for t in gen.truth["findings"] if t["defect"] == defect]
    return t


def test_clean_documents_have_same_day_interpretation_linked_both_ways(gen):
    clean = [d for d in gen.plan.docs() if not d.interp_mode]
    assert clean
    for d in clean:
        e = d.interp
        assert e is not None and e.published == d.published and e.column == "zcjd"
        site = gen.plan.units[d.unit].site
        assert f'href="{e.path}"' in _read(gen, site, d.path)
        assert f'href="{d.path}"' in _read(gen, site, e.path)
        assert "解读" in e.title and "《" in e.title


def test_interpretation_defects_and_truth(gen):
    by_mode = {d.interp_mode: d for d in gen.plan.docs() if d.interp_mode}
    assert by_mode["missing"].interp is None
    t = _truth(gen, "interpretation_missing")
    assert (t["check_id"], t["key"], t["status"], t["path"]) == (
        "normative.interpretation", "missing", "fail", by_mode["missing"].path)
    late = by_mode["late"]
    assert (late.interp.published - late.published).days == 12
    assert _truth(gen, "interpretation_late")["status"] == "warn"
    nb = by_mode["no_link_back"]
    assert nb.unit == "town"
    assert f'href="{nb.path}"' not in _read(gen, "town", nb.interp.path)
    assert f'href="{nb.interp.path}"' in _read(gen, "town", nb.path)


def test_title_mismatch_row_and_normative_in_news(gen):
    t = _truth(gen, "title_mismatch@jyj")
    e = next(x for c in gen.plan.units["jyj"].columns.values() for x in c.entries if x.role == "title_mismatch")
    assert t["path"] == e.path and e.list_title and e.list_title != e.title
    col = gen.plan.units["jyj"].columns[e.column]
    assert f"{e.list_title}</a>" in _read(gen, "county", col.list_path)
    assert f"<h1 class=\"article-title\">{e.title}</h1>" in _read(gen, "county", e.path)
    n = _truth(gen, "normative_in_news")
    d = next(x for x in gen.plan.docs("county") if x.role == "in_news")
    assert (n["check_id"], n["status"], n["path"]) == ("normative.column_fit", "warn", d.path)
    assert d.path.startswith("/xwzx/gzdt/")
    assert d.path not in _read(gen, "county", "/zwgk/gfxwj/index.html")


def test_empty_column_refuses_the_interpretation_column(tmp_path):
    with pytest.raises(DefectError):
        generate(tmp_path / "o", seed=1, scale=120, as_of=AS_OF, ports=PORTS, defects=["empty_column:zcjd"])
