"""The three score-table shapes of the FY2567 template, on hand-built pages (no PDF).

Each test lays out a table as its producer draws it (header cells wrapped over lines,
tool scores in cells spanning their indicators, questions wrapping with the score on the
first or last line, a table continued on the next page) and checks every score read.
"""

from __future__ import annotations

import pytest
from ita_extract.extract.kinds.assessment import read_assessment
from score_pages import hrule, make_page, vrule

ROW = 25.0  # points between row tops


def _pairs(assessment) -> list[tuple[str, str | None, str, float, int]]:
    return [(s.level, s.tool, s.code, s.score, s.page) for s in assessment.scores]


def indicator_table(ruled: bool) -> list:
    """ตัวชี้วัด | คะแนนรายตัวชี้วัด | คะแนนรายเครื่องมือ; tool scores centred over 1–5, 6–8 and 9–10."""
    cells = [(350, 100, "คะแนน"), (450, 100, "คะแนนราย"), (150, 111, "ตัวชี้วัด"), (340, 122, "รายตัวชี้วัด"), (455, 122, "เครื่องมือ")]
    names = ["การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ", "การใช้ทรัพย์สินของราชการ", "การแก้ไขปัญหาการทุจริต",
             "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร", "การปรับปรุงระบบการทำงาน", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต"]
    scores = ["๙๒.๑๑", "80.12", "82.93", "84.92", "87.67", "85.72", "82.36", "82.95", "93.33", "100.00"]
    for k, (name, score) in enumerate(zip(names, scores)):
        top = 150 + k * ROW
        cells += [(76, top, f"ตัวชี้วัดที่ {k + 1} {name}"), (360, top, score)]
    # centred in their spanning cells: level with row 3 (IIT), row 7 (EIT), between rows 9 and 10 (OIT)
    cells += [(465, 150 + 2 * ROW, "85.55"), (465, 150 + 6 * ROW, "๘๓.๖๘"), (465, 150 + 8.5 * ROW, "96.67")]
    rules = [hrule(95), hrule(142), *(hrule(147 + k * ROW) for k in range(11)), vrule(330, 95, 142), vrule(430, 95, 142)]
    return [make_page(1, cells, rules if ruled else [])]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_the_indicator_table_gives_ten_indicators_and_three_tools_from_their_spanning_cells(ruled: bool) -> None:
    assessment, notices = read_assessment(indicator_table(ruled))
    got = _pairs(assessment)
    assert got[0] == ("tool", "IIT", "IIT", 85.55, 1)  # the tool comes first, before its indicators
    assert ("tool", "EIT", "EIT", 83.68, 1) in got and ("tool", "OIT", "OIT", 96.67, 1) in got
    assert [g[2] for g in got if g[0] == "indicator"] == [str(k) for k in range(1, 11)]
    assert got[1] == ("indicator", "IIT", "1", 92.11, 1)
    assert ("indicator", "OIT", "10", 100.0, 1) in got
    assert assessment.scores[4].name == "การใช้ทรัพย์สินของราชการ"
    assert [n for n in notices if n.code != "assessment_year_inferred"] == []


def test_an_indicator_name_wrapped_onto_a_second_line_is_joined_without_a_space() -> None:
    cells = [(350, 100, "คะแนน"), (150, 111, "ตัวชี้วัด"), (340, 122, "รายตัวชี้วัด"),
             (76, 150, "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของ"), (360, 150, "๘๔.๙๒"), (76, 168, "ราชการ"),
             (76, 190, "ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการ"), (76, 208, "ทุจริต"), (360, 208, "87.67")]
    assessment, _ = read_assessment([make_page(1, cells)])
    assert [(s.code, s.name, s.score) for s in assessment.scores] == [
        ("4", "การใช้ทรัพย์สินของราชการ", 84.92),
        ("5", "การแก้ไขปัญหาการทุจริต", 87.67),  # its score printed on its last line
    ]


def question_pages() -> list:
    """ประเด็นการประเมิน | คะแนนที่ได้ over two pages, the header repeated, a question cut by the page break."""
    header = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้")]
    page1 = header + [
        (76, 110, "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"), (472, 110, "๙๒.๑๑"),
        (76, 135, "i1 บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน"), (472, 135, "๘๙.๖๘"),  # score on the first line
        (76, 153, "แก่ผู้มาติดต่อ มากน้อยเพียงใด"),
        (76, 180, "I๒ บุคลากรในหน่วยงานของท่าน"),
        (76, 198, "ปฏิบัติงานอย่างเท่าเทียมกัน"), (472, 198, "86.67"),  # score on the last line
        (76, 225, "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"), (472, 225, "93.33"),
        (76, 250, "o8 Q&A"), (481, 250, "๑๐๐"),
        (76, 275, "O๑๓ รายงานผลการดำเนินงาน"), (491, 275, "๐"),
    ]
    page2 = header + [
        (76, 110, "ประจำปี"),  # O13 goes on after the repeated header
        (76, 135, "e12 หน่วยงานที่ท่านติดต่อ"), (472, 135, "76.87"),
    ]
    return [make_page(1, page1), make_page(2, page2)]


def test_the_question_table_reads_indicator_and_question_rows_over_a_page_break() -> None:
    assessment, _ = read_assessment(question_pages())
    assert _pairs(assessment) == [
        ("indicator", "IIT", "1", 92.11, 1),
        ("question", "IIT", "I1", 89.68, 1),
        ("question", "IIT", "I2", 86.67, 1),
        ("indicator", "OIT", "9", 93.33, 1),
        ("question", "OIT", "O8", 100.0, 1),
        ("question", "OIT", "O13", 0.0, 1),
        ("question", "EIT", "E12", 76.87, 2),
    ]
    names = {s.code: s.name for s in assessment.scores}
    assert names["I1"] == "บุคลากรในหน่วยงานของท่าน ปฏิบัติงานแก่ผู้มาติดต่อ มากน้อยเพียงใด"
    assert names["O8"] == "Q&A"
    assert names["O13"] == "รายงานผลการดำเนินงานประจำปี"


def theme_page(number: int, e11: str = "๘๕.๖๕") -> list:
    """ที่ | หัวข้อ | เครื่องมือการประเมิน | ข้อคำถาม | คะแนน | หมายเหตุ, theme and tool cells spanning rows."""
    cells = [
        (88, 63, "๑) การให้บริการและระบบ E-Service"),
        (61, 89, "ที่"), (129, 89, "หัวข้อ"), (233, 89, "เครื่องมือ"), (338, 89, "ข้อ"), (390, 89, "คะแนน"), (468, 89, "หมายเหตุ"),
        (224, 110, "การประเมิน"), (325, 110, "คำถาม"),
        (62, 138, "๑"), (86, 138, "การให้บริการและ"), (336, 138, "e11"), (393, 138, e11),
        (86, 160, "ระบบ E-Service"), (336, 166, "e12"), (391, 166, "๗๖.๘๗"), (254, 180, "EIT"),
        (336, 222, "o16"), (402, 222, "๑๐๐"), (253, 250, "OIT"), (336, 250, "o17"), (402, 250, "๑๐๐"),
    ]
    rules = [hrule(76, 52, 555), hrule(126, 52, 555), hrule(320, 52, 555),
             *(vrule(x, 76, 126) for x in (52, 82, 218, 314, 384, 450, 555))]
    return [make_page(number, cells, rules)]


def test_a_theme_table_reads_one_code_and_score_per_row_and_ignores_theme_and_tool_cells() -> None:
    assessment, notices = read_assessment(theme_page(1))
    assert _pairs(assessment) == [
        ("question", "EIT", "E11", 85.65, 1),
        ("question", "EIT", "E12", 76.87, 1),
        ("question", "OIT", "O16", 100.0, 1),
        ("question", "OIT", "O17", 100.0, 1),
    ]
    assert all(s.name is None for s in assessment.scores)  # a theme table prints codes only
    assert not [n for n in notices if n.code.startswith("assessment_score")]


def test_scores_repeated_in_a_later_table_are_listed_once_and_a_disagreeing_repeat_is_a_warning() -> None:
    pages = question_pages() + theme_page(3, e11="85.56")  # E12 repeats page 2 (76.87); E11 first printed here
    pages += theme_page(4, e11="85.65")  # E11 printed again, disagreeing with its first printing
    assessment, notices = read_assessment(pages)
    codes = [(s.level, s.code) for s in assessment.scores]
    assert len(codes) == len(set(codes))
    e12 = next(s for s in assessment.scores if s.code == "E12")
    assert (e12.page, e12.name) == (2, "หน่วยงานที่ท่านติดต่อ")  # first printing kept, with its name
    assert [(n.code, n.page) for n in notices if n.code == "assessment_score_conflict"] == [("assessment_score_conflict", 4)]


def test_the_measures_table_with_a_score_column_is_not_a_score_table() -> None:
    cells = [(60, 90, "ประเด็น"), (200, 90, "ผลการประเมิน"), (210, 105, "(คะแนน)"), (300, 90, "ข้อค้นพบ"),
             (60, 140, "e12 หน่วยงานที่ท่าน"), (216, 140, "๗๖.๘๗"), (300, 140, "ผู้รับบริการยัง")]
    assert read_assessment([make_page(1, cells, width=842.0)]) == (None, [])


def test_a_table_ends_where_prose_runs_across_its_score_column() -> None:
    cells = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้"),
             (76, 110, "o42 มาตรการส่งเสริมคุณธรรม"), (481, 110, "๑๐๐"),
             (52, 150, "ผลการประเมินสะท้อนให้เห็นว่าหน่วยงานยังต้องปรับปรุงการให้บริการ การเผยแพร่ข้อมูล"),
             (76, 175, "ข้อมูลข่าวสาร")]
    assessment, _ = read_assessment([make_page(1, cells)])
    assert [(s.code, s.name) for s in assessment.scores] == [("O42", "มาตรการส่งเสริมคุณธรรม")]


def test_a_number_in_a_score_column_above_every_row_goes_to_the_first_row_and_a_second_one_is_a_warning() -> None:
    cells = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้"),
             (76, 110, "e1 เจ้าหน้าที่ของหน่วยงาน"), (472, 110, "81.36"), (472, 128, "80.31")]
    assessment, notices = read_assessment([make_page(1, cells)])
    assert _pairs(assessment) == [("question", "EIT", "E1", 81.36, 1)]
    assert [n.code for n in notices if n.code.startswith("assessment_score")] == ["assessment_score_unassigned"]


def test_a_table_of_tools_and_an_indicator_table_naming_indicators_alone_are_read() -> None:
    cells = [(120, 60, "เครื่องมือการประเมิน"), (400, 60, "คะแนน"),
             (76, 90, "IIT"), (405, 90, "85.55"), (76, 115, "เครื่องมือ EIT"), (405, 115, "83.68"),
             (76, 140, "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)"), (405, 140, "95.35"),
             (150, 200, "ตัวชี้วัด"), (400, 200, "คะแนน"),
             (76, 230, "การปฏิบัติหน้าที่"), (405, 230, "92.11"), (76, 255, "๒. การใช้งบประมาณ"), (405, 255, "80.12")]
    assessment, _ = read_assessment([make_page(1, cells)])
    assert [(s.level, s.tool, s.code, s.score) for s in assessment.scores] == [
        ("tool", "IIT", "IIT", 85.55), ("tool", "EIT", "EIT", 83.68), ("tool", "OIT", "OIT", 95.35),
        ("indicator", "IIT", "1", 92.11), ("indicator", "IIT", "2", 80.12),
    ]


def test_code_and_question_in_columns_of_their_own_make_one_row_with_the_wrapped_question() -> None:
    cells = [(80, 60, "ข้อ"), (200, 60, "ประเด็นการประเมิน"), (470, 60, "คะแนน"),
             (80, 90, "E๑"), (120, 90, "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ"), (472, 90, "81.36"),
             (120, 108, "ปฏิบัติงานตามขั้นตอน"),
             (80, 133, "E๒"), (120, 133, "เจ้าหน้าที่ให้บริการอย่างเท่าเทียม"), (472, 133, "80.31")]
    assessment, _ = read_assessment([make_page(1, cells)])
    assert [(s.code, s.name, s.score) for s in assessment.scores] == [
        ("E1", "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงานตามขั้นตอน", 81.36),  # the space of E1's official wording
        ("E2", "เจ้าหน้าที่ให้บริการอย่างเท่าเทียม", 80.31),
    ]


@pytest.mark.parametrize("furniture", [[], [(290, 30, "- ๒ -")], [(290, 10, "หน้า 2"), (76, 30, "มาตรการส่งเสริมคุณธรรม")]])
def test_a_table_goes_on_after_a_page_number_and_running_head_above_its_repeated_header(furniture: list) -> None:
    header = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้")]
    page1 = header + [(76, 110, "e3 เจ้าหน้าที่ให้ข้อมูล"), (76, 128, "อย่างตรงไปตรงมา")]
    page2 = furniture + header + [(76, 110, "โดยไม่ปิดบัง"), (472, 110, "82.20"), (76, 135, "e4 ในระยะเวลา"), (472, 135, "97.77")]
    assessment, notices = read_assessment([make_page(1, page1), make_page(2, page2)])
    assert [(s.code, s.name, s.score, s.page) for s in assessment.scores] == [
        ("E3", "เจ้าหน้าที่ให้ข้อมูลอย่างตรงไปตรงมา โดยไม่ปิดบัง", 82.20, 2),  # score on its last line, over the page
        ("E4", "ในระยะเวลา", 97.77, 2),
    ]
    assert not [n for n in notices if n.code.startswith("assessment_score")]


def test_a_table_goes_on_without_a_repeated_header_when_the_next_page_opens_with_a_row() -> None:
    header = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้")]
    page1 = header + [(76, 110, "o1 โครงสร้าง"), (481, 110, "๑๐๐")]
    page2 = [(290, 30, "- ๒ -"), (76, 60, "o2 ข้อมูลผู้บริหาร"), (481, 60, "๑๐๐"), (76, 85, "o3 อำนาจหน้าที่"), (491, 85, "๐")]
    assessment, _ = read_assessment([make_page(1, page1), make_page(2, page2)])
    assert [(s.code, s.score, s.page) for s in assessment.scores] == [("O1", 100.0, 1), ("O2", 100.0, 2), ("O3", 0.0, 2)]


def test_a_page_number_in_the_footer_does_not_end_a_table_that_goes_on_over_the_page() -> None:
    header = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้")]
    rules = [hrule(55, 70, 530), hrule(97, 70, 530), hrule(130, 70, 530)]
    page1 = header + [(76, 110, "e1 เจ้าหน้าที่ของหน่วยงาน"), (472, 110, "81.36"), (522, 800, "หน้า 1")]
    page2 = [(76, 60, "e2 เจ้าหน้าที่ให้บริการ"), (472, 60, "80.31")]
    assessment, _ = read_assessment([make_page(1, page1, rules), make_page(2, page2, [hrule(55, 70, 530)])])
    assert [(s.code, s.score, s.page) for s in assessment.scores] == [("E1", 81.36, 1), ("E2", 80.31, 2)]


def test_marks_drawn_with_an_advance_of_their_own_leave_no_gap_in_a_label() -> None:
    # a monospaced Thai font (TlwgTypo) advances the pen over each mark: "ตั วชี้ วั ดที่" on the page
    from ita_extract.extract.page.page import Char, Page

    def mono(x: float, top: float, text: str) -> list[Char]:
        return [Char(ch, x + 9 * k, x + 9 * (k + 1), top, top + 15, 15.0) for k, ch in enumerate(text)]

    chars = [*mono(200, 60, "ตัวชี้วัด"), *mono(460, 60, "คะแนน"), *mono(76, 100, "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่"),
             *mono(470, 100, "89.52")]
    assessment, _ = read_assessment([Page(number=1, width=595.0, height=842.0, chars=chars, rules=[])])
    assert [(s.code, s.name, s.score) for s in assessment.scores] == [("1", "การปฏิบัติหน้าที่", 89.52)]
