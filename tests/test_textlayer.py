"""pdfium's letters on pdfplumber's boxes (``textlayer.align_text``) when the two read in different orders."""

from __future__ import annotations

from ita_extract.extract.page.textlayer import align_text
from score_pages import chars_at


def test_a_merged_cell_drawn_after_the_rows_it_spans_keeps_its_own_boxes() -> None:
    # LibreOffice draws the tool score (a cell merged over three rows, centred) after the first
    # row; pdfium reads it line by line, after the second row's score. It must stay in its column.
    row6, row7 = "ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน", "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร"
    stream = chars_at(76, 100, row6) + chars_at(360, 100, "89.74") + chars_at(465, 112, "90.63")
    stream += chars_at(76, 125, row7) + chars_at(360, 125, "93.13")
    aligned = align_text(stream, f"{row6} 89.74 {row7} 93.13 90.63")
    tool = [c for c in aligned if c.x0 >= 465]
    assert "".join(c.text for c in tool) == "90.63"
    assert all(c.x1 > c.x0 and c.top == 112 for c in tool)
    assert "".join(c.text for c in aligned if 360 <= c.x0 < 465 and c.top == 125) == "93.13"


def test_text_that_pdfium_only_inserts_still_sits_on_the_box_before_it() -> None:
    stream = chars_at(100, 100, "ดำเนินงาน")
    aligned = align_text(stream, "ดำเนินงานx")
    assert aligned[-1].text == "x" and aligned[-1].x0 == aligned[-2].x1
