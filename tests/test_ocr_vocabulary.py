"""A report's own words voting against a lone misreading of one (page/ocr/vocabulary.py)."""

from __future__ import annotations

import pytest
from ita_extract.extract.page.ocr.records import correct_records
from ita_extract.extract.page.ocr.vocabulary import document_words, voted
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
