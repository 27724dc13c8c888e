"""``scores.<fmt>``: the batch's printed ITA scores as one table, one row per agency × score.

Beside ``records.<fmt>`` (the measures), analysts compare agencies by their ITA results:
the total, the tool and indicator scores and each question's score. Like the records table,
this one is built from the report JSON on disk (``document.assessment``), so a fresh run, a
resumed run and ``combine`` give the same bytes; csv, xlsx and parquet share the records
table's safety (atomic writes, formulas neutralised, UTF-8 with BOM for Excel).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import Notice
from .writers import atomic_path, atomic_write_text, document_fields, safe_join, write_csv, write_xlsx

SCORE_COLUMNS: tuple[str, ...] = (
    "source_file", "sha256", "document_type", "agency_name", "agency_type", "district", "province",
    "fiscal_year", "assessed_year", "total", "rating", "previous_total", "level", "tool", "code", "name",
    "score", "page",
)
SCORE_INT_COLUMNS = ("fiscal_year", "assessed_year", "page")
SCORE_FLOAT_COLUMNS = ("total", "previous_total", "score")


def score_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One dict per printed score, with the agency and the assessment's own fields copied in."""
    assessment = report.get("document", {}).get("assessment") or {}
    head = {
        **document_fields(report),
        "assessed_year": assessment.get("fiscal_year"),
        "total": assessment.get("total"),
        "rating": assessment.get("rating"),
        "previous_total": assessment.get("previous_total"),
    }
    return [{**head, **{col: score.get(col) for col in SCORE_COLUMNS[len(head) :]}} for score in assessment.get("scores") or []]


def scores_frame(reports: Iterable[dict[str, Any]]) -> Any:
    """The scores table as a pandas DataFrame: fixed columns, nullable ``Int64``/``Float64`` numbers."""
    import pandas as pd

    df = pd.DataFrame([row for report in reports for row in score_rows(report)], columns=list(SCORE_COLUMNS))
    for col in SCORE_INT_COLUMNS:
        df[col] = df[col].astype("Int64")
    for col in SCORE_FLOAT_COLUMNS:
        df[col] = df[col].astype("Float64")
    for col in df.columns.difference([*SCORE_INT_COLUMNS, *SCORE_FLOAT_COLUMNS]):
        df[col] = df[col].astype(object)
    return df


def write_scores_parquet(df: Any, target: Path) -> None:
    """Parquet with an explicit schema: nullable int64 and float64 numbers, the rest strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(col: str) -> Any:
        return pa.int64() if col in SCORE_INT_COLUMNS else pa.float64() if col in SCORE_FLOAT_COLUMNS else pa.string()

    schema = pa.schema([pa.field(col, kind(col)) for col in SCORE_COLUMNS])
    table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
    with atomic_path(target) as tmp:
        pq.write_table(table, tmp)


def scores_jsonl_text(reports: Iterable[dict[str, Any]]) -> str:
    """One JSON object per score line."""
    import json

    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for report in reports for row in score_rows(report))


def write_scores_table(
    reports: Sequence[dict[str, Any]], out_dir: Path, fmt: str, notify: Callable[[Notice], None] | None = None
) -> Path | None:
    """Write ``scores.<fmt>`` into ``out_dir`` (``json`` has no table); written even when empty, like records."""
    if fmt == "json":
        return None
    target = safe_join(out_dir, f"scores.{fmt}")
    if fmt == "jsonl":
        atomic_write_text(target, scores_jsonl_text(reports))
    elif fmt == "csv":
        write_csv(scores_frame(reports), target)
    elif fmt == "parquet":
        write_scores_parquet(scores_frame(reports), target)
    else:
        write_xlsx(scores_frame(reports), target, notify, sheet="scores")
    return target
