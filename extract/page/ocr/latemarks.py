"""Marks a face drew one letter late, put back on their own letters before the dictionary restores the rest.

A monospaced typewriter face set without Thai shaping gives each mark a cell of its own or
draws it at the pen's position after its letter, so every tone mark and vowel above or below
stands over the *next* letter: "จดั เวทรีบัฟงั" is printed for "จัด เวทีรับฟัง", "ทกุ" for ทุก.
OCR reads the ink faithfully, and the dictionary step (``words.restore_marks``) keeps marks it
read as ink, so the words stay garbled (the third judge set's scan syn00345: its measures and
monitoring matched in no record).

Thai spelling shows such a page: MAI HAN AKAT (ั) always has a final consonant after it, yet
drawn late it lands on a syllable's last letter, with nothing after it or a vowel. A page shows
it ``late_akat_min`` times or more, and as a share ``late_akat_share`` of its AKATs, where every
other development scan shows one at most. On such a page a line is read with each letter's
marks moved back onto the letter before it where the dictionary then covers more of the line's
letters (a title set in another, shaped face keeps its marks where they are).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...thai.dictionary import cut_words, known_words
from .settings import DEFAULT, OcrSettings
from .tesseract import OcrLine
from .words import MARKS

MAI_HAN_AKAT = "\u0e31"


def _consonant(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e2e"


def marks_drawn_late(lines: Sequence[OcrLine], s: OcrSettings = DEFAULT) -> bool:
    """Does the page show marks drawn one letter late: AKATs with no consonant after them, enough of them?"""
    closed = unclosed = 0
    for line in lines:
        text = "".join(w.text for w in line.words)
        for i, ch in enumerate(text):
            if ch != MAI_HAN_AKAT:
                continue
            j = i + 1
            while j < len(text) and text[j] in MARKS:
                j += 1
            if j < len(text) and _consonant(text[j]):
                closed += 1
            else:
                unclosed += 1
    return unclosed >= s.late_akat_min and unclosed >= s.late_akat_share * (closed + unclosed)


def moved_back(pieces: list[str]) -> list[str]:
    """The pieces (one line's OCR words, in order) with each letter's marks moved onto the letter
    before it, where that is a consonant whose own marks moved on already; a mark keeps to its new
    letter's piece. ``moved_back(["จดั", "เวทรีบัฟงั"])`` → ``["จัด", "เวทีรับฟัง"]``."""
    units: list[list[tuple[str, int]]] = []  # a letter and the marks after it, each with its piece
    for k, piece in enumerate(pieces):
        for ch in piece:
            if ch in MARKS and units:
                units[-1].append((ch, k))
            else:
                units.append([(ch, k)])
    for i in range(1, len(units)):
        before, unit = units[i - 1], units[i]
        if len(unit) > 1 and len(before) == 1 and _consonant(before[0][0]) and _consonant(unit[0][0]):
            before += [(ch, before[0][1]) for ch, _ in unit[1:]]
            del unit[1:]
    out = [""] * len(pieces)
    for unit in units:
        for ch, k in unit:
            out[k] += ch
    return out


def _covered(text: str) -> int:
    """Letters of ``text`` inside dictionary words, as pythainlp cuts it."""
    words = known_words()
    return sum(len(w) for w in cut_words(text, keep_whitespace=False) if w in words)


def marks_put_back(lines: list[OcrLine], s: OcrSettings = DEFAULT) -> list[OcrLine]:
    """The page's lines, each read with its marks moved back (``moved_back``) where the page shows
    marks drawn late and the dictionary covers more of the line so; other pages as they are."""
    if not marks_drawn_late(lines, s):
        return lines
    out = []
    for line in lines:
        read = [w.text for w in line.words]
        back = moved_back(read)
        if _covered("".join(back)) > _covered("".join(read)):
            line = replace(line, words=tuple(replace(w, text=t) for w, t in zip(line.words, back)))
        out.append(line)
    return out
