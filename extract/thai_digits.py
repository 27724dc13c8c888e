"""Thai digits on scanned pages, recognised by their shapes where Tesseract cannot.

Debian's Thai models (``tesseract-ocr-tha`` and ``-script-thai``, both tessdata_fast)
have no ``๔ ๖ ๗ ๘ ๙`` in their character sets (``combine_tessdata -u`` lists them), so
Tesseract can never output those five: ``๒๕๖๖`` comes out as ``๒๕๒๒``, ``E๑๖`` as
``Eo๒``, ``๓)`` as ``@)``. That loses fiscal years, rounds, dates and indicator codes,
the fields an analyst compares. No better Thai model can be installed from the package
registries, so each glyph of a word Tesseract read as digits, Latin letters or
punctuation is cut out of the page and compared with glyphs rendered from the Thai fonts
(``glyphs``): nearest neighbour over shape, proportions, height and foot. A word becomes
digits only when its glyphs are nearer to digits than to anything else by a margin;
Thai words are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import numpy as np

from .glyphs import describe, templates

THAI_DIGITS = frozenset("๐๑๒๓๔๕๖๗๘๙")
# Thai letters of the plain height (no part above or below the line): their ink height
# is the line's letter height, the unit glyph sizes are measured in.
PLAIN_LETTERS = frozenset("กขคงจฉชซฌดตถทธนบผพภมยรลวศษสหอฮ")
MARGIN = 0.04  # a digit's nearest other label must be this much farther than the digit
MAX_DISTANCE = 0.45  # farther than this from every template, a glyph is not recognised
PUNCT = frozenset("()./-:,;")


def _thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e" and ch not in THAI_DIGITS


def candidate(text: str) -> bool:
    """A word that may be (or hold) Thai digits Tesseract misread: no Thai letter in it,
    and short (a digit group, or a code like ``E๑๖``)."""
    return 0 < len(text) <= 6 and not any(_thai_letter(ch) for ch in text)


def ink_height(ink: np.ndarray, x0: float, x1: float, top: float, bottom: float) -> float | None:
    """Rows of ink inside a box, or None when it holds none."""
    crop = ink[max(0, int(top)) : int(np.ceil(bottom)), max(0, int(x0)) : int(np.ceil(x1))]
    rows = np.flatnonzero(crop.any(axis=1))
    return float(rows[-1] + 1 - rows[0]) if rows.size else None


def letter_height(ink: np.ndarray, words: list) -> float | None:
    """The median ink height of plain Thai letters read as words on their own."""
    heights = [h for w in words if w.text in PLAIN_LETTERS
               and (h := ink_height(ink, w.x0, w.x1, w.top, w.bottom)) is not None]  # fmt: skip
    return median(heights) if heights else None


def _columns(mask: np.ndarray) -> list[tuple[int, int]]:
    """Runs of columns holding ink: one glyph each, unless glyphs touch."""
    return _runs(mask.any(axis=0))


def _runs(cols: np.ndarray) -> list[tuple[int, int]]:
    """Start and end of each run of True."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, on in enumerate(cols):
        if on and start is None:
            start = i
        elif not on and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(cols)))
    return runs


def _on_line(column: np.ndarray, baseline: float, height: float) -> np.ndarray:
    """The column's ink cut to the run of inked rows that sits on the line: marks of the
    line above or below that fall in the band are separated from it by blank rows."""
    rows = column.any(axis=1)
    best, best_overlap = None, 0.0
    for top, bottom in _runs(rows):
        overlap = min(bottom, baseline) - max(top, baseline - height)
        if overlap > best_overlap:
            best, best_overlap = (top, bottom), overlap
    if best is None:
        return np.zeros_like(column)
    out = np.zeros_like(column)
    out[best[0] : best[1]] = column[best[0] : best[1]]
    return out


ABOVE = 1.7  # letter heights above the baseline a glyph may reach (Latin capitals, brackets)
BELOW = 0.6  # and below it (brackets, commas)


def _cuts(box: np.ndarray, height: float) -> list[int]:
    """Where glyphs may part: the edges of blank columns, and thin places inside inked runs
    (glyphs of bold print, blurred by a scan, touch at a pixel or two)."""
    profile = box.sum(axis=0)
    cuts = {0, box.shape[1]}
    for a, b in _runs(profile > 0):
        cuts.update((a, b))
        if b - a > MIN_WIDTH * height:
            for x in range(a + 2, b - 2):
                if (
                    profile[x] <= THIN * height
                    and profile[x] <= profile[x - 1]
                    and profile[x] <= profile[x + 1]
                ):
                    cuts.add(x)
    return sorted(cuts)


MIN_WIDTH = 0.5  # letter heights: narrower inked runs are one glyph (or part of one)
THIN = 0.12  # letter heights of ink in one column: where touching glyphs may be cut
MAX_WIDTH = 1.5  # letter heights: no glyph recognised here is wider
SEGMENT_COST = 0.05  # per glyph: of two readings equally near, the one with fewer glyphs


@dataclass(frozen=True)
class Read:
    """One glyph read: its label, distance to it, distance to the nearest other label, and
    its columns in page pixels."""

    label: str
    dist: float
    other: float
    x0: int
    x1: int

    @property
    def sure(self) -> bool:
        """Recognised, and not a Thai letter: a digit by a margin, or Latin or punctuation."""
        if self.dist > MAX_DISTANCE or _thai_letter(self.label):
            return False
        return self.label not in THAI_DIGITS or self.other - self.dist >= MARGIN


def digit_span(glyphs: list[Read]) -> tuple[int, int] | None:
    """The longest run of surely read glyphs holding a Thai digit, as (start, end) indices."""
    best: tuple[int, int] | None = None
    i = 0
    while i < len(glyphs):
        if not glyphs[i].sure:
            i += 1
            continue
        j = i
        while j < len(glyphs) and glyphs[j].sure:
            j += 1
        if any(g.label in THAI_DIGITS for g in glyphs[i:j]) and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
        i = j
    return best


def widen(ink: np.ndarray, x0: float, x1: float, baseline: float, height: float) -> tuple[int, int]:
    """x0 and x1 moved out to the ends of the ink they cut through: Tesseract's boxes for
    glyphs it has no letter for are often short of them."""
    y0, y1 = max(0, int(baseline - height)), min(ink.shape[0], int(np.ceil(baseline)))
    cols = ink[y0:y1].any(axis=0)
    a, b = max(0, int(x0)), min(ink.shape[1], int(np.ceil(x1)))
    gap = max(2, int(GAP * height))
    while a > 0 and cols[max(0, a - gap) : a].any():
        a -= 1
    while b < len(cols) and cols[b : b + gap].any():
        b += 1
    return a, b


GAP = 0.12  # letter heights: blank columns this wide end a glyph group when widening


def reading(ink: np.ndarray, x0: float, x1: float, baseline: float, height: float) -> list[Read]:
    """The glyphs between x0 and x1 on the line, each read as its nearest template.

    The band is cut from the baseline, not from Tesseract's boxes: for glyphs outside its
    character set Tesseract's boxes split or clip them. Touching glyphs are parted where
    the reading as a whole is nearest to the templates (the classic over-segmentation:
    every thin place is a possible cut, dynamic programming picks the cuts)."""
    y0 = max(0, int(baseline - ABOVE * height))
    y1 = min(ink.shape[0], int(np.ceil(baseline + BELOW * height)))
    xa, xb = max(0, int(x0)), min(ink.shape[1], int(np.ceil(x1)))
    box = ink[y0:y1, xa:xb]
    if box.size == 0:
        return []
    store = templates()
    base = baseline - y0
    cuts = _cuts(box, height)
    n = len(cuts)
    best: list[tuple[float, list[Read]] | None] = [None] * n
    best[0] = (0.0, [])
    for j in range(1, n):
        for i in range(j - 1, -1, -1):
            if cuts[j] - cuts[i] > MAX_WIDTH * height:
                break
            prev = best[i]
            if prev is None:
                continue
            part = box[:, cuts[i] : cuts[j]]
            if not part.any():
                cand = (prev[0], prev[1])
            else:
                glyph = describe(_on_line(part, base, height), base, height)
                if glyph is None:
                    continue
                label, dist, other = store.nearest(glyph)
                read = Read(label, dist, other, xa + cuts[i], xa + cuts[j])
                cand = (prev[0] + dist + SEGMENT_COST, [*prev[1], read])
            if best[j] is None or cand[0] < best[j][0]:
                best[j] = cand
    return best[-1][1] if best[-1] is not None else []
