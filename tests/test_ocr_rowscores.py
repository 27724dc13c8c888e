"""A measures row's score read by OCR is checked against its question's printed score."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
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
