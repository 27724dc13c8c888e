"""Latin words Tesseract read among Thai text, read again with the Thai model alone (page/ocr/reread.py)."""

from __future__ import annotations

import pytest
from ita_extract.extract.page.ocr.reread import reread_latin, suspects
from ita_extract.extract.page.ocr.settings import DEFAULT
from ita_extract.extract.page.ocr.tesseract import OcrLine, OcrWord, tesseract_problem
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"


def word(text: str, conf: float, x0: float = 0.0, top: float = 0.0) -> OcrWord:
    return OcrWord(text, x0, x0 + 40 * len(text), top, top + 50, conf)


def lines_of(*words: OcrWord) -> list[OcrLine]:
    return [OcrLine((w,), w.x0, w.bottom, 0.0, 0.0, w.bottom - w.top) for w in words]


THAI_PAGE = [word("รายงาน", 95), word("ผู้", 93), word("เจ้าหน้าที่", 96), word("เว็บไซต์", 90)]


def test_an_unsure_latin_word_on_a_page_of_thai_is_a_suspect() -> None:
    lines = lines_of(*THAI_PAGE, word("USMS", 56))
    assert suspects(lines) == [(4, 0)]


@pytest.mark.parametrize("text", ["E1", "O๓๖", "Ea", "Eal", "OIT", "IT", "Facebook"])
def test_codes_misread_codes_and_latin_words_tesseract_was_sure_of_are_left_alone(text: str) -> None:
    conf = 92 if text == "Facebook" else 50
    assert suspects(lines_of(*THAI_PAGE, word(text, conf))) == []


@pytest.mark.parametrize(("text", "conf", "suspect"), [("U.A.", 85, True), ("OUG.", 87, True), ("USMS", 85, False)])
def test_a_latin_word_ending_in_a_full_stop_is_doubted_at_a_higher_confidence(
    text: str, conf: float, suspect: bool
) -> None:
    """Thai abbreviations (ม.ค., อบต.) read by the English model come surer than other misreads."""
    assert (suspects(lines_of(*THAI_PAGE, word(text, conf))) == [(4, 0)]) is suspect


def test_on_a_page_of_latin_text_no_word_is_suspect() -> None:
    english = [word(t, 90) for t in ("report", "of", "the", "office", "plan")]
    assert suspects(lines_of(*english, word("USMS", 40))) == []


def drawn(text: str, size: int = 54) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """``text`` drawn black on white at about 14 pt and 300 dpi, with its ink box."""
    image = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    draw.text((60, 60), text, font=font, fill=0)
    return image, draw.textbbox((60, 60), text, font=font)


@pytest.mark.skipif(tesseract_problem() is not None, reason="needs Tesseract with its Thai model")
def test_a_thai_word_read_as_latin_letters_is_read_again_as_thai() -> None:
    image, (x0, top, x1, bottom) = drawn("บริหาร")
    lines = [*lines_of(*THAI_PAGE[:3]), OcrLine((OcrWord("USMS", x0, x1, top, bottom, 56),), x0, bottom, 0, 0, 50)]
    again = reread_latin(lines, image, 300, DEFAULT)
    assert again[-1].words[0].text == "บริหาร" and again[-1].words[0].conf > 56
    assert again[:3] == lines[:3]


@pytest.mark.skipif(tesseract_problem() is not None, reason="needs Tesseract with its Thai model")
def test_a_real_latin_word_is_kept_when_the_thai_model_is_no_surer() -> None:
    image, (x0, top, x1, bottom) = drawn("Facebook")
    lines = [*lines_of(*THAI_PAGE[:3]), OcrLine((OcrWord("Facebook", x0, x1, top, bottom, 79),), x0, bottom, 0, 0, 50)]
    assert reread_latin(lines, image, 300, DEFAULT)[-1].words[0].text == "Facebook"


def _hocr(*words: tuple[str, int]) -> str:
    """Tesseract's hOCR of one line holding ``words`` (text, confidence)."""
    spans = "".join(
        f"<span class='ocrx_word' title='bbox {10 + 40 * k} 10 {40 + 40 * k} 60; x_wconf {conf}'>{text}</span>"
        for k, (text, conf) in enumerate(words)
    )
    line = f"<span class='ocr_line' title='bbox 10 10 200 60; baseline 0 0; x_size 50'>{spans}</span>"
    return f"<html><body><div class='ocr_page' title='bbox 0 0 300 100'>{line}</div></body></html>"


def test_a_short_word_the_line_reading_misses_is_read_as_one_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a scan, "ทต." (read "mA.") cut out alone gives nothing as a line (psm 7) and ทต. as a word (psm 8)."""
    readings = {7: _hocr(), 8: _hocr(("ท", 97), ("ต", 92), (".|", 92))}  # the crop's edge cuts the next glyph
    asked: list[int | None] = []

    def fake(image: Image.Image, dpi: int, s: object, psm: int | None = None) -> str:
        asked.append(psm)
        return readings[psm]

    monkeypatch.setattr("ita_extract.extract.page.ocr.reread.run_tesseract", fake)
    lines = [*lines_of(*THAI_PAGE[:3]), lines_of(word("mA.", 57, x0=100, top=100))[0]]
    again = reread_latin(lines, Image.new("L", (400, 300), 255), 300, DEFAULT)
    assert again[-1].words[0].text == "ทต." and asked == [7, 8]
