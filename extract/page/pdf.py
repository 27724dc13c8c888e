"""Open a PDF and turn each page into characters, text lines and ruling lines.

pdfplumber is the reader. Two things it cannot do alone are handled here:
- classify why a file cannot be read (not a PDF, encrypted, corrupt) into typed errors;
- choose, per page, the text layer to trust: LibreOffice exports carry ActualText that
  pdfplumber mis-reads ("ดำา", "ผ้้"), while pypdfium2 reads it right; other producers
  are the other way round (PUA tone marks that pdfium drops). We count impossible Thai
  sequences in both and keep the better one, with a warning saying which was used.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import ParamSpec, TypeVar

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import (
    CorruptPDFError,
    EmptyFileError,
    EncryptedPDFError,
    ExtractError,
    InputNotFoundError,
    MemoryExceededError,
    NotAPDFError,
    Notice,
    printable,
)
from ..files import open_regular
from .device import Codes, read_glyphs
from .guard import check_decoding
from .page import Char, Page, Rule
from .textlayer import choose_text_layer

RULE_MERGE_TOL = 2.0  # points: parallel edges closer than this are one rule (thin rects)
REPAIRED = "ita_repaired"  # attribute open_pdf sets on a PDF it could only open by adding a trailer
_OBJ_HEAD = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")


def _unwrap(err: BaseException) -> BaseException:
    """The exception a PDF library really raised: pdfplumber re-raises pdfminer's as ``PdfminerException(err)``."""
    for _ in range(10):  # wrappers of wrappers, never a loop
        if not isinstance(err, PdfminerException):
            break
        inner = err.args[0] if err.args and isinstance(err.args[0], BaseException) else err.__context__
        if inner is None:
            break
        err = inner
    return err


def library_error(err: BaseException, path: Path, page: int | None = None) -> ExtractError:
    """Classify what a PDF library raised into one of our typed errors, naming the file and page.

    Our own errors come back unchanged: the time limit's alarm fires inside library code
    and must stay a ``timeout``, not become "corrupt". Running out of memory (a
    decompression bomb under the worker's memory limit) is ``memory_exceeded``. The rest
    are damaged files, whatever class the library chose (pdfminer raises TypeError,
    KeyError, ValueError … on them).
    """
    cause = _unwrap(err)
    if isinstance(cause, ExtractError):
        if cause.file is None:
            cause.file, cause.page = str(path), page
        return cause
    if isinstance(cause, MemoryError):
        return MemoryExceededError("ran out of memory reading the PDF (a decompression bomb?)", file=str(path), page=page)
    text = printable(" ".join(str(cause).split()))[:200]
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in text.lower():
        return EncryptedPDFError("PDF is encrypted and cannot be opened without its password", file=str(path), page=page)
    if isinstance(cause, RecursionError):
        return CorruptPDFError("PDF objects nest too deeply or refer to themselves", file=str(path), page=page)
    detail = f"{type(cause).__name__}: {text}" if text else type(cause).__name__
    return CorruptPDFError(f"PDF structure unreadable ({detail})", file=str(path), page=page)


LIBRARY_ERRORS = (PSException, PdfminerException, pdfium.PdfiumError)  # what the PDF libraries raise on bad files
P = ParamSpec("P")
R = TypeVar("R")


def typed_library_errors(build: Callable[P, R]) -> Callable[P, R]:
    """Decorate ``build(path, ...)`` so a PDF library's own exception leaves it as our typed error.

    ``read_pages`` already names the page for what pdfplumber raises; this is the net for
    library calls made elsewhere (pypdfium2 rendering a page for OCR, say). Only the
    libraries' exception classes are caught: a bug in our code stays a bug (``internal_error``).
    """

    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return build(*args, **kwargs)
        except LIBRARY_ERRORS as err:
            path = args[0] if args else kwargs.get("path")
            raise library_error(err, Path(str(path))) from err

    return wrapper


def sniff(path: Path) -> None:
    """Reject what is plainly not a PDF before the parser sees it, with a reason a user understands.

    Only a regular file is opened: a named pipe called ``x.pdf`` would block the read forever.
    """
    try:
        with open_regular(path) as fh:
            head = fh.read(1024)
    except FileNotFoundError as err:
        raise InputNotFoundError("file not found", file=str(path)) from err
    except OSError as err:
        raise InputNotFoundError(f"cannot read file: {err.strerror}", file=str(path)) from err
    if not head:
        raise EmptyFileError("file is empty (0 bytes)", file=str(path))
    if b"%PDF-" not in head:
        kind = "an HTML page" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "not a PDF"
        raise NotAPDFError(f"file is {kind} (no %PDF- header)", file=str(path))


def _with_trailer(data: bytes) -> bytes | None:
    """The file's whole objects and a trailer naming its catalog, or None when it has no whole object.

    A download cut off part way still holds every object before the cut, but neither
    pdfminer nor pdfium finds the document's root without the trailer, and pdfminer's
    own recovery stops at the half-written object at the end. So: keep everything up to
    the last ``endobj`` and add the trailer. When the catalog itself was lost, a bare one
    is added: pdfminer then finds the pages one object at a time.
    """
    end = data.rfind(b"endobj")
    if end < 0:
        return None
    whole = data[: end + len(b"endobj")]
    at = whole.rfind(b"/Catalog")
    heads = list(_OBJ_HEAD.finditer(whole, max(0, at - 4096), at)) if at >= 0 else []
    if heads:
        root = b"%s %s R" % (heads[-1].group(1), heads[-1].group(2))
    else:
        number = 1 + max((int(m.group(1)) for m in _OBJ_HEAD.finditer(whole)), default=0)
        whole += b"\n%d 0 obj\n<< /Type /Catalog >>\nendobj" % number
        root = b"%d 0 R" % number
    return whole + b"\ntrailer\n<< /Root %s >>\n%%%%EOF\n" % root


def _open(source: Path | io.BytesIO) -> pdfplumber.PDF:
    """pdfplumber's PDF with its page tree read (where most damage shows), closed again on failure.

    Only the file is closed: ``PDF.close()`` walks the page tree again, and the page tree
    is what just failed (a reference loop would hang a second time).
    """
    pdf = pdfplumber.open(source)
    try:
        _ = pdf.pages
    except BaseException:
        if not pdf.stream_is_external:
            pdf.stream.close()
        raise
    return pdf


def _is_ours(err: BaseException) -> bool:
    """Errors that must keep their meaning: our own (the time limit) and running out of memory."""
    return isinstance(_unwrap(err), (ExtractError, MemoryError))


def _open_repaired(path: Path, first: BaseException) -> pdfplumber.PDF:
    """Second try for a PDF pdfminer could not open, rebuilt from its whole objects; raises the first error if it fails too."""
    fixed = _with_trailer(path.read_bytes())
    if fixed is None:
        raise library_error(first, path) from first
    try:
        pdf = _open(io.BytesIO(fixed))
    except Exception as again:
        if _is_ours(again):
            raise library_error(again, path) from again
        raise library_error(first, path) from first  # the repair did not help: report the real problem
    if not pdf.pages:  # nothing readable was left: the file is corrupt, not an empty report
        pdf.close()
        raise library_error(first, path) from first
    setattr(pdf, REPAIRED, True)
    return pdf


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open with pdfplumber, turning parser failures into typed, one-line errors.

    A file pdfminer cannot open (cut short, its trailer or cross-reference table lost) is
    opened a second time from its whole objects (see :func:`_with_trailer`); its first
    page then carries a ``pdf_repaired`` warning, since pages past a cut are missing.
    """
    sniff(path)
    check_decoding(path)
    try:
        return _open(path)
    except Exception as err:  # pdfminer raises anything on damaged files (TypeError, KeyError …)
        cause = _unwrap(err)
        if _is_ours(err) or isinstance(cause, (RecursionError, PDFPasswordIncorrect, PDFEncryptionError)):
            raise library_error(err, path) from err
        return _open_repaired(path, err)


def _merge_rules(rules: list[Rule]) -> list[Rule]:
    """Join collinear pieces and the twin edges of thin rectangles into single rules."""
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: (r.orientation, round(r.pos), r.start)):
        last = out[-1] if out else None
        if (
            last is not None
            and last.orientation == r.orientation
            and abs(last.pos - r.pos) <= RULE_MERGE_TOL
            and r.start <= last.end + RULE_MERGE_TOL
        ):
            last.end = max(last.end, r.end)
            continue
        out.append(Rule(r.orientation, r.pos, r.start, r.end))
    return out


def _read_layout(page: pdfplumber.page.Page, codes: Codes | None = None) -> tuple[list[Char], list[Rule], float]:
    """The page's characters, ruling lines and image area, read as pdfminer draws them.

    Why not ``page.chars`` / ``page.edges`` / ``page.images``, nor ``page.layout``:
    pdfplumber builds a dict of some 25 resolved attributes for every object on first
    access (``process_object``), and pdfminer's layout objects cost a fifth of the
    reading; we need six numbers per character (``device.GlyphDevice``). The coordinates
    are converted as pdfplumber does (top-left origin, MediaBox offset). ``codes``: the document's
    fonts read so far (``device.read_glyphs``).
    """
    try:
        chars, rules, image_area = read_glyphs(page.pdf.rsrcmgr, page.page_obj, float(page.height),
                                               (float(page.mediabox[0]), float(page.mediabox[1])), codes)
    except Exception as err:  # as pdfplumber's page.layout does: the caller names the page
        raise PdfminerException(err) from err
    return chars, _merge_rules([r for r in rules if r.end - r.start >= 5]), image_area


def _read_page(path: Path, index: int, ppage: pdfplumber.page.Page, codes: Codes | None = None) -> Page:
    """One page's characters, rules and text layer; any library failure names the page."""
    try:
        chars, rules, images = _read_layout(ppage, codes)
        width, height = float(ppage.width), float(ppage.height)
    except Exception as err:  # damaged content streams surface as anything, even RecursionError
        raise library_error(err, path, index + 1) from err
    number, notices = index + 1, []
    try:
        chars, source = choose_text_layer(path, index, chars)
    except pdfium.PdfiumError:  # pdfium refuses a file pdfminer reads (or repaired): keep pdfminer's text
        source = "pdfplumber"
        notices.append(Notice("text_layer_unchecked", "pypdfium2 cannot read this page; pdfplumber's text kept as it is", number))
    if source != "pdfplumber":
        notices.append(Notice("text_source_pypdfium2", "pdfplumber's text of this page is malformed Thai; used pypdfium2's text layer", number))
    return Page(number, width, height, chars, rules, images, source, notices)


def _unreadable_page(index: int, ppage: pdfplumber.page.Page, err: ExtractError) -> Page:
    """An empty stand-in for a page that could not be read, saying why (the other pages still count)."""
    try:
        width, height = float(ppage.width), float(ppage.height)
    except Exception:  # a page box so broken it has no size
        width = height = 0.0
    notice = Notice("page_unreadable", f"page skipped: {err.message}", index + 1)
    return Page(index + 1, width, height, [], [], warnings=[notice])


def read_pages(path: Path, pdf: pdfplumber.PDF) -> Iterator[Page]:
    """Yield each page's characters and rules, releasing pdfplumber's caches as we go.

    One damaged page does not cost the others: it is yielded empty with a
    ``page_unreadable`` warning. Only when no page had text is the file reported as
    corrupt (the first page's error), and likewise a repaired file (see :func:`open_pdf`)
    with no text left: its fonts or contents were in the lost part, it is not a scan.
    """
    repaired, text, first_error = getattr(pdf, REPAIRED, False), False, None
    codes: Codes = {}
    for index, ppage in enumerate(pdf.pages):
        try:
            page = _read_page(path, index, ppage, codes)
        except CorruptPDFError as err:
            first_error = first_error or err
            page = _unreadable_page(index, ppage, err)
        finally:
            ppage.close()
        text = text or page.has_text
        if index == 0 and repaired:
            message = "the file is damaged or cut short; read from its whole objects (pages or text may be missing)"
            page = replace(page, warnings=[*page.warnings, Notice("pdf_repaired", message, page.number)])
        yield page
    if first_error is not None and not text:
        raise first_error
    if repaired and not text:
        raise CorruptPDFError("the file is damaged or cut short, and no text is left in what can be read", file=str(path))
