"""The batch on a Dask cluster: the same tasks and results as the local pool, spread over machines.

The client (this process) plans the batch and writes every output, exactly as with the
local pool; Dask only moves tasks out and results back. Each task runs
:func:`extract_on_worker` on a Dask worker, which hands the file to the local pool's own
machinery (``run_pool`` with one worker): a child process forked from the Dask worker,
with the time alarm, the hard deadline and the memory cap of ``limits``. That is what
keeps a runaway file from costing a Dask worker:

- a Dask task runs in a worker *thread*, where no alarm can interrupt it and a memory cap
  would hit the worker's own machinery; in the forked child both work as in the local pool;
- a file that segfaults or eats memory takes down the child only. It becomes one manifest
  line (``worker_crashed``, ``memory_exceeded``, ``timeout``), not a dead Dask worker whose
  task the scheduler would hand to the next worker, and the next.

A Dask worker that is lost for reasons of its own (its machine died, it was pre-empted)
is a different case: its file is not at fault and is retried once on another worker
(the scheduler is set up so, :data:`SCHEDULER`); lost a second
time, it is reported as ``worker_crashed``.

The Thai dictionaries load once per Dask worker process (the :class:`WarmUp` plugin runs
``warm_up`` when the worker joins); each file's child is forked from that warm process and
inherits them, as the local pool's workers inherit them from the CLI process.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import signal
import socket
import threading
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, as_completed
from distributed import TimeoutError as DaskTimeoutError  # asyncio's, which differs from the builtin on 3.10
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import ExtractError, InputNotFoundError, InternalError, WorkerCrashedError
from .executors import ExecutorUnavailableError
from .limits import Limits
from .pool import ExtractFn, Notify, Task, WorkerResult, run_pool

RETRIES_WHEN_LOST = 1  # the scheduler's allowed-failures: a file whose Dask worker is lost is tried once more
# How the scheduler must run for that promise. A worker death marks every task the worker
# holds as suspect; with a saturation of 1.0 a one-thread worker holds only the file it is
# extracting (Dask's default of 1.1 queues a second one there, which would be charged too).
SCHEDULER = {"allowed-failures": RETRIES_WHEN_LOST, "worker-saturation": 1.0}
# A LocalCluster shares the cores with the extraction, so Dask's own upkeep is trimmed: it
# costs CPU for every second the batch runs. Measured on the 2-core machine, an idle
# LocalCluster of 2 workers (scheduler, nannies and workers together) took 11 % of a core
# with Dask's defaults and 1.4 % with these.
LOCAL_CLUSTER_CONFIG = {
    "distributed.admin.tick.interval": "1s",  # event-loop health check, every 20 ms in each server by default
    "distributed.worker.profile.enabled": False,  # samples every thread's stack every 10 ms; nobody reads it
    "distributed.admin.system-monitor.interval": "2s",  # dashboard graphs only (default 500 ms)
    "distributed.worker.memory.monitor-interval": "1s",  # the nanny's RSS check (100 ms); files are capped in children
    "distributed.scheduler.work-stealing": False,  # with worker-saturation 1.0 no task waits on a worker to steal
    # Spilling manages task results held on workers; ours are one report each, released at once.
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
    "distributed.worker.memory.pause": False,
}
FIRST_WORKER_TIMEOUT_S = 120.0  # an external cluster with no worker after this is reported, not waited on
WARM_UP_PLUGIN = "ita-extract-warm-up"


# ---------------------------------------------------------------- on the Dask workers


def _failed(err: ExtractError) -> WorkerResult:
    """A file's typed failure, as the pool reports one."""
    return WorkerResult(error=err.code, error_class=type(err).__name__, message=err.message)


class WarmUp(WorkerPlugin):
    """Load the extractor's lazy data (Thai dictionaries) once per Dask worker process.

    ``idempotent``: a second batch on a long-lived cluster finds the plugin there and
    does not load anything again. ``ignore_ctrl_c`` (workers of our own LocalCluster):
    Ctrl-C is the client's to handle (see ``_ctrl_c_for_the_client_only``).
    """

    idempotent = True
    name = WARM_UP_PLUGIN

    def __init__(self, warm_up: Callable[[], None] | None, ignore_ctrl_c: bool = False) -> None:
        self.warm_up = warm_up
        self.ignore_ctrl_c = ignore_ctrl_c

    def setup(self, worker: Any) -> None:
        if self.ignore_ctrl_c and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        if self.warm_up is not None:
            self.warm_up()


def _allow_children() -> None:
    """Let this Dask worker fork the per-file child.

    Dask's nanny starts worker processes as multiprocessing *daemons*
    (``distributed.worker.daemon``), and multiprocessing refuses to start children from a
    daemon because they could outlive it. Ours cannot: each child asks Linux to kill it
    when its parent dies (``limits.die_with_parent``) and is joined before the task ends.
    """
    process = mp.current_process()
    if process.daemon:
        process.daemon = False


def extract_on_worker(task: Task, extract_fn: ExtractFn, limits: Limits) -> WorkerResult:
    """One file, on a Dask worker, in a child process under ``limits`` (the local pool's own code).

    A path this worker cannot see gets a clear ``not_found`` naming the worker's host:
    the workers read the inputs where the client found them (shared storage).
    """
    if not task.path.is_file():
        return _failed(InputNotFoundError(f"not found on Dask worker {socket.gethostname()}: the workers must "
                                          "see the inputs at the client's paths (shared storage, docs/SCALING.md)"))
    _allow_children()
    with warnings.catch_warnings():
        # Python 3.12+ warns on fork() in a threaded process. The child never touches the
        # worker's threads or their locks (it runs only the extractor, and logging resets
        # its locks at fork); a child stuck anyway is killed at the hard deadline.
        warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
        [(_, result)] = run_pool([task], extract_fn, limits, 1)
    return result


# ---------------------------------------------------------------- on the client


def _outcome(future: Future) -> WorkerResult:
    """The worker's result, or a typed failure when Dask could not produce one."""
    if future.status == "finished":
        return future.result()
    if future.status == "cancelled":
        return _failed(WorkerCrashedError("the Dask cluster cancelled this file (scheduler restarted or lost?)"))
    exc = future.exception()
    if isinstance(exc, KilledWorker):
        tries = exc.allowed_failures + 1
        return _failed(WorkerCrashedError(f"Dask worker lost while extracting this file, {tries} times; not tried again"))
    return _failed(InternalError(f"on a Dask worker: {type(exc).__name__}: {exc}"))


@dataclass(frozen=True)
class DaskExecutor:
    """An :class:`~.executors.Executor` over a connected Dask client."""

    client: Client

    def __call__(
        self, tasks: Iterable[Task], extract_fn: ExtractFn, limits: Limits, workers: int
    ) -> Iterator[tuple[Task, WorkerResult]]:
        """Submit every task, yield results as they finish; on exit, cancel what has not finished.

        Paths are sent absolute (workers do not share the client's working folder); the
        task yielded back is the client's own, so the manifest names inputs as given.
        ``workers`` is the cluster's business here, not the client's.
        """
        tasks = list(tasks)
        if not tasks:
            return
        run = uuid.uuid4().hex[:8]
        remote = [replace(task, path=task.path.absolute()) for task in tasks]
        keys = [f"ita-extract-{run}-{task.index}" for task in tasks]
        futures = self.client.map(extract_on_worker, remote, key=keys, extract_fn=extract_fn, limits=limits)
        pending = dict(zip(futures, tasks))
        try:
            for future in as_completed(futures):
                task = pending.pop(future)
                result = _outcome(future)
                future.release()  # the scheduler forgets the result as soon as the client has it
                yield task, result
        finally:
            if pending:
                self.client.cancel(list(pending))


def _tune_scheduler(client: Client, notify: Notify) -> None:
    """Make an existing scheduler retry a lost worker's file once, then report it (:data:`SCHEDULER`).

    Both are scheduler-wide settings (Dask has none per task), so a change is said out
    loud: a shared scheduler keeps it after this batch.
    """

    def swap(dask_scheduler: Any, allowed: int, saturation: float) -> tuple[int, float]:  # nested: pickled by value
        old = dask_scheduler.allowed_failures, dask_scheduler.WORKER_SATURATION
        dask_scheduler.allowed_failures, dask_scheduler.WORKER_SATURATION = allowed, saturation
        return old

    wanted = (SCHEDULER["allowed-failures"], SCHEDULER["worker-saturation"])
    try:
        old = tuple(client.run_on_scheduler(swap, allowed=wanted[0], saturation=wanted[1]))
    except Exception as exc:  # noqa: BLE001 - a scheduler that refuses remote code (distributed.scheduler.pickle)
        env = " ".join(f"DASK_DISTRIBUTED__SCHEDULER__{k.upper().replace('-', '_')}={v}" for k, v in SCHEDULER.items())
        notify(f"note: could not set the Dask scheduler's retries ({type(exc).__name__}); "
               f"start it with {env} so a lost worker's file is retried once, then reported")  # fmt: skip
        return
    changed = [f"{name} {was:g} → {now:g}" for name, was, now in zip(SCHEDULER, old, wanted) if was != now]
    if changed:
        notify(f"note: Dask scheduler {client.scheduler.address}: {', '.join(changed)} "
               "(a file whose worker is lost is retried once, then reported)")  # fmt: skip


def _connect(scheduler: str) -> Client:
    """A client of an existing cluster: ``scheduler`` is an address or a ``--scheduler-file`` JSON.

    How long to try is Dask's ``distributed.comm.timeouts.connect`` (30 s unless configured).
    """
    try:
        if Path(scheduler).is_file():
            return Client(scheduler_file=scheduler)
        return Client(scheduler)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ExecutorUnavailableError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


@contextlib.contextmanager
def _ctrl_c_for_the_client_only() -> Iterator[None]:
    """Start the LocalCluster's worker processes with SIGINT ignored (an ignored signal survives exec).

    Ctrl-C in a terminal signals the whole foreground process group. The workers would
    each die with a traceback; the client, which alone writes the manifest, would have to
    tidy up after them. Ignored in the workers, the signal reaches only the client, which
    cancels what is left and closes the cluster. Workers a nanny restarts later ignore it
    through :class:`WarmUp`. A Ctrl-C during these seconds of start-up is lost.
    """
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _local_cluster(workers: int) -> LocalCluster:
    """Worker processes on this machine, one thread each (the extraction runs in their children).

    No dashboard, and the scheduler's HTTP endpoint on a free port (Dask's fixed 8787 would
    clash with any other cluster here, and say so on stderr); Dask's own log lines are kept
    off stderr, where the CLI prints one line per failed file (the manifest says the rest).
    """
    settings = {f"distributed.scheduler.{name}": value for name, value in SCHEDULER.items()}
    with dask.config.set({**settings, **LOCAL_CLUSTER_CONFIG}), _ctrl_c_for_the_client_only():
        return LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                            scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
                            silence_logs=logging.CRITICAL)  # fmt: skip


def _prepare(client: Client, warm_up: Callable[[], None] | None, scheduler: str | None) -> None:
    """Warm-up plugin on every worker, then wait for at least one worker to be there."""
    try:
        client.register_plugin(WarmUp(warm_up, ignore_ctrl_c=scheduler is None))
    except Exception as exc:  # noqa: BLE001 - whatever a worker raised, the run cannot start
        raise ExecutorUnavailableError(f"a Dask worker could not load ita-extract ({type(exc).__name__}: {exc}); "
                                       "install it on every worker") from None  # fmt: skip
    try:
        client.wait_for_workers(1, timeout=FIRST_WORKER_TIMEOUT_S)
    except DaskTimeoutError:
        raise ExecutorUnavailableError(
            f"no Dask worker joined the scheduler at {scheduler} within {FIRST_WORKER_TIMEOUT_S:g} s"
        ) from None


@contextlib.contextmanager
def open_dask(
    scheduler: str | None, workers: int, warm_up: Callable[[], None] | None, notify: Notify
) -> Iterator[DaskExecutor]:
    """A ready :class:`DaskExecutor`: connected to ``scheduler``, or over a new ``LocalCluster``.

    Everything it started (client, local cluster) is closed on leaving, also on Ctrl-C.
    """
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(_local_cluster(workers))
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(_connect(scheduler))
            _tune_scheduler(client, notify)
        _prepare(client, warm_up, scheduler)
        yield DaskExecutor(client)
