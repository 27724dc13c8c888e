"""Header pieces over pieces: which cell of a header spans sub-columns, which is one centred cell
read in pieces, and which column no header cell stands over (part of its neighbour). Pieces are the
cells of a line (``TextLine.segments``) as (middle, x0, x1).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from .columns import Column
from .lines import TextLine
from .settings import DEFAULT, TableSettings
from .vocabulary import TableVocabulary


def spans_below(seg: TextLine, below: list[TextLine], gap_em: float = DEFAULT.cell_gap_em) -> bool:
    """A header piece lying over two or more pieces side by side below it: a cell spanning sub-columns.

    Over means their middles lie under it: a short cell merely touching two long pieces (a
    section row set in a spaced face, cut at its gaps) spans nothing. Side by side means
    sharing no x, on one line or on two: sub-column cells centred vertically start on
    different lines ("ขั้นตอน/" one line below "ผู้รับผิด"), while the words of one cell
    wrapped onto the next line stand over each other, or centred on its own axis (a wrapped
    centred cell's last letter "บ" under "หน่วยงาน", beside a piece OCR read of the line between).
    """
    middle = (seg.x0 + seg.x1) / 2
    pieces = [p for p in _pieces(below, gap_em) if abs(p[0] - middle) > DEFAULT.centred_pt]
    return lies_over(seg.x0, seg.x1, pieces)


def one_centred_cell(seg: TextLine, below: list[TextLine], gap_em: float = DEFAULT.cell_gap_em) -> bool:
    """A header piece with a piece below centred on its axis and spanning nothing: the lines of one
    centred cell ("หน่วยงาน" over its last letter "บ"), whatever else OCR read beside them."""
    middle = (seg.x0 + seg.x1) / 2
    centred = any(abs(p[0] - middle) <= DEFAULT.centred_pt for p in _pieces(below, gap_em))
    return centred and not spans_below(seg, below, gap_em)


Piece = tuple[float, float, float]  # a piece of a line: (middle, x0, x1)


def _pieces(lines: Sequence[TextLine], gap_em: float) -> list[Piece]:
    """The pieces of ``lines``, as (middle, x0, x1), sorted: :func:`lies_over` finds those under a span by bisection."""
    return sorted(((s.x0 + s.x1) / 2, s.x0, s.x1) for ln in lines for s in ln.segments(gap_em))


def pieces_below(window: list[TextLine], gap_em: float) -> list[list[Piece]]:
    """For each line of ``window``, the pieces of the lines below it (``_pieces(window[k + 1:])``), built
    bottom up once: the header search asks this of every piece of every window (37,000 times a pass)."""
    out: list[list[Piece]] = []
    acc: list[Piece] = []
    for ln in reversed(window):
        out.append(acc)
        acc = sorted(acc + _pieces([ln], gap_em))
    return out[::-1]


def lies_over(left: float, right: float, pieces: list[Piece]) -> bool:
    """Do two of the ``pieces`` (sorted) whose middles lie within [left, right] share no x?

    They do exactly when the leftmost right edge among them lies left of the rightmost left
    edge (one piece never ends before it starts): one pass over those pieces, not every pair.
    """
    first_end, last_start = float("inf"), float("-inf")
    for mid, x0, x1 in pieces[bisect_left(pieces, (left,)) :]:
        if mid > right:
            break
        first_end, last_start = min(first_end, x1), max(last_start, x0)
    return first_end < last_start


def headerless_joined(columns: list[Column], header_lines: list[TextLine], vocab: TableVocabulary,
                       settings: TableSettings) -> list[Column]:
    """A column no header cell stands over, left of a code column whose header is centred over the
    two, is part of that column: OCR, with no space glyphs, finds a gutter between a cell's code and
    its text ("O๑๘ | แผนการใช้จ่ายงบ") and a cell's wrapped lines start under its code (devs7n scan
    syn00049: every code in a column of its own, no record coded, rows merged). Header pieces across
    a column boundary (a section row read with the header) stand over no one column."""
    out: list[Column] = []
    for col in reversed(columns):
        right = out[-1] if out else None
        if (right is not None and col.role is None and right.role in vocab.code_roles
                and not _pieces_within(header_lines, col.x0, col.x1, settings)
                and _centred_over(_pieces_within(header_lines, right.x0, right.x1, settings), col.x0, right)):
            out[-1] = replace(right, x0=col.x0)
            continue
        out.append(col)
    return out[::-1]


def _pieces_within(header_lines: list[TextLine], x0: float, x1: float, settings: TableSettings) -> list[TextLine]:
    """The header pieces set wholly between ``x0`` and ``x1``."""
    slack = settings.edge_slack_pt
    return [seg for ln in header_lines for seg in ln.cells if x0 - slack <= seg.x0 and seg.x1 <= x1 + slack]


def _centred_over(pieces: list[TextLine], x0: float, column: Column) -> bool:
    """Are the column's header pieces centred nearer the span from ``x0`` to its right edge than on
    the column itself?"""
    if not pieces:
        return False
    centre = (min(p.x0 for p in pieces) + max(p.x1 for p in pieces)) / 2
    return abs(centre - (x0 + column.x1) / 2) < abs(centre - (column.x0 + column.x1) / 2)
