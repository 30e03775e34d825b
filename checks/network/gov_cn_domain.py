"""network.gov_cn_domain: the portal uses a .gov.cn domain name."""

from __future__ import annotations

from typing import Iterable
from urllib.parse import urlsplit

from checks.base import REG_GUIDE, Check, CheckContext, CheckMeta, reg
from crawler.probes.dnslookup import ip_literal
from zwgk_audit.model import Finding, Severity, Status

TITLE = "使用 .gov.cn 政府网站域名"
DESCRIPTION = ("检查门户网址的域名是否以 .gov.cn 结尾。政府网站应使用 .gov.cn 为后缀的英文域名，"
               "公众可据此辨认官方网站，防范仿冒。")
SUGGESTION = "请按规定申请并启用 .gov.cn 域名，原域名跳转到新域名。"


def _loopback_name(host: str) -> bool:
    return host == "localhost" or host.endswith(".localhost")


def run(ctx: CheckContext) -> Iterable[Finding]:
    url = ctx.unit.base_url
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if ip_literal(host) is not None or _loopback_name(host):
        kind = "IP 地址" if ip_literal(host) is not None else "本机名"
        yield ctx.finding(Status.NA, f"网址使用{kind} {host} 而非域名（测试或内网环境），本项不适用。",
                          url=url, value=host, suggestion="")
        return
    if host.endswith(".gov.cn"):
        yield ctx.finding(Status.PASS, f"域名 {host} 以 .gov.cn 结尾。", url=url, value=host)
        return
    yield ctx.finding(Status.FAIL, f"域名 {host} 不是 .gov.cn 域名。", url=url, value=host,
                      expected="*.gov.cn")


CHECK = Check(
    meta=CheckMeta(id="network.gov_cn_domain", title=TITLE, description=DESCRIPTION, severity=Severity.MAJOR,
                   requires=(), basis=(reg(REG_GUIDE, text="政府网站使用以 .gov.cn 为后缀的英文域名"),),
                   requirement_kinds=("gov_cn_domain",), suggestion=SUGGESTION, indicator="网络"),
    run=run,
)
