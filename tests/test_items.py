"""A cell's numbered items are split apart, and nothing else is (issue 15 classes 8 and 9).

Items come numbered ``1.``, ``1)``, ``(1)`` or bare ``1 ``, in Thai or Arabic digits, one per
line or run on in one paragraph. Dates, amounts, "ข้อ 2", codes and numbers inside text are
not item numbers: only the sequence 1, 2, 3 … counts, from the start of the cell.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from ita_extract.extract.table.cells import split_items
from ita_extract.extract.table.rows import CellLine
from ita_extract.extract.thai.dates import MONTH_PATTERN

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def cell(*lines: str) -> list[CellLine]:
    """A cell's lines as drawn (no typed space at the wraps)."""
    return [CellLine(text, False) for text in lines]


@pytest.mark.parametrize(
    ("lines", "items"),
    [
        (["๑ จัดอบรมให้ความรู้", "๒ จัดเวทีรับฟังความคิดเห็น"], ["จัดอบรมให้ความรู้", "จัดเวทีรับฟังความคิดเห็น"]),
        (["1 จัดอบรม", "2 ประชุม", "3 รายงานผู้บริหารทราบ"], ["จัดอบรม", "ประชุม", "รายงานผู้บริหารทราบ"]),
        (["๑ จัดเวทีรับฟังความ", "คิดเห็น", "๒ รายงานผู้บริหาร"], ["จัดเวทีรับฟังความคิดเห็น", "รายงานผู้บริหาร"]),
        (["๑ ดำเนินการเมื่อวันที่ ๑๐/๑๐/๒๕๖๕", "๒ รายงานผู้บริหารทราบ"], ["ดำเนินการเมื่อวันที่ ๑๐/๑๐/๒๕๖๕", "รายงานผู้บริหารทราบ"]),
        (["(1) จัดอบรม (2) ประชุม (3) รายงาน"], ["จัดอบรม", "ประชุม", "รายงาน"]),
        (["๑) จัดอบรมให้ความรู้ ๒) ประชุม", "ชี้แจง ๓) รายงาน"], ["จัดอบรมให้ความรู้", "ประชุมชี้แจง", "รายงาน"]),
        (["1. จัดอบรม", "2. ประชุม"], ["จัดอบรม", "ประชุม"]),
        (["1) ปฏิบัติตามข้อ 2) ของระเบียบ 2) รายงาน"], ["ปฏิบัติตามข้อ 2) ของระเบียบ", "รายงาน"]),
        (["1) แต่งตั้งเจ้าหน้าที่ 2) ประชุม"], ["แต่งตั้งเจ้าหน้าที่", "ประชุม"]),
        # OCR read "๒." without its dot: the bare number opening a line still numbers the next item
        (["๑. จัดทำคู่มือ", "๒ รายงานผู้บริหาร", "๓. เผยแพร่ข้อมูล"], ["จัดทำคู่มือ", "รายงานผู้บริหาร", "เผยแพร่ข้อมูล"]),
        (["๑. จัดอบรม ๒ ครั้ง", "๒. ประชุม"], ["จัดอบรม ๒ ครั้ง", "ประชุม"]),
        # … and read that number as a line of its own, a little above its item's first line
        (["๑. จัดทำคู่มือ", "๒", "รายงานผู้", "บริหาร", "๓. เผยแพร่"], ["จัดทำคู่มือ", "รายงานผู้บริหาร", "เผยแพร่"]),
        (["ประชุมครั้งที่", "๒", "ของปี"], ["ประชุมครั้งที่ ๒ ของปี"]),
    ],
)
def test_numbered_items_come_apart_without_their_numbers(lines: list[str], items: list[str]) -> None:
    assert split_items(cell(*lines)) == items


@pytest.mark.parametrize(
    "lines",
    [
        ["ดำเนินการภายใน 15 วัน", "2 ครั้งต่อปี"],  # a count at a line start, no item 1
        ["1 ต.ค. 2566 ประชุมชี้แจง", "2 พ.ย. 2566 อบรม"],  # days before months are dates
        ["1 ตุลาคม 2566 - 31 มีนาคม 2567"],
        ["1 ครั้ง", "2 ครั้ง"],  # counts with their unit
        ["1 จัดอบรมให้ความรู้ภายใน 2 วัน"],  # one bare number: not a list
        ["รายงานผลรอบ 6 เดือน 2 ครั้ง"],
        ["ตามข้อ 1. และข้อ 2. ของประกาศ"],  # does not open with item 1
        ["E1 จัดอบรม E2 ประชุม"],  # codes
        ["งบประมาณ 1.5 ล้านบาท 2.5 ล้านบาท"],
    ],
)
def test_dates_amounts_codes_and_counts_are_not_item_numbers(lines: list[str]) -> None:
    assert split_items(cell(*lines)) == [" ".join(lines)]


ITEM_TEXT = st.text(alphabet="กขคงจฉชซญฎดตถทนบปผพฟมยรลวสหอะาิีเแโใไ่้", min_size=1, max_size=25)
STYLES = {"dot": "{}. ", "close": "{}) ", "paren": "({}) ", "bare": "{} "}
# Left out on purpose, as the rule reads them otherwise: an item ending with a word that makes the
# next number a reference ("… ตามข้อ 2) …"), and a bare item opening like a count or a date ("2 วัน").
REFERENCE_ENDINGS = ("ข้อ", "ข้อที่", "มาตรา", "ฉบับที่", "ครั้งที่", "ลำดับที่")
COUNT_OPENINGS = ("วัน", "เดือน", "ปี", "ครั้ง", "บาท", "ชั่วโมง", "สัปดาห์", "ไตรมาส", "ล้าน")
MONTH = re.compile(MONTH_PATTERN)  # every spelling of a month, "ก.ค." and "กค" among them


def opens_like_count_or_date(item: str) -> bool:
    return item.startswith(COUNT_OPENINGS) or bool(MONTH.match(item))


@given(
    items=st.lists(ITEM_TEXT, min_size=2, max_size=9),
    style=st.sampled_from(sorted(STYLES)),
    thai=st.booleans(),
    run_on=st.booleans(),
)
def test_numbered_items_joined_then_split_give_the_items_back(items: list[str], style: str, thai: bool,
                                                              run_on: bool) -> None:
    """Numbering items 1, 2, 3 … in any style, one per line or run on (not bare), and splitting gives them back."""
    assume(not any(item.endswith(REFERENCE_ENDINGS) for item in items))
    assume(style != "bare" or not any(opens_like_count_or_date(item) for item in items))

    def number(n: int) -> str:
        return STYLES[style].format(str(n).translate(THAI_DIGITS) if thai else n)

    printed = [number(i + 1) + item for i, item in enumerate(items)]
    lines = [" ".join(printed)] if run_on and style != "bare" else printed
    assert split_items(cell(*lines)) == items


@pytest.mark.parametrize(
    ("lines", "items"),
    [
        (["๑ .", "ประชาสัมพันธ์ช่องทาง", "๒. มอบหมายเจ้าหน้าที่"], ["ประชาสัมพันธ์ช่องทาง", "มอบหมายเจ้าหน้าที่"]),
        (["1 . ประเมินผล", "2 . รายงานผู้บริหาร"], ["ประเมินผล", "รายงานผู้บริหาร"]),
        (["(1 ) จัดอบรม", "(2) ประชุม"], ["จัดอบรม", "ประชุม"]),
    ],
)
def test_an_item_number_spread_from_its_dot_by_justification_still_numbers_the_item(lines: list[str], items: list[str]) -> None:
    """A short justified line spreads "๑." across the cell; read with a gap, it is "๑ ." and must still count."""
    assert split_items(cell(*lines)) == items


def test_a_number_and_a_dot_apart_inside_a_line_are_left_as_typed() -> None:
    assert split_items(cell("รายงานผลรอบ 6 . ส่งแล้ว")) == ["รายงานผลรอบ 6 . ส่งแล้ว"]


@pytest.mark.parametrize(
    ("lines", "items"),
    [
        # the first marker, at the cell's corner, read as anything
        (["9. รายงานผลการดำเนินงาน", "๒. สรุปผล", "๓. ปลัดกำกับ"], ["รายงานผลการดำเนินงาน", "สรุปผล", "ปลัดกำกับ"]),
        (["@. มอบหมายเจ้าหน้าที่", "๒. ประชาสัมพันธ์"], ["มอบหมายเจ้าหน้าที่", "ประชาสัมพันธ์"]),
        # ๔ read as ๕, ๖ as ๒: numbers Tesseract's Thai model cannot output
        (["๑. ประกาศ", "๒. จัดทำ", "๓. จัดเวที", "๕. รายงาน"], ["ประกาศ", "จัดทำ", "จัดเวที", "รายงาน"]),
        (["๑) ก", "๒) ข", "๓) ค", "๔) ง", "๕) จ", "๒) ฉ"], ["ก", "ข", "ค", "ง", "จ", "ฉ"]),
    ],
)
def test_a_list_goes_on_past_a_marker_ocr_misread_where_markers_open_lines(lines: list[str], items: list[str]) -> None:
    assert split_items(cell(*lines)) == items


@pytest.mark.parametrize(
    ("lines", "items"),
    [
        (["๑. ประกาศ ๕. จัดทำ"], ["ประกาศ ๕. จัดทำ"]),  # inside a line a marker must be the number expected
        (["๑. ประกาศ", "๒. จัดทำ", "๓. จัดเวที ๕. รายงาน"], ["ประกาศ", "จัดทำ", "จัดเวที ๕. รายงาน"]),
        (["๑. จัดทำ", "๓. รายงาน"], ["จัดทำ ๓. รายงาน"]),  # ๓ is no misread ๒: Tesseract can output ๒
        (["ม.ค. ประชุม", "2. อบรม"], ["ม.ค. ประชุม 2. อบรม"]),  # no marker opens the cell
    ],
)
def test_a_misread_marker_is_passed_over_nowhere_else(lines: list[str], items: list[str]) -> None:
    assert split_items(cell(*lines)) == items


def scanned(*lines: str) -> list[CellLine]:
    """A cell's lines as OCR read them off a scan (no producer's layout)."""
    return [CellLine(text, False, laid_out=False) for text in lines]


@pytest.mark.parametrize(
    ("lines", "items"),
    [
        (["1, จัดอบรม", "2. ประชุม"], ["จัดอบรม", "ประชุม"]),  # a dot read as a comma
        (["1: เผยแพร่ข้อมูล", "2. ปรับปรุงข้อมูลบนเว็บ", "ไซต์", "ว กำหนดแนวปฏิบัติ"],  # ๓. read as ว, last
         ["เผยแพร่ข้อมูล", "ปรับปรุงข้อมูลบนเว็บไซต์", "กำหนดแนวปฏิบัติ"]),
        (["1. ทบทวนคู่มือ", "2. จัดทำแบบสอบถาม", "5. ประชาสัมพันธ์", "4, ดำเนินการ"],  # ๓ read 5: the next reads 4
         ["ทบทวนคู่มือ", "จัดทำแบบสอบถาม", "ประชาสัมพันธ์", "ดำเนินการ"]),
        (["Le มอบหมาย", "2. รายงาน"], ["มอบหมาย", "รายงาน"]),  # the first marker read as Latin letters
        (["ปลัดกำกับติดตาม", "ทุกไตรมาส", "2, เจ้าหน้าที่รายงาน"], ["ปลัดกำกับติดตามทุกไตรมาส", "เจ้าหน้าที่รายงาน"]),
        # ๒. read as "าต ." (its loop apart, a space before the dot); "No" opens a line inside item 2
        (["๑. ปรับปรุงข้อมูล", "าต . จัดทำประกาศนโยบาย", "No Gift Policy", "๓. เผยแพร่ข้อมูล"],
         ["ปรับปรุงข้อมูล", "จัดทำประกาศนโยบาย No Gift Policy", "เผยแพร่ข้อมูล"]),
        (["๑ . เปิดโอกาส", "าต. เผยแพร่", "๓ .", "ประชาสัมพันธ์", "๔ . รายงาน"],  # "๓ ." alone over its text
         ["เปิดโอกาส", "เผยแพร่", "ประชาสัมพันธ์", "รายงาน"]),
    ],
)
def test_a_scanned_cells_lines_open_items_where_markers_were_misread(lines: list[str], items: list[str]) -> None:
    assert split_items(scanned(*lines)) == items


@pytest.mark.parametrize(
    ("lines", "items"),
    [
        (["1. สรุปผลการดำเนินงานรอบ", "6 เดือน และรอบ 12 เดือน"], ["สรุปผลการดำเนินงานรอบ 6 เดือน และรอบ 12 เดือน"]),
        (["เจ้าหน้าที่ผู้รับผิดชอบ", "IT ประชาสัมพันธ์"], ["เจ้าหน้าที่ผู้รับผิดชอบ IT ประชาสัมพันธ์"]),  # an acronym
        (["1. จัดทำ", "2. รายงาน", "IT ประชาสัมพันธ์"], ["จัดทำ", "รายงาน IT ประชาสัมพันธ์"]),
        (["1. จัดทำ", "x ประชุม", "3. รายงาน"], ["จัดทำ", "ประชุม", "รายงาน"]),  # x in ๒.'s place: 3 follows
        (["1. ประชุม", "ณ ที่ว่าการ", "2. รายงาน"], ["ประชุมณ ที่ว่าการ", "รายงาน"]),  # ณ is a word
        (["1. ประชุม", "2. รายงาน", "ณ วันที่ห้า"], ["ประชุม", "รายงานณ วันที่ห้า"]),  # … last, after two read right
        (["จัดทำ", "x ประชุม"], ["จัดทำ x ประชุม"]),  # nothing says a list is there
    ],
)
def test_a_scanned_cells_line_opens_no_item_the_sequence_does_not_call_for(lines: list[str], items: list[str]) -> None:
    assert split_items(scanned(*lines)) == items


def test_a_laid_out_cell_is_split_by_its_printed_markers_only() -> None:
    assert split_items(cell("1, จัดอบรม", "2. ประชุม")) == ["1, จัดอบรม 2. ประชุม"]  # a text layer typed "1,"


@given(items=st.lists(ITEM_TEXT, min_size=4, max_size=9), style=st.sampled_from(["dot", "close"]), data=st.data())
def test_a_marker_of_a_number_tesseract_cannot_output_read_as_another_digit_still_numbers_its_item(
    items: list[str], style: str, data: st.DataObject
) -> None:
    """Items one per line, numbered in Thai; each marker of ๔ … ๙ read as any other digit (and the
    first marker as anything): the items come back all the same."""
    assume(not any(item.endswith(REFERENCE_ENDINGS) for item in items))
    printed = []
    for i, item in enumerate(items):
        number = str(i + 1).translate(THAI_DIGITS)
        if number in "๔๖๗๘๙":
            number = data.draw(st.sampled_from("๐๑๒๓๔๕๖๗๘๙"))
        elif i == 0:
            number = data.draw(st.sampled_from(["9", "@", "๑", "l"]))
        printed.append(STYLES[style].format(number) + item)
    assert split_items(cell(*printed)) == items
