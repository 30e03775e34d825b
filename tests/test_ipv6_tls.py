"""network.https against a real nginx with TLS: certificates made for each
failure (untrusted, wrong name, expiring) by a test CA."""

from __future__ import annotations

import datetime as _dt
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from checks.registry import get
from checks.runner import run_checks
from crawler.probes import run_probes
from support.dns_server import TestDnsServer
from zwgk_audit.config import AuditConfig, Politeness, Resolver, Scope, UnitConfig
from zwgk_audit.model import Status, Unit
from zwgk_audit.store import Store

pytestmark = pytest.mark.nginx
NOW = _dt.datetime.now(_dt.timezone.utc)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject: str, sans: list[str], days: int, issuer=None, *, ca: bool = False):
    key = ec.generate_private_key(ec.SECP256R1())
    issuer_cert, issuer_key = issuer if issuer else (None, key)
    b = (x509.CertificateBuilder().subject_name(_name(subject))
         .issuer_name(issuer_cert.subject if issuer_cert else _name(subject))
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(NOW - _dt.timedelta(days=1)).not_valid_after(NOW + _dt.timedelta(days=days))
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    else:
        b = b.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in sans]), critical=False)
        if issuer_cert is not None:
            b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                                critical=False)
    return b.sign(issuer_key, hashes.SHA256()), key


def _write(path: Path, cert, key) -> tuple[Path, Path]:
    crt, pem = path.with_suffix(".crt"), path.with_suffix(".key")
    crt.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    return crt, pem


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TlsNginx:
    """nginx with one TLS server per certificate and one HTTP→HTTPS redirect."""

    def __init__(self, work: Path, certs: dict[str, tuple[Path, Path]], redirect_to: str) -> None:
        self.work = work
        (work / "www").mkdir()
        (work / "www" / "index.html").write_text("<p>某县人民政府</p>", "utf-8")
        self.ports = {name: _free_port() for name in [*certs, "http"]}
        servers = [f"""server {{ listen 127.0.0.1:{self.ports[n]} ssl; server_name _;
            ssl_certificate {crt}; ssl_certificate_key {key}; root {work / 'www'}; }}"""
                   for n, (crt, key) in certs.items()]
        servers.append(f"""server {{ listen 127.0.0.1:{self.ports['http']}; server_name _;
            return 301 https://{redirect_to}:{self.ports['secure']}$request_uri; }}""")
        user = "user root;" if os.geteuid() == 0 else ""
        (work / "nginx.conf").write_text(f"""{user} daemon off; worker_processes 1;
error_log {work / 'error.log'}; pid {work / 'nginx.pid'};
events {{ worker_connections 64; }}
http {{ access_log off; client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp;
fastcgi_temp_path {work}/tmp; uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
{chr(10).join(servers)} }}""")
        self.proc = subprocess.Popen(["/usr/sbin/nginx", "-p", str(work), "-c", str(work / "nginx.conf")],
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        for port in self.ports.values():
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or self.proc.poll() is not None:
                        self.stop()
                        raise RuntimeError((work / "error.log").read_text())
                    time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=5)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tls")
    ca = _cert("zwgk 测试根证书", [], 3650, ca=True)
    ca_file, _ = _write(tmp / "ca", *ca)
    certs = {
        "secure": _write(tmp / "secure", *_cert("www.tls.gov.cn", ["www.tls.gov.cn"], 365, ca)),
        "expiring": _write(tmp / "expiring", *_cert("www.expiring.gov.cn", ["www.expiring.gov.cn"], 10, ca)),
        "selfsigned": _write(tmp / "selfsigned", *_cert("www.self.gov.cn", ["www.self.gov.cn"], 365)),
        "wrongname": _write(tmp / "wrongname", *_cert("other.example.com", ["other.example.com"], 365, ca)),
    }
    web = TlsNginx(tmp, certs, redirect_to="www.tls.gov.cn")
    v4 = {"A": ["127.0.0.1"]}
    dns = TestDnsServer({"www.tls.gov.cn": v4, "www.expiring.gov.cn": v4, "www.self.gov.cn": v4,
                         "www.wrong.gov.cn": v4}).start()
    p = web.ports
    units = {"secure": f"http://www.tls.gov.cn:{p['http']}/",
             "expiring": f"https://www.expiring.gov.cn:{p['expiring']}/",
             "selfsigned": f"https://www.self.gov.cn:{p['selfsigned']}/",
             "wrongname": f"https://www.wrong.gov.cn:{p['wrongname']}/"}
    ucs = tuple(UnitConfig(Unit(k, k, u), Scope(), Politeness()) for k, u in units.items())
    config = AuditConfig(name="tls", path=None, units=ucs, store=tmp / "a.sqlite",
                         resolver=Resolver("127.0.0.1", dns.port, 0.5),
                         thresholds={"tls_ca_file": str(ca_file), "probe_timeout": 2.0, "dns_ns_port": dns.port})
    try:
        store = Store(tmp / "a.sqlite")
        run_id = store.begin_run([u.unit for u in ucs])
        run_probes(config, store, run_id)
        findings = run_checks(store.snapshot(run_id), _dt.date.today(), settings=config.thresholds,
                              checks=[get("network.https")])
        store.close()
    finally:
        web.stop()
        dns.stop()
    return {f.unit: f for f in findings}


def test_valid_certificate_and_http_redirect_pass(verdicts):
    f = verdicts["secure"]
    assert f.status is Status.PASS, f.message
    assert f.evidence.details["redirects_to_https"] is True


def test_certificate_expiring_within_30_days_warns(verdicts):
    f = verdicts["expiring"]
    assert f.status is Status.WARN and "天后" in f.message
    assert f.evidence.details["days_left"] in (9, 10)


def test_untrusted_self_signed_certificate_fails(verdicts):
    f = verdicts["selfsigned"]
    assert f.status is Status.FAIL and "证书校验失败" in f.message


def test_certificate_for_another_name_fails(verdicts):
    f = verdicts["wrongname"]
    assert f.status is Status.FAIL and "与域名 www.wrong.gov.cn 不符" in f.message
