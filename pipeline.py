"""``extract(path) -> Report``: one PDF → one validated report, the pipeline's steps in order.

PDF → pages (pdf) → tables per page (tables) → rows merged across pages → records
(rows) and title block → document (meta). Warnings from every step are collected with
their page so a user can see what was guessed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .extract.collector import report_lifetime
from .extract.errors import NeedsOCRError, Notice, OCRUnavailableError, collapse_repeats, printable
from .extract.kinds import assessment, measures
from .extract.kinds.measures import MEASURES
from .extract.page.ocr.confidence import uncertain_records
from .extract.page.ocr.plausible import plausible_results
from .extract.page.ocr.reader import OcrPage, with_ocr
from .extract.page.ocr.records import checked_title, correct_records
from .extract.page.ocr.rowscores import scores_from_results
from .extract.page.ocr.scoresums import mended_scores
from .extract.page.page import Page
from .extract.page.pdf import open_pdf, read_pages, typed_library_errors
from .extract.page.textrepair import repair_pages
from .extract.table.cells import restore_wrap_spaces
from .extract.table.columns import Layout
from .extract.table.finder import PageTable, analyse_page, page_lines
from .extract.table.merge import merge_pages
from .extract.table.meta import build_document
from .extract.table.settings import DEFAULT, TableSettings
from .schema import Report, Source, Warning

OPENING_PAGES = 2  # the title block is on the first text pages (a cover, or above the table) …
OPENING_LINES = 15  # … within their first lines


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def extract(path: str | Path, ocr: str = "auto") -> Report:
    """Extract one ITA report PDF into a validated :class:`Report`.

    ``ocr``: ``"auto"`` reads scanned pages (no usable text layer) with Tesseract,
    ``"always"`` reads every page so, ``"never"`` reads none (scans fail with ``needs_ocr``).
    Raises :class:`ExtractError` (with a stable ``code``) for any input it cannot read.
    """
    with report_lifetime():  # a report's objects live as long as it: fewer collections (extract/collector.py)
        return build_report(Path(path), ocr=ocr)


@dataclass
class DocumentPass:
    """What one pass over a document's pages collects for the steps after it.

    Pages are read once, in order, and not kept: a 2,000-page file costs the memory of
    one page at a time plus the tables found on it.
    """

    pages: int = 0
    text_pages: int = 0
    tables: list[PageTable] = field(default_factory=list)
    opening: list[tuple[bool, list[str]]] = field(default_factory=list)  # (read by OCR, lines) of the first text pages
    ocr_pages: list[OcrPage] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    results: assessment.ResultPages = field(default_factory=assessment.ResultPages)  # page lines for the ITA results


def read_document(pages: Iterable[Page]) -> DocumentPass:
    """Tables page by page (a table's layout carried to the next page), with every page's notices.

    The table settings are chosen here, once per page, by how the page was made: the
    engine never asks where a page came from.
    """
    seen = DocumentPass()
    layout: Layout | None = None
    for page in pages:
        seen.pages += 1
        seen.text_pages += page.has_text
        settings = TableSettings.ocr() if isinstance(page, OcrPage) else DEFAULT
        if isinstance(page, OcrPage):
            seen.ocr_pages.append(page)
        seen.notices.extend(page.warnings)
        seen.results.add(page, assessment.HeaderSettings.ocr() if isinstance(page, OcrPage) else None)
        lines = page_lines(page, settings)
        if lines and seen.text_pages <= OPENING_PAGES:
            seen.opening.append((isinstance(page, OcrPage), [ln.text for ln in lines[:OPENING_LINES]]))
        table = analyse_page(page, layout, MEASURES, settings, lines)
        if table is not None:
            seen.tables.append(table)
            layout = None if table.signed else table.layout  # a signed table ends: the next page starts afresh
        elif layout is not None and page.has_text:
            layout = None  # the table ended; a later header must start a new one
    return seen


@typed_library_errors
def build_report(path: Path, ocr: str = "auto") -> Report:
    """Extract one report; raises an ExtractError subclass for unreadable input.

    ``ocr``: ``auto`` reads pages without a usable text layer by OCR, ``always`` every
    page, ``never`` none (a scanned file then fails with ``needs_ocr``).
    """
    pdf = open_pdf(path)
    try:
        n_pages = len(pdf.pages)
        seen = read_document(repair_pages(with_ocr(read_pages(path, pdf), path, ocr)))
    finally:
        pdf.close()
    if n_pages and not seen.text_pages:
        _raise_ocr_unavailable(seen.notices, path)
        raise NeedsOCRError("no page has a text layer (scanned document); OCR is needed", file=str(path))
    tables = [t for t in seen.tables if t.layout.roles() & MEASURES.keys]  # the others only say what they held
    title_lines = next((t.title_lines for t in tables if t.has_header), ())
    roles = set().union(*(t.layout.roles() for t in tables)) if tables else set()
    # a cover read by OCR must not beat the same words in the text layer of the next page
    opening = [lines for _, lines in sorted(seen.opening, key=lambda item: item[0])]
    sources = [[ln.text for ln in title_lines], *opening]
    document, doc_notices = build_document(sources, lambda title: measures.document_type(title, roles))
    first = tables[0].page if tables else 1
    notices = [*seen.notices, *(n.on_page(first) for n in doc_notices)]
    rows = restore_wrap_spaces(merge_pages(tables, MEASURES, DEFAULT))
    records, record_notices = measures.to_records(rows, document.fiscal_year)
    year_cut = any(n.code == "fiscal_year_unread" for n in doc_notices)
    ocr_numbers = [p.number for p in seen.ocr_pages]
    records, document, checked = correct_records(records, document, ocr_numbers, year_cut=year_cut)
    notices.extend(checked)
    if seen.opening and all(by_ocr for by_ocr, _ in seen.opening):  # the title block was read by OCR
        document, titled = checked_title(document, ocr_numbers[0])
        if titled:  # the title names the kind of document: name it again from the known title
            document = document.model_copy(update={"document_type": measures.document_type(document.title, roles)})
            notices.extend(titled)
    notices.extend(n for t in seen.tables for n in t.notices)
    notices.extend(collapse_repeats(record_notices))
    notices.extend(measures.no_records(document.title, records, len(tables)))
    notices.extend(uncertain_records(records, seen.ocr_pages))
    results, result_notices = assessment.read_assessment(seen.results, document.fiscal_year)
    results, mended = mended_scores(results, ocr_numbers)
    results, dropped = plausible_results(results, ocr_numbers)
    result_notices += mended + dropped
    records, rescored = scores_from_results(records, results, ocr_numbers)
    notices.extend(rescored)
    kind = assessment.analysis_document_type(document.document_type, len(records), results)
    document = document.model_copy(update={"assessment": results, "document_type": kind})
    notices.extend(result_notices)
    if not tables and kind != "ita_analysis":  # an analysis alone has no measures table to miss
        notices.append(Notice("no_table", "no ITA measures table found in the document"))
    source = Source(file=printable(path.name), sha256=sha256_of(path), pages=n_pages)
    warnings = [Warning(code=n.code, message=n.message, page=n.page) for n in notices]
    return Report(source=source, document=document, records=records, warnings=warnings)


def _raise_ocr_unavailable(notices: list[Notice], path: Path) -> None:
    """A wholly scanned file that OCR could have read: say what to install, not just "needs OCR"."""
    missing = next((n for n in notices if n.code == "ocr_unavailable"), None)
    if missing is not None:
        raise OCRUnavailableError(missing.message, file=str(path), page=missing.page)


def warm_up() -> None:
    """Load the extractor's lazy data now: Thai dictionary and word list, spacing evidence, gazetteer.

    Batch workers are forked from the process that calls this, so they share one copy of
    it instead of each loading its own on its first file (about 1.5 s a worker, again
    whenever a worker is replaced).
    """
    from .extract.thai.repair import repair_thai_text_checked
    from .extract.thai.spacing import SpacingEvidence, space_lost_at_wrap

    repair_thai_text_checked("ดําเนินการตามมาตรการ")
    space_lost_at_wrap("ดำเนินการแล้ว", "รายงานผู้บริหาร", SpacingEvidence())
    build_document(["รายงานผลการดำเนินการ องค์การบริหารส่วนตำบลโพธิ์ อำเภอเมืองศรีสะเกษ จังหวัดศรีสะเกษ"], lambda title: "unknown")
