"""Marks a typewriter face drew one letter late, put back on their letters (``page.ocr.latemarks``)."""

from __future__ import annotations

import pytest
from ita_extract.extract.page.ocr.latemarks import marks_drawn_late, marks_put_back, moved_back
from ita_extract.extract.page.ocr.tesseract import OcrLine, OcrWord


def ocr_line(*words: str) -> OcrLine:
    boxes = tuple(OcrWord(w, 10.0 * k, 10.0 * k + 9, 0.0, 10.0, 90.0) for k, w in enumerate(words))
    return OcrLine(boxes, 0.0, 10.0, 0.0, 0.0, 10.0)


@pytest.mark.parametrize(("read", "meant"), [
    (["จดั", "เวทรีบัฟงั"], ["จัด", "เวทีรับฟัง"]),  # every mark one letter late
    (["ทกุ", "เมอื่"], ["ทุก", "เมื่อ"]),  # a vowel below; a vowel and a tone mark together
    (["จ", "ดั"], ["จั", "ด"]),  # a mark goes with the letter it lands on, into that letter's piece
    (["เหน็"], ["เห็น"]),  # past a leading vowel to the consonant
    (["กา"], ["กา"]),  # no mark: nothing moves
])  # fmt: skip
def test_marks_drawn_late_go_back_one_letter(read: list[str], meant: list[str]) -> None:
    assert moved_back(read) == meant


LATE_PAGE = [ocr_line("จดั", "เวทรีบัฟงั"), ocr_line("ปลดั", "กบั"), ocr_line("ตวั", "สำนกั")]


def test_a_page_shows_late_marks_by_akats_with_no_consonant_after_them() -> None:
    assert marks_drawn_late(LATE_PAGE)
    assert not marks_drawn_late([ocr_line("จัด", "เวทีรับฟัง"), ocr_line("ปลัด", "กับ"), ocr_line("ตัว", "สำนัก")])
    assert not marks_drawn_late(LATE_PAGE[:1])  # two AKATs left open are too few to tell a face by


def test_on_a_late_page_only_lines_the_dictionary_reads_better_are_moved() -> None:
    title = ocr_line("จังหวัด", "อุบลราชธานี")  # set in a shaped face: its marks are where they belong
    lines = marks_put_back([*LATE_PAGE, title])
    assert ["".join(w.text for w in ln.words) for ln in lines] == ["จัดเวทีรับฟัง", "ปลัดกับ", "ตัวสำนัก", "จังหวัดอุบลราชธานี"]
    assert [w.x0 for w in lines[0].words] == [w.x0 for w in LATE_PAGE[0].words]  # boxes stay
    assert marks_put_back(LATE_PAGE[:1]) == LATE_PAGE[:1]  # no late page: lines as read
