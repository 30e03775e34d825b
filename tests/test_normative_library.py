"""normative.library and normative.list_agreement on small portals."""

from __future__ import annotations

import datetime as dt

from checks.registry import all_checks
from checks.runner import run_checks
from extract.normative_list import list_rows
from zwgk_audit.model import Link, LinkKind, Page, PageKind, Snapshot, Unit

from test_normative_checks import FIELDS, doc_html

AS_OF = dt.date(2025, 6, 30)
BASE = "http://gov.example/"
UNIT = Unit(id="county", name="示例县人民政府", base_url=BASE + "index.html")


def page(path, html, kind=PageKind.DETAIL):
    return Page(unit="county", url=BASE + path, final_url=BASE + path, status=200, kind=kind,
                content_type="text/html", text=html)


def listing(path, column, rows):
    lis = "".join(f'<li><a href="/{href}" title="{title}">{title}</a>{extra}</li>' for href, title, extra in rows)
    return page(path, f'<html><head><meta name="ColumnName" content="{column}"></head><body><ul>{lis}</ul></body></html>',
                PageKind.COLUMN)


def links_of(*lists):
    out = []
    for lp in lists:
        for r in list_rows(lp.text, lp.url):
            out.append(Link("county", lp.url, r.url, r.title, LinkKind.PAGE))
    return out


def run(pages, links, check):
    snap = Snapshot([UNIT], pages, links)
    return run_checks(snap, AS_OF, checks=[c for c in all_checks() if c.meta.id == check])


def statuses(fs):
    """Verdicts by key; ``search`` (the library's 检索 box) has its own tests
    in test_normative_library_search.py."""
    return sorted((f.key, f.status.value) for f in fs if f.key != "search")


def test_list_rows_read_title_date_and_mark():
    html = ('<ul><li><a href="./a.html" title="关于印发《办法》的通知">关于印发《办法》…</a>'
            '<span>示府〔2024〕12号</span><span>2024-03-05</span><em>已失效</em></li></ul>')
    [r] = list_rows(html, BASE + "gfxwj/index.html")
    assert r.url == BASE + "gfxwj/a.html" and r.title == "关于印发《办法》的通知"
    assert r.date == "2024-03-05" and r.mark == "已失效"


def test_list_rows_inside_hanweb_datastore():
    html = ('<div id="div1"></div><script type="text/xml"><datastore><recordset>'
            '<record><![CDATA[<li><a href="/art/2024/3/5/art_1_2.html">关于某事的通知</a><span>2024-03-05</span></li>]]></record>'
            '</recordset></datastore></script>')
    [r] = list_rows(html, BASE + "col/col1/index.html")
    assert r.url == BASE + "art/2024/3/5/art_1_2.html" and r.date == "2024-03-05"


def test_library_present_reachable_and_separate():
    doc = page("gfxwj/a.html", doc_html())
    lib = listing("gfxwj/index.html", "规范性文件", [("gfxwj/a.html", FIELDS["名称"], "<span>2024-03-05</span>")])
    entry = listing("zwgk/index.html", "政府信息公开", [("gfxwj/index.html", "规范性文件", "")])
    fs = run([doc, lib, entry], links_of(lib, entry), "normative.library")
    assert statuses(fs) == [("exists", "pass"), ("reachable", "pass"), ("separate", "pass")]


def test_other_documents_mixed_into_the_library():
    other_fields = dict(FIELDS, 文号="无", 名称="示例县人民政府关于召开会议的通知")
    other_fields.pop("有效性")
    doc = page("gfxwj/a.html", doc_html())
    other = page("gfxwj/b.html", doc_html(other_fields, column="规范性文件"))
    lib = listing("gfxwj/index.html", "规范性文件", [("gfxwj/a.html", FIELDS["名称"], ""),
                                                   ("gfxwj/b.html", other_fields["名称"], "")])
    home = listing("index.html", "首页", [("gfxwj/index.html", "规范性文件", "")])
    fs = run([doc, other, lib, home], links_of(lib, home), "normative.library")
    assert statuses(fs) == [("exists", "pass"), ("reachable", "warn"), ("separate", "fail")]
    [sep] = [f for f in fs if f.key == "separate"]
    assert sep.evidence.value == other.url


def test_no_library_but_normative_documents():
    fields = dict(FIELDS)
    doc = page("wj/a.html", doc_html(fields, column="政府文件"))
    fs = run([doc], [], "normative.library")
    assert statuses(fs) == [("exists", "fail")] and fs[0].url == UNIT.base_url


def test_unit_without_any_normative_document_is_not_applicable():
    fs = run([page("index.html", "<html><body>首页</body></html>", PageKind.HOME)], [], "normative.library")
    assert statuses(fs) == [("exists", "na")]


def test_list_and_detail_agree():
    doc = page("gfxwj/a.html", doc_html())
    lib = listing("gfxwj/index.html", "规范性文件",
                  [("gfxwj/a.html", FIELDS["名称"][:12] + "…", "<span>2024-03-05</span><em>有效</em>")])
    fs = run([doc, lib], links_of(lib), "normative.list_agreement")
    assert statuses(fs) == [("date", "pass"), ("title", "pass"), ("validity", "pass")]


def test_list_disagrees_with_detail():
    doc = page("gfxwj/a.html", doc_html(dict(FIELDS, 有效性="失效")))
    lib = listing("gfxwj/index.html", "规范性文件",
                  [("gfxwj/a.html", "示例县人民政府关于另一件事的通知", "<span>2024-03-09</span><em>有效</em>")])
    fs = run([doc, lib], links_of(lib), "normative.list_agreement")
    assert statuses(fs) == [("date", "fail"), ("title", "fail"), ("validity", "fail")]
    assert all(f.url == doc.url and f.evidence.details["list_url"] == lib.url for f in fs)
