"""The table engine's geometry on layouts the long run of generated reports found wanting.

Hand-built glyphs at known positions (no PDF), one step of the engine at a time, as in
``test_table``: each case is a class of layout, not a file.
"""

from __future__ import annotations

import pytest
from glyphs import one_line, set_text
from ita_extract.extract.kinds.measures import MEASURES, to_records
from ita_extract.extract.page.page import Char, Page
from ita_extract.extract.table.cells import restore_wrap_spaces, split_items
from ita_extract.extract.table.columns import (
    Column,
    Layout,
    columns_from_gutters,
    split_at_header_cells,
    word_spaces,
)
from ita_extract.extract.table.finder import PageTable
from ita_extract.extract.table.furniture import without_furniture
from ita_extract.extract.table.header import find_header, header_end
from ita_extract.extract.table.lines import Cluster, TextLine, clusters, group_lines, render
from ita_extract.extract.table.merge import merge_pages
from ita_extract.extract.table.rows import CellLine, LogicalRow
from ita_extract.extract.table.settings import DEFAULT, TableSettings
from ita_extract.extract.thai.repair import to_arabic_digits

SIZE = 14.0
MONO = 8.4  # points per glyph of a monospaced face at 14 pt (TlwgTypewriter: 0.6 em, the space too)


def mono_chars(x: float, top: float, text: str, advance: float = MONO, size: float = SIZE) -> list[Char]:
    """``text`` set from ``x`` in a monospaced face: every glyph, space included, ``advance`` wide."""
    return set_text(x, top, text, advance, size)


def mono_line(top: float, *cells: tuple[float, str]) -> TextLine:
    return one_line([c for x, text in cells for c in mono_chars(x, top, text)])


def items(lines: list[TextLine]) -> list[Cluster]:
    return [c for ln in lines for c in ln.items]


# ---------------------------------------------------------------- a code column split off by spaces


def test_spaces_after_codes_of_one_width_open_no_gutter() -> None:
    """Monospaced "o๑ โครงสร้าง" / "o๘ Q&A": the spaces after equal-width codes line up, yet are typed text."""
    lines = [mono_line(100, (66, "o๑ โครงสร้าง"), (200, "กองคลัง")), mono_line(120, (66, "o๘ Q&A"), (200, "กองช่าง"))]
    cols = columns_from_gutters(items(lines), 60.0, 300.0, DEFAULT)
    assert len(cols) == 2 and cols[0].x0 == 60.0 and 170 < cols[0].x1 < 200


def test_a_space_flush_between_two_glyphs_is_a_word_space_and_a_trailing_one_is_not() -> None:
    ln = mono_line(100, (66, "o๑ ab "), (140, "กองคลัง"))  # "b " then 0.9 em of padding before the next cell
    typed = word_spaces(ln.items, DEFAULT)
    assert [ln.items[k].x0 for k in typed] == [pytest.approx(66 + 2 * MONO)]


def test_cells_close_to_a_trailing_space_still_part_at_their_gutter() -> None:
    """A cell's line ending with its typed space, then padding and the next cell: the gutter stays."""
    lines = [mono_line(100, (66, "ประเด็น "), (140, "กองคลัง")), mono_line(120, (66, "ของ"), (140, "กอง"))]
    assert len(columns_from_gutters(items(lines), 60.0, 300.0, DEFAULT)) == 2


def test_a_trailing_space_a_little_short_of_the_next_cell_is_no_word_space() -> None:
    """A cell's line and its typed space end 2 pt (0.15 em) before the next cell's text: still two cells."""
    left = mono_chars(66, 100, "ความคิดเห็น ")
    right = mono_chars(left[-1].x1 + 2.0, 100, "ติดตามการ")
    ln = one_line(left + right)
    assert word_spaces(ln.items, DEFAULT) == set()
    assert len(columns_from_gutters(ln.items, 60.0, 300.0, DEFAULT)) == 2


# ---------------------------------------------------------------- a code alone on a justified line


def spread_code(code: str, gap_em: float, size: float = 16.0) -> list[Cluster]:
    """``code``'s glyphs, 0.6 em wide, ``gap_em`` apart: justified alone across a wide cell."""
    out, x = [], 49.0
    for k, ch in enumerate(code):
        out.append(Cluster(ch, x, x + 0.6 * size, 100.0, 100.0 + size, size, k))
        x += (0.6 + gap_em) * size
    return out


@pytest.mark.parametrize("code", ["o๑๗", "O17", "E10", "I๒๖", "o๓๑"])
@pytest.mark.parametrize("gap_em", [1.0, 1.78, 2.5])
def test_an_indicator_code_spread_across_its_cell_reads_whole(code: str, gap_em: float) -> None:
    """A code alone on a line of a justified cell ("o  ๑  ๗", syn00447): its letters are one spread apart."""
    assert render(spread_code(code, gap_em)) == code


def test_a_code_and_a_word_apart_by_unequal_wide_gaps_stay_apart() -> None:
    clusters = spread_code("o๑", 1.5) + [Cluster("ก", 120.0, 129.6, 100.0, 116.0, 16.0, 2)]
    assert render(clusters) == "o ๑ ก"


# ---------------------------------------------------------------- a header broken at syllables, cells centred


def prop_line(top: float, *cells: tuple[float, str], size: float = 10.0) -> TextLine:
    """One line of a proportional face: half an em a letter, marks on their base."""
    return one_line([c for x, text in cells for c in mono_chars(x, top, text, size / 2, size)])


def test_a_syllable_broken_header_takes_in_a_taller_cells_first_line_above_it() -> None:
    """"กำหนด" / "เวลา" / "แล้ว" / "เสร็จ": the tallest cell (centred) opens a line above every other cell,
    and no line opens a cell with a role: the header starts at that lone first line (syn00389)."""
    lines = [prop_line(40, (60, "ตารางมาตรการ")),
             prop_line(60, (480, "กำหนด")),
             prop_line(72, (265, "มาตร"), (393, "ผู้รับ"), (480, "เวลา")),
             prop_line(78, (68, "ประเด็นที่ต้องพัฒนา")),
             prop_line(84, (270, "การ"), (382, "ผิดชอบ"), (480, "แล้ว")),
             prop_line(96, (480, "เสร็จ")),
             prop_line(112, (64, "E2 เจ้าหน้าที่"), (212, "กำหนดแนวปฏิบัติ"), (365, "สำนักปลัด"), (457, "ม.ค. ๖๕"))]
    assert find_header(lines, MEASURES, DEFAULT) == 1


# ---------------------------------------------------------------- a number inside an unruled header's wording


def test_an_unruled_header_goes_on_past_a_number_wrapped_alone_in_a_cell() -> None:
    """"ผลการดำเนินการ รอบ" / "๑๒" / "เดือน": a number alone right of another cell's line is header wording,
    not a row number (syn00424); the header ends at the section row."""
    lines = [prop_line(60, (60, "ประเด็นที่ต้อง"), (200, "มาตรการ"), (480, "ผลการ")),
             prop_line(72, (60, "ปรับปรุงแก้ไข"), (200, "แนวทาง"), (330, "ผู้รับผิดชอบ"), (480, "ดำเนินการ รอบ")),
             prop_line(84, (400, "เสร็จ"), (496, "๑๒")),
             prop_line(96, (60, "ต้องพัฒนา"), (490, "เดือน")),
             prop_line(114, (55, "เครื่องมือการประเมิน IIT คะแนนต่ำกว่า ๘๕ คะแนน")),
             prop_line(130, (55, "i๑ บุคลากรใน"), (200, "จัดอบรม"), (330, "กองคลัง"))]
    assert header_end(lines, 0, [], DEFAULT) == 4


def test_an_unruled_header_ends_at_a_row_number_in_the_first_piece() -> None:
    lines = [prop_line(60, (60, "ลำดับ"), (100, "ประเด็น"), (200, "มาตรการ"), (330, "ผู้รับผิดชอบ")),
             prop_line(72, (100, "ที่ต้องพัฒนา")),
             prop_line(84, (62, "๑๒"), (100, "บุคลากร"), (200, "จัดอบรม"), (330, "กองคลัง"))]
    assert header_end(lines, 0, [], DEFAULT) == 2


def _misread_rows() -> list[TextLine]:
    """An unruled header over rows whose codes OCR misread: TH Baijam's bare I lost or read as a bracket
    ("[6 บุคลากรใน…" for I6, "18 หน่วยงานของท่าน" for I18; development set devth, syn08205)."""
    return [prop_line(60, (60, "ประเด็นที่"), (200, "หน่วยงาน"), (330, "มาตรการ/วิธีการ")),
            prop_line(72, (60, "ต้องแก้ไข"), (200, "ผู้รับผิด"), (330, "ดำเนินการ")),
            prop_line(84, (200, "ชอบ")),
            prop_line(98, (60, "[6 บุคลากรในหน่วยงาน"), (200, "กองคลัง"), (330, "1 จัดทำประกาศ")),
            prop_line(110, (60, "ของท่าน มีการให้สิ่ง"), (330, "No Gift Policy")),
            prop_line(126, (60, "18 หน่วยงานของท่าน"), (200, "สำนักปลัด"), (330, "1 จัดให้มีช่องทาง"))]


def test_on_a_scan_an_unruled_header_ends_at_a_code_ocr_misread() -> None:
    lines = _misread_rows()
    assert header_end(lines, 0, [], TableSettings.ocr(), vocab=MEASURES) == 3
    assert header_end(lines[:3] + lines[5:], 0, [], TableSettings.ocr(), vocab=MEASURES) == 3  # a bare number


@pytest.mark.parametrize("settings", [DEFAULT, TableSettings.ocr()])
def test_a_misread_code_ends_no_header_without_ocr_or_the_vocabulary(settings: TableSettings) -> None:
    """A text layer prints its codes (a row's "18 …" is no code there), and without the vocabulary the
    misread code cannot be told: the header runs on as before."""
    vocab = MEASURES if settings is DEFAULT else None
    assert header_end(_misread_rows(), 0, [], settings, vocab=vocab) == 6


def test_a_number_right_of_the_first_column_ends_no_header() -> None:
    """"1 จัดทำ…" under the measures column is an item of a row, and "รอบ 12" header wording: only the first
    column's cell is asked."""
    lines = [*_misread_rows()[:3], prop_line(98, (200, "กองคลัง"), (330, "1 จัดทำประกาศ"))]
    assert header_end(lines, 0, [], TableSettings.ocr(), vocab=MEASURES) == 4


# ---------------------------------------------------------------- a row number wrapped at a page break


NUMBERED = Layout((Column(40, 70, "row"), Column(70, 240, "issue"), Column(240, 390, "measures")), ruled=False,
                  marked=True)


def cell_lines(*texts: str) -> tuple[CellLine, ...]:
    return tuple(CellLine(t, False) for t in texts)


def numbered_row(number: str, issue: str, page: int) -> LogicalRow:
    return LogicalRow({"row": cell_lines(number), "issue": cell_lines(issue), "measures": cell_lines("จัดทำ")}, page, page)


@pytest.mark.parametrize(("foot", "head", "rows"), [
    ("๑", "๑", 3),  # row 11: "๑" at the foot of the page, "๑" at the head of the next
    ("1", "0", 3),
    ("๑", "๒", 4),  # the next number: a row of its own, though it has no code
])
def test_a_row_number_wrapped_at_a_page_break_joins_its_row(foot: str, head: str, rows: int) -> None:
    tables = [PageTable(1, NUMBERED, (numbered_row("๙", "O30 แผน", 1), numbered_row(foot, "O33 งาน", 1))),
              PageTable(2, NUMBERED, (numbered_row(head, "รายงานผล", 2), numbered_row("๑๒", "O40 การขับเคลื่อน", 2)))]
    merged = merge_pages(tables, MEASURES, DEFAULT)
    assert len(merged) == rows
    if rows == 3:
        assert [ln.text for ln in merged[1].cells["row"]] == [foot, head]
        assert (merged[1].page_start, merged[1].page_end) == (1, 2)
        records, _ = to_records(merged)
        assert [r.row for r in records] == [9, int(to_arabic_digits(foot + head)), 12]


# ---------------------------------------------------------------- a section label wrapped at a number


def test_a_section_label_wrapped_at_its_number_takes_the_tail_back_in_a_coded_table() -> None:
    """"…ที่ได้คะแนนต่ำกว่า" / "85 คะแนน": the 85 falls in the number column, but the rows open with codes."""
    section = LogicalRow({}, 1, 1, section="แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) ที่ได้คะแนนต่ำกว่า",
                         is_section=True)
    tail = LogicalRow({"row": cell_lines("85"), "issue": cell_lines("คะแนน")}, 1, 1, printed=("85 คะแนน",))
    rows = (section, tail, numbered_row("1", "I16 ท่านเคยถูก", 1), numbered_row("2", "I26 หน่วยงาน", 1))
    merged = merge_pages([PageTable(1, NUMBERED, rows)], MEASURES, DEFAULT)
    assert [r.first_text("row") for r in merged] == ["1", "2"]
    assert merged[0].section == "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) ที่ได้คะแนนต่ำกว่า 85 คะแนน"


def test_a_numbered_one_line_row_under_a_section_stays_a_row_when_rows_carry_no_codes() -> None:
    section = LogicalRow({}, 1, 1, section="เครื่องมือการประเมิน OIT", is_section=True)
    first = LogicalRow({"row": cell_lines("1"), "issue": cell_lines("ข้อมูลผู้บริหาร")}, 1, 1,
                       printed=("1 ข้อมูลผู้บริหาร",))
    merged = merge_pages([PageTable(1, NUMBERED, (section, first, numbered_row("2", "แผนดำเนินงาน", 1)))],
                         MEASURES, DEFAULT)
    assert [r.first_text("row") for r in merged] == ["1", "2"]


# ---------------------------------------------------------------- a date cut at a wrap, in a document that draws its wrap spaces


def cline(text: str, room: float, space_after: bool = False, size: float = 14.0) -> CellLine:
    """A cell line of ``text`` (half an em a glyph, a space 0.3 em) leaving ``room`` points to its column's edge."""
    items, x = [], 100.0
    for k, ch in enumerate(text):
        width = (0.3 if ch == " " else 0.5) * size
        items.append(Cluster(ch, x, x + width, 0.0, size, size, k))
        x += width
    return CellLine(text, space_after, room, tuple(items))


def actions_row(*lines: CellLine) -> LogicalRow:
    return LogicalRow({"actions": lines}, 1, 1)


# a row whose wrap drew its typed space: the document draws the spaces it wraps at; its room is the padding
DRAWN = actions_row(cline("รายงานผู้บริหาร", 2.0, space_after=True), cline("ทราบแล้ว", 40.0))


@pytest.mark.parametrize(("first", "room", "joined"), [
    ("จัดทำแล้วเสร็จ ณ วันที่ ๑", 12.0, "จัดทำแล้วเสร็จ ณ วันที่ ๑๘/๑๒/๒๕๖๗"),  # cut in the day: no space
    ("จัดทำแล้วเสร็จ ณ วันที่", 3.0, "จัดทำแล้วเสร็จ ณ วันที่ ๑๘/๑๒/๒๕๖๗"),  # a space hanging past the edge
])
def test_a_wrap_inside_a_run_too_wide_for_the_room_left_swallows_no_space(first: str, room: float, joined: str) -> None:
    rows = restore_wrap_spaces([DRAWN, actions_row(cline(first, room), cline("๘/๑๒/๒๕๖๗" if first.endswith("๑")
                                                                             else "๑๘/๑๒/๒๕๖๗", 30.0))])
    assert split_items(list(rows[1].cells["actions"])) == [joined]


def test_without_drawn_wrap_spaces_a_wrap_before_digits_keeps_its_space() -> None:
    undrawn = actions_row(cline("รายงานผู้บริหาร", 2.0), cline("ทราบแล้ว", 40.0))
    rows = restore_wrap_spaces([undrawn, actions_row(cline("ณ วันที่", 12.0), cline("๑๘/๑๒/๒๕๖๗", 30.0))])
    assert split_items(list(rows[1].cells["actions"])) == ["ณ วันที่ ๑๘/๑๒/๒๕๖๗"]
    # a date cut inside its day joins, drawn spaces or not (spacing.wrap_space)
    rows = restore_wrap_spaces([undrawn, actions_row(cline("ณ วันที่ ๑", 12.0), cline("๘/๑๒/๒๕๖๗", 30.0))])
    assert split_items(list(rows[1].cells["actions"])) == ["ณ วันที่ ๑๘/๑๒/๒๕๖๗"]


def test_a_numbered_item_after_a_short_line_stays_an_item() -> None:
    rows = restore_wrap_spaces([DRAWN, actions_row(cline("๑ จัดอบรม", 60.0), cline("๒ ประชุม", 60.0))])
    assert split_items(list(rows[1].cells["actions"])) == ["จัดอบรม", "ประชุม"]


def test_a_year_cut_at_a_wrap_closes_no_dated_paragraph() -> None:
    """"…วันที่ ๐๔/๐๙/๒๕" | "๖๖": the year goes on; "๖๖" is no entry of its own (syn00193)."""
    lines = [cline("จัดทำแล้วเสร็จ ณ วันที่ ๐๔/๐๙/๒๕", 5.0), cline("๖๖", 60.0)]
    assert split_items(lines) == ["จัดทำแล้วเสร็จ ณ วันที่ ๐๔/๐๙/๒๕๖๖"]


def test_latin_words_wrapped_without_a_drawn_space_keep_their_space() -> None:
    """"No Gift" | "Policy": a producer may leave a fitting wrap space undrawn; Latin breaks only at spaces."""
    rows = restore_wrap_spaces([DRAWN, actions_row(cline("วัฒนธรรม No Gift", 26.0), cline("Policy", 60.0))])
    assert split_items(list(rows[1].cells["actions"])) == ["วัฒนธรรม No Gift Policy"]


# ---------------------------------------------------------------- a border before left-aligned cells


def test_the_border_before_left_aligned_cells_sits_just_before_them() -> None:
    """Cells of the right column start at x = 555 on every line: a later page's longer line of the left
    column ("เทศบาล/ทุกกอง", to 540) must stay in its column, so the border is not midway (syn00097)."""
    lines = [prop_line(100 + 20 * k, (446, left), (555, right))
             for k, (left, right) in enumerate([("กองคลัง", "๓ พฤศจิกายน"), ("กองช่าง", "๓๐ มิถุนายน"), ("สำนัก", "๒๕๖๘")])]
    cols = columns_from_gutters(items(lines), 440.0, 650.0, DEFAULT)
    assert len(cols) == 2 and 545 < cols[0].x1 < 555


def test_the_border_before_cells_starting_anywhere_stays_midway() -> None:
    lines = [prop_line(100, (446, "กองคลัง"), (560, "๑๐๐")), prop_line(120, (446, "กองช่าง"), (555, "๘๕.๕๐"))]
    cols = columns_from_gutters(items(lines), 440.0, 650.0, DEFAULT)
    left_end = max(c.x1 for ln in lines for c in ln.items if c.x0 < 500)
    assert cols[0].x1 == pytest.approx((left_end + 555) / 2)


# ---------------------------------------------------------------- an item number in a spread Thai line


def spread_line(text: str, add: float = 0.3, size: float = 14.0) -> list[Cluster]:
    """``text`` set with ``add`` em after every glyph (character spacing), typed spaces as glyphs."""
    out, x = [], 100.0
    for k, ch in enumerate(text):
        width = (0.3 if ch == " " else 0.5) * size
        out.append(Cluster(ch, x, x + width, 0.0, size, size, k))
        x += width + add * size
    return out


@pytest.mark.parametrize("text", ["1. จัดทำประกาศนโยบาย", "รายงานผู้บริหาร 2. ผู้บังคับ", "(3) เปิดโอกาสให้บุคลากร"])
@pytest.mark.parametrize("add", [0.25, 0.4])
def test_an_item_number_in_a_spread_thai_line_takes_the_thai_spread(text: str, add: float) -> None:
    """"1." alone among Thai letters has no Latin or digit gap beside it to show the spread: the Thai show it."""
    assert render(spread_line(text, add)) == text


# ---------------------------------------------------------------- a cell's last line at a page's foot


def foot_page(number_x: float) -> Page:
    """A portrait page whose right column's cell runs to its foot; a bare "๑" set last at ``number_x``."""
    lines = [(60, 700, "ตามประเด็นดังต่อไปนี้"), (472, 700, "ดำเนินการแล้ว"), (472, 725, "เมื่อวันที่"), (number_x, 760, "๑")]
    chars = [c for x, top, text in lines for c in mono_chars(x, top, text, 5.0, 10.0)]
    return Page(6, 595.0, 842.0, chars, [])


def test_a_bare_number_lined_up_with_the_cell_above_it_at_a_pages_foot_is_that_cells_text() -> None:
    """"…เมื่อวันที่" / "๑" (of "๑๑/๐๘/๒๕๖๘"): at the right of the foot band, but where the cell's lines start (syn00388)."""
    page = foot_page(472)
    assert [ln.text for ln in without_furniture(group_lines(clusters(page.chars)), page)][-1] == "๑"


def test_a_bare_number_at_the_right_of_the_foot_band_off_the_cells_is_a_page_number() -> None:
    page = foot_page(540)
    assert [ln.text for ln in without_furniture(group_lines(clusters(page.chars)), page)][-1] == "เมื่อวันที่"


def test_an_item_marker_spread_alone_across_its_line_still_numbers_an_item() -> None:
    """"๒)" alone on a justified line reads "๒ )" (syn00211): the next item still starts there."""
    lines = [cline("๑) รายงานผู้บริหาร", 40.0), cline("๒ )", 0.0), cline("ผู้บังคับบัญชาแต่ละกอง", 20.0)]
    assert split_items(lines) == ["รายงานผู้บริหาร", "ผู้บังคับบัญชาแต่ละกอง"]


@pytest.mark.parametrize("text", ["ภายใน 15 วัน", "ข้อ 2 .", "ราคา 3 .50 บาท"])
def test_a_number_with_a_spaced_dot_inside_text_numbers_no_item(text: str) -> None:
    assert split_items([cline(text, 10.0)]) == [text]


def _cells_line(top: float, *cells: tuple[float, str]) -> TextLine:
    """One line of cells, each (x, text) set in 10-point glyphs 5 points wide."""
    chars = [c for x, text in cells for c in set_text(x, top, text, 5.0, 10.0)]
    return one_line(chars)


def test_a_gutterless_column_is_split_between_header_cells_where_the_body_leaves_a_border() -> None:
    header = [_cells_line(40, (100, "ขั้นตอน"), (190, "ผู้รับผิด"))]
    body = [_cells_line(60 + 14 * k, (82, "ทบทวนคู่มือการ"), (158, "สำนักปลัดเทศบา")) for k in range(4)]
    body.append(_cells_line(116, (82, "ปฏิบัติงานให้เป็นปัจจุบัน")))  # one line OCR read over the border
    (left, right) = split_at_header_cells([Column(80, 240)], header, body, TableSettings.ocr())
    assert (left.x0, right.x1) == (80, 240) and 153 <= left.x1 == right.x0 <= 158


def test_one_cells_header_read_in_two_pieces_splits_nothing() -> None:
    header = [_cells_line(40, (100, "ผลการ"), (170, "ดำเนินการ"))]
    body = [_cells_line(60 + 14 * k, (82, "ดำเนินการแล้วเมื่อวันที่ 5")) for k in range(4)]  # the cell's lines run across
    assert split_at_header_cells([Column(80, 240)], header, body, TableSettings.ocr()) == [Column(80, 240)]
