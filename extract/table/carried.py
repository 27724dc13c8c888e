"""Does a page go on with the last page's table? Its lines in the table's columns, prose across them.

A page break cuts a row anywhere: its rest opens the next page, under a repeated header, under
none, or above the next table's title and header (FY2567 prints a table per issue, several to a
page). Lines set in the last table's columns go on with it; a line running across a column
boundary as one piece (a title, a closing paragraph) is prose and ends them.
"""

from __future__ import annotations

from itertools import takewhile

from .columns import Layout, split_by_columns
from .lines import TextLine
from .settings import TableSettings


def carried_lines(above: list[TextLine], prev: Layout, settings: TableSettings) -> list[TextLine]:
    """The lines opening a page, above its first header, that go on with the last page's table.

    They stop at the first line that is prose across the table's columns (the next table's title).
    """
    body = list(takewhile(lambda ln: inside(ln, prev, settings) and not ln.is_section
                          and not any(straddles(seg, prev, settings) for seg in ln.cells), above))
    return body if body and fits(body, prev, settings) else []


def continues_above(above: list[TextLine], layout: Layout, settings: TableSettings) -> bool:
    """Rows of the last page's table above a would-be header: it is body text, not a header.

    A repeated header is the first thing in the table on its page; only a running title
    or page number (one piece of text, even one set across a column boundary) may stand above it.
    """
    slack = settings.edge_slack_pt
    return any(inside(ln, layout, settings) and len(ln.cells) >= 2 and len(split_by_columns(ln, layout.columns, slack)) >= 2
               for ln in above)


def straddles(seg: TextLine, layout: Layout, settings: TableSettings) -> bool:
    """One piece of text crossing a column boundary by more than a letter or two."""
    reach = settings.straddle_em * seg.size
    return any(seg.x0 < c.x1 - reach and seg.x1 > c.x1 + reach for c in layout.columns[:-1])


def inside(line: TextLine, layout: Layout, settings: TableSettings) -> bool:
    """Some of the line lies between the table's outer edges."""
    return line.x1 > layout.x0 - settings.edge_slack_pt and line.x0 < layout.x1 + settings.edge_slack_pt


def fits(body: list[TextLine], layout: Layout, settings: TableSettings) -> bool:
    """A page without a header continues the table only if its text sits in the same columns.

    A line running across column boundaries as one piece (a centred closing line, a
    paragraph) is prose, so it says nothing for the table. A row may go on in one column
    only (the others ended on the last page): then the page must open with it.
    """
    cells = [ln for ln in body if not any(straddles(seg, layout, settings) for seg in ln.cells)]
    used = {i for ln in cells for i in split_by_columns(ln, layout.columns, settings.edge_slack_pt)}
    opens = bool(cells) and cells[0] is body[0]
    return len(used) >= 2 or (len(used) == 1 and opens) or any(ln.is_section for ln in body)
