"""footer.identity: the home page footer shows the site's identity items.

One finding per item (keys ``site_code``, ``icp``, ``psb``, ``sponsor``,
``error_report``, ``party_mark``) on the home URL.  A footer injected by a
script of the site cannot be read from static HTML: when the home page was
not rendered, items not found are 无法判定 rather than missing.
"""

from __future__ import annotations


import re
from typing import Iterable

from checks.base import REG_GUIDE, REG_INSPECTION, Check, CheckContext, CheckMeta, reg
from checks.site._common import home_url, is_html
from extract.footer import (ITEM_KEYS, ITEM_LABELS, FooterIdentity, Found, parse_footer, valid_icp,
                            valid_psb, valid_site_code)
from zwgk_audit.model import Finding, Page, Status

META = CheckMeta(
    id="footer.identity",
    title="网站页脚标识信息",
    description="首页页脚应展示网站标识码、ICP备案号、公安机关备案号、主办单位、“我为政府网站找错”入口和党政机关网站标识，且网站标识码与页面元数据一致。",
    requires=("pages",),
    basis=(reg(REG_GUIDE, "网站标识", "网站页面底部功能区应列明主办单位、联系方式、网站标识码、ICP备案编号、公安机关备案标识、党政机关网站标识"),
           reg(REG_INSPECTION, "", "网站标识码、ICP备案号、公安机关备案号等信息规范展示；设置“我为政府网站找错”入口")),
    requirement_kinds=("footer",),
    suggestion="在网站页脚规范展示网站标识码、ICP备案号、公安机关备案号、主办单位、党政机关网站标识及“我为政府网站找错”入口。",
    indicator="网站标识",
)

SUGGESTIONS = {
    "site_code": "在页脚展示全国政府网站基本信息数据库分配的10位网站标识码，并与页面元数据 SiteIDCode 和“我为政府网站找错”入口的 sitecode 保持一致。",
    "icp": "在页脚展示 ICP 备案号（如“冀ICP备05029117号-1”），并链接至工业和信息化部备案管理系统。",
    "psb": "在页脚展示公安机关备案号（如“冀公网安备 13042002000523号”），并链接至全国互联网安全管理服务平台。",
    "sponsor": "在页脚列明主办单位全称，应与网站实际主办机构一致。",
    "error_report": "在页脚嵌入国务院办公厅统一提供的“我为政府网站找错”入口代码（jiucuo.js，sitecode 为本网站标识码）。",
    "party_mark": "在页脚嵌入机构编制部门核发的党政机关网站标识（dcs.conac.cn 提供的标识代码）。",
}
EXPECTED = {
    "site_code": "10位：6位行政区划代码+4位数字，或 bm+8位数字",
    "icp": "省份简称+ICP备+数字+号（可带 -序号）",
    "psb": "省份简称+公网安备+14位数字+号",
    "sponsor": "主办单位：机构全称",
    "error_report": "“我为政府网站找错”入口",
    "party_mark": "党政机关网站标识",
}


def _norm(name: str) -> str:
    return re.sub(r"[\s（）()]", "", name)


def _judge(key: str, found: Found | None, fid: FooterIdentity, ctx: CheckContext) -> tuple[Status, str, dict]:
    label = ITEM_LABELS[key]
    details: dict = {"where": found.where if found else ""}
    if found is None:
        return Status.FAIL, f"首页页脚未找到{label}。", details
    value = found.value
    if key == "site_code":
        details.update(meta_site_code=fid.meta_site_code, error_report_site_code=fid.error_report_site_code)
        if not value:
            return Status.FAIL, "页脚有“网站标识码”字样但没有标识码数值。", details
        if not valid_site_code(value):
            return Status.FAIL, f"网站标识码“{value}”格式不正确（应为6位行政区划代码+4位数字，或 bm+8位数字）。", details
        others = {"页面元数据 SiteIDCode": fid.meta_site_code, "找错入口 sitecode": fid.error_report_site_code}
        differ = {k: v for k, v in others.items() if v and v.lower() != value.lower()}
        if differ:
            what = "、".join(f"{k}为“{v}”" for k, v in differ.items())
            return Status.FAIL, f"页脚网站标识码为“{value}”，但{what}，不一致。", details
        agreed = [k for k, v in others.items() if v]
        tail = f"，与{'、'.join(agreed)}一致" if agreed else ""
        return Status.PASS, f"网站标识码“{value}”格式正确{tail}。", details
    if key == "icp":
        if not valid_icp(value):
            return Status.FAIL, f"ICP备案号“{value}”格式不正确（应为省份简称+ICP备+数字+号）。", details
        return Status.PASS, f"ICP备案号“{value}”格式正确。", details
    if key == "psb":
        if not valid_psb(value):
            return Status.FAIL, f"公安机关备案号“{value}”格式不正确（应为省份简称+公网安备+14位数字+号）。", details
        return Status.PASS, f"公安机关备案号“{value}”格式正确。", details
    if key == "sponsor":
        if not value:
            return Status.FAIL, "页脚有“主办单位”字样但内容为空。", details
        expected = ctx.unit.unit_name
        # A department's column on an intensive (集约化) portal carries the
        # hosting portal's footer: only a unit at a site root owns its footer.
        owns_footer = ctx.unit.at_site_root
        details["unit_owns_footer"] = owns_footer
        if (expected and owns_footer and _norm(expected) not in _norm(value)
                and _norm(value) not in _norm(expected)):
            details["configured_unit_name"] = expected
            return Status.WARN, f"页脚主办单位为“{value}”，与配置的主办单位“{expected}”不一致，请核实（机构改革后常见未及时更新）。", details
        return Status.PASS, f"页脚列明主办单位“{value}”。", details
    if key == "error_report":
        details["sitecode"] = fid.error_report_site_code
        return Status.PASS, f"首页设有“我为政府网站找错”入口（{found.where}）。", details
    return Status.PASS, f"首页展示党政机关网站标识（{found.where}）。", details


def _footer(page: Page, text: str) -> FooterIdentity:
    return parse_footer(text)


def run(ctx: CheckContext) -> Iterable[Finding]:
    home = ctx.snapshot.home(ctx.unit.id)
    url = home_url(ctx, home)
    if home is None or not home.ok or not is_html(home):
        why = "本次采集没有首页记录" if home is None else (
            f"首页无法访问（{'HTTP ' + str(home.status) if home.status is not None else home.error or '无响应'}）"
            if not home.ok else f"首页不是 HTML 页面（{home.content_type}）")
        for key in ITEM_KEYS:
            yield ctx.finding(Status.UNKNOWN, f"{why}，无法判定{ITEM_LABELS[key]}。", url=url, key=key,
                              suggestion="首页恢复访问后重新检查。")
        return
    fid: FooterIdentity = ctx.snapshot.derive("footer", home, _footer)
    for key in ITEM_KEYS:
        found = fid.item(key)
        if found is None and fid.injected is not None and not home.rendered:
            yield ctx.finding(
                Status.UNKNOWN,
                f"页脚由脚本加载（{fid.injected.value}），静态页面中无法判定{ITEM_LABELS[key]}；请以浏览器渲染方式重新采集首页。",
                url=url, key=key, value="", snippet=fid.injected.snippet, expected=EXPECTED[key],
                details={"injected_by": fid.injected.value, "rendered": False},
                suggestion="采集时对首页启用浏览器渲染（render = \"always\"）后重新检查。")
            continue
        status, message, details = _judge(key, found, fid, ctx)
        yield ctx.finding(status, message, url=url, key=key,
                          value=found.value if found else "", snippet=found.snippet if found else "",
                          expected=EXPECTED[key], details=details,
                          suggestion="" if status is Status.PASS else SUGGESTIONS[key])


CHECK = Check(meta=META, run=run)
