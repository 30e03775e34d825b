"""extract.search_form: GET search boxes and the URL a browser submits."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from extract.search_form import SearchForm, is_search_page_label, search_forms, search_url

BASE = "http://gov.example/zwgk/gfxwj/index.html"


def test_get_form_with_named_text_input():
    html = ('<form action="search/index.html" method="GET"><input type="hidden" name="siteid" value="7">'
            '<input name="other" type="text"><input type="text" name="searchword"><input type="submit"></form>')
    [f] = search_forms(html, BASE)
    assert f == SearchForm("http://gov.example/zwgk/gfxwj/search/index.html", "searchword", (("siteid", "7"),))


def test_default_method_is_get_and_empty_action_is_the_page():
    [f] = search_forms('<form><input name="q"></form>', BASE + "?x=1")
    assert f.action == BASE and f.field == "q"


def test_post_password_and_javascript_forms_are_ignored():
    html = ('<form method="post" action="/s"><input name="q"></form>'
            '<form action="/login"><input name="user"><input type="password" name="pw"></form>'
            '<form action="javascript:void(0)"><input name="q"></form>'
            '<form action="/x"><input type="checkbox" name="c"></form>')
    assert search_forms(html, BASE) == []


def test_ambiguous_text_inputs_without_known_name_are_skipped():
    assert search_forms('<form action="/s"><input name="a"><input name="b"></form>', BASE) == []


def test_duplicate_forms_collapse():
    html = '<form action="/s"><input name="q"></form>' * 2
    assert len(search_forms(html, BASE)) == 1


def test_search_url_percent_encodes_like_a_browser():
    f = SearchForm("http://gov.example/s/index.html", "q", (("siteid", "7"),))
    url = search_url(f, "关于印发《办法》的通知 a")
    assert url == ("http://gov.example/s/index.html?siteid=7&q=%E5%85%B3%E4%BA%8E%E5%8D%B0%E5%8F%91"
                   "%E3%80%8A%E5%8A%9E%E6%B3%95%E3%80%8B%E7%9A%84%E9%80%9A%E7%9F%A5+a")
    assert urlsplit(search_url(f, "通知", "gbk")).query == "siteid=7&q=%CD%A8%D6%AA"   # the page's charset
    assert parse_qs(urlsplit(url).query)["q"] == ["关于印发《办法》的通知 a"]


def test_search_url_matches_the_simulator_file_name():
    from simulator.search import encoded_query
    f = SearchForm("http://gov.example/s/index.html", "q")
    title = "示例县人民政府办公室关于印发《示例县农村供水管理办法》的通知"
    assert search_url(f, title).split("q=", 1)[1] == encoded_query(title)


def test_page_labels():
    assert is_search_page_label("规范性文件 规范性文件_示例县人民政府")
    assert is_search_page_label("政府信息公开")
    assert not is_search_page_label("政策解读 规范性文件解读")
    assert not is_search_page_label("工作动态")
