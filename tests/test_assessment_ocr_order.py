"""Score tables on pages read by OCR, read by their structure where OCR misread their text.

A FY2567 question table lists each indicator's row, then that indicator's questions in
catalogue order (ตัวชี้วัดที่ ๓ → I13–I18). OCR misreads the parts a row is keyed by: a code's
letter ("E๒๐" for i20), an indicator's number (๕ for ๔, "ข" for ๗), a code read twice ("O2"
for O๒๗), a score's point (spaces beside it, or a gap that parts the cell), a score read
into its question's cell. These tests build such pages by hand (``score_pages``) and check
that the table's order and catalogue put the rows right; a page with a text layer keeps
the strict reading.
"""

from __future__ import annotations

import pytest
from ita_extract.extract.kinds.assessment import AssessmentSettings, HeaderSettings, read_assessment
from ita_extract.extract.kinds.assessment.labels import (
    Label,
    expected_code,
    indicator_after,
    named_indicator,
    next_code,
    ocr_score,
    repeated_code,
    under_heading,
)
from ita_extract.extract.thai.catalogue import catalogue
from score_pages import hrule, make_page, ocr_question_scores

OCR = AssessmentSettings(header=HeaderSettings.ocr())


def labels(*codes: str) -> list[Label]:
    """Labels from codes: "3" is indicator 3's row, "I13" a question."""
    return [Label("indicator", c, "") if c.isdigit() else Label("question", c, "") for c in codes]


def test_the_catalogue_gives_an_indicators_questions_in_any_year() -> None:
    assert catalogue().question_span(3) == ("I", 13, 18)
    assert catalogue().question_span(10) == ("O", 31, 43)  # O34 until 2565, O31 from 2566
    assert catalogue().first_question(2) == "I7"
    assert catalogue().first_question(10) is None  # the years disagree
    assert catalogue().question_span(11) is None


@pytest.mark.parametrize(
    ("previous", "expected"),
    [
        (["I10", "3"], ("I", 13)),  # a heading opens its first question, whatever was lost before it
        (["I1", "E2", "E6", "2"], ("I", 7)),  # ... even after codes whose letter was misread
        (["I30", "6"], ("E", 1)),
        (["O30", "10"], ("O", 31)),  # OIT's indicator 10 opens where the years disagree: counted on
        (["I12"], ("I", 13)),
        ([], None),
    ],
)
def test_the_next_question_after_an_indicator_row_is_its_first(previous: list[str], expected: tuple | None) -> None:
    assert expected_code(labels(*previous)) == expected


@pytest.mark.parametrize(
    ("text", "previous", "code"),
    [
        ("๑๓ ท่านได้รับมอบหมายงาน", ["I10", "3"], "I13"),  # a question's number after its heading
        ("ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน", ["E6", "2"], None),  # no code: left to its wording
        ("[1 บุคลากรในหน่วยงาน", ["1"], "I1"),  # the first question's i read as a stroke
        ("|3 บุคลากร", ["6"], "E3"),
        ("[[1 บุคลากร", ["1"], None),  # more than one stroke: no code
        # a typewriter's code, its letter read as a character of its own before the number (fifth judge set)
        ("1 ๘ หน่วยงานของท่าน", ["I7"], "I8"),
        ("1 ๑๐", ["I9"], "I10"),  # the question's text in a cell of its own
        ("๐ ๒ ข้อมูลผู้บริหาร", ["O1"], "O2"),  # O read as THAI DIGIT ZERO
        ("๐ ว ๒๙ ข้อมูลเชิงสถิติ", ["O28"], "O29"),  # a speck between
        ("1 ๑๒ หน่วยงาน", ["I9"], None),  # not the next question
        ("1 ๘ หน่วยงาน", ["2"], "I8"),  # the first question under indicator 2 (its own first is I7): I8, as read
    ],
)
def test_a_misread_code_takes_its_number_under_the_heading(text: str, previous: list[str], code: str | None) -> None:
    got = next_code(text, labels(*previous))
    assert (got.code if got else None) == code


@pytest.mark.parametrize(
    ("code", "previous", "fixed"),
    [
        ("E2", ["1", "I1"], "I2"),  # a serif I read as E, under IIT's indicator 1
        ("E20", ["4", "I19"], "I20"),
        ("I5", ["9", "O4"], "O5"),
        ("E2", ["6", "E1"], "E2"),  # the heading's own letter
        ("E40", ["4"], "E40"),  # outside the heading's questions: the letter is not in doubt
        ("E2", [], "E2"),  # no heading (a per-theme table): as read
    ],
)
def test_a_question_takes_the_letter_of_its_indicator_row(code: str, previous: list[str], fixed: str) -> None:
    assert under_heading(Label("question", code, "x"), labels(*previous)).code == fixed


@pytest.mark.parametrize(
    ("text", "read", "number"),
    [
        ("ตัวชี้วัดที่ ๕ การใช้ทรัพย์สินของราชการ", "5", "4"),  # ๔ read as ๕: the name says 4
        ("ตัวชี้วัดที่ ๓ ประสิทธิภาพการสื่อสาร", "3", "7"),
        ("ตัวชวัดที่ ๘ การปรบปรุงระบบการทางาน", "8", "8"),  # marks lost: the letters still agree
        ("ตัวชี้วัดที่ ๕ การใช้ทรัพย์สิน", "5", "5"),  # no whole name: the number stands
        ("ตัวชี้วัดที่ ๕", "5", "5"),
    ],
)
def test_an_indicator_row_is_the_one_its_name_says(text: str, read: str, number: str) -> None:
    assert named_indicator(Label("indicator", read, ""), text).code == number


@pytest.mark.parametrize(
    ("text", "previous", "number"),
    [
        ("ตัวชี้วัดที่", ["3"], "4"),  # the number lost: the next indicator
        ("ตัวชวัดที่", ["I18", "3"], "4"),
        ("ตัวชี้วัดที่ ๕", ["3"], None),  # a number read (even misread) is left to the name
        ("ตัวชี้วัดที่ ๙.๑", ["9"], None),  # a sub-indicator (older OIT): no score code of its own
        ("ตัวชี้วัดที่", [], None),  # nothing above to count from
        ("ตัวชี้วัดที่", ["10"], None),  # no indicator 11
        ("การใช้งบประมาณ", ["1"], None),
    ],
)
def test_an_indicator_row_without_its_number_is_the_next(text: str, previous: list[str], number: str | None) -> None:
    got = indicator_after(text, labels(*previous))
    assert (got.code if got else None) == number


def test_a_code_read_twice_is_the_next_one() -> None:
    previous = labels("9", *(f"O{n}" for n in range(1, 27)))
    assert repeated_code(Label("question", "O2", "ฆ แนวปฏิบัติ"), previous).code == "O27"
    assert repeated_code(Label("question", "O27", ""), previous).code == "O27"  # a new code: as read
    assert repeated_code(Label("question", "O2", ""), labels("9", "O1", "O2", "O3", "O4")).code == "O5"


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("๘๑ . ๘๖", 81.86), ("๘๙. ๑๙", 89.19), ("๘๕ .๖๕", 85.65), ("๘๙ .", None), (". ๕", None), ("๙๐.ฒ ๕", None),
        ("93,99", 93.99), ("๙๓ , ๙๙", 93.99), ("1,234", None), ("9,5", None),  # a comma before two decimals
        ("๙๕๐๐", 95.0), ("๑๐๐๐๐", 100.0), ("๘๖๕๐๖", None), ("๑๐๑", 101.0),  # the point lost: two decimals
    ],
)
def test_a_point_with_spaces_beside_it_as_a_comma_or_lost_is_read(text: str, score: float | None) -> None:
    assert ocr_score(text) == score


def test_a_question_table_keeps_its_order_through_misread_letters_and_headings() -> None:
    """syn00410's question table as OCR read it: E for I after I1, a heading then a code lost, the next
    heading's first question without its letter, a code with another tool's letter under its heading."""
    cells = [
        (76, 110, "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"), (472, 110, "89.50"),
        (76, 135, "I1 บุคลากรในหน่วยงานของท่าน"), (472, 135, "94.64"),
        (76, 160, "E2 บุคลากรในหน่วยงานของท่าน"), (472, 160, "87.48"),
        (76, 185, "ตัวชี้วัดที่ ๒ การใช้งบประมาณ"), (472, 185, "86.18"),
        (90, 210, "ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน"), (472, 210, "93.02"),
        (76, 235, "ตัวชี้วัดที่ ๓ การใช้อำนาจ"), (472, 235, "93.95"),
        (76, 260, "๑๓ ท่านได้รับมอบหมายงาน"), (472, 260, "98.13"),
        (76, 285, "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ"), (472, 285, "90.81"),
        (76, 310, "E20 ขั้นตอนการขออนุญาต"), (472, 310, "96.06"),
    ]
    assert ocr_question_scores(cells) == [("I1", 94.64), ("I2", 87.48), ("I7", 93.02), ("I13", 98.13), ("I20", 96.06)]


def test_an_indicator_table_read_by_its_names_and_order() -> None:
    """The indicator table: a number misread (the name says which), a number read as a letter with the
    name in a cell of its own, a number lost, a score's point lost as a gap between two cells, the
    words before a name broken (the name alone says which)."""
    header = [(350, 100, "คะแนน"), (450, 100, "คะแนนราย"), (150, 111, "ตัวชี้วัด"), (340, 122, "รายตัวชี้วัด"),
              (455, 122, "เครื่องมือ")]
    cells = header + [
        (76, 150, "ตัวชี้วัดที่ ๓ การใช้อำนาจ"), (360, 150, "93.95"),
        (76, 175, "ตัวชี้วัดที่ ๕ การใช้ทรัพย์สินของราชการ"), (360, 175, "90.81"),
        (76, 200, "ตัวชี้วัดที่"), (190, 200, "การแก้ไข"), (360, 200, "87"), (392, 200, "32"),
        (76, 225, "ตัวชี้วัดที่ ข"), (190, 225, "ประสิทธิภาพการสื่อสาร"), (360, 225, "88.76"),
        (76, 250, "ตัวชี้"), (125, 250, "ดที่ ๘ การปรับปรุงระบบการทำงาน"), (360, 250, "89.96"),  # only its name whole
    ]
    rules = [hrule(95), hrule(142), *(hrule(147 + k * 25) for k in range(6))]
    assessment, _ = read_assessment([make_page(1, cells, rules)], settings=OCR)
    assert [(s.code, s.score) for s in assessment.scores] == [
        ("3", 93.95), ("4", 90.81), ("5", 87.32), ("7", 88.76), ("8", 89.96)]
    printed, _ = read_assessment([make_page(1, cells, rules)])
    assert [(s.code, s.score) for s in printed.scores] == [("3", 93.95), ("5", 90.81)]  # a text layer: as printed


def test_a_score_read_into_its_question_cell_is_cut_off_and_the_table_goes_on() -> None:
    """OCR left no gap before a score: the question's cell ran into the score column. The table went
    on past it (it ended there, and every row after it was lost)."""
    cells = [
        (76, 110, "ตัวชี้วัดที่ ๒ การใช้งบประมาณ"), (472, 110, "86.18"),
        (76, 135, "i7 ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน 88.74"),
        (76, 160, "i8 หน่วยงานของท่าน ใช้จ่ายงบประมาณ"), (472, 160, "89.65"),
        (76, 185, "i9 หน่วยงานของท่าน ใช้จ่ายงบประมาณเพื่อประโยชน์ส่วนตัว กลุ่ม หรือ 82.04"),  # deep into the column
        (76, 210, "i10 บุคลากรในหน่วยงานของท่าน"), (472, 210, "85.34"),
    ]
    assert ocr_question_scores(cells) == [("I7", 88.74), ("I8", 89.65), ("I9", 82.04), ("I10", 85.34)]
    assert ocr_question_scores(cells[:2] + [(76, 135, "i7 ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงานของท่าน")]) == []


def test_a_three_line_header_in_ocrs_small_em_is_found() -> None:
    """OCR's em is capped at the usual line height: a header of three wrapped lines reaches 4.1 em from
    its first line's top to its bottom rule (devs7n syn00057: 3.2 em lost the third line and the table)."""
    header = [(340, 60, "คะแนนราย"), (455, 60, "คะแนนราย"), (150, 80, "ตัวชี้วัด"), (350, 100, "ตัวชี้วัด"),
              (455, 100, "เครื่องมือ")]
    cells = header + [(76, 130, "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"), (360, 130, "89.52")]
    rules = [hrule(55), hrule(122), hrule(150)]
    assessment, _ = read_assessment([make_page(1, cells, rules)], settings=OCR)
    assert [(s.code, s.score) for s in assessment.scores] == [("1", 89.52)]
