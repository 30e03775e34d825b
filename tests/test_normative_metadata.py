"""Metadata extraction on real pages and on the markup families of domain.md §6."""

from pathlib import Path

import pytest

from extract.encoding import decode_html
from extract.metadata import extract_metadata

REAL = Path(__file__).parent / "fixtures" / "realpages"
FIX = Path(__file__).parent / "fixtures" / "normative"


def real(name: str):
    return extract_metadata(decode_html((REAL / name).read_bytes()).text)


def fixture(name: str, **kw):
    return extract_metadata(decode_html((FIX / name).read_bytes()).text, **kw)


# ---------------------------------------------------------------- real pages

def test_handan_trs_p_strong():
    m = real("handan_xxgk_details.jsp.html")
    assert m.block_found
    assert m.value("index_no") == "000014348/2020-35147"
    assert m.value("issuer") == "邯郸市教育局"
    assert m.value("title") == "邯郸市教育局关于印发《全市教育系统安全专项整治三年行动实施方案》的通知"
    assert m.value("doc_number") == "无"           # shown, and means "none"
    assert m.value("topic") == "教育"
    assert m.value("published_date") == "2020年08月02日"
    assert m.column_name == "部门信息公开"


def test_handan_fields_inside_comments_are_missing_but_recorded():
    m = real("handan_xxgk_details.jsp.html")
    for name in ("written_date", "keywords", "expiry"):
        f = m.get(name)
        assert f is not None and f.hidden and f.where == "comment", name
        assert m.value(name) == ""
    assert m.get("written_date").raw == "2020年08月02日"
    assert m.get("validity") is None
    assert set(m.missing()) == {"written_date", "validity"}


@pytest.mark.parametrize("name,expected", [
    ("govcn_content_5365945_guofa2019-5.html", {
        "index_no": "000014349/2019-00007", "topic": "市场监管、安全生产监管\\工商", "issuer": "国务院",
        "written_date": "2019年01月27日", "doc_number": "国发〔2019〕5号", "published_date": "2019年02月15日",
        "title": "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见"}),
    ("govcn_content_5351718_guobanfa1996-25_published2018.html", {
        "issuer": "国务院办公厅、中央军委办公厅", "written_date": "1996年06月29日",
        "published_date": "2018年12月24日", "doc_number": "国办发〔1996〕25号"}),
    ("govcn_content_5351177_guoling707.html", {"doc_number": "国令第707号"}),
])
def test_govcn_ucap_nested_tables(name, expected):
    m = real(name)
    for field, value in expected.items():
        assert m.value(field) == value, field
        assert m.get(field).where == "block" and not m.get(field).hidden


def test_govcn_labels_are_kept_raw():
    m = real("govcn_content_5365945_guofa2019-5.html")
    assert m.get("index_no").label == "索引号"      # written 索 引 号：
    assert m.get("issuer").label == "发文机关"
    assert m.get("doc_number").label == "发文字号"


def test_nfra_zhejiang_block_rendered_empty_and_hidden():
    m = real("nfra_spa_page_source_zhejiang_xzcf_empty_metadata.html")
    assert m.spa and not m.needs_browser           # a browser-saved DOM
    for name, label in (("index_no", "索引号"), ("topic", "主题分类"), ("issuer", "办文部门"),
                        ("written_date", "发文日期"), ("doc_number", "文号")):
        f = m.get(name)
        assert f is not None and f.label == label and f.value == "" and f.hidden, name
    assert m.value("title").startswith("国家金融监督管理总局浙江监管局行政处罚信息公开表")
    assert "监管局本级" in m.breadcrumb


def test_nfra_detail_has_no_visible_block():
    m = real("nfra_spa_page_source_xzcf_detail.html")
    for name in ("index_no", "topic", "issuer", "validity"):
        assert m.value(name) == "", name
    assert m.value("title") == "国家金融监督管理总局行政处罚信息公开表"


@pytest.mark.parametrize("name", ["handan_xxgk_list.jsp.html", "handan_xxgk_index.jsp.html",
                                  "handan_xxgk_gkzn.jsp.html", "F15_zj_gov_cn_2018_footer_loaded_by_js_EXCERPT.html"])
def test_pages_without_a_block(name):
    assert not real(name).block_found


# ---------------------------------------------------------------- markup families

def test_trs_li_font_with_ensp_labels_and_badge():
    m = fixture("trs_li_font.html")
    assert m.value("index_no") == "11441700007280420Y/2023-00012"
    assert m.get("index_no").label == "索引号"
    assert m.value("validity") == "有效"
    # 文号 only in the heading's parentheses.
    f = m.get("doc_number")
    assert f.value == "示府〔2023〕12号" and f.where == "title"
    assert "规范性文件" in m.breadcrumb and m.column_name == "规范性文件"


def test_closing_date_in_chinese_numerals_when_block_lacks_it():
    html = (FIX / "trs_li_font.html").read_text("utf-8").replace("<li>成文日期：<font>2023-01-05</font></li>", "")
    m = extract_metadata(html)
    f = m.get("written_date")
    assert f.value == "二〇二三年一月五日" and f.where == "body"


def test_effective_sentence_is_not_a_closing_date():
    html = (FIX / "trs_li_font.html").read_text("utf-8")
    html = html.replace("<li>成文日期：<font>2023-01-05</font></li>", "")
    html = html.replace("<p>示例县人民政府</p>\n<p>二〇二三年一月五日</p>\n", "")
    assert extract_metadata(html).get("written_date") is None


def test_definition_list_with_hidden_fields_and_comment():
    m = fixture("dl_hidden.html")
    assert m.value("index_no") == "000014349/2022-00031"
    assert m.value("topic") == "城乡建设、环境保护/城市规划"
    w = m.get("written_date")
    assert w.hidden and w.how_hidden == "display:none" and w.raw == "2022年3月1日"
    v = m.get("validity")                       # hidden by the page's own stylesheet
    assert v.hidden and v.raw == "有效" and m.value("validity") == ""
    k = m.get("keywords")
    assert k.where == "comment" and k.raw == "城市道路"
    assert set(m.missing()) == {"written_date", "validity"}


def test_guangdong_classify_table():
    m = fixture("gd_classify.html")
    assert m.value("topic") == "城乡建设、环境保护\\城市规划"
    assert m.get("topic").label == "分类"
    assert m.value("doc_number") == "阳府〔2021〕12号"
    assert m.value("written_date") == "2021-03-02"
    assert m.value("title") == "阳江市人民政府关于印发阳江市城市绿化管理办法的通知"
    assert m.missing() == ["validity"]


def test_label_spans_without_colons():
    m = fixture("spans_nocolon.html")
    assert m.value("doc_number") == "示财【2024】第003号"
    assert m.value("issuer") == "示例县政府网站"
    assert m.missing() == []


def test_static_angular_page_needs_a_browser():
    m = fixture("angular_static.html")
    assert m.spa and m.needs_browser and m.block_hidden
    assert m.value("index_no") == "" and m.get("index_no").hidden
    assert m.value("title") == ""                # {{doc.title}} is not a title


def test_same_markup_rendered_by_browser_is_judged_as_is():
    m = fixture("angular_static.html", rendered=True)
    assert not m.needs_browser


def test_placeholders_count_as_missing():
    html = "<div><p>索引号：暂无</p><p>主题分类：-</p><p>文号：无</p><p>有效性：/</p></div>"
    m = extract_metadata(html)
    assert m.get("index_no").raw == "暂无" and m.value("index_no") == ""
    assert m.value("topic") == "" and m.value("validity") == ""
    assert m.value("doc_number") == "无"


def test_broken_html_gives_a_result():
    m = fixture("broken.html")
    assert m.value("index_no") == "000014349/2019-00007"
    assert extract_metadata("").parse_error
    junk = extract_metadata("\x00\x01<<<>>>")
    assert not junk.block_found and junk.missing()


def test_inline_labels_in_one_line():
    m = extract_metadata('<div class="info">发布时间：2024-07-12　来源：浙江监管局　文章类型：原创</div>')
    assert m.value("published_date") == "2024-07-12"
    assert m.value("source") == "浙江监管局"


def test_body_prose_is_not_read_as_metadata():
    html = ('<div class="xxgk"><p>索引号：000014349/2019-00007</p><p>发布机构：示例县人民政府</p></div>'
            '<div class="TRS_Editor"><p>各单位要明确专人负责，来源：群众举报的线索要及时处理，有效期：'
            '以后另行通知的，按通知执行，以上情况请各单位认真落实并于每月底前报送。</p></div>')
    m = extract_metadata(html)
    assert m.get("source") is None and m.get("expiry") is None


def test_short_bare_words_are_not_labels_without_a_label_class():
    assert extract_metadata("<div><span>主题</span> 教育活动周</div>").get("topic") is None
    m = extract_metadata('<div><span class="name">主题</span><span>科技、教育</span></div>')
    assert m.value("topic") == "科技、教育"
