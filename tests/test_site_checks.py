"""Site-wide checks on small in-memory snapshots: one portal, one defect,
one expected finding."""

import datetime as dt
from pathlib import Path

from checks.base import CheckContext
from checks.registry import get
from extract.encoding import decode_html
from zwgk_audit.model import Link, LinkKind, Page, PageKind, Snapshot, Status, Unit

BASE = "http://county.example.gov.cn/"
AS_OF = dt.date(2024, 4, 20)
REAL = Path(__file__).parent / "fixtures" / "realpages"
FIX = Path(__file__).parent / "fixtures" / "site"

FOOTER = ("<div class='footer'><p>主办单位：示例县人民政府办公室</p>"
          "<p><a href='http://beian.miit.gov.cn/'>冀ICP备05029117号-1</a> "
          "<a href='http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=13042002000523'>冀公网安备 13042002000523号</a></p>"
          "<p>网站标识码：1304270001</p>"
          "<span id='_ideConac'><a href='https://bszs.conac.cn/sitename?method=show&id=X'><img src='https://dcs.conac.cn/image/red.png'></a></span>"
          "<script id='_jiucuo_' sitecode='1304270001' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script></div>")


def home_html(footer: str = FOOTER, meta_code: str = "1304270001") -> str:
    return (f"<html><head><meta name='SiteIDCode' content='{meta_code}'><title>示例县人民政府</title></head>"
            f"<body><ul><li><a href='/zwgk/tzgg/'>通知公告</a></li></ul>{footer}</body></html>")


def page(url: str, text: str = "", status: int | None = 200, kind: PageKind = PageKind.OTHER, **kw) -> Page:
    return Page(unit="county", url=url, final_url=url, status=status, kind=kind, text=text,
                content_type="text/html; charset=utf-8", **kw)


def run(check_id: str, pages, links=(), settings=None, unit_name="示例县人民政府办公室"):
    unit = Unit(id="county", name="示例县人民政府门户网站", base_url=BASE, unit_name=unit_name)
    check = get(check_id)
    snap = Snapshot([unit], pages, links)
    ctx = CheckContext(snapshot=snap, unit=unit, as_of=AS_OF, settings=settings or {}, meta=check.meta)
    return list(check.run(ctx))


def not_passing(findings):
    return [(f.url, f.key, f.status) for f in findings if f.status is not Status.PASS]


# -- site.home_reachable

def test_home_reachable_passes_on_200():
    fs = run("site.home_reachable", [page(BASE, home_html())])
    assert [(f.url, f.status) for f in fs] == [(BASE, Status.PASS)]


def test_home_500_is_a_veto_failure():
    fs = run("site.home_reachable", [page(BASE, status=503)])
    assert not_passing(fs) == [(BASE, "", Status.FAIL)]
    assert fs[0].severity.value == "veto" and fs[0].evidence.value == "HTTP 503"


def test_home_network_error_fails_and_no_record_is_unknown():
    fs = run("site.home_reachable", [page(BASE, status=None, error="ConnectionRefusedError")])
    assert not_passing(fs) == [(BASE, "", Status.FAIL)] and "ConnectionRefusedError" in fs[0].message
    assert not_passing(run("site.home_reachable", [])) == [(BASE, "", Status.UNKNOWN)]


# -- links.broken

def test_one_broken_attachment_one_failure_with_sources():
    doc = BASE + "zwgk/a.html"
    pdf = BASE + "files/plan.pdf"
    pages = [page(BASE, home_html(), kind=PageKind.HOME), page(doc, "<html></html>", kind=PageKind.DETAIL),
             page(pdf, status=404, kind=PageKind.ATTACHMENT)]
    links = [Link("county", BASE, doc, "一篇文章", LinkKind.PAGE),
             Link("county", doc, pdf, "附件：规划全文", LinkKind.ATTACHMENT),
             Link("county", BASE, pdf, "规划全文下载", LinkKind.ATTACHMENT),
             Link("county", BASE, "http://other.example.com/x", "外部", LinkKind.EXTERNAL)]
    fs = run("links.broken", pages, links)
    assert not_passing(fs) == [(pdf, "", Status.FAIL)]
    assert len(fs) == 1
    d = fs[0].evidence.details
    assert d["kind"] == "attachment" and d["status"] == 404 and d["source_count"] == 2
    assert {s["url"] for s in d["sources"]} == {doc, BASE}


def test_nothing_broken_gives_a_summary_pass():
    doc = BASE + "zwgk/a.html"
    img = BASE + "img/logo.png"
    pages = [page(BASE, home_html()), page(doc, "<html></html>"),
             Page("county", img, img, 200, PageKind.OTHER, content_type="image/png")]
    links = [Link("county", BASE, doc, "文章", LinkKind.PAGE), Link("county", BASE, img, "", LinkKind.IMAGE, "img")]
    fs = run("links.broken", pages, links)
    assert [(f.key, f.status) for f in fs] == [("summary", Status.PASS)]
    assert fs[0].evidence.details["checked"] == {"page": 1, "image": 1}


# -- footer.identity

def test_complete_footer_passes_every_item():
    fs = run("footer.identity", [page(BASE, home_html())])
    assert sorted(f.key for f in fs) == sorted(["site_code", "icp", "psb", "sponsor", "error_report", "party_mark"])
    assert not_passing(fs) == []


def test_bad_icp_is_one_failure():
    fs = run("footer.identity", [page(BASE, home_html(FOOTER.replace("冀ICP备05029117号-1", "冀ICP备05029117")))])
    assert not_passing(fs) == [(BASE, "icp", Status.FAIL)]
    assert next(f for f in fs if f.key == "icp").evidence.value == "冀ICP备05029117"


def test_missing_error_report_entry_is_one_failure():
    footer = FOOTER.split("<script id='_jiucuo_'")[0] + "</div>"
    fs = run("footer.identity", [page(BASE, home_html(footer))])
    assert not_passing(fs) == [(BASE, "error_report", Status.FAIL)]


def test_site_code_disagreeing_with_meta_fails():
    fs = run("footer.identity", [page(BASE, home_html(meta_code="1304270002"))])
    assert not_passing(fs) == [(BASE, "site_code", Status.FAIL)]
    assert "1304270002" in next(f for f in fs if f.key == "site_code").message


def test_sponsor_differing_from_configured_unit_is_a_warning():
    fs = run("footer.identity", [page(BASE, home_html())], unit_name="示例县政务服务和数据管理局")
    assert not_passing(fs) == [(BASE, "sponsor", Status.WARN)]


def test_real_footer_f13_passes():
    html = decode_html((REAL / "handan_xxgk_index.jsp.html").read_bytes()).text
    fs = run("footer.identity", [page(BASE, html)], unit_name="邯郸市人民政府办公室")
    assert not_passing(fs) == []


def test_f15_script_footer_unrendered_is_unknown_for_every_item():
    html = "<html><body>" + decode_html((REAL / "F15_zj_gov_cn_2018_footer_loaded_by_js_EXCERPT.html").read_bytes()).text + "</body></html>"
    fs = run("footer.identity", [page(BASE, html)])
    assert {(f.key, f.status) for f in fs} == {(k, Status.UNKNOWN) for k in
                                               ("site_code", "icp", "psb", "sponsor", "error_report", "party_mark")}
    assert "页脚由脚本加载" in fs[0].message


def test_rendered_page_without_footer_items_fails():
    html = "<html><body><script src='/script/0/newfoot.js'></script></body></html>"
    fs = run("footer.identity", [page(BASE, html, rendered=True)])
    assert {f.status for f in fs} == {Status.FAIL}


def test_home_down_makes_footer_unknown():
    fs = run("footer.identity", [page(BASE, status=404)])
    assert {f.status for f in fs} == {Status.UNKNOWN} and len(fs) == 6


# -- columns.empty / columns.stale

def fixture(name: str) -> str:
    return decode_html((FIX / name).read_bytes()).text


def column(url: str, name: str, dates: list[str]) -> Page:
    rows = "".join(f"<li><a href='./{i}.html' title='{name}第{i}条信息标题'>{name}第{i}条信息标题</a><span>{d}</span></li>"
                   for i, d in enumerate(dates))
    html = (f"<html><head><meta name='ColumnName' content='{name}'><title>{name}</title></head>"
            f"<body><ul class='list'>{rows}</ul></body></html>")
    return page(url, html, kind=PageKind.COLUMN)


def test_empty_column_is_one_failure_and_stale_is_na():
    tzgg = column(BASE + "zwgk/tzgg/", "通知公告", ["2024-04-01"])
    ghjh = page(BASE + "zwgk/ghjh/", fixture("empty_list.html"), kind=PageKind.COLUMN)
    assert not_passing(run("columns.empty", [tzgg, ghjh])) == [(ghjh.url, "", Status.FAIL)]
    stale = run("columns.stale", [tzgg, ghjh])
    assert not_passing(stale) == [(ghjh.url, "", Status.NA)]


def test_empty_hanweb_datastore_is_empty():
    col = page(BASE + "col/col2/index.html", fixture("hanweb_empty_datastore.html"), kind=PageKind.COLUMN)
    fs = run("columns.empty", [col])
    assert not_passing(fs) == [(col.url, "", Status.FAIL)] and "datastore" in fs[0].message


def test_news_column_older_than_two_weeks_is_stale():
    news = column(BASE + "xwzx/gzdt/", "工作动态", ["2024-03-30", "2024-03-01"])     # 21 days
    notice = column(BASE + "zwgk/tzgg/", "通知公告", ["2023-11-01"])                  # 171 days < 183
    fs = run("columns.stale", [news, notice])
    assert not_passing(fs) == [(news.url, "", Status.FAIL)]
    f = next(f for f in fs if f.url == news.url)
    assert f.evidence.value == "2024-03-30" and f.evidence.details["threshold_days"] == 14


def test_thresholds_come_from_settings():
    notice = column(BASE + "zwgk/tzgg/", "通知公告", ["2024-03-01"])
    assert not_passing(run("columns.stale", [notice])) == []
    fs = run("columns.stale", [notice], settings={"stale_days.notice": 30})
    assert not_passing(fs) == [(notice.url, "", Status.FAIL)]
    nested = run("columns.stale", [notice], settings={"stale_days": {"notice": 30}})
    assert not_passing(nested) == [(notice.url, "", Status.FAIL)]


def test_hanweb_datastore_column_fresh_when_not_rendered():
    col = page(BASE + "col/col1229040099/index.html", fixture("hanweb_datastore.html"), kind=PageKind.COLUMN)
    assert not_passing(run("columns.stale", [col])) == []
    assert not_passing(run("columns.empty", [col])) == []


def test_undated_rows_unknown_by_default_and_stale_when_configured():
    html = ("<html><head><meta name='ColumnName' content='政策解读'></head><body><ul class='list'>"
            "<li><a href='a.html'>关于某某政策的解读文章</a></li><li><a href='b.html'>关于另一项政策的解读文章</a></li>"
            "</ul></body></html>")
    col = page(BASE + "zwgk/zcjd/", html, kind=PageKind.COLUMN)
    assert not_passing(run("columns.stale", [col])) == [(col.url, "", Status.UNKNOWN)]
    fs = run("columns.stale", [col], settings={"undated_counts_as_stale": True})
    assert not_passing(fs) == [(col.url, "", Status.FAIL)]


def test_later_pages_are_skipped_and_column_judged_once():
    first = column(BASE + "xwzx/gzdt/index.html", "工作动态", ["2024-04-18"])
    second = column(BASE + "xwzx/gzdt/index_1.html", "工作动态", ["2023-01-01"])
    alias = column(BASE + "xwzx/gzdt/", "工作动态", ["2024-04-18"])
    fs = run("columns.stale", [first, second, alias],
             links=[Link("county", BASE, BASE + "xwzx/gzdt/", "工作动态", LinkKind.PAGE)])
    assert [(f.url, f.status) for f in fs] == [(BASE + "xwzx/gzdt/", Status.PASS)]


def test_script_filled_list_is_unknown_not_empty():
    html = ("<html><head><meta name='ColumnName' content='通知公告'></head><body><ul id='list'></ul>"
            "<script>$.getJSON('/api/list?cid=5', function(d){ render(d); });</script></body></html>")
    col = page(BASE + "gkmlpt/tzgg/", html, kind=PageKind.COLUMN)
    assert not_passing(run("columns.empty", [col])) == [(col.url, "", Status.UNKNOWN)]


# -- site.columns_summary

def test_five_stale_columns_fail_the_site():
    cols = [column(BASE + f"xwzx/c{i}/", "工作动态", ["2024-01-01"]) for i in range(5)]
    fs = run("site.columns_summary", [page(BASE, home_html()), *cols])
    assert not_passing(fs) == [(BASE, "", Status.FAIL)]
    assert len(fs[0].evidence.details["stale"]) == 5


def test_two_blank_columns_warn_the_site():
    blank = [page(BASE + f"zwgk/b{i}/", fixture("empty_list.html"), kind=PageKind.COLUMN) for i in range(2)]
    fresh = column(BASE + "xwzx/gzdt/", "工作动态", ["2024-04-18"])
    fs = run("site.columns_summary", [page(BASE, home_html()), fresh, *blank])
    assert not_passing(fs) == [(BASE, "", Status.WARN)]


# -- pages that are columns without a dated list

GUIDE = ("<html><head><meta name='ColumnName' content='政府信息公开指南'></head><body>"
         "<div class='nav'><a href='/'>首页</a></div><div class='main'><h1>政府信息公开指南</h1>"
         "<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>"
         "<p>主动公开的政府信息通过本网站政府信息公开专栏发布，申请人可通过依申请公开系统提出申请。</p>"
         "</div></body></html>")
HUB = ("<html><head><meta name='ColumnName' content='政府信息公开'></head><body><div class='main'>"
       "<h1>政府信息公开</h1><ul><li><a href='/zwgk/gfxwj/index.html'>规范性文件</a></li>"
       "<li><a href='/zwgk/ndbg/index.html'>年报</a></li><li><a href='/zwgk/zn/index.html'>指南</a></li>"
       "</ul></div></body></html>")
BARE = ("<html><head><meta name='ColumnName' content='专题专栏'></head><body>"
        "<ul class='nav'><li><a href='/xwzx/gzdt/index.html'>工作动态</a></li>"
        "<li><a href='/zwgk/index.html'>政府信息公开</a></li></ul><div class='main'>"
        "<h1>专题专栏</h1></div></body></html>")
HUB_NAV_CLASS = HUB.replace("<ul>", "<ul class='xxgk-nav'>")


def test_single_page_and_hub_columns_are_not_blank_and_not_dated():
    pages = [page(BASE + "zwgk/zn/index.html", GUIDE, kind=PageKind.COLUMN),
             page(BASE + "zwgk/index.html", HUB, kind=PageKind.COLUMN),
             page(BASE + "ztzl/index.html", BARE, kind=PageKind.COLUMN),
             page(BASE + "bm/zwgk/index.html", HUB_NAV_CLASS, kind=PageKind.COLUMN)]
    assert not_passing(run("columns.empty", pages)) == [(BASE + "ztzl/index.html", "", Status.FAIL)]
    assert {f.status for f in run("columns.stale", pages)} == {Status.NA}


def test_query_variants_of_one_column_are_judged_once():
    cal = "<html><head><meta name='ColumnName' content='活动日历'></head><body><div class='main'><h1>x</h1></div></body></html>"
    pages = [page(BASE + "hdrl/index.shtml", cal, kind=PageKind.COLUMN)] + [
        page(BASE + f"hdrl/index.shtml?month=2027-0{i}", cal, kind=PageKind.COLUMN) for i in range(1, 6)]
    assert [f.url for f in run("columns.empty", pages)] == [BASE + "hdrl/index.shtml"]


def test_a_department_column_shows_the_portals_sponsor_without_a_warning():
    unit = Unit(id="county", name="县教育局栏目", base_url=BASE + "bm/jyj/", unit_name="示例县教育局")
    assert not unit.at_site_root and Unit(id="x", name="x", base_url=BASE + "index.html").at_site_root
    check = get("footer.identity")
    snap = Snapshot([unit], [page(BASE + "bm/jyj/", home_html())])
    ctx = CheckContext(snapshot=snap, unit=unit, as_of=AS_OF, settings={}, meta=check.meta)
    assert not_passing(list(check.run(ctx))) == []
