"""The pipeline's results pass (``assessment.ResultPages``): pages that can hold no result get no lines,
and the results read from what it keeps are the ones read from every page's lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.kinds.assessment import ResultPages, page_lines, read_assessment
from ita_extract.extract.kinds.assessment.scan import RESULT_WORDS, mentions_results, skeleton
from ita_extract.extract.thai.repair import repair_thai_text
from score_pages import make_page
from test_assessment_tables import indicator_table, question_pages

HEADER = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้")]
PROSE = [(76, 60, "มาตรการส่งเสริมความโปร่งใส"), (76, 85, "ของเทศบาลตำบลหนองบัว")]  # no result word


def scanned(pages: list) -> ResultPages:
    scan = ResultPages()
    for page in pages:
        scan.add(page)
    return scan


def test_a_page_with_no_result_word_gets_no_lines_and_a_page_with_one_gets_them() -> None:
    scan = scanned([make_page(1, PROSE), make_page(2, [*PROSE, (76, 110, "ผลการประเมินอยู่ในระดับ A")])])
    assert scan.pages[0].lines == ()
    assert [ln.text for ln in scan.pages[1].lines] == [*(text for _, _, text in PROSE), "ผลการประเมินอยู่ในระดับ A"]


def test_pages_a_score_table_runs_on_over_keep_their_lines_though_they_name_no_result_word() -> None:
    page1 = HEADER + [(76, 110, "o1 โครงสร้าง"), (481, 110, "๑๐๐")]
    page2 = [(76, 60, "o2 ข้อมูลผู้บริหาร"), (481, 60, "๑๐๐")]
    page3 = [(76, 60, "o3 อำนาจหน้าที่"), (491, 60, "๐"), (76, 300, "มาตรการส่งเสริมความโปร่งใสของเทศบาล")]
    pages = [make_page(1, page1), make_page(2, page2), make_page(3, page3), make_page(4, PROSE)]
    scan = scanned(pages)
    assert [bool(p.lines) for p in scan.pages] == [True, True, True, False]  # the table ends on page 3
    assessment, _ = read_assessment(scan.pages)
    assert [(s.code, s.score, s.page) for s in assessment.scores] == [("O1", 100.0, 1), ("O2", 100.0, 2), ("O3", 0.0, 3)]


@pytest.mark.parametrize("pages", [
    indicator_table(True),
    indicator_table(False),
    question_pages(),
    [make_page(1, PROSE), *question_pages(), make_page(3, PROSE)],
    [make_page(1, [(76, 60, "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2566 มีผลคะแนน 88.91 คะแนน"), (76, 80, "อยู่ในระดับ “ผ่านดี”")])],
    [make_page(1, [(76, 60, "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2566 ได้คะ")]), make_page(2, [(76, 60, "แนน 91.10 คะแนน")])],
], ids=["indicator-ruled", "indicator-unruled", "questions", "questions-between-prose", "prose", "prose-over-pages"])
def test_the_results_from_the_kept_lines_are_those_from_every_page(pages: list) -> None:
    every_page = read_assessment([page_lines(p) for p in pages])
    assert read_assessment(scanned(pages).pages) == every_page
    assert read_assessment(scanned(pages)) == every_page  # with the score tables the pass has read


def test_a_result_word_broken_by_the_text_layer_is_still_seen() -> None:
    assert mentions_results("ผลกำรประเมิน")  # Word 2016's SARA AA read as SARA AM
    assert mentions_results("ระดั บ")  # a stray space before a mark
    assert mentions_results("ค\u200bะแนน")  # a zero-width space
    assert not mentions_results("มาตรการส่งเสริมความโปร่งใส")


_ALPHABET = "คะแนนระดับผลการประเมินกขอ \u0e31\u0e34\u0e48\u0e49\u0e4d\u0e32\u0e33\u200b\uf710\uf70b\u0e40"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=24), st.sampled_from(RESULT_WORDS), st.text(alphabet=_ALPHABET, max_size=8))
def test_a_page_whose_repaired_text_holds_a_result_word_is_never_skipped(before: str, word: str, after: str) -> None:
    for text in (before + word + after, before + after, before):
        if any(w in repair_thai_text(text) for w in RESULT_WORDS):
            assert mentions_results(text), (text, repair_thai_text(text))


def test_the_skeleton_is_what_the_repair_leaves_alone() -> None:
    damaged = "ส านักงาน ผลกำรประเมิน ข\uf70bอ ท\u0e48\u0e35\u0e48"
    assert skeleton(repair_thai_text(damaged)) == skeleton(damaged)


def test_a_pass_read_under_other_header_settings_is_read_again_under_the_callers() -> None:
    from ita_extract.extract.kinds.assessment import AssessmentSettings
    from ita_extract.extract.kinds.assessment.header import HeaderSettings

    narrow = AssessmentSettings(header=HeaderSettings(max_cell_chars=4))  # no header cell fits: no score table
    pages = question_pages()
    assert read_assessment(scanned(pages), settings=narrow) == read_assessment(pages, settings=narrow)
    assert read_assessment(scanned(pages))[0].scores  # the pass's own settings find them
