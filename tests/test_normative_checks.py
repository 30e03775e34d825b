"""The 规范性文件 checks on small in-memory portals: one defect, one finding."""

from __future__ import annotations

import datetime as dt

import pytest

from checks.normative._common import decide_normative
from checks.registry import all_checks
from checks.runner import run_checks
from extract.metadata import extract_metadata
from zwgk_audit.model import Link, LinkKind, Page, PageKind, Snapshot, Status, Unit

AS_OF = dt.date(2025, 6, 30)
BASE = "http://gov.example/"
UNIT = Unit(id="county", name="示例县人民政府", base_url=BASE)

FIELDS = {
    "索引号": "11441700007280420Y/2024-00012",
    "主题分类": "农业、林业、水利\\农业、畜牧业、渔业",
    "发布机构": "示例县人民政府",
    "成文日期": "2024年03月01日",
    "名称": "示例县人民政府关于印发《示例县农村集体资产管理办法》的通知",
    "文号": "示府〔2024〕12号",
    "发布日期": "2024年03月05日",
    "有效性": "有效",
}


def doc_html(fields: dict[str, str] | None = None, body: tuple[str, ...] = (), column: str = "规范性文件",
             title: str | None = None) -> str:
    f = dict(FIELDS if fields is None else fields)
    items = "\n".join(f"<p><strong>{k}</strong>：{v}</p>" for k, v in f.items() if v is not None)
    paras = "\n".join(f"<p>{p}</p>" for p in body)
    heading = title or f.get("名称") or ""
    return (f'<html><head><meta name="ColumnName" content="{column}"><title>{heading}</title></head><body>'
            f'<div class="xxgk_info">{items}</div><h1 class="article-title">{heading}</h1>'
            f'<div class="TRS_Editor">{paras}</div></body></html>')


def page(path: str, html: str, kind: PageKind = PageKind.DETAIL) -> Page:
    return Page(unit="county", url=BASE + path, final_url=BASE + path, status=200, kind=kind,
                content_type="text/html", text=html)


def audit(*pages: Page, links=(), settings=None, check: str | None = None):
    snap = Snapshot([UNIT], pages, links)
    # Document-level checks (library and list agreement: tests/test_normative_library.py).
    checks = [c for c in all_checks() if c.meta.id.startswith("normative.")
              and "links" not in c.meta.requires and (check is None or c.meta.id == check)]
    return run_checks(snap, AS_OF, settings=settings, checks=checks)


def bad(findings):
    return sorted((f.check_id, f.url.removeprefix(BASE), f.key, f.status.value)
                  for f in findings if f.status not in (Status.PASS, Status.NA))


# ---------------------------------------------------------------- which pages

def test_clean_document_passes_every_check_with_evidence():
    fs = audit(page("gfxwj/a.html", doc_html(body=("本办法自2024年4月1日起施行，有效期5年。",))))
    assert bad(fs) == []
    ids = {f.check_id for f in fs if f.status == Status.PASS}
    assert ids == {"normative.fields", "normative.doc_number", "normative.index_no", "normative.topic",
                   "normative.dates", "normative.validity", "normative.issuer", "normative.expiry"}
    for f in fs:
        assert f.url == BASE + "gfxwj/a.html" and f.basis and f.title


@pytest.mark.parametrize("column,breadcrumb,hints,with_validity,expected", [
    ("规范性文件", "", [], True, True),
    ("政府文件", "首页 > 政务公开 > 规范性文件", [], False, True),
    ("政府文件", "", ["规范性文件_示例县人民政府"], False, True),
    ("政府文件", "", [], True, True),          # 有效性 field: a 规范性文件 page
    ("其他文件", "", [], False, False),
    ("规范性文件解读", "", [], False, False),
])
def test_decide_normative(column, breadcrumb, hints, with_validity, expected):
    fields = dict(FIELDS)
    if not with_validity:
        fields.pop("有效性")
    html = doc_html(fields, column=column).replace(
        "<body>", f'<body><div class="breadcrumb">{breadcrumb}</div>' if breadcrumb else "<body>")
    d = decide_normative(extract_metadata(html), hints)
    assert d.is_normative is expected, d.reason


def test_list_page_link_makes_a_document_normative():
    fields = dict(FIELDS)
    fields.pop("有效性")
    doc = page("wj/a.html", doc_html(fields, column="政府文件"))
    listing = page("gfxwj/index.html", '<html><head><meta name="ColumnName" content="规范性文件"></head>'
                   '<body><a href="/wj/a.html">文件</a></body></html>', PageKind.COLUMN)
    link = Link("county", listing.url, doc.url, "文件", LinkKind.PAGE)
    assert audit(doc, listing, check="normative.fields") == []
    fs = audit(doc, listing, links=[link], check="normative.fields")
    assert bad(fs) == [("normative.fields", "wj/a.html", "validity", "fail")]


def test_non_normative_document_is_not_checked():
    fields = dict(FIELDS, 文号="无")
    fields.pop("有效性")
    assert audit(page("qtwj/a.html", doc_html(fields, column="其他文件"))) == []


# ---------------------------------------------------------------- fields

@pytest.mark.parametrize("label,key", [(k, v) for k, v in zip(FIELDS, (
    "index_no", "topic", "issuer", "written_date", "title", "doc_number", "published_date", "validity"))])
def test_missing_field(label, key):
    fields = dict(FIELDS, **{label: ""})
    html = doc_html(fields, title="" if key == "title" else None)
    if key == "title":
        html = html.replace('<h1 class="article-title"></h1>', "")
    fs = audit(page("gfxwj/a.html", html), check="normative.fields")
    assert bad(fs) == [("normative.fields", "gfxwj/a.html", key, "fail")]


def test_field_in_comment_is_missing_and_says_so():
    html = doc_html().replace("<p><strong>成文日期</strong>：2024年03月01日</p>",
                              "<!--<p><strong>成文日期</strong>：2024年03月01日</p>-->")
    [f] = [f for f in audit(page("gfxwj/a.html", html), check="normative.fields") if f.status == Status.FAIL]
    assert f.key == "written_date" and "仅存在于HTML注释中" in f.message and "读者看不到" in f.message
    assert f.evidence.value == "2024年03月01日"


def test_hidden_field_is_missing_and_says_so():
    html = doc_html().replace("<p><strong>索引号</strong>", '<p style="display: none"><strong>索引号</strong>')
    [f] = [f for f in audit(page("gfxwj/a.html", html), check="normative.fields") if f.status == Status.FAIL]
    assert f.key == "index_no" and "仅存在于隐藏元素中" in f.message


def test_unrendered_script_page_is_unknown_not_fail():
    html = ('<html ng-app="x"><head><meta name="ColumnName" content="规范性文件"></head><body>'
            '<div class="ng-hide"><span>索引号：{{d.no}}</span><span>有效性：{{d.v}}</span></div></body></html>')
    fs = audit(page("gfxwj/a.html", html), check="normative.fields")
    assert fs and all(f.status == Status.UNKNOWN for f in fs)
    assert "浏览器" in fs[0].message


# ---------------------------------------------------------------- formats

@pytest.mark.parametrize("number,ok", [
    ("示府〔2024〕12号", True), ("国令第707号", True), ("示府[2024]12号", False), ("示府(2024)12号", False),
    ("示府【2024】12号", False), ("示府〔24〕12号", False), ("示府〔2024〕第12号", False),
    ("示府〔2024〕012号", False), ("无", False),
])
def test_doc_number(number, ok):
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 文号=number))), check="normative.doc_number")
    assert [f.status for f in fs] == [Status.PASS if ok else Status.FAIL]
    assert fs[0].evidence.value == number


@pytest.mark.parametrize("topic,ok", [
    ("科技、教育\\教育", True), ("其他", True), ("市场监管、安全生产监管/工商", True), ("国防", True),
    ("教育", False), ("政务公开", False), ("科技教育", True),
])
def test_topic(topic, ok):
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 主题分类=topic))), check="normative.topic")
    assert [f.status for f in fs] == [Status.PASS if ok else Status.FAIL]


@pytest.mark.parametrize("value,ok", [("有效", True), ("现行有效", True), ("废止", True), ("已修订", True),
                                      ("尚未生效", True), ("长期", False), ("是", False)])
def test_validity(value, ok):
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 有效性=value))), check="normative.validity")
    assert [f.status for f in fs] == [Status.PASS if ok else Status.FAIL]


@pytest.mark.parametrize("issuer,ok", [("示例县人民政府", True), ("示例县人民政府网站", False),
                                      ("示例县政府门户网站", False), ("示例县政府网", False),
                                      ("示例县人民政府、示例县政府网", False), ("国家电网", True)])
def test_issuer(issuer, ok):
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 发布机构=issuer))), check="normative.issuer")
    assert [f.status for f in fs] == [Status.PASS if ok else Status.FAIL]


# ---------------------------------------------------------------- dates

def test_published_before_written_fails():
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 成文日期="2024年03月10日"))), check="normative.dates")
    assert bad(fs) == [("normative.dates", "gfxwj/a.html", "order", "fail")]


def test_late_publication_is_a_reminder_naming_the_calendar_limit():
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 成文日期="2024-01-02"))), check="normative.dates")
    [late] = [f for f in fs if f.key == "late"]
    assert late.status == Status.WARN and "未计法定节假日" in late.message
    assert any("第二十六条" == c.clause for c in late.basis)


def test_late_threshold_is_a_setting():
    html = doc_html(dict(FIELDS, 成文日期="2024-01-02"))
    fs = audit(page("gfxwj/a.html", html), settings={"publish_late_working_days": 60}, check="normative.dates")
    assert bad(fs) == []


def test_unreadable_date_is_unknown():
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 成文日期="2024年13月45日"))), check="normative.dates")
    assert [f.status for f in fs] == [Status.UNKNOWN]


# ---------------------------------------------------------------- index numbers

def test_duplicate_reported_on_the_later_document_with_the_other_url():
    a = page("gfxwj/a.html", doc_html())
    b = page("gfxwj/b.html", doc_html(dict(FIELDS, 发布日期="2024年03月06日", 文号="示府〔2024〕13号")))
    fs = audit(b, a, check="normative.index_no")
    [dup] = [f for f in fs if f.key == "duplicate" and f.status == Status.FAIL]
    assert dup.url == b.url and dup.evidence.details["other_url"] == a.url


def test_bad_credit_code_in_index_no():
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 索引号="11441700007280420X/2024-00012"))),
               check="normative.index_no")
    [f] = [f for f in fs if f.key == "uscc"]
    assert f.status == Status.FAIL and f.evidence.expected == "11441700007280420Y"


def test_letter_authority_credit_code_is_accepted():
    from extract.index_no import uscc_check_char
    code = "A1441700007280420"
    fs = audit(page("gfxwj/a.html", doc_html(dict(FIELDS, 索引号=f"{code}{uscc_check_char(code)}/2024-00012"))),
               check="normative.index_no")
    assert bad(fs) == []


def test_index_year_differs_is_warn_and_configurable():
    html = doc_html(dict(FIELDS, 索引号="11441700007280420Y/2023-00012"))
    fs = audit(page("gfxwj/a.html", html), check="normative.index_no")
    assert bad(fs) == [("normative.index_no", "gfxwj/a.html", "year", "warn")]
    fs = audit(page("gfxwj/a.html", html), settings={"index_no_year_check": False}, check="normative.index_no")
    assert bad(fs) == []


# ---------------------------------------------------------------- expiry and repeal

def test_expired_document_still_valid_fails():
    html = doc_html(dict(FIELDS, 成文日期="2018年12月01日", 发布日期="2018年12月05日",
                         索引号="11441700007280420Y/2018-00012", 文号="示府〔2018〕12号"),
                    body=("本办法自2019年1月1日起施行，有效期5年。",))
    fs = audit(page("gfxwj/a.html", html), check="normative.expiry")
    [f] = fs
    assert (f.status, f.key) == (Status.FAIL, "expired") and "2023-12-31" in f.message
    assert "有效期5年" in f.evidence.snippet


def test_expired_document_marked_invalid_passes():
    html = doc_html(dict(FIELDS, 有效性="失效"), body=("本办法自2019年1月1日起施行，有效期5年。",))
    assert bad(audit(page("gfxwj/a.html", html), check="normative.expiry")) == []


def test_other_validity_period_is_not_the_documents():
    html = doc_html(body=("经评定达到相应等级的机构，由县民政局颁发证书，评估结果有效期3年，期满后重新评定。",
                          "本办法自2019年1月1日起施行。"))
    assert audit(page("gfxwj/a.html", html), check="normative.expiry") == []


def test_repealed_by_notice_while_still_valid():
    target = page("gfxwj/a.html", doc_html())
    kept = page("gfxwj/b.html", doc_html(dict(FIELDS, 索引号="11441700007280420Y/2024-00013",
                                              文号="示府〔2024〕13号", 名称="示例县人民政府关于另一件事的通知")))
    notice_fields = dict(FIELDS, 索引号="11441700007280420Y/2025-00001", 文号="示府〔2025〕1号",
                         名称="示例县人民政府关于宣布失效一批规范性文件的通知",
                         成文日期="2025年05月01日", 发布日期="2025年05月06日")
    notice = page("gfxwj/n.html", doc_html(notice_fields, body=(
        "根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号），决定宣布下列规范性文件失效：",
        "1. 示例县人民政府关于印发《示例县农村集体资产管理办法》的通知（示府〔2024〕12号）",
        "本通知自印发之日起施行。")))
    fs = audit(target, kept, notice, check="normative.expiry")
    assert bad(fs) == [("normative.expiry", "gfxwj/a.html", "repealed", "fail")]
    [f] = [f for f in fs if f.status == Status.FAIL]
    assert f.evidence.details["notice_url"] == notice.url
    repealed_passes = {f.url for f in fs if f.key == "repealed" and f.status == Status.PASS}
    assert kept.url in repealed_passes and notice.url in repealed_passes


def test_repealed_document_marked_repealed_passes():
    target = page("gfxwj/a.html", doc_html(dict(FIELDS, 有效性="废止")))
    notice = page("gfxwj/n.html", doc_html(dict(FIELDS, 索引号="x/2025-1", 文号="示府〔2025〕1号",
                                                名称="关于宣布失效一批规范性文件的通知"),
                                           body=("1. 示府〔2024〕12号",)))
    assert bad(audit(target, notice, check="normative.expiry")) == []


# ---------------------------------------------------------------- robustness

def test_broken_pages_do_not_crash_the_checks():
    pages = [page("gfxwj/1.html", "<html><body><p>索引号：<b>1/2024-1<p>有效性：<td>有效"),
             page("gfxwj/2.html", "\x00\x01\x02"),
             page("gfxwj/3.html", "<!-- <p>成文日期：2024-01-01"),
             page("gfxwj/4.html", "")]
    fs = audit(*pages)
    assert not [f for f in fs if f.key == "check-error"]


def test_a_notice_naming_a_same_titled_document_by_another_number_does_not_repeal_this_one():
    # 2024 re-issue of a document whose 2019 version was repealed under the same name.
    current = page("gfxwj/a.html", doc_html())            # 示府〔2024〕12号
    notice_fields = dict(FIELDS, 索引号="11441700007280420Y/2025-00001", 文号="示府〔2025〕1号",
                         名称="示例县人民政府关于宣布失效一批规范性文件的通知",
                         成文日期="2025年05月01日", 发布日期="2025年05月06日")
    notice = page("gfxwj/n.html", doc_html(notice_fields, body=(
        "决定宣布下列规范性文件失效：",
        "1. 示例县人民政府关于印发《示例县农村集体资产管理办法》的通知（示府〔2019〕3号）",
        "本通知自印发之日起施行。")))
    fs = audit(current, notice, check="normative.expiry")
    assert not [f for f in fs if f.status == Status.FAIL], [f.message for f in fs if f.status == Status.FAIL]
