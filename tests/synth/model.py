"""The printed document, as both renderers draw it: paragraphs, page breaks and tables of cells.

A cell may carry a truth ``key`` (``rec:3`` for record 3's cells, ``score:question:I1`` for a printed
score); the renderer reports the pages each key was drawn on, which is how the truth gets its
``page_start``/``page_end`` and each score's ``page`` without reading the PDF back (reportlab) or by
finding the keyed cells' text in order (LibreOffice).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    """One paragraph outside tables. Styles: title, bold (centred), body, intro (first-line indent),
    sign (signature block, right half), memo_title, field (``label\\tvalue``), heading (bold, left)."""

    text: str
    style: str = "body"
    justify: bool = False


@dataclass
class Break:
    """A page break; ``orientation`` switches the following pages to portrait or landscape."""

    orientation: str | None = None


@dataclass
class Gap:
    lines: float = 0.6


@dataclass
class Cell:
    paras: list[str]
    bold: bool = False
    align: str = "left"  # left / center / right
    valign: str = "top"  # top / middle / bottom
    colspan: int = 1
    rowspan: int = 1
    key: str | None = None
    justify: bool = False  # Word's distributed Thai justification on all but a paragraph's last line
    shade: bool = False
    lines: int = 0  # header cells: wrap into about this many lines (0: as the width gives)


@dataclass
class Table:
    """Rows of cells; ``None`` marks a grid slot covered by a span from above or the left."""

    widths: list[float]  # relative column widths
    header: list[list[Cell | None]]
    body: list[list[Cell | None]]
    rules: str = "grid"  # grid / hrules / none
    header_shade: bool = False
    repeat_header: bool = True
    keep_together: bool = False  # small tables with spans: moved whole to the next page when short of room


@dataclass
class Doc:
    font: str
    size: float
    orientation: str  # of the first page
    margins: tuple[float, float, float, float]  # left, right, top, bottom (pt)
    blocks: list[Para | Break | Gap | Table] = field(default_factory=list)
    page_header: str | None = None  # None / "dash" (- ๒ - from page 2 on)
    page_footer: str | None = None  # None / "page" (หน้า N) / "number" (N)
    thai_digits: bool = True
