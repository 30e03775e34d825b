"""A small DNS server for tests: authoritative for the zones it is given and
"recursive enough" to follow CNAME chains inside them.

    zones = {"www.a.gov.cn": {"A": ["127.0.0.1"], "AAAA": ["::1"]},
             "b.gov.cn": {"CNAME": "cdn.example.com"},
             "a.gov.cn": {"NS": ["ns1.a.gov.cn"]}}
    with TestDnsServer(zones, servfail={"broken.gov.cn"}) as dns:
        dns.port   # same port on 127.0.0.1 (and ::1 when ipv6=True), UDP and TCP

Unknown names get NXDOMAIN, known names without the asked type NODATA;
names in ``servfail`` get SERVFAIL; ``blackhole=True`` binds the sockets but
never answers (a resolver that times out); ``follow_cnames=False`` answers
a CNAME alone, as an authoritative server does when the target is elsewhere.  ``queries`` records what was asked.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from typing import Iterable, Mapping

from dnslib import AAAA, CNAME, NS, QTYPE, RCODE, RR, SOA, A, DNSRecord

_RDATA = {"A": A, "AAAA": AAAA, "CNAME": CNAME, "NS": NS}


def _norm(name: str) -> str:
    return str(name).rstrip(".").lower()


class TestDnsServer:
    __test__ = False        # not a pytest class

    def __init__(self, zones: Mapping[str, Mapping[str, object]], *, servfail: Iterable[str] = (),
                 blackhole: bool = False, ipv6: bool = False, ttl: int = 60,
                 follow_cnames: bool = True) -> None:
        self.zones = {_norm(k): dict(v) for k, v in zones.items()}
        self.servfail = {_norm(n) for n in servfail}
        self.blackhole = blackhole
        self.ipv6 = ipv6
        self.ttl = ttl
        self.follow_cnames = follow_cnames
        self.port = 0
        self.queries: list[tuple[str, str, str]] = []     # (family address, name, type)
        self._servers: list[socketserver.BaseServer] = []
        self._raw: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    # -- answering
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
                reply.add_auth(RR(name, QTYPE.SOA, ttl=self.ttl,
                                  rdata=SOA("ns.test", "hostmaster.test", (1, 3600, 600, 86400, 60))))
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
            values = records.get(qtype, [])
            for v in [values] if isinstance(values, str) else values:
                reply.add_answer(RR(name, getattr(QTYPE, qtype), ttl=self.ttl, rdata=_RDATA[qtype](str(v))))
            break
        return reply.pack()

    # -- lifecycle
    def start(self) -> "TestDnsServer":
        families = [("127.0.0.1", socket.AF_INET)] + ([("::1", socket.AF_INET6)] if self.ipv6 else [])
        for _attempt in range(50):
            try:
                self._bind(families)
                return self
            except OSError:
                self._close()
        raise RuntimeError("测试 DNS 服务器找不到空闲端口")

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
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for s in self._raw:
            s.close()
        for t in self._threads:
            t.join(timeout=2)
        self._servers, self._raw, self._threads = [], [], []

    def stop(self) -> None:
        self._close()

    def __enter__(self) -> "TestDnsServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def asked(self, name: str) -> bool:
        with self._lock:
            return any(n == _norm(name) for _c, n, _t in self.queries)
