"""Open a PDF and turn each page into characters, text lines and ruling lines.

pdfplumber is the reader. Two things it cannot do alone are handled here:
- classify why a file cannot be read (not a PDF, encrypted, corrupt) into typed errors;
- choose, per page, the text layer to trust: LibreOffice exports carry ActualText that
  pdfplumber mis-reads ("ดำา", "ผ้้"), while pypdfium2 reads it right; other producers
  are the other way round (PUA tone marks that pdfium drops). We count impossible Thai
  sequences in both and keep the better one, with a warning saying which was used.
"""

from __future__ import annotations

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


def _pdfium_chars(pdf_path: Path, index: int, height: float) -> list[Char]:
    """The page's characters as pdfium reads them (ActualText/ToUnicode honoured)."""
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        textpage = doc[index].get_textpage()
        text = textpage.get_text_range()
        chars: list[Char] = []
        for i, ch in enumerate(text):
            if ch in "\r\n\x00\ufffe":
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if right <= left and top <= bottom:
                if ch.isspace():
                    continue
                if chars:  # a mark pdfium gave no box: put it on its base
                    prev = chars[-1]
                    left, right, top, bottom = prev.x1, prev.x1, height - prev.top, height - prev.bottom
            size = max(top - bottom, 1.0) * 0.68  # loose box ≈ ascent+descent ≈ 1.47 em
            chars.append(Char(ch, left, right, height - top, height - bottom, size))
        return chars
    finally:
        doc.close()


def _thai_count(chars: list[Char]) -> int:
    return sum(1 for c in chars if c.text and is_thai_char(c.text[0]))


def choose_text_layer(pdf_path: Path, index: int, height: float, chars: list[Char]) -> tuple[list[Char], str]:
    """Keep pdfplumber's characters unless pdfium's are clearly better formed Thai.

    "Better" means fewer impossible sequences *and* no Thai lost: pdfium drops PUA tone
    marks that pdfplumber keeps (and our repair maps back), so fewer errors alone is not enough.
    """
    plumber_text = "".join(c.text for c in chars)
    plumber_errors = orthography_errors(plumber_text)
    if plumber_errors < 3:
        return chars, "pdfplumber"
    alt = _pdfium_chars(pdf_path, index, height)
    alt_errors = orthography_errors("".join(c.text for c in alt))
    if alt_errors * 2 < plumber_errors and _thai_count(alt) >= 0.9 * _thai_count(chars):
        return alt, "pypdfium2"
    return chars, "pdfplumber"


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
        chars, source = choose_text_layer(path, index, height, chars)
        page = Page(index + 1, float(ppage.width), height, chars, rules, images, source)
        if source != "pdfplumber":
            page.warnings.append(
                ("text_source_pypdfium2", "pdfplumber's text of this page is malformed Thai; used pypdfium2's text layer")
            )
        ppage.close()
        yield page
