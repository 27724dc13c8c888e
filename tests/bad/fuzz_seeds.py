"""Seeds for the fuzz test: small real reports, in two byte layouts worth mutating.

A whole sample takes ~0.5 s to extract, too slow for hundreds of cases; its first pages
up to the end of its first record (title block, table header, a whole row: usually page
1, ~0.1 s) exercise every step. Where that row crosses a page, or a cover memo comes
first, the slice has two or three pages. Each slice comes in two layouts:

- ``packed``: as pypdfium2 saves it, content streams ASCII85+Flate encoded, so byte
  mutations hit the file structure and the decoders;
- ``plain``: the same objects rewritten with content streams and CMaps decoded, so byte
  mutations hit drawing operators, coordinates and text: what the table finder reads.

Nothing here is committed as a binary; the seeds are made from ``samples/*.pdf`` at test time.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bad.make_bad import REPO

SAMPLES = REPO / "samples"
_NAME_SAFE = re.compile(rb"[!-~]")  # printable ASCII; '#' and delimiters are escaped below
_DELIMITERS = b"()<>[]{}/%#"


@dataclass(frozen=True)
class Seed:
    """Bytes to mutate, and the spans inside them where mutations matter most."""

    name: str
    data: bytes
    spans: tuple[tuple[int, int], ...]  # everything but embedded font programs


def first_pages(pdf: Path, count: int) -> bytes:
    """The first ``count`` pages of ``pdf`` as a new PDF."""
    return some_pages(pdf, list(range(count)))


def some_pages(pdf: Path, pages: list[int]) -> bytes:
    """Pages ``pages`` (0-based) of ``pdf`` as a new PDF (pypdfium2 copies the objects they use)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(pdf))
    new = pdfium.PdfDocument.new()
    try:
        new.import_pages(src, [p for p in pages if p < len(src)])
        buf = io.BytesIO()
        new.save(buf)
        return buf.getvalue()
    finally:
        new.close()
        src.close()


# ---------------------------------------------------------------- rewriting with decoded streams


def _name(value: str) -> bytes:
    raw = value.encode("utf-8")
    return b"/" + b"".join(
        bytes([c]) if _NAME_SAFE.match(bytes([c])) and c not in _DELIMITERS else b"#%02X" % c for c in raw
    )


def serialise(obj: object) -> bytes:
    """pdfminer's parsed object back into PDF syntax (enough for the objects reports use)."""
    from pdfminer.pdftypes import PDFObjRef
    from pdfminer.psparser import PSKeyword, PSLiteral

    if isinstance(obj, PDFObjRef):
        return b"%d 0 R" % obj.objid
    if isinstance(obj, dict):
        return b"<<" + b"".join(_name(str(k)) + b" " + serialise(v) + b" " for k, v in obj.items()) + b">>"
    if isinstance(obj, list):
        return b"[" + b" ".join(serialise(v) for v in obj) + b"]"
    if isinstance(obj, PSLiteral):
        return _name(str(obj.name))
    if isinstance(obj, PSKeyword):
        return obj.name if isinstance(obj.name, bytes) else str(obj.name).encode()
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int | float):
        return repr(obj).encode()
    if isinstance(obj, bytes):
        return b"<" + obj.hex().encode() + b">"
    if obj is None:
        return b"null"
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def _is_font_program(attrs: dict) -> bool:
    return any(k in attrs for k in ("Length1", "Length2", "Length3")) or str(attrs.get("Subtype", "")) in (
        "/'Type1C'", "/'CIDFontType0C'", "/'OpenType'",
    )  # fmt: skip


def _objects(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Every object of ``data`` re-serialised, content streams and CMaps decoded, fonts left packed."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream

    doc = PDFDocument(PDFParser(io.BytesIO(data)))
    ids = sorted({i for xref in doc.xrefs for i in xref.get_objids()})
    for objid in ids:
        obj = doc.getobj(objid)
        if not isinstance(obj, PDFStream):
            yield objid, serialise(obj)
            continue
        attrs = dict(obj.attrs)
        if _is_font_program(attrs):
            body = obj.get_rawdata() or b""
        else:
            body = obj.get_data()
            attrs.pop("Filter", None)
            attrs.pop("DecodeParms", None)
        attrs["Length"] = len(body)
        yield objid, serialise(attrs) + b"\nstream\n" + body + b"\nendstream"


def plain(data: bytes) -> bytes:
    """``data`` rewritten with decoded content streams and a fresh cross-reference table."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    trailer = PDFDocument(PDFParser(io.BytesIO(data))).xrefs[0].get_trailer()
    objects = dict(_objects(data))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for objid, body in objects.items():
        offsets[objid] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (objid, body)
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[i] if i in offsets else b"0000000000 65535 f \n" for i in range(size))
    root = serialise(trailer["Root"])
    out += b"trailer\n<< /Size %d /Root %s >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


# ---------------------------------------------------------------- seeds


def font_free_spans(data: bytes) -> tuple[tuple[int, int], ...]:
    """Byte ranges outside embedded font programs (which pdfium parses, not our code)."""
    spans, pos = [], 0
    for match in re.finditer(rb"/Length1\s", data):
        start = data.find(b"stream", match.end())
        end = data.find(b"endstream", start)
        if start < 0 or end < 0:
            break
        spans.append((pos, start + 6))
        pos = end
    spans.append((pos, len(data)))
    return tuple((a, b) for a, b in spans if b > a)


def first_record_pages(pdf: Path) -> tuple[int, int]:
    """The pages (1-based) the sample's first record starts and ends on, from its expected JSON."""
    expected = pdf.with_suffix(".json")
    if not expected.is_file():
        return 1, 1
    records = json.loads(expected.read_text(encoding="utf-8")).get("records") or [{}]
    return int(records[0].get("page_start") or 1), int(records[0].get("page_end") or 1)


MAX_SEED_PAGES = 3  # slices stay small: the FY2567 samples' first record is on page 9


def seed_pages(pdf: Path) -> list[int]:
    """Pages (0-based) of a seed: up to the first record's end, or, when that is far in (the FY2567
    samples' cover and results pages), the cover and the first record's own pages."""
    start, end = first_record_pages(pdf)
    if end <= MAX_SEED_PAGES:
        return list(range(end))
    return [0, *range(start - 1, end)]


def seeds(samples: Path = SAMPLES) -> list[Seed]:
    """Packed and plain slices of every bundled sample."""
    found = []
    for pdf in sorted(samples.glob("*.pdf")):
        packed = some_pages(pdf, seed_pages(pdf))
        for layout, data in (("packed", packed), ("plain", plain(packed))):
            found.append(Seed(f"{pdf.stem}-{layout}", data, font_free_spans(data)))
    return found
