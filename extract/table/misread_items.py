"""A cell's numbered items where OCR misread a number of them.

``cells.split_items`` counts only the sequence 1, 2, 3 … from the start of the cell, so that a
year, an amount or "ข้อ 2" is never taken for an item. On a scan that sequence breaks where
Tesseract misreads a marker: its Thai model has no ``๔ ๖ ๗ ๘ ๙`` (``page.ocr.digits``) and reads
``๔.`` as ``๕.``, and the first marker, at the cell's corner, is often read as anything
(``9.``, ``@.`` for ``๑.``). One misread marker then leaves the rest of the list run together
in one item, and the field fails whole. Here the sequence may pass over such misreads, but only
where a marker opens a line (as each item of a list does): a marker inside running text must
still be the number expected.
"""

from __future__ import annotations

import re

from ..page.ocr.digits import UNREADABLE  # a marker standing for one of them is read as another
from ..thai.repair import to_arabic_digits

# The first item's marker as OCR may leave it: one or two characters of anything and its dot or bracket.
FIRST = re.compile(r"^\(?\S{1,2} ?[.)]\s+")


def misread_items(text: str, marker: re.Pattern[str]) -> list[str] | None:
    """The items of ``text`` (lines joined by ``\\n``), numbered by ``marker`` (group 1 the number;
    ``cells.ITEM``) where it opens a line, in
    the sequence 1, 2, 3 … where a misread marker stands for its number: the first marker may
    be any one or two characters, a later one a Thai number read in place of one Tesseract
    cannot output. None when fewer than two items are found this way."""
    first = marker.match(text) or FIRST.match(text)
    if first is None:
        return None
    items: list[str] = []
    start, expected = first.end(), 2
    for m in marker.finditer(text, first.end()):
        if m.start() and text[m.start() - 1] != "\n":
            continue  # inside a line: a year, an amount, a reference
        if _stands_for(m.group(1), expected):
            items.append(text[start : m.start()])
            start, expected = m.end(), expected + 1
    items.append(text[start:])
    return items if len(items) >= 2 else None


def _stands_for(read: str, expected: int) -> bool:
    """A marker's number read as ``expected``, or, in Thai digits, as a misreading of it: as many
    digits, differing only where ``expected`` has a digit Tesseract cannot output."""
    wanted, arabic = str(expected), to_arabic_digits(read)
    if arabic == wanted:
        return True
    if read.isascii() or len(arabic) != len(wanted):
        return False
    return all(a == b or b in UNREADABLE for a, b in zip(arabic, wanted))
