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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "source_file", "source_path", "sha256", "document_type", "agency_name", "agency_type", "district",
    "province", "fiscal_year", "round_months", "period_start", "period_end",
)
RECORD_COLUMNS: tuple[str, ...] = (
    "row", "section", "tool", "indicator", "issue", "score", "findings", "responsible", "measures", "steps",
    "timeframe", "timeframe_start", "timeframe_end", "monitoring", "actions", "action_dates", "status",
    "page_start", "page_end",
)
FLAG_COLUMNS: tuple[str, ...] = ("ocr", "unsure")  # from the report's warnings, per record
COLUMNS: tuple[str, ...] = (*DOCUMENT_COLUMNS, *RECORD_COLUMNS, *FLAG_COLUMNS)
INT_COLUMNS = ("fiscal_year", "round_months", "row", "page_start", "page_end")
FLOAT_COLUMNS = ("score",)
DATE_COLUMNS = ("period_start", "period_end", "timeframe_start", "timeframe_end")
LIST_COLUMNS = ("measures", "steps", "monitoring", "actions", "action_dates")
BOOL_COLUMNS = FLAG_COLUMNS
OCR_PAGE_CODES = ("text_source_ocr", "ocr_used")  # a page read by Tesseract
UNSURE_CODE = "ocr_low_confidence"  # on a page ("OCR mean word confidence …") or a record ("record 3 (E1): …")
_RECORD_NAMED = re.compile(r"^record (\d+)\b")

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


def _record_flags(report: dict[str, Any]) -> tuple[set[int], set[int], set[int]]:
    """(pages read by OCR, pages OCR was unsure of as a whole, rows OCR was unsure of) from the warnings."""
    ocr_pages: set[int] = set()
    unsure_pages: set[int] = set()
    unsure_rows: set[int] = set()
    for warning in report.get("warnings") or []:
        code, page, message = warning.get("code"), warning.get("page"), warning.get("message") or ""
        if code in OCR_PAGE_CODES and page is not None:
            ocr_pages.add(page)
        elif code == UNSURE_CODE:
            named = _RECORD_NAMED.match(message)
            if named:
                unsure_rows.add(int(named[1]))
            elif page is not None:
                unsure_pages.add(page)
    return ocr_pages, unsure_pages, unsure_rows


def document_fields(report: dict[str, Any]) -> dict[str, Any]:
    """The report's file and agency columns every table repeats on each of its rows, in table order."""
    source, doc = report.get("source", {}), report.get("document", {})
    agency = doc.get("agency") or {}
    return {
        "source_file": source.get("file"),
        "sha256": source.get("sha256"),
        "document_type": doc.get("document_type"),
        "agency_name": agency.get("name"),
        "agency_type": agency.get("type"),
        "district": agency.get("district"),
        "province": agency.get("province"),
        "fiscal_year": doc.get("fiscal_year"),
    }


def flat_rows(report: dict[str, Any], source_path: str | None = None) -> list[dict[str, Any]]:
    """One dict per record with the document fields copied in (contract JSON → table rows).

    ``source_path`` is the input's path below the folder it was found in (the manifest
    knows it, the report does not); without it the file name stands in. ``ocr`` says a
    page of the record was read by OCR, ``unsure`` that OCR was unsure of its words (or of
    its page as a whole). Lists stay lists here; each format decides how to show them.
    """
    doc, fields = report.get("document", {}), document_fields(report)
    head = {  # source_path right after source_file: a key given again keeps its first place
        "source_file": fields["source_file"],
        "source_path": source_path or fields["source_file"],
        **fields,
        "round_months": doc.get("round_months"),
        "period_start": doc.get("period_start"),
        "period_end": doc.get("period_end"),
    }
    ocr_pages, unsure_pages, unsure_rows = _record_flags(report)
    rows = []
    for rec in report.get("records", []):
        row = dict(head)
        for col in RECORD_COLUMNS:
            row[col] = rec.get(col, [] if col in LIST_COLUMNS else None)
        pages = set(range(rec.get("page_start") or 0, (rec.get("page_end") or 0) + 1))
        row["ocr"] = bool(pages & ocr_pages)
        row["unsure"] = bool(pages & unsure_pages) or rec.get("row") in unsure_rows
        rows.append(row)
    return rows


def table_rows(reports: Iterable[dict[str, Any]], source_paths: Mapping[str, str | None] | None = None) -> Iterator[dict[str, Any]]:
    """Every report's rows in order; ``source_paths`` maps a report's sha256 to its input's path."""
    paths = source_paths or {}
    for report in reports:
        yield from flat_rows(report, paths.get((report.get("source") or {}).get("sha256") or ""))


def records_frame(
    reports: Iterable[dict[str, Any]], source_paths: Mapping[str, str | None] | None = None, *, join_lists: bool = True
) -> Any:
    """The combined table as a pandas DataFrame with fixed columns and types.

    Integers are nullable ``Int64``, flags nullable ``boolean``; dates are ``datetime.date``
    (parquet ``date32``, real dates in xlsx); lists are joined with newlines when
    ``join_lists`` (csv, xlsx, parquet) so every cell is a scalar.
    """
    import pandas as pd

    df = pd.DataFrame(list(table_rows(reports, source_paths)), columns=list(COLUMNS))
    for col in INT_COLUMNS:
        df[col] = df[col].astype("Int64")
    for col in FLOAT_COLUMNS:
        df[col] = df[col].astype("Float64")
    for col in BOOL_COLUMNS:
        df[col] = df[col].astype("boolean")
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


def jsonl_text(reports: Iterable[dict[str, Any]], source_paths: Mapping[str, str | None] | None = None) -> str:
    """One JSON object per record line, lists kept as JSON arrays (JSON needs no joining)."""
    rows = table_rows(reports, source_paths)
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_jsonl(reports: Iterable[dict[str, Any]], target: Path, source_paths: Mapping[str, str | None] | None = None) -> None:
    """``records.jsonl``: the flat table as JSON lines, written atomically."""
    atomic_write_text(target, jsonl_text(reports, source_paths))


def write_parquet(df: Any, target: Path) -> None:
    """Parquet via pyarrow with an explicit schema: dates as ``date32``, nullable ints, strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = []
    for col in COLUMNS:
        kind = (pa.int64() if col in INT_COLUMNS else pa.float64() if col in FLOAT_COLUMNS
                else pa.date32() if col in DATE_COLUMNS else pa.bool_() if col in BOOL_COLUMNS else pa.string())
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
    if isinstance(value, bool) or getattr(getattr(value, "dtype", None), "kind", None) == "b":  # numpy's too: TRUE, not 1
        return bool(value)
    return int(value) if hasattr(value, "__index__") else value


def _cut_notice(cells: dict[str, Any], column: str, length: int, target: Path) -> Notice:
    """One line naming the report, the row (record number, or score code) and the column whose cell was cut."""
    where = f"record {cells['row']}" if "row" in cells else f"score {cells.get('code')}"
    message = (f"{cells.get('source_file')}: {where}, column {column}: {length:,} characters cut to "
               f"{XLSX_MAX_CELL:,} in {target.name} (Excel's cell limit); the whole text is in the report JSON")  # fmt: skip
    return Notice("xlsx_cell_cut", message)


def write_xlsx(df: Any, target: Path, notify: Callable[[Notice], None] | None = None, sheet: str = "records") -> None:
    """One sheet (``records``, or ``sheet``) laid out for reading (``xlsx.py``); Thai stays text, dates are real dates.

    A cell longer than Excel's 32,767 characters is cut with a visible mark and
    ``notify`` hears an ``xlsx_cell_cut`` notice naming the report, record and column.
    """
    from .xlsx import write_sheet

    rows = []
    for row in df.itertuples(index=False, name=None):
        cells = [_xlsx_cell(v) for v in row]
        for column, value, cell in zip(df.columns, row, cells):
            if notify is not None and isinstance(cell, str) and cell.endswith(XLSX_CUT_MARK) and len(value) > len(cell):
                notify(_cut_notice(dict(zip(df.columns, row)), column, len(value), target))
        rows.append(cells)
    with atomic_path(target) as tmp:
        write_sheet(tmp, [str(c) for c in df.columns], rows, sheet=sheet)


def table_name(fmt: str) -> str:
    """File name of the combined table for a format (``records.csv`` …)."""
    return f"records.{fmt}"


def write_table(
    reports: Sequence[dict[str, Any]],
    out_dir: Path,
    fmt: str,
    notify: Callable[[Notice], None] | None = None,
    source_paths: Mapping[str, str | None] | None = None,
) -> Path | None:
    """Write the combined table for ``fmt`` into ``out_dir``; ``json`` has no table.

    ``notify`` hears what the format could not hold (xlsx: cells cut at Excel's limit);
    ``source_paths`` (sha256 → the input's path below its folder) fills ``source_path``.
    """
    if fmt == "json":
        return None
    target = safe_join(out_dir, table_name(fmt))
    if fmt == "jsonl":
        write_jsonl(reports, target, source_paths)
    elif fmt == "xlsx":
        write_xlsx(records_frame(reports, source_paths), target, notify)
    else:
        {"csv": write_csv, "parquet": write_parquet}[fmt](records_frame(reports, source_paths), target)
    return target
