"""One PDF → one validated Report: the pipeline's steps in order, and nothing else.

PDF → pages (pdf) → tables per page (tables) → rows merged across pages → records
(rows) and title block → document (meta). Warnings from every step are collected with
their page so a user can see what was guessed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..schema import Report, Source, Warning
from .errors import NeedsOCRError
from .meta import build_document
from .pdf import Page, open_pdf, read_pages
from .rows import RowContext, restore_wrap_spaces, to_record
from .tables import Layout, PageTable, analyse_page, merge_pages


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build_report(path: Path) -> Report:
    """Extract one report; raises an ExtractError subclass for unreadable input."""
    pdf = open_pdf(path)
    try:
        n_pages = len(pdf.pages)
        tables: list[PageTable] = []
        warnings: list[Warning] = []
        first_page_lines: list[str] = []
        text_pages = 0
        layout: Layout | None = None
        for page in read_pages(path, pdf):
            text_pages += page.has_text
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
    if not tables:
        warnings.append(Warning(code="no_table", message="no ITA measures table found in the document"))
    source = Source(file=path.name, sha256=sha256_of(path), pages=n_pages)
    return Report(source=source, document=document, records=records, warnings=warnings)


def _page_lines(page: Page) -> list[str]:
    from .lines import clusters, group_lines

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
