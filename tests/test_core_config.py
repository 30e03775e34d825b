import pytest

from zwgk_audit.config import ConfigError, load_config, parse_config

GOOD = """
[audit]
name = "示例县政务公开办季度检查"
plan = "003"
concurrency_per_host = 2

[[unit]]
id = "county"
name = "示例县人民政府"
unit = "示例县人民政府办公室"
base_url = "http://127.0.0.1:8080/"
entry_urls = ["http://127.0.0.1:8080/zwgk/index.html"]
max_pages = 300

[[unit]]
id = "jyj"
name = "示例县教育局"
base_url = "http://127.0.0.1:8080/bm/jyj/"
plan = "004"
obey_robots = false
"""


def test_a_good_config_gives_units_with_inherited_settings():
    cfg = parse_config(GOOD, "a.toml")
    county, jyj = cfg.units
    assert county.unit.plan == "003" and jyj.unit.plan == "004"
    assert county.scope.max_pages == 300 and jyj.scope.max_pages == 2000
    assert county.politeness.concurrency_per_host == 2 == jyj.politeness.concurrency_per_host
    assert jyj.politeness.obey_robots is False and county.politeness.obey_robots is True
    assert county.unit.scope_prefixes == ("http://127.0.0.1:8080/",)


@pytest.mark.parametrize("text, needle", [
    (GOOD.replace("max_pages = 300", 'max_pages = "many"'), "a.toml:13: [[unit]] 第1个 max_pages"),
    (GOOD.replace('base_url = "http://127.0.0.1:8080/"', 'base_url = "ftp://x"'), "base_url: 不是有效的"),
    (GOOD.replace('id = "jyj"', 'id = "county"'), "单位 id 重复"),
    (GOOD + "\n[[unit]]\nid = \"x\"\nname = \"X\"\n", "base_url: 缺少必填项"),
    (GOOD.replace("max_pages = 300", "max_pagez = 300"), "max_pagez: 未知的配置项"),
    ("[audit\nname=1", "TOML 语法错误"),
    ("[audit]\nname='x'\n", "至少需要一个 [[unit]]"),
    (GOOD + "\n[extra]\n", "未知的顶层配置 [extra]"),
    (GOOD.replace("max_pages = 300", "max_pages = -1"), "不能为负数"),
])
def test_errors_name_the_file_the_key_and_the_problem(text, needle):
    with pytest.raises(ConfigError) as err:
        parse_config(text, "a.toml")
    assert needle in str(err.value)


def test_unreadable_and_non_utf8_files(tmp_path):
    with pytest.raises(ConfigError, match="无法读取"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "gbk.toml"
    bad.write_bytes(GOOD.encode("gbk"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(bad)


def test_relative_store_is_next_to_the_config(tmp_path):
    p = tmp_path / "audit.toml"
    p.write_text(GOOD.replace("[audit]", '[audit]\nstore = "runs/audit.sqlite"'), encoding="utf-8")
    assert load_config(p).store == tmp_path / "runs" / "audit.sqlite"
