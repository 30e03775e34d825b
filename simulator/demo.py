"""The embedded demo: generate a portal, serve it, and hand back an audit
config that lists every unit (used by ``zwgk-audit demo`` and end-to-end tests).

The sites are served under .gov.cn names (simulator/network.py) resolved by
the simulator's own DNS server (simulator/dns.py, loopback, high port); the
config's ``[resolver]`` points the crawl and the probes at it, so the IPv6
and network checks have real names, chains and name servers to judge.
Links to the province stand-in stay on 127.0.0.1.  The sites speak HTTP
only, so the truth gets a ``network.https`` 提醒 for every unit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from simulator.dns import DnsServer
from simulator.generate import SITES, Generated, generate
from simulator.network import NetworkPlan, network_of
from simulator.server import NginxServer, SiteSpec, port_is_free


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)      # a JSON string is a valid TOML basic string


# The plan every demo unit is audited against: a county's plan binds the
# county government, 县直各单位 (the departments) and 各镇 (the town).
DEMO_PLAN = "2022-haifeng"


def _base(gen: Generated, server: NginxServer, site: str, net: NetworkPlan | None) -> str:
    if net is not None:
        return f"http://{net.host(site)}:{server.port(site)}"
    return server.base_url(site).rstrip("/")


def manual_items_text(gen: Generated, server: NginxServer, net: NetworkPlan | None = None) -> str:
    """The office's record of some manual clauses of DEMO_PLAN (plans/manual.py),
    citing pages of the simulated portal as evidence."""
    evidence = {e.role.split(":", 1)[1]: e for u in gen.plan.units.values() for c in u.columns.values()
                for e in c.entries if e.role.startswith("evidence:")}
    county = _base(gen, server, "county", net)
    y = gen.plan.as_of.year
    items = [
        ("county", "46", "合格", f"{y}年召开县政务公开工作领导小组会议，研究部署年度重点任务",
         county + evidence["46"].path),
        ("county", "48", "合格", f"{y}年举办全县政务公开业务培训班，各镇、县直各单位政务公开工作人员参训",
         county + evidence["48"].path),
        ("county", "47", "", "待提供主要负责同志听取政务公开工作汇报的会议纪要", ""),
        ("jyj", "48", "合格", "参加全县政务公开业务培训班", county + evidence["48"].path),
        ("czj", "46", "不适用", "本局未单设政务公开领导小组，由县领导小组统筹", ""),
        ("town", "48", "不合格", f"{y}年未组织镇村两级政务公开业务培训", ""),
    ]
    out = [f"# 人工核查记录（模拟）：{DEMO_PLAN}", ""]
    for unit, clause, status, note, ev in items:
        out += ["[[item]]", f"unit = {_toml_str(unit)}", f"plan = {_toml_str(DEMO_PLAN)}",
                f"clause = {_toml_str(clause)}", f"status = {_toml_str(status)}", f"note = {_toml_str(note)}",
                f"evidence = {_toml_str(ev)}", ""]
    return "\n".join(out)


def config_text(gen: Generated, server: NginxServer, store: Path, dns: DnsServer | None = None,
                net: NetworkPlan | None = None, manual: Path | None = None) -> str:
    """A complete audit TOML for zwgk_audit/config.py (with ``dns``: names and ``[resolver]``).
    ``manual``: an absolute path to the manual-items file (the demo CLI parses
    the config relative to its output directory)."""
    lines = ["[audit]", f"name = {_toml_str('示例县政府网站群审计（模拟）')}", f"store = {_toml_str(str(store))}",
             "obey_robots = false", f"max_pages = {max(2000, gen.pages * 3)}", "max_depth = 12"]
    if manual is not None:
        lines.append(f"manual_items = {_toml_str(str(Path(manual).resolve()))}")
    lines.append("")
    if dns is not None:
        lines += ["[resolver]", f"address = {_toml_str('127.0.0.1')}", f"port = {dns.port}", "timeout = 2.0", "",
                  "[thresholds]", f"dns_ns_port = {dns.port}", "probe_timeout = 3.0", ""]
    for u in gen.truth["units"]:
        base = _base(gen, server, u["site"], net if dns is not None else None)
        lines += ["[[unit]]", f"id = {_toml_str(u['id'])}", f"name = {_toml_str(u['name'])}",
                  f"unit = {_toml_str(u['unit'])}", f"level = {_toml_str(u['level'])}",
                  f"plan = {_toml_str(DEMO_PLAN)}",
                  f"base_url = {_toml_str(base + u['home'])}",
                  f"entry_urls = [{_toml_str(base + u['entry'])}]",
                  f"scope_prefixes = [{_toml_str(base + u['path'])}]",
                  "obey_robots = false", ""]
    return "\n".join(lines)


class DemoSite:
    """A generated, served portal.  Context manager; ``stop()`` ends nginx."""

    def __init__(self, gen: Generated, server: NginxServer, workdir: Path,
                 dns: DnsServer | None = None) -> None:
        self.generated = gen
        self.server = server
        self.dns = dns
        self.network = network_of(gen.plan) if dns is not None else None
        self.truth = gen.truth
        self.truth_path = gen.truth_path
        self.workdir = workdir
        self.manual_path = (workdir / "manual.toml").resolve()
        self.manual_path.write_text(manual_items_text(gen, server, self.network), "utf-8")
        self.config_text = config_text(gen, server, workdir / "audit.sqlite", dns, self.network, self.manual_path)

    def host(self, site: str = "county") -> str:
        """The site's DNS name (the IP literal without DNS)."""
        return self.network.host(site) if self.network is not None else "127.0.0.1"

    def base_url(self, site: str = "county", family: int = 4) -> str:
        return self.server.base_url(site, family)

    def __enter__(self) -> "DemoSite":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        try:
            self.server.stop()
        finally:
            if self.dns is not None:
                self.dns.stop()


def serve_generated(out: Path, workdir: Path | None = None) -> NginxServer:
    """Serve a tree written by ``generate`` on the ports recorded in site.json."""
    meta_path = Path(out) / "site.json"
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{meta_path}: 不是模拟站点目录（缺少或无法读取 site.json）: {exc}") from None
    specs = [SiteSpec(name=k, root=Path(out) / v["root"], port=int(v["port"])) for k, v in meta["sites"].items()]
    return NginxServer(specs, workdir=workdir).start()


def _serving_truth(gen: Generated) -> None:
    """Verdicts that come from how the demo serves the tree: HTTP only."""
    for u in gen.truth["units"]:
        gen.truth["findings"].append({"unit": u["id"], "check_id": "network.https", "status": "warn",
                                      "path": u["home"], "key": "", "defect": "(模拟站点只提供 HTTP)"})
    gen.truth["findings"].sort(key=lambda t: (t["unit"], t["check_id"], t["path"], t["key"]))
    gen.truth_path.write_text(json.dumps(gen.truth, ensure_ascii=False, indent=1, sort_keys=False) + "\n", "utf-8")


def _v6_tree(src: Path, dst: Path, pages: dict[str, str]) -> Path:
    """``dst`` mirrors ``src`` through symlinks, except ``pages`` (path -> notice),
    which are copies of the IPv4 page with the notice added."""
    def mirror(s_dir: Path, d_dir: Path, keep: str) -> None:
        d_dir.mkdir(parents=True, exist_ok=True)
        for child in s_dir.iterdir():
            target = d_dir / child.name
            if child.name != keep and not target.exists() and not target.is_symlink():
                target.symlink_to(child.resolve())

    for path, notice in pages.items():
        parts = path.strip("/").split("/")
        s_dir, d_dir = src, dst
        for name in parts[:-1]:
            mirror(s_dir, d_dir, name)
            link = d_dir / name
            if link.is_symlink():
                link.unlink()
            s_dir, d_dir = s_dir / name, link
        mirror(s_dir, d_dir, parts[-1])
        raw = (s_dir / parts[-1]).read_bytes()
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = raw.decode("gb18030"), "gb18030"
        block = ('<div class="block ipv6-archive"><h2>网站公告</h2>'
                 + "".join(f"<p>{notice}</p>" for _ in range(12)) + "</div>")
        (d_dir / parts[-1]).write_bytes(text.replace('<div class="main">', '<div class="main">\n' + block, 1).encode(enc))
    return dst


def browser_follows_resolver() -> bool:
    """Whether the crawler's Chromium resolves names through the audit's DNS
    (``crawler.browser.host_resolver_rules``).  Without it Chromium would ask
    the system's DNS for the demo's names, so the demo keeps IP literals."""
    try:
        import crawler.browser as browser
    except ImportError:
        return False
    return hasattr(browser, "host_resolver_rules")


def start_demo(workdir: Path, *, seed: int = 7, as_of: dt.date | None = None,
               defects: list[str] | None = None, scale: int = 150, dns: bool | None = None,
               port_base: int | None = None) -> DemoSite:
    """Generate, serve and (with ``dns``) put the sites behind .gov.cn names
    (``None``: when the crawler's browser can resolve them through our DNS).
    ``port_base``: serve on fixed ports from there when they are free, so the
    URLs, and with them the findings' identities, stay the same across runs
    (history and diffs); otherwise on free ports."""
    workdir = Path(workdir)
    if dns is None:
        dns = browser_follows_resolver()
    ports = None
    if port_base is not None:
        wanted = {site: port_base + i for i, site in enumerate(SITES)}
        if all(port_is_free(p) for p in wanted.values()):
            ports = wanted
    gen = generate(workdir / "portal", seed=seed, scale=scale, as_of=as_of, defects=defects, ports=ports)
    if not dns:
        # IP-literal URLs: every ipv6.* check is 不适用, so the IPv6 defects' truth does not hold.
        gen.truth["findings"] = [t for t in gen.truth["findings"] if not t["check_id"].startswith("ipv6.")]
        _serving_truth(gen)
        return DemoSite(gen, serve_generated(gen.out, workdir / "nginx"), workdir)
    net = network_of(gen.plan)
    _serving_truth(gen)
    specs = []
    for site, port in gen.ports.items():
        s = net.sites[site]
        v6_root = (_v6_tree(gen.root(site), workdir / "portal" / "v6" / site, s.v6_pages)
                   if s.v6_pages and s.listen_v6 else None)
        specs.append(SiteSpec(name=site, root=gen.root(site), port=port, listen_v6=s.listen_v6,
                              v6_root=v6_root, server_names=(s.host,)))
    server = NginxServer(specs, workdir=workdir / "nginx").start()
    resolver = DnsServer(net.zones(), ipv6=True, refuse_v6=net.refuse_v6())
    try:
        resolver.start()
    except BaseException:
        server.stop()
        raise
    return DemoSite(gen, server, workdir, resolver)
