"""Row labels and score cells: codes in any case and digit form, indicators, tools, totals, numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ita_extract.extract.kinds.assessment.labels import Label, read_label, read_score

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", Label("indicator", "1", "การปฏิบัติหน้าที่")),
        ("ตัวชี้วัดที่ 10 การป้องกันการทุจริต", Label("indicator", "10", "การป้องกันการทุจริต")),
        ("ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของ", Label("indicator", "4", "การใช้ทรัพย์สินของ")),  # name wraps on
        ("i1 บุคลากรในหน่วยงานของท่าน", Label("question", "I1", "บุคลากรในหน่วยงานของท่าน")),
        ("E๑๕ หน่วยงานที่ท่านติดต่อ", Label("question", "E15", "หน่วยงานที่ท่านติดต่อ")),
        ("o8 Q&A", Label("question", "O8", "Q&A")),  # OIT rows are short names, Latin too
        ("O18 E-Service", Label("question", "O18", "E-Service")),
        ("o34", Label("question", "O34", "")),  # code alone: the name is the next cell (spread line)
        ("(E1) การติดต่อ", Label("question", "E1", "การติดต่อ")),
        ("IIT", Label("tool", "IIT", "")),
        ("เครื่องมือ EIT", Label("tool", "EIT", "")),
        ("แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", Label("tool", "OIT", "")),
        ("คะแนนรวม", Label("total", "", "")),
        ("รวม", Label("total", "", "")),
    ],
)
def test_a_row_label_is_read_with_its_code_and_the_text_after_it(text: str, label: Label) -> None:
    assert read_label(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "ราชการ",  # the wrapped end of an indicator name
        "ตัวชี้วัด",  # the header cell, no number
        "ตัวชี้วัดที่ 9.1 ข้อมูลพื้นฐาน",  # an older OIT sub-indicator: no code of its own in the contract
        "EB1 การเปิดเผยข้อมูล",  # the Ministry of Public Health's own scheme, not ITA
        "รวมทั้งการให้บริการ",  # รวม opening a word is no total row
        "๘๙.๖๘",
    ],
)
def test_text_that_opens_no_row_is_no_label(text: str) -> None:
    assert read_label(text) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("1. การปฏิบัติหน้าที่", Label("indicator", "1", "การปฏิบัติหน้าที่")),
        ("๒) การใช้งบประมาณ", Label("indicator", "2", "การใช้งบประมาณ")),
        ("การใช้อำนาจ", Label("indicator", "3", "การใช้อำนาจ")),  # the name alone, as the catalogue has it
        ("การใช้ทรัพย์สินของ", Label("indicator", "4", "การใช้ทรัพย์สินของ")),  # a wrapped name's first line
        ("การใช้", None),  # the start of three names: which?
        ("ราชการ", None),  # a wrapped name's last line
    ],
)
def test_in_a_column_headed_indicator_a_row_may_name_its_indicator_by_number_or_name(text: str, label: Label | None) -> None:
    assert read_label(text, indicator_column=True) == label
    assert read_label(text) is None  # elsewhere such text opens no row


@given(letter=st.sampled_from("ieoIEO"), number=st.integers(1, 43), thai=st.booleans(), spaced=st.booleans())
def test_a_question_code_reads_the_same_in_thai_or_arabic_digits_and_either_case(
    letter: str, number: int, thai: bool, spaced: bool
) -> None:
    digits = str(number).translate(THAI_DIGITS) if thai else str(number)
    code = f"{letter.upper()} {digits}" if spaced else f"{letter}{digits}"  # "E 1" spaced only in capitals
    label = read_label(f"{code} ท่านทราบข้อมูล")
    assert label == Label("question", f"{letter.upper()}{number}", "ท่านทราบข้อมูล")


@given(value=st.integers(0, 10000), thai=st.booleans(), decimals=st.sampled_from([0, 1, 2]))
def test_a_score_cell_reads_the_printed_number_in_thai_or_arabic_digits(value: int, thai: bool, decimals: int) -> None:
    score = value / 100
    text = f"{score:.{decimals}f}" if decimals else str(value // 100)
    expected = float(text)
    assert read_score(text.translate(THAI_DIGITS) if thai else text) == expected


@pytest.mark.parametrize("text", ["9211", "92.11 คะแนน", "ดีมาก", "-", "2566", ""])
def test_a_cell_that_is_not_one_score_number_is_no_score(text: str) -> None:
    assert read_score(text) is None
