"""A page as the score tables see it: text lines split into cells (segments), with repaired text.

Built on the table engine's primitives (``clusters``, ``group_lines``, ``TextLine.segments``).
One thing is added here rather than in ``table/lines.py`` (being refactored): text of a
line whose letters are spread apart. Justified Thai ("distributed" alignment in Word,
reportlab's ``TA_JUSTIFY`` with character spacing) widens every gap between glyphs, so the
gap rule of ``lines.render`` would put a space between every letter ("แ ก่ บุ ค ค ล").
Here the typical gap of the segment is the baseline, and only a gap clearly wider than
it (or a drawn space glyph) is a space.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ...page.page import Char, Page, Rule, is_mark_text
from ...table.gaps import DEFAULT as GAPS
from ...table.lines import Cluster, TextLine, group_lines
from ...thai.repair import repair_thai_text

SEGMENT_GAP_EM = 0.9  # em: a wider gap between glyphs parts two cells (as TextLine.segments)


@dataclass(frozen=True, slots=True)
class Segment:
    """One cell's piece of a text line: its box and repaired text."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str
    space_after: bool  # the author's space glyph ends it: a wrap after it keeps a space

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Line:
    """A text line of one page, its segments left to right."""

    page: int
    segments: tuple[Segment, ...]

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return median(s.size for s in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class PageLines:
    """A page's lines top to bottom, with the ruling lines and width the table reader needs."""

    number: int
    width: float
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...]

    def hrules(self) -> list[Rule]:
        return [r for r in self.rules if r.orientation == "h"]

    def vrules(self) -> list[Rule]:
        return [r for r in self.rules if r.orientation == "v"]


def spread_aware_text(items: list[Cluster]) -> str:
    """A segment's text, with spaces only where the author typed them, even in spread-out lines.

    "แ ก่ บุ ค ค ล ภ า ย น อ ก" (every gap 0.3 em) → "แก่บุคคลภายนอก"; in a line with no
    letter spacing the baseline is 0 and this is ``lines.render``'s rule.
    """
    glyphs = [c for c in items if not c.is_space]
    gaps = [(b.x0 - a.x1) / b.size for a, b in zip(glyphs, glyphs[1:]) if b.size]
    baseline = max(0.0, median(gaps)) if gaps else 0.0
    parts: list[str] = []
    prev: Cluster | None = None
    for c in items:
        if c.is_space:
            if parts and parts[-1] != " ":
                parts.append(" ")
        elif prev is not None and not prev.is_space and (c.x0 - prev.x1) > (baseline + GAPS.space_em) * c.size:
            if parts and parts[-1] != " ":
                parts.append(" ")
            parts.append(c.text)
        else:
            parts.append(c.text)
        prev = c
    return "".join(parts).strip()


def clusters_over_marks(chars: list[Char]) -> list[Cluster]:
    """``lines.clusters``, each cluster's box reaching over its marks' boxes.

    A monospaced Thai font (TlwgTypo in reportlab) gives a combining mark an advance of its
    own, so "ตัวชี้วัด" is drawn with a mark-wide hole after each mark; measured from the
    base letters alone, those holes became spaces and even cell gaps ("ตั วชี้ | วั ดที่").
    Written here, not in ``table/lines.py`` (being refactored); the same rule otherwise.
    """
    out: list[Cluster] = []
    last: Cluster | None = None  # the cluster a mark would join: the last one, unless it is a space
    for ch in chars:
        text = ch.text
        if last is not None and is_mark_text(text):
            last.text += text  # built just here: grown in place, as ``lines.clusters`` grows its own
            last.x1 = max(last.x1, ch.x1)
            continue
        last = Cluster(text, ch.x0, ch.x1, ch.top, ch.bottom, ch.size, len(out))
        out.append(last)
        if text.isspace():
            last = None
    return out


def to_segment(piece: TextLine) -> Segment:
    """A ``TextLine`` piece (one cell of one line) as a ``Segment`` with repaired text."""
    return Segment(
        x0=piece.x0,
        x1=piece.x1,
        top=piece.top,
        bottom=piece.bottom,
        size=piece.size,
        text=repair_thai_text(spread_aware_text(piece.items)),
        space_after=piece.ends_with_space,
    )


def text_lines(page: Page) -> list[TextLine]:
    """The page's glyph clusters grouped into lines, top to bottom: what ``page_lines`` cuts into cells."""
    return group_lines(clusters_over_marks(page.chars))


def page_lines(page: Page, gap_em: float = SEGMENT_GAP_EM, lines: list[TextLine] | None = None) -> PageLines:
    """The page's text lines, each split into cell segments, top to bottom (``lines``: its ``text_lines``)."""
    out = []
    for text_line in text_lines(page) if lines is None else lines:
        segments = tuple(seg for seg in map(to_segment, text_line.segments(gap_em)) if seg.text)
        if segments:
            out.append(Line(page.number, segments))
    return PageLines(page.number, page.width, tuple(out), tuple(page.rules))
