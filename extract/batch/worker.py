"""One file under limits, in a worker process: the result always gets home, even out of memory.

:func:`extract_under_limits` is the per-file promise any executor builds on (the forked
pool in ``pool``, or another): size and decoding checked before any parser runs, the
real page count against ``--max-pages``, a time alarm, the extractor, and every failure
turned into a typed :class:`WorkerResult` — including running out of memory, for which
the result was made before the file was opened (building one then can fail again, and a
worker that sent nothing was reported as "exited with code 0 without a result").
:func:`serve` is the forked worker's loop around it.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import os
import signal
import struct
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Any

from ..errors import ExtractError, InputChangedError, InternalError, MemoryExceededError
from ..page.ocr import budget
from .limits import (
    Limits,
    cancel_alarm,
    check_pages,
    check_size,
    count_pages,
    die_with_parent,
    extend_alarm,
    limit_memory,
    start_alarm,
)

ExtractFn = Callable[[Path], Any]
EXIT_OUT_OF_MEMORY = 3  # a worker that could not even send its prebuilt result exits with this code


@dataclass
class WorkerResult:
    """What a worker sends back: the report's contract JSON, or a typed failure."""

    report_json: str | None = None
    records: int | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    error_class: str | None = None
    message: str | None = None
    page: int | None = None
    seconds: float | None = None


OUT_OF_MEMORY = WorkerResult(
    error=MemoryExceededError.code, error_class=MemoryExceededError.__name__,
    message="ran out of memory: needed more than the memory limit",
)  # fmt: skip  # built at import: no allocation is needed to report it


def _framed(result: WorkerResult) -> bytes:
    """``result`` as ``Connection.send`` puts it on the pipe: a 4-byte length, then the pickle."""
    payload = bytes(ForkingPickler.dumps(result))
    return struct.pack("!i", len(payload)) + payload


OUT_OF_MEMORY_FRAME = _framed(OUT_OF_MEMORY)  # under PIPE_BUF: one os.write, never torn


def _forget(exc: BaseException) -> None:
    """Drop the frames an exception holds: after a MemoryError they hold the memory that ran out."""
    seen: BaseException | None = exc
    for _ in range(20):  # a context chain is short; this also ends a cycle
        if seen is None:
            return
        if seen.__traceback__ is not None:
            traceback.clear_frames(seen.__traceback__)  # skips the frames still running
            seen.__traceback__ = None
        seen = seen.__context__


def failure(exc: BaseException, pages: int | None, limits: Limits) -> WorkerResult:
    """Any exception as a typed failure; unexpected ones keep their class name (``internal_error``)."""
    if isinstance(exc, MemoryError):
        _forget(exc)
        try:
            return dataclasses.replace(OUT_OF_MEMORY, pages=pages, message=_memory_message(limits))
        except MemoryError:
            return OUT_OF_MEMORY
    if isinstance(exc, ExtractError):
        err, cls = exc, type(exc).__name__
    else:
        err, cls = InternalError(f"{type(exc).__name__}: {exc}"), type(exc).__name__
    return WorkerResult(pages=pages, error=err.code, error_class=cls, message=err.message, page=err.page)


def _memory_message(limits: Limits) -> str:
    if limits.max_memory_mb:
        return f"needed more than the memory limit of {limits.max_memory_mb} MB"
    return "ran out of memory"


def extract_under_limits(path: Path, extract_fn: ExtractFn, limits: Limits, sha256: str | None = None) -> WorkerResult:
    """Extract one file under ``limits``; never raises (a failure is a result).

    Size first (a stat), then what the file's streams decode to and its real page count
    (a decompression bomb is ``memory_exceeded`` before pdfium or pdfminer sees it), then
    the extractor under the time alarm. ``sha256``, when given, is the hash the file was
    planned under: a report of different bytes is ``input_changed``, not a second hash.
    The memory limit is the caller's to set (:func:`limits.limit_memory`, per process).
    """
    pages = None
    try:
        start_alarm(limits)
        check_size(path, limits)
        pages = count_pages(path)
        check_pages(pages, limits, path.name)
        report = extract_fn(path)
        if sha256 is not None and report.source.sha256 != sha256:
            raise InputChangedError("the file changed after it was hashed (still being written?); rerun with --resume")
        text = report.to_json()
        return WorkerResult(
            report_json=text, records=len(report.records), pages=report.source.pages,
            warnings=[w.code for w in report.warnings],
        )  # fmt: skip
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a manifest line
        return failure(exc, pages, limits)
    finally:
        cancel_alarm()


def _silence_stdio() -> None:
    """Workers never write to the terminal: stdout may carry JSON, stderr the progress bar.

    The parent reports a crash in the manifest, so a fault handler's dump is only noise.
    """
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _send(conn: Connection, result: WorkerResult) -> None:
    """Send a result; out of memory, send the prebuilt frame with one allocation-free write."""
    if result is not OUT_OF_MEMORY:
        try:
            conn.send(result)
            return
        except MemoryError:
            pass
    try:
        os.write(conn.fileno(), OUT_OF_MEMORY_FRAME)
    except MemoryError:  # the write happened; only its return value could not be made
        pass
    except OSError:
        os._exit(EXIT_OUT_OF_MEMORY)


def _result_for(path: Path, sha256: str | None, extract_fn: ExtractFn, limits: Limits) -> WorkerResult:
    """:func:`extract_under_limits`, timed; a failure raised while a failure was being built is caught too."""
    start = time.perf_counter()
    try:
        result = extract_under_limits(path, extract_fn, limits, sha256)
    except BaseException as exc:  # noqa: BLE001 - the alarm can fire inside the handler
        cancel_alarm()
        result = failure(exc, None, limits)
    return dataclasses.replace(result, seconds=round(time.perf_counter() - start, 3))


def serve(conn: Connection, extract_fn: ExtractFn, limits: Limits) -> None:
    """Extract each (path, sha256) the parent sends until told to stop; stop after running out of memory."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = _result_for(*job, extract_fn, limits)
        except MemoryError:
            result = OUT_OF_MEMORY  # the parent times it
        _send(conn, result)
        if result.error == MemoryExceededError.code:
            return  # the parent retires this worker anyway; its heap may be in a bad state


@dataclass(frozen=True)
class Extension:
    """A worker's word to the parent before its result: this file has ``seconds`` more
    (pages that need OCR), so the hard deadline moves with the worker's own alarm."""

    seconds: float


def _more_time_for_ocr(conn: Connection, limits: Limits) -> Callable[[], None]:
    """What a worker does when a page starts being read by OCR: its alarm moves on by
    ``ocr_page_s``, and the parent is told so that the hard deadline moves too."""

    def more_time() -> None:
        if limits.timeout_s and limits.ocr_page_s:
            extend_alarm(limits.ocr_page_s)
            conn.send(Extension(limits.ocr_page_s))

    return more_time


def worker_main(conn: Connection, extract_fn: ExtractFn, limits: Limits, parent: int, inherited: list) -> None:
    """Entry point of a forked worker: limits on, serve files, exit without touching stdio."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for other in inherited:  # other workers' pipes, copied by fork: not ours to hold open
        other.close()
    _silence_stdio()
    die_with_parent(parent)
    try:
        limit_memory(limits)
        budget.listen(_more_time_for_ocr(conn, limits))
        serve(conn, extract_fn, limits)
    finally:
        os._exit(0)
