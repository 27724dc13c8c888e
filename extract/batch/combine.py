"""Combining earlier runs: their reports, each sha256 once (the first run wins), into one output folder.

A run folder is read through its manifest when it has one (that run's order), else as
every ``*.json`` in it. Anything that is not a valid report of this contract version
(a stray JSON, a FIFO named ``*.json``, a manifest line naming a path) is left out with a
``json_ignored`` notice, never a crash. Writing takes the output folder's lock and names
reports against what it holds (``outdir``), like an extract run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ExtractError, Notice, printable
from ..files import open_regular, read_regular
from .atomic import TEMP_PREFIX, atomic_write_bytes, safe_join
from .manifest import (
    MANIFEST_NAME,
    ManifestLine,
    Notify,
    load_report,
    parse_manifest,
    report_codes,
    status_of,
    warnings_message,
)
from .outdir import OutputFolder, holdings, write_run_outputs


@dataclass(frozen=True)
class FoundReport:
    """A per-report JSON from an earlier run, with the manifest line that produced it."""

    path: Path
    data: dict[str, Any]
    source_path: str | None = None  # the input's path below its folder, as that run's manifest has it


def _run_manifest(run: Path, notify: Notify | None) -> list[ManifestLine] | None:
    """A run folder's manifest lines, or None when it has no readable manifest."""
    path = run / MANIFEST_NAME
    if not path.is_file():
        return None
    try:
        with open_regular(path) as fh:
            text = fh.read().decode("utf-8", errors="replace")
    except (OSError, ExtractError) as err:
        if notify is not None:
            notify(Notice("json_ignored", f"{printable(str(path))}: cannot read ({err}); the folder's reports are read instead"))
        return None
    return parse_manifest(text)


def _plain_name(name: str) -> bool:
    """A manifest's ``output`` that names a file directly in its folder (a manifest is only text)."""
    try:
        safe_join(Path("."), name)
    except ValueError:
        return False
    return True


def reports_of_run(run: Path, notify: Notify | None = None) -> list[FoundReport]:
    """The reports of an earlier run folder (in its manifest's order), or a single report file.

    A folder without a manifest (copied by hand, or a run killed before the end) is
    read as every ``*.json`` report in it, sorted by name. A file that is not a valid
    report is left out, and ``notify`` hears of it.
    """
    manifest = None if run.is_file() else _run_manifest(run, notify)
    where = {line.output: line.source_path for line in manifest or [] if line.has_report and line.output}
    if run.is_file():
        paths = [run]
    elif manifest is not None:
        outputs = [line.output for line in manifest if line.has_report]
        paths = [run / name for name in dict.fromkeys(o for o in outputs if o and _plain_name(o))]
    else:
        paths = sorted(p for p in run.glob("*.json") if not p.name.startswith(TEMP_PREFIX))
    found = []
    for path in paths:
        data = load_report(path, notify)
        if data is not None:
            found.append(FoundReport(path, data, where.get(path.name)))
    return found


def combine_runs(runs: Iterable[Path], notify: Notify | None = None) -> tuple[list[FoundReport], list[ManifestLine]]:
    """Reports of several runs, each sha256 once (first run wins), and a manifest line per report."""
    kept: list[FoundReport] = []
    lines: list[ManifestLine] = []
    first: dict[str, str] = {}
    for run in runs:
        for rep in reports_of_run(run, notify):
            source = rep.data["source"]
            sha = source.get("sha256")
            codes = report_codes(rep.data)
            line = ManifestLine(
                path=str(rep.path), sha256=sha, status=status_of(codes), records=len(rep.data.get("records", [])),
                pages=source.get("pages"), source_path=rep.source_path, warnings=list(dict.fromkeys(codes)),
                message=warnings_message(codes),
            )  # fmt: skip
            if sha in first:
                line.status, line.duplicate_of = "skipped", first[sha]
                line.message = f"{rep.path}: same report as {first[sha]}; kept once"
            else:
                first[sha] = str(rep.path)
                kept.append(rep)
            lines.append(line)
    return kept, lines


@dataclass
class Combined:
    """What ``combine -o`` did: a manifest line per report found, where the manifest went, what failed."""

    lines: list[ManifestLine]
    manifest: Path | None
    errors: list[str]


def combine_into(runs: Iterable[Path], out: Path, fmt: str, notify: Notify | None = None) -> Combined:
    """Copy the runs' reports (each sha256 once) into ``out`` and write its table and manifest.

    Raises ``outdir.OutputFolderError`` when ``out`` cannot be used (before anything is
    written); a copy that fails (disk full) stops the copying, and what was copied is
    still listed in the manifest.
    """
    with OutputFolder(out):
        kept, lines = combine_runs(runs, notify)
        names = holdings(out, resume=False).names_for([(f.path.name, f.data["source"]["sha256"]) for f in kept])
        errors: list[str] = []
        copied: set[str] = set()
        for found in kept:
            sha = found.data["source"]["sha256"]
            target = safe_join(out, names[sha])
            try:
                atomic_write_bytes(target, read_regular(found.path))
            except (OSError, ExtractError) as err:
                errors.append(f"{printable(str(target))}: cannot write: {getattr(err, 'strerror', None) or err}")
                break
            copied.add(sha)
        for line in lines:
            line.output = names.get(line.sha256 or "") if line.sha256 in copied else None
        done = [line for line in lines if line.output]
        manifest, problems = write_run_outputs(out, fmt, done, notify)
    return Combined(done, manifest, errors + problems)
