"""Column names a scan's header misread, taken from what the table shows instead.

OCR misreads header cells past naming their role ("วลา ดา เน้น าร" for ระยะเวลาดำเนินการ, "ประ LAU"
for ประเด็น). The header's other columns, and the last printing of the same table, still say what
such a column is. Used on OCR pages (``TableSettings``' OCR settings) by ``header`` and ``finder``.
"""

from __future__ import annotations

from dataclasses import replace

from ..thai.repair import to_arabic_digits
from .columns import Column, Layout, split_by_columns
from .lines import TextLine
from .marks import ROW_NUMBER
from .settings import TableSettings
from .vocabulary import TableVocabulary


def misread_cell(column: Column, known: Column) -> bool:
    """A column of a repeated printing that names no role where the known column stood and had one.

    The printing repeats the header (most columns spell it again), so a cell that now names
    nothing was misread, not reworded: OCR lost "ระยะ" of "ระยะเวลา" or "ชอบ" of "ผู้รับผิดชอบ" on
    one page's printing (unseen scan syn00135: the timeframe of 8 of 9 records lost).
    """
    return column.role is None and known.role is not None and _same_place(column, known)


def _same_place(column: Column, known: Column) -> bool:
    """Each column's middle inside the other: one column printed twice."""
    return known.x0 <= (column.x0 + column.x1) / 2 <= known.x1 and column.x0 <= (known.x0 + known.x1) / 2 <= column.x1


def named_as_before(columns: tuple[Column, ...], known: tuple[Column, ...]) -> tuple[Column, ...]:
    """A new printing of the last table (as many columns, each where the known one stood, and every
    named column naming the role it named there) with cells OCR misread past naming anything
    ("วลา ดา เน้น าร" for ระยะเวลาดำเนินการ): those columns named as before.

    FY2567 prints one table per issue, each under its own header; a header whose wording OCR
    misread in places is not taken for a repeat of the last (``repeats_header``), yet its
    columns say it is the same table. Taken on OCR pages only (``TableSettings.repeat_alike``).
    """
    if len(columns) != len(known) or not any(misread_cell(c, k) for c, k in zip(columns, known)):
        return columns
    if not all(misread_cell(c, k) or (c.role == k.role and _same_place(c, k)) for c, k in zip(columns, known)):
        return columns
    return tuple(replace(c, role=k.role, header=k.header) if misread_cell(c, k) else c for c, k in zip(columns, known))


KEYLESS_MIN_NAMED = 3  # columns a header must name for its unnamed first column to be the key one


def keyed_first(columns: list[Column], vocab: TableVocabulary) -> list[Column]:
    """A header naming ``KEYLESS_MIN_NAMED`` columns or more but no key column (issue, code), whose
    first column names nothing, has that column for its key: its cell OCR misread ("ประ LAU" for
    ประเด็น). A measures table opens with its issues; without the column the table is dropped whole
    (FY2567 scans in TlwgTypist: every record of the document lost). OCR pages only
    (``TableSettings.join_headerless``)."""
    named = [c for c in columns if c.role]
    if not columns or columns[0].role or len(named) < KEYLESS_MIN_NAMED or any(c.role in vocab.keys for c in named):
        return columns
    return [replace(columns[0], role=vocab.code_roles[0]), *columns[1:]] if vocab.code_roles else columns


NUMBERED_MIN = 2  # row numbers an unnamed first column must hold to be the number column


def numbered_first(layout: Layout, body: list[TextLine], vocab: TableVocabulary, settings: TableSettings) -> Layout:
    """A table whose first column no header cell names ("ลำดับ" left blank, or read as nothing) and
    whose cells there are mostly row numbers (``NUMBERED_MIN`` at least) has it for its number column.

    A row opening with a number is a row of its own, even at a page's head where a row cut by the
    page break would go on; unnamed, the column said nothing, and a row whose number and code OCR
    both misread ("Z", "(5)" for ๒, (I5)) was folded into the last page's row. OCR pages only
    (``TableSettings.join_headerless``)."""
    first = layout.columns[0] if layout.columns else None
    if first is None or first.role or not settings.join_headerless or vocab.number_role in layout.roles():
        return layout
    texts = [part.text.strip() for ln in body if (part := split_by_columns(ln, layout.columns, settings.edge_slack_pt).get(0))]
    numbers = [t for t in texts if ROW_NUMBER.match(to_arabic_digits(t))]
    if len(numbers) < NUMBERED_MIN or 2 * len(numbers) < len([t for t in texts if t]):
        return layout
    return replace(layout, columns=(replace(first, role=vocab.number_role), *layout.columns[1:]))
