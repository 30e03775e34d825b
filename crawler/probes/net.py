"""TCP and HTTP(S) to one given address, the name kept for Host/SNI.

The probes never resolve names here: callers pass an address the configured
DNS returned, so an IPv6 test really goes over IPv6 to that address.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.probes.dnslookup import ip_literal

USER_AGENT = "zwgk-audit/0.1 (IPv6 probe)"


@dataclass(frozen=True)
class ConnResult:
    address: str
    port: int
    ok: bool
    error: str = ""
    ms: float = 0.0

    def to_json(self) -> dict:
        return {"address": self.address, "port": self.port, "ok": self.ok, "error": self.error,
                "ms": round(self.ms, 1)}


@dataclass(frozen=True)
class HttpResult:
    url: str
    address: str
    port: int
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""
    ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400 and not self.error

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


def url_port(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme == "https" else 80)


def family_of(address: str) -> int:
    ip = ip_literal(address)
    return socket.AF_INET6 if ip is not None and ip.version == 6 else socket.AF_INET


def bracket(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout):
        return "连接超时"
    if isinstance(exc, ConnectionRefusedError):
        return "连接被拒绝（端口未开放）"
    if isinstance(exc, ssl.SSLError):
        return f"TLS 握手失败: {exc.reason or exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror} (errno {exc.errno})"
    return f"{type(exc).__name__}: {exc}"


def _connect(address: str, port: int, timeout: float) -> socket.socket:
    sock = socket.socket(family_of(address), socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((address, port))
    except BaseException:
        sock.close()
        raise
    return sock


def tcp_connect(address: str, port: int, timeout: float) -> ConnResult:
    started = time.monotonic()
    try:
        _connect(address, port, timeout).close()
    except OSError as exc:
        return ConnResult(address, port, False, describe_error(exc), (time.monotonic() - started) * 1000)
    return ConnResult(address, port, True, "", (time.monotonic() - started) * 1000)


def tls_context(verify: bool, cafile: str | None = None) -> ssl.SSLContext:
    if verify:
        return ssl.create_default_context(cafile=cafile or None)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def http_get(url: str, address: str, timeout: float, *, max_bytes: int = 4 * 1024 * 1024,
             verify: bool = False, cafile: str | None = None, method: str = "GET") -> HttpResult:
    """One request to ``address`` with ``Host`` (and SNI) from the URL; no redirects followed."""
    parts = urlsplit(url)
    port = url_port(url)
    host = parts.hostname or ""
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    sock: socket.socket | None = None
    try:
        sock = _connect(address, port, timeout)
        if parts.scheme == "https":
            sni = None if ip_literal(host) is not None else host
            sock = tls_context(verify, cafile).wrap_socket(sock, server_hostname=sni)
        default = 443 if parts.scheme == "https" else 80
        host_header = bracket(host) + ("" if port == default else f":{port}")
        req = (f"{method} {path} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: {USER_AGENT}\r\n"
               "Accept: text/html,*/*;q=0.8\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n")
        sock.sendall(req.encode("ascii", "ignore"))
        resp = http.client.HTTPResponse(sock, method=method)
        resp.begin()
        body = resp.read(max_bytes) if method != "HEAD" else b""
        headers = {k.lower(): v for k, v in resp.getheaders()}
        return HttpResult(url, address, port, resp.status, headers, body, "", (time.monotonic() - started) * 1000)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return HttpResult(url, address, port, None, {}, b"", describe_error(exc), (time.monotonic() - started) * 1000)
    finally:
        if sock is not None:
            sock.close()
