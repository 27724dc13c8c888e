"""The glyph device keeps what pdfminer's own layout objects say of each glyph, number for number.

``GlyphDevice.render_char`` works a glyph's box out itself instead of building an
``LTChar``; these tests hold it to ``LTChar`` on hand-built glyphs (any matrix, font size,
scaling, rise, horizontal or vertical font) and to pdfplumber's ``page.chars`` on whole
pages of real files, including the MediaBox offset and the skipping of rotated text.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.page.device import Codes, GlyphDevice, read_glyphs
from ita_extract.extract.page.pdf import _read_layout
from pdfminer.layout import LTChar
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFResourceManager

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


class HandFont:
    """The five things pdfminer's device asks of a font, set by hand."""

    def __init__(self, vertical: bool, descent: float, width: float, disp: tuple[float | None, float] | float,
                 text: str | None = "ก") -> None:
        self.fontname = "HAND+Garuda"
        self.vertical, self.descent, self.width, self.disp, self.text = vertical, descent, width, disp, text

    def is_vertical(self) -> bool:
        return self.vertical

    def get_descent(self) -> float:
        return self.descent

    def char_width(self, cid: int) -> float:  # noqa: ARG002
        return self.width

    def char_disp(self, cid: int) -> tuple[float | None, float] | float:  # noqa: ARG002
        return self.disp

    def to_unichr(self, cid: int) -> str:
        if self.text is None:
            raise PDFUnicodeNotDefined(None, cid)
        return self.text


coord = st.floats(-3.0, 3.0, allow_nan=False).filter(lambda v: abs(v) > 1e-3 or v == 0)
shift = st.floats(-800.0, 800.0, allow_nan=False)
fonts = st.builds(HandFont, st.booleans(), st.floats(-0.4, 0.0), st.floats(0.1, 1.2),
                  st.one_of(st.tuples(st.one_of(st.none(), st.floats(0, 1000)), st.floats(0, 1000))))


@settings(max_examples=300, deadline=None)
@given(matrix=st.tuples(coord, coord, coord, coord, shift, shift), font=fonts, fontsize=st.floats(1, 40),
       scaling=st.floats(0.5, 2.0), rise=st.floats(-5, 5), height=st.floats(100, 1200),
       offset=st.tuples(shift, shift))
def test_a_glyph_has_the_box_pdfminer_gives_it(matrix, font, fontsize, scaling, rise, height, offset) -> None:
    device = GlyphDevice(PDFResourceManager(), height, offset)
    adv = device.render_char(matrix, font, fontsize, scaling, rise, 7, None, None)
    ref = LTChar(matrix, font, fontsize, scaling, rise, font.text, font.width, font.disp, None, None)
    assert adv == ref.adv
    if not ref.upright:
        assert device.chars == []
        return
    (char,) = device.chars
    dx, dy = offset
    assert (char.text, char.font) == (ref.get_text(), ref.fontname)
    assert (char.x0, char.x1) == (ref.x0 + dx, ref.x1 + dx)
    assert (char.top, char.bottom) == (height - ref.y1 + dy, height - ref.y0 + dy)
    assert char.size == ref.size


class CodedFont(HandFont):
    """A one-byte font whose codes read as letters, with a width per code, some undefined."""

    def __init__(self, descent: float, widths: list[float]) -> None:
        super().__init__(False, descent, 0.5, 0.0)
        self.widths = widths

    def decode(self, data: bytes) -> list[int]:
        return list(data)

    def char_width(self, cid: int) -> float:
        return self.widths[cid % len(self.widths)]

    def to_unichr(self, cid: int) -> str:
        if cid % 7 == 3:
            raise PDFUnicodeNotDefined(None, cid)
        return " " if cid == 32 else chr(0x0E01 + cid % 40)


strings = st.lists(st.one_of(st.binary(min_size=1, max_size=6), st.integers(-400, 400),
                             st.floats(-400, 400, allow_nan=False)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(seq=strings, matrix=st.tuples(coord, coord, coord, coord, shift, shift), fontsize=st.floats(1, 40),
       scaling=st.floats(0.5, 2.0), charspace=st.floats(-2, 5), wordspace=st.floats(-2, 5), rise=st.floats(-5, 5),
       descent=st.floats(-0.4, 0.0), widths=st.lists(st.floats(0.0, 1.2), min_size=1, max_size=5),
       pos=st.tuples(shift, shift))
def test_a_string_is_drawn_as_pdfminers_own_loop_draws_it(seq, matrix, fontsize, scaling, charspace, wordspace, rise,
                                                          descent, widths, pos) -> None:
    """The inlined loop gives the glyphs and the end position of pdfminer's loop calling ``render_char``."""
    font = CodedFont(descent, widths)
    args = (seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise, 0.001 * fontsize * scaling, None, None)
    ours, theirs = GlyphDevice(PDFResourceManager(), 700, (3.0, -2.0)), GlyphDevice(PDFResourceManager(), 700, (3.0, -2.0))
    end = ours.render_string_horizontal(*args)
    assert end == PDFTextDevice.render_string_horizontal(theirs, *args)
    assert ours.chars == theirs.chars



level = st.tuples(coord, st.just(0.0), st.just(0.0), coord, shift, shift)  # neither turned nor sheared


@settings(max_examples=200, deadline=None)
@given(seq=strings, matrix=level, fontsize=st.floats(-40, 40).filter(lambda v: abs(v) > 1e-3),
       scaling=st.floats(0.5, 2.0), charspace=st.floats(-2, 5), wordspace=st.floats(-2, 5), rise=st.floats(-5, 5),
       descent=st.floats(-0.4, 0.0), widths=st.lists(st.floats(-1.2, 1.2), min_size=1, max_size=5),
       pos=st.tuples(shift, shift))
def test_a_level_string_takes_the_short_sums_to_the_same_boxes(seq, matrix, fontsize, scaling, charspace, wordspace,
                                                                rise, descent, widths, pos) -> None:
    """The level case (b = c = 0) works each box out in two sums, not the corners' products: the same
    glyphs as pdfminer's loop, mirrored scales and negative font sizes and widths included."""
    test_a_string_is_drawn_as_pdfminers_own_loop_draws_it.hypothesis.inner_test(
        seq, matrix, fontsize, scaling, charspace, wordspace, rise, descent, widths, pos)

def test_a_glyph_with_no_unicode_reads_as_pdfminer_names_it() -> None:
    device = GlyphDevice(PDFResourceManager(), 800, (0, 0))
    device.render_char((1, 0, 0, 1, 10, 10), HandFont(False, -0.2, 0.5, 0.0, text=None), 12, 1.0, 0, 42, None, None)
    assert [c.text for c in device.chars] == ["(cid:42)"]


def _files() -> list[Path]:
    files = sorted((REPO / "samples").glob("*.pdf"))[:4]
    files += sorted((SHARED / "corpus" / "synthetic").glob("*.pdf"))[:3]  # reportlab and LibreOffice
    files += sorted((SHARED / "corpus" / "real").glob("*.pdf"))[:6]
    return files


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_a_page_reads_the_glyphs_pdfplumber_reads(path: Path) -> None:
    """pdfplumber's ``page.chars`` is the reference: same glyphs, same order, same numbers, with the
    fonts' readings of codes shared by the pages as the pipeline shares them (``read_pages``)."""
    codes: Codes = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:3]:
            chars, _, _ = _read_layout(page, codes)
            assert all(isinstance(font, PDFFont) for font in codes)
            ref = [c for c in page.chars if c["upright"] and c["text"]]
            assert [(c.text, c.x0, c.x1, c.top, c.bottom, c.size, c.font) for c in chars] == \
                   [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], float(c["size"]), c["fontname"]) for c in ref]


def test_a_page_with_no_drawing_reads_empty() -> None:
    """A blank page: no glyph, no rule, no image (the device's tree holds nothing to walk)."""
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.showPage()
    c.save()
    buf.seek(0)
    with pdfplumber.open(buf) as pdf:
        page = pdf.pages[0]
        assert read_glyphs(pdf.rsrcmgr, page.page_obj, float(page.height), (0.0, 0.0)) == ([], [], 0.0)
