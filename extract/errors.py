"""Typed errors: every way a file can fail has a class and a stable code.

The CLI and the batch manifest turn these into one line naming the file (and page);
nothing else may escape to the user as a traceback.
"""

from __future__ import annotations


def printable(text: str) -> str:
    """``text`` as one line of valid UTF-8: for file names in messages, manifests and reports.

    A Linux file name is bytes, not text. One from a TIS-620 zip is not UTF-8 (Python
    holds such bytes as lone surrogates, which no UTF-8 writer accepts), and a name may
    hold a newline or a right-to-left override. Those are shown escaped (``\\xa1``,
    ``\\n``, ``\\u202e``); Thai and every other printable character are kept.
    """
    out = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out)


class ExtractError(Exception):
    """Base of every error the extractor raises on purpose for a bad input."""

    code = "extract_error"

    def __init__(self, message: str, *, file: str | None = None, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.page = page

    def one_line(self) -> str:
        """``file:page: code: message`` on one line, as Unix tools print errors."""
        where = printable(self.file or "<input>")
        if self.page is not None:
            where += f": page {self.page}"
        text = printable(" ".join(self.message.split()))
        return f"{where}: {self.code}: {text}"


class NotAPDFError(ExtractError):
    """The file does not start like a PDF (HTML error page, random bytes, empty)."""

    code = "not_pdf"


class EmptyFileError(NotAPDFError):
    code = "empty_file"


class CorruptPDFError(ExtractError):
    """The PDF parser could not read the file's structure."""

    code = "corrupt_pdf"


class EncryptedPDFError(ExtractError):
    code = "encrypted_pdf"


class NeedsOCRError(ExtractError):
    """No page has a usable text layer, and OCR was not run or is not available."""

    code = "needs_ocr"


class OCRUnavailableError(NeedsOCRError):
    """OCR is needed (or asked for) but Tesseract or its Thai model is not installed.

    A subclass of :class:`NeedsOCRError`, so callers that handled scans before still do.
    """

    code = "ocr_unavailable"


class OCRFailedError(ExtractError):
    """Tesseract ran but failed on a page image (crash, unreadable output)."""

    code = "ocr_failed"


class LimitExceededError(ExtractError):
    """A configured safety limit (size, pages, time, memory) was hit."""

    code = "limit_exceeded"


class FileTooLargeError(LimitExceededError):
    code = "file_too_large"


class TooManyPagesError(LimitExceededError):
    code = "too_many_pages"


class TimeoutExceededError(LimitExceededError):
    code = "timeout"


class MemoryExceededError(LimitExceededError):
    code = "memory_exceeded"


class InputNotFoundError(ExtractError):
    """An input named on the command line (or in a file list) does not exist or is unreadable."""

    code = "not_found"


class WorkerCrashedError(ExtractError):
    """The worker process extracting this file died without a result (signal, abort, OOM kill)."""

    code = "worker_crashed"


class InternalError(ExtractError):
    """An unexpected exception inside the extractor: a bug, reported per file instead of a traceback."""

    code = "internal_error"
