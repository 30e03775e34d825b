"""normative.library key ``marked``: 失效/废止 documents in the library are
marked in their row or listed apart (in-memory snapshots)."""

from __future__ import annotations

from extract.normative_list import list_rows
from test_normative_checks import FIELDS, doc_html
from test_normative_library import BASE, listing, links_of, page, run

REPEALED = dict(FIELDS, 有效性="废止")
TITLE = FIELDS["名称"]


def marked(fs):
    return [f for f in fs if f.key == "marked"]


def portal(lib_extra, *, extra_pages=(), fields=REPEALED, lib_rows=None):
    doc = page("gfxwj/a.html", doc_html(fields))
    current = page("gfxwj/b.html", doc_html(dict(FIELDS, 名称="示例县人民政府关于印发《示例县另一办法》的通知")))
    rows = lib_rows if lib_rows is not None else [("gfxwj/a.html", TITLE, lib_extra)]
    rows = rows + [("gfxwj/b.html", "示例县人民政府关于印发《示例县另一办法》的通知", "<span>2024-03-05</span>")]
    lib = listing("gfxwj/index.html", "规范性文件", rows)
    pages = [doc, current, lib, *extra_pages]
    return doc, lib, run(pages, links_of(lib, *extra_pages), "normative.library")


def test_marked_row_passes():
    for badge in ('<span class="yxx">[已废止]</span>', '<em class="red_base">废止</em>', "<span>作废</span>"):
        _, _, fs = portal(f"<span>2024-03-05</span>{badge}")
        assert [(f.key, f.status.value) for f in marked(fs)] == [("marked", "pass")], badge


def test_badge_inside_the_anchor_counts_and_is_left_out_of_the_title():
    html = f'<ul><li><a href="/gfxwj/a.html">{TITLE}[已废止]</a><span>2024-03-05</span></li></ul>'
    [r] = list_rows(html, BASE + "gfxwj/index.html")
    assert r.mark == "已废止" and r.title == TITLE


def test_unmarked_row_fails_with_row_and_detail_as_evidence():
    doc, lib, fs = portal("<span>2024-03-05</span>")
    [f] = marked(fs)
    assert f.status.value == "fail" and f.url == lib.url
    assert f.evidence.value == doc.url and TITLE in f.evidence.snippet
    [d] = f.evidence.details["documents"]
    assert d["url"] == doc.url and d["list_url"] == lib.url and d["validity"] == "废止"


def test_expired_document_unmarked_fails_too():
    _, _, fs = portal("<span>2024-03-05</span>", fields=dict(FIELDS, 有效性="失效"))
    assert [f.status.value for f in marked(fs)] == ["fail"]


def test_valid_documents_need_no_mark():
    _, _, fs = portal("<span>2024-03-05</span>", fields=dict(FIELDS))
    assert marked(fs) == []


def test_listed_apart_passes():
    apart = listing("gfxwj/sx/index.html", "已失效/已废止规范性文件",
                    [("gfxwj/a.html", TITLE, "<span>2024-03-05</span>")])
    _, _, fs = portal("", extra_pages=(apart,), lib_rows=[])
    [f] = marked(fs)
    assert f.status.value == "pass" and f.evidence.details["listed_apart"][0]["list_url"] == apart.url


def test_listed_apart_but_still_unmarked_in_the_library_fails():
    apart = listing("gfxwj/sx/index.html", "已失效/已废止规范性文件",
                    [("gfxwj/a.html", TITLE, "<span>2024-03-05</span>")])
    _, _, fs = portal("<span>2024-03-05</span>", extra_pages=(apart,))
    assert [f.status.value for f in marked(fs)] == ["fail"]


def test_wrong_mark_is_left_to_list_agreement():
    # "有效" on a 废止 document: list_agreement's ``validity`` reports it, not ``marked``.
    doc, lib, fs = portal("<span>2024-03-05</span><em>有效</em>")
    assert marked(fs) == []
    la = run([doc, page("gfxwj/b.html", doc_html()), lib], links_of(lib), "normative.list_agreement")
    assert ("validity", "fail") in [(f.key, f.status.value) for f in la if f.url == doc.url]
