"""Columns of a table: from vertical rules, or from the white gutters text leaves; and a line cut by them.

Unlike ``page.extract_tables()`` this works without vertical rules: many ITA tables rule
only rows, or nothing at all, and their columns are the x-ranges the text covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..page.ocr.scan import true_runs
from ..page.page import Page, Rule
from .lines import Cluster, TextLine
from .settings import TableSettings


@dataclass(frozen=True)
class Column:
    """One column's x-range; its role and header wording once the header is read."""

    x0: float
    x1: float
    role: str | None = None
    header: str = ""
    open_edges: bool = False  # found from white gutters: no rule closes the table's outer sides


@dataclass(frozen=True)
class Layout:
    """The columns found on a page, carried to later pages that repeat no header."""

    columns: tuple[Column, ...]
    ruled: bool
    header_height: float = 0.0  # top of the header's first line to the bottom of its last
    marked: bool = False  # its rows open with a row number or an indicator code

    @property
    def x0(self) -> float:
        return self.columns[0].x0

    @property
    def x1(self) -> float:
        return self.columns[-1].x1

    def roles(self) -> set[str]:
        return {c.role for c in self.columns if c.role}


def table_rules(page: Page, top: float, settings: TableSettings) -> tuple[list[float], list[float]]:
    """Horizontal rule positions wide enough to separate rows, and vertical rule positions, below ``top``."""
    hr = [r for r in page.hrules() if r.pos >= top - settings.rule_above_pt]
    if not hr:
        return [], []
    width = max(r.end - r.start for r in hr)
    hs = sorted({round(r.pos, 1) for r in hr if r.end - r.start >= settings.row_rule_share * width})
    vrules = (r.pos for r in page.vrules() if r.end >= top and r.end - r.start > settings.min_vrule_pt
              and not _letter_stroke(r, page.hrules(), settings))
    return hs, cluster_positions(vrules, settings.rule_cluster_pt)


def _letter_stroke(rule: Rule, hrules: Sequence[Rule], settings: TableSettings) -> bool:
    """A short vertical run of ink that does not run from one horizontal rule to another (``stroke_vrule_pt``):
    a column border runs from rule to rule, letters stacked in a cell end in the cell."""
    if settings.stroke_vrule_pt is None or rule.end - rule.start >= settings.stroke_vrule_pt:
        return False
    near = settings.stroke_meet_pt
    across = [h.pos for h in hrules if h.start - near <= rule.pos <= h.end + near]
    return not all(any(abs(y - end) <= near for y in across) for end in (rule.start, rule.end))


def cluster_positions(values: Iterable[float], tol: float) -> list[float]:
    """Sorted positions, each closer than ``tol`` to the one kept before it dropped (double rules)."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def columns_from_rules(vs: list[float], settings: TableSettings) -> list[Column]:
    """Columns between consecutive vertical rules."""
    return [Column(a, b) for a, b in zip(vs, vs[1:]) if b - a > settings.min_column_pt]


def columns_from_gutters(items: list[Cluster], x_min: float, x_max: float, settings: TableSettings) -> list[Column]:
    """Columns as the x-ranges covered by text, split at gutters no line crosses.

    A space typed between two words of one cell is ink here too (``word_spaces``): in a
    monospaced face every "o๑ " of a code column ends at the same x, so the spaces after the
    codes leave a white strip just like a gutter, though every line runs straight across it.
    """
    slack = settings.edge_slack_pt / 2
    typed = word_spaces(items, settings)
    spans = sorted((c.x0, c.x1, c.size) for k, c in enumerate(items)
                   if (k in typed or not c.is_space) and x_min - slack <= c.mid_x <= x_max + slack)
    if not spans:
        return []
    cols: list[list[float]] = [[spans[0][0], spans[0][1], 1]]  # x0, x1, glyphs starting at x0
    for x0, x1, size in spans[1:]:
        if x0 - cols[-1][1] > settings.min_gutter_em * size:
            cols.append([x0, x1, 1])
        else:
            cols[-1][1] = max(cols[-1][1], x1)
            cols[-1][2] += x0 - cols[-1][0] <= settings.align_pt
    bounds = [x_min] + [_border(a, b, settings) for a, b in zip(cols, cols[1:])] + [x_max]
    return [Column(a, b, open_edges=True) for a, b in zip(bounds, bounds[1:])]


def _border(left: list[float], right: list[float], settings: TableSettings) -> float:
    """Where one column ends and the next begins, in the gutter between their texts.

    Midway, unless lines of the right column start at one x (left-aligned cells): then the
    border sits just before it, since those cells start there on every page, while the
    left column's lines end wherever their words do, and a later page's longer line
    ("เทศบาล/ทุกกอง") runs further into the gutter than any line of this page.
    """
    middle = (left[1] + right[0]) / 2
    if right[2] < settings.aligned_lines:
        return middle
    return max(middle, right[0] - 2 * settings.edge_slack_pt)


def word_spaces(items: list[Cluster], settings: TableSettings) -> set[int]:
    """Indices of the space glyphs set flush between two glyphs of one line: spaces between words.

    A cell's trailing space is followed by the cell padding and the gutter, never flush by
    the next cell's text; only a space with a glyph touching it on both sides (closer than
    ``flush_em``: rounding, no padding) joins two words of one piece of text.
    """
    out: set[int] = set()
    for k in range(1, len(items) - 1):
        before, space, after = items[k - 1], items[k], items[k + 1]
        if not space.is_space or before.is_space or after.is_space:
            continue
        near = settings.flush_em * space.size
        same_line = abs(before.bottom - after.bottom) <= settings.line_tol_em * space.size
        if same_line and abs(space.x0 - before.x1) <= near and abs(after.x0 - space.x1) <= near:
            out.add(k)
    return out


def columns_from_crossed_gutters(lines: list[TextLine], x_min: float, x_max: float,
                                 settings: TableSettings) -> list[Column]:
    """Columns split at gutters that a few lines may cross (``settings.gutter_crossing``).

    On an OCR page a section row can be read in pieces that no longer look like one, and
    stray specks sit in gutters: a gutter crossed by any line is then lost, and with it the
    columns either side. A gutter here is a strip at least ``min_gutter_em`` wide that
    almost every table line leaves blank.
    """
    sizes = sorted(c.size for ln in lines for c in ln.items if not c.is_space)
    if not sizes or x_max <= x_min:
        return []
    width = int(x_max - x_min) + 2
    count = np.zeros(width, dtype=np.int32)
    slack = settings.edge_slack_pt / 2
    for ln in lines:
        covered = np.zeros(width, dtype=bool)
        for c in ln.items:
            if not c.is_space and x_min - slack <= c.mid_x <= x_max + slack:
                covered[max(0, int(c.x0 - x_min)) : max(0, int(np.ceil(c.x1 - x_min)))] = True
        count += covered
    blank = count <= max(1, int(settings.gutter_crossing * len(lines)))
    inked = np.flatnonzero(~blank)
    if inked.size == 0:
        return []
    size = sizes[len(sizes) // 2]
    lo, hi = int(inked[0]), int(inked[-1]) + 1
    gutters = [(a, b) for a, b in true_runs(blank[lo:hi]) if b - a >= settings.min_gutter_em * size]
    bounds = [x_min, *(x_min + lo + (a + b) / 2 for a, b in gutters), x_max]
    return [Column(a, b, open_edges=True) for a, b in zip(bounds, bounds[1:])]


def word_over(lines: list[TextLine], x: float) -> bool:
    """A word (glyphs with no space between) of one of ``lines`` runs over ``x``."""
    for ln in lines:
        start = None
        for c in [*ln.items, None]:
            if c is None or c.is_space:
                start = None
                continue
            if start is None:
                start = c.x0
            if start < x < c.x1:
                return True
    return False


def column_index(columns: tuple[Column, ...], x: float, slack: float) -> int | None:
    """The column at ``x``. An unruled table has no outer edge: text past its first or last
    column (a later page's longer line) still belongs to that column, never to nothing."""
    for i, col in enumerate(columns):
        if col.x0 - slack <= x < col.x1 + slack:
            return i
    if columns and columns[0].open_edges:
        return 0 if x < columns[0].x0 else len(columns) - 1 if x >= columns[-1].x1 else None
    return None


def split_by_columns(line: TextLine, columns: tuple[Column, ...], slack: float) -> dict[int, TextLine]:
    """The parts of one page line that fall in each column (worked out once per line and columns)."""
    key = (columns, slack)
    cached = line.parts.get(key)
    if cached is not None:
        return cached
    parts: dict[int, list[Cluster]] = {}
    for c in line.items:
        i = column_index(columns, c.mid_x, slack)
        if i is not None:
            parts.setdefault(i, []).append(c)
    out = {}
    for i, items in parts.items():
        while items and items[0].is_space:
            items.pop(0)
        if items:
            out[i] = line.piece(items)
    line.parts[key] = out
    return out


def split_at_header_cells(columns: list[Column], header: list[TextLine], body: list[TextLine],
                          settings: TableSettings) -> list[Column]:
    """Columns whose header shows two cells or more side by side on one line (a wide gap apart) split
    between them, each where the fewest body lines cross.

    On a scan of a table with no vertical rules and narrow columns filled to their edges, OCR's
    boxes reach over the thin gutters of a few lines, and the gutters are lost: a FY2567 table's
    five sub-columns ("วิธีการนำ | ขั้นตอน | ผู้รับผิด | ระยะเวลา | การติดตาม") read as one, and
    every field right of the findings ran into the measures. The header's cells, a cell gap
    apart, say a border lies between them; the body says where. OCR pages only (the caller).
    """
    out: list[Column] = []
    for col in columns:
        pieces = max(([seg for seg in ln.cells if col.x0 - settings.edge_slack_pt <= seg.x0 and seg.x1 <= col.x1
                       + settings.edge_slack_pt and len(seg.text.strip()) >= HEADER_CELL_CHARS] for ln in header),
                     key=len, default=[])
        if len(pieces) < 2:
            out.append(col)
            continue
        inside = [ln for ln in body if any(col.x0 <= (seg.x0 + seg.x1) / 2 <= col.x1 for seg in ln.cells)]
        borders = [x for a, b in zip(pieces, pieces[1:]) if _a_border(x := _least_crossed(a.x1, b.x0, body), inside)]
        edges = [col.x0, *borders, col.x1]
        out += [Column(a, b, open_edges=col.open_edges) for a, b in zip(edges, edges[1:])]
    return out


HEADER_CELL_CHARS = 3  # a header piece shorter than this is a speck or a stray mark, not a cell
BORDER_CROSSING = 0.25  # share of a column's body lines that may run over a border found inside it
BORDER_SIDES = 2  # body lines that must hold text each side of it: two columns, each with its cells


def _a_border(x: float, lines: list[TextLine]) -> bool:
    """Do the body lines bear out a border at ``x``: text either side of it in several lines, and few
    lines running over it (one column's text runs over any line through it: "ผลการ ดำเนินการ" in
    two header pieces is one cell)?"""
    crossing = sum(any(seg.x0 < x < seg.x1 for seg in ln.cells) for ln in lines)
    left = sum(any(seg.x1 <= x and seg.x1 > x - BORDER_REACH for seg in ln.cells) for ln in lines)
    right = sum(any(seg.x0 >= x and seg.x0 < x + BORDER_REACH for seg in ln.cells) for ln in lines)
    return crossing <= BORDER_CROSSING * len(lines) and min(left, right) >= BORDER_SIDES


BORDER_REACH = 120.0  # points: a cell ending or starting this near the border is beside it


def _least_crossed(x0: float, x1: float, body: list[TextLine], step: float = 1.0) -> float:
    """The x between ``x0`` and ``x1`` the fewest body cells run over (nearest the middle on a tie)."""
    xs = [x0 + step * k for k in range(max(int((x1 - x0) / step), 0) + 1)]
    mid = (x0 + x1) / 2
    return min(xs, key=lambda x: (sum(seg.x0 < x < seg.x1 for ln in body for seg in ln.cells), abs(x - mid)))
