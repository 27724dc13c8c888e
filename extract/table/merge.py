"""Rows across pages: a row cut by a page break joined, wrapped section labels joined, sections flowing down."""

from __future__ import annotations

from dataclasses import replace

from ..thai.codes import split_indicator
from ..thai.repair import repair_thai_text, to_arabic_digits
from ..thai.spacing import THAI
from .finder import PageTable
from .marks import ROW_NUMBER
from .rows import LogicalRow, opens_with_code
from .settings import DEFAULT, TableSettings
from .vocabulary import TableVocabulary


def merge_pages(tables: list[PageTable], vocab: TableVocabulary, settings: TableSettings) -> list[LogicalRow]:
    """The document's rows: a row cut by a page break is joined; section labels flow down.

    In an unruled table whose rows open with indicator codes, a piece with no code of
    its own anywhere on a page is a fragment of the row above (cut off by a wide
    paragraph gap), not a record.
    """
    merged: list[LogicalRow] = []
    roles = set().union(*(t.layout.roles() for t in tables)) if tables else set()
    coded = _mostly_coded(tables, vocab)
    for t in tables:
        lead = _leading_rows(t, roles, coded, vocab, settings)
        for k, row in enumerate(t.rows):
            last = merged[-1] if merged else None
            if last is not None and last.is_section and _section_tail(row, coded, vocab, settings):
                merged[-1] = replace(last, section=join_wrapped(last.section or "", repair_thai_text(row.printed[0])))
                continue
            fragment = (k < lead or (coded and not t.layout.ruled)) and last is not None and not last.is_section
            fragment = fragment and not both_valued(last, row, vocab)
            if fragment and (is_continuation(row, roles, coded, vocab, t.settings)
                             or (k == 0 and number_rest(last, row, coded, vocab))):
                merged[-1] = joined_rows(last, row)
                continue
            merged.append(row)
    return _with_sections(merged)


def _leading_rows(table: PageTable, roles: set[str], coded: bool, vocab: TableVocabulary,
                  settings: TableSettings) -> int:
    """How many rows at the top of a page may be the rest of the last page's row: the first only, or,
    in a table whose rows open with a number or code, every row above the page's first such row
    (a cell's lines carried over can be cut into pieces by a gap or a line at the page's head).

    Never past a rule of the table: a ruled table's rest of a row ends at the first rule under it,
    and a row below that rule whose code OCR lost ("1 ๑๐" for "I ๑๐") is a record of its own
    (unseen scans syn00205, syn00220: two records each folded into the one above)."""
    if not table.layout.marked:
        return 1
    for k, row in enumerate(table.rows):
        if row.is_section or row.under_rule or not is_continuation(row, roles, coded, vocab, table.settings):
            return max(k, 1)
    # No row on the page opens with its number or code. A cell carried over splits into a
    # piece or two; more unmarked rows than that are rows whose markers were lost (an OCR
    # page misreads codes), and joining them all would fold whole records into one.
    return len(table.rows) if len(table.rows) <= settings.carried_pieces else 1


def both_valued(last: LogicalRow, row: LogicalRow, vocab: TableVocabulary) -> bool:
    """Do both rows hold a value (a number) in a column of one short value (``vocab.single_valued``: a score)?
    A page break cuts no such cell, so the second row is no rest of the first: on a scan whose code
    OCR lost outright, FY2567's row under its page's header was folded into the last page's
    (FY2567 scan sample10: I7 under I1)."""
    return any(_valued(last.first_text(role)) and _valued(row.first_text(role)) for role in vocab.single_valued)


def _valued(text: str) -> bool:
    """A cell holding a value: a digit in it. Text that ran into the column is none (a born-digital
    FY2567 issue wrapped to the next page left its closing ")" or "น)" there: the row was split)."""
    return any(ch.isdigit() for ch in text)


def _with_sections(rows: list[LogicalRow]) -> list[LogicalRow]:
    """Body rows, each carrying the section row above it (section rows themselves dropped)."""
    out: list[LogicalRow] = []
    section: str | None = None
    for row in rows:
        if row.is_section:
            section = row.section
            continue
        out.append(replace(row, section=section))
    return out


def joined_rows(first: LogicalRow, rest: LogicalRow) -> LogicalRow:
    """One row from a row and its continuation: cells appended column by column."""
    cells = dict(first.cells)
    for role, lines in rest.cells.items():
        cells[role] = cells.get(role, ()) + lines
    return replace(first, cells=cells, page_end=rest.page_end)


def _anchor(row: LogicalRow, vocab: TableVocabulary) -> str:
    """The text a row opens with in its code columns ("" when it has none)."""
    return next((text for role in vocab.code_roles if (text := row.first_text(role))), "")


def _opens_coded(row: LogicalRow, vocab: TableVocabulary, settings: TableSettings = DEFAULT) -> bool:
    """Does the row open with an indicator code in its code columns (as its page's settings read one)?"""
    return opens_with_code(repair_thai_text(_anchor(row, vocab)), settings, vocab, alone=True)


def is_continuation(row: LogicalRow, roles: set[str], coded: bool, vocab: TableVocabulary,
                    settings: TableSettings = DEFAULT) -> bool:
    """A row at the top of a page with no number and no code of its own continues the last one.

    ``settings``: the row's page's (an OCR page's rows may open with a code OCR misread).
    """
    if row.is_section:
        return False
    if vocab.number_role in roles and row.first_text(vocab.number_role):
        return False
    if coded:
        return not _opens_coded(row, vocab, settings)
    return not _anchor(row, vocab)


def number_rest(last: LogicalRow | None, row: LogicalRow, coded: bool, vocab: TableVocabulary) -> bool:
    """The first row on a page holds the rest of the last row's number, wrapped between its digits
    at the page break ("๑" at the foot of one page, "๑" at the head of the next: row 11).

    As a wrap inside one page (``rows._row_starts``): digits alone in the number column of a row
    with no code, under a row that opened with its number and a code, in a table whose rows open
    with codes; and not the number that follows the last one, which would open a row of its own.
    """
    if last is None or not coded or last.is_section or row.is_section:
        return False
    number, before = (repair_thai_text(r.first_text(vocab.number_role)).strip() for r in (row, last))
    if len(row.cells.get(vocab.number_role, ())) != 1 or not number.isdigit() or not before.isdigit():
        return False
    if _opens_coded(row, vocab) or not _opens_coded(last, vocab):
        return False
    return int(to_arabic_digits(number)) != int(to_arabic_digits(before)) + 1


def join_wrapped(before: str, after: str) -> str:
    """Two lines of one label: no space where the wrap fell between Thai letters."""
    glue = "" if THAI.match(before[-1:]) and THAI.match(after[:1]) else " "
    return f"{before.rstrip()}{glue}{after.lstrip()}"


def _section_tail(row: LogicalRow, coded: bool, vocab: TableVocabulary, settings: TableSettings) -> bool:
    """One short line right under a section row is the rest of its wrapped label.

    Without rules the tail may straddle columns, so it is judged as printed, whole: its first
    letters may even fall in the row-number column ("คะแ" | "นน"), which a number never does,
    unless the label wraps at a number ("ต่ำกว่า" / "85 คะแนน"): in a table whose rows open with
    codes, a line with a number but no code is no row.
    """
    if row.is_section or len(row.printed) != 1:
        return False
    text = repair_thai_text(row.printed[0])
    short = len(text) <= settings.section_tail_letters
    code = split_indicator(text)[0] or _opens_coded(row, vocab)
    numbered = ROW_NUMBER.match(repair_thai_text(row.first_text(vocab.number_role)).strip())
    return short and not code and not (numbered and not coded)


def _mostly_coded(tables: list[PageTable], vocab: TableVocabulary) -> bool:
    """Do this table's rows open with an indicator code? Judged on rows below each page's
    first (the first may be a continuation, and long rows make many of those)."""
    rows = [(r, t.settings) for t in tables for r in t.rows[1:] if not r.is_section]
    rows = rows or [(r, t.settings) for t in tables for r in t.rows if not r.is_section]
    coded = sum(1 for r, settings in rows if _opens_coded(r, vocab, settings))
    return coded * 2 >= len(rows) and coded > 0
