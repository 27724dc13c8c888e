"""Typed errors: every way a file can fail has a class and a stable code.

The CLI and the batch manifest turn these into one line naming the file (and page);
nothing else may escape to the user as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


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


class InputChangedError(ExtractError):
    """The file changed between being hashed and being read (a download still being written?)."""

    code = "input_changed"


class WorkerCrashedError(ExtractError):
    """The worker process extracting this file died without a result (signal, abort, OOM kill)."""

    code = "worker_crashed"


class InternalError(ExtractError):
    """An unexpected exception inside the extractor: a bug, reported per file instead of a traceback."""

    code = "internal_error"


# ---------------------------------------------------------------------------------------------
# Notices: what the extractor guessed or could not read. Every code the code can emit is listed
# here once, with its meaning and what the user should do (docs/CONTRACT.md is checked against
# this list by tests/test_contract.py). A "note" is a repair that needs no look (the text was
# put right, the original kept where it matters); a "warning" is something a person should check.


@dataclass(frozen=True, slots=True)
class NoticeCode:
    """What a code means and what to do about it; ``level`` says whether a report needs a look."""

    level: Literal["note", "warning"]
    meaning: str
    action: str


NOTICES: dict[str, NoticeCode] = {
    # text layer
    "pua_mapped": NoticeCode("note", "private-use font glyphs (positional Thai marks or bullets) were mapped to Unicode", "nothing"),
    "mark_order_repaired": NoticeCode("note", "Thai marks were reordered, de-duplicated or re-attached (stray space removed)", "nothing"),
    "sara_am_lost": NoticeCode("note", "SARA AM was extracted as a space before SARA AA; joined where the dictionary confirms", "nothing"),
    "sara_aa_as_am": NoticeCode("note", "SARA AA was extracted as SARA AM (Word 2016/PowerPoint fonts); fixed by dictionary", "nothing"),
    "text_source_pypdfium2": NoticeCode("note", "pdfplumber's text of this page is malformed Thai; pypdfium2's text layer was used", "nothing"),
    "text_layer_unchecked": NoticeCode("warning", "pypdfium2 could not read the page, so pdfplumber's text was kept unchecked", "check the page's Thai text"),
    "page_unreadable": NoticeCode("warning", "one page could not be read at all and was skipped (the others were read)", "open the page; its rows are missing"),
    "pdf_repaired": NoticeCode("warning", "the file is damaged or cut short and was read from its whole objects", "download the file again; pages may be missing"),
    # OCR
    "text_source_ocr": NoticeCode("warning", "the page had no usable text layer and was read by OCR", "check the page's text against the scan"),
    "ocr_used": NoticeCode("warning", "the page was read by Tesseract; the message gives its mean word confidence", "check the page's text against the scan"),
    "ocr_low_confidence": NoticeCode("warning", "OCR was unsure of this page or of words in this record", "check those words against the scan"),
    "ocr_unavailable": NoticeCode("warning", "the page needs OCR but Tesseract or its Thai model is not installed", "install tesseract-ocr and tesseract-ocr-tha, then rerun"),
    "ocr_time_limit": NoticeCode("warning", "the file's time limit ran out while this page was read by OCR: it and the pages after it were not read; the pages before are kept", "rerun with a larger --timeout or --ocr-page-time"),
    "ocr_text_matched": NoticeCode("warning", "OCR text close to a known form (official question wording, unit name, a phrase repeated in the report, a common word one letter off where the corpus finds it likelier) was replaced by that form, a word a cell wrapped took its dictionary marks, or a time frame's misread word, month, dash or year was put back where its grammar and the fiscal year leave one reading, or an action date's year whose ๒ or ๐ stood for ๔ ๖ ๘ ๙ was read again inside the fiscal year; the message gives the similarity, the word or each slot's change", "check the field against the scan"),
    "ocr_score_mended": NoticeCode("warning", "a printed ITA score OCR misread by one digit (changed, added or lost) was taken as the one reading a digit away that makes its tool the mean of its indicators, or the total the weighted mean of the tools, again; the message gives both readings", "check the score against the scan"),
    "ocr_value_dropped": NoticeCode("warning", "an OCR'd date, time frame, code or score was implausible (outside the fiscal year, not in the year's code list, not 0-100) and left empty", "read the value from the scan"),
    "ocr_specks_dropped": NoticeCode("warning", "OCR read paper grain or the ends of rules as table rows of Latin specks (no Thai letter, no digit, no word over three characters); those rows were left out, and the message quotes them", "check the page's table against the scan if a short Latin word is missing"),
    "text_layer_unusable": NoticeCode("warning", "the page's text layer is unusable (none, or gibberish over a scan) and OCR is off", "rerun with --ocr auto"),
    # title block
    "agency_name_corrected": NoticeCode("note", "a printed agency, district or province name was changed to the gazetteer spelling", "nothing: name_as_printed keeps the printed form"),
    "agency_location_inferred": NoticeCode("note", "district/province were inferred from the agency name (no location line)", "nothing"),
    "agency_not_in_gazetteer": NoticeCode("warning", "the place name matched no district, subdistrict or province well enough", "check agency.name and district"),
    "agency_not_found": NoticeCode("warning", "no line of the title block names an agency type", "check agency fields; fill them by hand if needed"),
    "agency_type_misread": NoticeCode("warning", "the agency type was read from a near miss (OCR)", "check agency.name"),
    "agency_missing": NoticeCode("warning", "no agency name was found in the title block", "fill the agency by hand"),
    "fiscal_year_unread": NoticeCode("warning", "the title block prints a fiscal year OCR could not read whole; taken from the records' dates where most agree, else left empty", "check fiscal_year against the PDF"),
    "fiscal_year_missing": NoticeCode("warning", "no fiscal year (ปีงบประมาณ) was found in the title block", "fill fiscal_year by hand"),
    "fiscal_year_implausible": NoticeCode("warning", "the printed fiscal year is not a plausible Buddhist-era year; left empty", "check the title"),
    "round_unsupported": NoticeCode("warning", "the printed round is neither 6 nor 12 months; left empty", "check the title"),
    # tables
    "no_table": NoticeCode("warning", "no ITA measures table was found in the document", "check the document is a measures report; nothing was extracted"),
    "table_unmapped": NoticeCode("warning", "a table was found but none of its columns is an issue or code column, so its rows could not be keyed", "check the table's header; its rows may be missing"),
    "column_unmapped": NoticeCode("warning", "a table column's header matches no field, so the text in that column is in no record", "read that column off the page, or report the header wording"),
    "row_dropped": NoticeCode("warning", "a table row with no issue, code, responsible, findings or measures was left out", "check the row on the page"),
    "no_records": NoticeCode("warning", "the title names measures but no record was extracted", "check the document; its table may have a layout the extractor does not know"),
    "score_unreadable": NoticeCode("warning", "a row's score cell holds no number from 0 to 100; the score was left empty", "read the score off the page"),
    # ITA results (document.assessment)
    "assessment_score_out_of_range": NoticeCode("warning", "a printed ITA score is outside 0-100 (a lost decimal point, a digit read twice)", "check the score against the page"),
    "assessment_score_inconsistent": NoticeCode("warning", "a tool or indicator score is far from the mean of its parts, or the total from the weighted tools", "check those scores against the page"),
    "assessment_code_unknown": NoticeCode("warning", "a question or indicator code is not in the assessed year's ITA catalogue", "check the code against the page"),
    "assessment_score_conflict": NoticeCode("warning", "one score (or the total) is printed twice with different values; the first is kept", "check which printing is right"),
    "assessment_score_unassigned": NoticeCode("warning", "a number in a score column belongs to no row, or is a second one in its row; it is not kept", "check the row on the page"),
    "assessment_score_unread": NoticeCode("warning", "a cell of a score column read by OCR is no number (digits misread as letters, a point lost); its score is not kept", "check the score on the page"),
    "assessment_score_missing": NoticeCode("warning", "a labelled row of a score table has no score", "check the row on the page"),
    "assessment_year_inferred": NoticeCode("warning", "the assessed year is printed nowhere and was taken as the year before the document's", "check assessment.fiscal_year"),
    # batch outputs (printed by the CLI, not part of a report)
    "xlsx_cell_cut": NoticeCode("warning", "a text longer than Excel's 32,767-character cell limit was cut in records.xlsx", "read the whole text in the report JSON (or use -f csv/parquet)"),
    "json_ignored": NoticeCode("warning", "a JSON file in a run folder is not a report of this contract version (or not readable) and was left out", "remove or move it; extract its PDF again if it was a report"),
}


@dataclass(frozen=True, slots=True)
class Notice:
    """One thing guessed or not read: a registered ``code``, a one-line ``message``, the ``page`` (or None).

    Every stage reports in this one shape; the pipeline turns notices into the contract's
    warnings. An unregistered code is a bug and fails at once, not in a user's output.
    """

    code: str
    message: str
    page: int | None = None

    def __post_init__(self) -> None:
        if self.code not in NOTICES:
            raise ValueError(f"notice code {self.code!r} is not in extract.errors.NOTICES")

    def on_page(self, page: int | None) -> Notice:
        """The same notice placed on ``page`` (stages that do not know their page leave it to the caller)."""
        return Notice(self.code, self.message, page)


def needs_a_look(codes: Iterable[str]) -> bool:
    """Does any of these codes ask a person to check something (a warning, not a note)?"""
    return any(NOTICES[c].level == "warning" if c in NOTICES else True for c in codes)


def collapse_repeats(notices: Iterable[Notice]) -> list[Notice]:
    """One notice per code and page, in first-seen order: 300 repaired words make one line ("… (300×)")."""
    counts: dict[tuple[str, int | None], int] = {}
    first: dict[tuple[str, int | None], Notice] = {}
    for notice in notices:
        key = (notice.code, notice.page)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, notice)
    return [
        Notice(n.code, f"{n.message} ({counts[key]}×)" if counts[key] > 1 else n.message, n.page)
        for key, n in first.items()
    ]
