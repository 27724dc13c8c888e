"""Find a score table's header and say what each of its columns holds.

The three score tables of the FY2567 template differ only in their header:

- indicator table ``ตัวชี้วัด | คะแนนรายตัวชี้วัด | คะแนนรายเครื่องมือ``: a label, a row score and a
  tool score in a cell spanning its indicators;
- question table ``ประเด็นการประเมิน | คะแนนที่ได้``: a label and a row score;
- per-theme tables ``ที่ | หัวข้อ | เครื่องมือการประเมิน | ข้อคำถาม | คะแนน | หมายเหตุ``: a label (the
  code), a row score, and columns that say nothing new (the tool is in the code).

So one reader serves all three, given the columns' roles. A header is found from a cell
starting with คะแนน; its lines are those between the ruling lines around it (header cells
wrap over two or three lines: "คะแนน / รายตัวชี้วัด") or, in a table without rules, the
short lines next to it. A table with a column of any other kind (the measures table's
ข้อค้นพบ, แนวทาง…) is not a score table.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

from ...page.page import Rule
from ...table.vocabulary import opens_one_off
from ...thai.letters import unmarked
from .labels import Label, read_label, read_score
from .layout import Line, PageLines, Segment

Role = Literal["label", "score", "tool_score", "tool", "other"]

# Header wording → role; the first pattern that matches a column's text (spaces removed) decides.
HEADER_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("tool_score", re.compile(r"^(?:ผล)?คะแนน.*เครื่องมือ")),
    ("score", re.compile(r"^(?:ผล)?คะแนน|^ผลการประเมิน$")),
    ("tool", re.compile(r"^เครื่องมือ")),
    ("label", re.compile(r"^(?:ตัวชี้วัด|ประเด็นการประเมิน|ประเด็น$|ข้อคำถาม|คำถาม|ข้อ$|รายการ)")),
    ("other", re.compile(r"^(?:ที่|ลำดับ(?:ที่)?|หัวข้อ|หมายเหตุ|ด้าน|ประเด็นหลัก|ระดับ(?:ผลการประเมิน)?)$")),
)
ANCHOR = re.compile(r"^(?:ผล)?คะแนน|^ผลการประเมิน$")
ANCHOR_WORD = "คะแนน"
ANCHOR_BARE = unmarked(ANCHOR_WORD)
MIN_ANCHOR_CHARS = 2  # "คะ": the first syllable of คะแนน on a line of its own
# คะแนน whose first syllable OCR lost, marks aside: "แน่นที่ / ได้" for คะแนนที่ได้ (the question table's
# header on FY2567 scans: with it went the table's 101 scores). Read so only on a page read by OCR.
LOST_SYLLABLE = re.compile(r"^(ผล)?ะ?แนน")
# and, besides, one letter of a header's wording misread: "แนบที่ / ได้" for คะแนนที่ได้ (judge set 7, Arundina:
# น read as บ, the question tables' 89 scores lost), "ตัวชั่ว" for ตัวชี้วัด. A whole header cell (or column) one
# edit from one of these wordings (marks taken out, four letters at least) is read as it; a column's opening
# is not enough (the measures table's แนวทาง… is one letter from แนนท…, and no score header).
NEAR_FORMS: tuple[tuple[Role, str], ...] = tuple(
    (role, unmarked(w))
    for role, words in (
        ("score", ("คะแนน", "คะแนนที่", "คะแนนที่ได้", "แนนที่", "แนนที่ได้", "คะแนนรายตัวชี้วัด")),
        ("tool_score", ("คะแนนรายเครื่องมือ",)),
        ("label", ("ตัวชี้วัด", "ประเด็นการประเมิน", "ข้อคำถาม")),
        ("tool", ("เครื่องมือ",)),
    )
    for w in words
)
MIN_NEAR_CHARS = 4
LONG_NEAR_CHARS = 10  # a wording this long (marks out) is known again two letters off


@dataclass(frozen=True)
class HeaderSettings:
    """Tolerances of header finding, in em of the header's font unless named otherwise."""

    max_cell_chars: int = 24  # a header cell line is short ("คะแนนรายตัวชี้วัด" is 16); prose is longer
    reach_em: float = 3.2  # header lines lie within this of the anchor line (three wrapped lines)
    unruled_gap_em: float = 0.75  # without rules, a header line is at most this far below/above the next
    rule_cover: float = 0.9  # a rule bounding the header covers this share of the top rule's span
    rule_tol: float = 2.0  # points: a line touching a rule is still inside it
    # wordings (header cells, row labels) also matched with Thai combining marks taken out, where the
    # printed form matches nothing: OCR loses marks most ("ตัวชวด" / "ตัวชวัดที่ ๑" for ตัวชี้วัด, ตัวชี้วัดที่ ๑;
    # FY2567 scans of the long run). The table engine's ``TableSettings.ocr`` does the same for its headers.
    without_marks: bool = False

    @classmethod
    def ocr(cls) -> HeaderSettings:
        """The variant for a page read by OCR (chosen by whoever made the page). Its em is the OCR
        reader's, capped at the page's usual line height (``OcrSettings.em_max_usual``), smaller than the
        print's: a three-line header cell reaches further in it (devs7n syn00057, Purisa: the bottom rule
        4.1 em below the anchor's top, the third line's foot 3.45 em; with 3.2 that line and the
        table's 13 scores were lost)."""
        return cls(without_marks=True, reach_em=4.5)


HEADER_SETTINGS = HeaderSettings()
UNMARKED_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = tuple(
    (role, re.compile(unmarked(p.pattern))) for role, p in HEADER_ROLES)


@dataclass(frozen=True, slots=True)
class Column:
    """One header column: its role, header text and the x-range its cells occupy."""

    role: Role
    text: str
    x0: float  # left boundary (a vertical rule, or half-way to the previous column's header)
    x1: float
    header_x0: float  # where the header text starts: body text running past it has left the table


@dataclass(frozen=True, slots=True)
class TableLayout:
    """A score table's columns, left to right, and its horizontal extent."""

    columns: tuple[Column, ...]
    left: float
    right: float
    page_width: float
    without_marks: bool = False  # its wordings read as OCR leaves them (``HeaderSettings.without_marks``)

    def roles(self) -> tuple[Role, ...]:
        return tuple(c.role for c in self.columns)

    def column_at(self, x: float) -> Column:
        """The column whose x-range holds ``x`` (the outer columns reach to the table's edges)."""
        for column in self.columns:
            if x < column.x1:
                return column
        return self.columns[-1]

    @property
    def lists_indicators(self) -> bool:
        """Is the label column headed ตัวชี้วัด (rows may name an indicator by number or name alone)?"""
        head = unmarked("ตัวชี้วัด") if self.without_marks else "ตัวชี้วัด"
        return any(c.role == "label" and (unmarked(c.text) if self.without_marks else c.text).startswith(head)
                   for c in self.columns)

    def label(self, text: str) -> Label | None:
        """The row label a label-column cell opens with, read as this table's labels read
        (an indicator column's numbers and names; OCR's lost marks where ``without_marks``)."""
        return read_label(text, self.lists_indicators, self.without_marks)

    @property
    def score_x0(self) -> float:
        """Where the first score column's header starts: label text never runs past it."""
        return min(c.header_x0 for c in self.columns if c.role in ("score", "tool_score"))


@dataclass(frozen=True, slots=True)
class Header:
    """A header found on a page: its layout, and the index of the first body line after it."""

    layout: TableLayout
    first: int  # index of the header's first line
    body_start: int  # index of the first line after it


def is_anchor(segment: Segment, settings: HeaderSettings) -> bool:
    """A header cell that opens a score column: "คะแนน", "คะแนนที่", "คะแนนราย", or "คะ" of a narrow
    column that wraps the word itself ("คะ / แนนที่ / ได้"); the whole column's wording decides later."""
    text = "".join(segment.text.split())
    narrow = len(text) >= MIN_ANCHOR_CHARS and ANCHOR_WORD.startswith(text)
    lost = settings.without_marks and (
        LOST_SYLLABLE.match(unmarked(text)) is not None or near_role(text) == "score" or _opens_near_anchor(text)
    )
    return len(text) <= settings.max_cell_chars and (bool(ANCHOR.match(text)) or narrow or lost)


def _opens_near_anchor(text: str) -> bool:
    """Does a cell open with คะแนน one letter off, marks aside ("คะแน่แน่รายตัวชี้": นน read น่แน่ in a loopless
    face, judge set 12's syn09404)? Its column's whole wording then decides (``_columns``); no other
    header word opens so."""
    return opens_one_off(unmarked(text), ANCHOR_BARE)


def near_role(text: str) -> Role | None:
    """The role of the header wording (``NEAR_FORMS``, marks out) one edit from a whole cell's or
    column's text as OCR read it, if any; failing that, of the wordings of ``LONG_NEAR_CHARS`` letters
    or more two edits from it, where all those as near name one role.

    A long wording two letters off leaves no doubt: "คะแแแรายเครื่องมือ" (นน read แแ in a loopless
    face, judge set 12's syn09404) is คะแนนรายเครื่องมือ, and without its column the whole results
    table (its 23 scores) was not read. The table engine's headers allow the same (``_nearly``)."""
    bare = unmarked("".join(text.split()))
    if len(bare) < MIN_NEAR_CHARS:
        return None
    one = next((role for role, form in NEAR_FORMS if Levenshtein.distance(bare, form, score_cutoff=1) <= 1), None)
    if one is not None:
        return one
    near = {role for role, form in NEAR_FORMS
            if len(form) >= LONG_NEAR_CHARS and Levenshtein.distance(bare, form, score_cutoff=2) <= 2}
    return near.pop() if len(near) == 1 else None


def is_header_like(line: Line, settings: HeaderSettings) -> bool:
    """Short cells, no score, no row label: a line that can belong to a header."""
    return all(
        len("".join(s.text.split())) <= settings.max_cell_chars and read_score(s.text) is None and read_label(s.text) is None
        for s in line.segments
    )


def find_header(page: PageLines, start: int, settings: HeaderSettings) -> Header | None:
    """The first score-table header at or after line ``start`` of the page, or None."""
    for i in range(start, len(page.lines)):
        line = page.lines[i]
        if any(is_anchor(s, settings) for s in line.segments) and is_header_like(line, settings):
            header = header_at(page, i, settings)
            if header is not None and header.first >= start:
                return header
    return None


def header_at(page: PageLines, anchor: int, settings: HeaderSettings) -> Header | None:
    """The header around anchor line ``anchor``, if its columns make a score table."""
    a = page.lines[anchor]
    top_rule = _rule_above(page, a, settings)
    first, last = _header_span(page, anchor, top_rule, settings)
    lines = page.lines[first : last + 1]
    columns = _columns(lines, page, a, settings.without_marks)
    if columns is None:
        return None
    if top_rule is not None:
        left, right = top_rule.start, top_rule.end
    else:
        left, right = -math.inf, math.inf
    layout = TableLayout(columns, left, right, page.width, settings.without_marks)
    return Header(layout, first, last + 1)


def _rule_above(page: PageLines, anchor: Line, settings: HeaderSettings) -> Rule | None:
    """The horizontal rule that closes the header at the top: the nearest above the anchor, spanning it."""
    reach = settings.reach_em * anchor.size
    above = [
        r for r in page.hrules()
        if anchor.top - reach <= r.pos <= anchor.top + settings.rule_tol
        and r.start <= anchor.x0 + settings.rule_tol and r.end >= anchor.x1 - settings.rule_tol
    ]
    return max(above, key=lambda r: r.pos) if above else None


def _header_span(page: PageLines, anchor: int, top_rule: Rule | None, settings: HeaderSettings) -> tuple[int, int]:
    """Indexes of the header's first and last lines."""
    a = page.lines[anchor]
    if top_rule is not None:
        bottom = _rule_below(page, a, top_rule, settings)
        inside = [
            i for i, ln in enumerate(page.lines)
            if ln.top >= top_rule.pos - settings.rule_tol and ln.bottom <= bottom + settings.rule_tol
            and abs(ln.mid_y - a.mid_y) <= settings.reach_em * a.size and is_header_like(ln, settings)
        ]
        if anchor in inside:
            return min(inside), max(inside)
    return _unruled_span(page, anchor, settings)


def _rule_below(page: PageLines, anchor: Line, top_rule: Rule, settings: HeaderSettings) -> float:
    """The first rule under the anchor as wide as the header's top rule (partial rules split header cells)."""
    width = top_rule.end - top_rule.start
    below = [
        r.pos for r in page.hrules()
        if r.pos >= anchor.bottom - settings.rule_tol and (r.end - r.start) >= settings.rule_cover * width
        and r.pos - anchor.top <= settings.reach_em * anchor.size
    ]
    return min(below) if below else anchor.top + settings.reach_em * anchor.size


def _unruled_span(page: PageLines, anchor: int, settings: HeaderSettings) -> tuple[int, int]:
    """Header lines of a table without rules: header-like lines touching the anchor's, up and down."""
    first = last = anchor
    gap = settings.unruled_gap_em * page.lines[anchor].size
    while first > 0 and _joins(page.lines[first - 1], page.lines[first], gap, settings):
        first -= 1
    while last + 1 < len(page.lines) and _joins(page.lines[last], page.lines[last + 1], gap, settings):
        last += 1
    return first, last


def _joins(upper: Line, lower: Line, gap: float, settings: HeaderSettings) -> bool:
    return lower.top - upper.bottom <= gap and is_header_like(upper, settings) and is_header_like(lower, settings)


def _columns(lines: list[Line], page: PageLines, anchor: Line, without_marks: bool = False) -> tuple[Column, ...] | None:
    """Header segments stacked into columns (overlapping x-ranges), each with a role; None if not a score table."""
    stacks: list[list[Segment]] = []
    for seg in sorted((s for ln in lines for s in ln.segments), key=lambda s: s.x0):
        if stacks and seg.x0 < max(s.x1 for s in stacks[-1]):
            stacks[-1].append(seg)
        else:
            stacks.append([seg])
    texts = ["".join("".join(s.text.split()) for s in sorted(stack, key=lambda s: (s.top, s.x0))) for stack in stacks]
    found = [_role(text, without_marks) for text in texts]
    if None in found:
        return None
    roles: list[Role] = [role for role in found if role is not None]
    if "label" not in roles and "tool" in roles:
        roles[roles.index("tool")] = "label"  # a table of tools: "เครื่องมือ | คะแนน", one row per tool
    if roles.count("score") != 1 or "label" not in roles:
        return None
    if roles.index("label") > roles.index("score"):
        return None  # the label column comes first in every score table
    edges = _boundaries(stacks, page, anchor)
    return tuple(
        Column(role, text, edges[k], edges[k + 1], min(s.x0 for s in stack))
        for k, (role, text, stack) in enumerate(zip(roles, texts, stacks))
    )


def _role(text: str, without_marks: bool = False) -> Role | None:
    """The role a header column's text names; ``without_marks``: failing that, its letters without marks."""
    role = next((role for role, pattern in HEADER_ROLES if pattern.match(text)), None)
    if role is None and without_marks:
        bare = LOST_SYLLABLE.sub(r"\1คะแนน", unmarked(text))  # คะแนน with its first syllable lost: its own
        role = next((role for role, pattern in UNMARKED_ROLES if pattern.match(bare)), None)
        role = role or near_role(text)
    return role


def _boundaries(stacks: list[list[Segment]], page: PageLines, anchor: Line) -> list[float]:
    """Column edges: a vertical rule between two header stacks where there is one, else half-way."""
    edges = [-math.inf]
    for left, right in zip(stacks, stacks[1:]):
        x1, x0 = max(s.x1 for s in left), min(s.x0 for s in right)
        rules = [r.pos for r in page.vrules() if x1 <= r.pos <= x0 and r.start <= anchor.bottom and r.end >= anchor.top]
        edges.append(sum(rules) / len(rules) if rules else (x1 + x0) / 2)
    edges.append(math.inf)
    return edges
