"""Thai digits read by their shapes (``thai_digits``), on real renders of the samples' digits.

Tesseract's Thai model has no ``๔ ๖ ๗ ๘ ๙``, so these are read against glyph templates. The
test needs no Tesseract and no fonts: the samples' own pages (Laksaman, Garuda, Norasi,
embedded in the PDFs) are rendered at 300 dpi, blurred and given noise as a scanner would
(``tests/scans/make_scans.py``, without the tilt, so that pdfplumber's boxes still fit), and
every run of Thai digits pdfplumber finds on the page is read from the image and compared
with what the page says. Runs are read from their own boxes only, so the test measures
the recogniser, not Tesseract's layout.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from conftest import SAMPLES
from ita_extract.extract.page.ocr.digits import (
    MARKS,
    PLAIN_LETTERS,
    THAI_DIGITS,
    Read,
    _apart,
    _Band,
    _whole,
    candidate,
    digit_span,
    reading,
)
from ita_extract.extract.page.ocr.glyphs import Glyph, describe, templates
from ita_extract.extract.page.ocr.mend import digit_like, zeros_after_digits
from ita_extract.extract.page.ocr.scan import binarise, to_gray
from ita_extract.extract.page.ocr.settings import DEFAULT as OCR_DEFAULT
from ita_extract.extract.page.ocr.tesseract import OcrWord

sys.path.insert(0, str(Path(__file__).parent / "scans"))
from make_scans import ScanSettings, _rng, scan_page  # noqa: E402

DPI = 300
# The share of digit runs read exactly right, per sample page (measured: 1.00 on each).
MIN_EXACT = 0.9


def _runs(chars: list[dict]) -> list[list[dict]]:
    """Runs of consecutive Thai digits on one line, in pdfplumber's character order."""
    runs, cur = [], []
    for c in chars:
        if c["text"] in THAI_DIGITS and (not cur or abs(c["bottom"] - cur[-1]["bottom"]) < 1 and c["x0"] - cur[-1]["x1"] < 2):
            cur.append(c)
            continue
        if cur:
            runs.append(cur)
        cur = [c] if c["text"] in THAI_DIGITS else []
    if cur:
        runs.append(cur)
    return runs


def _scan(pdf: Path, page: int) -> np.ndarray:
    doc = pdfium.PdfDocument(str(pdf))
    image = doc[page].render(scale=DPI / 72, grayscale=True).to_pil()
    doc.close()
    flat = ScanSettings(min_angle=0.0, max_angle=0.0)
    return binarise(to_gray(scan_page(image, _rng(pdf.name), flat)))


@pytest.mark.parametrize(("name", "page"), [("sample04", 0), ("sample06", 1), ("sample07", 0), ("sample08", 0)])
def test_digit_runs_of_sample_pages_are_read(name: str, page: int) -> None:
    ink = _scan(SAMPLES / f"{name}.pdf", page)
    s = DPI / 72
    with pdfplumber.open(SAMPLES / f"{name}.pdf") as pdf:
        chars = pdf.pages[page].chars
    letters = [c for c in chars if c["text"] in PLAIN_LETTERS]
    heights = []
    for c in letters:
        crop = ink[int(c["top"] * s) : int(c["bottom"] * s) + 1, int(c["x0"] * s) : int(c["x1"] * s) + 1]
        rows = np.flatnonzero(crop.any(axis=1))
        if rows.size:
            heights.append(rows[-1] + 1 - rows[0])
    height = float(np.median(heights))
    runs = _runs(chars)
    assert len(runs) >= 3, f"{name} p{page + 1}: too few digit runs to test"
    wrong = []
    for run in runs:
        x0, x1 = run[0]["x0"] * s, run[-1]["x1"] * s
        box = ink[int(run[0]["top"] * s) : int(run[0]["bottom"] * s) + 1, int(x0) : int(x1) + 1]
        rows = np.flatnonzero(box.any(axis=1))
        baseline = int(run[0]["top"] * s) + rows[-1] + 1  # digits stand on the baseline
        text = "".join(c["text"] for c in run)
        glyphs = reading(ink, x0, x1, baseline, height, digits=True)
        read = "".join(g.label for g in glyphs)
        if read != text:
            wrong.append((text, read))
    exact = 1 - len(wrong) / len(runs)
    assert exact >= MIN_EXACT, f"{name} p{page + 1}: {exact:.2f} of {len(runs)} runs exact; wrong: {wrong[:10]}"


def test_templates_cover_every_digit_in_every_font() -> None:
    store = templates()
    for digit in THAI_DIGITS:
        assert (store.labels == digit).sum() >= 20, digit


def test_a_template_is_its_own_nearest() -> None:
    """Each digit template, described again, is nearest to its own label (the features and
    the distance agree with how the templates were made)."""
    store = templates()
    picked = np.flatnonzero(np.isin(store.labels, list(THAI_DIGITS)))[::7]
    glyphs = [Glyph(store.shapes[i], store.aspects[i], store.heights[i], store.feet[i]) for i in picked]
    for i, row, (label, dist, other) in zip(picked, store.distances(glyphs), store.nearest(glyphs)):
        assert store.labels[int(np.argmin(row))] == store.labels[i] == label
        assert dist == pytest.approx(0.0, abs=1e-5) and other > dist


@pytest.mark.parametrize(
    ("text", "expected"),
    [("๒", True), ("๒๕", True), ("Eo", True), ("@)", True), ("ุ", True), (".", True),
     ("ก", False), ("๑ก", False), ("เด", False), ("", False), ("1234567", False)],
)  # fmt: skip
def test_candidate_words(text: str, expected: bool) -> None:
    assert candidate(text) is expected


def _read(label: str, dist: float = 0.1, other: float = 0.5) -> Read:
    return Read(label, dist, other, 0, 1)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["๒", "๕", "๖", "๖"], (0, 4)),
        (["(", "E", "๑", ")"], (0, 4)),
        (["ก", "๒", "๕"], (1, 3)),  # a Thai letter is never part of a digit group
        (["E", "I", "T"], None),  # no digit: Latin stays Latin
        (["๒", "?", "๑", "๒", "๓"], (2, 5)),  # the longest sure stretch
        (["E", "1"], (0, 2)),  # a code with Arabic digits (Tesseract read "51")
        (["E", "1", "x"], None),  # Arabic digits outside a code stay as Tesseract read them
    ],
)
def test_digit_span(labels: list[str], expected: tuple[int, int] | None) -> None:
    glyphs = [_read(lab, 10.0, 10.0) if lab == "?" else _read(lab) for lab in labels]
    assert digit_span(glyphs) == expected


def test_an_unsure_digit_is_not_taken() -> None:
    assert digit_span([_read("๖", 0.30, 0.31)]) is None  # nearer ๖ than anything else, but not by the margin
    assert not (set(MARKS) & THAI_DIGITS)


def _words(spec: str) -> tuple[OcrWord, ...]:
    """Glyph words as Tesseract gives them on a Thai line (one word a glyph, 30 px apart,
    20 px wide); a space in ``spec`` leaves a gap of two letter heights."""
    words, x = [], 0.0
    for ch in spec:
        if ch == " ":
            x += 80.0
            continue
        words.append(OcrWord(ch, x, x + 20.0, 0.0, 40.0, 90.0))
        x += 30.0
    return tuple(words)


@pytest.mark.parametrize(
    ("spec", "index", "expected"),
    [
        ("๒๕อ๖", 2, True),  # ๖ read as อ between digits
        ("๒๕ออ", 3, True),  # two of them at the end of the year
        ("(อ๑๕)", 1, True),  # the code letter O read as อ
        ("๒๕อ๒อ", 4, True),
        ("ข้อ๑", 2, False),  # อ ends the word ข้อ: a mark of it stands beside
        ("๓อย", 1, False),  # อ opens a word (อย่าง)
        ("อ", 0, False),  # no digit beside it
        ("๒ อ", 1, False),  # the digit is a space away
        ("๒๕", 1, True),  # a digit is a candidate in any case
        ("ก๒", 0, False),  # other letters never
        ("๒๕๒ฒ", 3, True),  # ๗ read as ฒ by its tail (Sawasdee, Loma, Purisa, Tlwg faces)
        ("๒๕๒ฆ รอบ", 3, True),  # or as ฆ; the next word is a space away
        ("๒๕๒ซ", 3, True),  # or as ซ (Garuda)
        ("๑ญ/๑๐", 1, True),  # ๘ read as ญ (TlwgTypist)
        ("๒๕จ๘", 2, True),  # ๖ read as จ (Garuda, Purisa)
        ("๑๒ จ.เลย", 2, False),  # จ. of จังหวัด
        ("๒๕๐ิฒ", 4, True),  # a stray mark between the digits and the look-alike
        ("พัฒนา", 2, False),  # ฒ of a word: its letters on both sides
        ("๑ พัฒนา", 3, False),
        ("๒ฒน", 1, False),  # a letter of its word right after it
        ("๘ อ.๑๕", 1, True),  # a score: a decimal point between the look-alike and the digits
        ("๙๐.ฒ", 3, True),
        ("๑๒ อ.เมือง", 2, False),  # อ. of อำเภอ: a letter beyond the full stop
    ],
)
def test_a_lookalike_letter_among_digits_is_read_with_them(spec: str, index: int, expected: bool) -> None:
    assert digit_like(_words(spec), index, height=40.0) is expected


@pytest.mark.parametrize(("gap", "expected"), [(36.0, True), (30.0, True), (12.0, False), (4.0, False)])
def test_a_lookalike_is_a_digit_only_a_word_space_from_the_next_letter(gap: float, expected: bool) -> None:
    """"๒๕๒ฒ รอบ": the letter after the look-alike a word space away (0.9 letter heights on a
    Sawasdee scan, under the digit group's gap) leaves it a digit; a letter's gap makes it a letter."""
    words = list(_words("๒๕๒ฒ"))
    words.append(OcrWord("ร", words[-1].x1 + gap, words[-1].x1 + gap + 20.0, 0.0, 40.0, 90.0))
    assert digit_like(tuple(words), 3, height=40.0) is expected


def _overhang_band() -> np.ndarray:
    """Two glyph-like parts whose columns overlap without touching: a ring with a tail that rises and
    reaches right over the second ring (a ๙ over a ๓ in faces like TH Kodchasal), and a dot after them."""
    box = np.zeros((60, 80), dtype=bool)
    box[30:50, 5:25] = True
    box[33:47, 8:22] = False  # the first ring
    box[10:30, 23:25] = True  # its tail rises ...
    box[10:13, 23:42] = True  # ... and reaches over the second ring's left half
    box[30:50, 30:50] = True
    box[33:47, 33:47] = False  # the second ring
    box[46:50, 55:58] = True  # a dot: too short to be a part
    return box


def test_glyphs_whose_columns_overlap_are_read_whole() -> None:
    box = _overhang_band()
    first, second = _apart(box, baseline=50.0, height=20.0, s=OCR_DEFAULT)
    assert (first.x0, first.x1, first.cut) == (5, 42, None)
    assert (second.x0, second.x1) == (30, 50) and first.x0 < second.cut < second.x0 + 20  # between their middles
    band = _Band(box, 50.0, 20.0, 0, True, templates(), (first, second))
    cut = round(second.cut)
    (whole_first,) = _whole(band, 0, cut)
    (whole_second,) = _whole(band, cut, 52)
    assert np.allclose(whole_first.shape, describe(first.ink, 50.0, 20.0).shape)  # the tail stays with its ring
    assert np.allclose(whole_second.shape, describe(second.ink, 50.0, 20.0).shape)  # and is no part of the next
    with_dot = _whole(band, cut, 60)[0]  # a dot in the piece's columns stays in it
    assert not np.allclose(with_dot.shape, whole_second.shape)


def test_a_piece_cutting_into_the_glyph_beside_is_not_read_whole() -> None:
    """Only the glyphs whose columns overlap are read whole: a piece that also takes part of the next
    glyph (no overlap) would read clean while that glyph loses ink (devs9 syn00403: "๒๕๖๔" → "๒O๔")."""
    box = _overhang_band()
    box[46:50, 55:58] = False
    box[30:50, 52:68] = True
    box[33:47, 55:65] = False  # a third ring, beside the second
    first, second, third = _apart(box, baseline=50.0, height=20.0, s=OCR_DEFAULT)
    band = _Band(box, 50.0, 20.0, 0, True, templates(), (first, second, third))
    assert third.cut is None  # blank columns part it from the second: no cut of its own
    assert _whole(band, round(second.cut), 51) != []
    assert _whole(band, round(second.cut), 60) == []  # it would cut into the third


def test_glyphs_with_columns_of_their_own_are_left_to_the_column_cuts() -> None:
    box = _overhang_band()
    box[10:13, 25:42] = False  # no tail over the second ring: a blank column parts them
    assert _apart(box, baseline=50.0, height=20.0, s=OCR_DEFAULT) == ()
    assert _apart(np.zeros((60, 80), dtype=bool), baseline=50.0, height=20.0, s=OCR_DEFAULT) == ()


def _texts(*texts: str) -> tuple[OcrWord, ...]:
    """Words as Tesseract gives them, each 20 px a letter, 10 px apart (one digit group)."""
    words, x = [], 0.0
    for text in texts:
        words.append(OcrWord(text, x, x + 20.0 * len(text), 0.0, 40.0, 90.0))
        x += 20.0 * len(text) + 10.0
    return tuple(words)


@pytest.mark.parametrize(
    ("texts", "index", "expected"),
    [
        (("๘", "อ.อ", "๗"), 1, True),  # ๘๐.๐๗: IBM Plex Sans Thai Looped's ๐ read as อ, with the point
        (("อ.๕๕",), 0, True),  # ๐.๕๕: the digits are in the word itself
        (("๓๕6.อ",), 0, True),  # Arabic and Thai digits and a look-alike
        (("อ.",), 0, False),  # no digit in it or beside it
        (("๑๒", "อ.เมือง"), 1, False),  # อ. of อำเภอ: other letters in the word
        (("๒", "ออก"), 1, False),  # a word with a letter no digit looks like (ก)
    ],
)
def test_a_word_of_lookalikes_and_points_among_digits_is_read_with_them(
    texts: tuple[str, ...], index: int, expected: bool
) -> None:
    assert digit_like(_texts(*texts), index, height=40.0) is expected


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ("๑oo.oo", "๑๐๐.๐๐"),  # a ring ๐ read as Latin o after a digit and after a digit's point
        ("O๑๖", "O๑๖"),  # a code's letter stands before its digits
        ("๒o", "๒๐"),
        ("o๒", "o๒"),
        (".o", ".o"),  # a point with no digit before it
        ("๑ Oct", "๑ Oct"),  # a word space after the digit
    ],
)
def test_a_round_letter_after_a_digit_is_a_zero(labels: str, expected: str) -> None:
    glyphs, x = [], 0
    for ch in labels:
        if ch == " ":
            x += 60
            continue
        glyphs.append(Read(ch, 0.1, 0.15, x, x + 18))
        x += 22
    assert "".join(g.label for g in zeros_after_digits(glyphs, 40.0)) == expected.replace(" ", "")
