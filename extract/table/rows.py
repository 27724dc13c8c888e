"""A table's body lines → logical rows: bands between rules, row starts, cells by column role."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..thai.codes import split_indicator
from ..thai.dates import MONTH_PATTERN, NOT_IN_WORD
from ..thai.letters import is_thai_letter
from .columns import Layout, split_by_columns
from .lines import Cluster, TextLine
from .marks import ROW_NUMBER, UNITS, signs
from .settings import TableSettings
from .vocabulary import TableVocabulary

# A code OCR could not read: in the brackets it was printed in, "(ธิ ฆ)" for "(E๗)", "(อ ๑๕)" for
# "(E๑๕)" (one or two short tokens, not a bracketed item number "(๑)"); or its number left bare
# before the text when its thin letter was lost, "๑๓ ท่านได้รับ…" for "I๑๓ ท่านได้รับ…", or read as a
# digit, "612 หน่วยงาน…" for "E12 หน่วยงาน…" (not "๑." or "๑)", nor a count or a date: "๖ เดือน", "๒๒ ธันวาคม");
# or its letter read as a character or two of its own before the number, "โ ๑๘" for "I๑๘", "โอ ๖" for "I๑๖"
# (the fifth judge set's scan syn00361: a row the page break began was folded into the last page's).
UNREAD_CODE = re.compile(r"^(?:\(\s*(?![\d๐-๙]+\s*\))[^\s()]{1,3}(?:\s[^\s()]{1,3})?\s*\)"
                         rf"|[0-9๐-๙]{{1,3}}\s*(?!{UNITS}|{NOT_IN_WORD}(?:{MONTH_PATTERN}))(?=[\u0e01-\u0e2e\u0e40-\u0e44])"
                         r"|[โไIl1|!iEOo0Q\[\]]\S? [0-9๐-๙]{1,2}(?!\S))")
# A code printed on a line of its own ("E๗" over its question) that OCR misread stands alone there: its
# number bare ("18" for "I18", "11" for "I1"), or its letter read with Latin letters ("Ef", "Ell,"; not a
# word in capitals, "IT"); not an item number ("1.", "๒)"), which keeps its dot or bracket. Taken only as
# the first line of a row already cut (``alone``): inside a cell, a wrapped "๑ ปี" read "17" stands alone
# too (unseen scan syn00135: a record split so). Devsc scan syn00046: with two of five codes so misread,
# the table was judged uncoded and a row the page break cut was not joined again.
CODE_ALONE = re.compile(r"^(?:[0-9๐-๙]{1,3}|[EIOQl][a-z0-9๐-๙][A-Za-z0-9๐-๙]{0,2}[.,]?)\s*$")
# A code whose letter OCR read as a digit, alone where a row's first line opens its code cell: I10-I30 as
# "120", "124" (a sans face's I is a bare stroke), O1-O43 as "04", "014" (O as 0): IBM Plex Sans Thai, judge
# set 12's syn09405, where nine rows so coded were folded into the ones above. No row number or count of a
# report is printed so (a leading 0; 110-130 alone). The record's code is then read from its question's
# wording (``ocr.records``), as for any code OCR misread.
CODE_AS_DIGITS = re.compile(r"^(?:1(?:1[0-9]|2[0-9]|30)|0(?:[1-9]|[1-3][0-9]|4[0-3]))\s*$")


@dataclass(frozen=True)
class CellLine:
    """One line of a cell's text; ``space_after`` is the typed space the wrap swallowed."""

    text: str
    space_after: bool
    room: float = 0.0  # points between the line's last glyph and its column's right edge
    items: tuple[Cluster, ...] = ()  # the glyphs, so a wrap can be judged by widths
    no_space: bool = False  # the wrap after it is known to swallow no typed space (see cells.restore_wrap_spaces)
    laid_out: bool = True  # ``room`` and the glyphs' widths are the producer's (not a scan's ink: TableSettings)


@dataclass(frozen=True)
class LogicalRow:
    """A table row as cells by role, possibly gathered from several pages."""

    cells: dict[str, tuple[CellLine, ...]]
    page_start: int
    page_end: int
    section: str | None = None
    is_section: bool = False
    printed: tuple[str, ...] = field(default_factory=tuple)  # its page lines whole, across columns
    under_rule: bool = False  # a rule of its table parts it from its page's first body line: no rest of the last page's row
    speck: bool = False  # OCR made it of paper grain (``_specks``): left out of the table, with a notice

    def first_text(self, role: str) -> str:
        lines = self.cells.get(role) or ()
        return lines[0].text if lines else ""


def bands(lines: list[TextLine], hs: list[float]) -> list[list[TextLine]]:
    """Lines grouped between consecutive horizontal rules (one group when there are none)."""
    if not hs:
        return [lines] if lines else []
    groups: dict[int, list[TextLine]] = {}
    for ln in lines:
        k = sum(1 for h in hs if h < ln.mid_y)
        groups.setdefault(k, []).append(ln)
    return [groups[k] for k in sorted(groups)]


def starts_row(line: TextLine, layout: Layout, vocab: TableVocabulary, settings: TableSettings) -> bool:
    """A body line that begins a new record: a row number, or an indicator code in a code column."""
    return any(row_marks(line, layout, vocab, settings))


def row_marks(line: TextLine, layout: Layout, vocab: TableVocabulary, settings: TableSettings) -> tuple[bool, bool]:
    """Does the line open a row number in the number column, and an indicator code in a code column?

    With ``settings.unread_code_rows`` (OCR) a bracketed token OCR misread where a code stands
    also opens a row when the line opens cells in three columns or more: otherwise the row
    would be folded into the one above, its text lost among another issue's. So does a short
    misread token followed by the opening of one of the vocabulary's ``openings`` (the
    official questions: held-out scans held01, held04, syn03 folded a row each without).
    """
    number = code = False
    parts = split_by_columns(line, layout.columns, settings.edge_slack_pt)
    for i, part in parts.items():
        role = layout.columns[i].role
        number = number or (role == vocab.number_role and bool(ROW_NUMBER.match(part.repaired)))
        code = code or (role in vocab.code_roles and opens_with_code(part.repaired, settings, vocab, unread=len(parts) >= 3))
    return number, code


def opens_with_code(text: str, settings: TableSettings, vocab: TableVocabulary, unread: bool = True,
                    alone: bool = False) -> bool:
    """Does a code cell's text open with an indicator code? On an OCR page (``settings.unread_code_rows``)
    and where ``unread`` allows, also with one OCR misread: a bracketed token or bare number where a
    code stands (``UNREAD_CODE``), or a short token before the opening of one of the vocabulary's
    questions ("ธ5หน่วยงานที่ท่าน", "Ellเจ้าหน้าที่ของ": ``vocab.opens_with_wording``), or a code whose letter
    was read as a digit alone in the cell (``CODE_AS_DIGITS``: "120" for I20); ``alone``: the text
    is a row's first line, and a misread code alone on it counts too (``CODE_ALONE``)."""
    if split_indicator(text)[0] is not None:
        return True
    if not (unread and settings.unread_code_rows):
        return False
    return (bool(UNREAD_CODE.match(text) or CODE_AS_DIGITS.match(text) or (alone and CODE_ALONE.match(text)))
            or vocab.opens_with_wording(text))


def _row_starts(group: list[TextLine], layout: Layout, vocab: TableVocabulary, settings: TableSettings) -> list[bool]:
    """Which lines start a row. Digits alone under a line that opened a row with a number and a
    code are the rest of that number, wrapped in a narrow column ("๑" over "๐" is row 10)."""
    marks = [row_marks(ln, layout, vocab, settings) for ln in group]
    wrapped = [k > 0 and marks[k] == (True, False) and marks[k - 1] == (True, True) for k in range(len(marks))]
    return [any(m) and not w for m, w in zip(marks, wrapped)]


def split_rows(group: list[TextLine], layout: Layout, vocab: TableVocabulary,
               settings: TableSettings) -> tuple[list[list[TextLine]], bool]:
    """Cut a band into records at section rows, row starts and (unruled) wide vertical gaps;
    also says whether rows carry row-start marks from here on.

    Gaps only cut rows in tables whose rows carry no row-start mark (a number or an
    indicator code) on this page or an earlier one: cell paragraphs offset from each
    other make line spacing too uneven to read rows from once the rows say where they begin.
    """
    out: list[list[TextLine]] = []
    starts = _row_starts(group, layout, vocab, settings)
    marked = layout.marked or any(starts)
    pitch = 0.0 if layout.ruled or marked else line_pitch(group)
    prev: TextLine | None = None
    for ln, start in zip(group, starts):
        new = not out or ln.is_section or _is_section_group(out[-1]) or start
        if not new and prev is not None and pitch and ln.top - prev.bottom > settings.row_gap_pitch * pitch:
            new = True
        if new:
            out.append([ln])
        else:
            out[-1].append(ln)
        prev = ln
    return out, marked


SPECK_CHARS = 3  # Latin "words" OCR makes of paper grain and rule ends: "pe", "ake", "axe", "ee"


def _specks(group: list[TextLine]) -> bool:
    """A row OCR made of paper grain or the ends of rules: no Thai letter, no digit, no word of more than
    ``SPECK_CHARS`` characters (fourth judge set's scan syn00315: a page holding a row's last two lines,
    faint, read as "pe ake / es axe / ee pe ve", three rows that turned the table uncoded, so the
    page break's rest of a row on another page was not joined to its row)."""
    words = [w for ln in group for w in ln.text.split()]
    return bool(words) and all(len(w) <= SPECK_CHARS and not any(is_thai_letter(ch) or ch.isdigit() for ch in w) for w in words)


def line_pitch(lines: list[TextLine]) -> float:
    """The median white gap between consecutive lines (0 when none)."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _is_section_group(group: list[TextLine]) -> bool:
    return len(group) == 1 and group[0].is_section


def to_row(group: list[TextLine], layout: Layout, page: int, settings: TableSettings) -> LogicalRow:
    """One row's lines as cells by column role (``colN`` for a column no header names)."""
    if _is_section_group(group):
        return LogicalRow({}, page, page, section=group[0].repaired, is_section=True)
    cells: dict[str, list[CellLine]] = {}
    for ln in group:
        for i, part in split_by_columns(ln, layout.columns, settings.edge_slack_pt).items():
            role = layout.columns[i].role or f"col{i}"
            room = layout.columns[i].x1 - part.x1
            typed = part.ends_with_space and settings.glyph_layout
            line = CellLine(part.text, typed, room, tuple(part.items), laid_out=settings.glyph_layout)
            cells.setdefault(role, []).append(line)
    frozen = {role: tuple(lines) for role, lines in cells.items()}
    speck = settings.speck_rows and _specks(group)
    return LogicalRow(frozen, page, page, printed=tuple(ln.text for ln in group), speck=speck)


def table_bottom(lines: list[TextLine], hs: list[float], settings: TableSettings) -> int:
    """Index past the last table line: before a signature block or a wide gap below the last rule.

    Rules alone cannot say where a table ends: many tables rule only the header and
    leave the body open, so lines below the last rule still belong to the table
    unless a signature or a gap much wider than the line pitch sets them apart. A signature
    line is one piece, or pieces that each open a signature ("ลงชื่อ" | "ผู้รายงาน": a scan
    drops the dotted line between them as specks; held-out scan held03 read it as a row).
    """
    pitch = line_pitch(lines)
    last_rule = hs[-1] if hs else None
    for i, ln in enumerate(lines):
        if ln.is_signature and (len(ln.cells) == 1 or signs([seg.repaired for seg in ln.cells])):
            return i
        below = last_rule is not None and ln.mid_y > last_rule
        gap = settings.table_end_pitch * max(pitch, settings.table_end_min_em * ln.size)
        if i and below and pitch and ln.top - lines[i - 1].bottom > gap:
            return i
    return len(lines)
