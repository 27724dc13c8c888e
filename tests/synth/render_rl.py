"""Draw a ``Doc`` with reportlab, noting the pages each truth key's lines land on.

reportlab cannot break Thai, so every paragraph is wrapped here (``thai.wrap``) and drawn one
line per flowable; a line logs its page when drawn, which gives records their pages exactly.
Justified lines are drawn one character cluster at a time with the slack spread between
clusters, which is what Word's Thai distributed justification puts in a PDF's text layer.
Output is byte-stable (``invariant=1``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)

from .model import Break, Cell, Doc, Gap, Para, Table
from .thai import clusters, digits_as, nfc, wrap

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
LEADING = 1.22  # line height / font size, as Word's single spacing for the TLWG faces
BASELINE = 0.3  # baseline above a line's bottom / font size: room for below-base vowels
PAD_X, PAD_TOP, PAD_BOTTOM = 4.0, 2.0, 4.0  # cell padding (pt)
SIGN_INDENT = 0.45  # a signature block sits in the page's right part, from this share of the width on
RULE = 0.6  # ruling line width (pt)
BODY_LINES_AFTER_HEADER = 3  # a table starts on a new page unless its header and this many lines fit


class FontMissing(RuntimeError):
    pass


@cache
def register(face: str) -> tuple[str, str]:
    """Register a TLWG face and its bold; the names reportlab knows them by."""
    names = (face, f"{face}-Bold")
    for name in names:
        path = FONT_DIR / f"{name}.ttf"
        if not path.exists():
            raise FontMissing(f"font {path} not found; install it with: apt-get install fonts-thai-tlwg")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return names


def width_of(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


class Line(Flowable):
    """One printed line; logs the page it is drawn on under its truth key."""

    def __init__(self, text: str, font: str, size: float, width: float, align: str = "left", indent: float = 0,
                 justify: bool = False, log: dict | None = None, key: str | None = None) -> None:
        super().__init__()
        self.text, self.font, self.size, self.line_width = text, font, size, width
        self.align, self.indent, self.justify, self.log, self.key = align, indent, justify, log, key
        self.width, self.height = width, size * LEADING  # reportlab's in-row split reads .height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: ARG002
        return self.line_width, self.size * LEADING

    def draw(self) -> None:
        canvas, y = self.canv, self.size * BASELINE
        canvas.setFont(self.font, self.size)
        room = self.line_width - self.indent
        if self.justify:
            parts = clusters(self.text)
            natural = [width_of(p, self.font, self.size) for p in parts]
            extra = (room - sum(natural)) / max(len(parts) - 1, 1)
            x = self.indent
            for part, w in zip(parts, natural):
                canvas.drawString(x, y, part)
                x += w + extra
        elif self.align == "center":
            canvas.drawCentredString(self.indent + room / 2, y, self.text)
        elif self.align == "right":
            canvas.drawRightString(self.line_width, y, self.text)
        else:
            canvas.drawString(self.indent, y, self.text)
        if self.log is not None and self.key:
            self.log.setdefault(self.key, []).append(canvas.getPageNumber())


@dataclass
class Faces:
    regular: str
    bold: str
    size: float


def lines_of(text: str, font: str, size: float, width: float, *, align: str = "left", indent: float = 0,
             justify: bool = False, log: dict | None = None, key: str | None = None,
             target_lines: int = 0) -> list[Line]:
    """A paragraph wrapped to ``width`` (or narrower, to fill about ``target_lines`` lines)."""
    text = nfc(text)
    measure = lambda s: width_of(s, font, size)  # noqa: E731
    limit = width - 0.5
    if target_lines > 1:
        limit = min(limit, max(measure(text) / target_lines * 1.15, size * 3))
    wrapped = wrap(text, measure, limit)
    out = []
    for i, line in enumerate(wrapped):
        last = i == len(wrapped) - 1
        out.append(Line(line, font, size, width, align, indent if i == 0 else 0, justify and not last, log, key))
    return out


def paragraph(p: Para, faces: Faces, width: float) -> list:
    s = faces.size
    if p.style == "title":
        return lines_of(p.text, faces.bold, s + 2, width, align="center")
    if p.style == "memo_title":
        return lines_of(p.text, faces.bold, s + 8, width, align="center")
    if p.style == "bold":
        return lines_of(p.text, faces.bold, s, width, align="center")
    if p.style == "heading":
        return lines_of(p.text, faces.bold, s, width)
    if p.style == "sign":
        return [_shifted(line, width * SIGN_INDENT)
                for line in lines_of(p.text, faces.regular, s, width * (1 - SIGN_INDENT), align="center")]
    if p.style == "field":
        return lines_of(p.text.replace("\t", "  "), faces.regular, s, width)
    indent = 36.0 if p.style == "intro" else 0.0
    return lines_of(p.text, faces.regular, s, width, indent=indent, justify=p.justify)


def _shifted(line: Line, by: float) -> Line:
    line.indent += by
    line.line_width += by
    return line


def span_width(widths: list[float], col: int, cell: Cell) -> float:
    return sum(widths[col:col + cell.colspan])


def cell_flowables(cell: Cell, faces: Faces, width: float, log: dict) -> list:
    font = faces.bold if cell.bold else faces.regular
    out: list = []
    for text in cell.paras:
        if text:
            out += lines_of(text, font, faces.size, width - 2 * PAD_X, align=cell.align, justify=cell.justify,
                            log=log, key=cell.key, target_lines=cell.lines)
    return out or ""


class RuledTable(LongTable):
    """A ruled table closes its border at the page foot where a row splits (as Word draws it)."""

    close_split = False

    def split(self, avail_width: float, avail_height: float) -> list:
        parts = super().split(avail_width, avail_height)
        for part in parts:
            part.close_split = self.close_split
        if self.close_split and len(parts) == 2:
            parts[0].setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), RULE, colors.black)]))
        return parts


def table_style(t: Table) -> list[tuple]:
    heads = len(t.header)
    style: list[tuple] = [("LEFTPADDING", (0, 0), (-1, -1), PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
                          ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
                          ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if t.rules == "grid":
        style.append(("GRID", (0, 0), (-1, -1), RULE, colors.black))
    elif t.rules == "hrules":
        style += [("LINEABOVE", (0, 0), (-1, 0), RULE * 1.5, colors.black),
                  ("LINEBELOW", (0, heads - 1), (-1, heads - 1), RULE * 1.5, colors.black),
                  ("LINEBELOW", (0, heads), (-1, -1), RULE * 0.7, colors.black)]
    for r, row in enumerate(t.header + t.body):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if cell.colspan > 1 or cell.rowspan > 1:
                style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            style.append(("VALIGN", (c, r), (c, r), cell.valign.upper()))
            if cell.shade or (r < heads and t.header_shade):
                style.append(("BACKGROUND", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1),
                              colors.Color(0.85, 0.85, 0.85)))
    return style


def table(t: Table, faces: Faces, width: float, log: dict) -> list[Flowable]:
    """The table, after a conditional page break that keeps its header off a page foot (Word's
    "keep with next" on header rows: a header is never left alone at the bottom of a page)."""
    total = sum(t.widths)
    widths = [width * w / total for w in t.widths]
    data = [[cell_flowables(cell, faces, span_width(widths, c, cell), log) if cell else "" for c, cell in enumerate(row)]
            for row in t.header + t.body]
    line = faces.size * LEADING
    header_height = sum(max(len(x) for x in row) * line + PAD_TOP + PAD_BOTTOM for row in data[:len(t.header)])
    spans = any(cell and cell.rowspan > 1 for row in t.body for cell in row)
    drawn = RuledTable(data, colWidths=widths, repeatRows=len(t.header) if t.repeat_header else 0,
                       splitByRow=1 if spans else 0, splitInRow=0 if spans else 2 * faces.size,
                       style=TableStyle(table_style(t)))
    drawn.close_split = t.rules == "grid"
    return [CondPageBreak(header_height + BODY_LINES_AFTER_HEADER * line),
            KeepTogether([drawn]) if t.keep_together else drawn]


def render(doc: Doc, path: Path) -> tuple[int, dict[str, tuple[int, int]]]:
    """Write the PDF; returns its page count and each truth key's first and last page."""
    regular, bold = register(doc.font)
    faces = Faces(regular, bold, doc.size)
    left, right, top, bottom = doc.margins
    sizes = {"portrait": A4, "landscape": landscape(A4)}
    digit = digits_as(doc.thai_digits)
    log: dict[str, list[int]] = {}

    def decorate(canvas, template) -> None:  # noqa: ANN001 - reportlab callback
        page_w, page_h = canvas._pagesize
        n = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont(regular, doc.size - 1)
        if doc.page_header == "dash" and n > 1:
            canvas.drawCentredString(page_w / 2, page_h - top + doc.size * 0.6, f"- {digit(n)} -")
        if doc.page_footer == "page":
            canvas.drawRightString(page_w - right, bottom - doc.size * 1.4, f"หน้า {digit(n)}")
        elif doc.page_footer == "number":
            canvas.drawCentredString(page_w / 2, bottom - doc.size * 1.4, digit(n))
        canvas.restoreState()

    templates = []
    for name, size in sizes.items():
        frame = Frame(left, bottom, size[0] - left - right, size[1] - top - bottom, id=name, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id=name, frames=[frame], onPage=decorate, pagesize=size))
    if doc.orientation == "landscape":
        templates.reverse()
    pdf = BaseDocTemplate(str(path), pagesize=sizes[doc.orientation], pageTemplates=templates, invariant=1,
                          title="", author="", subject="", creator="")
    story: list = []
    orientation = doc.orientation
    for block in doc.blocks:
        width = sizes[orientation][0] - left - right
        if isinstance(block, Break):
            if block.orientation and block.orientation != orientation:
                orientation = block.orientation
                story.append(NextPageTemplate(orientation))
            story.append(PageBreak())
        elif isinstance(block, Gap):
            story.append(Spacer(1, doc.size * LEADING * block.lines))
        elif isinstance(block, Para):
            story += paragraph(block, faces, width)
        elif isinstance(block, Table):
            story += table(block, faces, width, log)
    pdf.build(story)
    return pdf.page, {key: (min(pages), max(pages)) for key, pages in log.items()}
