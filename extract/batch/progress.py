"""A batch's progress on stderr: a bar on a terminal, a plain line now and then in a log.

A night-long run is often started with stderr sent to a file (``2> run.log``) or under
``nohup``; a redrawn bar is noise there and no bar at all leaves the user guessing
whether the run is stuck. So off a terminal a line is written each time another few
percent of the files is done (at most one every few seconds) and whenever half a minute
has passed since the last line, each line complete on its own.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TextIO

PROGRESS_MODES = ("bar", "lines", "off")


class Progress(Protocol):
    """What the batch tells its progress display: one call per finished file, then close."""

    def update(self, failed: bool) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class ProgressSettings:
    """When a plain progress line is written (off a terminal)."""

    share: float = 0.05  # another 5 % of the files done: about 20 lines for a run of any size
    min_gap_s: float = 5.0  # but not more often: a quick run of a few files needs only its summary
    every_s: float = 30.0  # and a line this long after the last one, whatever the share (slow scans)


class _Off:
    def update(self, failed: bool) -> None:
        """Nothing shown (``-q``, or one file to stdout)."""

    def close(self) -> None:
        """Nothing to clear."""


class _Bar:
    """tqdm's bar, redrawn in place: only on a terminal."""

    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
        self._bar = tqdm(total=total, unit="file", dynamic_ncols=True, leave=False, file=sys.stderr)
        self._failed = 0

    def update(self, failed: bool) -> None:
        if failed:
            self._failed += 1
            self._bar.set_postfix(failed=self._failed, refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()


class ProgressLines:
    """``ita-extract: 150/3000 files (3 failed), 2.4 files/s, about 20 min left`` now and then.

    ``stream`` is looked up when writing (``None`` = the current ``sys.stderr``), so a
    test runner that swaps stderr sees the lines; ``clock`` is injectable for tests.
    """

    def __init__(
        self, total: int, stream: TextIO | None = None, settings: ProgressSettings = ProgressSettings(),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        self.total, self._stream, self._settings, self._clock = total, stream, settings, clock
        self.done = self.failed = 0
        self._start = self._last_time = clock()
        self._last_done = 0

    def update(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = self._clock()
        step = max(1, round(self.total * self._settings.share))
        since = now - self._last_time
        due = (self.done - self._last_done >= step and since >= self._settings.min_gap_s) or since >= self._settings.every_s
        if due and self.done < self.total:  # the last file is the summary's to report
            self._write(self.line(now))
            self._last_time, self._last_done = now, self.done

    def line(self, now: float) -> str:
        """The progress line as of ``now``."""
        failed = f" ({self.failed} failed)" if self.failed else ""
        elapsed = max(now - self._start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        return f"ita-extract: {self.done}/{self.total} files{failed}, {rate:.1f} files/s, about {duration(left)} left"

    def _write(self, text: str) -> None:
        stream = self._stream or sys.stderr
        stream.write(text + "\n")
        stream.flush()

    def close(self) -> None:
        """Nothing to clear: every line is already whole."""


def duration(seconds: float) -> str:
    """A duration as people say it: ``4.2 s``, ``3 min``, ``2 h 5 min``."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def progress_for(total: int, mode: str) -> Progress:
    """The display for ``mode``: ``bar`` (terminal), ``lines`` (a log), ``off``."""
    if mode not in PROGRESS_MODES:
        raise ValueError(f"progress must be one of {', '.join(PROGRESS_MODES)}, not {mode!r}")
    if mode == "off" or total == 0:
        return _Off()
    return _Bar(total) if mode == "bar" else ProgressLines(total)
