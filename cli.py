"""Entry points: ``extract(path) -> Report`` and the ``ita-extract`` command line.

The extraction itself lives in ``extract/`` (one file: ``report``; many files:
``batch``, ``writers``, ``manifest``); this module only wires it to users: options,
usage errors (exit 2), one-line messages on stderr, the summary and the exit code.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

import click

from .extract.batch.limits import MB, Limits
from .extract.batch.manifest import ManifestLine, combine_runs, load_report, write_manifest
from .extract.batch.pool import BatchOptions, Input, read_file_list, run_batch
from .extract.batch.sources import Found, discover_each
from .extract.batch.summary import reason_lines, summarise, summary_line
from .extract.batch.writers import (
    FORMATS,
    TABLE_FORMATS,
    atomic_write_bytes,
    csv_text,
    jsonl_text,
    records_frame,
    remove_stale_temps,
    safe_join,
    table_name,
    unique_output_names,
    write_table,
)
from .extract.errors import NOTICES
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


def _limits(timeout: float, max_pages: int, max_size: float, max_memory: int) -> Limits:
    """Command-line limits (0 = off) → :class:`Limits`."""
    return Limits(
        max_bytes=int(max_size * MB) or None,
        max_pages=max_pages or None,
        timeout_s=timeout or None,
        max_memory_mb=max_memory or None,
    )


def _say(message: str) -> None:
    """One line on stderr, above the progress bar if one is showing."""
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def _check_usage(out: Path | None, fmt: str, resume: bool) -> None:
    """Refuse option combinations that cannot work, before any work starts (exit code 2)."""
    if out is None and fmt in ("parquet", "xlsx"):
        raise click.UsageError(f"-f {fmt} writes a binary file: give an output folder with -o")
    if out is None and resume:
        raise click.UsageError("--resume needs the output folder of the earlier run (-o)")
    if out is not None and out.exists() and not out.is_dir():
        raise click.UsageError(f"{out}: -o must be a folder, and this is a file")


FORMAT_PACKAGES = {"xlsx": "openpyxl", "parquet": "pyarrow"}  # optional extras of the same names


def _check_format_installed(fmt: str) -> None:
    """A table format whose package is missing is bad usage, said before hours of work (exit 2)."""
    package = FORMAT_PACKAGES.get(fmt)
    if package and importlib.util.find_spec(package) is None:
        raise click.UsageError(
            f"-f {fmt} needs the Python package {package}: install ita-extract with it, "
            f"pip install '.[{fmt}]' in this repository (or choose -f csv)"
        )


def _source_paths(lines: Sequence[ManifestLine]) -> dict[str, str | None]:
    """sha256 → the input's path below its folder, for the table's ``source_path`` column."""
    return {line.sha256: line.source_path for line in lines if line.has_report and line.sha256}


def _write_outputs(out: Path, fmt: str, lines: Sequence[ManifestLine]) -> tuple[Path | None, Path]:
    """The combined table (from the per-report files on disk) and the manifest, both atomic."""
    reports = [load_report(safe_join(out, line.output)) for line in lines if line.has_report and line.output]
    table = write_table([r for r in reports if r is not None], out, fmt, _source_paths(lines))
    return table, write_manifest(out, lines)


def _print_stdout(fmt: str, texts: Sequence[str], paths: Mapping[str, str | None], several: bool) -> None:
    """Stdout mode: the report as JSON (a JSON array of them for several inputs), or the table as csv/jsonl."""
    if fmt == "json":
        if several:  # one document a JSON parser takes whole, not objects end to end
            click.echo("[" + ",\n".join(texts) + "]")
        elif texts:
            click.echo(texts[0])
        return
    reports = [json.loads(text) for text in texts]
    click.echo(jsonl_text(reports, paths) if fmt == "jsonl" else csv_text(records_frame(reports, paths)), nl=False)


def _finish(
    lines: Sequence[ManifestLine], quiet: bool, started: float, table: Path | None = None, manifest: Path | None = None
) -> None:
    """The reasons some files gave no records, the summary line, and the exit code."""
    if not quiet:
        run = summarise(lines, time.monotonic() - started)
        for text in [*reason_lines(run), summary_line(run, table, manifest)]:
            click.echo(text, err=True)
    sys.exit(1 if any(line.status == "failed" for line in lines) else 0)


def _inputs(found: Sequence[Found]) -> list[Input]:
    """Every input file; a folder with no PDFs is named (an error when nothing else was found)."""
    empty = [f.spec for f in found if f.empty_folder]
    inputs = [inp for f in found for inp in f.inputs]
    where = "*.pdf files (any case, in every subfolder)"
    if not inputs:
        if empty:
            raise click.UsageError(f"no PDF files in {', '.join(empty)}: searched for {where}")
        raise click.UsageError("no input files (give PDF files, folders or patterns)")
    for spec in empty:
        _say(f"{spec}: no PDF files in this folder (searched for {where})")
    return inputs


def _resume_format(ctx: click.Context, out: Path | None, fmt: str, resume: bool) -> str:
    """With ``--resume`` and no ``-f``, the table format of the run being resumed (and say so)."""
    if not resume or out is None or ctx.get_parameter_source("fmt") != click.core.ParameterSource.DEFAULT:
        return fmt
    tables = sorted((p for f in TABLE_FORMATS if (p := out / table_name(f)).is_file()), key=lambda p: p.stat().st_mtime)
    if not tables:
        _say(f"--resume: {out} holds no table from the earlier run; writing reports only (-f json); give -f to choose")
        return fmt
    earlier = tables[-1].suffix.lstrip(".")
    _say(f"--resume: writing {tables[-1].name} as the earlier run did (give -f to choose another format)")
    return earlier


@cli.command("extract", epilog=LAYOUT_HELP)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="json",
              show_default=True, help="Combined table format (per-report JSON is always written with -o).")
@click.option("--files-from", type=click.File("r", encoding="utf-8"),
              help="Read more input paths from this file, one per line (- for stdin).")
@click.option("-j", "--workers", type=click.IntRange(1, 256), default=None,
              help="Worker processes  [default: number of cores]")
@click.option("--timeout", type=click.FloatRange(0), default=Limits.timeout_s, show_default=True,
              help="Seconds allowed per file (0 = no limit).")
@click.option("--max-pages", type=click.IntRange(0), default=Limits.max_pages, show_default=True,
              help="Refuse files with more pages (0 = no limit).")
@click.option("--max-size", type=click.FloatRange(0), default=200, show_default=True,
              help="Refuse files larger than this many MB (0 = no limit).")
@click.option("--max-memory", type=click.IntRange(0), default=Limits.max_memory_mb, show_default=True,
              help="Memory per worker in MB (0 = no limit).")
@click.option("--resume", is_flag=True,
              help="Skip inputs whose report is already in -o (same sha256); the table keeps the earlier -f.")
@click.option("--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
              help="OCR scanned pages with Tesseract: auto (pages with no usable text), always, never.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors still print.")
@click.pass_context
def extract_cmd(
    ctx: click.Context, inputs: tuple[str, ...], output: Path | None, fmt: str, files_from: TextIO | None,
    workers: int | None, timeout: float, max_pages: int, max_size: float, max_memory: int, resume: bool, ocr: str,
    quiet: bool,
) -> None:  # fmt: skip
    """Extract INPUT... (PDF files, folders searched recursively, or glob patterns).

    \b
    Examples:
      ita-extract extract report.pdf > report.json
      ita-extract extract 'reports/**/*.pdf' -o out/ -f xlsx --workers 4
      ita-extract extract reports/ -o out/ --resume     # continue a killed run
    """
    started = time.monotonic()
    _check_usage(output, fmt, resume)
    specs = [*inputs, *(read_file_list(files_from.read()) if files_from else [])]
    found = _inputs(discover_each(specs))
    fmt = _resume_format(ctx, output, fmt, resume)
    _check_format_installed(fmt)
    single = output is None and len(found) == 1
    progress = "off" if quiet or single else "bar" if sys.stderr.isatty() else "lines"
    opts = BatchOptions(
        out_dir=output, limits=_limits(timeout, max_pages, max_size, max_memory),
        workers=workers or _default_workers(), resume=resume, progress=progress,
    )  # fmt: skip
    warm_up()  # before the workers fork, so they share the loaded dictionaries
    batch = run_batch(found, opts, partial(extract, ocr=ocr), _say)
    if output is None:
        texts = [batch.texts[i] for i in sorted(batch.texts)]
        _print_stdout(fmt, texts, _source_paths(batch.lines), several=not single)
        _finish(batch.lines, quiet or single, started)
    _finish(batch.lines, quiet, started, *_write_outputs(output, fmt, batch.lines))


@cli.command("combine", epilog=LAYOUT_HELP)
@click.argument("runs", nargs=-1, required=True, metavar="RUN...",
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="csv",
              show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def combine_cmd(runs: tuple[Path, ...], output: Path | None, fmt: str, quiet: bool) -> None:
    """Merge earlier runs (output folders or report JSON files) into one dataset.

    Each report (by sha256) is kept once, the first run winning. With -o the result has
    the same layout as an extract run, so it can be combined again.

    \b
    Example:
      ita-extract combine out-2566/ out-2567/ -o all/ -f parquet
    """
    started = time.monotonic()
    _check_usage(output, fmt, resume=False)
    _check_format_installed(fmt)
    if output is not None and any(output.resolve() == run.resolve() for run in runs):
        raise click.UsageError(f"{output}: -o must not be one of the runs being combined")
    kept, lines = combine_runs(runs)
    _check_reports_found(runs, lines)
    if output is None:
        texts = [found.path.read_text(encoding="utf-8") for found in kept]
        several = len(runs) > 1 or runs[0].is_dir()
        _print_stdout(fmt, texts, _source_paths(lines), several)
        _finish(lines, quiet, started)
    output.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(output)
    names = unique_output_names([(f.path.name, f.data["source"]["sha256"]) for f in kept])
    for found in kept:
        atomic_write_bytes(safe_join(output, names[found.data["source"]["sha256"]]), found.path.read_bytes())
    for line in lines:
        line.output = names.get(line.sha256 or "")
    _finish(lines, quiet, started, *_write_outputs(output, fmt, lines))


def _check_reports_found(runs: Sequence[Path], lines: Sequence[ManifestLine]) -> None:
    """Name every run that held no report; refuse to combine nothing (exit 2)."""
    if not lines:
        what = "report .json files (folders written by `ita-extract extract -o`, or the files themselves)"
        raise click.UsageError(f"nothing to combine: no {what} in {', '.join(map(str, runs))}")
    paths = [Path(line.path) for line in lines]
    for run in runs:
        if not any(path == run or path.parent == run for path in paths):
            _say(f"{run}: no report .json here; left out")


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of one report (the output contract), every field described."""
    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


@cli.command("codes")
def codes_cmd() -> None:
    """List the warning codes a report may carry: note or warning, what it means, what to do.

    A "note" is a repair that needs no look; a "warning" makes the file's status
    "warning" in the manifest.
    """
    for code, notice in NOTICES.items():
        click.echo(f"{code}\t{notice.level}\t{notice.meaning}\t{notice.action}")


def main() -> None:
    """Console-script entry point."""
    cli()
