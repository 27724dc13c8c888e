#!/usr/bin/env python3
"""Regenerate the realistic sample reports in ``samples/`` and their ground-truth JSON.

    python samples/make_samples.py            # from the repo root or anywhere

Every sample is drawn from the content of the seed report (Prang Ku subdistrict municipality,
Sisaket, FY2566; ``shared/seed/000_d519c1967e6fb884.txt``), which is embedded below as data so
that regeneration needs nothing outside the repository. The expected JSON is written from the
generator's own data (what it typed into each cell), never from an extractor; the pages where
each row begins and ends are recorded while reportlab draws the table.

Needs reportlab, pythainlp and Debian's fonts-thai-tlwg (Laksaman, a TH Sarabun New derivative).
Output is byte-stable: reportlab runs with ``invariant=1`` (fixed dates and document id).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from pythainlp.tokenize import subword_tokenize, word_tokenize
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import LongTable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED = REPO.parent / "shared" / "seed" / "000_d519c1967e6fb884.txt"
FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONT, FONT_BOLD = "Laksaman", "Laksaman-Bold"

# --------------------------------------------------------------------------------------------
# The seed's content, cleaned of extraction artefacts (wrap spaces such as "ทุก กอง", the lost
# "มาก" in "อย่างน้อยเพียงใด", "เข้าหน้าที่" for "เข้าใจหน้าที่", the stray "๑. ."). This is the
# text "as typed": the ground truth of every sample.
# --------------------------------------------------------------------------------------------
M_MANUAL = "จัดทำคู่มือมาตรฐานการปฏิบัติงานแต่ละตำแหน่ง เพื่อเจ้าหน้าที่จะได้เข้าใจหน้าที่ตัวเอง"
M_REPORT = "รายงานผู้บริหาร"
M_PUBLISH = "เผยแพร่ข้อมูลบนเว็บไซต์หน่วยงานและช่องทางอื่นๆ"
MON_STAFF = "เจ้าหน้าที่ผู้รับผิดชอบรายงานผลการดำเนินการให้ผู้บังคับบัญชาทุกเดือน"
MON_EXEC = "ผู้บริหารกำกับติดตามการดำเนินการประชาสัมพันธ์การดำเนินการของหน่วยงานบนเว็บไซต์ให้เป็นปัจจุบัน"
R_ALL = "สำนักปลัดเทศบาล/ทุกกอง"
R_PR = "สำนักปลัดเทศบาล/งานประชาสัมพันธ์"
D = date


@dataclass(frozen=True)
class SeedRow:
    """One table row of the seed report: the issue and what the municipality does about it."""

    tool: str  # EIT / OIT
    number: int  # indicator number (E1 → 1)
    issue: str
    responsible: str
    measures: tuple[str, ...]
    monitoring: tuple[str, ...]
    dates: tuple[date, date]  # the two action dates of the 6-month round
    month_space: tuple[bool, bool] = (False, False)  # seed prints "เดือน มกราคม" vs "เดือนมกราคม"


SEED_ROWS: tuple[SeedRow, ...] = (
    SeedRow("EIT", 1, "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติ/ให้บริการแก่ท่านตามประเด็นดังต่อไปนี้ มากน้อยเพียงใด",
            "สำนักปลัดเทศบาล/งานธุรการ", (M_MANUAL, M_REPORT, M_PUBLISH),
            ("เจ้าหน้าที่ผู้รับผิดชอบดำเนินการแล้ว รายงานผู้บริหาร เพื่อเผยแพร่บนเว็บไซต์ ให้เป็นปัจจุบัน ภายในเดือนมกราคม",
             "ผู้บริหารมีการติดตามการดำเนินการทุกเดือนเพื่อให้เจ้าหน้าที่เร่งดำเนินการให้แล้วเสร็จตามระยะเวลา และเผยแพร่บนเว็บไซต์หน่วยงาน"),
            (D(2023, 1, 25), D(2023, 3, 1)), (True, True)),
    SeedRow("EIT", 2, "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่านกับผู้มาติดต่ออื่นๆอย่างเท่าเทียมกัน มากน้อยเพียงใด",
            R_ALL, ("ผู้บังคับบัญชาแต่ละกองต้องกำชับเจ้าหน้าที่ในการปฏิบัติงาน ในการให้บริการให้เท่าเทียมกัน ไม่เลือกปฏิบัติ",
                    M_REPORT, M_PUBLISH),
            ("เจ้าหน้าที่ผู้รับผิดชอบรายงานผลการดำเนินการให้ผู้บริหารทราบทุกเดือน", MON_EXEC),
            (D(2023, 1, 22), D(2023, 3, 1)), (True, True)),
    SeedRow("EIT", 3, "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ มีการปิดบังหรือบิดเบือนข้อมูลเกี่ยวกับการดำเนินการ/ให้บริการแก่ท่าน มากน้อยเพียงใด",
            R_ALL, ("ผู้บังคับบัญชาแต่ละกองต้องกำชับเจ้าหน้าที่ในการปฏิบัติงาน ไม่บิดเบือนข้อมูลเกี่ยวกับการดำเนินการ",
                    M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1))),
    SeedRow("EIT", 5, "หน่วยงานที่ท่านติดต่อ มีการดำเนินงาน โดยคำนึงถึงประโยชน์ของประชาชนและส่วนรวมเป็นหลัก มากน้อยเพียงใด",
            R_ALL, ("ผู้บังคับบัญชาแต่ละกองต้องกำชับเจ้าหน้าที่ในการปฏิบัติงาน โดยคำนึงถึงประโยชน์ของประชาชนและส่วนรวมเป็นหลัก",
                    M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1))),
    SeedRow("EIT", 6, "การเผยแพร่ข้อมูลของหน่วยงานที่ท่านติดต่อ มีลักษณะดังต่อไปนี้ มากน้อยเพียงใด เข้าถึงได้ง่าย ไม่ซับซ้อน มีช่องทางหลากหลาย",
            R_PR, ("เจ้าหน้าที่ผู้รับผิดชอบ IT ประชาสัมพันธ์ ช่องทางติดต่อหน่วยงาน", M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1))),
    SeedRow("EIT", 7, "หน่วยงานที่ท่านติดต่อ มีการเผยแพร่ผลงานหรือข้อมูลที่สาธารณชนควรรับทราบอย่างชัดเจน มากน้อยเพียงใด",
            R_PR, ("เจ้าหน้าที่ผู้รับผิดชอบ IT ประชาสัมพันธ์ เผยแพร่ผลงานหรือข้อมูลสาธารณชนของทุกกอง", M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1))),
    SeedRow("EIT", 8, "หน่วยงานที่ท่านติดต่อ มีช่องทางรับฟังความคิดเห็นเกี่ยวกับการดำเนินงาน/การให้บริการ หรือไม่",
            R_PR, ("เจ้าหน้าที่ผู้รับผิดชอบ IT ประชาสัมพันธ์ ช่องทางการรับฟังความคิดเห็นมากกว่า ๒ ช่องทาง", M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1)), (True, True)),
    SeedRow("EIT", 9, "หน่วยงานที่ท่านติดต่อ มีการชี้แจงและตอบคำถาม เมื่อมีข้อกังวลสงสัยเกี่ยวกับการดำเนินงานได้อย่างชัดเจน มากน้อยเพียงใด",
            R_PR, ("เจ้าหน้าที่ผู้รับผิดชอบ IT ประชาสัมพันธ์มีช่องทางตอบข้อซักถาม ข้อกังวลสงสัยของประชาชน เช่น "
                   "เบอร์โทรศัพท์เจ้าหน้าที่ผู้รับผิดชอบงานนั้นโดยตรง", M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1)), (True, True)),
    SeedRow("EIT", 10, "หน่วยงานที่ท่านติดต่อ มีช่องทางให้ผู้มาติดต่อร้องเรียนการทุจริตของเจ้าหน้าที่ในหน่วยงานหรือไม่",
            R_PR, ("เจ้าหน้าที่ผู้รับผิดชอบ IT ประชาสัมพันธ์ให้ประชาชนที่มาให้บริการ เมื่อสงสัยหรือพบเห็นการทุจริตของ"
                   "เจ้าหน้าที่สามารถร้องเรียนการทุจริต ทางเว็บไซต์เทศบาล", M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1)), (True, False)),
    SeedRow("EIT", 11, "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ มีการปรับปรุงคุณภาพการปฏิบัติงาน/การให้บริการให้ดีขึ้น มากน้อยเพียงใด",
            R_ALL, (M_MANUAL, M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1)), (True, False)),
    SeedRow("EIT", 12, "หน่วยงานที่ท่านติดต่อ มีการปรับปรุงวิธีการและขั้นตอนการดำเนินงาน/การให้บริการให้ดีขึ้น มากน้อยเพียงใด",
            R_ALL, (M_MANUAL, M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1)), (False, True)),
    SeedRow("EIT", 15, "หน่วยงานที่ท่านติดต่อมีการปรับปรุงการดำเนินงาน/การให้บริการ ให้ความโปร่งใสมากขึ้น มากน้อยเพียงใด",
            R_ALL, (M_MANUAL, M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 1, 22), D(2023, 3, 1)), (False, True)),
)

# The seed lists EIT items only. Samples 02-04 add an OIT section in the seed's own phrasing;
# items and names follow the ITA 2565 OIT list (v1), which a FY2566 report answers.
OIT_ROWS: tuple[SeedRow, ...] = (
    SeedRow("OIT", 11, "รายงานการกำกับติดตามการดำเนินงาน รอบ ๖ เดือน", "สำนักปลัดเทศบาล/งานวิเคราะห์นโยบายและแผน",
            ("มอบหมายเจ้าหน้าที่ผู้รับผิดชอบจัดทำรายงานการกำกับติดตามการดำเนินงาน รอบ ๖ เดือน ให้ครบถ้วนและเป็นปัจจุบัน",
             M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2023, 2, 14), D(2023, 3, 20))),
    SeedRow("OIT", 14, "คู่มือหรือมาตรฐานการให้บริการ", R_ALL,
            ("จัดทำคู่มือหรือมาตรฐานการให้บริการของทุกกอง และเผยแพร่บนเว็บไซต์หลักของหน่วยงาน", M_REPORT),
            (MON_STAFF,), (D(2022, 12, 9), D(2023, 1, 16))),
    SeedRow("OIT", 16, "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "สำนักปลัดเทศบาล/งานธุรการ",
            ("จัดทำแบบสำรวจความพึงพอใจของผู้รับบริการ และนำผลมาปรับปรุงการให้บริการ", M_REPORT, M_PUBLISH),
            (MON_STAFF, MON_EXEC), (D(2022, 11, 30), D(2023, 2, 27))),
    SeedRow("OIT", 33, "การเปิดโอกาสให้เกิดการมีส่วนร่วม", R_PR,
            ("จัดให้มีช่องทางรับฟังความคิดเห็น เช่น กล่องรับความคิดเห็น เว็บไซต์ และเฟซบุ๊กของหน่วยงาน",
             "เปิดโอกาสให้ประชาชนมีส่วนร่วมในการดำเนินงานของหน่วยงาน", M_REPORT),
            (MON_EXEC,), (D(2022, 12, 21), D(2023, 3, 15))),
)

INTRO_HEAD = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสของเทศบาลตำบลปรางค์กู๋ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
INTRO = ("จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ "
         "นำมาสู่ข้อเสนอแนะในการกำหนดมาตรการในการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของเทศบาลตำบลปรางค์กู๋ ดังนี้")
TITLE_REPORT = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
AGENCY = {"name": "เทศบาลตำบลปรางค์กู่", "type": "เทศบาลตำบล", "district": "ปรางค์กู่", "province": "ศรีสะเกษ"}

# --------------------------------------------------------------------------------------------
# Thai text helpers: digits and dates as the samples print them
# --------------------------------------------------------------------------------------------
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
MONTHS = ("", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
          "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_ABBR = ("", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


def thai(n: int | str) -> str:
    """๒๕๖๖ from 2566: the seed prints Thai digits everywhere."""
    return str(n).translate(TO_THAI)


def date_full(d: date, digits: Callable[[int | str], str] = thai) -> str:
    """๒๕ มกราคม ๒๕๖๖"""
    return f"{digits(d.day)} {MONTHS[d.month]} {digits(d.year + 543)}"


def date_abbr(d: date, digits: Callable[[int | str], str] = thai, short_year: bool = False) -> str:
    """๒๕ ม.ค. ๒๕๖๖ or ๒๕ ม.ค. ๖๖"""
    year = (d.year + 543) % 100 if short_year else d.year + 543
    return f"{digits(d.day)} {MONTHS_ABBR[d.month]} {digits(f'{year:02d}')}"


def arabic(n: int | str) -> str:
    return str(n).translate(TO_ARABIC)


# --------------------------------------------------------------------------------------------
# A logical report: what is typed into each cell; the JSON truth is read straight off it
# --------------------------------------------------------------------------------------------
@dataclass
class Row:
    """One data row as typed: ``cells`` maps a column role to the list of printed paragraphs."""

    number: int
    section: str
    tool: str
    indicator: str
    issue: str
    responsible: str
    measures: list[str]
    monitoring: list[str]
    actions: list[str]
    action_dates: list[date]
    cells: dict[str, list[str]] = field(default_factory=dict)
    page_start: int = 0
    page_end: int = 0
    timeframe: str | None = None  # contract v2: the row's own time-frame column, and the days it covers
    timeframe_start: date | None = None
    timeframe_end: date | None = None


@dataclass
class Sample:
    """Everything one sample needs: layout, title block, columns, rows, document metadata."""

    name: str
    what: str
    pagesize: tuple[float, float]
    body_size: float
    style: str  # grid / hrules / none (borderless: no rules, no fills)
    title_block: list[tuple[str, str]]  # (kind, text); kinds: title, bold, head, intro, space, sign,
    #                                     memo_title, field ("label\tvalue"), para, pagebreak
    columns: list[tuple[str, str, float]]  # (role, header text, relative width)
    rows: list[Row | str]  # a str is a section row
    document: dict
    warnings: list[dict]
    header_fn: Callable[[int], str] | None = None  # running page header / footer text
    footer_fn: Callable[[int], str] | None = None
    closing: list[tuple[str, str]] = field(default_factory=list)
    section_shade: bool = False
    header_probe: tuple[str, int] = ("", 0)  # first line of the first header cell, times it occurs there
    repeat_header: bool = True  # False: the header row is printed on the table's first page only
    cell_pad: float = 4.0  # left/right cell padding; twice this is the white gutter between columns


def numbered(items: list[str], fmt: Callable[[int], str], inline: bool = False) -> list[str]:
    """Print items with numbering (one paragraph each, or run-on in one paragraph); one item stays bare."""
    if len(items) == 1:
        return list(items)
    printed = [fmt(i + 1) + item for i, item in enumerate(items)]
    return [" ".join(printed)] if inline else printed


def make_row(seed: SeedRow, n: int, section: str, *, digits: Callable, code: Callable[[SeedRow], str],
             num: Callable[[int], str], inline: bool, actions: list[str], action_dates: list[date],
             action_cell: list[str], monitoring: list[str] | None = None, localise: Callable[[str], str] = str
             ) -> Row:
    """Build one row: the truth lists, and the printed cells drawn from exactly those lists."""
    measures = [localise(m) for m in seed.measures]
    mon = [localise(m) for m in (monitoring if monitoring is not None else seed.monitoring)]
    issue = localise(seed.issue)
    responsible = localise(seed.responsible)
    row = Row(n, section, seed.tool, f"{seed.tool[0]}{seed.number}", issue, responsible, measures, mon,
              actions, action_dates)
    row.cells = {
        "no": [digits(n)],
        "issue": [code(seed) + issue],
        "responsible": [responsible],
        "measures": numbered(measures, num, inline),
        "monitoring": numbered(mon, num, inline) if monitoring is None else mon,
        "actions": action_cell,
    }
    return row


# --- sample01: the seed as printed ----------------------------------------------------------
def sample01() -> Sample:
    section = "เครื่องมือการประเมิน EIT คะแนนต่ำกว่า ๘๕ คะแนน"
    rows: list[Row | str] = [section]
    for n, s in enumerate(SEED_ROWS, 1):
        acts = [f"ดำเนินการเมื่อวันที่ {thai(d.day)} เดือน{' ' if sp else ''}{MONTHS[d.month]} พ.ศ. {thai(d.year + 543)}"
                for d, sp in zip(s.dates, s.month_space)]
        gap = " " if s.number in (3, 5, 6, 7) else ""  # the seed mixes "๒.รายงาน" and "๒. รายงาน"
        rows.append(make_row(s, n, section, digits=thai, code=lambda s: f"E{thai(s.number)} ",
                             num=lambda i, gap=gap: f"{thai(i)}.{gap}", inline=False,
                             actions=acts, action_dates=list(s.dates), action_cell=acts))
    printed = "เทศบาลตำบลปรังค์กู"
    return Sample(
        name="sample01", what="seed as printed", pagesize=A4, body_size=16, style="grid",
        title_block=[("title", TITLE_REPORT), ("bold", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน"),
                     ("bold", "(เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)"), ("space", ""), ("bold", printed),
                     ("bold", "อำเภอปรังค์กู จังหวัดศรีสะเกษ"), ("space", ""), ("head", INTRO_HEAD), ("intro", INTRO)],
        columns=[("issue", "ประเด็นที่ต้องปรับปรุงแก้ไข/ ประเด็นที่ต้องพัฒนา", 1.25),
                 ("responsible", "ผู้รับผิดชอบ", 0.85),
                 ("measures", "ขั้นตอนหรือวิธีการ/มาตรการ", 1.3),
                 ("monitoring", "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ", 1.3),
                 ("actions", "การดำเนินการ", 1.0)],
        rows=rows,
        document=_document("measures_report", TITLE_REPORT, printed, 6, "2022-10-01", "2023-03-31"),
        warnings=[{"code": "agency_name_corrected",
                   "message": f"agency printed as {printed}; official spelling {AGENCY['name']}", "page": 1}],
    )


# --- sample02: landscape, horizontal rules, ลำดับ column, Arabic digits ---------------------
def _actions02(i: int, d1: date, d2: date) -> tuple[list[str], list[date], list[str]]:
    """Five ways agencies write what they did, in Arabic digits. Returns (truth, dates, cell)."""
    a = arabic
    k = i % 5
    if k == 0:
        items = [f"ดำเนินการแล้ว เมื่อ {date_abbr(d1, a, True)}", f"รายงานผู้บริหารทราบ เมื่อ {date_abbr(d2, a, True)}"]
        return items, [d1, d2], numbered(items, lambda j: f"{j}) ", inline=True)
    if k == 1:
        item = f"ดำเนินการเมื่อ {date_abbr(d1, a, True)} และ {date_abbr(d2, a, True)}"
        return [item], [d1, d2], [item]
    if k == 2:
        items = [f"จัดทำคู่มือแล้วเสร็จ ณ วันที่ {date_full(d1, a)}", f"รายงานผู้บริหารทราบแล้ว ณ วันที่ {date_full(d2, a)}"]
        return items, [d1, d2], numbered(items, lambda j: f"{j}) ", inline=True)
    if k == 3:
        item = f"ดำเนินการแล้ว ณ วันที่ {d1:%d/%m}/{d1.year + 543} และ {d2:%d/%m}/{d2.year + 543}"
        return [item], [d1, d2], [item]
    items = [f"เผยแพร่ข้อมูลบนเว็บไซต์แล้ว เมื่อวันที่ {date_full(d1, a)}", "อยู่ระหว่างรายงานผู้บริหาร"]
    return items, [d1], numbered(items, lambda j: f"{j}) ", inline=True)


def sample02() -> Sample:
    title = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    sections = {"EIT": "เครื่องมือการประเมิน EIT คะแนนต่ำกว่า 85 คะแนน", "OIT": "เครื่องมือการประเมิน OIT คะแนนต่ำกว่า 85 คะแนน"}
    rows: list[Row | str] = []
    for n, s in enumerate(SEED_ROWS + OIT_ROWS, 1):
        if n == 1 or s is OIT_ROWS[0]:
            rows.append(sections[s.tool])
        acts, dates, cell = _actions02(n - 1, *s.dates)
        rows.append(make_row(s, n, sections[s.tool], digits=arabic, code=lambda s: f"{s.tool[0]}{s.number} ",
                             num=lambda j: f"{j}) ", inline=True, actions=acts, action_dates=dates,
                             action_cell=cell, localise=arabic))
    name = AGENCY["name"]
    return Sample(
        name="sample02", what="landscape, rules only, ลำดับ column, Arabic digits", pagesize=landscape(A4),
        body_size=15, style="hrules",
        title_block=[("title", title), ("bold", "ประจำปีงบประมาณ พ.ศ. 2566"),
                     ("bold", "รอบ 6 เดือน ระหว่างวันที่ 1 ตุลาคม 2565 ถึง 31 มีนาคม 2566"),
                     ("bold", name), ("bold", "อำเภอปรางค์กู่ จังหวัดศรีสะเกษ"), ("space", "")],
        columns=[("no", "ลำดับ", 0.42), ("issue", "ประเด็นที่ต้องพัฒนา", 1.45), ("responsible", "ผู้รับผิดชอบ", 0.95),
                 ("measures", "มาตรการ/วิธีการดำเนินการ", 1.75), ("monitoring", "การกำกับติดตามและรายงานผล", 1.5),
                 ("actions", "ผลการดำเนินการ", 1.25)],
        rows=rows,
        document=_document("measures_report", title, name, 6, "2022-10-01", "2023-03-31"),
        warnings=[],
        footer_fn=lambda p: f"หน้า {p}",
    )


# --- sample03: the measures plan (no results column) -----------------------------------------
# Each printed time frame with the first and last day it covers (contract v2: "ภายในเดือน…" has no start,
# "ตลอดปีงบประมาณ" is the fiscal year, a quarter of FY2566 is counted from October 2022).
TIMELINES: tuple[tuple[str, date | None, date], ...] = (
    ("ภายในเดือนมกราคม ๒๕๖๖", None, date(2023, 1, 31)),
    ("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๖", date(2022, 10, 1), date(2023, 9, 30)),
    ("ไตรมาสที่ ๒ (มกราคม - มีนาคม ๒๕๖๖)", date(2023, 1, 1), date(2023, 3, 31)),
    ("ภายในเดือนมีนาคม ๒๕๖๖", None, date(2023, 3, 31)),
    ("ธันวาคม ๒๕๖๕ - มีนาคม ๒๕๖๖", date(2022, 12, 1), date(2023, 3, 31)),
)


def sample03() -> Sample:
    title = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    sections = {"EIT": "เครื่องมือการประเมิน EIT คะแนนต่ำกว่า ๘๕ คะแนน", "OIT": "เครื่องมือการประเมิน OIT คะแนนต่ำกว่า ๘๕ คะแนน"}
    rows: list[Row | str] = []
    for n, s in enumerate(SEED_ROWS + OIT_ROWS, 1):
        if n == 1 or s is OIT_ROWS[0]:
            rows.append(sections[s.tool])
        timeline, first, last = TIMELINES[(n - 1) % len(TIMELINES)]
        # a plan has no results: its ระยะเวลา column is the row's timeframe (contract v2), not monitoring
        row = make_row(s, n, sections[s.tool], digits=thai, code=lambda s: f"({s.tool[0]}{thai(s.number)}) ",
                       num=lambda j: f"({thai(j)}) ", inline=False, actions=[], action_dates=[],
                       action_cell=[], monitoring=[])
        row.cells["timeframe"] = [timeline]
        row.timeframe, row.timeframe_start, row.timeframe_end = timeline, first, last
        rows.append(row)
    name = AGENCY["name"]
    return Sample(
        name="sample03", what="measures plan, 4 columns", pagesize=A4, body_size=16, style="grid",
        title_block=[("title", title), ("bold", f"ของ{name} อำเภอปรางค์กู่ จังหวัดศรีสะเกษ"),
                     ("bold", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"), ("space", ""), ("intro", INTRO)],
        columns=[("issue", "ประเด็นที่ต้องพัฒนา", 1.35), ("measures", "มาตรการ/แนวทางการดำเนินการ", 1.6),
                 ("responsible", "ผู้รับผิดชอบ", 0.9), ("timeframe", "ระยะเวลาดำเนินการ", 0.8)],
        rows=rows,
        document=_document("measures", title, name, None, None, None),
        warnings=[],
        section_shade=True,
    )


# --- sample04: the 12-month round, another column order, abbreviated agency -------------------
def _actions04(i: int, s: SeedRow) -> tuple[list[str], list[date], list[str]]:
    """Results of a whole year: a second date in April–September 2566; Thai digits; ๑) numbering."""
    d1, d2 = s.dates
    d3 = date(2023, 4 + (i * 2) % 6, 1 + (i * 5) % 27)
    k = i % 4
    if i == 4:
        return ["อยู่ระหว่างดำเนินการ"], [], ["อยู่ระหว่างดำเนินการ"]
    if k == 0:
        items = [f"ดำเนินการเมื่อวันที่ {date_full(d1)}", f"รายงานผลรอบ ๑๒ เดือน เมื่อวันที่ {date_full(d3)}"]
    elif k == 1:
        item = f"ดำเนินการแล้ว เมื่อ {date_abbr(d1, short_year=True)} และ {date_abbr(d3, short_year=True)}"
        return [item], [d1, d3], [item]
    elif k == 2:
        items = [f"จัดทำคู่มือแล้วเสร็จ ณ วันที่ {date_abbr(d1)}", f"รายงานผู้บริหารทราบ ณ วันที่ {date_abbr(d2)}",
                 f"ประชาสัมพันธ์ผ่านเว็บไซต์และเฟซบุ๊กของหน่วยงาน ณ วันที่ {date_abbr(d3)}"]
        return items, [d1, d2, d3], numbered(items, lambda j: f"{thai(j)}) ")
    else:
        items = [f"ดำเนินการเมื่อวันที่ {thai(d2.day)} เดือน{MONTHS[d2.month]} พ.ศ. {thai(d2.year + 543)}",
                 f"ดำเนินการเมื่อวันที่ {thai(d3.day)} เดือน{MONTHS[d3.month]} พ.ศ. {thai(d3.year + 543)}"]
        return items, [d2, d3], numbered(items, lambda j: f"{thai(j)}) ")
    return items, [d1, d3], numbered(items, lambda j: f"{thai(j)}) ")


def sample04() -> Sample:
    sections = {"EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT) ที่ได้คะแนนต่ำกว่า ๘๕ คะแนน",
                "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ที่ได้คะแนนต่ำกว่า ๘๕ คะแนน"}
    rows: list[Row | str] = []
    for n, s in enumerate(SEED_ROWS + OIT_ROWS, 1):
        if n == 1 or s is OIT_ROWS[0]:
            rows.append(sections[s.tool])
        acts, dates, cell = _actions04(n - 1, s)
        rows.append(make_row(s, n, sections[s.tool], digits=thai, code=lambda s: f"{s.tool[0]} {thai(s.number)} ",
                             num=lambda j: f"{thai(j)}) ", inline=False, actions=acts, action_dates=dates,
                             action_cell=cell))
    printed = "ทต.ปรางค์กู่"
    return Sample(
        name="sample04", what="12-month round, columns reordered", pagesize=A4, body_size=15, style="grid",
        title_block=[("title", TITLE_REPORT), ("bold", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๑๒ เดือน"),
                     ("bold", "(เดือนตุลาคม ๒๕๖๕ - กันยายน ๒๕๖๖)"), ("bold", f"{printed} อำเภอปรางค์กู่ จังหวัดศรีสะเกษ"),
                     ("space", ""), ("intro", INTRO.replace("ปรางค์กู๋", "ปรางค์กู่"))],
        columns=[("issue", "ประเด็นที่ต้องปรับปรุงแก้ไข (ตามผลการประเมิน)", 1.3),
                 ("measures", "มาตรการ/ขั้นตอนการดำเนินการ", 1.35),
                 ("monitoring", "การกำกับติดตามและรายงานผล", 1.2),
                 ("responsible", "หน่วยงานผู้รับผิดชอบ", 0.85),
                 ("actions", "ผลการดำเนินการ รอบ ๑๒ เดือน", 1.1)],
        rows=rows,
        document=_document("measures_report", TITLE_REPORT, printed, 12, "2022-10-01", "2023-09-30"),
        warnings=[],
        header_fn=lambda p: f"- {thai(p)} -" if p > 1 else "",
        closing=[("space", ""), ("sign", "ลงชื่อ ........................................... ผู้รายงาน"),
                 ("sign", "(...........................................)"), ("sign", "ปลัดเทศบาลตำบลปรางค์กู่")],
        section_shade=True,
    )


def _document(kind: str, title: str, printed: str, round_months: int | None, start: str | None,
              end: str | None, agency: dict = AGENCY, fiscal_year: int = 2566) -> dict:
    return {
        "document_type": kind,
        "title": title,
        "agency": {"name": agency["name"], "name_as_printed": printed, "type": agency["type"],
                   "district": agency["district"], "province": agency["province"]},
        "fiscal_year": fiscal_year,
        "round_months": round_months,
        "period_start": start,
        "period_end": end,
        "assessment": None,
    }


# --- sample05: borderless table, an อบต., 12-month round --------------------------------------
AGENCY05 = {"name": "องค์การบริหารส่วนตำบลโพธิ์", "type": "องค์การบริหารส่วนตำบล", "district": "เมืองศรีสะเกษ",
            "province": "ศรีสะเกษ"}  # Pho subdistrict, Mueang Si Sa Ket (geothai 330123)


def _obt(text: str) -> str:
    """The seed's municipal wording as a subdistrict administrative organisation (อบต.) writes it."""
    return text.replace("สำนักปลัดเทศบาล", "สำนักปลัด อบต.").replace("เว็บไซต์เทศบาล", "เว็บไซต์ของ อบต.")


def _actions05(i: int, s: SeedRow, num: Callable[[int], str]) -> tuple[list[str], list[date], list[str]]:
    """A whole year's results (October 2565 – September 2566), Thai digits; numbering as the row's."""
    d1, d2 = s.dates
    d3 = date(2023, 4 + (i * 3) % 6, 2 + (i * 7) % 26)
    if i == 6:
        return ["ดำเนินการแล้วเสร็จ อยู่ระหว่างรายงานผลต่อผู้บริหาร"], [], ["ดำเนินการแล้วเสร็จ อยู่ระหว่างรายงานผลต่อผู้บริหาร"]
    k = i % 3
    if k == 0:
        items = [f"ดำเนินการแล้ว เมื่อวันที่ {date_full(d1)}", f"รายงานผลการดำเนินการต่อผู้บริหาร เมื่อวันที่ {date_full(d3)}"]
        return items, [d1, d3], numbered(items, num)
    if k == 1:
        items = [f"ดำเนินการตามมาตรการแล้ว ณ วันที่ {date_abbr(d1)}", f"รายงานผู้บริหารทราบ ณ วันที่ {date_abbr(d2)}",
                 f"เผยแพร่ผลการดำเนินการบนเว็บไซต์ของ อบต. ณ วันที่ {date_abbr(d3)}"]
        return items, [d1, d2, d3], numbered(items, num)
    item = f"ดำเนินการแล้วเสร็จ เมื่อ {date_abbr(d2, short_year=True)} และรายงานผลรอบ ๑๒ เดือน เมื่อ {date_abbr(d3, short_year=True)}"
    return [item], [d2, d3], [item]


def sample05() -> Sample:
    sections = {"EIT": "ผลการประเมิน EIT (แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก) ที่ต่ำกว่า ๘๕ คะแนน",
                "OIT": "ผลการประเมิน OIT (แบบตรวจการเปิดเผยข้อมูลสาธารณะ) ที่ต่ำกว่า ๘๕ คะแนน"}
    rows: list[Row | str] = []
    for n, s in enumerate(SEED_ROWS + OIT_ROWS, 1):
        if n == 1 or s is OIT_ROWS[0]:
            rows.append(sections[s.tool])
        # the EIT part prints Arabic codes and numbering (E1, 1.), the OIT part Thai ones (O๑๖, ๑.)
        if s.tool == "EIT":
            code, num = (lambda s: f"E{s.number} "), (lambda j: f"{j}. ")
        else:
            code, num = (lambda s: f"O{thai(s.number)} "), (lambda j: f"{thai(j)}. ")
        acts, dates, cell = _actions05(n - 1, s, num)
        rows.append(make_row(s, n, sections[s.tool], digits=thai, code=code, num=num, inline=False,
                             actions=acts, action_dates=dates, action_cell=cell, localise=_obt))
    name = AGENCY05["name"]
    intro = INTRO.replace("เทศบาลตำบลปรางค์กู๋", "องค์การบริหารส่วนตำบลโพธิ์ (อบต.โพธิ์)")
    return Sample(
        name="sample05", what="borderless, อบต., 12-month round", pagesize=A4, body_size=15, style="none",
        title_block=[("title", TITLE_REPORT), ("bold", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๑๒ เดือน (ต.ค. ๒๕๖๕ – ก.ย. ๒๕๖๖)"),
                     ("bold", name), ("bold", "อำเภอเมืองศรีสะเกษ จังหวัดศรีสะเกษ"), ("space", ""), ("intro", intro)],
        columns=[("issue", "ประเด็นที่ต้องพัฒนา", 1.3), ("responsible", "ผู้รับผิดชอบ", 0.8),
                 ("measures", "มาตรการ/แนวทางการดำเนินการ", 1.35), ("monitoring", "การกำกับติดตาม", 1.2),
                 ("actions", "ผลการดำเนินการ", 1.15)],
        rows=rows,
        document=_document("measures_report", TITLE_REPORT, name, 12, "2022-10-01", "2023-09-30", agency=AGENCY05),
        warnings=[],
        cell_pad=5.0,
    )


# --- sample06: cover memo, header on page one only, เทศบาลเมือง, FY2567 -------------------------
AGENCY06 = {"name": "เทศบาลเมืองศรีสะเกษ", "type": "เทศบาลเมือง", "district": "เมืองศรีสะเกษ", "province": "ศรีสะเกษ"}


def _next_year(d: date) -> date:
    return d.replace(year=d.year + 1)


def _actions06(i: int, s: SeedRow) -> tuple[list[str], list[date], list[str]]:
    """The seed's dates a year on (FY2567, October 2566 – March 2567); ๑. numbering, one per line."""
    e1, e2 = (_next_year(d) for d in s.dates)
    num = lambda j: f"{thai(j)}. "  # noqa: E731
    k = i % 3
    if k == 0:
        items = [f"ดำเนินการแล้ว เมื่อวันที่ {date_full(e1)}", f"รายงานผู้บริหารทราบ เมื่อวันที่ {date_full(e2)}"]
        return items, [e1, e2], numbered(items, num)
    if k == 1:
        item = f"ได้ดำเนินการตามมาตรการแล้ว เมื่อวันที่ {date_abbr(e1)}"
        return [item], [e1], [item]
    items = [f"ดำเนินการแล้ว ณ วันที่ {date_abbr(e1, short_year=True)}", "อยู่ระหว่างติดตามผลการดำเนินการ"]
    return items, [e1], numbered(items, num)


def sample06() -> Sample:
    title = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    sections = {"EIT": "เครื่องมือการประเมิน EIT คะแนนต่ำกว่า ๘๕ คะแนน", "OIT": "เครื่องมือการประเมิน OIT คะแนนต่ำกว่า ๘๕ คะแนน"}
    rows: list[Row | str] = []
    for n, s in enumerate(SEED_ROWS + OIT_ROWS, 1):
        if n == 1 or s is OIT_ROWS[0]:
            rows.append(sections[s.tool])
        acts, dates, cell = _actions06(n - 1, s)
        rows.append(make_row(s, n, sections[s.tool], digits=thai, code=lambda s: f"{s.tool[0]}{thai(s.number)} ",
                             num=lambda j: f"{thai(j)}. ", inline=False, actions=acts, action_dates=dates,
                             action_cell=cell))
    name = AGENCY06["name"]
    memo = [("memo_title", "บันทึกข้อความ"),
            ("field", f"ส่วนราชการ\tสำนักปลัดเทศบาล งานวิเคราะห์นโยบายและแผน {name}"),
            ("field", "ที่\tศก ๕๒๐๐๑/๒๔๗"), ("field", "วันที่\t๑๘ เมษายน ๒๕๖๗"),
            ("field", f"เรื่อง\t{title} รอบ ๖ เดือน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"), ("space", ""),
            ("field", "เรียน\tนายกเทศมนตรีเมืองศรีสะเกษ"), ("space", ""),
            ("para", f"ตามที่{name} ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
                     "พ.ศ. ๒๕๖๗ จากผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                     "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ นั้น"),
            ("para", "บัดนี้ งานวิเคราะห์นโยบายและแผนได้รวบรวมผลการดำเนินการตามมาตรการดังกล่าว รอบ ๖ เดือน "
                     "(ตุลาคม ๒๕๖๖ – มีนาคม ๒๕๖๗) เรียบร้อยแล้ว รายละเอียดปรากฏตามเอกสารที่แนบมาพร้อมนี้"),
            ("para", "จึงเรียนมาเพื่อโปรดทราบ และพิจารณาอนุญาตให้เผยแพร่บนเว็บไซต์ของหน่วยงานต่อไป"),
            ("space", ""), ("space", ""), ("space", ""),
            ("sign", "(นายวิชัย ทองประเสริฐ)"), ("sign", "ตำแหน่ง หัวหน้าฝ่ายแผนงานและงบประมาณ"),
            ("pagebreak", "")]
    return Sample(
        name="sample06", what="cover memo, header on page one only, FY2567", pagesize=A4, body_size=14,
        style="hrules",
        title_block=memo + [("title", title), ("bold", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน"),
                            ("bold", "ระหว่างวันที่ ๑ ตุลาคม ๒๕๖๖ ถึงวันที่ ๓๑ มีนาคม ๒๕๖๗"),
                            ("bold", f"{name} อำเภอเมืองศรีสะเกษ จังหวัดศรีสะเกษ"), ("space", "")],
        columns=[("no", "ลำดับ", 0.6), ("issue", "ประเด็นที่ต้องพัฒนา", 1.3), ("measures", "มาตรการ/วิธีการดำเนินการ", 1.45),
                 ("responsible", "ผู้รับผิดชอบ", 0.85), ("monitoring", "การกำกับติดตามและรายงานผล", 1.2),
                 ("actions", "ผลการดำเนินการ", 1.2)],  # widths chosen so the signature block stays on the table's last page
        rows=rows,
        document=_document("measures_report", title, name, 6, "2023-10-01", "2024-03-31", agency=AGENCY06,
                           fiscal_year=2567),
        warnings=[],
        closing=[("space", ""), ("sign", "ลงชื่อ ........................................... ผู้รายงาน"),
                 ("sign", "(นางสาวอรุณี ศรีวงศ์)"), ("sign", "ตำแหน่ง ปลัดเทศบาลเมืองศรีสะเกษ")],
        repeat_header=False,
    )


SAMPLES = (sample01, sample02, sample03, sample04, sample05, sample06)

# --------------------------------------------------------------------------------------------
# Thai line wrapping: between words (pythainlp), never inside a grapheme
# --------------------------------------------------------------------------------------------
THAI = re.compile("[\u0e00-\u0e7f]")
# kept whole: abbreviations (ม.ค. พ.ศ. ป.ป.ช.), numeric dates, item numbers (๑. 1) (๑)), codes (E๑)
UNBREAKABLE = re.compile(r"(?:[ก-ฮ]{1,3}\.){2,3}|[๐-๙\d]{1,2}/[๐-๙\d]{1,2}/[๐-๙\d]{2,4}"
                         r"|\(?[๐-๙\d]{1,2}[.)]|\([A-Z]?[๐-๙\d]{1,3}\)|[A-Z][๐-๙\d]{1,3}")
NO_BREAK_BEFORE = tuple(".),:;]%")
NO_BREAK_AFTER = tuple("([")


def chunks(text: str) -> list[str]:
    """Unbreakable pieces of a line: words, with punctuation glued on, " " for a typed space."""
    tokens: list[str] = []
    pos = 0
    for m in UNBREAKABLE.finditer(text):
        tokens += word_tokenize(text[pos:m.start()], engine="newmm", keep_whitespace=True) + [m.group()]
        pos = m.end()
    tokens += word_tokenize(text[pos:], engine="newmm", keep_whitespace=True)
    out: list[str] = []
    for tok in filter(None, tokens):
        if tok.isspace():
            out.append(" ")
        elif out and out[-1] != " " and (tok.startswith(NO_BREAK_BEFORE) or out[-1].endswith(NO_BREAK_AFTER)):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def graphemes(word: str) -> list[str]:
    """Base character plus its combining marks (Thai vowels above/below, tone marks)."""
    out: list[str] = []
    for ch in word:
        if out and unicodedata.category(ch) == "Mn":
            out[-1] += ch
        else:
            out.append(ch)
    return out


def pieces(word: str) -> list[str]:
    """Syllables of an over-long word (dictionary syllables; graphemes for anything non-Thai)."""
    out: list[str] = []
    for syl in subword_tokenize(word, engine="dict"):
        out.extend([syl] if THAI.search(syl) else graphemes(syl))
    return out


def wrap(text: str, font: str, size: float, width: float, first_indent: float = 0) -> list[str]:
    """Greedy line filling; a typed space that falls on a break is dropped, as word processors do."""
    def fits(s: str) -> bool:
        return pdfmetrics.stringWidth(s, font, size) <= width - (first_indent if not lines else 0)

    lines: list[str] = []
    cur = ""
    for tok in chunks(text):
        if tok == " ":
            cur += " " if cur and not cur.endswith(" ") else ""
            continue
        if fits(cur + tok):
            cur += tok
            continue
        if cur.strip():
            lines.append(cur.rstrip())
        cur = ""
        while not fits(tok):  # a word wider than the column: break it between syllables
            head = ""
            for piece in pieces(tok):
                if head and not fits(head + piece):
                    break
                head += piece
            lines.append(head)
            tok = tok[len(head):]
        cur = tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


# --------------------------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------------------------
class Line(Paragraph):
    """One printed line; notes the page it is drawn on, which gives each row's page_start/page_end."""

    def __init__(self, text: str, style: ParagraphStyle, log: dict[int, list[int]] | None = None,
                 key: int = 0) -> None:
        super().__init__(escape(text), style)
        self.log, self.key = log, key

    def draw(self) -> None:
        super().draw()
        if self.log is not None:
            self.log.setdefault(self.key, []).append(self.canv.getPageNumber())


def register_fonts() -> None:
    regular, bold = FONT_DIR / "Laksaman.ttf", FONT_DIR / "Laksaman-Bold.ttf"
    for path in (regular, bold):
        if not path.exists():
            sys.exit(f"make_samples: font {path} not found; install it with: apt-get install fonts-thai-tlwg")
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def check_glyphs(text: str, font: str) -> None:
    """Every printed character must have a glyph: a missing one would extract as garbage."""
    cmap = pdfmetrics.getFont(font).face.charToGlyph
    missing = {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}
    if missing:
        raise SystemExit(f"make_samples: font {font} lacks glyphs for {sorted(missing)!r}")


def lines(text: str, font: str, size: float, width: float, align: int = TA_LEFT, indent: float = 0,
          space_after: float = 0, log: dict[int, list[int]] | None = None, key: int = 0) -> list[Line]:
    """A paragraph pre-wrapped by ``wrap`` (reportlab cannot break Thai), one flowable per line."""
    text = unicodedata.normalize("NFC", text)
    check_glyphs(text, font)
    out = []
    wrapped = wrap(text, font, size, width - 0.5, first_indent=indent)
    for i, line in enumerate(wrapped):
        style = ParagraphStyle(f"{font}-{size}-{align}-{i == 0}", fontName=font, fontSize=size,
                               leading=size * 1.22, alignment=align, firstLineIndent=indent if i == 0 else 0,
                               spaceAfter=space_after if i == len(wrapped) - 1 else 0)
        out.append(Line(line, style, log, key))
    return out


def field_lines(label: str, value: str, size: float, width: float) -> list[Paragraph]:
    """``ส่วนราชการ  value``: the label in bold, continuation lines hang under the value."""
    label, value = unicodedata.normalize("NFC", label), unicodedata.normalize("NFC", value)
    check_glyphs(label, FONT_BOLD)
    check_glyphs(value, FONT)
    label_w = pdfmetrics.stringWidth(label, FONT_BOLD, size) + size * 0.6
    out: list[Paragraph] = []
    for i, line in enumerate(wrap(value, FONT, size, width - label_w - 0.5)):
        style = ParagraphStyle(f"field-{size}-{i == 0}", fontName=FONT, fontSize=size, leading=size * 1.22,
                               leftIndent=label_w, firstLineIndent=-label_w if i == 0 else 0)
        head = f'<font name="{FONT_BOLD}">{escape(label)}</font>&nbsp;&nbsp;' if i == 0 else ""
        out.append(Paragraph(head + escape(line), style))
    return out


def build_pdf(sample: Sample, path: Path) -> None:
    """Draw the sample; fills each row's page_start / page_end from the pages its lines landed on."""
    left, right, top, bottom = 56.7, 42.5, 48.0, 48.0
    page_w, page_h = sample.pagesize
    frame_w = page_w - left - right - 12  # SimpleDocTemplate's frame pads 6pt each side
    size = sample.body_size
    marks: dict[int, list[int]] = {}  # row number -> pages its cells' lines were drawn on
    story: list = []
    for kind, text in sample.title_block + [("table", "")] + sample.closing:
        if kind == "space":
            story.append(Spacer(1, size * 0.6))
        elif kind == "title":
            story += lines(text, FONT_BOLD, size + 2, frame_w, TA_CENTER)
        elif kind == "bold":
            story += lines(text, FONT_BOLD, size, frame_w, TA_CENTER)
        elif kind == "head":
            story += lines(text, FONT_BOLD, size, frame_w, TA_CENTER, space_after=4)
        elif kind == "intro":
            story += lines(text, FONT, size, frame_w, TA_LEFT, indent=36, space_after=8)
        elif kind == "sign":
            story += lines(text, FONT, size, frame_w, TA_CENTER)
            for flowable in story[-1:]:
                flowable.style.leftIndent = frame_w * 0.45
        elif kind == "table":
            story.append(build_table(sample, frame_w, marks))
        elif kind == "pagebreak":
            story.append(PageBreak())
        elif kind == "memo_title":
            story += lines(text, FONT_BOLD, size + 10, frame_w, TA_CENTER, space_after=6)
        elif kind == "para":
            story += lines(text, FONT, size, frame_w, TA_LEFT, indent=54, space_after=4)
        elif kind == "field":  # a memo line: bold label, value wrapped under itself
            story += field_lines(*text.split("\t"), size, frame_w)

    def decorate(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        canvas.saveState()
        canvas.setFont(FONT, size - 1)
        if sample.header_fn and (t := sample.header_fn(doc.page)):
            canvas.drawCentredString(page_w / 2, page_h - top + 18, t)
        if sample.footer_fn and (t := sample.footer_fn(doc.page)):
            canvas.drawRightString(page_w - right, bottom - 24, t)
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=sample.pagesize, leftMargin=left, rightMargin=right,
                            topMargin=top, bottomMargin=bottom, invariant=1, title="",
                            author="", subject="", creator="")
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    for row in sample.rows:
        if isinstance(row, Row):
            pages = marks[row.number]
            row.page_start, row.page_end = min(pages), max(pages)


class RuledTable(LongTable):
    """A grid table closes its border at the page foot where a row splits (as Word draws it)."""

    close_split = False

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803 - reportlab API
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.close_split = self.close_split
        if self.close_split and len(parts) == 2:
            parts[0].setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.black)]))
        return parts


def build_table(sample: Sample, width: float, marks: dict[int, list[int]]) -> LongTable:
    """The ruled table: header repeated on each page, section rows spanning, rows split across pages."""
    size, pad = sample.body_size, sample.cell_pad
    total = sum(c[2] for c in sample.columns)
    col_w = [width * c[2] / total for c in sample.columns]
    inner = [w - 2 * pad for w in col_w]
    head_lines = wrap(sample.columns[0][1], FONT_BOLD, size, inner[0] - 0.5)
    sample.header_probe = head_lines[0], sum(line.count(head_lines[0]) for line in head_lines)
    data: list[list] = [[lines(text, FONT_BOLD, size, w, TA_CENTER) for (_, text, _), w in zip(sample.columns, inner)]]
    style: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                          ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    if sample.style == "grid":
        style.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)))
    elif sample.style == "hrules":
        style += [("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 1.0, colors.black)]
    for row in sample.rows:
        r = len(data)
        if isinstance(row, str):  # a section row spans the whole table
            data.append([lines(row, FONT_BOLD, size, width - 2 * pad)] + [""] * (len(col_w) - 1))
            style.append(("SPAN", (0, r), (-1, r)))
            if sample.section_shade:
                style.append(("BACKGROUND", (0, r), (-1, r), colors.Color(0.94, 0.94, 0.94)))
            continue
        data.append([[ln for p in row.cells[role] for ln in lines(p, FONT, size, w, TA_CENTER if role == "no" else TA_LEFT,
                                                                   log=marks, key=row.number)]
                     for (role, _, _), w in zip(sample.columns, inner)])
        if sample.style == "hrules":
            style.append(("LINEBELOW", (0, r), (-1, r), 0.4, colors.black))
    # splitByRow=0: split inside the row that meets the page foot (as Word does); splitting between rows
    # first would let reportlab repeat the header a second time on the same page.
    table = RuledTable(data, colWidths=col_w, repeatRows=1 if sample.repeat_header else 0, splitByRow=0, splitInRow=2 * size,
                       style=TableStyle(style))
    table.close_split = sample.style == "grid"
    return table


# --------------------------------------------------------------------------------------------
# Ground truth and checks
# --------------------------------------------------------------------------------------------
def status(sample: Sample, row: Row) -> str | None:
    """What a row's printed results say, by the contract's rule, for the phrases these samples print.

    Plans have no results column (null). Every result these samples print says the measure
    was carried out (a dated action, ดำเนินการแล้ว, แล้วเสร็จ; reporting or follow-up still
    under way does not undo that), except the bare "อยู่ระหว่างดำเนินการ": in progress.
    """
    if sample.document["document_type"] != "measures_report":
        return None
    return "in_progress" if "อยู่ระหว่างดำเนินการ" in row.actions else "done"


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def truth(sample: Sample, pdf: Path, pages: int) -> dict:
    records = [{
        "row": r.number, "section": r.section, "tool": r.tool, "indicator": r.indicator, "issue": r.issue,
        "score": None, "findings": None, "responsible": r.responsible, "measures": r.measures, "steps": [],
        "timeframe": r.timeframe, "timeframe_start": _day(r.timeframe_start), "timeframe_end": _day(r.timeframe_end),
        "monitoring": r.monitoring, "actions": r.actions, "action_dates": [d.isoformat() for d in r.action_dates],
        "status": status(sample, r), "page_start": r.page_start, "page_end": r.page_end,
    } for r in sample.rows if isinstance(r, Row)]
    report = {"contract_version": 2,
              "source": {"file": pdf.name, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(), "pages": pages},
              "document": sample.document, "records": records, "warnings": sample.warnings}
    return json.loads(json.dumps(report, ensure_ascii=False), object_hook=_nfc)


def _nfc(obj: dict) -> dict:
    return {k: unicodedata.normalize("NFC", v) if isinstance(v, str) else
            [unicodedata.normalize("NFC", x) if isinstance(x, str) else x for x in v] if isinstance(v, list) else v
            for k, v in obj.items()}


def report_model():
    """The project's pydantic Report, if it loads (package import, else schema/models.py directly)."""
    try:
        from ita_extract.schema import Report  # type: ignore[import-not-found]
        return Report
    except Exception:  # noqa: BLE001 - the package may be half-written; fall back to the file
        path = REPO / "schema" / "models.py"
        if not path.exists():
            return None
        spec = importlib.util.spec_from_file_location("_ita_schema_models", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        try:
            spec.loader.exec_module(module)
        except Exception:  # noqa: BLE001
            return None
        return getattr(module, "Report", None)


def check_pdf(sample: Sample, pdf: Path) -> int:
    """Our own layout, read back: header on every page, rows on the pages we recorded, fonts embedded."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        texts = [p.extract_text() or "" for p in doc.pages]
        fonts = {c["fontname"] for p in doc.pages for c in p.chars}
        pages = len(doc.pages)
    first_table_page = min(r.page_start for r in sample.rows if isinstance(r, Row))
    last_table_page = max(r.page_end for r in sample.rows if isinstance(r, Row))

    def expected(page: int) -> int:  # pages before the table (a cover memo) and, if not repeated, after page one: 0
        on = page >= first_table_page and (sample.repeat_header or page == first_table_page)
        return sample.header_probe[1] if on else 0

    bad = [i + 1 for i in range(last_table_page) if texts[i].count(sample.header_probe[0]) != expected(i + 1)]
    if sample.closing and pages != last_table_page:
        raise SystemExit(f"{pdf.name}: the closing block spills past the table's last page {last_table_page}")
    if bad:
        raise SystemExit(f"{pdf.name}: header missing or doubled on pages {bad}")
    if not all(re.match(r"^[A-Z]{6}\+Laksaman", f) for f in fonts):
        raise SystemExit(f"{pdf.name}: unexpected or non-embedded fonts {fonts}")
    for r in sample.rows:
        if isinstance(r, Row):
            first = r.cells["issue"][0][:len(r.cells["issue"][0]) - len(r.issue)].strip()  # the printed code
            if first not in texts[r.page_start - 1].replace("\n", " "):
                raise SystemExit(f"{pdf.name}: row {r.number} ({first}) not found on page {r.page_start}")
    return pages


def check_seed() -> None:
    """If the seed text is next to the repo, make sure the embedded rows cover the same indicators."""
    if not SEED.exists():
        return
    codes = re.findall(r"^E([๐-๙]+) ", SEED.read_text(encoding="utf-8"), flags=re.M)
    seed = sorted(int(arabic(c)) for c in codes)
    ours = sorted(r.number for r in SEED_ROWS)
    if seed != ours:
        raise SystemExit(f"make_samples: embedded seed rows {ours} differ from {SEED.name} {seed}")


def main() -> None:
    register_fonts()
    check_seed()
    model = report_model()
    for make in SAMPLES:
        sample = make()
        pdf = HERE / f"{sample.name}.pdf"
        build_pdf(sample, pdf)
        pages = check_pdf(sample, pdf)
        report = truth(sample, pdf, pages)
        if model is not None:
            model.model_validate(report)
        (HERE / f"{sample.name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
        rows = [r for r in sample.rows if isinstance(r, Row)]
        crossing = sum(r.page_end > r.page_start for r in rows)
        print(f"{pdf.name} ({sample.what}): {pages} pages, {len(rows)} records, {crossing} crossing a page break"
              f"{'' if model else ' (schema not validated: model did not load)'}")


if __name__ == "__main__":
    main()
