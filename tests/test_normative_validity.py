"""有效性 values, 有效期 sentences (the document's own only) and repeal lists."""

import datetime as dt

import pytest

from extract.validity import find_expiry, is_repeal_notice, normalise_validity, repeal_targets

D = dt.date


@pytest.mark.parametrize("value,canon", [
    ("有效", "有效"), ("现行有效", "有效"), (" 失效 ", "失效"), ("已废止", "废止"), ("已修订", "已修改"),
    ("尚未生效", "尚未生效"), ("长期", None), ("长期有效", None), ("", None),
])
def test_normalise_validity(value, canon):
    assert normalise_validity(value) == canon


@pytest.mark.parametrize("text,expiry", [
    ("本办法自2023年4月1日起施行，有效期5年。", D(2028, 3, 31)),
    ("本规定自2021年1月1日起施行，有效期两年。", D(2022, 12, 31)),
    ("本意见自2020年7月1日起实施，有效期3年", D(2023, 6, 30)),
    ("本通知自印发之日起施行，有效期至2025年12月31日。", D(2025, 12, 31)),
    ("本细则自2022年3月1日起施行，有效期为18个月。", D(2023, 8, 31)),
    ("自二〇二一年一月一日起施行，有效期五年。", D(2025, 12, 31)),
])
def test_document_expiry(text, expiry):
    found = find_expiry(text)
    assert [s.expiry for s in found] == [expiry]


def test_start_from_issuing_date_uses_written_date():
    found = find_expiry("本办法自印发之日起施行，有效期3年。", written=D(2020, 5, 6), published=D(2020, 5, 9))
    assert found[0].start == D(2020, 5, 6) and found[0].expiry == D(2023, 5, 5)


def test_start_unknown_gives_no_expiry_date():
    found = find_expiry("本办法自印发之日起施行，有效期3年。")
    assert found and found[0].expiry is None


@pytest.mark.parametrize("text", [
    "经评定达到相应等级的机构，由县民政局颁发证书，评估结果有效期3年，期满后重新评定。",
    "取得许可的，许可证有效期5年。",
    "认定的资格有效期为3年。",
    "项目批复文件有效期2年，逾期自动失效。",
    "证书自颁发之日起生效，有效期3年。",
    "入选名单的企业有效期3年。",
])
def test_other_subjects_are_not_the_documents_validity(text):
    assert find_expiry(text) == []


def test_repeal_notice_titles():
    assert is_repeal_notice("示例县人民政府关于宣布失效一批规范性文件的通知")
    assert is_repeal_notice("关于公布规范性文件清理结果的通知")
    assert not is_repeal_notice("示例县人民政府关于印发《农村集体资产管理办法》的通知")


def test_repeal_list_skips_preamble_citations():
    lines = [
        "根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）要求，经清理，决定宣布下列规范性文件失效：",
        "1. 示例县人民政府关于印发《示例县城市绿化管理办法》的通知（示府〔2019〕3号）",
        "2. 示例县人民政府办公室关于加强安全生产工作的通知（示府办〔2020〕12号）",
        "本通知自印发之日起施行。",
    ]
    targets = repeal_targets(lines, "示例县人民政府关于宣布失效一批规范性文件的通知")
    assert [t.doc_numbers for t in targets] == [("示府〔2019〕3号",), ("示府办〔2020〕12号",)]
    assert "示例县人民政府关于印发《示例县城市绿化管理办法》的通知" in targets[0].titles


def test_cleanup_result_only_counts_the_repeal_section():
    lines = [
        "一、继续有效的规范性文件",
        "1. 关于印发《示例县河道管理办法》的通知（示府〔2018〕1号）",
        "二、宣布失效的规范性文件",
        "1. 关于印发《示例县摊贩管理办法》的通知（示府〔2015〕9号）",
        "三、修改的规范性文件",
        "1. 关于印发《示例县停车管理办法》的通知（示府〔2017〕4号）",
    ]
    targets = repeal_targets(lines, "关于公布规范性文件清理结果的通知")
    assert [t.doc_numbers for t in targets] == [("示府〔2015〕9号",)]
