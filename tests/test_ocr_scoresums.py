"""Printed ITA scores OCR misread by a digit are given back by the means they are part of."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from ita_extract.extract.page.ocr.scoresums import _one_digit_off, mended_scores
from ita_extract.schema import Assessment, Score

# a consistent table (devs7n scan syn00072's truth): IIT and EIT are the means of their indicators,
# the total is 0.30·IIT + 0.30·EIT + 0.40·OIT
INDICATORS = {"1": 91.17, "2": 90.88, "3": 87.59, "4": 92.81, "5": 90.3, "6": 84.55, "7": 97.38, "8": 85.79,
              "9": 93.33, "10": 92.31}
TOOLS = {"IIT": 90.55, "EIT": 89.24, "OIT": 92.82}
TOTAL = 91.06


def _tool_of(code: str) -> str:
    return "IIT" if int(code) <= 5 else "EIT" if int(code) <= 8 else "OIT"


def _table(total: float | None = TOTAL, page: int = 2, **read: float) -> Assessment:
    scores = [Score(level="tool", code=c, score=read.get(c, v), page=page) for c, v in TOOLS.items()]
    scores += [Score(level="indicator", tool=_tool_of(c), code=c, score=read.get(f"i{c}", v), page=page)
               for c, v in INDICATORS.items()]
    return Assessment(total=total, scores=scores)


def _values(results: Assessment) -> dict[str, float]:
    return {(s.code if s.level == "tool" else f"i{s.code}"): s.score for s in results.scores}


def test_a_tool_misread_by_a_digit_is_the_mean_its_indicators_and_the_total_agree_on() -> None:
    out, notes = mended_scores(_table(EIT=81.24), [2])  # ๙ read as ๑
    assert _values(out)["EIT"] == 89.24
    assert [n.code for n in notes] == ["ocr_score_mended"] and "81.24" in notes[0].message and notes[0].page == 2


def test_a_digit_read_twice_is_taken_out() -> None:
    out, _ = mended_scores(_table(i1=971.17), [2])
    assert _values(out)["i1"] == 91.17


def test_a_tool_read_right_is_not_mended_for_an_indicator_misread_by_more_than_a_digit() -> None:
    # indicator 3 read 85.09 for 87.59 (two digits) moves the mean by 0.5: IIT "90.55" → 90.05, one
    # digit away, would mend its relation alone, but the total says IIT was read right
    results = _table(i3=85.09)
    out, notes = mended_scores(results, [2])
    assert out is results and notes == []


def test_an_indicator_misread_where_any_of_its_neighbours_could_take_the_difference_is_left() -> None:
    # 84.59 for 87.59: 94.17 for indicator 1, 93.88 for 2 … would each mend the mean as well
    results = _table(i3=84.59)
    assert mended_scores(results, [2]) == (results, [])


def test_an_indicator_misread_only_one_reading_can_mend_is_mended() -> None:
    out, _ = mended_scores(_table(i7=37.38), [2])  # ๙ read as ๓: 60 points no other indicator can take
    assert _values(out)["i7"] == 97.38


def test_two_readings_that_each_mend_a_relation_leave_it_as_read() -> None:
    # with no total, nothing vouches for IIT or for its indicators: a broken mean stays broken
    results = _table(total=None, IIT=90.15)
    assert mended_scores(results, [2]) == (results, [])


def test_a_text_layer_prints_what_it_prints() -> None:
    results = _table(EIT=81.24)
    assert mended_scores(results, [5]) == (results, [])  # page 2 was not read by OCR
    assert mended_scores(None, [2]) == (None, [])


def test_one_digit_off_keeps_the_point_and_the_range() -> None:
    assert 89.24 in _one_digit_off(81.24)  # changed
    assert 91.17 in _one_digit_off(971.17)  # added
    assert 97.38 in _one_digit_off(97.8)  # lost
    assert all(0 <= v <= 100 and round(v, 2) == v for v in _one_digit_off(99.99))
    assert 81.24 not in _one_digit_off(81.24)


@given(st.lists(st.integers(min_value=5000, max_value=10000), min_size=10, max_size=10),
       st.integers(min_value=5000, max_value=10000))
def test_a_table_whose_relations_hold_is_never_changed(hundredths: list[int], oit: int) -> None:
    indicators = [h / 100 for h in hundredths]
    iit, eit = round(sum(indicators[:5]) / 5, 2), round(sum(indicators[5:8]) / 3, 2)
    total = round(0.3 * iit + 0.3 * eit + 0.4 * oit / 100, 2)
    scores = [Score(level="tool", code="IIT", score=iit, page=1), Score(level="tool", code="EIT", score=eit, page=1),
              Score(level="tool", code="OIT", score=oit / 100, page=1)]
    scores += [Score(level="indicator", tool=_tool_of(str(k + 1)), code=str(k + 1), score=v, page=1)
               for k, v in enumerate(indicators)]
    results = Assessment(total=total, scores=scores)
    assert mended_scores(results, [1]) == (results, [])
