"""Where outputs go and how they are written: safe names, names against the folder, atomic writes.

Three promises to the user live here:
- **Nothing half-written.** Every file is written to a temp file in the same folder and
  renamed over the target, so a batch killed at any moment leaves each output either
  complete or absent — which is what makes ``--resume`` trustworthy. A temp file names
  its writer's pid, and only the temps of writers that are gone are ever removed.
- **Nothing written outside ``-o``.** Output names come from input *stems* only, cleaned
  of separators, control characters and leading dots, and every path is checked to be
  one plain name directly in the output folder.
- **Nothing replaced.** A report's name is chosen against what the output folder already
  holds: a name taken by another file's report (or by anything that is not ours) is never
  reused, so two different ``ITA-o36.pdf`` on two days keep two reports.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

TEMP_PREFIX = ".ita-tmp-"
_OUR_TEMP = re.compile(r"\.ita-tmp-(\d+)-[a-z0-9_]{8}\.tmp")  # TEMP_PREFIX, writer's pid, mkstemp's 8 characters
_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_STEM_BYTES = 120


class OutputPathError(ValueError):
    """A computed output path would leave the output folder (a bug, never user data)."""


# ---------------------------------------------------------------- names and paths


def safe_stem(name: str) -> str:
    """A file stem that is safe as a single path component on Linux, macOS and Windows.

    Only the last path part of ``name`` is used, so ``../../etc/passwd.pdf`` → ``passwd``;
    Thai is kept (NFC); separators and anything unprintable become ``_`` (control and
    bidi-override characters, and the bytes of a name that is not UTF-8, which Python holds
    as lone surrogates and no UTF-8 writer accepts); leading dots go
    (no hidden files, no ``..``), and the name is cut to 120 UTF-8 bytes on a character
    boundary. ``รายงาน ITA.pdf`` → ``รายงาน ITA``.
    """
    base = re.split(r"[/\\]", name)[-1]
    stem = base[: -len(Path(base).suffix)] if Path(base).suffix else base
    stem = _UNSAFE_NAME_CHARS.sub("_", unicodedata.normalize("NFC", stem))
    stem = "".join(ch if ch.isprintable() else "_" for ch in stem)
    stem = stem.strip().lstrip(".").rstrip(". ")
    encoded = stem.encode("utf-8")[:MAX_STEM_BYTES]
    stem = encoded.decode("utf-8", errors="ignore").rstrip(". ")
    if not stem:
        return "report"
    return f"_{stem}" if stem.casefold() in _WINDOWS_RESERVED else stem


def unique_output_names(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Map each sha256 to ``<stem>.json``, adding ``-<sha8>`` to every stem shared by several files.

    ``items`` are (input name, sha256) with distinct sha256s. The choice depends only on
    the set of inputs, not their order, so a resumed run names files as the first run did.
    Stems are compared case-insensitively because macOS and Windows folders are.
    """
    groups: dict[str, set[str]] = defaultdict(set)
    stems: dict[str, str] = {}
    for name, sha in items:
        stems[sha] = safe_stem(name)
        groups[stems[sha].casefold()].add(sha)
    names: dict[str, str] = {}
    for sha, stem in stems.items():
        shared = len(groups[stem.casefold()]) > 1
        names[sha] = f"{stem}-{sha[:8]}.json" if shared else f"{stem}.json"
    return names


def names_in_folder(
    items: Sequence[tuple[str, str]], owners: Mapping[str, str | None], known: Mapping[str, str]
) -> dict[str, str]:
    """Each sha256's report name, never one that holds a different file's report.

    ``items`` as for :func:`unique_output_names`; ``owners`` maps each name already in the
    folder (casefolded) to the sha256 of the report in it, or None when it is anything
    else (a user's file, a folder, a symlink); ``known`` maps a sha256 to the name its
    report already has there, which it keeps. Otherwise the run's name is used when free,
    then ``<stem>-<sha8>.json``, then ``<stem>-<sha256>.json``. Deterministic in the set
    of items and the folder, so a resumed run names files as the first run did.
    """
    preferred = unique_output_names(items)
    names = {sha: known[sha] for sha in sorted(preferred) if sha in known}
    claimed = {name.casefold() for name in names.values()}
    for sha in sorted((s for s in preferred if s not in names), key=lambda s: (preferred[s], s)):
        stem = preferred[sha].removesuffix(".json")
        base = stem.removesuffix(f"-{sha[:8]}")
        for name in (preferred[sha], f"{base}-{sha[:8]}.json", f"{base}-{sha}.json"):
            key = name.casefold()
            if key not in claimed and owners.get(key, sha) == sha:
                break
        names[sha] = name
        claimed.add(name.casefold())
    return names


def safe_join(out_dir: Path, name: str) -> Path:
    """``out_dir / name``, refusing any name that is not one plain component inside ``out_dir``.

    The check is on the name alone and never follows a symlink: files are written by
    renaming over the name, which replaces a link there rather than writing through it.
    """
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name or name != name.strip("\n"):
        raise OutputPathError(f"unsafe output name {name!r}")
    return out_dir / name


# ---------------------------------------------------------------- atomic writes


@functools.cache
def _umask() -> int:
    """The process umask (read once: reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temp path next to ``target``; on success fsync it and rename it over ``target``.

    The temp file lives in the same folder (rename is atomic only within a filesystem)
    and is named ``.ita-tmp-<pid>-<random>.tmp``: :func:`remove_stale_temps` removes it
    after a crash only once the process that wrote it is gone.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=target.parent)
    os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` all-or-nothing."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(target: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``target`` all-or-nothing."""
    atomic_write_bytes(target, text.encode("utf-8"))


def _running(pid: int) -> bool:
    """Whether a process with this pid exists (``kill(pid, 0)`` checks without signalling)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # someone else's process, or not a pid at all (then: not ours to judge)
    return True


def is_stale_temp(folder: Path, name: str) -> bool:
    """A temp file this program wrote whose writer is gone: its name, a regular file of ours, no such pid.

    Everything else is left alone: an input named ``.ita-tmp-x.pdf``, another user's
    file, and the temp of a run still writing (its pid is alive).
    """
    match = _OUR_TEMP.fullmatch(name)
    if match is None:
        return False
    try:
        info = os.lstat(folder / name)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISREG(info.st_mode) and mine and not _running(int(match.group(1)))


def remove_stale_temps(out_dir: Path) -> int:
    """Delete the temp files a killed run of ours left behind (see :func:`is_stale_temp`); return how many.

    Call it only while holding the output folder's lock, so no other run of ours is writing.
    """
    count = 0
    for name in os.listdir(out_dir):
        if is_stale_temp(out_dir, name):
            with contextlib.suppress(FileNotFoundError):
                (out_dir / name).unlink()
                count += 1
    return count
