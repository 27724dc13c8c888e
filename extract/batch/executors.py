"""Where a batch's files are extracted: the local pool, or a Dask cluster.

An executor is anything that takes the planned tasks and yields ``(task, result)`` as
files finish, in any order: ``run_pool`` (forked workers on this machine) is one as it
stands. Everything around it — planning, duplicates, ``--resume``, the atomic writes and
the manifest — stays in ``run_batch`` on this machine, so a batch has the same outputs
whichever executor ran it.

``open_executor`` is a context manager because a cluster has to be connected (or
started) before the first file and closed after the last, also on Ctrl-C or an error.
Dask is imported only when asked for: it is an optional extra (``ita-extract[dask]``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from .limits import Limits
from .pool import ExtractFn, Notify, Task, WorkerResult, run_pool

EXECUTORS = ("local", "dask")
DASK_EXTRA = "pip install 'ita-extract[dask]'"


class Executor(Protocol):
    """Extract every task, yielding each result as it finishes; stopping early stops the work."""

    def __call__(
        self, tasks: Iterable[Task], extract_fn: ExtractFn, limits: Limits, workers: int
    ) -> Iterator[tuple[Task, WorkerResult]]: ...


class ExecutorUnavailableError(RuntimeError):
    """The executor cannot run here (Dask not installed, scheduler unreachable): nothing was extracted."""


def dask_missing() -> str | None:
    """Why ``--executor dask`` cannot run in this environment, or ``None`` when it can."""
    try:
        import distributed  # noqa: F401  (the import is the check)
    except ImportError:
        return f"--executor dask needs Dask, which is not installed: {DASK_EXTRA}"
    return None


@contextlib.contextmanager
def open_executor(
    name: str, workers: int, scheduler: str | None = None,
    warm_up: Callable[[], None] | None = None, notify: Notify | None = None,
) -> Iterator[Executor]:  # fmt: skip
    """The executor called ``name``, ready to run, closed again on leaving the block.

    ``local`` is the process pool (``workers`` forked processes). ``dask`` connects to
    ``scheduler`` (an address or a scheduler file), or starts a ``LocalCluster`` of
    ``workers`` processes when none is given; ``warm_up`` then runs once in each Dask
    worker process (the Thai dictionaries), ``notify`` hears what the executor changed.
    """
    if name == "local":
        yield run_pool
        return
    if name != "dask":
        raise ValueError(f"unknown executor {name!r} (known: {', '.join(EXECUTORS)})")
    missing = dask_missing()
    if missing:
        raise ExecutorUnavailableError(missing)
    from .dask_executor import open_dask

    with open_dask(scheduler, workers, warm_up, notify or (lambda _message: None)) as executor:
        yield executor
