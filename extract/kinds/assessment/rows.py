"""Score tables' bodies → rows with their scores, across pages.

A row starts at a line whose label cell opens with a label (``labels.read_label``); lines
after it continue it until the next label, also over a page break. Scores are matched to
rows by position, not by line: a wrapped question prints its score on its first or last
line, and a tool score sits in a cell spanning its indicators, vertically centred, level
with none of them (or with the middle one). So every number in a score column goes to
the last row that started above it; a tool score then belongs to that row's tool.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import takewhile

from ...errors import Notice
from ...thai.catalogue import catalogue
from ...thai.codes import tool_of
from ...thai.repair import to_arabic_digits
from .header import HEADER_SETTINGS, Header, HeaderSettings, TableLayout, find_header
from .labels import (
    Label,
    expected_code,
    indicator_after,
    misread_score,
    name_only,
    named_indicator,
    next_code,
    ocr_score,
    read_score,
    repeated_code,
    under_heading,
)
from .layout import Line, PageLines, Segment
from .ocrcells import point_lost, score_apart
from .wording import checked, confirmed

ROW_START_TOL_EM = 0.5  # a score may sit this far above its label's line (baselines of two cells differ)
CROSS_EM = 1.0  # text running this far into the score column's header is prose, not a label cell
MAX_ROW_GAP_EM = 4.0  # without rules, a gap this tall between two lines ends the table
PAGE_NUMBER = re.compile(r"^\s*[-–(]?\s*(?:หน้า\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?\s*[-–)]?\s*$")  # "- ๗ -", "หน้า 7"
RUNNING_HEAD_LINES = 2  # lines above a repeated header that are page furniture, not rows
# A page number OCR misread ('"ด.' for "- 3 -" in TH SarabunPSK, judge set 8: the question table then did
# not go on over the page break, and 80 scores were lost): on a page read by OCR, a line at the page's head
# this short, centred, holding no score and no label, is taken for one too.
MISREAD_FOLIO_CHARS = 4
FOLIO_CENTRE = 0.15  # share of the page's width: a page number's middle is this near the page's
RESUME_LINES = 8  # a row's rest at a page top is followed by a row or a score within this many lines (I30 runs to 7)
OCR_CELL_EM = 1.0  # a score cell OCR read starts at most this far left of its column's header (FY2567 scans: 0.1-0.3 em)
SPECK_CHARS = 2  # characters of a line OCR made of dust, on a page read by OCR
ALIGN_EM = 0.5  # label-column text continuing a row starts this close to where the table's labels start


@dataclass(slots=True)
class Row:
    """One labelled row: where it starts and the label-cell text of each of its lines."""

    label: Label
    page: int
    top: float
    table: int
    texts: list[Segment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Number:
    """A number printed in a score column, where it is, and whether it is a tool score."""

    value: float
    page: int
    y: float
    table: int
    tool_column: bool
    text: str


@dataclass(slots=True)
class TableRead:
    """Rows and numbers of every score table in the document, in reading order."""

    rows: list[Row] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    tables: int = 0
    consumed: set[tuple[int, int]] = field(default_factory=set)  # (page, line index) read as table
    unread: list[Notice] = field(default_factory=list)  # score cells OCR misread past reading: no number kept


def read_tables(pages: list[PageLines], settings: HeaderSettings = HEADER_SETTINGS) -> TableRead:
    """Every score table's rows and numbers; a table continues over pages (header repeated or not)."""
    out = TableRead()
    active: TableLayout | None = None
    for page in pages:
        active = read_page_tables(page, active, out, settings)
    return out


def read_page_tables(page: PageLines, active: TableLayout | None, out: TableRead,
                     settings: HeaderSettings = HEADER_SETTINGS) -> TableLayout | None:
    """One page of ``read_tables``: its rows and numbers added to ``out`` (the document's so far).

    ``active``: the table the last page ended in, if it ran to the page's end. Returns the
    table this page ends in, None when it ends in none (the next page then starts afresh).
    """
    resume = _resumes_at(page, active, out, settings) if active is not None else None
    headers = _headers(page, settings)
    if active is not None and resume is not None:
        stop = headers[0].first if headers else len(page.lines)
        end = _body(page, resume, stop, active, out)
        active = active if end == stop else None
    elif resume is None:
        active = None
    for k, header in enumerate(headers):
        if active is None or active.roles() != header.layout.roles():
            out.tables += 1
        out.consumed.update((page.number, i) for i in range(header.first, header.body_start))
        stop = headers[k + 1].first if k + 1 < len(headers) else len(page.lines)
        end = _body(page, header.body_start, stop, header.layout, out)
        active = header.layout if end == stop else None
    return active


def _headers(page: PageLines, settings: HeaderSettings) -> list[Header]:
    """Every score-table header on the page, top to bottom."""
    found: list[Header] = []
    start = 0
    while (header := find_header(page, start, settings)) is not None:
        found.append(header)
        start = header.body_start
    return found


def _resumes_at(page: PageLines, layout: TableLayout, out: TableRead, settings: HeaderSettings) -> int | None:
    """Where this page goes on with the table the last page ended in, or None if it does not.

    At its repeated header (page numbers and a running head above it are no rows), or,
    without one, at the first line after a page number when the lines from there are the
    table's: a labelled row, or the rest of the last page's row (aligned with the label
    cells, running into no score column) with a row or a score within a few lines. A page
    of another width (the landscape measures table) never goes on.
    """
    if abs(page.width - layout.page_width) > 1:
        return None
    top = 0
    while top < min(len(page.lines), RUNNING_HEAD_LINES) and _folio(page.lines[top], page, layout):
        top += 1
    header = find_header(page, top, settings)
    if header is not None and header.first <= top + RUNNING_HEAD_LINES:
        return header.first if header.layout.roles() == layout.roles() else None
    window = page.lines[top : top + RESUME_LINES]
    if not window or not _inside(window[0], layout):
        return None
    if _opens_row(window[0], layout):
        return top
    if not _aligned(window[0], layout, out):
        return None
    tabular = list(takewhile(lambda ln: _inside(ln, layout), window))
    scored = any(read_score(s.text) is not None and layout.column_at(s.mid_x).role in ("score", "tool_score")
                 for ln in tabular for s in ln.segments)
    return top if scored or any(_opens_row(ln, layout) for ln in tabular) else None


def _folio(line: Line, page: PageLines, layout: TableLayout) -> bool:
    """A page number at the page's head: as printed, or on a page read by OCR as it may misread one."""
    text = to_arabic_digits(line.text)
    if PAGE_NUMBER.match(text):
        return True
    chars = "".join(text.split())
    middle = (min(s.x0 for s in line.segments) + max(s.x1 for s in line.segments)) / 2
    return (
        layout.without_marks
        and len(chars) <= MISREAD_FOLIO_CHARS
        and abs(middle - page.width / 2) <= FOLIO_CENTRE * page.width
        and read_score(chars) is None
        and layout.label(chars) is None
    )


def _opens_row(line: Line, layout: TableLayout) -> bool:
    labels = [s for s in line.segments if layout.column_at(s.x0).role == "label"]
    return bool(labels) and layout.label(labels[0].text) is not None


def _inside(line: Line, layout: TableLayout) -> bool:
    """A table line: within the table's edges, no text running across into a score column."""
    size = line.size
    if line.x0 < layout.left - CROSS_EM * size or line.x1 > layout.right + CROSS_EM * size:
        return False
    return not any(
        read_score(s.text) is None and s.x0 < layout.score_x0 and s.x1 > layout.score_x0 + CROSS_EM * size
        and not (layout.without_marks and _misread_cell(s, layout, size))
        for s in line.segments
    )


def _misread_cell(seg: Segment, layout: TableLayout, size: float) -> bool:
    """On a page read by OCR, a score column's cell misread, not text running across into it: a number
    misread, or any text starting within ``OCR_CELL_EM`` of the column's header (OCR's boxes of a centred
    number start a little left of it: "๔ .ออ" at 478 pt under a header at 479 pt)."""
    return misread_score(seg.text) or seg.x0 >= layout.score_x0 - OCR_CELL_EM * size


def _body(page: PageLines, start: int, stop: int, layout: TableLayout, out: TableRead) -> int:
    """Read body lines ``start``..``stop`` until the table ends; return the index of the first line not read.

    Page numbers are passed over. It ends at a line outside the table (``_inside``), at label-column text that starts
    neither a row nor where the table's labels start (a heading or paragraph after the
    table: the last row need not be closed by a rule), or after a tall gap.
    """
    prev: Line | None = None
    for i in range(start, stop):
        line = score_apart(page.lines[i], layout) if layout.without_marks else page.lines[i]
        if PAGE_NUMBER.match(to_arabic_digits(line.text)):
            continue  # a page number in a footer (or header) is no row, and does not end the table
        if not _inside(line, layout) or not _aligned(line, layout, out):
            if layout.without_marks and _speck(line):
                continue  # nor does a speck OCR read off the table's columns
            return i
        if prev is not None and line.top - prev.bottom > MAX_ROW_GAP_EM * line.size:
            return i
        _read_line(line, layout, out)
        out.consumed.add((page.number, i))
        prev = line
    return stop


def _speck(line: Line) -> bool:
    """A line OCR made of a speck or two: a character or two, no digit ("a", "ฆ่"; judge set 8 lost a
    question table's E and O rows to an "a" under an indicator row, and I25-I30 to a "ฆ่"). Not
    aligned with the label cells (``_body``): a row's last word wrapped alone ("ใด") is text of the row."""
    chars = "".join(line.text.split())
    return len(chars) <= SPECK_CHARS and not any(ch.isdigit() for ch in chars)


def _aligned(line: Line, layout: TableLayout, out: TableRead) -> bool:
    """Label-column text of a line that opens no row starts where this table's label cells start.

    Where code and question have columns of their own ("ข้อ | ประเด็นการประเมิน"), a wrapped
    question starts where the question column's first text did, so every start seen counts.
    """
    labels = [s for s in line.segments if layout.column_at(s.x0).role == "label" and read_score(s.text) is None]
    starts = [s.x0 for r in out.rows if r.table == out.tables for s in r.texts]
    if not labels or not starts or _row_label(labels, layout, out, _scored(line, layout)) is not None:
        return True  # a row opens here: its code may stand left of the labels (or OCR lost its letter)
    return any(abs(labels[0].x0 - x0) <= ALIGN_EM * labels[0].size for x0 in starts)


def _scored(line: Line, layout: TableLayout) -> bool:
    """Does the line hold a score in a score column (a row's score is on its first line)?"""
    return any(_score_cell(s, layout) for s in line.segments)


def _score_cell(seg: Segment, layout: TableLayout) -> bool:
    """A score column's number, or on a page read by OCR a number it misread (its row opens all the same)."""
    readable = read_score(seg.text) is not None or (layout.without_marks and misread_score(seg.text))
    return readable and layout.column_at(seg.mid_x).role in ("score", "tool_score")


def _row_label(labels: list[Segment], layout: TableLayout, out: TableRead, scored: bool) -> Label | None:
    """The label of the row a line's label cells open, or None where they continue one.

    On a page read by OCR the table's structure checks what OCR read: a scored line whose code
    it misread opens the row the table's order says comes next (``next_code``), unless its wording is
    another question's, or names the row where no code was read (``wording.checked``); an indicator row
    is the one whose catalogue name the line holds (``named_indicator``); a question's letter is
    that of the indicator row above (``under_heading``).
    """
    label = layout.label(labels[0].text)
    if not layout.without_marks:
        return label
    previous = [r.label for r in out.rows if r.table == out.tables]
    line = " ".join(s.text for s in labels)
    if label is None:
        label = _split_indicator(line, layout) or (name_only(line) if scored and layout.lists_indicators else None)
    if label is None and scored:
        label = indicator_after(labels[0].text, previous) or next_code(labels[0].text, previous)
    if scored:
        label = checked(label, line, expected_code(previous))
    elif label is None:
        label = confirmed(next_code(labels[0].text, previous), line)
    if label is None:
        return None
    return repeated_code(under_heading(named_indicator(label, line), previous), previous)


def _split_indicator(line: str, layout: TableLayout) -> Label | None:
    """An indicator row whose name OCR cut into a cell of its own after a number it misread ("ตัวชี้วัดที่ ข |
    ประสิทธิภาพการสื่อสาร"): read from the line's label cells together. Its name is the next cell, so
    the label keeps no text of its own (the misread number is no part of the name)."""
    label = layout.label(line)
    return Label("indicator", label.code, "") if label is not None and label.level == "indicator" else None


def _read_line(line: Line, layout: TableLayout, out: TableRead) -> None:
    """Sort a body line's cells: a label opens a row, label text continues one, numbers are kept."""
    labels: list[Segment] = []
    for seg in point_lost(line.segments, layout) if layout.without_marks else line.segments:
        value = ocr_score(seg.text) if layout.without_marks else read_score(seg.text)
        column = layout.column_at(seg.mid_x if value is not None else seg.x0)
        if value is not None and column.role in ("score", "tool_score"):
            tool_column = column.role == "tool_score"
            out.numbers.append(Number(value, line.page, seg.mid_y, out.tables, tool_column, seg.text))
        elif column.role == "label":
            labels.append(seg)
        elif column.role in ("score", "tool_score") and layout.without_marks and seg.text.strip():
            message = f"score cell '{seg.text.strip()[:40]}' is no number as OCR read it; not kept"
            out.unread.append(Notice("assessment_score_unread", message, line.page))
    if not labels:
        return
    label = _row_label(labels, layout, out, _scored(line, layout))
    if label is not None:
        out.rows.append(Row(label, line.page, line.top, out.tables, texts=labels))
    elif out.rows and out.rows[-1].table == out.tables:
        out.rows[-1].texts.extend(labels)


def row_tool(label: Label) -> str | None:
    """The tool a row belongs to: its code's letter, its indicator's tool, or the tool it names."""
    if label.level == "question":
        return tool_of(label.code)
    if label.level == "indicator":
        return catalogue().tool_of_indicator(int(label.code))
    if label.level == "tool":
        return label.code
    return None


def assign_numbers(read: TableRead) -> tuple[list[tuple[Number, Row]], list[Notice]]:
    """Each number with the row it belongs to: the last row of its table that started above it."""
    pairs: list[tuple[Number, Row]] = []
    notices: list[Notice] = []
    for number in read.numbers:
        rows = [r for r in read.rows if r.table == number.table]
        row = _row_above(rows, number)
        if row is None:
            notices.append(Notice("assessment_score_unassigned", f"score {number.text} is in no row of its table; not kept", number.page))
            continue
        pairs.append((number, row))
    return pairs, notices


def _row_above(rows: list[Row], number: Number) -> Row | None:
    """The last row starting above the number (with a little slack), else the table's first row."""
    found = None
    for row in rows:
        slack = ROW_START_TOL_EM * _size(row)
        if (row.page, row.top - slack) <= (number.page, number.y):
            found = row
    return found or (rows[0] if rows and (rows[0].page, rows[0].top) >= (number.page, number.y) else None)


def _size(row: Row) -> float:
    return row.texts[0].size if row.texts else 0.0
