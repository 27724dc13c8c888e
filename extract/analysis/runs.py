"""Where the summary's data comes from: run folders (reports + manifests) or an analysis database.

Either way the summary reads one SQLite database: folders are loaded into an in-memory one
with the same builder ``-f sqlite`` uses, so the page and the database never disagree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from ..batch.combine import combine_runs
from ..batch.manifest import MANIFEST_NAME, Notify, read_manifest
from .sqlite import RunFile, StoreError, fill_database, open_database

SQLITE_MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file


class InputError(ValueError):
    """An input the summary cannot read (named in the message, one line)."""


def is_database(path: Path) -> bool:
    """Whether ``path`` is an SQLite file (by its header, whatever its name)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def run_files(run: Path) -> list[RunFile]:
    """The manifest lines of one run folder, or lines made from its reports where it has no manifest.

    The manifest is what names files that failed; a folder copied by hand still counts its reports.
    """
    if run.is_dir() and (run / MANIFEST_NAME).is_file():
        return [RunFile(line, str(run)) for line in read_manifest(run / MANIFEST_NAME)]
    return [RunFile(line, str(run)) for line in combine_runs([run])[1]]


def database_from_runs(runs: Sequence[Path], notify: Notify | None = None) -> sqlite3.Connection:
    """An in-memory analysis database of several run folders, each report (sha256) once.

    A JSON file that is not a report of the contract is left out and named to ``notify``
    (``json_ignored``), as ``extract`` and ``combine`` do, instead of breaking the page halfway.
    """
    kept, _ = combine_runs(runs, notify)
    files = [item for run in runs for item in run_files(run)]
    try:
        return fill_database(sqlite3.connect(":memory:"), (found.data for found in kept), files)
    except StoreError as exc:
        raise InputError(str(exc)) from exc


def open_inputs(inputs: Sequence[Path], notify: Notify | None = None) -> sqlite3.Connection:
    """One database for the summary: a single database file as it is, or run folders loaded.

    Mixing a database with folders is refused: a database already holds its runs.
    """
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder")
    databases = [p for p in inputs if p.is_file() and is_database(p)]
    if databases and len(inputs) > 1:
        raise InputError(f"{databases[0]}: give one database alone, or run folders (not both)")
    if databases:
        try:
            return open_database(databases[0])
        except ValueError as exc:
            raise InputError(str(exc)) from exc
    not_runs = [p for p in inputs if not p.is_dir() and p.suffix != ".json"]
    if not_runs:
        raise InputError(f"{not_runs[0]}: not a run folder, a report JSON or an analysis database")
    return database_from_runs(inputs, notify)
