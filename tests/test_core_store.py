from zwgk_audit.model import (
    CrawlStats, Evidence, Finding, Link, LinkKind, Page, PageKind, Probe, Status, Unit, Citation,
)
from zwgk_audit.store import Store, StoreError
import pytest


def test_a_run_round_trips_through_the_store(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    unit = Unit(id="u", name="示例县", base_url="http://127.0.0.1:1/", plan="003")
    run = store.begin_run([unit], {"audit": {"name": "x"}}, "x")
    page = Page(unit="u", url="http://127.0.0.1:1/", final_url="http://127.0.0.1:1/index.html",
                status=200, kind=PageKind.HOME, title="首页", headers={"ETag": "1"},
                text="<p>朱镕基</p>", encoding="gb18030", declared_encoding="gb2312")
    pdf = Page(unit="u", url="http://127.0.0.1:1/a.pdf", final_url="http://127.0.0.1:1/a.pdf",
               status=200, kind=PageKind.ATTACHMENT, content=b"%PDF-1.4")
    store.add_page(run, page)
    store.add_page(run, pdf)
    store.add_links(run, [Link("u", page.url, pdf.url, "附件", LinkKind.ATTACHMENT)])
    store.add_probe(run, Probe(unit="u", kind="dns", target="x", ok=False, error="timeout"))
    store.set_stats(run, CrawlStats(unit="u", pages=2, stopped_by="finished"))
    finding = Finding(check_id="a.b", status=Status.FAIL, title="t", message="m", unit="u",
                      url=page.url, key="k", evidence=Evidence(value="v", details={"n": 1}),
                      basis=(Citation(source="条例", clause="第五十条", units=("办公室",)),))
    store.save_findings(run, [finding], "2026-11-22")
    store.finish_run(run)
    store.close()

    store = Store(tmp_path / "s.sqlite")
    snap = store.snapshot(run)
    got = snap.page("u", page.url)
    assert got.final_url.endswith("index.html") and got.headers == {"ETag": "1"}
    assert snap.text(got) == "<p>朱镕基</p>" and snap.content(snap.page("u", pdf.url)) == b"%PDF-1.4"
    assert [l.kind for l in snap.links("u")] == [LinkKind.ATTACHMENT]
    assert next(snap.probes("u", "dns")).error == "timeout"
    assert snap.stats["u"].pages == 2
    assert store.findings(run) == [finding]
    assert store.runs()[0]["status"] == "complete"
    with pytest.raises(StoreError):
        store.snapshot("nope")


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    p = tmp_path / "x.sqlite"
    p.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="不是可用的审计数据库"):
        Store(p)
