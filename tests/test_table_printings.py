"""A header printed several times: the FY2567 plan sets one table per issue, several to a page, each
under the same two-level header, and repeats it at the head of every page.

Each test builds the lines and rules of a page by hand (the helpers of ``test_table.py``), runs
one step of the table engine, and checks what it returns.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from glyphs import one_line, set_text
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ita_extract.extract.kinds.measures import MEASURES
from ita_extract.extract.table.columns import Column, Layout
from ita_extract.extract.table.finder import analyse_page, layout_for, page_lines
from ita_extract.extract.table.header import find_header, named_columns, repeats_header
from ita_extract.extract.table.lines import TextLine
from ita_extract.extract.table.naming import named_as_before, numbered_first
from ita_extract.extract.table.settings import DEFAULT, TableSettings
from ita_extract.extract.table.spanning import _pieces, pieces_below, spans_below
from test_table import SPANNING, h, line, page, v

UPPER = [(60, "ประเด็น"), (210, "ผลการประเมิน"), (320, SPANNING + "เพื่อส่งเสริมคุณธรรม")]
LOWER = [(310, "วิธีการนำผล"), (460, "ผู้รับผิดชอบ"), (610, "ระยะเวลา")]


def test_every_printing_of_a_two_level_header_leaves_its_sub_columns_gutters_open() -> None:
    """Horizontal rules only: the spanning cell of the second table's header crosses the sub-columns'
    gutters just as the first one's does, and is no reason to merge them."""
    rows = [[(50, "E1 หน่วยงานที่ท่านติดต่อ"), (210, "๗๖.๘๗"), (310, "จัดเวทีรับฟัง"), (460, "กองคลัง"), (610, "มีนาคม")],
            [(50, "E2 หน่วยงานมีช่องทาง"), (210, "๖๖.๔๑"), (310, "ลดขั้นตอน"), (460, "กองช่าง"), (610, "เมษายน")]]
    cells = [UPPER, LOWER, rows[0], UPPER, LOWER, rows[1]]
    rules = [h(y) for y in (45, 98, 130, 175, 228, 260)]
    table = analyse_page(page(cells, [52, 75, 105, 182, 205, 235], rules), None, MEASURES, DEFAULT)
    assert table is not None
    assert [c.role for c in table.layout.columns] == ["issue", "score", "measures", "responsible", "timeframe"]
    assert [(r.first_text("issue")[:2], r.first_text("timeframe")) for r in table.rows] == [
        ("E1", "มีนาคม"), ("E2", "เมษายน")]


def test_a_body_line_over_two_pieces_of_the_next_is_no_spanning_cell_and_still_says_where_the_gutter_is() -> None:
    """Two cells of a row set closer than a cell gap read as one piece ("คณะทำงาน เทศบาล") lying
    over two pieces of the line below; only a header's cells span sub-columns, so its glyphs
    still bound the gutter between them (else the boundary moves and a cell's last letter
    falls into the next column)."""
    cells = [[(50, "ประเด็น"), (210, "ผู้รับผิดชอบ"), (410, "มาตรการ")],
             [(50, "E1 หน่วยงาน"), (210, "กองคลัง"), (410, "จัดทำคู่มือ")],
             [(150, "คณะทำงาน"), (196, "เทศบาล")], [(160, "ก"), (205, "ข")]]
    p = page(cells, [50, 70, 82, 94], [h(45), h(65)])
    layout = layout_for(p, page_lines(p, DEFAULT), 0, None, False, DEFAULT, MEASURES)
    assert layout is not None and any(190 <= c.x1 <= 196 for c in layout.columns)  # the glyphs' gap: 190-196


def test_a_rows_last_line_set_far_above_the_next_tables_header_is_no_header_line() -> None:
    """A row's tail opening a cell with a role's wording ("ติดตามผล") stands a blank of three and a
    half lines above the next header; the header starts at that header, not at the tail."""
    lines = [line(100, (330, "เลือกปฏิบัติ"), (460, "3) ติดตามผล")),
             line(145, (50, "ประเด็น"), (210, "ข้อค้นพบ"), (310, "วิธีการนำผล")),
             line(157, (460, "ผู้รับผิดชอบ"), (610, "ระยะเวลา"))]
    assert find_header(lines, MEASURES, DEFAULT) == 1


COLUMNS = (Column(40, 200, "issue", "ประเด็น"), Column(200, 400, "responsible", "ผู้รับผิด ชอบ"),
           Column(400, 600, "measures", "มาตรการ"), Column(600, 800, "timeframe", "ระยะเวลา"))
HEADER = [(50, "ประเด็น"), (210, "ผู้รับผิด"), (410, "มาตรการ"), (610, "ระยะเวลา")]


def test_a_header_printed_short_at_a_pages_head_does_not_shorten_the_next_printing_on_the_page() -> None:
    """The first printing on the page is cut short by its row's rule ("ชอบ" set below it, as
    LibreOffice draws a repeated header row lower than its text); the second printing is whole,
    and its last line is header, not a row."""
    prev = Layout(COLUMNS, ruled=True, header_height=22.0, marked=True)
    cells = [HEADER, [(210, "ชอบ")], HEADER, [(210, "ชอบ")],
             [(50, "E2 หน่วยงาน"), (210, "กองช่าง"), (410, "เผยแพร่ข้อมูล"), (610, "เมษายน")]]
    rules = [h(y) for y in (45, 60, 80, 100, 125, 150)] + [v(x, 45, 150) for x in (40, 200, 400, 600, 800)]
    table = analyse_page(page(cells, [48, 62, 103, 115, 130], rules, number=2), prev, MEASURES, DEFAULT)
    assert table is not None
    assert [(r.printed[0], r.first_text("responsible")) for r in table.rows][1:] == [
        ("E2 หน่วยงาน กองช่าง เผยแพร่ข้อมูล เมษายน", "กองช่าง")]
    assert [r.printed for r in table.rows][0] == ("ชอบ",)  # the first printing's overflow, kept for its row
    assert table.layout.columns[1].header == "ผู้รับผิด ชอบ"


def test_a_header_cut_short_at_a_pages_head_keeps_the_known_wording_and_height_for_the_next_page() -> None:
    """LibreOffice: the header row repeated at page 2's head is drawn lower than its text, so its
    last line ("ชอบ") falls under the row's rule. Page 3 starts a table of its own under the whole
    header, and "ชอบ" there is header again, not a row."""
    known = Layout(COLUMNS, ruled=True, header_height=22.0, marked=True)
    frame = [v(x, 45, 200) for x in (40, 200, 400, 600, 800)]
    row = [(50, "E2 หน่วยงาน"), (210, "กองช่าง"), (410, "ประกาศ"), (610, "เมษายน")]
    cut = page([HEADER, [(210, "ชอบ"), (410, "ตัวเอง")], row], [48, 62, 80], [h(45), h(60), h(75), h(200), *frame],
               number=2)
    table = analyse_page(cut, known, MEASURES, DEFAULT)
    assert table is not None and table.layout.header_height == 22.0
    whole = page([HEADER, [(210, "ชอบ")], row], [48, 60, 80], [h(45), h(75), h(200), *frame], number=3)
    table = analyse_page(whole, table.layout, MEASURES, DEFAULT)
    assert table is not None
    assert [r.first_text("issue") for r in table.rows] == ["E2 หน่วยงาน"]


def test_a_tables_own_header_height_not_the_tallest_so_far_bounds_the_next_pages_header() -> None:
    """One table per issue, one to a page, column widths varying: a header wraps into fewer lines than
    the last page's. The next page repeats that shorter header, and the rest of a cut row set right
    under it (reportlab draws no rule over it) is a row, although it lies within the taller height."""
    taller = Layout(COLUMNS, ruled=True, header_height=40.0, marked=True)
    row = [(50, "E1 หน่วยงาน"), (210, "กองคลัง"), (410, "จัดทำประกาศ"), (610, "มีนาคม")]
    frame = [v(x, 45, 200) for x in (40, 200, 400, 600, 800)]
    this = page([HEADER, [(210, "ชอบ")], row], [50, 62, 80], [h(45), h(75), h(200), *frame], number=2)
    table = analyse_page(this, taller, MEASURES, DEFAULT)
    assert table is not None
    carried = [[(410, "เว็บไซต์")], [(50, "E2 หน่วยงาน"), (210, "กองช่าง"), (410, "ประกาศ"), (610, "เมษายน")]]
    following = page([HEADER, [(210, "ชอบ")], *carried], [50, 62, 76, 110], [h(45), h(100), h(200), *frame], number=3)
    table = analyse_page(following, table.layout, MEASURES, DEFAULT)
    assert table is not None
    assert [r.printed[0] for r in table.rows][:1] == ["เว็บไซต์"]


def test_lines_whose_columns_hold_the_header_wording_only_after_a_rows_last_words_do_not_repeat_it() -> None:
    """Borderless: a row's last lines stand a line's height above the next table's header, whose
    wording then follows "เพียงใด" in the issue column; the header starts below them."""
    tail = [line(100, (50, "เพียงใด"), (410, "ชี้แจงแนวทาง"))]
    header = [line(115, *HEADER), line(127, (210, "ชอบ"))]
    assert repeats_header(header, COLUMNS, DEFAULT)
    assert not repeats_header(tail + header, COLUMNS, DEFAULT)


TALL = (Column(40, 200, "issue", "ประเด็น"), Column(200, 300, "score", "ผล การ ประ เมิน (คะ แนน)"),
        Column(300, 500, "responsible", "ผู้รับผิดชอบ"), Column(500, 650, "measures", "มาตรการ/ แนวทาง การดำเนินการ"),
        Column(650, 800, "timeframe", "ระยะเวลา"))


def tall_header(top: float) -> tuple[list[list[tuple[float, str]]], list[float]]:
    """A header whose narrow score cell wraps a syllable a line; the other cells sit at its foot."""
    cells = [[(210, word)] for word in ("ผล", "การ", "ประ", "เมิน", "(คะ", "แนน)")]
    cells += [[(510, "มาตรการ/")], [(510, "แนวทาง")],
              [(50, "ประเด็น"), (310, "ผู้รับผิดชอบ"), (510, "การดำเนินการ"), (660, "ระยะเวลา")]]
    return cells, [top + 12 * k for k in range(len(cells))]


def test_a_tall_header_printed_again_lower_on_the_page_is_read_whole_not_from_its_second_line() -> None:
    """Borderless: a header nine lines tall (more than a header window holds) is recognised as the
    last one printed again from its first line, so no header word is left to the row above."""
    prev = Layout(TALL, ruled=False, header_height=106.0, marked=True)
    first, first_tops = tall_header(50)
    second, second_tops = tall_header(200)
    rows = [[(50, "E1 หน่วยงาน"), (210, "๗๖.๘๗"), (310, "กองคลัง"), (510, "จัดทำคู่มือ"), (660, "มีนาคม")],
            [(50, "E2 หน่วยงาน"), (210, "๖๖.๔๑"), (310, "กองช่าง"), (510, "เผยแพร่ข้อมูล"), (660, "เมษายน")]]
    tops = [*first_tops, 170, *second_tops, 320]
    table = analyse_page(page([*first, rows[0], *second, rows[1]], tops, number=2), prev, MEASURES, DEFAULT)
    assert table is not None
    assert [[ln.text for ln in r.cells.get("score", ())] for r in table.rows] == [["๗๖.๘๗"], ["๖๖.๔๑"]]


def test_the_short_last_line_of_a_spanning_cell_over_its_parting_rule_names_no_column() -> None:
    """"พ.ศ. ๒๕๖๘" ends the spanning cell's wording, set over the boundary of two sub-columns with a
    gap between its words; it lies over the rule parting the spanning cell from the sub-columns."""
    columns = tuple(Column(a, b) for a, b in ((40, 200), (200, 300), (300, 450), (450, 600), (600, 800)))
    header = [line(50, (60, "ประเด็น"), (210, "ผลการประเมิน"), (340, SPANNING)),
              line(60, (576, "พ.ศ."), (602, "๒๕๖๘")),
              line(75, (310, "วิธีการ"), (460, "ขั้นตอน"), (610, "ผู้รับผิดชอบ"))]
    named = named_columns(columns, header, MEASURES, DEFAULT, [h(45), h(70, 300, 800), h(90)])
    assert [(c.role, c.header) for c in named][2:] == [
        ("measures", "วิธีการ"), ("steps", "ขั้นตอน"), ("responsible", "ผู้รับผิดชอบ")]


@pytest.mark.parametrize(("below", "spans"), [
    ([[(310, "วิธีการ")], [(440, "ผู้รับผิดชอบ")]], True),  # sub-column cells centred, starting a line apart
    ([[(310, "วิธีการ"), (440, "ผู้รับผิดชอบ")]], True),  # … or on one line
    ([[(310, "วิธีการนำผล")], [(320, "การวิเคราะห์")]], False),  # one cell's words wrapped: over each other
    ([[(310, "ขขขข")], [(330, "คคคค")]], False),  # one ends just where the other starts: touching is not apart
])
def test_a_header_piece_spans_sub_columns_when_two_pieces_below_it_stand_side_by_side(
        below: list[list[tuple[float, str]]], spans: bool) -> None:
    (seg,) = line(40, (300, SPANNING)).cells
    assert spans_below(seg, [line(52 + 12 * k, *cells) for k, cells in enumerate(below)]) is spans


boxes = st.lists(st.tuples(st.integers(2, 100).map(lambda k: 5.0 * k), st.integers(1, 120)), max_size=7)


@settings(max_examples=200, deadline=None)
@example(over=(255.0, 248), below=[[(280.0, 8), (280.0, 56)]])  # a piece on the axis: CI, 8c72f29
@given(over=st.tuples(st.integers(2, 100).map(lambda k: 5.0 * k), st.integers(1, 300)), below=st.lists(boxes, max_size=3))
def test_spanning_is_two_pieces_under_it_sharing_no_x(over: tuple[float, float],
                                                       below: list[list[tuple[float, float]]]) -> None:
    """The one-pass test says what the definition says: some pair of pieces whose middles lie
    under the piece above stand apart (one ends before the other starts), a piece centred on its
    axis aside (the lines of one centred cell: ``one_centred_cell``)."""
    (seg,) = line(40, (over[0], "ก" * max(1, int(over[1] // 8)))).cells
    rows = [line(52 + 12 * k, *[(x, "ข" * max(1, int(w // 8))) for x, w in _apart(cells)])
            for k, cells in enumerate(below) if cells]
    axis = (seg.x0 + seg.x1) / 2
    under = [s for ln in rows for s in ln.cells
             if seg.x0 <= (s.x0 + s.x1) / 2 <= seg.x1 and abs((s.x0 + s.x1) / 2 - axis) > DEFAULT.centred_pt]
    expected = any(a.x1 < b.x0 or b.x1 < a.x0 for a, b in combinations(under, 2))
    assert spans_below(seg, rows) is expected


@settings(max_examples=100, deadline=None)
@given(window=st.lists(boxes, max_size=5))
def test_the_pieces_below_each_line_of_a_window_are_those_of_the_lines_after_it(
        window: list[list[tuple[float, float]]]) -> None:
    """Built bottom up once per window, the same sorted pieces as gathered line by line."""
    lines = [line(52 + 12 * k, *[(x, "ข" * max(1, int(w // 8))) for x, w in _apart(cells)])
             for k, cells in enumerate(window) if cells]
    gap = DEFAULT.cell_gap_em
    assert pieces_below(lines, gap) == [_pieces(lines[k + 1 :], gap) for k in range(len(lines))]


def _apart(cells: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Cells of one line, left to right, each starting past the last one's end (so they stay cells)."""
    out: list[tuple[float, float]] = []
    for x, w in sorted(cells):
        start = max(x, out[-1][0] + 5.0 * (out[-1][1] // 8) + 30) if out else x
        out.append((start, w))
    return out


def test_a_new_printing_of_the_last_table_names_a_column_ocr_misread_as_before() -> None:
    known = (Column(50, 150, "issue", "ประเด็น"), Column(150, 300, "measures", "มาตรการ"),
             Column(300, 380, "timeframe", "ระยะเวลาดำเนินการ"), Column(380, 500, "monitoring", "การติดตาม"))
    read = (Column(52, 149, "issue", "ปร เดิน"), Column(149, 301, "measures", "มาตรการ"),
            Column(301, 379, None, "วลา ดา เน้น าร"), Column(379, 500, "monitoring", "การ ติด ตาม"))
    named = named_as_before(read, known)
    assert [c.role for c in named] == ["issue", "measures", "timeframe", "monitoring"]
    assert named[2].header == "ระยะเวลาดำเนินการ" and named[2].x0 == 301  # its own place, the known wording


def test_a_table_of_other_columns_is_not_named_after_the_last() -> None:
    known = (Column(50, 150, "issue"), Column(150, 300, "measures"), Column(300, 500, "monitoring"))
    other_roles = (Column(50, 150, "issue"), Column(150, 300, "actions"), Column(300, 500, None))
    other_places = (Column(50, 250, "issue"), Column(250, 300, None), Column(300, 500, "monitoring"))
    fewer = (Column(50, 150, "issue"), Column(150, 500, None))
    for read in (other_roles, other_places, fewer):
        assert named_as_before(read, known) == read


def _numbered_body(*firsts: str) -> list[TextLine]:
    """Body lines of a two-column table: each line's first cell, then a wording in the second column."""
    return [one_line(set_text(70, 100 + 20 * k, first, 6.0, 12.0) + set_text(110, 100 + 20 * k, "หน่วยงานของท่าน", 6.0, 12.0))
            for k, first in enumerate(firsts)]


def test_an_unnamed_first_column_of_row_numbers_is_the_number_column_on_an_ocr_page() -> None:
    layout = Layout((Column(65, 100), Column(100, 300, "issue")), ruled=False)
    named = numbered_first(layout, _numbered_body("Z", "3", "4"), MEASURES, TableSettings.ocr())
    assert [c.role for c in named.columns] == ["row", "issue"]
    assert numbered_first(layout, _numbered_body("Z", "3", "4"), MEASURES, DEFAULT) is layout  # a text layer's header names it


def test_a_first_column_of_words_or_a_lone_number_stays_unnamed() -> None:
    layout = Layout((Column(65, 100), Column(100, 300, "issue")), ruled=False)
    for firsts in (("ก", "ข", "3"), ("1",)):
        assert numbered_first(layout, _numbered_body(*firsts), MEASURES, TableSettings.ocr()) is layout
