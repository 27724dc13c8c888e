"""The table structure of scanned pages, on hand-built lines and rows (no PDF, no Tesseract).

A scan's text comes in ink boxes, its header cells are sometimes read in pieces or with letters
lost, and its codes lose their letters: each test here pins one rule that keeps a whole field or
record from being lost to that (issue 16: the unseen and dev-s6 scans).
"""

from __future__ import annotations

import datetime

import pytest
from glyphs import one_line, set_text
from ita_extract.extract.kinds.measures import MEASURES
from ita_extract.extract.page.ocr.lexicon import questions
from ita_extract.extract.page.ocr.lines import line_chars, shared_baselines
from ita_extract.extract.page.ocr.records import correct_records
from ita_extract.extract.page.ocr.tesseract import OcrLine, OcrWord
from ita_extract.extract.page.page import Page
from ita_extract.extract.table.columns import Column, Layout
from ita_extract.extract.table.finder import PageTable, layout_for, page_lines
from ita_extract.extract.table.header import completed, find_header, repeats_header
from ita_extract.extract.table.lines import TextLine, clusters, group_lines
from ita_extract.extract.table.merge import merge_pages
from ita_extract.extract.table.rows import CellLine, LogicalRow, table_bottom
from ita_extract.extract.table.settings import DEFAULT, TableSettings
from ita_extract.schema import Document, Record

SIZE = 10.0
TODAY = datetime.date(2026, 11, 30)
OCR = TableSettings.ocr()


def line(top: float, *cells: tuple[float, str]) -> TextLine:
    """One text line with a cell at each (x, text), its box ``SIZE`` points tall from ``top``."""
    return one_line([c for x, text in cells for c in set_text(x, top, text, 5.0, SIZE, space=0.6)])


def cell(text: str) -> tuple[CellLine, ...]:
    return (CellLine(text, False),)


# ---------------------------------------------------------------- header


def test_on_a_scan_a_header_cells_upper_line_set_an_ink_gap_wider_above_is_still_header() -> None:
    """A bottom-aligned cell "ผู้รับผิดชอบ / หรือผู้ที่ / เกี่ยวข้อง": its first line stands alone above
    the others. Ink boxes leave 0.7 em of white where a text layer's boxes leave 0.35 (syn00110)."""
    lines = [line(10, (200, "ส่วนตำบลหนองพอก ดังนี้")), line(38, (250, "ผู้รับผิดชอบ")),
             line(55, (40, "ลำดับ"), (100, "ประเด็นที่ต้องพัฒนา"), (250, "หรือผู้ที่"), (400, "มาตรการ"),
                  (600, "การกำกับติดตาม")),
             line(72, (250, "เกี่ยวข้อง")),
             line(100, (40, "๑"), (100, "E1 เจ้าหน้าที่"), (250, "กองคลัง"), (400, "จัดทำคู่มือ"))]
    assert find_header(lines, MEASURES, OCR) == 1
    assert find_header(lines, MEASURES, DEFAULT) == 2  # a text layer's boxes: that much white parts lines


def test_a_title_a_blank_line_above_a_scanned_header_stays_out_of_it() -> None:
    lines = [line(20, (200, "ส่วนตำบลหนองพอก ดังนี้")),  # 1.4 em of white above the header
             line(44, (50, "ประเด็นที่ต้องพัฒนา"), (250, "ผู้รับผิดชอบ"), (400, "มาตรการ")),
             line(70, (50, "E1 เจ้าหน้าที่"), (250, "กองคลัง"), (400, "จัดทำคู่มือ"))]
    assert find_header(lines, MEASURES, OCR) == 1


KNOWN = (Column(40, 150, "issue", "ประเด็นการประเมิน"), Column(150, 220, "timeframe", "ระยะเวลาดำเนินการ"),
         Column(220, 300, "responsible", "ผู้รับผิดชอบ"), Column(300, 480, "measures", "แนวทางการแก้ไข"))


def test_a_repeated_headers_column_that_names_nothing_where_a_known_column_stood_keeps_its_role() -> None:
    """OCR lost "ระยะ" of "ระยะเวลา" and "ชอบ" of "ผู้รับผิดชอบ" on a later page's printing (syn00135)."""
    printing = (Column(40, 150, "issue", "ประเด็นการประเมิน"), Column(150, 220, None, "เว้ลาดำเนินการ"),
                Column(220, 300, None, "ผุรับผิด หรือผู้ที่"), Column(300, 480, "measures", "แนวทางการแก้ไข"))
    columns, short = completed(printing, KNOWN)
    assert [c.role for c in columns] == ["issue", "timeframe", "responsible", "measures"] and not short


def test_a_column_elsewhere_or_a_table_of_other_columns_keeps_what_its_printing_names() -> None:
    moved = (Column(40, 150, "issue", "ประเด็น"), Column(150, 180, None, "ที่"),
             Column(180, 300, None, "หมายเหตุ"), Column(300, 480, "measures", "แนวทาง"))
    columns, _ = completed(moved, KNOWN)
    assert [c.role for c in columns] == ["issue", None, "responsible", "measures"]  # its middle under the known one
    fewer = KNOWN[:2] + (Column(220, 480, None, "หมายเหตุ"),)
    assert completed(fewer, KNOWN)[0] == fewer


PRINTED = (Column(40, 200, "issue", "ประเด็นที่ต้องพัฒนา"), Column(200, 400, "responsible", "ผู้รับผิดชอบ"),
           Column(400, 600, "measures", "มาตรการ"), Column(600, 800, "timeframe", "ระยะเวลา"))


@pytest.mark.parametrize("speck", [".", "·", "'"])
def test_a_speck_read_before_a_repeated_headers_wording_does_not_make_it_a_rows_tail(speck: str) -> None:
    """A scan's speck read as a full stop before "ประเด็นที่…" (syn00280, page 5): no letter stands
    before the wording, so the lines still repeat the header and do not start inside a row."""
    header = [line(100, (50, speck + "ประเด็นที่ต้องพัฒนา"), (210, "ผู้รับผิดชอบ"), (410, "มาตรการ"), (610, "ระยะเวคลา"))]
    assert repeats_header(header, PRINTED, OCR)
    tail = [line(100, (50, "เพียงใดประเด็นที่ต้องพัฒนา"), (210, "ผู้รับผิดชอบ"), (410, "มาตรการ"), (610, "ระยะเวคลา"))]
    assert not repeats_header(tail, PRINTED, OCR)  # letters before the wording: a row's last words


def test_a_centred_header_cell_read_in_pieces_is_no_spanning_cell_and_its_narrow_column_stays_whole() -> None:
    """"หน่วยงาน / ผู้รับผิดชอ / บ" in a narrow column, its middle line read only as "ซื้อ" at the right:
    "หน่วยงาน" lay over two pieces side by side and passed for a cell spanning two sub-columns, its
    short cells ("ทุก", "กอง") left a strip blank, and the column split there ("สำนักป|ลัด", syn03).
    "บ" is centred under "หน่วยงาน": the lines of one cell, not a sub-column's."""
    header = [[(50, "ประเด็นที่ต้อง"), (160, "หน่วยงาน"), (250, "ขั้นตอน"), (400, "การกำกับติดตาม")],
              [(50, "พัฒนา"), (186, "ซื้อ"), (250, "การปฏิบัติ"), (400, "ระยะเวลา")], [(174, "บ")]]
    body = [[(50, "E1 เจ้าหน้าที่"), (160, "ทุก"), (250, "จัดให้มีช่องทาง"), (400, "ผู้บริหารกำกับ")],
            [(50, "ของหน่วยงาน"), (250, "รับฟังความเห็น"), (400, "ติดตามการ")],
            [(50, "E2 หน่วยงาน"), (160, "กอง"), (250, "ประกาศเจตนารมณ์"), (400, "รายงานผล")]]
    chars = [c for cells, top in zip(header + body, [50, 60, 70, 90, 102, 114]) for x, text in cells
             for c in set_text(x, top, text, 5.0, SIZE, space=0.6)]
    page = Page(1, 842.0, 595.0, chars, [])
    layout = layout_for(page, page_lines(page, OCR), 0, None, False, OCR, MEASURES)
    assert layout is not None and len(layout.columns) == 4
    assert not any(165 < c.x1 < 200 for c in layout.columns)  # no border inside "หน่วยงาน"


# ---------------------------------------------------------------- OCR lines


def _ocr_line(words: list[tuple[str, float, float, float, float]], bottom: float, height: float) -> OcrLine:
    return OcrLine(tuple(OcrWord(t, x0, x1, top, foot, 90.0) for t, x0, x1, top, foot in words), words[0][1],
                   bottom, 0.0, 0.0, height)


def test_a_line_tesseract_measured_over_two_text_lines_stands_on_the_baseline_of_the_line_it_is_in() -> None:
    """"E2"'s box ran down to the tone mark of "เจ้าหน้าที่" below: its line twice the usual height,
    its baseline that box's foot, and the code fell to a line of its own (syn00135)."""
    syllables = ("จัด", "เว", "ที", "รับ", "ฟัง")  # Tesseract reads Thai a syllable a word
    row = [_ocr_line([(t, 600 + 30 * k, 628 + 30 * k, 168, 182) for k, t in enumerate(syllables)], 182, 60),
           _ocr_line([("ไตร", 900, 960, 168, 182)], 182, 60)]
    below = [_ocr_line([(t, 300 + 30 * k, 328 + 30 * k, 186, 202) for k, t in enumerate(syllables)], 202, 60)]
    code = _ocr_line([("E2", 300, 370, 171, 189)], 189, 138)
    lines = shared_baselines([*row, code, *below])
    assert lines[2].baseline_at(335) == 182 and lines[:2] + lines[3:] == row + below
    chars = [c for ln in lines for c in line_chars(ln, scale=1.0, em=40.0)]
    assert [ln.text for ln in group_lines(clusters(chars), OCR)] == ["E2 จัดเวทีรับฟัง ไตร", "จัดเวทีรับฟัง"]
    usual = _ocr_line([("E2", 300, 370, 171, 189)], 189, 66)  # of the usual height: its own baseline is sound
    assert shared_baselines([*row, usual, *below])[2] == usual
    marks = _ocr_line([("เจ้าหน้าที่", 300, 500, 176, 202)], 202, 138)  # its marks reach over the row's baseline
    assert shared_baselines([*row, marks, *below])[2] == marks  # it stands on its own line, not the one above


def test_a_line_a_little_taller_for_its_marks_keeps_its_own_baseline() -> None:
    """A line whose box reaches marks above and below (1.2 times the usual height) holds one text
    line, not two: with OCR's em capped at the page's usual (``em_max_usual`` 1.0) it is still no
    line measured over two (``two_lines_height``), and is not set on a neighbour's baseline."""
    syllables = ("จัด", "เว", "ที", "รับ", "ฟัง")
    row = [_ocr_line([(t, 600 + 30 * k, 628 + 30 * k, 168, 182) for k, t in enumerate(syllables)], 182, 60)]
    marked = _ocr_line([("ผู้", 300, 330, 164, 186), ("ที่", 332, 360, 164, 186)], 186, 72)
    assert shared_baselines([*row, *row, *row, marked])[-1] == marked


# ---------------------------------------------------------------- rows


@pytest.mark.parametrize(("text", "opens"), [
    ("๑๘) การบริหารงานบุคคลของ", True),  # "(I๑๘)": the opening bracket and I lost
    ("0๘) หน่วยงานของท่าน ใช้จ่าย", True),
    ("๓) บุคลากรในหน่วยงานของ", True),
    ("๑) จัดทำคู่มือการปฏิบัติงาน", False),  # an item: no question opens so
    ("๑. เจ้าหน้าที่ของหน่วยงาน", False),  # an item number with its dot
    ("(๒) หน่วยงานที่ท่าน", False),
])  # fmt: skip
def test_a_bracketed_code_read_without_its_opening_bracket_and_letter_opens_a_row(text: str, opens: bool) -> None:
    assert MEASURES.opens_with_wording(text) is opens


def test_a_row_under_a_rule_at_a_pages_head_is_no_rest_of_the_last_pages_row() -> None:
    """A ruled table: the rest of a row cut by the page break ends at the first rule under it. A row
    below that rule whose code OCR lost ("1 ๑๐" for "I ๑๐") is a record of its own (syn00220)."""
    marked = Layout((Column(40, 240, "issue"), Column(240, 390, "responsible"), Column(390, 800, "measures")),
                    ruled=True, marked=True)
    above = LogicalRow({"issue": cell("I ๗ บุคลากร"), "measures": cell("ประกาศ")}, 1, 1)
    first = LogicalRow({"issue": cell("I ๘ หน่วยงานของท่าน"), "measures": cell("จัดทำ")}, 1, 1)
    rest = LogicalRow({"measures": cell("คู่มือ")}, 2, 2)
    code_line = (CellLine("1 ๑๐", False), CellLine("บุคลากรในหน่วยงาน", False))  # the code set on a line of its own
    lost = LogicalRow({"issue": code_line, "responsible": cell("กองคลัง")}, 2, 2, under_rule=True)
    tables = [PageTable(1, marked, (above, first), settings=OCR), PageTable(2, marked, (rest, lost), settings=OCR)]
    merged = merge_pages(tables, MEASURES, DEFAULT)
    assert [r.first_text("issue") for r in merged] == ["I ๗ บุคลากร", "I ๘ หน่วยงานของท่าน", "1 ๑๐"]
    assert [ln.text for ln in merged[1].cells["measures"]] == ["จัดทำ", "คู่มือ"]
    unruled = PageTable(2, marked, (rest, LogicalRow({**lost.cells}, 2, 2)), settings=OCR)
    # no rule: "1 ๑๐", a code whose letter OCR read apart, still opens a record of its own (UNREAD_CODE) …
    assert len(merge_pages([tables[0], unruled], MEASURES, DEFAULT)) == 3
    # … while a row whose code OCR lost outright is the rest of the last page's, both its pieces
    unread = LogicalRow({"issue": code_line[1:], "responsible": cell("กองคลัง")}, 2, 2)
    assert len(merge_pages([tables[0], PageTable(2, marked, (rest, unread), settings=OCR)], MEASURES, DEFAULT)) == 2


def test_a_signature_line_whose_dots_a_scan_dropped_ends_the_table() -> None:
    """"ลงชื่อ ........ ผู้รายงาน": the dotted line read as specks leaves two pieces, each a signature's
    words; it ended no table and became a row (held-out scan held03). A body line opening with the
    word among cells of its own still does not end it."""
    body = [line(100, (50, "O๓๓ การเปิดโอกาส"), (250, "กองคลัง"), (400, "ประชาสัมพันธ์")),
            line(115, (50, "ให้เกิดการมีส่วนร่วม"), (400, "ช่องทางร้องเรียน"))]
    signed = line(160, (300, "ลงชื่อ"), (560, "ผู้รายงาน"))
    assert table_bottom([*body, signed, line(175, (320, "(นายสมชาย ใจดี)"))], [], OCR) == 2
    in_row = line(130, (50, "ลงชื่อรับทราบ"), (250, "กองช่าง"), (400, "ประกาศ"))
    assert table_bottom([*body, in_row], [], OCR) == 3


@pytest.mark.parametrize("pieces", [
    [(300, "ลงซื้อ"), (560, "ผู้รายง"), (610, "าน")],  # ช read as ซ, the role split where the dots were
    [(300, "ลงชอ"), (560, "ผู้รายงาน")],  # its marks lost
])  # fmt: skip
def test_a_signature_line_ocr_misread_still_ends_the_table(pieces: list[tuple[float, str]]) -> None:
    """TH Kodchasal (development set devth): "ลงซื้อ | ผู้รายง | าน" was read as a record of its own."""
    body = [line(100, (50, "O๓๖ แผนปฏิบัติ"), (250, "สำนักปลัด"), (400, "รายงาน"))]
    assert table_bottom([*body, line(160, *pieces)], [], OCR) == 1


@pytest.mark.parametrize("pieces", [
    [(50, "ลงชื่อ"), (250, "กองช่าง"), (400, "ประกาศ")],  # a row's words: no signer's role after it
    [(50, "ลงทุน"), (250, "ผู้รายงาน")],
])  # fmt: skip
def test_a_line_that_only_looks_signed_does_not_end_the_table(pieces: list[tuple[float, str]]) -> None:
    body = [line(100, (50, "O๓๖ แผนปฏิบัติ"), (250, "สำนักปลัด"), (400, "รายงาน"))]
    assert table_bottom([*body, line(130, *pieces)], [], OCR) == 2


# ---------------------------------------------------------------- records


def test_a_bracketed_code_that_lost_its_opening_bracket_and_letter_comes_back_from_its_number_and_wording() -> None:
    i18 = questions("I18", 2568)[0]
    records = [Record(row=1, page_start=1, page_end=1, issue="๑๘) " + i18),
               Record(row=2, page_start=1, page_end=1, issue="0๘) " + questions("I8", 2568)[0])]
    out, _, notes = correct_records(records, Document(fiscal_year=2568), [1], TODAY)
    assert [(r.indicator, r.tool) for r in out] == [("I18", "IIT"), ("I8", "IIT")] and out[0].issue == i18
    assert "indicator = I18" in notes[0].message
