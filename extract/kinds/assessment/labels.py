"""What a score table's row label and score cell say: "ตัวชี้วัดที่ ๒ การใช้งบประมาณ", "i7 ท่านรู้…", "๙๒.๑๑".

A row of an ITA score table starts with one of four labels: an indicator (ตัวชี้วัดที่ N), a
question code (i1, E๑๒, o8, "(E1)"), a tool (IIT, "เครื่องมือ EIT") or the total (คะแนนรวม).
Anything else in the label column continues the row above. Codes and digits may be Thai or
Arabic and codes any case; positions in the text are kept so names are cut from the text
as printed.

>>> read_label("ตัวชี้วัดที่ ๒ การใช้งบประมาณ")
Label(level='indicator', code='2', rest='การใช้งบประมาณ')
>>> read_label("i7 ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณ")
Label(level='question', code='I7', rest='ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณ')
>>> read_score("๙๒.๑๑")
92.11
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ...thai.catalogue import catalogue
from ...thai.codes import MAX_QUESTION, split_indicator, tool_in_text
from ...thai.letters import MARKS, bare, unmarked
from ...thai.repair import to_arabic_digits

LabelLevel = Literal["tool", "indicator", "question", "total"]

# "ตัวชี้วัดที่ 9" but not the sub-indicator "ตัวชี้วัดที่ 9.1" (older OIT), which has no score code of its own.
_INDICATOR = re.compile(r"\s*ตัวชี้วัด\s*(?:ที่)?\s*(\d{1,2})(?!\s*\.\s*\d)\s*[.:)\-–]?\s*")
_TOOL = re.compile(r"\s*(?:เครื่องมือ(?:การประเมิน)?\s*)?[(\[]?\s*(IIT|EIT|OIT)(?![A-Za-z0-9])[)\]]?\s*[.:\-–]?\s*")
_THAI_TOOL_NAME = re.compile(r"\s*(?:เครื่องมือ(?:การประเมิน)?\s*)?แบบ(?:วัด|ตรวจ)")
_TOTAL = re.compile(r"\s*(?:ผล)?(?:คะแนน)?\s*(?:รวม|เฉลี่ย)\s*(?:รวม|ทั้งหมด)?\s*(?:\(?\s*ITA\s*\)?)?\s*")
_SCORE = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})?)\s*")
_NUMBERED = re.compile(r"\s*(\d{1,2})\s*[.)]\s*(?!\d)")  # "1. การปฏิบัติหน้าที่", "๒) การใช้งบประมาณ"
MIN_NAME_PREFIX = 6  # characters: a wrapped first line names an indicator only if this long and unambiguous
MISREAD_NUMBER_CHARS = 2  # characters OCR may make of an indicator's number before its name ("ญ" for ๗, "ส" for ๙)


def _marks_lost(word: str) -> str:
    """A pattern for ``word`` whose letters may carry any combining marks or none: what OCR leaves of it."""
    return "".join(f"{re.escape(ch)}[{MARKS}]*" for ch in unmarked(word))


# ``_INDICATOR`` as OCR may leave it: "ตัวชวัดที่ ๑", "ตัวชวดท ๖", "ตัวชี้วัดทิ ๘" (FY2567 scans of the long run), and
# ช read as ข, its tail lost ("ตัวขี้วัดที่ 1": TH SarabunPSK, judge set 8's question table, whose 98 scores went with it)
_INDICATOR_WORD = _marks_lost("ตัวชี้วัด").replace("ช", "[ชข]", 1)
_INDICATOR_MARKS_LOST = re.compile(
    rf"\s*{_INDICATOR_WORD}\s*(?:{_marks_lost('ที่')})?\s*(?:(\d{{1,2}})(?!\s*\.\s*\d)|(?!\d))\s*[.:)\-–]?\s*")


@dataclass(frozen=True, slots=True)
class Label:
    """A row label: its level, its code as the contract writes it, and the text after the code."""

    level: LabelLevel
    code: str
    rest: str


def read_label(text: str, indicator_column: bool = False, without_marks: bool = False) -> Label | None:
    """The label a row starts with, or None for text that continues the row above.

    "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต" → indicator "10"; "o8 Q&A" → question "O8";
    "เครื่องมือ EIT" → tool "EIT"; "คะแนนรวม" → total; "ราชการ" → None. In a column headed
    ตัวชี้วัด (``indicator_column``) an indicator may also be a number ("1. การปฏิบัติหน้าที่")
    or its name alone ("การใช้งบประมาณ"). ``without_marks`` (a page read by OCR): where nothing
    matches as printed, an indicator label that lost marks, or whose number OCR misread before
    its name (``_ocr_indicator``).
    """
    label = _printed_label(text, indicator_column)
    if label is None and without_marks:
        label = _ocr_indicator(text)
    return label


def _printed_label(text: str, indicator_column: bool) -> Label | None:
    """``read_label`` on the text as printed."""
    arabic = to_arabic_digits(text)  # one character for one: positions stay valid in ``text``
    m = _INDICATOR.match(arabic)
    if m:
        return Label("indicator", str(int(m[1])), text[m.end():].strip())
    code, rest = split_indicator(text)
    if code is not None:
        return Label("question", code, rest.strip())
    m = _TOOL.match(arabic)
    if m:
        return Label("tool", m[1], text[m.end():].strip())
    if _THAI_TOOL_NAME.match(arabic):
        tool = tool_in_text(text)
        if tool is not None:
            return Label("tool", tool, "")
    if _TOTAL.fullmatch(arabic):
        return Label("total", "", "")
    return _listed_indicator(text, arabic) if indicator_column else None


def _ocr_indicator(text: str) -> Label | None:
    """An indicator label as OCR may leave it: marks lost ("ตัวชวัดที่ ๑"), or its number misread as a
    letter or two before the indicator's catalogue name ("ตัวชวัดที่ ญ ประสิทธิภาพการสื่อสาร": the
    name says which, when exactly one name follows within ``MISREAD_NUMBER_CHARS``; the misread
    letters are dropped from the name)."""
    m = _INDICATOR_MARKS_LOST.match(to_arabic_digits(text))
    if m is None:
        return None
    rest = text[m.end():].strip()
    if m[1] is not None:
        return Label("indicator", str(int(m[1])), rest)
    names = {n: bare("".join(name.split())) for n, name in catalogue().indicator_names().items()}
    found = {n: rest[skip:].lstrip() for skip in reversed(range(MISREAD_NUMBER_CHARS + 1))
             for n, name in names.items() if bare("".join(rest[skip:].split())).startswith(name)}
    if len(found) != 1:
        return None
    ((number, name),) = found.items()
    return Label("indicator", str(number), name)


def named_indicator(label: Label, text: str) -> Label:
    """An indicator row whose number OCR misread, by the catalogue name its line holds ("ตัวชี้วัดที่ ๕
    การใช้ทรัพย์สินของราชการ" is indicator 4: ๔ read as ๕; ``text`` is the line's label cells, the
    name may be a cell of its own). The name's letters, marks aside, must stand whole in the line,
    and only one name: OCR confuses ๓, ๕ and ๘ far more often than it spells a whole name."""
    if label.level != "indicator":
        return label
    found = _names_in(text)
    if len(found) != 1 or str(found[0]) == label.code:
        return label
    return Label("indicator", str(found[0]), label.rest)


def name_only(text: str) -> Label | None:
    """An indicator row of a table that lists indicators, known by its catalogue name alone where OCR broke
    the words before it ("ตัวชี้ | ดที่ 4 การใช้ทรัพย์สินของราชการ"): one name whole in the line's label cells."""
    found = _names_in(text)
    return Label("indicator", str(found[0]), "") if len(found) == 1 else None


def _names_in(text: str) -> list[int]:
    """The indicators whose catalogue names stand whole in ``text``, marks aside."""
    squeezed = bare("".join(text.split()))
    return [n for n, name in catalogue().indicator_names().items() if bare("".join(name.split())) in squeezed]


def indicator_after(text: str, previous: list[Label]) -> Label | None:
    """An indicator row whose number OCR lost and whose name it misread ("ตัวชี้วัดที่ | การปรับปรง้างระบบการ"):
    the indicator after the last one above, as a score table lists them in order. Only the words
    ตัวชี้วัดที่ (marks aside) and no number: a number read, even misread, is left to the name."""
    arabic = to_arabic_digits(text)
    m = _INDICATOR_MARKS_LOST.match(arabic)
    heads = [int(p.code) for p in previous if p.level == "indicator"]
    if m is None or any(ch.isdigit() for ch in arabic) or not heads or catalogue().tool_of_indicator(heads[-1] + 1) is None:
        return None  # a digit read: a number (misread, or a sub-indicator's "9.1"), not one lost
    return Label("indicator", str(heads[-1] + 1), "")


def _listed_indicator(text: str, arabic: str) -> Label | None:
    """An indicator in a ตัวชี้วัด column by its number or, failing that, its catalogue name."""
    m = _NUMBERED.match(arabic)
    if m:
        return Label("indicator", str(int(m[1])), text[m.end():].strip())
    squeezed = "".join(text.split())
    if len(squeezed) < MIN_NAME_PREFIX:
        return None
    found = [n for n, name in catalogue().indicator_names().items() if squeezed.startswith(name) or name.startswith(squeezed)]
    return Label("indicator", str(found[0]), text.strip()) if len(found) == 1 else None


def read_score(text: str) -> float | None:
    """A cell that holds one number and nothing else: "๑๐๐" → 100.0, "86.67" → 86.67, "ดีมาก" → None.

    Up to three integer digits, so a misread "9211" (dot lost) is no score here, while a
    misread "921.1" is, and is caught by the 0–100 check instead of vanishing.
    """
    m = _SCORE.fullmatch(to_arabic_digits(text))
    return float(m[1]) if m else None


_SPACED_POINT = re.compile(r"\s*(\d{1,3}) (\d{2})\s*")  # "๑๐๐ ๐๐": two decimals, the point read as a space
# "๘๑ . ๘๖", "93,99": a point with spaces beside it, or read as a comma (before two decimals only)
_POINT_SPACES = re.compile(r"(?<=\d)\s*(?:\.|,(?=\s*\d{2}\s*$))\s*(?=\d)")


def ocr_score(text: str) -> float | None:
    """``read_score`` of a cell OCR read, which may show a score's point as a space ("๑๐๐ ๐๐" → 100.0;
    scores are printed with two decimals, so two digits after the space are the decimals), or a space
    beside its point ("๘๑ . ๘๖", "๘๙. ๑๙" → 81.86, 89.19: a point is narrower than the gap OCR
    leaves around it, and a number holds no space), a point read as a comma ("93,99": a score below
    100 has no thousands), or no point at all ("๙๕๐๐" → 95.0), where the
    two decimals put back give a score of 100 or less."""
    value = read_score(text)
    if value is None:
        value = read_score(_POINT_SPACES.sub(".", text))
    if value is None and (m := _SPACED_POINT.fullmatch(to_arabic_digits(text))):
        value = float(f"{m[1]}.{m[2]}")
    if value is None and (m := _POINT_LOST.fullmatch(to_arabic_digits(text))) and float(f"{m[1]}.{m[2]}") <= MAX_SCORE:
        value = float(f"{m[1]}.{m[2]}")
    return value


_POINT_LOST = re.compile(r"\s*(\d{2,3})(\d{2})\s*")  # "๙๕๐๐", "๑๐๐๐๐": two decimals, the point lost
MAX_SCORE = 100.0  # a score past it with its point put back was misread some other way too ("๘๖๕๐๖")


MISREAD_SCORE_CHARS = 8  # a score is "100.00" at most: a misread one ("๘๖๕๐๖", "๘ อ.๑๓๕") is about as long


def misread_score(text: str) -> bool:
    """A score cell OCR misread: two digits or more, points, and no more other characters than digits
    (two at most), yet no number as read ("๙๔ ๕๕": the point read as a space; "๘๖๕๐๖": lost, a digit
    added; "๘ อ.๑๓๕", "๘ อ.อ ๙": digits read as letters)."""
    cell = "".join(to_arabic_digits(text).split())
    digits = sum(ch.isdigit() for ch in cell)
    stray = sum(not ch.isdigit() and ch not in ".,:" for ch in cell)
    return digits >= 2 and stray <= min(digits, 2) and len(cell) <= MISREAD_SCORE_CHARS and read_score(text) is None


MISREAD_CODE_CHARS = 4  # a question code OCR misread ("110" for i10, "เธ" for i8) is a token this short
SKIPPED_ROWS = 1  # questions a table may have lost before a row whose code is read ("12" after I9 is no I12: two)


def next_code(text: str, previous: list[Label]) -> Label | None:
    """The question a scored row's label must be when OCR misread its code: the one after the last
    question above ("110 บุคลากร…" after I9 is I10: a lower-case i read as 1; "เธ" after I7 is I8).

    A score table lists its questions in order; an indicator row after the last question says
    which comes next: its first question in the catalogue (after I6, "ตัวชี้วัดที่ ๒" opens I7;
    after I30, "ตัวชี้วัดที่ 6" opens E1; ``expected_code``). A short first token that
    ends in the expected number, or holds no digit at all, is taken as the misread code; one
    ending in the number after it says that row was lost ("L๖" after I4: I6; ``SKIPPED_ROWS``).
    A row whose code was lost outright ("ท่านรู้เกี่ยวกับแผน…" for i7) is left to its wording
    (``wording.checked``). The first question of a table has no
    question above it: its printed number, under its indicator's tool ("๑ บุคลากร…": I1).
    """
    token, _, rest = spaced_code(text) or text.strip().partition(" ")
    expected = expected_code(previous)
    if not token or expected is None:
        return None
    letter, number = expected
    digits = to_arabic_digits(token)
    if len(token) > MISREAD_CODE_CHARS:
        return None  # a word: a row whose code was lost outright is known by its wording (``wording.checked``)
    if not any(label.level == "question" for label in previous):
        return _first_question(digits, rest, letter)
    if any(ch.isdigit() for ch in digits) and not digits.endswith(str(number)):
        trailing = _TRAILING_NUMBER.search(digits)
        read = int(trailing[0]) if trailing else 0
        if not number < read <= min(number + SKIPPED_ROWS, MAX_QUESTION[letter]):
            return None
        number = read
    return Label("question", f"{letter}{number}", rest.strip())


def expected_code(previous: list[Label]) -> tuple[str, int] | None:
    """The letter and number of the question a table's next row should hold, given the labels above it.

    After an indicator row that follows the last question, that indicator's first question
    where the catalogue's years agree on it ("ตัวชี้วัดที่ ๓" → I13), else the first of its tool,
    or the next after the last question when that is of its tool (OIT's indicator 10 opens at O31 or
    O34 by year); with no indicator row since, the question after the last; None with neither.
    """
    questions = [i for i, label in enumerate(previous) if label.level == "question"]
    last = previous[questions[-1]].code if questions else None
    heads = [int(label.code) for label in previous[questions[-1] + 1 if questions else 0:] if label.level == "indicator"]
    tool = catalogue().tool_of_indicator(heads[-1]) if heads else None
    if tool is not None:
        first = catalogue().first_question(heads[-1])
        if first is not None:
            return first[0], int(first[1:])
        if last is None or last[0] != tool[0]:
            return tool[0], 1
    return (last[0], int(last[1:]) + 1) if last is not None else None


def under_heading(label: Label, previous: list[Label]) -> Label:
    """A question code OCR read with another tool's letter, given the letter of the indicator row above it.

    A question table prints each indicator's questions under its row ("ตัวชี้วัดที่ ๔ …" then
    I19–I24), so a code whose number lies in that indicator's questions but whose letter is
    another tool's had its letter misread ("E๒๐" under indicator 4 is I20: a serif I read as E).
    A number outside them says nothing of the letter: the code is kept as read.
    """
    heads = [int(p.code) for p in previous if p.level == "indicator"]
    span = catalogue().question_span(heads[-1]) if heads and label.level == "question" else None
    if span is None or label.code[0] == span[0] or not span[1] <= int(label.code[1:]) <= span[2]:
        return label
    return Label("question", f"{span[0]}{label.code[1:]}", label.rest)


def repeated_code(label: Label, previous: list[Label]) -> Label:
    """A question code read a second time in one table is a misread ("O๒ฆ" read "O2" after O26: ๗
    read as a letter): a table prints each question once, in order, so the row holds the question the
    order says comes next (``expected_code``), where that one is not in the table yet."""
    codes = {p.code for p in previous if p.level == "question"}
    if label.level != "question" or label.code not in codes:
        return label
    expected = expected_code(previous)
    if expected is None or f"{expected[0]}{expected[1]}" in codes or expected[1] > MAX_QUESTION[expected[0]]:
        return label
    return Label("question", f"{expected[0]}{expected[1]}", label.rest)


_TRAILING_NUMBER = re.compile(r"\d+$")
# one character OCR makes of a code's letter printed apart from its number (a typewriter's "i ๑๐", "O ๒")
CODE_LETTER_READS = frozenset("1lIi|!j[]0oOQDEF") | {"\u0e50"}  # \u0e50: THAI DIGIT ZERO, an O read as ๐
# the letter read apart, perhaps a speck read as a character of its own, the number (the question's text
# may follow, or stand in a cell of its own)
_SPACED_CODE = re.compile(r"\s*(\S)\s+(?:\D\s+)?(\d{1,2})(?:\s+|$)")


def spaced_code(text: str) -> tuple[str, str, str] | None:
    """A code whose letter OCR read as a character of its own before the number ("1 ๑๐ บุคลากร…" for
    i๑๐, "๐ ๒ ข้อมูลผู้บริหาร" for O๒, "๐ ว ๒๙" with a speck between): the number, as ``partition``
    would give a code's token, and the text after it. A letter so read says nothing of the code's
    tool, which the table's order gives (``next_code``); None where the line does not open so."""
    m = _SPACED_CODE.match(to_arabic_digits(text))  # one character for one: positions stay valid in ``text``
    if m is None or text[m.start(1)] not in CODE_LETTER_READS:
        return None
    return text[m.start(2):m.end(2)], " ", text[m.end():]


def _first_question(digits: str, rest: str, letter: str) -> Label | None:
    """The first question of a table whose code OCR read without its letter ("๑ บุคลากร…" for i1: a thin
    lower-case i lost, or "[1": read as a stroke): its printed number, with the letter of the tool its
    indicator row above names."""
    m = _LOST_LETTER.fullmatch(digits)
    if m is None or not 1 <= int(m[1]) <= MAX_QUESTION[letter]:
        return None
    return Label("question", f"{letter}{int(m[1])}", rest.strip())


_LOST_LETTER = re.compile(r"[^\w\s]?(\d{1,2})")  # "๑", "[1": the letter lost, or read as a stroke ("[", "|")
