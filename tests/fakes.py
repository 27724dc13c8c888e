"""Stand-ins for the batch tests: small fake PDFs and an extractor that misbehaves on cue.

Shared by tests/test_batch.py (the local pool) and tests/test_dask.py (a Dask worker's child):
what the fake extractor does is chosen by the file's name.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

from ita_extract.schema import Record, Report, Source


def fake_pdfs(folder: Path, *names: str) -> list[Path]:
    """Files that start like a PDF and differ by name (so by sha256)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        path.write_bytes(f"%PDF-1.4 fake {name}".encode())
        paths.append(path)
    return paths


def misbehave(name: str) -> None:
    """What a runaway file does to its worker, by name: ``sleep``, ``deaf`` (an alarm it cannot hear),
    ``hog`` (3 GiB of memory), ``segv`` (a crash)."""
    if "sleep" in name:
        time.sleep(30)
    if "deaf" in name:  # the alarm cannot interrupt it: the worker must be killed from outside
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    if "hog" in name:
        hog = bytearray(3 * 1024**3)
        hog[-1] = 1
    if "segv" in name:
        os.kill(os.getpid(), signal.SIGSEGV)


def fake_report(path: Path, issue: str) -> Report:
    """A one-record report of the file, with its real sha256."""
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    record = Record(row=1, issue=issue, page_start=1, page_end=1)
    return Report(source=Source(file=path.name, sha256=sha, pages=1), records=[record])
