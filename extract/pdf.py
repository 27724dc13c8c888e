"""Open a PDF and turn each page into characters, text lines and ruling lines.

pdfplumber is the reader. Two things it cannot do alone are handled here:
- classify why a file cannot be read (not a PDF, encrypted, corrupt) into typed errors;
- choose, per page, the text layer to trust: LibreOffice exports carry ActualText that
  pdfplumber mis-reads ("ดำา", "ผ้้"), while pypdfium2 reads it right; other producers
  are the other way round (PUA tone marks that pdfium drops). We count impossible Thai
  sequences in both and keep the better one, with a warning saying which was used.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from .errors import CorruptPDFError, EmptyFileError, EncryptedPDFError, ExtractError, NotAPDFError
from .thai import is_thai_char, orthography_errors

RULE_MERGE_TOL = 2.0  # points: parallel edges closer than this are one rule (thin rects)


@dataclass(slots=True)
class Char:
    """One glyph with its box in top-down page coordinates (pdfplumber's convention)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def is_mark(self) -> bool:
        """Combining marks ride on the previous base character."""
        return len(self.text) == 1 and unicodedata.category(self.text) in ("Mn", "Me")

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Rule:
    """A horizontal (y fixed) or vertical (x fixed) ruling line."""

    orientation: str  # "h" or "v"
    pos: float
    start: float
    end: float


@dataclass
class Page:
    """What later steps need of one page; nothing here is Thai-aware beyond the text layer choice."""

    number: int
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]
    image_area: float = 0.0
    text_source: str = "pdfplumber"
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def hrules(self) -> list[Rule]:
        return [r for r in self.rules if r.orientation == "h"]

    def vrules(self) -> list[Rule]:
        return [r for r in self.rules if r.orientation == "v"]

    @property
    def has_text(self) -> bool:
        return any(not c.text.isspace() for c in self.chars)


def sniff(path: Path) -> None:
    """Reject what is plainly not a PDF before the parser sees it, with a reason a user understands."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError as err:
        raise ExtractError("file not found", file=str(path)) from err
    except OSError as err:
        raise ExtractError(f"cannot read file: {err.strerror}", file=str(path)) from err
    if not head:
        raise EmptyFileError("file is empty (0 bytes)", file=str(path))
    if b"%PDF-" not in head:
        kind = "an HTML page" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "not a PDF"
        raise NotAPDFError(f"file is {kind} (no %PDF- header)", file=str(path))


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open with pdfplumber, turning parser failures into typed, one-line errors."""
    sniff(path)
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to be read
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise EncryptedPDFError("PDF is encrypted and cannot be opened", file=str(path)) from err
    except (PDFSyntaxError, PSException) as err:
        raise CorruptPDFError(f"PDF structure unreadable ({type(err).__name__})", file=str(path)) from err
    except RecursionError as err:
        raise CorruptPDFError("PDF object references nest too deeply", file=str(path)) from err
    except Exception as err:  # pdfminer raises bare Exceptions/TypeErrors on damaged files
        if "encrypt" in str(err).lower() or "password" in str(err).lower():
            raise EncryptedPDFError("PDF is encrypted and cannot be opened", file=str(path)) from err
        raise CorruptPDFError(f"PDF unreadable: {type(err).__name__}: {err}", file=str(path)) from err
    return pdf


def _plumber_chars(page: pdfplumber.page.Page) -> list[Char]:
    return [
        Char(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), float(c["size"]))
        for c in page.chars
        if c.get("upright", True) and c["text"]
    ]


def _pdfium_text(pdf_path: Path, index: int) -> str:
    """The page's text as pdfium reads it (ActualText and ToUnicode honoured), line breaks dropped."""
    texts = _pdfium_texts(str(pdf_path), pdf_path.stat().st_mtime_ns)
    text = texts[index] if index < len(texts) else ""
    # pdfium marks a hyphen at a line end as U+FFFE; it is the author's hyphen ("E-Service")
    return "".join(ch for ch in text.replace("\ufffe", "-") if ch not in "\r\n\x00")


@functools.lru_cache(maxsize=2)
def _pdfium_texts(path: str, mtime_ns: int) -> tuple[str, ...]:
    """Every page's pdfium text, read in one opening of the file (cached for the file being read)."""
    doc = pdfium.PdfDocument(path)
    try:
        return tuple(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def align_text(chars: list[Char], text: str) -> list[Char]:
    """pdfium's characters placed on pdfplumber's glyph boxes.

    pdfium gets LibreOffice's text right but its boxes for ActualText spans are
    unreliable (a consonant placed after the next word); pdfplumber's boxes are right
    but its text is not. A sequence alignment (difflib, the standard tool for it) keeps
    the best of each: equal runs map one to one, replaced runs share their block's boxes,
    inserted characters sit on the box before them.
    Replacement characters all get the whole replaced block's box.
    """
    from difflib import SequenceMatcher

    src = "".join(c.text for c in chars)
    out: list[Char] = []
    matcher = SequenceMatcher(None, src, text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
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
    from difflib import SequenceMatcher

    alt = _pdfium_text(pdf_path, index)
    src = "".join(c.text for c in chars)
    if len(src) != len(chars) or "".join(src.split()) == "".join(alt.split()):
        return chars  # the readers agree (the usual case): no alignment needed
    out: list[Char] = []
    swapped_at = -9  # index in src after a mark pdfium had and pdfplumber did not
    for op, i1, i2, j1, j2 in SequenceMatcher(None, src, alt, autojunk=False).get_opcodes():
        theirs, ours = alt[j1:j2], chars[i1:i2]
        thai = all(is_thai_char(ch) for ch in theirs + src[i1:i2])
        if op == "replace" and thai and len(ours) == len(theirs) <= 3:  # letters read otherwise
            out.extend(Char(t, c.x0, c.x1, c.top, c.bottom, c.size) for t, c in zip(theirs, ours))
        elif op == "delete" and thai and len(ours) == 1 and out and ours[0].is_mark is False and src[i1] == "\u0e32":
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


def _merge_rules(rules: list[Rule]) -> list[Rule]:
    """Join collinear pieces and the twin edges of thin rectangles into single rules."""
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: (r.orientation, round(r.pos), r.start)):
        last = out[-1] if out else None
        if (
            last is not None
            and last.orientation == r.orientation
            and abs(last.pos - r.pos) <= RULE_MERGE_TOL
            and r.start <= last.end + RULE_MERGE_TOL
        ):
            last.end = max(last.end, r.end)
            continue
        out.append(Rule(r.orientation, r.pos, r.start, r.end))
    return out


def _page_rules(page: pdfplumber.page.Page) -> list[Rule]:
    rules: list[Rule] = []
    for e in page.edges:
        if e["orientation"] == "h":
            rules.append(Rule("h", float(e["top"]), float(e["x0"]), float(e["x1"])))
        elif e["orientation"] == "v":
            rules.append(Rule("v", float(e["x0"]), float(e["top"]), float(e["bottom"])))
    return _merge_rules([r for r in rules if r.end - r.start >= 5])


def read_pages(path: Path, pdf: pdfplumber.PDF) -> Iterator[Page]:
    """Yield each page's characters and rules, releasing pdfplumber's caches as we go."""
    for index, ppage in enumerate(pdf.pages):
        try:
            chars = _plumber_chars(ppage)
            rules = _page_rules(ppage)
            images = sum(float(im["width"]) * float(im["height"]) for im in ppage.images)
        except RecursionError as err:
            raise CorruptPDFError("page objects nest too deeply", file=str(path), page=index + 1) from err
        except Exception as err:  # damaged content streams surface as anything
            raise CorruptPDFError(f"page unreadable: {type(err).__name__}: {err}", file=str(path), page=index + 1) from err
        height = float(ppage.height)
        chars, source = choose_text_layer(path, index, chars)
        page = Page(index + 1, float(ppage.width), height, chars, rules, images, source)
        if source != "pdfplumber":
            page.warnings.append(
                ("text_source_pypdfium2", "pdfplumber's text of this page is malformed Thai; used pypdfium2's text layer")
            )
        ppage.close()
        yield page
