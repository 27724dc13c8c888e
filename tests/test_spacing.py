"""Typed spaces lost at line wraps: the language evidence and the geometry gate."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.table.cells import join_lines, restore_wrap_spaces
from ita_extract.extract.table.lines import Cluster
from ita_extract.extract.table.rows import CellLine, LogicalRow
from ita_extract.extract.thai.phrases import PhraseEvidence
from ita_extract.extract.thai.spacing import SpacingEvidence, inside_a_word, opening_word, space_lost_at_wrap
from ita_extract.extract.thai.wording import LetterIndex

NONE = SpacingEvidence()


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("ช่องทางรับฟังความคิดเห็น", "เพื่อปรับปรุงการให้บริการ", True),  # clause opener เพื่อ
        ("ประชาสัมพันธ์ผ่านเว็บไซต์ของหน่วยงาน", "ณ วันที่ ๓ ต.ค.", True),  # ณ
        ("การดำเนินงาน", "โดยคำนึงถึงประโยชน์", True),  # โดย
        ("ได้อย่างชัดเจน", "มากน้อยเพียงใด", True),
        ("เจ้าหน้าที่ผู้รับผิดชอบดำเนินการแล้ว", "รายงานผู้บริหาร", True),  # clause closer แล้ว
        ("ดำเนินการเมื่อวันที่ ๒๕ มกราคม", "พ.ศ. ๒๕๖๖", True),  # before พ.ศ.
        ("การดำเนิน", "การของหน่วยงาน", False),  # inside running text
        ("เจ้าหน้าที่ของ", "หน่วยงานที่ท่านติดต่อ", False),
        ("ปีงบประมา", "ณ พ.ศ. ๒๕๖๗", False),  # ณ completing ประมาณ: inside a word
        ("ปฏิบัติ", "งานตามขั้นตอน", False),
        ("ให้", "แล้วเสร็จ", False),
    ],
)
def test_space_lost_at_wrap_without_document_evidence(before: str, after: str, expected: bool) -> None:
    assert space_lost_at_wrap(before, after, NONE) is expected


def test_document_evidence_outweighs_convention() -> None:
    """The author wrote "ดำเนินการเมื่อวันที่" unspaced elsewhere: a wrap there stays unspaced."""
    seen = SpacingEvidence().learn(["ดำเนินการเมื่อวันที่ ๑ มีนาคม", "ดำเนินการเมื่อวันที่ ๒ เมษายน"])
    assert space_lost_at_wrap("ดำเนินการ", "เมื่อวันที่ ๓", seen) is False
    spaced = SpacingEvidence().learn(["บุคลากร เมื่อวันที่ ๑๔ ตุลาคม", "จัดอบรมบุคลากร เมื่อวันที่ ๒"])
    assert space_lost_at_wrap("จัดประชุมชี้แจงบุคลากร", "เมื่อวันที่ ๖", spaced) is True


def test_reference_wording_is_evidence() -> None:
    """The official ITA question types "อนุญาต หรือให้บริการ": a wrap there gets its space back."""
    assert space_lost_at_wrap("เพื่อแลกกับการปฏิบัติงาน การอนุมัติ อนุญาต", "หรือให้บริการ หรือไม่", NONE) is True


@pytest.mark.parametrize(
    ("before", "after", "inside"),
    [("ปีงบประมา", "ณ", True), ("ปฏิบัติ", "งาน", True), ("ดำเนินการแล้ว", "รายงาน", False), ("เว็บไซต์", "และ", False)],
)
def testinside_a_word(before: str, after: str, inside: bool) -> None:
    assert inside_a_word(before, after) is inside


def line(text: str, room: float, space_after: bool = False, size: float = 16.0) -> CellLine:
    glyphs = [Cluster(ch, i * 8.0, i * 8.0 + (4.8 if ch == " " else 8.0), 0, size, size) for i, ch in enumerate(text)]
    return CellLine(text, space_after, room, tuple(glyphs))


def row(*cells: list[CellLine]) -> LogicalRow:
    return LogicalRow({f"col{i}": tuple(lines) for i, lines in enumerate(cells)}, 1, 1)


def restored(rows: list[LogicalRow]) -> list[list[CellLine]]:
    """Each row's only cell after restoring wrap spaces over all the rows."""
    return [list(next(iter(r.cells.values()))) for r in restore_wrap_spaces(rows)]


def test_full_line_of_a_space_drawing_producer_gets_its_space_back() -> None:
    """The producer draws wrap spaces (one cell shows it); a line too full for one more loses it."""
    drawn = [line("ดำเนินการแล้ว", 2.0, space_after=True), line("รายงานผู้บริหาร", 30.0)]
    full = [line("จัดประชุมชี้แจงบุคลากร", 2.0), line("เพื่อเผยแพร่ข้อมูล", 40.0)]
    roomy = [line("จัดประชุมชี้แจงบุคลากร", 40.0), line("เพื่อเผยแพร่ข้อมูล", 40.0)]
    _, full, roomy = restored([row(drawn), row(full), row(roomy)])
    assert join_lines(full) == "จัดประชุมชี้แจงบุคลากร เพื่อเผยแพร่ข้อมูล"
    assert join_lines(roomy) == "จัดประชุมชี้แจงบุคลากรเพื่อเผยแพร่ข้อมูล"  # a space would have fitted and been drawn


def test_wrap_inside_running_text_stays_joined() -> None:
    cell = [line("เจ้าหน้าที่ของ", 1.0), line("หน่วยงานที่ท่านติดต่อ", 20.0)]
    (cell,) = restored([row(cell)])
    assert join_lines(cell) == "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ"


THAI_TEXTS = [
    "เจ้าหน้าที่ผู้รับผิดชอบดำเนินการแล้ว รายงานผู้บริหาร เพื่อเผยแพร่บนเว็บไซต์ ให้เป็นปัจจุบัน",
    "หน่วยงานที่ท่านติดต่อ มีการชี้แจงและตอบคำถาม เมื่อมีข้อกังวลสงสัยเกี่ยวกับการดำเนินงานได้อย่างชัดเจน มากน้อยเพียงใด",
    "ดำเนินการเมื่อวันที่ ๒๕ เดือน มกราคม พ.ศ. ๒๕๖๖ และรายงานผลรอบ ๖ เดือน",
]


@settings(max_examples=60, deadline=None)
@given(text=st.sampled_from(THAI_TEXTS), cuts=st.lists(st.integers(1, 120), max_size=6), rooms=st.lists(st.floats(0, 40), min_size=7, max_size=7))
def test_restoring_wrap_spaces_never_changes_a_letter(text: str, cuts: list[int], rooms: list[float]) -> None:
    """However a cell is wrapped and however full its lines, only spaces can differ from the text."""
    bounds = sorted({c for c in cuts if c < len(text)} | {0, len(text)})
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    cell = [line(p.strip(), r) for p, r in zip(pieces, rooms) if p.strip()]
    (cell,) = restored([row(cell)])
    joined = join_lines(cell)
    assert "".join(joined.split()) == "".join(text.split())  # a line start kept for item splitting is a "\n"
    assert "  " not in joined


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("สำนักปลัด", "อบต./งานธุรการ", True),  # an abbreviation is a word of its own
        ("ได้รายงานผู้บริหารทราบแล้ว", "ณ วันที่ 20 มี.ค. 66", True),  # newmm's "แล้" + "วณ" splits no word
        ("จัดทำแล้วเสร็จ ณ", "วันที่ 18/10/2567", True),  # ณ is spaced on both sides
        ("มีช่องทางรับฟังความคิดเห็น เช่น", "กล่องรับความคิดเห็น", True),
        ("รายงานผู้บริหารทราบ", "เมื่อ 21 พ.ย. 67", True),  # เมื่อ before a date opens a clause
        ("ตั้งแต่ เดือนตุลาคม 2566 ถึง", "มีนาคม 2567", True),  # a separator spaced on one side
        ("มีนาคม", "ถึง มิถุนายน", True),
        ("กุมภาพันธ์", "ถึง", True),  # a separator alone on its line
        ("ถึง", "สิงหาคม", True),
        ("โดยคำนึง", "ถึงประโยชน์", False),  # ถึง inside a word
    ],
)
def test_conventions_and_separators_at_a_wrap(before: str, after: str, expected: bool) -> None:
    assert space_lost_at_wrap(before, after, NONE) is expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["ตุลาคม 2566 -", "เมษายน 2567"], "ตุลาคม 2566 - เมษายน 2567"),  # a dash typed apart
        (["ไตรมาสที่ 3 -", "4"], "ไตรมาสที่ 3 - 4"),
        (["ตุลาคม 2566-", "เมษายน 2567"], "ตุลาคม 2566-เมษายน 2567"),  # a dash typed close
        (["เป็นไปตามขั้นตอนที่กำหนด /", "เป็นไปตามระยะเวลาที่กำหนด"], "เป็นไปตามขั้นตอนที่กำหนด / เป็นไปตามระยะเวลาที่กำหนด"),
        (["สำนักปลัดเทศบาล", "/ทุกกอง"], "สำนักปลัดเทศบาล/ทุกกอง"),  # a slash typed close to the word after
        (["Q&A (ถาม", "-ตอบ)"], "Q&A (ถาม-ตอบ)"),  # a dash typed close to the word after
        (["ตุลาคม 2566", "- เมษายน 2567"], "ตุลาคม 2566 - เมษายน 2567"),
        (["พฤศจิกายน 2566", "-", "พฤษภาคม 2567"], "พฤศจิกายน 2566 - พฤษภาคม 2567"),  # a dash alone on its line
        (["ความซับซ้อน", "/ มีช่องทางหลากหลาย"], "ความซับซ้อน / มีช่องทางหลากหลาย"),
        (["รายงานผู้บริหารเมื่อวันที่ 08/10/256", "7"], "รายงานผู้บริหารเมื่อวันที่ 08/10/2567"),  # a date cut in its year
        (["รายงานเมื่อ ๐๘/๑๐/๒๕๖", "๗"], "รายงานเมื่อ ๐๘/๑๐/๒๕๖๗"),
        (["ทราบ เมื่อ ๒", "๙/๑๑/๒๕๖", "๔"], "ทราบ เมื่อ ๒๙/๑๑/๒๕๖๔"),  # a date cut in its day and its year
        (["วันที่ 29/1", "1/2564"], "วันที่ 29/11/2564"),  # ... in its month
        (["รอบ 6", "12/10/2566"], "รอบ 6 12/10/2566"),  # three digits make no day: a number, then a date
        (["วันที่ 1 มี.", "ค. 2566"], "วันที่ 1 มี.ค. 2566"),  # a month's abbreviation cut at its dot
        (["ภายในเดือน มิ", ".ย. 67"], "ภายในเดือน มิ.ย. 67"),  # a dot never opens a word
        (["รายงานผลรอบ 6", "เดือน"], "รายงานผลรอบ 6 เดือน"),  # a digit and a Thai letter: a space, as before
        (["SMEs", "ในพื้นที่"], "SMEs ในพื้นที่"),
    ],
)
def test_a_wrap_beside_punctuation_or_digits_joins_as_the_text_is_typed(lines: list[str], expected: str) -> None:
    cell = [line(text, 1.0) for text in lines]
    (cell,) = restored([row(cell)])
    assert join_lines(cell) == expected


def test_a_pair_newmm_cuts_another_way_when_joined_still_counts_as_joined() -> None:
    """The ITA wording has "มีส่วนร่วม ในการตรวจสอบ" once and "มีส่วนร่วมในการปรับปรุง" once; newmm cuts
    the joined one "มีส่วน|ร่วมใน", so only the letters show it: one each way, no verdict, no space."""
    assert space_lost_at_wrap("บุคลากรมีส่วนร่วม", "ในการจัดทำแผน", NONE) is False
    seen = SpacingEvidence().learn(
        ["ท่านมีส่วนร่วม ในการตรวจสอบ", "บุคลากรมีส่วนร่วมในการจัดทำแผน", "ผู้รับบริการมีส่วนร่วมในการปรับปรุง"]
    )
    assert seen.verdict(["มีส่วนร่วม"], ["ใน", "การ"]) is False  # one spaced, two joined


@pytest.mark.parametrize(
    ("before", "after"),
    [("ทรัพย์สิน / ประโยชน์อื่น", "ๆ)"), ("กับผู้มาติดต่ออื่น", "ๆ อย่าง"), ("ทั่ว", "ๆ ไป")],
)
def test_a_line_opening_with_mai_yamok_follows_a_typed_space(before: str, after: str) -> None:
    """Line breakers keep ๆ with its word, so a line can open with it only after a typed space,
    even where the document writes "อื่นๆ" joined elsewhere."""
    joined = SpacingEvidence().learn(["เผยแพร่ข้อมูลบนเว็บไซต์และช่องทางอื่นๆ", "ผู้มาติดต่ออื่นๆ"])
    assert space_lost_at_wrap(before, after, joined) is True


def cell(*texts: str) -> list[CellLine]:
    return [line(t, 1.0) for t in texts]


def test_a_wrap_where_a_phrase_typed_whole_elsewhere_begins_gets_its_space_back() -> None:
    """"ติดตามผลการดำเนินงาน" is an item of its own in one cell: where another cell's item
    wraps right before it, the author typed a space there."""
    whole = cell("1. ติดตามผลการดำเนินงาน", "2. จัดอบรมบุคลากร")
    longer = cell("จัดทำแบบสอบถามความ", "คิดเห็นของผู้รับบริการ", "ติดตามผลการดำเนินงาน")
    _, longer = restored([row(whole), row(longer)])
    assert join_lines(longer) == "จัดทำแบบสอบถามความคิดเห็นของผู้รับบริการ ติดตามผลการดำเนินงาน"


def test_a_wrap_where_a_phrase_typed_whole_elsewhere_ends_gets_its_space_back() -> None:
    whole = cell("(1) ทบทวนคู่มือการปฏิบัติงานให้เป็นปัจจุบัน", "(2) รายงานผู้บริหารทราบ")
    longer = cell("(1) ทบทวนคู่มือการ", "ปฏิบัติงานให้เป็นปัจจุบัน", "จัดทำแบบสอบถาม")
    _, longer = restored([row(whole), row(longer)])
    assert join_lines(longer) == "(1) ทบทวนคู่มือการปฏิบัติงานให้เป็นปัจจุบัน จัดทำแบบสอบถาม"


@pytest.mark.parametrize(
    ("phrases", "head", "tail", "across", "expected"),
    [
        (["ติดตามผลการดำเนินงาน"], "จัดทำแบบสอบถาม", "ติดตามผลการดำเนินงาน", ("แบบสอบถาม", "ติดตาม"), True),
        (["รายงานผู้บริหารทราบ"], "รายงานผู้บริหารทราบ", "ประเมินผลจากแบบสอบถาม", ("ทราบ", "ประเมิน"), True),
        (["ทราบ", "การให้"], "รายงานผู้บริหารทราบ", "การให้บริการ", ("ทราบ", "การ"), False),  # too short to be a phrase
        # the phrase is seen, but another item holds the two words together: running text
        (["รายงานผู้บริหาร", "ให้ผู้บริหารทราบผลแล้ว"], "สรุปรายงานผู้บริหาร", "ทราบผลการดำเนินงาน", ("ผู้บริหาร", "ทราบ"), False),
        (["ติดตามผลการดำเนินงาน"], "ติดตามผลการดำเนินงาน", "", ("งาน", ""), False),  # no wrap inside the item
        (["รายงานผู้บริหาร"], "รายงานผู้บริหาร", "ทราบ", ("ผู้บริหาร", "ทราบ"), False),  # one short word left: its own phrase's
        (["ประเมินผลจากแบบสอบถาม"], "สรุป", "ประเมินผลจากแบบสอบถาม", ("สรุป", "ประเมิน"), False),
        (["รายงานผู้บริหาร"], "รายงานผู้บริหาร", "ทราบ เมื่อ 24 ตุลาคม", ("ผู้บริหาร", "ทราบ"), False),  # "ทราบ" then a space
        ([], "จัดทำแบบสอบถาม", "ติดตามผลการดำเนินงาน", ("แบบสอบถาม", "ติดตาม"), False),
        # another item holds the two words together, but right where a phrase of the document ends: no counter-evidence
        (["ติดตามผล", "ติดตามผลจัดทำประกาศ"], "ติดตามผล", "จัดประชุมชี้แจงแนวทาง", ("ผล", "จัด"), True),
    ],
)
def test_phrase_evidence(phrases: list[str], head: str, tail: str, across: tuple[str, str], expected: bool) -> None:
    assert PhraseEvidence().learn(phrases).boundary(head, tail, across) is expected


def test_the_item_itself_is_no_evidence_of_its_own_phrases() -> None:
    """An item seen only once is the wrap's own text, not a phrase typed whole elsewhere."""
    seen = PhraseEvidence().learn(["จัดทำแบบสอบถามติดตามผลการดำเนินงาน"])
    assert seen.boundary("จัดทำแบบสอบถาม", "ติดตามผลการดำเนินงาน", ("แบบสอบถาม", "ติดตาม")) is False
    twice = PhraseEvidence().learn(["ติดตามผลการดำเนินงาน"] * 2)
    assert twice.boundary("ติดตามผลการดำเนินงาน", "จัดทำแบบสอบถาม", ("งาน", "จัดทำ")) is True


@settings(max_examples=60, deadline=None)
@given(text=st.sampled_from(THAI_TEXTS), cut=st.integers(1, 100), phrases=st.lists(st.sampled_from(THAI_TEXTS), max_size=3))
def test_phrase_evidence_only_speaks_where_a_phrase_edge_meets_the_wrap(text: str, cut: int, phrases: list[str]) -> None:
    """Whatever the document's phrases, a True verdict means one of them, whole, ends the head or opens the tail."""
    head, tail = text[:cut], text[cut:]
    seen = PhraseEvidence().learn(phrases)
    if seen.boundary(head, tail, ("", "")):
        h, t = "".join(head.split()), "".join(tail.split())
        assert any(h.endswith("".join(p.split())) or t.startswith("".join(p.split())) for p in phrases)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # the wording has "ของท่าน มีการเบิกจ่ายเงิน" spaced; the pair ท่าน|มี alone is spaced and joined in it
        ("บุคลากรในหน่วยงานของท่าน", "มีการเบิกจ่ายเงิน ที่เป็นเท็จ", True),
        ("ประโยชน์ส่วนตัว กลุ่ม", "หรือพวกพ้อง มากน้อยเพียงใด", True),
        ("ยืมทรัพย์สินของราชการ ไปใช้ปฏิบัติงาน", "ในหน่วยงานของท่าน มีความสะดวก", False),
    ],
)
def test_the_official_wording_decides_by_the_letters_around_the_wrap(before: str, after: str, expected: bool) -> None:
    """The document quotes other questions that join the same pairs ("ให้กลุ่มหรือพวกพ้อง", "ท่านมีการ",
    "ปฏิบัติงาน ใน…"); the letters around the wrap find the question quoted here, and its spacing decides."""
    seen = SpacingEvidence().learn(
        ["เอื้อประโยชน์ให้กลุ่มหรือพวกพ้อง", "ท่านมีการ", "ท่านมีการ", "ไปใช้ปฏิบัติงาน ในการ", "ปฏิบัติงาน ในการ"]
    )
    assert space_lost_at_wrap(before, after, seen) is expected


def test_a_wrap_inside_a_word_begun_on_the_line_before_stays_joined() -> None:
    """"สาธารณ" | "สุขและ" alone reads as ณ then สุข; with the line before ("กองสา") it is สาธารณสุข."""
    seen = SpacingEvidence().learn(["ณ สุขภาพ", "ณ สุขใจ"])
    assert space_lost_at_wrap("ธารณ", "สุขและ", seen) is True  # the line alone: the pair ณ|สุข, seen spaced
    assert space_lost_at_wrap("ธารณ", "สุขและ", seen, ("กองสาธารณ", "สุขและสิ่งแวดล้อม")) is False


@pytest.mark.parametrize(
    ("lines", "head", "tail", "expected"),
    [
        (["บุคลากรในหน่วยงานของท่าน มีการเบิกจ่าย"], "หน่วยงานของท่าน", "มีการเบิกจ่าย", True),
        (["บุคลากรในหน่วยงานของท่านมีการเบิกจ่าย"], "หน่วยงานของท่าน", "มีการเบิกจ่าย", False),
        (["หน่วยงานของท่าน มีการเบิกจ่าย", "หน่วยงานของท่านมีการเบิกจ่าย"], "หน่วยงานของท่าน", "มีการเบิกจ่าย", None),
        (["บุคลากรในหน่วยงานของท่าน มีการเบิกจ่าย"], "ท่าน", "มีการ", None),  # too few letters to pin a place
        (["หน่วยงานของท่าน", "มีการเบิกจ่าย"], "หน่วยงานของท่าน", "มีการเบิกจ่าย", None),  # two lines are not one text
        # the text ends (a tail shorter than the reach) where the question goes on: it quotes nothing
        (["บุคลากรในหน่วยงานของท่าน มีการเบิกจ่ายเงินที่เป็นเท็จ"], "บุคลากรในหน่วยงานของท่าน", "มีการเบิกจ่าย", None),
        (["บุคลากรในหน่วยงานของท่าน มีการเบิกจ่ายเงินที่เป็นเท็จ"], "บุคลากรในหน่วยงานของท่าน", "มีการเบิกจ่ายเงินที่เป็น",
         True),
    ],
)
def test_letter_index_spacing(lines: list[str], head: str, tail: str, expected: bool | None) -> None:
    assert LetterIndex.of(lines).spacing_at(head, tail) is expected


def test_a_line_of_its_own_with_when_opens_a_date_clause_only_if_a_date_follows() -> None:
    """"เมื่อ" alone on its line is followed by the next line: "เมื่อวันที่ …" typed joined is no date clause."""
    assert space_lost_at_wrap("ดำเนินการ", "เมื่อ", NONE, ("ดำเนินการ", "เมื่อวันที่ 8 มกราคม 2568")) is False
    assert space_lost_at_wrap("รายงานผู้บริหารทราบ", "เมื่อ", NONE, ("รายงานผู้บริหารทราบ", "เมื่อ 21 พ.ย. 67")) is True


def test_the_official_wording_outranks_the_dictionary() -> None:
    """newmm reads "ขนบธรรมเนียมประเพณี" as one dictionary word; the ITA question quoted here spaces it."""
    assert inside_a_word("โดยปกติตามขนบธรรมเนียม", "ประเพณี หรือวัฒนธรรม")
    assert space_lost_at_wrap("ให้กันในโอกาสต่าง ๆ โดยปกติตามขนบธรรมเนียม", "ประเพณี หรือวัฒนธรรม", NONE) is True


@pytest.mark.parametrize(
    ("before", "after", "word"),
    [
        ("จัดประชุมชี้แจง", "บุคลากรทุกกอง", "บุคลากร"),
        ("ที่มีผลกระทบต่อ", "ตนเอง) และ", "ตนเอง)"),  # a closing bracket goes with its word
        ("สรุป", "ผลการดำเนินงานรอบ 6 เดือน", "ผลการดำเนินงาน"),
        ("ปีงบประมา", "ณ 2567", None),  # the junction splits a word
        ("การดำเนิน", "การของหน่วยงาน", None),
        ("ช่องทางอื่น", "ๆ ของหน่วยงาน", None),
    ],
)
def test_the_word_a_line_breaker_moved_to_the_next_line(before: str, after: str, word: str | None) -> None:
    assert opening_word(before, after) == word


def test_an_unspaced_wrap_with_no_language_evidence_stays_joined_unless_the_line_ended_early() -> None:
    assert space_lost_at_wrap("ช่องทางรับฟังความคิดเห็น", "เว็บไซต์และเฟซบุ๊ก", NONE) is False
    assert space_lost_at_wrap("ช่องทางรับฟังความคิดเห็น", "เว็บไซต์และเฟซบุ๊ก", NONE, ended_early=True) is True
    # language evidence outranks the layout: the document joins these two words elsewhere
    joined = SpacingEvidence().learn(["รับฟังความคิดเห็นเว็บไซต์", "ความคิดเห็นเว็บไซต์"])
    assert space_lost_at_wrap("ช่องทางรับฟังความคิดเห็น", "เว็บไซต์และเฟซบุ๊ก", joined, ended_early=True) is False


PADDING = 2.0  # points a full line of the hand-built column leaves before the column's edge (at least)


def full_line(edge: float) -> CellLine:
    """A line of 8 pt glyphs that fills a column ending at ``edge`` to within 2 to 10 pt."""
    glyphs = int((edge - PADDING) // 8)
    return line("ก" * glyphs, edge - 8.0 * glyphs)


@pytest.mark.parametrize(
    ("head", "room", "tail", "spaced"),
    [
        # "เว็บไซต์" (8 glyphs of 8 pt: 64 pt) fits in the 74 - 2 pt the line left: a typed space kept it off
        ("จัดให้มีช่องทางรับฟังความคิดเห็นเช่นกล่องรับความคิดเห็น", 74.0, "เว็บไซต์และเฟซบุ๊ก", True),
        # 66 - 2 pt left: "เว็บไซต์" did not fit, with or without a space; no language evidence: joined
        ("จัดให้มีช่องทางรับฟังความคิดเห็นเช่นกล่องรับความคิดเห็น", 66.0, "เว็บไซต์และเฟซบุ๊ก", False),
        # the wrap splits "ดำเนินการ": a line breaker moved no word there, however much room was left
        ("ประชาสัมพันธ์ผลการดำเนิน", 202.0, "การของหน่วยงาน", False),
    ],
)
def test_a_line_that_ended_with_room_for_its_next_word_lost_a_typed_space(
    head: str, room: float, tail: str, spaced: bool
) -> None:
    """Another cell of the column shows its padding: a wrapped line filled to 2 pt of the edge."""
    edge = 8.0 * len(head) + room
    full = [full_line(edge), line("ข", 100.0)]
    (_, cell_) = restored([row(full), row([line(head, room), line(tail, 100.0)])])
    assert join_lines(cell_) == (f"{head} {tail}" if spaced else head + tail)


def test_a_scanned_line_that_ended_with_room_for_its_next_word_says_nothing() -> None:
    """On a scan the room left and the word's width are ink, not the advances a line breaker measured:
    the held-out scans showed 66 wrong spaces to 8 right ones. Without language evidence the wrap stays joined."""
    head, room, tail = "จัดให้มีช่องทางรับฟังความคิดเห็นเช่นกล่องรับความคิดเห็น", 74.0, "เว็บไซต์และเฟซบุ๊ก"
    edge = 8.0 * len(head) + room
    full = [replace(full_line(edge), laid_out=False), replace(line("ข", 100.0), laid_out=False)]
    cell_ = [replace(line(head, room), laid_out=False), replace(line(tail, 100.0), laid_out=False)]
    assert join_lines(restored([row(full), row(cell_)])[1]) == head + tail


@pytest.mark.parametrize(
    ("shown", "full", "expected"),
    [
        # a wrap with room for a space glyph (4.8 pt) and none drawn, but not for the next word "เพื่อ"
        # (40 pt): the author typed no space; that outweighs the convention of a space before เพื่อ
        ((line("จัดเวทีรับฟังความคิดเห็นของผู้รับบริการ", 20.0), line("เพื่อนำมาปรับปรุงการให้บริการ", 100.0)),
         ("จัดเวทีของผู้รับบริการ", "เพื่อนำมาปรับปรุง"), "จัดเวทีของผู้รับบริการเพื่อนำมาปรับปรุง"),
        # …but a line that ended with room for its next word was ended by the author (a new paragraph):
        # it shows nothing, and the convention stands
        ((line("จัดเวทีรับฟังความคิดเห็นของผู้รับบริการ", 60.0), line("เพื่อนำมาปรับปรุงการให้บริการ", 100.0)),
         ("จัดเวทีของผู้รับบริการ", "เพื่อนำมาปรับปรุง"), "จัดเวทีของผู้รับบริการ เพื่อนำมาปรับปรุง"),
        # a space glyph drawn at a wrap: the author typed one there
        ((line("กล่องรับความคิดเห็น", 20.0, space_after=True), line("เว็บไซต์ และเฟซบุ๊ก", 100.0)),
         ("ช่องทางรับฟังความคิดเห็น", "เว็บไซต์และเฟซบุ๊ก"), "ช่องทางรับฟังความคิดเห็น เว็บไซต์และเฟซบุ๊ก"),
    ],
)
def test_a_producer_that_draws_wrap_spaces_shows_the_authors_spacing_at_its_other_wraps(
    shown: tuple[CellLine, CellLine], full: tuple[str, str], expected: str
) -> None:
    """A line too full for a space glyph says nothing; the same two words at a wrap that shows its spacing do."""
    drawn = [line("ดำเนินการแล้ว", 50.0, space_after=True), line("รายงานผู้บริหาร", 50.0)]  # this producer draws them
    edge = 8.0 * len(shown[0].text) + shown[0].room
    padding = [full_line(edge), line("ข", 100.0)]  # the shown line's column is wider
    rows = [row(drawn), row(padding), row(list(shown)), row([line(full[0], PADDING), line(full[1], 100.0)])]
    assert join_lines(restored(rows)[-1]) == expected


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("ของหน่วยงาน", False),  # a finding that ends where the question goes on echoes it, quoting nothing
        ("ของหน่วยงานของท่าน มากน้อยเพียงใด", True),  # the question quoted to its end
    ],
)
def test_a_text_that_echoes_a_question_without_quoting_it_is_not_spaced_like_it(tail: str, expected: bool) -> None:
    """The question reads "…แผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงานของท่าน มากน้อยเพียงใด"; a finding
    "…ไม่ทราบรายละเอียดแผนการใช้จ่ายงบประมาณประจำปีของหน่วยงาน" shares 27 letters of it across the wrap."""
    head = "บุคลากรส่วนใหญ่ไม่ทราบรายละเอียดแผนการใช้จ่ายงบประมาณประจำปี"
    assert space_lost_at_wrap("จ่ายงบประมาณประจำปี", tail.split()[0][:11], NONE, (head, tail)) is expected
    assert LetterIndex.of(["แผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงานของท่าน"]).echoes(head, "ของหน่วยงาน")


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("สรุปผลการดำเนินงานรอบ ๖ เดือน", "และรอบ ๑๒ เดือน", True),  # a count closed by its unit
        ("และรอบ 12 เดือน", "รายงานผลการดำเนินงาน", True),
        ("จัดอบรมปีละ ๒ ครั้ง", "ให้บุคลากร", True),
        ("รายงานผลทุกเดือน", "และสรุปผล", False),  # a unit with no number counts nothing
        ("มีเรื่องร้องเรียน ๒ เรื่อง", "ขึ้นไป", False),  # a word that goes on with the count
        ("ดำเนินการเมื่อวันที่ 29 เดือน", "ธันวาคม พ.ศ. 2567", False),  # a date: no count
    ],
)
def test_a_wrap_after_a_count_and_its_unit_lost_a_typed_space(before: str, after: str, expected: bool) -> None:
    assert space_lost_at_wrap(before, after, NONE, (before, after)) is expected
