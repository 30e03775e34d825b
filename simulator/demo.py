"""The embedded demo: generate a portal, serve it, and hand back an audit
config that lists every unit (used by ``zwgk-audit demo`` and end-to-end tests)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from simulator.generate import Generated, generate
from simulator.server import NginxServer, SiteSpec


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)      # a JSON string is a valid TOML basic string


def config_text(gen: Generated, server: NginxServer, store: Path) -> str:
    """A complete audit TOML for zwgk_audit/config.py."""
    lines = ["[audit]", f"name = {_toml_str('示例县政府网站群审计（模拟）')}", f"store = {_toml_str(str(store))}",
             "obey_robots = false", f"max_pages = {max(2000, gen.pages * 3)}", "max_depth = 12", ""]
    for u in gen.truth["units"]:
        base = server.base_url(u["site"]).rstrip("/")
        lines += ["[[unit]]", f"id = {_toml_str(u['id'])}", f"name = {_toml_str(u['name'])}",
                  f"unit = {_toml_str(u['unit'])}", f"level = {_toml_str(u['level'])}",
                  f"base_url = {_toml_str(base + u['home'])}",
                  f"entry_urls = [{_toml_str(base + u['entry'])}]",
                  f"scope_prefixes = [{_toml_str(base + u['path'])}]",
                  "obey_robots = false", ""]
    return "\n".join(lines)


class DemoSite:
    """A generated, served portal.  Context manager; ``stop()`` ends nginx."""

    def __init__(self, gen: Generated, server: NginxServer, workdir: Path) -> None:
        self.generated = gen
        self.server = server
        self.truth = gen.truth
        self.truth_path = gen.truth_path
        self.workdir = workdir
        self.config_text = config_text(gen, server, workdir / "audit.sqlite")

    def base_url(self, site: str = "county", family: int = 4) -> str:
        return self.server.base_url(site, family)

    def __enter__(self) -> "DemoSite":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self.server.stop()


def serve_generated(out: Path, workdir: Path | None = None) -> NginxServer:
    """Serve a tree written by ``generate`` on the ports recorded in site.json."""
    meta_path = Path(out) / "site.json"
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{meta_path}: 不是模拟站点目录（缺少或无法读取 site.json）: {exc}") from None
    specs = [SiteSpec(name=k, root=Path(out) / v["root"], port=int(v["port"])) for k, v in meta["sites"].items()]
    return NginxServer(specs, workdir=workdir).start()


def start_demo(workdir: Path, *, seed: int = 7, as_of: dt.date | None = None,
               defects: list[str] | None = None, scale: int = 150) -> DemoSite:
    workdir = Path(workdir)
    gen = generate(workdir / "portal", seed=seed, scale=scale, as_of=as_of, defects=defects)
    server = serve_generated(gen.out, workdir / "nginx")
    return DemoSite(gen, server, workdir)
