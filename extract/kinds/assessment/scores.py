"""Rows and numbers of the score tables → the contract's scores, each (level, code) once.

The FY2567 template prints most scores twice or three times (the indicator table, the
question table, the per-theme tables). The first printing is kept, with its page; a later
printing that disagrees is a misread somewhere and becomes a warning, never a silent
choice. A question's name comes from the printing that has one (theme tables print
codes only).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...errors import Notice
from ...thai.letters import is_thai_char
from ...thai.spacing import SpacingEvidence, line_texts, space_lost_at_wrap
from .layout import Segment
from .rows import Number, Row, TableRead, assign_numbers, row_tool

SAME_SCORE = 0.005  # points: two printings of one score agree when they differ by less (both have two decimals)


@dataclass(frozen=True, slots=True)
class Printed:
    """One printed score before deduplication, with where it is in the document."""

    level: str
    tool: str | None
    code: str
    name: str | None
    score: float
    page: int
    order: tuple[int, float]  # (page, y): reading order; a tool score sorts before its indicators


def printed_scores(read: TableRead) -> tuple[list[Printed], list[float], list[Notice]]:
    """Every score the tables print (tool, indicator, question), totals printed in a table, and notices."""
    pairs, notices = assign_numbers(read)
    notices = read.unread + notices
    evidence = SpacingEvidence().learn(line_texts(s.text for row in read.rows for s in row.texts))
    out: list[Printed] = []
    totals: list[float] = []
    scored: set[int] = set()
    for number, row in pairs:
        if number.tool_column:
            printed = _tool_score(number, row, read.rows)
        elif id(row) in scored:
            notices.append(Notice("assessment_score_unassigned", f"second score {number.text} in the row of {_what(row)}; not kept", number.page))
            continue
        else:
            scored.add(id(row))
            if row.label.level == "total":
                totals.append(number.value)
                continue
            name = row_name(row, evidence)
            printed = Printed(row.label.level, row_tool(row.label), row.label.code, name, number.value, number.page, (row.page, row.top))
        if printed is not None:
            out.append(printed)
    unscored = [r for r in read.rows if id(r) not in scored]
    notices += [Notice("assessment_score_missing", f"{_what(r)} has no score in its table", r.page) for r in unscored]
    return sorted(out, key=lambda p: p.order), totals, notices


def _what(row: Row) -> str:
    return {"indicator": f"indicator {row.label.code}", "total": "the total"}.get(row.label.level, row.label.code)


def _tool_score(number: Number, row: Row, rows: list[Row]) -> Printed | None:
    """A score from the tool column: the tool of the row it sits beside, placed before that tool's first row."""
    tool = row_tool(row.label)
    if tool is None:
        return None
    first = next(r for r in rows if r.table == row.table and row_tool(r.label) == tool)
    return Printed("tool", tool, tool, None, number.value, number.page, (first.page, first.top - 0.01))


def row_name(row: Row, evidence: SpacingEvidence) -> str | None:
    """The row's text after its code, wrapped lines joined as the author wrote them; None for tools."""
    if row.label.level == "tool":
        return None
    text = ""
    for k, segment in enumerate(row.texts):
        part = row.label.rest if k == 0 else segment.text
        if not part:
            continue
        if text:
            text += _joint(row.texts[k - 1], segment, text, part, evidence)
        text += part
    return text or None


def _joint(before: Segment, after: Segment, text: str, part: str, evidence: SpacingEvidence) -> str:
    """What goes between two pieces of a row's text: nothing inside a wrapped Thai word, else a space."""
    same_line = abs(before.mid_y - after.mid_y) < 0.5 * after.size
    if same_line or before.space_after:
        return " "
    if text[-1] in "/-":
        return ""
    if _thai_letter(text[-1]) and _thai_letter(part[0]):
        return " " if space_lost_at_wrap(text, part, evidence) else ""
    return " "


def _thai_letter(ch: str) -> bool:
    return is_thai_char(ch) and not ch.isdigit()


def first_printings(printed: list[Printed]) -> tuple[list[Printed], list[Notice]]:
    """Each (level, code) once, in reading order; a disagreeing repeat is a warning."""
    kept: dict[tuple[str, str], Printed] = {}
    notices: list[Notice] = []
    for p in printed:
        key = (p.level, p.code)
        first = kept.get(key)
        if first is None:
            kept[key] = p
            continue
        if abs(first.score - p.score) > SAME_SCORE:
            message = f"{p.level} {p.code} is printed as {first.score:g} on page {first.page} and as {p.score:g} here; the first is kept"
            notices.append(Notice("assessment_score_conflict", message, p.page))
        if first.name is None and p.name:
            kept[key] = replace(first, name=p.name)
    return list(kept.values()), notices
