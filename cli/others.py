"""``combine``, ``summary``, ``schema`` and ``codes``: the commands that read earlier runs or the contract."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import click

from ..extract.analysis.runs import InputError
from ..extract.analysis.summary import MissingDependency, write_summary
from ..extract.batch.combine import combine_into, combine_runs
from ..extract.batch.manifest import ManifestLine
from ..extract.batch.outdir import OutputFolderError
from ..extract.errors import NOTICES
from ..extract.files import read_regular
from ..schema import Report
from .app import (
    ExitCode,
    check_format_installed,
    check_usage,
    cli,
    finish,
    print_stdout,
    say,
    say_notice,
    source_paths_of,
    unusable,
)
from .help import LAYOUT_HELP, OUTPUT_FORMATS


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
    check_usage(output, fmt, resume=False)
    check_format_installed(fmt)
    if output is not None and any(output.resolve() == run.resolve() for run in runs):
        raise click.UsageError(f"{output}: -o must not be one of the runs being combined")
    kept, lines = combine_runs(runs, say_notice if output is None else None)
    _check_reports_found(runs, lines)
    if output is None:
        texts = [read_regular(found.path).decode("utf-8") for found in kept]
        print_stdout(fmt, texts, source_paths_of(lines), several=len(runs) > 1 or runs[0].is_dir())
        finish(lines, quiet, started, None, fmt)
    try:
        combined = combine_into(runs, output, fmt, say_notice)
    except OutputFolderError as err:
        unusable(err)
    if combined.errors:
        for error in combined.errors:
            say(error)
        say(f"stopped: {len(combined.lines)} report(s) combined; free space in the output folder and rerun")
        sys.exit(ExitCode.OUTPUT)
    finish(combined.lines, quiet, started, output, fmt, combined.manifest)


def _check_reports_found(runs: Sequence[Path], lines: Sequence[ManifestLine]) -> None:
    """Name every run that held no report; refuse to combine nothing (exit 2)."""
    if not lines:
        what = "report .json files (folders written by `ita-extract extract -o`, or the files themselves)"
        raise click.UsageError(f"nothing to combine: no {what} in {', '.join(map(str, runs))}")
    paths = [Path(line.path) for line in lines]
    for run in runs:
        if not any(path == run or path.parent == run for path in paths):
            say(f"{run}: no report .json here; left out")


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
        done = write_summary(inputs, output, say_notice)
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

    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


@cli.command("codes")
def codes_cmd() -> None:
    """List the warning codes a report may carry: note or warning, what it means, what to do.

    A "note" is a repair that needs no look; a "warning" makes the file's status
    "warning" in the manifest.
    """
    for code, notice in NOTICES.items():
        click.echo(f"{code}\t{notice.level}\t{notice.meaning}\t{notice.action}")
