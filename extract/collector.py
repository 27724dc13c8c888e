"""CPython's cyclic garbage collector, told that a report's objects live as long as the report.

Why: reading a report makes hundreds of thousands of small objects (a ``Char`` per glyph,
its lines, their pieces and cells) that nearly all stay alive until the page or the report
is done. The collector is tuned for the opposite: it runs a young collection every 700 net
container allocations and, as the survivors pile up, full collections that walk every live
object of the process. On the report files (samples and shared synthetic, 19 files) that was
9 % of the pipeline's CPU: 666 young, 61 middle and 6 full collections, 0.53 s of 5.6 s
(``gc.callbacks``), the full ones 60 ms each. The parse floor pays less (3.7 s, 0.29 s
collecting), because pdfminer's layout objects are fewer than the engine's.

So while a report is read the young threshold is raised to :data:`YOUNG_THRESHOLD`: the same
collections happen, many times less often, and reference cycles are still freed (at most some
thousands of objects later). This is the remedy CPython's own documentation gives for
allocation-heavy code (``gc.set_threshold``) and what 3.13 moved towards (a young threshold of
2,000). Nothing is disabled, and the caller's thresholds come back when the last report being read
in the process is done, whatever threads are reading. Measured (docs/BENCHMARKS.md, issue 20, fifth
round): pipeline / parse floor on the report files, quiet machine, 1.50 → 1.41 with 5,000 and 1.405
with 20,000; a larger middle threshold or no collection at all measured no better.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 20_000  # net container allocations between young collections, while a report is read


class _Raised:
    """The threshold raised while any report is being read; the first reader saves the caller's, the last restores it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers = 0
        self._saved: tuple[int, int, int] | None = None

    def enter(self, young: int) -> None:
        with self._lock:
            if self._readers == 0:
                young_now, middle, old = gc.get_threshold()
                # 0 is the caller's way of turning automatic collection off: it stays off
                if young_now and young > young_now:
                    self._saved = (young_now, middle, old)
                    gc.set_threshold(young, middle, old)
            self._readers += 1

    def leave(self) -> None:
        with self._lock:
            self._readers -= 1
            if self._readers == 0 and self._saved is not None:
                gc.set_threshold(*self._saved)
                self._saved = None


_RAISED = _Raised()


@contextmanager
def report_lifetime(young: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """Within this block the collector's young threshold is at least ``young`` (see the module's docstring)."""
    _RAISED.enter(young)
    try:
        yield
    finally:
        _RAISED.leave()
