"""Turn a finalized plan into files: plain string templates, one write per page.

Markup follows real CMS families (domain.md §6): TRS WCM for the county and
its 财政局, Hanweb jcms (rows in a ``<script type="text/xml">`` datastore,
written into the page by inline JavaScript) for the 教育局 and the town,
gov.cn Ucap nested tables for some documents.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from simulator import annual, search
from simulator.assets import docx_bytes, pdf_bytes, png_bytes
from simulator.build import esc
from simulator.codes import cn_date
from simulator.plan import FIELD_LABELS, FIELDS, Column, Doc, Entry, PortalPlan, UnitPlan


class Writer:
    """Writes files under ``out/sites/<site>/`` and counts them."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._dirs: set[str] = set()
        self.pages = 0
        self.files = 0

    def root(self, site: str) -> Path:
        return self.out / "sites" / site

    def write(self, site: str, path: str, data: str | bytes, encoding: str = "utf-8") -> None:
        full = os.path.join(self.out, "sites", site, path.lstrip("/"))
        d = os.path.dirname(full)
        if d not in self._dirs:
            os.makedirs(d, exist_ok=True)
            self._dirs.add(d)
        if isinstance(data, str):
            data = data.encode(encoding, "xmlcharrefreplace")
            self.pages += 1
        self.files += 1
        with open(full, "wb") as f:
            f.write(data)


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _spaced(label: str) -> str:
    return "&ensp;".join(label) if len(label) == 3 else label


class Renderer:
    def __init__(self, plan: PortalPlan, writer: Writer, clean_footers: dict[str, dict]) -> None:
        self.plan, self.w, self.clean_footers = plan, writer, clean_footers
        self.prov = plan.site_base("province")

    # ------------------------------------------------------------ shell
    def _head(self, u: UnitPlan, title: str, metas: dict[str, str], charset: str) -> str:
        site = self.plan.sites[u.site]
        decl = (f'<meta charset="{charset}">' if charset == "utf-8"
                else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
        m = {"SiteName": site.name, "SiteDomain": site.domain, "SiteIDCode": site.site_code, **metas}
        meta = "\n".join(f'<meta name="{k}" content="{esc(v)}">' for k, v in m.items())
        return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n{decl}\n"
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{meta}\n'
                f"<title>{esc(title)}</title>\n<link rel=\"stylesheet\" href=\"/css/style.css\">\n</head>\n")

    def _nav(self, u: UnitPlan) -> str:
        links = [(u.home_path, "首页")]
        links += [(c.list_path, c.name) for c in u.columns.values() if c.ctype in ("news", "notice")]
        links.append((u.entry_path, "政府信息公开"))
        if u.prefix != "/":
            links.append(("/index.html", "示例县人民政府"))
        items = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in links)
        return (f'<div class="header"><img src="/images/logo.png" alt="{esc(u.name)}">'
                f"<span class=\"site-name\">{esc(u.name)}</span></div>\n<ul class=\"nav\">{items}</ul>\n")

    def _footer(self, f: dict) -> str:
        parts = ['<div class="footer_bg"><div class="footer">']
        line = []
        if f.get("sponsor"):
            line.append(f"主办单位：{esc(f['sponsor'])}")
        line.append(f"联系电话：{f.get('contact', '')}")
        parts.append("<p>" + "　".join(line) + "</p>")
        line = []
        if f.get("icp"):
            line.append(f'<a href="{self.prov}beian/index.html" target="_blank">{esc(f["icp"])}</a>')
        if f.get("psb"):
            digits = "".join(ch for ch in f["psb"] if ch.isdigit())
            line.append(f'<a href="{self.prov}beian/psb.html?recordcode={digits}" target="_blank">'
                        f'<img src="/images/ga.png" alt="">{esc(f["psb"])}</a>')
        if line:
            parts.append("<p>" + "　".join(line) + "</p>")
        if f.get("site_code"):
            parts.append(f"<p>网站标识码：{esc(f['site_code'])}</p>")
        marks = []
        if f.get("party_mark"):
            marks.append(f'<a href="{self.prov}conac/index.html?sitecode={f["error_report"] or ""}" target="_blank">'
                         '<img src="/images/dzjg.png" alt="党政机关" title="党政机关网站标识"></a>')
        if f.get("error_report"):
            marks.append(f'<a href="{self.prov}jiucuo/index.html?sitecode={f["error_report"]}" target="_blank">'
                         '<img src="/images/jiucuo.png" alt="我为政府网站找错">我为政府网站找错</a>')
        if marks:
            parts.append('<div class="marks">' + "".join(marks) + "</div>")
        parts.append("</div></div>")
        return "\n".join(parts)

    def _page(self, u: UnitPlan, path: str, title: str, metas: dict[str, str], body: str, *,
              encoding: str = "", charset: str = "", home: bool = False) -> None:
        enc = encoding or u.encoding
        footer = self._footer(u.footer if home else self.clean_footers[u.site])
        html_ = (self._head(u, title, metas, charset or enc) + "<body>\n" + self._nav(u)
                 + f'<div class="main">\n{body}\n</div>\n' + footer + "\n</body>\n</html>\n")
        self.w.write(u.site, path, html_, enc)

    # ------------------------------------------------------------ pages
    def home(self, u: UnitPlan) -> None:
        blocks = []
        for c in u.columns.values():
            if c.ctype in ("news", "notice"):
                rows = "".join(f'<li><a href="{e.path}" title="{esc(e.title)}">{esc(e.title)}</a><span>{_iso(e.published)}</span></li>'
                               for e in c.entries[:8])
                blocks.append(f'<div class="block"><h2><a href="{c.list_path}">{esc(c.name)}</a></h2>'
                              f'<ul class="list">{rows}</ul><a class="more" href="{c.list_path}">更多&gt;&gt;</a></div>')
        special = [c for c in u.columns.values() if c.place == "home"]
        if special:
            banners = "".join(f'<li><a href="{c.list_path}" title="{esc(c.name)}">{esc(c.name)}</a></li>' for c in special)
            blocks.append(f'<div class="block ztzl"><h2>专题专栏</h2><ul class="banners">{banners}</ul></div>')
        links = [(u.entry_path, "政府信息公开")] + [(c.list_path, c.name) for c in u.columns.values()
                                                 if not c.parent and c.place != "home"]
        if u.id == "county":
            links += [("/bm/jyj/index.html", "示例县教育局"), ("/bm/czj/index.html", "示例县财政局"),
                      (self.plan.site_base("town") + "index.html", "示例镇人民政府"), ("/hdrl/index.shtml", "活动日历")]
        links.append((self.prov + "index.html", "示例省人民政府"))
        links += u.home_extra_links
        quick = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in links)
        body = "\n".join(blocks) + f'\n<div class="block"><h2>快速通道</h2><ul class="links">{quick}</ul></div>'
        metas = {"ColumnName": "首页"} if u.prefix == "/" else {"ColumnName": u.name}
        self._page(u, u.home_path, u.name, metas, body, home=True)

    def entry(self, u: UnitPlan) -> None:
        items = [(c.list_path, c.name) for c in u.columns.values()
                 if c.ctype not in ("news", "notice") and not c.parent and c.place != "home"]
        items += [(h, t) for h, t, _ in u.xxgk_links]
        lis = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in items)
        body = f'<h1>政府信息公开</h1><ul class="xxgk-nav">{lis}</ul>'
        self._page(u, u.entry_path, f"政府信息公开_{u.name}", {"ColumnName": "政府信息公开"}, body)

    def single(self, u: UnitPlan, c: Column) -> None:
        if c.ctype == "guide":
            text = (f"<h1>{esc(u.name)}政府信息公开指南</h1>"
                    f"<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>"
                    f"<h3>一、主动公开</h3><p>主动公开的政府信息通过本网站“政府信息公开”专栏发布。</p>"
                    + (f"<h3>二、依申请公开</h3><p>申请人可通过<a href=\"{self.prov}ysqgk/index.html\">依申请公开系统</a>提出申请。</p>"
                       if u.ysqgk else "<h3>二、依申请公开</h3><p>申请人可通过信函方式向受理机构提出申请。</p>") +
                    f"<h3>三、受理机构</h3><p>{esc(u.sponsor)}，联系电话：0660-1234567。</p>")
        elif c.ctype == "apply":
            form = c.dir + "sqb.docx"
            self.w.write(u.site, form, docx_bytes("政府信息公开申请表"))
            text = (f"<h1>依申请公开</h1><h3>申请须知</h3><p>公民、法人或者其他组织可以向{esc(u.sponsor)}申请获取政府信息。</p>"
                    "<h3>申请方式</h3><p>申请人可登录广东省依申请公开系统在线提出申请（入口见政府信息公开指南），"
                    "也可下载并填写申请表，以信函或当面方式提交。"
                    "行政机关收到申请后，能够当场答复的当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。</p>"
                    f'<div class="download">申请表下载：<a href="{form}">政府信息公开申请表.docx</a></div>'
                    f"<h3>受理机构</h3><p>{esc(u.sponsor)}，联系电话：0660-1234567。</p>")
        else:
            lis = "".join(f'<li><a href="{x.list_path}">{esc(x.name)}</a></li>' for x in u.columns.values() if x is not c)
            latest = sorted((e for x in u.columns.values() if x.ctype not in ("guide", "catalog") for e in x.entries
                             if not isinstance(e, Doc) and not e.role),
                            key=lambda e: (e.published, e.id), reverse=True)[:10]
            rows = "".join(f'<li><a href="{e.path}" title="{esc(e.title)}">{esc(e.title)}</a><span>{_iso(e.published)}</span></li>'
                           for e in latest)
            text = (f"<h1>{esc(u.name)}政府信息公开目录</h1><div class=\"gkml-tree\"><ul>{lis}</ul></div>"
                    f'<h2>最新公开信息</h2><ul class="list">{rows}</ul>')
        self._page(u, c.list_path, f"{c.name}_{u.name}", {"ColumnName": c.name}, text)

    def column(self, u: UnitPlan, c: Column) -> None:
        if c.search:
            self._search_pages(u, c)
        metas = {"ColumnName": c.name, "ColumnType": {"news": "动态", "notice": "通知公告", "policy": "政策文件",
                                                      "report": "年报"}.get(c.ctype, "其他")}
        if c.cms == "hanweb":
            self._hanweb_list(u, c, metas)
        else:
            self._trs_lists(u, c, metas)

    @staticmethod
    def _search_form(c: Column) -> str:
        if not c.search:
            return ""
        return (f'<form class="search" action="{c.dir}search/index.html" method="get">'
                f'<input type="text" name="{search.FIELD}" placeholder="请输入文件标题">'
                '<input type="submit" value="检索"></form>\n')

    def _search_pages(self, u: UnitPlan, c: Column) -> None:
        """Exact-title results (simulator/search.py); none when broken."""
        sdir = c.dir + "search/"
        metas = {"ColumnName": "站内检索"}
        self._page(u, sdir + "none.html", f"检索结果_{u.name}", metas,
                   '<h1>检索结果</h1><p class="none">未找到相关结果</p>')
        if c.search != "ok":
            return
        for e in c.entries:
            for t in dict.fromkeys(x for x in (e.title, e.list_title) if x):
                row = (f'<li><a href="{e.path}" target="_blank" title="{esc(e.title)}">{esc(e.title)}</a>'
                       f'<span>{_iso(e.published)}</span></li>')
                self._page(u, search.result_file(sdir, t, u.encoding), f"检索结果_{u.name}", metas,
                           f'<h1>检索结果</h1><p>检索词：{esc(t)}</p><ul class="list">{row}</ul>')

    def _subnav(self, u: UnitPlan, c: Column) -> str:
        subs = [x for x in u.columns.values() if x.parent == c.key]
        if not subs:
            return ""
        lis = "".join(f'<li><a href="{x.list_path}">{esc(x.name)}</a></li>' for x in subs)
        return f'<ul class="subnav">{lis}</ul>\n'

    def _crumb(self, u: UnitPlan, c: Column) -> str:
        parent = u.columns.get(c.parent) if c.parent else None
        mid = f'<a href="{parent.list_path}">{esc(parent.name)}</a> &gt; ' if parent is not None else ""
        return f'<div class="crumb"><a href="{u.home_path}">首页</a> &gt; {mid}{esc(c.name)}</div>'

    def _row(self, c: Column, e: Entry, href: str) -> str:
        extra = ""
        if isinstance(e, Doc):
            extra = f'<span class="wh">{esc(e.doc_number or "")}</span>'
            extra += self._validity_badge(c, e)
        shown = e.list_title or e.title
        return f'<li><a href="{href}" target="_blank" title="{esc(shown)}">{esc(shown)}</a>{extra}<span>{_iso(e.published)}</span></li>'

    @staticmethod
    def _validity_badge(c: Column, d: Doc) -> str:
        """The mark real libraries put on a row of a document no longer in force."""
        if not d.normative or d.validity not in ("失效", "废止") or not d.list_mark:
            return ""
        if c.cms == "hanweb":
            return f'<em class="red_base">{esc(d.validity)}</em>'
        return f'<span class="yxx">[已{esc(d.validity)}]</span>'

    def _trs_lists(self, u: UnitPlan, c: Column, metas: dict[str, str]) -> None:
        n = len(c.entries)
        pages = max(1, -(-n // c.page_size))
        for k in range(pages):
            chunk = c.entries[k * c.page_size:(k + 1) * c.page_size]
            rows = "\n".join(self._row(c, e, "./" + e.path[len(c.dir):]) for e in chunk)
            name = "index.html" if k == 0 else f"index_{k}.html"
            nav = [f"共{pages}页"]
            if pages > 1:
                nav.append('<a href="index.html">首页</a>')
                if k > 0:
                    nav.append(f'<a href="{"index.html" if k == 1 else f"index_{k - 1}.html"}">上一页</a>')
                if k < pages - 1:
                    nav.append(f'<a href="index_{k + 1}.html">下一页</a>')
                nav.append(f'<a href="{"index.html" if pages == 1 else f"index_{pages - 1}.html"}">尾页</a>')
            body = (f'{self._crumb(u, c)}'
                    f'<h1 class="column-title">{esc(c.name)}</h1>\n{self._search_form(c)}{self._subnav(u, c)}<ul class="list">\n{rows}\n</ul>\n'
                    f'<div class="page">{" ".join(nav)}</div>')
            self._page(u, c.dir + name, f"{c.name}_{u.name}", metas, body)

    def _hanweb_list(self, u: UnitPlan, c: Column, metas: dict[str, str]) -> None:
        cid = c.hanweb_id
        recs = "\n".join(f"<record><![CDATA[\n{self._row(c, e, e.path)}\n]]></record>" for e in c.entries)
        body = (f'{self._crumb(u, c)}'
                f'<h1 class="column-title">{esc(c.name)}</h1>\n{self._search_form(c)}{self._subnav(u, c)}<div id="div{cid}"></div>\n'
                f'<script type="text/xml" id="ds{cid}"><datastore><column>{cid}</column>'
                f"<totalrecord>{len(c.entries)}</totalrecord><totalpage>1</totalpage><recordset>\n{recs}\n"
                "</recordset></datastore></script>\n"
                "<script>\n(function () {\n"
                f'  var ds = document.getElementById("ds{cid}");\n'
                "  var re = /<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>/g, out = [], m;\n"
                "  while ((m = re.exec(ds.textContent)) !== null) { out.push(m[1]); }\n"
                f'  document.getElementById("div{cid}").innerHTML = "<ul class=\\"list\\">" + out.join("") + "</ul>";\n'
                "})();\n</script>")
        self._page(u, c.list_path, f"{c.name}_{u.name}", metas, body)

    # ------------------------------------------------------------ details
    def _extras(self, e: Entry) -> str:
        out = []
        for img in e.images:
            out.append(f'<p style="text-align:center"><img src="{img.path}" alt="{esc(img.name)}"></p>')
            if not img.missing:
                self.w.write(self.plan.units[e.unit].site, img.path, png_bytes())
        for a in e.attachments:
            out.append(f'<p>附件：<a href="{a.path}">{esc(a.name)}</a></p>')
            if not a.missing:
                data = pdf_bytes(a.title or e.title) if a.kind == "pdf" else docx_bytes(a.title or e.title)
                self.w.write(self.plan.units[e.unit].site, a.path, data)
        for href, text in e.extra_links:
            out.append(f'<p><a href="{href}">{esc(text)}</a></p>')
        return "\n".join(out)

    def article(self, u: UnitPlan, c: Column, e: Entry) -> None:
        if e.role.startswith("annual_report:"):
            text, extras = self._annual(u, e), ""
        else:
            text, extras = "\n".join(f"<p>{esc(p)}</p>" for p in e.body), self._extras(e)
        body = (f'<div class="crumb"><a href="{u.home_path}">首页</a> &gt; <a href="{c.list_path}">{esc(c.name)}</a></div>'
                f'<h1 class="article-title">{esc(e.title)}</h1>\n'
                f'<div class="info">发布时间：{_iso(e.published)}　来源：{esc(e.source)}</div>\n'
                f'<div class="article-content">\n{text}\n{extras}\n</div>')
        metas = {"ColumnName": c.name, "ArticleTitle": e.title, "PubDate": f"{_iso(e.published)} 09:30", "ContentSource": e.source}
        self._page(u, c.list_path if False else e.path, e.title, metas, body,
                   charset=e.declared_charset, encoding="gbk" if e.declared_charset else "")

    def _annual(self, u: UnitPlan, e: Entry) -> str:
        """The annual report on its page, its PDF/DOCX written beside it."""
        r = self.plan.annual[(u.id, int(e.role.split(":")[1]))]
        for a in e.attachments:
            self.w.write(u.site, a.path, r.doc.body)
        return annual.page_text(r)

    def _value(self, d: Doc, f: str, style: str) -> str:
        if f in ("written_date", "published_date"):
            day = d.written if f == "written_date" else d.published
            return cn_date(day) if style in ("trs_p", "ucap") else _iso(day)
        v = {"index_no": d.index_no, "topic": d.topic, "issuer": d.issuer, "title": d.title,
             "doc_number": d.doc_number, "validity": d.validity}[f] or ""
        return v

    def _meta_block(self, d: Doc) -> str:
        items = []
        for f in FIELDS:
            if f == "validity" and not d.normative:
                continue
            mode = d.field_mode.get(f, "")
            value = "" if mode == "missing" else esc(self._value(d, f, d.layout))
            label = FIELD_LABELS[f]
            if d.layout == "trs_p":
                if f == "validity" and value:
                    value = f'<em class="red_base">{value}</em>'
                item = f"<p{{h}}><strong>{label}</strong>：{value}</p>"
            elif d.layout == "trs_li":
                if f == "validity" and value:
                    value = f'<em class="red_base">{value}</em>'
                item = f"<li{{h}}>{_spaced(label)}：<font>{value}</font></li>"
            elif d.layout == "ucap":
                ul = {"index_no": "索 引 号", "issuer": "发文机关", "title": "标　　题", "doc_number": "发文字号",
                      "validity": "有 效 性"}.get(f, label)
                item = f'<td{{h}} width="70"><b>{ul}：</b></td><td{{h}} width="360">{value}</td>'
            else:
                item = f"<th{{h}}>{label}：</th><td{{h}}>{value}</td>"
            item = item.replace("{h}", ' style="display:none"' if mode == "hidden" else "")
            if mode == "comment":
                item = f"<!--{item}-->"
            items.append(item)
        if d.layout == "trs_p":
            return '<div class="xxgk_info">\n' + "\n".join(items) + "\n</div>"
        if d.layout == "trs_li":
            return '<ul class="xxgk_table">\n' + "\n".join(items) + "\n</ul>"
        rows = ["".join(items[i:i + 2]) for i in range(0, len(items), 2)]
        if d.layout == "ucap":
            trs = "\n".join(f"<tr>{r}</tr>" for r in rows)
            return ('<table width="930" border="0" cellpadding="0" cellspacing="0"><tbody><tr><td>\n'
                    f'<table width="860" class="bd1"><tbody>\n{trs}\n</tbody></table>\n</td></tr></tbody></table>')
        trs = "\n".join(f"<tr>{r}</tr>" for r in rows)
        return f'<table class="xxgk_table">\n{trs}\n</table>'

    def doc(self, u: UnitPlan, c: Column, d: Doc) -> None:
        shown = {f: d.field_mode.get(f, "") == "" for f in FIELDS}
        heading = f'<h1 class="article-title">{esc(d.title)}</h1>\n' if shown["title"] else ""
        text = "\n".join(f"<p>{esc(p)}</p>" for p in d.body)
        content_id = ' id="UCAP-CONTENT"' if d.layout == "ucap" else ""
        body = (f'<div class="crumb"><a href="{u.home_path}">首页</a> &gt; <a href="{u.entry_path}">政府信息公开</a> &gt; '
                f'<a href="{c.list_path}">{esc(c.name)}</a></div>\n{self._meta_block(d)}\n{heading}'
                f'<div class="article-content"{content_id}>\n{text}\n{self._extras(d)}\n</div>')
        metas = {"ColumnName": c.name}
        if shown["title"]:
            metas["ArticleTitle"] = d.title
        if shown["published_date"]:
            metas["PubDate"] = cn_date(d.published)
        if shown["issuer"]:
            metas["ContentSource"] = d.issuer
        self._page(u, d.path, d.title, metas, body)

    # ------------------------------------------------------------ site-level files
    def statics(self, site: str) -> None:
        self.w.write(site, "/robots.txt", "User-agent: *\nDisallow: /hdrl/\n")
        self.w.write(site, "/css/style.css", "body{font-family:'Microsoft YaHei',sans-serif;margin:0}"
                     ".list li{display:flex;justify-content:space-between}.footer{text-align:center;color:#333}\n")
        for name in ("logo.png", "dzjg.png", "ga.png", "jiucuo.png"):
            self.w.write(site, f"/images/{name}", png_bytes())
        self.w.pages -= 2   # robots.txt and css are not pages

    def calendar(self, u: UnitPlan) -> None:
        cur = self.plan.as_of
        nxt = dt.date(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
        body = ('<h1>活动日历</h1>\n<p>当前月份：<!--#echo var="arg_month" default="'
                f'{cur:%Y-%m}" --></p>\n<p><a href="index.shtml?month=<!--#if expr="$arg_month" -->'
                f'<!--#echo var="zwgk_cal_next" --><!--#else -->{nxt:%Y-%m}<!--#endif -->">下一月</a></p>\n'
                '<!--#if expr="$arg_month" --><p>本月暂无活动安排。</p><!--#else -->'
                '<ul class="list"><li><a href="/xwzx/gzdt/index.html">政务公开日开放活动安排</a>'
                f'<span>{cur - dt.timedelta(days=3):%Y-%m-%d}</span></li></ul><!--#endif -->')
        self._page(u, "/hdrl/index.shtml", f"活动日历_{u.name}", {"ColumnName": "活动日历"}, body)

    def province(self) -> None:
        site = self.plan.sites["province"]
        pages = {
            "/index.html": ("示例省人民政府", "<p>示例省人民政府门户网站（模拟）。</p>"),
            "/jiucuo/index.html": ("我为政府网站找错", "<p>请描述您发现的问题。</p>"),
            "/conac/index.html": ("党政机关网站标识", "<p>该网站为党政机关网站。</p>"),
            "/beian/index.html": ("ICP/IP地址/域名信息备案管理系统", "<p>备案查询（模拟）。</p>"),
            "/beian/psb.html": ("全国互联网安全管理服务平台", "<p>公安备案查询（模拟）。</p>"),
            "/ysqgk/index.html": ("依申请公开系统", "<p>在线提交政府信息公开申请（模拟）。</p>"),
        }
        for path, (title, text) in pages.items():
            html_ = (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="SiteName" content="{site.name}">'
                     f"<title>{title}</title></head><body><h1>{title}</h1>{text}<p><a href=\"/index.html\">返回首页</a></p></body></html>\n")
            self.w.write("province", path, html_)
        self.w.write("province", "/robots.txt", "User-agent: *\nDisallow:\n")

    def render_all(self) -> None:
        for site in self.plan.sites:
            if site != "province":
                self.statics(site)
        self.province()
        self.calendar(self.plan.units["county"])
        for u in self.plan.units.values():
            self.home(u)
            self.entry(u)
            for c in u.columns.values():
                if c.ctype in ("guide", "catalog", "apply"):
                    self.single(u, c)
                    continue
                self.column(u, c)
                for e in c.entries:
                    if isinstance(e, Doc):
                        self.doc(u, c, e)
                    else:
                        self.article(u, c, e)
