"""Thai digits on scanned pages, recognised by their shapes where Tesseract cannot.

Debian's Thai models (``tesseract-ocr-tha`` and ``-script-thai``, both tessdata_fast)
have no ``๔ ๖ ๗ ๘ ๙`` in their character sets (``combine_tessdata -u`` lists them), so
Tesseract can never output those five: ``๒๕๖๖`` comes out as ``๒๕๒๒``, ``E๑๖`` as
``Eo๒``, ``๓)`` as ``@)``. That loses fiscal years, rounds, dates and indicator codes,
the fields an analyst compares. No better Thai model can be installed from the package
registries, so each glyph of a word Tesseract read as digits, Latin letters or
punctuation is cut out of the page and compared with glyphs rendered from the TLWG Thai
fonts (``glyphs``): nearest neighbour over shape, proportions, height and foot. A word becomes
digits only when its glyphs are nearer to digits than to anything else by a margin;
Thai words are never touched.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from statistics import median

import numpy as np
from scipy import ndimage

from ...thai.letters import is_thai_letter
from .glyphs import POOL, Glyph, Templates, describe, templates
from .scan import true_runs
from .settings import DEFAULT, OcrSettings

THAI_DIGITS = frozenset("๐๑๒๓๔๕๖๗๘๙")
# Thai letters of the plain height (no part above or below the line): their ink height
# is the line's letter height, the unit glyph sizes are measured in.
PLAIN_LETTERS = frozenset("กขคงจฉชซฌดตถทธนบผพภมยรลวศษสหอฮ")




MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)


def candidate(text: str, s: OcrSettings = DEFAULT) -> bool:
    """A word that may be (or hold) Thai digits Tesseract misread: no Thai letter in it,
    and short (a digit group, or a code like ``E๑๖``). A mark read on its own is no letter:
    it is often a speck, or a mark of the next line, between two digits."""
    return 0 < len(text) <= s.candidate_max_len and not any(
        is_thai_letter(ch) and ch not in MARKS for ch in text
    )


def worth_reading(texts: list[str]) -> bool:
    """A run of candidate words that may hide a digit: not only punctuation and marks
    (full stops of ``พ.ศ.``, commas, specks), which Tesseract reads well enough."""
    return any(ch not in MARKS and ch not in QUIET for text in texts for ch in text)


QUIET = frozenset(".,'`\"-|:;_~")  # what a digit is never read as


def ink_height(ink: np.ndarray, x0: float, x1: float, top: float, bottom: float) -> float | None:
    """Rows of ink inside a box, or None when it holds none."""
    crop = ink[max(0, int(top)) : int(np.ceil(bottom)), max(0, int(x0)) : int(np.ceil(x1))]
    rows = np.flatnonzero(crop.any(axis=1))
    return float(rows[-1] + 1 - rows[0]) if rows.size else None


def letter_height(ink: np.ndarray, words: Sequence) -> float | None:
    """The median ink height of plain Thai letters read as words on their own."""
    plain = [w for w in words if w.text in PLAIN_LETTERS]
    heights = [h for w in plain if (h := ink_height(ink, w.x0, w.x1, w.top, w.bottom)) is not None]
    return median(heights) if heights else None


def on_line(column: np.ndarray, baseline: float, height: float) -> np.ndarray:
    """The column's ink cut to the run of inked rows that sits on the line: marks of the
    line above or below that fall in the band are separated from it by blank rows."""
    rows = column.any(axis=1)
    best, best_overlap = None, 0.0
    for top, bottom in true_runs(rows):
        overlap = min(bottom, baseline) - max(top, baseline - height)
        if overlap > best_overlap:
            best, best_overlap = (top, bottom), overlap
    if best is None:
        return np.zeros_like(column)
    out = np.zeros_like(column)
    out[best[0] : best[1]] = column[best[0] : best[1]]
    return out


def _cuts(box: np.ndarray, baseline: float, height: float, s: OcrSettings) -> list[int]:
    """Where glyphs may part: the edges of blank columns, and thin places inside inked runs
    (glyphs of bold print, blurred by a scan, touch at a pixel or two). Thin is measured
    between the baseline and the letter height, where marks above and below do not count."""
    body = box[max(0, int(baseline - height)) : max(1, int(np.ceil(baseline)))]
    profile = body.sum(axis=0)
    cuts = {0, box.shape[1]}
    for a, b in true_runs(profile > 0):
        cuts.update((a, b))
        if b - a > s.min_width * height:
            thin = profile[a:b] <= s.thin * height
            thin[:2] = thin[-2:] = False  # a glyph's own edge is no place to cut it
            for va, vb in true_runs(thin):  # one cut per valley, at its thinnest, and either side of it
                x = a + va + int(np.argmin(profile[a + va : a + vb]))
                cuts.update((x - 1, x, x + 1))
    return sorted(cuts)


@dataclass(frozen=True)
class Read:
    """One glyph read: its label, distance to it, distance to the nearest other label, and
    its columns in page pixels."""

    label: str
    dist: float
    other: float
    x0: int
    x1: int

    def is_sure(self, s: OcrSettings = DEFAULT) -> bool:
        """Recognised, and not a Thai letter: a digit by a margin, or Latin or punctuation."""
        if self.dist > s.max_distance or is_thai_letter(self.label):
            return False
        return self.label not in THAI_DIGITS or self.other - self.dist >= s.margin


# The digits the Thai model has no label for (``๔ ๖ ๗ ๘ ๙``, see above), as Arabic numerals: numbers
# OCR read are compared after ``to_arabic_digits``, where a digit here may have been read as another.
UNREADABLE = frozenset("46789")
TRUSTED = frozenset("๑๓๕")  # digits Tesseract reads right when it reads them (๒ and ๐ stand in for ๔ ๖ ๘ ๙)


def with_tesseract(
    glyphs: list[Read], words: list[tuple[str, float, float]], s: OcrSettings = DEFAULT
) -> list[Read]:
    """Glyphs the templates could not settle, taken as Tesseract read them where it read
    a digit it reliably knows (``TRUSTED``) right there, or where the glyph opens a word
    Tesseract read as starting with a code letter: ``words`` are (text, x0, x1)."""
    out = []
    for g in glyphs:
        if not g.is_sure(s):
            said = [t for t, a, b in words if g.x0 <= (a + b) / 2 <= g.x1]
            first = [t for t, a, b in words if abs(g.x0 - a) <= s.word_start_px and t[:1] in CODE_LETTERS]
            if len(said) == 1 and said[0] in TRUSTED:
                g = Read(said[0], s.max_distance, math.inf, g.x0, g.x1)
            elif len(first) == 1:  # a code's letter (E, O, I), read by Tesseract's English model
                g = Read(first[0][0], s.max_distance, math.inf, g.x0, g.x1)
        out.append(g)
    return out


CODE_LETTERS = frozenset("EOI")


CODE = re.compile(r"^[EOI][0-9๐-๙]{1,2}$")  # an indicator code: E1, O๑๖


def digit_span(glyphs: list[Read], s: OcrSettings = DEFAULT) -> tuple[int, int] | None:
    """The longest run of surely read glyphs holding a Thai digit, as (start, end) indices;
    or all of them, when they are surely an indicator code (``E1`` that Tesseract read as
    ``51``: Arabic digits are no Thai digits, but a code is worth the second reading too)."""
    if glyphs and all(g.is_sure(s) for g in glyphs) and CODE.match("".join(g.label for g in glyphs)):
        return (0, len(glyphs))
    best: tuple[int, int] | None = None
    i = 0
    while i < len(glyphs):
        if not glyphs[i].is_sure(s):
            i += 1
            continue
        j = i
        while j < len(glyphs) and glyphs[j].is_sure(s):
            j += 1
        if any(g.label in THAI_DIGITS for g in glyphs[i:j]) and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
        i = j
    return best


def widen(
    ink: np.ndarray, x0: float, x1: float, baseline: float, height: float, s: OcrSettings = DEFAULT
) -> tuple[int, int]:
    """x0 and x1 moved out to the ends of the ink they cut through: Tesseract's boxes for
    glyphs it has no letter for are often short of them."""
    y0, y1 = max(0, int(baseline - height)), min(ink.shape[0], int(np.ceil(baseline)))
    cols = ink[y0:y1].any(axis=0)
    a, b = max(0, int(x0)), min(ink.shape[1], int(np.ceil(x1)))
    gap = max(s.min_widen_gap_px, int(s.widen_gap * height))
    while a > 0 and cols[max(0, a - gap) : a].any():
        a -= 1
    while b < len(cols) and cols[b : b + gap].any():
        b += 1
    return a, b


# Where Tesseract read Thai digits, what else the glyphs may be: digits of either kind, the
# letters indicator codes start with, and the punctuation of numbers, dates and list items.
IN_DIGIT_GROUP = THAI_DIGITS | frozenset("0123456789EOI()./-:,;")


@cache
def store(face: str = POOL, digits: bool = False) -> Templates:
    """The templates a page set in ``face`` is read with: the pool's, and a family's own beside them
    (four of a label per family, two sizes of two weights, are too few for what the pool has many
    of: a serif ``I`` blurred to a bar); in a digit group, only what a glyph of one may be."""
    found = templates(face) if face == POOL else templates(face).joined(templates(POOL))
    return found.only(IN_DIGIT_GROUP) if digits else found


def band_rows(ink: np.ndarray, baseline: float, height: float, s: OcrSettings = DEFAULT) -> tuple[int, int]:
    """The rows a line's glyphs are cut from: ``above`` letter heights over the baseline to ``below`` under it."""
    return max(0, int(baseline - s.above * height)), min(ink.shape[0], int(np.ceil(baseline + s.below * height)))


def reading(
    ink: np.ndarray,
    x0: float,
    x1: float,
    baseline: float,
    height: float,
    digits: bool = False,
    s: OcrSettings = DEFAULT,
    face: str = POOL,
) -> list[Read]:
    """The glyphs between x0 and x1 on the line, each read as its nearest template of ``face``
    (the page's, ``faces.page_face``); ``digits``: Tesseract read Thai digits here, so only what
    a digit group holds is among the choices (``IN_DIGIT_GROUP``).

    The band is cut from the baseline, not from Tesseract's boxes: for glyphs outside its
    character set Tesseract's boxes split or clip them. Touching glyphs are parted where
    the reading as a whole is nearest to the templates (the classic over-segmentation:
    every thin place is a possible cut, dynamic programming picks the cuts)."""
    y0, y1 = band_rows(ink, baseline, height, s)
    xa, xb = max(0, int(x0)), min(ink.shape[1], int(np.ceil(x1)))
    box = ink[y0:y1, xa:xb]
    if box.size == 0:
        return []
    apart = _apart(box, baseline - y0, height, s) if digits else ()  # Latin letters kern: "Po" is no ๙๓
    band = _Band(box, baseline - y0, height, xa, digits, store(face, digits), apart)
    cuts = sorted(set(_cuts(box, band.base, height, s)) | {round(p.cut) for p in apart if p.cut is not None})
    return _best_reading(cuts, _pieces(band, cuts, s), xa, height, s)


EIGHT = ndimage.generate_binary_structure(2, 2)  # a scan's diagonal strokes touch at corners


@dataclass(frozen=True, eq=False)  # compared by identity: its ink is an array
class _Part:
    """A whole glyph among glyphs whose columns overlap: its ink (the band's size), where its
    columns run, and, when they overlap the part before it, the midpoint between the two (a cut the
    band gets; between parts with blank columns between, the column cuts are enough)."""

    ink: np.ndarray
    x0: int
    x1: int
    cut: float | None


def _apart(box: np.ndarray, baseline: float, height: float, s: OcrSettings) -> tuple[_Part, ...]:
    """Glyphs whose columns overlap but whose ink does not touch, each whole, when the band has
    any: in some faces a ๙'s tail reaches over the next digit (TH Kodchasal, development set devth:
    "๙๓.๓๐" read "๗๓๓๐", no blank column between ๙ and ๓), so no cut between columns parts them.
    Columns are cut between the parts' centres and a piece may be read as the whole parts whose
    centres it holds (``_pieces``). Empty when every tall part has columns of its own (the usual
    case: then column cuts part the glyphs), or when there are fewer than two."""
    labels, n = ndimage.label(box, structure=EIGHT)
    if n < 2:
        return ()
    tall = []
    for k, found in enumerate(ndimage.find_objects(labels), start=1):
        rows, cols = found
        if rows.stop - rows.start >= s.apart_min_height * height:
            tall.append((cols.start, cols.stop, k))
    tall.sort()
    if not any(b[0] < a[1] for a, b in zip(tall, tall[1:])):
        return ()
    parts: list[_Part] = []
    for x0, x1, k in tall:
        before = parts[-1] if parts else None
        cut = (before.x0 + before.x1 + x0 + x1) / 4 if before is not None and x0 < before.x1 else None
        parts.append(_Part(labels == k, x0, x1, cut))
    return tuple(parts)


def _best_reading(cuts: list[int], pieces: dict[tuple[int, int], Read | None], xa: int, height: float, s: OcrSettings) -> list[Read]:
    """The cheapest run of pieces from the first cut to the last (dynamic programming over cuts)."""
    best: list[tuple[float, list[Read]] | None] = [None] * len(cuts)
    best[0] = (0.0, [])
    for j in range(1, len(cuts)):
        for i in range(j - 1, -1, -1):
            if (i, j) not in pieces:
                if cuts[j] - cuts[i] > s.max_width * height:
                    break
                continue  # a sliver cut out of a glyph's middle is no glyph
            prev, piece = best[i], pieces[i, j]
            if prev is None or piece is None:
                continue
            cand = (prev[0], prev[1]) if piece is BLANK else (prev[0] + piece.dist + s.segment_cost, [*prev[1], piece])
            if best[j] is None or cand[0] < best[j][0]:
                best[j] = cand
        if best[j] is None and best[j - 1] is not None:  # nothing fits: an unknown glyph, so the rest is still read
            prev = best[j - 1]
            unknown = Read("?", s.unknown, s.unknown, xa + cuts[j - 1], xa + cuts[j])
            best[j] = (prev[0] + s.unknown, [*prev[1], unknown])
    return best[-1][1] if best[-1] is not None else []


@dataclass(frozen=True)
class _Band:
    """The ink band one reading cuts glyphs from: its baseline row, letter height, left
    column on the page, whether it is a digit group, and the templates to match."""

    box: np.ndarray
    base: float
    height: float
    left: int
    digits: bool
    store: Templates
    apart: tuple[_Part, ...] = ()  # whole glyphs that share columns (``_apart``)


BLANK = Read(" ", 0.0, 0.0, 0, 0)  # a piece with no ink: it adds nothing to a reading


def _pieces(band: _Band, cuts: list[int], s: OcrSettings) -> dict[tuple[int, int], Read | None]:
    """Every piece between two cuts that may be a glyph, read: (i, j) → its reading, BLANK
    for a piece with no ink, None for one no template fits. Slivers cut out of a glyph's
    middle and pieces wider than any glyph are left out. All pieces of the band are matched
    against the templates in one batch (``Templates.nearest``)."""
    edges = {0, band.box.shape[1]} | {e for run in true_runs(band.box.any(axis=0)) for e in run}
    out: dict[tuple[int, int], Read | None] = {}
    glyphs, owners = [], []
    for j in range(1, len(cuts)):
        for i in range(j - 1, -1, -1):
            a, b = cuts[i], cuts[j]
            if b - a > s.max_width * band.height:
                break
            if b - a < s.sliver * band.height and a not in edges and b not in edges:
                continue
            part = band.box[:, a:b]
            out[i, j] = BLANK if not part.any() else None
            if out[i, j] is None:
                for glyph in _descriptions(on_line(part, band.base, band.height), band, s) + _whole(band, a, b):
                    glyphs.append(glyph)
                    owners.append((i, j))
    for (i, j), (label, dist, other) in zip(owners, band.store.nearest(glyphs, s)):
        seen = out[i, j]
        if seen is None or dist < seen.dist:  # of the whole ink and the ink cut at the foot, the nearer
            inked = np.flatnonzero(band.box[:, cuts[i] : cuts[j]].any(axis=0))
            x0, x1 = band.left + cuts[i] + int(inked[0]), band.left + cuts[i] + int(inked[-1]) + 1
            out[i, j] = Read(label, dist, other, x0, x1)
    return out


def _whole(band: _Band, a: int, b: int) -> list[Glyph]:
    """The piece between columns a and b read as the whole glyph apart (``_apart``) whose columns'
    middle it holds, where its columns cut through it or hold another's ink: a ๙ with the tail
    that overhangs the next digit, the next digit without that tail above it."""
    members = [p for p in band.apart if a <= (p.x0 + p.x1) / 2 < b]
    if len(members) != 1:
        return []  # one glyph whole, or none: two glyphs as one are what column cuts give already
    (member,) = members
    others = [p for p in band.apart if p is not member and p.x1 > a and p.x0 < b]
    if not others and a <= member.x0 and member.x1 <= b:
        return []  # the columns hold the glyph whole and nothing else tall: read as they are
    if any(p.x0 >= member.x1 or p.x1 <= member.x0 for p in others):
        return []  # the piece cuts into a glyph beside this one, not one its columns overlap
    ink = np.zeros_like(band.box)
    ink[:, a:b] = band.box[:, a:b]  # the columns' ink: a dot or speck in them stays in the piece ...
    for p in others:
        ink &= ~p.ink  # ... but not another glyph's tail
    ink |= member.ink
    glyph = describe(ink, band.base, band.height)
    return [] if glyph is None else [glyph]


def _descriptions(ink: np.ndarray, band: _Band, s: OcrSettings) -> list[Glyph]:
    """The piece's ink described; in a digit group also the ink cut off just below the
    baseline (digits have no descender; a mark of the line below may touch them)."""
    glyph = describe(ink, band.base, band.height)
    if glyph is None:
        return []
    if not band.digits:
        return [glyph]
    foot = int(np.ceil(band.base + s.digit_foot * band.height))
    if not ink[foot:].any():
        return [glyph]  # nothing below the foot: the cut ink is the same glyph
    cut = ink.copy()
    cut[foot:] = False
    clipped = describe(cut, band.base, band.height)
    return [glyph] if clipped is None else [glyph, clipped]
