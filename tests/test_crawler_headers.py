"""What the crawler sends and follows once Scrapy's unneeded middlewares are
off (crawler.settings): User-Agent and default headers, the Referer of
followed links and of redirects, meta-refresh redirects (also spelled with
character references), and the cross-page cache of link resolution."""

from __future__ import annotations

import itertools
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from w3lib.url import safe_url_string

from crawler.run import crawl
from extract import links as L
from zwgk_audit.config import parse_config
from zwgk_audit.store import Store

UA = "zwgk-test-agent/1.0"

_PAGES = {
    "/": '<a href="/a.html">A</a> <a href="/moved">旧地址</a> <a href="/refresh.html">跳转</a>'
         ' <a href="/entity.html">跳转2</a> <a href="sub/">子目录</a>',
    "/a.html": '<a href="/">首页</a> <a href="b.html">B</a>',
    "/b.html": '<a href="/">首页</a>',
    "/c.html": "<p>c</p>",
    "/r.html": "<p>reached only through the redirect</p>",
    "/d.html": "<p>d</p>",
    "/sub/": '<a href="../a.html">A</a> <a href="x.html">X</a>',
    "/sub/x.html": "<p>x</p>",
    "/refresh.html": '<meta http-equiv="Refresh" content="0; url=/c.html"><p>moved</p>',
    "/entity.html": '<meta http-equiv="&#114;efresh" content="0; url=/d.html"><p>moved</p>',
}


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, dict[str, str]]] = []

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/r.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = _PAGES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = f"<!DOCTYPE html><html><head><title>{self.path}</title></head><body>{body}</body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    _Handler.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        cfg = parse_config(f"""
[audit]
name = "headers"
render = "never"
obey_robots = false
retries = 0
timeout = 10.0
user_agent = "{UA}"

[[unit]]
id = "site"
name = "测试"
base_url = "{base}"
""")
        db = tmp_path_factory.mktemp("headers") / "audit.sqlite"
        store = Store(db)
        run_id = store.begin_run([u.unit for u in cfg.units])
        store.close()
        crawl(cfg, db, run_id)
        store = Store(db)
        try:
            pages = {p.url: p for p in store.snapshot(run_id).pages("site")}
        finally:
            store.close()
    finally:
        server.shutdown()
        server.server_close()
    requests: dict[str, dict[str, str]] = {}
    for path, headers in _Handler.seen:
        requests.setdefault(path, headers)
    return base, requests, pages


def test_every_request_carries_the_user_agent_and_default_headers(crawled):
    _base, requests, _pages = crawled
    assert requests
    for path, headers in requests.items():
        assert headers.get("user-agent") == UA, path
        assert headers.get("accept", "").startswith("text/html"), path
        assert headers.get("accept-language") == "en", path
        assert "gzip" in headers.get("accept-encoding", ""), path


def test_followed_links_and_redirects_carry_their_referer(crawled):
    base, requests, _pages = crawled
    assert "referer" not in requests["/"]
    assert requests["/a.html"]["referer"] == base
    assert requests["/sub/x.html"]["referer"] == base + "sub/"
    # the redirect's target: the referrer policy applied to the redirecting URL
    assert requests["/b.html"]["referer"] == base + "a.html"
    assert requests["/r.html"]["referer"] == base + "moved"


def test_meta_refresh_redirects_are_followed(crawled):
    base, requests, pages = crawled
    assert "/c.html" in requests and "/d.html" in requests
    assert pages[base + "refresh.html"].final_url == base + "c.html"
    assert pages[base + "moved"].final_url == base + "r.html"


_REFRESH_BODIES = [
    b"<html><body>no refresh here &amp; none</body></html>",
    b'<html><head><meta http-equiv="refresh" content="0;url=/y.html"></head></html>',
    b'<html><head><META HTTP-EQUIV="REFRESH" CONTENT="3; URL=http://o/z.html"></head></html>',
    b'<html><head><meta http-equiv="&#114;efresh" content="0;url=/y.html"></head></html>',
    b'<html><head><meta content="0;url=/y.html" http-equiv="refresh"></head></html>',
    b'<html><head><meta http-equiv="refresh" content="1000;url=/slow.html"></head></html>',
    b'<html><noscript><meta http-equiv="refresh" content="0;url=/n.html"></noscript></html>',
    b'<html><p>refresh the page</p></html>',
    '<html><head><meta http-equiv="refresh" content="0;url=/u16.html"></head></html>'.encode("utf-16"),
    '<html><head><meta charset="gbk"><meta http-equiv="refresh" content="0;url=/中文.html"></head></html>'.encode("gbk"),
]


@pytest.mark.parametrize("body", _REFRESH_BODIES)
def test_quick_meta_refresh_decides_as_scrapy_does(body):
    from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from crawler.metarefresh import QuickMetaRefreshMiddleware

    crawler = get_crawler()
    theirs, ours = MetaRefreshMiddleware.from_crawler(crawler), QuickMetaRefreshMiddleware.from_crawler(crawler)
    req = Request("http://h/x.html")

    def outcome(mw):
        resp = HtmlResponse("http://h/x.html", body=body, request=req)
        out = mw.process_response(req, resp)
        return ("response", out.url) if out is resp else ("request", out.url)

    assert outcome(ours) == outcome(theirs)


def _reference(href: str, base: str) -> str | None:
    """extract.links.absolute without its cache (the function as it was)."""
    href = re.sub(r"[\t\r\n]", "", (href or "").strip()).replace("\\", "/")
    if not href or href.lower().startswith(L._SKIP_SCHEMES):
        return None
    try:
        url = urldefrag(urljoin(base, href))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        return safe_url_string(url)
    except ValueError:
        return None


_BASES = ["http://h/", "http://h", "http://h/a/b.html", "http://h/a/b.html?x=1#f", "http://h/a/", "http://h/a//b/c",
          "https://h:8443/a/b;p=1/c.html?q", "http://[::1]:8080/x/y/z.htm", "http://u:p@h/a/b", "HTTP://H/A/b",
          "http://h/a/b;x/y", "http://h?x=/a/b", "http://h#/a/b", "http://h/a?b/c#d/e", "https://h/",
          "http://h/%E4%B8%AD/x.html", "http://h/中/文.html"]
_HREFS = ["/x", "//h2/y", "///z", "//", "//?q", "x.html", "../x", "../../../../x", "./", ".", "..", "?p=2", "?", ";p",
          "a;b/c", "a:b", "http://o/p", "http://o", "http:///p", "https://o/p?q#f", "http:x", "https:x", "HTTP://O/P",
          "x?y#z", "/a/../b", "中文.html", "/中文?q=中", "a b.html", "%zz", "//h2:bad/x", "http://[::1/x", "mailto:x",
          "/x?#", "x#", " /pad ", "\tx\n.html", "a\\b", "\\\\h3\\x", "ftp://h/x", "//h2", "http://o?x", "x/", "/", "",
          "#top", "../"]


def test_cached_link_resolution_equals_urljoin_for_every_base():
    L._RESOLVED.clear()
    for _round in range(2):      # the second round answers from the cache
        for base, href in itertools.product(_BASES, _HREFS):
            assert L.absolute(href, base) == _reference(href, base), (base, href)
    assert L._RESOLVED
