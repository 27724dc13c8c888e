"""``ita-extract extract``: PDF files, folders or patterns in; reports, tables and a manifest out."""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import BinaryIO

import click

from ..extract.batch.executors import (
    EXECUTORS,
    Executor,
    ExecutorUnavailableError,
    dask_missing,
    open_executor,
)
from ..extract.batch.inputs import Input
from ..extract.batch.limits import Limits
from ..extract.batch.outdir import OutputFolderError
from ..extract.batch.pool import BatchOptions, read_file_list, run_batch
from ..extract.batch.sources import Found, discover_each
from ..extract.batch.writers import TABLE_FORMATS, table_name
from ..extract.page.ocr.reader import OCR_MODES
from ..pipeline import extract, warm_up
from .app import (
    check_format_installed,
    check_usage,
    cli,
    default_workers,
    finish,
    limits_from_options,
    print_stdout,
    say,
    source_paths_of,
    stopped,
    unusable,
)
from .help import LAYOUT_HELP, OUTPUT_FORMATS


class ExecutorError(click.ClickException):
    """The chosen executor cannot run (Dask missing, scheduler unreachable): one line, exit 2."""

    exit_code = 2


@contextlib.contextmanager
def _frozen_heap(enabled: bool) -> Iterator[None]:
    """While the workers run, what the parent has loaded sits outside the collector's generations.

    It lives as long as the batch: frozen, no forked worker walks it at each full collection
    (about 5 % of a worker's CPU time on samples + synthetic, docs/BENCHMARKS.md) or copies
    its memory pages by writing GC headers: Python's advice for a process that forks
    (``gc.freeze()`` before ``fork()``). Garbage is collected first, so none is frozen, and
    the heap is thawed afterwards: a caller running the command in its own process (a test,
    a notebook) keeps its collector as it was.
    """
    if not enabled:
        yield
        return
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
        with open_executor(name, workers, scheduler, warm_up=warm_up, notify=say) as execute:
            yield execute
    except ExecutorUnavailableError as exc:
        raise ExecutorError(str(exc)) from None


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
        say(f"{spec}: no PDF files in this folder (searched for {where})")
    return inputs


def _resume_format(ctx: click.Context, out: Path | None, fmt: str, resume: bool) -> str:
    """With ``--resume`` and no ``-f``, the table format of the run being resumed (and say so)."""
    if not resume or out is None or ctx.get_parameter_source("fmt") != click.core.ParameterSource.DEFAULT:
        return fmt
    tables = sorted((p for f in (*TABLE_FORMATS, "sqlite") if (p := out / table_name(f)).is_file()), key=lambda p: p.stat().st_mtime)
    if not tables:
        say(f"--resume: {out} holds no table from the earlier run; writing reports only (-f json); give -f to choose")
        return fmt
    earlier = tables[-1].suffix.lstrip(".")
    say(f"--resume: writing {tables[-1].name} as the earlier run did (give -f to choose another format)")
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
              help="Memory a worker may take for a file, in MB beyond what it maps at its start (0 = no limit).")
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
    check_usage(output, fmt, resume)
    _check_executor(executor, scheduler, workers)
    specs = [*inputs, *(read_file_list(files_from.read()) if files_from else [])]
    found = _inputs(discover_each(specs))
    fmt = _resume_format(ctx, output, fmt, resume)
    check_format_installed(fmt)
    single = output is None and len(found) == 1
    progress = "off" if quiet or single else "bar" if sys.stderr.isatty() else "lines"
    opts = BatchOptions(
        out_dir=output, limits=limits_from_options(timeout, max_pages, max_size, max_memory, ocr_page_time),
        workers=workers or default_workers(), resume=resume, progress=progress, table_format=fmt,
    )  # fmt: skip
    if executor == "local":
        warm_up()  # before the workers fork, so they share the loaded dictionaries (Dask: on its workers)
    try:
        with _frozen_heap(executor == "local"), _executor(executor, opts.workers, scheduler) as execute:
            batch = run_batch(found, replace(opts, executor=execute), partial(extract, ocr=ocr), say)
    except OutputFolderError as err:
        unusable(err)
    if not batch.complete:
        stopped(batch, resumable=output is not None)
    if output is None:
        texts = [batch.texts[i] for i in sorted(batch.texts)]
        print_stdout(fmt, texts, source_paths_of(batch.lines), several=not single)
    finish(batch.lines, quiet or single, started, output, fmt, batch.manifest)
