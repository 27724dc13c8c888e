"""What the start of a table line says about it: a row or item number, a code, a section row, a signature.

These are facts of ITA reports in general, not of one document kind: any kind's table
numbers its rows, opens rows with indicator codes, groups them under tool sections and
ends with a signature block.
"""

from __future__ import annotations

import re

from ..thai.codes import split_indicator, tool_in_text

# Units a count stands before ("๖ เดือน", "๒ ครั้ง"): a number before one numbers no item and no row.
# Not ราย ("๒ รายงานผู้บริหาร"), คน or เรื่อง: words start so too.
UNITS = r"(?:วัน|เดือน|ปี|ครั้ง|บาท|ชั่วโมง|ชม\.|สัปดาห์|ไตรมาส|ล้าน|%)"
ROW_NUMBER = re.compile(r"^[0-9๐-๙]{1,3}\.?$")
ITEM_START = re.compile(r"^\(?[0-9๐-๙]{1,2}[.)]")
SECTION_START = re.compile(r"^(เครื่องมือ|แบบวัด|แบบตรวจ|ตัวชี้วัด|ส่วนที่|[IEO]IT\b)")
# A tool's section heading by its own words, whatever the tool's name reads as ("เครื่องมือการประเมิน =11 …"
# where OCR misread EIT): no body row opens so.
# Or the results of one: "ผลการประเมิน อิ้วท (แบบตรวจการเปิดเผยข้อมูลสาธารณะ) ที่ต่ำกว่า ๘๕ คะแนน" (OIT misread).
TOOL_HEADING = re.compile(
    r"^(เครื่องมือการประเมิน|แบบวัดการรับรู้|แบบตรวจการเปิดเผย|ผลการประเมิน[^(]{0,12}\((แบบวัดการรับรู้|แบบตรวจการเปิดเผย))"
)
# ลงชื่อ also as OCR reads it in faces it knows less: ช as ซ, a mark lost or another in its place ("ลงซื้อ",
# TH Kodchasal, development set devth: the signature line became a record); no Thai word is spelled so.
SIGNER = re.compile(r"ผู้รายงาน|ผู้รับรอง|ผู้อนุมัติ|ผู้ตรวจสอบ")  # the role under a signature
SIGNATURE = re.compile(
    rf"^\(?\s*(ลง[ชซ][\u0e34-\u0e37]?[\u0e48-\u0e4b]?อ|ลงนาม|\((นาย|นาง|นางสาว|ว่าที่|ดร\.)|({SIGNER.pattern})\s*$)"
)


def opens_body(cell: str) -> bool:
    """A cell opening with what only body rows carry: a row or item number, or an indicator code.

    ``"๑."`` → True, ``"E๑ เจ้าหน้าที่…"`` → True, ``"ผู้รับผิดชอบ"`` → False.
    """
    return bool(ROW_NUMBER.match(cell) or ITEM_START.match(cell) or split_indicator(cell)[0])


def is_section_text(text: str, one_piece: bool) -> bool:
    """Section rows name an assessment tool and are one piece of text across the table.

    ``"เครื่องมือการประเมิน EIT คะแนนต่ำกว่า ๘๕ คะแนน"`` → True; a row opening with a code never is.
    A heading whose tool name is unreadable (OCR) is still one when it opens with a tool heading's words.
    """
    if split_indicator(text)[0] is not None:
        return False
    if tool_in_text(text) is None:
        return bool(TOOL_HEADING.match(text))
    return bool(SECTION_START.match(text)) or one_piece


def is_signature_text(text: str) -> bool:
    """``"ลงชื่อ ……… ผู้รายงาน"`` and ``"(นายสมชาย ใจดี)"`` open a signature block."""
    return bool(SIGNATURE.match(text))


def signs(cells: list[str]) -> bool:
    """The pieces of a line that opens a signature block are its signature line: each opens a
    signature ("ลงชื่อ" | "ผู้รายงาน"), or those after the first spell the signer's role together
    ("ลงซื้อ" | "ผู้รายง" | "าน": OCR split the word where the dotted line's specks were)."""
    if all(is_signature_text(cell) for cell in cells):
        return True
    return bool(SIGNER.fullmatch("".join("".join(cell.split()) for cell in cells[1:])))
