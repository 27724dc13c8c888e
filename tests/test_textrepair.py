"""The page-level text repair: glyphs of hand-built pages, laid out as the real producers lay them out.

Shapes copied from the corpus: hangdong's Word 2016 declaration (font maps SARA AA to SARA AM,
real SARA AM as a zero-width space + "SARA AM": ``'ค' ' '(0 pt) 'ำ'``), hangdong's Word 2016
plans (``'น' ' '(0 pt) '้' 'า'`` for น้ำ), ktltc's Word 2019 survey (``'น' ' '(0 pt) '้' 'ำ'``).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.page.page import Char, Page
from ita_extract.extract.page.textrepair import FontEvidence, repair_pages, repaired_page
from ita_extract.extract.table.lines import clusters, group_lines
from ita_extract.extract.thai.repair import repair_thai_text

SIZE = 16.0
BROKEN = "BCDEEE+THSarabunPSK-Bold"  # reads SARA AA as SARA AM
SOUND = "BCDFEE+THSarabunPSK"
ZW = "\u200b"  # in the helpers below: a space glyph of no width (the NIKHAHIT half of SARA AM)


def chars_of(text: str, font: str = SOUND, x: float = 0.0, bottom: float = SIZE) -> list[Char]:
    """Glyphs left to right: a letter 7 pt wide, a mark of no width at its letter's right edge."""
    out: list[Char] = []
    for ch in text:
        if ch == ZW:
            out.append(Char(" ", x, x, bottom - SIZE, bottom, SIZE, font))
        elif ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e":
            out.append(Char(ch, x - 0.3, x - 0.3, bottom - SIZE, bottom, SIZE, font))
        else:
            width = 3.5 if ch == " " else 7.0
            out.append(Char(ch, x, x + width, bottom - SIZE, bottom, SIZE, font))
            x += width
    return out


def page(chars: list[Char], number: int = 1, source: str = "pdfplumber") -> Page:
    return Page(number, 600.0, 800.0, chars, [], text_source=source)


def text_of(p: Page) -> str:
    return "\n".join(repair_thai_text(ln.text) for ln in group_lines(clusters(p.chars)))


def test_a_font_that_reads_sara_aa_as_sara_am_is_repaired_on_every_line_it_draws() -> None:
    """The font's own text convicts it; then a line mixing it with a sound font is repaired too."""
    body = chars_of("กำรบริกำรประชำชน ด้ำนกำรบริหำร จัดท" + ZW + "ำคู่มือ", BROKEN)
    mixed = chars_of("การ", SOUND, bottom=40.0) + chars_of("บริกำร", BROKEN, x=21.0, bottom=40.0)
    pages = list(repair_pages([page(body), page(mixed, 2)]))
    assert text_of(pages[0]) == "การบริการประชาชน ด้านการบริหาร จัดทำคู่มือ"
    assert text_of(pages[1]) == "การบริการ"
    assert "sara_aa_as_am" in {n.code for n in pages[1].warnings}


def test_a_sound_font_keeps_its_sara_am() -> None:
    p = page(chars_of("คำนำ ตำบล ทำงาน สำนักงาน น้ำ"))
    assert text_of(next(repair_pages([p]))) == "คำนำ ตำบล ทำงาน สำนักงาน น้ำ"


def test_a_real_sara_am_of_that_font_stays_where_words_need_it() -> None:
    """Drawn as one glyph, "ทำ" reads better than "ทา" in จัดทำ: the dictionary keeps it."""
    body = chars_of("กำรบริกำรประชำชน ด้ำนกำรบริหำร จัดทำคู่มือ", BROKEN)
    assert text_of(next(repair_pages([page(body)]))) == "การบริการประชาชน ด้านการบริหาร จัดทำคู่มือ"


def test_a_zero_width_space_before_a_tone_and_sara_aa_is_the_nikhahit_of_sara_am() -> None:
    """Word 2016 "น ้า" (extracted as น้า or น ้า before): it is น้ำ, with no dictionary guess."""
    p = repaired_page(page(chars_of("ระบายน" + ZW + "\u0e49าเสีย")))
    assert text_of(p) == "ระบายน้ำเสีย"
    assert "mark_order_repaired" in {n.code for n in p.warnings}


def test_a_zero_width_space_before_sara_am_goes() -> None:
    """Word 2019 "น ้ำ" in a sound font: SARA AM already holds its NIKHAHIT."""
    assert text_of(repaired_page(page(chars_of("ที่จอดรถน" + ZW + "\u0e49ำ")))) == "ที่จอดรถน้ำ"


def test_a_typed_space_before_sara_aa_is_not_taken_for_nikhahit() -> None:
    """A space that advances (3.5 pt) is typed; only glyphs of no width are NIKHAHIT."""
    assert text_of(repaired_page(page(chars_of("ค่า ายทหาร")))) == "ค่า ายทหาร"


def displaced(first: str, second: str, mark: str, then: str = "") -> list[Char]:
    """``first second mark`` with the mark stored after ``second`` but drawn over ``first``."""
    a = Char(first, 0.0, 7.0, 0.0, SIZE, SIZE, SOUND)
    b = Char(second, 7.0, 14.0, 0.0, SIZE, SIZE, SOUND)
    m = Char(mark, 6.7, 6.7, 0.0, SIZE, SIZE, SOUND)
    return [a, b, m, *chars_of(then, x=14.0)]


def test_a_mark_stored_after_the_next_letter_is_put_on_the_letter_it_is_drawn_over() -> None:
    p = repaired_page(page(displaced("จ", "ด", "\u0e31", "ทำ")))
    assert text_of(p) == "จัดทำ"


def test_a_mark_drawn_over_its_own_letter_stays() -> None:
    assert text_of(repaired_page(page(chars_of("ตำแหน่ง")))) == "ตำแหน่ง"


def test_marks_are_moved_only_on_pages_whose_glyph_boxes_are_real() -> None:
    """pdfium's aligned text and OCR share or estimate boxes: no move there."""
    chars = displaced("จ", "ด", "\u0e31")
    assert repaired_page(page(chars, source="pypdfium2")).chars == chars


def test_private_use_marks_are_mapped_and_ride_on_their_letter() -> None:
    chars = chars_of("ข") + [Char("\uf70b", 6.7, 6.7, 0.0, SIZE, SIZE, SOUND)] + chars_of("อ", x=7.0)
    p = repaired_page(page(chars))
    assert text_of(p) == "ข้อ"
    assert [n.code for n in p.warnings] == ["pua_mapped"]


def test_a_sound_page_comes_back_as_it_was() -> None:
    p = page(chars_of("เจ้าหน้าที่ของหน่วยงาน"))
    assert repaired_page(p) is p


def test_the_evidence_is_new_each_page_and_keeps_its_verdicts() -> None:
    first = FontEvidence().with_page(chars_of("กำรบริกำรประชำชน ด้ำนกำรบริหำร", BROKEN))
    second = first.with_page(chars_of("ข้อ", SOUND))
    assert first.aa_as_am == second.aa_as_am == frozenset({BROKEN})
    assert SOUND not in first.texts and SOUND in second.texts


THAI = st.text(alphabet=st.sampled_from(list("กขคงจดตทนบปมยรลวสหอะาำเแโใไ่้ัิีุู์ ") + [ZW]), max_size=40)


@settings(max_examples=150, deadline=None)
@given(text=THAI, broken=st.booleans())
def test_repair_never_loses_or_invents_a_consonant_and_never_changes_its_input(text: str, broken: bool) -> None:
    chars = chars_of(text, BROKEN if broken else SOUND)
    before = [replace(c) for c in chars]
    p = page(chars)
    out = next(repair_pages([p]))
    assert p.chars == before
    consonants = [c.text for c in chars if "\u0e01" <= c.text <= "\u0e2e"]
    assert [c.text for c in out.chars if "\u0e01" <= c.text <= "\u0e2e"] == consonants


def unshaped(text: str, advance: float = 9.6, spacing: float = 0.0, font: str = "AAAAAA+TlwgMono") -> list[Char]:
    """Glyphs as reportlab draws a monospaced TLWG face: every glyph, marks too, moves the pen by
    its full advance (syn00051: 9.6 pt at 16 pt), and a justified line adds ``spacing`` after each cluster."""
    out: list[Char] = []
    x = 0.0
    for k, ch in enumerate(text):
        out.append(Char(ch, x, x + advance, 0.0, SIZE, SIZE, font))
        x += advance
        nxt = text[k + 1] if k + 1 < len(text) else ""
        if nxt and not (nxt == "\u0e31" or "\u0e34" <= nxt <= "\u0e3a" or "\u0e47" <= nxt <= "\u0e4e"):
            x += spacing
    return out


@pytest.mark.parametrize("spacing", [0.0, 0.94, 5.0])
@pytest.mark.parametrize("text", ["รายงานการกำกับติดตามการดำเนินการ", "ข้อมูลผู้บริหาร", "ผู้รับบริการ"])
def test_marks_that_moved_the_pen_give_their_room_to_their_letter(text: str, spacing: float) -> None:
    p = repaired_page(page(unshaped(text, spacing=spacing)))
    assert text_of(p) == text
    assert "mark_order_repaired" in [n.code for n in p.warnings]


def test_a_shaped_mark_of_a_monospaced_face_leaves_a_typed_gap_after_it() -> None:
    """LibreOffice shapes TlwgMono: the mark keeps the font's advance in its box but the next letter
    starts back at the letter's edge (syn00002). A gap after a mark is then a typed space, kept."""
    chars = []
    x = 0.0
    for ch in "กิน ข้าว":
        if ch == " ":
            x += 7.8
            continue
        is_mark = ch in "\u0e34\u0e49"
        chars.append(Char(ch, x, x + 7.8, 0.0, SIZE, SIZE, "DAAAAA+TlwgMono"))
        x += 0.0 if is_mark else 7.8
    assert text_of(repaired_page(page(chars))) == "กิน ข้าว"


def test_a_below_vowel_pdfium_read_before_its_letter_moves_onto_the_letters_box() -> None:
    """syn00007 (LibreOffice, TLWG Typo, pdfium's text aligned): "จาก" ends one line, and the SARA UU
    of ผู้ on the next line got the box after ก; it goes back after ผ, on ผ's line."""
    first = chars_of("งานจาก", bottom=SIZE)
    uu = Char("\u0e39", first[-1].x1, first[-1].x1, 0.0, SIZE, SIZE, SOUND)
    second = chars_of("ผ\u0e49บังคับบัญชา", bottom=3 * SIZE)
    p = repaired_page(page([*first, uu, *second], source="pypdfium2"))
    assert text_of(p) == "งานจาก\nผู้บังคับบัญชา"
