"""A measures row's score read by OCR is checked against its question's printed score; printed scores OCR read as no score can be are left out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ita_extract.extract.page.ocr.plausible import plausible_results
from ita_extract.extract.page.ocr.rowscores import scores_from_results
from ita_extract.schema import Assessment, Record, Score


def _results(**scores: float) -> Assessment:
    return Assessment(scores=[Score(level="question", tool="IIT", code=code, score=v, page=2) for code, v in scores.items()])


def _row(score: float | None, indicator: str = "I4", page: int = 3) -> Record:
    return Record(row=1, page_start=page, page_end=page, indicator=indicator, score=score)


@pytest.mark.parametrize(
    ("read", "known", "taken"),
    [
        (None, 78.24, True),  # the row's score cell read as nothing
        (6.03, 66.03, True),  # ๖ lost
        (38.0, 79.38, True),  # "79." lost
        (15.58, 75.58, True),  # ๗ read as ๑
        (81.9, 81.96, True),  # the last ๖ lost
        (78.42, 78.24, False),  # digits Tesseract reads, in another order: a reading of its own
        (1.0, 70.74, False),  # no 1 in 70.74
        (72.5, 72.5, False),  # the same: nothing to do
    ],
)
def test_a_row_score_ocr_misread_is_its_questions_printed_score(read: float | None, known: float, taken: bool) -> None:
    out, notes = scores_from_results([_row(read)], _results(I4=known), [3])
    assert out[0].score == (known if taken else read)
    assert [n.code for n in notes] == (["ocr_text_matched"] if taken else [])


def test_only_rows_read_by_ocr_with_a_printed_question_score_are_checked() -> None:
    rows = [_row(6.03, page=2), _row(6.03, indicator="E9"), _row(6.03, indicator=None)]
    out, notes = scores_from_results(rows, _results(I4=66.03), [3])
    assert out == rows and notes == []  # a text layer's page; no E9 printed; no code
    assert scores_from_results([_row(None)], None, [3]) == ([_row(None)], [])


@given(st.integers(min_value=0, max_value=10000))
def test_a_score_is_always_a_reading_of_itself(hundredths: int) -> None:
    known = hundredths / 100
    out, notes = scores_from_results([_row(None)], _results(I4=known), [3])
    assert out[0].score == known and len(notes) == 1
    assert scores_from_results([_row(known)], _results(I4=known), [3])[1] == []


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        (971.17, False),  # a digit read twice: past 100
        (13.453, False),  # a third decimal: a speck read as a digit
        (-1.0, False),
        (91.17, True),
        (100.0, True),
        (0.0, True),
        (85.5, True),  # one decimal printed
    ],
)
def test_an_ocr_score_no_ita_table_prints_is_left_out_with_a_warning(read: float, kept: bool) -> None:
    results = Assessment(scores=[Score(level="indicator", tool="IIT", code="1", score=read, page=2),
                                 Score(level="tool", code="IIT", score=90.55, page=2)])
    out, notes = plausible_results(results, [2])
    assert [s.score for s in out.scores] == ([read] if kept else []) + [90.55]
    assert [n.code for n in notes] == ([] if kept else ["ocr_value_dropped"])
    assert all(n.page == 2 and "OCR read the score" in n.message for n in notes)


def test_a_text_layers_score_is_kept_whatever_it_says() -> None:
    results = Assessment(scores=[Score(level="indicator", code="1", score=971.17, page=2)])
    out, notes = plausible_results(results, [3])  # page 2 has its text layer; only page 3 was read by OCR
    assert out is results and notes == []
    assert plausible_results(None, [2]) == (None, [])


@given(st.floats(min_value=0, max_value=100).map(lambda v: round(v, 2)))
def test_every_score_an_ita_table_can_print_is_kept(value: float) -> None:
    results = Assessment(scores=[Score(level="question", code="I4", score=value, page=1)])
    assert plausible_results(results, [1]) == (results, [])
