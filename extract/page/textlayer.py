"""Per page, the Thai text layer to trust: pdfplumber's glyphs, or pdfium's letters on their boxes.

LibreOffice exports carry ActualText that pdfplumber mis-reads ("ดำา", "ผ้้"), while
pypdfium2 reads it right; other producers are the other way round (PUA tone marks that
pdfium drops). Impossible Thai sequences are counted in both and the better one is kept.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..thai.letters import is_thai_char
from ..thai.repair import orthography_errors
from .guard import page_texts
from .page import ZERO_WIDTH_EM, Char, same_line

MOVED_RUN_MAX = 64  # characters: a cell pdfium reads elsewhere (a merged cell's score) is short; longer inserts are text


def _pdfium_text(pdf_path: Path, index: int) -> str:
    """The page's text as pdfium reads it (ActualText and ToUnicode honoured), line breaks dropped."""
    texts = _pdfium_texts(str(pdf_path), pdf_path.stat().st_mtime_ns)
    text = texts[index] if index < len(texts) else ""
    # pdfium marks a hyphen at a line end as U+FFFE; it is the author's hyphen ("E-Service")
    return text.replace("\ufffe", "-").translate(_LINE_BREAKS)


_LINE_BREAKS = str.maketrans("", "", "\r\n\x00")  # dropped from pdfium's text (a page is read as one line)


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
        out.extend(replace(c, text=t, x0=c.x0 + k * step, x1=c.x0 + (k + 1) * step) for k, t in enumerate(c.text))
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
    opcodes = _opcodes(src, text)
    moved = _moved_runs(opcodes, src, text)
    moved_spans = set(moved.values())
    marks = _misread_marks(opcodes, chars, text)
    skip = 0  # characters of the next equal run already placed by a moved run's slide
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            out.extend(chars[i1 + skip : i2])
            skip = 0
            continue
        if op == "delete" and i1 in marks:  # a mark the font's map misread: pdfium's reading, on our glyph's box
            out.append(replace(chars[i1], text=marks[i1]))
            continue
        if op == "insert" and -j1 - 1 in marks:
            continue  # that mark, where pdfium put it
        slide = _slide(src, text, i1, j1, j2, moved) if op == "insert" else None
        if slide is not None:  # a run pdfium reads elsewhere: it keeps its own boxes
            out.extend(chars[i1 : i1 + slide])
            start, end = moved.pop(text[j1 + slide : j2 + slide].strip())
            out.extend(c for c in chars[start:end] if not c.text.isspace())
            skip = slide
            continue
        if (i1, i2) in moved_spans:
            continue  # placed where pdfium reads it
        _place(out, chars, i1, i2, text[j1:j2], op)
    return out


def _place(out: list[Char], chars: list[Char], i1: int, i2: int, theirs: str, op: str) -> None:
    """Append pdfium's reading ``theirs`` of our glyphs ``chars[i1:i2]`` (replaced, inserted or deleted) to ``out``."""
    block = chars[i1:i2]
    if block and not any(c.text.isspace() for c in block):
        theirs = "".join(theirs.split())  # pdfium's word-break spaces over glyphs ("นำ ขั้น" over นำาขั้น)
    if op == "delete" or (block and not theirs):  # glyphs pdfium folded into the previous character
        if out and abs(out[-1].bottom - chars[i2 - 1].bottom) < 1:
            out[-1] = replace(out[-1], x1=max(out[-1].x1, chars[i2 - 1].x1))
        return
    for ch in theirs:
        if block:  # the replacement covers the whole replaced block: no gap opens inside a word
            x0, x1 = min(c.x0 for c in block), max(c.x1 for c in block)
            out.append(replace(block[0], text=ch, x0=x0, x1=x1))
        elif out and not ch.isspace():  # pdfium invents spaces at line ends: not the author's
            prev = out[-1]
            out.append(replace(prev, text=ch, x0=prev.x1))


def _misread_marks(opcodes: list[tuple[str, int, int, int, int]], chars: list[Char], text: str) -> dict[int, str]:
    """Glyphs of no width read as punctuation that pdfium has not, each paired with a lone mark it adds later.

    LibreOffice's subset fonts map some positioned variants of the tone marks (drawn lower,
    over a letter with an upper vowel: "ขั้น") to a neighbouring glyph's code: ".", ",", "-", "%"
    of no width ("ขั.นตอน"). pdfium reads the mark but, ordering by position, puts it at the
    line's end ("ขันตอนและ ้"). No producer draws a full stop that advances nothing, so the glyph
    is the mark: pdfium's character on our box. Keys: the glyph's index in ``chars``, and
    ``-j1 - 1`` for the insert (at ``j1`` in pdfium's text) the mark came from.
    """
    out: dict[int, str] = {}
    pending: list[int] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "delete" and i2 - i1 == 1 and _no_width_punctuation(chars[i1]):
            pending.append(i1)
        elif op == "insert" and len(lone := text[j1:j2].strip()) == 1 and unicodedata.category(lone) == "Mn":
            pending = [i for i in pending if i1 > 0 and same_line(chars[i1 - 1], chars[i])]
            if pending:
                out[pending.pop(0)], out[-j1 - 1] = lone, lone
    return out


def _no_width_punctuation(c: Char) -> bool:
    """A glyph of no width that reads as punctuation or a symbol: a mark whatever its map says.

    Not a mark read as another ("นูอย" for น้อย): pairing those with pdfium's marks moved the
    marks pdfium only reorders (nine LibreOffice documents of the long run: 5 cells right, 11 wrong).
    """
    return len(c.text) == 1 and unicodedata.category(c.text)[0] in "PS" and c.x1 - c.x0 < ZERO_WIDTH_EM * max(c.size, 1.0)


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


def _moved_runs(opcodes: list[tuple[str, int, int, int, int]], src: str, text: str) -> dict[str, tuple[int, int]]:
    """Runs the two readers put in different places: deleted at one spot, inserted as the same text at another.

    pdfium reads line by line, pdfplumber in content-stream order; a LibreOffice table draws
    a vertically merged cell ("90.63", a tool score centred over three rows) after the rows
    it spans, so the alignment sees it deleted there and inserted after another row's
    "93.13". Without this the inserted copy got zero-width boxes on that row ("93.1390.63").
    """
    deleted = {  # a run gone here, maybe with a space pdfium invents at the line end in its place
        src[i1:i2].strip(): (i1, i2)
        for op, i1, i2, j1, j2 in opcodes
        if op in ("delete", "replace") and not text[j1:j2].strip() and len(src[i1:i2].strip()) >= 2
    }
    inserted = {
        text[j1 + d : j2 + d].strip()
        for op, _, _, j1, j2 in opcodes
        if op == "insert" and j2 - j1 <= MOVED_RUN_MAX
        for d in range(j2 - j1)
    }
    return {run: span for run, span in deleted.items() if run in inserted}


def _slide(src: str, text: str, i1: int, j1: int, j2: int, moved: dict[str, tuple[int, int]]) -> int | None:
    """How far an insert slides right to be a moved run: an alignment may cut "93.13 90.63" as "93.1|3 90.6|3"."""
    for d in range(min(j2 - j1, MOVED_RUN_MAX)):
        if text[j1 : j1 + d] == src[i1 : i1 + d] and text[j1 + d : j2 + d].strip() in moved:
            return d
    return None


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
        return _letters_corrected(chars, pdf_path, index, plumber_text), "pdfplumber"
    alt_text = _pdfium_text(pdf_path, index)
    alt_errors = orthography_errors(alt_text)
    if alt_errors * 2 < plumber_errors and _thai_count(alt_text) >= 0.9 * _thai_count(plumber_text):
        return align_text(chars, alt_text), "pypdfium2"
    return _letters_corrected(chars, pdf_path, index, plumber_text), "pdfplumber"


def _letters_corrected(chars: list[Char], pdf_path: Path, index: int, src: str | None = None) -> list[Char]:
    """pdfplumber's glyphs with single Thai letters pdfium reads otherwise put right.

    A font's ToUnicode map that pdfplumber mis-reads gives well-formed but wrong words
    ("ข้อม่ล" for ข้อมูล) that no orthography check catches; where the two readers
    disagree on one letter at one place, pdfium (which honours ActualText) is taken.
    Only such one-for-one swaps are made, so boxes, order and spaces stay pdfplumber's.
    """
    if not any(is_thai_char(c.text) for c in chars):
        return chars
    alt = _pdfium_text(pdf_path, index)
    src = "".join(c.text for c in chars) if src is None else src  # ``src``: the glyphs' text, when the caller has it
    if len(src) != len(chars) or "".join(src.split()) == "".join(alt.split()):
        return chars  # the readers agree (the usual case): no alignment needed
    if orthography_errors(alt) > orthography_errors(src):
        return chars  # pdfium reads this page worse (marks out of place by position: Word 2016): no swaps
    out: list[Char] = []
    swapped_at = -9  # index in src after a mark pdfium had and pdfplumber did not
    for op, i1, i2, j1, j2 in _opcodes(src, alt):
        theirs, ours = alt[j1:j2], chars[i1:i2]
        thai = all(is_thai_char(ch) for ch in theirs + src[i1:i2])
        if op == "replace" and thai and len(ours) == len(theirs) <= 3 and _same_kinds(theirs, ours):
            out.extend(replace(c, text=t) for t, c in zip(theirs, ours))  # letters read otherwise
        elif op == "delete" and thai and ours[0].text == "\u0e32" and len(ours) == 1 and out and out[-1].text == "\u0e33":
            # SARA AA drawn beside a SARA AM that already holds it ("สำา"): the SARA AM takes its box, or the
            # width it drew would read as a gap, a typed space ("กำ หนด")
            out[-1] = replace(out[-1], x1=max(out[-1].x1, ours[0].x1))
        elif op == "insert" and thai and len(theirs) == 1 and out and _lost_mark(theirs, src, alt):
            prev = out[-1]  # a mark pdfplumber lost: on its base, no width
            out.append(replace(prev, text=theirs, x0=prev.x1))
            swapped_at = i1
        elif op == "delete" and thai and len(ours) == 1 and ours[0].is_mark and i1 - swapped_at <= 1:
            continue  # the wrong mark pdfplumber read in place of the one just inserted ("ผ้่" → ผู้)
        else:
            out.extend(ours)
    return out


def _same_kinds(theirs: str, ours: list[Char]) -> bool:
    """Each swap keeps a mark a mark and a letter a letter: a glyph's shape does not change with its reading.

    pdfium orders a line's characters by position, so where Word stores a mark after the
    next letter it reads "ทม่ีปี" for ที่มีป; aligned one for one, that would turn the
    zero-width SARA II into a MO MA (hangdong local-strategy, Word 2016, page 44).
    """
    return all((unicodedata.category(t) == "Mn") == c.is_mark for t, c in zip(theirs, ours))


def _lost_mark(mark: str, src: str, alt: str) -> bool:
    """pdfium has a mark pdfplumber lost: a combining mark, and more of them on pdfium's page than on ours.

    When pdfium has no more of that mark than pdfplumber, the "missing" one is only read
    in another place (pdfium's order by position), and inserting it would double it.
    """
    return unicodedata.category(mark) == "Mn" and alt.count(mark) > src.count(mark)
