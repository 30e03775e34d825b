"""The simulator's DNS server: authoritative for the zones it is given and
"recursive enough" to follow CNAME chains inside them (dnslib, UDP and TCP on
127.0.0.1 — and on [::1] with ``ipv6=True`` — same high free port, threads).

The demo (simulator/demo.py) puts the simulated portals behind .gov.cn names
served here; the IPv6 tests use it for their test networks.  Zones are data:

    zones = {"www.a.gov.cn": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
             "b.gov.cn": {"CNAME": "cdn.example.com"},
             "a.gov.cn": {"NS": ["ns1.a.gov.cn"]}}
    with DnsServer(zones, servfail={"broken.gov.cn"}) as dns:
        dns.port   # same port on 127.0.0.1 (and ::1 when ipv6=True), UDP and TCP

Unknown names get NXDOMAIN, known names without the asked type NODATA;
names in ``servfail`` get SERVFAIL; ``blackhole=True`` binds the sockets but
never answers (a resolver that times out); ``follow_cnames=False`` answers
a CNAME alone, as an authoritative server does when the target is elsewhere.
``refuse_v6`` names zones whose queries arriving over IPv6 are REFUSED (a name
server that has an AAAA but does not serve over IPv6).  A name with NS records
is a zone apex: it answers SOA (a default one unless given) and NXDOMAIN
answers carry the enclosing zone's SOA.  ``queries`` records what was asked.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from typing import Iterable, Mapping

from dnslib import AAAA, CNAME, NS, QTYPE, RCODE, RR, SOA, TXT, A, DNSRecord

_RDATA = {"A": A, "AAAA": AAAA, "CNAME": CNAME, "NS": NS, "TXT": TXT}


def _norm(name: str) -> str:
    return str(name).rstrip(".").lower()


class DnsServer:
    __test__ = False        # not a pytest class

    def __init__(self, zones: Mapping[str, Mapping[str, object]], *, servfail: Iterable[str] = (),
                 blackhole: bool = False, ipv6: bool = False, ttl: int = 60,
                 follow_cnames: bool = True, refuse_v6: Iterable[str] = ()) -> None:
        self.zones = {_norm(k): dict(v) for k, v in zones.items()}
        self.servfail = {_norm(n) for n in servfail}
        self.blackhole = blackhole
        self.ipv6 = ipv6
        self.ttl = ttl
        self.follow_cnames = follow_cnames
        self.refuse_v6 = {_norm(n) for n in refuse_v6}
        self.port = 0
        self.queries: list[tuple[str, str, str]] = []     # (family address, name, type)
        self._servers: list[socketserver.BaseServer] = []
        self._raw: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    # -- answering
    def zone_of(self, name: str) -> str:
        """The closest enclosing name that has NS records ("" = none)."""
        labels = _norm(name).split(".")
        for i in range(len(labels)):
            cand = ".".join(labels[i:])
            if "NS" in self.zones.get(cand, {}):
                return cand
        return ""

    def _soa(self, zone: str) -> RR:
        records = self.zones.get(zone, {})
        ns = records.get("NS") or ["ns.test"]
        first_ns = ns if isinstance(ns, str) else ns[0]
        mname, rname, serial = str(first_ns), f"hostmaster.{zone or 'test'}", 1
        given = records.get("SOA")
        if isinstance(given, (list, tuple)) and len(given) >= 2:
            mname, rname = str(given[0]), str(given[1])
            serial = int(given[2]) if len(given) > 2 else 1
        return RR(zone or "test", QTYPE.SOA, ttl=self.ttl,
                  rdata=SOA(mname, rname, (serial, 3600, 600, 86400, 60)))

    def answer(self, data: bytes, client: str) -> bytes | None:
        try:
            req = DNSRecord.parse(data)
        except Exception:
            return None
        q = req.q
        qname, qtype = _norm(q.qname), QTYPE[q.qtype]
        with self._lock:
            self.queries.append((client, qname, qtype))
        reply = req.reply()          # sets QR, RA and copies RD
        reply.header.aa = 1
        if ":" in client and self.refuse_v6 and self.zone_of(qname) in self.refuse_v6:
            reply.header.aa = 0
            reply.header.rcode = RCODE.REFUSED
            return reply.pack()
        if qname in self.servfail:
            reply.header.rcode = RCODE.SERVFAIL
            return reply.pack()
        name, seen = qname, set()
        while True:
            if name in self.servfail:
                reply.header.rcode = RCODE.SERVFAIL
                return reply.pack()
            records = self.zones.get(name)
            if records is None:
                reply.header.rcode = RCODE.NXDOMAIN
                reply.add_auth(self._soa(self.zone_of(name)))
                break
            target = records.get("CNAME")
            if target and qtype != "CNAME":
                reply.add_answer(RR(name, QTYPE.CNAME, ttl=self.ttl, rdata=CNAME(str(target))))
                if not self.follow_cnames:
                    break               # like an authoritative server for another zone
                seen.add(name)
                name = _norm(str(target))
                if name in seen:
                    break
                continue
            if qtype == "SOA":
                if "NS" in records or "SOA" in records:
                    reply.add_answer(self._soa(name))
                break
            values = records.get(qtype, []) if qtype in _RDATA else []
            for v in [values] if isinstance(values, str) else values:
                reply.add_answer(RR(name, getattr(QTYPE, qtype), ttl=self.ttl, rdata=_RDATA[qtype](str(v))))
            if not reply.rr:
                reply.add_auth(self._soa(self.zone_of(name)))      # NODATA
            break
        return reply.pack()

    # -- lifecycle
    def start(self) -> "DnsServer":
        families = [("127.0.0.1", socket.AF_INET)] + ([("::1", socket.AF_INET6)] if self.ipv6 else [])
        for _attempt in range(50):
            try:
                self._bind(families)
                return self
            except OSError:
                self._close()
        raise RuntimeError("模拟 DNS 服务器找不到空闲端口")

    def _bind(self, families: list[tuple[str, int]]) -> None:
        port = 0
        for addr, fam in families:
            for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                if self.blackhole:
                    s = socket.socket(fam, kind)
                    s.bind((addr, port))
                    if kind == socket.SOCK_STREAM:
                        s.listen(16)        # connections queue, nobody reads
                    self._raw.append(s)
                    port = s.getsockname()[1]
                    continue
                server = self._make_server(fam, kind, (addr, port))
                port = server.server_address[1]
                self._servers.append(server)
        self.port = port
        for server in self._servers:
            t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            t.start()
            self._threads.append(t)

    def _make_server(self, family: int, kind: int, address: tuple[str, int]) -> socketserver.BaseServer:
        owner = self

        if kind == socket.SOCK_DGRAM:
            class Handler(socketserver.BaseRequestHandler):
                def handle(self) -> None:
                    data, sock = self.request
                    out = owner.answer(data, self.client_address[0])
                    if out is not None:
                        sock.sendto(out, self.client_address)
            base = socketserver.ThreadingUDPServer
        else:
            class Handler(socketserver.BaseRequestHandler):      # type: ignore[no-redef]
                def handle(self) -> None:
                    conn = self.request
                    conn.settimeout(5)
                    while True:
                        head = conn.recv(2)
                        if len(head) < 2:
                            return
                        (size,) = struct.unpack("!H", head)
                        data = b""
                        while len(data) < size:
                            chunk = conn.recv(size - len(data))
                            if not chunk:
                                return
                            data += chunk
                        out = owner.answer(data, self.client_address[0])
                        if out is None:
                            return
                        conn.sendall(struct.pack("!H", len(out)) + out)
            base = socketserver.ThreadingTCPServer

        class Server(base):  # type: ignore[valid-type, misc]
            address_family = family
            allow_reuse_address = False
            daemon_threads = True

        return Server(address, Handler)

    def _close(self) -> None:
        # shutdown() waits for serve_forever(): only servers whose loop runs
        # (a failed bind retry closes servers that never started).
        started = bool(self._threads)
        for server in self._servers:
            if started:
                server.shutdown()
            server.server_close()
        for s in self._raw:
            s.close()
        for t in self._threads:
            t.join(timeout=2)
        self._servers, self._raw, self._threads = [], [], []

    def stop(self) -> None:
        self._close()

    def __enter__(self) -> "DnsServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def asked(self, name: str, family: int | None = None) -> bool:
        """Whether ``name`` was queried (over IPv4 / IPv6 only with ``family`` 4 / 6)."""
        with self._lock:
            return any(n == _norm(name) and (family is None or (":" in c) == (family == 6))
                       for c, n, _t in self.queries)


# The name the IPv6 tests know it by.
TestDnsServer = DnsServer
