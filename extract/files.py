"""Opening input files: only regular files are read, so nothing can block or never end.

A named pipe (FIFO) called ``report.pdf`` or ``old.json`` blocks ``open()`` until some
other program writes to it (``--resume`` and ``combine`` hung on one), and a device such
as ``/dev/zero`` never ends. So a file is opened without blocking, checked with
``fstat`` (the open file itself, not its name, so nothing can swap it in between), and
only then read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import InputNotFoundError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words: ``"a named pipe (FIFO)"``."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for binary reading; :class:`InputNotFoundError` when it is not a regular file.

    ``OSError`` (missing, unreadable) is left to the caller, which knows how to name it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputNotFoundError(f"not a regular file: it is {kind_of(mode)}", file=str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path | str) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`)."""
    with open_regular(path) as fh:
        return fh.read()
