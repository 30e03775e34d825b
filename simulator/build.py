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

    def col(u: UnitPlan, key: str, name: str, ctype: str, trs_dir: str, **kw: str) -> None:
        if u.cms == "hanweb":
            n = next(hid)
            c = Column(key, u.id, name, ctype, f"{u.prefix}col/col{n}/", "hanweb", hanweb_id=n, **kw)
        else:
            c = Column(key, u.id, name, ctype, u.prefix + trs_dir, "trs", **kw)
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
    _required_columns(units, col, sites)
    for u in units.values():          # the 规范性文件 library has a 检索 box (simulator/search.py)
        if "gfxwj" in u.columns:
            u.columns["gfxwj"].search = "ok"
    return units


def _required_columns(units: dict[str, UnitPlan], col, sites: dict[str, SiteInfo]) -> None:
    """The columns the 政务公开工作要点 asks for (plans/data/2022-haifeng.json:
    营商环境 on the home page; 重点领域, 公共企事业单位信息公开, 意见征集, 政府公报,
    涉农补贴, 政府信息公开目录 and 依申请公开 in 政府信息公开), each where such a unit
    realistically has it: a department links the county's 政府公报 rather than
    publishing its own, the 财政局 publishes 惠民惠农 subsidies, the town reprints
    the county's 公报; every unit has a 依申请公开 page leading to the province's system."""
    cu, jy, cz, tw = units["county"], units["jyj"], units["czj"], units["town"]
    col(cu, "yshj", "优化营商环境", "other", "ztzl/yshj/", place="home", required="营商环境")
    col(cu, "zdly", "重点领域信息公开", "other", "zwgk/zdly/", required="重点领域")
    col(cu, "zdxm", "重大建设项目", "other", "zwgk/zdly/zdxm/", parent="zdly")
    col(cu, "ggzy", "公共资源配置", "other", "zwgk/zdly/ggzy/", parent="zdly")
    col(cu, "shjz", "社会救助", "other", "zwgk/zdly/shjz/", parent="zdly")
    col(cu, "ggqsy", "公共企事业单位信息公开", "other", "zwgk/ggqsy/", required="公共企事业单位信息公开")
    col(cu, "yjzj", "意见征集", "other", "zwgk/yjzj/", required="意见征集")
    col(cu, "zfgb", "政府公报", "other", "zwgk/zfgb/", required="政府公报")
    col(cu, "snbt", "涉农补贴", "other", "zwgk/snbt/", required="涉农补贴")
    cu.columns["ml"].required = "政府信息公开目录"
    col(cu, "ysqgk", "依申请公开", "apply", "zwgk/ysqgk/", required="依申请公开")

    col(jy, "ml", "政府信息公开目录", "catalog", "", required="政府信息公开目录")
    col(jy, "zdly", "重点领域信息公开", "other", "", required="重点领域")
    col(jy, "xqjy", "学前教育", "other", "", parent="zdly")
    col(jy, "ywjy", "义务教育", "other", "", parent="zdly")
    col(jy, "ggqsy", "公共企事业单位信息公开", "other", "", required="公共企事业单位信息公开")
    col(jy, "yjzj", "意见征集", "other", "", required="意见征集")
    col(jy, "ysqgk", "依申请公开", "apply", "", required="依申请公开")
    jy.xxgk_links += [("/zwgk/zfgb/index.html", "政府公报", "政府公报"),
                      ("/zwgk/snbt/index.html", "涉农补贴", "涉农补贴")]

    col(cz, "ml", "政府信息公开目录", "catalog", "zwgk/ml/", required="政府信息公开目录")
    col(cz, "zdly", "重点领域信息公开", "other", "zwgk/zdly/", required="重点领域")
    col(cz, "zfcg", "政府采购", "other", "zwgk/zdly/zfcg/", parent="zdly")
    col(cz, "czzj", "财政资金直达基层", "other", "zwgk/zdly/czzj/", parent="zdly")
    col(cz, "yjzj", "征求意见", "other", "zwgk/yjzj/", required="意见征集")
    col(cz, "hmbt", "惠民惠农财政补贴资金", "other", "zwgk/hmbt/", required="涉农补贴")
    col(cz, "ysqgk", "依申请公开", "apply", "zwgk/ysqgk/", required="依申请公开")
    cz.xxgk_links += [("/zwgk/zfgb/index.html", "政府公报", "政府公报"),
                      ("/zwgk/ggqsy/index.html", "公共企事业单位信息公开", "公共企事业单位信息公开")]

    col(tw, "yshj", "营商环境", "other", "", place="home", required="营商环境")
    col(tw, "ml", "政府信息公开目录", "catalog", "", required="政府信息公开目录")
    col(tw, "zdly", "重点领域信息公开", "other", "", required="重点领域")
    col(tw, "xczx", "乡村振兴", "other", "", parent="zdly")
    col(tw, "shjz", "社会救助", "other", "", parent="zdly")
    col(tw, "ggqsy", "公共企事业单位信息公开", "other", "", required="公共企事业单位信息公开")
    col(tw, "yjzj", "意见征集", "other", "", required="意见征集")
    col(tw, "snbt", "涉农补贴", "other", "", required="涉农补贴")
    # The town reprints the county's 公报 (a link to the county's site would be
    # outside the town's crawl, so its content could not be judged).
    col(tw, "zfgb", "政府公报", "other", "", required="政府公报")
    col(tw, "ysqgk", "依申请公开", "apply", "", required="依申请公开")
    # The town publishes the 解读 of its own 规范性文件 (the county's are in its 政策解读).
    col(tw, "zcjd", "政策解读", "other", "")


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
    # A unit does not issue two documents of one name: a repeal notice or a
    # 解读 naming one must not also name another.
    taken = " ".join(x.title for x in plan.docs(u.id, normative=None))
    for _ in range(50):
        if f"《{u.name.replace('人民政府', '')}{subject}{form}》" not in taken:
            break
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
    _required_entries(plan)
    return plan, rng


# Titles of the plan-required columns' entries ({u}: the unit's short name, {y}: the year).
_REQUIRED_TITLES: dict[str, tuple[str, ...]] = {
    "yshj": ("{u}进一步优化营商环境若干措施", "{u}涉企政策“免申即享”事项清单", "{u}企业开办“一网通办”办事指南",
             "{u}“证照分离”改革全覆盖工作方案", "{u}营商环境问题投诉举报渠道", "{u}惠企政策汇编（{y}年版）"),
    "zdly": ("{u}{y}年重点领域信息公开工作清单", "{u}重点领域信息公开专栏目录调整说明", "{u}重点领域信息公开联络人名单"),
    "zdxm": ("{u}农村供水保障工程批准结果信息", "{u}城区道路改造工程施工许可信息", "{u}中心小学扩建项目招标投标信息",
             "{u}污水管网建设项目竣工验收信息"),
    "ggzy": ("{u}国有建设用地使用权出让结果", "{u}政府采购意向公开（{y}年第四季度）", "{u}农村集体产权交易结果"),
    "shjz": ("{u}城乡最低生活保障资金发放情况", "{u}特困人员救助供养资金发放情况", "{u}临时救助情况"),
    "xczx": ("{u}乡村振兴衔接资金项目计划", "{u}高标准农田建设项目进展情况", "{u}村庄规划编制情况"),
    "xqjy": ("{u}普惠性幼儿园认定名单", "{u}公办幼儿园招生工作方案", "{u}学前教育资助资金发放情况"),
    "ywjy": ("{u}义务教育阶段学校招生工作方案", "{u}“双减”工作进展情况", "{u}校外培训机构白名单"),
    "zfcg": ("{u}政府采购意向公开", "{u}政府采购合同公开", "{u}政府集中采购目录及限额标准"),
    "czzj": ("{u}直达资金分配情况", "{u}直达资金支出进度", "{u}直达资金监控情况"),
    "ggqsy": ("{u}公共企事业单位信息公开适用主体清单", "{u}供水企业信息公开目录", "{u}公共交通企业服务信息公开",
              "{u}医疗卫生机构信息公开目录"),
    "yjzj": ("关于《{u}农村人居环境整治实施方案（征求意见稿）》公开征求意见的公告",
             "《{u}农村人居环境整治实施方案（征求意见稿）》征集结果反馈",
             "关于《{u}公共停车场管理办法（征求意见稿）》公开征求意见的公告",
             "《{u}公共停车场管理办法（征求意见稿）》征集结果反馈"),
    "zfgb": tuple(f"示例县人民政府公报{{y}}年第{n}期" for n in (11, 10, 9, 8, 7, 6)),
    "snbt": ("{u}{y}年耕地地力保护补贴发放结果", "{u}{y}年农机购置补贴发放结果", "{u}{y}年涉农补贴申报通知",
             "{u}{y}年稻谷目标价格补贴发放结果"),
    "hmbt": ("{u}{y}年惠民惠农财政补贴资金发放结果", "{u}惠民惠农财政补贴政策清单", "{u}惠民惠农“一卡通”发放情况"),
}
_REQUIRED_BODY: tuple[str, ...] = (
    "根据政务公开工作要点要求，现将有关信息公开如下。",
    "如对公开内容有疑问，请在工作日与我单位联系，联系电话：0660-1234567。",
    "本信息自发布之日起公开，接受社会监督。",
)
# Pages the demo's manual-items file cites as evidence (role "evidence:<clause>").
EVIDENCE: dict[str, tuple[str, str, int]] = {
    "46": ("gzdt", "示例县召开{y}年政务公开工作领导小组会议", 45),
    "48": ("gzdt", "示例县举办{y}年政务公开业务培训班", 60),
}


def _required_entries(plan: PortalPlan) -> None:
    """Dated, fresh entries of the plan-required columns, from their own random
    stream (the rest of the portal does not move when these change)."""
    rng = random.Random(plan.seed * 7919 + 3)
    y = plan.as_of.year
    for u in plan.units.values():
        short = u.name.replace("人民政府", "")
        for c in u.columns.values():
            titles = _REQUIRED_TITLES.get(c.key)
            if titles is None or c.ctype != "other":
                continue
            d = plan.as_of - dt.timedelta(days=rng.randint(2, 30))
            for t in titles:
                e = Entry(plan.new_id(), u.id, c.key, t.format(u=short, y=y), d, source=u.sponsor,
                          body=list(_REQUIRED_BODY))
                if "适用主体清单" in e.title or c.key == "zfgb":
                    e.attachments.append(Attachment(f"{e.title}.pdf", "", "pdf", title=e.title))
                c.entries.append(e)
                d -= dt.timedelta(days=rng.randint(10, 40))
    county = plan.units["county"]
    for clause, (key, title, age) in EVIDENCE.items():
        e = Entry(plan.new_id(), "county", key, title.format(y=y), plan.as_of - dt.timedelta(days=age),
                  source="示例县人民政府办公室", body=list(C.NEWS_PARAGRAPHS[:3]), role=f"evidence:{clause}")
        county.columns[key].entries.append(e)


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
    _interpretations(plan)
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
    _link_interpretations(plan)
    by_entry = {f"@entry{e.id}": e.path for u in plan.units.values() for c in u.columns.values() for e in c.entries}
    for t in plan.truth:
        t.path = by_entry.get(t.path, t.path)
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


# Days after its document a late 解读 (interpretation_late) comes out: more than
# checks/normative/interpretation's default 3 working days whatever the weekday.
LATE_INTERPRETATION_DAYS = 12
_ISSUED = ("印发《", "转发《", "发布《")


def interpretation_title(d: Doc) -> str:
    """The 解读's title names the document in 《》: the document a 印发 notice
    issues, else the notice itself."""
    name = d.title
    if any(k in d.title for k in _ISSUED) and "《" in d.title:
        name = d.title[d.title.index("《") + 1:d.title.index("》")]
    return f"《{name}》政策解读"


def _interpretations(plan: PortalPlan) -> None:
    """Every 规范性文件 of a unit with a 政策解读 column gets its 解读 there,
    published the same day (三同步), unless a defect says otherwise.  Runs
    after the defects (documents are re-dated by them), before paths."""
    for u in plan.units.values():
        col = u.columns.get("zcjd")
        if col is None:
            continue
        for d in plan.docs(u.id):
            if d.interp_mode == "missing":
                continue
            delay = LATE_INTERPRETATION_DAYS if d.interp_mode == "late" else 0
            name = interpretation_title(d)[1:-len("》政策解读")]
            e = Entry(plan.new_id(), u.id, col.key, interpretation_title(d), d.published + dt.timedelta(days=delay),
                      source=d.source or u.sponsor, role="interpretation", about=d,
                      body=[f"近日，{d.source}印发了《{name}》。为便于社会公众了解文件内容，现解读如下。",
                            "一、制定背景。为进一步做好相关工作，结合本地实际，制定本文件。",
                            "二、主要内容。文件明确了工作目标、主要任务和保障措施。",
                            "三、执行时间。文件自公布之日起施行。"])
            d.interp = e
            col.entries.append(e)


def _link_interpretations(plan: PortalPlan) -> None:
    """Once paths are known: the document links its 解读, the 解读 its document."""
    for d in plan.docs(None):
        e = d.interp
        if e is None:
            continue
        d.extra_links.append((e.path, f"相关解读：{e.title}"))
        if d.interp_mode != "no_link_back":
            e.extra_links.append((d.path, f"原文链接：{d.title}"))
