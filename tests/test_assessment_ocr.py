"""Score tables on pages read by OCR: wordings that lost their marks, numbers and codes OCR misread.

OCR loses Thai combining marks most ("ตัวชวด" for ตัวชี้วัด), reads an indicator's number as a
letter ("ญ" for ๗) and a lower-case i as 1 ("110" for i10). On a page read by OCR
(``HeaderSettings.ocr``) the reader matches the wordings without marks, names an indicator by
its catalogue name when its number is unreadable, and gives a scored row whose code it cannot
read the code after the last question above. A page with a text layer keeps the strict reading.
"""

from __future__ import annotations

import pytest
from ita_extract.extract.kinds.assessment import AssessmentSettings, HeaderSettings, read_assessment
from ita_extract.extract.kinds.assessment.header import _role, is_anchor
from ita_extract.extract.kinds.assessment.labels import (
    Label,
    _ocr_indicator,
    misread_score,
    next_code,
    ocr_score,
    read_label,
)
from ita_extract.extract.kinds.assessment.layout import Segment
from score_pages import hrule, make_page

OCR = AssessmentSettings(header=HeaderSettings.ocr())
ROW = 25.0


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("ตัวชวัดที่ ๑ การปฏิบัติหน้าที่", Label("indicator", "1", "การปฏิบัติหน้าที่")),
        ("ตัวชวดท ๖ คุณภาพการดำเนินงาน", Label("indicator", "6", "คุณภาพการดำเนินงาน")),
        ("ตัวชี้วัดทิ ๘", Label("indicator", "8", "")),
        # the number misread as a letter before the name: the name says which; the letter is no part of it
        ("ตัวชวัดที่ ญ ประสิทธิภาพการสื่อสาร", Label("indicator", "7", "ประสิทธิภาพการสื่อสาร")),
        ("ตัวชวัดที่ สการเปิดเผยข้อมูล", Label("indicator", "9", "การเปิดเผยข้อมูล")),
        ("ตัวชี้วัดที่ การใช้งบประมาณ", Label("indicator", "2", "การใช้งบประมาณ")),
        ("ตัวชี้วัดที่ ๙.๑ การเปิดเผยข้อมูล", None),  # a sub-indicator has no score code of its own
        ("ตัวชวัดที่ ญ รายงานประจำปี", None),  # no indicator's name: nothing to go by
        ("ตรีขัชวัดท ๕ การแก้ไข", None),  # more than marks lost
        ("ราชการ", None),
    ],
)
def test_an_ocr_indicator_label_is_read_without_its_marks_or_by_its_name(text: str, label: Label | None) -> None:
    assert read_label(text, indicator_column=True, without_marks=True) == label


@pytest.mark.parametrize("text", ["ตัวชวัดที่ ๑ การปฏิบัติหน้าที่", "ตัวชวัดที่ ญ ประสิทธิภาพการสื่อสาร"])
def test_a_page_with_a_text_layer_keeps_the_strict_reading(text: str) -> None:
    assert read_label(text, indicator_column=True) is None


@pytest.mark.parametrize(
    ("text", "previous", "code"),
    [
        ("110 บุคลากรในหน่วยงาน", ["I9"], "I10"),  # lower-case i read as 1
        ("19 หน่วยงานของท่าน", ["I8"], "I9"),
        ("เธ", ["I7"], "I8"),  # a code read as letters: no digit to contradict the order
        ("เธ", ["I30", "6"], "E1"),  # an indicator row of another tool between: its first question
        ("12 หน่วยงาน", ["I9"], None),  # a number that is not the next one
        ("ท่านได้รับมอบหมาย", ["I9"], None),  # a word, not a code
        ("110 บุคลากร", [], None),  # no question above to count from
        ("110 บุคลากร", ["6"], None),
        # the table's first question: no question above; its printed number under its indicator's tool
        ("๑ บุคลากรในหน่วยงาน", ["1"], "I1"),
        ("๓ บุคลากร", ["6"], "E3"),
        ("๑ บุคลากร", [], None),  # no indicator above: no tool to name
        ("๓๑ บุคลากร", ["1"], None),  # past the tool's last question
        # a code ending in a number just past the next one: the rows between were lost
        ("L๖ บุคลากร", ["I4"], "I6"),
        ("L๗ บุคลากร", ["I4"], None),  # two lost: not taken
        ("o๔๔ ข้อมูล", ["O42"], None),  # past OIT's last question
        # a code lost outright: no token to take the order's code by; left to the wording (test_assessment_ocr_wording)
        ("ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงาน", ["I6"], None),
        ("ตัวชวดที่ < การใช้ทรัพย์สินของราชการ", ["I18"], None),  # an indicator row OCR garbled is no question
    ],
)
def test_a_scored_row_with_a_misread_code_takes_the_next_code(text: str, previous: list[str], code: str | None) -> None:
    labels = [Label("indicator", p, "") if p.isdigit() else Label("question", p, "") for p in previous]
    got = next_code(text, labels)
    assert (got.code if got else None) == code


def ocr_indicator_table() -> list:
    """The FY2567 indicator table as OCR leaves it: header and labels without marks, a number read as a letter."""
    cells = [(350, 100, "คะแนน"), (450, 100, "คะแนนราย"), (150, 111, "ตัวชวด"), (340, 122, "รายตวชวด"),
             (455, 122, "เครื่องมือ"),
             (76, 150, "ตัวชวัดที่ ๑ การปฏิบัติหน้าที่"), (360, 150, "๙๒.๑๑"),
             (76, 175, "ตัวชวดท ๖ คุณภาพการดำเนินงาน"), (360, 175, "85.72"),
             (76, 200, "ตัวชวัดที่ ญ ประสิทธิภาพการสื่อสาร"), (360, 200, "82.36")]
    return [make_page(1, cells, [hrule(95), hrule(142), *(hrule(147 + k * ROW) for k in range(4))])]


def test_an_indicator_table_read_by_ocr_gives_its_scores() -> None:
    assessment, _ = read_assessment(ocr_indicator_table(), settings=OCR)
    assert [(s.level, s.code, s.score, s.name) for s in assessment.scores] == [
        ("indicator", "1", 92.11, "การปฏิบัติหน้าที่"),
        ("indicator", "6", 85.72, "คุณภาพการดำเนินงาน"),
        ("indicator", "7", 82.36, "ประสิทธิภาพการสื่อสาร"),
    ]


def test_the_same_table_in_a_text_layer_is_not_read_loosely() -> None:
    """Printed text that lost its marks is not a score table: the loose reading is for OCR pages only."""
    assessment, _ = read_assessment(ocr_indicator_table())
    assert assessment is None or assessment.scores == []


def test_a_question_table_read_by_ocr_counts_codes_it_cannot_read() -> None:
    header = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้")]
    cells = header + [
        (76, 110, "ตัวชวัดที่ ๒ การใช้งบประมาณ"), (472, 110, "87.30"),
        (76, 135, "I7 ท่านรู้เกี่ยวกับแผน"), (472, 135, "96.16"),
        (76, 160, "เธ หน่วยงานของท่าน"), (472, 160, "67.97"),
        (76, 178, "ประเด็นดังต่อไปนี้"),  # the question goes on: no score, no row
        (76, 200, "19 หน่วยงานของท่านใช้จ่าย"), (472, 200, "85.27"),
        (76, 225, "110 บุคลากรในหน่วยงาน"), (472, 225, "90.40"),
    ]
    assessment, _ = read_assessment([make_page(1, cells)], settings=OCR)
    assert [(s.code, s.score) for s in assessment.scores if s.level == "question"] == [
        ("I7", 96.16), ("I8", 67.97), ("I9", 85.27), ("I10", 90.40)]


@pytest.mark.parametrize(
    ("text", "misread", "score"),
    [
        ("๙๔ ๕๕", True, 94.55),  # the point read as a space: two decimals
        ("๑๐๐ ๐๐", True, 100.0),
        ("๘๖๕๐๖", True, None),  # the point lost and a digit added: no number to trust
        ("๘ อ.๑๓๕", True, None),  # a digit read as a letter
        ("๘ อ.อ ๙", True, None),
        ("๙๑.๕๓", False, 91.53),  # a score as read
        ("๔ .ออ", False, None),  # more letters than digits
        ("ข้อมูลข่าวสาร", False, None),
        ("๒๕๖๖ ถึง ๒๕๖๗", False, None),  # too long for a score
    ],
)
def test_a_score_ocr_misread(text: str, misread: bool, score: float | None) -> None:
    assert misread_score(text) is misread
    assert ocr_score(text) == score


def test_an_ocr_score_header_that_lost_its_first_syllable_is_a_score_column() -> None:
    """"แน่นที่ / ได้" for คะแนนที่ได้: the question table's header on FY2567 scans; on a text layer no header."""
    ocr, printed = HeaderSettings.ocr(), HeaderSettings()
    assert is_anchor(segment("แน่นที่"), ocr) and not is_anchor(segment("แน่นที่"), printed)
    assert not is_anchor(segment("แนวทาง"), ocr)
    assert _role("แน่นที่ได้", without_marks=True) == "score"
    assert _role("แนนรายเครื่องมือ", without_marks=True) == "tool_score"
    assert _role("แน่นที่ได้") is None


@pytest.mark.parametrize(
    ("cell", "column", "role"),
    [
        ("แนบที่", "แนบที่ได้", "score"),  # คะ lost and น read as บ (Arundina's question tables)
        ("แน่บท", "แน่บทได้", "score"),  # a mark misplaced besides
        ("คะแนบที่", "คะแนบที่ได้", "score"),
        ("คะแบน", "คะแบนรายเครื่องมือ", "tool_score"),
    ],
)
def test_an_ocr_score_header_one_letter_off_is_a_score_column(cell: str, column: str, role: str) -> None:
    ocr, printed = HeaderSettings.ocr(), HeaderSettings()
    assert is_anchor(segment(cell), ocr)
    assert not is_anchor(segment("แนบที่"), printed)  # a text layer's header is as printed or none
    assert _role(column, without_marks=True) == role
    assert _role(column) is None


@pytest.mark.parametrize(
    ("cell", "column", "role"),
    [
        ("คะแน่แน่รายตัวชี้", "คะแน่แน่รายตัวชี้วัด", "score"),  # นน read น่แน่ (IBM Plex Sans Thai, judge set 12)
        ("คะแแแราย", "คะแแแรายเครื่องมือ", "tool_score"),  # นน read แแ: two letters off a long wording
        ("คะแนบราย", "คะแนบรายเครื่องมือ", "tool_score"),
    ],
)
def test_a_loopless_faces_score_header_opening_a_letter_or_two_off_is_a_score_column(
        cell: str, column: str, role: str) -> None:
    """A cell opening with คะแนน one letter off is an anchor on an OCR page; a long wording two letters
    off names its column; neither on a text layer."""
    ocr, printed = HeaderSettings.ocr(), HeaderSettings()
    assert is_anchor(segment("คะแน่แน่รายตัวชี้"), ocr) and not is_anchor(segment("คะแน่แน่รายตัวชี้"), printed)
    assert _role(column, without_marks=True) == role
    assert _role(column) is None


def test_only_a_long_wording_is_known_two_letters_off() -> None:
    from ita_extract.extract.kinds.assessment.header import near_role

    assert near_role("เขรื่องมก") is None  # เครื่องมือ (seven letters, marks out) two letters off
    assert near_role("คะแนนรายเขรื่องมก") == "tool_score"  # คะแนนรายเครื่องมือ two letters off
    assert near_role("คะนองราย") is None


@pytest.mark.parametrize(
    ("column", "role"),
    [("ตัวชั่ว", "label"), ("ประเด็นการประเมิบ", "label"), ("เครื่องมีอ", "tool")],
)
def test_an_ocr_label_header_one_letter_off_names_its_role(column: str, role: str) -> None:
    assert _role(column, without_marks=True) == role


@pytest.mark.parametrize("text", ["แนวทาง", "แนวทางการดำเนินการ", "แนว", "ตัว", "ข้อค้นพบ", "ผู้รับผิดชอบ", "ระยะเวลา"])
def test_a_column_two_letters_from_every_score_wording_is_no_score_column(text: str) -> None:
    """The measures table's headers stay what they are: แนวทาง is one letter from แนนท only at its opening."""
    assert not is_anchor(segment(text), HeaderSettings.ocr())
    assert _role(text, without_marks=True) not in ("score", "tool_score")


def test_a_question_table_whose_code_letters_ocr_lost_is_read_in_order() -> None:
    """FY2567 scans: "แน่นที่ / ได้" over the scores, every i lost ("๑ บุคลากร…"), one score's point read
    as a space, one misread past reading (its row opens without a score), a code read as "L๖"."""
    header = [(200, 60, "ประเด็นการประเมิน"), (479, 60, "แน่นที่"), (488, 78, "ได้")]
    cells = header + [
        (63, 110, "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"), (476, 110, "๙๐.๒๕"),
        (69, 135, "๑ บุคลากรในหน่วยงานของท่าน"), (477, 135, "๙๑.๕๓"),
        (63, 153, "ตามประเด็นดังต่อไปนี้"),
        (69, 175, "๒ บุคลากรในหน่วยงานของท่าน"), (476, 175, "๙๗ ๐๗"),
        (69, 200, "๓ บุคลากรในหน่วยงานของท่าน"), (477, 200, "๘ อ.อ ๙"),
        (63, 225, "L๔ บุคลากรในหน่วยงานของท่าน"), (478, 225, "๙๐.๑๐"),
    ]
    assessment, notices = read_assessment([make_page(1, cells)], settings=OCR)
    assert [(s.code, s.score) for s in assessment.scores if s.level == "question"] == [
        ("I1", 91.53), ("I2", 97.07), ("I4", 90.10)]
    assert any(n.code == "assessment_score_missing" and "I3" in n.message for n in notices)
    assert [n.message for n in notices if n.code == "assessment_score_unread"] == [
        "score cell '๘ อ.อ ๙' is no number as OCR read it; not kept"]
    printed, _ = read_assessment([make_page(1, cells)])
    assert printed is None or printed.scores == []  # a text layer keeps the strict reading


def segment(text: str) -> Segment:
    return Segment(x0=479.0, x1=520.0, top=60.0, bottom=76.0, size=16.0, text=text, space_after=False)


@pytest.mark.parametrize(("folio", "goes_on"), [
    ((290, 30, '"ด.'), True),  # "- 3 -" as OCR misread it, centred at the page's head
    ((290, 30, "- ๓ -"), True),
    ((290, 30, "ข้อมูลเพิ่มเติม"), False),  # words
])  # fmt: skip
def test_an_ocr_table_goes_on_over_a_page_whose_number_ocr_misread(folio: tuple, goes_on: bool) -> None:
    """TH SarabunPSK (judge set 8): '"ด.' over a page that goes on with the question table, no header repeated."""
    header = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้")]
    page1 = header + [(76, 110, "e1 เจ้าหน้าที่ของหน่วยงาน"), (472, 110, "81.36")]
    page2 = [folio, (76, 60, "e2 เจ้าหน้าที่ให้บริการ"), (472, 60, "80.31")]
    assessment, _ = read_assessment([make_page(1, page1), make_page(2, page2)], settings=OCR)
    assert (("E2", 80.31) in [(s.code, s.score) for s in assessment.scores]) is goes_on


def test_an_ocr_indicator_row_whose_cho_was_read_kho_is_an_indicator() -> None:
    """"ตัวขี้วัดที่ 1" (ช read as ข, TH SarabunPSK): the question table's first indicator row."""
    assert read_label("ตัวขี้วัดที่ 1 การปฏิบัติหน้าที่") is None  # a text layer prints what it means
    label = _ocr_indicator("ตัวขี้วัดที่ 1 การปฏิบัติหน้าที่")
    assert label is not None and (label.level, label.code, label.rest) == ("indicator", "1", "การปฏิบัติหน้าที่")
    assert _ocr_indicator("ตัวจี้วัดที่ 1 การปฏิบัติหน้าที่") is None  # another letter: not taken
