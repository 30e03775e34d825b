"""The simulator's nginx wrapper: real HTTP on both loopback families."""

from __future__ import annotations

import gzip
import http.client
import socket

import pytest

from simulator.server import NginxServer, ServerError, SiteSpec, serve_directory

pytestmark = pytest.mark.nginx

BODY = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>测试</title></head><body>" + "政务公开" * 300 + "</body></html>"


@pytest.fixture()
def site(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "index.html").write_text(BODY, "utf-8")
    (root / "a.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "cal.shtml").write_text('<a href="cal.shtml?month=<!--#echo var="zwgk_cal_next" -->">下一月</a>', "utf-8")
    return root


def _get(host, port, path, headers=None, conn=None):
    c = conn or http.client.HTTPConnection(host, port, timeout=5)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    return c, r, r.read()


def test_both_families_etag_gzip_keepalive(site):
    with serve_directory(site, extra_headers={"X-Sim": "县"}) as srv:
        port = srv.port("site")
        assert srv.base_url("site") == f"http://127.0.0.1:{port}/"
        assert srv.base_url("site", 6) == f"http://[::1]:{port}/"
        for host in ("127.0.0.1", "::1"):
            c, r, body = _get(host, port, "/")
            assert r.status == 200 and body.decode("utf-8") == BODY
            assert r.getheader("ETag") and r.getheader("Last-Modified")
            assert "charset" not in r.getheader("Content-Type")   # pages declare their own
            # keep-alive: a second request on the same connection
            sock_before = c.sock
            _, r2, _ = _get(host, port, "/a.pdf", conn=c)
            assert c.sock is sock_before and r2.status == 200
            assert r2.getheader("Content-Type") == "application/pdf"
            c.close()
        _, r, body = _get("127.0.0.1", port, "/index.html", {"Accept-Encoding": "gzip"})
        assert r.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(body).decode("utf-8") == BODY
        _, r, body = _get("127.0.0.1", port, "/missing.html")
        assert r.status == 404 and "页面不存在" in body.decode("utf-8")
        _, r, body = _get("127.0.0.1", port, "/cal.shtml?month=2023-12")
        assert b"month=2024-01" in body
    # stopped: the port no longer answers
    with socket.socket() as s:
        s.settimeout(1)
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_v6_root_and_multiple_sites(site, tmp_path):
    other = tmp_path / "v6"
    other.mkdir()
    (other / "index.html").write_text("v6 tree", "utf-8")
    town = tmp_path / "town"
    town.mkdir()
    (town / "index.html").write_text("town", "utf-8")
    sites = [SiteSpec("county", site, v6_root=other), SiteSpec("town", town, listen_v6=False)]
    with NginxServer(sites, workdir=tmp_path / "wd") as srv:
        assert srv.port("county") != srv.port("town")
        assert _get("127.0.0.1", srv.port("county"), "/")[2].decode() == BODY
        assert _get("::1", srv.port("county"), "/")[2] == b"v6 tree"
        assert _get("127.0.0.1", srv.port("town"), "/")[2] == b"town"
        with pytest.raises(OSError):
            _get("::1", srv.port("town"), "/")
        with pytest.raises(KeyError):
            srv.port("nope")


def test_bad_input_is_a_clear_error(tmp_path):
    with pytest.raises(ServerError, match="目录不存在"):
        NginxServer([SiteSpec("x", tmp_path / "none")])
    with pytest.raises(ServerError):
        NginxServer([])
    # a port already taken by someone else: nginx's log is in the message
    (tmp_path / "r").mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(ServerError, match="nginx"):
            NginxServer([SiteSpec("x", tmp_path / "r", port=busy.getsockname()[1], listen_v6=False)]).start()
