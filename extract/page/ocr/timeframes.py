"""Time-frame cells (ระยะเวลาดำเนินการ) OCR misread, mended where the cell's small grammar
leaves one reading.

A time frame is a short phrase of a few kinds (``thai.timeframe``): a word that opens it
(ตลอดปีงบประมาณ, ไตรมาสที่, ภายในเดือน), month names full or abbreviated, day numbers, years
of the report's fiscal year, and a connector between two points. OCR reads these cells
badly in poor fonts ("ไตริมาสูท ๑ ๓", "ตลอดบึงบประมาณ", "พฤศจิกายืน ๒๕๖๖ กรกฎาคม L568",
"ภายในเดือนเมษายน ๒๕“ว ๓"), and a cell that is no time frame loses its first and last day.
Each rule below puts back one slot of the grammar, only where the letters or digits read
leave one form within a small distance, and says what it changed:

- a word opening the cell within one letter in six of an opening word (``opening_words``);
- a Thai word within a letter of one full month name, or an abbreviation's letters before a
  number (``months.month_form``); two month names read as one word are two;
- two points read with nothing between them ("ไตรมาสที่ ๓ ๔", "ม.ค. ๖๖ เม.ย. ๖๖") or with a
  misread dash ("=") take the dash: every form that joins two such points prints one;
- a year slot after a month (or after ปีงบประมาณ) read as no plausible year takes the year the
  range and the fiscal year give it, when the digits read agree with that year (its first
  digits, its last ones, or all but one): "๒๕“ว ๓" → ๒๕๖๗, "L568" → 2568.

Runs on OCR text only (``records``); born-digital cells are never seen here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pythainlp.util.date import thai_abbr_months, thai_full_months
from rapidfuzz.distance import Levenshtein

from ...thai.dates import BE_OFFSET, MONTH_PATTERN, MONTH_SPELLINGS, NOT_IN_WORD, month_of, year_to_ce
from .months import letters_of, month_form
from .settings import DEFAULT, OcrSettings

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
DIGIT = "0-9๐-๙"
# the words a time frame opens with, as printed
OPENING_WORDS = ("ตลอดปีงบประมาณ", "ไตรมาสที่", "ภายในเดือน")
# words Thai writes against a month name ("ภายในเดือนมีนาคม", "ถึงมิถุนายน")
MONTH_PREFIXES = ("ภายในเดือน", "เดือน", "ถึง", "ตั้งแต่")
WORD = re.compile(r"[\u0e01-\u0e4e]+")
# a month name as the parser reads it, the word-start rule included
MONTH = re.compile(rf"{NOT_IN_WORD}(?:{MONTH_PATTERN})")
FULL_MONTH = re.compile("|".join(thai_full_months))
ANY_MONTH = "|".join(pattern for pattern, _ in MONTH_SPELLINGS)  # the same, without named groups
QUARTERS = re.compile(
    rf"^ไตรมาสที่(?P<junk>[^{DIGIT}]{{0,4}}?)\s*(?P<q1>[1-4๑-๔])(?:\s*(?P<sep>[-–=]?)(?P<mark>[\u0e31-\u0e4e]?)\s*(?P<q2>[1-4๑-๔]))?\s*$"
)
# where a year stands: after a month, or after ปีงบประมาณ and an era read however
ERA = r"(?:\s*(?:พ\s?\.?\s?ศ\s?\.?|[พค][\u0e31-\u0e3a\u0e47-\u0e4e]?\s?\.\s?[ศค][\u0e31-\u0e3a\u0e47-\u0e4e]?\s?\.?))?"
CLEAN_YEAR = re.compile(rf"^\s*(?:ปี\s*)?{ERA}\s*(?P<year>[{DIGIT}]{{4}}|[{DIGIT}]{{2}})(?![{DIGIT}])\s*$")
CONNECTOR = re.compile(r"^\s*(?:-|–|—|ถึง|จนถึง)\s*$")
DAY_BEFORE_MONTH = re.compile(rf"^\s*[{DIGIT}]{{1,2}}\s*$")


@dataclass(frozen=True, slots=True)
class _Slot:
    """The text after a month (or after ปีงบประมาณ) up to the next month or the cell's end."""

    start: int
    end: int
    month: int | None  # None: the fiscal year's slot


def mended_timeframe(text: str, fiscal_year: int | None, s: OcrSettings = DEFAULT) -> tuple[str, list[str]]:
    """``text`` with its misread slots put back and what was changed.

    ``mended_timeframe("ไตริมาสูท ๑ ๓", 2567)`` → ``("ไตรมาสที่ ๑ - ๓", [...])``.
    """
    changes: list[str] = []
    for step in (_opening_word, _month_words, _joined_months, _quarters):
        text, changed = step(text, s)
        changes += changed
    if fiscal_year is not None:
        for year_step in (_joined_points, _years):
            text, changed = year_step(text, fiscal_year)
            changes += changed
    text, changed = _era(text, s)  # last: the year mended may be what shows "พ.ค." to stand for the era
    return text, changes + changed


def _opening_word(text: str, s: OcrSettings) -> tuple[str, list[str]]:
    """The cell's first word put right when its letters are close to one opening word's.

    Compared on letters without marks (``months.letters_of``), on every prefix of the first
    word a few letters either side of the opening word's length, so a word glued to the next
    one ("ตลอดบึงบประมาณพ") is still seen; within one edit in ``timeframe_letters_per_edit``.
    """
    m = WORD.match(text.lstrip())
    if not m or any(text.lstrip().startswith(w) for w in OPENING_WORDS):
        return text, []
    lead = len(text) - len(text.lstrip())
    word = m.group(0)
    best: tuple[int, str, int] | None = None
    for opening in OPENING_WORDS:
        want = letters_of(opening)
        edits = len(want) // s.timeframe_letters_per_edit
        for cut in range(len(word), 0, -1):
            d = Levenshtein.distance(letters_of(word[:cut]), want, score_cutoff=edits)
            if d <= edits and (best is None or d < best[0]):  # the fewest edits; of those, the longest
                best = (d, opening, cut)
    if best is None:
        return text, []
    _, opening, cut = best
    return text[:lead] + opening + text[lead + cut:], [f"{word[:cut]} → {opening}"]


# the era after ปีงบประมาณ with its marks, dots or letters misread: "พ.ค." (a month), "พศ์", "พ.ุศ.", "พ .ศ ."
ERA_AFTER_FY = re.compile(r"(?<=ปีงบประมาณ)\s*พ\s?[.,]?\s?[\u0e31-\u0e3a\u0e47-\u0e4e]?\s?[คศ][\u0e31-\u0e3a\u0e47-\u0e4e]?\s?\.?(?=\s*[0-9๐-๙])")


def _era(text: str, s: OcrSettings) -> tuple[str, list[str]]:
    """The era after ปีงบประมาณ before a year read as พ.ศ.: no month stands between the fiscal
    year's word and its year ("ตลอดปีงบประมาณ พ.ค. ๒๕๖๖" is the era misread)."""
    m = ERA_AFTER_FY.search(text)
    if not m or m.group(0).strip() == "พ.ศ.":
        return text, []
    return text[:m.start()] + " พ.ศ." + text[m.end():], [f"{m.group(0).strip()} → พ.ศ."]


def _month_words(text: str, s: OcrSettings) -> tuple[str, list[str]]:
    """Each Thai word one month name fits put right: a full name a letter off, or an
    abbreviation's letters (``ตีคู่ ๖๖`` → ต.ค.) where a number follows it."""
    changes: list[str] = []

    def mended(m: re.Match[str]) -> str:
        head = next((p for p in MONTH_PREFIXES if m.group(0).startswith(p)), "")
        word = m.group(0)[len(head):]
        if not word or FULL_MONTH.search(word) or word in OPENING_WORDS:
            return m.group(0)  # a word holding a month name as printed ("มี นาคมถึ งพฤษภาคม") is read
        form = month_form(word, s)
        is_abbr = form in thai_abbr_months
        if form is None or (is_abbr and "." not in word and not re.match(rf"\s*[{DIGIT}]", text[m.end():])):
            return m.group(0)
        if form == word or (not is_abbr and len(letters_of(word)) < s.month_min_letters):
            return m.group(0)
        changes.append(f"{word} → {form}")
        return head + form

    return re.sub(r"[\u0e01-\u0e4e][\u0e01-\u0e4e.]*", mended, text), changes


def _joined_months(text: str, s: OcrSettings) -> tuple[str, list[str]]:
    """Two full month names read as one word ("มกราคมมิถุนายน"): the dash between them lost."""
    names = "|".join(sorted(thai_full_months, key=len, reverse=True))
    pattern = re.compile(rf"({names})({names})")
    changes = [f"{m.group(0)} → {m[1]} - {m[2]}" for m in pattern.finditer(text)]
    return pattern.sub(r"\1 - \2", text), changes


def _quarters(text: str, s: OcrSettings) -> tuple[str, list[str]]:
    """A quarter cell's range with its dash lost or read "=" ("ไตรมาสที่ ๑ ๓"), and stray
    letters read between ไตรมาสที่ and its number dropped; the first quarter not after the second."""
    m = QUARTERS.match(text.strip())
    if not m or new_quarters(m) == text.strip():
        return text, []
    q1, q2 = m["q1"], m["q2"]
    if q2 is not None and q1.translate(TO_ARABIC) > q2.translate(TO_ARABIC):
        return text, []
    new = new_quarters(m)
    return new, [f"{text.strip()} → {new}"]


def new_quarters(m: re.Match[str]) -> str:
    """A quarter cell as printed: "ไตรมาสที่ ๑" or "ไตรมาสที่ ๑ - ๓", its spacing kept where it has no dash to mend."""
    if not m["junk"].strip() and (m["q2"] is None or (m["sep"] in ("-", "–") and not m["mark"])):
        return m.group(0)
    return f"ไตรมาสที่ {m['q1']}" + (f" - {m['q2']}" if m["q2"] else "")


def _joined_points(text: str, fiscal_year: int) -> tuple[str, list[str]]:
    """A month and its year followed by another month with only spaces or "=" between them:
    the connector lost ("ม.ค. ๖๖ เม.ย. ๖๖", "ธันวาคม ๒๕๖๗ พฤษภาคม ๒๕๖๘"). Only after a plausible
    year: in "๑ มีนาคม ๓๐ กันยายน", printed without a dash, ๓๐ is a day."""
    pattern = re.compile(
        rf"(?P<head>(?:{ANY_MONTH})\s*(?P<year>[{DIGIT}]{{4}}|[{DIGIT}]{{2}})(?![{DIGIT}]))(?P<gap>\s+|\s*=\s*)(?=(?:{ANY_MONTH}))"
    )
    changes: list[str] = []

    def joined(m: re.Match[str]) -> str:
        if not _plausible(m["year"], fiscal_year):
            return m.group(0)
        changes.append(f"{m['head']}{m['gap']}… → {m['head']} - …")
        return m["head"] + " - "

    return pattern.sub(joined, text), changes


def _slots(text: str) -> list[_Slot]:
    """Where a year may stand: after each month up to the next month, a connector or the end."""
    months = list(MONTH.finditer(text))
    slots = [_Slot(m.end(), months[k + 1].start() if k + 1 < len(months) else len(text), month_of(m))
             for k, m in enumerate(months)]
    if (fy := re.search(r"ปีงบประมาณ", text)) and not months:
        slots.append(_Slot(fy.end(), len(text), None))
    trimmed = []
    for slot in slots:
        body = text[slot.start:slot.end]
        cut = re.search(r"\s*(?:-|–|—)\s*$|\s(?:ถึง|จนถึง)\s*$", body)
        trimmed.append(_Slot(slot.start, slot.start + cut.start() if cut else slot.end, slot.month))
    return trimmed


def _years(text: str, fiscal_year: int) -> tuple[str, list[str]]:
    """Each year slot read as no plausible year, given the year the grammar wants there when the
    digits read agree with it (``_agrees``)."""
    changes: list[str] = []
    known = _known_years(text, fiscal_year)
    for slot in reversed(_slots(text)):
        body = text[slot.start:slot.end]
        want = _wanted_year(slot, known, fiscal_year)
        read = re.sub(r"[^0-9๐-๙]", "", body)
        if not read or _fine(body, slot, fiscal_year) or want is None or _holds_year(body, fiscal_year):
            continue
        short = len(read) <= 2 or _short_years(text)
        year = str(want)[-2:] if short else str(want)
        if not _agrees(read.translate(TO_ARABIC), year, fiscal=slot.month is None):
            continue
        printed = year.translate(TO_THAI) if sum(c in THAI_DIGITS for c in read) * 2 >= len(read) else year
        era = " พ.ศ." if slot.month is None else ""
        tail = " " if slot.end < len(text) and not text[slot.end].isspace() else ""
        text = text[:slot.start] + f"{era} {printed}{tail}" + text[slot.end:]
        changes.append(f"{body.strip()} → {printed} (the year of the fiscal year {fiscal_year})")
    return text, changes


def _fine(body: str, slot: _Slot, fiscal_year: int) -> bool:
    """True where the slot holds what the grammar allows: nothing, a plausible year, a day
    before the next month, or a connector."""
    if not body.strip() or CONNECTOR.match(body) or DAY_BEFORE_MONTH.match(body):
        return True
    m = CLEAN_YEAR.match(body)
    return bool(m) and _plausible(m["year"], fiscal_year)


def _holds_year(body: str, fiscal_year: int) -> bool:
    """True where a word of the slot is a plausible year itself ("bb 67"): the junk before it is
    another point misread, not this year, and the year may be that point's."""
    return any(_plausible(word, fiscal_year) for word in re.findall(rf"(?<![{DIGIT}])[{DIGIT}]{{2,4}}(?![{DIGIT}])", body)
               if len(word) != 3)


def _plausible(digits: str, fiscal_year: int) -> bool:
    """True for a year (two or four digits, BE or CE) within a year of the fiscal year."""
    year = year_to_ce(digits.translate(TO_ARABIC))
    return year is not None and abs(year + BE_OFFSET - fiscal_year) <= 1


def _known_years(text: str, fiscal_year: int) -> list[tuple[int, int, int]]:
    """(slot start, month, BE year) of each month read with a plausible year."""
    found = []
    for slot in _slots(text):
        m = CLEAN_YEAR.match(text[slot.start:slot.end])
        if m and slot.month is not None and _plausible(m["year"], fiscal_year):
            found.append((slot.start, slot.month, year_to_ce(m["year"].translate(TO_ARABIC)) + BE_OFFSET))
    return found


def _wanted_year(slot: _Slot, known: list[tuple[int, int, int]], fiscal_year: int) -> int | None:
    """The BE year a slot's month takes, as the parser borrows one (``timeframe._borrowed_year``):
    from the next point read with a year (a year earlier if this month comes after its month),
    else from the previous one (a year later if it comes before), else from its place in the
    fiscal year (October–December in the year before)."""
    if slot.month is None:
        return fiscal_year
    later = [(m, y) for start, m, y in known if start > slot.start]
    if later:
        return later[0][1] - (slot.month > later[0][0])
    earlier = [(m, y) for start, m, y in known if start < slot.start]
    if earlier:
        return earlier[-1][1] + (slot.month < earlier[-1][0])
    return fiscal_year - (1 if slot.month >= 10 else 0)


def _short_years(text: str) -> bool:
    """True where the cell prints two-digit years (abbreviated months do: "ต.ค. ๖๖")."""
    return bool(re.search(rf"\.\s*[{DIGIT}]{{2}}(?![{DIGIT}])", text)) and not re.search(rf"[{DIGIT}]{{4}}", text)


def _agrees(read: str, year: str, fiscal: bool = False) -> bool:
    """True where digits read in a year's slot can be that year misread: its first two (or
    more) digits, its last two (or more), or all of it with one digit off. After ปีงบประมาณ
    the year is the fiscal year itself, and a first digit read right is enough."""
    if fiscal and read[:1] == year[:1] and len(read) <= len(year) + 1:
        return True
    if len(read) >= 2 and (year.startswith(read[:2]) or year.endswith(read[-2:])) and len(read) <= len(year) + 1:
        return True
    return len(read) == len(year) and Levenshtein.distance(read, year) <= 1
