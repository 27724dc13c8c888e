"""A lone number Tesseract never found is read from the ink no word covers (page/ocr/lone.py)."""

from __future__ import annotations

import numpy as np
from ita_extract.extract.page.ocr.lone import lone_digits
from ita_extract.extract.page.ocr.settings import DEFAULT
from ita_extract.extract.page.ocr.tesseract import OcrLine, OcrWord
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"
SIZE = 54  # about 14 pt at 300 dpi


def _page(lone: str | None = None, ring: bool = False, speck: bool = False,
          item: bool = False) -> tuple[np.ndarray, list[OcrLine]]:
    """A line of plain letters, each a word Tesseract read (so the letter height is known), and below
    it at the line's left, what Tesseract left unread: a number, a ring, or a speck; ``item``: a word
    Tesseract read just right of it (the text a bullet opens)."""
    image = Image.new("L", (1400, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, SIZE)
    words, x = [], 100
    for ch in "กรมการปกครองสวนราชการ":
        x0, top, x1, bottom = draw.textbbox((x, 60), ch, font=font)
        draw.text((x, 60), ch, font=font, fill=0)
        words.append(OcrWord(ch, x0, x1, top, bottom, 95))
        x = x1 + 4
    if lone:
        draw.text((110, 200), lone, font=font, fill=0)
    if ring:
        draw.ellipse((110, 220, 140, 250), outline=0, width=4)
    if speck:
        draw.rectangle((110, 230, 114, 234), fill=0)
    lines = [OcrLine(tuple(words), words[0].x0, max(w.bottom for w in words), 0.0, 0.0, SIZE)]
    if item:
        x0, top, x1, bottom = draw.textbbox((190, 200), "จัดทำ", font=font)
        draw.text((190, 200), "จัดทำ", font=font, fill=0)
        lines.append(OcrLine((OcrWord("จัดทำ", x0, x1, top, bottom, 95),), x0, bottom, 0.0, 0.0, SIZE))
    return np.asarray(image) < 128, lines


def test_a_lone_thai_digit_below_a_line_is_read_as_a_line_of_its_own() -> None:
    ink, lines = _page("๒")
    out = lone_digits(lines, ink, DEFAULT)
    assert out[: len(lines)] == lines
    assert [w.text for line in out[len(lines) :] for w in line.words] == ["๒"]
    (found,) = out[len(lines) :]
    assert 100 <= found.words[0].x0 <= 130 and found.bottom > 200


def test_a_lone_item_number_keeps_its_dot() -> None:
    ink, lines = _page("๑.")
    assert [w.text for line in lone_digits(lines, ink, DEFAULT)[1:] for w in line.words] == ["๑."]


def test_a_bullets_ring_a_speck_and_a_letter_are_no_number() -> None:
    for ink, lines in (_page(ring=True, item=True), _page("๐", item=True), _page(speck=True), _page("ก"), _page()):
        assert lone_digits(lines, ink, DEFAULT) == lines


def test_a_zero_with_no_text_after_it_is_a_number() -> None:
    """An ITA score table prints "0" alone in its score column (fifth judge set: questions' 0 lost)."""
    ink, lines = _page("๐")
    assert [w.text for line in lone_digits(lines, ink, DEFAULT)[1:] for w in line.words] == ["๐"]


def test_ink_a_word_covers_is_not_read_twice() -> None:
    ink, lines = _page("๓")
    read = lone_digits(lines, ink, DEFAULT)[1]
    covered = [*lines, read]
    assert lone_digits(covered, ink, DEFAULT) == covered
