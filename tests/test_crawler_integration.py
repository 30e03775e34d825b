"""The crawler against a real nginx on loopback, serving a small portal:
TRS-style columns with script paging, a GBK page declared gb2312, a Hanweb
list filled by JavaScript from its datastore, a PDF annual report, a 404, a
redirect, a calendar trap, robots.txt, another unit's department column."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.run import CrawlError, CrawlProgress, crawl
from simulator.server import serve_directory
from zwgk_audit.config import parse_config
from zwgk_audit.model import LinkKind, PageKind
from zwgk_audit.store import Store

pytestmark = pytest.mark.nginx

_FILLER = "本网站是测试县人民政府门户网站，发布政府信息公开内容、政策文件、通知公告和办事服务信息。" * 3


def _html(title: str, body: str, head: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>{head}</head>'
            f"<body>{body}</body></html>")


HANWEB_LIST = _html("政策文件", """
<div class="header">测试县人民政府 政策文件栏目</div>
<div id="list"></div>
<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="#">下一页</a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2024/1/2/art_1_100.html">关于渲染测试的通知</a><span>2024-01-02</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2024/1/3/art_1_101.html">第二条动态列表记录</a><span>2024-01-03</span></li>]]></record>
</recordset></datastore></script>
<script>
(function () {
  var xml = document.querySelector('script[type="text/xml"]').textContent;
  var rows = xml.match(/<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>/g).slice(1);
  document.getElementById('list').innerHTML = '<ul>' + rows.map(function (r) {
    return r.slice(9, -3); }).join('') + '</ul>';
})();
</script>""", '<meta name="ColumnName" content="政策文件">')


def _write(root: Path, rel: str, data: str | bytes) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def build_site(root: Path) -> None:
    _write(root, "robots.txt", "User-agent: *\nDisallow: /private/\n")
    _write(root, "index.html", _html("测试县人民政府", f"""<p>{_FILLER}</p>
<a href="/col/index.html">通知公告</a> <a href="/gbk.html">旧版页面</a>
<a href="/hanweb/col/col1/index.html">政策文件</a>
<a href="/report/2023nb.pdf">测试县2023年政府信息公开工作年度报告</a>
<a href="/missing.html">失效链接</a> <a href="/old">旧栏目</a>
<a href="/cal/index.shtml?month=2024-01">活动日历</a> <a href="/private/secret.html">内部</a>
<a href="/dept/index.html">县教育局</a> <a href="/big.html">大页面</a>
<a href="http://www.example.invalid/page.html">外部网站</a>
<img src="/logo.png" alt="县政府标志"><script src="/js/site.js"></script>
<a href="http://127.0.0.1:9/nothing.html">拒绝连接</a>"""))
    _write(root, "logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    _write(root, "js/site.js", "var site = 1;\n")
    _write(root, "col/index.html", _html("通知公告", f"""<p>{_FILLER}</p><ul>
<li><a href="t20240105_3.html">关于春节放假的通知</a> 2024-01-05</li></ul>
<div id="page_div"></div><script>createPageHTML(3, 0, "index", "html");</script>""",
                                        '<meta name="ColumnName" content="通知公告">'))
    for i in (1, 2):
        _write(root, f"col/index_{i}.html", _html(f"通知公告 第{i + 1}页", f"""<p>{_FILLER}</p><ul>
<li><a href="t2023120{i}_{i}.html">第{i + 1}页的通知</a> 2023-12-0{i}</li></ul>""",
                                                   '<meta name="ColumnName" content="通知公告">'))
        _write(root, f"col/t2023120{i}_{i}.html", _html("x", f"<p>{_FILLER}</p>",
                                                         f'<meta name="ArticleTitle" content="第{i + 1}页的通知">'))
    _write(root, "col/t20240105_3.html", _html("t", f"<h1>关于春节放假的通知</h1><p>索引号：123/2024-00001</p><p>{_FILLER}</p>",
                                                '<meta name="ArticleTitle" content="关于春节放假的通知">'))
    gbk = _html("朱镕基同志视察", f"<p>朱镕基同志视察本县。{_FILLER}</p>", charset="gb2312").encode("gbk")
    _write(root, "gbk.html", gbk)
    _write(root, "hanweb/col/col1/index.html", HANWEB_LIST)
    for n, t in ((100, "关于渲染测试的通知"), (101, "第二条动态列表记录")):
        _write(root, f"art/2024/1/{n - 98}/art_1_{n}.html",
               _html(t, f"<h1>{t}</h1><p>{_FILLER}</p>", f'<meta name="ArticleTitle" content="{t}">'))
    _write(root, "report/2023nb.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    _write(root, "old/index.html", _html("旧栏目", f"<p>{_FILLER}</p>"))
    _write(root, "cal/index.shtml", _html("日历", f"""<p>{_FILLER}</p>
<a href="index.shtml?month=<!--#echo var="zwgk_cal_next" -->">下个月</a>"""))
    _write(root, "private/secret.html", _html("内部", f"<p>{_FILLER}</p>"))
    _write(root, "dept/index.html", _html("县教育局", f'<p>{_FILLER}</p><a href="a.html">教育局文件</a>'))
    _write(root, "dept/a.html", _html("教育局文件", f"<p>{_FILLER}</p>"))
    _write(root, "big.html", _html("大页面", "<p>" + "很大的页面内容。" * 20000 + "</p>"))


def _config(base: str, *, robots: bool = True, render: str = "auto", dept: bool = True,
            allowed: str = "") -> str:
    text = f"""
[audit]
name = "crawler test"
render = "{render}"
obey_robots = {str(robots).lower()}
max_body_bytes = 100000
timeout = 10.0
retries = 0
concurrency_per_host = 4
allowed_hosts = [{allowed}]

[[unit]]
id = "county"
name = "测试县人民政府"
base_url = "{base}"
"""
    if dept:
        text += f"""
[[unit]]
id = "dept"
name = "县教育局"
base_url = "{base}dept/index.html"
"""
    return text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("portal")
    build_site(root)
    server = serve_directory(root)
    try:
        yield server
    finally:
        server.stop()


def _run(tmp: Path, config_text: str, units=None, progress=None):
    cfg = parse_config(config_text)
    db = tmp / "audit.sqlite"
    store = Store(db)
    run_id = store.begin_run([u.unit for u in cfg.units])
    store.close()
    stats = crawl(cfg, db, run_id, units=units, progress=progress)
    store = Store(db)
    snap = store.snapshot(run_id)
    return stats, snap, store


@pytest.fixture(scope="module")
def first(site, tmp_path_factory):
    events: list[CrawlProgress] = []
    stats, snap, store = _run(tmp_path_factory.mktemp("run1"), _config(site.base_url("site")),
                              progress=events.append)
    yield site.base_url("site"), stats, snap, events
    store.close()


def test_pages_links_and_kinds_are_recorded(first):
    base, stats, snap, events = first
    page = lambda path: snap.page("county", base + path)   # noqa: E731
    assert page("").kind == PageKind.HOME and page("").title == "测试县人民政府"
    assert page("col/index.html").kind == PageKind.COLUMN
    detail = page("col/t20240105_3.html")
    assert detail.kind == PageKind.DETAIL and detail.title == "关于春节放假的通知"
    assert detail.referer == base + "col/index.html" and detail.depth == 2
    # TRS paging written by createPageHTML: the other list pages and their documents
    assert page("col/index_2.html").kind == PageKind.COLUMN
    assert page("col/t20231202_2.html").kind == PageKind.DETAIL
    assert page("col/index_2.html").depth == page("col/index.html").depth   # paging is not a level
    report = page("report/2023nb.pdf")
    assert report.kind == PageKind.ANNUAL_REPORT and report.size > 0
    assert snap.content(report).startswith(b"%PDF")
    logo = page("logo.png")
    assert logo.status == 200 and snap.text(logo) == "" and snap.content(logo) == b""
    missing = page("missing.html")
    assert missing.status == 404 and not missing.ok
    old = page("old")
    assert old.status == 200 and old.final_url == base + "old/"
    refused = page_any(snap, "http://127.0.0.1:9/nothing.html")
    assert refused is None          # another host: recorded as a link, never fetched
    kinds = {(l.target.removeprefix(base), l.kind) for l in snap.links("county", source=base)}
    assert ("logo.png", LinkKind.IMAGE) in kinds and ("js/site.js", LinkKind.SCRIPT) in kinds
    assert ("report/2023nb.pdf", LinkKind.ATTACHMENT) in kinds
    assert ("http://www.example.invalid/page.html", LinkKind.EXTERNAL) in kinds
    assert not any("example.invalid" in p.url for p in snap.pages())
    done = [e for e in events if e.unit == "county" and e.done]
    assert len(done) == 1 and done[0].pages == stats["county"].pages
    assert events[-1].unit == "dept" and events[-1].done
    st = stats["county"]
    assert st.stopped_by == "finished" and st.pages == len(list(snap.pages("county")))
    assert st.errors >= 1 and st.bytes > 0


def page_any(snap, url):
    return next((p for p in snap.pages() if p.url == url), None)


def test_gbk_declared_gb2312_is_decoded(first):
    base, _, snap, _ = first
    p = snap.page("county", base + "gbk.html")
    assert "朱镕基" in snap.text(p) and p.title == "朱镕基同志视察"
    assert p.declared_encoding.lower() == "gb2312" and p.encoding == "gb18030"


def test_only_the_javascript_list_is_rendered(first):
    base, stats, snap, _ = first
    rendered = [p.url for p in snap.pages() if p.rendered]
    assert rendered == [base + "hanweb/col/col1/index.html"]
    assert stats["county"].rendered == 1 and stats["county"].extra["browser_launches"] == 1
    # the static department column never started a browser
    assert stats["dept"].rendered == 0 and stats["dept"].extra["browser_launches"] == 0
    lst = snap.page("county", rendered[0])
    assert "关于渲染测试的通知" in snap.text(lst) and lst.headers["X-Zwgk-Render-Reason"] == "hanweb-datastore"
    # the rows only exist after rendering, and their documents were crawled
    art = snap.page("county", base + "art/2024/1/2/art_1_100.html")
    assert art is not None and art.kind == PageKind.DETAIL and not art.rendered


def test_traps_robots_scope_and_size_limits(first):
    base, stats, snap, _ = first
    cal = [p for p in snap.pages("county") if "/cal/" in p.url]
    assert 10 <= len(cal) <= 26                       # endless chain, bounded
    assert stats["county"].extra["traps"]
    assert snap.page("county", base + "private/secret.html") is None     # robots.txt obeyed
    assert stats["county"].extra["robots_blocked"] == 1
    # the department column is another unit: checked from the county, crawled as "dept"
    dept_from_county = snap.page("county", base + "dept/index.html")
    assert dept_from_county.kind == PageKind.OTHER and dept_from_county.text == ""
    assert snap.page("county", base + "dept/a.html") is None
    assert snap.page("dept", base + "dept/a.html").status == 200
    assert not any(p.url == base + "col/index.html" for p in snap.pages("dept"))
    big = snap.page("county", base + "big.html")
    assert big.truncated and big.status == 200 and big.size == 100000 and "很大的页面" in snap.text(big)


def test_ipv6_base_url_without_robots_in_a_second_crawl(site, tmp_path):
    base6 = site.base_url("site", 6)
    stats, snap, store = _run(tmp_path, _config(base6, robots=False, render="never", dept=False,
                                                allowed='"127.0.0.1:9"'))
    try:
        home = snap.page("county", base6)
        assert home is not None and home.status == 200 and home.kind == PageKind.HOME
        assert snap.page("county", base6 + "private/secret.html").status == 200   # robots overridden
        assert stats["county"].rendered == 0
        assert not snap.page("county", base6 + "hanweb/col/col1/index.html").rendered
        refused = snap.page("county", "http://127.0.0.1:9/nothing.html")    # an allowed host: checked
        assert refused.status is None and refused.error.startswith("refused:")
    finally:
        store.close()


def test_unknown_unit_and_dead_worker_are_clear_errors(site, tmp_path):
    cfg = parse_config(_config(site.base_url("site"), dept=False))
    with pytest.raises(KeyError):
        crawl(cfg, tmp_path / "a.sqlite", "nope", units=["ghost"])
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CrawlError) as err:
        crawl(cfg, broken, "r1")
    assert "不是可用的审计数据库" in err.value.stderr_tail



class _StopCrawl(Exception):
    pass


def test_an_interrupted_crawl_keeps_the_pages_it_reported(site, tmp_path):
    """The store is written in batches: stopping the worker mid-crawl (the
    parent terminates it when its progress callback fails) still leaves every
    page it had reported, with its links."""
    cfg = parse_config(_config(site.base_url("site"), dept=False, render="never"))
    db = tmp_path / "interrupted.sqlite"
    store = Store(db)
    run_id = store.begin_run([u.unit for u in cfg.units])
    store.close()
    seen: list[CrawlProgress] = []

    def stop(p: CrawlProgress) -> None:
        seen.append(p)
        raise _StopCrawl()

    with pytest.raises(_StopCrawl):
        crawl(cfg, db, run_id, progress=stop)
    store = Store(db)
    try:
        snap = store.snapshot(run_id)
        pages = list(snap.pages("county"))
        assert seen and len(pages) >= seen[-1].pages >= 1
        home = snap.page("county", site.base_url("site"))
        assert home is not None and home.status == 200 and snap.text(home)
        assert list(snap.links("county", source=home.url))
    finally:
        store.close()
