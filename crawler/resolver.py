"""Scrapy name resolver that asks the audit's configured DNS server.

Turned on by ``TWISTED_DNS_RESOLVER`` (or the older ``DNS_RESOLVER``) =
``"crawler.resolver.ConfiguredResolver"``; reads ``ZWGK_DNS_SERVER``,
``ZWGK_DNS_PORT``, ``ZWGK_DNS_TIMEOUT`` (and ``DNSCACHE_ENABLED`` /
``DNSCACHE_SIZE``).  An empty server keeps the reactor's own resolver
(getaddrinfo) behind a cache, like Scrapy's CachingHostnameResolver.

The crawl then connects to whatever addresses that server returns, so an
audit of a test network must point it at the test network's DNS.  IP
literals (127.0.0.1, ::1 from ``http://[::1]:8080/``) resolve to themselves
without a query.  dnspython blocks, so the lookup runs in the reactor's
thread pool.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Sequence

from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IAddress, IHostnameResolver, IResolutionReceiver
from twisted.internet.threads import deferToThreadPool
from zope.interface import implementer

from crawler.probes.dnslookup import DnsAnswer, DnsServer, lookup
from scrapy.resolver import HostResolution, _CachingResolutionReceiver, dnscache

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def _addresses(answer: DnsAnswer, port: int, transport: str,
               types: Sequence[type[IAddress]] | None) -> list[IAddress]:
    kind = "UDP" if transport.upper() == "UDP" else "TCP"
    out: list[IAddress] = []
    # IPv6 first: when a site offers both, the crawl exercises IPv6 like a
    # dual-stack browser would (Happy Eyeballs falls back to IPv4).
    if types is None or IPv6Address in types:
        out += [IPv6Address(kind, ip, port) for ip in answer.aaaa]
    if types is None or IPv4Address in types:
        out += [IPv4Address(kind, ip, port) for ip in answer.a]
    return out


@implementer(IHostnameResolver)
class ConfiguredResolver:
    def __init__(self, reactor: Any, server: DnsServer, cache_size: int = 10000) -> None:
        self.reactor = reactor
        self.server = server
        self.original_resolver: IHostnameResolver = reactor.nameResolver
        self.cache_size = cache_size
        self._cache: dict[str, DnsAnswer] = {}
        dnscache.limit = cache_size

    @classmethod
    def from_crawler(cls, crawler: "Crawler", reactor: Any) -> "ConfiguredResolver":
        s = crawler.settings
        server = DnsServer(address=s.get("ZWGK_DNS_SERVER", "") or "",
                           port=s.getint("ZWGK_DNS_PORT", 53) or 53,
                           timeout=s.getfloat("ZWGK_DNS_TIMEOUT", 3.0) or 3.0)
        size = s.getint("DNSCACHE_SIZE", 10000) if s.getbool("DNSCACHE_ENABLED", True) else 0
        return cls(reactor, server, size)

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def lookup(self, host: str) -> DnsAnswer:
        """Blocking lookup, cached; a failed lookup is not cached, so it is retried."""
        key = host.lower()
        if key in self._cache:
            return self._cache[key]
        answer = lookup(self.server, key)
        if not answer.ok:
            logger.warning("域名解析失败 %s: %s", host, answer.error)
        elif not answer.addresses():
            logger.info("域名 %s 没有地址 (%s)", host, answer.rcode)
        if answer.ok and self.cache_size:
            if len(self._cache) >= self.cache_size:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = answer
        return answer

    def resolveHostName(self, resolutionReceiver: IResolutionReceiver, hostName: str,
                        portNumber: int = 0, addressTypes: Sequence[type[IAddress]] | None = None,
                        transportSemantics: str = "TCP") -> IResolutionReceiver:
        if not self.server.address:
            return self._system(resolutionReceiver, hostName, portNumber, addressTypes, transportSemantics)
        resolution = HostResolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)
        host = hostName.strip("[]")
        cached = self._cache.get(host.lower())
        if cached is not None:
            self._deliver(cached, resolutionReceiver, portNumber, transportSemantics, addressTypes)
            return resolutionReceiver
        d = deferToThreadPool(self.reactor, self.reactor.getThreadPool(), self.lookup, host)
        d.addCallback(self._deliver, portNumber=portNumber, transport=transportSemantics,
                      types=addressTypes, receiver=resolutionReceiver)
        # A failed lookup yields no address: HostnameEndpoint then raises
        # DNSLookupError, which Scrapy reports like any unresolvable name.
        d.addErrback(lambda _f: resolutionReceiver.resolutionComplete())
        return resolutionReceiver

    @staticmethod
    def _deliver(answer: DnsAnswer, receiver: IResolutionReceiver | None = None, portNumber: int = 0,
                 transport: str = "TCP", types: Sequence[type[IAddress]] | None = None) -> None:
        assert receiver is not None
        for address in _addresses(answer, portNumber, transport, types):
            receiver.addressResolved(address)
        receiver.resolutionComplete()

    def _system(self, receiver: IResolutionReceiver, hostName: str, portNumber: int,
                addressTypes: Sequence[type[IAddress]] | None, transport: str) -> IResolutionReceiver:
        try:
            addresses = dnscache[hostName]
        except KeyError:
            return self.original_resolver.resolveHostName(
                _CachingResolutionReceiver(receiver, hostName), hostName, portNumber, addressTypes, transport)
        receiver.resolutionBegan(HostResolution(hostName))
        for address in addresses:
            receiver.addressResolved(address.__class__(address.type, address.host, portNumber)
                                     if hasattr(address, "host") else address)
        receiver.resolutionComplete()
        return receiver
