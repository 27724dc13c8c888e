"""OCR lines made ready for the table engine: boxes fitted to ink, specks dropped, lost
marks restored, misread codes mended, and words turned into characters on the baseline.

Each stage takes lines (or one line) and returns new ones; nothing is edited in place.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ...thai.letters import is_thai_letter
from ...thai.spacing import inside_a_word
from ..page import Char
from .digits import THAI_DIGITS
from .latemarks import marks_put_back
from .settings import DEFAULT, OcrSettings
from .tesseract import OcrLine, OcrWord
from .words import am_read_whole, is_stray, mend_code, restore_marks


def fit_to_ink(lines: list[OcrLine], ink: np.ndarray) -> list[OcrLine]:
    """Each word's box trimmed sideways to the ink inside it.

    Tesseract's boxes for Thai letters are loose and run into the white gutter between
    table columns; the engine finds unruled columns by those gutters.
    """
    return [replace(line, words=tuple(_fitted(w, ink) for w in line.words)) for line in lines]


def _fitted(w: OcrWord, ink: np.ndarray) -> OcrWord:
    height, width = ink.shape
    x0, x1 = max(0, int(w.x0)), min(width, int(np.ceil(w.x1)))
    y0, y1 = max(0, int(w.top)), min(height, int(np.ceil(w.bottom)))
    if x1 <= x0 or y1 <= y0:
        return w
    cols = np.flatnonzero(ink[y0:y1, x0:x1].any(axis=0))
    return replace(w, x0=float(x0 + cols[0]), x1=float(x0 + cols[-1] + 1)) if cols.size else w


def _usual_height(lines: list[OcrLine], s: OcrSettings) -> float | None:
    """The median height of the page's lines of several words (a few words say nothing usual)."""
    heights = sorted(ln.height for ln in lines if len(ln.words) >= s.usual_line_words)
    return heights[len(heights) // 2] if heights else None


def drop_specks(lines: list[OcrLine], s: OcrSettings = DEFAULT) -> list[OcrLine]:
    """Lines far smaller than the page's text are specks, stamps' dots or marks drawn off their letters.

    Tesseract reads them as letters ("ฆข", "๑7") on lines of their own, which then look
    like table cells to the engine. Real small print (footnotes) is well over half size.
    """
    usual = _usual_height(lines, s)
    if usual is None:
        return lines
    return [ln for ln in lines if ln.height >= s.speck_height * usual]


def shared_baselines(lines: list[OcrLine], s: OcrSettings = DEFAULT) -> list[OcrLine]:
    """Lines Tesseract measured over the ink of two text lines, set on the baseline of the line they stand in.

    A short word's box can take in the marks of the line below ("E2" over "เจ้าหน้าที่": its box
    ran down to the tone mark, its line twice the usual height) and its baseline is then that
    box's foot: the code fell to a line of its own and its row lost its first line (unseen scan
    syn00135, row E2). A line taller than the page's usual (``two_lines_height``) whose words' box
    holds the baseline of lines of the usual height in its lower half stands on it (their median,
    left to right). Not in its upper half: that is the line above, under whose baseline a box with
    tall marks reaches (dev-s6 scans: 16 lines a page moved there, their words set among another line's).
    """
    usual = _usual_height(lines, s)
    if usual is None:
        return lines
    tallest = s.two_lines_height * usual
    sound = [ln for ln in lines if ln.height <= tallest]
    return [ln if ln.height <= tallest else _standing(ln, sound) for ln in lines]


def _standing(line: OcrLine, sound: list[OcrLine]) -> OcrLine:
    """``line`` on the median baseline of the ``sound`` lines passing through its words' box, if any."""
    if not line.words:  # every word of it was a speck
        return line
    top, bottom = min(w.top for w in line.words), max(w.bottom for w in line.words)
    middle = (line.words[0].x0 + line.words[-1].x1) / 2
    bases = sorted(b for ln in sound if (top + bottom) / 2 <= (b := ln.baseline_at(middle)) < bottom)
    if not bases:
        return line
    return replace(line, bottom=bases[len(bases) // 2], offset=0.0, slope=0.0)


def _noise(w: OcrWord, s: OcrSettings) -> bool:
    return is_stray(w.text) or w.conf < s.noise_confidence


def restore_line(line: OcrLine, s: OcrSettings = DEFAULT) -> OcrLine:
    """The line without specks (read as punctuation, or barely read at all) and with lost
    tone marks put back (``words.restore_marks``).

    A word left empty (a lone mark whose letter took it, a speck) gives its box to the
    word before it, so the gap it covered does not turn into a space.
    """
    texts = restore_marks(["" if _noise(w, s) else w.text for w in line.words], s)
    kept: list[OcrWord] = []
    for w, text in zip(line.words, texts):
        if text:
            kept.append(replace(w, text=text))
        elif kept and not _noise(w, s):
            kept[-1] = replace(kept[-1], x1=max(kept[-1].x1, w.x1))
    return replace(line, words=tuple(kept))


def restore_lines(lines: list[OcrLine], s: OcrSettings = DEFAULT) -> list[OcrLine]:
    """A page's lines with lost marks restored (``restore_line``), a word read with SARA AA kept
    where the page shows OCR reading SARA AM whole (``words.am_read_whole``).

    SARA AM is a small circle and SARA AA: a faint scan loses the circle, so a restore may make
    an AA an AM where that reads as a word ("จัดทา" → จัดทำ). Where the page reads every AM whole,
    a word read with AA is right as read, and a cell's wrap cuts no word into the wrong one
    ("ช่องทา" | "งอื่นๆ" stays ช่องทาง, not ช่องทำ). Marks a face drew one letter late go back on
    their letters first (``latemarks.marks_put_back``).
    """
    lines = marks_put_back(lines, s)
    kept = [restore_line(line, replace(s, read_aa_stays=True)) for line in lines]
    read = ["".join(w.text for w in line.words if not _noise(w, s)) for line in lines]
    if am_read_whole(read, ["".join(w.text for w in line.words) for line in kept], s):
        return kept
    return [restore_line(line, s) for line in lines]


def _token_end(words: list[OcrWord], i: int, em: float, s: OcrSettings) -> int:
    """The end of the token starting at word i: the words up to the next space-wide gap."""
    j = i + 1
    while j < len(words) and words[j].x0 - words[j - 1].x1 <= s.space_gap * em:
        j += 1
    return j


def _code_at(words: list[OcrWord], i: int, em: float, s: OcrSettings) -> tuple[str, int] | None:
    """The indicator code a cell starting at word i opens with, and the word index after it."""
    j = _token_end(words, i, em, s)
    near = j < len(words) and words[j].x0 - words[j - 1].x1 <= em
    code = mend_code("".join(w.text for w in words[i:j]), near and is_thai_letter(words[j].text[0]))
    if code is None and j - i == 1 and near:
        # a code letter read apart from its digits ("อ ๑๖" for O๑๖: O is wide, its box loose)
        k = _token_end(words, j, em, s)
        digits = "".join(w.text for w in words[j:k])
        if 1 <= len(digits) <= s.code_digits_max and all(ch in THAI_DIGITS for ch in digits):
            code = mend_code(words[i].text + digits)
            j = k if code is not None else j
    return (code, j) if code is not None else None


def mend_codes(line: OcrLine, em: float, s: OcrSettings = DEFAULT) -> OcrLine:
    """The line with indicator codes misread at the start of a cell (``words.mend_code``) mended.

    A cell starts at the line's start or after a gap wider than an em; the token is the
    words up to the next space-wide gap, and text follows it if a Thai word comes within an em.
    """
    words = list(line.words)
    i = 0
    while i < len(words):
        found = _code_at(words, i, em, s) if i == 0 or words[i].x0 - words[i - 1].x1 > em else None
        if found is not None:
            code, j = found
            words[i:j] = [replace(words[i], text=code, x1=words[j - 1].x1)]
        i += 1
    return replace(line, words=tuple(words))


def line_chars(line: OcrLine, scale: float, em: float, s: OcrSettings = DEFAULT) -> list[Char]:
    """Chars for one OCR line in PDF points, each word standing on the line's baseline.

    Word boxes of Thai text differ in height (upper and lower marks) while the baseline
    is shared, and the table engine groups lines by box bottoms: the baseline keeps one
    line one line. Tesseract's Thai "words" are syllables with small gaps between them,
    which the engine's own gap rule would take for spaces: a gap wider than ``space_gap``
    em (``em`` is in pixels) and than the line's usual gap gets a space character (as wide
    as a space: the gap may be a column gutter), every narrower one is closed.
    """
    size = em / scale
    usual = s.space_over_gap * _median_gap(line, s)
    out: list[Char] = []
    base = -1  # index in out of the last character that is not a combining mark
    right = 0.0  # right edge of the ink so far on this line (a mark may stick out of its base)
    texts = [w.text for w in line.words]
    for k, w in enumerate(line.words):
        bottom = line.baseline_at((w.x0 + w.x1) / 2) / scale
        if base >= 0:
            gap = w.x0 - right
            if _spaced(texts[:k], texts[k:], gap, em, usual, s):
                # a space glyph's width, not the gap's: a wide gap may be a column gutter. Set on
                # the next word's first letters, so the table engine puts it in that word's column:
                # at a gutter it opens the next cell (and is stripped) instead of ending this one,
                # where a space glyph says the author typed a space at a wrap (cells.join_lines)
                x1 = min(w.x1, w.x0 + s.space_width * em) / scale
                out.append(Char(" ", w.x0 / scale, x1, bottom - size, bottom, size))
            else:  # close it, up to the marks sticking out of the base
                out[base].x1 = max(out[base].x1, w.x0 / scale)
        char = Char(w.text, w.x0 / scale, w.x1 / scale, bottom - size, bottom, size)
        if not char.is_mark:
            base = len(out)
        out.append(char)
        right = max(right, w.x1)
    return out


def _spaced(before: list[str], after: list[str], gap: float, em: float, usual: float, s: OcrSettings) -> bool:
    """Is the gap (pixels) between two OCR words a typed space?

    Between a Thai letter and a number a space is typed whatever the gap looks like: Thai
    official writing sets numbers apart ("เมื่อ 25 ม.ค. 66", "รอบ 6 เดือน"; the text layers of
    ``../shared/corpus/real-text``: 3,841 spaced against 180 joined, most of those in broken
    layers; every truth file of the samples and the synthetic corpus spaces them), and the
    boxes of digits read again by their shapes (``mend``) often reach into the gap. Elsewhere
    the gap decides: wider than ``space_gap_thai`` em between two Thai letters (Thai puts
    spaces between phrases, wide ones), ``space_gap`` em otherwise, and wider than the line's
    usual gap by ``space_over_gap`` (``usual``, pixels); a gap between Thai letters narrower
    than ``space_sure_thai`` em is no space where it splits a dictionary word ("ของอ|งค์การ":
    a title's large letters stand far apart).
    """
    left, right = before[-1][-1], after[0][0]
    if (is_thai_letter(left) and right.isdigit()) or (left.isdigit() and is_thai_letter(right)):
        return True
    thai = is_thai_letter(left) and is_thai_letter(right)
    if gap <= max((s.space_gap_thai if thai else s.space_gap) * em, usual):
        return False
    return not (thai and gap < s.space_sure_thai * em and inside_a_word("".join(before), "".join(after), known=True))


def _median_gap(line: OcrLine, s: OcrSettings) -> float:
    """The usual gap between a line's letters: most gaps in Thai text are inside words."""
    gaps = sorted(b.x0 - a.x1 for a, b in zip(line.words, line.words[1:]) if b.x0 > a.x1)
    return gaps[(len(gaps) - 1) // 2] if len(gaps) >= s.usual_gap_min else 0.0


def line_ems(lines: list[OcrLine], s: OcrSettings = DEFAULT) -> list[float]:
    """Each line's font size in pixels: its own height, kept near the page's usual line height.

    A line of a few short words gets a poor height estimate from Tesseract (no ascenders
    seen, or a stray mark): the page median bounds it.
    """
    usual = _usual_height(lines, s)
    if usual is None:
        heights = sorted(ln.height for ln in lines)
        if not heights:
            return []
        usual = heights[len(heights) // 2]
    low, high = s.em_min_usual * usual, s.em_max_usual * usual
    return [min(max(ln.height, low), high) / s.em_per_line for ln in lines]
