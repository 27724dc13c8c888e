"""OCR for scanned pages: the page image read by Tesseract, handed on as an ordinary Page.

The table engine reads characters with boxes and ruling lines; it does not care where
they came from. So a page whose text layer is missing or unusable (see ``scan``) is
rendered by pypdfium2 at 300 dpi, deskewed, its ruling lines found by morphology (and
erased, so Tesseract does not read them as letters), and read by Tesseract's Thai model.
Tesseract's word boxes become ``Char`` entries sitting on the line's baseline, its ruling
lines ``Rule`` entries, and the page goes through the same engine as a born-digital one.

Tesseract runs as a subprocess (no Python binding needed): ``tesseract-ocr`` and
``tesseract-ocr-tha`` from Debian. One OpenMP thread per call: on a small machine
Tesseract's threads are slower than one, and the batch already runs one worker per core.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import fmean
from typing import Any

import numpy as np
from PIL import Image

from ...errors import Notice, OCRFailedError, OCRUnavailableError
from ..guard import close_pdfium, open_pdfium, render_page
from ..page import Char, Page, Rule
from .digits import (
    MARKS,
    THAI_DIGITS,
    candidate,
    digit_span,
    letter_height,
    reading,
    widen,
    with_tesseract,
    worth_reading,
)
from .scan import binarise, ruling_lines, shaded_edges, skew_angle, to_gray, unusable_text_layer
from .words import is_stray, mend_code, restore_marks

OCR_MODES = ("auto", "always", "never")
DPI = 300
MAX_SIDE = 4200  # pixels: a page larger than A4 is rendered at less than DPI (memory, time)
LANG = "tha+eng"  # eng beside tha: indicator codes (E1, O11) and tool names (EIT) are Latin
# Sparse text: every word Tesseract can find, in no particular order. The table engine
# needs word boxes, not Tesseract's reading order, and the full page analysis (psm 3)
# drops whole cells of ruled tables. Over the eight scanned samples: overall 0.803 and
# records F1 0.962 against 0.759 and 0.893 with psm 3.
PSM = 11
MEND_DIGITS = True  # Thai digits the Thai model has no letter for, read by their shapes (thai_digits)
SLIVER_WORD = 0.15  # letter heights: a word this narrow beside re-read digits is a speck
DIGIT_RUN_GAP = 1.0  # letter heights: words closer than this are read together as one digit group
RESTORE_MARKS = True  # dictionary restoration of lost tone marks (ocr_text)
SPECK_HEIGHT = 0.5  # lines lower than this fraction of the page's usual line height are noise
NOISE_CONFIDENCE = 30  # Tesseract reads real letters (even misread ones) at ~40 or more; below, noise
LOW_CONFIDENCE = 60  # a word Tesseract is less sure of than this (0–100) is flagged
LOW_PAGE_CONFIDENCE = 75  # a page whose mean word confidence is below this is flagged
EM_PER_LINE = 1.4  # Tesseract's x_size (the line's full height) over the font size, for Thai
SPACE_GAP = 0.45  # em: a narrower gap between two OCR words is never a space
SPACE_GAP_THAI = 0.6  # em, between two Thai letters: Thai puts spaces between phrases, and they are wide
SPACE_WIDTH = 0.25  # em: the width given to a space character
SPACE_OVER_GAP = 2.5  # nor is one less than this many times the line's usual gap between letters
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-tha"
LINE_CLASSES = {"ocr_line", "ocr_caption", "ocr_textfloat", "ocr_header"}


@dataclass
class OcrWord:
    """One Tesseract word (for Thai, often a syllable or a letter) in image pixels."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    conf: float


@dataclass
class OcrLine:
    """A Tesseract text line: its words, the baseline through them and its height."""

    words: list[OcrWord]
    x0: float
    bottom: float
    slope: float
    offset: float
    height: float

    def baseline_at(self, x: float) -> float:
        return self.bottom + self.offset + self.slope * (x - self.x0)


@dataclass
class OcrPage(Page):
    """A Page read by OCR, with what was read uncertainly (for record-level warnings)."""

    confidence: float = 0.0
    low_confidence_words: list[str] = field(default_factory=list)


# Tesseract --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def tesseract_problem() -> str | None:
    """Why OCR cannot run here (no tesseract, no Thai model), or None when it can."""
    exe = shutil.which("tesseract")
    if exe is None:
        return f"Tesseract is not installed ({INSTALL_HINT})"
    try:
        listed = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as err:
        return f"Tesseract does not run ({err}; {INSTALL_HINT})"
    langs = set((listed.stdout + listed.stderr).split())
    if "tha" not in langs:
        return f"Tesseract's Thai model is not installed ({INSTALL_HINT})"
    return None


def require_tesseract(file: str | None = None, page: int | None = None) -> None:
    """Raise :class:`OCRUnavailableError` with an install hint when OCR cannot run."""
    problem = tesseract_problem()
    if problem is not None:
        raise OCRUnavailableError(f"OCR needed but unavailable: {problem}", file=file, page=page)


def run_tesseract(image: Image.Image, dpi: int = DPI, lang: str | None = None, psm: int | None = None) -> str:
    """Tesseract's hOCR for one image: lines, word boxes, baselines, confidences."""
    lang, psm = lang or LANG, psm or PSM
    exe = shutil.which("tesseract")
    if exe is None:
        raise OCRUnavailableError(f"Tesseract is not installed ({INSTALL_HINT})")
    buf = io.BytesIO()
    image.save(buf, format="PPM")  # uncompressed PGM: PNG's compression costs a second a page
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        [exe, "stdin", "stdout", "-l", lang, "--dpi", str(dpi), "--psm", str(psm), "-c", "tessedit_do_invert=0", "hocr"],
        input=buf.getvalue(), capture_output=True, env=env, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OCRFailedError(f"Tesseract failed: {message[-1] if message else done.returncode}")
    return done.stdout.decode("utf-8")


# hOCR → lines and words -------------------------------------------------------------------

_TITLE_FIELD = re.compile(r"(\w+)\s+([^;]+)")


def _title(el: ET.Element) -> dict[str, list[float]]:
    """hOCR's title attribute: ``bbox 1 2 3 4; x_wconf 93`` → {"bbox": [...], "x_wconf": [93]}."""
    out: dict[str, list[float]] = {}
    for key, value in _TITLE_FIELD.findall(el.get("title", "")):
        try:
            out[key] = [float(v) for v in value.split()]
        except ValueError:
            continue  # image "file name" and the like
    return out


def parse_hocr(hocr: str) -> list[OcrLine]:
    """Text lines with their words' boxes and confidences, in Tesseract's reading order."""
    root = ET.fromstring(hocr.encode("utf-8"))
    lines: list[OcrLine] = []
    for el in root.iter():
        if el.get("class") not in LINE_CLASSES:
            continue
        t = _title(el)
        if "bbox" not in t:
            continue
        x0, _, _, y1 = t["bbox"]
        slope, offset = (t.get("baseline") or [0.0, 0.0])[:2]
        height = (t.get("x_size") or [y1 - t["bbox"][1]])[0]
        words = []
        for w in el.iter():
            if w.get("class") != "ocrx_word":
                continue
            text = "".join(w.itertext()).strip()
            wt = _title(w)
            if text and "bbox" in wt:
                bx0, by0, bx1, by1 = wt["bbox"]
                words.append(OcrWord(text, bx0, bx1, by0, by1, (wt.get("x_wconf") or [0.0])[0]))
        if words:
            lines.append(OcrLine(words, x0, y1, slope, offset, height))
    return lines


def fit_to_ink(lines: list[OcrLine], ink: np.ndarray) -> None:
    """Trim each word's box sideways to the ink inside it.

    Tesseract's boxes for Thai letters are loose and run into the white gutter between
    table columns; the engine finds unruled columns by those gutters.
    """
    height, width = ink.shape
    for line in lines:
        for w in line.words:
            x0, x1 = max(0, int(w.x0)), min(width, int(np.ceil(w.x1)))
            y0, y1 = max(0, int(w.top)), min(height, int(np.ceil(w.bottom)))
            if x1 <= x0 or y1 <= y0:
                continue
            cols = np.flatnonzero(ink[y0:y1, x0:x1].any(axis=0))
            if cols.size:
                w.x0, w.x1 = float(x0 + cols[0]), float(x0 + cols[-1] + 1)


def drop_specks(lines: list[OcrLine]) -> list[OcrLine]:
    """Lines far smaller than the page's text are specks, stamps' dots or marks drawn off their letters.

    Tesseract reads them as letters ("ฆข", "๑7") on lines of their own, which then look
    like table cells to the engine. Real small print (footnotes) is well over half size.
    """
    heights = sorted(ln.height for ln in lines if len(ln.words) >= 5)
    if not heights:
        return lines
    usual = heights[len(heights) // 2]
    return [ln for ln in lines if ln.height >= SPECK_HEIGHT * usual]


def mend_digits(lines: list[OcrLine], ink: np.ndarray) -> None:
    """Words that may be Thai digits Tesseract cannot output, read again by their shapes
    (``thai_digits``): ``๒ ๕ ๒ ๒`` → ``๒๕๖๖``, ``@)`` → ``๓)``.

    A run of neighbouring words with no Thai letter is read as one band (Tesseract splits
    and clips what it cannot name), widened to the ink its ends cut through but never into
    the words beside it; the surely read stretch holding a digit replaces the words it
    covers, a word per glyph whose confidence is its template match's.
    """
    page_height = letter_height(ink, [w for line in lines for w in line.words])
    for line in lines:
        height = letter_height(ink, line.words) or page_height
        if not height:
            continue
        words, out, k = line.words, [], 0
        while k < len(words):
            if not candidate(words[k].text):
                out.append(words[k])
                k += 1
                continue
            j = k + 1
            while (
                j < len(words)
                and candidate(words[j].text)
                and words[j].x0 - words[j - 1].x1 < DIGIT_RUN_GAP * height
            ):
                j += 1
            while k < j and _marks_only(words[k].text):  # a mark at a run's end belongs to the letter beside it
                out.append(words[k])
                k += 1
            while j > k and _marks_only(words[j - 1].text):
                j -= 1
            if k == j:
                continue
            run = words[k:j]
            if not worth_reading([w.text for w in run]):
                out.extend(run)
                k = j
                continue
            left = words[k - 1].x1 if k else 0.0
            right = words[j].x0 if j < len(words) else float(ink.shape[1])
            base = line.baseline_at((run[0].x0 + run[-1].x1) / 2)
            a, b = widen(ink, run[0].x0, run[-1].x1, base, height)
            said_digits = any(ch in THAI_DIGITS for w in run for ch in w.text)
            glyphs = reading(ink, max(a, left), min(b, right), base, height, said_digits)
            glyphs = with_tesseract(glyphs, [(w.text, w.x0, w.x1) for w in run])
            # a speck read as nothing sure is not a glyph: it must not part a code from its digits
            glyphs = [g for g in glyphs if g.sure or g.x1 - g.x0 >= SLIVER_WORD * height]
            span = digit_span(glyphs)
            if span is None:
                out.extend(run)
            else:
                read = glyphs[span[0] : span[1]]
                x0, x1 = read[0].x0, read[-1].x1
                inside = [w for w in run if w.x1 > x0 and w.x0 < x1]  # Tesseract's reading of the same ink
                top = min((w.top for w in inside), default=base - height)
                bottom = max((w.bottom for w in inside), default=base)
                # Tesseract's words beside the digits stay, unless they are slivers of ink (a
                # "๑" one pixel wide), which the band has read as part of a glyph or as nothing
                out.extend([w for w in run if w.x1 <= x0 and w.x1 - w.x0 >= SLIVER_WORD * height])
                # a word per glyph, so that spaces are judged by the gaps as anywhere else
                out.extend(OcrWord(g.label, g.x0, g.x1, top, bottom, 100.0 * max(0.0, 1.0 - g.dist)) for g in read)
                out.extend([w for w in run if w.x0 >= x1 and w.x1 - w.x0 >= SLIVER_WORD * height])
            k = j
        line.words = out


def _marks_only(text: str) -> bool:
    return all(ch in MARKS for ch in text)


def restore_line(line: OcrLine) -> None:
    """Drop specks (read as punctuation, or barely read at all) and put back lost tone marks (``ocr_text``).

    A word left empty (a lone mark whose letter took it, a speck) gives its box to the
    word before it, so the gap it covered does not turn into a space.
    """
    texts = restore_marks(
        ["" if is_stray(w.text) or w.conf < NOISE_CONFIDENCE else w.text for w in line.words]
    )
    kept: list[OcrWord] = []
    for w, text in zip(line.words, texts):
        if text:
            w.text = text
            kept.append(w)
        elif kept and not is_stray(w.text) and w.conf >= NOISE_CONFIDENCE:
            kept[-1].x1 = max(kept[-1].x1, w.x1)
    line.words = kept


def mend_codes(line: OcrLine, em: float) -> None:
    """Indicator codes misread at the start of a cell (see ``ocr_text.mend_code``), mended.

    A cell starts at the line's start or after a gap wider than an em; the token is the
    words up to the next space-wide gap, and text follows it if a Thai word comes within an em.
    """
    words = line.words
    i = 0
    while i < len(words):
        if i == 0 or words[i].x0 - words[i - 1].x1 > em:
            j = i + 1
            while j < len(words) and words[j].x0 - words[j - 1].x1 <= SPACE_GAP * em:
                j += 1
            text_follows = (
                j < len(words) and words[j].x0 - words[j - 1].x1 <= em and _thai_letter(words[j].text[0])
            )
            code = mend_code("".join(w.text for w in words[i:j]), text_follows)
            if code is None and j - i == 1 and j < len(words) and words[j].x0 - words[j - 1].x1 <= em:
                # a code letter read apart from its digits ("อ ๑๖" for O๑๖: O is wide, its box loose)
                k = j + 1
                while k < len(words) and words[k].x0 - words[k - 1].x1 <= SPACE_GAP * em:
                    k += 1
                digits = "".join(w.text for w in words[j:k])
                if 1 <= len(digits) <= 2 and all(ch in THAI_DIGITS for ch in digits):
                    code = mend_code(words[i].text + digits)
                    j = k if code is not None else j
            if code is not None:
                words[i].text, words[i].x1 = code, words[j - 1].x1
                del words[i + 1 : j]
        i += 1


def line_chars(line: OcrLine, scale: float, em: float) -> list[Char]:
    """Chars for one OCR line in PDF points, each word standing on the line's baseline.

    Word boxes of Thai text differ in height (upper and lower marks) while the baseline
    is shared, and the table engine groups lines by box bottoms: the baseline keeps one
    line one line. Tesseract's Thai "words" are syllables with small gaps between them,
    which the engine's own gap rule would take for spaces: a gap wider than ``SPACE_GAP``
    em (``em`` is in pixels) and than the line's usual gap gets a space character (as wide
    as a space: the gap may be a column gutter), every narrower one is closed.
    """
    size = em / scale
    usual = SPACE_OVER_GAP * _median_gap(line)
    out: list[Char] = []
    base = -1  # index in out of the last character that is not a combining mark
    right = 0.0  # right edge of the ink so far on this line (a mark may stick out of its base)
    for w in line.words:
        bottom = line.baseline_at((w.x0 + w.x1) / 2) / scale
        if base >= 0:
            gap = w.x0 - right
            thai = _thai_letter(out[-1].text[-1]) and _thai_letter(w.text[0])
            if gap > max(
                (SPACE_GAP_THAI if thai else SPACE_GAP) * em, usual
            ):  # a space glyph's width, not the gap's: a wide gap may be a column gutter
                out.append(
                    Char(
                        " ",
                        right / scale,
                        min(w.x0, right + SPACE_WIDTH * em) / scale,
                        bottom - size,
                        bottom,
                        size,
                    )
                )
            else:  # close it, up to the marks sticking out of the base
                out[base].x1 = max(out[base].x1, w.x0 / scale)
        char = Char(w.text, w.x0 / scale, w.x1 / scale, bottom - size, bottom, size)
        if not char.is_mark:
            base = len(out)
        out.append(char)
        right = max(right, w.x1)
    return out


def _thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


def _median_gap(line: OcrLine) -> float:
    """The usual gap between a line's letters: most gaps in Thai text are inside words."""
    gaps = sorted(b.x0 - a.x1 for a, b in zip(line.words, line.words[1:]) if b.x0 > a.x1)
    return gaps[(len(gaps) - 1) // 2] if len(gaps) >= 4 else 0.0  # a few words say nothing usual


def line_ems(lines: list[OcrLine]) -> list[float]:
    """Each line's font size in pixels: its own height, kept near the page's usual line height.

    A line of a few short words gets a poor height estimate from Tesseract (no ascenders
    seen, or a stray mark): the page median bounds it.
    """
    heights = sorted(ln.height for ln in lines if len(ln.words) >= 5) or sorted(ln.height for ln in lines)
    if not heights:
        return []
    usual = heights[len(heights) // 2]
    return [min(max(ln.height, 0.8 * usual), 1.3 * usual) / EM_PER_LINE for ln in lines]


# Page images ------------------------------------------------------------------------------


@dataclass
class PageImage:
    """A rendered, deskewed page and what was measured on it."""

    gray: np.ndarray
    ink: np.ndarray
    skew: float
    scale: float


def prepare(image: Image.Image, dpi: float = DPI) -> PageImage:
    """Grey, level page image: skew measured on the binarised page, then rotated away."""
    gray = to_gray(image)
    angle = skew_angle(binarise(gray))
    if abs(angle) >= 0.1:  # less is within the measurement's step: not worth a resampling
        gray = to_gray(Image.fromarray(gray).rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255))
    return PageImage(gray, binarise(gray), angle, dpi / 72)


def page_rules(img: PageImage) -> tuple[list[Rule], np.ndarray]:
    """Ruling lines in PDF points, and their pixel mask."""
    found, mask = ruling_lines(img.ink, img.scale * 72)
    found = found + shaded_edges(img.gray, img.scale * 72)  # a shaded header's lower edge is its rule
    s = img.scale
    return [Rule(seg.orientation, seg.pos / s, seg.start / s, seg.end / s) for seg in found], mask


def without_rules(gray: np.ndarray, mask: np.ndarray) -> Image.Image:
    """The page with its ruling lines painted white: Tesseract reads lines as letters (| l _ ๅ)."""
    clean = gray.copy()
    clean[mask] = 255
    return Image.fromarray(clean)


def read_image(image: Image.Image, number: int, width: float, height: float, dpi: float = DPI) -> OcrPage:
    """One page image → an OcrPage with characters, rules, confidence and warnings."""
    img = prepare(image, dpi)
    rules, mask = page_rules(img)
    lines = drop_specks(parse_hocr(run_tesseract(without_rules(img.gray, mask), round(dpi))))
    fit_to_ink(lines, img.ink & ~mask)
    if MEND_DIGITS:
        mend_digits(lines, img.ink & ~mask)
    if RESTORE_MARKS:
        for line in lines:
            restore_line(line)
    ems = line_ems(lines)
    for line, em in zip(lines, ems):
        mend_codes(line, em)
    chars = [c for line, em in zip(lines, ems) for c in line_chars(line, img.scale, em)]
    words = [w for line in lines for w in line.words]
    conf = fmean(w.conf for w in words) if words else 0.0
    low = [w.text for w in words if w.conf < LOW_CONFIDENCE and len(w.text) > 1]
    page = OcrPage(number, width, height, chars, rules, width * height, "tesseract", [],
                   confidence=conf, low_confidence_words=low)  # fmt: skip
    tilt = f", deskewed {img.skew:+.2f}°" if img.skew else ""
    page.warnings.append(
        Notice("ocr_used", f"page read by OCR (Tesseract {LANG}, {dpi:.0f} dpi{tilt}); mean word confidence {conf:.0f}%", number)
    )
    if words and conf < LOW_PAGE_CONFIDENCE:
        page.warnings.append(
            Notice("ocr_low_confidence", f"OCR mean word confidence {conf:.0f}% is low: check this page's text", number)
        )
    return page


# Pages of a document ----------------------------------------------------------------------


def _text_of(page: Page) -> str:
    return "".join(c.text for c in page.chars)


def _blank(page: Page, code: str, message: str) -> Page:
    """The page with its text layer dropped (it is unusable), saying why."""
    return Page(page.number, page.width, page.height, [], page.rules, page.image_area, page.text_source,
                [*page.warnings, Notice(code, message, page.number)])  # fmt: skip


def ocr_reason(page: Page, mode: str) -> str | None:
    """Why this page is to be read by OCR under ``mode``, or None."""
    if mode == "always":
        return "OCR asked for every page"
    fraction = min(1.0, page.image_area / (page.width * page.height)) if page.width and page.height else 0.0
    return unusable_text_layer(_text_of(page), fraction)


def _blank_page(doc: Any, index: int) -> bool:
    """Nothing drawn on the page: a thumbnail (about 18 dpi) has no dark pixel.

    Blank pages (separators, padding, a 2,000-page blank file) have no text either, and
    Tesseract would spend seconds on each; a thumbnail takes milliseconds.
    """
    thumb = np.asarray(render_page(doc, index, scale=0.25), dtype=np.uint8)
    return bool(thumb.size) and int(thumb.min()) > 200


def with_ocr(pages: Iterable[Page], path: Path, mode: str = "auto") -> Iterator[Page]:
    """The document's pages, those without a usable text layer replaced by their OCR reading.

    ``never``: such pages are passed on without text (a junk layer is dropped), so a
    wholly scanned file still fails with ``needs_ocr``. ``auto`` with Tesseract missing
    does the same, with an ``ocr_unavailable`` warning per page; ``always`` then raises.
    """
    if mode not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {mode!r}")
    doc = None
    try:
        for page in pages:
            reason = ocr_reason(page, mode)
            if reason is None:
                yield page
            elif mode == "never":
                yield _blank(page, "text_layer_unusable", f"{reason}; OCR is off") if page.has_text else page
            elif (problem := tesseract_problem()) is not None:
                if mode == "always":
                    require_tesseract(str(path), page.number)
                yield _blank(page, "ocr_unavailable", f"page not read: {reason}; {problem}")
            else:
                if doc is None:
                    doc = open_pdfium(path)  # streams checked, under the process-wide pdfium lock
                if _blank_page(doc, page.number - 1):
                    yield page  # nothing drawn: nothing to read, and no seconds spent finding that out
                    continue
                scale = min(DPI / 72, MAX_SIDE / max(page.width, page.height, 1.0))
                image = render_page(doc, page.number - 1, scale=scale)
                ocr_page = read_image(image, page.number, page.width, page.height, scale * 72)
                ocr_page.warnings.insert(0, Notice("text_source_ocr", f"{reason}: page read by OCR", page.number))
                yield ocr_page
    finally:
        if doc is not None:
            close_pdfium(doc)
