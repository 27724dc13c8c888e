"""Characters → glyph clusters → text lines, keeping the spaces the author typed.

pdfplumber's own ``extract_text`` sorts characters by x, which scatters Thai combining
marks (drawn with zero width at their base's right edge) and cannot tell a line wrap
from a typed space. Here a mark always stays on the base before it in content-stream
order, lines are grouped by vertical position, and a space is emitted only where the
PDF has a space glyph or a visible gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from ..page.page import Char, is_mark_text
from ..thai.repair import repair_thai_text
from .gaps import spaces_between
from .marks import is_section_text, is_signature_text, opens_body
from .settings import DEFAULT, TableSettings


class once:  # noqa: N801 - used as a decorator, as functools.cached_property is
    """``functools.cached_property`` without its lock: the value is worked out on first access and
    kept in the instance's ``__dict__``, where later reads find it without calling this.

    Python 3.11's ``cached_property`` takes an ``RLock`` at every first access (3.12 dropped it:
    it serialised all instances); a pass over the samples and synthetic set makes some 150,000 first accesses on
    the lines and pieces of its pages, each read by one thread.
    """

    def __init__(self, func: Any) -> None:
        self.func, self.attrname, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.attrname = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


@dataclass(slots=True)
class Cluster:
    """A base character with the combining marks drawn on it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    order: int = 0

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


def clusters(chars: Iterable[Char]) -> list[Cluster]:
    """Attach each combining mark to the base character before it in stream order."""
    out: list[Cluster] = []
    last: Cluster | None = None  # the cluster a mark would join: the last one, unless it is a space
    for ch in chars:
        text = ch.text
        if last is not None and is_mark_text(text):
            last.text += text
            continue
        last = Cluster(text, ch.x0, ch.x1, ch.top, ch.bottom, ch.size, len(out))
        out.append(last)
        if text.isspace():
            last = None
    return out


class TextLine:
    """Clusters sharing a baseline, left to right, with the facts later steps ask of it worked out once.

    A line is asked the same questions many times (its cells, its repaired text, whether
    it opens a body row); each is computed on first use and kept. The pieces cut from one
    page line (its cells, their parts in each column) share one table of rendered texts:
    a cell that is a whole line, or a column's part that is a whole cell, is the same run
    of clusters, and is rendered once (12,250 of 27,850 renders on samples + synthetic were such repeats).
    """

    def __init__(self, items: list[Cluster], texts: dict[tuple[int, ...], str] | None = None) -> None:
        self.items = items
        # Rendered text by the ids of the clusters rendered. Every piece holds clusters of the
        # page line it was cut from, all alive while any piece is, so an id names one cluster.
        # Made on first use, as are the caches below: a page makes tens of thousands of lines
        # and pieces, and every dict more is garbage the collector walks.
        self._texts = texts

    def _shared_texts(self) -> dict[tuple[int, ...], str]:
        if self._texts is None:
            self._texts = {}
        return self._texts

    @once
    def parts(self) -> dict[object, dict[int, TextLine]]:
        """split_by_columns' answers, per set of columns."""
        return {}

    @once
    def _segments(self) -> dict[float, list[TextLine]]:
        return {}

    def __repr__(self) -> str:
        return f"TextLine({self.text!r})"

    @once
    def x0(self) -> float:
        return min(c.x0 for c in self.items)

    @once
    def x1(self) -> float:
        return max(c.x1 for c in self.items)

    @once
    def top(self) -> float:
        return min(c.top for c in self.items)

    @once
    def bottom(self) -> float:
        return max(c.bottom for c in self.items)

    @once
    def size(self) -> float:
        sizes = sorted(c.size for c in self.items)
        return sizes[len(sizes) // 2]

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def ends_with_space(self) -> bool:
        """A trailing space glyph means the author typed a space where the line wrapped."""
        return self.items[-1].is_space

    @once
    def text(self) -> str:
        texts = self._shared_texts()
        key = tuple(map(id, self.items))
        text = texts.get(key)
        if text is None:
            text = texts[key] = render(self.items).strip()
        return text

    def piece(self, items: list[Cluster]) -> TextLine:
        """A line of some of this line's clusters (a cell, a column's part), sharing its rendered texts."""
        return TextLine(items, self._shared_texts())

    @once
    def repaired(self) -> str:
        """The text with the Thai layer repaired (PUA, SARA AM, mark order)."""
        return repair_thai_text(self.text)

    @once
    def squeezed(self) -> str:
        """Repaired text without whitespace, as header wordings are matched."""
        return "".join(self.repaired.split())

    def segments(self, gap_em: float = DEFAULT.cell_gap_em) -> list[TextLine]:
        """Split where the horizontal gap is wider than ``gap_em``: pieces in different columns."""
        if gap_em not in self._segments:
            self._segments[gap_em] = [self.piece(p) for p in _pieces(self.items, gap_em) if p]
        return self._segments[gap_em]

    @once
    def cells(self) -> list[TextLine]:
        """The line's pieces at the default cell gap."""
        return self.segments()

    @once
    def starts_body(self) -> bool:
        """The line opens with what only body rows carry: a row or item number, or an indicator code."""
        return opens_body(self.cells[0].repaired.strip())

    @once
    def is_section(self) -> bool:
        """A section row (a tool's heading across the table)."""
        return is_section_text(self.repaired, len(self.cells) == 1)

    @once
    def is_signature(self) -> bool:
        """The line opens a signature block."""
        return is_signature_text(self.repaired)

    @once
    def looks_like_body(self) -> bool:
        """A section row, or any cell opening like a body row: a header never holds one."""
        return self.is_section or any(opens_body(seg.repaired) for seg in self.cells)


def _pieces(items: list[Cluster], gap_em: float) -> list[list[Cluster]]:
    pieces: list[list[Cluster]] = []
    last_x1 = None
    for c in items:
        if c.text.isspace():  # Cluster.is_space, asked of every glyph of every line: the property call costs
            if pieces:
                pieces[-1].append(c)
            continue
        if last_x1 is None or c.x0 - last_x1 > gap_em * c.size:
            pieces.append([])
        pieces[-1].append(c)
        last_x1 = c.x1
    return pieces


def render(items: list[Cluster]) -> str:
    """Cluster texts joined, with one space wherever a space glyph or a typed space's gap is.

    Which gaps are spaces is decided in ``gaps``: a justified line's spread is not a space.
    """
    spaced = spaces_between(items)
    parts: list[str] = []
    for i, c in enumerate(items):
        if c.text.isspace():  # Cluster.is_space, inlined as in _pieces
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        parts.append(c.text)
        if i in spaced:
            parts.append(" ")
    return "".join(parts)


def group_lines(items: Iterable[Cluster], settings: TableSettings = DEFAULT) -> list[TextLine]:
    """Group clusters into lines by box bottom, top to bottom, each ordered left to right.

    Bottoms, not middles: glyph boxes differ in height (SARA AM, leading vowels in
    pdfium's boxes) but share the baseline, so the bottom of a box is the stable key.
    """
    rows: list[list[Cluster]] = []
    key, tol = 0.0, settings.line_tol_em
    for c in sorted(items, key=attrgetter("bottom")):
        if rows and abs(c.bottom - key) <= tol * c.size:
            rows[-1].append(c)
            continue
        rows.append([c])
        key = c.bottom
    lines = []
    for row in rows:
        row = _left_to_right(row, settings)
        while row and row[0].is_space:
            row.pop(0)
        if row:
            lines.append(TextLine(row))
    return lines


def _left_to_right(row: list[Cluster], settings: TableSettings) -> list[Cluster]:
    """Order a line's clusters: stream order within each run of text, runs by x.

    Sorting glyphs by x alone breaks Thai where boxes overlap (SARA AM drawn over its
    consonant, ActualText spans), while stream order alone breaks when a producer draws
    a table's cells out of order. Runs of stream-consecutive, forward-moving glyphs keep both.
    """
    row = sorted(row, key=attrgetter("order"))
    runs: list[list[Cluster]] = []
    back, gap = settings.run_back_pt, settings.run_gap_em
    prev = None
    for c in row:
        if prev is None or c.order != prev.order + 1 or c.x0 < prev.x0 - back or c.x0 - prev.x1 > gap * c.size:
            runs.append([c])
        else:
            runs[-1].append(c)
        prev = c
    runs.sort(key=_run_x)
    return [c for run in runs for c in run]


def _run_x(run: list[Cluster]) -> float:
    """Where a run starts: its leftmost glyph that is not a space (a run of spaces: its first)."""
    xs = [c.x0 for c in run if not c.text.isspace()]
    return min(xs) if xs else run[0].x0
