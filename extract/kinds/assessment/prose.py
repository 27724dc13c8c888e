"""The ITA result a document states in words: total, grade, assessed year, last year's total.

"ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๖ ของเทศบาลนครหาดใหญ่ มีผลคะแนน ๘๘.๙๑ คะแนน สูงกว่าปีที่
ผ่านมา ๐.๙๒ คะแนน (ปีงบประมาณ พ.ศ. ๒๕๖๕ ได้ ๘๗.๙๙ คะแนน)" → total 88.91, year 2566, previous 87.99.

The total is the first "คะแนนรวม N คะแนน" / "มีผลคะแนน N คะแนน" that is not about an indicator,
a tool or a question; the grade is the one printed after it ("อยู่ในระดับ “ผ่านดี”"); the
assessed year is the last ปีงบประมาณ (or ITA) year before the total in its sentence, else the
year of a heading "ผลการประเมิน ITA … ปีงบประมาณ พ.ศ. 2566". Wrapped lines are joined before
matching, so a number may be cut at its decimal point ("92.\\n48 คะแนน").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...thai.letters import is_thai_char
from ...thai.repair import to_arabic_digits

NUMBER = r"(\d{1,3}(?:\.\s?\d{1,2})?)"
YEAR = r"(?:พ\.\s?ศ\.\s?)?(25\d\d)"
GRADES = ("ผ่านดีเยี่ยม", "ผ่านดี", "ต้องปรับปรุงโดยด่วน", "ต้องปรับปรุง", "ผ่าน", "AA", "A", "B", "C", "D", "E", "F")

_TOTAL = re.compile(
    r"(?:คะแนน\s*(?:รวม|เฉลี่ยรวม)|(?:มี|ได้)\s*(?:ผล)?คะแนน(?:รวม)?)\s*(?:\(?\s*ITA\s*\)?)?\s*(?:เท่ากับ|คือ|[:=])?\s*"
    + NUMBER
    + r"\s*คะแนน(?!\s*(?:ขึ้นไป|ขึ้น))"
)
# The weaker "… ITA ปีงบประมาณ พ.ศ. 2566 ได้ 96.22 คะแนน", taken only when no sentence has the stronger form;
# never inside parentheses, where reports give last year's ("(ปีงบประมาณ พ.ศ. 2565 ได้ 87.99 คะแนน)").
_TOTAL_PLAIN = re.compile(r"ได้\s*" + NUMBER + r"\s*คะแนน(?!\s*(?:ขึ้นไป|ขึ้น))")
_NOT_TOTAL = re.compile(r"ตัวชี้วัด|เครื่องมือ|IIT|EIT|OIT|ข้อ\s*[IEOieo]?\s*\d|[IEOieo]\d")
# The sentence must be about the ITA: other indices are scored too ("เดนมาร์ก … มีคะแนน ๘๘ คะแนน" is the CPI).
_ITA = re.compile(r"ITA|คุณธรรมและความโปร่งใส")
_OTHER_INDEX = re.compile(r"CPI|ดัชนีการรับรู้|Corruption\s+Perceptions|ร้อยละ")
_GRADE = re.compile(r"ระดับ\s*(?:ผลการประเมิน|คะแนน)?\s*[“”\"'‘’(]?\s*(" + "|".join(GRADES) + r")(?![A-Za-z])")
_YEAR_BEFORE = re.compile(r"(?:ปีงบประมาณ|ประจำปี|ITA)\s*(?:ประจำปี\s*)?" + YEAR)
_HEADING_YEAR = re.compile(r"ผลการประเมิน(?:\s*ITA|คุณธรรม)[^0-9]{0,160}?ปีงบประมาณ\s*" + YEAR)
_PREVIOUS = re.compile(r"ปีงบประมาณ\s*" + YEAR + r"\s*(?:ได้|มีผลคะแนน|ได้คะแนน)\s*(?:คะแนน)?\s*" + NUMBER + r"\s*คะแนน")


@dataclass(frozen=True)
class ProseSettings:
    """How far around the total sentence to look, in characters of joined text."""

    context_before: int = 40  # an indicator or tool named this close before a score means it is not the total
    year_reach: int = 220  # the assessed year is named at most this far before the total
    grade_reach: int = 160  # the grade follows the total within this
    previous_reach: int = 220  # last year's total follows the total within this


@dataclass(frozen=True, slots=True)
class ProseFacts:
    """What the prose says; None where it does not say it. ``totals``: every total stated, (page, value)."""

    total: float | None = None
    rating: str | None = None
    fiscal_year: int | None = None
    previous_total: float | None = None
    totals: tuple[tuple[int, float], ...] = ()


def join_lines(lines: list[str]) -> str:
    """Lines as one text: no space where a wrap fell between two Thai letters, one elsewhere."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and not (is_thai_char(out[-1]) and is_thai_char(line[0]) and not line[0].isdigit()):
            out += " "
        out += line
    return out


def _number(text: str) -> float:
    return float(re.sub(r"\s", "", text))


def read_prose(pages: list[tuple[int, list[str]]], settings: ProseSettings = ProseSettings()) -> ProseFacts:
    """Total, grade, assessed year and last year's total from the prose lines of each page.

    A report may state its total twice (above the indicator table and again in the
    analysis); the first statement gives the total, and each other fact comes from the
    first statement that has it.
    """
    statements = [s for page, lines in pages for s in _statements(page, to_arabic_digits(join_lines(lines)), settings)]
    if not statements:
        return ProseFacts(fiscal_year=_heading_year(pages), rating=_any_grade(pages))
    year = next((s.fiscal_year for s in statements if s.fiscal_year), None) or _heading_year(pages)
    return ProseFacts(
        total=statements[0].total,
        rating=next((s.rating for s in statements if s.rating), None) or _any_grade(pages),
        fiscal_year=year,
        previous_total=next((s.previous_total for s in statements if s.previous_total is not None), None),
        totals=tuple((s.totals[0][0], s.total) for s in statements if s.total is not None),
    )


def _statements(page: int, text: str, settings: ProseSettings) -> list[ProseFacts]:
    """Each total statement of one page's text, with the grade, year and last year's total around it."""
    found = [m for m in _TOTAL.finditer(text) if _a_total(text, m, settings)]
    if not found:
        found = [m for m in _TOTAL_PLAIN.finditer(text) if _a_total(text, m, settings) and not _in_brackets(text, m.start())]
    out = []
    for m in found:
        start, end = m.span()
        grade = _GRADE.search(text[end : end + settings.grade_reach])
        years = list(_YEAR_BEFORE.finditer(text[max(0, start - settings.year_reach) : start]))
        year = int(years[-1][1]) if years else None
        total = _number(m[1])
        out.append(
            ProseFacts(
                total=total,
                rating=grade[1] if grade else None,
                fiscal_year=year,
                previous_total=_previous(text[end : end + settings.previous_reach], year),
                totals=((page, total),),
            )
        )
    return out


def _a_total(text: str, m: re.Match[str], settings: ProseSettings) -> bool:
    """Not about an indicator, tool or question, and about the ITA."""
    start = m.start()
    return not _NOT_TOTAL.search(text[max(0, start - settings.context_before) : start]) and _about_ita(text, m, settings)


def _in_brackets(text: str, start: int) -> bool:
    """Is ``start`` inside an open parenthesis ("(ปีงบประมาณ พ.ศ. 2565 ได้ 87.99 คะแนน)")?"""
    before = text[:start]
    return before.rfind("(") > before.rfind(")")


def _about_ita(text: str, m: re.Match[str], settings: ProseSettings) -> bool:
    """Is the ITA named before the score in its sentence, with no other index named after it?"""
    before = text[max(0, m.start() - settings.year_reach) : m.start(1)]
    named = list(_ITA.finditer(before))
    return bool(named) and not _OTHER_INDEX.search(before[named[-1].end() :])


def _heading_year(pages: list[tuple[int, list[str]]]) -> int | None:
    """The year of the first "ผลการประเมิน ITA … ปีงบประมาณ พ.ศ. N" in the document."""
    for _, lines in pages:
        m = _HEADING_YEAR.search(to_arabic_digits(join_lines(lines)))
        if m:
            return int(m[1])
    return None


def _any_grade(pages: list[tuple[int, list[str]]]) -> str | None:
    """A grade printed anywhere ("ผลการประเมินอยู่ในระดับ A") when none follows the total."""
    for _, lines in pages:
        m = re.search(r"(?:ผลการประเมิน|อยู่ใน)\s*" + _GRADE.pattern, to_arabic_digits(join_lines(lines)))
        if m:
            return m[1]
    return None


def _previous(text: str, year: int | None) -> float | None:
    """Last year's total: "(ปีงบประมาณ พ.ศ. 2565 ได้ 87.99 คะแนน)" when 2565 is the year before ``year``."""
    for m in _PREVIOUS.finditer(text):
        if year is None or int(m[1]) == year - 1:
            return _number(m[2])
    return None
