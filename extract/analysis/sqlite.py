"""The analysis database: contract JSON and manifest lines → one SQLite file (``records.sqlite``).

Analysts ask the same questions of every batch (which questions agencies fail, what each
agency planned and reported, how scores spread); a database with keys, indexes and views
answers them in SQL instead of a spreadsheet rebuilt by hand. The tables come from the
report JSON files on disk, as the other tables do (``writers.flat_rows``), so a fresh run,
a resumed run and ``combine`` build the same database. The schema and its views live in
``schema.sql`` beside this module and are documented in ``docs/ANALYSIS.md``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..batch.manifest import ManifestLine
from ..batch.writers import atomic_path, safe_join

DATABASE_NAME = "records.sqlite"  # beside records.csv and the others: records.<fmt>
SCHEMA_VERSION = 1  # PRAGMA user_version; raised whenever schema.sql changes shape
LIST_FIELDS = ("measures", "steps", "monitoring", "actions", "action_dates")
RECORD_FIELDS = (
    "row", "section", "tool", "indicator", "issue", "score", "findings", "responsible", "timeframe",
    "timeframe_start", "timeframe_end", "status", "page_start", "page_end",
)  # fmt: skip


class StoreError(ValueError):
    """A report that cannot be stored (it is not contract JSON); the message names its file."""


@dataclass(frozen=True)
class RunFile:
    """One manifest line and the output folder it was read from (``None`` for the database's own run)."""

    line: ManifestLine
    run: str | None = None


def schema_sql() -> str:
    """The tables, indexes and views, as shipped in ``schema.sql``."""
    return resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")


def storable(text: str | None) -> str | None:
    """Text SQLite can hold: bytes of a file name that were not UTF-8 shown as ``\\udcXX``.

    A Linux path from a TIS-620 zip reaches us with lone surrogates (``surrogateescape``),
    which no UTF-8 encoder takes; Thai and every valid character pass unchanged.
    """
    if text is None:
        return None
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _json_list(value: Any) -> str:
    """A list field as a JSON array with Thai kept as characters (``[]`` for a missing one)."""
    return json.dumps(list(value or []), ensure_ascii=False)


def unique_reports(reports: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each report once by sha256, the first one winning (as ``combine`` keeps them)."""
    seen: set[str] = set()
    for report in reports:
        sha = _sha256(report)
        if sha not in seen:
            seen.add(sha)
            yield report


def _sha256(report: dict[str, Any]) -> str:
    """The report's key, or a :class:`StoreError` naming the file when it has none."""
    source = report.get("source") if isinstance(report, dict) else None
    sha = source.get("sha256") if isinstance(source, dict) else None
    if not isinstance(sha, str):
        name = source.get("file") if isinstance(source, dict) else None
        raise StoreError(f"{name or '<report>'}: not stored in the analysis database: no source.sha256")
    return sha


def _store(con: sqlite3.Connection, report: dict[str, Any], line: ManifestLine | None) -> None:
    """Insert one report and its rows, or raise a :class:`StoreError` naming its file."""
    try:
        _insert(con, "reports", [report_row(report, line)])
        _insert(con, "records", record_rows(report))
        _insert(con, "scores", score_rows(report))
        _insert(con, "warnings", warning_rows(report))
    except (KeyError, TypeError, AttributeError, sqlite3.IntegrityError, sqlite3.InterfaceError) as exc:
        name = storable(str(report["source"].get("file") or report["source"]["sha256"]))
        raise StoreError(f"{name}: not stored in the analysis database: {type(exc).__name__}: {exc}") from exc


def report_row(report: dict[str, Any], line: ManifestLine | None) -> dict[str, Any]:
    """The ``reports`` row of one contract JSON, with its input path and status from the manifest."""
    source, doc = report["source"], report.get("document") or {}
    agency = doc.get("agency") or {}
    assessment = doc.get("assessment") or {}
    warnings = report.get("warnings") or []
    status = line.status if line and line.status in ("ok", "warning") else ("warning" if warnings else "ok")
    return {
        "sha256": source["sha256"], "file": storable(source.get("file")) or "",
        "path": storable(line.path) if line else None, "output": storable(line.output) if line else None,
        "status": status, "pages": source.get("pages"), "contract_version": report.get("contract_version"),
        "document_type": doc.get("document_type") or "unknown", "title": doc.get("title"),
        "agency_name": agency.get("name"), "agency_name_as_printed": agency.get("name_as_printed"),
        "agency_type": agency.get("type"), "district": agency.get("district"),
        "province": agency.get("province"), "fiscal_year": doc.get("fiscal_year"),
        "round_months": doc.get("round_months"), "period_start": doc.get("period_start"),
        "period_end": doc.get("period_end"), "assessed_year": assessment.get("fiscal_year"),
        "total": assessment.get("total"), "rating": assessment.get("rating"),
        "records": len(report.get("records") or []), "warnings": len(warnings),
    }  # fmt: skip


def record_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``records`` rows of one report: scalar fields as they are, list fields as JSON arrays."""
    sha = report["source"]["sha256"]
    rows = []
    for position, record in enumerate(report.get("records") or [], start=1):
        row = {"sha256": sha, "position": position}
        row.update({field: record.get(field) for field in RECORD_FIELDS})
        row.update({field: _json_list(record.get(field)) for field in LIST_FIELDS})
        rows.append(row)
    return rows


def score_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``scores`` rows: every printed score of ``document.assessment``, in document order."""
    sha = report["source"]["sha256"]
    assessment = (report.get("document") or {}).get("assessment") or {}
    fields = ("level", "tool", "code", "name", "score", "page")
    return [
        {"sha256": sha, "position": position, **{field: score.get(field) for field in fields}}
        for position, score in enumerate(assessment.get("scores") or [], start=1)
    ]


def warning_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``warnings`` rows of one report."""
    sha = report["source"]["sha256"]
    return [
        {"sha256": sha, "position": position, "code": w.get("code"), "message": w.get("message"),
         "page": w.get("page")}
        for position, w in enumerate(report.get("warnings") or [], start=1)
    ]  # fmt: skip


def file_row(item: RunFile, stored: set[str]) -> dict[str, Any]:
    """The ``files`` row of one manifest line; ``report_sha256`` only where its report is stored."""
    line = item.line
    return {
        "run": storable(item.run), "path": storable(line.path) or "", "sha256": line.sha256,
        "report_sha256": line.sha256 if line.sha256 in stored and line.status != "failed" else None,
        "status": line.status, "output": storable(line.output), "records": line.records, "pages": line.pages,
        "seconds": line.seconds, "error": line.error, "error_class": line.error_class,
        "message": storable(line.message), "duplicate_of": storable(line.duplicate_of),
    }  # fmt: skip


def _insert(con: sqlite3.Connection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert dict rows with named parameters (the keys are ours, never the data's)."""
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
    con.executemany(sql, rows)


def fill_database(
    con: sqlite3.Connection, reports: Iterable[dict[str, Any]], files: Sequence[RunFile]
) -> sqlite3.Connection:
    """Create the schema in an empty database and load ``reports`` (each sha256 once) and ``files``.

    The report's input path and status are taken from the first manifest line that stands for it.
    Foreign keys and checks are enforced while loading, so a report that is not contract JSON fails
    here, loudly, with a :class:`StoreError` naming its file.
    """
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(schema_sql())
    lines = {}
    for item in files:
        if item.line.has_report and item.line.sha256:
            lines.setdefault(item.line.sha256, item.line)
    stored: set[str] = set()
    with con:
        for report in unique_reports(reports):
            sha = _sha256(report)
            _store(con, report, lines.get(sha))
            stored.add(sha)
        _insert(con, "files", [file_row(item, stored) for item in files])
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    con.execute("ANALYZE")  # table statistics, so the views' joins use the indexes (plan_progress: 50× faster)
    return con


def write_database(reports: Iterable[dict[str, Any]], files: Sequence[RunFile], out_dir: Path) -> Path:
    """Write ``out_dir/records.sqlite`` all-or-nothing: built in a temp file beside it, then renamed.

    The database is built afresh from the reports every time, so re-running or combining
    never adds a report twice (``reports.sha256`` is the key).
    """
    target = safe_join(out_dir, DATABASE_NAME)
    with atomic_path(target) as tmp:
        con = sqlite3.connect(tmp)
        try:
            fill_database(con, reports, files)
        finally:
            con.close()
    return target


def open_database(path: Path) -> sqlite3.Connection:
    """Open an analysis database read-only, refusing a file that is not one (a clear one-line error)."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{path}: not an SQLite database ({exc})") from exc
    if version != SCHEMA_VERSION or not {"reports", "records", "files"} <= tables:
        con.close()
        raise ValueError(f"{path}: not an ita-extract analysis database (schema {version}, want {SCHEMA_VERSION})")
    return con
