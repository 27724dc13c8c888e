"""Typed errors: every way a file can fail has a class and a stable code.

The CLI and the batch manifest turn these into one line naming the file (and page);
nothing else may escape to the user as a traceback.
"""

from __future__ import annotations


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
        where = self.file or "<input>"
        if self.page is not None:
            where += f": page {self.page}"
        text = " ".join(self.message.split())
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
