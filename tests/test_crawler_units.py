"""Pure parts of the crawler: link extraction, page kinds, render decisions,
trap bounds, scope — on small inputs and on the real pages in tests/fixtures/realpages."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.errors import describe
from crawler.render import decide, needs_render
from crawler.scope import build_scope, prefix_of
from crawler.traps import TrapGuard
from extract.classify import classify
from extract.links import extract_links, pagination_urls
from zwgk_audit.model import LinkKind, PageKind, Unit

REAL = Path(__file__).parent / "fixtures" / "realpages"


def _real(name: str) -> str:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path.read_text("utf-8", "replace")


def test_links_are_absolute_typed_and_fragment_free():
    html = """<html><head><base href="http://a.gov.cn/zwgk/"><link rel="stylesheet" href="s.css">
    <script src="/j.js"></script></head><body>
    <a href="doc/t20240101_1.html#top">文件一</a><a href=" p.pdf ">年报</a>
    <a href="http://b.example.com/x.html">外站</a><a href="javascript:void(0)">空</a>
    <a href="mailto:x@a.gov.cn">信</a><a href="#x">锚</a><a href="pic.jpg"><img src="i.png" alt="图"></a>
    <a href="javascript:;" onclick="window.open('/open/win.html')">弹窗</a>
    <iframe src="/frame.html"></iframe><a href="中文/目录.html">中文</a></body></html>"""
    links = extract_links(html, "http://a.gov.cn/index.html", lambda u: "a.gov.cn" in u)
    got = {(l.target, l.kind, l.tag) for l in links}
    assert ("http://a.gov.cn/zwgk/doc/t20240101_1.html", LinkKind.PAGE, "a") in got
    assert ("http://a.gov.cn/zwgk/p.pdf", LinkKind.ATTACHMENT, "a") in got
    assert ("http://b.example.com/x.html", LinkKind.EXTERNAL, "a") in got
    assert ("http://a.gov.cn/zwgk/s.css", LinkKind.STYLESHEET, "link") in got
    assert ("http://a.gov.cn/j.js", LinkKind.SCRIPT, "script") in got
    assert ("http://a.gov.cn/zwgk/i.png", LinkKind.IMAGE, "img") in got
    assert ("http://a.gov.cn/zwgk/pic.jpg", LinkKind.IMAGE, "a") in got
    assert ("http://a.gov.cn/open/win.html", LinkKind.PAGE, "a") in got
    assert ("http://a.gov.cn/frame.html", LinkKind.PAGE, "iframe") in got
    assert "http://a.gov.cn/zwgk/%E4%B8%AD%E6%96%87/%E7%9B%AE%E5%BD%95.html" in {l.target for l in links}
    assert not any("mailto" in l.target or "#" in l.target for l in links)
    assert next(l for l in links if l.target.endswith("pic.jpg")).text == "图"


def test_broken_html_gives_links_or_nothing_never_an_error():
    assert extract_links("", "http://a/") == []
    assert extract_links("<<<>>>\x00", "http://a/") == []
    links = extract_links('<a href="http://[::1:80/x">bad</a><a href="ok.html">ok', "http://a/")
    assert [l.target for l in links] == ["http://a/ok.html"]


def test_pagination_from_links_and_from_trs_scripts():
    html = _real("handan_xxgk_list.jsp.html")
    base = "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html"
    links = extract_links(html, base)
    paging = {l.target for l in links if l.pagination}
    assert base.replace("index.html", "index_55.html") in paging
    assert not any(l.pagination for l in links if "index_" not in l.target and not l.target.endswith("jinqixxgk/index.html"))
    urls = pagination_urls(html, base)
    assert len(urls) == 56 and urls[1].endswith("/index_1.html")
    assert pagination_urls('<script>createPageHTML("page_div", 4, 1, "index", "shtml", 60);</script>',
                           "http://a/c/index_1.shtml") == [
        "http://a/c/index.shtml", "http://a/c/index_1.shtml", "http://a/c/index_2.shtml", "http://a/c/index_3.shtml"]
    assert pagination_urls("<p>no paging</p>", "http://a/") == []


@pytest.mark.parametrize("name,url,kind", [
    ("handan_xxgk_details.jsp.html", "http://hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html", PageKind.DETAIL),
    ("handan_xxgk_list.jsp.html", "http://hd.gov.cn/zfwj/jinqixxgk/index.html", PageKind.COLUMN),
    ("handan_xxgk_gkzn.jsp.html", "http://hd.gov.cn/gkzn/index.html", PageKind.COLUMN),
    ("govcn_content_5365945_guofa2019-5.html", "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm", PageKind.DETAIL),
    ("govcn_content_5351718_guobanfa1996-25_published2018.html", "http://www.gov.cn/x/y.htm", PageKind.DETAIL),
    ("nfra_spa_page_source_xzcf_detail.html", "http://www.nfra.gov.cn/cn/view/pages/x.html", PageKind.DETAIL),
])
def test_real_pages_are_classified(name, url, kind):
    c = classify(url, "text/html; charset=utf-8", _real(name))
    assert c.kind == kind, c.reason


def test_detail_title_prefers_article_title_and_annual_reports_are_found():
    c = classify("http://a/t.html", "text/html", _real("handan_xxgk_details.jsp.html"))
    assert c.title.startswith("邯郸市教育局关于印发")
    page = ('<html><head><title>网站</title><meta name="ArticleTitle" content="某县2023年政府信息公开工作年度报告">'
            "</head><body>正文</body></html>")
    assert classify("http://a/art_1_2.html", "text/html", page).kind == PageKind.ANNUAL_REPORT
    assert classify("http://a/f/x.pdf", "application/pdf", "", link_texts=["2023年政府信息公开 工作年度报告"]).kind \
        == PageKind.ANNUAL_REPORT
    assert classify("http://a/f/x.pdf", "application/pdf", "", link_texts=["会议纪要"]).kind == PageKind.ATTACHMENT
    assert classify("http://a/zwgk/", "text/html", "<p>x</p>", home_urls=["http://a/zwgk/index.html"]).kind == PageKind.HOME
    assert classify("http://a/logo.png", "image/png", "").kind == PageKind.OTHER


@pytest.mark.parametrize("name,render", [
    ("nfra_spa_page_source_xzcf_detail.html", True),
    ("nfra_spa_page_source_zhejiang_xzcf_empty_metadata.html", True),
    ("handan_xxgk_list.jsp.html", False),
    ("handan_xxgk_details.jsp.html", False),
    ("handan_xxgk_index.jsp.html", False),
    ("govcn_content_5365945_guofa2019-5.html", False),
])
def test_render_decision_on_real_pages(name, render):
    assert needs_render(_real(name)).render is render


def test_render_heuristics_and_modes():
    hanweb = '<div id="x"></div><script type="text/xml"><datastore><recordset></recordset></datastore></script><p>' + "字" * 300
    assert needs_render(hanweb).reason == "hanweb-datastore"
    vue = '<div id="app"><p>{{ item.title }}</p><p>{{ item.date }}</p></div><script src="/vue.min.js"></script>'
    assert needs_render(vue).reason in ("template", "empty-body")
    loader = ("<body><p>" + "文字" * 100 + '</p><ul class="news-list"></ul>'
              "<script>$.ajax({url:'/api/list.json'})</script></body>")
    assert needs_render(loader).reason == "empty-container"
    footer = "<body><p>" + "文字" * 100 + "</p><script src='/script/0/newfoot.js'></script></body>"
    assert needs_render(footer).reason == "script-footer"
    static = "<body><p>" + "文字" * 100 + "</p><script>var a = 1;</script></body>"
    assert not needs_render(static).render
    assert decide(static, "always").render and not decide(hanweb, "never").render


def test_trap_guard_bounds_variants_calendars_sessions_and_length():
    g = TrapGuard(max_query_variants=5, max_url_length=100, calendar_variants=3)
    assert [g.check(f"http://a/list?page={i}") for i in range(7)].count("") == 5
    assert g.check("http://a/cal?month=2024-01") == "" and g.check("http://a/cal?month=2024-02") == ""
    assert g.check("http://a/cal?month=2024-03") == ""
    assert g.check("http://a/cal?month=2024-04") == "calendar_variants"
    assert g.check("http://a/cal2?date=2199-01-01") == "calendar_out_of_range"
    assert g.check("http://a/events/2150/03/") == "calendar_out_of_range"
    assert g.check("http://a/art/2021/12/29/art_1_2.html") == ""
    assert g.check("http://a/" + "x" * 200) == "url_too_long"
    assert TrapGuard.canonical("http://a/x.jsp;jsessionid=ABCDEF0123?id=3") == "http://a/x.jsp?id=3"
    assert TrapGuard.canonical("http://a/x?id=3&PHPSESSID=abc&sid=0123456789abcdef0123") == "http://a/x?id=3"
    assert TrapGuard.canonical("http://a/x?sid=12") == "http://a/x?sid=12"     # a short sid is a site id
    assert g.rejected["query_variants"] == 2


def test_scope_subtracts_other_units_and_knows_checkable_hosts():
    county = Unit("county", "县", "http://x.gov.cn/index.html")
    dept = Unit("dept", "局", "http://x.gov.cn/bm/jyj/index.html", scope_prefixes=("http://x.gov.cn/bm/jyj/",))
    other = Unit("city", "市", "http://city.gov.cn/")
    s = build_scope(county, [county, dept, other], ["files.x.gov.cn"])
    assert s.prefixes == ("http://x.gov.cn/",) and s.excluded == ("http://x.gov.cn/bm/jyj/",)
    assert s.in_scope("http://X.gov.cn:80/col/a.html") and not s.in_scope("http://x.gov.cn/bm/jyj/a.html")
    assert s.checkable("http://x.gov.cn/bm/jyj/a.html") and s.checkable("http://files.x.gov.cn/a.pdf")
    assert not s.checkable("http://city.gov.cn/")
    d = build_scope(dept, [county, dept], [])
    assert d.in_scope("http://x.gov.cn/bm/jyj/t1.html") and not d.in_scope("http://x.gov.cn/col/")
    assert prefix_of("http://[::1]:8080/zwgk/index.html") == "http://[::1]:8080/zwgk/"


def test_failures_are_described_with_a_stable_kind():
    from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError
    assert describe(CannotResolveHostError("no.such")).startswith("dns:")
    assert describe(DownloadTimeoutError("took 10s")).startswith("timeout:")
    assert describe(DownloadConnectionRefusedError("x")).startswith("refused:")
    assert describe(ValueError("odd")).startswith("error: ValueError")
