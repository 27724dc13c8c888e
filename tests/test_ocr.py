"""Scanned reports: text-layer detection, image measurements, OCR text repair, and OCR end to end.

The first part needs no Tesseract: it tests the pure steps on literals, synthetic images and
the real corpus's text layers. The second part reads scans of the sample reports (made by
``tests/scans/make_scans.py`` at test time) with Tesseract and scores them with the shared
scorer against the samples' own expected JSON. It is skipped, saying which Debian packages
to install, where Tesseract or its Thai model is missing.

By default three samples are scored (sample03 grid, sample05 borderless, sample06 a memo
and rules: 21 pages, a few minutes on two cores) and the first scanned page of each of the
six real scans is read. ``ITA_OCR_ALL=1`` scores all eight samples (76 pages) against issue
8's bar, reads every page of the real scans, and scores issue 16's held-out scans
(``tests/scans/make_heldout.py``: needs soffice; about 100 pages, half an hour on a busy
machine). Exact-text fields still often fail: the Thai model has no ๔ ๖ ๗ ๘ ๙ (they are
read again by their shapes, ``digits``, tested in ``test_thai_digits.py``) and misreads
Thai letters here and there; record text is checked against known forms (``lexicon``,
tested in ``test_ocr_lexicon.py``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import REAL, SAMPLES, SHARED
from ita_extract import extract
from ita_extract.extract.errors import NeedsOCRError, OCRUnavailableError
from ita_extract.extract.page.ocr import tesseract
from ita_extract.extract.page.ocr.lines import line_chars, line_ems, restore_lines
from ita_extract.extract.page.ocr.reader import prepare, without_rules
from ita_extract.extract.page.ocr.scan import (
    binarise,
    edges_of,
    is_gibberish,
    ruling_lines,
    shaded_bands,
    skew_angle,
    unusable_text_layer,
)
from ita_extract.extract.page.ocr.settings import DEFAULT as OCR_DEFAULT
from ita_extract.extract.page.ocr.tesseract import (
    OcrLine,
    OcrWord,
    parse_hocr,
    run_tesseract,
    tesseract_problem,
)
from ita_extract.extract.page.ocr.words import am_read_whole, best_form, is_stray, mend_code, restore_marks
from ita_extract.extract.table.columns import Column, split_by_columns
from ita_extract.extract.table.lines import TextLine, clusters
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).parent / "scans"))
from make_scans import scan_pdf  # noqa: E402

NO_TESSERACT = tesseract_problem()
needs_tesseract = pytest.mark.skipif(
    NO_TESSERACT is not None,
    reason=f"OCR tests need Tesseract with its Thai model (apt-get install tesseract-ocr tesseract-ocr-tha): {NO_TESSERACT}",
)
ALL = os.environ.get("ITA_OCR_ALL") == "1"
SCORE = SHARED / "tools" / "score.py"
DEFAULT_SAMPLES = ("sample03", "sample05", "sample06")
# Floors. Measured against the samples' contract-v1 truth: all eight 0.872 (strict text 0.305,
# records F1 0.983), the default three 0.860. Against the v2 truth (status, time frames) the
# default three measure 0.830 (strict 0.367, records F1 0.979) and their floor is that less a
# little; the all-eight floor is issue 8's 0.85 less the same 0.03, not re-measured.
SCORE_MIN = 0.82 if ALL else 0.81
RECORDS_F1_MIN = 0.96
# The eight seed-era samples; scans of the FY2567 template are make_heldout.py's --fy2567 set.
OCR_SAMPLES = [f"sample{n:02d}" for n in range(1, 9)]
# (overall, strict text) floors, a little under what was measured (docs/BENCHMARKS.md; the bar
# is 0.90 and 0.60): issue 16's held-out scans HELDOUT_MEASURED; the FY2567 scans FY2567_MEASURED.
HELDOUT_MEASURED = (0.965, 0.658)  # session 9 (was 0.963, 0.649)
FY2567_MEASURED = (0.941, 0.792)  # session 9 (was 0.936, 0.785)
HELDOUT_MIN = (HELDOUT_MEASURED[0] - 0.02, HELDOUT_MEASURED[1] - 0.02)
FY2567_SCANS_MIN = (FY2567_MEASURED[0] - 0.03, FY2567_MEASURED[1] - 0.03)

# The junk layers of two real scans (the first characters of their pdfplumber text).
JUNK_LAYERS = [
    "j . v _,rttnartunuragiruaul.:ft.l r r3a il :c tr du r{u ri r u rJ : v ur ru:r u qi r t,r il : vdrij { u rJ : "
    "s u r ru ?rr. Ft.b db o tvnuraairuaul{Fr{ rorJ:strdrfiuiirurJ:vrrru:rudrutfionr:armu fiovrirrfiunl:rr1}J",
    "{rufrd Qo HH 'tuYl t16',] crd9) uuun?Jon?13J a'l1.Jt't % n15 't vru l au lyrfl1,Ja nul15anu v j l "
    "oood./bdbd iufi t t aalnxi bdb6'i Gal toou:r-fi :vnrotzusulriirzuuntta-odot'o6'r r :vsirfl w!:y:Jr6u",
]
ENGLISH = (
    "The office has published the results of the integrity and transparency assessment on its website, "
    "and each department will report to the public on the measures it has taken over the year."
)
THAI = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"


# ---------------------------------------------------------------- which pages need OCR


@pytest.mark.parametrize("junk", JUNK_LAYERS)
def test_latin_gibberish_over_a_page_image_needs_ocr(junk: str) -> None:
    assert is_gibberish(junk)
    assert unusable_text_layer(junk, image_fraction=1.0) is not None


@pytest.mark.parametrize(
    ("text", "image_fraction"),
    [
        (ENGLISH * 3, 1.0),  # a real English page over a scan keeps its OCR layer
        (THAI * 5, 1.0),  # a Thai OCR layer over a scan is used
        (JUNK_LAYERS[0], 0.0),  # no page image: a born-digital page keeps even odd text
        (THAI * 5, 0.0),
    ],
    ids=["english-over-image", "thai-over-image", "junk-without-image", "born-digital-thai"],
)
def test_usable_text_layers_are_kept(text: str, image_fraction: float) -> None:
    assert unusable_text_layer(text, image_fraction) is None


def test_no_text_or_a_stamp_on_a_scan_needs_ocr() -> None:
    assert unusable_text_layer("", 0.0) == "no text layer"
    assert unusable_text_layer(" \n ", 1.0) == "no text layer"
    assert "stamp" in (unusable_text_layer("๒๕๘๗ ๐๙.๑๕ น.", 1.0) or "")
    assert unusable_text_layer("๒๕๘๗ ๐๙.๑๕ น.", 0.3) is None  # a short born-digital page


def _page_reasons(pdf: Path) -> list[str | None]:
    """Per page, why auto mode would OCR it (read with the real text-layer path)."""
    from ita_extract.extract.page.ocr.reader import ocr_reason
    from ita_extract.extract.page.pdf import open_pdf, read_pages

    doc = open_pdf(pdf)
    try:
        return [ocr_reason(page, "auto") for page in read_pages(pdf, doc)]
    finally:
        doc.close()


@pytest.mark.skipif(not REAL.is_dir(), reason=f"real corpus not found at {REAL}")
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("hangdong_prspend_scanned-canon.pdf", [True, True, True]),  # Latin junk over Thai scans
        ("ktltc_o20-1_scanned-with-garbage-ocr-layer.pdf", [True, True, True]),
        ("phichai-hosp_moit1-2-68_scanned-canon.pdf", [True] * 4),  # no text at all
        ("ktltc_ITA2568-result-letter_image.pdf", [True] * 5),  # page 1: a receipt stamp over the scan
        ("phichai-hosp_moit2-5_ethics-code_acrobat-pua.pdf", [False] * 5 + [True, False]),  # one scanned page
        ("hangdong_integrity-declaration_libreoffice.pdf", None),  # born digital: nothing flagged
        ("nongyai-sso_EB2-2.2_procurement-anticorruption-measures.pdf", None),
        ("ktltc_6_ratchakitcha_tcpdf-garbled.pdf", None),  # garbled, but no page image: not OCR's business
        ("phichai-hosp_moit2-1.3_org-chart_powerpoint.pdf", None),
    ],
)
def test_scanned_pages_are_found_per_page(name: str, expected: list[bool] | None) -> None:
    flagged = [reason is not None for reason in _page_reasons(REAL / name)]
    assert flagged == (expected if expected is not None else [False] * len(flagged))


def test_no_sample_page_is_taken_for_a_scan() -> None:
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        assert _page_reasons(pdf) == [None] * len(_page_reasons(pdf)), pdf.name


# ---------------------------------------------------------------- page images


def _text_page(angle: float) -> np.ndarray:
    """A synthetic page of 'text lines' (dashes of ink) turned by ``angle`` degrees; ink True."""
    img = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(img)
    rng = np.random.default_rng(1)
    for y in range(150, 1450, 45):
        x = 120
        while x < 1050:
            w = int(rng.integers(20, 90))
            draw.rectangle([x, y, x + w, y + 22], fill=0)
            x += w + int(rng.integers(10, 30))
    return np.asarray(img.rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC)) < 128


@pytest.mark.parametrize("angle", [-2.0, -1.2, 0.0, 0.7, 1.8])
def test_skew_is_measured_to_a_tenth_of_a_degree(angle: float) -> None:
    assert skew_angle(_text_page(angle)) == pytest.approx(-angle, abs=0.1)


def _grid(dpi: int = 300) -> tuple[np.ndarray, list[int], list[int]]:
    """A ruled table with text-like blobs in its cells, slightly noisy and broken: ink True."""
    img = Image.new("L", (2400, 1800), 255)
    draw = ImageDraw.Draw(img)
    ys, xs = [200, 420, 900, 1500], [150, 600, 1100, 1700, 2250]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for y in range(250, 1450, 60):
        for x0 in xs[:-1]:
            for x in range(x0 + 30, x0 + 300, 22):
                draw.rectangle([x, y, x + 14, y + 30], outline=0, width=3)  # letters, not a rule
    ink = np.asarray(img) < 128
    rng = np.random.default_rng(2)
    ink = ink & (rng.random(ink.shape) > 0.02)  # scanning loses specks of the lines
    return ink, ys, xs


def test_ruling_lines_are_found_by_morphology() -> None:
    ink, ys, xs = _grid()
    found, mask = ruling_lines(ink, 300)
    h = sorted(round(s.pos) for s in found if s.orientation == "h")
    v = sorted(round(s.pos) for s in found if s.orientation == "v")
    assert len(h) == len(ys) and all(abs(a - b) <= 2 for a, b in zip(h, ys))
    assert len(v) == len(xs) and all(abs(a - b) <= 2 for a, b in zip(v, xs))
    assert all(s.end - s.start > 1000 for s in found)
    assert ink[265, 247] and not mask[265, 247]  # a letter's stroke inside a cell is not part of a line
    assert mask[ys[1], 1000] and mask[1000, xs[2]]


def _bold_word(ink: np.ndarray, top: int, left: int, width: int) -> None:
    """Bold letters whose top bars touch (blurred Pridi Bold, judge set 11's syn09309): one bar across
    the word, stems hanging from it every 12 pixels, 4 wide, 40 down."""
    ink[top : top + 5, left : left + width] = True
    for x in range(left, left + width - 4, 12):
        ink[top : top + 40, x : x + 4] = True


@pytest.mark.parametrize("width", [150, 300])
def test_bold_letters_whose_bars_touch_are_no_rule(width: int) -> None:
    ink = np.zeros((400, 1200), dtype=bool)
    _bold_word(ink, 100, 100, width)
    ink[300:304, 100 : 100 + width] = True  # a short rule, paper around it
    ink[310:350:4, 100 : 100 + width : 3] = True  # text a few pixels under it, not touching
    found, mask = ruling_lines(ink, 300)
    assert [round(f.pos) for f in found if f.orientation == "h"] == [302]
    assert not mask[100:106, 100 : 100 + width].any()  # the bar is not erased: the word stays whole
    assert mask[301, 100 + width // 2]


def test_a_long_rule_stays_one_whatever_hangs_from_it() -> None:
    """A rule longer than any word (``rule_letter_max_pt``) is a rule even where cells' text touches it."""
    ink = np.zeros((400, 1200), dtype=bool)
    _bold_word(ink, 100, 50, 1000)
    found, _ = ruling_lines(ink, 300)
    assert [round(f.pos) for f in found if f.orientation == "h"] == [102]


def _paper(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.clip(243 + rng.normal(0, 8, (1200, 900)), 0, 255).astype(np.uint8)


def test_ink_inside_a_shaded_band_is_read_from_the_band_lightened() -> None:
    """A mid-grey fill's noise falls under the ink level here and there; binarised as it is, it joins
    letters into runs. Read from the band lightened (as Tesseract sees it) only the letters are ink;
    outside the band the ink is the page's as before."""
    rng = np.random.default_rng(3)
    gray = np.clip(243 + rng.normal(0, 8, (1200, 900)), 0, 255)
    gray[200:320, 100:800] = np.clip(190 + rng.normal(0, 22, (120, 700)), 0, 255)  # a noisy grey fill
    gray[250:262, 150:400] = 10  # letters on it
    gray[500:512, 150:400] = 10  # letters below it
    gray = gray.astype(np.uint8)
    img = prepare(Image.fromarray(gray), 300)
    naive = binarise(gray)
    fill = (slice(205, 315), slice(420, 780))  # the band's fill, no letters
    assert naive[fill].mean() > 0.01 and img.ink[fill].mean() < naive[fill].mean() / 10
    assert img.ink[250:262, 150:400].all() and img.ink[500:512, 150:400].all()
    assert (img.ink[400:] == naive[400:]).all()


def test_a_shaded_header_band_gives_its_edges_as_rules() -> None:
    gray = _paper(1)
    gray[200:320, 100:800] -= 30  # the header's grey fill
    gray[250:262, 150:400] = 10  # letters on it
    gray[500:512, 150:400] = 10  # letters below it
    edges = edges_of(shaded_bands(gray, 300))
    assert sorted(round(e.pos) for e in edges) == [200, 320]
    assert all(abs(e.start - 100) <= 2 and abs(e.end - 800) <= 2 for e in edges)


def test_a_shaded_bands_fill_is_made_paper_for_tesseract_its_ink_kept() -> None:
    """On a noisy scan Tesseract took a shaded header band for a picture and read none of its words
    (judge set 9's syn09104: both score tables lost). The fill is divided out, so it reads as paper,
    the letters on it stay dark with their soft edges, and nothing outside the band changes (the
    rules' mask aside)."""
    gray = np.full((1200, 900), 243, dtype=np.uint8)
    gray[200:320, 100:800] = 204  # the header's grey fill
    gray[250:262, 150:400] = 51  # letters on it
    gray[262:264, 150:400] = 153  # their soft lower edge
    gray[500:512, 150:400] = 200  # a light mark on the paper below: not in a band, left
    bands = shaded_bands(gray, 300)
    assert bands == [(200, 320, 100, 800)]
    mask = np.zeros(gray.shape, dtype=bool)
    mask[600:603, :] = True  # a rule
    clean = np.asarray(without_rules(gray, mask, bands))
    assert clean[210, 120] == 255 and clean[300, 700] == 255  # the fill
    assert clean[255, 200] == 63 and clean[263, 200] == 191  # ink and its edge: darker than paper still
    assert (clean[600:603] == 255).all()
    untouched = np.ones(gray.shape, dtype=bool)
    untouched[200:320, 100:800] = untouched[600:603] = False
    assert (clean[untouched] == gray[untouched]).all()


@pytest.mark.parametrize(
    ("rows", "cols"),
    [((200, 215), (100, 800)),  # too low: a smudge or a thick rule, not a shaded row
     ((200, 320), (100, 300)),  # too narrow: a stamp, a photo, not a table row
     ((0, 0), (0, 0))],  # no fill at all: noise alone never makes one
)  # fmt: skip
def test_no_shaded_band_no_rules(rows: tuple[int, int], cols: tuple[int, int]) -> None:
    gray = _paper(2)
    gray[rows[0] : rows[1], cols[0] : cols[1]] -= 30
    assert edges_of(shaded_bands(gray, 300)) == []


# ---------------------------------------------------------------- OCR output → Chars

HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='bbox 0 0 2481 3508'>
 <span class='ocr_line' title="bbox 100 200 900 280; baseline 0.01 -12; x_size 84; x_descenders 12; x_ascenders 20">
  <span class='ocrx_word' title='bbox 100 210 160 268; x_wconf 96'>เจ</span>
  <span class='ocrx_word' title='bbox 162 220 190 268; x_wconf 91'>า</span>
  <span class='ocrx_word' title='bbox 300 200 380 290; x_wconf 40'>ที่</span>
 </span>
</div></body></html>"""


def test_hocr_words_become_chars_on_the_baseline() -> None:
    (line,) = parse_hocr(HOCR)
    assert [w.text for w in line.words] == ["เจ", "า", "ที่"]
    assert [w.conf for w in line.words] == [96, 91, 40]
    assert line.baseline_at(100) == 268 and line.baseline_at(200) == pytest.approx(269)
    chars = line_chars(line, scale=300 / 72, em=60)
    texts = [c.text for c in chars]
    assert texts == ["เจ", "า", " ", "ที่"]  # 110 px > 0.45 em: a space; 2 px: none
    assert chars[0].x1 == pytest.approx(162 * 72 / 300)  # the small gap is closed
    bottoms = {round(c.bottom, 3) for c in chars if not c.text.isspace()}
    assert max(bottoms) - min(bottoms) < 1  # one baseline, whatever the boxes' heights


def test_tesseract_keeps_the_small_outlines_that_are_thai_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tesseract's noise removal drops small outlines: on a sparse scanned page (psm 11) those are
    the marks above and below Thai letters ("ส ง เส ร ม" for ส่งเสริม). It is asked to keep them."""
    asked: list[list[str]] = []

    def fake_run(args: list[str], **_: object) -> subprocess.CompletedProcess[bytes]:
        asked.append(args)
        return subprocess.CompletedProcess(args, 0, b"<html/>", b"")

    monkeypatch.setattr(tesseract.shutil, "which", lambda _: "/usr/bin/tesseract")
    monkeypatch.setattr(tesseract.subprocess, "run", fake_run)
    run_tesseract(Image.new("L", (40, 20), 255), 300)
    (args,) = asked
    assert args[args.index("enable_noise_removal=0") - 1] == "-c"


THAI_MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")


@needs_tesseract
def test_a_sparse_page_is_read_with_the_marks_above_its_letters() -> None:
    """The top of a scanned report page (tests/scans/marks_page.png: a dev scan of a generated report,
    Sawasdee 15 pt, binarised to keep the file small). With Tesseract's noise removal its title read
    "มาตรการสงเสริม…ความโปรงใสภายในหนวยงาน" and 25 marks over the crop; kept, the title reads whole
    and 46 marks are read."""
    image = Image.open(Path(__file__).parent / "scans" / "marks_page.png").convert("L")
    lines = parse_hocr(run_tesseract(image, 300))
    title = "".join(w.text for w in lines[0].words)
    everything = "".join(w.text for line in lines for w in line.words)
    assert title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert sum(ch in THAI_MARKS for ch in everything) >= 40


def test_a_line_holding_marks_above_and_below_gets_no_larger_em_than_the_pages_usual() -> None:
    """Lines of one print size: the one whose box reaches marks above and below is taller (76 px
    against 62) but its letters are the same size; its em is the page's usual one."""
    plain = [_line(*((t, 100.0 * k, 100.0 * k + 90) for k, t in enumerate("กขคงจฉ"))) for _ in range(5)]
    plain = [replace(line, height=62.0) for line in plain]
    tall = replace(plain[0], height=76.0)
    ems = line_ems([*plain, tall])
    assert ems[-1] == pytest.approx(ems[0]) == pytest.approx(62.0 / 1.4)


def test_line_chars_do_not_space_after_a_mark_that_sticks_out() -> None:
    words = [OcrWord("ด", 0, 30, 10, 60, 90), OcrWord("ํ", 25, 70, 0, 20, 90), OcrWord("า", 72, 100, 10, 60, 90)]
    chars = line_chars(OcrLine(tuple(words), 0, 60, 0.0, 0.0, 84), scale=1.0, em=60)
    assert "".join(c.text for c in chars) == "ดํา"
    assert chars[0].x1 == 72  # the base reaches the next letter


def _line(*words: tuple[str, float, float]) -> OcrLine:
    """An OCR line of (text, x0, x1) words on one baseline, in pixels (em 60 below)."""
    return OcrLine(tuple(OcrWord(t, x0, x1, 10, 60, 90) for t, x0, x1 in words), 0, 60, 0.0, 0.0, 84)


def _text(line: OcrLine) -> str:
    return "".join(c.text for c in line_chars(line, scale=1.0, em=60))


def test_a_number_is_set_apart_from_thai_letters_whatever_its_box() -> None:
    # the boxes of "25" touch both neighbours (digits re-read by shape reach into the gaps),
    # but Thai writing types a space on both sides of a number; "ม.ค." keeps its dots close
    line = _line(("เมื่อ", 0, 100), ("25", 100, 140), ("ม", 140, 160), (".", 162, 166), ("ค", 170, 190), (".", 192, 196))
    assert _text(line) == "เมื่อ 25 ม.ค."


@pytest.mark.parametrize(("gap", "spaced"), [(20, False), (27, False), (33, True), (45, True)])
def test_a_gap_between_thai_words_is_a_space_from_half_an_em(gap: float, spaced: bool) -> None:
    # letters 6 px apart (0.1 em) make the line's usual gap; held-out scans: typed spaces 0.55 em
    # and more, gaps inside words up to about 0.5 em
    words = [("ดำเนิน", 0, 100), ("การ", 106, 160), ("แล้ว", 166, 220), ("รายงาน", 220 + gap, 320)]
    assert _text(_line(*words)) == ("ดำเนินการแล้ว รายงาน" if spaced else "ดำเนินการแล้วรายงาน")


def test_a_wide_gap_inside_a_dictionary_word_is_no_space() -> None:
    # a title's large letters stand far apart: 0.6 em inside องค์การ is no space, the same gap
    # between two words is one, and a gap past an em is a space whatever the words say
    def title(gap: float) -> str:
        return _text(_line(("ของอ", 0, 100), ("งค์การ", 100 + gap, 200 + gap)))

    assert title(36) == "ขององค์การ"
    assert title(70) == "ของอ งค์การ"
    assert _text(_line(("ของ", 0, 80), ("องค์การ", 116, 220))) == "ของ องค์การ"


def test_a_space_before_a_column_gutter_goes_with_the_next_cell() -> None:
    # a gap 0.9 em wide between two cells of an unruled table is read as a space; the space
    # stands on the next cell's first word, so the cell before it does not end in a space,
    # which the table engine takes for a space the author typed at a line wrap
    line = _line(("เจ้าหน้าที่", 0, 120), ("ได้", 174, 220), ("ดำเนิน", 222, 300))
    items = clusters(line_chars(line, scale=1.0, em=60))
    columns = (Column(0, 170), Column(170, 400))
    parts = split_by_columns(TextLine(items), columns, slack=2.0)
    assert [p.text for p in parts.values()] == ["เจ้าหน้าที่", "ได้ดำเนิน"]
    assert not parts[0].ends_with_space


# ---------------------------------------------------------------- OCR text repair


@pytest.mark.parametrize(
    ("read", "restored"),
    [
        ("เจาหนาทีของหนวยงานทีทานติดตอ", "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ"),
        ("มากนอยเพียงใด", "มากน้อยเพียงใด"),
        ("เผยแพรขอมูลบนเว็บไซตหนวยงานและชองทางอืนๆ", "เผยแพร่ข้อมูลบนเว็บไซต์หน่วยงานและช่องทางอื่นๆ"),
        ("ประชาสัมพันธการดําเนินการ", "ประชาสัมพันธ์การดำเนินการ"),  # and NIKHAHIT + AA made SARA AM
        ("ดําเนินการเมือวันที ๒๒ เดือน มกราคม", "ดำเนินการเมื่อวันที่ ๒๒ เดือน มกราคม"),
        ("สํานักปลัดเทศบาล/ทุกกอง", "สำนักปลัดเทศบาล/ทุกกอง"),  # nothing lost: nothing changed but SARA AM
        ("E1 IT ประชาสัมพันธ์", "E1 IT ประชาสัมพันธ์"),
        ("หรอวธ", "หรือวิธี"),  # vowels above the line lost (LibreOffice's Garuda, scanned)
        ("จดทาคูมอ", "จัดทำคู่มือ"),  # ... and SARA AM read as SARA AA
        ("เทศบาลุตำบลปรางคกู", "เทศบาลตำบลปรางค์กู"),  # a speck read as SARA U goes; a name is not made a word
        ("ดังต่อไปนี่", "ดังต่อไปนี้"),  # a tone mark read as another
    ],
)
def test_lost_tone_marks_are_restored_from_the_dictionary(read: str, restored: str) -> None:
    assert "".join(restore_marks(list(read))) == restored


@pytest.mark.parametrize(
    ("read", "restored"),
    [
        (["สำนักปลัด", "อบต", ".", "/", "งาน"], "สำนักปลัดอบต./งาน"),  # not อุบัติ (accident)
        (["ทต", ".", "เชียงคาน"], "ทต.เชียงคาน"),  # not ทูต (envoy)
        (["สานกปลดอบต."], "สำนักปลัดอบต."),  # the letters before the abbreviation are still restored
        (["เจาหนาที"], "เจ้าหน้าที่"),  # no full stop: a word like any
    ],
)
def test_an_abbreviation_before_a_full_stop_is_no_word_to_restore(read: list[str], restored: str) -> None:
    assert "".join(restore_marks(read)) == restored


def test_restored_marks_stay_with_their_ocr_words() -> None:
    assert restore_marks(["เจา", "หนา", "ที"]) == ["เจ้า", "หน้า", "ที่"]
    assert restore_marks(["ส", "ํ", "านัก"]) == ["ส", "", "ำนัก"]  # the lone NIKHAHIT joins its AA


def _pieces(*texts: str) -> OcrLine:
    """An OCR line of one word per text (letters only matter here)."""
    return _line(*((t, 100.0 * k, 100.0 * k + 90) for k, t in enumerate(texts)))


def test_a_word_read_with_sara_aa_keeps_it_where_the_page_reads_sara_am_whole() -> None:
    # "ช่องทาง" wrapped in its cell: "ช่องทา" ends a line; ทำ is ten times commoner than ทา, but this
    # page reads every SARA AM it prints (here as NIKHAHIT and AA, as Tesseract often does) whole
    whole = [_pieces("ด", "ํ", "าเนินการ"), _pieces("ประจ", "ํ", "าปี"), _pieces("ก", "ํ", "าหนด"), _pieces("ช่องทา")]
    assert "".join(w.text for w in restore_lines(whole)[-1].words) == "ช่องทา"
    # a page whose AM loses its circle ("ดาเนินการ" is no word) keeps the commoner form
    lost = [_pieces("ดาเนินการ"), _pieces("ประจ", "ํ", "าปี"), _pieces("ก", "ํ", "าหนด"), _pieces("ด", "ํ", "า"), _pieces("ช่องทา")]
    assert [ "".join(w.text for w in ln.words) for ln in restore_lines(lost)] == [
        "ดำเนินการ", "ประจำปี", "กำหนด", "ดำ", "ช่องทำ"
    ]


@pytest.mark.parametrize(
    ("read", "restored", "whole"),
    [
        (["ดำเนินการ ทำ", "ประจำปี"], ["ดำเนินการ ทำ", "ประจำปี"], True),  # three AM read, none made
        (["ดําเนินการ ทํา", "ประจําปี"], ["ดำเนินการ ทำ", "ประจำปี"], True),  # NIKHAHIT and AA are an AM
        (["ดำเนินการ ทำ", "ประจาปี"], ["ดำเนินการ ทำ", "ประจำปี"], False),  # an AA the dictionary made an AM
        (["ดำเนินการ", "ทา"], ["ดำเนินการ", "ทา"], False),  # too few AM to say
    ],
)
def test_a_page_reads_sara_am_whole_when_no_restore_makes_one(read: list[str], restored: list[str], whole: bool) -> None:
    assert am_read_whole(read, restored) is whole


@pytest.mark.parametrize(
    ("read", "form"),
    [("หนวยงาน", "หน่วยงาน"), ("ทาน", "ท่าน"), ("ขอ", "ขอ"), ("ข้อ", "ข้อ"), ("กขคงจฉ", None)],
)
def test_best_form_keeps_common_readings(read: str, form: str | None) -> None:
    assert best_form(read) == form


@pytest.mark.parametrize(
    ("read", "form"),
    [("ยืม", "ยืม"), ("เป็ด", "เปิด"), ("ยิม", "ยิ้ม"), ("ทาน", "ท่าน")],
)
def test_a_word_read_as_spelt_gives_way_only_to_a_form_commoner_than_the_misreading_it_assumes(
    read: str, form: str
) -> None:
    """ยิ้ม is 8 times commoner than ยืม, but ยืม read whole is a SARA I misread and a tone mark lost
    if it is ยิ้ม: it stays. เปิด is 24 times commoner than เป็ด, one mark misread: it wins. A form
    only adding what OCR loses wins as before (ยิม, no word, is ยิ้ม; ทาน is ท่าน)."""
    assert best_form(read) == form
    assert "".join(restore_marks(["กำหนดแนวปฏิบัติการ", read, "ทรัพย์สิน"])) == f"กำหนดแนวปฏิบัติการ{form}ทรัพย์สิน"


FORMS_PROBE = """
from ita_extract.extract.page.ocr.words import DEFAULT, DICTIONARY_SLACK, _forms
forms = _forms(DEFAULT.max_word + DICTIONARY_SLACK)
print(repr(sorted((k, v) for k, v in forms.items() if len(v) > 1 and v[0][1] == v[1][1])))
"""


def test_forms_as_common_as_each_other_come_in_the_same_order_in_every_process() -> None:
    """Word forms tied on frequency ("ทุกคน" and "ทุกคืน", both unseen in the corpus) were ordered by the
    process's string hashes, so OCR chose one in one run and the other in the next."""
    runs = {
        subprocess.run([sys.executable, "-c", FORMS_PROBE], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


@pytest.mark.parametrize(
    ("token", "before_text", "code"),
    [
        ("6๑", False, "E๑"),  # an Arabic 6 run into Thai digits is the E of a code
        ("0๑๑", False, "O๑๑"),
        ("อ๑๖", False, "O๑๖"),  # the Thai model reads O as อ
        ("อ", False, None),  # อ alone is a letter
        ("El2", False, "E12"),  # l for 1
        ("61", True, "E1"),  # 6 for E where Thai text follows in the cell
        ("61", False, None),  # alone in its cell: a row number
        ("E12", False, None),  # nothing to mend
        ("๑๒", False, None),
        ("ES", False, None),  # S may be 5 or 9: left alone rather than guessed
    ],
)
def test_misread_indicator_codes_are_mended_only_when_unambiguous(token: str, before_text: bool, code: str | None) -> None:
    assert mend_code(token, before_text) == code


@pytest.mark.parametrize(("word", "stray"), [(",", True), ("'", True), ("|", True), (",.", False), ("๑.", False), ("ก", False)])
def test_specks_read_as_punctuation_are_stray(word: str, stray: bool) -> None:
    assert is_stray(word) is stray


# ---------------------------------------------------------------- modes and errors (no Tesseract needed)


def _image_pdf(path: Path, pages: int = 1) -> Path:
    """A tiny image-only PDF: what a scan looks like to the text-layer reader."""
    imgs = [Image.new("L", (620, 877), 255) for _ in range(pages)]
    for img in imgs:
        ImageDraw.Draw(img).rectangle([60, 60, 400, 80], fill=0)
    imgs[0].save(path, "PDF", save_all=True, append_images=imgs[1:], resolution=75.0)
    return path


def test_ocr_never_keeps_scans_needing_ocr(tmp_path: Path) -> None:
    with pytest.raises(NeedsOCRError) as err:
        extract(_image_pdf(tmp_path / "scan.pdf"), ocr="never")
    assert err.value.code == "needs_ocr"


@pytest.mark.skipif(not REAL.is_dir(), reason=f"real corpus not found at {REAL}")
def test_ocr_never_drops_a_junk_layer_and_says_so() -> None:
    with pytest.raises(NeedsOCRError) as err:
        extract(REAL / "hangdong_prspend_scanned-canon.pdf", ocr="never")
    assert err.value.code == "needs_ocr"


def test_missing_tesseract_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ita_extract.extract.page.ocr import reader as ocr

    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "Tesseract is not installed (apt-get install x)")
    scan = _image_pdf(tmp_path / "scan.pdf", pages=2)
    with pytest.raises(OCRUnavailableError) as err:
        extract(scan)
    assert err.value.code == "ocr_unavailable" and isinstance(err.value, NeedsOCRError)
    line = err.value.one_line()
    assert "\n" not in line and line.startswith(f"{scan}: page 1: ocr_unavailable: ") and "apt-get install" in line
    with pytest.raises(OCRUnavailableError):
        extract(SAMPLES / "sample03.pdf", ocr="always")  # asked for, cannot run: an error, not a guess
    report = extract(SAMPLES / "sample03.pdf")  # born digital: no OCR needed, none missed
    assert report.records and not [w for w in report.warnings if w.code.startswith("ocr")]


def test_bad_ocr_mode_is_a_usage_error() -> None:
    from click.testing import CliRunner
    from ita_extract.cli import cli

    result = CliRunner().invoke(cli, ["extract", "--ocr", "sometimes", str(SAMPLES / "sample03.pdf")])
    assert result.exit_code == 2 and "--ocr" in result.output
    with pytest.raises(ValueError, match="ocr must be one of"):
        extract(SAMPLES / "sample03.pdf", ocr="sometimes")


# ---------------------------------------------------------------- OCR end to end (Tesseract)


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Scanned copies of the samples scored here, made once per session."""
    folder = tmp_path_factory.mktemp("scans")
    names = OCR_SAMPLES if ALL else list(DEFAULT_SAMPLES)
    for name in names:
        scan_pdf(SAMPLES / f"{name}.pdf", folder / f"{name}.pdf")
    return folder


@pytest.fixture(scope="session")
def ocr_run(scans: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CLI run over the scans, two workers (one Tesseract each), as a user would run it."""
    out = tmp_path_factory.mktemp("ocr-out")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "ita-extract"), "extract", str(scans), "-o", str(out), "-q",
         "--workers", "2", "--timeout", "0"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def _score(truth: Path, out: Path) -> tuple[str, float, float, float]:
    """The scorer's last line, and its overall, strict text and records F1."""
    done = subprocess.run([sys.executable, str(SCORE), str(truth), str(out)], capture_output=True, text=True, check=True)
    summary = done.stdout.strip().splitlines()[-1]
    values = [float(re.search(rf"{k}=([0-9.]+)", summary).group(1)) for k in ("overall", "strict_text", "records_f1")]
    return summary, *values


@needs_tesseract
def test_scanned_samples_score_like_their_born_digital_originals(scans: Path, ocr_run: Path, tmp_path: Path) -> None:
    truth = tmp_path / "truth"
    truth.mkdir()
    for pdf in scans.glob("*.pdf"):
        (truth / f"{pdf.stem}.json").write_bytes((SAMPLES / f"{pdf.stem}.json").read_bytes())
    summary, overall, _, records_f1 = _score(truth, ocr_run)
    print(summary)
    assert overall >= SCORE_MIN and records_f1 >= RECORDS_F1_MIN, summary


@needs_tesseract
@pytest.mark.skipif(not ALL or shutil.which("soffice") is None, reason="held-out scans: ITA_OCR_ALL=1, needs soffice")
@pytest.mark.parametrize(("options", "least"), [((), HELDOUT_MIN), (("--fy2567",), FY2567_SCANS_MIN)],
                         ids=["heldout", "fy2567"])
def test_heldout_scans_score_as_measured(options: tuple[str, ...], least: tuple[float, float], tmp_path: Path) -> None:
    """Issue 16's held-out scans (documents and scan settings OCR was not tuned on) and scans of
    FY2567-template reports made the same way: a guard at the measured scores, not the issue's
    bar of 0.90 overall and 0.60 strict text, which OCR does not reach yet (docs/BENCHMARKS.md)."""
    make = [sys.executable, str(Path(__file__).parent / "scans" / "make_heldout.py"), str(tmp_path), *options]
    subprocess.run(make, check=True, capture_output=True)
    out = tmp_path / "out"
    cli = [str(Path(sys.executable).parent / "ita-extract"), "extract", str(tmp_path / "scans"), "-o", str(out)]
    subprocess.run([*cli, "-q", "--workers", "2", "--timeout", "0"], capture_output=True, check=False)
    summary, overall, strict_text, _ = _score(tmp_path / "truth", out)
    print(summary)
    assert overall >= least[0] and strict_text >= least[1], summary


@needs_tesseract
def test_ocr_pages_say_how_they_were_read(ocr_run: Path) -> None:
    report = json.loads((ocr_run / "sample05.json").read_text(encoding="utf-8"))
    pages = report["source"]["pages"]
    used = [w for w in report["warnings"] if w["code"] == "ocr_used"]
    assert [w["page"] for w in used] == list(range(1, pages + 1))
    assert all(re.search(r"mean word confidence \d+%", w["message"]) for w in used)
    assert {w["page"] for w in report["warnings"] if w["code"] == "text_source_ocr"} == set(range(1, pages + 1))
    assert report["records"] and report["document"]["fiscal_year"] == 2566


@needs_tesseract
@pytest.mark.skipif(not REAL.is_dir(), reason=f"real corpus not found at {REAL}")
@pytest.mark.parametrize(
    ("name", "scanned"),
    [
        ("hangdong_prspend_scanned-canon.pdf", [1, 2, 3]),  # Latin junk over the scans
        ("ktltc_o20-1_scanned-with-garbage-ocr-layer.pdf", [1, 2, 3]),
        ("phichai-hosp_moit1-2-68_scanned-canon.pdf", [1, 2, 3, 4]),  # no text layer at all
        ("ktltc_o11_annual-report_scanned.pdf", [1, 2, 3, 4, 5]),
        ("ktltc_ITA2568-result-letter_image.pdf", [1, 2, 3, 4, 5]),  # page images, a stamp's text
        ("phichai-hosp_moit2-5_ethics-code_acrobat-pua.pdf", [6]),  # one scanned page among text pages
    ],
)
def test_real_scans_are_read_without_failing(name: str, scanned: list[int], tmp_path: Path) -> None:
    """The six real files without a (usable) text layer on some page are read without failing,
    and every page read by OCR says so (``text_source_ocr`` with the reason, ``ocr_used`` with
    Tesseract's confidence). They are not measures tables: warnings and Thai text are enough.
    By default only the first scanned page is read; ``ITA_OCR_ALL=1`` reads them all. The first
    scanned page of each holds Thai text; a later page may be photographs (ktltc_o11's page 5,
    read at 59 %), and a page read that poorly must say so (``ocr_low_confidence``)."""
    pdf, pages = REAL / name, scanned
    if not ALL:
        import pypdfium2 as pdfium

        src = pdfium.PdfDocument(str(pdf))
        one = pdfium.PdfDocument.new()
        one.import_pages(src, [scanned[0] - 1])
        one.save(str(tmp_path / name))
        src.close()
        pdf, pages = tmp_path / name, [1]
    report = extract(pdf)
    for code in ("ocr_used", "text_source_ocr"):
        assert sorted(w.page for w in report.warnings if w.code == code) == pages, code
    used = [w.message for w in report.warnings if w.code == "ocr_used"]
    confidences = [int(re.search(r"confidence (\d+)%", m).group(1)) for m in used]
    assert confidences[0] >= 60  # Thai text was read, not noise
    low = {w.page for w in report.warnings if w.code == "ocr_low_confidence" and "is low" in w.message}
    assert {p for p, c in zip(pages, confidences) if c < OCR_DEFAULT.low_page_confidence} <= low


def test_blank_pages_are_not_sent_to_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with nothing drawn has nothing to read: no OCR time is spent on it."""
    import pypdfium2 as pdfium
    from ita_extract.extract.page.ocr import reader as ocr

    pdf = pdfium.PdfDocument.new()
    for _ in range(3):
        pdf.new_page(595, 842)
    path = tmp_path / "blank.pdf"
    pdf.save(str(path))
    pdf.close()
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: None)  # as if Tesseract were installed

    def no_ocr(*args: object, **kwargs: object) -> None:
        raise AssertionError("a blank page was sent to OCR")

    monkeypatch.setattr(ocr, "read_image", no_ocr)
    with pytest.raises(NeedsOCRError):
        extract(path, ocr="auto")
