"""The simulated network: the portals' DNS names, zones and IPv6 defects.

The demo (simulator/demo.py) serves every site under a .gov.cn name through
the simulator's DNS server (simulator/dns.py): A 127.0.0.1 and AAAA ::1 when
the site serves both families, NS records whose name servers have AAAA, and
nginx on both loopback families.  The defects below change that deployment
and record what a correct audit reports (docs/DESIGN.md: the ipv6.* rows are
keyed on the unit's home URL path with key "").

Site-level defects (no AAAA, IPv4-only server, CDN CNAME, name servers)
affect every unit on the site's host (the county portal and its department
columns share one), because the probes measure per host; the per-unit ones
(content differs, IPv4-only resources) change one unit's pages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from simulator.defects import DefectError, DefectSpec, _unit, defect
from simulator.plan import Doc, PortalPlan

V4, V6 = "127.0.0.1", "::1"

# site -> (host, zone).  The town has its own zone so zone-level defects can
# target it alone.
HOSTS: dict[str, tuple[str, str]] = {
    "county": ("www.shilixian.gov.cn", "shilixian.gov.cn"),
    "town": ("www.shilizhen.gov.cn", "shilizhen.gov.cn"),
    "province": ("www.shilisheng.gov.cn", "shilisheng.gov.cn"),
}
CDN_ZONE = "cdn.shili-yun.test"                     # a fictional IPv4-only CDN
STATIC_HOST = "127.0.0.1"      # IPv4-only picture server: an IPv4 literal (served by the province's nginx)


@dataclass
class SiteNet:
    host: str
    zone: str
    aaaa: bool = True                 # publish AAAA ::1
    listen_v6: bool = True            # nginx listens on [::1]
    cname: str = ""                   # host is a CNAME to this (IPv4-only) name
    ns_aaaa: bool = True              # the zone's name servers have AAAA
    ns_refuse_v6: bool = False        # ... but refuse queries over IPv6
    v6_pages: dict[str, str] = field(default_factory=dict)   # path -> HTML served on [::1] only

    @property
    def has_aaaa(self) -> bool:
        return self.aaaa and not self.cname


@dataclass
class NetworkPlan:
    sites: dict[str, SiteNet]
    static_files: dict[str, bytes] = field(default_factory=dict)   # path -> bytes on STATIC_HOST
    static_site: str = "province"

    def zones(self, ports: dict[str, int] | None = None) -> dict[str, dict[str, object]]:
        """The DNS data (simulator.dns.DnsServer zones)."""
        z: dict[str, dict[str, object]] = {}
        for key, s in self.sites.items():
            ns = [f"ns1.{s.zone}", f"ns2.{s.zone}"]
            z[s.zone] = {"NS": ns, "SOA": [ns[0], f"hostmaster.{s.zone}", 2024010101]}
            for name in ns:
                z[name] = {"A": [V4], **({"AAAA": [V6]} if s.ns_aaaa else {})}
            if s.cname:
                z[s.host] = {"CNAME": s.cname}
                z[s.cname] = {"A": [V4]}
            else:
                z[s.host] = {"A": [V4], **({"AAAA": [V6]} if s.aaaa else {})}
        z[CDN_ZONE] = {"NS": [f"ns.{CDN_ZONE}"]}
        z[f"ns.{CDN_ZONE}"] = {"A": [V4]}
        return z

    def refuse_v6(self) -> set[str]:
        return {s.zone for s in self.sites.values() if s.ns_refuse_v6}

    def host(self, site: str) -> str:
        return self.sites[site].host


def network_of(plan: PortalPlan) -> NetworkPlan:
    """The plan's network (created on first use; kept on the plan object)."""
    net = plan.__dict__.get("network")
    if net is None:
        net = NetworkPlan({k: SiteNet(*HOSTS[k]) for k in plan.sites if k in HOSTS})
        plan.__dict__["network"] = net
    return net


def _site_units(plan: PortalPlan, site: str) -> list[str]:
    return [u.id for u in plan.units.values() if u.site == site]


def _target(plan: PortalPlan, spec: DefectSpec, default: str) -> tuple[str, SiteNet]:
    u = _unit(plan, spec, default)
    return u.site, network_of(plan).sites[u.site]


# Truth recorded by site-level defects, re-checked against later defects.
_NEEDS_AAAA = ("ipv6_v4_only_server", "ipv6_content_differs", "ipv6_v4_only_resources")


def _conflict(plan: PortalPlan, spec: DefectSpec, site: str, *, removes_aaaa: bool) -> None:
    sites_of = {u.id: u.site for u in plan.units.values()}
    for text in plan.applied:
        other = DefectSpec.parse(text)
        osite = sites_of.get(other.unit or "county", "")
        if osite != site:
            continue
        if (removes_aaaa and other.kind in _NEEDS_AAAA) or (
                not removes_aaaa and other.kind in ("ipv6_no_aaaa", "ipv6_cdn_cname")):
            raise DefectError(f"缺陷 {spec.text} 与 {text} 不能作用于同一站点（没有 AAAA 时 IPv6 访问类检查不适用）")


def _truth_site(plan: PortalPlan, site: str, spec: DefectSpec, items: list[tuple[str, str]]) -> None:
    for uid in _site_units(plan, site):
        for check, status in items:
            plan.add_truth(uid, check, plan.units[uid].home_path, "", spec.text, status)


@defect("ipv6_no_aaaa", "门户域名只有 A 记录，没有 AAAA 记录（作用于该站点的全部单位）")
def _no_aaaa(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    site, s = _target(plan, spec, "town")
    _conflict(plan, spec, site, removes_aaaa=True)
    if not s.has_aaaa:
        raise DefectError(f"缺陷 {spec.text}: 站点 {site} 已经没有 AAAA 记录")
    s.aaaa = False
    _truth_site(plan, site, spec, [("ipv6.aaaa", "fail")])


@defect("ipv6_cdn_cname", "门户域名 CNAME 到只支持 IPv4 的 CDN 域名（解析链末端没有 AAAA）")
def _cdn_cname(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    site, s = _target(plan, spec, "town")
    _conflict(plan, spec, site, removes_aaaa=True)
    if not s.has_aaaa:
        raise DefectError(f"缺陷 {spec.text}: 站点 {site} 已经没有 AAAA 记录")
    s.cname = s.host.replace(".", "-") + "." + CDN_ZONE
    _truth_site(plan, site, spec, [("ipv6.aaaa", "fail")])


@defect("ipv6_v4_only_server", "发布了 AAAA 记录，但网站服务器只在 IPv4 上监听（IPv6 连接被拒绝）")
def _v4_only_server(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    site, s = _target(plan, spec, "town")
    _conflict(plan, spec, site, removes_aaaa=False)
    s.listen_v6 = False
    # No page over IPv6: nothing to compare (无法判定), and no deeper page loads either.
    _truth_site(plan, site, spec, [("ipv6.reachable", "fail"), ("ipv6.content_parity", "unknown"),
                                   ("ipv6.depth", "fail")])


@defect("ipv6_ns_no_aaaa", "域名所在区的域名服务器（NS）没有 AAAA 记录")
def _ns_no_aaaa(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    site, s = _target(plan, spec, "town")
    if not s.ns_aaaa or s.ns_refuse_v6:
        raise DefectError(f"缺陷 {spec.text}: 站点 {site} 的域名服务器已有 IPv6 缺陷")
    s.ns_aaaa = False
    _truth_site(plan, site, spec, [("ipv6.nameservers", "fail")])


@defect("ipv6_ns_v6_silent", "域名服务器有 AAAA 记录，但通过 IPv6 查询时拒绝应答（REFUSED）")
def _ns_v6_silent(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    site, s = _target(plan, spec, "town")
    if not s.ns_aaaa or s.ns_refuse_v6:
        raise DefectError(f"缺陷 {spec.text}: 站点 {site} 的域名服务器已有 IPv6 缺陷")
    s.ns_refuse_v6 = True
    _truth_site(plan, site, spec, [("ipv6.nameservers", "fail")])


OLD_NOTICE = ("本页面为网站 IPv6 改造测试页面，内容为旧版网站存档，可能未及时更新，请以正式网站发布的信息为准。"
              "测试期间部分栏目暂停更新，给您带来不便，敬请谅解。")


@defect("ipv6_content_differs", "IPv6 地址指向旧版测试页面，首页内容与 IPv4 不一致")
def _content_differs(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    u = _unit(plan, spec, "town")
    s = network_of(plan).sites[u.site]
    _conflict(plan, spec, u.site, removes_aaaa=False)
    # The IPv6 page keeps every link and the footer (the crawl, which prefers
    # IPv6, sees the same site) but carries a long archive notice.
    s.v6_pages[u.home_path] = OLD_NOTICE
    plan.add_truth(u.id, "ipv6.content_parity", u.home_path, "", spec.text)


@defect("ipv6_v4_only_resources", "文章页面的图片放在只支持 IPv4 的图片服务器上（IPv6 深度不足）")
def _v4_only_resources(plan: PortalPlan, rng: random.Random, spec: DefectSpec) -> None:
    from simulator.assets import png_bytes
    from simulator.plan import Attachment
    u = _unit(plan, spec, "county")
    net = network_of(plan)
    _conflict(plan, spec, u.site, removes_aaaa=False)
    port = plan.sites[net.static_site].port
    hosts = [e for c in u.columns.values() for e in c.entries if not e.role and not isinstance(e, Doc)]
    if len(hosts) < 3:
        raise DefectError(f"缺陷 {spec.text}: 单位 {u.id} 的文章太少（请增大规模）")
    for e in hosts:
        path = f"/picture/{u.id}/{e.id}.png"
        # The picture exists: only IPv6 users miss it.
        e.images.append(Attachment("新闻图片", f"http://{STATIC_HOST}:{port}{path}", "png", missing=True))
        net.static_files[path] = png_bytes()
    plan.add_truth(u.id, "ipv6.depth", u.home_path, "", spec.text)
