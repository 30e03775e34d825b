"""network.https: HTTPS offered with a valid certificate, and HTTP sent to HTTPS."""

from __future__ import annotations

from typing import Iterable

from checks.base import REG_GUIDE, Check, CheckContext, CheckMeta, reg
from checks.ipv6.common import home_url, require
from zwgk_audit.model import Finding, Severity, Status

TITLE = "HTTPS 加密访问"
DESCRIPTION = ("检查网站是否提供 HTTPS、证书是否由受信任机构签发且在有效期内、证书名称是否与域名相符，"
               "以及 HTTP 访问是否跳转到 HTTPS。证书无效时浏览器会拦截访问；只提供 HTTP 则传输内容可被篡改或仿冒。")
SUGGESTION = "请部署由受信任机构签发、包含网站域名的证书，在到期前续期，并把 HTTP 访问 301 跳转到 HTTPS。"
DEFAULT_WARN_DAYS = 30


def run(ctx: CheckContext) -> Iterable[Finding]:
    tls, unknown = require(ctx, "tls")
    if tls is None:
        yield unknown
        return
    d = tls.data
    url = home_url(ctx)
    details = {k: d.get(k) for k in ("https_url", "http_url", "address", "https_offered", "https_error",
                                     "verified", "verify_error", "subject", "issuer", "san", "not_after",
                                     "days_left", "name_matches", "http_status", "http_location",
                                     "redirects_to_https")}
    if not d.get("https_offered"):
        yield ctx.finding(Status.WARN, f"网站未提供 HTTPS（{d.get('https_error')}），只能通过 HTTP 明文访问。",
                          url=url, value="http", expected="提供 HTTPS", details=details)
        return
    warn_days = int(ctx.setting("tls_expiry_warn_days", DEFAULT_WARN_DAYS))
    days = d.get("days_left")
    fails, warns = [], []
    if not d.get("verified"):
        fails.append(f"证书校验失败：{d.get('verify_error')}")
    if days is not None and days < 0:
        fails.append(f"证书已于 {d.get('not_after')} 过期")
    elif days is not None and days < warn_days:
        warns.append(f"证书将在 {days} 天后（{d.get('not_after')}）过期")
    if d.get("name_matches") is False:
        fails.append(f"证书名称（{', '.join(d.get('san') or []) or d.get('subject')}）与域名 {d.get('host')} 不符")
    if d.get("http_status") is not None and not d.get("redirects_to_https"):
        warns.append(f"HTTP 访问（{d.get('http_url')}）返回 {d.get('http_status')}，没有跳转到 HTTPS")
    if fails:
        yield ctx.finding(Status.FAIL, "HTTPS 证书有问题：" + "；".join(fails + warns) + "。", url=url,
                          value="; ".join(fails), expected="受信任、未过期、名称相符的证书", details=details)
    elif warns:
        yield ctx.finding(Status.WARN, "HTTPS 可用，但" + "；".join(warns) + "。", url=url,
                          value="; ".join(warns), details=details)
    else:
        yield ctx.finding(Status.PASS, f"HTTPS 可用，证书有效（{days} 天后到期），名称相符"
                          + ("，HTTP 跳转到 HTTPS。" if d.get("redirects_to_https") else "。"),
                          url=url, value=str(d.get("not_after")), details=details)


CHECK = Check(
    meta=CheckMeta(id="network.https", title=TITLE, description=DESCRIPTION, severity=Severity.MINOR,
                   requires=("probes:tls",), basis=(reg(REG_GUIDE, text="政府网站应做好安全防护，保障访问安全"),),
                   requirement_kinds=("https",), suggestion=SUGGESTION, indicator="网络"),
    run=run,
)
