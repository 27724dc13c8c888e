"""Per page, the Thai text layer to trust: pdfplumber's glyphs, or pdfium's letters on their boxes.

LibreOffice exports carry ActualText that pdfplumber mis-reads ("ดำา", "ผ้้"), while
pypdfium2 reads it right; other producers are the other way round (PUA tone marks that
pdfium drops). Impossible Thai sequences are counted in both and the better one is kept.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from ..thai.repair import is_thai_char, orthography_errors
from .guard import page_texts
from .page import Char


def _pdfium_text(pdf_path: Path, index: int) -> str:
    """The page's text as pdfium reads it (ActualText and ToUnicode honoured), line breaks dropped."""
    texts = _pdfium_texts(str(pdf_path), pdf_path.stat().st_mtime_ns)
    text = texts[index] if index < len(texts) else ""
    # pdfium marks a hyphen at a line end as U+FFFE; it is the author's hyphen ("E-Service")
    return "".join(ch for ch in text.replace("\ufffe", "-") if ch not in "\r\n\x00")


@functools.lru_cache(maxsize=2)
def _pdfium_texts(path: str, mtime_ns: int) -> tuple[str, ...]:
    """Every page's pdfium text, read in one opening of the file (cached for the file being read)."""
    return page_texts(Path(path))  # under the process-wide pdfium lock, streams checked first


def _single_chars(chars: list[Char]) -> list[Char]:
    """One Char per character: a glyph whose ToUnicode gives several ("ffi", "ํา") shares out its box.

    The alignment below indexes characters and Chars alike; a multi-character glyph
    shifted every later box, or ran off the end of the list (found by fuzzing).
    """
    if all(len(c.text) == 1 for c in chars):
        return chars
    out = []
    for c in chars:
        step = (c.x1 - c.x0) / max(1, len(c.text))
        out.extend(Char(t, c.x0 + k * step, c.x0 + (k + 1) * step, c.top, c.bottom, c.size) for k, t in enumerate(c.text))
    return out


def align_text(chars: list[Char], text: str) -> list[Char]:
    """pdfium's characters placed on pdfplumber's glyph boxes.

    pdfium gets LibreOffice's text right but its boxes for ActualText spans are
    unreliable (a consonant placed after the next word); pdfplumber's boxes are right
    but its text is not. A sequence alignment (difflib, the standard tool for it) keeps
    the best of each: equal runs map one to one, replaced runs share their block's boxes,
    inserted characters sit on the box before them.
    Replacement characters all get the whole replaced block's box.
    """
    chars = _single_chars(chars)
    src = "".join(c.text for c in chars)
    out: list[Char] = []
    for op, i1, i2, j1, j2 in _opcodes(src, text):
        if op == "equal":
            out.extend(chars[i1:i2])
            continue
        if op == "delete":  # glyphs pdfium folded into the previous character: widen it over them
            if out and abs(out[-1].bottom - chars[i2 - 1].bottom) < 1:
                out[-1] = Char(out[-1].text, out[-1].x0, max(out[-1].x1, chars[i2 - 1].x1), out[-1].top, out[-1].bottom, out[-1].size)
            continue
        block = chars[i1:i2]
        for ch in text[j1:j2]:
            if block:  # the replacement covers the whole replaced block: no gap opens inside a word
                x0, x1 = min(c.x0 for c in block), max(c.x1 for c in block)
                out.append(Char(ch, x0, x1, block[0].top, block[0].bottom, block[0].size))
            elif out and not ch.isspace():  # pdfium invents spaces at line ends: not the author's
                prev = out[-1]
                out.append(Char(ch, prev.x1, prev.x1, prev.top, prev.bottom, prev.size))
    return out


def _opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """difflib-style edit blocks turning ``a`` into ``b``, from rapidfuzz's C implementation.

    difflib's SequenceMatcher is the reference, but on a LibreOffice page (thousands of
    characters) it took a fifth of the pipeline's own time; rapidfuzz's Indel alignment is
    a longest-common-subsequence alignment like it, and adjacent deletes and inserts are
    merged into one replaced block, as difflib reports them.
    """
    from rapidfuzz.distance import Indel

    blocks: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(a, b).as_list():
        if blocks and tag != "equal" and blocks[-1][0] != "equal" and blocks[-1][2] == i1 and blocks[-1][4] == j1:
            _, p1, _, q1, _ = blocks.pop()
            i1, j1, tag = p1, q1, "replace"
        blocks.append((tag, i1, i2, j1, j2))
    return [(tag if tag == "equal" or (i2 > i1 and j2 > j1) else ("delete" if i2 > i1 else "insert"), i1, i2, j1, j2)
            for tag, i1, i2, j1, j2 in blocks]


def _thai_count(text: str) -> int:
    return sum(1 for ch in text if is_thai_char(ch))


def choose_text_layer(pdf_path: Path, index: int, chars: list[Char]) -> tuple[list[Char], str]:
    """Keep pdfplumber's characters unless pdfium's are clearly better formed Thai.

    "Better" means fewer impossible sequences *and* no Thai lost: pdfium drops PUA tone
    marks that pdfplumber keeps (and our repair maps back), so fewer errors alone is not enough.
    """
    plumber_text = "".join(c.text for c in chars)
    plumber_errors = orthography_errors(plumber_text)
    if plumber_errors < 3:
        return _letters_corrected(chars, pdf_path, index), "pdfplumber"
    alt_text = _pdfium_text(pdf_path, index)
    alt_errors = orthography_errors(alt_text)
    if alt_errors * 2 < plumber_errors and _thai_count(alt_text) >= 0.9 * _thai_count(plumber_text):
        return align_text(chars, alt_text), "pypdfium2"
    return _letters_corrected(chars, pdf_path, index), "pdfplumber"


def _letters_corrected(chars: list[Char], pdf_path: Path, index: int) -> list[Char]:
    """pdfplumber's glyphs with single Thai letters pdfium reads otherwise put right.

    A font's ToUnicode map that pdfplumber mis-reads gives well-formed but wrong words
    ("ข้อม่ล" for ข้อมูล) that no orthography check catches; where the two readers
    disagree on one letter at one place, pdfium (which honours ActualText) is taken.
    Only such one-for-one swaps are made, so boxes, order and spaces stay pdfplumber's.
    """
    if not any(is_thai_char(c.text) for c in chars):
        return chars
    alt = _pdfium_text(pdf_path, index)
    src = "".join(c.text for c in chars)
    if len(src) != len(chars) or "".join(src.split()) == "".join(alt.split()):
        return chars  # the readers agree (the usual case): no alignment needed
    out: list[Char] = []
    swapped_at = -9  # index in src after a mark pdfium had and pdfplumber did not
    for op, i1, i2, j1, j2 in _opcodes(src, alt):
        theirs, ours = alt[j1:j2], chars[i1:i2]
        thai = all(is_thai_char(ch) for ch in theirs + src[i1:i2])
        if op == "replace" and thai and len(ours) == len(theirs) <= 3:  # letters read otherwise
            out.extend(Char(t, c.x0, c.x1, c.top, c.bottom, c.size) for t, c in zip(theirs, ours))
        elif op == "delete" and thai and ours[0].text == "\u0e32" and len(ours) == 1 and out and out[-1].text == "\u0e33":
            continue  # SARA AA drawn beside a SARA AM that already holds it ("สำา")
        elif op == "insert" and thai and len(theirs) == 1 and out and unicodedata.category(theirs) == "Mn":
            prev = out[-1]  # a mark pdfplumber lost: on its base, no width
            out.append(Char(theirs, prev.x1, prev.x1, prev.top, prev.bottom, prev.size))
            swapped_at = i1
        elif op == "delete" and thai and len(ours) == 1 and ours[0].is_mark and i1 - swapped_at <= 1:
            continue  # the wrong mark pdfplumber read in place of the one just inserted ("ผ้่" → ผู้)
        else:
            out.extend(ours)
    return out
