"""The crawl resolves names through the configured DNS server
(crawler.resolver.ConfiguredResolver), IP literals included.

Scrapy's reactor cannot restart, so each crawl runs in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.server import NginxServer, SiteSpec
from support.dns_server import TestDnsServer

pytestmark = pytest.mark.nginx

ROOT = Path(__file__).resolve().parent.parent

SPIDER = r"""
import json, sys
import scrapy
from scrapy.crawler import CrawlerProcess

setting, server, dns_port, urls = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]

class Probe(scrapy.Spider):
    name = "probe"
    async def start(self):
        for u in urls:
            yield scrapy.Request(u, callback=self.ok, errback=self.err, dont_filter=True, meta={"u": u})
    def ok(self, response):
        print("RESULT " + json.dumps({"url": response.meta["u"], "status": response.status,
              "ip": str(response.ip_address), "body": response.text.strip()}), flush=True)
    def err(self, failure):
        print("RESULT " + json.dumps({"url": failure.request.meta["u"], "error": failure.type.__name__}), flush=True)

process = CrawlerProcess(settings={
    setting: "crawler.resolver.ConfiguredResolver",
    "ZWGK_DNS_SERVER": server, "ZWGK_DNS_PORT": dns_port, "ZWGK_DNS_TIMEOUT": 1.0,
    "ROBOTSTXT_OBEY": False, "RETRY_ENABLED": False, "LOG_LEVEL": "ERROR", "DOWNLOAD_TIMEOUT": 10,
    "TELNETCONSOLE_ENABLED": False, "REMOTE_CONTROL_ENABLED": False,
})
process.crawl(Probe)
process.start()
"""


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("resolver")
    (tmp / "both").mkdir()
    (tmp / "both" / "index.html").write_text("dual-stack portal", "utf-8")
    web = NginxServer([SiteSpec("both", tmp / "both"), SiteSpec("v4", tmp / "both", listen_v6=False)]).start()
    dns = TestDnsServer({
        "www.portal.gov.cn": {"CNAME": "edge.cdn.example.com"},
        "edge.cdn.example.com": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
        "www.v4only.gov.cn": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
    }).start()
    yield web, dns
    web.stop()
    dns.stop()


def _crawl(setting: str, dns_port: int, urls: list[str], server: str = "127.0.0.1") -> dict[str, dict]:
    proc = subprocess.run([sys.executable, "-c", SPIDER, setting, server, str(dns_port), *urls], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    results = [json.loads(line[7:]) for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert len(results) == len(urls), proc.stdout + proc.stderr
    return {r["url"]: r for r in results}


@pytest.mark.parametrize("setting", ["TWISTED_DNS_RESOLVER", "DNS_RESOLVER"])
def test_crawl_resolves_through_the_configured_dns(network, setting):
    web, dns = network
    both, v4 = web.port("both"), web.port("v4")
    named = f"http://www.portal.gov.cn:{both}/"
    fallback = f"http://www.v4only.gov.cn:{v4}/"
    lit6, lit4 = f"http://[::1]:{both}/", f"http://127.0.0.1:{both}/"
    gone = f"http://www.gone.gov.cn:{both}/"
    before = len(dns.queries)
    r = _crawl(setting, dns.port, [named, fallback, lit6, lit4, gone])
    # The name exists only in the test DNS (through a CNAME), so reaching nginx proves the resolver.
    assert r[named]["status"] == 200 and r[named]["body"] == "dual-stack portal"
    assert r[named]["ip"] == "::1"                       # IPv6 preferred when offered
    assert r[fallback]["status"] == 200 and r[fallback]["ip"] == "127.0.0.1"   # v6 refused → v4
    assert r[lit6]["status"] == 200 and r[lit6]["ip"] == "::1"
    assert r[lit4]["status"] == 200 and r[lit4]["ip"] == "127.0.0.1"
    assert r[gone]["error"] in ("DNSLookupError", "CannotResolveHostError")   # name differs by Scrapy version
    asked = {(n, t) for _c, n, t in dns.queries[before:]}
    assert ("www.portal.gov.cn", "AAAA") in asked and ("www.gone.gov.cn", "A") in asked
    assert not any(n in ("::1", "127.0.0.1") for n, _t in asked)   # literals are not looked up


def test_empty_server_keeps_the_system_resolver(network):
    web, _dns = network
    both = web.port("both")
    urls = [f"http://[::1]:{both}/", f"http://127.0.0.1:{both}/", f"http://localhost:{both}/"]
    r = _crawl("TWISTED_DNS_RESOLVER", 53, urls, server="")
    assert all(r[u]["status"] == 200 for u in urls), r
