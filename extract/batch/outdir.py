"""The output folder (``-o``): one run at a time, usable before work starts, and what it already holds.

Found by a fault probe: two runs into one folder overwrote each other's manifest (a
40-input run ended with a 1-line manifest) and deleted each other's temp files; start-up
deleted every ``.ita-tmp-*`` in the folder, an input PDF of that name included; an
unwritable folder gave a traceback. So a run (``extract`` or ``combine``):

1. creates the folder, takes an exclusive ``flock`` on it (a second run refuses with one
   line; the lock goes when the process dies, even by SIGKILL), and writes a probe temp
   file: a folder that cannot be created or written is an :class:`OutputFolderError`
   before any work (exit code 2);
2. removes only its own provably stale temps (``writers.is_stale_temp``);
3. reads what the folder holds (:func:`holdings`), so report names never take a name
   that holds another file's report, and ``--resume`` knows what is done.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import Notice, printable
from .atomic import TEMP_PREFIX, names_in_folder, remove_stale_temps, safe_join
from .manifest import (
    JOURNAL_NAME,
    MANIFEST_NAME,
    Finished,
    ManifestLine,
    Notify,
    finished_entry,
    read_json,
    report_problem,
    report_sha,
    write_manifest,
)
from .scores_table import write_scores_table
from .writers import table_name, write_table

try:  # not on Windows: there a second run is not kept out
    import fcntl
except ImportError:  # pragma: no cover - platform dependent
    fcntl = None  # type: ignore[assignment]

_held: set[int] = set()  # lock file descriptors this process holds


class OutputFolderError(Exception):
    """``-o`` cannot be used: cannot be created or written, or another run is writing to it."""


def _close_held_in_child() -> None:
    """A forked worker drops its copies of the lock descriptors (the parent's lock stays held)."""
    for fd in list(_held):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held_in_child)


def _unusable(folder: Path, what: str, err: OSError) -> OutputFolderError:
    reason = err.strerror or type(err).__name__
    return OutputFolderError(f"{folder}: {what}: {reason}")


def _lock(folder: Path) -> int:
    """An exclusive lock on the folder for this process; raises :class:`OutputFolderError` when held elsewhere.

    ``flock`` on the folder itself: no lock file is left behind, and the lock goes with
    the process, however it ends.
    """
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise _unusable(folder, "cannot open the output folder", err) from err
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as err:
        os.close(fd)
        raise OutputFolderError(f"{folder}: another ita-extract run is writing to this folder; "
                                "wait for it to finish or choose another -o") from err  # fmt: skip
    except OSError:  # a file system without flock (some network mounts): run unlocked, as before
        pass
    _held.add(fd)
    return fd


def _probe(folder: Path) -> None:
    """Create and remove a temp file: the folder takes new files (not read-only, not full)."""
    try:
        fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as err:
        raise _unusable(folder, "cannot write to the output folder", err) from err


class OutputFolder:
    """The output folder of one run, held from :meth:`open` to :meth:`close` (or as a context manager)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def open(self) -> OutputFolder:
        """Create, lock and check the folder, and remove our stale temps; :class:`OutputFolderError` if unusable."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise _unusable(self.path, "cannot create the output folder", err) from err
        if not self.path.is_dir():
            raise OutputFolderError(f"{self.path}: -o must be a folder, and this is a file")
        self._fd = _lock(self.path)
        try:
            _probe(self.path)
            remove_stale_temps(self.path)
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Release the lock."""
        if self._fd is not None:
            _held.discard(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> OutputFolder:
        return self.open()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


# ---------------------------------------------------------------- what the folder holds


@dataclass
class Holdings:
    """What an output folder holds before a run writes to it."""

    owners: dict[str, str | None] = field(default_factory=dict)  # casefolded name → its report's sha256, or None
    known: dict[str, str] = field(default_factory=dict)  # sha256 → the name its report has
    finished: dict[str, Finished] = field(default_factory=dict)  # sha256 → a valid report (for --resume)

    def names_for(self, items: Sequence[tuple[str, str]]) -> dict[str, str]:
        """Report names for (input name, sha256) pairs that never replace another file's report."""
        return names_in_folder(items, self.owners, self.known)


def _owner(folder: Path, entry: os.DirEntry[str]) -> tuple[str | None, dict | None, str | None]:
    """(sha256 of the report an entry holds, its JSON, why it is not a report) — all None for a non-JSON name."""
    if not entry.name.lower().endswith(".json") or entry.name.startswith(TEMP_PREFIX):
        return None, None, None
    if entry.is_symlink():
        return None, None, "a symbolic link, not a report written here"
    data, problem = read_json(folder / entry.name)
    return (report_sha(data), data, None) if problem is None else (None, None, problem)


def holdings(folder: Path, resume: bool, notify: Notify | None = None) -> Holdings:
    """Read the folder: every name in it, whose report each ``*.json`` is, and (``resume``) the valid ones.

    A name holding anything but one of our reports (a user's file, a folder, a symlink,
    a FIFO) is owned by nobody and never used. With ``resume``, a JSON file that is not a
    valid report of this contract version is not "done" (a report of an older version
    is extracted again, under its name) and ``notify`` hears of it.
    """
    held = Holdings()
    if not folder.is_dir():
        return held
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        sha, data, problem = _owner(folder, entry)
        held.owners.setdefault(entry.name.casefold(), sha)
        if sha is not None:
            held.known.setdefault(sha, entry.name)
        if not resume or (sha is not None and sha in held.finished):
            continue
        if data is not None:
            problem = report_problem(data)
        if problem is None and sha is not None:
            held.finished[sha] = finished_entry(entry.name, data)  # type: ignore[arg-type]
        elif problem is not None and notify is not None:
            notify(Notice("json_ignored", f"{printable(str(folder / entry.name))}: {problem}; not counted as done"))
    return held


def write_run_outputs(
    folder: Path, fmt: str, lines: Iterable[ManifestLine], notify: Notify | None = None
) -> tuple[Path | None, list[str]]:
    """The manifest, then the combined table (from the per-report files on disk), both atomic.

    Returns the manifest's path (None if it could not be written) and one line per write
    that failed (a full disk): the manifest comes first, being the record of what was
    done; if even it fails, the journal ``manifest.jsonl.part`` still lists every input done.
    """
    lines = list(lines)
    problems: list[str] = []
    try:
        manifest: Path | None = write_manifest(folder, lines)
    except OSError as err:
        manifest = None
        problems.append(f"{folder / MANIFEST_NAME}: cannot write: {err.strerror}; what was done is in {JOURNAL_NAME}")
    reports = []
    for line in lines:
        if line.has_report and line.output:
            data, problem = read_json(safe_join(folder, line.output))
            if problem is None and report_sha(data) is not None:
                reports.append(data)
    source_paths = {line.sha256: line.source_path for line in lines if line.has_report and line.sha256}
    writes = (
        (table_name(fmt), lambda: write_table(reports, folder, fmt, notify, source_paths)),
        (f"scores.{fmt}", lambda: write_scores_table(reports, folder, fmt, notify)),
    ) if fmt != "sqlite" else ((table_name(fmt), lambda: _write_database(reports, lines, folder)),)  # fmt: skip
    for name, write in writes:
        try:
            write()
        except OSError as err:
            problems.append(f"{folder / name}: cannot write: {err.strerror}; the reports are whole")
    return manifest, problems


def _write_database(reports: list[dict[str, Any]], lines: list[ManifestLine], folder: Path) -> None:
    """``-f sqlite``: the analysis database (records, scores, warnings, files) in place of the tables.

    Imported here: the analysis package reads run folders through this package.
    """
    from ..analysis.sqlite import RunFile, write_database

    write_database(reports, [RunFile(line) for line in lines], folder)
