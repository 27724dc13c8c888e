"""The ITA result stated in words: total, grade, assessed year, last year's total."""

from __future__ import annotations

import pytest
from ita_extract.extract.kinds.assessment.prose import ProseFacts, join_lines, read_prose


def facts(*lines: str) -> ProseFacts:
    return read_prose([(1, list(lines))])


@pytest.mark.parametrize(
    ("lines", "total", "rating", "year"),
    [
        (  # the FY2567 template's intro above the indicator table, the grade's quote wrapped
            ["(ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ เทศบาลนคร", "หาดใหญ่ ได้คะแนนรวม ๘๘.๙๑ คะแนน ผลการประเมินอยู่ในระดับ “ผ่าน",
             "” โดยมีรายละเอียดคะแนนรายตัวชี้วัด ดังนี้"],
            88.91, "ผ่าน", 2566,
        ),
        (["ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566 มีผลคะแนน 96.22 คะแนน อยู่ในระดับ ผ่านดี"], 96.22, "ผ่านดี", 2566),
        (["ผลการประเมินคุณธรรมและความโปร่งใส ปีงบประมาณ พ.ศ. 2567 ได้คะแนนรวม 95.10 คะแนน อยู่ในระดับ “ผ่านดีเยี่ยม”"],
         95.10, "ผ่านดีเยี่ยม", 2567),
        (["ผลการประเมิน ITA 2565 ได้คะแนน 84.10 คะแนน ผลการประเมินอยู่ในระดับ ต้องปรับปรุง"], 84.10, "ต้องปรับปรุง", 2565),
        (["ITA ปีงบประมาณ 2565 ได้คะแนนรวม 61.5 คะแนน อยู่ในระดับต้องปรับปรุงโดยด่วน"], 61.5, "ต้องปรับปรุงโดยด่วน", 2565),
        (["ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2564 ได้คะแนนรวม 91.35 คะแนน อยู่ในระดับ A"], 91.35, "A", 2564),  # older letters
        (["ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2563 มีผลคะแนน 96.01 คะแนน ผลการประเมินอยู่ในระดับ AA"], 96.01, "AA", 2563),
        (["ประจำปี พ.ศ. 2566 หน่วยงานได้คะแนน ITA เท่ากับ 93.50 คะแนน ระดับผลการประเมิน ผ่านดี"], 93.50, "ผ่านดี", 2566),
        (  # no คะแนน before the number; last year's in brackets is not the total
            ["ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566 ได้ 96.22 คะแนน (ปีงบประมาณ พ.ศ. 2565 ได้ 95.00 คะแนน)"],
            96.22, None, 2566,
        ),
    ],
)
def test_total_grade_and_year_are_read_from_the_sentence_that_states_them(lines, total, rating, year) -> None:
    got = facts(*lines)
    assert (got.total, got.rating, got.fiscal_year) == (total, rating, year)


def test_last_years_total_is_read_when_the_year_before_is_named_even_cut_at_its_decimal_point() -> None:
    got = facts(
        "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2567 ของเทศบาลเมืองศรีราชา มีผล",
        "คะแนน 92.17 คะแนน ต่ำกว่าปีที่ผ่านมา 0.31 คะแนน (ปีงบประมาณ พ.ศ. 2566 ได้ 92.",
        "48 คะแนน) ผลการประเมินสะท้อนให้เห็นว่า",
    )
    assert (got.total, got.fiscal_year, got.previous_total) == (92.17, 2567, 92.48)


@pytest.mark.parametrize(
    "line",
    [
        "ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้คะแนน 80.12 คะแนน ต่ำที่สุด",  # an indicator's score, not the total
        "เครื่องมือ EIT มีผลคะแนน 83.68 คะแนน",  # a tool's
        "เครื่องมือการประเมิน IIT ที่ได้คะแนนต่ำกว่า ๘๕ คะแนน",  # a section row of the FY2566 template
        "สูงกว่าปีที่ผ่านมา ๐.๙๒ คะแนน",  # a difference
        "ผลการประเมิน ITA ปีนี้ ส่วนดัชนี CPI ที่สุดคือ เดนมาร์ก มีคะแนน ๘๘ คะแนน",  # another index, after the ITA
        "ปีงบประมาณ พ.ศ. 2567 ได้คะแนนรวม 95.10 คะแนน",  # no ITA named: a score of what?
        "เป้าหมาย ITA หน่วยงานได้คะแนน 85 คะแนนขึ้นไป",  # a target, not a result
    ],
)
def test_a_score_that_is_not_the_total_is_not_taken_for_it(line: str) -> None:
    assert facts(line).total is None


def test_the_assessed_year_comes_from_the_results_heading_when_the_total_sentence_names_none() -> None:
    got = read_prose([(1, ["ผลการประเมิน ITA ของเทศบาลนครหาดใหญ่", "ปีงบประมาณ พ.ศ. ๒๕๖๖"]), (3, ["(ITA) เทศบาลได้คะแนนรวม ๘๘.๙๑ คะแนน"])])
    assert (got.total, got.fiscal_year) == (88.91, 2566)


def test_a_total_stated_twice_keeps_the_first_and_lists_both() -> None:
    got = read_prose([(2, ["ITA ได้คะแนนรวม 88.91 คะแนน"]), (11, ["ITA ปีงบประมาณ พ.ศ. 2566 มีผลคะแนน 89.91 คะแนน"])])
    assert (got.total, got.fiscal_year, got.totals) == (88.91, 2566, ((2, 88.91), (11, 89.91)))


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["ผลการ", "ประเมิน"], "ผลการประเมิน"),  # a wrap inside a Thai word
        (["ได้ 92.", "48 คะแนน"], "ได้ 92. 48 คะแนน"),  # digits: a space, read back by the number pattern
        (["ระดับ “ผ่าน", "” โดย"], "ระดับ “ผ่าน ” โดย"),
    ],
)
def test_wrapped_lines_join_without_a_space_only_between_thai_letters(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined
