"""Pages → ``document.assessment``: last year's ITA results as the document prints them.

The steps, in order: pages → lines with cell segments (``layout``; in the pipeline only on
pages that can hold results, ``scan``) → score tables' rows and numbers (``header``, ``rows``)
→ printed scores, each (level, code) once (``scores``) → total, grade and years from the
prose around them (``prose``) → checks (``checks``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ....schema import Assessment, Score
from ...errors import Notice
from ...page.page import Page
from .checks import CheckSettings, check_scores
from .header import HeaderSettings
from .layout import PageLines, page_lines
from .prose import ProseFacts, ProseSettings, read_prose
from .rows import read_tables
from .scan import ResultPages
from .scores import SAME_SCORE, first_printings, printed_scores


@dataclass(frozen=True)
class AssessmentSettings:
    """The reader's tolerances, one object per stage."""

    header: HeaderSettings = field(default_factory=HeaderSettings)
    prose: ProseSettings = field(default_factory=ProseSettings)
    checks: CheckSettings = field(default_factory=CheckSettings)


def read_assessment(
    pages: Iterable[Page | PageLines] | ResultPages, fiscal_year: int | None = None,
    settings: AssessmentSettings = AssessmentSettings(),
) -> tuple[Assessment | None, list[Notice]]:
    """The document's ITA results and the notices met reading them; None when it prints none.

    ``pages`` are the document's pages, or their ``page_lines``, or the pipeline's pass over
    them (``ResultPages``: a few kilobytes a page instead of every glyph, its score tables read
    already). ``fiscal_year`` is the document's own year: when the assessed year is printed
    nowhere, it is taken as the year before (a FY2567 measures document analyses the 2566
    results), with a warning.
    """
    if isinstance(pages, ResultPages):
        layouts = pages.pages  # read again below only under other header settings than the pass's
        read = pages.read if pages.settings == settings.header else read_tables(layouts, settings.header)
    else:
        layouts = [page if isinstance(page, PageLines) else page_lines(page) for page in pages]
        read = read_tables(layouts, settings.header)
    printed, table_totals, notices = printed_scores(read)
    scores, repeats = first_printings(printed)
    notices += repeats
    prose = read_prose(_prose_lines(layouts, read.consumed), settings.prose)
    if not scores and (prose.total is None or prose.fiscal_year is None):
        return None, notices
    total = prose.total if prose.total is not None else (table_totals[0] if table_totals else None)
    notices += _total_conflicts(prose, table_totals)
    year = prose.fiscal_year
    if year is None and fiscal_year is not None:
        year = fiscal_year - 1
        notices.append(Notice("assessment_year_inferred", f"the assessed year is printed nowhere; taken as {year}, the year before the document's"))
    notices += check_scores(scores, total, year, settings.checks)
    assessment = Assessment(
        fiscal_year=year,
        total=total,
        rating=prose.rating,
        previous_total=prose.previous_total,
        scores=[Score(level=p.level, tool=p.tool, code=p.code, name=p.name, score=p.score, page=p.page) for p in scores],
    )
    return assessment, notices


def _prose_lines(layouts: list[PageLines], consumed: set[tuple[int, int]]) -> list[tuple[int, list[str]]]:
    """Each page's lines that no score table took, as text."""
    return [
        (layout.number, [line.text for i, line in enumerate(layout.lines) if (layout.number, i) not in consumed])
        for layout in layouts
    ]


def _total_conflicts(prose: ProseFacts, table_totals: list[float]) -> list[Notice]:
    """The total stated twice with two values: a misread in one of them."""
    first = prose.totals[0][1] if prose.totals else (table_totals[0] if table_totals else None)
    stated = [(page, value) for page, value in prose.totals] + [(None, value) for value in table_totals]
    return [
        Notice("assessment_score_conflict", f"the total is stated as {first:g} and as {value:g}; the first is kept", page)
        for page, value in stated
        if first is not None and abs(value - first) > SAME_SCORE
    ]


def analysis_document_type(document_type: str, record_count: int, assessment: Assessment | None) -> str:
    """``ita_analysis`` for a document with ITA scores and no measures records; else ``document_type`` unchanged.

    The title block decides measures vs measures_report; only the scores show that a
    document is an analysis alone (การวิเคราะห์ผลการประเมิน…), so this runs once both are known.
    """
    return "ita_analysis" if assessment is not None and record_count == 0 else document_type
