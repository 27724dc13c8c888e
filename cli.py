"""Entry points: ``extract(path) -> Report`` and the ``ita-extract`` command line.

The extraction itself lives in ``extract/`` (one file: ``report``; many files:
``batch``, ``writers``, ``manifest``); this module only wires it to users: options,
usage errors (exit 2), one-line messages on stderr, the summary and the exit code.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

import click

from .extract.batch.limits import MB, Limits
from .extract.batch.manifest import STATUSES, ManifestLine, combine_runs, load_report, write_manifest
from .extract.batch.pool import BatchOptions, discover, read_file_list, run_batch
from .extract.batch.writers import (
    FORMATS,
    atomic_write_bytes,
    csv_text,
    jsonl_text,
    records_frame,
    remove_stale_temps,
    safe_join,
    unique_output_names,
    write_table,
)
from .extract.page.ocr.reader import OCR_MODES
from .pipeline import extract, warm_up
from .schema import Report

LAYOUT_HELP = """
\b
Output layout with -o OUT:
  OUT/<stem>.json     one report per input, exactly the contract JSON
                      (<stem>-<sha8>.json when two inputs share a stem)
  OUT/records.<fmt>   the whole batch as one table, one row per record
                      (csv, jsonl, parquet, xlsx; -f json writes no table)
  OUT/manifest.jsonl  one line per input: path, sha256, status
                      (ok/warning/failed/skipped), output, records, pages,
                      seconds, error, error_class, message, duplicate_of
\b
Tables: csv (UTF-8 with BOM) and xlsx join list fields with newlines and
put ' before any cell starting with = + - @ tab CR; parquet has date
columns; jsonl keeps lists as arrays. Failed files write no report.
Same content twice (sha256) is extracted once, the other input "skipped".
\b
Without -o: json prints the report(s), csv/jsonl print the table.
Exit codes: 0 all inputs ok, 1 some failed, 2 bad usage.
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ita-extract")
def cli() -> None:
    """Turn Thai ITA report PDFs into clean, typed data (JSON, CSV, Parquet, Excel).

    \b
    Example:
      ita-extract extract report.pdf                  # JSON on stdout
      ita-extract extract samples/ -o out/ -f csv     # out/*.json + out/records.csv
      ita-extract combine out/ out2/ -o all/ -f xlsx  # merge two runs
    """


def _default_workers() -> int:
    """Cores this process may use (cgroup/affinity aware where the OS says so)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _limits(timeout: float, max_pages: int, max_size: float, max_memory: int, ocr_page_time: float) -> Limits:
    """Command-line limits (0 = off) → :class:`Limits`."""
    return Limits(
        max_bytes=int(max_size * MB) or None,
        max_pages=max_pages or None,
        timeout_s=timeout or None,
        max_memory_mb=max_memory or None,
        ocr_page_s=ocr_page_time or None,
    )


def _say(message: str) -> None:
    """One line on stderr, above the progress bar if one is showing."""
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def _summary(lines: Sequence[ManifestLine], where: Path | None) -> str:
    counts = Counter(line.status for line in lines)
    parts = [f"{counts[s]} {s}" for s in STATUSES if counts[s] or s in ("ok", "failed")]
    text = f"{len(lines)} file(s): " + ", ".join(parts)
    return text + (f"; manifest: {where}" if where else "")


def _check_usage(out: Path | None, fmt: str, resume: bool) -> None:
    """Refuse option combinations that cannot work, before any work starts (exit code 2)."""
    if out is None and fmt in ("parquet", "xlsx"):
        raise click.UsageError(f"-f {fmt} writes a binary file: give an output folder with -o")
    if out is None and resume:
        raise click.UsageError("--resume needs the output folder of the earlier run (-o)")
    if out is not None and out.exists() and not out.is_dir():
        raise click.UsageError(f"{out}: -o must be a folder, and this is a file")


def _write_outputs(out: Path, fmt: str, lines: Sequence[ManifestLine]) -> Path:
    """The combined table (from the per-report files on disk) and the manifest, both atomic."""
    reports = [load_report(safe_join(out, line.output)) for line in lines if line.has_report and line.output]
    write_table([r for r in reports if r is not None], out, fmt)
    return write_manifest(out, lines)


def _print_stdout(fmt: str, texts: Sequence[str]) -> None:
    """Stdout mode: reports as JSON, or the combined table as csv/jsonl."""
    if fmt == "json":
        for text in texts:
            click.echo(text)
        return
    reports = [json.loads(text) for text in texts]
    click.echo(jsonl_text(reports) if fmt == "jsonl" else csv_text(records_frame(reports)), nl=False)


def _finish(lines: Sequence[ManifestLine], where: Path | None, quiet: bool) -> None:
    if not quiet:
        click.echo(_summary(lines, where), err=True)
    sys.exit(1 if any(line.status == "failed" for line in lines) else 0)


@cli.command("extract", epilog=LAYOUT_HELP)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="Combined table format (per-report JSON is always written with -o).")
@click.option("--files-from", type=click.File("r", encoding="utf-8"),
              help="Read more input paths from this file, one per line (- for stdin).")
@click.option("-j", "--workers", type=click.IntRange(1, 256), default=None,
              help="Worker processes  [default: number of cores]")
@click.option("--timeout", type=click.FloatRange(0), default=Limits.timeout_s, show_default=True,
              help="Seconds allowed per file (0 = no limit), plus --ocr-page-time for each page that needs OCR.")
@click.option("--ocr-page-time", type=click.FloatRange(0), default=Limits.ocr_page_s, show_default=True,
              help="Seconds added to --timeout for each page of the file that needs OCR. When the time runs "
                   "out during OCR, the pages already read are kept (ocr_time_limit warning).")
@click.option("--max-pages", type=click.IntRange(0), default=Limits.max_pages, show_default=True,
              help="Refuse files with more pages (0 = no limit).")
@click.option("--max-size", type=click.FloatRange(0), default=200, show_default=True,
              help="Refuse files larger than this many MB (0 = no limit).")
@click.option("--max-memory", type=click.IntRange(0), default=Limits.max_memory_mb, show_default=True,
              help="Memory per worker in MB (0 = no limit).")
@click.option("--resume", is_flag=True, help="Skip inputs whose report is already in -o (same sha256).")
@click.option("--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
              help="OCR scanned pages with Tesseract: auto (pages with no usable text), always, never.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; errors still print.")
def extract_cmd(
    inputs: tuple[str, ...], output: Path | None, fmt: str, files_from: TextIO | None, workers: int | None,
    timeout: float, ocr_page_time: float, max_pages: int, max_size: float, max_memory: int, resume: bool,
    ocr: str, quiet: bool,
) -> None:  # fmt: skip
    """Extract INPUT... (PDF files, folders searched recursively, or glob patterns).

    \b
    Examples:
      ita-extract extract report.pdf > report.json
      ita-extract extract 'reports/**/*.pdf' -o out/ -f xlsx --workers 4
      ita-extract extract reports/ -o out/ --resume     # continue a killed run
    """
    _check_usage(output, fmt, resume)
    specs = [*inputs, *(read_file_list(files_from.read()) if files_from else [])]
    found = discover(specs)
    if not found:
        raise click.UsageError("no input files (give PDF files, folders or patterns)")
    single = output is None and len(found) == 1
    opts = BatchOptions(
        out_dir=output, limits=_limits(timeout, max_pages, max_size, max_memory, ocr_page_time),
        workers=workers or _default_workers(), resume=resume,
        progress=not quiet and not single and sys.stderr.isatty(),
    )  # fmt: skip
    warm_up()  # before the workers fork, so they share the loaded dictionaries
    batch = run_batch(found, opts, partial(extract, ocr=ocr), _say)
    where = _write_outputs(output, fmt, batch.lines) if output is not None else None
    if output is None:
        _print_stdout(fmt, [batch.texts[i] for i in sorted(batch.texts)])
    _finish(batch.lines, where, quiet or single)


@cli.command("combine", epilog=LAYOUT_HELP)
@click.argument("runs", nargs=-1, required=True, metavar="RUN...",
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def combine_cmd(runs: tuple[Path, ...], output: Path | None, fmt: str, quiet: bool) -> None:
    """Merge earlier runs (output folders or report JSON files) into one dataset.

    Each report (by sha256) is kept once, the first run winning. With -o the result has
    the same layout as an extract run, so it can be combined again.

    \b
    Example:
      ita-extract combine out-2566/ out-2567/ -o all/ -f parquet
    """
    _check_usage(output, fmt, resume=False)
    if output is not None and any(output.resolve() == run.resolve() for run in runs):
        raise click.UsageError(f"{output}: -o must not be one of the runs being combined")
    kept, lines = combine_runs(runs)
    if output is None:
        _print_stdout(fmt, [found.path.read_text(encoding="utf-8") for found in kept])
        _finish(lines, None, quiet)
    output.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(output)
    names = unique_output_names([(f.path.name, f.data["source"]["sha256"]) for f in kept])
    for found in kept:
        atomic_write_bytes(safe_join(output, names[found.data["source"]["sha256"]]), found.path.read_bytes())
    for line in lines:
        line.output = names.get(line.sha256 or "")
    _finish(lines, _write_outputs(output, fmt, lines), quiet)


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of one report (the output contract)."""
    import json

    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Console-script entry point."""
    cli()
