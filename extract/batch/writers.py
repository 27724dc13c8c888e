"""Batch tables: the flat one-row-per-record table in csv, jsonl, parquet and xlsx, safe in spreadsheets.

- **Nothing executed by a spreadsheet.** Text cells that Excel or LibreOffice would read as
  a formula (``= + - @``, tab, CR first, also behind spaces or invisible characters) get a
  leading apostrophe (OWASP CSV injection), and control characters and bidi overrides
  (NUL, ESC, RLO …) are dropped from csv and xlsx cells; the JSON keeps the text as it is.
- **Nothing cut in silence.** An xlsx cell over Excel's 32,767 characters is cut with a
  visible mark and an ``xlsx_cell_cut`` notice; the report JSON keeps the whole text.

The table is derived from the contract JSON (dicts), never from in-memory objects, so
a fresh run, a resumed run and ``combine`` all build it from the same bytes. Names and
atomic writes live in ``atomic`` (re-exported here: ``from .writers import safe_join``
keeps working).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Notice
from .atomic import (  # noqa: F401 - re-exported for callers of the old module
    MAX_STEM_BYTES,
    TEMP_PREFIX,
    OutputPathError,
    atomic_path,
    atomic_write_bytes,
    atomic_write_text,
    is_stale_temp,
    names_in_folder,
    remove_stale_temps,
    safe_join,
    safe_stem,
    unique_output_names,
)

TABLE_FORMATS = ("csv", "jsonl", "parquet", "xlsx")
FORMATS = ("json", *TABLE_FORMATS)

COLUMNS: tuple[str, ...] = (
    "source_file", "sha256", "document_type", "agency_name", "agency_type", "district", "province",
    "fiscal_year", "round_months", "period_start", "period_end", "row", "section", "tool", "indicator",
    "issue", "score", "findings", "responsible", "measures", "steps", "timeframe", "timeframe_start",
    "timeframe_end", "monitoring", "actions", "action_dates", "status", "page_start", "page_end",
)  # fmt: skip
INT_COLUMNS = ("fiscal_year", "round_months", "row", "page_start", "page_end")
FLOAT_COLUMNS = ("score",)
DATE_COLUMNS = ("period_start", "period_end", "timeframe_start", "timeframe_end")
LIST_COLUMNS = ("measures", "steps", "monitoring", "actions", "action_dates")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and full-width forms
_CELL_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # keeps \t \n \r
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_MAX_CELL = 32767




# ---------------------------------------------------------------- formula injection


def _visible_start(text: str) -> str:
    """``text`` from the first character a spreadsheet looks at: spaces and invisible characters skipped.

    Excel and LibreOffice skip a leading space, a zero-width space or a BOM before they
    look for ``=``; so must the check. Tab and CR are formula starts themselves.
    """
    for at, ch in enumerate(text):
        if ch in "\t\r" or not (ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs")):
            return text[at:]
    return ""


def neutralise(value: Any) -> Any:
    """Make a text cell inert in spreadsheets: ``=SUM(A1)`` → ``'=SUM(A1)``; other values unchanged.

    OWASP's advice for CSV injection: prefix cells starting with = + - @ tab or CR with a
    single quote, also when spaces or invisible characters come first (`` =1+1``,
    ``\u200b=1+1``). Control characters and bidi overrides (NUL, ESC, RLO …) are dropped:
    a cell must not hide or reorder what it shows. Thai free text beginning with a dash
    (``- จัดทำคู่มือ``) gets the quote too; that is the accepted price of never running a formula.
    """
    if not isinstance(value, str):
        return value
    text = _CELL_CONTROLS.sub("", value)
    return "'" + text if _visible_start(text).startswith(_FORMULA_START) else text


# ---------------------------------------------------------------- flat table


def flat_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One dict per record with the document fields copied in (contract JSON → table rows).

    Lists stay lists here; each format decides how to show them.
    """
    source, doc = report.get("source", {}), report.get("document", {})
    agency = doc.get("agency") or {}
    head = {
        "source_file": source.get("file"),
        "sha256": source.get("sha256"),
        "document_type": doc.get("document_type"),
        "agency_name": agency.get("name"),
        "agency_type": agency.get("type"),
        "district": agency.get("district"),
        "province": agency.get("province"),
        "fiscal_year": doc.get("fiscal_year"),
        "round_months": doc.get("round_months"),
        "period_start": doc.get("period_start"),
        "period_end": doc.get("period_end"),
    }
    rows = []
    for rec in report.get("records", []):
        row = dict(head)
        for col in COLUMNS[len(head) :]:
            row[col] = rec.get(col, [] if col in LIST_COLUMNS else None)
        rows.append(row)
    return rows


def records_frame(reports: Iterable[dict[str, Any]], *, join_lists: bool = True) -> Any:
    """The combined table as a pandas DataFrame with fixed columns and types.

    Integers are nullable ``Int64``; ``period_start``/``period_end`` are ``datetime.date``
    (parquet ``date32``, real dates in xlsx); lists are joined with newlines when
    ``join_lists`` (csv, xlsx, parquet) so every cell is a scalar.
    """
    import pandas as pd

    rows = [row for report in reports for row in flat_rows(report)]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    for col in INT_COLUMNS:
        df[col] = df[col].astype("Int64")
    for col in FLOAT_COLUMNS:
        df[col] = df[col].astype("Float64")
    for col in DATE_COLUMNS:
        df[col] = df[col].map(lambda v: date.fromisoformat(v) if isinstance(v, str) else None).astype(object)
    if join_lists:
        for col in LIST_COLUMNS:
            df[col] = df[col].map(lambda v: "\n".join(str(x) for x in v) if v else None).astype(object)
    return df


def _text_cells(df: Any) -> Any:
    """Neutralise every text cell (all columns: even file names come from strangers)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("str", "string"):
            out[col] = out[col].map(neutralise).astype(object)
    return out


def write_csv(df: Any, target: Path) -> None:
    """UTF-8 with BOM (so Excel picks UTF-8 and shows Thai), CRLF rows, formulas neutralised."""
    with atomic_path(target) as tmp:
        _text_cells(df).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def csv_text(df: Any) -> str:
    """The same CSV as :func:`write_csv`, as text for stdout (BOM included)."""
    return "\ufeff" + _text_cells(df).to_csv(index=False, lineterminator="\r\n")


def jsonl_text(reports: Iterable[dict[str, Any]]) -> str:
    """One JSON object per record line, lists kept as JSON arrays (JSON needs no joining)."""
    rows = (row for report in reports for row in flat_rows(report))
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_jsonl(reports: Iterable[dict[str, Any]], target: Path) -> None:
    """``records.jsonl``: the flat table as JSON lines, written atomically."""
    atomic_write_text(target, jsonl_text(reports))


def write_parquet(df: Any, target: Path) -> None:
    """Parquet via pyarrow with an explicit schema: dates as ``date32``, nullable ints, strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = []
    for col in COLUMNS:
        kind = (pa.int64() if col in INT_COLUMNS else pa.float64() if col in FLOAT_COLUMNS
                else pa.date32() if col in DATE_COLUMNS else pa.string())
        fields.append(pa.field(col, kind))
    table = pa.Table.from_pandas(df, schema=pa.schema(fields), preserve_index=False)
    with atomic_path(target) as tmp:
        pq.write_table(table, tmp)


XLSX_CUT_MARK = " [cut: Excel's cell limit; the whole text is in the report JSON]"


def _xlsx_cell(value: Any) -> Any:
    """Cell value openpyxl accepts: NA → empty, illegal control characters dropped, neutralised, cut to the limit."""
    if value is None or (isinstance(value, float) and value != value) or str(value) == "<NA>":
        return None
    if isinstance(value, str):
        text = neutralise(_XLSX_ILLEGAL.sub("", value))
        return text if len(text) <= XLSX_MAX_CELL else text[: XLSX_MAX_CELL - len(XLSX_CUT_MARK)] + XLSX_CUT_MARK
    return int(value) if hasattr(value, "__index__") else value


def _cut_notice(cells: dict[str, Any], column: str, length: int, target: Path) -> Notice:
    """One line naming the report, the row (record number, or score code) and the column whose cell was cut."""
    where = f"record {cells['row']}" if "row" in cells else f"score {cells.get('code')}"
    message = (f"{cells.get('source_file')}: {where}, column {column}: {length:,} characters cut to "
               f"{XLSX_MAX_CELL:,} in {target.name} (Excel's cell limit); the whole text is in the report JSON")  # fmt: skip
    return Notice("xlsx_cell_cut", message)


def write_xlsx(df: Any, target: Path, notify: Callable[[Notice], None] | None = None, sheet: str = "records") -> None:
    """One sheet (``records``, or ``sheet``) with a frozen header; Thai text stays text, dates are real dates.

    A cell longer than Excel's 32,767 characters is cut with a visible mark and
    ``notify`` hears an ``xlsx_cell_cut`` notice naming the report, record and column.
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"
    ws.append(list(df.columns))
    for row in df.itertuples(index=False, name=None):
        cells = [_xlsx_cell(v) for v in row]
        for column, value, cell in zip(df.columns, row, cells):
            if notify is not None and isinstance(cell, str) and cell.endswith(XLSX_CUT_MARK) and len(value) > len(cell):
                notify(_cut_notice(dict(zip(df.columns, row)), column, len(value), target))
        ws.append(cells)
    with atomic_path(target) as tmp:
        wb.save(tmp)


def table_name(fmt: str) -> str:
    """File name of the combined table for a format (``records.csv`` …)."""
    return f"records.{fmt}"


def write_table(
    reports: Sequence[dict[str, Any]], out_dir: Path, fmt: str, notify: Callable[[Notice], None] | None = None
) -> Path | None:
    """Write the combined table for ``fmt`` into ``out_dir``; ``json`` has no table.

    ``notify`` hears what the format could not hold (xlsx: cells cut at Excel's limit).
    """
    if fmt == "json":
        return None
    target = safe_join(out_dir, table_name(fmt))
    if fmt == "jsonl":
        write_jsonl(reports, target)
    elif fmt == "xlsx":
        write_xlsx(records_frame(reports), target, notify)
    else:
        {"csv": write_csv, "parquet": write_parquet}[fmt](records_frame(reports), target)
    return target
