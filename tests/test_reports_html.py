"""The HTML overview and scorecards, read as text: escaping, offline,
anchors, and that a new check needs no template change."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

import reports_sample as S
from reports import summarize_result, write_reports
from reports.safe import anchor, safe_href, safe_relpath, unit_filename
from reports.scoring import load_scoring
from zwgk_audit.model import Evidence, Finding, Status


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.srcs: list[str] = []
        self.scripts = 0
        self.rels: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
            self.rels.append((a["href"], a.get("rel") or ""))
        if "src" in a:
            self.srcs.append(a["src"])
        if tag == "script":
            self.scripts += 1


def parse(path):
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("html")
    m = load_scoring()
    prev = S.result("run-1", "2024-05-01T08:00:00+00:00", S.previous_findings())
    files = write_reports(S.result(), d, history=[summarize_result(prev, m, {})], previous=prev, indicators={})
    return d, files


def test_files_are_written(out):
    d, files = out
    assert files.index == d / "index.html"
    assert set(files.units) == {"county", "dept"}
    for p in (files.json, files.csv, files.xlsx, files.junit, *files.units.values()):
        assert p.exists() and p.stat().st_size > 0


def test_no_external_reference_except_audited_pages(out):
    d, _ = out
    findings = S.findings() + S.previous_findings()
    audited = {S.COUNTY.base_url, S.DEPT.base_url} | {f.url for f in findings}
    audited |= {r for f in findings for r in f.evidence.details.get("referrers", [])}
    html = (d / "index.html").read_text(encoding="utf-8")
    refs = set(re.findall(r"(?:https?:)?//[^\s\"'<>)]+", html))
    assert refs <= audited, refs - audited
    for page in [d / "index.html", *(d / "units").glob("*.html")]:
        html = page.read_text(encoding="utf-8")
        assert "cdn" not in html.lower() and "pygal.org" not in html and "url(" not in html
        p = parse(page)
        assert p.scripts == 0
        for ref in p.hrefs + p.srcs:
            assert ref in audited or not re.match(r"^\w+:|^//", ref), (page.name, ref)


def test_hostile_strings_are_escaped_and_javascript_urls_not_linked(out):
    d, _ = out
    for page in [d / "index.html", d / "units" / "county.html"]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        p = parse(page)
        assert not any(h.lower().startswith("javascript:") for h in p.hrefs)
    county = (d / "units" / "county.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in county
    assert "<code class=\"url\">javascript:alert(1)</code>" in county


def test_audited_links_are_plain_and_do_not_leak_the_referrer(out):
    d, _ = out
    p = parse(d / "units" / "county.html")
    external = [(h, r) for h, r in p.rels if h.startswith("http")]
    assert external and all(r == "noopener noreferrer" for _, r in external)


def test_matrix_links_land_on_the_scorecard_anchors(out):
    d, _ = out
    ov = parse(d / "index.html")
    targets = [h for h in ov.hrefs if h.startswith("units/")]
    assert targets
    for h in targets:
        path, _, frag = h.partition("#")
        assert (d / path).exists()
        if frag:
            assert frag in parse(d / path).ids, h
    # every check of the county has a matrix cell
    for cid in {f.check_id for f in S.findings() if f.unit == "county"}:
        assert f"units/county.html#{anchor(cid)}" in targets


def test_scorecard_shows_what_why_and_how(out):
    d, _ = out
    html = (d / "units" / "county.html").read_text(encoding="utf-8")
    for text in ("未找到ICP备案号", "粤ICP备12345678号-", "粤ICP备XXXXXXXX号", "2024年政务公开工作要点",
                 "规范性文件标注有效性", "县司法局", "2024-12-31", "请按要求整改。", "人工核查",
                 "已于6月培训", "开展政务公开培训", "仍未整改", "run-1"):
        assert text in html, text
    # fails come before warns and passes
    body = html[html.index('id="findings"'):]
    assert body.index("未找到ICP备案号") < body.index("有效性标注不规范") < body.index("网站标识码正确")
    dept = (d / "units" / "dept.html").read_text(encoding="utf-8")
    assert "单项否决" in dept and "不合格" in dept


def test_overview_has_ranking_charts_plans_and_trend(out):
    d, _ = out
    html = (d / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3                      # scores, statuses, trend
    assert "2024年政务公开工作要点" in html and "run-2" in html and "2024-06-01" in html
    assert html.index("示例县人民政府</a>") < html.index("示例县教育局</a>")   # vetoed unit ranks last


def test_a_new_check_renders_without_template_changes(tmp_path):
    extra = Finding(check_id="brand_new.thing", status=Status.FAIL, title="全新检查项", message="全新问题",
                    unit="county", url="http://127.0.0.1:8081/new.html",
                    evidence=Evidence(details={"nested": {"list": [1, 2, {"k": "v"}]}, "n": 3}))
    write_reports(S.result(items=S.findings() + [extra]), tmp_path, indicators={})
    assert "全新检查项" in (tmp_path / "index.html").read_text(encoding="utf-8")
    card = (tmp_path / "units" / "county.html").read_text(encoding="utf-8")
    assert "全新问题" in card and anchor("brand_new.thing") in card


def test_screenshot_paths_are_only_shown_when_inside_the_report(tmp_path):
    good = replace(S.findings()[0], evidence=replace(S.findings()[0].evidence, screenshot="shots/a.png",
                                                      captured_at="2024-06-02T08:00:00+00:00"))
    bad = replace(S.findings()[2], evidence=replace(S.findings()[2].evidence, screenshot="../../etc/x.png"))
    evil = replace(S.findings()[3], evidence=replace(S.findings()[3].evidence, screenshot="javascript:alert(1)"))
    write_reports(S.result(items=[good, bad, evil]), tmp_path, indicators={})
    srcs = parse(tmp_path / "units" / "county.html").srcs
    assert srcs == ["../shots/a.png"]


def test_safety_helpers():
    assert safe_href("https://a.gov.cn/x?y=1") and safe_href("HTTP://a/")
    for bad in ("javascript:alert(1)", "data:text/html,x", "//a/b", "http://a/\"onmouseover=x", "", None, "http://"):
        assert safe_href(bad) is None
    assert safe_relpath("shots/ab.png") == "shots/ab.png"
    for bad in ("/etc/passwd", "../x.png", "shots/../../x", "http://a/x.png", "shots//x"):
        assert safe_relpath(bad) is None
    assert unit_filename("county") == "county"
    assert unit_filename("..").startswith("u-") and unit_filename("a/b").startswith("u-")
