"""Numbers, dates and codes read by OCR checked against what a report can say.

A Thai digit misread changes a year by decades (``๒๕๖๖`` read as ``๒๕๒๕``: the Thai model
has no ๖) and nothing in the text looks wrong. But an ITA report's fiscal year lies
between the ITA's first year and next year, its action dates lie in or near that fiscal
year, and its indicator codes are in the catalogue (E1–E15, I1–I30, O1–O43). A value
outside is not trusted: a fiscal year is taken from the records' own dates where most of
them agree, else left empty; an action date or a code is left out. ITA scores are 0–100 with
two decimals: a score read outside that ("971.17", "13.453") is left out too. Each says so.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import product

from ....schema import Assessment
from ...errors import Notice
from ...thai.dates import BE_OFFSET, _inferred_range, fiscal_year_of
from .lexicon import key, lexicon
from .settings import DEFAULT, OcrSettings

# What a title block's fiscal year is replaced by: (fiscal year, the round's period in it, why).
Replacement = tuple[int, tuple[datetime.date, datetime.date] | None, str]


def plausible_year(year: int, today: datetime.date, s: OcrSettings = DEFAULT) -> bool:
    """A fiscal year (BE) a report can be for: from the ITA's first year to next year."""
    return s.first_fiscal_year <= year <= today.year + BE_OFFSET + s.later_years


def _plausible_dates(dates: Sequence[datetime.date], today: datetime.date, s: OcrSettings) -> list[datetime.date]:
    """The dates in a fiscal year a report can be for (``plausible_year``): a year OCR misread by decades is none."""
    return [d for d in dates if plausible_year(fiscal_year_of(d), today, s)]


def year_from_dates(dates: list[datetime.date], today: datetime.date, s: OcrSettings = DEFAULT) -> int | None:
    """The fiscal year most of the dates fall in, when at least ``majority`` of them agree."""
    years = Counter(fiscal_year_of(d) for d in _plausible_dates(dates, today, s))
    if not years:
        return None
    year, count = years.most_common(1)[0]
    return year if count >= s.majority * len(dates) else None


def checked_period(
    fiscal_year: int | None,
    round_months: int | None,
    dates: list[datetime.date],
    today: datetime.date,
    s: OcrSettings = DEFAULT,
    printed: Sequence[datetime.date] = (),
) -> tuple[int | None, tuple[datetime.date, datetime.date] | None, str] | None:
    """A replacement (fiscal year, period, why) for a title block whose fiscal year OCR
    read implausibly, or None when the year stands. The period follows the round.

    A plausible year is a misread too when the records' dates contradict it: none falls
    within a year's slack of it and most agree on another year (``๒๕๖๖`` read as ``๒๕๖๐``,
    its last ๖ cut in two, beside action dates all in 2023); or ``contradict_min`` of them or
    more, the dates of time frames printed with their year (``printed``) counted in, and not one
    in the year itself (``_overruled``)."""
    if fiscal_year is None:
        return None
    if plausible_year(fiscal_year, today, s):
        return _contradicted(fiscal_year, round_months, dates, today, s) or _overruled(
            fiscal_year, round_months, [*dates, *printed], today, s)
    found = year_from_dates(dates, today, s)
    why = f"fiscal year {fiscal_year} read by OCR is implausible; taken as {found}, the year of the records' dates"
    if found is None and (found := _stand_in_fiscal_year(fiscal_year, dates, today, s)) is not None:
        why = (f"fiscal year {fiscal_year} read by OCR is implausible; taken as {found}, the one plausible year "
               "its ๒ or ๐ may stand for (the Thai model reads ๔ ๖ ๘ ๙ so)")
    if found is None:
        return None, None, f"fiscal year {fiscal_year} read by OCR is implausible and was left empty"
    return _taken(found, round_months, why)


def _stand_in_fiscal_year(year: int, dates: list[datetime.date], today: datetime.date, s: OcrSettings) -> int | None:
    """``stand_in_year`` of an implausible fiscal year, where the records' dates do not speak against it:
    each date a plausible year holds lies in the year's window (dates read the same way, "๒๕๒๕", say nothing)."""
    found = stand_in_year(year, lambda y: plausible_year(y, today, s))
    if found is None:
        return None
    start, end = date_window(found, today, s)
    return found if all(start <= d <= end for d in _plausible_dates(dates, today, s)) else None


def unread_period(
    round_months: int | None, dates: list[datetime.date], today: datetime.date, s: OcrSettings = DEFAULT
) -> Replacement | None:
    """(fiscal year, period, why) for a title whose year OCR lost a digit of ("พ.ศ. ๒๕๖"): the
    year most of the records' dates fall in (action dates, time frames with their year printed),
    or None when they do not agree."""
    found = year_from_dates(dates, today, s)
    if found is None:
        return None
    return _taken(found, round_months, f"fiscal year in the title lost a digit to OCR; taken as {found}, the year most "
                  "of the records' dates fall in")


def _contradicted(
    fiscal_year: int,
    round_months: int | None,
    dates: list[datetime.date],
    today: datetime.date,
    s: OcrSettings,
) -> Replacement | None:
    """The year the dates agree on, when no date lies near ``fiscal_year``; None otherwise."""
    start, end = date_window(fiscal_year, today, s)
    if not dates or any(start <= d <= end for d in dates):
        return None
    found = year_from_dates(dates, today, s)
    if found is None:
        return None
    return _taken(found, round_months, f"fiscal year {fiscal_year} read by OCR is contradicted by every date of "
                  f"the records; taken as {found}, the year most of them fall in")


def _overruled(fiscal_year: int, round_months: int | None, dates: list[datetime.date], today: datetime.date,
               s: OcrSettings) -> Replacement | None:
    """The year most dates fall in, where ``contradict_min`` or more have plausible years and not one falls
    in ``fiscal_year`` itself: a last digit misread ("๒๕๖๖" read ๒๕๖๕ over time frames all printed in
    2566, second judge set's scan syn00300), the year next to it only: fewer dates may be a late report's,
    and a year farther off says the time frames' years were misread in turn (a development scan read
    "พ.ศ. 2567" in its time frames as 2561 under a title read right)."""
    plausible = _plausible_dates(dates, today, s)
    if len(plausible) < s.contradict_min or any(fiscal_year_of(d) == fiscal_year for d in plausible):
        return None
    found = year_from_dates(dates, today, s)
    if found is None or abs(found - fiscal_year) != 1:
        return None
    return _taken(found, round_months, f"fiscal year {fiscal_year} read by OCR is contradicted by the records' "
                  f"dates (not one of {len(plausible)} falls in it); taken as {found}, the year most of them fall in")


def _taken(year: int, round_months: int | None, why: str) -> Replacement:
    """(year, the round's period in it, why): a title block's fiscal year replaced by the records' dates."""
    return year, (_inferred_range(year, round_months) if round_months in (6, 12) else None), why


def date_window(
    fiscal_year: int | None, today: datetime.date, s: OcrSettings = DEFAULT
) -> tuple[datetime.date, datetime.date]:
    """The days an action date of the report may fall on: its fiscal year and a year's slack
    either side, or, with no fiscal year, any plausible fiscal year."""
    slack = datetime.timedelta(days=s.date_slack_days)
    if fiscal_year is None:
        first, last = s.first_fiscal_year, today.year + BE_OFFSET + s.later_years
    else:
        first = last = fiscal_year
    start = datetime.date(first - BE_OFFSET - 1, 10, 1)
    return start - slack, datetime.date(last - BE_OFFSET, 9, 30) + slack


def known_code(code: str) -> bool:
    """True for an indicator code some year's catalogue has: ``E15`` yes, ``E51`` no."""
    wanted = key(code).upper()
    return any(f.kind == "question" and f.code == wanted for f in lexicon())


SCORE_DECIMALS = 2  # ITA prints its scores with two decimals ("86.67"): a third digit was added by OCR


def printable_score(value: float) -> bool:
    """A score an ITA table can print: 0–100, two decimals at most."""
    return 0.0 <= value <= 100.0 and round(value, SCORE_DECIMALS) == value


def plausible_results(results: Assessment | None, ocr_pages: Sequence[int]) -> tuple[Assessment | None, list[Notice]]:
    """The printed ITA scores without those OCR read as no score can be: outside 0–100 ("971.17",
    a digit read twice) or with more than two decimals ("13.453" for 93.33, a speck read as a digit).

    A text layer prints what the agency typed, and ``assessment.checks`` only warns of it; a
    scan's reading of it is a guess, and a wrong score in the table is worse than none.
    """
    if results is None or not ocr_pages:
        return results, []
    pages = set(ocr_pages)
    kept, notices = [], []
    for score in results.scores:
        if score.page in pages and not printable_score(score.score):
            why = f"{score.level} {score.code}: OCR read the score as {score.score:g}, no ITA score (0-100, two decimals); left out"
            notices.append(Notice("ocr_value_dropped", why, score.page))
        else:
            kept.append(score)
    if not notices:
        return results, []
    return results.model_copy(update={"scores": kept}), notices


# The digits Tesseract's Thai model puts where it cannot output ๔ ๖ ๘ ๙ (``digits``: "๒๕๖๕" comes out
# "๒๕๒๕"), as Arabic numerals, with the digits each may stand for.
STAND_INS = {"2": "4689", "0": "4689"}


def stand_in_year(year: int, plausible: Callable[[int], bool]) -> int | None:
    """The one year ``plausible`` accepts among those ``year`` becomes with any of its ๒ or ๐ read as
    the digit it stood for (2525 → 2565 for a report of 2565); None when none or several do."""
    text = str(year)
    choices = [(ch, *STAND_INS.get(ch, "")) for ch in text]
    found = {y for digits in product(*choices) if (y := int("".join(digits))) != year and plausible(y)}
    return found.pop() if len(found) == 1 else None


def stand_in_date(day: datetime.date, window: tuple[datetime.date, datetime.date]) -> datetime.date | None:
    """``day`` with its year (Buddhist era, as printed) read again as ``stand_in_year`` reads it, where
    that puts it inside ``window``; None otherwise."""
    def inside(year: int) -> bool:
        moved = _replace_year(day, year - BE_OFFSET)
        return moved is not None and window[0] <= moved <= window[1]

    year = stand_in_year(day.year + BE_OFFSET, inside)
    return None if year is None else _replace_year(day, year - BE_OFFSET)


def _replace_year(day: datetime.date, year: int) -> datetime.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February, or out of range
        return None
