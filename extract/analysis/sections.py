"""The summary's sections, one function each: the facts of one question, drawn and tabled.

Each returns the section's HTML and the charts it drew; where a batch has nothing for a
section (no plans, no printed scores, no dated actions) the section says so in both
languages instead of leaving a gap or failing.
"""

from __future__ import annotations

import sqlite3

from . import charts, facts
from .labels import label
from .page import COUNT, SCORE, YEAR, Column, cards, figure, filter_box, note, section, table

Section = tuple[str, list[charts.Chart]]  # the section's HTML and the charts in it


def overview(con: sqlite3.Connection) -> Section:
    """How many reports, agencies and records; which files failed or gave no records, and why."""
    count = facts.counts(con)
    body = cards([
        (label("reports"), count.reports, False), (label("agencies"), count.agencies, False),
        (label("records"), count.records, False), (label("files"), count.files, False),
        (label("failed"), count.failed, True), (label("no_records"), count.no_records, True),
        (label("scored"), count.scored, False),
    ])  # fmt: skip
    drawn = [c for c in [charts.outcomes_chart(facts.file_outcomes(con))] if c]
    body += "".join(figure(c) for c in drawn)
    problems = facts.file_problems(con)
    if problems.empty:
        body += note("ทุกไฟล์อ่านได้และมีรายการ · Every file was read and gave records.", "problems")
    else:
        body += "<h3>ไฟล์ที่อ่านไม่ได้หรือไม่มีรายการ · Files that failed or gave no records</h3>" + table(
            problems,
            [Column("file", "ไฟล์ · file"), Column("problem", "ปัญหา · problem"), Column("code", "รหัส · code"),
             Column("reason", "เหตุผล · reason")],
            "problems",
        )  # fmt: skip
    if count.reports == 0:
        body = note("ไม่มีรายงานในข้อมูลนี้ · There are no reports in these inputs.", "reports") + body
    return section("overview", "ภาพรวม · Overview", body), drawn


def questions(con: sqlite3.Connection) -> Section:
    """The questions most agencies address, per fiscal year, by tool."""
    frame = facts.questions_addressed(con)
    drawn = [c for year, rows in frame.groupby("fiscal_year", sort=False)
             if (c := charts.questions_chart(rows, int(year)))]  # fmt: skip
    explain = (
        '<p class="explain">จำนวนหน่วยงานที่มีมาตรการหรือรายงานผลในแต่ละข้อคำถาม (สูงสุด 10 ข้อต่อเครื่องมือ) · '
        "How many agencies' measures or reports address each question (top 10 per tool).</p>"
    )
    body = explain + "".join(figure(c) for c in drawn) if drawn else note(
        "ไม่มีรายการที่ระบุข้อคำถามและปีงบประมาณ · No records with a question code and a fiscal year.", "questions")
    return section("questions", "ข้อคำถามที่มีมาตรการมากที่สุด · Questions most addressed", body), drawn


PROGRESS_COLUMNS = [
    Column("agency_name", "หน่วยงาน · agency"), Column("agency_type", label("agency_type")),
    Column("fiscal_year", "ปีงบประมาณ · FY", YEAR),
    *(Column(key, label(key), COUNT) for key in facts.PROGRESS),
    Column("planned", label("planned_questions"), COUNT),
]  # fmt: skip
JOIN_COLUMNS = [
    Column("agency_name", "หน่วยงาน · agency"), Column("fiscal_year", "ปีงบประมาณ · FY", YEAR),
    Column("tool", "เครื่องมือ · tool"), Column("indicator", label("question")), Column("progress", "สถานะ · status"),
    Column("report_round", "รอบรายงาน (เดือน) · report round (months)", YEAR),
]  # fmt: skip


def progress(con: sqlite3.Connection) -> Section:
    """Each agency's planned measures joined to its 6-/12-month reports of the same year and question."""
    wide = facts.plan_progress(con)
    explain = (
        '<p class="explain">มาตรการของแต่ละหน่วยงาน (เอกสารมาตรการ) จับคู่กับรายงานผลรอบ 6 และ 12 เดือน '
        "ของหน่วยงานและปีงบประมาณเดียวกัน ตามรหัสข้อคำถาม โดยใช้รายงานล่าสุดที่กล่าวถึงข้อนั้น · "
        "Each agency's plan (its measures document) joined to its 6- and 12-month reports of the same fiscal "
        "year by question code; the latest report naming the code decides.</p>"
    )
    if wide.empty:
        body = note("ไม่มีเอกสารมาตรการ (แผน) ที่จับคู่ได้ · No measures documents (plans) with an agency, "
                    "a fiscal year and question codes.", "progress")  # fmt: skip
        return section("progress", "แผน กับ ผลการดำเนินงาน · Plans and reports", explain + body), []
    drawn = [c for c in [charts.progress_chart(wide)] if c]
    shown = "" if len(wide) <= charts.MAX_AGENCY_BARS else (
        f'<p class="explain">แผนภูมิแสดง {charts.MAX_AGENCY_BARS} จาก {len(wide)} แถว · The chart shows '
        f"{charts.MAX_AGENCY_BARS} of {len(wide)} rows; the table lists all.</p>")  # fmt: skip
    rows = facts.plan_progress_rows(con)
    rows["progress"] = rows["progress"].map(label)
    body = explain + "".join(figure(c) for c in drawn) + shown + table(wide, PROGRESS_COLUMNS, "progress-table")
    body += "<details><summary>รายข้อคำถาม · Per question</summary>" + table(rows, JOIN_COLUMNS, "join") + "</details>"
    return section("progress", "แผน กับ ผลการดำเนินงาน · Plans and reports", body), drawn


def scores(con: sqlite3.Connection) -> Section:
    """Score distributions where documents print ITA results: histogram, box plot, heat map."""
    totals, indicators = facts.totals(con), facts.indicator_scores(con)
    drawn = [c for c in (charts.score_histogram(totals), charts.score_boxplot(totals),
                         charts.indicator_heatmap(indicators)) if c]  # fmt: skip
    if not drawn:
        body = note("ไม่มีเอกสารที่พิมพ์คะแนน ITA · No document in these inputs prints ITA scores.", "scores")
    else:
        body = (
            f'<p class="explain">คะแนนของแต่ละหน่วยงานนับครั้งเดียวต่อปีที่ประเมิน เส้นประ: {label("pass")} '
            f"85, {label('excellent')} 95 · Each agency counted once per assessed year.</p>"
            + "".join(figure(c) for c in drawn)
        )
    return section("scores", "คะแนน ITA · ITA scores", body), drawn


def timeline(con: sqlite3.Connection) -> Section:
    """When the reported actions took place, month by month over the fiscal years."""
    chart = charts.timeline_chart(facts.action_dates(con))
    body = figure(chart) if chart else note(
        "ไม่มีวันที่ดำเนินการในรายงาน · No action dates in these reports.", "timeline")  # fmt: skip
    return section("timeline", "วันที่ดำเนินการ · Action dates", body), [chart] if chart else []


AGENCY_COLUMNS = [
    Column("agency_name", "หน่วยงาน · agency"), Column("agency_type", label("agency_type")),
    Column("province", "จังหวัด · province"), Column("fiscal_years", "ปีงบประมาณ · fiscal years"),
    Column("plans", "แผน · plans", COUNT), Column("reports", "รายงานผล · reports", COUNT),
    Column("records", label("records"), COUNT), Column("done", label("done"), COUNT),
    Column("planned", label("planned_questions"), COUNT),
    Column("latest_total", "คะแนนล่าสุด · latest score", SCORE),
    Column("assessed_year", "ปีที่ประเมิน · assessed year", YEAR),
    Column("warnings", "คำเตือน · warnings", COUNT),
]  # fmt: skip


def agencies(con: sqlite3.Connection) -> Section:
    """Every agency in one sortable, filterable table."""
    frame = facts.agencies(con)
    if frame.empty:
        body = note("ไม่มีรายงานที่ระบุชื่อหน่วยงาน · No report names its agency.", "agencies")
    else:
        body = filter_box("agencies-table", len(frame), "เช่น ศรีสะเกษ, เทศบาล, 2567") + table(
            frame, AGENCY_COLUMNS, "agencies-table")  # fmt: skip
    return section("agencies", "หน่วยงาน · Agencies", body), []
