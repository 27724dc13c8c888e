#!/usr/bin/env python3
"""Regenerate the LibreOffice samples (sample07, sample08) and their ground-truth JSON.

    python samples/make_lo_samples.py         # needs soffice, python-docx, reportlab, pythainlp

Many agencies type their reports in Word or LibreOffice Writer and export PDF from there.
Those PDFs differ from reportlab's in ways the extractor must survive: a typed space at a
line wrap is drawn only when it fits on the line, Thai fonts' ToUnicode maps read wrong
letters in pdfplumber ("ข้อม่ล" for ข้อมูล), cell paragraphs sit on uneven baselines. So
two samples' content (from ``make_samples.py``, the seed report) is typed into a .docx
table with python-docx and exported by LibreOffice (``soffice --headless``):

- sample07: sample01's rows in a full grid, Garuda font, header repeated on every page;
- sample08: sample04's rows with no rules at all (borderless), Norasi font, header printed
  on the first page only.

The JSON comes from the typed data, never from an extractor. Pages cannot be recorded while
drawing (LibreOffice paginates), so each row's ``page_start`` is the page showing its
indicator code and ``page_end`` the last page showing the end of one of its cells, both read
from pypdfium2's text of the exported PDF with whitespace removed. Regeneration needs
``apt-get install libreoffice-writer-nogui fonts-thai-tlwg`` and ``pip install python-docx``;
LibreOffice's output is not byte-stable across versions, so each JSON holds its PDF's sha256.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_samples as ms  # noqa: E402 - the samples' content lives there

VARIANTS = (  # name, source sample, font, table style, header repeated
    ("sample07", ms.sample01, "Garuda", "grid", True),
    ("sample08", ms.sample04, "Norasi", "none", False),
)


def styled(run, font: str, size: float, bold: bool = False) -> None:  # noqa: ANN001 - python-docx run
    """Set the font for Latin and complex (Thai) script alike; Writer uses the latter for Thai."""
    run.font.name, run.font.size, run.bold = font, Pt(size), bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(size_cs)
    if bold:
        rpr.append(OxmlElement("w:bCs"))


def paragraph(container, text: str, font: str, size: float, *, bold: bool = False, center: bool = False):  # noqa: ANN001, ANN201
    p = container.add_paragraph()
    styled(p.add_run(text), font, size, bold)
    p.alignment = 1 if center else None
    p.paragraph_format.space_after = p.paragraph_format.space_before = Pt(0)
    return p


def table_borders(table, style: str) -> None:  # noqa: ANN001
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        on = style == "grid" or (style == "hrules" and edge in ("top", "bottom", "insideH"))
        e.set(qn("w:val"), "single" if on else "nil")
        e.set(qn("w:sz"), "4")
        borders.append(e)
    table._tbl.tblPr.append(borders)


def build_docx(sample: ms.Sample, font: str, style: str, repeat: bool, path: Path) -> None:
    doc = Document()
    doc._body.clear_content()
    section = doc.sections[0]
    width, height = sample.pagesize
    section.page_width, section.page_height = Pt(width), Pt(height)
    if width > height:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    size = sample.body_size
    for kind, text in sample.title_block:
        if kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind != "space":
            bold = kind in ("title", "bold", "head", "memo_title")
            paragraph(doc, text.replace("\t", " "), font, size + (2 if kind == "title" else 0), bold=bold,
                      center=kind in ("title", "bold", "head", "memo_title", "sign"))
    columns = sample.columns
    table = doc.add_table(rows=1, cols=len(columns))
    table_borders(table, style)
    usable = width / 72 * 2.54 - 4
    total = sum(rel for _, _, rel in columns)
    for cell, (_, header, rel) in zip(table.rows[0].cells, columns):
        cell.width = Cm(usable * rel / total)
        styled(cell.paragraphs[0].add_run(header), font, size, bold=True)
        cell.paragraphs[0].alignment = 1
    if repeat:
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(flag)
    for row in sample.rows:
        cells = table.add_row().cells
        if isinstance(row, str):  # a section row across the table
            merged = cells[0].merge(cells[-1])
            styled(merged.paragraphs[0].add_run(row), font, size, bold=True)
            continue
        for cell, (role, _, rel) in zip(cells, columns):
            cell.width = Cm(usable * rel / total)
            for k, text in enumerate(row.cells.get(role, [])):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                styled(p.add_run(text), font, size)
    for kind, text in sample.closing:
        paragraph(doc, text, font, size, center=kind == "sign")
    doc.save(str(path))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_of_rows(sample: ms.Sample, pdf: Path) -> None:
    """Fill each row's page_start/page_end from the exported PDF's text (see module docstring).

    In the text of the whole document, a row runs from its indicator code to the next
    row's; page_end is the page of the last cell ending found inside that run.
    """
    doc = pdfium.PdfDocument(str(pdf))
    try:
        texts = [squeeze(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()
    whole = "".join(texts)
    starts = [sum(len(t) for t in texts[:i]) for i in range(len(texts))]

    def page_at(offset: int) -> int:
        return max(i for i, s in enumerate(starts) if s <= offset) + 1

    rows = [r for r in sample.rows if isinstance(r, ms.Row)]
    codes, at = [], 0
    for row in rows:
        code = squeeze(row.cells["issue"][0][: len(row.cells["issue"][0]) - len(row.issue)])
        at = whole.index(code, at)
        codes.append(at)
    for k, row in enumerate(rows):
        begin, end = codes[k], codes[k + 1] if k + 1 < len(codes) else len(whole)
        tails = [squeeze(paras[-1])[-5:] for paras in row.cells.values() if paras and squeeze(paras[-1])]
        last = max((whole.rfind(t, begin, end) for t in tails), default=begin)
        row.page_start, row.page_end = page_at(begin), page_at(max(last, begin))


def main() -> None:
    """Build the samples; ``--truth-only`` rewrites the JSON of the committed PDFs (after a contract change)."""
    truth_only = "--truth-only" in sys.argv[1:]
    if not truth_only and not shutil.which("soffice"):
        raise SystemExit("make_lo_samples: soffice not found (apt-get install libreoffice-writer-nogui)")
    ms.register_fonts()  # reportlab fonts: make_samples' builders measure text with them
    for name, make, font, style, repeat in VARIANTS:
        sample = make()
        sample.name = name
        pdf = HERE / f"{name}.pdf"
        if not truth_only:
            with tempfile.TemporaryDirectory() as tmp:
                docx = Path(tmp) / f"{name}.docx"
                build_docx(sample, font, style, repeat, docx)
                subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                               check=True, capture_output=True)
                shutil.copyfile(Path(tmp) / f"{name}.pdf", pdf)
        pages_of_rows(sample, pdf)
        doc = pdfium.PdfDocument(str(pdf))
        n_pages = len(doc)
        doc.close()
        report = ms.truth(sample, pdf, n_pages)
        model = ms.report_model()
        if model is not None:
            model.model_validate(report)
        (HERE / f"{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        rows = [r for r in sample.rows if isinstance(r, ms.Row)]
        print(f"{pdf.name} (LibreOffice, {font}, {style}): {n_pages} pages, {len(rows)} records")


if __name__ == "__main__":
    main()
