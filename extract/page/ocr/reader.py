"""OCR for scanned pages: the page image read by Tesseract, handed on as an ordinary Page.

The table engine reads characters with boxes and ruling lines; it does not care where
they came from. So a page whose text layer is missing or unusable (see ``scan``) is
rendered by pypdfium2 at 300 dpi, deskewed, its ruling lines found by morphology (and
erased, so Tesseract does not read them as letters), and read by Tesseract's Thai model
(``tesseract``). Tesseract's words are fitted to their ink, digits it cannot output are
read again by their shapes (``mend``), lost marks and misread codes are mended
(``lines``), and the words become ``Char`` entries sitting on the line's baseline, the
ruling lines ``Rule`` entries: the page goes through the same engine as a born-digital one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any

import numpy as np
from PIL import Image

from ...errors import Notice, TimeoutExceededError
from ..guard import close_pdfium, open_pdfium, pdfium_lock, render_page
from ..page import Char, Page, Rule
from .budget import page_started
from .lines import drop_specks, fit_to_ink, line_chars, line_ems, mend_codes, restore_lines, shared_baselines
from .lone import lone_digits
from .mend import mend_digits
from .reread import reread_latin
from .scan import (
    Band,
    binarise,
    edges_of,
    ink_level,
    lightened,
    ruling_lines,
    shaded_bands,
    skew_angle,
    to_gray,
    unusable_text_layer,
)
from .settings import DEFAULT, OcrSettings
from .tesseract import OcrLine, parse_hocr, require_tesseract, run_tesseract, tesseract_problem

OCR_MODES = ("auto", "always", "never")


@dataclass
class OcrPage(Page):
    """A Page read by OCR, with what was read uncertainly (for record-level warnings)."""

    confidence: float = 0.0
    low_confidence_words: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PageImage:
    """A rendered, deskewed page and what was measured on it."""

    gray: np.ndarray
    ink: np.ndarray
    skew: float
    scale: float
    bands: list[Band]  # its shaded bands (``scan.shaded_bands``)


def prepare(image: Image.Image, dpi: float, s: OcrSettings = DEFAULT) -> PageImage:
    """Grey, level page image: skew measured on the binarised page, then rotated away; its shaded bands.

    Ink inside a shaded band is taken from the band lightened as Tesseract will see it (``lightened``),
    at the page's own ink level: a grey fill's noise, binarised as it was, joined a bold header's letters
    into runs the rule finder took for rules, and erasing them struck the header's words through
    (Pridi Bold on a mid-grey fill, judge set 11's syn09309: no header word read, no record found)."""
    gray = to_gray(image)
    angle = skew_angle(binarise(gray, s), s)
    if abs(angle) >= s.min_deskew_deg:
        gray = to_gray(Image.fromarray(gray).rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255))
    bands = shaded_bands(gray, dpi, s)
    return PageImage(gray, binarise(lightened(gray, bands), s, ink_level(gray, s)), angle, dpi / 72, bands)


def page_rules(img: PageImage, s: OcrSettings = DEFAULT) -> tuple[list[Rule], np.ndarray]:
    """Ruling lines in PDF points, and their pixel mask."""
    found, mask = ruling_lines(img.ink, img.scale * 72, s)
    found = found + edges_of(img.bands)  # a shaded header's lower edge is its rule
    k = img.scale
    return [Rule(seg.orientation, seg.pos / k, seg.start / k, seg.end / k) for seg in found], mask


def without_rules(gray: np.ndarray, mask: np.ndarray, bands: Sequence[Band] = ()) -> Image.Image:
    """The page with its ruling lines painted white, Tesseract reads lines as letters (| l _ ๅ); and its
    shaded bands (``scan.shaded_bands``) lightened so their fill is paper: on a noisy scan Tesseract
    takes a textured grey band for a picture and reads none of its text (judge set 9's syn09104, TH
    Mali Grade 6: both score tables' shaded headers unread, so neither table was found and its 101
    printed scores were lost). Each grey is divided by the band's fill (flat-field correction), so a
    letter keeps its soft edges: cutting the fill off at a grey level thinned the letters on it and
    a header word was misread ("ผู้รับผิดชอบ", fresh scan syn00330)."""
    clean = gray.copy()
    clean[mask] = 255
    return Image.fromarray(lightened(clean, bands))


def read_lines(
    img: PageImage, mask: np.ndarray, dpi: float, s: OcrSettings = DEFAULT
) -> tuple[list[OcrLine], list[float]]:
    """Tesseract's lines of a prepared page with each mending step applied in turn, and
    each line's font size in pixels (measured before codes join words)."""
    ink = img.ink & ~mask
    image = without_rules(img.gray, mask, img.bands)
    lines = drop_specks(parse_hocr(run_tesseract(image, round(dpi), s)), s)
    lines = reread_latin(lines, image, round(dpi), s)
    lines, face = mend_digits(fit_to_ink(lines, ink), ink, s)
    lines = lone_digits(lines, ink, s, face)
    lines = shared_baselines(restore_lines(lines, s), s)
    ems = line_ems(lines, s)
    return [mend_codes(line, em, s) for line, em in zip(lines, ems)], ems


def read_image(
    image: Image.Image, number: int, width: float, height: float, dpi: float, s: OcrSettings = DEFAULT
) -> OcrPage:
    """One page image → an OcrPage with characters, rules, confidence and warnings."""
    img = prepare(image, dpi, s)
    rules, mask = page_rules(img, s)
    lines, ems = read_lines(img, mask, dpi, s)
    chars: list[Char] = [c for line, em in zip(lines, ems) for c in line_chars(line, img.scale, em, s)]
    words = [w for line in lines for w in line.words]
    conf = fmean(w.conf for w in words) if words else 0.0
    low = [w.text for w in words if w.conf < s.low_confidence and len(w.text) > 1]
    tilt = f", deskewed {img.skew:+.2f}°" if img.skew else ""
    how = f"Tesseract {s.lang}, {dpi:.0f} dpi{tilt}"
    notes = [Notice("ocr_used", f"page read by OCR ({how}); mean word confidence {conf:.0f}%", number)]
    if words and conf < s.low_page_confidence:
        low_note = f"OCR mean word confidence {conf:.0f}% is low: check this page's text"
        notes.append(Notice("ocr_low_confidence", low_note, number))
    return OcrPage(
        number,
        width,
        height,
        chars,
        rules,
        width * height,
        "tesseract",
        notes,
        confidence=conf,
        low_confidence_words=low,
    )


# Pages of a document ----------------------------------------------------------------------


def _text_of(page: Page) -> str:
    return "".join(c.text for c in page.chars)


def _blank(page: Page, code: str, message: str) -> Page:
    """The page with its text layer dropped (it is unusable), saying why."""
    notes = [*page.warnings, Notice(code, message, page.number)]
    return Page(
        page.number, page.width, page.height, [], page.rules, page.image_area, page.text_source, notes
    )


def ocr_reason(page: Page, mode: str, s: OcrSettings = DEFAULT) -> str | None:
    """Why this page is to be read by OCR under ``mode``, or None."""
    if mode == "always":
        return "OCR asked for every page"
    fraction = min(1.0, page.image_area / (page.width * page.height)) if page.width and page.height else 0.0
    return unusable_text_layer(_text_of(page), fraction, s)


def _blank_page(doc: Any, index: int, s: OcrSettings) -> bool:
    """Nothing drawn on the page: a thumbnail (about 18 dpi) has no dark pixel.

    Blank pages (separators, padding, a 2,000-page blank file) have no text either, and
    Tesseract would spend seconds on each; a thumbnail takes milliseconds.
    """
    thumb = np.asarray(render_page(doc, index, scale=s.blank_thumb_scale), dtype=np.uint8)
    return bool(thumb.size) and int(thumb.min()) > s.blank_thumb_paper


def _ocr_page(doc: Any, page: Page, reason: str, s: OcrSettings) -> Page:
    """The page read by OCR (or passed on as it is when nothing is drawn on it)."""
    if _blank_page(doc, page.number - 1, s):
        return page  # nothing drawn: nothing to read, and no seconds spent finding that out
    page_started()  # a batch worker gives the file more time for it
    scale = min(s.dpi / 72, s.max_side / max(page.width, page.height, 1.0))
    image = render_page(doc, page.number - 1, scale=scale)
    ocr_page = read_image(image, page.number, page.width, page.height, scale * 72, s)
    ocr_page.warnings.insert(0, Notice("text_source_ocr", f"{reason}: page read by OCR", page.number))
    return ocr_page


def _out_of_time(page: Page) -> Page:
    """The page the time limit ran out on, unread, saying so (the pages before it are kept)."""
    message = (
        f"the time limit ran out while page {page.number} was read by OCR: it and the pages after it "
        "were not read; the pages before it are kept"
    )
    return _blank(page, "ocr_time_limit", message)


def _not_reached(doc: Any, stopped: int) -> Iterator[Page]:
    """The pages after the one the time limit ran out on, unread and saying so: sized by
    pdfium, not parsed (the time is up)."""
    for number in range(stopped + 1, len(doc) + 1):
        with pdfium_lock():  # pdfium is not thread-safe (page.guard)
            width, height = doc[number - 1].get_size()
        message = f"page not read: the time limit ran out while page {stopped} was read by OCR"
        yield Page(number, width, height, [], [], 0.0, "none", [Notice("ocr_time_limit", message, number)])


def with_ocr(
    pages: Iterable[Page], path: Path, mode: str = "auto", s: OcrSettings = DEFAULT
) -> Iterator[Page]:
    """The document's pages, those without a usable text layer replaced by their OCR reading.

    ``never``: such pages are passed on without text (a junk layer is dropped), so a
    wholly scanned file still fails with ``needs_ocr``. ``auto`` with Tesseract missing
    does the same, with an ``ocr_unavailable`` warning per page; ``always`` then raises.
    When the file's time limit (the batch's alarm) runs out during OCR, the pages already
    read are kept: the page is passed on unread with an ``ocr_time_limit`` warning and the
    document ends there, instead of the whole file being lost.
    """
    if mode not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {mode!r}")
    doc, kept = None, False
    try:
        for page in pages:
            reason = ocr_reason(page, mode, s)
            if reason is None or mode == "never" or tesseract_problem() is not None:
                out = _not_read(page, reason, mode, path)
            else:
                if doc is None:
                    doc = open_pdfium(path)  # streams checked, under the process-wide pdfium lock
                try:
                    out = _ocr_page(doc, page, reason, s)
                except TimeoutExceededError:
                    if not kept:
                        raise  # nothing read yet: nothing to keep, the file fails with ``timeout``
                    yield _out_of_time(page)
                    yield from _not_reached(doc, page.number)
                    return
            yield out
            kept = kept or out.has_text
    finally:
        if doc is not None:
            close_pdfium(doc)


def _not_read(page: Page, reason: str | None, mode: str, path: Path) -> Page:
    """A page OCR does not read: it needs none, OCR is off, or Tesseract is missing."""
    if reason is None:
        return page
    if mode == "never":
        return _blank(page, "text_layer_unusable", f"{reason}; OCR is off") if page.has_text else page
    problem = tesseract_problem()
    if mode == "always":
        require_tesseract(str(path), page.number)
    return _blank(page, "ocr_unavailable", f"page not read: {reason}; {problem}")
