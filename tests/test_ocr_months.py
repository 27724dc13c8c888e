"""Month names OCR misread inside dates, mended where their letters leave one month (page/ocr/months.py)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ita_extract.extract.page.ocr.months import closed_abbreviations, mended_months, month_form
from ita_extract.extract.thai.dates import find_thai_dates


@pytest.mark.parametrize(
    ("read", "mended", "date"),
    [
        ("เมื่อ ๒๒ ธิ.ค. ๖๕", "เมื่อ ๒๒ ธ.ค. ๖๕", datetime.date(2022, 12, 22)),  # a speck read as SARA I
        ("เมื่อ ๖ ก.ุค ๖๗", "เมื่อ ๖ ก.ค. ๖๗", datetime.date(2024, 7, 6)),  # ... as SARA U, and the last dot lost
        ("เมื่อ ๑๔ พุย. ๖๕", "เมื่อ ๑๔ พ.ย. ๖๕", datetime.date(2022, 11, 14)),
        ("เมื่อวันที่ ๖ จันว่าคม ๒๕๖๗", "เมื่อวันที่ ๖ ธันวาคม ๒๕๖๗", datetime.date(2024, 12, 6)),  # ธ read as จ
        ("วันที่ ๓๐ เดือนมักราคม พ.ศ.๒๕๖๘", "วันที่ ๓๐ เดือนมกราคม พ.ศ.๒๕๖๘", datetime.date(2025, 1, 30)),
        ("เมื่อวันที่ ๙ ธ.ค . ๒๕๖๖", "เมื่อวันที่ ๙ ธ.ค. ๒๕๖๖", datetime.date(2023, 12, 9)),  # a dot set apart
        ("เมื่อวันที่ 12 มี. ค . 2566", "เมื่อวันที่ 12 มี.ค. 2566", datetime.date(2023, 3, 12)),  # มี.ค. as printed
        ("เมื่อวันที่ 20 ม.ค . 65", "เมื่อวันที่ 20 ม.ค. 65", datetime.date(2022, 1, 20)),  # ... and ม.ค.
    ],
)
def test_a_misread_month_between_a_day_and_a_year_is_mended(read: str, mended: str, date: datetime.date) -> None:
    assert find_thai_dates(read) == []
    text, changes = mended_months(read)
    assert text == mended and len(changes) == 1
    assert find_thai_dates(text) == [date]


@pytest.mark.parametrize(
    "read",
    [
        "เมื่อ ๑๘ มิค ๖๖",  # ม.ค. or มี.ค.: the letters (มค) fit both
        "รอบ ๑๒ เดือน เมื่อ ๒๗ กุล ๖๖",  # กล is no month
        "ดำเนินการ ๒ รายการ ๒๕๖๖",  # a word between two numbers that is no month
        "เมื่อ ๔๐ ธิ.ค. ๖๕",  # no day is 40
        "เมื่อ ๒๒ ธ.ค. ๖๕",  # a date already: as printed
    ],
)
def test_what_no_single_month_fits_is_left_as_read(read: str) -> None:
    assert mended_months(read) == (read, [])


def test_months_that_share_their_letters_are_never_guessed() -> None:
    assert month_form("มิค") is None and month_form("มค") is None  # ม.ค. or มี.ค.
    assert month_form("เมีย") == "เม.ย."  # a speck read as SARA II
    assert month_form("เมษายนน") == "เมษายน" and month_form("มย.") == "มิ.ย."
    assert month_form("ก.ุพ") == "ก.พ."


@given(st.text(alphabet="กขคงจฉชซดตถทนบปผพมยรลวสหอะาิีึืุู่้ .", max_size=12))
def test_a_mended_text_differs_only_in_month_words_that_now_make_dates(word: str) -> None:
    read = f"เมื่อ ๒ {word} ๖๖"
    text, changes = mended_months(read)
    assert (text == read) is (not changes)
    if changes:
        assert find_thai_dates(text)


@pytest.mark.parametrize(
    ("read", "closed"),
    [
        ("เมื่อวันที่ ๒๒ ม.ค ๒๕๖๗", "เมื่อวันที่ ๒๒ ม.ค. ๒๕๖๗"),  # the closing dot lost before the year
        ("วันที่ ๑๗ เดือนธันวาคม พ.ศ ๒๕๖๕", "วันที่ ๑๗ เดือนธันวาคม พ.ศ. ๒๕๖๕"),  # an era's too
        ("๑ มี.ค ๖๖ และ ๒ ม.ค. ๖๖", "๑ มี.ค. ๖๖ และ ๒ ม.ค. ๖๖"),  # มี.ค is not ม.ค; a closed one stays
        ("ม.ค.๖๖", "ม.ค.๖๖"),  # nothing lost
        ("รายงาน ม.ค", "รายงาน ม.ค"),  # no number after it: not a date's
        ("ตาม ก.ค ๒ ท่าน", "ตาม ก.ค. ๒ ท่าน"),  # (a number after it is all the rule asks)
    ],
)
def test_a_date_abbreviation_gets_back_the_closing_dot_it_lost_before_a_number(read: str, closed: str) -> None:
    text, changes = closed_abbreviations(read)
    assert text == closed and len(changes) == (read != closed)
