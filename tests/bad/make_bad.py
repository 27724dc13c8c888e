"""Build the hostile-input corpus: every kind of broken file a crawler of agency sites brings home.

Nothing here is committed as a binary. The files are made at test time (``tests/test_bad.py``
builds them once per session into a temp folder) or by hand::

    python tests/bad/make_bad.py OUT_DIR

Most files are written byte by byte with :func:`raw_pdf`, so each one breaks exactly the
structure it is meant to break and no library tidies it up on the way out; reportlab
(a dev dependency) makes the ones that need a real page (encryption, an image-only scan,
a text document that is not an ITA report). The truncated files cut a bundled sample.
The third-party scan with a junk OCR layer is copied from ``../shared`` when present and
never committed.

``CASES`` maps each file name to what it must give: an error code from
``extract/errors.py``, or ``"report"`` (a valid report, however empty).
"""

from __future__ import annotations

import io
import random
import shutil
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "sample03.pdf"  # the smallest bundled sample (5 pages)
JUNK_OCR_SCANS = (  # scans whose text layer is OCR garbage; third-party, so only copied when present
    REPO.parent / "shared" / "corpus" / "real" / "ktltc_o20-1_scanned-with-garbage-ocr-layer.pdf",
    REPO.parent / "shared" / "corpus" / "real" / "hangdong_prspend_scanned-canon.pdf",
)
GIB = 1 << 30
BLANK_PAGES = 2000


# ---------------------------------------------------------------- a PDF writer that hides nothing


def raw_pdf(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF made of ``objects`` (object ``i + 1`` is ``objects[i]``) with a correct xref table.

    Writing the bytes ourselves is the point: a PDF library would refuse, or repair, the
    cycles and bombs these files exist to carry.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object body with the right /Length."""
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


HELLO = b"BT /F1 14 Tf 72 770 Td (Minutes of the sports committee) Tj ET"
FONT = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"


def one_page(extra: bytes = b"", resources: bytes = b"") -> list[bytes]:
    """Catalog, page tree, one A4 page and its text (objects 1–4); ``extra`` goes into the page dict.

    The page says something, so a file that survives its attack gives a report (with a
    ``no_table`` warning) rather than looking like a scan.
    """
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << %s %s >> %s>>"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page % (FONT, resources, extra),
        stream(HELLO),
    ]


# ---------------------------------------------------------------- the structural attacks


def zeros_deflate(total: int, chunk: int = 1 << 24, fill: int = 0) -> bytes:
    """A valid zlib stream of ``total`` bytes ``fill`` (zeros by default), made without compressing them all.

    After a full flush the compressor forgets its history, so every further chunk
    compresses to the same bytes; the stream is the first chunk, copies of the second, an
    empty final block, and the Adler-32 of ``total`` equal bytes (a = 1 + total·fill,
    b = total + fill·total·(total + 1)/2, both mod 65521). ``total`` is a multiple of ``chunk``.
    """
    comp = zlib.compressobj(9)
    block = bytes([fill]) * chunk
    first = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    a = (1 + total * fill) % 65521
    b = (total + fill * total * (total + 1) // 2) % 65521
    return first + again * (total // chunk - 1) + b"\x03\x00" + ((b << 16) | a).to_bytes(4, "big")


def bomb() -> bytes:
    """A ~4 KB file whose one content stream inflates to 4 GiB (deflated twice)."""
    data = zlib.compress(zeros_deflate(4 * GIB), 9)
    objects = one_page()
    objects[3] = stream(data, b"/Filter [/FlateDecode /FlateDecode] ")
    return raw_pdf(objects)


def _xref_stream_pdf(objects: list[bytes], xref_data: bytes, xref_filter: bytes, compressed: dict[int, tuple[int, int]]) -> bytes:
    """A PDF 1.5 file whose only cross-reference is a stream (object ``len(objects) + 1``).

    ``compressed`` maps object numbers held in an object stream to (stream object, index);
    ``xref_data`` replaces the real table when given (the bomb cases).
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in enumerate(objects, 1):
        if body:
            offsets[number] = len(out)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    size = len(objects) + 2
    xref_number = len(objects) + 1
    offsets[xref_number] = len(out)
    table = bytearray(b"\x00\x00\x00\x00\xff\xff")
    for number in range(1, size):
        if number in compressed:
            table += b"\x02" + compressed[number][0].to_bytes(4, "big") + compressed[number][1].to_bytes(1, "big")
        else:
            table += b"\x01" + offsets.get(number, 0).to_bytes(4, "big") + b"\x00"
    data = xref_data or zlib.compress(bytes(table))
    head = b"/Type /XRef /Size %d /W [1 4 1] /Root 1 0 R %s" % (size, xref_filter or b"/Filter /FlateDecode ")
    out += b"%d 0 obj\n%s\nendobj\n" % (xref_number, stream(data, head))
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def xref_stream_bomb() -> bytes:
    """A ~4 KB file whose cross-reference stream inflates to 4 GiB: read before any page."""
    return _xref_stream_pdf(one_page(), zlib.compress(zeros_deflate(4 * GIB), 9),
                            b"/Filter [/FlateDecode /FlateDecode] ", {})


def object_stream_bomb() -> bytes:
    """A ~4 KB file whose page tree sits in an object stream that inflates to 4 GiB."""
    objects = one_page()
    data = zlib.compress(zeros_deflate(4 * GIB), 9)
    objstm = stream(data, b"/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode] ")
    objects[1] = b""  # the page tree lives in the object stream (object 5) as its first object
    return _xref_stream_pdf([*objects, objstm], b"", b"", {2: (5, 0)})


def inline_image_bomb() -> bytes:
    """A readable page whose content holds an inline image that inflates to 4 GiB (~4 MB file).

    The image says it is 1000 × 1000 pixels; pdfium inflates its data to find where it
    ends, and aborts on the 4 GiB (for a 65536-pixel square it refuses at once instead).
    """
    image = b"q 100 0 0 100 72 600 cm BI /W 1000 /H 1000 /CS /G /BPC 8 /F /Fl ID " + zeros_deflate(4 * GIB) + b"\nEI Q"
    objects = one_page()
    objects[3] = stream(HELLO + b"\n" + image)
    return raw_pdf(objects)


def false_page_count(count: int = 5000) -> bytes:
    """``count`` pages behind a page tree that says ``/Count 1``: page limits that trust it are bypassed."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count 1 >>" % kids]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>"] * count
    return raw_pdf(objects)


def blank_pages(count: int = BLANK_PAGES) -> bytes:
    """``count`` empty pages: cheap to store, and a test of the page limit and of per-page cost."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>"] * count
    return raw_pdf(objects)


def deep_arrays(depth: int = 100_000) -> bytes:
    """A page whose dictionary holds arrays nested 100,000 deep: recursive readers overflow."""
    return raw_pdf(one_page(b"/Junk " + b"[" * depth + b"]" * depth + b" "))


def deep_page_tree(depth: int = 5000) -> bytes:
    """A page tree 5,000 levels deep with one page at the bottom."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 %s>>" % (number + 1, b"/Parent %d 0 R " % (number - 1) if level else b""))
    page = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << %s >> >>"
    objects += [page % (depth + 1, depth + 3, FONT), stream(HELLO)]
    return raw_pdf(objects)


def cyclic_page_tree() -> bytes:
    """The page tree lists itself among its kids; naive walkers never finish."""
    objects = one_page()
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
    return raw_pdf(objects)


def cyclic_references() -> bytes:
    """Objects 5 and 6 are references to each other; the page's /Contents points into the loop."""
    objects = one_page()
    objects[2] = objects[2].replace(b"/Contents 4 0 R", b"/Contents 5 0 R")
    return raw_pdf([*objects, b"6 0 R", b"5 0 R"])


def self_drawing_form() -> bytes:
    """A form XObject that draws itself: rendering recurses without end."""
    form = stream(b"/X Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >> ")
    objects = one_page(resources=b"/XObject << /X 5 0 R >>")
    objects[3] = stream(HELLO + b" /X Do")
    return raw_pdf([*objects, form])


def self_measuring_stream() -> bytes:
    """A content stream whose /Length is a reference to the stream itself."""
    objects = one_page()
    objects[3] = b"<< /Length 4 0 R >>\nstream\n%s\nendstream" % HELLO
    return raw_pdf(objects)


def one_bad_page() -> bytes:
    """Two pages; the second one's content stream is not the ASCII85 its filter says."""
    objects = one_page()
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>"
    objects.append(objects[2].replace(b"/Contents 4 0 R", b"/Contents 6 0 R"))
    objects.append(stream(b"\x7f\x7f{{{~>", b"/Filter /ASCII85Decode "))
    return raw_pdf(objects)


def no_pages() -> bytes:
    """A well-formed PDF with an empty page tree."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def random_bytes(size: int = 8192, header: bytes = b"") -> bytes:
    """Seeded noise, so every run builds the same file."""
    return header + random.Random(size).randbytes(size)


# ---------------------------------------------------------------- files made with reportlab


def _canvas_pdf(draw: Callable[[object], None], **kwargs: object) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1, **kwargs)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _minutes(pdf: object) -> None:
    """A page of ordinary English prose: a readable PDF that is not an ITA report."""
    text = pdf.beginText(72, 770)  # type: ignore[attr-defined]
    for line in ("Minutes of the sports committee", "Present: five members.", "1. The football field will be mowed."):
        text.textLine(line)
    pdf.drawText(text)  # type: ignore[attr-defined]


def not_ita() -> bytes:
    return _canvas_pdf(_minutes)


def encrypted(user_password: str) -> bytes:
    """RC4-128 encryption; an empty user password is the "opens without asking" kind."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption(user_password, ownerPassword="owner-secret", canCopy=0, canModify=0, strength=128)
    return _canvas_pdf(_minutes, encrypt=enc)


def image_only() -> bytes:
    """A page that is one picture of text, with no text layer: what a scanner makes."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (600, 300), 255)
    ImageDraw.Draw(image).text((20, 20), "A scanned page: no text layer here", fill=0)

    def draw(pdf: object) -> None:
        pdf.drawImage(ImageReader(image), 50, 400, width=500, height=250)  # type: ignore[attr-defined]

    return _canvas_pdf(draw)


def _truncated(at: Callable[[int], int]) -> Callable[[], bytes]:
    def build() -> bytes:
        data = SAMPLE.read_bytes()
        return data[: at(len(data))]

    return build


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Case:
    """One hostile file: how to make it and what the extractor must give for it."""

    build: Callable[[], bytes]
    expect: str  # an error code, or "report"
    what: str


CASES: dict[str, Case] = {
    "zero-bytes.pdf": Case(lambda: b"", "empty_file", "an empty download"),
    "truncated-head-16.pdf": Case(_truncated(lambda n: 16), "corrupt_pdf", "sample03 cut after 16 bytes"),
    "truncated-1k.pdf": Case(_truncated(lambda n: 1024), "corrupt_pdf", "sample03 cut after 1 KiB"),
    "truncated-half.pdf": Case(_truncated(lambda n: n // 2), "corrupt_pdf", "sample03 cut in half (its catalog is in the lost half)"),
    "truncated-no-xref.pdf": Case(_truncated(lambda n: n - 600), "report", "sample03 cut inside its xref table (repaired: pdf_repaired)"),
    "truncated-no-eof.pdf": Case(_truncated(lambda n: n - 6), "report", "sample03 without %%EOF"),
    "random-bytes.pdf": Case(random_bytes, "not_pdf", "8 KiB of noise"),
    "random-after-header.pdf": Case(lambda: random_bytes(header=b"%PDF-1.7\n"), "corrupt_pdf", "a PDF header, then noise"),
    "html-404.pdf": Case(lambda: b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>"
                         b"<h1>Not Found</h1></body></html>\n", "not_pdf", "a web server's error page"),
    "html-php-warning.pdf": Case(lambda: b"\n<br />\n<b>Warning</b>:  readfile(/var/www/ita/o20.pdf): failed to "
                                 b"open stream in <b>download.php</b><br />\n", "not_pdf", "a PHP error instead of the file"),
    "zip-as-pdf.pdf": Case(lambda: b"PK\x03\x04" + random_bytes(2048), "not_pdf", "a .docx saved under a .pdf name"),
    "encrypted-user-password.pdf": Case(lambda: encrypted("user-secret"), "encrypted_pdf", "needs a password to open"),
    "encrypted-owner-only.pdf": Case(lambda: encrypted(""), "report", "encrypted, opens without a password"),
    "image-only.pdf": Case(image_only, "needs_ocr", "a picture of text, no text layer"),
    "not-ita.pdf": Case(not_ita, "report", "readable, but no ITA table (no_table warning)"),
    "no-pages.pdf": Case(no_pages, "report", "an empty page tree"),
    "one-bad-page.pdf": Case(one_bad_page, "report", "page 2 unreadable: skipped with a page_unreadable warning"),
    "blank-2000-pages.pdf": Case(blank_pages, "too_many_pages", "2,000 empty pages (checked with --max-pages 100)"),
    "bomb-4gib.pdf": Case(bomb, "memory_exceeded", "a 4 KB file whose content inflates to 4 GiB"),
    "bomb-xref-stream.pdf": Case(xref_stream_bomb, "memory_exceeded", "a 4 KB file whose cross-reference stream inflates to 4 GiB"),
    "bomb-object-stream.pdf": Case(object_stream_bomb, "memory_exceeded", "a 4 KB file whose object stream inflates to 4 GiB"),
    "bomb-inline-image.pdf": Case(inline_image_bomb, "memory_exceeded", "a 4 MB page whose inline image inflates to 4 GiB"),
    "false-page-count.pdf": Case(false_page_count, "too_many_pages", "5,000 pages under a page tree saying /Count 1"),
    "deep-arrays.pdf": Case(deep_arrays, "report", "arrays nested 100,000 deep"),
    "deep-page-tree.pdf": Case(deep_page_tree, "corrupt_pdf", "a page tree 5,000 levels deep"),
    "cyclic-page-tree.pdf": Case(cyclic_page_tree, "report", "a page tree that contains itself"),
    "cyclic-references.pdf": Case(cyclic_references, "timeout", "two objects that refer to each other (pdfminer loops)"),
    "self-drawing-form.pdf": Case(self_drawing_form, "report", "a form XObject that draws itself"),
    "self-measuring-stream.pdf": Case(self_measuring_stream, "corrupt_pdf", "a stream whose /Length is itself"),
}
JUNK_OCR_NAME = "scan-with-junk-ocr-layer.pdf"


def junk_ocr_scan() -> Path | None:
    """The first third-party scan with a junk OCR layer found in ../shared, or None."""
    return next((p for p in JUNK_OCR_SCANS if p.is_file()), None)


def build(out_dir: Path) -> dict[str, Path]:
    """Write every case into ``out_dir`` (and the junk-OCR scan when available); name → path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, case in CASES.items():
        path = out_dir / name
        path.write_bytes(case.build())
        written[name] = path
    scan = junk_ocr_scan()
    if scan is not None:
        written[JUNK_OCR_NAME] = out_dir / JUNK_OCR_NAME
        shutil.copyfile(scan, written[JUNK_OCR_NAME])
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/bad/make_bad.py OUT_DIR")
    for name, path in build(Path(sys.argv[1])).items():
        print(f"{path.stat().st_size:>10}  {name}")
