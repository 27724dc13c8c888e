"""Digits standing alone on a scanned page that Tesseract's search for text never found.

Tesseract's sparse-text mode (``settings.psm``) finds text as lines of blobs; a single small
glyph alone on its line — the "๒" of a time frame wrapped to "ไตรม | าสที่ | ๒", a row's
number, an item's "๑." at a cell's corner — is often not taken for text at all, and leaves
no word, not even a low-confidence one. So the ink no word's box covers is looked at again:
each patch of it a letter high and at most two digits wide is read by the digit templates
(``digits.reading``), and becomes a word only when every glyph in it is surely a digit (or a
number's dot or bracket after one). Specks, stamps and letters' stray marks match no digit
by the templates' margin and stay out. A lone ring is a zero only with no text right after it,
which a list's bullet always has.
"""

from __future__ import annotations

import numpy as np

from .digits import THAI_DIGITS, letter_height, reading
from .glyphs import POOL
from .scan import true_runs
from .settings import DEFAULT, OcrSettings
from .tesseract import OcrLine, OcrWord

NUMBER_SIGNS = frozenset(".)")  # what may follow a lone number: an item's dot or bracket
DIGITS = THAI_DIGITS | frozenset("0123456789")


def lone_digits(lines: list[OcrLine], ink: np.ndarray, s: OcrSettings = DEFAULT, face: str = POOL) -> list[OcrLine]:
    """``lines`` and a line of its own for each lone number found in the ink no word covers, read
    with the page's face (``faces.page_face``)."""
    height = letter_height(ink, [w for line in lines for w in line.words])
    if height is None:
        return lines
    free = _uncovered(ink, lines, int(s.lone_pad * height))
    found = [line for r0, r1 in true_runs(free.any(axis=1)) for line in _band(ink, free, r0, r1, height, lines, s, face)]
    return lines + found


def _uncovered(ink: np.ndarray, lines: list[OcrLine], pad: int) -> np.ndarray:
    """The ink outside every word's box (each padded by ``pad`` pixels: marks stick out of boxes)."""
    free = ink.copy()
    for line in lines:
        for w in line.words:
            free[max(0, int(w.top) - pad) : int(w.bottom) + pad + 1, max(0, int(w.x0) - pad) : int(w.x1) + pad + 1] = False
    return free


def _band(ink: np.ndarray, free: np.ndarray, r0: int, r1: int, height: float, lines: list[OcrLine],
          s: OcrSettings, face: str) -> list[OcrLine]:
    """The lone numbers in one band of rows holding uncovered ink."""
    if not s.lone_min_height * height <= r1 - r0 <= s.lone_max_height * height:
        return []
    out = []
    for c0, c1 in _patches(free[r0:r1].any(axis=0), int(s.lone_gap * height)):
        patch = free[r0:r1, c0:c1]
        if not s.lone_min_width * height <= c1 - c0 <= s.lone_max_width * height:
            continue
        if patch.sum() < s.lone_min_ink * height * height:
            continue
        rows = np.flatnonzero(patch.any(axis=1))
        top, bottom = r0 + int(rows[0]), r0 + int(rows[-1]) + 1
        text, sure = _read(ink, patch, c0, r0, bottom, height, s, face)
        if sure and _a_number(text, ring=_text_after(lines, c1, top, bottom, height, s)):
            word = OcrWord(text, float(c0), float(c1), float(top), float(bottom), s.lone_confidence)
            out.append(OcrLine((word,), float(c0), float(bottom), 0.0, 0.0, float(bottom - top)))
    return out


def _read(ink: np.ndarray, patch: np.ndarray, c0: int, r0: int, bottom: int, height: float,
          s: OcrSettings, face: str) -> tuple[str, bool]:
    """A patch's text and whether every glyph of it was read surely. Each run of inked columns is
    read on its own (a number's glyphs stand apart); a run no bigger than a dot that sits on the
    baseline is a full stop (too small for the templates, which compare shapes scaled up)."""
    text, sure = "", True
    for a, b in true_runs(patch.any(axis=0)):
        rows = np.flatnonzero(patch[:, a:b].any(axis=1))
        if max(b - a, rows[-1] - rows[0] + 1) <= s.lone_dot * height and bottom - (r0 + rows[-1] + 1) <= s.lone_dot * height:
            text += "."
            continue
        reads = reading(ink, c0 + a, c0 + b, bottom, height, True, s, face)
        text += "".join(g.label for g in reads)
        sure = sure and bool(reads) and all(g.is_sure(s) for g in reads)
    return text, sure


def _patches(columns: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of inked columns, those closer than ``gap`` joined: one glyph's strokes, or one number's glyphs."""
    runs: list[tuple[int, int]] = []
    for a, b in true_runs(columns):
        if runs and a - runs[-1][1] < gap:
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    return runs


def _a_number(text: str, ring: bool = True) -> bool:
    """One or two digits, perhaps with an item's dot or bracket after them: "๒", "๑.", "12"; not a
    zero alone where it may be a ring (``ring``): a list's bullet "○", the same ring as ๐, that opens
    its item's line."""
    digits = text.rstrip("".join(NUMBER_SIGNS))
    zero = len(digits) == 1 and digits in "0๐" and ring
    return 1 <= len(digits) <= 2 and all(ch in DIGITS for ch in digits) and len(text) - len(digits) <= 1 and not zero


def _text_after(lines: list[OcrLine], x: float, top: float, bottom: float, height: float, s: OcrSettings) -> bool:
    """Does a word stand just right of ``x`` beside the glyph (``lone_bullet_gap`` letter heights): the text
    a bullet opens? A zero with none there is a number: an ITA score table prints "0" alone in its
    score column (fifth judge set: 9 questions' 0 lost on 3 of its 10 documents)."""
    return any(w.top < bottom and w.bottom > top and x <= w.x0 <= x + s.lone_bullet_gap * height
               for line in lines for w in line.words)
