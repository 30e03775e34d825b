"""索引号 parsing and 统一社会信用代码 validation."""

import pytest
from stdnum.cn import uscc as stdnum_uscc

from extract.index_no import index_no_key, parse_index_no, uscc_check_char, validate_uscc


def test_known_government_code_is_valid():
    assert validate_uscc("11441700007280420Y").valid


def test_wrong_check_character_is_reported_with_the_expected_one():
    r = validate_uscc("11441700007280420X")
    assert not r.valid and r.expected_check == "Y" and "校验码" in r.reason


def test_letter_registration_authority_is_not_rejected():
    # stdnum's validate() rejects a letter first character; GB 32100 allows it.
    code = "A1441700007280420"
    full = code + uscc_check_char(code)
    assert not stdnum_uscc.is_valid(full)
    assert validate_uscc(full).valid


@pytest.mark.parametrize("code,fragment", [
    ("11441700007280420", "长度"),
    ("1144170000728042OY", "字符集"),
    ("11A41700007280420Y", "数字"),
])
def test_malformed_codes(code, fragment):
    r = validate_uscc(code)
    assert not r.valid and fragment in r.reason


@pytest.mark.parametrize("value,year,uscc,org", [
    ("11441700007280420Y/2021-00050", 2021, "11441700007280420Y", "007280420"),
    ("000014349/2019-00007", 2019, "", "000014349"),
    ("00001434-9/2019-00007", 2019, "", "000014349"),
    ("11441700007280420Y/2021-03-00012", 2021, "11441700007280420Y", "007280420"),
    ("PZ00101-1700-2023-00059", 2023, "", ""),
    ("MB1C12345/2024-00003", 2024, "", "MB1C12345"),   # org codes may hold letters
])
def test_parse_shapes(value, year, uscc, org):
    idx = parse_index_no(value)
    assert idx is not None and (idx.year, idx.uscc, idx.org_code) == (year, uscc, org)


def test_key_ignores_spacing_and_width():
    assert index_no_key(" 000014349／2019－00007 ") == index_no_key("000014349/2019-00007")
