"""The simulator's DNS server (simulator/dns.py) answered through the same
lookup code the crawl and the probes use (crawler/probes/dnslookup.py)."""

from __future__ import annotations

import socket

import dns.message
import dns.query
import dns.rcode
import pytest

from crawler.probes.dnslookup import DnsServer as Where, LookupFailed, lookup, query_chain
from simulator.dns import DnsServer
from simulator.network import CDN_ZONE, NetworkPlan, SiteNet

ZONES = {
    "shilixian.gov.cn": {"NS": ["ns1.shilixian.gov.cn", "ns2.shilixian.gov.cn"]},
    "ns1.shilixian.gov.cn": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
    "ns2.shilixian.gov.cn": {"A": ["127.0.0.1"]},
    "www.shilixian.gov.cn": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
    "slz.shilixian.gov.cn": {"CNAME": "edge.cdn.shili-yun.test"},
    "edge.cdn.shili-yun.test": {"CNAME": "node7.cdn.shili-yun.test"},
    "node7.cdn.shili-yun.test": {"A": ["127.0.0.1"]},
    "broken.shilixian.gov.cn": {"A": ["127.0.0.1"]},
}


@pytest.fixture()
def server():
    with DnsServer(ZONES, servfail={"broken.shilixian.gov.cn"}, ipv6=True) as s:
        yield s


def test_a_aaaa_and_ns(server):
    where = Where("127.0.0.1", server.port, 2.0)
    ans = lookup(where, "WWW.shilixian.gov.cn")
    assert ans.ok and ans.a == ("127.0.0.1",) and ans.aaaa == ("::1",) and ans.chain == ("www.shilixian.gov.cn",)
    ns = query_chain(where, "shilixian.gov.cn", "NS")
    assert ns.records == ("ns1.shilixian.gov.cn.", "ns2.shilixian.gov.cn.")
    assert lookup(where, "ns2.shilixian.gov.cn").aaaa == ()
    # The zone apex answers SOA, over IPv6 too (the nameserver probe asks there).
    resp = dns.query.udp(dns.message.make_query("shilixian.gov.cn", "SOA"), "::1", timeout=2, port=server.port)
    assert resp.rcode() == dns.rcode.NOERROR and resp.answer[0].rdtype == 6
    assert server.asked("shilixian.gov.cn", family=6) and server.asked("www.shilixian.gov.cn", family=4)
    # TCP answers the same.
    tcp = dns.query.tcp(dns.message.make_query("www.shilixian.gov.cn", "AAAA"), "127.0.0.1", timeout=2, port=server.port)
    assert [r.to_text() for r in tcp.answer[0]] == ["::1"]


def test_cname_chain_to_ipv4_only_cdn(server):
    ans = lookup(Where("127.0.0.1", server.port, 2.0), "slz.shilixian.gov.cn")
    assert ans.chain == ("slz.shilixian.gov.cn", "edge.cdn.shili-yun.test", "node7.cdn.shili-yun.test")
    assert ans.a == ("127.0.0.1",) and ans.aaaa == () and ans.rcode == "NOERROR"


def test_nxdomain_and_nodata(server):
    where = Where("127.0.0.1", server.port, 2.0)
    ans = lookup(where, "nope.shilixian.gov.cn")
    assert ans.ok and ans.rcode == "NXDOMAIN" and not ans.addresses()
    resp = dns.query.udp(dns.message.make_query("nope.shilixian.gov.cn", "A"), "127.0.0.1", timeout=2, port=server.port)
    assert resp.rcode() == dns.rcode.NXDOMAIN and resp.authority and resp.authority[0].name.to_text() == "shilixian.gov.cn."
    nodata = dns.query.udp(dns.message.make_query("ns2.shilixian.gov.cn", "AAAA"), "127.0.0.1", timeout=2, port=server.port)
    assert nodata.rcode() == dns.rcode.NOERROR and not nodata.answer and nodata.authority


def test_servfail_is_a_failed_lookup(server):
    ans = lookup(Where("127.0.0.1", server.port, 2.0), "broken.shilixian.gov.cn")
    assert not ans.ok and "SERVFAIL" in ans.error


def test_blackhole_times_out():
    with DnsServer(ZONES, blackhole=True) as s:
        ans = lookup(Where("127.0.0.1", s.port, 0.3), "www.shilixian.gov.cn")
        assert not ans.ok and "没有应答" in ans.error


def test_refuse_v6_zone_only_over_ipv6():
    with DnsServer(ZONES, ipv6=True, refuse_v6={"shilixian.gov.cn"}) as s:
        q = dns.message.make_query("shilixian.gov.cn", "SOA")
        assert dns.query.udp(q, "127.0.0.1", timeout=2, port=s.port).rcode() == dns.rcode.NOERROR
        assert dns.query.udp(q, "::1", timeout=2, port=s.port).rcode() == dns.rcode.REFUSED
        with pytest.raises(LookupFailed, match="REFUSED"):
            query_chain(Where("::1", s.port, 2.0), "www.shilixian.gov.cn", "A")


def test_stop_frees_the_port():
    s = DnsServer(ZONES).start()
    port = s.port
    s.stop()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
        u.bind(("127.0.0.1", port))       # free again


def test_network_plan_zones():
    net = NetworkPlan({"county": SiteNet("www.shilixian.gov.cn", "shilixian.gov.cn"),
                       "town": SiteNet("www.shilizhen.gov.cn", "shilizhen.gov.cn", cname="x." + CDN_ZONE,
                                       ns_aaaa=False)})
    with DnsServer(net.zones(), ipv6=True) as s:
        where = Where("127.0.0.1", s.port, 2.0)
        assert lookup(where, "www.shilixian.gov.cn").aaaa == ("::1",)
        town = lookup(where, "www.shilizhen.gov.cn")
        assert town.chain == ("www.shilizhen.gov.cn", "x." + CDN_ZONE) and town.aaaa == () and town.a
        assert lookup(where, "ns1.shilizhen.gov.cn").aaaa == () and lookup(where, "ns1.shilixian.gov.cn").aaaa
