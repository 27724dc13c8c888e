"""Question rows of a scanned score table known by their catalogue wording where OCR misread the code.

TH Sarabun New's serif I and Thai digits read as "io", "jlo", "in", "[๕", "๐คู่": judge set 8's
question tables (syn08106) lost 86 of their 101 scores when the codes were trusted. The
wording after the code is read well and the catalogue has it; these tests check that it
decides where the code does not agree, only among the questions the table's order allows,
and never where two wordings are equally close or too little was read.
"""

from __future__ import annotations

import pytest
from ita_extract.extract.kinds.assessment.labels import Label
from ita_extract.extract.kinds.assessment.wording import alike, by_wording, checked, confirmed, wording_read
from ita_extract.extract.page.ocr.lexicon import questions
from score_pages import ocr_question_scores


def opening(code: str, letters: int) -> str:
    """The first ``letters`` characters of a question's catalogue wording, as a first line holds them."""
    return questions(code, None)[0][:letters]


def question(code: str) -> Label:
    return Label("question", code, "")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("[๕ บุคลากรในหน่วยงาน", "บคลากรในหนวยงาน"),  # a stroke and a digit: the code's remnant, dropped; marks too
        ("io บุคลากร", "บคลากร"),
        ("๐คู่ Social Network", "คSocialNetwork"),  # a Thai letter left of the code is kept (skipped when compared)
        ("ท่านรู้ ๑ ปี", "ทานร1ป"),
    ],
)
def test_a_rows_wording_is_read_without_the_codes_remnant_marks_or_spaces(text: str, read: str) -> None:
    assert wording_read(text) == read


def test_a_row_whose_code_was_lost_is_the_question_its_wording_opens() -> None:
    assert by_wording("ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน", "I", 7, 12) == "I7"
    assert by_wording("โฆท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน", "I", 7, 12) == "I7"  # a remnant letter
    assert by_wording("ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน", "I", 8, 12) is None  # not among those allowed


def test_questions_that_open_alike_are_told_apart_by_the_whole_first_line() -> None:
    """I1 and I2 share their first 50 letters; a first line of 75 tells them apart."""
    assert by_wording(opening("I1", 75), "I", 1, 6) == "I1"
    assert by_wording(opening("I2", 75), "I", 1, 6) == "I2"


def test_where_two_wordings_are_as_close_the_order_decides_or_nothing_does() -> None:
    """The shared opening alone matches I1, I2 (and more) equally: the expected one, or none."""
    shared = opening("I1", 50)
    assert by_wording(shared, "I", 1, 6, expected=1) == "I1"
    assert by_wording(shared, "I", 1, 6, expected=2) == "I2"
    assert by_wording(shared, "I", 1, 6) is None


def test_too_little_read_tells_nothing() -> None:
    assert alike(wording_read("บุคลากรใน"), "I1") == 0.0
    assert by_wording("บุคลากรใน", "I", 1, 6, expected=1) is None


def test_a_short_oit_item_is_told_by_its_whole_name() -> None:
    assert alike(wording_read("๐คู่ Social Network"), "O9") == pytest.approx(1.0)
    assert checked(None, "๐คู่ Social Network", ("O", 9)) == Label("question", "O9", "Social Network")


@pytest.mark.parametrize(
    ("label", "text", "expected", "code"),
    [
        (question("I5"), "[๕ " + opening("I4", 48), ("I", 4), "I4"),  # ๔ read as ๕: the wording is I4's
        (question("I4"), "I๔ " + opening("I4", 48), ("I", 4), "I4"),  # code and wording agree
        (question("I5"), "I๕ " + opening("I5", 48), ("I", 4), "I5"),  # a row lost before it: the code stands
        (None, "io " + opening("I1", 75), ("I", 1), "I1"),
        (None, "jlo " + opening("I2", 75), ("I", 2), "I2"),
        (question("I5"), "[๕ บุคลากร", ("I", 4), "I5"),  # too little read to overrule the code
        (question("I9"), "[๕ " + opening("I4", 48), ("I", 9), "I9"),  # I4 is behind the order: not a candidate
        (None, opening("I12", 48), ("I", 4), None),  # too far ahead of the order
    ],
)
def test_a_scored_rows_code_is_checked_against_its_wording(label: Label | None, text: str,
                                                           expected: tuple[str, int], code: str | None) -> None:
    got = checked(label, text, expected)
    assert (got.code if got else None) == code


@pytest.mark.parametrize(
    ("text", "expected", "code"),
    [
        ("ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน", ("I", 7), "I7"),
        ("ทานรเกยวกบแผนการใชจายงบประมาณประจาปี ของหน่วยงาน", ("I", 6), "I7"),  # marks lost, I6 lost before it
        ("ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน", ("I", 5), "I7"),  # two lost: the wording says so
        ("ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน", ("I", 1), None),  # six ahead: past the reach
        # the lost code's remnant read as letters joined to the wording ("i๔" as ได้, or worse)
        ("ได้บุคลากรในหน่วยงานของท่านมีการเรียกรับสิ่งดังต่อไปนี้ จาก", ("I", 4), "I4"),
        ("ไกดได้บุคลากรในหน่วยงานของท่านมีการเรียกรับสิ่งดังต่อไปนี้ จาก", ("I", 4), "I4"),
        ("ตัวชวดที่ < การใช้ทรัพย์สินของราชการ", ("I", 19), None),  # an indicator row OCR garbled is no question
    ],
)
def test_a_row_without_a_code_is_named_by_its_wording_within_the_orders_reach(
        text: str, expected: tuple[str, int], code: str | None) -> None:
    got = checked(None, text, expected)
    assert (got.code if got else None) == code


def test_indicator_rows_are_not_checked() -> None:
    row = Label("indicator", "4", "การใช้ทรัพย์สินของราชการ")
    assert checked(row, opening("I5", 48), ("I", 5)) is row


def test_a_code_the_order_gave_an_unscored_line_stands_only_with_its_wording() -> None:
    assert confirmed(question("O14"), "๐๑๔ คู่มือหรือมาตรฐานการปฏิบัติงาน") == question("O14")
    assert confirmed(question("E5"), "๕ ปีที่ผ่านมา ท่านเคยถูกเจ้าหน้าที่ร้องขอให้จ่ายหรือให้สิ่งต่อไปนี้") is None
    assert confirmed(None, "๐๑๔ คู่มือหรือมาตรฐานการปฏิบัติงาน") is None


def test_a_question_table_with_its_codes_misread_is_read_by_its_wording() -> None:
    """syn08106's first rows as OCR read TH Sarabun New: I๓ as "in", I๔ as "[๕", I๕ as "(๕"; a speck
    under a row does not end the table; an OIT row's score on a line of its own above its code."""
    cells = [
        (76, 110, "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"), (472, 110, "92.20"),
        (76, 135, "in บุคลากรในหน่วยงานของท่าน มีพฤติกรรมในการปฏิบัติงาน"), (472, 135, "88.87"),
        (76, 160, "[๕ บุคลากรในหน่วยงานของท่าน มีการเรียกรับสิ่งดังต่อไปนี้"), (472, 160, "93.18"),
        (90, 180, "a"), (300, 190, "ฆ่"),
        (76, 200, "(๕ นอกเหนือจากการรับจากญาติหรือจากบุคคล ที่ให้กันใน"), (472, 200, "90.26"),
    ]
    assert ocr_question_scores(cells) == [("I3", 88.87), ("I4", 93.18), ("I5", 90.26)]
    oit = [
        (76, 110, "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"), (472, 110, "96.67"),
        (76, 135, "O๑๒ รายงานการกำกับติดตามการดำเนินงาน"), (472, 135, "100.00"),
        (76, 160, "๐๑๓ รายงานผลการดำเนินงานประจำปี"), (472, 160, "0.00"),
        (472, 180, "100.00"),
        (76, 187, "๐๑๔ คู่มือหรือมาตรฐานการปฏิบัติงาน"),
    ]
    assert ocr_question_scores(oit) == [("O12", 100.0), ("O13", 0.0), ("O14", 100.0)]
