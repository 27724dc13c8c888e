"""``extract(path) -> Report``: one PDF → one validated report, the pipeline's steps in order.

PDF → pages (pdf) → tables per page (tables) → rows merged across pages → records
(rows) and title block → document (meta). Warnings from every step are collected with
their page so a user can see what was guessed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .extract.errors import NeedsOCRError, OCRUnavailableError, printable
from .extract.page.ocr.reader import OcrPage, with_ocr
from .extract.page.pdf import Page, open_pdf, read_pages, typed_library_errors
from .extract.table.cells import RowContext, restore_wrap_spaces, to_record
from .extract.table.finder import Layout, PageTable, analyse_page, merge_pages
from .extract.table.meta import build_document
from .extract.thai.repair import repair_thai_text
from .schema import Record, Report, Source, Warning


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
    return build_report(Path(path), ocr=ocr)


@typed_library_errors
def build_report(path: Path, ocr: str = "auto") -> Report:
    """Extract one report; raises an ExtractError subclass for unreadable input.

    ``ocr``: ``auto`` reads pages without a usable text layer by OCR, ``always`` every
    page, ``never`` none (a scanned file then fails with ``needs_ocr``).
    """
    pdf = open_pdf(path)
    try:
        n_pages = len(pdf.pages)
        tables: list[PageTable] = []
        warnings: list[Warning] = []
        first_page_lines: list[str] = []
        text_pages = 0
        layout: Layout | None = None
        ocr_pages: list[OcrPage] = []
        for page in with_ocr(read_pages(path, pdf), path, ocr):
            text_pages += page.has_text
            if isinstance(page, OcrPage):
                ocr_pages.append(page)
            warnings.extend(Warning(code=c, message=m, page=page.number) for c, m in page.warnings)
            if page.number == 1:
                first_page_lines = _page_lines(page)
            table = analyse_page(page, layout)
            if table is not None:
                tables.append(table)
                layout = table.layout
            elif layout is not None and page.has_text:
                layout = None  # the table ended; a later header must start a new one
    finally:
        pdf.close()
    if n_pages and not text_pages:
        _raise_ocr_unavailable(warnings, path)
        raise NeedsOCRError("no page has a text layer (scanned document); OCR is needed", file=str(path))
    title_lines = next((t.title_lines for t in tables if t.has_header), [])
    roles = set().union(*(t.layout.roles() for t in tables)) if tables else set()
    lines = [ln.text for ln in title_lines] or first_page_lines
    document, doc_warnings = build_document(lines, roles)
    first = tables[0].page if tables else 1
    warnings.extend(Warning(code=c, message=m, page=first) for c, m in doc_warnings)
    rows = list(merge_pages(tables))
    restore_wrap_spaces(rows)
    ctx = RowContext()
    records = []
    for row in rows:
        rec = to_record(row, len(records) + 1, ctx)
        if rec is not None:
            records.append(rec)
    warnings.extend(_dedupe(ctx.warnings))
    warnings.extend(_uncertain_records(records, ocr_pages))
    if not tables:
        warnings.append(Warning(code="no_table", message="no ITA measures table found in the document"))
    source = Source(file=printable(path.name), sha256=sha256_of(path), pages=n_pages)
    return Report(source=source, document=document, records=records, warnings=warnings)


def _raise_ocr_unavailable(warnings: list[Warning], path: Path) -> None:
    """A wholly scanned file that OCR could have read: say what to install, not just "needs OCR"."""
    missing = next((w for w in warnings if w.code == "ocr_unavailable"), None)
    if missing is not None:
        raise OCRUnavailableError(missing.message, file=str(path), page=missing.page)


def _uncertain_records(records: list[Record], pages: list[OcrPage]) -> list[Warning]:
    """``ocr_low_confidence`` for each record whose text holds words OCR was unsure of.

    Tesseract's word confidence is known per word, records are built from cells: a
    record is flagged when one of its page's low-confidence words is found in its text.
    """
    low = {p.number: {_squeeze(w) for w in p.low_confidence_words} - {""} for p in pages}
    out: list[Warning] = []
    for rec in records:
        words = set().union(*(low.get(n, set()) for n in range(rec.page_start, rec.page_end + 1)))
        if not words:
            continue
        text = _squeeze(" ".join([rec.issue or "", rec.responsible or "", *rec.measures, *rec.monitoring, *rec.actions]))
        found = sorted(w for w in words if w in text)
        if found:
            shown = ", ".join(found[:5]) + (" …" if len(found) > 5 else "")
            message = f"record {rec.row} ({rec.indicator or 'no code'}): OCR was unsure of {len(found)} word(s): {shown}"
            out.append(Warning(code="ocr_low_confidence", message=message, page=rec.page_start))
    return out


def _squeeze(text: str) -> str:
    """Text as compared across OCR words and record fields: repaired Thai, no whitespace."""
    return "".join(repair_thai_text(text).split())


def _page_lines(page: Page) -> list[str]:
    from .extract.table.lines import clusters, group_lines

    return [ln.text for ln in group_lines(clusters(page.chars))][:15]


def _dedupe(items: list[tuple[str, str, int]]) -> list[Warning]:
    """One warning per code and page: a report with 300 repaired words needs one line, not 300."""
    seen: dict[tuple[str, int], int] = {}
    first: dict[tuple[str, int], str] = {}
    for code, message, page in items:
        seen[(code, page)] = seen.get((code, page), 0) + 1
        first.setdefault((code, page), message)
    return [
        Warning(code=code, message=f"{first[(code, page)]} ({n}×)" if n > 1 else first[(code, page)], page=page)
        for (code, page), n in seen.items()
    ]


def warm_up() -> None:
    """Load the extractor's lazy data now: Thai dictionary and word trie, spacing evidence, gazetteer.

    Batch workers are forked from the process that calls this, so they share one copy of
    it instead of each loading its own on its first file (about 1.5 s a worker, again
    whenever a worker is replaced).
    """
    from .extract.thai.repair import repair_thai_text_checked
    from .extract.thai.spacing import SpacingEvidence, space_lost_at_wrap

    repair_thai_text_checked("ดําเนินการตามมาตรการ")
    space_lost_at_wrap("ดำเนินการแล้ว", "รายงานผู้บริหาร", SpacingEvidence())
    build_document(["รายงานผลการดำเนินการ องค์การบริหารส่วนตำบลโพธิ์ อำเภอเมืองศรีสะเกษ จังหวัดศรีสะเกษ"], set())
