"""End to end: the demo portal behind .gov.cn names on the simulator's DNS;
the real pipeline must report exactly the simulator's ipv6.* / network.*
truth, having reached the portal through those names."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.nginx]

AS_OF = dt.date(2025, 6, 30)
NETWORK = ("ipv6.", "network.")


@pytest.fixture(autouse=True)
def _browser_uses_our_dns():
    from simulator.demo import browser_follows_resolver
    if not browser_follows_resolver():
        # Chromium would otherwise ask the system's DNS for the demo's names.
        pytest.skip("crawler.browser 尚不能让浏览器经审计配置的 DNS 解析域名（host_resolver_rules）")


def _audit(tmp_path, defects=None):
    from checks.registry import all_checks
    from simulator.demo import start_demo
    from zwgk_audit.config import parse_config
    from zwgk_audit.groundtruth import compare_with_truth
    from zwgk_audit.pipeline import AuditOptions, run_audit

    with start_demo(tmp_path / "demo", as_of=AS_OF, scale=80, defects=defects, dns=True) as demo:
        config = parse_config(demo.config_text, "<demo>", tmp_path)
        outcome = run_audit(config, AuditOptions(out_dir=tmp_path / "out", as_of=AS_OF))
        hosts = {site: demo.host(site) for site in ("county", "town")}
        asked = {h: demo.dns.asked(h) for h in hosts.values()}
        truth = demo.truth
    ids = {c.meta.id for c in all_checks() if c.meta.id.startswith(NETWORK)}
    diff = compare_with_truth(outcome.result.findings, truth, ids)
    return config, outcome, truth, diff, hosts, asked


def test_demo_network_findings_match_truth(tmp_path):
    config, outcome, truth, diff, hosts, asked = _audit(tmp_path)
    assert diff.missing == [] and diff.extra == [], (diff.missing, diff.extra)
    # The truth is not empty: the defaults put IPv6 defects on the town and a department.
    kinds = {(t["unit"], t["check_id"], t["status"]) for t in truth["findings"] if t["check_id"].startswith(NETWORK)}
    assert {("town", "ipv6.aaaa", "fail"), ("town", "ipv6.nameservers", "fail"),
            ("czj", "ipv6.depth", "fail"), ("county", "network.https", "warn")} <= kinds
    # The crawl went through the names: base URLs are names, pages were stored under them,
    # and the DNS server was asked for them.
    assert urlsplit(config.unit("county").unit.base_url).hostname == hosts["county"] == "www.shilixian.gov.cn"
    assert urlsplit(config.unit("town").unit.base_url).hostname == hosts["town"]
    assert all(asked.values()), asked
    from zwgk_audit.store import Store
    store = Store(config.store)
    try:
        snap = store.snapshot(outcome.run_id)
        for unit, site in (("county", "county"), ("jyj", "county"), ("town", "town")):
            pages = [p for p in snap.pages(unit) if 200 <= (p.status or 0) < 300]
            assert len(pages) > 10 and all(urlsplit(p.url).hostname == hosts[site] for p in pages)
    finally:
        store.close()
    by = {(f.unit, f.check_id): f for f in outcome.result.findings}
    # The county portal is dual-stack and clean: verified per address, with depth ratios.
    for check in ("ipv6.aaaa", "ipv6.reachable", "ipv6.content_parity", "ipv6.nameservers", "ipv6.depth",
                  "network.gov_cn_domain"):
        assert by[("county", check)].status.value == "pass", (check, by[("county", check)].message)
    assert "::1" in by[("county", "ipv6.aaaa")].message
    assert "cdn" in by[("town", "ipv6.aaaa")].message        # the chain to the CDN is shown
    assert by[("town", "ipv6.reachable")].status.value == "na"


def test_demo_network_other_defects(tmp_path):
    defects = ["ipv6_v4_only_server@town", "ipv6_content_differs@jyj", "ipv6_ns_v6_silent@county"]
    _c, _o, truth, diff, _h, _a = _audit(tmp_path, defects)
    assert diff.missing == [] and diff.extra == [], (diff.missing, diff.extra)
    got = {(t["unit"], t["check_id"], t["status"]) for t in truth["findings"]}
    assert {("town", "ipv6.reachable", "fail"), ("town", "ipv6.content_parity", "unknown"),
            ("jyj", "ipv6.content_parity", "fail"), ("county", "ipv6.nameservers", "fail"),
            ("czj", "ipv6.nameservers", "fail")} <= got
