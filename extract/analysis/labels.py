"""The summary's words, Thai and English, defined once for the charts and the page.

NACC analysts read Thai; researchers abroad read English; each label carries both,
Thai first: ``label("done")`` → ``'ดำเนินการแล้ว · done'``.
"""

from __future__ import annotations

from datetime import date

THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
BUDDHIST_ERA = 543  # years between the Common and the Buddhist era
PASS_SCORE = 85  # the ITA pass mark (ผ่าน); below it a question goes into next year's measures
EXCELLENT_SCORE = 95  # ผ่านดีเยี่ยม

LABELS: dict[str, tuple[str, str]] = {
    # plan ↔ report categories (the plan_progress view)
    "done": ("ดำเนินการแล้ว", "done"),
    "in_progress": ("อยู่ระหว่างดำเนินการ", "in progress"),
    "not_started": ("ยังไม่ดำเนินการ", "not started"),
    "unknown": ("รายงานแล้ว ไม่ทราบสถานะ", "reported, status not read"),
    "not_reported": ("ไม่ได้รายงาน", "not reported"),
    # counts
    "reports": ("รายงาน", "reports"),
    "agencies": ("หน่วยงาน", "agencies"),
    "records": ("รายการ", "records"),
    "files": ("ไฟล์", "files"),
    "failed": ("อ่านไม่ได้", "failed"),
    "no_records": ("ไม่มีรายการ", "no records"),
    "scored": ("หน่วยงานที่มีคะแนน", "agencies with scores"),
    # axes and headings
    "agencies_addressing": ("จำนวนหน่วยงานที่มีมาตรการ", "agencies addressing the question"),
    "question": ("ข้อคำถาม", "question"),
    "planned_questions": ("ข้อคำถามตามมาตรการ", "planned questions"),
    "total_score": ("คะแนนรวม ITA", "total ITA score"),
    "agency_type": ("ประเภทหน่วยงาน", "agency type"),
    "indicator": ("ตัวชี้วัด", "indicator"),
    "mean_score": ("คะแนนเฉลี่ย", "mean score"),
    "actions_per_month": ("จำนวนการดำเนินการต่อเดือน", "actions per month"),
    "fiscal_year": ("ปีงบประมาณ", "fiscal year"),
    "pass": ("ผ่าน", "pass"),
    "excellent": ("ผ่านดีเยี่ยม", "excellent"),
}


def label(key: str, sep: str = " · ") -> str:
    """Thai and English for ``key``: ``label("failed")`` → ``'อ่านไม่ได้ · failed'``."""
    thai, english = LABELS[key]
    return f"{thai}{sep}{english}"


def thai_month(day: date) -> str:
    """A month as Thai readers write it, Buddhist era: ``date(2024, 1, 25)`` → ``'ม.ค. 67'``."""
    return f"{THAI_MONTHS[day.month - 1]} {(day.year + BUDDHIST_ERA) % 100:02d}"


def fiscal_year_of(day: date) -> int:
    """The Buddhist-era fiscal year a day falls in (it starts on 1 October): 2023-10-01 → 2567."""
    return day.year + BUDDHIST_ERA + (1 if day.month >= 10 else 0)
