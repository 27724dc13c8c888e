"""The help text the commands share: the output layout and the exit codes (``--help``'s epilog)."""

from __future__ import annotations

from ..extract.batch.writers import FORMATS

OUTPUT_FORMATS = (*FORMATS, "sqlite")  # sqlite: extract/analysis/sqlite.py, beside the writers' tables

LAYOUT_HELP = """
\b
Output layout with -o OUT:
  OUT/<stem>.json     one report per input, exactly the contract JSON
                      (<stem>-<sha8>.json when two inputs share a stem)
  OUT/records.<fmt>   the whole batch as one table, one row per record
                      (csv, jsonl, parquet, xlsx; -f json writes no table;
                      -f sqlite: records.sqlite, tables reports, records,
                      scores, warnings, files and views, docs/ANALYSIS.md)
  OUT/scores.<fmt>    the printed ITA scores, one row per agency x score
  OUT/manifest.jsonl  one line per input: path, sha256, status
                      (ok/warning/failed/skipped), output, records, pages,
                      seconds, error, error_class, message, duplicate_of,
                      source_path, warnings

\b
Tables: csv (UTF-8 with BOM) and xlsx join list fields with newlines and
put ' before any cell starting with = + - @ tab CR; parquet has date
columns; jsonl keeps lists as arrays. Columns source_path (the path below
the folder given), ocr and unsure (OCR read / was unsure of the record).
Failed files write no report. Same content twice (sha256) is extracted
once, the other input "skipped". Every field: docs/CONTRACT.md.

\b
Status "warning" means a code that needs a look (ita-extract codes);
repairs are notes and leave a file "ok".

\b
Without -o: json prints the report (one input) or a JSON array of
reports (several), csv/jsonl print the table.
One run at a time per OUT (a second one is refused); report names never
replace another file's report already in OUT (<stem>-<sha8>.json then).

\b
Exit codes:
  0    all inputs ok (or with warnings)
  1    some inputs failed (each on stderr and in the manifest)
  2    bad usage, or OUT cannot be created or written, or another
       run is writing to it (nothing was done)
  70   internal error: a bug; one line names a file with the details
  74   OUT failed during the run (disk full): what was done is kept;
       free space and rerun with --resume
  130  interrupted (Ctrl-C, SIGTERM): what finished is kept, with
       its table and manifest; rerun with --resume
"""
