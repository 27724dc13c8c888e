"""Checks on printed scores: each misread they catch is a warning, and no score is changed."""

from __future__ import annotations

import pytest
from ita_extract.extract.kinds.assessment import analysis_document_type
from ita_extract.extract.kinds.assessment.checks import check_scores
from ita_extract.extract.kinds.assessment.scores import Printed
from ita_extract.extract.thai.catalogue import catalogue
from ita_extract.schema import Assessment


def p(level: str, code: str, score: float, tool: str | None = None) -> Printed:
    return Printed(level, tool, code, None, score, 2, (2, 0.0))


IIT = [p("tool", "IIT", 85.55, "IIT"), *(p("indicator", str(k), v, "IIT") for k, v in
       zip(range(1, 6), [92.11, 80.12, 82.93, 84.92, 87.67]))]
OIT = [p("tool", "OIT", 95.35, "OIT"), p("indicator", "9", 93.33, "OIT"), p("indicator", "10", 100.0, "OIT")]
EIT = [p("tool", "EIT", 83.68, "EIT"), *(p("indicator", str(k), v, "EIT") for k, v in zip((6, 7, 8), [85.72, 82.36, 82.95]))]


def codes(scores, total=None, year=2566) -> list[str]:
    return [n.code for n in check_scores(scores, total, year)]


def test_a_consistent_document_passes_every_check() -> None:
    # OIT weighs indicator 9 and 10 unequally (95.35 is no plain mean of 93.33 and 100): still consistent
    assert codes(IIT + EIT + OIT, total=88.91) == []


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        ([p("question", "E1", 813.6, "EIT")], "assessment_score_out_of_range"),  # a lost decimal point
        ([p("question", "O44", 100.0, "OIT")], "assessment_code_unknown"),  # OIT stops at O43 in 2566
        ([p("question", "I31", 90.0, "IIT")], "assessment_code_unknown"),
        ([p("indicator", "11", 90.0)], "assessment_code_unknown"),
        ([p("tool", "IIT", 35.55, "IIT"), *IIT[1:]], "assessment_score_inconsistent"),  # tens digit misread
        ([p("tool", "OIT", 91.35, "OIT"), *OIT[1:]], "assessment_score_inconsistent"),  # below both its parts
    ],
)
def test_a_misread_score_or_code_is_a_warning(scores: list[Printed], code: str) -> None:
    assert codes(scores) == [code]


def test_a_total_that_is_not_the_weighted_sum_of_the_tools_is_a_warning() -> None:
    assert codes(IIT + EIT + OIT, total=98.91) == ["assessment_score_inconsistent"]


def test_an_indicator_is_checked_against_its_questions_only_when_all_of_them_are_printed() -> None:
    questions = [p("question", f"I{k}", v, "IIT") for k, v in enumerate([89.68, 86.67, 87.70, 95.69, 98.79, 94.12], 1)]
    indicator = p("indicator", "1", 92.11, "IIT")
    assert codes([indicator, *questions]) == []
    assert codes([p("indicator", "1", 97.11, "IIT"), *questions]) == ["assessment_score_inconsistent"]
    assert codes([p("indicator", "1", 97.11, "IIT"), *questions[:3]]) == []  # only the low ones listed: no check


def test_codes_of_a_year_without_a_catalogue_are_not_checked() -> None:
    assert codes([p("question", "O44", 100.0, "OIT")], year=2568) == []
    assert not catalogue().knows(2568)


@pytest.mark.parametrize(
    ("code", "year", "indicator"),
    [("E12", 2566, 8), ("O31", 2565, 9), ("O31", 2566, 10), ("O43", 2567, 10), ("I30", 2563, 5), ("O44", 2566, None)],
)
def test_the_catalogue_puts_a_question_under_its_years_indicator(code: str, year: int, indicator: int | None) -> None:
    assert catalogue().indicator_of(code, year) == indicator


@pytest.mark.parametrize(
    ("kind", "records", "assessment", "expected"),
    [
        ("measures", 0, Assessment(total=90.0), "ita_analysis"),  # scores and no measures: an analysis alone
        ("unknown", 0, Assessment(total=90.0), "ita_analysis"),
        ("measures", 5, Assessment(total=90.0), "measures"),  # the FY2567 template: analysis + measures
        ("measures_report", 0, None, "measures_report"),
    ],
)
def test_a_document_with_scores_and_no_records_is_an_analysis(kind, records, assessment, expected) -> None:
    assert analysis_document_type(kind, records, assessment) == expected
