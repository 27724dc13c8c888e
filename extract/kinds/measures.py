"""The measures document kind: its columns' wordings, and a row → a contract record.

Covers the integrity-measures table (มาตรการส่งเสริมคุณธรรมและความโปร่งใส…) and the 6-/12-month
reports on carrying it out (รายงานการดำเนินการตามมาตรการ…): one record per issue with who is
responsible, the measures, monitoring and what was done.
"""

from __future__ import annotations

import re

from ...schema import Record
from ..errors import Notice
from ..table.cells import flatten, join_lines, split_items
from ..table.rows import LogicalRow
from ..table.vocabulary import TableVocabulary
from ..thai.codes import split_indicator, tool_in_text, tool_of
from ..thai.dates import find_thai_dates
from ..thai.repair import repair_thai_text_checked, to_arabic_digits

# Column roles, each with the header wordings agencies use. The role whose wording starts
# earliest in a header cell wins, so "มาตรการ/แนวทางการดำเนินการ" is measures and
# "การดำเนินการ" alone is actions; more specific wordings are listed first.
MEASURES = TableVocabulary(
    roles=(
        ("row", re.compile(r"^(ลำดับ|ลําดับ|ที่$|ข้อที่$|no\.?$)", re.IGNORECASE)),
        ("indicator", re.compile(r"^(ตัวชี้วัด|รหัส|ข้อคำถาม(?!.*ประเด็น))")),
        ("issue", re.compile(r"ประเด็น|ข้อบกพร่อง|จุดอ่อน|ปัญหา|ตัวชี้วัด")),
        ("responsible", re.compile(r"ผู้รับผิดชอบ|ผู้รับผิดชอบ|หน่วยงานที่รับผิดชอบ|รับผิดชอบ")),
        ("measures", re.compile(r"มาตรการ|ขั้นตอน|วิธีการ|แนวทาง|กิจกรรม|โครงการ")),
        ("actions", re.compile(r"^(ผล)?การดำเนิน(การ|งาน)|ผลการดำเนิน|ผลการปฏิบัติ|สถานะ|หลักฐาน")),
        ("monitoring", re.compile(r"กำกับ|ติดตาม|รายงานผล|ระยะเวลา|กำหนดเวลา|ห้วงเวลา")),
    ),
    header_roles=frozenset({"issue", "responsible", "measures", "actions", "monitoring"}),
    unique=frozenset({"row", "issue", "responsible", "indicator"}),
    number_role="row",
    code_roles=("issue", "indicator"),
)
LIST_ROLES = ("measures", "monitoring", "actions")
TITLE_REPORT = re.compile(r"^รายงาน.*การดำเนินการ|^รายงานผล")


def document_type(title: str | None, roles: set[str]) -> str:
    """measures_report when the report has results (title or an actions column), else measures."""
    if title and TITLE_REPORT.search(title):
        return "measures_report"
    if title and title.startswith("มาตรการ"):
        return "measures_report" if "actions" in roles else "measures"
    if "actions" in roles:
        return "measures_report"
    return "measures" if roles else "unknown"


def to_records(rows: list[LogicalRow]) -> tuple[list[Record], list[Notice]]:
    """Contract records for the rows with content in a known column, and the repairs made on the way."""
    records: list[Record] = []
    notices: list[Notice] = []
    for row in rows:
        record, found = to_record(row, len(records) + 1)
        notices.extend(found)
        if record is not None:
            records.append(record)
    return records, notices


def to_record(row: LogicalRow, number: int) -> tuple[Record | None, list[Notice]]:
    """A contract record (None for a row with no content in any known column) and its repair notices."""
    notices: list[Notice] = []

    def repaired(value: str) -> str:
        fixed, codes = repair_thai_text_checked(value)
        notices.extend(Notice(code, f"text repaired or doubtful: {fixed[:60]}", row.page_start) for code in codes)
        return fixed

    def text(role: str) -> str | None:
        value = flatten(join_lines(row.cells.get(role, ())))
        return repaired(value) if value else None

    issue, code = text("issue"), None
    if issue:
        code, rest = split_indicator(issue)
        issue = rest.strip() or None
    if ind_text := text("indicator"):
        code = split_indicator(ind_text)[0] or code
    lists = {role: [repaired(t) for t in split_items(row.cells.get(role, ()))] for role in LIST_ROLES}
    responsible = text("responsible")
    if not (issue or code or responsible or any(lists.values())):
        return None, notices
    tool = tool_of(code) if code else (tool_in_text(row.section) if row.section else None)
    record = Record(
        row=_row_number(row) or number,
        section=row.section,
        tool=tool,
        indicator=code,
        issue=issue,
        responsible=responsible,
        action_dates=[d for entry in lists["actions"] for d in find_thai_dates(entry)],
        page_start=row.page_start,
        page_end=row.page_end,
        **lists,
    )
    return record, notices


def _row_number(row: LogicalRow) -> int | None:
    text = to_arabic_digits(row.first_text("row")).strip(". ")
    return int(text) if text.isdigit() and int(text) > 0 else None
