"""Type a ``Doc`` into a .docx with python-docx, export it with LibreOffice, and find the pages.

Agencies' reports mostly come out of a word processor; LibreOffice's PDFs differ from
reportlab's in the ways extractors trip on (ToUnicode maps and ActualText for Thai clusters,
typed spaces kept at wraps, uneven baselines across cells, its own Thai line breaking). Pages
cannot be noted while drawing, so ``locate`` finds each keyed cell's text, in document order,
in pypdfium2's text of the exported PDF (whitespace removed).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from . import render_rl
from .model import Break, Cell, Doc, Gap, Para, Table
from .thai import TO_ARABIC, nfc

A4 = (595.28, 841.89)  # pt
SIGN_INDENT = 0.45
VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
          "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM}
CONVERT_TIMEOUT = 600  # s for one batch of documents through soffice


def styled(run, font: str, size: float, bold: bool = False) -> None:  # noqa: ANN001 - python-docx run
    """Font for Latin and complex script alike: Writer draws Thai with the complex-script font."""
    run.font.name, run.font.size, run.bold = font, Pt(size), bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(size_cs)
    if bold:
        rpr.append(OxmlElement("w:bCs"))


def align(paragraph, how: str, justify: bool = False) -> None:  # noqa: ANN001
    """Left/centre/right, or Word's Thai distributed justification (w:jc thaiDistribute)."""
    ppr = paragraph._p.get_or_add_pPr()
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "thaiDistribute" if justify else {"left": "left", "center": "center", "right": "right"}[how])
    ppr.append(jc)
    fmt = paragraph.paragraph_format
    fmt.space_after = fmt.space_before = Pt(0)


def add_text(paragraph, lines: list[str], font: str, size: float, bold: bool) -> None:  # noqa: ANN001
    """The lines of one paragraph, with a line break (Shift+Enter) between forced lines."""
    for i, line in enumerate(lines):
        run = paragraph.add_run(nfc(line))
        styled(run, font, size, bold)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def forced_lines(text: str, font: str, size: float, width: float, target: int) -> list[str]:
    """A header typed with Shift+Enter into about ``target`` lines (as ``render_rl`` wraps it)."""
    if target <= 1:
        return [text]
    return [line.text for line in render_rl.lines_of(text, font, size, width, target_lines=target)]


def page_setup(section, orientation: str, margins: tuple[float, float, float, float]) -> None:  # noqa: ANN001
    width, height = A4 if orientation == "portrait" else (A4[1], A4[0])
    section.orientation = WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    left, right, top, bottom = margins
    section.left_margin, section.right_margin = Pt(left), Pt(right)
    section.top_margin, section.bottom_margin = Pt(top), Pt(bottom)


def page_number_field(paragraph, font: str, size: float) -> None:  # noqa: ANN001
    """A PAGE field in Arabic digits: LibreOffice 7.4 imports Word's ``\\* ThaiArabic`` switch as Thai
    letters (ก ข ค …), which no agency prints."""
    run = paragraph.add_run()
    styled(run, font, size)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    field.append(run._r)
    paragraph._p.append(field)


def decorate(section, doc: Doc, regular: str) -> None:  # noqa: ANN001
    size = doc.size - 1
    if doc.page_header == "dash":
        section.different_first_page_header_footer = True
        p = section.header.paragraphs[0]
        align(p, "center")
        styled(p.add_run("- "), regular, size)
        page_number_field(p, regular, size)
        styled(p.add_run(" -"), regular, size)
    if doc.page_footer:
        p = section.footer.paragraphs[0]
        align(p, "right" if doc.page_footer == "page" else "center")
        if doc.page_footer == "page":
            styled(p.add_run("หน้า "), regular, size)
        page_number_field(p, regular, size)


def set_borders(table, rules: str) -> None:  # noqa: ANN001
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        on = rules == "grid" or (rules == "hrules" and edge in ("top", "bottom", "insideH"))
        e.set(qn("w:val"), "single" if on else "nil")
        e.set(qn("w:sz"), "6")
        borders.append(e)
    table._tbl.tblPr.append(borders)


def shade(cell) -> None:  # noqa: ANN001
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "D9D9D9")
    cell._tc.get_or_add_tcPr().append(shd)


def keep_header(row, repeat: bool) -> None:  # noqa: ANN001
    """A header row never splits and keeps with the next row; it repeats on each page when asked."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if repeat:
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        trpr.append(flag)


def write_table(container, t: Table, doc: Doc, faces: tuple[str, str], width: float) -> None:  # noqa: ANN001
    rows = t.header + t.body
    table = container.add_table(rows=len(rows), cols=len(t.widths))
    set_borders(table, t.rules)
    total = sum(t.widths)
    widths = [width * w / total for w in t.widths]
    for i, column in enumerate(table.columns):
        column.width = Pt(widths[i])
    for r in range(len(rows)):
        for c in range(len(widths)):
            table.cell(r, c).width = Pt(widths[c])
    for r, row in enumerate(rows):
        if r < len(t.header):
            keep_header(table.rows[r], t.repeat_header)
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = table.cell(r, c)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            fill_cell(target, cell, faces, doc.size, sum(widths[c:c + cell.colspan]), keep=r < len(t.header))
            if cell.shade or (r < len(t.header) and t.header_shade):
                shade(target)
    if t.keep_together:  # Word's way to keep a table on one page: every row but the last keeps with the next
        for row in table.rows[:-1]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True


def fill_cell(target, cell: Cell, faces: tuple[str, str], size: float, width: float,  # noqa: ANN001
              keep: bool = False) -> None:
    font = faces[1] if cell.bold else faces[0]
    target.vertical_alignment = VALIGN[cell.valign]
    for k, text in enumerate(cell.paras):
        p = target.paragraphs[0] if k == 0 else target.add_paragraph()
        align(p, cell.align, cell.justify)
        p.paragraph_format.keep_with_next = keep or None
        add_text(p, forced_lines(text, font, size, width - 11, cell.lines), font, size, cell.bold)


def write_para(document, block: Para, faces: tuple[str, str], size: float, width: float) -> None:  # noqa: ANN001
    bold = block.style in ("title", "bold", "heading", "memo_title")
    big = {"title": 2, "memo_title": 8}.get(block.style, 0)
    p = document.add_paragraph()
    center = block.style in ("title", "bold", "memo_title", "sign")
    align(p, "center" if center else "left", block.justify)
    if block.style == "intro":
        p.paragraph_format.first_line_indent = Pt(36)
    if block.style == "sign":
        p.paragraph_format.left_indent = Pt(width * SIGN_INDENT)
    add_text(p, [block.text.replace("\t", "  ")], faces[1] if bold else faces[0], size + big, bold)


def write_docx(doc: Doc, path: Path) -> None:
    """The .docx of ``doc``: same blocks, fonts, tables and page setup as the reportlab rendering."""
    faces = render_rl.register(doc.font)  # reportlab measures the forced header lines
    document = Document()
    document._body.clear_content()
    section = document.sections[0]
    orientation = doc.orientation
    page_setup(section, orientation, doc.margins)
    decorate(section, doc, faces[0])
    for block in doc.blocks:
        width = (A4[0] if orientation == "portrait" else A4[1]) - doc.margins[0] - doc.margins[1]
        if isinstance(block, Break) and block.orientation and block.orientation != orientation:
            orientation = block.orientation
            page_setup(document.add_section(WD_SECTION.NEW_PAGE), orientation, doc.margins)
        elif isinstance(block, Break):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Gap):
            p = document.add_paragraph()
            p.paragraph_format.space_after = Pt(doc.size * 1.2 * max(block.lines - 1, 0))
        elif isinstance(block, Para):
            write_para(document, block, faces, doc.size, width)
        elif isinstance(block, Table):
            write_table(document, block, doc, faces, width)
            document.add_paragraph()  # Word keeps a paragraph between tables; two tables would merge
    document.save(str(path))


def convert(docxs: list[Path], out: Path) -> None:
    """Export each .docx to PDF beside it with one soffice run (its own profile, so parallel runs do not clash)."""
    if not docxs:
        return
    with tempfile.TemporaryDirectory(prefix="synth-lo-profile-") as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, docxs)], check=True, capture_output=True,
                       timeout=CONVERT_TIMEOUT)


def stabilise(pdf: Path) -> None:
    """LibreOffice stamps the export time and a random document id; fix both (same byte lengths, so
    the cross-reference offsets stay valid) and one LibreOffice version makes the same bytes twice."""
    data = pdf.read_bytes()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20240101000000", data)
    ident = hashlib.md5(pdf.name.encode()).hexdigest().upper().encode()
    data = re.sub(rb"<[0-9A-F]{32}>", b"<" + ident + b">", data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + ident, data)
    pdf.write_bytes(data)


# --- pages from the exported text ---------------------------------------------------------------
def normal(text: str) -> str:
    """Whitespace gone, NFC, SARA AM whole, Arabic digits: the form both sides are compared in."""
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33").translate(TO_ARABIC)
    return re.sub(r"\s+", "", text)


MARK = 12  # characters of a cell's start or end that locate it in the page text
SHORTEST = 3  # a start cut short by a page break is looked for down to this many characters


def keyed_rows(doc: Doc) -> list[list[tuple[str, str, str]]]:
    """(key, normalised text, its first paragraph) of the keyed cells, row by row, in document order."""
    rows = []
    for block in doc.blocks:
        if isinstance(block, Table):
            for row in block.body:
                cells = [(c.key, normal("".join(c.paras)), normal(c.paras[0])) for c in row if c is not None and c.key]
                if cells:
                    rows.append(cells)
    return rows


def locate(doc: Doc, pdf: Path) -> tuple[int, dict[str, tuple[int, int]]]:
    """Page count and each key's first/last page, found in the PDF's text in document order.

    A row is anchored at its first cell with more than a few characters (a ลำดับ number alone
    would match anywhere); its cells' ends are looked for between its anchor and the next row's.
    """
    pdf_doc = pdfium.PdfDocument(str(pdf))
    try:
        texts = [normal(pdf_doc[i].get_textpage().get_text_range()) for i in range(len(pdf_doc))]
    finally:
        pdf_doc.close()
    whole = "".join(texts)
    starts = [sum(len(t) for t in texts[:i]) for i in range(len(texts))]

    def page_at(offset: int) -> int:
        return max(i for i, s in enumerate(starts) if s <= offset) + 1

    rows = keyed_rows(doc)
    anchors: list[int] = []
    cursor = 0
    for cells in rows:
        key, text, first = next((c for c in cells if len(c[1]) > 3), cells[0])
        at = -1
        # a row split after its first line parts a long start: try shorter starts, down to a short first paragraph
        for marker in [text[:size] for size in range(MARK, SHORTEST - 1, -3)] + [first[:MARK]]:
            if (at := whole.find(marker, cursor)) >= 0:
                break
        if at < 0:
            raise RuntimeError(f"{pdf.name}: text of {key} not found in the PDF ({text[:MARK]!r})")
        anchors.append(at)
        cursor = at + 1
    placed: dict[str, tuple[int, int]] = {}
    for i, cells in enumerate(rows):
        begin, end = anchors[i], anchors[i + 1] if i + 1 < len(rows) else len(whole)
        for key, text, _ in cells:
            tail, last = text, -1
            for size in range(MARK, SHORTEST - 1, -3):
                tail = text[-size:]
                if (last := whole.rfind(tail, begin, end)) >= 0:
                    break
            stop = page_at(max(last + len(tail) - 1, begin)) if last >= 0 else page_at(begin)
            first = page_at(begin)
            old = placed.get(key)
            placed[key] = (min(first, old[0]), max(stop, old[1])) if old else (first, stop)
    return len(texts), placed
