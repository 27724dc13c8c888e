"""OCR words that may be Thai digits Tesseract cannot output, read again by their shapes.

``๒ ๕ ๒ ๒`` → ``๒๕๖๖``, ``@)`` → ``๓)`` (see ``digits`` for why the Thai model needs this).
A run of neighbouring words with no Thai letter is read as one band (Tesseract splits and
clips what it cannot name), widened to the ink its ends cut through but never into the
words beside it; the surely read stretch holding a digit replaces the words it covers, a
word per glyph whose confidence is its template match's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from .digits import (
    MARKS,
    THAI_DIGITS,
    Read,
    candidate,
    digit_span,
    letter_height,
    reading,
    widen,
    with_tesseract,
    worth_reading,
)
from .faces import glyphs_of, page_face
from .glyphs import POOL, Glyph
from .settings import DEFAULT, OcrSettings
from .tesseract import OcrLine, OcrWord


def mend_digits(lines: list[OcrLine], ink: np.ndarray, s: OcrSettings = DEFAULT) -> tuple[list[OcrLine], str]:
    """The lines with their digit-like runs re-read by shape (unchanged where no letter height is
    known), and the page's face: read first with the pooled templates, again with a family kept
    apart where the glyphs the pool cut are clearly nearer to it (``faces.page_face``)."""
    seen: list[Glyph] = []
    out = _mend_page(lines, ink, _Face(POOL, seen), s)
    face = page_face(seen, s)
    return (out if face == POOL else _mend_page(lines, ink, _Face(face, None), s)), face


@dataclass(frozen=True)
class _Face:
    """The face a page is read with, and where the glyphs read go to weigh faces (None: nowhere)."""

    name: str
    seen: list[Glyph] | None


def _mend_page(lines: list[OcrLine], ink: np.ndarray, face: _Face, s: OcrSettings) -> list[OcrLine]:
    """The lines mended with one face's templates."""
    page_height = letter_height(ink, [w for line in lines for w in line.words])
    out = []
    for line in lines:
        height = letter_height(ink, line.words) or page_height
        out.append(replace(line, words=tuple(_mend_line(line, ink, height, face, s))) if height else line)
    return out


def _marks_only(text: str) -> bool:
    return all(ch in MARKS for ch in text)


# Thai letters Tesseract gives a Thai digit it has no label for (``digits``: the model has no ๔ ๖ ๗ ๘ ๙):
# ๖ as อ (held-out scans: "๒๕อ๖", "๒๕ออ", "มีนาคม ๒๕อ๒อ" for ๒๕๖๖), the code letter O as อ ("(อ๑๕)"),
# ๖ as จ too (Garuda, Purisa; "พ.ศ. ๒๕จ๘" for ๒๕๖๘ on a dev scan);
# ๗ as ฒ, ฆ or ซ by its tail (Sawasdee, Loma, Purisa, the Tlwg monospaced faces, Umpush, Garuda:
# "พ.ศ. ๒๕๐ ฒ" for ๒๕๖๗, "๕ ม.ค. ๒๕๐๓ ฒ", dev scans and lines rendered in each TLWG face);
# ๘ as ญ (TlwgTypist, TlwgTypo: "๑ญ/๑๐/…" for ๑๘/๑๐/…). The glyph templates decide: a look-alike
# becomes a digit only where its ink is read surely as one.
DIGIT_LOOKALIKES = frozenset("อจฒฆซญ")


def _close(a: OcrWord, b: OcrWord, height: float, s: OcrSettings) -> bool:
    """Two neighbouring words (a before b) near enough to be one digit group."""
    return b.x0 - a.x1 < s.digit_run_gap * height


def _has_thai(word: OcrWord) -> bool:
    """A word with a Thai letter or mark (a digit is no letter)."""
    return any("\u0e01" <= ch <= "\u0e4e" and ch not in THAI_DIGITS for ch in word.text)


def _neighbour(words: tuple[OcrWord, ...], k: int, step: int) -> int | None:
    """The index of the word beside k (step -1: before, +1: after), past marks read on their
    own and full stops: a mark between a digit and its look-alike ("๒๕๐ ิ ฒ") is a speck or a
    stray mark, a full stop a decimal point ("๙๐.ฒ๕", "๘อ.๑๕"); between letters ("พ ั ฒ",
    "อ.เมือง") the letter beyond them is of the look-alike's word."""
    j = k + step
    while 0 <= j < len(words) and (_marks_only(words[j].text) or words[j].text == "."):
        j += step
    return j if 0 <= j < len(words) else None


def digit_like(words: tuple[OcrWord, ...], k: int, height: float, s: OcrSettings = DEFAULT) -> bool:
    """True for a word that may be (part of) a digit group: a candidate (no Thai letter), or a
    look-alike letter (``DIGIT_LOOKALIKES``) standing among digits. The stretch of look-alikes
    it belongs to must touch a Thai digit on one side (within a digit group's gap) and no Thai
    letter or mark of the same word on either (within a letter's gap, ``lookalike_word_gap``:
    a word space is wider): ``๒๕อ๖``, ``(อ๑๕)`` and ``๒๕๐ฒ รอบ`` yes, ``ข้อ ๑``, ``๓อย่าง`` and
    ``พัฒนา`` no (the letter is a letter of a word)."""
    if candidate(words[k].text, s):
        return True
    if not _lookalike(words[k].text, s):
        return False
    a = k
    while a > 0 and _lookalike(words[a - 1].text, s) and _close(words[a - 1], words[a], height, s):
        a -= 1
    b = k
    while b + 1 < len(words) and _lookalike(words[b + 1].text, s) and _close(words[b], words[b + 1], height, s):
        b += 1
    beside = []  # (the word beside the stretch past marks, the gap to the nearest word, mark or not)
    if (left := _neighbour(words, a, -1)) is not None:
        beside.append((words[left], words[a].x0 - words[a - 1].x1))
    if (right := _neighbour(words, b, 1)) is not None:
        beside.append((words[right], words[b + 1].x0 - words[b].x1))
    digit = any(gap < s.digit_run_gap * height and _digits_in(w) for w, gap in beside)
    digit = digit or any(_digits_in(w) for w in words[a : b + 1])
    lettered = any(gap < s.lookalike_word_gap * height and _has_thai(w) for w, gap in beside)
    return digit and not lettered


# what a word of look-alikes may hold: them, digits of either kind and a decimal point
# ("อ.อ", "อ.๕๕", "๓๕6.อ" for ๐.๐, ๐.๕๕, ๓๕๖.๐: IBM Plex Sans Thai Looped's ๐, judge set 10)
WITH_LOOKALIKES = DIGIT_LOOKALIKES | THAI_DIGITS | frozenset("0123456789.")


def _lookalike(text: str, s: OcrSettings) -> bool:
    """A look-alike letter alone, or a short word of look-alikes among digits and points."""
    return text in DIGIT_LOOKALIKES or (
        len(text) <= s.candidate_max_len
        and any(ch in DIGIT_LOOKALIKES for ch in text)
        and all(ch in WITH_LOOKALIKES for ch in text)
    )


def _digits_in(word: OcrWord) -> bool:
    return any(ch in THAI_DIGITS for ch in word.text)


def _run_end(words: tuple[OcrWord, ...], k: int, height: float, s: OcrSettings) -> int:
    """The end of the run of digit-like words starting at k, each within a gap of the last."""
    j = k + 1
    while j < len(words) and digit_like(words, j, height, s) and _close(words[j - 1], words[j], height, s):
        j += 1
    return j


def _mend_line(line: OcrLine, ink: np.ndarray, height: float, face: _Face, s: OcrSettings) -> list[OcrWord]:
    """One line's words, each run that may hide a digit read again (a mark at a run's end
    belongs to the letter beside it, and stays out of the run)."""
    words, out, k = line.words, [], 0
    while k < len(words):
        if not digit_like(words, k, height, s):
            out.append(words[k])
            k += 1
            continue
        j = _run_end(words, k, height, s)
        while k < j and _marks_only(words[k].text):
            out.append(words[k])
            k += 1
        while j > k and _marks_only(words[j - 1].text):
            j -= 1
        if k == j:
            continue
        run = words[k:j]
        if worth_reading([w.text for w in run]):
            left = words[k - 1].x1 if k else 0.0
            right = words[j].x0 if j < len(words) else float(ink.shape[1])
            out.extend(_read_run(run, line, ink, (left, right), height, face, s))
        else:
            out.extend(run)
        k = j
    return out


ROUND = frozenset("oO")  # Latin letters as round as ๐, in faces whose ๐ is a plain ring


def zeros_after_digits(glyphs: list[Read], height: float, s: OcrSettings = DEFAULT) -> list[Read]:
    """A round Latin letter right after a Thai digit, or after a digit's decimal point, read as ๐:
    in faces whose ๐ is a ring (IBM Plex Sans Thai Looped; judge set 10: "๑oo.oo" for ๑๐๐.๐๐)
    the templates cannot tell them apart, and no Latin word goes on from a Thai digit. A code's
    letter stands before its digits ("O๑๖") and is kept."""
    out: list[Read] = []
    for g in glyphs:
        if g.label in ROUND and out and _after_digit(out) and g.x0 - out[-1].x1 < s.digit_run_gap * height:
            g = Read("๐", g.dist, math.inf, g.x0, g.x1)
        out.append(g)
    return out


def _after_digit(read: list[Read]) -> bool:
    """Do the glyphs read so far end with a Thai digit, or a Thai digit and its point?"""
    last = [g.label for g in read[-2:]]
    return last[-1] in THAI_DIGITS or (last[-1] == "." and len(last) == 2 and last[0] in THAI_DIGITS)


def _read_run(
    run: tuple[OcrWord, ...],
    line: OcrLine,
    ink: np.ndarray,
    bounds: tuple[float, float],
    height: float,
    face: _Face,
    s: OcrSettings,
) -> list[OcrWord]:
    """The run's words with the stretch read surely as digits replaced by one word per glyph;
    Tesseract's words beside it stay unless they are slivers (a "๑" one pixel wide), which
    the band has read as part of a glyph or as nothing."""
    base = line.baseline_at((run[0].x0 + run[-1].x1) / 2)
    a, b = widen(ink, run[0].x0, run[-1].x1, base, height, s)
    said_digits = any(ch in THAI_DIGITS for w in run for ch in w.text)
    glyphs = reading(ink, max(a, bounds[0]), min(b, bounds[1]), base, height, said_digits, s, face.name)
    if face.seen is not None:
        face.seen.extend(glyphs_of(ink, glyphs, base, height, s))
    glyphs = zeros_after_digits(with_tesseract(glyphs, [(w.text, w.x0, w.x1) for w in run], s), height, s)
    # a speck read as nothing sure is not a glyph: it must not part a code from its digits
    glyphs = [g for g in glyphs if g.is_sure(s) or g.x1 - g.x0 >= s.sliver_word * height]
    span = digit_span(glyphs, s)
    if span is None:
        return list(run)
    read = glyphs[span[0] : span[1]]
    x0, x1 = read[0].x0, read[-1].x1
    inside = [w for w in run if w.x1 > x0 and w.x0 < x1]  # Tesseract's reading of the same ink
    top = min((w.top for w in inside), default=base - height)
    bottom = max((w.bottom for w in inside), default=base)
    wide = [w for w in run if w.x1 - w.x0 >= s.sliver_word * height]
    # a word per glyph, so that spaces are judged by the gaps as anywhere else
    glyph_words = [OcrWord(g.label, g.x0, g.x1, top, bottom, 100.0 * max(0.0, 1.0 - g.dist)) for g in read]
    return [w for w in wide if w.x1 <= x0] + glyph_words + [w for w in wide if w.x0 >= x1]
