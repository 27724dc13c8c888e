"""What a row's results column (การดำเนินการ / ผลการดำเนินงาน) says of its measure: done, under way, not begun.

Each action is read on its own, negations first, because the words overlap:
"ยังไม่แล้วเสร็จ" (not finished) holds "แล้วเสร็จ" (finished), and "ยังไม่ได้ดำเนินการ
เนื่องจากอยู่ระหว่างรอ…" (not begun, waiting for funds) holds "อยู่ระหว่าง" (under way).
A dated action ("ดำเนินการเมื่อ ๒๐ ก.พ. ๖๖") reports something done. Reporting or follow-up
still under way ("อยู่ระหว่างรายงานผู้บริหาร", "อยู่ระหว่างติดตามผล") does not undo a measure
carried out; alone, it says the work is under way. The row is done when what it reports
is done, not begun when every action is not begun, and under way otherwise.

>>> status_of(["ดำเนินการเมื่อ ๒๐ ก.พ. ๖๖ และ ๑ มี.ค. ๖๖"], [])
'done'
>>> status_of(["อยู่ระหว่างดำเนินการ ยังไม่แล้วเสร็จ"], [])
'in_progress'
>>> status_of(["ยังไม่ได้ดำเนินการ เนื่องจากอยู่ระหว่างรอการจัดสรรงบประมาณ"], [])
'not_started'
>>> status_of(["ดำเนินการแล้ว ณ วันที่ ๒๒ ม.ค. ๖๗", "อยู่ระหว่างติดตามผลการดำเนินการ"], [])
'done'
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

from .dates import find_thai_dates

Status = Literal["done", "in_progress", "not_started"]
Said = Literal["done", "in_progress", "not_started", "follow_up"]

# Matched on text without spaces ("ดำเนินการ แล้ว" is typed both ways), in this order.
NOT_STARTED = ("ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "ยังไม่ได้เริ่ม", "ยังไม่เริ่ม", "ไม่ได้ดำเนินการ", "ยังไม่มีการดำเนินการ")
IN_PROGRESS = ("อยู่ระหว่างดำเนินการ", "อยู่ระหว่างการดำเนินการ", "กำลังดำเนินการ", "ยังไม่แล้วเสร็จ", "ยังไม่เสร็จ",
               "ดำเนินการบางส่วน", "แล้วบางส่วน")
DONE = ("แล้ว", "เสร็จสิ้น", "เรียบร้อย")  # ดำเนินการแล้ว, แล้วเสร็จ, รายงานผู้บริหารทราบแล้ว, เสร็จเรียบร้อย
UNDER_WAY = "อยู่ระหว่าง"  # anything else under way: reporting, follow-up, waiting


def action_status(action: str) -> Said | None:
    """One action's own wording: ``"จัดทำคู่มือแล้วเสร็จ ณ วันที่ ๒๔ ม.ค. ๒๕๖๖"`` → ``"done"``; None if it says nothing.

    ``"follow_up"``: only something besides the measure is under way ("อยู่ระหว่างรายงานผู้บริหาร").
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", action))
    if any(w in text for w in NOT_STARTED):
        return "not_started"
    if any(w in text for w in IN_PROGRESS):
        return "in_progress"
    if any(w in text for w in DONE) or find_thai_dates(action):
        return "done"
    return "follow_up" if UNDER_WAY in text else None


def status_of(actions: Sequence[str], action_dates: Sequence[datetime.date] = ()) -> Status | None:
    """The row's status from its actions (and the dates found in them); None when there is no results text.

    An action that says nothing of its state counts as done when the row names a date
    (the record's ``action_dates``) and is left out otherwise; a row none of whose actions
    says anything has no status.
    """
    texts = [a for a in actions if a and a.strip()]
    if not texts:
        return None
    found = [action_status(a) or ("done" if action_dates else None) for a in texts]
    said = {s for s in found if s is not None}
    if not said:
        return None
    if said <= {"done", "follow_up"}:
        return "done" if "done" in said else "in_progress"
    if said == {"not_started"}:
        return "not_started"
    return "in_progress"
