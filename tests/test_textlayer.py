"""pdfium's letters on pdfplumber's boxes (``textlayer.align_text``) when the two read in different orders."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
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


def test_a_sara_aa_dropped_beside_a_sara_am_leaves_its_width_to_the_sara_am(monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice draws "กำหนด" as ก, a SARA AM of no width and the SARA AA glyph; pdfium reads กำหนด.
    The SARA AA goes, and its width stays with the SARA AM, so no gap (a space) opens before ห."""
    from ita_extract.extract.page import textlayer

    stream = chars_at(100, 100, "กำาหนด")
    stream[1] = replace(stream[1], x1=stream[1].x0)  # SARA AM: no width of its own
    monkeypatch.setattr(textlayer, "_pdfium_text", lambda path, index: "กำหนด")
    fixed = textlayer._letters_corrected(stream, Path("x.pdf"), 0)
    assert "".join(c.text for c in fixed) == "กำหนด"
    assert fixed[1].x1 == stream[2].x1 and fixed[2].x0 == stream[3].x0


@pytest.mark.parametrize(
    ("drawn", "misread", "pdfium", "expected"),
    [
        ("ลดขั้นตอนและระยะ", ".", "ลดขันตอนและ ้ระยะ", "ลดขั้นตอนและระยะ"),  # pdfium puts the mark at the line's end
        ("มีการชี้แจงและตอบ", ",", "มีการชีแจงและตอบ ้", "มีการชี้แจงและตอบ"),
        ("ให้ดีขึ้นมาก", "%", "ให้ดีขึน้มาก", "ให้ดีขึ้นมาก"),
    ],
)
def test_a_tone_mark_a_font_maps_to_punctuation_of_no_width_is_read_where_it_is_drawn(
    drawn: str, misread: str, pdfium: str, expected: str
) -> None:
    """LibreOffice's subset fonts map a lowered tone mark to ".", ",", "%" … of no width; pdfium reads the mark
    but puts it at the line's end. The mark goes on the glyph's box, where it is drawn."""
    stream = chars_at(100, 100, drawn)
    at = drawn.rindex("\u0e49")
    stream[at] = replace(stream[at], text=misread)
    aligned = align_text(stream, pdfium)
    assert "".join(c.text for c in aligned) == expected
    assert aligned[at].x0 == stream[at].x0


def test_punctuation_with_a_width_is_punctuation_and_a_mark_on_another_line_stays_there() -> None:
    stream = chars_at(100, 100, "ข้อ 1.") + chars_at(100, 130, "ดำเนินการ")
    aligned = align_text(stream, "ข้อ 1 ดำเนินการ ้")
    assert "".join(c.text for c in aligned).startswith("ข้อ 1")
    assert [c.text for c in aligned if c.top == 100].count(".") == 0  # pdfium's reading, as before: no "."
    assert aligned[-1].text == "\u0e49" and aligned[-1].top == 130
