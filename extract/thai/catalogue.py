"""The ITA catalogue: which question codes and indicators an assessed year has, and their tools.

The NACC renumbers OIT items from year to year (O42 was the measures item in 2565 and
2566; 2568's lists differ by agency type), so codes are checked against the list of the
year the scores are for, never against one list for all years. The data ships as
``ita_catalogue.csv`` (ranges per indicator), built from the project's domain notes.

>>> catalogue().indicator_of("E12", 2566)
8
>>> catalogue().tool_of_indicator(9)
'OIT'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# The tools' weights in the total (domain notes §1.2: 0.30·IIT + 0.30·EIT + 0.40·OIT), and the tools whose
# score is the plain mean of their indicators' (OIT weighs indicators 9 and 10 unequally).
TOOL_WEIGHTS = {"IIT": 0.30, "EIT": 0.30, "OIT": 0.40}
PLAIN_MEAN_TOOLS = ("IIT", "EIT")


@dataclass(frozen=True, slots=True)
class IndicatorRange:
    """One indicator of one span of years: its tool, name and first..last question number."""

    first_year: int
    last_year: int
    tool: str
    indicator: int
    name: str
    letter: str
    first: int
    last: int


@dataclass(frozen=True)
class Catalogue:
    """Indicator ranges for the years the domain notes cover."""

    ranges: tuple[IndicatorRange, ...]

    def _of_year(self, year: int | None) -> list[IndicatorRange]:
        return [r for r in self.ranges if year is not None and r.first_year <= year <= r.last_year]

    def knows(self, year: int | None) -> bool:
        """Is there a list for this assessed year? ("2568: none, so nothing is checked")."""
        return bool(self._of_year(year))

    def indicator_of(self, code: str, year: int | None) -> int | None:
        """The indicator a question belongs to in ``year``: "E12", 2566 → 8; unknown code or year → None."""
        m = re.fullmatch(r"([IEO])(\d{1,3})", code)
        if m is None:
            return None
        number = int(m[2])
        return next((r.indicator for r in self._of_year(year) if r.letter == m[1] and r.first <= number <= r.last), None)

    def tool_of_indicator(self, indicator: int) -> str | None:
        """IIT for 1–5, EIT for 6–8, OIT for 9–10 (the same in every year listed); else None."""
        tools = {r.tool for r in self.ranges if r.indicator == indicator}
        return tools.pop() if len(tools) == 1 else None

    def question_count(self, indicator: int, year: int | None) -> int:
        """How many questions the indicator has in ``year``: 6 for indicator 1; 0 for an unknown year."""
        return sum(r.last - r.first + 1 for r in self._of_year(year) if r.indicator == indicator)

    def question_span(self, indicator: int) -> tuple[str, int, int] | None:
        """The letter and the first and last question numbers an indicator has in any year listed:
        3 → ("I", 13, 18); 10 → ("O", 31, 43) (O34–O43 until 2565, O31–O43 from 2566); unknown → None.
        For a reader that does not know the year yet (a score table's rows are read before the prose)."""
        spans = [r for r in self.ranges if r.indicator == indicator]
        if not spans or len({r.letter for r in spans}) != 1:
            return None
        return spans[0].letter, min(r.first for r in spans), max(r.last for r in spans)

    def first_question(self, indicator: int) -> str | None:
        """The code of an indicator's first question where every year agrees on it: 2 → "I7"; 10 → None
        (O34 until 2565, O31 from 2566)."""
        firsts = {f"{r.letter}{r.first}" for r in self.ranges if r.indicator == indicator}
        return firsts.pop() if len(firsts) == 1 else None

    def indicator_names(self) -> dict[int, str]:
        """Each indicator's name, the latest year's wording: {1: "การปฏิบัติหน้าที่", …}."""
        return {r.indicator: r.name for r in sorted(self.ranges, key=lambda r: r.last_year)}

    def indicators(self, year: int | None) -> set[int]:
        """The indicator numbers of an assessed year (1–10 for the years listed)."""
        return {r.indicator for r in self._of_year(year)}


def _years(text: str) -> tuple[int, int]:
    """"2563-2567" → (2563, 2567); "2566" → (2566, 2566)."""
    first, _, last = text.partition("-")
    return int(first), int(last or first)


@cache
def catalogue() -> Catalogue:
    """The catalogue shipped with the package (read once)."""
    text = resources.files("ita_extract.extract.thai").joinpath("ita_catalogue.csv").read_text("utf-8")
    rows = csv.DictReader(ln for ln in text.splitlines() if ln and not ln.startswith("#"))
    ranges = []
    for row in rows:
        first_year, last_year = _years(row["years"])
        ranges.append(
            IndicatorRange(
                first_year=first_year,
                last_year=last_year,
                tool=row["tool"],
                indicator=int(row["indicator"]),
                name=row["name"],
                letter=row["first"][0],
                first=int(row["first"][1:]),
                last=int(row["last"][1:]),
            )
        )
    return Catalogue(tuple(ranges))
