"""Where each input came from, as the table's ``source_path`` column shows it.

A crawl of ITA downloads is a tree of agency folders, and the same file name recurs in
each (``o41.pdf`` is indicator O41 everywhere). The report JSON names only the file, so
the table carries the path below the folder the user gave: ``agencyA/o41.pdf`` and
``agencyB/o41.pdf``, not two ``o41.pdf``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from ..errors import printable
from .inputs import GLOB_CHARS, Input, discover


@dataclass(frozen=True)
class Found:
    """What one command-line input (a file, folder or pattern) expanded to."""

    spec: str
    inputs: list[Input]

    @property
    def empty_folder(self) -> bool:
        """A folder that holds no ``*.pdf`` at any depth (worth a message: the user expected files)."""
        return not self.inputs and Path(self.spec).is_dir()


def input_root(spec: str) -> Path | None:
    """The folder an input searches: the folder itself, or a pattern's fixed leading folders.

    ``downloads/`` → ``downloads``; ``downloads/**/*.pdf`` → ``downloads``; ``*.pdf`` → ``.``;
    a file named directly has no root (``None``).
    """
    path = Path(spec)
    if path.is_dir():
        return path
    if path.exists() or not any(c in spec for c in GLOB_CHARS):
        return None
    fixed = []
    for part in PurePath(spec).parts:
        if any(c in part for c in GLOB_CHARS):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def source_path(file: Path, root: Path | None) -> str:
    """``file`` below ``root`` with ``/`` separators, printable (it goes into spreadsheets).

    A file named directly (no root) is shown as named, relative to the current folder
    when it lies below it: ``/home/me/dl/a/o41.pdf`` run from ``/home/me`` → ``dl/a/o41.pdf``.
    """
    base = root if root is not None else Path.cwd()
    try:
        shown = Path(os.path.relpath(file, base))
    except ValueError:  # another drive on Windows
        shown = file
    if shown.parts[:1] == ("..",):
        shown = file
    return printable(shown.as_posix())


def discover_each(specs: Iterable[str]) -> list[Found]:
    """Each input expanded on its own, in order, every file given its ``source_path``."""
    found = []
    for spec in specs:
        root = input_root(spec)
        inputs = [replace(inp, source_path=source_path(inp.path, root)) for inp in discover([spec])]
        found.append(Found(spec, inputs))
    return found
