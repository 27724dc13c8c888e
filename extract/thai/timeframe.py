"""The first and last day a measure's time frame (ระยะเวลาดำเนินการ) covers, as printed in ITA measures.

Agencies write the time frame every way: a month range with or without its years
("ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗", "มกราคม - มิถุนายน 2568"), day-month dates whose first
year is left out, even without a dash ("๑ มีนาคม ๓๐ กันยายน ๒๕๖๗"), a deadline
("ภายในเดือนมีนาคม ๒๕๖๗"), the whole fiscal year ("ตลอดปีงบประมาณ"), fiscal quarters
("ไตรมาสที่ ๑ - ๒"), in Thai or Arabic digits, BE or CE years, full or abbreviated months.
The text is read as a row of time expressions; a missing year is taken from the nearest
expression that has one (the range reads forward in time), else from the fiscal year.
The span is the earliest start to the latest end; a deadline word before the first
expression leaves the start open, "ตั้งแต่" with nothing after leaves the end open.

>>> parse_timeframe("ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗", 2567)
(datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
>>> parse_timeframe("ภายในเดือนมีนาคม ๒๕๖๗", 2567)
(None, datetime.date(2024, 3, 31))
>>> parse_timeframe("ไตรมาสที่ ๑ - ๒", 2567)
(datetime.date(2023, 10, 1), datetime.date(2024, 3, 31))
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .dates import (
    BE_OFFSET,
    MONTH_PATTERN,
    MONTH_SPELLINGS,
    NOT_IN_WORD,
    YEAR_PATTERN,
    fiscal_year_bounds,
    month_end,
    month_of,
    year_to_ce,
)
from .repair import to_arabic_digits

Span = tuple[datetime.date | None, datetime.date | None]

_ANY_MONTH = "|".join(pattern for pattern, _ in MONTH_SPELLINGS)
# A year after a month is a year unless a month follows it: in "๑ มีนาคม ๓๐ กันยายน" 30 is a day.
_YEAR_NOT_DAY = rf"(?:\s*{YEAR_PATTERN}(?!\s*(?:เดือน\s*)?(?:{_ANY_MONTH})))?"
_RE_DATE = re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?:วันที่\s*)?{NOT_IN_WORD}(?:{MONTH_PATTERN}){_YEAR_NOT_DAY}")
_RE_MONTH = re.compile(rf"{NOT_IN_WORD}(?:{MONTH_PATTERN}){_YEAR_NOT_DAY}")
_RE_QUARTER = re.compile(
    r"(?:ไตรมาส(?:ที่)?|Q)\s*(?P<q1>[1-4])(?!\d)"
    r"(?:\s*(?:-|–|—|ถึง|และ|,)\s*(?:ไตรมาส(?:ที่)?\s*|Q\s*)?(?P<q2>[1-4])(?!\d))?"
)
_FY_YEAR = r"\s*(?:(?P<era>[พค])\s?\.?\s?ศ\s?\.?\s*)?(?P<year>\d{4}|\d{2})(?!\d)"
_RE_FISCAL = re.compile(
    rf"(?P<whole>ตลอด|ทั้ง|ทุก)?\s*(?:ปีงบ(?:ประมาณ)?)(?:{_FY_YEAR}(?:\s*(?:-|–|—|ถึง)\s*(?P<last>\d{{4}}|\d{{2}})(?!\d))?)?"
)
_RE_WHOLE_YEAR = re.compile(rf"(?:ตลอด(?:ทั้ง)?ปี|ทั้งปี|ทุกเดือน|ทุกไตรมาส)(?!งบ)(?:{_FY_YEAR})?")
_RE_UNTIL = re.compile(r"(?:ภายใน|ก่อน|ไม่เกิน|จนถึง|ถึง|สิ้นสุด|แล้วเสร็จ|เสร็จสิ้น)\s*(?:วันที่|เดือน|ปี)?\s*$")
_RE_FROM = re.compile(r"(?:ตั้งแต่|เริ่ม(?:ตั้งแต่)?|นับ(?:ตั้ง)?แต่)\s*(?:วันที่|เดือน)?\s*$")


@dataclass(frozen=True, slots=True)
class _Point:
    """A date or month named in the text, its year possibly missing (CE when known)."""

    start: int  # position in the text
    month: int
    day: int | None  # None: the whole month
    year: int | None

    def first(self, year: int) -> datetime.date:
        return datetime.date(year, self.month, self.day or 1)

    def last(self, year: int) -> datetime.date:
        return datetime.date(year, self.month, self.day) if self.day else month_end(year, self.month)


def parse_timeframe(text: str | None, fiscal_year: int | None) -> Span:
    """``(first day, last day)`` the time frame covers, either None where the text does not say.

    ``fiscal_year``: the document's BE fiscal year, for quarters, "ตลอดปีงบประมาณ" and months
    printed without a year; a fiscal year printed in the text wins over it.

    >>> parse_timeframe("๑ มีนาคม ๓๐ กันยายน ๒๕๖๗", None)
    (datetime.date(2024, 3, 1), datetime.date(2024, 9, 30))
    >>> parse_timeframe("ตลอดปีงบประมาณ", 2567)
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    >>> parse_timeframe("ตามความเหมาะสม", 2567)
    (None, None)
    """
    if not text:
        return None, None
    arabic = to_arabic_digits(text)  # one character for one: positions stay valid
    fiscal = _printed_fiscal_year(arabic) or fiscal_year
    points = _points(arabic)
    spans = [_point_span(p, points, fiscal) for p in points]
    spans += _quarter_spans(arabic, fiscal) + _whole_year_spans(arabic, fiscal, bool(points))
    starts = [s for s, _ in spans if s is not None]
    ends = [e for _, e in spans if e is not None]
    if not starts and not ends:
        return None, None
    first_at = min((m.start() for m in _time_matches(arabic)), default=0)
    start = None if _RE_UNTIL.search(arabic[:first_at]) else min(starts, default=None)
    single = len(spans) == 1 and _RE_FROM.search(arabic[:first_at])
    end = None if single else max(ends, default=None)
    if start is not None and end is not None and start > end:
        return None, None  # a reading that runs backwards is no reading
    return start, end


def _points(text: str) -> list[_Point]:
    """Every date and every month without a day, in order of appearance."""
    points: list[_Point] = []
    taken: list[tuple[int, int]] = []
    for m in _RE_DATE.finditer(text):
        points.append(_Point(m.start(), month_of(m), int(m["day"]), _year(m)))
        taken.append(m.span())
    for m in _RE_MONTH.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            points.append(_Point(m.start(), month_of(m), None, _year(m)))
    return sorted(points, key=lambda p: p.start)


def _year(m: re.Match[str]) -> int | None:
    return year_to_ce(m["year"], m["era"]) if m["year"] else None


def _point_span(point: _Point, points: list[_Point], fiscal: int | None) -> Span:
    """The days one date or month covers, its missing year taken from its neighbours or the fiscal year."""
    year = point.year if point.year is not None else _borrowed_year(point, points, fiscal)
    if year is None:
        return None, None
    try:
        return point.first(year), point.last(year)
    except ValueError:  # ๓๐ กุมภาพันธ์: no such day, so no reading
        return None, None


def _borrowed_year(point: _Point, points: list[_Point], fiscal: int | None) -> int | None:
    """A year for a date printed without one: a range reads forward in time.

    From the next point with a year (a year earlier if this month-day comes after it:
    "ตุลาคม - ธันวาคม ๒๕๖๖", "พฤศจิกายน - มีนาคม ๒๕๖๗"), else from the previous one
    (a year later if it comes before it), else from the fiscal year (Oct–Dec in its first
    CE year, Jan–Sep in its second).
    """
    key = (point.month, point.day or 1)
    later = [p for p in points if p.start > point.start and p.year is not None]
    if later:
        return later[0].year - (key > (later[0].month, later[0].day or 1))
    earlier = [p for p in points if p.start < point.start and p.year is not None]
    if earlier:
        return earlier[-1].year + (key < (earlier[-1].month, earlier[-1].day or 1))
    if fiscal is None:
        return None
    return fiscal - BE_OFFSET - (1 if point.month >= 10 else 0)


def _printed_fiscal_year(text: str) -> int | None:
    """A BE fiscal year printed in the time frame itself ("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๗")."""
    for m in [*_RE_FISCAL.finditer(text), *_RE_WHOLE_YEAR.finditer(text)]:
        if m["year"]:
            year = year_to_ce(m["year"], m["era"])
            if year is not None:
                return year + BE_OFFSET
    return None


def _quarter_spans(text: str, fiscal: int | None) -> list[Span]:
    """Fiscal quarters: quarter 1 is October–December of the year before the fiscal year's end."""
    if fiscal is None:
        return [(None, None) for _ in _RE_QUARTER.finditer(text)]
    spans: list[Span] = []
    for m in _RE_QUARTER.finditer(text):
        first, last = sorted((int(m["q1"]), int(m["q2"] or m["q1"])))
        spans.append((_quarter(fiscal, first)[0], _quarter(fiscal, last)[1]))
    return spans


def _quarter(fiscal: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """Days of quarter 1–4 of BE fiscal year ``fiscal``: 2567 Q2 → 2024-01-01 … 2024-03-31."""
    start, _ = fiscal_year_bounds(fiscal)
    month = start.month + 3 * (quarter - 1)
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, 1), month_end(year, month + 2)  # quarters start Oct, Jan, Apr, Jul


def _whole_year_spans(text: str, fiscal: int | None, dated: bool) -> list[Span]:
    """The fiscal year named as a whole ("ตลอดปีงบประมาณ", "ทั้งปี", "ปีงบประมาณ ๒๕๖๗" standing alone).

    Beside dates, months or quarters, a bare "ปีงบประมาณ ๒๕๖๗" only says whose year they are.
    """
    matches = [m for m in _RE_FISCAL.finditer(text) if m["whole"] or not (dated or _RE_QUARTER.search(text))]
    matches += list(_RE_WHOLE_YEAR.finditer(text))
    if fiscal is None:
        return []
    return [(fiscal_year_bounds(fiscal)[0], fiscal_year_bounds(_last_fiscal_year(m) or fiscal)[1]) for m in matches]


def _last_fiscal_year(m: re.Match[str]) -> int | None:
    """The second year of a span of fiscal years ("ปีงบประมาณ ๒๕๖๗ - ๒๕๖๘"), BE."""
    last = m.groupdict().get("last")
    year = year_to_ce(last, m["era"]) if last else None
    return year + BE_OFFSET if year is not None else None


def _time_matches(text: str) -> list[re.Match[str]]:
    """Every time expression, so the words before the first one can be read."""
    patterns = (_RE_DATE, _RE_MONTH, _RE_QUARTER, _RE_FISCAL, _RE_WHOLE_YEAR)
    return [m for pattern in patterns for m in pattern.finditer(text)]
