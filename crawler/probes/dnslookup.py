"""DNS lookups through the configured server, following CNAME chains.

Shared by the Scrapy resolver (crawler/resolver.py) and the probes, so the
crawl and the IPv6 checks see the same answers.  An empty server address
means the system's resolvers (the nameservers of /etc/resolv.conf; /etc/hosts
is not consulted, as national monitoring asks DNS too).

Outcomes are kept apart on purpose: NXDOMAIN / NODATA are real answers (the
name has no such record), while a timeout, SERVFAIL or REFUSED means the
lookup could not be made, which checks report as 无法判定.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.query
import dns.rcode
import dns.rdatatype
import dns.resolver

MAX_CHAIN = 12          # CNAME hops before we call it a loop


@dataclass(frozen=True)
class DnsServer:
    """Where to ask; ``address`` "" = the system's resolvers."""

    address: str = ""
    port: int = 53
    timeout: float = 3.0

    def targets(self) -> list[tuple[str, int]]:
        if self.address:
            return [(self.address, self.port)]
        try:
            sysres = dns.resolver.Resolver(configure=True)
        except dns.exception.DNSException as exc:
            raise LookupFailed(f"无法读取系统 DNS 配置: {exc}") from None
        return [(ns, sysres.port) for ns in sysres.nameservers]

    def describe(self) -> str:
        if not self.address:
            return "系统 DNS"
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"{host}:{self.port}"


class LookupFailed(Exception):
    """The question could not be answered (timeout, SERVFAIL, REFUSED ...)."""


@dataclass(frozen=True)
class RRAnswer:
    """Answer to one (name, type) question after following CNAMEs."""

    chain: tuple[str, ...]          # the name asked, then each CNAME target
    records: tuple[str, ...]        # rdata text of the asked type at the chain's end
    rcode: str                      # NOERROR / NXDOMAIN


@dataclass(frozen=True)
class DnsAnswer:
    """A and AAAA of a host.  ``error`` set = the lookup could not run."""

    host: str
    chain: tuple[str, ...] = ()
    a: tuple[str, ...] = ()
    aaaa: tuple[str, ...] = ()
    rcode: str = ""
    error: str = ""
    ms: float = 0.0
    server: str = ""
    literal: bool = False            # host was an IP address, nothing asked

    @property
    def ok(self) -> bool:
        return not self.error

    def addresses(self) -> list[str]:
        return list(self.aaaa) + list(self.a)

    def to_json(self) -> dict:
        return {"host": self.host, "chain": list(self.chain), "a": list(self.a), "aaaa": list(self.aaaa),
                "rcode": self.rcode, "error": self.error, "ms": round(self.ms, 1), "server": self.server,
                "literal": self.literal}


def ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _ask(server: DnsServer, qname: str, rdtype: str) -> dns.message.Message:
    query = dns.message.make_query(qname, rdtype)
    query.flags |= dns.flags.RD
    errors = []
    for addr, port in server.targets():
        try:
            resp, _tcp = dns.query.udp_with_fallback(query, addr, timeout=server.timeout, port=port)
        except dns.exception.Timeout:
            errors.append(f"{server.describe()} 在 {server.timeout:g} 秒内没有应答")
            continue
        except (OSError, dns.exception.DNSException) as exc:
            errors.append(f"{server.describe()} 查询出错: {type(exc).__name__}: {exc}")
            continue
        rcode = resp.rcode()
        if rcode in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN):
            return resp
        errors.append(f"{server.describe()} 返回 {dns.rcode.to_text(rcode)}（服务器未能给出答案）")
    raise LookupFailed("；".join(errors) or "没有可用的 DNS 服务器")


def query_chain(server: DnsServer, host: str, rdtype: str) -> RRAnswer:
    """Ask for ``rdtype`` of ``host``; follow CNAMEs in the answer and, when
    a server stops short of the target, ask again for the target."""
    want = dns.rdatatype.from_text(rdtype)
    name = dns.name.from_text(host.rstrip(".") + ".")
    chain = [name]
    for _ in range(MAX_CHAIN):
        resp = _ask(server, name.to_text(), rdtype)
        rrsets = {(rr.name, rr.rdtype): rr for rr in resp.answer}
        # Walk the chain inside this response.
        cur = name
        for _hop in range(MAX_CHAIN):
            cn = rrsets.get((cur, dns.rdatatype.CNAME))
            if cn is None or want == dns.rdatatype.CNAME:
                break
            cur = cn[0].target
            if cur in chain:
                raise LookupFailed(f"CNAME 循环: {' → '.join(_txt(n) for n in chain + [cur])}")
            chain.append(cur)
        found = rrsets.get((cur, want))
        if found is not None:
            return RRAnswer(tuple(_txt(n) for n in chain), tuple(sorted(r.to_text() for r in found)), "NOERROR")
        rcode = dns.rcode.to_text(resp.rcode())
        if cur == name or rcode == "NXDOMAIN":
            # The server answered for the chain's end: no such record (NODATA) or no such name.
            return RRAnswer(tuple(_txt(n) for n in chain), (), rcode)
        name = cur          # chain leaves this server's answer: ask for the target
    raise LookupFailed(f"CNAME 链超过 {MAX_CHAIN} 跳: {' → '.join(_txt(n) for n in chain)}")


def _txt(n: dns.name.Name) -> str:
    return n.to_text(omit_final_dot=True).lower()


def lookup(server: DnsServer, host: str) -> DnsAnswer:
    """A and AAAA of ``host`` (an IP literal answers for itself)."""
    host = host.strip("[]").rstrip(".").lower()
    started = time.monotonic()
    lit = ip_literal(host)
    if lit is not None:
        fam = "aaaa" if lit.version == 6 else "a"
        return DnsAnswer(host=host, chain=(host,), literal=True, **{fam: (str(lit),)})
    try:
        a = query_chain(server, host, "A")
        aaaa = query_chain(server, host, "AAAA")
    except LookupFailed as exc:
        return DnsAnswer(host=host, chain=(host,), error=str(exc),
                         ms=(time.monotonic() - started) * 1000, server=server.describe())
    chain = a.chain if len(a.chain) >= len(aaaa.chain) else aaaa.chain
    rcode = "NXDOMAIN" if "NXDOMAIN" in (a.rcode, aaaa.rcode) and not (a.records or aaaa.records) else "NOERROR"
    return DnsAnswer(host=host, chain=chain, a=a.records, aaaa=aaaa.records, rcode=rcode,
                     ms=(time.monotonic() - started) * 1000, server=server.describe())
