"""Planning a batch: hash each input once, settle duplicates, resumed and unreadable files, name outputs.

Names are computed over all distinct inputs of the run (not only the ones left to do)
and against what the output folder already holds (``outdir.holdings``), so an
interrupted and a resumed run agree on every file name, and no report ever takes a name
that holds another file's report.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ExtractError, InputNotFoundError
from ..files import kind_of
from .inputs import Input, sha256_file
from .limits import Limits, check_size
from .manifest import Finished, ManifestLine
from .outdir import Holdings


@dataclass(frozen=True)
class Task:
    """A file that needs extracting, with the output name decided up front."""

    index: int
    path: Path
    label: str
    sha256: str
    output: str


@dataclass
class Plan:
    """What to run, and the manifest lines of inputs settled without running (by index)."""

    tasks: list[Task] = field(default_factory=list)
    settled: dict[int, ManifestLine] = field(default_factory=dict)
    total: int = 0


def failed_line(label: str, sha: str | None, err: ExtractError, **extra: Any) -> ManifestLine:
    """The manifest line of an input that failed, its message naming it by ``label``."""
    err.file = label
    return ManifestLine(
        path=label, sha256=sha, status="failed", error=err.code,
        error_class=type(err).__name__, message=err.one_line(), **extra,
    )  # fmt: skip


def why_unreadable(path: Path) -> str:
    """Why ``path`` is not a file that can be read, in words: a missing file, a dangling link, a FIFO …"""
    try:
        info = os.lstat(path)
    except OSError:
        return "no such file"
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError as err:
            return f"broken symbolic link to {os.readlink(path)}" if err.errno == 2 else f"cannot follow link: {err.strerror}"
    return f"not a regular file: it is {kind_of(info.st_mode)}"


def _identify(inp: Input, limits: Limits) -> tuple[str | None, ManifestLine | None]:
    """sha256 of an input, or the manifest line saying why it cannot be processed."""
    if inp.error is not None:
        return None, failed_line(inp.label, None, inp.error)
    try:
        if not inp.path.is_file():
            hint = "; the name is not UTF-8 (shown as \\xNN)" if any("\udc80" <= c <= "\udcff" for c in inp.label) else ""
            raise InputNotFoundError(why_unreadable(inp.path) + hint)
        check_size(inp.path, limits)
        return sha256_file(inp.path), None
    except ExtractError as err:
        return None, failed_line(inp.label, None, err)
    except OSError as err:
        return None, failed_line(inp.label, None, InputNotFoundError(f"cannot read: {err.strerror}"))


def _resumed_line(inp: Input, sha: str, done: Finished) -> ManifestLine:
    """A finished input's line on resume: its real status, not "skipped"."""
    return ManifestLine(
        path=inp.label, sha256=sha, status=done.status, output=done.output, records=done.records,
        pages=done.pages, message=f"{inp.label}: already extracted in {done.output}",
        source_path=inp.source_path, warnings=list(dict.fromkeys(done.warnings)),
    )  # fmt: skip


def plan(inputs: Sequence[Input], limits: Limits, held: Holdings | None = None) -> Plan:
    """Hash every input once, settle duplicates, unreadable and finished files (``held.finished``), name the outputs."""
    held = held or Holdings()
    result = Plan(total=len(inputs))
    first: dict[str, int] = {}
    todo: list[tuple[int, Input, str]] = []
    for index, inp in enumerate(inputs):
        sha, line = _identify(inp, limits)
        if line is not None:
            result.settled[index] = line
        elif sha in first:
            dup_of = inputs[first[sha]].label
            result.settled[index] = ManifestLine(
                path=inp.label, sha256=sha, status="skipped", duplicate_of=dup_of,
                message=f"{inp.label}: same content as {dup_of}; extracted once",
            )  # fmt: skip
        else:
            first[sha] = index
            todo.append((index, inp, sha))
    names = held.names_for([(inp.path.name, sha) for _, inp, sha in todo])
    for index, inp, sha in todo:
        done = held.finished.get(sha)
        if done is None:
            result.tasks.append(Task(index, inp.path, inp.label, sha, names[sha]))
        else:
            result.settled[index] = _resumed_line(inp, sha, done)
    return result
