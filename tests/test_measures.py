"""The measures kind's record values from cell text: the row's score."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ita_extract.extract.kinds.measures import score_of


@pytest.mark.parametrize(
    ("cell", "score"),
    [
        ("๗๖.๘๗", 76.87),
        ("76.87", 76.87),
        ("๗ ๕.๙๗", 75.97),  # a narrow column wrapped the number between its digits
        ("8 1.85", 81.85),
        ("7 0. 22", 70.22),
        ("100", 100.0),
        ("๐", 0.0),
        ("76,87", 76.87),  # a decimal comma
        ("76.87 (ผ่าน)", 76.87),
    ],
)
def test_a_score_cell_gives_its_number(cell: str, score: float) -> None:
    assert score_of(cell, 1) == (score, [])


@pytest.mark.parametrize("cell", ["ผ่าน", "-", "813.6", "1 000"])
def test_a_cell_with_no_score_from_0_to_100_is_left_empty_with_a_warning(cell: str) -> None:
    value, notices = score_of(cell, 4)
    assert value is None and [(n.code, n.page) for n in notices] == [("score_unreadable", 4)]


@given(st.integers(0, 9999).map(lambda n: n / 100), st.integers(1, 5))
def test_a_score_wrapped_anywhere_reads_back_whole(score: float, cut: int) -> None:
    text = f"{score:.2f}"
    cut = min(cut, len(text) - 1)
    assert score_of(text[:cut] + "\n" + text[cut:], 1)[0] == pytest.approx(score)
