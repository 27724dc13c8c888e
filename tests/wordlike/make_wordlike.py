#!/usr/bin/env python3
"""A one-page PDF whose Thai text layer is laid out the way Word 2016/365 lays it out, damage included.

    python tests/wordlike/make_wordlike.py [OUT.pdf]    # default: tests/wordlike/wordlike.pdf

Each line is drawn glyph by glyph (as Word positions every glyph), from the lines in
``LINES`` (text, how it is drawn). The expected text of each line is its text: written
here, never by the extractor. Kinds of drawing, each measured on a real report:

- ``spread``: a justified line, every cluster's advance widened in proportion to its
  width (Word 2016, corpus hangdong local-strategy: about 1.55×); typed spaces are drawn;
- ``tracked``: a justified line with the same gap after every cluster (character spacing);
- ``displaced``: MAI HAN-AKAT and SARA I stored after the next letter, drawn over their own;
- ``broken``: the font's ToUnicode maps the SARA AA glyph to SARA AM and NIKHAHIT to a
  space, and SARA AM is drawn as NIKHAHIT + SARA AA (hangdong Word 2016 declaration:
  "ค ำกล่ำว"); the first word of such a line is in a sound font.

Needs reportlab and Debian's fonts-thai-tlwg (Laksaman, Garuda). Byte-stable (invariant=1);
the ToUnicode edit keeps every byte offset, so the cross-reference table stays valid.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
SOUND, BROKEN = "Laksaman", "Garuda"
SIZE = 16.0
LEFT, TOP, LEADING = 60.0, 760.0, 30.0
SPREAD = 1.55  # Word's widened advance over the glyph's own (hangdong local-strategy, Word 2016)
TRACK = 0.3  # em after every cluster (syn06's justified lines)
NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"

LINES: list[tuple[str, str]] = [
    ("เจ้าหน้าที่ของหน่วยงาน ปฏิบัติงาน", "spread"),
    ("ท้องถิ่นอย่างเป็นรูปธรรม", "spread"),
    ("ผู้ประกอบการ SMEs ให้มีขีดความสามารถ", "spread"),
    ("แก่บุคคลภายนอกหรือภาคเอกชน เพื่อสร้างความสัมพันธ์", "tracked"),
    ("ตรวจสอบได้", "tracked"),
    ("จัดทำบัตรคิวตามหลักเกณฑ์", "displaced"),
    ("การบริการประชาชน จัดทำคู่มือการปฏิบัติงาน", "broken"),
    ("ผู้บริหารมีการติดตามผลการดำเนินงาน", "broken"),
]


def clusters(text: str) -> list[str]:
    """A base character with the combining marks after it."""
    out: list[str] = []
    for ch in text:
        if unicodedata.category(ch) == "Mn" and out:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def glyph(c: canvas.Canvas, font: str, ch: str, x: float, y: float) -> None:
    """One glyph at one position, as Word writes every glyph of a justified line."""
    text = c.beginText(x, y)
    text.setFont(font, SIZE)
    text.textOut(ch)
    c.drawText(text)


def width(font: str, ch: str) -> float:
    return pdfmetrics.stringWidth(ch, font, SIZE)


def draw_spread(c: canvas.Canvas, text: str, y: float, extra_ratio: float, extra_em: float) -> None:
    """Each cluster drawn at its place: base, then its marks at the base's right edge."""
    x = LEFT
    for cl in clusters(text):
        base, marks = cl[0], cl[1:]
        glyph(c, SOUND, base, x, y)
        w = width(SOUND, base)
        for mark in marks:
            glyph(c, SOUND, mark, x + w, y)
        thai = "\u0e01" <= base <= "\u0e5b" or base == " "
        x += w + (extra_ratio * w if thai else 0.0) + (extra_em * SIZE if thai else 0.0)


def draw_displaced(c: canvas.Canvas, text: str, y: float) -> None:
    """MAI HAN-AKAT and SARA I stored after the next letter, drawn over their own letter."""
    parts = clusters(text)
    x, held = LEFT, None
    for cl in parts:
        base, marks = cl[0], cl[1:]
        glyph(c, SOUND, base, x, y)
        w = width(SOUND, base)
        if held is not None:
            glyph(c, SOUND, held[0], held[1], y)  # the previous letter's mark, stored late
            held = None
        late = [m for m in marks if m in "\u0e31\u0e34"]
        for mark in marks:
            if mark not in late:
                glyph(c, SOUND, mark, x + w, y)
        if late:
            held = ("".join(late), x + w)
        x += w
    if held is not None:
        glyph(c, SOUND, held[0], held[1], y)


def draw_broken(c: canvas.Canvas, text: str, y: float) -> None:
    """The first word in the sound font, the rest in the font whose ToUnicode is edited below."""
    first, _, rest = text.partition(" ")
    head, tail = first[:3], first[3:] + " " + rest
    x = LEFT
    for font, part in ((SOUND, head), (BROKEN, tail)):
        part = part.replace(SARA_AM, NIKHAHIT + SARA_AA) if font == BROKEN else part
        for cl in clusters(part):
            glyph(c, font, cl[0], x, y)
            w = width(font, cl[0])
            for mark in cl[1:]:
                glyph(c, font, mark, x + w, y)
            x += w


def break_to_unicode(pdf: bytes) -> bytes:
    """In the BROKEN font's ToUnicode map, SARA AA reads as SARA AM and NIKHAHIT as a space.

    reportlab writes one uncompressed ``beginbfchar`` map per font subset; the edit keeps
    every length (four hex digits for four), so no offset moves.
    """
    maps = pdf.split(b"beginbfchar")
    assert len(maps) == 3, "expected one ToUnicode map per font"
    broken = maps[2]  # the second font used: BROKEN
    broken = broken.replace(b"<0E32>", b"<0E33>").replace(b"<0E4D>", b"<0020>")
    return b"beginbfchar".join([maps[0], maps[1], broken])


def make(out: Path) -> None:
    pdfmetrics.registerFont(TTFont(SOUND, str(FONT_DIR / f"{SOUND}.ttf")))
    pdfmetrics.registerFont(TTFont(BROKEN, str(FONT_DIR / f"{BROKEN}.ttf")))
    c = canvas.Canvas(str(out), pageCompression=0, invariant=1)
    for k, (text, kind) in enumerate(LINES):
        y = TOP - k * LEADING
        if kind == "spread":
            draw_spread(c, text, y, SPREAD - 1.0, 0.0)
        elif kind == "tracked":
            draw_spread(c, text, y, 0.0, TRACK)
        elif kind == "displaced":
            draw_displaced(c, text, y)
        else:
            draw_broken(c, text, y)
    c.save()
    out.write_bytes(break_to_unicode(out.read_bytes()))


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "wordlike.pdf")
