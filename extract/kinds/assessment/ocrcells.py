"""Score-table cells OCR joined or parted: a score read into its label cell, a score read as two numbers.

On a page read by OCR the gaps between words decide the cells (``layout.page_lines``), and
OCR's gaps are not the print's: a question's last words and its score may come as one cell
("…ที่ ๘๘.ฒ ๔" reaching into the score column: the table seemed to end there, and the page's
rows were lost), and a score whose point was lost as two ("๘๙ | ๕๒"). Both are put back as the
print has them before the table reader sorts a line's cells.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...thai.repair import to_arabic_digits
from .header import TableLayout
from .labels import misread_score, ocr_score, read_score
from .layout import Line, Segment

SCORE_TOKENS = 3  # a score OCR misread is at most this many words ("๘๙ ด ๓ ฒ" is four: not split off)


def score_apart(line: Line, layout: TableLayout) -> Line:
    """The line with a label cell that runs on past where the score column's header starts and ends in a
    score (read or misread) cut in two: the label's text, and the score as a cell of its own at the end.

    The cut is placed by the share of the text's characters the score holds, and never left of
    the score column's header: the score is the cell's end, the label stays left of the column.
    """
    segments = [part for seg in line.segments for part in _cut(seg, layout)]
    return line if len(segments) == len(line.segments) else Line(line.page, tuple(segments))


def _cut(seg: Segment, layout: TableLayout) -> tuple[Segment, ...]:
    crossing = layout.column_at(seg.x0).role == "label" and seg.x1 > layout.score_x0
    if not crossing or read_score(seg.text) is not None:
        return (seg,)
    words = seg.text.split()
    for k in range(1, min(SCORE_TOKENS, len(words) - 1) + 1):
        tail = " ".join(words[-k:])
        if ocr_score(tail) is None and not misread_score(tail):
            continue
        head = " ".join(words[:-k])
        share = len(tail) / len(seg.text)
        cut = max(seg.x1 - share * (seg.x1 - seg.x0), layout.score_x0)
        return (replace(seg, x1=min(cut, layout.score_x0), text=head, space_after=False),
                replace(seg, x0=cut, text=tail))
    return (seg,)


_INTEGER_PART = re.compile(r"\d{1,3}")
_DECIMALS = re.compile(r"\d{2}")


def point_lost(segments: tuple[Segment, ...], layout: TableLayout) -> list[Segment]:
    """A line's cells, a score OCR read as two numbers in one score cell joined ("๘๙ | ๕๒" → "๘๙.๕๒").

    Scores are printed with two decimals; where OCR loses the point it may leave a gap wide
    enough to part two cells. Two numbers side by side in one score column, the second of
    exactly two digits, are one score (a cell holds one number).
    """
    out: list[Segment] = []
    for seg in segments:
        prev = out[-1] if out else None
        if prev is not None and _halves(prev, seg, layout):
            out[-1] = replace(prev, x1=seg.x1, top=min(prev.top, seg.top), bottom=max(prev.bottom, seg.bottom),
                              text=f"{prev.text}.{seg.text}", space_after=seg.space_after)
        else:
            out.append(seg)
    return out


def _halves(left: Segment, right: Segment, layout: TableLayout) -> bool:
    column = layout.column_at(left.mid_x)
    return (column.role in ("score", "tool_score") and layout.column_at(right.mid_x) is column
            and _INTEGER_PART.fullmatch(to_arabic_digits(left.text)) is not None
            and _DECIMALS.fullmatch(to_arabic_digits(right.text)) is not None)
