"""文号 format (GB/T 9704-2012) and the 60-row gov.cn control set."""

import csv
from pathlib import Path

import pytest

from checks.normative.issuer import names_website
from checks.normative.topic import topic_category
from extract.dates import parse_date
from extract.doc_number import find_doc_numbers, parse_doc_number, validate_doc_number
from extract.index_no import parse_index_no

TSV = Path(__file__).parent / "fixtures" / "realpages" / "govcn_guowuyuan_60_metadata.tsv"


@pytest.mark.parametrize("value", [
    "国发〔2019〕5号", "国办发〔1996〕25号", "国办发明电〔2018〕15号", "珠高办〔2021〕50号", "国令第707号",
    "中华人民共和国国务院令第707号", "国家税务总局公告2019年第1号", "交通运输部令2019年第1号",
    "金罚决字〔2024〕36号", "国办发〔2018〕1号、国发〔2018〕2号", " 示府〔2023〕12号 ",
])
def test_well_formed(value):
    assert validate_doc_number(value) == []


@pytest.mark.parametrize("value,fragment", [
    ("珠高办[2021]50号", "六角括号"),
    ("珠高办［2021］50号", "六角括号"),
    ("珠高办(2021)50号", "六角括号"),
    ("珠高办（2021）50号", "六角括号"),
    ("珠高办【2021】50号", "六角括号"),
    ("珠高办〔21〕50号", "四位"),
    ("珠高办〔2021〕第50号", "第"),
    ("珠高办〔2021〕001号", "虚位"),
    ("珠高办2021年50号", "不是可识别"),
    ("第50号", "不是可识别"),
])
def test_defects(value, fragment):
    problems = validate_doc_number(value)
    assert problems and any(fragment in p for p in problems), problems


def test_several_defects_reported_together():
    dn = parse_doc_number("示财【2024】第003号")
    assert dn is not None and len(dn.problems) == 3


def test_find_doc_numbers_in_text():
    text = "1. 关于印发《某办法》的通知（示府〔2021〕3号）\n2. 国务院令第707号；3. 示府办[2020]5号"
    assert find_doc_numbers(text) == ["示府〔2021〕3号", "国务院令第707号", "示府办[2020]5号"]


def _rows():
    with TSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_tsv_has_sixty_rows():
    assert len(_rows()) == 60


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["url"].rsplit("/", 1)[-1])
def test_govcn_control_row_has_no_format_error(row):
    """A clean control: every value-level validator accepts every row."""
    assert validate_doc_number(row["发文字号"]) == [], row["发文字号"]
    assert topic_category(row["主题分类"]) is not None, row["主题分类"]
    written, published = parse_date(row["成文日期"]), parse_date(row["发布日期"])
    assert written and published and published >= written
    idx = parse_index_no(row["索引号"])
    assert idx is not None and idx.year == written.year and not idx.uscc
    assert not names_website(row["发文机关"])
