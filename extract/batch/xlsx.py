"""The combined table as a workbook a person can read at once: widths, wrapped text, a filter.

openpyxl's defaults give every column 8.43 characters and one line per row, so a Thai
issue of 200 characters shows as a sliver and a list of measures (joined with newlines)
as its first item only. Here each column is as wide as its text up to a limit, longer
text and lists wrap inside the cell, rows align at the top, the header is bold, frozen
and carries an autofilter, and dates are dates (``yyyy-mm-dd``) that sort and filter as
dates. The sheet is written in openpyxl's write-only mode, so 100,000 rows stream out
without building the whole workbook in memory.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

SHEET_NAME = "records"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class SheetLayout:
    """Column widths in Excel's unit (the width of one digit of the default font)."""

    min_width: float = 6.0  # a yes/no or a two-digit column stays readable
    max_width: float = 60.0  # wider text wraps: issues and measures run to hundreds of characters
    padding: float = 2.0  # room for the autofilter's arrow in the header
    date_width: float = 10.0  # yyyy-mm-dd
    sample_rows: int = 5000  # widths from the first rows: enough to see each column's text, bounded time
    clipped: tuple[tuple[str, float], ...] = (("sha256", 16.0),)  # shown by its start: a hash is not read whole


def text_width(text: str) -> int:
    """Columns ``text``'s longest line takes: Thai marks above and below a letter take none.

    ``"ผู้รับผิดชอบ"`` is 12 code points but 8 wide: ู ้ ั and ิ sit on their consonants.
    """
    return max((sum(1 for ch in line if not _zero_width(ch)) for line in text.split("\n")), default=0)


def _zero_width(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Cf")


def column_widths(header: Sequence[str], rows: Sequence[Sequence[Any]], layout: SheetLayout) -> list[float]:
    """Each column as wide as its widest cell (header included), between the layout's limits."""
    widths = [float(text_width(name)) for name in header]
    for row in rows[: layout.sample_rows]:
        for i, value in enumerate(row):
            if isinstance(value, date):
                need = layout.date_width
            elif value is None:
                continue
            else:
                need = float(text_width(str(value)))
            widths[i] = max(widths[i], need)
    fixed = dict(layout.clipped)
    return [
        fixed.get(name, min(layout.max_width, max(layout.min_width, w + layout.padding)))
        for name, w in zip(header, widths)
    ]


def column_letter(index: int) -> str:
    """Excel's name of the 0-based column ``index``: 0 → A, 25 → Z, 26 → AA."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


@dataclass(frozen=True)
class _Styles:
    """Three cell styles, made once: setting a style on each of a million cells costs a hash
    lookup each (ten times the plain write); copying a made style's index array does not."""

    top: Any
    wrapped: Any
    dated: Any


def _styles(ws: Any) -> _Styles:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    top, wrapped, dated = (WriteOnlyCell(ws) for _ in range(3))
    top.alignment = Alignment(vertical="top")  # a row is as tall as its longest list: all cells start at its top
    wrapped.alignment = Alignment(vertical="top", wrap_text=True)
    dated.alignment, dated.number_format = Alignment(vertical="top"), DATE_FORMAT
    return _Styles(top, wrapped, dated)


def _cell(ws: Any, value: Any, wrap_at: float, styles: _Styles) -> Any:
    """A cell styled for its value: text wider than ``wrap_at`` (0 = never) or of several lines wraps."""
    from openpyxl.cell import WriteOnlyCell

    out = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and wrap_at:
        # len() bounds the width from above, so only long text is measured
        long_text = "\n" in value or (len(value) > wrap_at and text_width(value) > wrap_at)
        style = styles.wrapped if long_text else styles.top
    else:
        style = styles.dated if isinstance(value, date) else styles.top
    out._style = copy(style._style)
    return out


def _header(ws: Any, header: Sequence[str]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cells = []
    for name in header:
        title = WriteOnlyCell(ws, value=name)
        title.font, title.alignment = Font(bold=True), Alignment(vertical="top")
        cells.append(title)
    return cells


def write_sheet(
    target: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    layout: SheetLayout = SheetLayout(),
    sheet: str = SHEET_NAME,
) -> None:
    """Write ``rows`` (cell values openpyxl accepts) under a bold, frozen, filterable header."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"  # the header stays in view while scrolling
    widths = column_widths(header, rows, layout)
    for i, width in enumerate(widths):  # set before the first row: write-only mode streams rows out
        ws.column_dimensions[column_letter(i)].width = width
    clipped = dict(layout.clipped)
    wrap_at = [0.0 if name in clipped else width - layout.padding for name, width in zip(header, widths)]
    styles = _styles(ws)
    ws.append(_header(ws, header))
    for row in rows:
        ws.append([_cell(ws, v, w, styles) for v, w in zip(row, wrap_at)])
    ws.auto_filter.ref = f"A1:{column_letter(len(header) - 1)}{len(rows) + 1}"
    wb.save(target)
