"""What the summary page shows, read from an analysis database as pandas tables (one query each).

Each function answers one of the analysts' questions from the tables and views of
``schema.sql``; the charts and the page only draw what comes back. An agency's ITA results
are often printed in several of its documents of one year (the plan and both rounds), so
scores are counted once per agency and assessed year, not once per document.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

PROGRESS = ("done", "in_progress", "not_started", "unknown", "not_reported")  # the plan_progress categories
TOOLS = ("IIT", "EIT", "OIT")


def agency_key(alias: str = "") -> str:
    """SQL naming a document's agency; an unnamed agency stands alone, under its file name in brackets."""
    prefix = f"{alias}." if alias else ""
    return f"coalesce({prefix}agency_name, '(' || {prefix}file || ')')"


def _frame(con: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Any:
    import pandas as pd

    return pd.read_sql_query(sql, con, params=params)


@dataclass(frozen=True)
class Counts:
    """The page's first line: how much was read and how much could not be."""

    reports: int
    agencies: int
    records: int
    files: int
    failed: int
    no_records: int
    scored: int


def counts(con: sqlite3.Connection) -> Counts:
    """Reports, named agencies, records, input files, failed files, reports with no records, scored agencies."""
    one = lambda sql: con.execute(sql).fetchone()[0] or 0  # noqa: E731 - five one-line queries
    return Counts(
        reports=one("SELECT count(*) FROM reports"),
        agencies=one("SELECT count(DISTINCT agency_name) FROM reports"),
        records=one("SELECT count(*) FROM records"),
        files=one("SELECT count(*) FROM files"),
        failed=one("SELECT count(*) FROM files WHERE status = 'failed'"),
        no_records=one("SELECT count(*) FROM reports WHERE records = 0"),
        scored=one(f"SELECT count(DISTINCT {agency_key()} || '/' || coalesce(assessed_year, '')) FROM reports "
                   "WHERE total IS NOT NULL"),
    )  # fmt: skip


def file_outcomes(con: sqlite3.Connection) -> Any:
    """Input files by outcome: ok, warning, skipped, failed per error code, and reports with no records."""
    return _frame(con, """
        SELECT CASE WHEN status = 'failed' THEN 'failed: ' || coalesce(error, '?') ELSE status END AS outcome,
               count(*) AS files
        FROM files GROUP BY outcome
        UNION ALL
        SELECT 'no records', count(*) FROM reports WHERE records = 0 HAVING count(*) > 0
        ORDER BY files DESC, outcome""")  # fmt: skip


def file_problems(con: sqlite3.Connection) -> Any:
    """Files that failed (with the error and message) and reports that gave no records (with their warnings)."""
    return _frame(con, """
        SELECT path AS file, 'failed' AS problem, coalesce(error, '') AS code, coalesce(message, '') AS reason
        FROM files WHERE status = 'failed'
        UNION ALL
        SELECT coalesce(d.path, d.file), 'no records', coalesce(group_concat(DISTINCT w.code), ''),
               coalesce(group_concat(w.message, ' | '), d.document_type)
        FROM reports AS d LEFT JOIN warnings AS w USING (sha256)
        WHERE d.records = 0 GROUP BY d.sha256
        ORDER BY problem, file""")  # fmt: skip


def questions_addressed(con: sqlite3.Connection) -> Any:
    """Per fiscal year, tool and question code: how many agencies' measures or reports address it."""
    return _frame(con, f"""
        SELECT d.fiscal_year, r.tool, r.indicator, count(DISTINCT {agency_key("d")}) AS agencies,
               count(*) AS records
        FROM records AS r JOIN reports AS d USING (sha256)
        WHERE r.indicator IS NOT NULL AND r.tool IS NOT NULL AND d.fiscal_year IS NOT NULL
        GROUP BY d.fiscal_year, r.tool, r.indicator
        ORDER BY d.fiscal_year DESC, r.tool, agencies DESC, records DESC, length(r.indicator), r.indicator""")  # fmt: skip


def plan_progress(con: sqlite3.Connection) -> Any:
    """Per agency and fiscal year, how many planned question codes each category holds (wide table)."""
    frame = _frame(con, """
        SELECT agency_name, agency_type, fiscal_year, progress, count(*) AS questions
        FROM plan_progress GROUP BY agency_name, agency_type, fiscal_year, progress""")
    index = ["agency_name", "agency_type", "fiscal_year"]
    if frame.empty:
        return frame.reindex(columns=[*index, *PROGRESS, "planned"])
    wide = frame.pivot_table(index=index, columns="progress", values="questions", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(PROGRESS), fill_value=0).reset_index()
    wide["planned"] = wide[list(PROGRESS)].sum(axis=1)
    return wide.sort_values(["fiscal_year", "agency_name"], ascending=[False, True]).reset_index(drop=True)


def plan_progress_rows(con: sqlite3.Connection) -> Any:
    """The plan ↔ report join itself: one row per agency, fiscal year and planned question code."""
    return _frame(con, """
        SELECT agency_name, fiscal_year, tool, indicator, progress, report_round
        FROM plan_progress ORDER BY fiscal_year DESC, agency_name, tool, length(indicator), indicator""")


def totals(con: sqlite3.Connection) -> Any:
    """The total ITA score once per agency and assessed year, with the agency type."""
    return _frame(con, f"""
        SELECT {agency_key()} AS agency, coalesce(agency_type, '?') AS agency_type, assessed_year, avg(total) AS total
        FROM reports WHERE total IS NOT NULL
        GROUP BY agency, assessed_year ORDER BY agency_type, agency""")  # fmt: skip


def indicator_scores(con: sqlite3.Connection) -> Any:
    """Mean indicator score (ตัวชี้วัดที่ 1–10) per agency type, each agency and year counted once."""
    return _frame(con, f"""
        WITH per_agency AS (
            SELECT {agency_key("d")} AS agency,
                   coalesce(d.agency_type, '?') AS agency_type, d.assessed_year, s.code, avg(s.score) AS score
            FROM scores AS s JOIN reports AS d USING (sha256)
            WHERE s.level = 'indicator'
            GROUP BY agency, d.assessed_year, s.code)
        SELECT agency_type, code, avg(score) AS score, count(*) AS agencies
        FROM per_agency GROUP BY agency_type, code""")  # fmt: skip


def action_dates(con: sqlite3.Connection) -> Any:
    """Every action date of the results reports, with its agency and fiscal year (``json_each``)."""
    return _frame(con, f"""
        SELECT DISTINCT {agency_key("d")} AS agency, d.fiscal_year, r.indicator, j.value AS date
        FROM records AS r JOIN reports AS d USING (sha256), json_each(r.action_dates) AS j
        ORDER BY date""")  # fmt: skip


def agencies(con: sqlite3.Connection) -> Any:
    """One row per agency: where, which years, how many documents and records, plan progress, latest score."""
    frame = _frame(con, """
        WITH docs AS (
            SELECT agency_name, min(agency_type) AS agency_type, min(province) AS province,
                   group_concat(DISTINCT fiscal_year) AS fiscal_years,
                   sum(document_type = 'measures') AS plans, sum(document_type = 'measures_report') AS reports,
                   count(*) AS documents, sum(records) AS records, sum(warnings) AS warnings
            FROM reports WHERE agency_name IS NOT NULL GROUP BY agency_name),
        progress AS (
            SELECT agency_name, sum(progress = 'done') AS done, count(*) AS planned
            FROM plan_progress GROUP BY agency_name),
        latest_score AS (
            SELECT agency_name, total, assessed_year, row_number() OVER (
                PARTITION BY agency_name ORDER BY assessed_year DESC, total DESC) AS n
            FROM reports WHERE total IS NOT NULL AND agency_name IS NOT NULL)
        SELECT docs.*, progress.done, progress.planned, latest_score.total AS latest_total,
               latest_score.assessed_year
        FROM docs LEFT JOIN progress USING (agency_name)
        LEFT JOIN latest_score ON latest_score.agency_name = docs.agency_name AND latest_score.n = 1
        ORDER BY docs.agency_name""")  # fmt: skip
    frame["fiscal_years"] = frame["fiscal_years"].map(_years)
    return frame


def _years(text: str | None) -> str:
    """``group_concat``'s years in order: ``'2567,2566'`` → ``'2566, 2567'``."""
    return ", ".join(sorted(set(str(text).split(",")))) if text else ""
