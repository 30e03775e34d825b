"""DNS lookups through the configured server: CNAME chains, NXDOMAIN as an
answer, SERVFAIL and silence as failures; and the test DNS server itself."""

from __future__ import annotations

import dns.message
import dns.query
import pytest

from crawler.probes.dnslookup import DnsServer, lookup
from support.dns_server import TestDnsServer

ZONES = {
    "www.a.gov.cn": {"CNAME": "a.cdn.example.com"},
    "a.cdn.example.com": {"CNAME": "edge.cdn.example.com"},
    "edge.cdn.example.com": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
    "www.loop.gov.cn": {"CNAME": "loop2.gov.cn"}, "loop2.gov.cn": {"CNAME": "www.loop.gov.cn"},
    "www.dangling.gov.cn": {"CNAME": "missing.example.com"},
    "www.v4.gov.cn": {"A": ["127.0.0.1"]},
}


@pytest.mark.parametrize("follow", [True, False])
def test_cname_chain_is_followed_whether_or_not_the_server_does(follow):
    with TestDnsServer(ZONES, follow_cnames=follow) as srv:
        ans = lookup(DnsServer("127.0.0.1", srv.port, 1.0), "WWW.A.GOV.CN.")
    assert ans.ok and ans.chain == ("www.a.gov.cn", "a.cdn.example.com", "edge.cdn.example.com")
    assert ans.a == ("127.0.0.1",) and ans.aaaa == ("::1",)


def test_nodata_and_nxdomain_are_answers_not_errors():
    with TestDnsServer(ZONES) as srv:
        server = DnsServer("127.0.0.1", srv.port, 1.0)
        v4 = lookup(server, "www.v4.gov.cn")
        gone = lookup(server, "www.gone.gov.cn")
        dangling = lookup(server, "www.dangling.gov.cn")
    assert v4.ok and v4.aaaa == () and v4.rcode == "NOERROR"
    assert gone.ok and gone.rcode == "NXDOMAIN"
    assert dangling.ok and dangling.rcode == "NXDOMAIN" and dangling.chain[-1] == "missing.example.com"


def test_servfail_timeout_and_loops_are_failures_with_reasons():
    with TestDnsServer(ZONES, servfail={"www.a.gov.cn"}, follow_cnames=False) as srv:
        server = DnsServer("127.0.0.1", srv.port, 1.0)
        servfail = lookup(server, "www.a.gov.cn")
        loop = lookup(server, "www.loop.gov.cn")
    assert not servfail.ok and "SERVFAIL" in servfail.error
    assert not loop.ok and "循环" in loop.error
    with TestDnsServer(ZONES, blackhole=True) as hole:
        silent = lookup(DnsServer("127.0.0.1", hole.port, 0.3), "www.a.gov.cn")
    assert not silent.ok and "没有应答" in silent.error


def test_ip_literals_need_no_query():
    server = DnsServer("127.0.0.1", 9, 0.1)        # nothing there: a query would fail
    assert lookup(server, "[::1]").aaaa == ("::1",)
    assert lookup(server, "127.0.0.1").a == ("127.0.0.1",)


def test_test_server_answers_over_udp_tcp_and_ipv6():
    with TestDnsServer(ZONES, ipv6=True) as srv:
        q = dns.message.make_query("www.v4.gov.cn", "A")
        for addr in ("127.0.0.1", "::1"):
            assert dns.query.udp(q, addr, port=srv.port, timeout=1).answer
            assert dns.query.tcp(q, addr, port=srv.port, timeout=1).answer
        assert srv.asked("www.v4.gov.cn")
