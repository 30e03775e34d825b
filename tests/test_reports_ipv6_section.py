"""The scorecard's "IPv6 支持情况" section: built from ipv6.*/network.* findings
only (details laid out as checks/ipv6 writes them), tolerant of missing keys,
and escaping everything a finding carries."""

from __future__ import annotations

import re

import pytest

import reports_sample as S
from reports import write_reports
from reports.network_view import network_section
from zwgk_audit.model import AuditResult, Citation, Evidence, Finding, Status, Unit

H = S.HOSTILE                                   # <script>alert(1)</script>"'&
HOME = "http://www.example.gov.cn/index.html"
UNIT = Unit(id="v6", name="示例镇人民政府", base_url=HOME)
BARE = Unit(id="bare", name="无IPv6结果单位", base_url="http://bare.example.gov.cn/")
PLAN = Citation(source="海丰县2022年政务公开工作要点分工方案", clause="37", text="全面支持 IPv6",
                units=("各镇人民政府",), deadline="2022-12-31", plan_id="2022-haifeng")
REG = Citation(source="推进IPv6规模部署行动计划", text="政府网站全面支持 IPv6")


def f(check_id, status, message, details=None, basis=(REG, PLAN), unit="v6", **ev):
    return Finding(check_id=check_id, status=status, title=f"标题-{check_id}", message=message, unit=unit,
                   url=HOME, evidence=Evidence(details=details or {}, **ev), basis=basis)


def findings():
    return [
        f("ipv6.aaaa", Status.FAIL, f"没有 AAAA {H}", {
            "chain": ["www.example.gov.cn", f"cdn-{H}.test"], "a": ["192.0.2.1"], "aaaa": [],
            "rcode": "NOERROR", "server": "127.0.0.1:53"}),
        f("ipv6.reachable", Status.FAIL, "IPv6 访问不通", {
            "results": [{"address": "[2001:db8::1]:80", "test": "TCP", "result": "通"},
                        {"address": "[2001:db8::1]:80", "test": "HTTP", "result": "成功率 66.7%（200 / 200 / 超时）"},
                        {"address": "[2001:db8::2]:80", "test": "TCP", "result": f"连接被拒绝{H}"}],
            "ports": [80], "min_success": 1.0,
            "v4": {"address": "192.0.2.1", "port": 80, "statuses": [200, 200, 200], "errors": ["", "", ""],
                   "success_rate": 1.0}}),
        f("ipv6.content_parity", Status.PASS, "IPv6 与 IPv4 首页状态码相同，内容相似度 93.4%。", {
            "v4": {"address": "192.0.2.1", "port": 80, "statuses": [200], "errors": [""], "size": 6125},
            "v6": [{"address": "2001:db8::1", "port": 80, "statuses": [200, 200, None],
                    "errors": ["", "", "超时"], "success_rate": 0.667, "similarity": 0.934,
                    "status_match": True, "size": 6100}],
            "min_similarity": 0.9}),
        f("ipv6.nameservers", Status.FAIL, "区的域名服务器不完全支持 IPv6", {
            "zone": "example.gov.cn",
            "ns": [{"name": f"ns1.{H}", "a": ["192.0.2.53"], "aaaa": [], "error": "", "v6": []},
                   {"name": "ns2.example.gov.cn", "a": [], "aaaa": ["2001:db8::53"], "error": "",
                    "v6": [{"address": "2001:db8::53", "port": 53, "ok": False, "error": "2 秒内没有应答"}]}]}),
        f("ipv6.depth", Status.FAIL, "IPv6 深度不足", {
            "groups": {"level2": {"total": 20, "ok": 19, "ratio": 0.95, "threshold": 0.9, "found": 25},
                       "level3": {"total": 10, "ok": 5, "ratio": 0.5, "threshold": 0.85, "found": 10},
                       "resources": {"total": 8, "ok": 8, "threshold": 0.85}},      # no ratio: computed
            "failing_hosts": [f"pic.{H}.cn"],
            "failing_urls": [{"url": "javascript:alert(1)", "error": f"域名没有 AAAA 记录{H}"}],
            "max_urls": 200}),
        f("network.gov_cn_domain", Status.PASS, "域名 www.example.gov.cn 以 .gov.cn 结尾。", basis=()),
        f("network.https", Status.WARN, "网站未提供 HTTPS", {
            "https_offered": False, "https_error": f"443 拒绝{H}", "http_status": 200,
            "redirects_to_https": False}, basis=()),
        # a probe that could not run, and an ipv6 check this renderer has no layout for
        f("ipv6.future_check", Status.UNKNOWN, f"“新探测”探测未能完成：SERVFAIL{H}，无法判定。",
          {"probe": "ipv6.future", "target": H}),
        # not in the section
        f("footer.identity", Status.FAIL, "无关的问题", basis=()),
    ]


def result(fs=None):
    return AuditResult(run_id="r1", started_at="2024-06-02T08:00:00+00:00", as_of="2024-06-01",
                       units=[UNIT, BARE], findings=fs if fs is not None else findings(),
                       extra={"clauses": {}})


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("v6")
    write_reports(result(), d, indicators={})
    return d


def section(html: str) -> str:
    a = html.index('<h2 id="ipv6">')
    b = html.index('<h2 id="clauses">')
    return html[a:b]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_view_reads_the_checks_details():
    n = network_section(findings(), "2024-06-01")
    assert n is not None and n.status == Status.FAIL and n.ipv6_status == Status.FAIL
    assert n.chain.steps == ("www.example.gov.cn", f"cdn-{H}.test") and n.chain.aaaa == ()
    rows = {r.address: r for r in n.reach.rows}
    assert rows["[2001:db8::1]:80"].tcp_ok is True
    assert rows["[2001:db8::1]:80"].rate == pytest.approx(0.667) and rows["[2001:db8::1]:80"].http_ok is False
    assert rows["[2001:db8::2]:80"].tcp_ok is False and rows["[2001:db8::2]:80"].http == ""
    assert n.parity.rows[0].similarity == pytest.approx(0.934) and n.parity.rows[0].ok is True
    ns = {r.name: r for r in n.nameservers.rows}
    assert ns[f"ns1.{H}"].ok is False and ns["ns2.example.gov.cn"].ok is False
    depth = {r.group: r for r in n.depth.rows}
    assert depth["level3"].passed is False and depth["level2"].passed is True
    assert depth["resources"].ratio == 1.0 and depth["resources"].found is None
    assert [i.check_id for i in n.others] == ["ipv6.future_check"]
    assert [i.check_id for i in n.network] == ["network.gov_cn_domain", "network.https"]
    assert "footer.identity" not in [i.check_id for i in n.items]
    plan = n.plans[0]
    assert (plan.clause, plan.deadline, plan.overdue) == ("37", "2022-12-31", True)


def test_view_tolerates_missing_keys():
    bare = [f(cid, Status.UNKNOWN, "没有探测记录，无法判定。", {"probe": "dns"}, basis=())
            for cid in ("ipv6.aaaa", "ipv6.reachable", "ipv6.content_parity", "ipv6.nameservers", "ipv6.depth",
                        "network.https")]
    bare.append(f("ipv6.depth", Status.UNKNOWN, "x", {"groups": "garbage", "failing_urls": [None, "u"]}, basis=()))
    bare.append(f("ipv6.reachable", Status.UNKNOWN, "y", {"results": [{"test": "TCP"}, "junk"], "v4": 3}, basis=()))
    n = network_section(bare)
    assert n.chain.steps == () and n.reach.rows == () and n.parity.rows == () and n.depth.rows == ()
    assert n.plans == () and n.https == ()
    assert network_section([f("footer.identity", Status.FAIL, "x")]) is None


def test_section_shows_chain_addresses_parity_depth_and_deadline(out):
    html = (out / "units" / "v6.html").read_text(encoding="utf-8")
    s = section(html)
    t = text(s)
    assert "IPv6 支持情况" in t
    # the plan deadline, as the issue asks
    assert "依据：海丰县2022年政务公开工作要点分工方案 第37条，完成时限 2022-12-31" in t
    assert "审计基准日已过完成时限" in t
    # chain: the CNAME target, the IPv4 address, no AAAA
    assert "www.example.gov.cn" in t and "→CNAME→" in t and "192.0.2.1" in t
    # per address reachability with its success rate
    assert "[2001:db8::1]:80" in t and "66.7%" in t and "[2001:db8::2]:80" in t
    # content parity vs threshold
    assert "93.4%" in t and "90.0%" in t
    # name servers
    assert "ns2.example.gov.cn" in t and "2 秒内没有应答" in t
    # depth ratios: ok/total, ratio, threshold, failing hosts
    assert "19 / 20" in t and "95.0%" in t and "5 / 10" in t and "50.0%" in t and "85.0%" in t
    assert "8 / 8" in t and "100.0%" in t
    assert "IPv6 下无法访问的域名" in t
    # network checks and the undecided one with its reason
    assert "标题-network.https" in t and "提供 HTTPS" in t and "否" in t
    assert "无法判定：“新探测”探测未能完成：SERVFAIL" in t
    # badges for each verdict
    for cls in ("s-fail", "s-pass", "s-warn", "s-unknown"):
        assert f'badge {cls}' in s
    assert "无关的问题" not in s
    assert '<a href="#ipv6">IPv6 支持情况</a>' in html


def test_section_escapes_finding_data(out):
    html = (out / "units" / "v6.html").read_text(encoding="utf-8")
    s = section(html)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in s
    assert 'href="javascript:' not in html
    # each hostile value appears escaped in its place
    for escaped in ("cdn-&lt;script&gt;", "ns1.&lt;script&gt;", "pic.&lt;script&gt;", "连接被拒绝&lt;script&gt;",
                    "443 拒绝&lt;script&gt;", "SERVFAIL&lt;script&gt;", "域名没有 AAAA 记录&lt;script&gt;"):
        assert escaped in s, escaped


def test_unit_without_ipv6_findings_has_no_section(out):
    html = (out / "units" / "bare.html").read_text(encoding="utf-8")
    assert 'id="ipv6"' not in html and "IPv6 支持情况" not in html


def test_overview_has_an_ipv6_column(out):
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<th>IPv6</th>" in html
    assert 'href="units/v6.html#ipv6"' in html
    assert "标题-ipv6.aaaa" in html


def test_overview_without_ipv6_findings_has_no_column(tmp_path):
    write_reports(result([f("footer.identity", Status.FAIL, "x")]), tmp_path, indicators={})
    assert "<th>IPv6</th>" not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_generic_details_tables_use_chinese_labels(out):
    html = (out / "units" / "v6.html").read_text(encoding="utf-8")
    findings_part = html[html.index('<h2 id="findings">'):]
    assert '<th title="chain">解析链</th>' in findings_part
    assert '<th title="min_success">最低成功率</th>' in findings_part
    assert '<th title="https_offered">提供 HTTPS</th>' in findings_part


def test_sample_report_still_renders_with_labels(tmp_path):
    write_reports(S.result(), tmp_path, indicators={})
    html = (tmp_path / "units" / "county.html").read_text(encoding="utf-8")
    assert '<th title="referrers">引用页面</th>' in html
    assert "<th>IPv6</th>" in (tmp_path / "index.html").read_text(encoding="utf-8")
