"""What a report says: agencies, ITA questions, measures, owners, time frames, results and dates.

Each drawing function returns the printed text together with the truth the contract wants for
it (``timeframe`` → start/end dates, results → status and action dates), so the truth is never
read back from a PDF. Agencies are real places from geothai; questions come from the ITA
catalogue in ``questions.tsv`` (a copy of ``shared/domain/ita_indicators.csv``: IIT/EIT items and
the OIT lists v1 (FY2564–2565) and v2 (FY2566 on)).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import geothai

from .thai import BE_OFFSET, MONTHS, MONTHS_ABBR, fiscal_bounds, format_date, month_end, month_year_ce

HERE = Path(__file__).resolve().parent
TOOL_LETTER = {"IIT": "I", "EIT": "E", "OIT": "O"}
TOOLS = ("IIT", "EIT", "OIT")


# --- agencies ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Agency:
    """A local government agency: ``kind`` is the full type, ``place`` its place name as officially spelled."""

    kind: str
    place: str
    district: str
    province: str

    @property
    def name(self) -> str:
        return self.kind + self.place


ABBREVIATION = {"เทศบาลตำบล": "ทต.", "เทศบาลเมือง": "ทม.", "เทศบาลนคร": "ทน.", "องค์การบริหารส่วนตำบล": "อบต."}
KINDS = (("เทศบาลตำบล", 0.4), ("องค์การบริหารส่วนตำบล", 0.35), ("เทศบาลเมือง", 0.17), ("เทศบาลนคร", 0.08))


@cache
def _provinces() -> tuple:
    return tuple(p for p in geothai.provinces() if p.code != "10")  # Bangkok has เขต/แขวง, no อบต.


def draw_agency(rng: random.Random) -> Agency:
    """A real place: a subdistrict for ทต./อบต., a district (not the capital's) for ทม./ทน."""
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    province = rng.choice(_provinces())
    districts = [d for d in geothai.districts(province.code) if not d.name_th.startswith("เมือง")]
    district = rng.choice(districts or list(geothai.districts(province.code)))
    if kind in ("เทศบาลตำบล", "องค์การบริหารส่วนตำบล"):
        place = rng.choice(geothai.subdistricts(district.code)).name_th
    else:
        place = district.name_th
    return Agency(kind, place, district.name_th, province.name_th)


_SWAPS = (("่", "้"), ("้", "่"), ("ั", ""), ("์", ""), ("ู", "ุ"), ("ี", "ิ"), ("ญ", "ย"), ("ร", "ล"), ("ธ", "ท"),
          ("า", "ั"), ("ษ", "ส"), ("ณ", "น"), ("ศ", "ส"), ("ข", "ค"))


def typo(place: str, rng: random.Random) -> str | None:
    """A one-letter misprint of a place name (a mark dropped or swapped, a look-alike consonant),
    as in the real ``เทศบาลนครหาดใหย่``; None when the name offers no such letter."""
    options = [(i, new) for i, ch in enumerate(place) for old, new in _SWAPS if ch == old and i > 0]
    if not options:
        return None
    i, new = rng.choice(options)
    return place[:i] + new + place[i + 1:]


# --- ITA questions ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    tool: str
    indicator: int  # 1..10
    indicator_name: str
    code: str  # I1, E12, O36
    text: str

    @property
    def number(self) -> int:
        return int(self.code[1:])


@cache
def questions(assessed_year: int) -> tuple[Question, ...]:
    """The questions of one assessed fiscal year: IIT I1–I30, EIT E1–E15, OIT by that year's list."""
    frame = "v1" if assessed_year <= 2565 else "v2"
    with open(HERE / "questions.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return tuple(Question(r["tool"], int(r["indicator"]), r["indicator_name"], r["code"], r["text"])
                 for r in rows if r["frame"] in ("all", frame))


INDICATOR_NAMES = {1: "การปฏิบัติหน้าที่", 2: "การใช้งบประมาณ", 3: "การใช้อำนาจ", 4: "การใช้ทรัพย์สินของราชการ",
                   5: "การแก้ไขปัญหาการทุจริต", 6: "คุณภาพการดำเนินงาน", 7: "ประสิทธิภาพการสื่อสาร",
                   8: "การปรับปรุงระบบการทำงาน", 9: "การเปิดเผยข้อมูล", 10: "การป้องกันการทุจริต"}
INDICATOR_TOOL = {n: ("IIT" if n <= 5 else "EIT" if n <= 8 else "OIT") for n in INDICATOR_NAMES}


def code_printer(style: str, digit: Callable[[object], str]) -> Callable[[Question], str]:
    """How a question code is printed before the issue text: E๑, e1, (E1), E ๑, ข้อ E1."""
    def show(q: Question) -> str:
        letter, n = q.code[0], digit(q.number)
        return {"upper": f"{letter}{n}", "lower": f"{letter.lower()}{n}", "paren": f"({letter}{n})",
                "spaced": f"{letter} {n}", "kho": f"ข้อ {letter}{n}"}[style]
    return show


# --- measures, steps, owners, monitoring, findings ---------------------------------------------
MEASURES = (
    "จัดทำคู่มือมาตรฐานการปฏิบัติงานแต่ละตำแหน่ง เพื่อเจ้าหน้าที่จะได้เข้าใจหน้าที่ตัวเอง",
    "รายงานผู้บริหาร",
    "เผยแพร่ข้อมูลบนเว็บไซต์หน่วยงานและช่องทางอื่นๆ",
    "ผู้บังคับบัญชาแต่ละกองต้องกำชับเจ้าหน้าที่ในการปฏิบัติงาน ในการให้บริการให้เท่าเทียมกัน ไม่เลือกปฏิบัติ",
    "จัดให้มีช่องทางรับฟังความคิดเห็น เช่น กล่องรับความคิดเห็น เว็บไซต์ และเฟซบุ๊กของหน่วยงาน",
    "ลดขั้นตอนและระยะเวลาการให้บริการ และให้บริการตามลำดับการมาติดต่ออย่างเท่าเทียม",
    "เปิดโอกาสให้บุคลากรมีส่วนร่วมในการจัดทำและตรวจสอบการใช้จ่ายงบประมาณ",
    "เผยแพร่แผนการใช้จ่ายงบประมาณให้บุคลากรทราบผ่านการประชุมประจำเดือน",
    "จัดเวทีรับฟังความคิดเห็นของผู้รับบริการเพื่อนำมาปรับปรุงการให้บริการ",
    "ประกาศเจตนารมณ์การต่อต้านการทุจริตของผู้บริหาร",
    "จัดอบรมให้ความรู้เรื่องผลประโยชน์ทับซ้อนแก่บุคลากร",
    "ปรับปรุงข้อมูลบนเว็บไซต์ให้ครบถ้วนและเป็นปัจจุบัน",
    "กำหนดแนวปฏิบัติการยืมทรัพย์สินของราชการให้ชัดเจน",
    "ประชาสัมพันธ์ช่องทางร้องเรียนการทุจริต",
    "จัดทำประกาศนโยบาย No Gift Policy",
    "มอบหมายเจ้าหน้าที่ผู้รับผิดชอบจัดทำรายงานให้ครบถ้วนและเป็นปัจจุบัน",
)
STEPS = (
    "แต่งตั้งคณะทำงานและมอบหมายผู้รับผิดชอบ", "ทบทวนคู่มือการปฏิบัติงานให้เป็นปัจจุบัน",
    "จัดประชุมชี้แจงแนวทางให้บุคลากรทราบ", "ตรวจสอบความถูกต้องของข้อมูลก่อนเผยแพร่",
    "จัดทำประกาศและเผยแพร่บนเว็บไซต์ของหน่วยงาน", "จัดทำแบบสอบถามความคิดเห็นของผู้รับบริการ",
    "สรุปผลการดำเนินงานเสนอผู้บริหาร", "ประชาสัมพันธ์ผ่านเพจเฟซบุ๊กและไลน์กลุ่มของหน่วยงาน",
    "ดำเนินการตามแผน", "ติดตามผล",
)
MONITORING = (
    "เจ้าหน้าที่ผู้รับผิดชอบรายงานผลการดำเนินการให้ผู้บังคับบัญชาทุกเดือน",
    "ผู้บริหารกำกับติดตามการดำเนินการประชาสัมพันธ์การดำเนินการของหน่วยงานบนเว็บไซต์ให้เป็นปัจจุบัน",
    "รายงานผลการดำเนินงานต่อผู้บริหารทุกไตรมาส", "สรุปผลการดำเนินงานรอบ ๖ เดือน และรอบ ๑๒ เดือน",
    "ประเมินผลจากแบบสอบถามความพึงพอใจของผู้รับบริการ", "รายงานผลการดำเนินงานในการประชุมพนักงาน",
    "ปลัดกำกับติดตามการดำเนินการทุกไตรมาส", "รายงานผู้บริหารทราบ",
)
FINDINGS = (
    "ผู้รับบริการยังมีส่วนร่วมในการปรับปรุงการให้บริการของหน่วยงานน้อย",
    "การเปิดโอกาสให้บุคลากรมีส่วนร่วมตรวจสอบการใช้จ่ายงบประมาณยังมีน้อย",
    "บุคลากรส่วนใหญ่ไม่ทราบรายละเอียดแผนการใช้จ่ายงบประมาณประจำปีของหน่วยงาน",
    "ผู้มาติดต่อบางส่วนเห็นว่าขั้นตอนการให้บริการยังใช้เวลานานและไม่ชัดเจน",
    "ข้อมูลบนเว็บไซต์ยังไม่เป็นปัจจุบัน",
    "บุคลากรยังขาดความเข้าใจเรื่องการใช้ทรัพย์สินของราชการ",
)
UNITS = ("สำนักปลัด{k}", "สำนักปลัด{k}/งานธุรการ", "สำนักปลัด{k}/งานประชาสัมพันธ์", "กองคลัง", "กองช่าง",
         "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม", "หน่วยตรวจสอบภายใน", "สำนักปลัด{k}/ทุกกอง",
         "สำนักปลัด{k} และทุกกอง", "งานวิเคราะห์นโยบายและแผน")


def unit_word(agency: Agency) -> str:
    """สำนักปลัดเทศบาล for a municipality, สำนักปลัด อบต. for a subdistrict organisation."""
    return "เทศบาล" if agency.kind.startswith("เทศบาล") else " อบต."


def draw_items(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> list[str]:
    """Distinct items from a pool; sometimes two joined into one long item."""
    n = rng.randint(low, high)
    items = rng.sample(pool, min(n, len(pool)))
    if items and rng.random() < 0.2:
        items[0] = items[0] + " " + rng.choice([p for p in pool if p not in items])
    return items


# --- time frames ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Timeframe:
    text: str
    start: date | None
    end: date | None


def draw_timeframe(rng: random.Random, fiscal_year: int, digit: Callable[[object], str]) -> Timeframe:
    """A time-frame cell and the days it covers, per the contract's examples."""
    fy_start, fy_end = fiscal_bounds(fiscal_year)
    yy = digit(fiscal_year)
    kind = rng.choice(("range", "range_thueng", "within", "whole", "whole_year", "days", "quarter",
                       "quarters", "abbr"))
    m1 = rng.choice((10, 11, 12, 1, 2, 3))
    m2 = rng.choice([m for m in (3, 4, 5, 6, 7, 8, 9) if (m - 10) % 12 > (m1 - 10) % 12])
    y1, y2 = month_year_ce(fiscal_year, m1), month_year_ce(fiscal_year, m2)
    start, end = date(y1, m1, 1), month_end(y2, m2)
    if kind in ("range", "range_thueng"):
        sep = " - " if kind == "range" else " ถึง "
        left = MONTHS[m1] + (f" {digit(y1 + BE_OFFSET)}" if y1 != y2 or rng.random() < 0.5 else "")
        return Timeframe(f"{left}{sep}{MONTHS[m2]} {digit(y2 + BE_OFFSET)}", start, end)
    if kind == "abbr":
        return Timeframe(f"{MONTHS_ABBR[m1]} {digit((y1 + BE_OFFSET) % 100)} - {MONTHS_ABBR[m2]} "
                         f"{digit((y2 + BE_OFFSET) % 100)}", start, end)
    if kind == "within":
        return Timeframe(f"ภายในเดือน{MONTHS[m2]} {digit(y2 + BE_OFFSET)}", None, end)
    if kind == "whole":
        return Timeframe("ตลอดปีงบประมาณ", fy_start, fy_end)
    if kind == "whole_year":
        return Timeframe(f"ตลอดปีงบประมาณ พ.ศ. {yy}", fy_start, fy_end)
    if kind == "days":
        d1 = date(y1, m1, rng.randint(1, 15))
        sep = rng.choice((" - ", " "))
        return Timeframe(f"{digit(d1.day)} {MONTHS[m1]}{sep}{digit(end.day)} {MONTHS[m2]} {digit(y2 + BE_OFFSET)}",
                         d1, end)
    q_start = [date(fy_start.year, 10, 1), date(fy_end.year, 1, 1), date(fy_end.year, 4, 1), date(fy_end.year, 7, 1)]
    q_stop = [q - timedelta(days=1) for q in q_start[1:]] + [fy_end]
    if kind == "quarter":
        q = rng.randint(1, 4)
        return Timeframe(f"ไตรมาสที่ {digit(q)}", q_start[q - 1], q_stop[q - 1])
    q1 = rng.randint(1, 3)
    q2 = rng.randint(q1 + 1, 4)
    return Timeframe(f"ไตรมาสที่ {digit(q1)} - {digit(q2)}", q_start[q1 - 1], q_stop[q2 - 1])


# --- results of a round -----------------------------------------------------------------------
DONE_PHRASES = ("ดำเนินการแล้ว เมื่อวันที่ {d}", "ดำเนินการเมื่อวันที่ {d}", "จัดทำแล้วเสร็จ ณ วันที่ {d}",
                "รายงานผู้บริหารทราบ เมื่อ {d}", "เผยแพร่ข้อมูลบนเว็บไซต์แล้ว เมื่อวันที่ {d}")
UNDATED_DONE = ("ดำเนินการแล้ว", "ดำเนินการแล้วเสร็จ")
IN_PROGRESS = ("อยู่ระหว่างดำเนินการ", "อยู่ระหว่างดำเนินการจัดทำคู่มือ", "อยู่ระหว่างดำเนินการ รวบรวมข้อมูล")
NOT_STARTED = ("ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "ยังไม่ได้ดำเนินการ เนื่องจากรอการจัดสรรงบประมาณ")


@dataclass(frozen=True)
class Results:
    items: list[str]
    dates: list[date]
    status: str


def draw_results(rng: random.Random, period: tuple[date, date], date_styles: list[str],
                 digit: Callable[[object], str]) -> Results:
    """A results cell in one status only (done / in_progress / not_started), so status is certain."""
    status = rng.choices(("done", "in_progress", "not_started"), (0.75, 0.15, 0.1))[0]
    if status == "in_progress":
        return Results([rng.choice(IN_PROGRESS)], [], status)
    if status == "not_started":
        return Results([rng.choice(NOT_STARTED)], [], status)
    if rng.random() < 0.1:
        return Results([rng.choice(UNDATED_DONE)], [], status)
    span = (period[1] - period[0]).days
    days = sorted(period[0] + timedelta(days=rng.randint(0, span)) for _ in range(rng.randint(1, 3)))
    phrases = rng.sample(DONE_PHRASES, len(days))
    items = [p.format(d=format_date(d, rng.choice(date_styles), digit)) for p, d in zip(phrases, days)]
    return Results(items, days, status)


def section_text(tool: str, wording: int, digit: Callable[[object], str]) -> str:
    """A section row introducing one tool's items below 85."""
    names = {"IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน", "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
             "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ"}
    return (f"เครื่องมือการประเมิน {tool} คะแนนต่ำกว่า {digit(85)} คะแนน",
            f"เครื่องมือการประเมิน {tool} ที่ได้คะแนนต่ำกว่า {digit(85)} คะแนน",
            f"{names[tool]} ({tool}) ที่ได้คะแนนต่ำกว่า {digit(85)} คะแนน")[wording]
