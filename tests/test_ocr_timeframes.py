"""Time-frame cells OCR misread, mended slot by slot where the cell's grammar leaves one reading
(page/ocr/timeframes.py), and the record's first and last day read again (page/ocr/records.py).

Hand-built cells with misreadings of the kinds the worst-font scans show (devs7n, unseen,
devs6: Purisa, Sawasdee, Tlwg): no Tesseract needed.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.page.ocr.records import correct_records
from ita_extract.extract.page.ocr.timeframes import mended_timeframe
from ita_extract.extract.thai.timeframe import parse_timeframe
from ita_extract.schema import Document, Record

TODAY = datetime.date(2026, 11, 30)
D = datetime.date


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("ตลอดขึงบประมาณ", "ตลอดปีงบประมาณ"),  # ปี read as ขึ: one letter in thirteen
        ("ตลอดปีปีงบประมาณ", "ตลอดปีงบประมาณ"),  # a syllable read twice
        ("ตลอดปุ๊บปีงบประมาณ พ.ศ. ๒๕๖๘", "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘"),  # two letters in thirteen
        ("ไตริมาสที่ ๑", "ไตรมาสที่ ๑"),  # a speck read as SARA I: marks aside, the letters are the word's
        ("ไตรมาสูท 3 - 4", "ไตรมาสที่ 3 - 4"),
        ("ภายใเดือนสิ่งหาคม ๒๕๖๗", "ภายในเดือนสิงหาคม ๒๕๖๗"),  # and the month glued to it
    ],
)
def test_an_opening_word_a_letter_in_six_off_is_mended(read: str, mended: str) -> None:
    assert mended_timeframe(read, 2567)[0] == mended


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("11 กุมภาพันธุ์ 31 กรกฎาคม 2567", "11 กุมภาพันธ์ 31 กรกฎาคม 2567"),  # the same letters, a mark off
        ("๑๑ จิ้นว่าคม - ๓๐ เมษายน ๒๕๖๘", "๑๑ ธันวาคม - ๓๐ เมษายน ๒๕๖๘"),  # ธ read as จ
        ("กุมภาพัน j - มิถุนายน ๒๕๖๗", "กุมภาพันธ์ j - มิถุนายน ๒๕๖๗"),  # the last letter lost
        ("ก.ุพ. ๖๕ - ส.ค. ๖๕", "ก.พ. ๖๕ - ส.ค. ๖๕"),  # an abbreviation's letters, a speck between them
        ("ตีคู่ ๖๖ - พ.ค. ๖๗", "ต.ค. ๖๖ - พ.ค. ๖๗"),  # ... its dots lost, a number after it
        ("มกราคมมิถุนายน 2568", "มกราคม - มิถุนายน 2568"),  # two months read as one word: the dash lost
    ],
)
def test_a_month_word_one_month_fits_is_mended(read: str, mended: str) -> None:
    assert mended_timeframe(read, 2568 if "2568" in read or "๒๕๖๘" in read else 2567)[0] == mended


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("ไตรมาสที่ 3 4", "ไตรมาสที่ 3 - 4"),  # the dash lost
        ("ไตรมาสที่ ๓ = ๔", "ไตรมาสที่ ๓ - ๔"),  # read as "="
        ("ไตรมาสที่ ๑ -่ ๒", "ไตรมาสที่ ๑ - ๒"),  # a speck over it read as a tone mark
        ("ไตรมาส a ท ๑", "ไตรมาสที่ ๑"),  # ที่ read as Latin and a lone letter
        ("ม.ค. 66 เม.ย. 66", "ม.ค. 66 - เม.ย. 66"),  # between a month's year and the next month
        ("ธันวาคม ๒๕๖๗ พฤษภาคม ๒๕๖๘", "ธันวาคม ๒๕๖๗ - พฤษภาคม ๒๕๖๘"),
    ],
)
def test_a_connector_lost_or_misread_between_two_points_is_put_back(read: str, mended: str) -> None:
    assert mended_timeframe(read, 2567)[0] == mended


@pytest.mark.parametrize(
    ("read", "fiscal_year", "mended"),
    [
        ("๔ ตุลาคม ๓๑ มีนาคม ๒๕“ว ๓", 2567, "๔ ตุลาคม ๓๑ มีนาคม ๒๕๖๗"),  # its first two digits read
        ("ภายในเดือนมีนาคม ๒๕“ว ๓", 2567, "ภายในเดือนมีนาคม ๒๕๖๗"),
        ("8 มกราคม 9 พฤษภาคม L568", 2568, "8 มกราคม 9 พฤษภาคม 2568"),  # ๒ read as L: its last digits
        ("มีนาคม ถึง กรกฎาคมใต้ ๕ ๖ ๖", 2566, "มีนาคม ถึง กรกฎาคม ๒๕๖๖"),
        ("ตุลาคม ๒๕๒ ซ ถึง พฤษภาคม ๒๕๖๘", 2568, "ตุลาคม ๒๕๖๗ ถึง พฤษภาคม ๒๕๖๘"),  # October: the year before
        ("พฤศจิกายน 2566 กรกฎาคม 250!", 2567, "พฤศจิกายน 2566 - กรกฎาคม 2567"),  # the range reads forward
        ("ต.ค. ๖๖-พ.ุค. อ6๓", 2567, "ต.ค. ๖๖-พ.ค. ๖๗"),  # a two-digit year one digit off
        ("ตลอดปีงบประมาณ พ.ศ. 2561", 2567, "ตลอดปีงบประมาณ พ.ศ. 2567"),  # the fiscal year one digit off
        ("ตลอดขึ่งบประมาณพ. fle ๒๕๖", 2567, "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๗"),  # and its era misread
        ("ตลอดปีงบประมาณ พ.ค. 2566", 2566, "ตลอดปีงบประมาณ พ.ศ. 2566"),  # the era read as a month
    ],
)
def test_a_year_read_as_no_plausible_year_takes_the_one_its_digits_agree_with(
    read: str, fiscal_year: int, mended: str
) -> None:
    text, changes = mended_timeframe(read, fiscal_year)
    assert text == mended and changes
    assert parse_timeframe(text, fiscal_year) != (None, None)


@pytest.mark.parametrize(
    ("read", "fiscal_year"),
    [
        ("ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗", 2567),  # read right: as printed
        ("๑ มีนาคม ๓๐ กันยายน ๒๕๖๗", 2567),  # printed without a dash: ๓๐ is a day, not a year
        ("ไตรมาสที่ 1-2", 2567),  # its spacing is the author's
        ("ตามความเหมาะสม", 2567),
        ("ทุกไตรมาส", 2567),
        ("ภายในเดือนเมษายน ๒ ซิ“ว ๓", 2567),  # ๒...๓ is not enough of ๒๕๖๗
        ("ต.ค. bb 67", 2567),  # 67 is a year itself: the point before it was lost, not this year
        ("ตลอดปีงบประมาณ พ.ศ. ๕ ออ ๑", 2566),  # no digit of ๒๕๖๖ where it stands
        ("มัก ๖๕ - มิ.ย. ๖๕", 2565),  # มก is no month's letters
        ("ม.ค. ๖๘ ม ย ๖๘", 2568),
        ("มี นาคมถึ งพฤษภาคม ๒๕๖๘", 2568),  # a word holding a month name as printed is read
        ("ภายในเดือนมีนาคม ๒๕“ว ๓", None),  # no fiscal year: no year to give
    ],
)
def test_what_the_grammar_does_not_pin_down_is_left_as_read(read: str, fiscal_year: int | None) -> None:
    assert mended_timeframe(read, fiscal_year) == (read, [])


MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน"]


@settings(deadline=None)  # the month patterns compile on first use
@given(
    st.sampled_from(MONTHS),
    st.sampled_from(MONTHS),
    st.sampled_from(["-", "ถึง", "–"]),
    st.booleans(),
    st.sampled_from([2566, 2567, 2568]),
)
def test_a_time_frame_read_right_is_left_as_read(first: str, last: str, joint: str, thai: bool, fy: int) -> None:
    year = str(fy).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) if thai else str(fy)
    for text in (f"{first} {joint} {last} {year}", f"{first} {year} {joint} {last} {year}",
                 f"ภายในเดือน{last} {year}", f"ตลอดปีงบประมาณ พ.ศ. {year}"):
        assert mended_timeframe(text, fy) == (text, [])


@settings(deadline=None)
@given(st.text(alphabet="กขคงจตทนบปพมยรลวสอะาิีืุู่้ .-=๑๒๓๔๕๖๗L", max_size=16), st.sampled_from([2566, 2567]))
def test_a_mended_cell_reads_as_a_time_frame_or_is_left_as_read(tail: str, fy: int) -> None:
    read = f"มีนาคม {tail}"
    text, changes = mended_timeframe(read, fy)
    assert (text == read) is (not changes)
    assert text.startswith("มีนาคม")  # a month read right stays
    if changes:
        assert parse_timeframe(text, fy) != (None, None)


def _record(row: int, page: int, **fields: object) -> Record:
    return Record(row=row, page_start=page, page_end=page, **fields)


def test_a_records_time_frame_is_mended_its_days_read_again_and_the_change_said() -> None:
    read = "ไตรมาสที่ ๑ ๓"  # as build read it: the first quarter only
    records = [
        _record(1, 1, issue="ข้อ", timeframe=read, timeframe_start=D(2023, 10, 1), timeframe_end=D(2023, 12, 31)),
        _record(2, 2, issue="ข้อ", timeframe=read, timeframe_start=D(2023, 10, 1), timeframe_end=D(2023, 12, 31)),
    ]
    out, _, notes = correct_records(records, Document(fiscal_year=2567), [1], TODAY)
    assert out[0].timeframe == "ไตรมาสที่ ๑ - ๓"
    assert (out[0].timeframe_start, out[0].timeframe_end) == (D(2023, 10, 1), D(2024, 6, 30))
    assert out[1] == records[1]  # a born-digital page is never touched
    assert [n.code for n in notes] == ["ocr_text_matched"] and "timeframe" in notes[0].message


def test_a_mending_that_reads_days_outside_the_fiscal_year_is_not_taken() -> None:
    # พฤศจิกายืน mended, ๓๐ (a day whose month was lost) would read as the year ๒๕๓๐
    read = "๕ พฤศจิกายืน ๓๐ ก “wee ๒๕๖๘"
    start, end = parse_timeframe(read, 2568)
    records = [_record(1, 1, issue="ข้อ", timeframe=read, timeframe_start=start, timeframe_end=end)]
    out, _, _ = correct_records(records, Document(fiscal_year=2568), [1], TODAY)
    assert out[0].timeframe == read and out[0].timeframe_start == D(2024, 11, 5)


def test_a_time_frame_outside_the_fiscal_year_is_dropped_and_said() -> None:
    # the year misread as ๓๐ (no digit of ๒๕๖๗ in it): the two-digit year 2530, so 1987
    read = "๔ ตุลาคม ๓๑ มีนาคม ๓๐ ฒ"
    start, end = parse_timeframe(read, 2567)
    assert (start, end) == (D(1986, 10, 4), D(1987, 3, 31))
    records = [_record(1, 1, issue="ข้อ", timeframe=read, timeframe_start=start, timeframe_end=end)]
    out, _, notes = correct_records(records, Document(fiscal_year=2567), [1], TODAY)
    assert (out[0].timeframe_start, out[0].timeframe_end) == (None, None) and out[0].timeframe == read
    assert any(n.code == "ocr_value_dropped" and "1986-10-04" in n.message for n in notes)
