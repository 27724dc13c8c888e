"""Logical table rows → contract records: cell text, numbered items, dates, codes.

A cell arrives as the lines the PDF drew. Joining them is where most extractors lose
Thai: a wrapped line inside a word must join with no space, while a space the author
typed at the wrap must stay. Producers that keep trailing space glyphs tell us exactly
(``CellLine.space_after``); for the others, a break between two Thai letters is a wrap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...schema import Record
from ..errors import Notice
from ..thai.codes import split_indicator, tool_in_text, tool_of
from ..thai.dates import find_thai_dates
from ..thai.repair import is_thai_char, repair_thai_text, repair_thai_text_checked, to_arabic_digits
from ..thai.spacing import SpacingEvidence, line_texts, space_lost_at_wrap
from .finder import CellLine, LogicalRow

ITEM = re.compile(r"(?:^|(?<=\s))\(?([0-9๐-๙]{1,2})[.)]\s*(?![0-9๐-๙])")
LIST_ROLES = ("measures", "monitoring", "actions")


@dataclass
class RowContext:
    """What the row parser needs from the whole document."""

    warnings: list[Notice] = field(default_factory=list)


def join_lines(lines: list[CellLine]) -> str:
    """Join a cell's lines, keeping typed spaces and dropping the ones a wrap would invent.

    At each wrap: a trailing space glyph is the author's space; after "/" or "-" a line
    may break with no space; between two Thai letters a wrap is inside running text (Thai
    has no spaces between words); anywhere else (digits, Latin, punctuation) layout
    engines only break at a space, so one is restored.
    """
    out = ""
    for k, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        if out:
            if ITEM.match(text):
                out += "\n"  # a numbered item starting a line: keep the boundary for split_items
            elif lines[k - 1].space_after or _wrap_needs_space(out[-1], text[0]):
                out += " "
        out += text
    return re.sub(r"[ \t]+", " ", out).strip()


def restore_wrap_spaces(rows: list[LogicalRow]) -> None:
    """Mark the Thai–Thai wraps where the author's typed space was not drawn (``space_after``).

    Runs over the whole document first because the best evidence of where this author
    types spaces is the rest of the document (see ``spacing``). Producers that draw the
    space glyph at a wrap (LibreOffice, most Word exports) leave it out only when it
    would hang past the cell's right edge, so once a document shows such glyphs, only
    wraps on lines too full to hold one more space are candidates.
    """
    by_role: dict[str, list[list[CellLine]]] = {}
    for row in rows:
        for role, lines in row.cells.items():
            by_role.setdefault(role, []).append(lines)
    cells = [lines for groups in by_role.values() for lines in groups]
    draws_spaces = any(ln.space_after for lines in cells for ln in lines[:-1])
    space_em = _space_width_em(cells)
    evidence = SpacingEvidence().learn(line_texts(ln.text for lines in cells for ln in lines))
    for groups in by_role.values():
        padding = min((ln.room for lines in groups for ln in lines[:-1]), default=0.0)
        for lines in groups:
            for a, b in zip(lines, lines[1:]):
                before, after = repair_thai_text(a.text.strip()), repair_thai_text(b.text.strip())
                if a.space_after or not before or not after or ITEM.match(after):
                    continue
                if not (_thai_letter(before[-1]) and _thai_letter(after[0])):
                    continue
                if draws_spaces and a.room - padding > space_em * _size(a):
                    continue  # a typed space would have fitted, and this producer draws it
                a.space_after = space_lost_at_wrap(before, after, evidence)


def _size(line: CellLine) -> float:
    return line.items[-1].size if line.items else 0.0


def _space_width_em(cells: list[list[CellLine]], default: float = 0.3) -> float:
    """The width of this document's space glyph, in em (median over the spaces drawn)."""
    widths = sorted((c.x1 - c.x0) / c.size for lines in cells for ln in lines for c in ln.items if c.is_space and c.size)
    return widths[len(widths) // 2] if widths else default


def _wrap_needs_space(before: str, after: str) -> bool:
    if before in "/-":
        return False
    return not (_thai_letter(before) and _thai_letter(after))


def _thai_letter(ch: str) -> bool:
    """Thai letters and marks, including the PUA glyph variants repair maps back to them."""
    return (is_thai_char(ch) and not ch.isdigit()) or "\uf700" <= ch <= "\uf71f"


def flatten(text: str) -> str:
    """Line boundaries kept for item splitting become plain spaces in the output."""
    return re.sub(r"\s*\n\s*", " ", text).strip()


def split_items(lines: list[CellLine]) -> list[str]:
    """One entry per numbered item (๑. / 1) / (1)), numbering removed; one entry if unnumbered.

    Item 1 must open the cell; later numbers may start a line or sit inside one (a
    paragraph typed as "๑) … ๒) …" wraps anywhere), but only the next number expected
    counts, so a year, an amount or "รอบ ๖ เดือน" is never taken for a marker.
    """
    text = join_lines(lines)
    first = ITEM.match(text)
    if not first or int(to_arabic_digits(first.group(1))) != 1:
        return [flatten(t) for t in split_dated_paragraphs(lines)]
    items: list[str] = []
    start, expected = first.end(), 2
    for m in ITEM.finditer(text, first.end()):
        if int(to_arabic_digits(m.group(1))) == expected:
            items.append(text[start : m.start()])
            start, expected = m.end(), expected + 1
    items.append(text[start:])
    return [flatten(t) for t in items if t.strip()]


CONNECTOR = re.compile(r"^(และ|หรือ|ถึง|จนถึง|ถึงวันที่|-|–|,|\))")
ENDS_WITH_YEAR = re.compile(r"[0-9๐-๙]{2,4}\s*\)?\s*$")


def split_dated_paragraphs(lines: list[CellLine]) -> list[str]:
    """Unnumbered entries that each end with a full date ("…เมื่อวันที่ ๒๕ มกราคม ๒๕๖๖") split apart.

    Agencies list what they did as one paragraph per action, each closed by its date,
    without numbers; a line ending with a date's year and a next line that does not
    continue it (และ, ถึง, -) is such a boundary. Anything else stays one entry.
    """
    entries: list[list[CellLine]] = []
    for line in lines:
        if entries and _closes_with_date(entries[-1]) and not CONNECTOR.match(line.text.strip()):
            entries.append([line])
        elif entries:
            entries[-1].append(line)
        else:
            entries.append([line])
    texts = [join_lines(group) for group in entries]
    return [t for t in texts if t]


def _closes_with_date(group: list[CellLine]) -> bool:
    """True when the entry's last token is the year that completes a date."""
    text = join_lines(group)
    year = ENDS_WITH_YEAR.search(text)
    return bool(year) and len(find_thai_dates(text[-60:])) > len(find_thai_dates(text[-60 : year.start()]))


def _repair(text: str, page: int, ctx: RowContext) -> str:
    fixed, codes = repair_thai_text_checked(text)
    for code in codes:
        ctx.warnings.append(Notice(code, f"text repaired or doubtful: {fixed[:60]}", page))
    return fixed


def to_record(row: LogicalRow, number: int, ctx: RowContext) -> Record | None:
    """A contract record, or None for a row with no content in any known column."""
    p = row.page_start

    def text(role: str) -> str | None:
        value = flatten(join_lines(row.cells.get(role, [])))
        return _repair(value, p, ctx) if value else None

    def items(role: str) -> list[str]:
        return [_repair(t, p, ctx) for t in split_items(row.cells.get(role, []))]

    issue = text("issue")
    code = None
    if issue:
        code, rest = split_indicator(issue)
        issue = rest.strip() or None
    ind_text = text("indicator")
    if ind_text:
        code = split_indicator(ind_text)[0] or code
    record = {role: items(role) for role in LIST_ROLES}
    responsible = text("responsible")
    if not (issue or code or responsible or any(record.values())):
        return None
    tool = tool_of(code) if code else None
    tool = tool or (tool_in_text(row.section) if row.section else None)
    if code and tool and tool_of(code) != tool:
        tool = tool_of(code)
    dates = [d for entry in record["actions"] for d in find_thai_dates(entry)]
    return Record(
        row=_row_number(row) or number,
        section=row.section,
        tool=tool,
        indicator=code,
        issue=issue,
        responsible=responsible,
        action_dates=dates,
        page_start=row.page_start,
        page_end=row.page_end,
        **record,
    )


def _row_number(row: LogicalRow) -> int | None:
    text = to_arabic_digits(row.first_text("row")).strip(". ")
    return int(text) if text.isdigit() and int(text) > 0 else None
