"""One page → its table: header → columns → roles → body → rows; the layout carried to the next page.

Read top to bottom as a chain of small steps, like pdfplumber's own table finder. A page
either starts a table (a header), repeats the last one's header, continues the last
page's table with no header, or holds no table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import takewhile

from ..errors import Notice
from ..page.page import Page, Rule
from ..thai.codes import split_indicator
from .carried import carried_lines, continues_above, fits, inside
from .columns import (
    Column,
    Layout,
    columns_from_crossed_gutters,
    columns_from_gutters,
    columns_from_rules,
    split_at_header_cells,
    table_rules,
    word_over,
)
from .furniture import without_furniture
from .header import (
    completed,
    find_header,
    header_end,
    named_columns,
    repeats_header,
    squeeze,
)
from .lines import Cluster, TextLine, clusters, group_lines
from .naming import named_as_before, numbered_first
from .notices import unmapped, without_specks
from .rows import LogicalRow, bands, split_rows, table_bottom, to_row
from .settings import DEFAULT, TableSettings
from .spanning import one_centred_cell, spans_below
from .vocabulary import TableVocabulary


@dataclass(frozen=True)
class PageTable:
    """The table rows found on one page, the layout they were cut by, and the lines above its header."""

    page: int
    layout: Layout
    rows: tuple[LogicalRow, ...]
    title_lines: tuple[TextLine, ...] = field(default_factory=tuple)
    has_header: bool = False
    notices: tuple[Notice, ...] = ()  # what the table holds that no field will take
    settings: TableSettings = DEFAULT  # the page's, chosen by how it was made: the merge reads its rows so
    signed: bool = False  # a signature block follows the table on its page: the table ends there


def page_lines(page: Page, settings: TableSettings) -> list[TextLine]:
    """The page's text lines, top to bottom, without its page numbers (empty for a page with no text)."""
    return without_furniture(group_lines(clusters(page.chars), settings), page) if page.has_text else []


def analyse_page(page: Page, prev: Layout | None, vocab: TableVocabulary, settings: TableSettings,
                 lines: list[TextLine] | None = None) -> PageTable | None:
    """The table rows on one page, or None when the page holds no table.

    A page may hold several printings of one table's header (FY2567 prints a table per
    issue, several to a page): each header met below the body opens a new part, and its
    lines are never body rows.
    """
    lines = page_lines(page, settings) if lines is None else lines
    if not lines:
        return None
    start, repeated, headless = _header_start(lines, page, prev, vocab, settings)
    if start is None and lines[0].is_signature:
        return None
    layout = layout_for(page, lines, start, prev, repeated, settings, vocab)
    if layout is None:
        return None
    rows = _carried_above(page, lines[:start], prev, vocab, settings) if start and prev is not None else []
    at, carried = start, prev
    while True:
        part = _table_part(page, lines, at, carried, layout, vocab, settings, repeated and carried is prev,
                           headless and at is None)
        if part is None:
            return None
        found, layout, at, signed = part
        rows.extend(found)
        if at is None:
            break
        carried = layout
        layout = layout_for(page, lines, at, carried, True, settings, vocab) or layout
    title = tuple(lines[:start]) if start is not None else ()
    rows, specks = without_specks(rows, page.number)
    notices = specks + (unmapped(layout, rows, vocab, page.number) if start is not None or rows else ())
    return PageTable(page.number, layout, tuple(rows), title, start is not None, notices, settings, signed)


def _table_part(page: Page, lines: list[TextLine], start: int | None, prev: Layout | None, layout: Layout,
                vocab: TableVocabulary, settings: TableSettings, repeated: bool,
                headless: bool = False) -> tuple[list[LogicalRow], Layout, int | None, bool] | None:
    """One header (``start``; None: the last page's table goes on; ``repeated``: it repeats the one
    ``prev`` was read under) and the body under it, down to the next printing of a header: its rows,
    the layout named by its header, where that next header starts, and whether a signature block
    ends the body. None when a page without a header does not continue the table. ``headless``: the
    header search over the whole page found nothing, so none is printed below the body either (the
    same search, not made twice)."""
    top = lines[start].top if start is not None else 0.0
    hs, _ = table_rules(page, top, settings)
    body_from = 0
    if start is not None:
        hrules = [r for r in page.hrules() if r.pos >= top - settings.rule_above_pt]
        repeats = prev is not None and repeated
        body_from = header_end(lines, start, hrules, settings, prev.header_height if repeats else 0.0,
                               prev.columns if repeats else (), vocab)
        columns = named_columns(layout.columns, lines[start:body_from], vocab, settings, hrules)
        height = lines[body_from - 1].bottom - lines[start].top
        if repeats:
            columns, short = completed(columns, prev.columns)
            height = max(height, prev.header_height) if short else height
        elif prev is not None and settings.repeat_alike < 1.0:
            columns = named_as_before(columns, prev.columns)
        layout = replace(layout, columns=columns, header_height=height)
    following = None if headless else _next_header(lines, body_from, layout, page, vocab, settings)
    end = following if following is not None else len(lines)
    bottom = body_from + table_bottom(lines[body_from:end], hs, settings)
    signed = bottom < end and lines[bottom].is_signature
    body = lines[body_from:bottom]
    body = [ln for ln in body if start is not None or inside(ln, layout, settings)]
    if start is None and body and prev is not None and not fits(body, layout, settings):
        if following is None:
            return None
        body = []  # lines set above a header lower on the page (its title) are no rows of the last table
    rows, layout = _page_rows(body, hs, layout, page.number, vocab, settings)
    return rows, layout, following, signed


def _carried_above(page: Page, above: list[TextLine], prev: Layout, vocab: TableVocabulary,
                   settings: TableSettings) -> list[LogicalRow]:
    """Rows of the last page's table that a page break carried above this page's first header (and
    the next table's title): FY2567's table per issue, several to a page (``carried.carried_lines``)."""
    body = carried_lines(above, prev, settings)
    if not body:
        return []
    hs, _ = table_rules(page, 0.0, settings)
    rows, _ = _page_rows(body, [h for h in hs if h < above[len(body) - 1].bottom], prev, page.number, vocab, settings)
    return rows


def _next_header(lines: list[TextLine], body_from: int, layout: Layout, page: Page, vocab: TableVocabulary,
                 settings: TableSettings) -> int | None:
    """Where the table's header is printed again below its body on this page (None: nowhere).

    Body rows may name roles at the start of their cells, so a header here must repeat the
    table's own wording column by column.
    """
    if not any(c.role and c.header.strip() for c in layout.columns):
        return None
    hrules = page.hrules()
    at = body_from
    while (found := find_header(lines[at:], vocab, settings, hrules=hrules)) is not None:
        at += found
        if repeats_header(_printing(lines, at, layout, settings), layout.columns, settings, hrules):
            return at
        at += 1
    return None


def _printing(lines: list[TextLine], at: int, layout: Layout, settings: TableSettings) -> list[TextLine]:
    """The lines a printing of ``layout``'s header starting at ``lines[at]`` spans: those within the
    height of its last printing. A header window's worth of lines is too few for a tall header
    whose narrow cells wrap into a dozen lines (FY2567's "ผล / การ / ประ / เมิน / (คะ / แนน)")."""
    if layout.header_height <= 0:
        return lines[at : at + settings.header_window_lines]
    reach = layout.header_height + settings.repeat_slack_em * lines[at].size
    return [lines[at], *takewhile(lambda ln: ln.bottom - lines[at].top <= reach, lines[at + 1 :])]


def _header_start(lines: list[TextLine], page: Page, prev: Layout | None, vocab: TableVocabulary,
                  settings: TableSettings) -> tuple[int | None, bool, bool]:
    """Where this page's header starts (None: no header), whether it repeats the last page's, and
    whether the header search (``_next_header``'s own) found nothing anywhere on the page."""
    hrules = page.hrules()
    start = find_header(lines, vocab, settings, hrules=hrules)
    headless = start is None
    if start is None and settings.fallback_cell_gap_em is not None:
        start = find_header(lines, vocab, settings, gap_em=settings.fallback_cell_gap_em, hrules=hrules)
    if start is not None and prev is not None:
        return (*_header_after(lines, start, prev, vocab, settings, hrules), headless)
    if start is None and prev is not None and (again := _misread_repeat(lines, prev, settings, hrules)) is not None:
        return again, True, headless
    return start, False, headless


def _misread_repeat(lines: list[TextLine], prev: Layout, settings: TableSettings, hrules: list[Rule]) -> int | None:
    """On an OCR page (``settings.repeat_alike`` < 1), the last page's header printed again at this page's
    head where OCR misread too many of its wordings for the header search: the first line above the body
    from which the lines repeat that header column by column (``repeats_header``). In a loopless face
    ("หแน่วัย" for หน่วย, "เว้ / ลา" for ระยะเวลา) the repeat named two roles; its lines were read as a
    row joined to the last page's, and the row going on under them became a record of its own (judge
    set 12's syn09405)."""
    if settings.repeat_alike >= 1.0:
        return None
    for i, ln in enumerate(lines[: settings.header_window_lines]):
        if ln.starts_body:
            return None
        if len(ln.segments(settings.cell_gap_em)) >= 2 and repeats_header(
                _printing(lines, i, prev, settings), prev.columns, settings, hrules):
            return i
    return None


def _page_rows(body: list[TextLine], hs: list[float], layout: Layout, page: int, vocab: TableVocabulary,
               settings: TableSettings) -> tuple[list[LogicalRow], Layout]:
    """The body's rows, band by band; the layout comes back marked once rows open with a mark. Rows
    below the first band are ``under_rule``: a rule parts them from the top of the page's body."""
    rows: list[LogicalRow] = []
    layout = numbered_first(layout, body, vocab, settings)
    for k, group in enumerate(bands(body, [h for h in hs if not body or h > body[0].top - 1])):
        groups, marked = split_rows(group, layout, vocab, settings)
        layout = replace(layout, marked=marked)
        rows.extend(replace(to_row(g, layout, page, settings), under_rule=k > 0) for g in groups)
    return rows, layout


def layout_for(page: Page, lines: list[TextLine], start: int | None, prev: Layout | None, repeated: bool,
               settings: TableSettings, vocab: TableVocabulary | None = None) -> Layout | None:
    """The page's columns: from its vertical rules; else the last page's, when the table goes
    on or repeats its header (one table keeps its columns, and a page with little text
    shows few gutters); else from the white gutters under the header."""
    top = lines[start].top if start is not None else 0.0
    hs, vs = table_rules(page, top, settings)
    cols = columns_from_rules(vs, settings)
    if prev is not None and (start is None or (repeated and len(cols) < 2)):
        return Layout(prev.columns, bool(hs), marked=prev.marked)
    if start is None:
        return None
    if len(cols) < 2:
        hrules = [r for r in page.hrules() if r.pos >= top - settings.rule_above_pt]
        header = header_end(lines, start, hrules, settings, vocab=vocab) - start
        later = _later_printings(lines, lines[start : start + header], page, vocab, settings) if vocab else []
        cols = _columns_without_rules(page, lines[start:], top, vs, settings, header, later)
    if len(cols) < 2:
        return None
    return Layout(tuple(cols), bool(hs), marked=prev is not None and prev.marked)


def _later_printings(lines: list[TextLine], first: list[TextLine], page: Page, vocab: TableVocabulary,
                     settings: TableSettings) -> list[list[TextLine]]:
    """The header printed again below its ``first`` printing (FY2567: a table per issue, several to a
    page): lines found by their wording that spell every letter of the first, wrapped as they may be
    (centred cells wrap anew), and not many more (a row's lines taken for the header's end)."""
    letters = Counter(squeeze("".join(ln.text for ln in first)))
    at, out, hrules = lines.index(first[-1]) + 1, [], page.hrules()
    while (found := find_header(lines[at:], vocab, settings, hrules=hrules)) is not None:
        start = at + found
        end = header_end(lines, start, [r for r in hrules if r.pos >= lines[start].top - settings.rule_above_pt], settings,
                         vocab=vocab)
        spelt = Counter(squeeze("".join(ln.text for ln in lines[start:end])))
        same = not letters - spelt and spelt.total() <= settings.repeat_letters_share * letters.total()
        out += [lines[start:end]] if same else []
        at = end if same else start + 1
    return out


def _columns_without_rules(page: Page, lines: list[TextLine], top: float, vs: list[float],
                           settings: TableSettings, header: int = 1,
                           later: list[list[TextLine]] | None = None) -> list[Column]:
    """Columns from the white gutters of the table's lines, inside its frame or its rules' span.

    ``lines`` start at the header, ``header`` of them long. A two-level header's upper
    lines carry a cell spanning sub-columns ("แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ" over
    five); it crosses their gutters. So the first header lines are left out, one more at a
    time, where that opens more gutters and every line left out crosses one of them.
    """
    table = _table_lines(lines)
    items = [c for ln in table for c in ln.items]
    slack = settings.rule_above_pt
    left = min((r.start for r in page.hrules() if r.pos >= top - slack), default=min(c.x0 for c in items) - 1)
    right = max((r.end for r in page.hrules() if r.pos >= top - slack), default=max(c.x1 for c in items) + 1)
    if len(vs) >= 2:  # a frame around the table but no inner rules
        left, right = vs[0], vs[-1]
    cols = _gutter_columns(table, left, right, settings, later or [])
    for skip in range(1, header):
        lower = _gutter_columns(_table_lines(lines[skip:]), left, right, settings, later or [])
        lower = headed_columns(lower, lines[skip:header], lines[:skip])
        if len(lower) > len(cols) and all(_spans_gutter(ln, lower, lines[k + 1 : header]) for k, ln in enumerate(lines[:skip])):
            cols = lower
    return split_at_header_cells(cols, lines[:header], table[header:], settings) if settings.gutter_crossing else cols


def headed_columns(columns: list[Column], kept: list[TextLine], skipped: list[TextLine]) -> list[Column]:
    """Columns the header left out opened, each with header wording of its own.

    With an upper header line left out, a justified body can show a gutter inside the
    words of that line ("ระยะเวลา" over two gaps of the text below): a column that no kept
    header line names is joined to the neighbour across a border that a word of the left-out
    lines runs over. A sub-column under a spanning cell has its own wording, and stays.
    """
    out = list(columns)
    i = 0
    while i < len(out) and len(out) > 1:
        col = out[i]
        if any(col.x0 <= c.mid_x < col.x1 for ln in kept for c in ln.items if not c.is_space):
            i += 1
        elif i > 0 and word_over(skipped, col.x0):
            out[i - 1 : i + 1] = [Column(out[i - 1].x0, col.x1, open_edges=True)]
        elif i + 1 < len(out) and word_over(skipped, col.x1):
            out[i : i + 2] = [Column(col.x0, out[i + 1].x1, open_edges=True)]
        else:
            i += 1
    return out


def _gutter_columns(table: list[TextLine], left: float, right: float, settings: TableSettings,
                    later: list[list[TextLine]]) -> list[Column]:
    """Columns at the gutters no line crosses, or (OCR) at those few lines cross, but never where a
    word of a centred header cell runs over the gutter: the narrow responsible column of held-out
    scan syn03 ("หน่วยงาน" over its last letter, and a gutter its short cells left) split
    "สำนักป|ลัด". (Any header word was too many: FY2567 scan syn06 0.729 -> 0.683.)"""
    items, header = _gutter_items(table, settings, later)
    cols = columns_from_gutters(items, left, right, settings)
    if settings.gutter_crossing > 0:
        crossed = columns_from_crossed_gutters(table, left, right, settings)
        crossed = [c for k, c in enumerate(crossed) if k == 0 or not word_over(header, c.x0)]
        crossed = [Column(a.x0, b.x0 if b else right, open_edges=True) for a, b in zip(crossed, [*crossed[1:], None])]
        if len(crossed) > len(cols):
            cols = crossed
    return cols


def _spans_gutter(line: TextLine, columns: list[Column], below: list[TextLine]) -> bool:
    """Some glyph run of the line crosses a border between two of ``columns``, and is no line of one
    centred cell with the lines ``below`` (held-out scan syn03: "หน่วยงาน" over its last letter "บ"
    and a piece OCR read of the line between, "ซื้อ"; the column split "สำนักป|ลัด")."""
    borders = [c.x1 for c in columns[:-1]]
    return any(seg.x0 < x < seg.x1 and not one_centred_cell(seg, below) for seg in line.cells for x in borders)


def _gutter_items(table: list[TextLine], settings: TableSettings,
                  later: list[list[TextLine]]) -> tuple[list[Cluster], list[TextLine]]:
    """The glyphs that say where the columns are: all but a header's spanning cells; and the
    header's pieces that are lines of one centred cell (the first printing's).

    A two-level header sets one cell over several sub-columns' cells; its text runs over
    their gutters, which the body below still leaves blank. A header piece lying over two
    or more pieces side by side of the header lines below it is such a cell. Every printing
    of the header counts (``later``: those below the first), not only the first: FY2567
    prints a table per issue, several to a page, each under the same two-level header.
    """
    head = len(list(takewhile(lambda ln: not ln.looks_like_body, table[: settings.header_window_lines])))
    below = {id(ln): group[k + 1 :] for group in (table[:head], *later) for k, ln in enumerate(group)}
    spanning = {id(seg) for ln in table for seg in ln.cells if spans_below(seg, below.get(id(ln), []))}
    for group in (table[:head], *later):
        spanning |= centred_under(group, spanning, settings.centred_pt)
    items = [c for ln in table for seg in ln.cells if id(seg) not in spanning for c in seg.items]
    return items, [seg for ln in table[:head] for seg in ln.cells if one_centred_cell(seg, below.get(id(ln), []))]


def centred_under(header: list[TextLine], spanning: set[int], slack: float) -> set[int]:
    """Ids of the header pieces that are the lower lines of a centred spanning cell.

    A spanning cell's last line is often short ("พ.ศ. ๒๕๖๗" under "…ประจำปีงบประมาณ") and lies
    over one sub-column only, so it is no spanning piece by itself; but it stands inside the
    spanning line above it, centred on the same axis (``slack`` points), and is that cell's text.
    """
    out = set(spanning)
    for k, ln in enumerate(header):
        for seg in ln.cells:
            holders = [s for upper in header[:k] for s in upper.cells if s.x0 <= seg.x0 and seg.x1 <= s.x1]
            if holders and id(holders[-1]) in out and abs(holders[-1].x0 + holders[-1].x1 - seg.x0 - seg.x1) <= 2 * slack:
                out.add(id(seg))
    return out


def _table_lines(lines: list[TextLine]) -> list[TextLine]:
    """Lines whose text lies inside columns: not section rows (nor their wrapped tails) or signatures."""
    out: list[TextLine] = []
    after_section = False
    for ln in lines:
        if ln.is_section:
            after_section = True
            continue
        if after_section and len(ln.cells) == 1 and not split_indicator(ln.repaired)[0]:
            continue  # the wrapped rest of a section label spans the gutters too
        after_section = False
        if not ln.is_signature:
            out.append(ln)
    return out


def _header_after(lines: list[TextLine], start: int, prev: Layout, vocab: TableVocabulary,
                  settings: TableSettings, hrules: list[Rule]) -> tuple[int | None, bool]:
    """A header on a page after a table page: the repeated header, or a new table's; None when
    the header words belong to rows of the table going on from the last page.

    Rows of that table above it make it body text. A header that does not repeat the last
    one's wording must be a clear one: every role it names opens its cell. Also says
    whether it repeats the last header.
    """
    if continues_above(lines[:start], prev, settings):
        return None, False
    if repeats_header(_printing(lines, start, prev, settings), prev.columns, settings, hrules):
        return start, True
    return (start if find_header(lines, vocab, settings, within=0, hrules=hrules) == start else None), False
