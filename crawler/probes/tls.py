"""Probe "tls": is HTTPS offered, is its certificate valid (chain, dates,
name), and does plain HTTP redirect to HTTPS?

HTTPS is looked for at the base URL when it is https, else where the plain
HTTP home page redirects to (same host), else at ``https://<host>/`` (443);
plain HTTP at the base URL when it is http, else ``http://<host>/`` (80).  Connections go to the first address the
configured DNS returned (IPv4 first: this is not an IPv6 test).
"""

from __future__ import annotations

import datetime as _dt
import socket
import ssl
from urllib.parse import urlsplit, urlunsplit

from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID

from crawler.probes.dnslookup import DnsAnswer, ip_literal
from crawler.probes.net import bracket, describe_error, family_of, http_get, tls_context, url_port
from zwgk_audit.model import Probe

REDIRECTS = (301, 302, 303, 307, 308)


def name_matches(host: str, names: list[str]) -> bool:
    """RFC 6125: exact, or one wildcard as the whole left-most label."""
    host = host.lower().rstrip(".")
    for n in names:
        n = n.lower().rstrip(".")
        if n == host:
            return True
        if n.startswith("*.") and "." in host and host.split(".", 1)[1] == n[2:] and n.count(".") >= 2:
            return True
    return False


def _cert_facts(der: bytes, host: str, now: _dt.datetime) -> dict:
    cert = x509.load_der_x509_certificate(der)
    try:
        san_ext = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
        dns_names = san_ext.get_values_for_type(x509.DNSName)
        ip_names = [str(i) for i in san_ext.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        dns_names, ip_names = [], []
    cn = [a.value for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    not_after = cert.not_valid_after_utc
    lit = ip_literal(host)
    matches = (str(lit) in ip_names) if lit is not None else name_matches(host, dns_names or [str(c) for c in cn])
    return {
        "subject": cert.subject.rfc4514_string(), "issuer": cert.issuer.rfc4514_string(),
        "san": dns_names + ip_names, "not_before": cert.not_valid_before_utc.isoformat(),
        "not_after": not_after.isoformat(), "days_left": (not_after - now).days,
        "self_signed": cert.subject == cert.issuer, "name_matches": matches,
    }


def _handshake(address: str, port: int, host: str, timeout: float, verify: bool, cafile: str) -> bytes:
    sni = None if ip_literal(host) is not None else host
    with socket.socket(family_of(address), socket.SOCK_STREAM) as raw:
        raw.settimeout(timeout)
        raw.connect((address, port))
        ctx = tls_context(verify, cafile)
        if verify and sni is None:
            ctx.check_hostname = False       # IP literal: name checked from the SAN below
        with ctx.wrap_socket(raw, server_hostname=sni) as tls:
            return tls.getpeercert(binary_form=True) or b""


def tls_probe(unit: str, url: str, answer: DnsAnswer, timeout: float, cafile: str,
              measured_at: str, now: _dt.datetime | None = None) -> Probe:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not answer.ok:
        return Probe(unit=unit, kind="tls", target=url, ok=False, error=f"域名解析失败: {answer.error}",
                     data={"url": url}, measured_at=measured_at)
    addresses = list(answer.a) + list(answer.aaaa)
    if not addresses:
        return Probe(unit=unit, kind="tls", target=url, ok=False, data={"url": url}, measured_at=measured_at,
                     error=f"{host} 没有任何 IP 地址（{answer.rcode or '无记录'}），无法连接")
    address = addresses[0]
    now = now or _dt.datetime.now(_dt.timezone.utc)
    path = parts.path or "/"
    http_url = url if parts.scheme == "http" else urlunsplit(("http", bracket(host), path, parts.query, ""))
    r = http_get(http_url, address, timeout, max_bytes=64 * 1024)
    loc = urlsplit(r.location) if r.location else None
    redirects = bool(r.status in REDIRECTS and loc is not None and loc.scheme == "https"
                     and (loc.hostname or host) == host)
    if parts.scheme == "https":
        https_url = url
    elif redirects:
        https_url = r.location            # the site's own HTTPS address (any port)
    else:
        https_url = urlunsplit(("https", bracket(host), path, parts.query, ""))
    data: dict = {"host": host, "address": address, "https_url": https_url, "http_url": http_url,
                  "http_status": r.status, "http_error": r.error, "http_location": r.location,
                  "redirects_to_https": redirects}

    port = url_port(https_url)
    try:
        der = _handshake(address, port, host, timeout, False, cafile)
        data["https_offered"] = True
        data["https_error"] = ""
    except ssl.SSLError as exc:
        data["https_offered"], data["https_error"], der = False, f"TLS 握手失败: {exc.reason or exc}", b""
    except OSError as exc:
        data["https_offered"], der = False, b""
        data["https_error"] = f"{bracket(address)}:{port} 不提供 HTTPS: {describe_error(exc)}"
    if der:
        data.update(_cert_facts(der, host, now))
        try:
            _handshake(address, port, host, timeout, True, cafile)
            data["verified"], data["verify_error"] = True, ""
        except ssl.SSLCertVerificationError as exc:
            data["verified"], data["verify_error"] = False, exc.verify_message or str(exc)
        except (OSError, ssl.SSLError) as exc:
            data["verified"], data["verify_error"] = False, str(exc)

    return Probe(unit=unit, kind="tls", target=url, ok=True, data=data, measured_at=measured_at)
