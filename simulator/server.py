"""Serve directory trees with a private nginx on loopback (127.0.0.1 and [::1]).

One nginx process per ``NginxServer``; every path nginx writes (logs, pid,
temp dirs) lives in its own work directory so several servers (and several
test processes) can run side by side without touching /var.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator import search

NGINX = os.environ.get("ZWGK_NGINX", "/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")

# Used when /etc/nginx/mime.types is absent.
_BUILTIN_TYPES = """types {
    text/html html htm shtml;
    text/css css;
    text/xml xml;
    text/plain txt;
    image/gif gif;
    image/jpeg jpeg jpg;
    image/png png;
    image/svg+xml svg svgz;
    image/x-icon ico;
    application/javascript js;
    application/json json;
    application/pdf pdf;
    application/zip zip;
    application/msword doc;
    application/vnd.ms-excel xls;
    application/vnd.openxmlformats-officedocument.wordprocessingml.document docx;
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx;
    application/octet-stream bin;
}"""

_PAGE_404 = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>404 页面不存在</title></head>
<body><h1>404</h1><p>您访问的页面不存在或已被删除。</p><p><a href="/">返回首页</a></p></body></html>
"""

# Calendar trap support: ``$zwgk_cal_next`` is the month after ``?month=YYYY-MM``.
# A .shtml page can echo it through SSI, so one static file answers every
# query variant with a fresh "next month" link (an endless chain).
_CAL_FIRST_YEAR, _CAL_LAST_YEAR = 1990, 2200


def _calendar_map() -> str:
    lines = ["map $arg_month $zwgk_cal_next {", '    default "2024-01";']
    for y in range(_CAL_FIRST_YEAR, _CAL_LAST_YEAR + 1):
        for m in range(1, 13):
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            lines.append(f'    "{y}-{m:02d}" "{ny}-{nm:02d}";')
    lines.append("}")
    return "\n".join(lines)


class ServerError(RuntimeError):
    """nginx could not be configured or started; the message carries its log."""


@dataclass
class SiteSpec:
    name: str                      # e.g. "county"
    root: Path                     # directory served
    port: int = 0                  # 0 = pick a free port (same port on 127.0.0.1 and [::1])
    listen_v4: bool = True
    listen_v6: bool = True
    v6_root: Path | None = None    # serve a different tree on [::1] (IPv6 content-parity tests)
    extra_headers: dict[str, str] = field(default_factory=dict)
    server_names: tuple[str, ...] = ()   # optional Host names (for DNS-based tests)


def port_is_free(port: int) -> bool:
    """Can nginx listen on ``port`` on 127.0.0.1 and ::1 (SO_REUSEADDR, as nginx)?"""
    for fam, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        s = socket.socket(fam, socket.SOCK_STREAM)
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
        except OSError:
            return False
        finally:
            s.close()
    return True


def _free_port(v4: bool, v6: bool) -> int:
    """A port free on every requested family at once."""
    for _ in range(200):
        fams = ([socket.AF_INET] if v4 else []) + ([socket.AF_INET6] if v6 else [])
        host = {socket.AF_INET: "127.0.0.1", socket.AF_INET6: "::1"}
        first = socket.socket(fams[0], socket.SOCK_STREAM)
        try:
            first.bind((host[fams[0]], 0))
            port = first.getsockname()[1]
            ok = True
            for fam in fams[1:]:
                s = socket.socket(fam, socket.SOCK_STREAM)
                try:
                    s.bind((host[fam], port))
                except OSError:
                    ok = False
                finally:
                    s.close()
            if ok:
                return port
        finally:
            first.close()
    raise ServerError("找不到在 127.0.0.1 和 [::1] 上同时空闲的端口")


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class NginxServer:
    """A private nginx serving ``sites``; use as a context manager."""

    def __init__(self, sites: list[SiteSpec], workdir: Path | None = None):
        if not sites:
            raise ServerError("至少需要一个站点 (no sites given)")
        names = [s.name for s in sites]
        if len(set(names)) != len(names):
            raise ServerError(f"站点名重复: {names}")
        for s in sites:
            if not (s.listen_v4 or s.listen_v6):
                raise ServerError(f"站点 {s.name}: 至少要监听一种地址族")
            for r in (s.root, s.v6_root):
                if r is not None and not Path(r).is_dir():
                    raise ServerError(f"站点 {s.name}: 目录不存在: {r}")
        self.sites = [SiteSpec(**{**s.__dict__}) for s in sites]
        self._own_workdir = workdir is None
        self.workdir = Path(workdir) if workdir is not None else None
        self._proc: subprocess.Popen | None = None
        self._ports: dict[str, int] = {}

    # -- lifecycle
    def __enter__(self) -> "NginxServer":
        if self._proc is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> "NginxServer":
        if self._proc is not None:
            return self
        if not os.access(NGINX, os.X_OK):
            raise ServerError(f"找不到 nginx 可执行文件: {NGINX}")
        if self.workdir is None:
            self.workdir = Path(tempfile.mkdtemp(prefix="zwgk-nginx-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        fixed = {s.name: s.port for s in self.sites}
        last_log = ""
        for _attempt in range(5):
            self._ports = {s.name: fixed[s.name] or _free_port(s.listen_v4, s.listen_v6) for s in self.sites}
            self._write_config()
            err = (self.workdir / "error.log")
            err.write_text("")
            (self.workdir / "nginx.pid").unlink(missing_ok=True)
            self._proc = subprocess.Popen(
                [NGINX, "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf")],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            ok, last_log = self._wait_ready(timeout=10.0)
            if ok:
                return self
            self._kill()
            # A port picked by us may have been taken meanwhile: retry with new ones.
            if "Address already in use" in last_log and not all(fixed.values()):
                continue
            break
        raise ServerError(f"nginx 启动失败:\n{last_log}")

    def _wait_ready(self, timeout: float) -> tuple[bool, str]:
        deadline = time.monotonic() + timeout
        targets = []
        for s in self.sites:
            p = self._ports[s.name]
            if s.listen_v4:
                targets.append((socket.AF_INET, ("127.0.0.1", p)))
            if s.listen_v6:
                targets.append((socket.AF_INET6, ("::1", p)))
        pending = list(targets)
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                return False, self._log_text()
            # nginx writes its pid file only after binding every socket, so a
            # port answered by someone else does not count as ready.
            if not self._pid_written():
                time.sleep(0.05)
                continue
            still = []
            for fam, addr in pending:
                with socket.socket(fam, socket.SOCK_STREAM) as c:
                    c.settimeout(0.5)
                    try:
                        c.connect(addr)
                    except OSError:
                        still.append((fam, addr))
            pending = still
            if not pending:
                return True, ""
            time.sleep(0.05)
        return False, "等待端口超时: " + ", ".join(str(a) for _, a in pending) + "\n" + self._log_text()

    def _pid_written(self) -> bool:
        try:
            return int((self.workdir / "nginx.pid").read_text().strip() or 0) == self._proc.pid
        except (OSError, ValueError, AttributeError):
            return False

    def _log_text(self) -> str:
        parts = []
        if self._proc is not None and self._proc.stderr is not None and self._proc.poll() is not None:
            try:
                parts.append(self._proc.stderr.read().decode("utf-8", "replace"))
            except (OSError, ValueError):
                pass
        if self.workdir is not None:
            log = self.workdir / "error.log"
            if log.exists():
                parts.append(log.read_text("utf-8", "replace"))
        return "\n".join(p for p in parts if p.strip())

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()   # SIGTERM: nginx fast shutdown, workers follow
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if proc.stderr is not None:
            proc.stderr.close()

    def stop(self) -> None:
        self._kill()
        if self._own_workdir and self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    # -- addresses
    def port(self, name: str) -> int:
        if name not in self._ports:
            raise KeyError(f"未知站点或服务器未启动: {name!r}")
        return self._ports[name]

    def base_url(self, name: str, family: int = 4) -> str:
        if family not in (4, 6):
            raise ValueError(f"family 应为 4 或 6: {family!r}")
        host = "127.0.0.1" if family == 4 else "[::1]"
        return f"http://{host}:{self.port(name)}/"

    # -- configuration
    def _write_config(self) -> None:
        wd = self.workdir
        assert wd is not None
        for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi", "errpages"):
            (wd / sub).mkdir(parents=True, exist_ok=True)
        (wd / "errpages" / "404.html").write_text(_PAGE_404, "utf-8")
        types = f"include {MIME_TYPES};" if MIME_TYPES.exists() else _BUILTIN_TYPES
        # As root, workers would run as nobody and could not read 0700 temp
        # trees; running them as root keeps file permissions irrelevant.
        user = "user root;\n" if os.geteuid() == 0 else ""
        servers = "\n".join(self._server_blocks(s) for s in self.sites)
        conf = f"""{user}daemon off;
master_process on;
worker_processes 1;
error_log {wd / 'error.log'} warn;
pid {wd / 'nginx.pid'};
events {{ worker_connections 512; }}
http {{
    {types}
    default_type application/octet-stream;
    access_log {wd / 'access.log'};
    client_body_temp_path {wd / 'tmp/body'};
    proxy_temp_path {wd / 'tmp/proxy'};
    fastcgi_temp_path {wd / 'tmp/fastcgi'};
    uwsgi_temp_path {wd / 'tmp/uwsgi'};
    scgi_temp_path {wd / 'tmp/scgi'};
    sendfile on;
    keepalive_timeout 65;
    keepalive_requests 10000;
    etag on;
    gzip on;
    gzip_vary on;
    gzip_min_length 64;
    gzip_proxied any;
    gzip_types text/css text/xml text/plain application/javascript application/json;
    autoindex off;
    server_tokens off;
{_calendar_map()}
{search.nginx_map()}
{servers}
}}
"""
        (wd / "nginx.conf").write_text(conf, "utf-8")

    def _server_blocks(self, s: SiteSpec) -> str:
        port = self._ports[s.name]
        blocks = []
        if s.v6_root is not None and s.listen_v4 and s.listen_v6:
            blocks.append((s.root, [f"127.0.0.1:{port}"]))
            blocks.append((s.v6_root, [f"[::1]:{port}"]))
        else:
            listens = ([f"127.0.0.1:{port}"] if s.listen_v4 else []) + ([f"[::1]:{port}"] if s.listen_v6 else [])
            root = s.v6_root if (s.v6_root is not None and not s.listen_v4) else s.root
            blocks.append((root, listens))
        out = []
        err_root = self.workdir / "errpages"  # type: ignore[operator]
        headers = "".join(f"        add_header {k} {_quote(v)} always;\n" for k, v in s.extra_headers.items())
        names = " ".join(s.server_names) if s.server_names else '""'
        for root, listens in blocks:
            listen = "".join(f"        listen {l} default_server;\n" for l in listens)
            out.append(f"""    server {{
{listen}        server_name {names};
        root {_quote(str(Path(root).resolve()))};
        index index.html index.htm index.shtml;
{headers}        error_page 404 /__zwgk_404.html;
        location = /__zwgk_404.html {{ internal; root {_quote(str(err_root))}; try_files /404.html =404; }}
        location ~ \\.shtml$ {{ ssi on; }}
{search.nginx_location()}        location / {{ try_files $uri $uri/ =404; }}
    }}""")
        return "\n".join(out)


def serve_directory(root: Path, **site_kw) -> NginxServer:
    """Serve one directory (site name "site" unless given); returns a started server."""
    name = site_kw.pop("name", "site")
    workdir = site_kw.pop("workdir", None)
    return NginxServer([SiteSpec(name=name, root=Path(root), **site_kw)], workdir=workdir).start()
