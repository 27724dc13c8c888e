"""What a page's table holds that no record will take, said as notices: columns no field names,
and rows OCR made of paper grain (left out, but never silently: a short Latin word of a cell's own
line would go with them)."""

from __future__ import annotations

from ..errors import Notice
from .columns import Layout
from .rows import LogicalRow
from .vocabulary import TableVocabulary


def unmapped(layout: Layout, rows: list[LogicalRow], vocab: TableVocabulary, page: int) -> tuple[Notice, ...]:
    """Notices for what this table holds that no field takes: a table with none of the kind's key
    columns, and columns with no recognised header whose cells hold text (that text is in no record)."""
    header = " | ".join(c.header.strip() or "?" for c in layout.columns)
    notices = []
    if vocab.keys and not layout.roles() & vocab.keys:
        message = f"a table was found but none of its columns is an issue or code column (header: {header[:120]})"
        notices.append(Notice("table_unmapped", message, page))
    for i, col in enumerate(layout.columns):
        if col.role is None and any(row.cells.get(f"col{i}") for row in rows):
            label = f"'{col.header.strip()[:40]}'" if col.header.strip() else "no header"
            message = f"column {i + 1} of the table ({label}) matches no field; its text is in no record"
            notices.append(Notice("column_unmapped", message, page))
    return tuple(notices)


def without_specks(rows: list[LogicalRow], page: int) -> tuple[list[LogicalRow], tuple[Notice, ...]]:
    """The rows OCR read from print (``LogicalRow.speck`` false), and a notice quoting those it made of
    paper grain or the ends of rules, which are left out."""
    kept = [row for row in rows if not row.speck]
    specks = [" / ".join(row.printed) for row in rows if row.speck]
    if not specks:
        return kept, ()
    quoted = "; ".join(f"'{text[:40]}'" for text in specks[:3]) + (" …" if len(specks) > 3 else "")
    message = f"{len(specks)} table row(s) OCR read as Latin specks left out (no Thai letter, digit or longer word): {quoted}"
    return kept, (Notice("ocr_specks_dropped", message, page),)
