"""IPv6 and network checks against a real test network: a DNS server made
for each failure (tests/support/dns_server.py) and real nginx servers on
127.0.0.1 / [::1].  One portal, one defect, one expected verdict."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from checks.registry import all_checks
from checks.runner import run_checks
from crawler.probes import run_probes
from simulator.server import NginxServer, SiteSpec
from support.dns_server import TestDnsServer
from zwgk_audit.config import AuditConfig, Politeness, Resolver, Scope, UnitConfig
from zwgk_audit.model import Link, LinkKind, Page, PageKind, Status, Unit
from zwgk_audit.store import Store

HOME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县人民政府</title>
<meta name="csrf-token" content="{token}"><script src="/s.js?t={t}"></script></head>
<body><h1>某县人民政府门户网站</h1><p>更新时间：{when}</p>
<ul><li><a href="/col/index.html">政府信息公开</a></li><li>政策文件</li><li>政务动态</li>
<li>通知公告</li><li>办事服务</li><li>互动交流</li></ul>
<form><input type="hidden" name="_csrf" value="{token}"></form></body></html>"""
OTHER = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试页</title></head>
<body><p>IPv6 测试服务器，网站建设中</p></body></html>"""

pytestmark = pytest.mark.nginx

IPV6_CHECKS = [c for c in all_checks() if c.meta.id.startswith(("ipv6.", "network."))]


def _tree(root: Path, html: str, files: dict[str, str] = {}) -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text(html, "utf-8")
    for name, body in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body, "utf-8")
    return root


class Net:
    """The whole test network: sites, zones, units and the audit's verdicts."""

    def __init__(self, tmp: Path) -> None:
        site_files = {"col/index.html": "<p>栏目</p>", "col/a.html": "<p>文章</p>", "s.js": "var a=1;",
                      "logo.png": "PNG"}
        good = _tree(tmp / "good", HOME.format(token="tok-A1", t="1700000001", when="2024-05-01 08:00:01"),
                     site_files)
        other = _tree(tmp / "other", OTHER)
        static = _tree(tmp / "static", "<p>static</p>", {"app.js": "var b=2;", "banner.png": "PNG"})
        self.web = NginxServer([
            SiteSpec("good", good),                              # both families
            SiteSpec("v4only", good, listen_v6=False),           # AAAA published, nothing on [::1]
            SiteSpec("diff", good, v6_root=other),               # IPv6 serves another site
            SiteSpec("static", static, listen_v6=False),         # IPv4-only resource host
        ]).start()
        both = {"A": ["127.0.0.1"], "AAAA": ["::1"]}
        v4 = {"A": ["127.0.0.1"]}
        zones = {
            "www.good.gov.cn": both, "good.gov.cn": {"NS": ["ns1.good.gov.cn", "ns2.good.gov.cn"]},
            "ns1.good.gov.cn": {"A": ["127.0.0.1"], "AAAA": ["::1"]}, "ns2.good.gov.cn": {"AAAA": ["::1"]},
            "www.v4only.gov.cn": both,
            "www.diff.gov.cn": both,
            "www.cdn.gov.cn": {"CNAME": "www.cdn.gov.cn.cdn-v4.example.com"},
            "www.cdn.gov.cn.cdn-v4.example.com": {"CNAME": "edge7.cdn-v4.example.com"},
            "edge7.cdn-v4.example.com": v4,
            "www.deep.gov.cn": both, "static.v4cdn.example.com": v4,
            "www.nsbad.gov.cn": both, "nsbad.gov.cn": {"NS": ["ns1.nsbad.gov.cn", "ns2.nsbad.gov.cn"]},
            "ns1.nsbad.gov.cn": {"A": ["127.0.0.1"], "AAAA": ["::1"]}, "ns2.nsbad.gov.cn": v4,
            "www.portal-example.com": both,
            # www.gone.gov.cn is absent: NXDOMAIN
        }
        self.dns = TestDnsServer(zones, servfail={"www.broken.gov.cn"}, ipv6=True).start()
        self.blackhole = TestDnsServer({}, blackhole=True).start()
        p = self.web.port
        self.units = {
            "good": f"http://www.good.gov.cn:{p('good')}/",
            "v4only": f"http://www.v4only.gov.cn:{p('v4only')}/",
            "diff": f"http://www.diff.gov.cn:{p('diff')}/",
            "cdn": f"http://www.cdn.gov.cn:{p('good')}/",
            "deep": f"http://www.deep.gov.cn:{p('good')}/",
            "nsbad": f"http://www.nsbad.gov.cn:{p('good')}/",
            "commercial": f"http://www.portal-example.com:{p('good')}/",
            "literal": f"http://127.0.0.1:{p('good')}/",
            "broken": f"http://www.broken.gov.cn:{p('good')}/",
            "gone": f"http://www.gone.gov.cn:{p('good')}/",
        }
        self.store = Store(tmp / "audit.sqlite")
        self.findings = self._audit(self.units, self.dns.port, "main")
        self.findings += self._audit({"silent": f"http://www.good.gov.cn:{p('good')}/"}, self.blackhole.port,
                                     "blackhole")

    def _crawl(self, run_id: str, units: dict[str, str]) -> None:
        """What the crawl would have stored: 二级/三级 pages and resources."""
        sp = self.web.port("static")
        for uid, base in units.items():
            if uid not in ("good", "deep"):
                continue
            pages = [(base, 0), (base + "col/index.html", 1), (base + "col/a.html", 2)]
            for url, depth in pages:
                self.store.add_page(run_id, Page(unit=uid, url=url, final_url=url, status=200, depth=depth,
                                                 kind=PageKind.HOME if depth == 0 else PageKind.COLUMN))
            res = [base + "s.js", base + "logo.png"] if uid == "good" else [
                base + "s.js", f"http://static.v4cdn.example.com:{sp}/app.js",
                f"http://static.v4cdn.example.com:{sp}/banner.png"]
            self.store.add_links(run_id, [
                Link(unit=uid, source=base, target=t, text="", tag="script" if t.endswith(".js") else "img",
                     kind=LinkKind.SCRIPT if t.endswith(".js") else LinkKind.IMAGE) for t in res])

    def _audit(self, units: dict[str, str], dns_port: int, name: str) -> list:
        ucs = tuple(UnitConfig(Unit(uid, uid, url), Scope(), Politeness()) for uid, url in units.items())
        config = AuditConfig(name=name, path=None, units=ucs, store=self.store.path,
                             resolver=Resolver("127.0.0.1", dns_port, 0.5),
                             thresholds={"dns_ns_port": self.dns.port, "probe_timeout": 2.0})
        run_id = self.store.begin_run([u.unit for u in ucs], run_id=name)
        self._crawl(run_id, units)
        run_probes(config, self.store, run_id, snapshot=self.store.snapshot(run_id))
        snapshot = self.store.snapshot(run_id)       # the checks read probes back from the store
        return run_checks(snapshot, _dt.date(2026, 6, 1), settings=config.thresholds, checks=IPV6_CHECKS)

    def close(self) -> None:
        self.store.close()
        self.web.stop()
        self.dns.stop()
        self.blackhole.stop()

    def get(self, unit: str, check_id: str):
        found = [f for f in self.findings if f.unit == unit and f.check_id == check_id]
        assert len(found) == 1, f"{unit} {check_id}: {found}"
        return found[0]


@pytest.fixture(scope="module")
def net(tmp_path_factory):
    n = Net(tmp_path_factory.mktemp("ipv6net"))
    yield n
    n.close()


def test_dual_stack_portal_passes_every_ipv6_check(net):
    for check_id in ("ipv6.aaaa", "ipv6.reachable", "ipv6.content_parity", "ipv6.nameservers", "ipv6.depth",
                     "network.gov_cn_domain"):
        f = net.get("good", check_id)
        assert f.status is Status.PASS, (check_id, f.message)
        assert f.key == "" and f.url == net.units["good"]
    depth = net.get("good", "ipv6.depth").evidence.details["groups"]
    assert {g: (m["ok"], m["total"]) for g, m in depth.items()} == {
        "level2": (1, 1), "level3": (1, 1), "resources": (2, 2)}


def test_ipv6_checks_carry_the_ipv6_requirement_kind():
    ids = {c.meta.id for c in IPV6_CHECKS if c.meta.requirement_kinds == ("ipv6",)}
    assert ids == {"ipv6.aaaa", "ipv6.reachable", "ipv6.content_parity", "ipv6.nameservers", "ipv6.depth"}


def test_aaaa_published_but_server_listens_on_ipv4_only_fails_reachable(net):
    f = net.get("v4only", "ipv6.reachable")
    assert f.status is Status.FAIL
    assert f"[::1]:{net.web.port('v4only')}" in f.message and "TCP 连接失败" in f.message
    assert net.get("v4only", "ipv6.aaaa").status is Status.PASS
    assert net.get("v4only", "ipv6.content_parity").status is Status.UNKNOWN


def test_ipv6_serving_other_content_fails_content_parity(net):
    f = net.get("diff", "ipv6.content_parity")
    assert f.status is Status.FAIL and "相似度" in f.message
    assert net.get("diff", "ipv6.reachable").status is Status.PASS


def test_per_request_noise_does_not_break_parity(net):
    # good's home page carries tokens and timestamps; v4 and v6 fetch the same file, so ratio 1.0
    f = net.get("good", "ipv6.content_parity")
    assert f.evidence.details["v6"][0]["similarity"] == 1.0


def test_cname_to_ipv4_only_cdn_fails_aaaa_with_the_chain(net):
    f = net.get("cdn", "ipv6.aaaa")
    assert f.status is Status.FAIL
    assert f.evidence.details["chain"] == ["www.cdn.gov.cn", "www.cdn.gov.cn.cdn-v4.example.com",
                                           "edge7.cdn-v4.example.com"]
    assert "edge7.cdn-v4.example.com" in f.message
    assert net.get("cdn", "ipv6.reachable").status is Status.NA


def test_resources_on_ipv4_only_host_fail_depth(net):
    f = net.get("deep", "ipv6.depth")
    assert f.status is Status.FAIL
    assert f.evidence.details["failing_hosts"] == ["static.v4cdn.example.com"]
    assert f.evidence.details["groups"]["resources"]["ok"] == 1
    assert f.evidence.details["groups"]["resources"]["total"] == 3
    assert net.get("deep", "ipv6.aaaa").status is Status.PASS


def test_name_server_without_aaaa_fails_nameservers(net):
    f = net.get("nsbad", "ipv6.nameservers")
    assert f.status is Status.FAIL and "ns2.nsbad.gov.cn 没有 AAAA 记录" in f.message
    assert "ns1.nsbad.gov.cn" not in f.message


def test_domain_outside_gov_cn_fails_and_ip_literal_is_not_applicable(net):
    assert net.get("commercial", "network.gov_cn_domain").status is Status.FAIL
    assert net.get("literal", "network.gov_cn_domain").status is Status.NA
    assert net.get("literal", "ipv6.aaaa").status is Status.NA


def test_http_only_site_gets_a_https_warning(net):
    f = net.get("good", "network.https")
    assert f.status is Status.WARN and "未提供 HTTPS" in f.message


def test_servfail_is_unknown_with_the_reason(net):
    for check_id in ("ipv6.aaaa", "ipv6.reachable", "ipv6.content_parity", "ipv6.nameservers", "ipv6.depth",
                     "network.https"):
        f = net.get("broken", check_id)
        assert f.status is Status.UNKNOWN, (check_id, f.status, f.message)
    assert "SERVFAIL" in net.get("broken", "ipv6.aaaa").message


def test_nxdomain_is_a_real_answer_and_fails_aaaa(net):
    f = net.get("gone", "ipv6.aaaa")
    assert f.status is Status.FAIL and "NXDOMAIN" in f.message
    assert net.get("gone", "ipv6.reachable").status is Status.NA


def test_resolver_that_never_answers_is_unknown_not_fail(net):
    for check_id in ("ipv6.aaaa", "ipv6.reachable", "ipv6.content_parity", "ipv6.nameservers", "ipv6.depth",
                     "network.https"):
        f = net.get("silent", check_id)
        assert f.status is Status.UNKNOWN, (check_id, f.status, f.message)
    assert "没有应答" in net.get("silent", "ipv6.aaaa").message
    assert net.get("silent", "network.gov_cn_domain").status is Status.PASS


def test_every_finding_is_keyed_per_unit(net):
    assert {f.key for f in net.findings} == {""}
    assert not [f for f in net.findings if f.key == "check-error"]
