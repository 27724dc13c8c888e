"""Hand-set glyphs for the table engine's tests: text at known positions, no PDF.

``test_table`` sets a proportional face (a space narrower than a letter), ``test_table_geometry``
a monospaced one too; both set glyphs left to right with combining marks riding on their base.
"""

from __future__ import annotations

from ita_extract.extract.page.page import Char
from ita_extract.extract.table.lines import TextLine, clusters, group_lines

MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"


def set_text(x: float, top: float, text: str, advance: float, size: float, space: float = 1.0) -> list[Char]:
    """``text`` set from ``x`` on a line whose box top is ``top``: each glyph ``advance`` wide, a space
    ``space`` of that, a combining mark on its base with no advance of its own."""
    out: list[Char] = []
    for ch in text:
        if out and ch in MARKS:
            out.append(Char(ch, out[-1].x1, out[-1].x1, top, top + size, size))
            continue
        width = advance * space if ch == " " else advance
        out.append(Char(ch, x, x + width, top, top + size, size))
        x += width
    return out


def one_line(chars: list[Char]) -> TextLine:
    """The one text line these glyphs make."""
    (built,) = group_lines(clusters(chars))
    return built
