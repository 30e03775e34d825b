"""Footer identity extraction on real footers (F13, F14, F15, 邯郸, nfra)."""

from pathlib import Path

import pytest

from extract.encoding import decode_html
from extract.footer import parse_footer, valid_icp, valid_psb, valid_site_code

REAL = Path(__file__).parent / "fixtures" / "realpages"


def real(name: str) -> str:
    return decode_html((REAL / name).read_bytes()).text


def test_f13_handan_complete_and_consistent():
    f = parse_footer(real("F13_handan_hd_gov_cn_1304000009_EXCERPT.html"))
    assert f.site_code.value == "1304000009" and valid_site_code(f.site_code.value)
    assert f.icp.value == "冀ICP备05029117号-1" and valid_icp(f.icp.value)
    assert f.psb.value == "冀公网安备 13042002000523号" and valid_psb(f.psb.value)
    assert f.sponsor.value == "邯郸市人民政府办公室"
    assert f.error_report is not None and f.error_report_site_code == "1304000009"
    assert f.party_mark is not None and "conac" in f.party_mark.snippet
    assert f.injected is None


def test_f14_nfra_excerpt_text_items():
    f = parse_footer(real("F14_nfra_bm55000001_2025_EXCERPT.html"))
    assert f.site_code.value == "bm55000001" and valid_site_code("bm55000001")
    assert f.icp.value == "京ICP备19014889号" and valid_icp(f.icp.value)
    assert f.psb.value == "京公网安备11010202008000号" and valid_psb(f.psb.value)
    assert f.sponsor.value == "国家金融监督管理总局"


def test_nfra_full_page_marks_and_meta_agree():
    f = parse_footer(real("nfra_spa_page_source_xzcf_detail.html"))
    assert f.meta_site_code == "bm55000001" == f.error_report_site_code == f.site_code.value
    assert f.error_report is not None and f.party_mark is not None


def test_f15_footer_injected_by_script():
    f = parse_footer(real("F15_zj_gov_cn_2018_footer_loaded_by_js_EXCERPT.html"))
    assert f.text_items == 0 and f.error_report is None and f.party_mark is None
    assert f.injected is not None and f.injected.value == "/script/0/newfoot.js"


def test_handan_pages_share_one_footer():
    for name in ("handan_xxgk_index.jsp.html", "handan_xxgk_list.jsp.html", "handan_xxgk_gkzn.jsp.html"):
        f = parse_footer(real(name))
        assert (f.site_code.value, f.meta_site_code, f.error_report_site_code) == ("1304000009",) * 3


def test_malformed_values_are_captured_not_dropped():
    html = ("<html><body><div class='footer'><p>网站标识码：13042700 ICP备案：冀ICP备05029117"
            "</p><p>冀公网安备 1304200200052号</p><p>主办：示例县人民政府  承办：示例县大数据中心</p></div></body></html>")
    f = parse_footer(html)
    assert f.site_code.value == "13042700" and not valid_site_code("13042700")
    assert f.icp.value == "冀ICP备05029117" and not valid_icp(f.icp.value)
    assert f.psb.value == "冀公网安备 1304200200052号" and not valid_psb(f.psb.value)
    assert f.sponsor.value == "示例县人民政府"


@pytest.mark.parametrize("code,ok", [("1304000009", True), ("bm55000001", True), ("9904000009", False),
                                     ("130400000", False), ("bm5500001", False), ("BM55000001", True)])
def test_site_code_form(code, ok):
    assert valid_site_code(code) is ok


@pytest.mark.parametrize("value,ok", [("冀ICP备05029117号-1", True), ("京ICP备19014889号", True),
                                      ("冀ICP备05029117", False), ("ICP备05029117号", False),
                                      ("冀ICP备05029117号－2", True), ("冀ICP证050291号", False)])
def test_icp_form(value, ok):
    assert valid_icp(value) is ok
