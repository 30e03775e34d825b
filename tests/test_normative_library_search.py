"""normative.library key ``search``: a title typed into the library's search
box finds the document (in-memory snapshots)."""

from __future__ import annotations

from test_normative_checks import FIELDS, doc_html
from test_normative_library import BASE, links_of, page, run
from zwgk_audit.model import Link, LinkKind, Page, PageKind

TITLE = FIELDS["名称"]
FORM = '<form action="/gfxwj/search/index.html" method="get"><input type="text" name="q"></form>'
RESULT = BASE + "gfxwj/search/index.html?q=x"


def library(form=FORM):
    html = (f'<html><head><meta name="ColumnName" content="规范性文件"></head><body>{form}'
            f'<ul><li><a href="/gfxwj/a.html" title="{TITLE}">{TITLE}</a><span>2024-03-05</span></li></ul></body></html>')
    return page("gfxwj/index.html", html, PageKind.COLUMN)


def result(body, status=200):
    return Page(unit="county", url=RESULT, final_url=RESULT, status=status, kind=PageKind.OTHER,
                content_type="text/html", text=f"<html><head><title>检索结果</title></head><body>{body}</body></html>",
                headers={"X-Zwgk-Role": "search", "X-Zwgk-Search-Query": TITLE,
                         "X-Zwgk-Search-Form": BASE + "gfxwj/index.html",
                         "X-Zwgk-Search-Target": BASE + "gfxwj/a.html"})


def search(pages, links=()):
    lib = next(p for p in pages if p.url.endswith("gfxwj/index.html"))
    fs = run([page("gfxwj/a.html", doc_html(FIELDS)), *pages], links_of(lib) + list(links), "normative.library")
    return [f for f in fs if f.key == "search"]


def test_found_passes():
    r = result(f'<h1>检索结果</h1><ul><li><a href="/gfxwj/a.html">{TITLE}</a></li></ul>')
    [f] = search([library(), r], [Link("county", RESULT, BASE + "gfxwj/a.html", TITLE, LinkKind.PAGE)])
    assert f.status.value == "pass" and f.url == BASE + "gfxwj/index.html"
    assert f.evidence.value == RESULT and f.evidence.details["searches"][0]["found"]


def test_not_found_fails_with_query_and_result():
    r = result('<h1>检索结果</h1><p>未找到相关结果</p>')
    [f] = search([library(), r])
    assert f.status.value == "fail" and f.url == BASE + "gfxwj/index.html"
    assert f.evidence.value == RESULT and "未找到相关结果" in f.evidence.snippet
    assert f.evidence.details["searches"][0]["query"] == TITLE


def test_result_page_error_fails():
    [f] = search([library(), result("<p>Internal Server Error</p>", status=500)])
    assert f.status.value == "fail" and "HTTP 500" in f.message


def test_no_search_box_fails():
    [f] = search([library(form="")])
    assert f.status.value == "fail" and "未提供检索功能" in f.message


def test_form_on_the_xxgk_page_counts():
    xxgk = page("xxgk/index.html", f'<html><head><meta name="ColumnName" content="政府信息公开"></head>'
                                   f'<body>{FORM}</body></html>', PageKind.COLUMN)
    [f] = search([library(form=""), xxgk])
    assert f.status.value == "unknown"


def test_form_without_result_is_unknown():
    [f] = search([library()])
    assert f.status.value == "unknown" and f.evidence.details["forms"][0]["field"] == "q"


def test_result_page_is_not_a_library_page():
    r = result('<h1>规范性文件检索结果</h1><p>未找到相关结果</p>')
    r = Page(**{**r.__dict__, "text": r.text.replace("<title>检索结果", "<title>规范性文件检索")})
    fs = run([page("gfxwj/a.html", doc_html(FIELDS)), library(), r], links_of(library()), "normative.library")
    [exists] = [f for f in fs if f.key == "exists"]
    assert exists.evidence.details["pages"] == [BASE + "gfxwj/index.html"]
