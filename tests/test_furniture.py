"""Page numbers in the header and footer band are taken out of the lines a table is read from (issue 15).

Pages are built by hand: an A4 landscape page (842 × 595 pt), a table in the middle and
one line at the head or foot. The expected answers follow from where each line was set.
"""

from __future__ import annotations

import pytest
from ita_extract.extract.kinds.measures import MEASURES
from ita_extract.extract.page.page import Char, Page, Rule
from ita_extract.extract.table.finder import analyse_page, page_lines
from ita_extract.extract.table.furniture import FurnitureSettings, without_furniture
from ita_extract.extract.table.lines import clusters, group_lines
from ita_extract.extract.table.settings import DEFAULT

WIDTH, HEIGHT = 842.0, 595.0
SIZE = 10.0
ADVANCE = 5.0


def chars(x: float, top: float, text: str) -> list[Char]:
    out: list[Char] = []
    for ch in text:
        if out and ch in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c":
            out.append(Char(ch, out[-1].x1, out[-1].x1, top, top + SIZE, SIZE))
            continue
        width = ADVANCE * 0.6 if ch == " " else ADVANCE
        out.append(Char(ch, x, x + width, top, top + SIZE, SIZE))
        x += width
    return out


def make_page(cells: list[tuple[float, float, str]], rules: list[Rule] = (), number: int = 2) -> Page:
    """A page with a text cell at each (x, top, text)."""
    return Page(number, WIDTH, HEIGHT, [c for x, top, text in cells for c in chars(x, top, text)], list(rules))


def texts(page: Page) -> list[str]:
    return [ln.text for ln in without_furniture(group_lines(clusters(page.chars)), page)]


HEADER = [(50, 100, "ประเด็นที่ต้องพัฒนา"), (250, 100, "ผู้รับผิดชอบ"), (400, 100, "มาตรการ"), (600, 100, "ผลการดำเนินการ")]
ROW = [(50, 130, "E1 เจ้าหน้าที่ปฏิบัติงาน"), (250, 130, "สำนักปลัด"), (400, 130, "1. จัดอบรม"), (600, 130, "ดำเนินการแล้ว")]
BODY = [(60, 200, "ดำเนินการตามแผนภายใน 15 วัน"), (60, 300, "รายงานผู้บริหารทราบ")]


@pytest.mark.parametrize(
    ("x", "top", "text"),
    [
        (760, 560, "หน้า 3"),  # footer, right
        (760, 560, "หน้า ๓"),  # Thai digits
        (760, 560, "หน้าที่ 3"),
        (740, 560, "หน้า 3/12"),
        (740, 560, "Page 3 of 12"),
        (410, 30, "- 3 -"),  # header, centred
        (410, 30, "- ๓ -"),
        (415, 560, "3"),  # bare number, centred at the foot
        (415, 20, "๓"),  # … or at the head
        (790, 560, "12"),  # … or at the right edge
        (410, 560, "3/12"),
        # "- ๖ -" as OCR leaves it on a scan, where page numbers stand
        (410, 30, "- 6"),
        (410, 30, "-4"),
        (415, 30, "-]"),
        (410, 560, "๓ -"),
        (410, 30, "Ae"),
        (410, 30, "Sof="),  # a dash read "=" after letters (TH Kodchasal)
    ],
)
def test_a_page_number_in_the_header_or_footer_band_is_not_text_of_the_page(x: float, top: float, text: str) -> None:
    page = make_page([*BODY, (x, top, text)])
    assert texts(page) == ["ดำเนินการตามแผนภายใน 15 วัน", "รายงานผู้บริหารทราบ"]


@pytest.mark.parametrize(
    ("x", "top", "text"),
    [
        (415, 250, "3"),  # a number in the middle of the page
        (415, 250, "หน้า 3"),
        (60, 560, "3"),  # a bare number at the left: a row number, not a page number
        (415, 560, "ภายใน 15 วัน"),  # in the band, but words
        (415, 560, "2567"),  # a year: page numbers run to three digits
        (415, 30, "- ก"),  # a Thai letter
        (415, 30, "ก ข="),
        (415, 30, "Sofa="),  # four characters before the dash: a word
    ],
)
def test_a_number_that_is_not_placed_or_worded_as_a_page_number_stays(x: float, top: float, text: str) -> None:
    page = make_page([*BODY, (x, top, text)])
    assert text in texts(page)


def test_only_the_outermost_lines_are_furniture_a_number_above_body_text_stays() -> None:
    page = make_page([(415, 560, "3"), (60, 575, "รายงานผู้บริหารทราบ"), (60, 200, "ดำเนินการ")])
    assert texts(page) == ["ดำเนินการ", "3", "รายงานผู้บริหารทราบ"]


def test_a_number_inside_a_ruled_cell_in_the_band_stays() -> None:
    rules = [Rule("h", 550.0, 40.0, 800.0), Rule("h", 580.0, 40.0, 800.0)]
    page = make_page([*BODY, (415, 560, "3")], rules)
    assert "3" in texts(page)


def test_a_page_number_under_a_ruled_table_is_taken_out() -> None:
    rules = [Rule("h", 90.0, 40.0, 800.0), Rule("h", 550.0, 40.0, 800.0)]
    page = make_page([*BODY, (415, 560, "3")], rules)
    assert "3" not in texts(page)


def test_the_head_and_foot_both_go_and_nothing_else() -> None:
    page = make_page([(410, 30, "- 2 -"), *BODY, (760, 560, "หน้า 2")])
    assert texts(page) == ["ดำเนินการตามแผนภายใน 15 วัน", "รายงานผู้บริหารทราบ"]


def test_a_footer_page_number_is_not_a_record_of_the_table_above_it() -> None:
    page = make_page([*HEADER, *ROW, (415, 560, "2")], number=1)
    table = analyse_page(page, None, MEASURES, DEFAULT, page_lines(page, DEFAULT))
    assert table is not None
    assert [row.cells.get("measures", ())[0].text for row in table.rows] == ["1. จัดอบรม"]
    assert all(ln.text != "2" for row in table.rows for lines in row.cells.values() for ln in lines)


@pytest.mark.parametrize("text", ["หน้า 1", "หน้า ๑๒", "- 4 -", "12/30", "หน้า 3 จาก 9", "PAGE 2", "หน้ า 1"])
def test_page_number_wordings_are_recognised(text: str) -> None:
    assert FurnitureSettings().is_page_number(text)


@pytest.mark.parametrize("text", ["ภายใน 15 วัน", "ข้อ 1", "E1", "1.", "(1)", "25/12/2567", "หน้าที่", "3", "-"])
def test_other_short_texts_are_not_page_number_wordings(text: str) -> None:
    assert not FurnitureSettings().is_page_number(text)
