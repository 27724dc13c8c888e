"""Checks that catch misread scores. Each failure is a warning; no score is changed.

- a score outside 0–100 (a lost decimal point, a digit read twice);
- a tool score (or an indicator score whose questions are all printed) far from the mean
  of its parts, or outside their range: IIT and EIT are plain means of their indicators,
  OIT weighs indicator 9 and 10 unequally (domain notes §1.2), and any weighted mean lies
  between its parts' lowest and highest;
- a code the assessed year's catalogue does not have (O44, I31, indicator 11);
- a total that is not 0.30·IIT + 0.30·EIT + 0.40·OIT, in the years those weights are known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import mean

from ...errors import Notice
from ...thai.catalogue import TOOL_WEIGHTS, Catalogue, catalogue
from .scores import Printed

ROUNDING = 0.01  # points: printed scores have two decimals, so a mean of them may be off by this


@dataclass(frozen=True)
class CheckSettings:
    """Tolerances of the checks, in points of score."""

    low: float = 0.0
    high: float = 100.0
    mean_tolerance: float = 1.0  # a whole's score this far from the plain mean of its parts is suspect …
    mean_tolerance_share: float = 0.25  # … or farther, by this share of the parts' spread (OIT's weights)
    total_tolerance: float = 0.1  # the weighted tools may miss the printed total by rounding, not more
    tool_weights: dict[str, float] = field(default_factory=lambda: dict(TOOL_WEIGHTS))


def check_scores(
    scores: Sequence[Printed], total: float | None, year: int | None, settings: CheckSettings = CheckSettings()
) -> list[Notice]:
    """Warnings for every score that fails a check (see the module docstring)."""
    book = catalogue()
    notices = [_out_of_range(s, settings) for s in scores if not settings.low <= s.score <= settings.high]
    notices += [_unknown(s, year) for s in scores if not _known(s, year, book)]
    notices += _tools_against_indicators(scores, settings)
    notices += _indicators_against_questions(scores, year, book, settings)
    if total is not None and book.knows(year):
        notices += _total_against_tools(scores, total, settings)
    return notices


def _out_of_range(s: Printed, settings: CheckSettings) -> Notice:
    message = f"{s.level} {s.code} is {s.score:g}, outside {settings.low:g}–{settings.high:g}: a misread?"
    return Notice("assessment_score_out_of_range", message, s.page)


def _known(s: Printed, year: int | None, book: Catalogue) -> bool:
    """Is the code in the year's catalogue? Years without a list pass (nothing to check against)."""
    if s.level == "tool" or not book.knows(year):
        return True
    if s.level == "indicator":
        return int(s.code) in book.indicators(year)
    return book.indicator_of(s.code, year) is not None


def _unknown(s: Printed, year: int | None) -> Notice:
    return Notice("assessment_code_unknown", f"{s.level} {s.code} is not in the ITA {year} catalogue: a misread code?", s.page)


def _near_mean(whole: float, parts: list[float], settings: CheckSettings) -> bool:
    lo, hi = min(parts), max(parts)
    reach = max(settings.mean_tolerance, settings.mean_tolerance_share * (hi - lo))
    return lo - ROUNDING <= whole <= hi + ROUNDING and abs(whole - mean(parts)) <= reach


def _tools_against_indicators(scores: Sequence[Printed], settings: CheckSettings) -> list[Notice]:
    notices = []
    for tool in (s for s in scores if s.level == "tool"):
        parts = [s.score for s in scores if s.level == "indicator" and s.tool == tool.code]
        if len(parts) >= 2 and not _near_mean(tool.score, parts, settings):
            message = f"tool {tool.code} is {tool.score:g}, but its {len(parts)} indicators average {mean(parts):.2f}"
            notices.append(Notice("assessment_score_inconsistent", message, tool.page))
    return notices


def _indicators_against_questions(
    scores: Sequence[Printed], year: int | None, book: Catalogue, settings: CheckSettings
) -> list[Notice]:
    """Only where every question of the indicator is printed: many analyses list the low ones only."""
    notices = []
    for ind in (s for s in scores if s.level == "indicator"):
        parts = [s.score for s in scores if s.level == "question" and book.indicator_of(s.code, year) == int(ind.code)]
        if parts and len(parts) == book.question_count(int(ind.code), year) and not _near_mean(ind.score, parts, settings):
            message = f"indicator {ind.code} is {ind.score:g}, but its {len(parts)} questions average {mean(parts):.2f}"
            notices.append(Notice("assessment_score_inconsistent", message, ind.page))
    return notices


def _total_against_tools(scores: Sequence[Printed], total: float, settings: CheckSettings) -> list[Notice]:
    tools = {s.code: s.score for s in scores if s.level == "tool"}
    if set(tools) != set(settings.tool_weights):
        return []
    weighted = sum(settings.tool_weights[t] * v for t, v in tools.items())
    if abs(weighted - total) <= settings.total_tolerance:
        return []
    message = f"the total {total:g} is not the weighted sum of the tools ({weighted:.2f}): a misread?"
    return [Notice("assessment_score_inconsistent", message, None)]
