"""ITA indicator codes and tools as agencies write them in table cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.thai.codes import find_indicator, split_indicator, tool_in_text, tool_of

SPLITS = [
    ("E ๑ เจ้าหน้าที่ของหน่วยงาน", ("E1", "เจ้าหน้าที่ของหน่วยงาน")),
    ("E๑ เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("E1 เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("e1 เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("(E1) การติดต่อ", ("E1", "การติดต่อ")),
    ("[O42] มาตรการ", ("O42", "มาตรการ")),
    ("ข้อ E๑ เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("ข้อที่ I๑๕ การใช้", ("I15", "การใช้")),
    # ข้อ / ข้อที่ as OCR reads them with marks lost or misread
    ("ขอ E๒ เจ้าหน้าที่", ("E2", "เจ้าหน้าที่")),
    ("ข่อ E๓ เจ้าหน้าที่", ("E3", "เจ้าหน้าที่")),
    ("ขอที E1 เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("(E๕ หน่วยงานที่ท่านติดต่อ", ("E5", "หน่วยงานที่ท่านติดต่อ")),  # OCR lost the closing bracket
    ("(E๑๑เจ้าหน้าที่ของหน่วยงาน", ("E11", "เจ้าหน้าที่ของหน่วยงาน")),
    # OCR reads a bracketed code's O as a zero or a Q
    ("(021) สรุปผลการจัดซื้อจัดจ้าง", ("O21", "สรุปผลการจัดซื้อจัดจ้าง")),
    ("(Q16) ข้อมูลเชิงสถิติ", ("O16", "ข้อมูลเชิงสถิติ")),
    ("๐16 ข้อมูลเชิงสถิติการให้บริการ", ("O16", "ข้อมูลเชิงสถิติการให้บริการ")),  # a ring O read as ๐, no bracket
    ("๐2 ข้อมูลผู้บริหาร", ("O2", "ข้อมูลผู้บริหาร")),
    ("E1. เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("E1 - เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("E1 – เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("E1: เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("O๓๖ แผนปฏิบัติการ", ("O36", "แผนปฏิบัติการ")),
    ("I๕", ("I5", "")),
    ("EIT 1 เจ้าหน้าที่", ("E1", "เจ้าหน้าที่")),
    ("OIT 42 มาตรการ", ("O42", "มาตรการ")),
    ("IIT๒๒ การใช้", ("I22", "การใช้")),
    ("  O๔๓ การดำเนินการ", ("O43", "การดำเนินการ")),
    # a justified cell spreads the code's glyphs apart
    ("I 1 1 หน่วยงานของท่าน", ("I11", "หน่วยงานของท่าน")),
    ("I ๑ ๐ บุคลากร", ("I10", "บุคลากร")),
    ("(O 4 3) การดำเนินการ", ("O43", "การดำเนินการ")),
    ("E 1 6 เรื่อง", ("E1", "6 เรื่อง")),  # no e16 in any year: the 6 is the text's
    ("o 6 กฎหมายที่เกี่ยวข้อง", ("O6", "กฎหมายที่เกี่ยวข้อง")),  # lower case, spread alone on its line
    ("e ๒ เจ้าหน้าที่", ("E2", "เจ้าหน้าที่")),
    ("i ๒ ๒ บุคคลภายนอก", ("I22", "บุคคลภายนอก")),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_indicator(text: str, expected: tuple[str, str]) -> None:
    assert split_indicator(text) == expected


NO_CODE = [
    "E-Service ระบบบริการ",
    "IT ระบบสารสนเทศ",
    "EB1 ตัวชี้วัดของกระทรวง",
    "MOIT 1 หน่วยงาน",
    "E1.5 ข้อย่อย",
    "E123 รหัสอื่น",
    "ข้อ ๑ การดำเนินการ",
    "ขอรับ E1 ของหน่วยงาน",
    "ขอ ความร่วมมือ",
    "(099) เลขที่หนังสือ",  # past the last O question
    "021 หมายเลขโทรศัพท์",  # no brackets
    "๐๒๑ หมายเลขโทรศัพท์",  # nor in Thai digits
    "๐16",  # no text after it
    "๐50 รายการ",  # past the last O question
    "เจ้าหน้าที่ E1",
    "Email ของหน่วยงาน",
    "o 123 รหัสอื่น",
    "e-1 ข้อย่อย",
]


@pytest.mark.parametrize("text", NO_CODE)
def test_split_indicator_without_a_leading_code(text: str) -> None:
    assert split_indicator(text) == (None, text)


FINDS = [
    ("ตามตัวชี้วัด O๓๖ แผนปฏิบัติการ", "O36"),
    ("ผ่านระบบ E-Service และ IT ตามข้อ E๑๒", "E12"),
    ("ประเด็น (I5) การใช้ทรัพย์สิน", "I5"),
    ("MOIT 12 และ EB1", None),
    ("ISO 9001 ระบบ", None),
    ("ข้อ E 5 และ E6", "E5"),
    ("ไม่มีรหัส", None),
]


@pytest.mark.parametrize(("text", "expected"), FINDS)
def test_find_indicator(text: str, expected: str | None) -> None:
    assert find_indicator(text) == expected


@pytest.mark.parametrize(
    ("code", "tool"), [("E1", "EIT"), ("I5", "IIT"), ("O36", "OIT"), ("e15", "EIT"), ("X1", None), ("", None), ("EIT", None)]
)
def test_tool_of(code: str, tool: str | None) -> None:
    assert tool_of(code) == tool


TOOLS = [
    ("เครื่องมือการประเมิน EIT คะแนนต่ำกว่า ๘๕ คะแนน", "EIT"),
    ("เครื่องมือการประเมิน IIT", "IIT"),
    ("แบบวัด OIT", "OIT"),
    ("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก", "EIT"),
    ("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน", "IIT"),
    ("แบบตรวจการเปิดเผยข้อมูลสาธารณะ", "OIT"),
    ("External Integrity and Transparency Assessment", "EIT"),
    ("ตัวชี้วัด MOIT 3", None),
    ("ข้อมูลทั่วไป", None),
]


@pytest.mark.parametrize(("text", "tool"), TOOLS)
def test_tool_in_text(text: str, tool: str | None) -> None:
    assert tool_in_text(text) == tool


@settings(max_examples=200, deadline=None)
@given(
    letter=st.sampled_from("EIO"),
    number=st.integers(min_value=1, max_value=99),
    thai=st.booleans(),
    style=st.sampled_from(["{c}{n} ", "{c} {n} ", "({c}{n}) ", "ข้อ {c}{n} ", "{c}{n}. ", "{c}{n} - "]),
)
def test_any_written_code_splits_back(letter: str, number: int, thai: bool, style: str) -> None:
    digits = str(number).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) if thai else str(number)
    text = style.format(c=letter, n=digits) + "ข้อความ"
    assert split_indicator(text) == (f"{letter}{number}", "ข้อความ")
    assert find_indicator(text) == f"{letter}{number}"
