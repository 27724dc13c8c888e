"""Finding the inputs: files, folders (recursively), glob patterns, and ``--files-from`` lists.

Why our own walk and glob: ``glob('**')`` and ``Path.rglob`` follow symlinked folders
(Python < 3.13), so two links ``x -> .`` made discovery run forever and one gave 41
manifest lines for one file. Here a folder is walked with ``os.walk(followlinks=False)``:
a linked folder inside a tree is not entered (one named on the command line is), and
each real file (device, inode) is listed once per command-line item.

Entries named ``*.pdf`` that are not regular files (a dangling link, a FIFO) are listed
too, so each gets its own manifest line saying what it is instead of being left out in
silence; a folder that cannot be read gets one as well.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExtractError, InputNotFoundError
from ..files import open_regular

GLOB_CHARS = ("*", "?", "[")


@dataclass(frozen=True)
class Input:
    """One input file as the user named it (``label``), or why it could not be found.

    ``source_path`` is its path below the folder it was found in (``sources.py``).
    """

    path: Path
    label: str
    error: ExtractError | None = None
    source_path: str | None = None


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _walk(folder: Path) -> Iterator[Input]:
    """Every ``*.pdf`` entry under ``folder`` that is not a folder, without entering linked folders."""
    problems: list[OSError] = []
    for root, _dirs, files in os.walk(folder, onerror=problems.append, followlinks=False):
        for name in files:
            if _is_pdf_name(name):
                path = Path(root) / name
                yield Input(path, str(path))
    for err in problems:
        where = err.filename or str(folder)
        yield Input(Path(where), str(where), InputNotFoundError(f"cannot read folder: {err.strerror}", file=where))


def _identity(path: Path) -> tuple[int, int] | str:
    """The real file behind a path (device, inode), or the path itself when it cannot be followed."""
    try:
        info = path.stat()
    except OSError:
        return str(path)
    return (info.st_dev, info.st_ino)


def _once(inputs: Iterable[Input]) -> list[Input]:
    """Inputs in path order, each real file once (a link to a file in the same tree is the same file)."""
    seen: set[tuple[int, int] | str] = set()
    out = []
    for inp in sorted(inputs, key=lambda i: i.path.as_posix()):
        key = _identity(inp.path) if inp.error is None else inp.label
        if key not in seen:
            seen.add(key)
            out.append(inp)
    return out


def _component_matches(name: str, pattern: str) -> bool:
    """glob's rule for one path part: case-sensitive, and a leading dot must be matched by a dot."""
    if name.startswith(".") and not pattern.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, pattern)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def _glob(folder: Path, parts: list[str]) -> Iterator[Path]:
    """Paths under ``folder`` matching ``parts``; ``**`` spans real folders only (no linked ones)."""
    if not parts:
        yield folder
        return
    head, rest = parts[0], parts[1:]
    if head == "**":
        yield from _glob(folder, rest)
        for entry in _entries(folder):
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                yield from _glob(folder / entry.name, parts)
    elif not any(c in head for c in GLOB_CHARS):
        path = folder / head
        if os.path.lexists(path) and (not rest or path.is_dir()):
            yield from _glob(path, rest)
    else:
        for entry in _entries(folder):
            if _component_matches(entry.name, head) and (not rest or entry.is_dir()):
                yield from _glob(folder / entry.name, rest)


def expand_pattern(spec: str) -> list[Path]:
    """A glob pattern's matches (``**`` allowed), as ``glob.glob(spec, recursive=True)`` without following links."""
    absolute = spec.startswith(os.sep)
    parts = [p for p in re.split(r"/+", spec) if p not in ("", ".")]
    root = Path(os.sep) if absolute else Path()
    found = set(_glob(root, parts))
    return sorted(found, key=lambda p: p.as_posix())


def _expand(spec: str) -> list[Input]:
    """A file, a folder (recursive) or a glob pattern (``**`` allowed) → inputs."""
    path = Path(spec)
    if path.is_dir():
        return _once(_walk(path))
    if os.path.lexists(path) or not any(c in spec for c in GLOB_CHARS):
        return [Input(path, spec)]
    matches = expand_pattern(spec)
    if not matches:
        return [Input(path, spec, InputNotFoundError("no file matches this pattern", file=spec))]
    found = [inp for match in matches for inp in (_once(_walk(match)) if match.is_dir() else [Input(match, str(match))])]
    return _once(found)


def discover(specs: Iterable[str]) -> list[Input]:
    """Expand command-line inputs in order; a name given twice is kept (it shows up as a duplicate)."""
    return [inp for spec in specs for inp in _expand(spec)]


# ---------------------------------------------------------------- --files-from

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
LEGACY_THAI = "cp874"  # Windows' Thai code page (TIS-620 plus a few signs): how Thai Windows writes a list


def _line_name(raw: bytes) -> str:
    """One list line as a file name: UTF-8 text, else the name the file system has for these bytes.

    A Linux file name is bytes. A line that is not UTF-8 (a list saved on Thai Windows, in
    TIS-620) is kept as exactly those bytes (``os.fsdecode``), which finds a file whose
    name has them (from a TIS-620 zip); when no such file exists but the line read as
    Thai Windows text names one, that is used. Otherwise the bytes stay, and the input
    fails as ``not_found`` with the bytes shown as ``\\xNN``.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    exact = os.fsdecode(raw)
    if os.path.lexists(exact):
        return exact
    thai = raw.decode(LEGACY_THAI, errors="replace")
    return thai if "\ufffd" not in thai and os.path.lexists(thai) else exact


def read_file_list(data: bytes | str) -> list[str]:
    """Paths from a ``--files-from`` list: one per line, blank lines and ``#`` comments skipped.

    Bytes are decoded line by line (see :func:`_line_name`); a UTF-8 or UTF-16 byte-order
    mark (Notepad) is honoured, and CRLF line ends are fine.
    """
    if isinstance(data, str):
        data = os.fsencode(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            if encoding != "utf-8":
                data = data.decode(encoding, errors="surrogateescape").encode("utf-8", errors="surrogateescape")
            break
    names = []
    for raw in data.splitlines():
        line = raw.strip()
        if line and not line.startswith(b"#"):
            names.append(_line_name(line))
    return names


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a regular file, streamed (inputs can be hundreds of MB)."""
    digest = hashlib.sha256()
    with open_regular(path) as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()
