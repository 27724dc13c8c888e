"""Who wants to know when a page starts being read by OCR: the batch worker's time limit.

A page read by OCR costs seconds where a text page costs milliseconds, so a batch worker
gives a file more time for each such page (``batch.limits``). Counting those pages up
front would mean opening the file with pdfium before the extractor does, and pdfium
aborts the process on a decompression bomb under the worker's memory cap; so the reader
reports each OCR page as it starts, to whoever registered here (nobody, outside a batch).
"""

from __future__ import annotations

from collections.abc import Callable

_listener: list[Callable[[], None]] = []


def listen(callback: Callable[[], None] | None) -> None:
    """Call ``callback`` each time a page starts being read by OCR (None: stop)."""
    _listener[:] = [callback] if callback is not None else []


def page_started() -> None:
    """Tell the listener, if any, that a page is about to be read by OCR."""
    for callback in _listener:
        callback()
