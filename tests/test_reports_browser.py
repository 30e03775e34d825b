"""The reports in real headless Chromium: no console error, no script runs,
links between overview and scorecards work, charts and PDF."""

from __future__ import annotations

from dataclasses import replace

import pytest

import reports_sample as S
from reports import summarize_result, write_reports
from reports.browser import chromium, chromium_path
from reports.safe import anchor
from reports.scoring import load_scoring

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium")]

# 1x1 transparent PNG
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    d = tmp_path_factory.mktemp("browser")
    (d / "shots").mkdir()
    (d / "shots" / "home.png").write_bytes(PNG)
    items = S.findings()
    items[0] = replace(items[0], evidence=replace(items[0].evidence, screenshot="shots/home.png",
                                                  captured_at="2024-06-02T08:01:00+00:00"))
    m = load_scoring()
    prev = S.result("run-1", "2024-05-01T08:00:00+00:00", S.previous_findings())
    files = write_reports(S.result(items=items), d, history=[summarize_result(prev, m, {})], previous=prev,
                          pdf=True, indicators={})
    return d, files


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _watch(page):
    events = {"console": [], "dialogs": [], "errors": [], "requests": []}
    page.on("console", lambda m: events["console"].append((m.type, m.text)))
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("request", lambda r: events["requests"].append(r.url))
    return events


def test_overview_and_scorecard_render_cleanly_and_link_together(report, browser):
    d, _ = report
    page = browser.new_page()
    ev = _watch(page)
    page.goto((d / "index.html").as_uri())
    assert page.locator("svg").count() == 3
    assert page.locator("h1").inner_text() == "示例县政务公开审计"
    # click through the matrix cell of the county's broken links
    page.locator(f'table.matrix a[href="units/county.html#{anchor("links.broken")}"]').click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"units/county.html#{anchor('links.broken')}")
    assert page.locator(f"#{anchor('links.broken')}").is_visible()
    body = page.locator("body").inner_text()
    assert "<script>alert(1)</script>" in body          # shown as text
    assert "javascript:alert(1)" in body
    assert page.locator('a[href^="javascript"]').count() == 0
    # the screenshot loads from the report directory
    img = page.locator("img").first
    assert img.evaluate("i => i.complete && i.naturalWidth") == 1
    assert page.locator("svg").count() == 1               # the trend chart
    page.locator('a[href="../index.html"]').first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html")
    page.locator("#ranking ~ table a", has_text="示例县教育局").first.click()
    page.wait_for_load_state("load")
    assert "单项否决" in page.locator(".veto").inner_text()
    assert ev["dialogs"] == [] and ev["errors"] == []
    assert [c for c in ev["console"] if c[0] in ("error", "warning")] == []
    assert all(u.startswith("file://") for u in ev["requests"]), ev["requests"]
    page.close()


def test_print_stylesheet_hides_navigation(report, browser):
    d, _ = report
    page = browser.new_page()
    page.goto((d / "units" / "county.html").as_uri())
    assert page.locator("nav.top").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav.top").is_visible()
    page.close()


def test_pdf_scorecards_are_written(report):
    _, files = report
    assert set(files.pdfs) == {"county", "dept"}
    for p in files.pdfs.values():
        data = p.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5000


def test_the_harness_would_see_a_script_that_ran(tmp_path, browser):
    """Guards the tests above: a page that does run a script is noticed."""
    (tmp_path / "x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    page = browser.new_page()
    ev = _watch(page)
    page.goto((tmp_path / "x.html").as_uri())
    assert ev["dialogs"] == ["1"]
    page.close()
