"""Entry points: ``extract(path) -> Report`` and the ``ita-extract`` command line.

The extraction itself lives in ``extract/`` (one file: ``pipeline``; many files:
``extract/batch``); this module only wires it to users: options, usage errors, one-line
messages on stderr, the summary and the exit code (:class:`ExitCode`). Nothing reaches
the user as a traceback: Ctrl-C and SIGTERM stop a batch cleanly (130), and a bug is one
line naming a file that holds the details (70).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from enum import IntEnum
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any, BinaryIO, NoReturn

import click

from .extract.analysis.runs import InputError
from .extract.analysis.summary import MissingDependency, write_summary
from .extract.batch.combine import combine_into, combine_runs
from .extract.batch.executors import (
    EXECUTORS,
    Executor,
    ExecutorUnavailableError,
    dask_missing,
    open_executor,
)
from .extract.batch.inputs import Input
from .extract.batch.limits import MB, Limits
from .extract.batch.manifest import ManifestLine
from .extract.batch.outdir import OutputFolderError
from .extract.batch.pool import Batch, BatchOptions, read_file_list, run_batch
from .extract.batch.sources import Found, discover_each
from .extract.batch.summary import reason_lines, summarise, summary_line
from .extract.batch.writers import FORMATS, TABLE_FORMATS, csv_text, jsonl_text, records_frame, table_name
from .extract.errors import NOTICES, Notice, printable
from .extract.files import read_regular
from .extract.page.ocr.reader import OCR_MODES
from .pipeline import extract, warm_up
from .schema import Report


class ExitCode(IntEnum):
    """What ``ita-extract`` exits with; listed in ``extract --help``."""

    OK = 0  # every input ok (or a warning)
    FAILED = 1  # some inputs failed; each has its line in the manifest and on stderr
    USAGE = 2  # bad usage, or -o unusable (cannot be created or written, another run holds it): nothing done
    INTERNAL = 70  # a bug in ita-extract (sysexits EX_SOFTWARE): one line, the traceback saved to a file
    OUTPUT = 74  # -o failed mid-run (disk full, I/O error; sysexits EX_IOERR): what was done is kept
    INTERRUPTED = 130  # Ctrl-C or SIGTERM: what finished is kept; rerun with --resume

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


class _Cli(click.Group):
    """The command group, with the last net: no traceback ever reaches the user.

    Ctrl-C outside a batch (while inputs are listed, say) exits 130; any unexpected
    exception is one line naming a file that holds the traceback, and exit code 70.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, BrokenPipeError):
            raise  # click's own handling (a closed pipe: ``ita-extract … | head`` exits quietly)
        except KeyboardInterrupt:
            click.echo("interrupted; run the same command again to finish", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except Exception as exc:  # noqa: BLE001 - the one place a bug becomes a line, not a traceback
            ctx.exit(_crashed(exc))


def _crashed(exc: BaseException) -> int:
    """Say that ita-extract has a bug, in one line, with the traceback kept in a file."""
    where = "(could not save the traceback)"
    try:
        with tempfile.NamedTemporaryFile("w", prefix="ita-extract-crash-", suffix=".txt", delete=False) as fh:
            fh.write("".join(traceback.format_exception(exc)))
            where = f"details in {fh.name}"
    except OSError:
        pass
    text = printable(" ".join(str(exc).split()))[:200]
    click.echo(f"ita-extract: internal error (a bug, please report it): {type(exc).__name__}: {text}; {where}", err=True)
    return ExitCode.INTERNAL


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
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


def _say_notice(notice: Notice) -> None:
    _say(notice.message)


def _check_usage(out: Path | None, fmt: str, resume: bool) -> None:
    """Refuse option combinations that cannot work, before any work starts (exit code 2)."""
    if out is None and fmt in ("parquet", "xlsx", "sqlite"):
        raise click.UsageError(f"-f {fmt} writes a binary file: give an output folder with -o")
    if out is None and resume:
        raise click.UsageError("--resume needs the output folder of the earlier run (-o)")
    if out is not None and out.exists() and not out.is_dir():
        raise click.UsageError(f"{out}: -o must be a folder, and this is a file")


class ExecutorError(click.ClickException):
    """The chosen executor cannot run (Dask missing, scheduler unreachable): one line, exit 2."""

    exit_code = 2


def _check_executor(executor: str, scheduler: str | None, workers: int | None) -> None:
    """``--executor``/``--scheduler``/``-j`` that cannot go together, and Dask asked for but absent."""
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    if scheduler is not None and workers is not None:
        raise click.UsageError("-j sizes the local pool or LocalCluster; with --scheduler the cluster decides")
    missing = dask_missing() if executor == "dask" else None
    if missing:
        raise ExecutorError(missing)


@contextlib.contextmanager
def _executor(name: str, workers: int, scheduler: str | None) -> Iterator[Executor]:
    """The executor for ``run_batch``, open for the block; a cluster that cannot start is one line, exit 2."""
    try:
        with open_executor(name, workers, scheduler, warm_up=warm_up, notify=_say) as execute:
            yield execute
    except ExecutorUnavailableError as exc:
        raise ExecutorError(str(exc)) from None


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


def _finish(lines: Sequence[ManifestLine], quiet: bool, started: float, out: Path | None, fmt: str,
            manifest: Path | None = None) -> NoReturn:  # fmt: skip
    """The reasons some files gave no records, the summary line, and the exit code."""
    if not quiet:
        table = out / table_name(fmt) if out is not None and fmt != "json" else None
        run = summarise(lines, time.monotonic() - started)
        for text in [*reason_lines(run), summary_line(run, table, manifest)]:
            click.echo(text, err=True)
    sys.exit(ExitCode.FAILED if any(line.status == "failed" for line in lines) else ExitCode.OK)


def _unusable(err: OutputFolderError) -> NoReturn:
    """-o cannot be used: one line, exit 2, before any work."""
    click.echo(str(err), err=True)
    sys.exit(ExitCode.USAGE)


def _stopped(batch: Batch, resumable: bool) -> NoReturn:
    """A batch that did not go through: its error lines, then how far it got and how to finish."""
    for error in batch.errors:
        _say(error)
    done = f"{len(batch.lines)} of {batch.total} done"
    rerun = "rerun with --resume" if resumable else "nothing printed; rerun to finish"
    if batch.interrupted:
        _say(f"interrupted: {done}; {rerun}")
        sys.exit(ExitCode.INTERRUPTED)
    _say(f"stopped: {done}; free space in the output folder and {rerun}")
    sys.exit(ExitCode.OUTPUT)


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
    tables = sorted((p for f in (*TABLE_FORMATS, "sqlite") if (p := out / table_name(f)).is_file()), key=lambda p: p.stat().st_mtime)
    if not tables:
        _say(f"--resume: {out} holds no table from the earlier run; writing reports only (-f json); give -f to choose")
        return fmt
    earlier = tables[-1].suffix.lstrip(".")
    _say(f"--resume: writing {tables[-1].name} as the earlier run did (give -f to choose another format)")
    return earlier


@cli.command("extract", epilog=LAYOUT_HELP)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
@click.option("-f", "--format", "fmt", type=click.Choice(OUTPUT_FORMATS, case_sensitive=False), default="json",
              show_default=True, help="Combined table format (per-report JSON is always written with -o).")
@click.option("--files-from", type=click.File("rb"),
              help="Read more input paths from this file, one per line (- for stdin; UTF-8, UTF-16 or Thai Windows).")
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
@click.option("--resume", is_flag=True,
              help="Skip inputs whose report is already in -o (same sha256); the table keeps the earlier -f.")
@click.option("--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
              help="OCR scanned pages with Tesseract: auto (pages with no usable text), always, never.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors still print.")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
              help="Where files are extracted: this machine's process pool, or a Dask cluster "
                   "(pip install 'ita-extract[dask]'; docs/SCALING.md).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) or scheduler file; "
                   "without it, --executor dask starts a LocalCluster of -j processes.")
@click.pass_context
def extract_cmd(
    ctx: click.Context, inputs: tuple[str, ...], output: Path | None, fmt: str, files_from: BinaryIO | None,
    workers: int | None, timeout: float, ocr_page_time: float, max_pages: int, max_size: float, max_memory: int,
    resume: bool, ocr: str, quiet: bool, executor: str, scheduler: str | None,
) -> None:  # fmt: skip
    """Extract INPUT... (PDF files, folders searched recursively, or glob patterns).

    \b
    Examples:
      ita-extract extract report.pdf > report.json
      ita-extract extract 'reports/**/*.pdf' -o out/ -f xlsx --workers 4
      ita-extract extract reports/ -o out/ --resume     # continue a killed run
      ita-extract extract reports/ -o out/ --executor dask --scheduler tcp://head:8786
    """
    started = time.monotonic()
    fmt = fmt.lower()
    _check_usage(output, fmt, resume)
    _check_executor(executor, scheduler, workers)
    specs = [*inputs, *(read_file_list(files_from.read()) if files_from else [])]
    found = _inputs(discover_each(specs))
    fmt = _resume_format(ctx, output, fmt, resume)
    _check_format_installed(fmt)
    single = output is None and len(found) == 1
    progress = "off" if quiet or single else "bar" if sys.stderr.isatty() else "lines"
    opts = BatchOptions(
        out_dir=output, limits=_limits(timeout, max_pages, max_size, max_memory, ocr_page_time),
        workers=workers or _default_workers(), resume=resume, progress=progress, table_format=fmt,
    )  # fmt: skip
    if executor == "local":
        warm_up()  # before the workers fork, so they share the loaded dictionaries (Dask: on its workers)
    try:
        with _executor(executor, opts.workers, scheduler) as execute:
            batch = run_batch(found, replace(opts, executor=execute), partial(extract, ocr=ocr), _say)
    except OutputFolderError as err:
        _unusable(err)
    if not batch.complete:
        _stopped(batch, resumable=output is not None)
    if output is None:
        texts = [batch.texts[i] for i in sorted(batch.texts)]
        _print_stdout(fmt, texts, _source_paths(batch.lines), several=not single)
    _finish(batch.lines, quiet or single, started, output, fmt, batch.manifest)


@cli.command("combine", epilog=LAYOUT_HELP)
@click.argument("runs", nargs=-1, required=True, metavar="RUN...",
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
@click.option("-f", "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="csv", show_default=True)
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
    kept, lines = combine_runs(runs, _say_notice if output is None else None)
    _check_reports_found(runs, lines)
    if output is None:
        texts = [read_regular(found.path).decode("utf-8") for found in kept]
        _print_stdout(fmt, texts, _source_paths(lines), several=len(runs) > 1 or runs[0].is_dir())
        _finish(lines, quiet, started, None, fmt)
    try:
        combined = combine_into(runs, output, fmt, _say_notice)
    except OutputFolderError as err:
        _unusable(err)
    if combined.errors:
        for error in combined.errors:
            _say(error)
        _say(f"stopped: {len(combined.lines)} report(s) combined; free space in the output folder and rerun")
        sys.exit(ExitCode.OUTPUT)
    _finish(combined.lines, quiet, started, output, fmt, combined.manifest)


def _check_reports_found(runs: Sequence[Path], lines: Sequence[ManifestLine]) -> None:
    """Name every run that held no report; refuse to combine nothing (exit 2)."""
    if not lines:
        what = "report .json files (folders written by `ita-extract extract -o`, or the files themselves)"
        raise click.UsageError(f"nothing to combine: no {what} in {', '.join(map(str, runs))}")
    paths = [Path(line.path) for line in lines]
    for run in runs:
        if not any(path == run or path.parent == run for path in paths):
            _say(f"{run}: no report .json here; left out")


@cli.command("summary")
@click.argument("inputs", nargs=-1, required=True, metavar="OUT...", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default="summary.html",
              show_default=True, help="The HTML file to write.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def summary_cmd(inputs: tuple[Path, ...], output: Path, quiet: bool) -> None:
    """Write one self-contained HTML page comparing agencies, from OUT... (run folders or one database).

    Thai and English; charts drawn by matplotlib and inlined as SVG; opens offline.

    \b
    Examples:
      ita-extract summary out/ -o summary.html
      ita-extract summary out-2566/ out-2567/ -o compare.html
      ita-extract summary all/records.sqlite -o summary.html
    """
    try:
        done = write_summary(inputs, output)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    except MissingDependency as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        c = done.counts
        click.echo(f"{output}: {c.reports} report(s), {c.agencies} agencies, {c.records} records, "
                   f"{c.failed} failed file(s), {len(done.charts)} chart(s)", err=True)  # fmt: skip


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of one report (the output contract)."""
    import json

    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


@cli.command("codes")
def codes_cmd() -> None:
    """List the warning codes a report may carry: note or warning, what it means, what to do.

    A "note" is a repair that needs no look; a "warning" makes the file's status
    "warning" in the manifest.
    """
    for code, notice in NOTICES.items():
        click.echo(f"{code}\t{notice.level}\t{notice.meaning}\t{notice.action}")


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (``kill``, ``timeout``, a scheduler) stops a run as Ctrl-C does: cleanly."""
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _terminate)
    cli()
