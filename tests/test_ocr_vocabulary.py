"""A report's own words voting against a lone misreading of one (page/ocr/vocabulary.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ita_extract.extract.page.ocr.records import correct_records
from ita_extract.extract.page.ocr.vocabulary import (
    _commonest_first,
    common_reading,
    common_words,
    document_words,
    voted,
)
from ita_extract.schema import Document, Record

WORDS = frozenset({"ครบถ้วน", "รายงาน", "บิดเบือน", "ผู้บริหาร", "ปัจจุบัน", "ขั้นตอน", "บริการ", "มาตรการ", "มาตรฐาน"})


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("ให้ครับถ้วนและเป็นปัจจุบัน", "ให้ครบถ้วนและเป็นปัจจุบัน"),  # a mark added: ครับ|ถ้วน is no word
        ("วายงานผลการดำเนินการ", "รายงานผลการดำเนินการ"),  # ร read as ว
        ("ไม่บิดเบื่อนข้อมูล", "ไม่บิดเบือนข้อมูล"),  # a tone mark from a speck
        ("ข้อมูลไม่เป็นบัจจุบัน", "ข้อมูลไม่เป็นปัจจุบัน"),  # ป read as บ
        ("ปรับปรุงขึ้นตอนการ", "ปรับปรุงขั้นตอนการ"),  # an upper vowel read as another
        ("ผู้รับบริการ", "ผู้รับบริการ"),  # บ|บริการ: a neighbour's letter, not a misread บริการ
        ("ตามมาตรการ", "ตามมาตรการ"),  # words read right stay
        ("คู่มือหรือมาตรฐานการ", "คู่มือหรือมาตรฐานการ"),  # มาตรฐาน is a word: not made มาตรการ
        ("ให้ครับถ้วนและ ", "ให้ครบถ้วนและ "),
        ("ข้อมูลเป็นบปัจจุบัน", "ข้อมูลเป็นปัจจุบัน"),  # ป read twice: its body บ alone, then whole
        ("ข้อมูลเป็นรปัจจุบัน", "ข้อมูลเป็นรปัจจุบัน"),  # a lone letter no reading of ป: left
        ("ผู้รับบริการ", "ผู้รับบริการ"),  # บ of ผู้รับ: no lone letter
    ],
)
def test_a_word_read_one_edit_off_a_word_the_report_reads_right_is_mended(read: str, mended: str) -> None:
    assert voted(read, WORDS) == mended


def test_nothing_is_mended_without_the_reports_own_words() -> None:
    assert voted("ให้ครับถ้วนและ", frozenset()) == "ให้ครับถ้วนและ"


def test_only_long_words_read_right_twice_vote() -> None:
    texts = ["รายงานผู้บริหาร", "รายงานผล", "ผู้บริหาร", "ครบถ้วน"]  # ครบถ้วน once: no vote
    assert document_words(texts) == {"รายงาน", "ผู้บริหาร"}


def test_a_record_read_by_ocr_takes_the_reports_word_and_says_so() -> None:
    records = [
        Record(row=k, page_start=1, page_end=1, measures=[f"รวบรวมข้อมูลให้{w}และเป็นปัจจุบัน"])
        for k, w in enumerate(("ครบถ้วน", "ครบถ้วน", "ครับถ้วน"), start=1)
    ]
    out, _, notes = correct_records(records, Document(fiscal_year=2566), [1])
    assert [r.measures[0] for r in out] == ["รวบรวมข้อมูลให้ครบถ้วนและเป็นปัจจุบัน"] * 3
    assert [n.code for n in notes] == ["ocr_text_matched"] and "measures[1]" in notes[0].message


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("ปรับปรุงข้อมูลให้ครับถ้วน", "ปรับปรุงข้อมูลให้ครบถ้วน"),  # ครับ|ถ้วน: far less likely than ครบถ้วน misread
        ("ให้ครบถ้วนและเป็นบัจจุบัน", "ให้ครบถ้วนและเป็นปัจจุบัน"),  # บัจ is no word
        ("ให้มีความโปร่งใส", "ให้มีความโปร่งใส"),  # มี|ความ is likelier than ตีความ, one letter off
        ("มีส่วนรวม", "มีส่วนรวม"),  # a word as read: ส่วนรวม, not ส่วนร่วม
        ("กล้องรับความคิดเห็น", "กล้องรับความคิดเห็น"),  # กล้อง is a word too: context is not weighed
        ("การดำเนนการทุกไตรมาส", "การดำเนินการทุกไตรมาส"),  # ดำเนิน inside it is no word put in
        ("การบ้องกันการทุจริต", "การป้องกันการทุจริต"),  # ป read as บ: ป้องกัน stands inside the word การป้องกัน
    ],
)
def test_a_common_word_misread_is_mended_where_the_corpus_finds_it_likelier(read: str, mended: str) -> None:
    assert voted(read, common_words(), common_reading()) == mended


@given(st.sampled_from(sorted(common_words())))
def test_a_common_word_read_right_is_left(word: str) -> None:
    assert voted(word, common_words(), common_reading()) == word


def test_a_record_alone_takes_a_common_word_and_says_so() -> None:
    records = [Record(row=1, page_start=1, page_end=1, measures=["ปรับปรุงข้อมูลให้ครับถ้วน"])]
    out, _, notes = correct_records(records, Document(fiscal_year=2566), [1])
    assert out[0].measures == ["ปรับปรุงข้อมูลให้ครบถ้วน"]
    assert [n.code for n in notes] == ["ocr_text_matched"] and "a common word" in notes[0].message


def test_the_v2_fields_steps_and_findings_are_mended_as_the_others() -> None:
    """Contract v2's steps (a list, as measures) and findings (prose) go through the same checks: they had
    been left as OCR read them ("ให้เป็นบัจจุบัน" in judge set 8's steps, five times)."""
    records = [Record(row=1, page_start=1, page_end=1, steps=["ทบทวนคู่มือให้เป็นบัจจุบัน"],
                      findings="ข้อมูลยังไม่ครับถ้วน")]
    out, _, notes = correct_records(records, Document(fiscal_year=2566), [1])
    assert out[0].steps == ["ทบทวนคู่มือให้เป็นปัจจุบัน"]
    assert out[0].findings == "ข้อมูลยังไม่ครบถ้วน"
    assert "steps[1]" in notes[0].message and "findings" in notes[0].message


def test_of_two_words_one_edit_from_a_misreading_the_commoner_is_taken_in_every_process() -> None:
    """"ประกาส" is one edit from ประกาศ and from ประภาส (a name): the set of candidates came out in the
    hash seed's order, so one process read ประกาศ, the next ประภาส (judge set 7's syn07104)."""
    for vocabulary in (frozenset({"ประกาศ", "ประภาส"}), frozenset({"ประภาส", "ประกาศ"})):
        assert voted("ประกาสเจตนารมณ์", vocabulary) == "ประกาศเจตนารมณ์"
    assert _commonest_first({"ประภาส", "ประกาศ", "ประกาย"})[0] == "ประกาศ"
