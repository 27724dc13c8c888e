"""What pdfium may do: every call under one process-wide lock, and no file opened that would make it abort.

Two ways pypdfium2 took the whole process down, fixed here for every module that uses it
(the text layer in ``pdf``, the page renders in ``ocr/reader``):

- **Threads.** pdfium is a C library with global state that is not thread-safe, and
  ctypes releases the GIL during each call: ``extract()`` from four threads crashed with
  SIGSEGV/SIGTRAP. Every call, and every close, is made under :func:`pdfium_lock`. Only
  pdfium is serialised; pdfminer's Python work still runs side by side.
- **Decompression bombs.** pdfium aborts the process when an allocation fails, so a 7 KB
  file whose cross-reference stream inflates to 4 GiB killed a batch worker with SIGABRT
  instead of giving ``memory_exceeded``. :func:`check_decoding` measures every stream first
  (``streams.measure``) and refuses such a file with a typed error before pdfminer or
  pdfium opens it.
"""

from __future__ import annotations

import os
import threading
from contextlib import AbstractContextManager
from pathlib import Path

import pypdfium2 as pdfium
from PIL.Image import Image

from ..errors import MemoryExceededError
from ..files import read_regular
from .streams import Measured, StreamLimits, measure

try:  # not on Windows: there no address-space limit is read
    import resource
except ImportError:  # pragma: no cover - platform dependent
    resource = None  # type: ignore[assignment]

DEFAULT_LIMITS = StreamLimits()

_pdfium_guard = threading.RLock()


def pdfium_lock() -> AbstractContextManager[bool]:
    """The one (re-entrant) lock every pypdfium2 call is made under, in every module: ``with pdfium_lock(): ...``."""
    return _pdfium_guard


def _fresh_lock_in_child() -> None:
    """A forked worker starts with a free lock, whatever thread held it at the fork."""
    global _pdfium_guard
    _pdfium_guard = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_lock_in_child)


def address_space() -> tuple[int | None, int]:
    """(this process's address-space limit in bytes or None, bytes mapped now) — Linux's view of a worker."""
    if resource is None:
        return None, 0
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None, 0
    try:
        with open("/proc/self/statm", "rb") as fh:
            in_use = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        in_use = 0
    return soft, in_use


_measured: dict[tuple[str, int, int, int], tuple[int, Measured]] = {}  # the last few files: (budget used, result)
MEASURED_KEPT = 4
_measured_lock = threading.Lock()


def _measure_file(path: Path, budget: int) -> Measured:
    """:func:`streams.measure` of a file, reused for the same version of it when the budget allows.

    A batch worker asks twice per file (page count, then the parser's open) with budgets
    that differ by what it has mapped meanwhile: a result that fits both is not redone.
    """
    info = os.stat(path)
    key = (str(path), info.st_size, info.st_mtime_ns, info.st_ino)
    with _measured_lock:
        used, result = _measured.get(key, (0, None))
    if result is not None:
        fits = result.over_budget is None and result.largest <= budget
        if fits or (result.over_budget is not None and budget <= used):
            return result
    result = measure(read_regular(path), budget)
    with _measured_lock:
        _measured[key] = (budget, result)
        while len(_measured) > MEASURED_KEPT:
            del _measured[next(iter(_measured))]
    return result


def check_decoding(path: Path, limits: StreamLimits = DEFAULT_LIMITS) -> Measured:
    """Measure what the file's streams decode to, and refuse a decompression bomb before any parser does.

    Raises :class:`MemoryExceededError` when a stream (or an inline image) inflates past
    the budget; pdfium would abort the process on it and pdfminer take the memory.
    Returns the measurement, whose ``pages`` counts the real page objects.
    """
    measured = _measure_file(path, limits.budget(*address_space()))
    if measured.over_budget:
        raise MemoryExceededError(f"{measured.over_budget} (a decompression bomb?); not opened", file=str(path))
    return measured


def open_pdfium(path: Path) -> pdfium.PdfDocument:
    """pypdfium2's document for ``path``, its streams checked first, opened under :func:`pdfium_lock`.

    Close it with :func:`close_pdfium`; use every page of it under the lock too.
    """
    check_decoding(path)
    with pdfium_lock():
        return pdfium.PdfDocument(str(path))


def close_pdfium(doc: pdfium.PdfDocument) -> None:
    """Close a document (and its pages and text pages) under the lock, not in a finaliser on some thread."""
    with pdfium_lock():
        doc.close()


def page_texts(path: Path) -> tuple[str, ...]:
    """Every page's text as pdfium reads it, in one opening of the file; each page closed at once."""
    doc = open_pdfium(path)
    try:
        with pdfium_lock():
            return tuple(_page_text(doc, i) for i in range(len(doc)))
    finally:
        close_pdfium(doc)


def _page_text(doc: pdfium.PdfDocument, index: int) -> str:
    """One page's text; the page and its text page closed at once (call under :func:`pdfium_lock`)."""
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()


def render_page(doc: pdfium.PdfDocument, index: int, scale: float, grayscale: bool = True) -> Image:
    """Page ``index`` rendered at ``scale``, as a PIL image of its own (pdfium's bitmap closed under the lock)."""
    with pdfium_lock():
        page = doc[index]
        try:
            bitmap = page.render(scale=scale, grayscale=grayscale)
            image = bitmap.to_pil().copy()  # to_pil shares pdfium's buffer; the copy outlives it
            bitmap.close()
        finally:
            page.close()
    return image
