"""A page's furniture (page numbers in the header or footer band) taken out of the lines a table is read from.

Word and LibreOffice print a page number on every page: "หน้า ๓" at the foot, "- ๓ -"
centred at the head, or a bare "๓". To the table engine such a line looks like one
more row (a record "3") or the tail of the last cell ("… ๒๕๖๘ หน้า"), and a number
at the head of the next page makes the last row run on to it (``page_end`` one page
too far). A page number is known by rule, page by page, with no memory of other pages:

- it is among the first or last lines of the page, in the top or bottom margin band;
- it is no table cell: no ruling line runs above and below it across its position;
- its text is a page number: ``หน้า N``, ``หน้าที่ N``, ``หน้า N/M``, ``- N -`` (or with one
  dash lost, ``N -``), ``N/M``; a bare ``N``, bare dashes (a number OCR lost), or ``- N -`` as OCR
  may leave it otherwise (``-]``, ``Ae``), only where page
  numbers stand (centred, or at the right edge), never at the left where a row number would be.

>>> FurnitureSettings().is_page_number("หน้า ๑๒")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..page.page import Page, Rule
from .lines import TextLine

_NUMBER = r"[0-9๐-๙]{1,4}"
PAGE_NUMBER = re.compile(
    rf"^(?:(?:หน้า(?:ที่)?|page)\s*{_NUMBER}(?:\s*(?:/|จาก|of)\s*{_NUMBER})?"  # หน้า ๓, หน้าที่ 3, หน้า 3/12, Page 3 of 12
    rf"|[-–—]\s*{_NUMBER}\s*[-–—]"  # - ๓ -
    rf"|[-–—=]\s*{_NUMBER}|{_NUMBER}\s*[-–—=]"  # - ๓ - with one dash lost to OCR ("6 -", "9 —": devs7n scan syn00057)
    rf"|{_NUMBER}\s*/\s*{_NUMBER})$",  # 3/12
    re.IGNORECASE,
)
BARE_NUMBER = re.compile(r"^[0-9๐-๙]{1,3}$")  # a bare four-digit number is a year (๒๕๖๗), not a page
# "- ๖ -" as OCR reads it on a scan: a dash lost ("- 6", "-4"), the number misread ("-]"), or the
# whole of it read as Latin letters ("Ae"). No Thai letter, four characters at most, a dash at one
# end or no digit at all; a page number only where a bare one would be.
# A dash may be read "=" as in PAGE_NUMBER ("Sof=" for "- ๗ -", TH Kodchasal: it stood as a row at the page's head).
DASHED = re.compile(r"^(?:[-–—=][^\u0e01-\u0e4e]{1,3}|[^\u0e01-\u0e4e]{1,3}[-–—=]|[^\u0e01-\u0e4e0-9๐-๙]{1,3})$")
# dashes alone: "- ๔ -" whose number OCR lost ("=" read over the page number of devs7n scan syn00057, which
# then stood as a row of its own at the page's head and kept the row the page break cut from its rest)
BARE_DASHES = re.compile(r"^[-–—=]{1,3}$")


@dataclass(frozen=True)
class FurnitureSettings:
    """Where page furniture stands, as shares of the page (units: share of page height or width)."""

    band: float = 0.12  # header and footer sit in the outer 12 % of the height (A4 margins 25-40 mm: 7-11 %)
    centre_share: float = 0.15  # a bare number within this share of the width from the centre is centred …
    right_share: float = 0.8  # … or it ends right of this share of the width (a right-aligned footer)
    near_lines: int = 3  # a bare number lined up with a cell of this many lines next to it is that cell's
    align_pt: float = 1.0  # … lined up: starting this close to the cell's text

    def is_page_number(self, text: str) -> bool:
        """A line's text that can only be a page number.

        ``"หน้า ๓"``, ``"- 3 -"``, ``"3/12"`` → True; ``"๓"`` → False (a bare number
        needs its place on the page too); ``"ภายใน 15 วัน"`` → False. Spaces do not count:
        monospaced faces show gaps inside words ("หน้ า 1", TlwgMono).
        """
        return bool(PAGE_NUMBER.match("".join(text.split())))

    def in_band(self, line: TextLine, page: Page) -> bool:
        """The line lies in the top or bottom margin band."""
        return line.bottom <= self.band * page.height or line.top >= (1 - self.band) * page.height

    def placed_as_page_number(self, line: TextLine, page: Page) -> bool:
        """A bare number set where page numbers go: centred on the page or at its right edge."""
        centred = abs((line.x0 + line.x1) / 2 - page.width / 2) <= self.centre_share * page.width
        return centred or line.x1 >= self.right_share * page.width


DEFAULT_FURNITURE = FurnitureSettings()


def without_furniture(lines: list[TextLine], page: Page, settings: FurnitureSettings = DEFAULT_FURNITURE) -> list[TextLine]:
    """The page's lines without the page numbers at its head and foot (see the module's rules).

    Only the outermost lines are looked at, from the top down and from the bottom up,
    so a number in the body of the page is never taken.
    """
    hrules = page.hrules()
    start, end = 0, len(lines)
    reach = settings.near_lines
    while start < end and is_furniture(lines[start], page, hrules, settings, lines[start + 1 : start + 1 + reach]):
        start += 1
    while end > start and is_furniture(lines[end - 1], page, hrules, settings, lines[max(start, end - 1 - reach) : end - 1]):
        end -= 1
    return lines[start:end]


def is_furniture(line: TextLine, page: Page, hrules: list[Rule], settings: FurnitureSettings = DEFAULT_FURNITURE,
                 near: list[TextLine] = ()) -> bool:
    """One line that is a page number: in the margin band, in no ruled cell, worded or placed as one.

    A bare number set where the text of the lines ``near`` it starts a cell is that cell's
    last line (a date "๑๑/๐๘/๒๕๖๘" wrapped to "๑" at the foot of a table's right column).
    """
    if not settings.in_band(line, page) or _between_rules(line, hrules):
        return False
    text = line.squeezed
    if settings.is_page_number(text):
        return True
    if any(abs(seg.x0 - line.x0) <= settings.align_pt for ln in near for seg in ln.cells):
        return False
    return bool(BARE_NUMBER.match(text) or BARE_DASHES.match(text) or DASHED.match(text)) and settings.placed_as_page_number(line, page)


def _between_rules(line: TextLine, hrules: list[Rule]) -> bool:
    """A ruling line runs across the line's middle both above and below it: it is inside a ruled table."""
    mid = (line.x0 + line.x1) / 2
    across = [r for r in hrules if r.start <= mid <= r.end]
    return any(r.pos <= line.top for r in across) and any(r.pos >= line.bottom for r in across)
