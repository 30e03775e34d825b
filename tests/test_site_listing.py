"""List-page extraction on real TRS pages (邯郸) and on fixtures built from
the TRS, Hanweb datastore and gov.cn list patterns."""

import datetime as dt
from pathlib import Path

from extract.encoding import decode_html
from extract.listing import canonical_column_url, is_later_page, page_number, parse_listing

REAL = Path(__file__).parent / "fixtures" / "realpages"
FIX = Path(__file__).parent / "fixtures" / "site"


def real(name: str) -> str:
    return decode_html((REAL / name).read_bytes()).text


def fixture(name: str) -> str:
    return decode_html((FIX / name).read_bytes()).text


def test_handan_list_row_pagination_and_breadcrumb():
    listing = parse_listing(real("handan_xxgk_list.jsp.html"), "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/")
    assert [(r.title, r.date) for r in listing.rows] == [
        ("邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知", dt.date(2020, 8, 5))]
    assert listing.rows[0].href == "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html"
    assert listing.pagination.total_items == 6348 and listing.pagination.total_pages == 56
    assert listing.pagination.current_page == 1
    assert listing.column_name == "近期信息公开" and listing.column_name_source == "breadcrumb"
    assert "邯郸市政府信息公开" in listing.names      # the generic ColumnName meta is kept as a candidate


def test_handan_index_reads_the_dated_document_list():
    listing = parse_listing(real("handan_xxgk_index.jsp.html"), "http://hdzfxxgk.hd.gov.cn/")
    assert listing.newest is not None and listing.newest.date == dt.date(2020, 7, 29)
    assert {r.date for r in listing.rows} == {dt.date(2020, 7, 29), dt.date(2020, 7, 27),
                                              dt.date(2020, 1, 23), dt.date(2020, 4, 24)}


def test_handan_gkzn_column_name_from_meta_and_no_dates():
    listing = parse_listing(real("handan_xxgk_gkzn.jsp.html"), "http://hdzfxxgk.hd.gov.cn/zfxxgkzn/")
    assert listing.column_name == "政府信息公开指南"
    assert listing.column_name_source == "meta ColumnName"
    assert listing.rows and not listing.dated_rows


def test_trs_gbk_list_main_list_wins_over_sidebar_and_nav():
    listing = parse_listing(fixture("trs_list_gbk.html"), "http://example.gov.cn/zwgk/tzgg/index.html")
    assert listing.column_name == "通知公告"
    assert [r.date for r in listing.rows] == [dt.date(2024, 3, 15), dt.date(2024, 2, 20), dt.date(2024, 1, 5)]
    assert listing.rows[2].title == "关于开展2023年度鎔铸工程评审的通知"     # GBK-only character survived
    assert listing.rows[0].href == "http://example.gov.cn/zwgk/tzgg/202403/t20240315_1001.html"
    assert listing.pagination.total_pages == 3 and listing.pagination.current_page == 1


def test_hanweb_datastore_records_are_the_rows():
    listing = parse_listing(fixture("hanweb_datastore.html"), "http://example.gov.cn/col/col1229040099/index.html")
    assert listing.datastore
    assert [r.source for r in listing.rows] == ["datastore"] * 3
    assert listing.rows[2].title == "2024年一季度经济运行分析会召开"
    assert listing.newest.date == dt.date(2024, 4, 8)
    assert listing.pagination.total_items == 3


def test_hanweb_empty_datastore_and_empty_marker():
    empty_store = parse_listing(fixture("hanweb_empty_datastore.html"), "http://example.gov.cn/col/col2/index.html")
    assert empty_store.datastore and empty_store.rows == ()
    blank = parse_listing(fixture("empty_list.html"), "http://example.gov.cn/zwgk/ghjh/")
    assert blank.rows == () and blank.empty_marker == "暂无信息"
    assert blank.column_name == "规划计划"


def test_govcn_list_split_over_several_ul():
    listing = parse_listing(fixture("govcn_list.html"), "http://www.gov.cn/zhengce/zuixin/")
    assert len(listing.rows) == 3
    assert listing.column_name == "最新政策"


def test_first_and_later_pages():
    assert page_number("http://a.gov.cn/col/index_1.html") == 2
    assert is_later_page("http://a.gov.cn/col/index_3.html")
    assert is_later_page("http://a.gov.cn/col/list.jsp?page=2")
    assert not is_later_page("http://a.gov.cn/col/index.html")
    assert not is_later_page("http://a.gov.cn/col/list.jsp?page=1")
    assert canonical_column_url("http://a.gov.cn/col/index_2.html") == canonical_column_url("http://a.gov.cn/col/")
    assert canonical_column_url("http://a.gov.cn/col/index.html") == "http://a.gov.cn/col/"
    assert canonical_column_url("http://a.gov.cn/l.jsp?cid=5&page=3") == "http://a.gov.cn/l.jsp?cid=5"
