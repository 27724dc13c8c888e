"""The worker pool, and a whole batch: each file in its own forked worker, each report written when done.

Why our own small pool rather than a ``ProcessPoolExecutor``: a worker that dies
(memory limit, a segfault in a PDF library, a hard kill on timeout) breaks an executor
for every queued file. Here each worker is a forked process we watch ourselves: one
that dies or overruns is reported for its own file and replaced, and the queue goes on.
Workers are long-lived (the extractor's lazy data — Thai dictionaries — loads once per
worker, ~0.5 s, instead of once per file) and retired after a limit was hit or after
``TASKS_PER_WORKER`` files. Handing a file to a warm worker costs about a millisecond
(measured in ``tests/test_batch.py``).

Data flow: ``inputs.discover`` (paths) → ``outdir.OutputFolder`` (lock, what ``-o``
holds) → ``plan.plan`` (sha256, duplicates, resume, output names) → :func:`run_pool`
(``worker.extract_under_limits`` in each worker) → :func:`run_batch` writes each report
atomically and journals a manifest line per input; at the end, or when interrupted or
out of disk space, the table and manifest of what was done. This module never imports
the CLI; the extract function is passed in, which also lets tests drive the pool with
misbehaving fakes.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..errors import ExtractError, MemoryExceededError, TimeoutExceededError, WorkerCrashedError
from .atomic import atomic_write_text, safe_join
from .inputs import Input, discover, read_file_list, sha256_file
from .limits import TIMEOUT_HINT, Limits
from .manifest import Journal, ManifestLine, status_of, warnings_message
from .outdir import Holdings, OutputFolder, holdings, write_run_outputs
from .plan import Plan, Task, plan
from .progress import progress_for
from .worker import EXIT_OUT_OF_MEMORY, Extension, ExtractFn, WorkerResult, worker_main

__all__ = [  # discovery, planning and the worker live in their own modules; these names stay importable here
    "Batch", "BatchOptions", "Input", "Plan", "Task", "WorkerResult", "discover", "plan", "read_file_list",
    "run_batch", "run_pool", "sha256_file",
]  # fmt: skip

Notify = Callable[[str], None]


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
    proc = ctx.Process(target=worker_main, args=(child_conn, extract_fn, limits, os.getpid(), inherited),
                       daemon=True)  # fmt: skip
    proc.start()
    child_conn.close()  # so the parent sees EOF if the worker dies
    return _Worker(proc, parent_conn)


def _assign(worker: _Worker, task: Task, limits: Limits) -> None:
    worker.task, worker.started = task, time.monotonic()
    hard = limits.hard_deadline_s()
    worker.deadline = worker.started + hard if hard else None
    worker.conn.send((task.path, task.sha256))


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


def _crash_error(worker: _Worker) -> ExtractError:
    """Say how a worker died, from its exit code."""
    worker.proc.join(5)
    code = worker.proc.exitcode
    if code == EXIT_OUT_OF_MEMORY:
        return MemoryExceededError("ran out of memory: needed more than the memory limit")
    if code is not None and code < 0:
        hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        return WorkerCrashedError(f"worker died from {signal.Signals(-code).name}{hint}")
    return WorkerCrashedError(f"worker exited with code {code} without a result")


def _collect(worker: _Worker, limits: Limits) -> tuple[WorkerResult | None, bool]:
    """(result, worker still usable) for a busy worker; result ``None`` while it is still working."""
    if worker.conn.poll():
        try:
            result: WorkerResult | Extension = worker.conn.recv()
        except Exception:  # EOF, or a result torn by a worker that died sending it
            return _lost(worker, _crash_error(worker)), False
        if isinstance(result, Extension):  # pages that need OCR: the hard deadline moves with the alarm
            worker.deadline = worker.deadline + result.seconds if worker.deadline is not None else None
            return None, True
        if result.seconds is None:  # the prebuilt out-of-memory result is timed here
            result = replace(result, seconds=round(time.monotonic() - worker.started, 3))
        worker.served += 1
        return result, result.error not in RETIRE_AFTER and worker.served < TASKS_PER_WORKER
    if not worker.proc.is_alive():
        if worker.conn.poll():  # it sent the result just before exiting
            return _collect(worker, limits)
        return _lost(worker, _crash_error(worker)), False
    if worker.deadline is not None and time.monotonic() > worker.deadline:
        worker.proc.kill()
        message = f"no result after {limits.timeout_s:g} s; worker killed; {TIMEOUT_HINT}"
        return _lost(worker, TimeoutExceededError(message)), False
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
    """How to run a batch. ``out_dir=None`` keeps reports in memory (stdout mode).

    With ``out_dir``, the combined table in ``table_format`` (``json``: none) and the
    manifest are written at the end, under the folder's lock.
    """

    out_dir: Path | None = None
    limits: Limits = field(default_factory=Limits)
    workers: int = 1
    resume: bool = False
    progress: str = "off"  # bar (a terminal), lines (a log), off: see progress.py
    table_format: str = "json"
    # Who extracts the tasks (``executors.Executor``): ``None`` is this module's ``run_pool``.
    executor: Callable[[Iterable[Task], ExtractFn, Limits, int], Iterator[tuple[Task, WorkerResult]]] | None = None


@dataclass
class Batch:
    """Manifest lines in input order (of the inputs settled), and the report texts when nothing is written.

    A run that did not go through is ``interrupted`` (Ctrl-C, SIGTERM) or has ``errors``
    (one line each: the output folder full or failing); ``lines`` then hold what was
    done. ``manifest`` is where the lines were written, or None.
    """

    lines: list[ManifestLine]
    texts: dict[int, str]
    total: int = 0
    interrupted: bool = False
    errors: list[str] = field(default_factory=list)
    manifest: Path | None = None

    @property
    def complete(self) -> bool:
        """Every input has its line: nothing was interrupted or stopped."""
        return not self.interrupted and not self.errors


class OutputWriteError(Exception):
    """Writing to the output folder failed mid-run (disk full, I/O error): the batch stops cleanly."""


def _line_for(task: Task, result: WorkerResult) -> ManifestLine:
    """The manifest line for a file a worker handled."""
    line = ManifestLine(path=task.label, sha256=task.sha256, status="ok", records=result.records,
                        pages=result.pages, seconds=result.seconds)  # fmt: skip
    if result.error:
        err = ExtractError(result.message or result.error, file=task.label, page=result.page)
        err.code = result.error
        line.status, line.error, line.error_class, line.message = "failed", result.error, result.error_class, err.one_line()
    else:  # repairs are notes: only a code that needs a look makes the file "warning"
        line.warnings = list(dict.fromkeys(result.warnings))
        line.status, line.message = status_of(result.warnings), warnings_message(result.warnings)
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


@contextlib.contextmanager
def _interrupts(defer: bool) -> Iterator[None]:
    """Ctrl-C and SIGTERM held off (``defer``: raised once the block is done) or ignored, for a few writes.

    A report written but not yet in the journal, or a manifest half-replaced, is what an
    interrupt at the wrong instant would leave; only the main thread can set handlers.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    handler = (lambda signum, frame: caught.append(signum)) if defer else signal.SIG_IGN
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    if caught:
        raise KeyboardInterrupt


class _Run:
    """One batch in progress: the lines so far, the report texts (stdout mode), the journal."""

    def __init__(self, out: Path | None, notify: Notify, inputs: Sequence[Input] = ()) -> None:
        self.out, self.notify = out, notify
        self.sources = [inp.source_path for inp in inputs]  # by input index: the table's source_path
        self.lines: dict[int, ManifestLine] = {}
        self.texts: dict[int, str] = {}
        self.journal: Journal | None = None

    def start(self, settled: dict[int, ManifestLine]) -> None:
        if self.out is not None:
            try:
                self.journal = Journal(self.out)
            except OSError as err:
                raise OutputWriteError(f"{self.out}: cannot write the manifest journal: {err.strerror}") from err
        for index, line in sorted(settled.items()):
            self.settle(index, line)

    def settle(self, index: int, line: ManifestLine) -> None:
        """Record an input's line: in memory first, then in the journal; say so when it failed."""
        if index < len(self.sources):
            line.source_path = self.sources[index]
        self.lines[index] = line
        if self.journal is not None:
            try:
                self.journal.add(line)
            except OSError as err:
                raise OutputWriteError(f"{self.out}: cannot write the manifest journal: {err.strerror}") from err
        if line.status == "failed":
            self.notify(line.message or line.path)

    def finish(self, task: Task, result: WorkerResult) -> None:
        """A worker's result: the report written whole (or kept in memory), then its line."""
        if result.report_json is not None:
            if self.out is None:
                self.texts[task.index] = result.report_json
            else:
                target = safe_join(self.out, task.output)
                try:
                    atomic_write_text(target, result.report_json)
                except OSError as err:
                    raise OutputWriteError(f"{target}: cannot write the report: {err.strerror}") from err
        self.settle(task.index, _line_for(task, result))

    def close(self) -> list[ManifestLine]:
        if self.journal is not None:
            self.journal.close()
        _fill_duplicates(self.lines)
        return [self.lines[i] for i in sorted(self.lines)]


def _execute(run: _Run, the_plan: Plan, opts: BatchOptions, extract_fn: ExtractFn) -> None:
    """Settle what the plan settled, then run the tasks, writing each result as it comes."""
    run.start(the_plan.settled)
    bar = progress_for(len(the_plan.tasks), opts.progress)
    try:
        execute = opts.executor or run_pool
        with contextlib.closing(execute(the_plan.tasks, extract_fn, opts.limits, opts.workers)) as results:
            for task, result in results:
                with _interrupts(defer=True):
                    run.finish(task, result)
                bar.update(run.lines[task.index].status == "failed")
    finally:
        bar.close()


def _batch(inputs: Sequence[Input], opts: BatchOptions, extract_fn: ExtractFn, notify: Notify) -> Batch:
    """Plan and run; stop cleanly on Ctrl-C or an output error; write the manifest and table of what was done."""
    out = opts.out_dir
    run = _Run(out, notify, inputs)
    batch = Batch([], run.texts, total=len(inputs))
    try:
        held = holdings(out, opts.resume, lambda n: notify(n.message)) if out is not None else Holdings()
        _execute(run, plan(inputs, opts.limits, held), opts, extract_fn)
    except KeyboardInterrupt:
        batch.interrupted = True
    except OutputWriteError as err:
        batch.errors.append(str(err))
    batch.lines = run.close()
    if out is not None and batch.lines:
        with _interrupts(defer=False):
            batch.manifest, problems = write_run_outputs(out, opts.table_format, batch.lines, lambda n: notify(n.message))
        batch.errors.extend(problems)
    return batch


def run_batch(inputs: Sequence[Input], opts: BatchOptions, extract_fn: ExtractFn, notify: Notify) -> Batch:
    """Run a batch; each report is written (atomically) the moment its worker finishes.

    With ``opts.out_dir`` the folder is held for the whole run (``outdir.OutputFolder``):
    an unusable folder raises ``OutputFolderError`` before any work. Ctrl-C, SIGTERM or
    a full disk stop the run cleanly: what was done keeps its reports, manifest and
    table, and ``--resume`` finishes the rest (see :class:`Batch`). ``notify``
    receives the one-line message of every failed input as it happens (the CLI prints
    it with ``tqdm.write`` so it lands above the progress bar), and of every notice.
    """
    if opts.out_dir is None:
        return _batch(inputs, opts, extract_fn, notify)
    with OutputFolder(opts.out_dir):
        return _batch(inputs, opts, extract_fn, notify)
