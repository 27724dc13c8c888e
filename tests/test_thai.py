"""Thai text repair: real pdfplumber snippets (copied as literals from the corpus) and properties."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.thai import repair
from ita_extract.extract.thai.letters import CONSONANTS, MARKS, SARA_AM, is_thai_char, is_thai_letter
from ita_extract.extract.thai.pua import _PUA_TABLE, map_pua
from ita_extract.extract.thai.repair import (
    _RE_SPACE_BEFORE_MARK,
    WARNING_MESSAGES,
    orthography_errors,
    repair_thai_text,
    repair_thai_text_checked,
    to_arabic_digits,
)
from ita_extract.extract.thai.saraam import am_stays, reads_aa_as_am

REPAIRS = [
    # decomposed SARA AM (NIKHAHIT + SARA AA), with and without a tone mark in between
    ("ส\u0e4d\u0e32นักงาน", "สำนักงาน"),
    ("น\u0e49\u0e4d\u0e32", "น้ำ"),
    ("น\u0e4d\u0e49\u0e32", "น้ำ"),
    ("ก\u0e48\u0e4d\u0e32", "ก่ำ"),
    # tone mark typed/extracted before its vowel
    ("ท\u0e48\u0e35", "ที่"),
    ("ท\u0e48\u0e35\u0e48", "ที่"),
    ("ผ\u0e49\u0e49", "ผ้"),
    ("เเปลก", "แปลก"),
    # Acrobat PDFMaker private-use glyphs (phichai-hosp moit2-5)
    ("ข\uf70bอกําหนดจริยธรรม", "ข้อกำหนดจริยธรรม"),
    ("กับสภาพป\uf710ญหาของ", "กับสภาพปัญหาของ"),
    ("เป\uf712นส\uf70aวนราชการ", "เป็นส่วนราชการ"),
    ("หรือฟ\uf706องร\uf70bอง", "หรือฟ้องร้อง"),
    ("ไม\uf70aฟุ\uf705มเฟ\uf704อย", "ไม่ฟุ่มเฟือย"),
    ("9) เป\uf701ดเผย", "9) เปิดเผย"),
    ("การแพทย\uf70eและ", "การแพทย์และ"),
    # TCPDF Royal Gazette header and mPDF e-Saraban (zero-width spaces inside words)
    ("หน\uf70bา ๒๒", "หน้า ๒๒"),
    ("กุมภาพันธ\uf70e ๒๕๖๗", "กุมภาพันธ์ ๒๕๖๗"),
    ("ผู\uf70b\u200bอํานวยการ", "ผู้อำนวยการ"),
    # Word bullets from the Symbol font
    ("\uf0b7 ก่อสร้าง", "• ก่อสร้าง"),
    ("\uf0d8 ทะเบียน", "➢ ทะเบียน"),
    ("\uf0a6นาย", "\uf0a6นาย"),  # unknown symbol glyph: kept, never dropped
    # space before a combining mark (Word 2016 "space-before-mark")
    ("อนุมัต ิ", "อนุมัติ"),
    ("หลกั เกณฑ ์", "หลักเกณฑ์"),  # and the MAI HAN-AKAT stored after the next letter, moved back
    # SARA AM lost as a space (Word 2007/2010, nongyai-sso, hangdong)
    ("ส านักงานสาธารณสุขอ าเภอหนองใหญ่", "สำนักงานสาธารณสุขอำเภอหนองใหญ่"),
    ("เทศบาลต าบลหางดง", "เทศบาลตำบลหางดง"),
    ("ประจ าปีงบประมาณ พ.ศ.๒๕๖๒", "ประจำปีงบประมาณ พ.ศ.๒๕๖๒"),
    ("ได้ด าเนินการจัดซื้อจัดจ้าง", "ได้ดำเนินการจัดซื้อจัดจ้าง"),
    ("อัตราก าลัง", "อัตรากำลัง"),
    ("จ านวน ๖ โครงการ", "จำนวน ๖ โครงการ"),
    # SARA AA written as SARA AM (Word 2016 hangdong declaration, PowerPoint org chart)
    ("ค ำกล่ำวแสดงเจตจ ำนงของผู้บริหำร", "คำกล่าวแสดงเจตจำนงของผู้บริหาร"),
    ("ผู้บริหำร", "ผู้บริหาร"),
    ("ข้ำพเจ้ำ นำยจ ำรูญ", "ข้าพเจ้า นายจำรูญ"),
    ("นำยกเทศมนตรีต ำบลหำงดง", "นายกเทศมนตรีตำบลหางดง"),
    ("ผู้อ ำนวยกำรโรงพยำบำลพิชัย", "ผู้อำนวยการโรงพยาบาลพิชัย"),
    # marks stored after the next letter, with the space a position-sorting extractor adds (Word 2016/365)
    ("จดั ทำ บตั รควิ", "จัดทำ บัตรคิว"),
    ("แผนอตั รากำลัง", "แผนอัตรากำลัง"),
    ("ปฏริ ูประบบบรหิ ารจดั การ", "ปฏิรูประบบบริหารจัดการ"),  # two marks of two letters in one run
    ("ให้ความร่วมมอื และมสี ่วนร่วมในการจดั กิจกรรม", "ให้ความร่วมมือ และมีส่วนร่วมในการจัดกิจกรรม"),
    # clean text stays as it is (real ำ words must survive the SARA AA check)
    ("คำนำ", "คำนำ"),
    ("ทำงาน", "ทำงาน"),
    ("น้ำ", "น้ำ"),
    ("สำนักงานสาธารณสุขจังหวัดปราจีนบุรี", "สำนักงานสาธารณสุขจังหวัดปราจีนบุรี"),
    ("ข้อมูล E-Service 2566", "ข้อมูล E-Service 2566"),
    ("มาตรฐานทั่วไปเกี่ยวกับอัตราตำแหน่ง", "มาตรฐานทั่วไปเกี่ยวกับอัตราตำแหน่ง"),  # no mark moves in sound text
    ("บัตรคิว จัดทำคู่มือ", "บัตรคิว จัดทำคู่มือ"),
    ("ทราบแลวั ณวันที่ ๑ มีนาคม", "ทราบแลวั ณวันที่ ๑ มีนาคม"),  # OCR's misread: no word runs across the space
    ("บรรทัดแรก\n\nบรรทัดที่สาม", "บรรทัดแรก\n\nบรรทัดที่สาม"),
]


@pytest.mark.parametrize(("raw", "expected"), REPAIRS)
def test_repair_thai_text(raw: str, expected: str) -> None:
    assert repair_thai_text(raw) == expected


CHECKED = [
    ("ส านักงาน", "sara_am_lost"),
    ("แผนอัตราก าลัง", "sara_am_lost"),
    ("ค ำกล่ำว", "sara_aa_as_am"),
    ("กำรบริหำรงำน", "sara_aa_as_am"),
    ("ท\u0e48\u0e35", "mark_order_repaired"),
    ("ส\u0e4d\u0e32นัก", "mark_order_repaired"),
    ("ข\uf70bอ", "pua_mapped"),
    ("\uf0b7 ข้อ", "pua_mapped"),
]


@pytest.mark.parametrize(("raw", "code"), CHECKED)
def test_repair_warnings(raw: str, code: str) -> None:
    _, warnings = repair_thai_text_checked(raw)
    assert code in warnings
    assert code in WARNING_MESSAGES


@pytest.mark.parametrize("clean", ["สำนักงาน", "คำกล่าวแสดงเจตจำนง", "ที่ทำการ", "hello"])
def test_clean_text_has_no_warnings(clean: str) -> None:
    assert repair_thai_text_checked(clean) == (clean, [])


def test_lost_sara_am_warns_even_when_not_repaired() -> None:
    # "น ้ายืน" (Word 2010, namyuen-hosp): น้ำยืน and น้ายืน both read as words — warn, do not guess
    text, warnings = repair_thai_text_checked("โรงพยาบาลน ้ายืน")
    assert "sara_am_lost" in warnings
    assert "\u0e49" in text and " " not in text


ORTHOGRAPHY = [
    ("สำนักงาน", 0),
    ("ข้อกำหนดจริยธรรม", 0),
    ("E-Service 2566", 0),
    ("ส านักงาน", 1),  # follow vowel after a space
    ("ท\u0e48\u0e35", 1),  # tone before vowel
    ("ผ\u0e49\u0e49", 1),  # same mark twice
    ("ดำา", 1),  # SARA AM + SARA AA
    ("ก\u0e48\u0e49", 1),  # two tone marks
    ("เ ก", 1),  # lead vowel not followed by a consonant
    ("อนุมัต ิ", 1),  # mark after a space
    ("แผนอตั รา", 1),  # MAI HAN-AKAT without a final (Word 2016 displaced mark)
    ("ทั่วไป สั้น", 0),  # MAI HAN-AKAT, tone mark, then its final: sound
    ("สั้ น", 1),
    ("ดา(cid:108) นการ", 1),
    ("ข\uf70bอ", 0),  # PUA glyphs are mapped before counting
]


@pytest.mark.parametrize(("text", "count"), ORTHOGRAPHY)
def test_orthography_errors(text: str, count: int) -> None:
    assert orthography_errors(text) == count


def test_orthography_prefers_the_clean_layer() -> None:
    broken = "ส านักงานสาธารณสุขอ าเภอหนองใหญ่ จังหวัดชลบุรี"
    clean = "สำนักงานสาธารณสุขอำเภอหนองใหญ่ จังหวัดชลบุรี"
    assert orthography_errors(broken) > orthography_errors(clean) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("๓๐,๐๐๐ บาท", "30,000 บาท"), ("25๖๒", "2562"), ("E๑", "E1"), ("ไม่มีเลข", "ไม่มีเลข")],
)
def test_to_arabic_digits(text: str, expected: str) -> None:
    assert to_arabic_digits(text) == expected


@pytest.mark.parametrize(
    ("ch", "expected"), [("ก", True), ("๙", True), ("\u0e5b", True), ("\u0e00", False), ("a", False), ("กข", False)]
)
def test_is_thai_char(ch: str, expected: bool) -> None:
    assert is_thai_char(ch) is expected


def test_output_is_nfc() -> None:
    text = repair_thai_text("ส\u0e4d\u0e32นัก cafe\u0301")
    assert text == unicodedata.normalize("NFC", text)
    assert text.endswith("café")


THAI_ALPHABET = st.text(
    alphabet=st.sampled_from([chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.category(chr(c)) != "Cn"] + [" "]),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(THAI_ALPHABET)
def test_repair_is_idempotent(text: str) -> None:
    once = repair_thai_text(text)
    assert repair_thai_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_passes_through(text: str) -> None:
    assert repair_thai_text(text) == text
    assert orthography_errors(text) == 0


@settings(max_examples=200, deadline=None)
@given(THAI_ALPHABET)
def test_repair_never_loses_consonants(text: str) -> None:
    def consonants(s: str) -> list[str]:
        return [ch for ch in s if "\u0e01" <= ch <= "\u0e2e"]

    assert consonants(repair_thai_text(text)) == consonants(text)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("กำรบริกำรประชำชน ด้ำนกำรบริหำร", True),  # Word 2016 font: no SARA AA at all, words only with it
        ("ผู้รับบริกำร คณะกรรมกำร หน่วยงำน", True),  # phichai complaint manual (Word 2013)
        ("คำนำ ตำบล ทำงาน สำนักงาน", False),  # real SARA AM words
        ("กำร กำร", False),  # too little to convict a font
        ("การบริกำรประชาชน ด้านการบริหาร", False),  # SARA AA beside: a sound font with one odd word
    ],
)
def test_reads_aa_as_am_weighs_a_fonts_whole_text(text: str, verdict: bool) -> None:
    assert reads_aa_as_am(text) is verdict


@pytest.mark.parametrize(
    ("left", "right", "stays"),
    [("จัดท", "คู่มือ", True), ("บริก", "รประชาชน", False), ("ผู้บริห", "ร", False), ("น้", "", False)],
)
def test_am_stays_only_where_words_read_strictly_better(left: str, right: str, stays: bool) -> None:
    """น้ำ and น้า are both words: a tie is no evidence, and the font's habit (SARA AA) wins."""
    assert am_stays(left, right) is stays


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("งานจากูผ้บังคับบัญชา", "งานจากผู้บังคับบัญชา"),  # pdfium's reading of LibreOffice's TLWG Typo (syn00007)
        ("หน้าทีู่ผ้รับผิดชอบ", "หน้าที่ผู้รับผิดชอบ"),  # the vowel sorted into the mark run of the letter before
        ("ูผ้บริหารทุกไตรมาส", "ผู้บริหารทุกไตรมาส"),  # at a line start
    ],
)
def test_a_below_vowel_read_before_its_letter_goes_back_onto_it(raw: str, expected: str) -> None:
    assert repair_thai_text(raw) == expected


@pytest.mark.parametrize("sound", ["ครูต้องสอน", "ดูแลผู้สูงอายุ", "อยู่ที่นี่", "หมู่บ้าน", "ปู่ย่า", "คู่มือการปฏิบัติงาน"])
def test_a_below_vowel_in_sound_text_stays(sound: str) -> None:
    assert repair_thai_text(sound) == sound


# The stray-space rule as first written (lookbehinds before the space).
SPACE_BEFORE_MARK_AS_DEFINED = re.compile(
    f"(?<=[{CONSONANTS}{MARKS}]) (?=[{MARKS}])|(?<=[{CONSONANTS}]) (?={SARA_AM})")


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="กขน่้ัิำา เ ", max_size=24))
def test_stray_spaces_before_marks_are_found_where_the_rule_as_defined_finds_them(text: str) -> None:
    assert [m.span() for m in _RE_SPACE_BEFORE_MARK.finditer(text)] == \
           [m.span() for m in SPACE_BEFORE_MARK_AS_DEFINED.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*"กขน่้ำ ab•", *map(chr, [*_PUA_TABLE, 0xF0B6, 0xF720, 0xE000])]), max_size=20))
def test_private_use_glyphs_map_as_the_table_says_whatever_else_the_text_holds(text: str) -> None:
    """The search before translating only skips text the table would leave as it is."""
    assert map_pua(text) == text.translate(_PUA_TABLE)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="กขน่ 0123456789๐๑๒๓๔๕๖๗๘๙.,", max_size=20))
def test_thai_digits_become_arabic_as_pythainlp_converts_them(text: str) -> None:
    from pythainlp.util import thai_digit_to_arabic_digit

    assert to_arabic_digits(text) == thai_digit_to_arabic_digit(text)


@pytest.mark.parametrize(("ch", "letter"), [("ก", True), ("ฮ", True), ("\u0e48", True), ("ๆ", True), ("\u0e4e", True),
                                            ("๑", False), ("\u0e4f", False), ("a", False), ("1", False)])
def test_a_thai_letter_is_a_letter_vowel_or_mark_of_the_block_not_a_digit_or_closing_sign(ch: str, letter: bool) -> None:
    assert is_thai_letter(ch) is letter


def _repair_pass_normalising_twice(s: str, warnings: set[str]) -> str:
    """The repair pass as it was before the settled second normalising was skipped: the reference."""
    s, lost = repair.join_lost_sara_am(s)
    if lost:
        warnings.add("sara_am_lost")
    s, am_aa = repair.fix_am_for_aa(s)
    if am_aa:
        warnings.add("sara_aa_as_am")
    ordered = repair._normalise_marks(s)
    ordered, _ = repair._fix_displaced_marks(ordered)
    ordered, _ = repair._fix_early_below_vowels(ordered)
    ordered = repair._normalise_marks(ordered)
    if ordered != s:
        warnings.add("mark_order_repaired")
    return ordered


@settings(max_examples=400, deadline=None)
@given(THAI_ALPHABET)
def test_repair_pass_normalises_again_only_what_changed(text: str) -> None:
    ours, theirs = set(), set()
    assert repair._repair_pass(text, ours) == _repair_pass_normalising_twice(text, theirs)
    assert ours == theirs


@pytest.mark.parametrize("text", ["ดนั ำสวูตบ", "ุ าุ๊่ต๊ส"])
def test_repair_pass_normalises_again_what_the_dictionary_moved(text: str) -> None:
    """A mark moved back onto its letter ("ดนั" → "ดัน") may leave a cluster out of order: normalised again."""
    assert repair._repair_pass(text, set()) == _repair_pass_normalising_twice(text, set())


def test_repair_pass_normalises_again_what_four_passes_did_not_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = iter(range(100))
    monkeypatch.setattr(repair, "_fix_mark_order", lambda s: s if next(calls) >= 6 else s + "ก")
    assert repair._repair_pass("ข", set()) == "ขกกกกกก"  # four passes, then four more: six changed ones in all


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MARKS, min_size=2, max_size=7))
def test_sorted_marks_keeps_each_mark_once_vowels_first(cluster: str) -> None:
    seen: list[str] = []
    for ch in cluster:
        if ch not in seen:
            seen.append(ch)
    expected = "".join(sorted(seen, key=lambda ch: ch in "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e"))
    assert repair._sorted_marks(cluster) == expected
