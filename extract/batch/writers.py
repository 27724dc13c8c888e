"""Batch outputs: safe file names, atomic writes, and the flat one-row-per-record table.

Three promises to the user live here:
- **Nothing half-written.** Every file is written to a temp file in the same folder and
  renamed over the target, so a batch killed at any moment leaves each output either
  complete or absent — which is what makes ``--resume`` trustworthy.
- **Nothing written outside ``-o``.** Output names come from input *stems* only, cleaned
  of separators, control characters and leading dots, and every path is checked to sit
  directly in the output folder.
- **Nothing executed by a spreadsheet.** Text cells that Excel or LibreOffice would read as
  a formula (``= + - @``, tab, CR first) get a leading apostrophe (OWASP CSV injection).

The table is derived from the contract JSON (dicts), never from in-memory objects, so
a fresh run, a resumed run and ``combine`` all build it from the same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

TEMP_PREFIX = ".ita-tmp-"
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

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_STEM_BYTES = 120
XLSX_MAX_CELL = 32767


class OutputPathError(ValueError):
    """A computed output path would leave the output folder (a bug, never user data)."""


# ---------------------------------------------------------------- names and paths


def safe_stem(name: str) -> str:
    """A file stem that is safe as a single path component on Linux, macOS and Windows.

    Only the last path part of ``name`` is used, so ``../../etc/passwd.pdf`` → ``passwd``;
    Thai is kept (NFC); separators and anything unprintable become ``_`` (control and
    bidi-override characters, and the bytes of a name that is not UTF-8, which Python holds
    as lone surrogates and no UTF-8 writer accepts); leading dots go
    (no hidden files, no ``..``), and the name is cut to 120 UTF-8 bytes on a character
    boundary. ``รายงาน ITA.pdf`` → ``รายงาน ITA``.
    """
    base = re.split(r"[/\\]", name)[-1]
    stem = base[: -len(Path(base).suffix)] if Path(base).suffix else base
    stem = _UNSAFE_NAME_CHARS.sub("_", unicodedata.normalize("NFC", stem))
    stem = "".join(ch if ch.isprintable() else "_" for ch in stem)
    stem = stem.strip().lstrip(".").rstrip(". ")
    encoded = stem.encode("utf-8")[:MAX_STEM_BYTES]
    stem = encoded.decode("utf-8", errors="ignore").rstrip(". ")
    if not stem:
        return "report"
    return f"_{stem}" if stem.casefold() in _WINDOWS_RESERVED else stem


def unique_output_names(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Map each sha256 to ``<stem>.json``, adding ``-<sha8>`` to every stem shared by several files.

    ``items`` are (input name, sha256) with distinct sha256s. The choice depends only on
    the set of inputs, not their order, so a resumed run names files as the first run did.
    Stems are compared case-insensitively because macOS and Windows folders are.
    """
    groups: dict[str, set[str]] = defaultdict(set)
    stems: dict[str, str] = {}
    for name, sha in items:
        stems[sha] = safe_stem(name)
        groups[stems[sha].casefold()].add(sha)
    names: dict[str, str] = {}
    for sha, stem in stems.items():
        shared = len(groups[stem.casefold()]) > 1
        names[sha] = f"{stem}-{sha[:8]}.json" if shared else f"{stem}.json"
    return names


def safe_join(out_dir: Path, name: str) -> Path:
    """``out_dir / name``, refusing any name that is not one plain component inside ``out_dir``."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise OutputPathError(f"unsafe output name {name!r}")
    path = out_dir / name
    if path.resolve().parent != out_dir.resolve():
        raise OutputPathError(f"output {name!r} would leave {out_dir}")
    return path


# ---------------------------------------------------------------- atomic writes


@functools.cache
def _umask() -> int:
    """The process umask (read once: reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temp path next to ``target``; on success fsync it and rename it over ``target``.

    The temp file lives in the same folder (rename is atomic only within a filesystem)
    and carries a prefix that :func:`remove_stale_temps` recognises after a crash.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=target.parent)
    os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` all-or-nothing."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(target: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``target`` all-or-nothing."""
    atomic_write_bytes(target, text.encode("utf-8"))


def remove_stale_temps(out_dir: Path) -> int:
    """Delete temp files a killed run left behind; return how many."""
    count = 0
    for tmp in out_dir.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            count += 1
    return count


# ---------------------------------------------------------------- formula injection


def neutralise(value: Any) -> Any:
    """Make a text cell inert in spreadsheets: ``=SUM(A1)`` → ``'=SUM(A1)``; other values unchanged.

    OWASP's advice for CSV injection: prefix cells starting with = + - @ tab or CR with a
    single quote. Thai free text beginning with a dash (``- จัดทำคู่มือ``) gets the quote
    too; that is the accepted price of never running a formula.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


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


def flat_rows(report: dict[str, Any], source_path: str | None = None) -> list[dict[str, Any]]:
    """One dict per record with the document fields copied in (contract JSON → table rows).

    ``source_path`` is the input's path below the folder it was found in (the manifest
    knows it, the report does not); without it the file name stands in. ``ocr`` says a
    page of the record was read by OCR, ``unsure`` that OCR was unsure of its words (or of
    its page as a whole). Lists stay lists here; each format decides how to show them.
    """
    source, doc = report.get("source", {}), report.get("document", {})
    agency = doc.get("agency") or {}
    head = {
        "source_file": source.get("file"),
        "source_path": source_path or source.get("file"),
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


def _xlsx_cell(value: Any) -> Any:
    """Cell value openpyxl accepts: NA → empty, illegal control characters dropped, neutralised."""
    if value is None or (isinstance(value, float) and value != value) or str(value) == "<NA>":
        return None
    if isinstance(value, str):
        return neutralise(_XLSX_ILLEGAL.sub("", value)[:XLSX_MAX_CELL])
    if isinstance(value, bool) or getattr(getattr(value, "dtype", None), "kind", None) == "b":  # numpy's too: TRUE, not 1
        return bool(value)
    return int(value) if hasattr(value, "__index__") else value


def write_xlsx(df: Any, target: Path) -> None:
    """One sheet ``records`` laid out for reading (``xlsx.py``); Thai stays text, dates are real dates."""
    from .xlsx import write_sheet

    rows = [[_xlsx_cell(v) for v in row] for row in df.itertuples(index=False, name=None)]
    with atomic_path(target) as tmp:
        write_sheet(tmp, list(COLUMNS), rows)


def table_name(fmt: str) -> str:
    """File name of the combined table for a format (``records.csv`` …)."""
    return f"records.{fmt}"


def write_table(
    reports: Sequence[dict[str, Any]], out_dir: Path, fmt: str, source_paths: Mapping[str, str | None] | None = None
) -> Path | None:
    """Write the combined table for ``fmt`` into ``out_dir``; ``json`` has no table.

    ``source_paths`` (sha256 → the input's path below its folder) fills ``source_path``.
    """
    if fmt == "json":
        return None
    target = safe_join(out_dir, table_name(fmt))
    if fmt == "jsonl":
        write_jsonl(reports, target, source_paths)
    else:
        df = records_frame(reports, source_paths)
        {"csv": write_csv, "parquet": write_parquet, "xlsx": write_xlsx}[fmt](df, target)
    return target
