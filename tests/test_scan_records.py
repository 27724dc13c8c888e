"""Whole records a scan loses or splits, on hand-built lines, pages and records (no PDF, no Tesseract).

Each test pins one rule of scanned print that keeps a record whole and aligned: a code OCR read
in pieces after ข้อ still opens its row, a page number OCR read with a dash lost is no row, a
code set apart from its text by a gutter OCR found is no column of its own, and a code misread in
one part is given back by the wording after it (issue 16: devs7n scans syn00029, syn00049,
syn00057, syn00187; devsc scan syn00004).
"""

from __future__ import annotations

import datetime

import pytest
from glyphs import one_line, set_text
from ita_extract.extract.kinds.measures import MEASURES
from ita_extract.extract.page.ocr.lexicon import questions
from ita_extract.extract.page.ocr.records import correct_records
from ita_extract.extract.page.page import Char, Page
from ita_extract.extract.table.columns import Column, Layout
from ita_extract.extract.table.finder import PageTable
from ita_extract.extract.table.furniture import without_furniture
from ita_extract.extract.table.header import named_columns, repeats_header
from ita_extract.extract.table.lines import TextLine, clusters, group_lines
from ita_extract.extract.table.merge import merge_pages
from ita_extract.extract.table.rows import CellLine, LogicalRow, opens_with_code
from ita_extract.extract.table.settings import DEFAULT, TableSettings
from ita_extract.schema import Document, Record

SIZE = 10.0
TODAY = datetime.date(2026, 11, 30)
OCR = TableSettings.ocr()


def line(top: float, *cells: tuple[float, str]) -> TextLine:
    """One text line with a cell at each (x, text), its box ``SIZE`` points tall from ``top``."""
    return one_line([c for x, text in cells for c in set_text(x, top, text, 5.0, SIZE, space=0.6)])


def record(issue: str, indicator: str | None = None) -> Record:
    return Record(row=1, page_start=1, page_end=1, issue=issue, indicator=indicator)


# ---------------------------------------------------------------- a code after ข้อ, read in pieces


@pytest.mark.parametrize(("text", "opens"), [
    ("ข้อ โ ๓ บุคลากรในหน่วยงานของท่าน", True),  # "ข้อ I๓": I read as โ, apart from its digit
    ("ข้อ 1 ไ ๒๓", True),  # "ข้อ I๒๓" in three pieces, its wording wrapped to the next line
    ("ข้อ โณ๕", True),
    ("ต ๖ หน่วยงานของท่านมี", True),  # "I๒๖" with no ข้อ: one space inside the token
    ("ข้อ ๑. บุคลากรในหน่วยงาน", False),  # an item number after ข้อ
    ("ข้อ บุคลากรในหน่วยงาน", False),  # nothing of a code
    ("ข้อ", False),
    ("ของท่าน HN", False),  # the ขอ of ของ is no ข้อ: a wrapped line with a speck read as Latin (fresh scan syn00490)
    ("ต ๖ กล่องรับความคิดเห็น", False),  # no question opens so
    ("ก ข ๖ หน่วยงานของท่านมี", False),  # two spaces in a token with no ข้อ before it
])  # fmt: skip
def test_a_code_read_in_pieces_after_kho_opens_a_row(text: str, opens: bool) -> None:
    assert MEASURES.opens_with_wording(text) is opens


@pytest.mark.parametrize(("printed", "code", "of"), [
    ("ข้อ โ ๓ ", "I3", "I3"),  # the letter misread apart from its number, after ข้อ
    ("ข้อ 1 ไ ๒๓ ", "I23", "I23"),
    ("ต ๖ ", "I26", "I26"),  # a digit lost: the one read is part of the code's number
    ("ข้อ ๑. ", None, "I3"),  # an item number after ข้อ, no code
])  # fmt: skip
def test_a_code_misread_after_kho_comes_back_from_the_wording_after_it(printed: str, code: str | None,
                                                                       of: str) -> None:
    wording = questions(of, 2567)[0]
    out, _, _ = correct_records([record(f"{printed}{wording}")], Document(fiscal_year=2567), [1], TODAY)
    assert out[0].indicator == code
    assert out[0].issue == wording if code else out[0].issue.startswith(printed.strip())


# ---------------------------------------------------------------- a code misread in one part


@pytest.mark.parametrize(("read", "of", "code"), [
    ("O5", "E5", "E5"),  # the letter misread, the number right
    ("E5", "E9", "E9"),  # ๙ read ๕: the number misread, the letter right
    ("E5", "E5", "E5"),  # the wording is the code's own: left
    ("O21", "E5", "O21"),  # neither the letter nor the number of E5: left as read
])  # fmt: skip
def test_a_code_misread_in_one_part_gives_way_to_the_one_code_its_wording_is(read: str, of: str,
                                                                            code: str) -> None:
    wording = questions(of, 2567)[0]
    out, _, notes = correct_records([record(wording, read)], Document(fiscal_year=2567), [1], TODAY)
    assert out[0].indicator == code
    assert any(f"not {read} as read" in n.message for n in notes) is (code != read)
    assert out[0].tool == ("EIT" if code != read else None)  # set with the code it gives back


def test_an_issue_fitting_no_question_keeps_the_code_read() -> None:
    out, _, _ = correct_records([record("การจัดทำแผนการใช้จ่ายงบประมาณของหน่วยงาน", "O5")],
                                Document(fiscal_year=2567), [1], TODAY)
    assert out[0].indicator == "O5"


def test_born_digital_records_keep_their_codes() -> None:
    records = [record(questions("E9", 2567)[0], "E5")]
    assert correct_records(records, Document(fiscal_year=2567), [], TODAY)[0] == records


# ---------------------------------------------------------------- page numbers OCR read in part


WIDTH, HEIGHT = 842.0, 595.0


def page(cells: list[tuple[float, float, str]]) -> Page:
    chars = [Char(ch, x + 5.0 * k, x + 5.0 * (k + 1), top, top + SIZE, SIZE)
             for x, top, text in cells for k, ch in enumerate(text)]
    return Page(2, WIDTH, HEIGHT, chars, [])


BODY = [(60, 200, "ดำเนินการตามแผนภายใน 15 วัน"), (60, 300, "รายงานผู้บริหารทราบ")]


@pytest.mark.parametrize(("text", "x", "gone"), [
    ("6 -", 415, True),  # "- 6 -" with its first dash lost, centred at the head
    ("- 9", 415, True),
    ("=", 420, True),  # its number lost too: dashes alone, centred
    ("—", 60, False),  # dashes at the left, where a row's text stands
    ("15 - 20", 415, False),  # a range, not a page number
])  # fmt: skip
def test_a_page_number_read_with_a_dash_lost_is_no_line_of_the_table(text: str, x: float, gone: bool) -> None:
    lines = without_furniture(group_lines(clusters(page([(x, 30, text), *BODY]).chars)), page(BODY))
    assert (len(lines) == len(BODY)) is gone


# ---------------------------------------------------------------- a code column no header names


COLUMNS = (Column(40, 85, None), Column(85, 120, None), Column(120, 280, None), Column(280, 400, None))


def test_a_headerless_column_of_codes_is_part_of_the_issue_column_centred_over_both() -> None:
    """"ประเด็นที่ต้องแก้ไข" centred over the code and the text of its cells: OCR found a gutter between
    "O๑๘" and its text, a column no header stands over (syn00049)."""
    header = [line(60, (50, "ลำดับ"), (128, "ประเด็นที่ต้องแก้ไข"), (300, "ผู้รับผิดชอบ"))]
    named = named_columns(COLUMNS, header, MEASURES, OCR)
    assert [(c.x0, c.role) for c in named] == [(40, "row"), (85, "issue"), (280, "responsible")]
    assert [c.role for c in named_columns(COLUMNS, header, MEASURES, DEFAULT)] == ["row", None, "issue", "responsible"]


def test_a_headerless_column_left_of_an_issue_header_set_on_its_own_column_stays() -> None:
    header = [line(60, (50, "ลำดับ"), (160, "ประเด็นที่ต้องแก้ไข"), (300, "ผู้รับผิดชอบ"))]
    assert [c.role for c in named_columns(COLUMNS, header, MEASURES, OCR)] == ["row", None, "issue", "responsible"]


# ---------------------------------------------------------------- a code alone on its line, misread


@pytest.mark.parametrize(("text", "opens"), [
    ("18", True),  # "I18" with its letter lost, on a line of its own over its question
    ("11", True),  # "I1" with I read as 1
    ("Ef", True),  # "E๗"
    ("Ell,", True),  # "E11"
    ("Q16", True),  # "O16" with O read as Q
    ("1.", False),  # an item number keeps its dot …
    ("๒)", False),  # … or its bracket
    ("IT", False),  # a word in capitals
    ("2567", False),  # a year
])  # fmt: skip
def test_a_code_alone_on_a_rows_first_line_opens_it_on_a_scan(text: str, opens: bool) -> None:
    assert opens_with_code(text, OCR, MEASURES, alone=True) is opens
    assert not opens_with_code(text, DEFAULT, MEASURES, alone=True)  # a text layer reads codes as printed
    # inside a cell a wrapped "๑ ปี" read "17" stands alone too: no row starts there (unseen scan syn00135)
    assert not opens_with_code(text, OCR, MEASURES)


@pytest.mark.parametrize(("text", "opens"), [
    ("120", True),  # "I20": a sans face's I read as 1 (IBM Plex Sans Thai, judge set 12's syn09405)
    ("130", True),
    ("014", True),  # "O14": O read as 0
    ("04", True),
    ("131", False),  # no I31
    ("044", False),  # no O44
    ("100", False),  # a count
    ("15", False),  # a row or item number: I5 or 15 cannot be told apart
    ("0", False),
])  # fmt: skip
def test_a_code_whose_letter_was_read_as_a_digit_opens_a_row_on_a_scan(text: str, opens: bool) -> None:
    """Even inside a cell (not only ``alone``): no row number or count is printed with a leading 0 or as 110-130."""
    assert opens_with_code(text, OCR, MEASURES) is opens
    assert not opens_with_code(text, DEFAULT, MEASURES)


@pytest.mark.parametrize(("text", "opens"), [
    ("โ ๑๘", True),  # "I๑๘" with its letter read as a character of its own (fifth judge set, syn00361)
    ("โอ ๖ ท่านเคยถูก", True),  # "I๑๖": ๑ read as อ beside the letter
    ("l ๙ หน่วยงาน", True),
    ("ปี ๖๖", False),  # a word before a number: no letter OCR makes of I, E or O
    ("โ ๑๘๙", False),  # three digits: no question's number
])  # fmt: skip
def test_a_code_whose_letter_stands_apart_opens_a_row_on_a_scan(text: str, opens: bool) -> None:
    assert opens_with_code(text, OCR, MEASURES) is opens
    assert not opens_with_code(text, DEFAULT, MEASURES)


# ---------------------------------------------------------------- a header printed again, read otherwise


KNOWN = (Column(40, 160, "issue", "ปรเดต็น การ ประ เมน"), Column(160, 300, "steps", "ขั้นตอน/ วิธีการ"),
         Column(300, 450, "responsible", "ผู้รับผิด. ชอบ"), Column(450, 600, "timeframe", "ระยะเวลา ดำเนินการ"))


def test_a_header_printed_again_on_a_scan_repeats_it_though_ocr_read_its_letters_otherwise() -> None:
    """FY2567 prints a table per issue, several to a page: OCR read the page's first printing with a
    letter lost and a speck ("ปรเดต็นการ", "ผู้รับผิด.ชอบ"), the second as printed or with another
    vowel ("ขึ้นตอน"). Alike letter by letter, it is the header again, not a record (fresh scan syn00310)."""
    again = [line(300, (50, "ประเด็น"), (170, "ขึ้นตอน/"), (310, "ผู้รับผิดชอบ"), (460, "ระยะเว้ลา")),
             line(315, (50, "การประเมิน"), (170, "วิธีการ"), (460, "ดำเนินการ"))]
    assert repeats_header(again, KNOWN, OCR)
    assert not repeats_header(again, KNOWN, DEFAULT)  # a text layer spells a header the same each time
    body = [line(300, (50, "E๑๒ หน่วยงาน"), (170, "๑. ทบทวนคู่มือ"), (310, "กองคลัง"), (460, "ตุลาคม ๒๕๖๗"))]
    assert not repeats_header(body, KNOWN, OCR)



def test_a_first_header_read_a_letter_short_still_opens_its_repeat() -> None:
    """The first printing's timeframe head read "ะยะเวลา" (ร lost): the repeat's "ระยะเวลา" holds it one
    letter in, yet opens alike, so the lines are the header again, not the end of a row above it
    (judge set 8's syn08105: a repeat read as two records). A column that opens with other words and
    holds its wording later (a row's last line above the header) still says the lines start too high."""
    short = (*KNOWN[:3], Column(450, 600, "timeframe", "ะยะเวลา ดำเนินการ"))
    again = [line(300, (50, "ประเด็น"), (170, "ขั้นตอน/"), (310, "ผู้รับผิดชอบ"), (460, "ระยะเวลา")),
             line(315, (50, "การประเมิน"), (170, "วิธีการ"), (460, "ดำเนินการ"))]
    assert repeats_header(again, short, OCR)
    above = [line(285, (50, "มากน้อยเพียงใด"), (460, "ไตรมาส")), *again]
    assert not repeats_header(above, KNOWN, OCR)


def test_a_repeat_whose_wordings_ocr_misread_too_far_for_the_header_search_is_still_the_header() -> None:
    """A loopless face's repeat at a page's head names two roles as read ("หแน่วัย" for หน่วย, "เว้ / ลา"
    for ระยะเวลา): too few for the header search, so its lines were joined to the last page's row and
    the row going on under them became a record (judge set 12's syn09405). It repeats the last page's
    header column by column, so it is that header; on a text layer, or below the body's first row, not."""
    from ita_extract.extract.table.finder import _misread_repeat
    from ita_extract.extract.table.header import find_header

    known = (Column(40, 160, "issue", "ประเด็น ที่ต้อง ปรับ ปรุงแก้ไข"), Column(160, 300, "measures", "มาตรการ ส่งเสริม"),
             Column(300, 450, "responsible", "หน่วย งาน ผู้รับ ผิด ชอบ"), Column(450, 600, "timeframe", "ระยะเว ลา"))
    prev = Layout(known, ruled=True, header_height=40.0, marked=True)
    again = [line(30, (300, "- ๒ -")),
             line(50, (50, "ประเด็น"), (170, "มาตรการ"), (310, "หแน่วัย"), (460, "เว้")),
             line(62, (50, "ที่ต้อง"), (170, "ส่งเสริม"), (310, "งาน"), (460, "ลา")),
             line(74, (50, "ปรับ"), (310, "ฝรับ"))]
    body = [line(100, (50, "ประโยชน์ส่วนตัว"), (170, "ต้องกำชับเจ้าหน้าที่"))]
    lines = again + body
    assert find_header(lines, MEASURES, OCR) is None  # two roles read: no header by its wordings
    assert _misread_repeat(lines, prev, OCR, []) == 1
    assert _misread_repeat(lines, prev, DEFAULT, []) is None
    assert _misread_repeat([line(30, (50, "E๑๒ หน่วยงาน"), (170, "๑. ทบทวน")), *again[1:]], prev, OCR, []) is None

# ---------------------------------------------------------------- a row holding a second score


def test_a_pages_first_row_holding_a_score_is_no_rest_of_a_row_that_holds_one() -> None:
    """FY2567 prints a score cell of one number: a page break cuts no such cell. A page's first row
    whose code OCR lost outright, holding a score, is a record of its own (FY2567 scan sample10)."""
    layout = Layout((Column(40, 170, "issue"), Column(170, 230, "score"), Column(230, 400, "measures")),
                    ruled=True, marked=True)
    first = LogicalRow({"issue": (CellLine("I1", False), CellLine("บุคลากรในหน่วยงาน", False)),
                        "score": (CellLine("73.73", False),), "measures": (CellLine("จัดทำคู่มือ", False),)}, 1, 1)
    lost = LogicalRow({"issue": (CellLine("ท่านรู้เกี่ยวกับ", False),), "score": (CellLine("76.63", False),),
                       "measures": (CellLine("ลดขั้นตอน", False),)}, 2, 2)
    rest = LogicalRow({"issue": lost.cells["issue"], "measures": lost.cells["measures"]}, 2, 2)

    def merged(second: LogicalRow) -> list[LogicalRow]:
        return merge_pages([PageTable(1, layout, (first,), has_header=True, settings=OCR),
                            PageTable(2, layout, (second,), has_header=True, settings=OCR)], MEASURES, DEFAULT)

    assert [r.first_text("score") for r in merged(lost)] == ["73.73", "76.63"]
    assert len(merged(rest)) == 1  # no score of its own: the rest of the row the page break cut
    # an issue's wrapped ")" run into the score column is no score (born-digital FY2567 reports)
    spilled = LogicalRow({**rest.cells, "score": (CellLine("น)", False),)}, 2, 2)
    assert len(merged(spilled)) == 1


@pytest.mark.parametrize(("printed", "code", "of"), [
    ("๓ ", "E13", "E13"),  # "E๑๓" with its letter and a digit lost
    ("๗ ", "I7", "I7"),  # the number whole: its own question still
    ("๔๔ ", None, "E13"),  # two digits read: no digit was lost, and none of E13
])  # fmt: skip
def test_a_code_that_lost_its_letter_and_a_digit_comes_back_from_the_wording(printed: str, code: str | None,
                                                                            of: str) -> None:
    wording = questions(of, 2567)[0]
    out, _, _ = correct_records([record(f"{printed}{wording}")], Document(fiscal_year=2567), [1], TODAY)
    assert out[0].indicator == code
