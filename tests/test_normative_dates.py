"""Dates in every form Chinese portals write them."""

import datetime as dt

import pytest

from extract.dates import add_years, cn_small_number, find_dates, parse_date, working_days_between

D = dt.date


@pytest.mark.parametrize("text,expected", [
    ("2024-01-15", D(2024, 1, 15)),
    ("2024-1-5 10:30:00", D(2024, 1, 5)),
    ("2024年1月15日", D(2024, 1, 15)),
    ("2024年01月15日 09:30", D(2024, 1, 15)),
    ("2024 年 1 月 15 日", D(2024, 1, 15)),
    ("2024/01/15", D(2024, 1, 15)),
    ("2024.01.15", D(2024, 1, 15)),
    ("２０２４年１月１５日", D(2024, 1, 15)),
    ("二〇二三年一月五日", D(2023, 1, 5)),
    ("二○一一年四月八日", D(2011, 4, 8)),
    ("二O一一年四月八日", D(2011, 4, 8)),
    ("二0二三年十二月三十一日", D(2023, 12, 31)),
    ("二〇二〇年十月二十日", D(2020, 10, 20)),
    ("发布日期：2019年02月15日", D(2019, 2, 15)),
])
def test_parse_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "无", "2019年13月45日", "000014349/2019-00007", "2024-02-30", "{{doc.date}}"])
def test_not_a_date(text):
    assert parse_date(text) is None


def test_find_dates_offsets_point_into_the_original_text():
    text = "自２０２３年４月１日起施行，至2028-03-31止"
    found = find_dates(text)
    assert [f.value for f in found] == [D(2023, 4, 1), D(2028, 3, 31)]
    assert text[found[0].start:found[0].end] == found[0].raw


def test_chinese_small_numbers():
    assert [cn_small_number(s) for s in ("五", "十", "十二", "二十", "三十一")] == [5, 10, 12, 20, 31]


def test_working_days_skip_weekends_only():
    # Friday 2024-01-05 -> Friday 2024-01-12: five weekdays after the start.
    assert working_days_between(D(2024, 1, 5), D(2024, 1, 12)) == 5
    assert working_days_between(D(2024, 1, 5), D(2024, 1, 5)) == 0
    assert working_days_between(D(2024, 1, 12), D(2024, 1, 5)) == 0
    # 28 calendar days from a Monday = 20 weekdays.
    assert working_days_between(D(2024, 1, 1), D(2024, 1, 29)) == 20


def test_add_years_handles_29_february():
    assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
