"""The measures document kind: its columns' wordings, and a row → a contract record.

Covers the integrity-measures table (มาตรการส่งเสริมคุณธรรมและความโปร่งใส…) and the 6-/12-month
reports on carrying it out (รายงานการดำเนินการตามมาตรการ…): one record per issue with who is
responsible, the measures, monitoring and what was done.
"""

from __future__ import annotations

import re
from itertools import takewhile

from ...schema import Record
from ..errors import Notice
from ..table.cells import flatten, join_lines, split_items
from ..table.rows import LogicalRow
from ..table.vocabulary import TableVocabulary
from ..thai.codes import split_indicator, tool_in_text, tool_of
from ..thai.dates import find_thai_dates
from ..thai.repair import repair_thai_text_checked, to_arabic_digits
from ..thai.status import status_of
from ..thai.timeframe import parse_timeframe
from ..thai.wording import official_lines

# Column roles, each with the header wordings agencies use. The role whose wording starts
# earliest in a header cell wins, so "มาตรการ/แนวทางการดำเนินการ" is measures and
# "การดำเนินการ" alone is actions; more specific wordings are listed first.
MEASURES = TableVocabulary(
    roles=(
        ("row", re.compile(r"^(ลำดับ|ลําดับ|ที่$|ข้อที่$|no\.?$)", re.IGNORECASE)),
        ("indicator", re.compile(r"^(ตัวชี้วัด|รหัส|ข้อคำถาม(?!.*ประเด็น))")),
        ("issue", re.compile(r"ประเด็น|ข้อบกพร่อง|จุดอ่อน|ปัญหา|ตัวชี้วัด")),
        ("score", re.compile(r"^(ผลการประเมิน|ผลคะแนน|คะแนน)|\(คะแนน\)")),
        ("findings", re.compile(r"ข้อค้นพบ|^ผลการวิเคราะห์")),
        ("responsible", re.compile(r"ผู้รับผิดชอบ|หน่วยงานที่รับผิดชอบ|รับผิดชอบ")),
        ("steps", re.compile(r"^ขั้นตอน")),
        ("measures", re.compile(r"มาตรการ|ขั้นตอน|วิธีการ|แนวทาง|กิจกรรม|โครงการ")),
        ("actions", re.compile(r"^(ผล)?การดำเนิน(การ|งาน)|ผลการดำเนิน|ผลการปฏิบัติ|สถานะ|หลักฐาน")),
        ("timeframe", re.compile(r"^(ระยะเวลา|กำหนดเวลา|ห้วงเวลา|กรอบเวลา|ช่วงเวลา)")),
        ("monitoring", re.compile(r"กำกับ|ติดตาม|รายงานผล|ระยะเวลา|กำหนดเวลา|ห้วงเวลา")),
    ),
    header_roles=frozenset({"issue", "findings", "responsible", "steps", "measures", "actions", "timeframe", "monitoring"}),
    unique=frozenset({"row", "issue", "score", "findings", "responsible", "indicator", "steps", "timeframe"}),
    number_role="row",
    code_roles=("issue", "indicator"),
    # "ขั้นตอนหรือวิธีการ/มาตรการ" in a table with no other measure column is the measures
    fallbacks=(("steps", "measures"),),
    keys=frozenset({"issue", "indicator"}),
    openings=official_lines(),  # an issue cell opens with the question of its code
    single_valued=frozenset({"score"}),
)
LIST_ROLES = ("measures", "steps", "monitoring", "actions")
SCORE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)(?![\d])")
TITLE_REPORT = re.compile(r"^รายงาน.*การดำเนินการ|^รายงานผล")
TITLE_MEASURES = re.compile(r"มาตรการ")


def document_type(title: str | None, roles: set[str]) -> str:
    """measures_report when the report has results (its title or an actions column), measures for the
    measures themselves, unknown when neither the title nor a table says either.

    The title alone decides only when it names the measures (มาตรการ): "รายงานผลการจัดซื้อจัดจ้าง"
    is a report, but not on measures.
    """
    names_measures = bool(title and TITLE_MEASURES.search(title))
    if "actions" in roles or (names_measures and TITLE_REPORT.search(title or "")):
        return "measures_report"
    return "measures" if roles or names_measures else "unknown"


def to_records(rows: list[LogicalRow], fiscal_year: int | None = None) -> tuple[list[Record], list[Notice]]:
    """Contract records for the rows with content in a known column, and the repairs made on the way.

    ``fiscal_year`` (BE, the document's) gives a time frame printed without a year its year.
    """
    records: list[Record] = []
    notices: list[Notice] = []
    for row in rows:
        record, found = to_record(row, len(records) + 1, fiscal_year)
        notices.extend(found)
        if record is not None:
            records.append(record)
        elif printed := " ".join(" ".join(row.printed).split()):
            message = f"a table row with no issue, code, responsible, findings or measures was left out: {printed[:80]}"
            notices.append(Notice("row_dropped", message, row.page_start))
    return records, notices


def no_records(title: str | None, records: list[Record], tables: int) -> list[Notice]:
    """A measures document (its title names มาตรการ) that gave no record says so: data is never lost in silence."""
    if records or not title or not TITLE_MEASURES.search(title):
        return []
    seen = f"{tables} table page(s) were found but gave no rows" if tables else "no measures table was found"
    return [Notice("no_records", f"the title names measures ({title[:60]}) but {seen}")]


def to_record(row: LogicalRow, number: int, fiscal_year: int | None = None) -> tuple[Record | None, list[Notice]]:
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
    responsible, findings, timeframe = text("responsible"), text("findings"), text("timeframe")
    if not (issue or code or responsible or findings or any(lists.values())):
        return None, notices
    score, score_notices = score_of(text("score"), row.page_start)
    action_dates = [d for entry in lists["actions"] for d in find_thai_dates(entry)]
    start, end = parse_timeframe(timeframe, fiscal_year)
    record = Record(
        row=_row_number(row) or number,
        section=row.section,
        tool=tool_of(code) if code else (tool_in_text(row.section) if row.section else None),
        indicator=code,
        issue=issue,
        score=score,
        findings=findings,
        responsible=responsible,
        timeframe=timeframe,
        timeframe_start=start,
        timeframe_end=end,
        status=status_of(lists["actions"], action_dates),
        action_dates=action_dates,
        page_start=row.page_start,
        page_end=row.page_end,
        **lists,
    )
    return record, [*notices, *score_notices]


def score_of(text: str | None, page: int) -> tuple[float | None, list[Notice]]:
    """The row's printed score as a number (Thai or Arabic digits): ``"๗๖.๘๗"`` → 76.87.

    A score cell with no number in it, or with a number outside 0–100, is left empty with a
    warning: a misread is never passed on as a score. A narrow column wraps a number
    between its digits ("๗" over "๕.๙๗"): the cell holds one score, so digits parted
    only by the wrap are one number again.
    """
    if text is None:
        return None, []
    digits = re.sub(r"(?<=[\d.])\s+(?=[\d.])", "", to_arabic_digits(text).replace(",", "."))
    found = SCORE.search(digits)
    value = float(found.group(1)) if found else None
    if value is None or not 0 <= value <= 100:
        return None, [Notice("score_unreadable", f"score cell {text!r} holds no score from 0 to 100; left empty", page)]
    return value, []


def _row_number(row: LogicalRow) -> int | None:
    """The printed row number; a narrow number column wraps it between digits ("๑" over "๐")."""
    lines = [to_arabic_digits(line.text).strip(". ") for line in row.cells.get("row", ())]
    text = "".join(takewhile(str.isdigit, lines))
    return int(text) if text and int(text) > 0 else None
