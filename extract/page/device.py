"""A pdfminer device that keeps each glyph as the engine's ``Char`` as it is drawn.

Why not pdfplumber's ``page.layout`` (what this replaced): for every glyph it builds an
``LTChar`` (bounding box through four matrix products, a graphic-state reference, a
colour space), tags it with marked content, adds it to a container tree, and then the
engine walked that tree to keep six numbers of it. That was a fifth of reading a page
(issue 20, docs/BENCHMARKS.md). This device is pdfminer's own extension point
(``PDFLayoutAnalyzer.render_char``): the interpreter, fonts, text state and matrices are
pdfminer's; only the glyph's record is ours, with the box worked out exactly as
``LTChar.__init__`` works it out (same operations in the same order, so the same floats).
Paths, images and form XObjects still go through pdfminer's layout objects, which are few.
"""

from __future__ import annotations

import logging

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTContainer, LTCurve, LTImage, LTLayoutContainer, LTRect
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter, PDFResourceManager, PDFTextSeq
from pdfminer.pdfpage import PDFPage
from pdfminer.utils import Matrix, Point

from .page import Char, Rule

log = logging.getLogger("pdfminer.pdfdevice")  # the message pdfminer's own loop logs, under its name

# Each font's reading of each code drawn: (text, width, descent). Keyed by the font object, not its
# id: a font pdfminer does not cache (no object number) dies with its page, and its id may be reused.
Codes = dict[PDFFont, dict[int, tuple[str, float, float]]]


class GlyphDevice(PDFLayoutAnalyzer):
    """Collects upright glyphs as ``Char`` in drawing order, top-down coordinates (pdfplumber's).

    ``height`` and ``offset`` are the page's height and MediaBox origin: pdfplumber's
    conversion ``top = height - y1 + mediabox_top`` and ``x0 + mediabox_x0``.
    """

    def __init__(self, rsrcmgr: PDFResourceManager, height: float, offset: tuple[float, float],
                 codes: Codes | None = None) -> None:
        super().__init__(rsrcmgr, pageno=1, laparams=None)
        self.height, (self.dx, self.dy) = height, offset
        self.chars: list[Char] = []
        self._codes: Codes = {} if codes is None else codes
        self.result: LTLayoutContainer | None = None

    def render_char(self, matrix: Matrix, font: PDFFont, fontsize: float, scaling: float, rise: float, cid: int,
                    ncs: PDFColorSpace, graphicstate: PDFGraphicState) -> float:  # noqa: ARG002 - pdfminer's signature
        """Keep the glyph; return its advance, as pdfminer's device does, for the interpreter to move on.

        pdfminer calls this for vertical text; horizontal strings are drawn by
        ``render_string_horizontal`` below, which writes the horizontal case out inline."""
        text, width, descent = self._code(font, cid)
        adv = width * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            vx, vy = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bx0, by0, bx1, by1 = -vx, vy + rise + adv, -vx + fontsize, vy + rise
        else:
            bx0, by0, bx1, by1 = 0, descent * fontsize + rise, adv, descent * fontsize + rise + fontsize
        a, b, c, d, _, _ = matrix
        if not (a * d * scaling > 0 and b * c <= 0) or not text:
            return adv  # not upright (rotated or mirrored text), or nothing to read: the engine skips it
        x0, x1, y0, y1 = _corners_bounds(matrix, matrix[4], matrix[5], bx0, by0, bx1, by1)
        size = x1 - x0 if vertical else y1 - y0
        self.chars.append(Char(text, x0 + self.dx, x1 + self.dx, self.height - y1 + self.dy,
                               self.height - y0 + self.dy, float(size), font.fontname))
        return adv

    def render_string_horizontal(self, seq: PDFTextSeq, matrix: Matrix, pos: Point, font: PDFFont, fontsize: float,
                                 scaling: float, charspace: float, wordspace: float, rise: float, dxscale: float,
                                 ncs: PDFColorSpace, graphicstate: PDFGraphicState) -> Point:
        """pdfminer's loop over a horizontal string (``PDFTextDevice.render_string_horizontal``), with
        each glyph kept inline (``translate_matrix`` and ``render_char`` written out, the same
        arithmetic) and each font's reading of a code worked out once (per document, where the
        caller passes its ``codes``): nine of ten glyphs of a page repeat a code already drawn,
        and the calls cost more than the sums."""
        x, y = pos
        a, b, c, d, e, f = matrix
        upright = a * d * scaling > 0 and b * c <= 0
        level = b == 0 and c == 0  # neither turned nor sheared: the print of nearly every report
        known = self._codes.setdefault(font, {})
        chars, dx, dy, height, fontname = self.chars, self.dx, self.dy, self.height, font.fontname
        need_space = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                need_space = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if need_space:
                        x += charspace
                    code = known.get(cid)
                    if code is None:
                        code = known[cid] = self._code(font, cid)
                    text, width, descent = code
                    adv = width * fontsize * scaling
                    if upright and text:
                        ex, fy = x * a + y * c + e, x * b + y * d + f  # utils.translate_matrix
                        by0 = descent * fontsize + rise
                        if level:  # the corners' other terms are zeros: two sums each, the same floats
                            x0, x1, y0, y1 = ex, a * adv + ex, d * by0 + fy, d * (by0 + fontsize) + fy
                            x0, x1 = (x0, x1) if x0 <= x1 else (x1, x0)
                            y0, y1 = (y0, y1) if y0 <= y1 else (y1, y0)
                        else:
                            x0, x1, y0, y1 = _corners_bounds(matrix, ex, fy, 0, by0, adv, by0 + fontsize)
                        chars.append(Char(text, x0 + dx, x1 + dx, height - y1 + dy, height - y0 + dy, float(y1 - y0),
                                          fontname))
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    need_space = True
            else:
                log.warning("Cannot render horizontal string because %r is not a valid int, float or bytes.", obj)
        return (x, y)

    def _code(self, font: PDFFont, cid: int) -> tuple[str, float, float]:
        """A code's text, width and the font's descent, as ``render_char`` reads them."""
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        return text, font.char_width(cid), font.get_descent()

    def receive_layout(self, ltpage: LTLayoutContainer) -> None:
        self.result = ltpage


def _corners_bounds(matrix: Matrix, ex: float, fy: float, bx0: float, by0: float, bx1: float,
                    by1: float) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) of the glyph box (bx0, by0)-(bx1, by1) turned by ``matrix`` and moved to (ex, fy):
    ``utils.apply_matrix_rect`` as ``LTChar`` works it out, the four corners in its order."""
    a, b, c, d, _, _ = matrix
    xs = (a * bx0 + c * by0 + ex, a * bx1 + c * by0 + ex, a * bx1 + c * by1 + ex, a * bx0 + c * by1 + ex)
    ys = (b * bx0 + d * by0 + fy, b * bx1 + d * by0 + fy, b * bx1 + d * by1 + fy, b * bx0 + d * by1 + fy)
    return min(xs[0], xs[3], xs[1], xs[2]), max(xs[0], xs[3], xs[1], xs[2]), min(ys), max(ys)


def read_glyphs(rsrcmgr: PDFResourceManager, page: PDFPage, height: float, offset: tuple[float, float],
                codes: Codes | None = None) -> tuple[list[Char], list[Rule], float]:
    """A page's upright glyphs, its ruling lines (unmerged, in drawing order) and its image area.

    ``codes``: the fonts' readings of codes so far, shared by the pages of one document (a
    report's pages draw the same few hundred codes of the same fonts). Exceptions are
    pdfminer's own: the caller names the page.
    """
    device = GlyphDevice(rsrcmgr, height, offset, codes)
    PDFPageInterpreter(rsrcmgr, device).process_page(page)
    rules: list[Rule] = []
    image_area = 0.0
    dx, dy = offset

    def y(v: float) -> float:
        return height - v + dy

    def walk(objs: list) -> None:
        nonlocal image_area
        for obj in objs:
            if isinstance(obj, LTRect):
                x0, y0, x1, y1 = obj.bbox
                rules.extend([Rule("h", y(y1), x0 + dx, x1 + dx), Rule("h", y(y0), x0 + dx, x1 + dx),
                              Rule("v", x0 + dx, y(y1), y(y0)), Rule("v", x1 + dx, y(y1), y(y0))])
            elif isinstance(obj, LTCurve):  # lines and paths: their horizontal and vertical segments
                for (ax, ay), (bx, by) in zip(obj.pts, obj.pts[1:]):
                    if ay == by:
                        rules.append(Rule("h", y(ay), min(ax, bx) + dx, max(ax, bx) + dx))
                    elif ax == bx:
                        rules.append(Rule("v", ax + dx, y(max(ay, by)), y(min(ay, by))))
            elif isinstance(obj, LTImage):
                image_area += obj.width * obj.height
            if isinstance(obj, LTContainer):
                walk(obj._objs)

    if device.result is not None:
        walk(device.result._objs)
    return device.chars, rules, image_area
