"""Per-file safety limits for batch runs: size, pages, wall time, memory.

Agencies publish whatever their office software produced, and a batch of thousands of
files meets the odd 900-page scan or a PDF that makes a parser loop. One such file must
cost at most a bounded slice of the machine and then be reported, never stall the batch.
The limits are checked in the worker process that extracts the file (see ``batch``):
size and pages before extraction starts, time by an alarm in the worker (with a hard
kill from the parent as a backstop), memory by ``setrlimit`` on the worker process.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from ..errors import (
    ExtractError,
    FileTooLargeError,
    MemoryExceededError,
    TimeoutExceededError,
    TooManyPagesError,
)
from ..page.guard import check_decoding

try:  # not on Windows; there the memory limit is simply not applied
    import resource
except ImportError:  # pragma: no cover - platform dependent
    resource = None  # type: ignore[assignment]

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-file limits; ``None`` or 0 switches one off.

    The defaults are generous for ITA reports (usually 3–40 pages, under 5 MB) yet keep
    one bad file from taking the machine: 200 MB, 2000 pages, 120 s, 2048 MB of memory.
    Each page read by OCR adds ``ocr_page_s`` to the file's time as it starts (the worker
    listens to ``page.ocr.budget``): a 15-page scan ran into the plain 120 s and yielded nothing.
    """

    max_bytes: int | None = 200 * MB
    max_pages: int | None = 2000
    timeout_s: float | None = 120.0
    max_memory_mb: int | None = 2048
    # seconds per page read by OCR: one core reads a page in 2-4 s alone, 10 s on a machine
    # loaded five times over (measured: 9.7 s a page with two workers at load 10)
    ocr_page_s: float | None = 20.0

    def hard_deadline_s(self) -> float | None:
        """When the parent kills a worker whose own alarm did not fire (stuck in C code)."""
        if not self.timeout_s:
            return None
        return self.timeout_s + max(2.0, 0.1 * self.timeout_s)


def check_size(path: Path, limits: Limits) -> int:
    """Return the file size, or raise :class:`FileTooLargeError` before anything reads it."""
    size = path.stat().st_size
    if limits.max_bytes and size > limits.max_bytes:
        raise FileTooLargeError(
            f"{size / MB:.1f} MB is over the limit of {limits.max_bytes / MB:.0f} MB", file=path.name
        )
    return size


def count_pages(path: Path) -> int | None:
    """The file's real page objects, counted in its bytes before any parser runs (``page.streams``).

    Not the page tree's ``/Count``: a tree saying ``/Count 1`` over 200,000 pages slipped
    under ``--max-pages`` when pdfium's count was trusted. Raises
    :class:`MemoryExceededError` for a decompression bomb; ``None`` when no page object is
    found or the file cannot be read: the extractor then reports why, with its own typed
    error, so the limit check never hides the real reason.
    """
    try:
        return check_decoding(path).pages or None
    except (MemoryExceededError, TimeoutExceededError):  # a limit, not an unreadable file: never swallowed
        raise
    except (OSError, ExtractError):
        return None


def check_pages(pages: int | None, limits: Limits, name: str) -> None:
    """Raise :class:`TooManyPagesError` when a known page count is over the limit."""
    if pages is not None and limits.max_pages and pages > limits.max_pages:
        raise TooManyPagesError(f"{pages} pages is over the limit of {limits.max_pages}", file=name)


# What to do about a timeout, in every timeout message: scans take seconds a page (README, OCR).
TIMEOUT_HINT = "allow more with --timeout SECONDS (0 = no limit); scanned pages take a few seconds each"


def start_alarm(limits: Limits) -> None:
    """Arm the time limit for one file in the worker: SIGALRM raises :class:`TimeoutExceededError`.

    The alarm interrupts Python code only; a parser stuck inside C code is killed by the
    parent at :meth:`Limits.hard_deadline_s` instead. Signals reach the main thread only,
    so elsewhere (a thread pool) no alarm is set and the caller must bound the time.
    """
    main = threading.current_thread() is threading.main_thread()
    if limits.timeout_s and hasattr(signal, "SIGALRM") and main:
        timeout = limits.timeout_s

        def _on_alarm(signum: int, frame: FrameType | None) -> None:
            raise TimeoutExceededError(f"took longer than the time limit of {timeout:g} s; {TIMEOUT_HINT}")

        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)


def extend_alarm(seconds: float) -> None:
    """Give the running time limit ``seconds`` more (a file found to need OCR)."""
    if seconds > 0 and hasattr(signal, "SIGALRM"):
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining + seconds)


def limit_memory(limits: Limits) -> None:
    """Cap the worker's address space (``RLIMIT_AS``), first thing in a fresh worker.

    Allocations past the cap fail with ``MemoryError``, which the worker reports as
    ``memory_exceeded``; the worker is then replaced, so one file's excess never
    carries over to the next. The cap is ``max_memory_mb`` beyond the address space the
    worker already has when it starts: a worker forked from a large process (a notebook,
    a Dask worker, a test run with many libraries loaded) inherits its mappings, and an
    absolute cap below them made every file fail at its first allocation.
    """
    if limits.max_memory_mb and resource is not None:
        cap = _address_space() + limits.max_memory_mb * MB
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _address_space() -> int:
    """This process's virtual address space in bytes (``VmSize``), 0 where the OS does not say."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def cancel_alarm() -> None:
    """Stop the time limit once the result is ready, so sending it is never interrupted."""
    if hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)


def die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this worker when the batch process dies (even by SIGKILL).

    Without it, a killed batch leaves orphan workers burning CPU until their timeout.
    Best effort: other systems have no ``prctl`` and rely on the broken pipe instead.
    """
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent_pid:  # parent already gone before prctl took effect
        os._exit(1)
