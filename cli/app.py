"""The ``ita-extract`` command group and what every command shares: usage checks, one-line
messages on stderr, the summary and the exit code (:class:`ExitCode`). Nothing reaches the
user as a traceback: Ctrl-C and SIGTERM stop a batch cleanly (130), and a bug is one line
naming a file that holds the details (70).
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Mapping, Sequence
from enum import IntEnum
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import click

from ..extract.batch.limits import MB, Limits
from ..extract.batch.manifest import ManifestLine
from ..extract.batch.outdir import OutputFolderError
from ..extract.batch.pool import Batch
from ..extract.batch.summary import reason_lines, summarise, summary_line
from ..extract.batch.writers import csv_text, jsonl_text, records_frame, table_name
from ..extract.errors import Notice, printable


class ExitCode(IntEnum):
    """What ``ita-extract`` exits with; listed in ``extract --help``."""

    OK = 0  # every input ok (or a warning)
    FAILED = 1  # some inputs failed; each has its line in the manifest and on stderr
    USAGE = 2  # bad usage, or -o unusable (cannot be created or written, another run holds it): nothing done
    INTERNAL = 70  # a bug in ita-extract (sysexits EX_SOFTWARE): one line, the traceback saved to a file
    OUTPUT = 74  # -o failed mid-run (disk full, I/O error; sysexits EX_IOERR): what was done is kept
    INTERRUPTED = 130  # Ctrl-C or SIGTERM: what finished is kept; rerun with --resume


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


def default_workers() -> int:
    """Cores this process may use (cgroup/affinity aware where the OS says so)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def limits_from_options(timeout: float, max_pages: int, max_size: float, max_memory: int, ocr_page_time: float) -> Limits:
    """Command-line limits (0 = off) → :class:`Limits`."""
    return Limits(
        max_bytes=int(max_size * MB) or None,
        max_pages=max_pages or None,
        timeout_s=timeout or None,
        max_memory_mb=max_memory or None,
        ocr_page_s=ocr_page_time or None,
    )


def say(message: str) -> None:
    """One line on stderr, above the progress bar if one is showing."""
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def say_notice(notice: Notice) -> None:
    say(notice.message)


def check_usage(out: Path | None, fmt: str, resume: bool) -> None:
    """Refuse option combinations that cannot work, before any work starts (exit code 2)."""
    if out is None and fmt in ("parquet", "xlsx", "sqlite"):
        raise click.UsageError(f"-f {fmt} writes a binary file: give an output folder with -o")
    if out is None and resume:
        raise click.UsageError("--resume needs the output folder of the earlier run (-o)")
    if out is not None and out.exists() and not out.is_dir():
        raise click.UsageError(f"{out}: -o must be a folder, and this is a file")


FORMAT_PACKAGES = {"xlsx": "openpyxl", "parquet": "pyarrow"}  # optional extras of the same names


def check_format_installed(fmt: str) -> None:
    """A table format whose package is missing is bad usage, said before hours of work (exit 2)."""
    package = FORMAT_PACKAGES.get(fmt)
    if package and importlib.util.find_spec(package) is None:
        raise click.UsageError(
            f"-f {fmt} needs the Python package {package}: install ita-extract with it, "
            f"pip install '.[{fmt}]' in this repository (or choose -f csv)"
        )


def source_paths_of(lines: Sequence[ManifestLine]) -> dict[str, str | None]:
    """sha256 → the input's path below its folder, for the table's ``source_path`` column."""
    return {line.sha256: line.source_path for line in lines if line.has_report and line.sha256}


def print_stdout(fmt: str, texts: Sequence[str], paths: Mapping[str, str | None], several: bool) -> None:
    """Stdout mode: the report as JSON (a JSON array of them for several inputs), or the table as csv/jsonl."""
    if fmt == "json":
        if several:  # one document a JSON parser takes whole, not objects end to end
            click.echo("[" + ",\n".join(texts) + "]")
        elif texts:
            click.echo(texts[0])
        return
    reports = [json.loads(text) for text in texts]
    click.echo(jsonl_text(reports, paths) if fmt == "jsonl" else csv_text(records_frame(reports, paths)), nl=False)


def finish(lines: Sequence[ManifestLine], quiet: bool, started: float, out: Path | None, fmt: str,
            manifest: Path | None = None) -> NoReturn:  # fmt: skip
    """The reasons some files gave no records, the summary line, and the exit code."""
    if not quiet:
        table = out / table_name(fmt) if out is not None and fmt != "json" else None
        run = summarise(lines, time.monotonic() - started)
        for text in [*reason_lines(run), summary_line(run, table, manifest)]:
            click.echo(text, err=True)
    sys.exit(ExitCode.FAILED if any(line.status == "failed" for line in lines) else ExitCode.OK)


def unusable(err: OutputFolderError) -> NoReturn:
    """-o cannot be used: one line, exit 2, before any work."""
    click.echo(str(err), err=True)
    sys.exit(ExitCode.USAGE)


def stopped(batch: Batch, resumable: bool) -> NoReturn:
    """A batch that did not go through: its error lines, then how far it got and how to finish."""
    for error in batch.errors:
        say(error)
    done = f"{len(batch.lines)} of {batch.total} done"
    rerun = "rerun with --resume" if resumable else "nothing printed; rerun to finish"
    if batch.interrupted:
        say(f"interrupted: {done}; {rerun}")
        sys.exit(ExitCode.INTERRUPTED)
    say(f"stopped: {done}; free space in the output folder and {rerun}")
    sys.exit(ExitCode.OUTPUT)


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (``kill``, ``timeout``, a scheduler) stops a run as Ctrl-C does: cleanly."""
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _terminate)
    cli()
