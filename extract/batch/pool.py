"""Batch runs: find the inputs, hash and deduplicate them, extract each in its own worker.

Why our own small pool rather than a ``ProcessPoolExecutor``: a worker that dies
(memory limit, a segfault in a PDF library, a hard kill on timeout) breaks an executor
for every queued file. Here each worker is a forked process we watch ourselves: one
that dies or overruns is reported for its own file and replaced, and the queue goes on.
Workers are long-lived (the extractor's lazy data — Thai dictionaries — loads once per
worker, ~0.5 s, instead of once per file) and retired after a limit was hit or after
``TASKS_PER_WORKER`` files. Handing a file to a warm worker costs about a millisecond
(measured in ``tests/test_batch.py``).

Data flow: ``discover`` (paths) → ``plan`` (sha256, duplicates, resume, output names)
→ ``run_pool`` (workers) → ``run_batch`` writes each report atomically and journals a
manifest line per input. This module never imports the CLI; the extract function is
passed in, which also lets tests drive the pool with misbehaving fakes.
"""

from __future__ import annotations

import contextlib
import faulthandler
import glob
import hashlib
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..errors import (
    ExtractError,
    InputNotFoundError,
    InternalError,
    MemoryExceededError,
    TimeoutExceededError,
    WorkerCrashedError,
)
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
from .manifest import Finished, Journal, ManifestLine, finished_outputs
from .writers import atomic_write_text, remove_stale_temps, safe_join, unique_output_names

GLOB_CHARS = ("*", "?", "[")


ExtractFn = Callable[[Path], Any]
Notify = Callable[[str], None]


# ---------------------------------------------------------------- discovery


@dataclass(frozen=True)
class Input:
    """One input file as the user named it (``label``), or why it could not be found."""

    path: Path
    label: str
    error: ExtractError | None = None


def _folder_pdfs(folder: Path) -> list[Path]:
    """Every ``*.pdf`` (any case) under ``folder``, recursively, in a stable order."""
    found = [p for p in folder.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()]
    return sorted(found, key=lambda p: p.as_posix())


def _expand(spec: str) -> list[Input]:
    """A file, a folder (recursive) or a glob pattern (``**`` allowed) → inputs."""
    path = Path(spec)
    if path.is_dir():
        return [Input(p, str(p)) for p in _folder_pdfs(path)]
    if path.exists() or not any(c in spec for c in GLOB_CHARS):
        return [Input(path, spec)]
    matches = sorted(glob.glob(spec, recursive=True))
    if not matches:
        return [Input(path, spec, InputNotFoundError("no file matches this pattern", file=spec))]
    return [inp for match in matches for inp in _expand(match)]


def discover(specs: Iterable[str]) -> list[Input]:
    """Expand command-line inputs in order; a name given twice is kept (it shows up as a duplicate)."""
    return [inp for spec in specs for inp in _expand(spec)]


def read_file_list(text: str) -> list[str]:
    """Paths from a ``--files-from`` list: one per line, blank lines and ``#`` comments skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file, streamed (inputs can be hundreds of MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------- planning


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


def _failed_line(label: str, sha: str | None, err: ExtractError, **extra: Any) -> ManifestLine:
    err.file = label
    return ManifestLine(
        path=label, sha256=sha, status="failed", error=err.code,
        error_class=type(err).__name__, message=err.one_line(), **extra,
    )  # fmt: skip


def _identify(inp: Input, limits: Limits) -> tuple[str | None, ManifestLine | None]:
    """sha256 of an input, or the manifest line saying why it cannot be processed."""
    if inp.error is not None:
        return None, _failed_line(inp.label, None, inp.error)
    try:
        if not inp.path.is_file():
            raise InputNotFoundError("no such file" if not inp.path.exists() else "not a regular file")
        check_size(inp.path, limits)
        return sha256_file(inp.path), None
    except ExtractError as err:
        return None, _failed_line(inp.label, None, err)
    except OSError as err:
        return None, _failed_line(inp.label, None, InputNotFoundError(f"cannot read: {err.strerror}"))


def plan(inputs: Sequence[Input], limits: Limits, finished: dict[str, Finished]) -> Plan:
    """Hash every input, settle duplicates and resumed files, and name the outputs.

    Names are computed over all distinct inputs of the run (not only the ones left to
    do), so an interrupted and a resumed run agree on every file name.
    """
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
    names = unique_output_names([(inp.path.name, sha) for _, inp, sha in todo])
    for index, inp, sha in todo:
        done = finished.get(sha)
        if done is None:
            result.tasks.append(Task(index, inp.path, inp.label, sha, names[sha]))
            continue
        result.settled[index] = ManifestLine(
            path=inp.label, sha256=sha, status="skipped", output=done.output, records=done.records,
            pages=done.pages, message=f"{inp.label}: already extracted in {done.output}",
        )  # fmt: skip
    return result


# ---------------------------------------------------------------- the worker


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


def _failure(exc: BaseException, pages: int | None, limits: Limits) -> WorkerResult:
    """Turn any exception into a typed failure; unexpected ones keep their class name."""
    if isinstance(exc, ExtractError):
        err, cls = exc, type(exc).__name__
    elif isinstance(exc, MemoryError):
        err = MemoryExceededError(f"needed more than the memory limit of {limits.max_memory_mb} MB")
        cls = type(err).__name__
    else:
        err, cls = InternalError(f"{type(exc).__name__}: {exc}"), type(exc).__name__
    return WorkerResult(pages=pages, error=err.code, error_class=cls, message=err.message, page=err.page)


@dataclass(frozen=True)
class Extension:
    """A worker's word to the parent before its result: this file has ``seconds`` more
    (pages that need OCR), so the hard deadline moves with the worker's own alarm."""

    seconds: float


def _extract_one(path: Path, extract_fn: ExtractFn, limits: Limits) -> WorkerResult:
    """Size and page limits first (cheap), then the extractor itself."""
    pages = None
    try:
        check_size(path, limits)
        pages = count_pages(path)
        check_pages(pages, limits, path.name)
        report = extract_fn(path)
        text = report.to_json()
        return WorkerResult(
            report_json=text, records=len(report.records), pages=report.source.pages,
            warnings=[w.code for w in report.warnings],
        )  # fmt: skip
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a manifest line
        return _failure(exc, pages, limits)


def _silence_stdio() -> None:
    """Workers never write to the terminal: stdout may carry JSON, stderr the progress bar.

    The parent reports a crash in the manifest, so a fault handler's dump is only noise.
    """
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _serve(conn: Connection, extract_fn: ExtractFn, limits: Limits) -> None:
    """Extract each path the parent sends, under a fresh time limit, until told to stop."""
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        start = time.perf_counter()
        try:
            start_alarm(limits)
            result = _extract_one(path, extract_fn, limits)
        except BaseException as exc:  # noqa: BLE001 - the alarm may fire at any point
            result = _failure(exc, None, limits)
        cancel_alarm()
        result.seconds = round(time.perf_counter() - start, 3)
        conn.send(result)


def _more_time_for_ocr(conn: Connection, limits: Limits) -> Callable[[], None]:
    """What a worker does when a page starts being read by OCR: its alarm moves on by
    ``ocr_page_s``, and the parent is told so that the hard deadline moves too."""

    def more_time() -> None:
        if limits.timeout_s and limits.ocr_page_s:
            extend_alarm(limits.ocr_page_s)
            conn.send(Extension(limits.ocr_page_s))

    return more_time


def _worker_main(conn: Connection, extract_fn: ExtractFn, limits: Limits, parent: int, inherited: list) -> None:
    """Entry point of a worker process: limits on, serve files, exit without touching stdio."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for other in inherited:  # other workers' pipes, copied by fork: not ours to hold open
        other.close()
    _silence_stdio()
    die_with_parent(parent)
    try:
        limit_memory(limits)
        budget.listen(_more_time_for_ocr(conn, limits))
        _serve(conn, extract_fn, limits)
    finally:
        os._exit(0)


# ---------------------------------------------------------------- the pool

RETIRE_AFTER = ("timeout", "memory_exceeded")  # a worker that hit a limit may be in a bad state
TASKS_PER_WORKER = 200  # then a fresh process: bounds any leak in the PDF libraries


@dataclass
class _Worker:
    """One worker process and the file it is working on (``task is None`` when idle)."""

    proc: Any  # multiprocessing.Process (its type depends on the context)
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    deadline: float | None = None
    served: int = 0


def _context() -> Any:
    """``fork`` where available: workers start in milliseconds with the extractor imported."""
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)


def _spawn(ctx: Any, extract_fn: ExtractFn, limits: Limits, others: list[_Worker]) -> _Worker:
    """Start a worker; flush our stdio first so the fork copies no pending output."""
    sys.stdout.flush()
    sys.stderr.flush()
    parent_conn, child_conn = ctx.Pipe(duplex=True)
    inherited = [w.conn for w in others] if ctx.get_start_method() == "fork" else []
    proc = ctx.Process(target=_worker_main, args=(child_conn, extract_fn, limits, os.getpid(), inherited),
                       daemon=True)  # fmt: skip
    proc.start()
    child_conn.close()  # so the parent sees EOF if the worker dies
    return _Worker(proc, parent_conn)


def _assign(worker: _Worker, task: Task, limits: Limits) -> None:
    worker.task, worker.started = task, time.monotonic()
    hard = limits.hard_deadline_s()
    worker.deadline = worker.started + hard if hard else None
    worker.conn.send(task.path)


def _stop(worker: _Worker, kill: bool = False) -> None:
    """End a worker: politely when idle, by SIGKILL when stuck or dying."""
    if kill:
        worker.proc.kill()
    else:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
    worker.proc.join(5)
    if worker.proc.is_alive():
        worker.proc.kill()
        worker.proc.join()
    worker.conn.close()
    worker.proc.close()


def _lost(worker: _Worker, err: ExtractError) -> WorkerResult:
    """The result for a file whose worker died or was killed."""
    return WorkerResult(error=err.code, error_class=type(err).__name__, message=err.message,
                        seconds=round(time.monotonic() - worker.started, 3))  # fmt: skip


def _crash_error(worker: _Worker) -> WorkerCrashedError:
    """Say how a worker died, from its exit code."""
    worker.proc.join(5)
    code = worker.proc.exitcode
    if code is not None and code < 0:
        hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        return WorkerCrashedError(f"worker died from {signal.Signals(-code).name}{hint}")
    return WorkerCrashedError(f"worker exited with code {code} without a result")


def _collect(worker: _Worker, limits: Limits) -> tuple[WorkerResult | None, bool]:
    """(result, worker still usable) for a busy worker; result ``None`` while it is still working."""
    if worker.conn.poll():
        try:
            result: WorkerResult | Extension = worker.conn.recv()
        except (EOFError, OSError):
            return _lost(worker, _crash_error(worker)), False
        if isinstance(result, Extension):
            worker.deadline = worker.deadline + result.seconds if worker.deadline is not None else None
            return None, True
        worker.served += 1
        return result, result.error not in RETIRE_AFTER and worker.served < TASKS_PER_WORKER
    if not worker.proc.is_alive():
        if worker.conn.poll():  # it sent the result just before exiting
            return _collect(worker, limits)
        return _lost(worker, _crash_error(worker)), False
    if worker.deadline is not None and time.monotonic() > worker.deadline:
        worker.proc.kill()
        return _lost(worker, TimeoutExceededError(f"no result after {limits.timeout_s:g} s; worker killed")), False
    return None, True


def _wait(busy: list[_Worker]) -> None:
    """Sleep until a busy worker sends, dies, or reaches its deadline."""
    deadlines = [w.deadline for w in busy if w.deadline is not None]
    timeout = max(0.0, min(deadlines) - time.monotonic()) + 0.01 if deadlines else None
    wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=timeout)


def run_pool(
    tasks: Iterable[Task], extract_fn: ExtractFn, limits: Limits, workers: int
) -> Iterator[tuple[Task, WorkerResult]]:
    """Extract every task with at most ``workers`` processes; yield results as they finish.

    A worker that crashes, overruns its deadline or hits the memory limit is reported
    for its own file and replaced by a fresh process; the other files never notice.
    Stopping the iteration (or Ctrl-C) kills the workers still running.
    """
    ctx, pending, pool = _context(), deque(tasks), []
    try:
        while pending or any(w.task for w in pool):
            for worker in [w for w in pool if w.task is None]:
                if pending:
                    _assign(worker, pending.popleft(), limits)
            while pending and len(pool) < max(1, workers):
                pool.append(_spawn(ctx, extract_fn, limits, pool))
                _assign(pool[-1], pending.popleft(), limits)
            busy = [w for w in pool if w.task is not None]
            _wait(busy)
            for worker in busy:
                result, usable = _collect(worker, limits)
                if result is None:
                    continue
                task, worker.task = worker.task, None
                if not usable:
                    pool.remove(worker)
                    _stop(worker, kill=True)
                yield task, result
    finally:
        for worker in pool:
            _stop(worker, kill=worker.task is not None)


# ---------------------------------------------------------------- a whole batch


@dataclass
class BatchOptions:
    """How to run a batch. ``out_dir=None`` keeps reports in memory (stdout mode)."""

    out_dir: Path | None = None
    limits: Limits = field(default_factory=Limits)
    workers: int = 1
    resume: bool = False
    progress: bool = False


@dataclass
class Batch:
    """Manifest lines in input order, and the report JSON texts when nothing is written to disk."""

    lines: list[ManifestLine]
    texts: dict[int, str]


def _line_for(task: Task, result: WorkerResult) -> ManifestLine:
    """The manifest line for a file a worker handled."""
    line = ManifestLine(path=task.label, sha256=task.sha256, status="ok", records=result.records,
                        pages=result.pages, seconds=result.seconds)  # fmt: skip
    if result.error:
        err = ExtractError(result.message or result.error, file=task.label, page=result.page)
        err.code = result.error
        line.status, line.error, line.error_class, line.message = "failed", result.error, result.error_class, err.one_line()
    elif result.warnings:
        codes = ", ".join(dict.fromkeys(result.warnings))
        line.status, line.message = "warning", f"{len(result.warnings)} warning(s): {codes}"
    if line.status != "failed":
        line.output = task.output
    return line


def _fill_duplicates(lines: dict[int, ManifestLine]) -> None:
    """Duplicates point at the report of the input they repeat (if it has one)."""
    by_label = {line.path: line for line in lines.values() if line.duplicate_of is None}
    for line in lines.values():
        first = by_label.get(line.duplicate_of or "")
        if first is not None and first.output:
            line.output, line.records, line.pages = first.output, first.records, first.pages


def _progress_bar(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
    return tqdm(total=total, unit="file", disable=not enabled, dynamic_ncols=True, leave=False)


def run_batch(inputs: Sequence[Input], opts: BatchOptions, extract_fn: ExtractFn, notify: Notify) -> Batch:
    """Run a batch; each report is written (atomically) the moment its worker finishes.

    ``notify`` receives the one-line message of every failed input as it happens (the
    CLI prints it with ``tqdm.write`` so it lands above the progress bar).
    """
    out = opts.out_dir
    finished: dict[str, Finished] = {}
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(out)
        finished = finished_outputs(out) if opts.resume else {}
    the_plan = plan(inputs, opts.limits, finished)
    journal = Journal(out) if out is not None else None
    lines, texts = dict(the_plan.settled), {}
    for line in the_plan.settled.values():
        if journal:
            journal.add(line)
        if line.status == "failed":
            notify(line.message or line.path)
    bar = _progress_bar(len(the_plan.tasks), opts.progress)
    try:
        for task, result in run_pool(the_plan.tasks, extract_fn, opts.limits, opts.workers):
            line = _line_for(task, result)
            if result.report_json is not None:
                if out is not None:
                    atomic_write_text(safe_join(out, task.output), result.report_json)
                else:
                    texts[task.index] = result.report_json
            lines[task.index] = line
            if journal:
                journal.add(line)
            if line.status == "failed":
                notify(line.message or line.path)
            bar.update(1)
    finally:
        bar.close()
        if journal:
            journal.close()
    _fill_duplicates(lines)
    ordered = [lines[i] for i in sorted(lines)]
    return Batch(ordered, texts)
