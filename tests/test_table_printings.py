"""A header printed several times: the FY2567 plan sets one table per issue, several to a page, each
under the same two-level header, and repeats it at the head of every page.

Each test builds the lines and rules of a page by hand (the helpers of ``test_table.py``), runs
one step of the table engine, and checks what it returns.
"""

from __future__ import annotations

import pytest
from ita_extract.extract.kinds.measures import MEASURES
from ita_extract.extract.table.finder import analyse_page
from ita_extract.extract.table.header import find_header, spans_below
from ita_extract.extract.table.settings import DEFAULT
from test_table import SPANNING, h, line, page

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


def test_a_rows_last_line_set_far_above_the_next_tables_header_is_no_header_line() -> None:
    """A row's tail opening a cell with a role's wording ("ติดตามผล") stands a blank of three and a
    half lines above the next header; the header starts at that header, not at the tail."""
    lines = [line(100, (330, "เลือกปฏิบัติ"), (460, "3) ติดตามผล")),
             line(145, (50, "ประเด็น"), (210, "ข้อค้นพบ"), (310, "วิธีการนำผล")),
             line(157, (460, "ผู้รับผิดชอบ"), (610, "ระยะเวลา"))]
    assert find_header(lines, MEASURES, DEFAULT) == 1


@pytest.mark.parametrize(("below", "spans"), [
    ([[(310, "วิธีการ")], [(440, "ผู้รับผิดชอบ")]], True),  # sub-column cells centred, starting a line apart
    ([[(310, "วิธีการ"), (440, "ผู้รับผิดชอบ")]], True),  # … or on one line
    ([[(310, "วิธีการนำผล")], [(320, "การวิเคราะห์")]], False),  # one cell's words wrapped: over each other
])
def test_a_header_piece_spans_sub_columns_when_two_pieces_below_it_stand_side_by_side(
        below: list[list[tuple[float, str]]], spans: bool) -> None:
    (seg,) = line(40, (300, SPANNING)).cells
    assert spans_below(seg, [line(52 + 12 * k, *cells) for k, cells in enumerate(below)]) is spans
