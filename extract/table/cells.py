"""A cell's lines → its text: wraps joined, typed spaces kept, numbered items split.

A cell arrives as the lines the PDF drew. Joining them is where most extractors lose
Thai: a wrapped line inside a word must join with no space, while a space the author
typed at the wrap must stay. Producers that keep trailing space glyphs tell us exactly
(``CellLine.space_after``); for the others, a break between two Thai letters is a wrap.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from itertools import dropwhile, takewhile

from ..thai.dates import MONTH_PATTERN, NOT_IN_WORD, find_thai_dates
from ..thai.letters import is_thai_char
from ..thai.repair import repair_thai_text, to_arabic_digits
from ..thai.spacing import SpacingEvidence, line_texts, opening_word, space_lost_at_wrap, wrap_space
from .marks import UNITS
from .misread_items import misread_items, scanned_items
from .rows import CellLine, LogicalRow

# A space may stand before the dot or bracket: "๒)" alone on a justified line is spread across its cell
# ("๒           )"), two glyphs with nothing to show the gap is a spread.
ITEM = re.compile(r"(?:^|(?<=\s))\(?([0-9๐-๙]{1,2}) ?[.)]\s*(?![0-9๐-๙])")
# A number after these words is a reference ("ตามข้อ 2)", "มาตรา 5.") and never an item marker.
REFERENCE_WORDS = ("ข้อ", "ข้อที่", "มาตรา", "ฉบับที่", "ครั้งที่", "ลำดับที่")  # not ที่ alone: "เจ้าหน้าที่ ๒)"
# A bare item number ("๑ จัดอบรม", numbering without a dot) stands at the start of a line and
# is followed by words; a day before a month, a count before its unit, is not a number of an item.
# Units that no item opens with (not ราย: "๒ รายงานผู้บริหาร"; not คน, เรื่อง: words start so too).
BARE_ITEM = re.compile(rf"(?:^|(?<=\n))([0-9๐-๙]{{1,2}})\s+(?=\S)(?![0-9๐-๙/.:,\-]|{UNITS}|{NOT_IN_WORD}(?:{MONTH_PATTERN}))")
LONE_NUMBER = re.compile(r"[0-9๐-๙]{1,2}")
RANGE_OPEN = re.compile(r"(?:[-–/,:]|ถึง)\s*$")
# Either: a list numbered "๑." whose "๒." lost its dot to OCR ("๑. จัดทำคู่มือ ↵ ๒ รายงานผู้บริหาร ↵ ๓. เผยแพร่").
ANY_ITEM = re.compile(f"{ITEM.pattern}|{BARE_ITEM.pattern}")
LIST_ROLES = ("measures", "monitoring", "actions")
# An item's number spread from its dot or bracket: a line of a few clusters justified across its cell
# ("๑" … "." with the cell's width between them). Nobody types "๑ ." at a line's start.
SPREAD_MARKER = re.compile(r"^(\(?[0-9๐-๙]{1,2})\s+([.)])(?=\s|$)")


def join_lines(lines: list[CellLine]) -> str:
    """Join a cell's lines, keeping typed spaces and dropping the ones a wrap would invent.

    At each wrap: a trailing space glyph is the author's space; between two Thai letters a
    wrap is inside running text (Thai has no spaces between words); anywhere else (digits,
    Latin, punctuation) layout engines break at a space, so one is restored, except where
    the text says none was typed (a slash or dash typed close, a date cut inside: see
    ``spacing.wrap_space``).
    """
    out = ""
    for k, line in enumerate(lines):
        text = SPREAD_MARKER.sub(r"\1\2", line.text.strip())
        if not text:
            continue
        if out:
            spaced = lines[k - 1].space_after or (not lines[k - 1].no_space and _wrap_needs_space(out, text))
            # OCR set an item's number apart from its first line; not the end of a range ("ไตรมาสที่ 3 -" | "4")
            lone = spaced and LONE_NUMBER.fullmatch(text) and not RANGE_OPEN.search(out)
            if ITEM.match(text) or (spaced and BARE_ITEM.match(text)) or lone:
                out += "\n"  # a numbered item may start this line: keep the boundary for split_items
            elif spaced:
                out += " "
        out += text
    return re.sub(r"[ \t]+", " ", out).strip()


def restore_wrap_spaces(rows: list[LogicalRow]) -> list[LogicalRow]:
    """The rows with ``space_after`` set on the Thai–Thai wraps where the author's typed space was not drawn.

    Runs over the whole document first because the best evidence of where this author
    types spaces is the rest of the document (see ``spacing``): its lines, and its cells'
    numbered items as whole phrases. Producers that draw the space glyph at a wrap
    (LibreOffice, most Word exports) leave it out only when it would hang past the cell's
    right edge, so once a document shows such glyphs, only wraps on lines too full to hold
    one more space are candidates.
    """
    by_role: dict[str, list[tuple[CellLine, ...]]] = {}
    for row in rows:
        for role, lines in row.cells.items():
            by_role.setdefault(role, []).append(lines)
    cells = [lines for groups in by_role.values() for lines in groups]
    draws_spaces = any(ln.space_after for lines in cells for ln in lines[:-1])
    space_em = _space_width_em(cells)
    edge_padding = _padding_by_edge(cells)
    evidence = SpacingEvidence().learn(line_texts(ln.text for lines in cells for ln in lines))
    if draws_spaces:
        evidence.learn_wraps(_shown_wraps(cells, edge_padding, space_em))
    evidence.phrases.learn("".join(item) for lines in cells for item in item_lines(lines))
    lost: set[int] = set()  # id() of the cell lines whose wrap swallowed a typed space
    closed: set[int] = set()  # … and of those whose wrap is known to swallow none
    for groups in by_role.values():
        padding = min((ln.room for lines in groups for ln in lines[:-1]), default=0.0)
        for lines in groups:
            for a, b, item in _wraps(lines):
                if _wrap_candidate(a, b, draws_spaces, padding, space_em) and space_lost_at_wrap(
                    repair_thai_text(a.text.strip()), repair_thai_text(b.text.strip()), evidence, item,
                    ended_early=partial(_next_word_fitted, a, b, item[1], edge_padding),
                ):
                    lost.add(id(a))
                elif draws_spaces and _cut_in_a_word(a, b, padding, space_em):
                    closed.add(id(a))
    return [replace(row, cells={role: _with_spaces(lines, lost, closed) for role, lines in row.cells.items()})
            for row in rows]


def _shown_wraps(
    cells: list[list[CellLine]], edge_padding: dict[int, float], space_em: float
) -> list[tuple[str, str, bool]]:
    """The wraps whose spacing a producer that draws wrap spaces showed: (line end, next line, spaced).

    A space glyph at the wrap is the author's space; a line that had room for one and drew
    none had none typed. Only a line too full to hold one says nothing (those are the wraps
    ``restore_wrap_spaces`` decides, by this evidence among the rest).
    """
    out: list[tuple[str, str, bool]] = []
    for lines in cells:
        for k, (a, b) in enumerate(zip(lines, lines[1:])):
            edge = _right_edge(a)
            roomy = edge is not None and a.room - edge_padding[edge] > space_em * _size(a)
            if roomy and _next_word_fitted(a, b, _rest(lines, k + 1), edge_padding):
                continue  # the author ended the line (a new paragraph, a typed break): no word about spaces
            if a.space_after or roomy:
                out.append((repair_thai_text(a.text.strip()), repair_thai_text(b.text.strip()), a.space_after))
    return out


def _rest(lines: list[CellLine], start: int) -> str:
    """The cell's text from line ``start`` on: the next line's last word may run on."""
    return "".join(ln.text.strip() for ln in lines[start:])


def _next_word_fitted(a: CellLine, b: CellLine, tail: str, edge_padding: dict[int, float], slack_em: float = 0.02) -> bool:
    """Would the word that opens line ``b`` have fitted at the end of line ``a``, in the room ``a`` left?

    A line filler puts the next word on the line when the word fits, and a typed space before
    it when one was typed: a word that fitted by itself, moved down all the same, was kept off
    by the space before it ("…ช่องทางรับฟังความคิดเห็น" with room for "เว็บไซต์" but not
    for " เว็บไซต์"). The room is measured to the column's edge less its padding, the least room
    any wrapped line of that column left. ``slack_em`` absorbs rounding in the glyph positions:
    over the 500-document long run, at wraps no language evidence decided, 0.02 em found 61 typed spaces
    and 11 wrong ones, 0 em 64 and 17, 0.05 em 54 and 11, 0.1 em 40 and 11.
    """
    if not (a.laid_out and b.laid_out):
        return False  # a scan's ink is narrower than the advances the line breaker measured
    edge = _right_edge(a)
    word = opening_word(repair_thai_text(a.text.strip()), repair_thai_text(tail or b.text.strip()))
    width = _prefix_width(b, word) if word and edge is not None else None
    return width is not None and width + slack_em * _size(a) < a.room - edge_padding[edge]


def _right_edge(line: CellLine) -> int | None:
    """The line's column edge, to the point: where its last glyph ends plus the room it left."""
    return round(line.items[-1].x1 + line.room) if line.items else None


def _padding_by_edge(cells: list[list[CellLine]]) -> dict[int, float]:
    """For each column edge, the least room a wrapped line left there: the cell's padding.

    Per edge rather than per column role: a document's tables need not share their column widths.
    """
    out: dict[int, float] = {}
    for lines in cells:
        for ln in lines[:-1]:
            edge = _right_edge(ln)
            if edge is not None:
                out[edge] = min(out.get(edge, ln.room), ln.room)
    return out


def _prefix_width(line: CellLine, word: str) -> float | None:
    """The width of ``word`` where it opens ``line``, from its glyphs; None if the line does not open with it."""
    glyphs = list(dropwhile(lambda g: g.is_space, line.items))
    text = ""
    for glyph in glyphs:
        text += glyph.text
        if len(text) >= len(word):
            return glyph.x1 - glyphs[0].x0 if repair_thai_text(text) == word else None
    return None


def _cut_in_a_word(a: CellLine, b: CellLine, padding: float, space_em: float) -> bool:
    """A wrap with no space glyph, in a document that draws the spaces it wraps at, inside a number or
    date too wide for the room the line left ("วันที่ ๑" | "๘/๑๒/๒๕๖๗").

    The producer would have drawn a space typed there, had it fitted (it leaves out only one that
    would hang past the cell's edge); the next line's first run not fitting says the line was
    full, not ended (a paragraph or a numbered item ends where its words end).
    """
    before, after = a.text.strip(), b.text.strip()
    if a.space_after or not before or not after or ITEM.match(after) or BARE_ITEM.match(after):
        return False
    if not (_in_number(before[-1]) and _in_number(after[0])):
        return False  # words: Latin breaks only at spaces (a producer may leave one out), Thai is read by language
    room = a.room - padding
    run = list(takewhile(lambda c: not c.is_space, b.items))
    return bool(run) and room > space_em * _size(a) and run[-1].x1 - run[0].x0 > room


def item_lines(lines: tuple[CellLine, ...]) -> list[list[str]]:
    """A cell's lines grouped by numbered item, repaired, numbering removed (one group if unnumbered).

    >>> item_lines((CellLine("1. จัดอบรม", False), CellLine("บุคลากร", False), CellLine("2. ติดตามผล", False)))
    [['จัดอบรม', 'บุคลากร'], ['ติดตามผล']]
    """
    items: list[list[str]] = []
    for line in lines:
        text = repair_thai_text(line.text.strip())
        marker = ITEM.match(text) or BARE_ITEM.match(text)
        if marker or not items:
            items.append([])
        items[-1].append(text[marker.end() :] if marker else text)
    return items


def _wraps(lines: tuple[CellLine, ...]) -> list[tuple[CellLine, CellLine, tuple[str, str]]]:
    """Each pair of consecutive lines, with the text of their item before and after the wrap."""
    out: list[tuple[CellLine, CellLine, tuple[str, str]]] = []
    start = 0
    for item in item_lines(lines):
        for j in range(len(item)):
            k = start + j
            if k + 1 < len(lines):
                split = ("".join(item[: j + 1]), "".join(item[j + 1 :])) if j + 1 < len(item) else ("", "")
                out.append((lines[k], lines[k + 1], split))
        start += len(item)
    return out


def _wrap_candidate(a: CellLine, b: CellLine, draws_spaces: bool, padding: float, space_em: float) -> bool:
    """A wrap between two Thai letters where a typed space could have been swallowed."""
    before, after = repair_thai_text(a.text.strip()), repair_thai_text(b.text.strip())
    if a.space_after or not before or not after or ITEM.match(after):
        return False
    if not (_thai_letter(before[-1]) and _thai_letter(after[0])):
        return False
    return not (draws_spaces and a.room - padding > space_em * _size(a))  # a space would have fitted, and is drawn


def _in_number(ch: str) -> bool:
    """A digit, or a date's or number's punctuation ("๑๘/๑๒/๒๕๖๗", "1.5", "10:30")."""
    return ch.isdigit() or ch in "/.-:,"


def _with_spaces(lines: tuple[CellLine, ...], lost: set[int], closed: set[int]) -> tuple[CellLine, ...]:
    return tuple(replace(ln, space_after=True) if id(ln) in lost else replace(ln, no_space=True) if id(ln) in closed
                 else ln for ln in lines)


def _size(line: CellLine) -> float:
    return line.items[-1].size if line.items else 0.0


def _space_width_em(cells: list[list[CellLine]], default: float = 0.3) -> float:
    """The width of this document's space glyph, in em (median over the spaces drawn)."""
    # c.text.isspace(), not the is_space property: this reads every glyph of the document (a call each costs more)
    widths = sorted((c.x1 - c.x0) / c.size for lines in cells for ln in lines for c in ln.items
                    if c.text.isspace() and c.size)
    return widths[len(widths) // 2] if widths else default


def _wrap_needs_space(before: str, after: str) -> bool:
    """A wrap with no space glyph: between Thai letters none; elsewhere as ``spacing.wrap_space`` reads it."""
    if _thai_letter(before[-1]) and _thai_letter(after[0]):
        return False
    verdict = wrap_space(repair_thai_text(before[-40:]), repair_thai_text(after[:40]))
    return True if verdict is None else verdict


def _thai_letter(ch: str) -> bool:
    """Thai letters and marks, including the PUA glyph variants repair maps back to them."""
    return (is_thai_char(ch) and not ch.isdigit()) or "\uf700" <= ch <= "\uf71f"


def flatten(text: str) -> str:
    """Line boundaries kept for item splitting become plain spaces in the output."""
    return re.sub(r"\s*\n\s*", " ", text).strip()


def split_items(lines: list[CellLine]) -> list[str]:
    """One entry per numbered item (๑. / 1) / (1) / ๑ ), numbering removed; one entry if unnumbered.

    Item 1 must open the cell and only the next number expected counts, so a year, an
    amount, "ข้อ 2" or "รอบ ๖ เดือน" is never taken for a marker. Numbers with a dot or
    bracket may also sit inside a line (a paragraph typed as "๑) … ๒) …" wraps anywhere);
    bare numbers ("๑ จัดอบรม ↵ ๒ ประชุม") must open a line, and at least two of them.
    """
    text = join_lines(lines)
    items = numbered_items(text, ITEM) or numbered_items(text, BARE_ITEM, least=2)
    mixed = numbered_items(text, ANY_ITEM, least=2)
    if mixed and len(mixed) > len(items or ()):  # a marker printed with a dot and read without
        items = mixed
    misread = misread_items(text, ITEM)
    if misread and len(misread) > len(items or ()):  # a marker OCR misread ("9." for ๑., "๕." for ๔.)
        items = misread
    scanned = _scanned_items(lines)
    if scanned and len(scanned) > len(items or ()):  # ... or read as no marker ("2," "Le" for ๒.)
        items = scanned
    if items is None:
        return [flatten(t) for t in split_dated_paragraphs(lines)]
    return [flatten(t) for t in items if t.strip()]


def _scanned_items(lines: list[CellLine]) -> list[str] | None:
    """A scanned cell's items by the lines that open them (``misread_items.scanned_items``), each
    joined as a cell's lines are; None for a cell whose lines the producer laid out (no misreads)."""
    if not lines or any(ln.laid_out for ln in lines):
        return None
    texts = [SPREAD_MARKER.sub(r"\1\2", ln.text.strip()) for ln in lines]
    found = scanned_items(texts)
    if found is None:
        return None
    return [join_lines([replace(lines[k], text=texts[k][at:]), *lines[k + 1 : end]]) for k, at, end in found]


def numbered_items(text: str, marker: re.Pattern[str], least: int = 1) -> list[str] | None:
    """The items of ``text`` numbered 1, 2, 3 … by ``marker`` (group 1 the number), markers removed.

    None when the text does not open with item 1 or has fewer than ``least`` items.

    >>> numbered_items("1. จัดอบรม 2. ประชุม", ITEM)
    ['จัดอบรม ', 'ประชุม']
    """
    first = marker.match(text)
    if not first or _number(first) != 1:
        return None
    items: list[str] = []
    start, expected = first.end(), 2
    for m in marker.finditer(text, first.end()):
        if _number(m) == expected and not _after_reference_word(text, m.start()):
            items.append(text[start : m.start()])
            start, expected = m.end(), expected + 1
    items.append(text[start:])
    return items if len(items) >= least else None


def _number(m: re.Match[str]) -> int:
    """The item number a marker matched (the first group that took part: ``ANY_ITEM`` has two)."""
    return int(to_arabic_digits(next(g for g in m.groups() if g is not None)))


def _after_reference_word(text: str, at: int) -> bool:
    """The number at ``at`` follows "ข้อ", "มาตรา", "ที่" …: it refers to something, it numbers no item."""
    return text[:at].rstrip().endswith(REFERENCE_WORDS)


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
        if entries and _closes_with_date(entries[-1]) and not CONNECTOR.match(line.text.strip()) \
                and not _number_goes_on(entries[-1][-1], line):
            entries.append([line])
        elif entries:
            entries[-1].append(line)
        else:
            entries.append([line])
    texts = [join_lines(group) for group in entries]
    return [t for t in texts if t]


def _number_goes_on(before: CellLine, line: CellLine) -> bool:
    """The wrap cuts a number, joined with no space: a year cut in its digits ("๐๔/๐๙/๒๕" | "๖๖")."""
    end, start = before.text.strip()[-1:], line.text.strip()[:1]
    if not (end.isdigit() and start.isdigit()) or before.space_after:
        return False
    return before.no_space or not _wrap_needs_space(before.text.strip(), line.text.strip())


def _closes_with_date(group: list[CellLine]) -> bool:
    """True when the entry's last token is the year that completes a date."""
    text = join_lines(group)
    year = ENDS_WITH_YEAR.search(text)
    return bool(year) and len(find_thai_dates(text[-60:])) > len(find_thai_dates(text[-60 : year.start()]))
