"""A score table's question row known by its catalogue wording, where OCR misread or lost its code.

On a scan the code before a question ("I๑", "I๑๔") is the least legible thing in the row: a
serif I reads as "[", "(", "j" or "1", a Thai digit as a Latin letter ("io" for I๑, "in" for
I๓) or as another digit (๔ as ๕), and the 1 of a two-digit number may go with the I ("๔" for
I๑๔). The question's wording after it is a line of well-read Thai, and the catalogue has it.
So where the code read does not say the same as the wording, the wording decides, among the
questions the table's order still allows (``checked``).

Many questions open alike ("บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการ…" for I1 and I2), so a
row is compared over as much of its first line as it has, and a wording must stand out from
the others by ``WORDING_MARGIN``; where two stand equally close, the one the order expects is
taken, or none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...page.ocr.lexicon import key, questions, similarity
from ...thai.codes import MAX_QUESTION
from ...thai.letters import bare
from .labels import Label

WORDING_LETTERS = 24  # letters without marks of a wording a row's first line must hold to be told by it
WORDING_MAX_LETTERS = 90  # compared at most: a first line holds some 30-80 letters of a question
WORDING_MIN = 0.8  # 1 − normalised edit distance, as the scorer measures text
WORDING_MARGIN = 0.08  # the best wording is this much closer than any other, or the order decides
WORDING_REACH = 5  # questions after the expected one a row may be (rows lost before it, unread)
# letters a lost code may leave before the wording, read as letters of their own ("ได้บุคลากร…" for "i๔ บุคลากร…",
# Arundina's i and ๔ read as ได้ with no space after: judge set 7's question tables)
CODE_REMNANT_LETTERS = 2
# what a code's remnant is made of when it is no Thai letter: Latin letters, digits (Arabic once keyed), strokes
_REMNANT = re.compile(r"^[^\u0e01-\u0e2e\u0e40-\u0e44]+")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e\u0e40-\u0e44]")  # a consonant or a vowel a word may open with
CODE_TOKEN_CHARS = 4  # a code as OCR may misread it ("jlo", "๐คู่") is a token this short


def wording_read(text: str) -> str:
    """A row's text as its wording is compared: letters without marks, no spaces, what the code left of
    itself before the first Thai letter dropped ("[๕ บุคลากร…" → "บุคลากร…")."""
    return _REMNANT.sub("", bare(key(text)))[:WORDING_MAX_LETTERS + CODE_REMNANT_LETTERS]


def alike(read: str, code: str) -> float:
    """How close ``read`` (``wording_read``) is to the catalogue wording of ``code`` in any year: the best
    over the wordings, and over the first ``CODE_REMNANT_LETTERS`` letters skipped as the code's remnant.
    Both are cut to the shorter: a first line holds only the start of a question, and an OIT item's
    name ("โครงสร้าง", "Social Network") is shorter than its row may read. 0 where the read covers less
    than ``WORDING_LETTERS`` of the wording (or all of a shorter one): too little to tell."""
    best = 0.0
    for form in _forms(code):
        for skip in range(CODE_REMNANT_LETTERS + 1):
            part = read[skip:]
            if len(part) < min(WORDING_LETTERS, len(form)):
                continue
            size = min(len(part), len(form))
            best = max(best, similarity(part[:size], form[:size]))
    return best


@lru_cache(maxsize=256)
def _forms(code: str) -> tuple[str, ...]:
    """The catalogue wordings of ``code`` in every year, as ``alike`` compares them: letters without marks,
    no spaces, cut to ``WORDING_MAX_LETTERS``. Kept once per code: every scored row of a scanned table
    compares its line with some seven questions' wordings."""
    return tuple(bare(key(wording))[:WORDING_MAX_LETTERS] for wording in questions(code, None))


def by_wording(text: str, letter: str, first: int, last: int, expected: int | None = None) -> str | None:
    """The code, among ``letter`` ``first``..``last``, whose catalogue wording ``text`` opens with: the
    closest at ``WORDING_MIN`` or more, by ``WORDING_MARGIN`` over every other; where several are that
    close, ``expected`` if it is one of them, else None (``alike``: 0 where too little is read)."""
    read = wording_read(text)
    scores = {f"{letter}{n}": alike(read, f"{letter}{n}") for n in range(first, min(last, MAX_QUESTION[letter]) + 1)}
    if not scores or max(scores.values()) < WORDING_MIN:
        return None
    top = max(scores.values())
    close = [code for code, score in scores.items() if score >= top - WORDING_MARGIN]
    if len(close) == 1:
        return close[0]
    wanted = f"{letter}{expected}"
    return wanted if wanted in close else None


def checked(label: Label | None, text: str, expected: tuple[str, int] | None) -> Label | None:
    """A scored row's label checked against its wording, on a page read by OCR.

    A question whose code was read (or put by the order) and whose wording is its catalogue wording
    stays; one whose wording is another question's, from the expected one (``expected``: the order's
    next letter and number) to ``WORDING_REACH`` after it, becomes that question ("[๕ บุคลากรในหน่วยงาน
    ของท่าน มีการเรียกรับ…" read as I5 is I4). A row no label was found for is named so too ("io บุคลากร…"
    for I๑). Indicator, tool and total rows, and rows too short to tell, are left as they are.
    """
    if expected is None or (label is not None and label.level != "question"):
        return label
    if label is not None and alike(wording_read(text), label.code) >= WORDING_MIN:
        return label
    letter, number = expected
    code = by_wording(text, letter, number, number + WORDING_REACH, number)
    if code is None or (label is not None and code == label.code):
        return label
    return Label("question", code, label.rest if label is not None else _after_remnant(text))


def _after_remnant(text: str) -> str:
    """The row's text without what its code was read as: a first token of ``CODE_TOKEN_CHARS`` or fewer with
    a digit or a Latin character in it ("io", "[๕", "๐คู่"), or else anything before the first Thai letter."""
    token, _, rest = text.strip().partition(" ")
    if rest and len(token) <= CODE_TOKEN_CHARS and any(ch.isdigit() or ch.isascii() for ch in token):
        return rest.strip()
    m = _THAI_LETTER.search(text)
    return text[m.start():].strip() if m else text.strip()


def confirmed(label: Label | None, text: str) -> Label | None:
    """A question the table's order gave a line with no score (``labels.next_code``: its score OCR put on a
    line of its own, "๐๑๔ คู่มือหรือมาตรฐานการปฏิบัติงาน" under a lone "๑๐๐.๐๐"), kept only where the
    line also opens with that question's wording: a wrapped line of the row above may start with a
    number too, but not with the next question's words and that number both."""
    if label is None or label.level != "question" or alike(wording_read(text), label.code) < WORDING_MIN:
        return None
    return label
