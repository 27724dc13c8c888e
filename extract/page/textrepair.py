"""Pages with their Thai glyphs put right: what a font or a producer got wrong, fixed once, before any text is read.

Cell text is repaired again later (``thai.repair``, per line), but some damage can only be
seen, or only be fixed, on the glyphs:

- Word 2016/365 and PowerPoint Thai fonts whose ToUnicode maps the SARA AA glyph to SARA AM
  do it wherever they are used ("บริกำร"). One line may not show it (a cell that mixes the
  font with a sound one has more า than ำ); the font's text does. So the verdict is per font,
  from the dictionary, carried from page to page (``FontEvidence``);
- those fonts, and others, draw SARA AM as two glyphs and map its NIKHAHIT half to a space
  of no width ("ท ำ", "น ้า" for น้ำ): a glyph that draws nothing and advances nothing is
  not a typed space, it is NIKHAHIT;
- Word stores some marks after the next letter while drawing them over the letter before
  ("จดั" for จัด): the mark's box says which letter it sits on;
- private-use glyph variants of marks (Acrobat PDFMaker fonts) are marks: mapped here, they
  ride on their letter like any other mark;
- pdfium reads the SARA U/UU of LibreOffice's TLWG Typo and Purisa lines before their letter
  ("จากูผ้" for จากผู้), and the aligned text layer gives the mark the box of the glyph before it,
  at the end of the line above: the mark goes back onto its letter, where words say so;
- a producer that does not shape Thai (reportlab) moves the pen by a mark's own advance, which
  monospaced faces (TlwgMono, TlwgTypo, TlwgTypist) give in full: "ดำเนิ|น" leaves a mark-wide
  gap after every cluster with a mark, read as a typed space ("รายงานการกำกั บติ ดตาม"). Where
  the next glyph starts exactly where the mark's advance ends, the advance is the letter's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..errors import Notice
from ..thai.letters import CONSONANTS, SARA_AA, SARA_AM
from ..thai.pua import map_pua
from ..thai.repair import early_below_vowels
from ..thai.saraam import EVIDENCE_CHARS, am_stays, reads_aa_as_am
from .page import LINE_SHARE_EM, ZERO_WIDTH_EM, Char, Page, is_mark_text, same_line

NIKHAHIT = "\u0e4d"
TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
OVER_LEFT_EDGE = 0.25  # of the letter's width: a mark centred left of this is drawn over the letter before
PEN_MARK = 0.1  # em: a mark advancing the pen by more than this was drawn by a producer that does not shape
PEN_TOUCH = 0.02  # em: a glyph starting within this of where the pen stands starts there
CONTEXT = 16  # Thai characters on each side of a SARA AM weighed by the dictionary
_THAI_RUN = re.compile(f"[{CONSONANTS}\u0e30-\u0e4e]")
_CONSONANT_SET = frozenset(chr(c) for c in range(ord(CONSONANTS[0]), ord(CONSONANTS[-1]) + 1))  # ก … ฮ


@dataclass
class FontEvidence:
    """Per font, the text seen so far, and the fonts found to read SARA AA as SARA AM."""

    texts: dict[str, str] = field(default_factory=dict)
    aa_as_am: frozenset[str] = frozenset()

    def with_page(self, chars: list[Char]) -> FontEvidence:
        """The evidence after one more page's glyphs (a new object; fonts already judged stay judged)."""
        texts = dict(self.texts)
        for font, text in _font_texts(chars).items():
            if len(texts.get(font, "")) < EVIDENCE_CHARS:
                texts[font] = (texts.get(font, "") + " " + text)[:EVIDENCE_CHARS]
        judged = {font for font, text in texts.items() if font not in self.aa_as_am and reads_aa_as_am(text)}
        return FontEvidence(texts, self.aa_as_am | judged)


def _font_texts(chars: list[Char]) -> dict[str, str]:
    """Each font's glyph text in stream order; a SARA AM drawn in two glyphs is left out (it is a real one)."""
    texts: dict[str, list[str]] = {}
    for i, c in enumerate(chars):
        if c.font:
            split = c.text == SARA_AM and _nikhahit_before(chars, i) is not None
            texts.setdefault(c.font, []).append(" " if split else c.text)
    return {font: "".join(parts) for font, parts in texts.items()}


def _is_nikhahit_glyph(c: Char) -> bool:
    """The NIKHAHIT half of a SARA AM drawn in two glyphs: a space glyph of no width, or NIKHAHIT itself."""
    return c.text == NIKHAHIT or (c.text == " " and c.x1 - c.x0 <= ZERO_WIDTH_EM * max(c.size, 1.0))


def _nikhahit_before(chars: list[Char], i: int) -> int | None:
    """Index of the NIKHAHIT glyph of the SARA AA/AM at ``i``, reached back over tone marks ("น ้า")."""
    j = i - 1
    while j >= 0 and chars[j].text in TONES:
        j -= 1
    return j if j >= 0 and _is_nikhahit_glyph(chars[j]) else None


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # where every glyph map_pua maps lies


def repair_pages(pages: Iterable[Page]) -> Iterator[Page]:
    """Each page with its glyphs repaired (see the module doc); what a font shows is carried to later pages.

    The pipeline's step between reading pages and finding tables:
    ``read_document(repair_pages(with_ocr(read_pages(path, pdf), path, ocr)))``.
    """
    evidence = FontEvidence()
    for page in pages:
        evidence = evidence.with_page(page.chars)
        yield repaired_page(page, evidence.aa_as_am)


def repaired_page(page: Page, aa_as_am: frozenset[str] = frozenset()) -> Page:
    """A new page whose glyphs are mapped, SARA AM and SARA AA read as drawn, and marks on their letters."""
    notices = []
    mapped = [c if (t := map_pua(c.text)) == c.text else replace(c, text=t) for c in page.chars] \
        if _PRIVATE_USE.search("".join(c.text for c in page.chars)) else page.chars  # most pages have none
    if mapped != page.chars:
        notices.append(Notice("pua_mapped", "private-use glyphs of the font mapped to Thai marks", page.number))
    restored = _aa_restored(mapped, aa_as_am)
    if restored != mapped:
        fonts = ", ".join(sorted({c.font for c in mapped if c.font in aa_as_am}))
        notices.append(Notice("sara_aa_as_am", f"{fonts} reads SARA AA as SARA AM; restored by dictionary", page.number))
    chars = _split_am_read(restored)
    if page.text_source == "pdfplumber":  # real glyph boxes: pdfium's and OCR's are shared or estimated
        chars = _marks_on_their_letters(chars)
    else:
        chars = _below_vowels_on_their_letters(chars)
    chars = _mark_advances_to_letters(chars)
    if chars != restored:
        notices.append(Notice("mark_order_repaired", "SARA AM drawn in two glyphs joined, or marks put on their letters", page.number))
    if not notices:
        return page
    return replace(page, chars=chars, warnings=[*page.warnings, *notices])


def _aa_restored(chars: list[Char], aa_as_am: frozenset[str]) -> list[Char]:
    """In fonts that read SARA AA as SARA AM, each one-glyph "SARA AM" made SARA AA, unless words say it is real.

    A SARA AM drawn in two glyphs (after a NIKHAHIT glyph) is the real one and stays.
    """
    if not aa_as_am:
        return chars
    guess = [SARA_AA if c.text == SARA_AM and c.font in aa_as_am else c.text for c in chars]
    out = list(chars)
    for i, c in enumerate(chars):
        if c.text != SARA_AM or c.font not in aa_as_am or _nikhahit_before(chars, i) is not None:
            continue
        if not am_stays(_run(guess, i, -1), _run(guess, i, 1)):
            out[i] = replace(c, text=SARA_AA)
    return out


def _run(texts: list[str], i: int, step: int) -> str:
    """Thai characters next to ``i`` on one side (``step`` -1 left, 1 right), up to a space or ``CONTEXT``."""
    found: list[str] = []
    j = i + step
    while 0 <= j < len(texts) and len(found) < CONTEXT and _THAI_RUN.fullmatch(texts[j] or " "):
        found.append(texts[j])
        j += step
    return "".join(reversed(found) if step < 0 else found)


def _split_am_read(chars: list[Char]) -> list[Char]:
    """The NIKHAHIT glyph of a SARA AM drawn in two read as what it draws.

    Before SARA AA (with tone marks between: "น ้า") it is NIKHAHIT, which text repair joins
    with SARA AA into SARA AM (น้ำ); before a SARA AM that already holds one ("ท ำ") it goes.
    """
    out: list[Char] = []
    for i, c in enumerate(chars):
        if c.text != " " and c.text != NIKHAHIT:  # no NIKHAHIT glyph (``_is_nikhahit_glyph``): kept, nothing to look up
            out.append(c)
            continue
        j = i + 1
        while j < len(chars) and chars[j].text in TONES:
            j += 1
        follow = chars[j].text if j < len(chars) else ""
        if c.text == " " and _is_nikhahit_glyph(c) and follow == SARA_AA:
            out.append(replace(c, text=NIKHAHIT))
        elif _is_nikhahit_glyph(c) and follow == SARA_AM:
            continue
        else:
            out.append(c)
    return out


def _marks_on_their_letters(chars: list[Char]) -> list[Char]:
    """Each combining mark moved, in stream order, onto the letter whose box it is drawn over.

    Word stores some marks after the next letter ("จ ด ั" for จัด) while drawing them over
    the letter before; ``clusters`` joins a mark to the letter before it in the stream.
    A mark is moved only when it is drawn clearly left of the letter it follows and over
    the Thai consonant before that one, on the same line.
    """
    out: list[Char] = []
    for c in chars:
        target = _letter_under(out, c) if c.is_mark else None
        if target is None:
            out.append(c)
            continue
        at = target + 1
        while at < len(out) and out[at].is_mark:
            at += 1  # after the marks already on that letter
        out.insert(at, c)
    return out


def _letter_under(out: list[Char], mark: Char) -> int | None:
    """Index in ``out`` of the consonant before the last letter, when ``mark`` is drawn over it."""
    bases = _last_letters(out)
    if len(bases) < 2 or out[bases[0]].text.isspace() or out[bases[1]].text not in _CONSONANT_SET:
        return None
    last, before = out[bases[0]], out[bases[1]]
    centre = (mark.x0 + mark.x1) / 2
    em = max(mark.size, 1.0)
    one_line = abs(last.bottom - before.bottom) < LINE_SHARE_EM * em and abs(mark.bottom - last.bottom) < em
    over_before = before.x0 < centre <= before.x1 + ZERO_WIDTH_EM * em
    left_of_last = centre < last.x0 + OVER_LEFT_EDGE * (last.x1 - last.x0)
    return bases[1] if one_line and over_before and left_of_last else None


def _last_letters(out: list[Char]) -> list[int]:
    """Indices of the last two glyphs of ``out`` that are not marks, last first."""
    found: list[int] = []
    i = len(out) - 1
    while i >= 0 and len(found) < 2:
        if not out[i].is_mark:
            found.append(i)
        i -= 1
    return found


def _mark_advances_to_letters(chars: list[Char]) -> list[Char]:
    """Letters whose marks moved the pen, widened to where the pen went; the marks drawn on them.

    An unshaped producer draws each mark after its letter with the font's advance, and the
    next glyph starts where that advance ends, or later on a justified line ("น" 207.6–217.2,
    "ิ" 217.2–226.8, "น" 226.8): the letter and its marks took that room together. A shaping
    producer draws the mark with no advance, so the next glyph starts back at the letter's
    edge, inside the mark's box. Judged per font over the page, so that a typed space's gap
    after a mark, in a font whose marks do not move the pen, is never taken for its advance.
    """
    found = [(i, j, pen) for i, j, pen in _mark_runs(chars)]
    moved = {font for font in {chars[i].font for i, _, _ in found}
             if _majority([_starts_past(chars[j], pen, chars[i]) for i, j, pen in found if chars[i].font == font])}
    out = list(chars)
    for i, j, pen in found:
        base = chars[i]
        if base.font in moved and _starts_past(chars[j], pen, base):
            out[i] = replace(base, x1=pen)
            for k in range(i + 1, j):  # the marks sit on their letter, as a shaping producer draws them
                out[k] = replace(chars[k], x0=base.x1, x1=base.x1)
    return out


def _mark_runs(chars: list[Char]) -> Iterator[tuple[int, int, float]]:
    """(letter, next glyph after its marks, where the marks' advances end) for letters whose marks advance."""
    marks = [is_mark_text(c.text) for c in chars]  # asked of most glyphs twice: once each
    i, n = 0, len(chars)
    while i < n:
        base, j = chars[i], i + 1
        pen = base.x1
        while j < n and marks[j] and _advances(chars[j], pen, base):
            pen = chars[j].x1
            j += 1
        if pen > base.x1 and j < n and not marks[j] and same_line(chars[j], base):
            yield i, j, pen
        i = max(j, i + 1)


def _advances(mark: Char, pen: float, base: Char) -> bool:
    """The mark starts where the pen stands and has an advance of its own."""
    em = max(base.size, 1.0)
    return mark.x1 - mark.x0 > PEN_MARK * em and abs(mark.x0 - pen) <= PEN_TOUCH * em and same_line(mark, base)


def _starts_past(follow: Char, pen: float, base: Char) -> bool:
    return follow.x0 >= pen - PEN_TOUCH * max(base.size, 1.0)


def _majority(verdicts: list[bool]) -> bool:
    return bool(verdicts) and sum(verdicts) * 2 > len(verdicts)


def _below_vowels_on_their_letters(chars: list[Char]) -> list[Char]:
    """Below vowels read before their letter moved after it, onto its box (``repair.early_below_vowels``).

    Only on text layers whose boxes are estimated: there the mark's box says nothing, and it
    may sit on the line above, in another cell ("ไตรมาสที่ 4ู" above "ผ้รับบริการ").
    """
    if any(len(c.text) != 1 for c in chars):
        return chars
    moves = early_below_vowels("".join(c.text for c in chars))
    out = list(chars)
    for at, letter in reversed(moves):
        base = out[letter]
        mark = replace(out[at], x0=base.x1, x1=base.x1, top=base.top, bottom=base.bottom)
        out = out[:at] + out[at + 1:letter + 1] + [mark] + out[letter + 1:]
    return out
