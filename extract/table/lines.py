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

from ..page.page import Char

LINE_TOL = 0.3  # em: clusters whose box bottoms (baseline + descent) differ by less share a line
SPACE_GAP = 0.22  # em: a gap wider than this between glyphs is a space the PDF did not draw


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
    for ch in chars:
        if ch.is_mark and out and not out[-1].is_space:
            out[-1].text += ch.text
            continue
        out.append(Cluster(ch.text, ch.x0, ch.x1, ch.top, ch.bottom, ch.size, len(out)))
    return out


@dataclass
class TextLine:
    """Clusters sharing a baseline, left to right."""

    items: list[Cluster]

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.items)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.items)

    @property
    def top(self) -> float:
        return min(c.top for c in self.items)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.items)

    @property
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

    @property
    def text(self) -> str:
        return render(self.items).strip()

    def segments(self, gap_em: float = 0.9) -> list[TextLine]:
        """Split where the horizontal gap is wider than ``gap_em``: pieces in different columns."""
        pieces: list[list[Cluster]] = []
        last_x1 = None
        for c in self.items:
            if c.is_space:
                if pieces:
                    pieces[-1].append(c)
                continue
            if last_x1 is None or c.x0 - last_x1 > gap_em * c.size:
                pieces.append([])
            pieces[-1].append(c)
            last_x1 = c.x1
        return [TextLine(p) for p in pieces if p]


def render(items: list[Cluster]) -> str:
    """Cluster texts joined, with one space wherever a space glyph or a visible gap is."""
    parts: list[str] = []
    prev: Cluster | None = None
    for c in items:
        if c.is_space:
            if parts and parts[-1] != " ":
                parts.append(" ")
            prev = c
            continue
        if prev is not None and not prev.is_space and c.x0 - prev.x1 > SPACE_GAP * c.size and parts[-1] != " ":
            parts.append(" ")
        parts.append(c.text)
        prev = c
    return "".join(parts)


def group_lines(items: Iterable[Cluster]) -> list[TextLine]:
    """Group clusters into lines by box bottom, top to bottom, each ordered left to right.

    Bottoms, not middles: glyph boxes differ in height (SARA AM, leading vowels in
    pdfium's boxes) but share the baseline, so the bottom of a box is the stable key.
    """
    rows: list[list[Cluster]] = []
    keys: list[float] = []
    for c in sorted(items, key=lambda c: c.bottom):
        if rows and abs(c.bottom - keys[-1]) <= LINE_TOL * c.size:
            rows[-1].append(c)
            continue
        rows.append([c])
        keys.append(c.bottom)
    lines = []
    for row in rows:
        row = _left_to_right(row)
        while row and row[0].is_space:
            row.pop(0)
        if row:
            lines.append(TextLine(row))
    return lines


def _left_to_right(row: list[Cluster]) -> list[Cluster]:
    """Order a line's clusters: stream order within each run of text, runs by x.

    Sorting glyphs by x alone breaks Thai where boxes overlap (SARA AM drawn over its
    consonant, ActualText spans), while stream order alone breaks when a producer draws
    a table's cells out of order. Runs of stream-consecutive, forward-moving glyphs keep both.
    """
    row = sorted(row, key=lambda c: c.order)
    runs: list[list[Cluster]] = []
    for c in row:
        prev = runs[-1][-1] if runs else None
        if prev is None or c.order != prev.order + 1 or c.x0 < prev.x0 - 0.5 or c.x0 - prev.x1 > 1.5 * c.size:
            runs.append([c])
        else:
            runs[-1].append(c)
    runs.sort(key=lambda run: min(c.x0 for c in run if not c.is_space) if any(not c.is_space for c in run) else run[0].x0)
    return [c for run in runs for c in run]
