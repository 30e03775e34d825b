"""Build a portal plan from a seed: units, columns, dated entries, documents.

Deterministic: every random choice comes from one ``random.Random(seed)``
and every date is relative to ``as_of``.  ``finalize`` runs after the
defects and assigns what depends on final dates (URLs, 文号, 索引号).
"""

from __future__ import annotations

import datetime as dt
import html
import random

from simulator import content as C
from simulator import annual
from simulator.codes import add_years, cn_date_short, make_uscc
from simulator.plan import Agency, Attachment, Column, Doc, Entry, PortalPlan, SiteInfo, UnitPlan

REGION_COUNTY = "441599"      # fictional region codes (not assigned to real places)
REGION_TOWN = "441599"
REGION_PROVINCE = "440000"

# Fixed HTML pages besides entries (homes, entries, guides, catalogues ...).
_FIXED_PAGES = 40
# Share of entries per (unit, column).
_WEIGHTS: dict[tuple[str, str], float] = {
    ("county", "gzdt"): 0.22, ("county", "tzgg"): 0.10, ("county", "gfxwj"): 0.18,
    ("county", "qtwj"): 0.06, ("county", "zcjd"): 0.05,
    ("jyj", "bmdt"): 0.07, ("jyj", "tzgg"): 0.03,
    ("czj", "czdt"): 0.06, ("czj", "tzgg"): 0.03, ("czj", "yjsgk"): 0.03,
    ("town", "zdt"): 0.09, ("town", "tzgg"): 0.04, ("town", "gfxwj"): 0.04,
}
# Newest entry's age (days, inclusive range) and span covered, per column type.
_NEWEST = {"news": (0, 4), "notice": (0, 40), "policy": (0, 80), "other": (0, 100)}
_SPAN = {"news": 900, "notice": 1200, "policy": 3000, "other": 1500}


def _sites(ports: dict[str, int]) -> dict[str, SiteInfo]:
    return {
        "county": SiteInfo("county", "示例县人民政府", ports["county"], "www.shilixian.gov.cn", "4415990001", REGION_COUNTY),
        "town": SiteInfo("town", "示例镇人民政府", ports["town"], "slz.shilixian.gov.cn", "4415990012", REGION_TOWN),
        "province": SiteInfo("province", "示例省人民政府", ports["province"], "www.shilisheng.gov.cn", "4400000001", REGION_PROVINCE),
    }


def _agencies() -> dict[str, Agency]:
    rows = [
        ("xzf", "示例县人民政府", "示府", 1001), ("xzfb", "示例县人民政府办公室", "示府办", 1002),
        ("jyj", "示例县教育局", "示教", 1101), ("czj", "示例县财政局", "示财", 1102),
        ("town", "示例镇人民政府", "示镇府", 2001),
    ]
    return {k: Agency(k, n, p, make_uscc(REGION_COUNTY, s)) for k, n, p, s in rows}


def _footer(site: SiteInfo, sponsor: str, icp: str, psb: str) -> dict[str, str | None]:
    return {"sponsor": sponsor, "site_code": site.site_code, "icp": icp, "psb": psb,
            "error_report": site.site_code, "party_mark": "dzjg", "contact": "0660-1234567"}


def _units(sites: dict[str, SiteInfo]) -> dict[str, UnitPlan]:
    county, town = sites["county"], sites["town"]
    cf = _footer(county, "示例县人民政府办公室", "粤ICP备05012345号-1", "粤公网安备44159902000001号")
    tf = _footer(town, "示例镇人民政府", "粤ICP备05012345号-3", "粤公网安备44159902000012号")
    units = {
        "county": UnitPlan("county", "示例县人民政府", "示例县人民政府办公室", "县级政府", "county", "/", "trs", footer=cf),
        "jyj": UnitPlan("jyj", "示例县教育局", "示例县教育局", "部门", "county", "/bm/jyj/", "hanweb", footer=dict(cf)),
        "czj": UnitPlan("czj", "示例县财政局", "示例县财政局", "部门", "county", "/bm/czj/", "trs",
                        encoding="gbk", footer=dict(cf)),
        "town": UnitPlan("town", "示例镇人民政府", "示例镇人民政府", "镇街", "town", "/", "hanweb", footer=tf),
    }
    hid = iter(range(1229000101, 1229000200))

    def col(u: UnitPlan, key: str, name: str, ctype: str, trs_dir: str) -> None:
        if u.cms == "hanweb":
            n = next(hid)
            c = Column(key, u.id, name, ctype, f"{u.prefix}col/col{n}/", "hanweb", hanweb_id=n)
        else:
            c = Column(key, u.id, name, ctype, u.prefix + trs_dir, "trs")
        u.columns[key] = c

    cu, jy, cz, tw = units["county"], units["jyj"], units["czj"], units["town"]
    col(cu, "gzdt", "工作动态", "news", "xwzx/gzdt/")
    col(cu, "tzgg", "通知公告", "notice", "xwzx/tzgg/")
    col(cu, "gfxwj", "规范性文件", "policy", "zwgk/gfxwj/")
    col(cu, "qtwj", "其他文件", "policy", "zwgk/qtwj/")
    col(cu, "zcjd", "政策解读", "other", "zwgk/zcjd/")
    col(cu, "ndbg", "政府信息公开年报", "report", "zwgk/ndbg/")
    col(cu, "zn", "政府信息公开指南", "guide", "zwgk/zn/")
    col(cu, "ml", "政府信息公开目录", "catalog", "zwgk/ml/")
    col(jy, "bmdt", "部门动态", "news", "")
    col(jy, "tzgg", "通知公告", "notice", "")
    col(jy, "zn", "政府信息公开指南", "guide", "")
    col(jy, "ndbg", "政府信息公开年报", "report", "")
    col(cz, "czdt", "财政动态", "news", "xwdt/")
    col(cz, "tzgg", "通知公告", "notice", "tzgg/")
    col(cz, "yjsgk", "预决算公开", "other", "yjsgk/")
    col(cz, "zn", "政府信息公开指南", "guide", "zwgk/zn/")
    col(cz, "ndbg", "政府信息公开年报", "report", "zwgk/ndbg/")
    col(tw, "zdt", "镇动态", "news", "")
    col(tw, "tzgg", "通知公告", "notice", "")
    col(tw, "gfxwj", "规范性文件", "policy", "")
    col(tw, "zn", "政府信息公开指南", "guide", "")
    col(tw, "ndbg", "政府信息公开年报", "report", "")
    return units


def _dates(rng: random.Random, as_of: dt.date, ctype: str, n: int) -> list[dt.date]:
    """``n`` publication dates, newest first, newest within the type's fresh window."""
    lo, hi = _NEWEST.get(ctype, (0, 100))
    d = as_of - dt.timedelta(days=rng.randint(lo, hi))
    span = _SPAN.get(ctype, 1500)
    out = []
    for _ in range(n):
        out.append(d)
        d -= dt.timedelta(days=rng.randint(0, max(1, 2 * span // max(n, 1))))
    return out


def _paras(rng: random.Random, pool: tuple[str, ...], k: int, **fmt: str) -> list[str]:
    return [p.format(**fmt) for p in rng.sample(pool, k)]


def _article(plan: PortalPlan, rng: random.Random, u: UnitPlan, c: Column, when: dt.date, i: int) -> Entry:
    short = u.name.replace("人民政府", "")
    if c.ctype == "notice":
        title = short + rng.choice(C.NOTICE_TOPICS)
    elif c.ctype == "other":
        title = f"{short}{rng.choice(C.SUBJECTS)}政策解读" if c.key == "zcjd" else f"{when.year}年{short}部门预算公开说明"
    else:
        title = short + rng.choice(C.NEWS_TOPICS)
    e = Entry(plan.new_id(), u.id, c.key, title, when, source=u.sponsor if u.level != "县级政府" else "示例县人民政府办公室",
              body=_paras(rng, C.NEWS_PARAGRAPHS, 3))
    if c.ctype == "news" and i % 4 == 1:
        e.images.append(Attachment("现场图片", "", "png"))
    if c.ctype == "notice" and i % 3 == 0:
        e.attachments.append(Attachment("附件：报名表.docx", "", "docx", title=title))
    if c.key == "yjsgk":
        e.attachments.append(Attachment(f"{title}.pdf", "", "pdf", title=title))
    return e


def _doc(plan: PortalPlan, rng: random.Random, u: UnitPlan, c: Column, when: dt.date, i: int, normative: bool) -> Doc:
    subject, form = rng.choice(C.SUBJECTS), rng.choice(C.DOC_FORMS)
    agency = plan.agencies["town" if u.id == "town" else ("xzf" if i % 3 else "xzfb")]
    if u.id == "town":
        layout = "hanweb"
    else:
        layout = "ucap" if i % 7 == 3 else ("trs_li" if i % 2 else "trs_p")
    short = u.name.replace("人民政府", "")
    if normative:
        title = f"{agency.name}关于印发《{short}{subject}{form}》的通知"
    else:
        title = f"{agency.name}关于做好{subject}工作的通知"
    written = when - dt.timedelta(days=rng.randint(0, 5))
    d = Doc(plan.new_id(), u.id, c.key, title, when, source=agency.name, normative=normative,
            issuer=agency.name, issuer_key=agency.key, topic=rng.choice(C.DOC_TOPICS), written=written,
            layout=layout, body=_paras(rng, C.PARAGRAPHS, 4, s=subject, f=form))
    if normative:
        years = rng.choice((2, 3, 5))
        end = add_years(when, years)
        if abs((end - plan.as_of).days) < 7:      # keep verdicts away from the boundary
            years += 1
            end = add_years(when, years)
        d.body.append(f"本{form}自{cn_date_short(when)}起施行，有效期{years}年。")
        d.validity = "失效" if end <= plan.as_of else "有效"
    if i % 3 == 0:
        d.attachments.append(Attachment(f"{title}.pdf", "", "pdf", title=title))
    elif not normative and i % 2:
        d.attachments.append(Attachment("附件.docx", "", "docx", title=title))
    return d


def build_plan(seed: int, scale: int, as_of: dt.date, ports: dict[str, int], min_docs: dict[str, int]) -> tuple[PortalPlan, random.Random]:
    """The clean portal.  ``min_docs`` guarantees enough normative documents
    per unit for the requested defects."""
    rng = random.Random(seed)
    sites = _sites(ports)
    plan = PortalPlan(seed, as_of, sites, _units(sites), _agencies())
    total = max(scale - _FIXED_PAGES, 20)
    for (uid, key), w in _WEIGHTS.items():
        u = plan.units[uid]
        c = u.columns[key]
        n = max(2, round(total * w))
        if key == "gfxwj":
            n = max(n, min_docs.get(uid, 0) + 8)
        dates = _dates(rng, as_of, c.ctype, n)
        for i, when in enumerate(dates):
            if key in ("gfxwj", "qtwj"):
                c.entries.append(_doc(plan, rng, u, c, when, i, normative=(key == "gfxwj")))
            else:
                c.entries.append(_article(plan, rng, u, c, when, i))
    _special_pages(plan, rng)
    return plan, rng


def _special_pages(plan: PortalPlan, rng: random.Random) -> None:
    """Pages every portal has regardless of defects: hostile markup, a
    mis-declared encoding, repeal notice, legitimate 有效期 sentences."""
    as_of = plan.as_of
    county = plan.units["county"]
    news = county.columns["gzdt"]
    hostile = Entry(plan.new_id(), "county", "gzdt",
                    '网络安全宣传周：警惕<script>alert("x")</script>等“恶意代码”',
                    news.entries[min(2, len(news.entries) - 1)].published, source="示例县委网信办",
                    body=['有网民反映收到含有 <script>alert("x")</script> 字样的短信，请勿点击 \'陌生链接\'。',
                          "网络安全为人民，网络安全靠人民。"], role="hostile")
    news.entries.insert(min(3, len(news.entries)), hostile)

    czj = plan.units["czj"].columns["czdt"]
    gb = Entry(plan.new_id(), "czj", "czdt", "县财政局召开预算绩效管理工作座谈会",
               czj.entries[0].published, source="示例县财政局",
               body=["会议由局长王堃主持，副局长李喆、张镕出席并讲话。", "会议要求进一步提高预算绩效管理水平。"],
               declared_charset="gb2312", role="gb2312")
    czj.entries.insert(1, gb)

    gf = county.columns["gfxwj"]
    # Legitimate "有效期" about something else: must not read as the document's own term.
    assess_when = add_years(as_of, -4) - dt.timedelta(days=rng.randint(10, 60))
    assess = _doc(plan, rng, county, gf, assess_when, 1, normative=True)
    assess.title = "示例县人民政府关于印发《示例县养老服务机构等级评定办法》的通知"
    assess.body = [
        "为规范养老服务机构等级评定工作，制定本办法。",
        "经评定达到相应等级的机构，由县民政局颁发证书，评估结果有效期3年，期满后重新评定。",
        f"本办法自{cn_date_short(assess_when)}起施行。",
    ]
    assess.validity, assess.role = "有效", "assessment"
    gf.entries.append(assess)

    # A legitimately repealed document, listed by the repeal notice below.
    repealed_when = add_years(as_of, -3) - dt.timedelta(days=rng.randint(10, 60))
    legit = _doc(plan, rng, county, gf, repealed_when, 2, normative=True)
    legit.body = legit.body[:-1] + [f"本办法自{cn_date_short(repealed_when)}起施行，有效期5年。"]
    legit.validity, legit.role = "废止", "repealed_legit"
    gf.entries.append(legit)

    notice_when = as_of - dt.timedelta(days=rng.randint(20, 60))
    notice = _doc(plan, rng, county, gf, notice_when, 4, normative=True)
    notice.title = "示例县人民政府关于宣布失效一批规范性文件的通知"
    notice.body = ["经清理，县人民政府决定宣布下列规范性文件失效：", "", "本通知自印发之日起施行。"]
    notice.validity, notice.role = "有效", "repeal_notice"
    gf.entries.append(notice)
    for c in (gf,):
        c.entries.sort(key=lambda e: (e.published, e.id), reverse=True)

    # Annual reports of the last three years (rendered in finalize).
    annual.plan_reports(plan)


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def finalize(plan: PortalPlan) -> None:
    """Assign URLs, 文号 and 索引号 once dates are final (after the defects)."""
    annual.render_reports(plan)           # fixes the reports' dates and attachments
    for u in plan.units.values():
        for c in u.columns.values():
            c.entries.sort(key=lambda e: (e.published, e.id), reverse=True)
            for e in c.entries:
                _assign_paths(u, c, e)
    annual.record_truth(plan)
    serial: dict[tuple[str, int], int] = {}
    numbers: dict[tuple[str, int], int] = {}
    docs = sorted(plan.docs(normative=None), key=lambda d: (d.written, d.id))
    # Documents whose 索引号 year is deliberately off take their serial after
    # every regular one of that year, so the defect never also duplicates.
    for d in sorted(docs, key=lambda d: (d.index_year_offset != 0, d.written, d.id)):
        ag = plan.agencies[d.issuer_key]
        y = d.written.year + d.index_year_offset
        serial[(ag.key, y)] = serial.get((ag.key, y), 0) + 1
        if d.index_no is None and d.index_same_as is None:
            code = ag.uscc
            if d.index_bad_uscc:
                from simulator.codes import break_uscc
                code = break_uscc(code)
            d.index_no = f"{code}/{y}-{serial[(ag.key, y)]:05d}"
    for d in docs:
        ag = plan.agencies[d.issuer_key]
        y = d.written.year
        if d.doc_number is None:
            if d.normative:
                numbers[(ag.key, y)] = numbers.get((ag.key, y), 0) + 1
                d.doc_number = f"{ag.prefix}〔{y}〕{numbers[(ag.key, y)]}号"
            else:
                d.doc_number = "无"
    for d in docs:
        if d.index_same_as is not None:
            d.index_no = d.index_same_as.index_no
    for d in docs:
        if d.role == "repeal_notice":
            listed = [x for x in plan.docs(d.unit) if x.role == "repealed_legit" or "repealed_still_valid" in x.defects]
            items = [f"{i}. {x.title}（{x.doc_number}）" for i, x in enumerate(sorted(listed, key=lambda x: x.id), 1)]
            d.body = [d.body[0], *items, d.body[-1]]


def _assign_paths(u: UnitPlan, c: Column, e: Entry) -> None:
    p = e.published
    if c.cms == "trs":
        month = f"{c.dir}{p:%Y%m}/"
        e.path = f"{month}t{p:%Y%m%d}_{e.id}.html"
        att_base, img_base = f"{month}P0{p:%Y%m%d}{e.id}", f"{month}W0{p:%Y%m%d}{e.id}"
    else:
        e.path = f"{u.prefix}art/{p.year}/{p.month}/{p.day}/art_{c.hanweb_id}_{e.id}.html"
        att_base, img_base = f"{u.prefix}attach/0/{e.id}", f"{u.prefix}picture/0/{e.id}"
    for k, a in enumerate(e.attachments):
        if not a.path:
            a.path = f"{att_base}_{k}.{a.kind}"
    for k, a in enumerate(e.images):
        if not a.path:
            a.path = f"{img_base}_{k}.png"
