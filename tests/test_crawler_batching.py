"""What the crawler's speed-ups must not change: pages parsed once give the
same links, kinds and render decisions as pages parsed by each reader;
batched store writes keep every page and link, and an interrupted crawl
keeps what it stored; Office documents are attachments, not text."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.settings import Settings
from twisted.internet.task import Clock

from crawler.compressed import PlainCompressedResponse
from crawler.pipelines import StorePipeline
from crawler.record import PageRecord, is_texty, read_body
from crawler.render import needs_render
from extract.classify import classify, is_attachment, is_xml_type
from extract.links import extract_links, parse_html
from zwgk_audit.model import Link, LinkKind, Page, PageKind, Unit
from zwgk_audit.store import Store

REAL = Path(__file__).parent / "fixtures" / "realpages"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_SAMPLES = {
    "datastore": '<html><body><div id="list"></div><script type="text/xml"><datastore><record>'
                 '<![CDATA[<a href="/a.html">x</a>]]></record></datastore></script></body></html>',
    "template": '<html ng-app="x"><body><p>{{ item.title }}</p><p>{{ item.date }}</p>'
                '<script src="angular.min.js"></script></body></html>',
    "template-in-script": '<html ng-app="x"><body><p>正文内容</p><script>var a="{{x}}", b="{{y}}";</script>'
                          + "<p>" + "政府信息公开" * 20 + "</p></body></html>",
    "empty-body": "<html><body><div id=app></div><script src=/app.js></script></body></html>",
    "noscript-links": "<html><body><noscript><a href=/a>a</a><a href=/b>b</a><a href=/c>c</a></noscript>"
                      "<script src=/app.js></script></body></html>",
    "empty-container": '<html><body><p>' + "栏目说明文字" * 20 + '</p><ul class="list"><script>x</script></ul>'
                       '<script>$.ajax({url: "/data.json"})</script></body></html>',
    "tail-text": '<html><body><ul class="list"><script>x</script>  文字</ul><p>' + "说明" * 50 + "</p>"
                 '<script>fetch("/d.json")</script></body></html>',
    "footer": '<html><body><p>' + "正文" * 60 + '</p><a href="/1">1</a><a href="/2">2</a><a href="/3">3</a>'
              '<script src="/js/footer.js"></script></body></html>',
    "plain": "<html><body><p>" + "正文" * 60 + "</p><script>var x = 1;</script></body></html>",
}


def _pages() -> list[tuple[str, str]]:
    out = list(_SAMPLES.items())
    if REAL.exists():
        out += [(p.name, p.read_text("utf-8", "replace")) for p in sorted(REAL.glob("*.htm*"))]
    return out


@pytest.mark.parametrize("name,html", _pages())
def test_a_shared_parse_gives_what_each_reader_found_alone(name, html):
    url = "http://www.example.gov.cn/col/col1/index.html"
    doc = parse_html(html)
    before = lxml.html.tostring(doc) if doc is not None else None
    internal = lambda u: "example.gov.cn" in u   # noqa: E731
    assert needs_render(html, doc) == needs_render(html)
    assert extract_links(html, url, internal, doc=doc) == extract_links(html, url, internal)
    assert (classify(url, "text/html", html, home_urls=(), doc=doc)
            == classify(url, "text/html", html, home_urls=()))
    if doc is not None:   # none of the readers modified the shared tree
        assert lxml.html.tostring(doc) == before


def test_render_heuristics_on_a_shared_tree_match_the_stripping_ones():
    """The in-place reading of text and links matches the original
    remove-the-scripts algorithm (kept here as the reference)."""
    from crawler import render

    def reference(html: str) -> str:
        doc = lxml.html.document_fromstring(html)
        render._strip_scripts(doc)
        body = doc.find("body")
        return "".join((body if body is not None else doc).text_content().split())

    for name, html in _SAMPLES.items():
        doc = parse_html(html)
        body = doc.find("body")
        mine = "".join("".join(render._VISIBLE_TEXT(body if body is not None else doc)).split())
        assert mine == reference(html), name
    assert needs_render(_SAMPLES["empty-container"]).reason == "empty-container"
    assert needs_render(_SAMPLES["tail-text"]).render is False
    assert needs_render(_SAMPLES["template"]).reason == "template"
    assert needs_render(_SAMPLES["template-in-script"]).render is False
    assert needs_render(_SAMPLES["noscript-links"]).reason == "empty-body"


def test_office_documents_are_attachments_not_text():
    assert not is_xml_type(DOCX) and is_xml_type("application/xhtml+xml") and is_xml_type("text/xml; charset=gbk")
    assert not is_texty(DOCX, b"PK\x03\x04")
    assert is_texty("application/rss+xml", b"<rss/>") and is_texty("text/html", b"")
    assert is_attachment("http://a.gov.cn/f/a.docx", DOCX)
    assert classify("http://a.gov.cn/f/a.docx", DOCX, "", link_texts=["附件"]).kind == PageKind.ATTACHMENT
    body = b"PK\x03\x04" + bytes(range(256)) * 40
    resp = Response("http://a.gov.cn/f/a.docx", body=body, headers={"Content-Type": DOCX})
    got = read_body(resp, resp.url, 10**6, False)
    assert got.content == body and got.text == "" and not got.error


def test_compressed_text_responses_reach_decompression_as_plain_responses():
    html = "<html><body><p>政府信息公开</p></body></html>".encode("gbk")
    resp = HtmlResponse("http://a.gov.cn/", body=gzip.compress(html),
                        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
                        request=Request("http://a.gov.cn/"), flags=["x"])
    out = PlainCompressedResponse().process_response(resp.request, resp)
    assert type(out) is Response
    assert (out.url, out.status, out.body, out.flags, out.request) == (resp.url, 200, resp.body, ["x"], resp.request)
    assert out.headers.get(b"Content-Encoding") == b"gzip"
    plain = HtmlResponse("http://a.gov.cn/", body=html, headers={"Content-Type": "text/html"})
    assert PlainCompressedResponse().process_response(None, plain) is plain


def _page(i: int) -> PageRecord:
    url = f"http://a.gov.cn/{i}.html"
    page = Page(unit="u", url=url, final_url=url, status=200, kind=PageKind.DETAIL, title=f"第{i}页",
                text=f"<p>第{i}页</p>")
    links = [Link(unit="u", source=url, target=f"http://a.gov.cn/{i}/{k}.html", text=str(k), kind=LinkKind.PAGE)
             for k in range(3)]
    return PageRecord(page, links)


def _pipeline(db: Path, **settings) -> StorePipeline:
    crawler = SimpleNamespace(settings=Settings({"ZWGK_STORE": str(db), "ZWGK_RUN_ID": "r1",
                                                 "ZWGK_UNIT_ID": "u", **settings}),
                              signals=SimpleNamespace(connect=lambda *a, **k: None))
    return StorePipeline.from_crawler(crawler)   # type: ignore[arg-type]


def _stored(db: Path) -> tuple[int, int]:
    s = Store(db)
    try:
        snap = s.snapshot("r1")
        return len(list(snap.pages())), len(list(snap.links()))
    finally:
        s.close()


def test_pages_are_written_in_batches_on_a_timer_and_at_close(tmp_path):
    db = tmp_path / "a.sqlite"
    s = Store(db)
    s.begin_run([Unit(id="u", name="u", base_url="http://a.gov.cn/")], run_id="r1")
    s.close()
    pipe = _pipeline(db, ZWGK_STORE_BATCH=3, ZWGK_STORE_FLUSH_SECONDS=10.0)
    pipe.clock = clock = Clock()
    pipe.open_spider()
    for i in range(2):
        pipe.process_item(_page(i))
    assert _stored(db) == (0, 0)                 # waiting for the batch
    pipe.process_item(_page(2))
    assert _stored(db) == (3, 9)                 # a full batch, one transaction
    pipe.process_item(_page(3))
    pipe._last_flush -= 10.0                     # the flush interval has passed, and the site went quiet
    clock.advance(10.0)
    assert _stored(db) == (4, 12)                # written by the timer, not by a new item
    pipe.process_item(_page(4))
    pipe.close_spider()
    assert _stored(db) == (5, 15)
    pipe.spider_closed(SimpleNamespace(stopped_by="", summary=lambda: {}), "finished")
    assert pipe.stats.pages == 5 and not clock.getDelayedCalls()
    s = Store(db)
    snap = s.snapshot("r1")
    assert [st.pages for st in s.stats("r1")] == [5]
    assert snap.text(snap.page("u", "http://a.gov.cn/4.html")) == "<p>第4页</p>"
    s.close()


def test_a_failed_batch_writes_nothing_of_it(tmp_path):
    s = Store(tmp_path / "b.sqlite")
    good, bad = _page(1), _page(2)
    broken = Link(unit="u", source=bad.page.url, target=None, text="", kind=LinkKind.PAGE)  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):       # links.target is NOT NULL
        s.add_records("r1", [(good.page, good.links), (bad.page, [broken])])
    assert s._db.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 0
    assert s.add_records("r1", [(good.page, good.links)]) == 1
    assert s._db.execute("SELECT COUNT(*) FROM links").fetchone()[0] == 3
    s.close()
