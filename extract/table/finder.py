"""Find the measures table on each page and cut it into logical rows, across pages.

Read top to bottom as a chain of small steps, like pdfplumber's own table finder:
page lines → header → columns → column roles → bands → rows → rows merged across pages.
Unlike ``page.extract_tables()`` it works without vertical rules (columns from the
white gutters the text leaves) and without any rules (rows from the indicator codes
and row numbers that start them), and it knows what a header, a section row and a
signature block mean in an ITA report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from ..page.ocr.scan import true_runs
from ..page.page import Page
from ..thai.codes import split_indicator, tool_in_text
from ..thai.repair import repair_thai_text
from ..thai.spacing import THAI
from .lines import Cluster, TextLine, clusters, group_lines

# Column roles, each with the header wordings agencies use. The role whose wording starts
# earliest in a header cell wins, so "มาตรการ/แนวทางการดำเนินการ" is measures and
# "การดำเนินการ" alone is actions; more specific wordings are listed first.
ROLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("row", re.compile(r"^(ลำดับ|ลําดับ|ที่$|ข้อที่$|no\.?$)", re.IGNORECASE)),
    ("indicator", re.compile(r"^(ตัวชี้วัด|รหัส|ข้อคำถาม(?!.*ประเด็น))")),
    ("issue", re.compile(r"ประเด็น|ข้อบกพร่อง|จุดอ่อน|ปัญหา|ตัวชี้วัด")),
    ("responsible", re.compile(r"ผู้รับผิดชอบ|ผู้รับผิดชอบ|หน่วยงานที่รับผิดชอบ|รับผิดชอบ")),
    ("measures", re.compile(r"มาตรการ|ขั้นตอน|วิธีการ|แนวทาง|กิจกรรม|โครงการ")),
    ("actions", re.compile(r"^(ผล)?การดำเนิน(การ|งาน)|ผลการดำเนิน|ผลการปฏิบัติ|สถานะ|หลักฐาน")),
    ("monitoring", re.compile(r"กำกับ|ติดตาม|รายงานผล|ระยะเวลา|กำหนดเวลา|ห้วงเวลา")),
]
HEADER_MIN_ROLES = 3
HEADER_STEP = 1.8  # an unruled header ends at a line this many times further down than its own steps
CELL_GAP = 0.9  # em: a wider gap between two glyphs parts two cells (TextLine.segments' default)
OCR_CELL_GAP = 0.6  # em: the same on an OCR page, tried when no header is found at the usual gap
HEADER_ROLE_WITHIN = 12  # letters: a header cell opens with its role ("หน่วยงานที่รับผิดชอบ")
SIGNATURE = re.compile(r"^\(?\s*(ลงชื่อ|ลงนาม|\((นาย|นาง|นางสาว|ว่าที่|ดร\.)|(ผู้รายงาน|ผู้รับรอง|ผู้อนุมัติ|ผู้ตรวจสอบ)\s*$)")
ROW_NUMBER = re.compile(r"^[0-9๐-๙]{1,3}\.?$")
ITEM_START = re.compile(r"^\(?[0-9๐-๙]{1,2}[.)]")
MIN_GUTTER = 0.3  # em: white space between columns in tables without vertical rules


@dataclass
class Column:
    x0: float
    x1: float
    role: str | None = None
    header: str = ""
    open_edges: bool = False  # found from white gutters: no rule closes the table's outer sides


@dataclass
class CellLine:
    """One line of a cell's text; ``space_after`` is the typed space the wrap swallowed."""

    text: str
    space_after: bool
    room: float = 0.0  # points between the line's last glyph and its column's right edge
    items: tuple[Cluster, ...] = ()  # the glyphs, so a wrap can be judged by widths


@dataclass
class LogicalRow:
    """A table row as cells by role, possibly gathered from several pages."""

    cells: dict[str, list[CellLine]]
    page_start: int
    page_end: int
    section: str | None = None
    is_section: bool = False
    printed: list[str] = field(default_factory=list)  # its page lines whole, across columns

    def first_text(self, role: str) -> str:
        lines = self.cells.get(role) or []
        return lines[0].text if lines else ""


@dataclass
class Layout:
    """The columns found on a page, carried to later pages that repeat no header."""

    columns: list[Column]
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


@dataclass
class PageTable:
    page: int
    layout: Layout
    rows: list[LogicalRow]
    title_lines: list[TextLine] = field(default_factory=list)
    has_header: bool = False


def norm(text: str) -> str:
    """Header text as matched: repaired Thai, no spaces."""
    return re.sub(r"\s+", "", repair_thai_text(text))


def role_of(header: str) -> str | None:
    """The contract role a header cell's wording names (earliest wording wins)."""
    text = norm(header)
    best: tuple[int, int, str] | None = None
    for rank, (role, pattern) in enumerate(ROLE_PATTERNS):
        m = pattern.search(text)
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, role)
    return best[2] if best else None


def roles_in(text: str, within: int | None = None) -> set[str]:
    """Roles whose wording occurs in ``text`` (starting in its first ``within`` letters, if given)."""
    t = norm(text)
    found = set()
    for role, pattern in ROLE_PATTERNS[2:]:
        m = pattern.search(t)
        if m and (within is None or m.start() <= within):
            found.add(role)
    return found


def is_section_line(line: TextLine) -> bool:
    """Section rows name an assessment tool and are one piece of text across the table."""
    text = repair_thai_text(line.text)
    if tool_in_text(text) is None or split_indicator(text)[0] is not None:
        return False
    return bool(re.match(r"^(เครื่องมือ|แบบวัด|แบบตรวจ|ตัวชี้วัด|ส่วนที่|[IEO]IT\b)", text)) or len(line.segments()) == 1


def find_header(lines: list[TextLine], within: int = HEADER_ROLE_WITHIN, gap_em: float = CELL_GAP) -> int | None:
    """Index of the first line of the table header: a multi-column line naming roles.

    Body cells use the same words as headers ("เจ้าหน้าที่ผู้รับผิดชอบรายงานผลการดำเนินการ"),
    so a header cell must open with its role's wording (a body cell names it anywhere),
    a line that starts a body row (a row number, an item number, an indicator code) is
    never a header line, and the words stacked under a header stop at the first such line.
    """
    for i, line in enumerate(lines):
        if len(line.segments(gap_em)) < 2 or not roles_in(line.text) or starts_body(line):
            continue
        window: list[TextLine] = []
        for ln in lines[i : i + 8]:
            if ln.top - line.top >= 8 * line.size or (window and (starts_body(ln) or is_section_line(ln))):
                break
            window.append(ln)
        found: set[str] = set()
        for text in _stacked_cells(window, gap_em):
            found |= roles_in(text, within=within)
        if len(found) >= HEADER_MIN_ROLES:
            while i > 0 and _tucked_above(lines[i - 1], lines[i]):
                i -= 1
            return i
    return None


def _tucked_above(above: TextLine, line: TextLine) -> bool:
    """A taller header cell's first line, set just above the others' (cells centred vertically).

    It sits within a line's height above and only over the gaps between the line's cells.
    """
    if line.top - above.bottom > 0.6 * line.size:
        return False
    cells = line.segments()
    return all(not (s.x0 < c.x1 and s.x1 > c.x0) for s in above.segments() for c in cells)


def starts_body(line: TextLine) -> bool:
    """The line opens with what only body rows carry: a row or item number, or an indicator code."""
    first = repair_thai_text(line.segments()[0].text).strip()
    return bool(ROW_NUMBER.match(first) or ITEM_START.match(first) or split_indicator(first)[0])


def _stacked_cells(window: list[TextLine], gap_em: float = CELL_GAP) -> list[str]:
    """Header words wrap inside their cell ("ผู้รับผิด" / "ชอบ"): join pieces stacked at the same x."""
    stacks: list[tuple[float, float, list[str]]] = []
    for ln in window:
        for seg in ln.segments(gap_em):
            for k, (x0, x1, texts) in enumerate(stacks):
                if seg.x0 < x1 and seg.x1 > x0:
                    texts.append(seg.text)
                    stacks[k] = (min(x0, seg.x0), max(x1, seg.x1), texts)
                    break
            else:
                stacks.append((seg.x0, seg.x1, [seg.text]))
    return ["".join(texts) for _, _, texts in stacks]


def table_rules(page: Page, top: float) -> tuple[list[float], list[float]]:
    """Horizontal rule positions wide enough to separate rows, and vertical rule positions."""
    hr = [r for r in page.hrules() if r.pos >= top - 2]
    if not hr:
        return [], []
    width = max(r.end - r.start for r in hr)
    hs = sorted({round(r.pos, 1) for r in hr if r.end - r.start >= 0.5 * width})
    vs = _cluster_positions(r.pos for r in page.vrules() if r.end >= top and r.end - r.start > 10)
    return hs, vs


def _cluster_positions(values: Iterable[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def columns_from_rules(vs: list[float]) -> list[Column]:
    return [Column(a, b) for a, b in zip(vs, vs[1:]) if b - a > 8]


def columns_from_gutters(items: list[Cluster], x_min: float, x_max: float) -> list[Column]:
    """Columns as the x-ranges covered by text, split at gutters no line crosses."""
    spans = sorted((c.x0, c.x1, c.size) for c in items if not c.is_space and x_min - 1 <= c.mid_x <= x_max + 1)
    if not spans:
        return []
    cols: list[list[float]] = [[spans[0][0], spans[0][1]]]
    for x0, x1, size in spans[1:]:
        if x0 - cols[-1][1] > MIN_GUTTER * size:
            cols.append([x0, x1])
        else:
            cols[-1][1] = max(cols[-1][1], x1)
    bounds = [x_min] + [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:])] + [x_max]
    return [Column(a, b, open_edges=True) for a, b in zip(bounds, bounds[1:])]


def columns_from_crossed_gutters(lines: list[TextLine], x_min: float, x_max: float) -> list[Column]:
    """Columns split at gutters that a few lines may cross (``CROSSING``).

    On an OCR page a section row can be read in pieces that no longer look like one, and
    stray specks sit in gutters: a gutter crossed by any line is then lost, and with it the
    columns either side. A gutter here is a strip at least ``MIN_GUTTER`` em wide that
    almost every table line leaves blank.
    """
    sizes = sorted(c.size for ln in lines for c in ln.items if not c.is_space)
    if not sizes or x_max <= x_min:
        return []
    width = int(x_max - x_min) + 2
    count = np.zeros(width, dtype=np.int32)
    for ln in lines:
        covered = np.zeros(width, dtype=bool)
        for c in ln.items:
            if not c.is_space and x_min - 1 <= c.mid_x <= x_max + 1:
                covered[max(0, int(c.x0 - x_min)) : max(0, int(np.ceil(c.x1 - x_min)))] = True
        count += covered
    blank = count <= max(1, int(CROSSING * len(lines)))
    inked = np.flatnonzero(~blank)
    if inked.size == 0:
        return []
    size = sizes[len(sizes) // 2]
    lo, hi = int(inked[0]), int(inked[-1]) + 1
    gutters = [(a, b) for a, b in true_runs(blank[lo:hi]) if b - a >= MIN_GUTTER * size]
    bounds = [x_min, *(x_min + lo + (a + b) / 2 for a, b in gutters), x_max]
    return [Column(a, b, open_edges=True) for a, b in zip(bounds, bounds[1:])]


CROSSING = 0.05  # share of table lines that may cross a gutter on an OCR page


def column_index(columns: list[Column], x: float) -> int | None:
    """The column at ``x``. An unruled table has no outer edge: text past its first or last
    column (a later page's longer line) still belongs to that column, never to nothing."""
    for i, col in enumerate(columns):
        if col.x0 - 2 <= x < col.x1 + 2:
            return i
    if columns and columns[0].open_edges:
        return 0 if x < columns[0].x0 else len(columns) - 1 if x >= columns[-1].x1 else None
    return None


def split_by_columns(line: TextLine, columns: list[Column]) -> dict[int, TextLine]:
    """The parts of one page line that fall in each column."""
    parts: dict[int, list[Cluster]] = {}
    for c in line.items:
        i = column_index(columns, c.mid_x)
        if i is not None:
            parts.setdefault(i, []).append(c)
    out = {}
    for i, items in parts.items():
        while items and items[0].is_space:
            items.pop(0)
        if items:
            out[i] = TextLine(items)
    return out


def assign_roles(columns: list[Column], header_lines: list[TextLine]) -> None:
    """Name each column by the wording of its header cell (not by its position)."""
    texts: dict[int, list[str]] = {}
    for line in header_lines:
        for i, part in split_by_columns(line, columns).items():
            texts.setdefault(i, []).append(part.text)
    seen: set[str] = set()
    for i, col in enumerate(columns):
        col.header = " ".join(texts.get(i, []))
        role = role_of(col.header)
        if role in ("row", "issue", "responsible", "indicator") and role in seen:
            role = None
        col.role = role
        if role:
            seen.add(role)


def header_end(lines: list[TextLine], start: int, hs: list[float], repeats: float = 0.0) -> int:
    """Index just past the header: at the first rule below it. Without one, at the first
    body-looking line, at a line spaced much wider than the header's own lines, or, when
    the header repeats one from an earlier page (``repeats``: its height), below that height:
    a row continued at the top of a page carries no marker to stop at.
    """
    first = lines[start]
    rule_below = next((h for h in hs if h > first.bottom - 1), None)
    end = start + 1
    steps: list[float] = []
    while end < len(lines):
        ln = lines[end]
        step = ln.top - lines[end - 1].top
        if rule_below is not None:
            if ln.mid_y > rule_below:
                break
        elif _looks_like_body(ln) or _past_header(ln, first, repeats, step, steps):
            break
        steps.append(step)
        end += 1
    return end


def _past_header(line: TextLine, first: TextLine, repeats: float, step: float, steps: list[float]) -> bool:
    if repeats:
        return line.bottom - first.top > repeats + 0.5 * line.size
    return bool(steps) and step > HEADER_STEP * max(steps)


def _looks_like_body(line: TextLine) -> bool:
    if is_section_line(line):
        return True
    for seg in line.segments():
        text = repair_thai_text(seg.text)
        if split_indicator(text)[0] or ITEM_START.match(text) or ROW_NUMBER.match(text):
            return True
    return False


def layout_for(page: Page, lines: list[TextLine], start: int | None, prev: Layout | None,
               repeated: bool = False) -> Layout | None:
    """The page's columns: from its vertical rules; else the last page's, when the table goes
    on or repeats its header (one table keeps its columns, and a page with little text
    shows few gutters); else from the white gutters under the header."""
    top = lines[start].top if start is not None else 0.0
    hs, vs = table_rules(page, top)
    cols = columns_from_rules(vs)
    if prev is not None and (start is None or (repeated and len(cols) < 2)):
        return Layout([replace(c) for c in prev.columns], bool(hs))
    if start is None:
        return None
    if len(cols) < 2:
        body = [c for ln in _table_lines(lines[start:]) for c in ln.items]
        left = min((r.start for r in page.hrules() if r.pos >= top - 2), default=min(c.x0 for c in body) - 1)
        right = max((r.end for r in page.hrules() if r.pos >= top - 2), default=max(c.x1 for c in body) + 1)
        if len(vs) >= 2:  # a frame around the table but no inner rules
            left, right = vs[0], vs[-1]
        cols = columns_from_gutters(body, left, right)
        if page.text_source == "tesseract":
            crossed = columns_from_crossed_gutters(_table_lines(lines[start:]), left, right)
            if len(crossed) > len(cols):
                cols = crossed
    if len(cols) < 2:
        return None
    return Layout(cols, bool(hs))


def _table_lines(lines: list[TextLine]) -> list[TextLine]:
    """Lines whose text lies inside columns: not section rows (nor their wrapped tails) or signatures."""
    out: list[TextLine] = []
    after_section = False
    for ln in lines:
        if is_section_line(ln):
            after_section = True
            continue
        if after_section and len(ln.segments()) == 1 and not split_indicator(repair_thai_text(ln.text))[0]:
            continue  # the wrapped rest of a section label spans the gutters too
        after_section = False
        if not SIGNATURE.match(ln.text):
            out.append(ln)
    return out


def bands(lines: list[TextLine], hs: list[float]) -> list[list[TextLine]]:
    """Lines grouped between consecutive horizontal rules (one group when there are none)."""
    if not hs:
        return [lines] if lines else []
    groups: dict[int, list[TextLine]] = {}
    for ln in lines:
        k = sum(1 for h in hs if h < ln.mid_y)
        groups.setdefault(k, []).append(ln)
    return [groups[k] for k in sorted(groups)]


def starts_row(line: TextLine, layout: Layout) -> bool:
    """A body line that begins a new record: a row number, or an indicator code in the issue cell."""
    parts = split_by_columns(line, layout.columns)
    for i, part in parts.items():
        role = layout.columns[i].role
        text = repair_thai_text(part.text)
        if role == "row" and ROW_NUMBER.match(text):
            return True
        if role in ("issue", "indicator") and split_indicator(text)[0]:
            return True
    return False


def split_rows(group: list[TextLine], layout: Layout, ruled: bool) -> list[list[TextLine]]:
    """Cut a band into records at section rows, row starts and (unruled) wide vertical gaps.

    Gaps only cut rows in tables whose rows carry no row-start mark (a number or an
    indicator code) on this page or an earlier one: cell paragraphs offset from each
    other make line spacing too uneven to read rows from once the rows say where they begin.
    """
    out: list[list[TextLine]] = []
    starts = [starts_row(ln, layout) for ln in group]
    if any(starts):
        layout.marked = True
    pitch = 0.0 if ruled or layout.marked else _pitch(group)
    prev: TextLine | None = None
    for ln, start in zip(group, starts):
        new = not out or is_section_line(ln) or (out and _is_section_group(out[-1])) or start
        if not new and prev is not None and pitch and ln.top - prev.bottom > 1.2 * pitch:
            new = True
        if new:
            out.append([ln])
        else:
            out[-1].append(ln)
        prev = ln
    return out


def _pitch(lines: list[TextLine]) -> float:
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _is_section_group(group: list[TextLine]) -> bool:
    return len(group) == 1 and is_section_line(group[0])


def to_row(group: list[TextLine], layout: Layout, page: int) -> LogicalRow:
    if _is_section_group(group):
        return LogicalRow({}, page, page, section=repair_thai_text(group[0].text), is_section=True)
    cells: dict[str, list[CellLine]] = {}
    for ln in group:
        for i, part in split_by_columns(ln, layout.columns).items():
            role = layout.columns[i].role or f"col{i}"
            room = layout.columns[i].x1 - part.x1
            cells.setdefault(role, []).append(CellLine(part.text, part.ends_with_space, room, tuple(part.items)))
    return LogicalRow(cells, page, page, printed=[ln.text for ln in group])


def table_bottom(lines: list[TextLine], hs: list[float]) -> int:
    """Index past the last table line: before a signature block or a wide gap below the last rule.

    Rules alone cannot say where a table ends: many tables rule only the header and
    leave the body open, so lines below the last rule still belong to the table
    unless a signature or a gap much wider than the line pitch sets them apart.
    """
    pitch = _pitch(lines) or 0.0
    last_rule = hs[-1] if hs else None
    for i, ln in enumerate(lines):
        if SIGNATURE.match(repair_thai_text(ln.text)) and len(ln.segments()) == 1:
            return i
        below = last_rule is not None and ln.mid_y > last_rule
        if i and below and pitch and ln.top - lines[i - 1].bottom > 3 * max(pitch, 0.3 * ln.size):
            return i
    return len(lines)


def analyse_page(page: Page, prev: Layout | None) -> PageTable | None:
    """The table rows on one page, or None when the page holds no table."""
    if not page.has_text:
        return None
    lines = group_lines(clusters(page.chars))
    start = find_header(lines)
    if start is None and page.text_source == "tesseract":
        # OCR measures a line's font size from its height, which runs small for some faces
        # (Norasi): a narrow gutter then looks like a space. Cells are tried apart at less.
        start = find_header(lines, gap_em=OCR_CELL_GAP)
    repeated = False
    if start is not None and prev is not None:
        start, repeated = _header_after(lines, start, prev)
    if start is None and (not lines or SIGNATURE.match(repair_thai_text(lines[0].text))):
        return None
    layout = layout_for(page, lines, start, prev, repeated)
    if layout is None:
        return None
    layout.marked = prev is not None and prev.marked
    hs, _ = table_rules(page, lines[start].top if start is not None else 0.0)
    body_from = 0
    if start is not None:
        body_from = header_end(lines, start, hs, prev.header_height if prev is not None else 0.0)
        assign_roles(layout.columns, lines[start:body_from])
        layout.header_height = lines[body_from - 1].bottom - lines[start].top
    body = lines[body_from : body_from + table_bottom(lines[body_from:], hs)]
    body = [ln for ln in body if start is not None or _inside(ln, layout)]
    if start is None and body and prev is not None and not _fits(body, layout):
        return None
    rows: list[LogicalRow] = []
    for group in bands(body, [h for h in hs if not body or h > body[0].top - 1]):
        rows.extend(to_row(g, layout, page.number) for g in split_rows(group, layout, layout.ruled))
    title = lines[:start] if start is not None else []
    return PageTable(page.number, layout, rows, title, start is not None)


def _header_after(lines: list[TextLine], start: int, prev: Layout) -> tuple[int | None, bool]:
    """A header on a page after a table page: the repeated header, or a new table's; None when
    the header words belong to rows of the table going on from the last page.

    Rows of that table above it make it body text. A header that does not repeat the last
    one's wording must be a clear one: every role it names opens its cell. Also says
    whether it repeats the last header.
    """
    if _continues_above(lines[:start], prev):
        return None, False
    if _repeats_header(lines[start : start + 8], prev):
        return start, True
    return (start if find_header(lines, within=0) == start else None), False


def _repeats_header(window: list[TextLine], prev: Layout) -> bool:
    """Do these lines open with the last header's wording, column by column?"""
    texts: dict[int, str] = {}
    for ln in window:
        for i, part in split_by_columns(ln, prev.columns).items():
            texts[i] = texts.get(i, "") + norm(part.text)
    headed = [(i, norm(c.header)) for i, c in enumerate(prev.columns) if c.role and c.header.strip()]
    same = sum(1 for i, h in headed if texts.get(i, "").startswith(h[:12]))
    return bool(headed) and 2 * same >= len(headed)


def _continues_above(above: list[TextLine], layout: Layout) -> bool:
    """Rows of the last page's table above a would-be header: it is body text, not a header.

    A repeated header is the first thing in the table on its page; only a running title
    or page number (one piece of text) may stand above it.
    """
    return any(_inside(ln, layout) and len(split_by_columns(ln, layout.columns)) >= 2 for ln in above)


def _straddles(seg: TextLine, layout: Layout) -> bool:
    """One piece of text crossing a column boundary by more than a letter or two."""
    return any(seg.x0 < c.x1 - seg.size and seg.x1 > c.x1 + seg.size for c in layout.columns[:-1])


def _inside(line: TextLine, layout: Layout) -> bool:
    return line.x1 > layout.x0 - 2 and line.x0 < layout.x1 + 2


def _fits(body: list[TextLine], layout: Layout) -> bool:
    """A page without a header continues the table only if its text sits in the same columns.

    A line running across column boundaries as one piece (a centred closing line, a
    paragraph) is prose, so it says nothing for the table. A row may go on in one column only (the others ended on the last page): then the
    page must open with it.
    """
    cells = [ln for ln in body if not any(_straddles(seg, layout) for seg in ln.segments())]
    used = {i for ln in cells for i in split_by_columns(ln, layout.columns)}
    opens = bool(cells) and cells[0] is body[0]
    return len(used) >= 2 or (len(used) == 1 and opens) or any(is_section_line(ln) for ln in body)


def is_continuation(row: LogicalRow, roles: set[str], coded: bool) -> bool:
    """A row at the top of a page with no number and no code of its own continues the last one."""
    if row.is_section:
        return False
    if "row" in roles and row.first_text("row"):
        return False
    anchor = row.first_text("issue") or row.first_text("indicator")
    if coded:
        return split_indicator(repair_thai_text(anchor))[0] is None
    return not anchor


def merge_pages(tables: list[PageTable]) -> Iterator[LogicalRow]:
    """Rows across pages: a row cut by a page break is joined; section labels flow down.

    In an unruled table whose rows open with indicator codes, a piece with no code of
    its own anywhere on a page is a fragment of the row above (cut off by a wide
    paragraph gap), not a record.
    """
    merged: list[LogicalRow] = []
    roles = set().union(*(t.layout.roles() for t in tables)) if tables else set()
    coded = _mostly_coded(tables)
    for t in tables:
        for k, row in enumerate(t.rows):
            last = merged[-1] if merged else None
            if last is not None and last.is_section and _section_tail(row):
                last.section = join_wrapped(last.section or "", repair_thai_text(row.printed[0]))
                continue
            fragment = k == 0 or (coded and not t.layout.ruled)
            if fragment and last is not None and not last.is_section and is_continuation(row, roles, coded):
                for role, cell in row.cells.items():
                    last.cells.setdefault(role, []).extend(cell)
                last.page_end = row.page_end
                continue
            merged.append(row)
    section: str | None = None
    for row in merged:
        if row.is_section:
            section = row.section
            continue
        row.section = section
        yield row


def join_wrapped(before: str, after: str) -> str:
    """Two lines of one label: no space where the wrap fell between Thai letters."""
    glue = "" if THAI.match(before[-1:]) and THAI.match(after[:1]) else " "
    return f"{before.rstrip()}{glue}{after.lstrip()}"


def _section_tail(row: LogicalRow) -> bool:
    """One short line right under a section row is the rest of its wrapped label.

    Without rules the tail may straddle columns, so it is judged as printed, whole.
    """
    if row.is_section or len(row.printed) != 1:
        return False
    text = repair_thai_text(row.printed[0])
    return len(text) <= 40 and not split_indicator(text)[0] and not row.first_text("row")


def _mostly_coded(tables: list[PageTable]) -> bool:
    """Do this table's rows open with an indicator code? Judged on rows below each page's
    first (the first may be a continuation, and long rows make many of those)."""
    rows = [r for t in tables for r in t.rows[1:] if not r.is_section]
    rows = rows or [r for t in tables for r in t.rows if not r.is_section]
    coded = sum(1 for r in rows if split_indicator(repair_thai_text(r.first_text("issue") or r.first_text("indicator")))[0])
    return coded * 2 >= len(rows) and coded > 0


__all__ = [
    "CellLine",
    "Layout",
    "LogicalRow",
    "PageTable",
    "analyse_page",
    "merge_pages",
    "role_of",
]
