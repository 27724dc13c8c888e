"""What a PDF would make its parsers decode, measured before any parser runs: stream sizes and real pages.

pdfminer and pdfium both inflate a stream whole, in memory, and pdfium cannot fail an
allocation softly: past a memory limit it aborts the process. A 7 KB file whose
cross-reference stream is deflated twice inflates to 4 GiB, so opening it took 8 GB
through the library and killed the batch worker with SIGABRT (``worker_crashed``, not
``memory_exceeded``). Here every stream is inflated first, in chunks that are counted
and dropped at once, so a file holding a stream past the budget is refused before either
library sees it. Inline images inside content streams are checked the same way: pdfium
decodes them to find where they end.

The same pass counts the page objects (``/Type /Page``), each object number once: a page
tree that says ``/Count 1`` over 200,000 pages no longer slips under ``--max-pages``.
Everything here works on bytes with regular expressions and never raises on a damaged
file; it only measures, and the parsers report what is broken.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pdfminer.ascii85 import ascii85decode, asciihexdecode

MB = 1024 * 1024
CHUNK = 1 << 20  # bytes of output per inflate step: memory stays at a few MB whatever a stream holds
FEED = 1 << 14  # bytes of input per inflate call (see _inflate)


@dataclass(frozen=True)
class StreamLimits:
    """How much decoding a file may ask for.

    ``max_stream_mb``: one stream's decoded size (each stage of a filter chain alike). A
    600 dpi RGB scan of an A4 page is about 100 MB decoded; 512 MB leaves room for that
    and still refuses the 4 GiB bombs. Under an address-space limit (a batch worker's
    ``--max-memory``) the budget is also at most a quarter of that limit and half of what
    is still free under it: pdfium holds the compressed and decoded copies at once, next
    to the Python extractor, and must never be the one to run out.
    ``scan_content_mb``: decoded content streams up to this size are searched for inline
    images; larger ones (rare: huge vector drawings) are measured but not searched.
    """

    max_stream_mb: int = 512
    memory_share: int = 4
    scan_content_mb: int = 64

    def budget(self, address_space: int | None, in_use: int = 0) -> int:
        """Bytes one decoded stream may take, given the address-space limit (or None) and what is mapped now."""
        cap = self.max_stream_mb * MB
        if not address_space:
            return cap
        return max(0, min(cap, address_space // self.memory_share, (address_space - in_use) // 2))


@dataclass(frozen=True)
class Measured:
    """A file's decoding needs: real page objects, the largest stream, and the first stream over budget."""

    pages: int
    largest: int
    over_budget: str | None = None  # e.g. "object 5 inflates past 512 MB", or None


class _OverBudget(Exception):
    """Raised inside a decoder when its output passes the budget."""


# ---------------------------------------------------------------- decoders that count


def _inflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Flate, chunk by chunk; stops at the end of the zlib stream or at the first damaged byte.

    Input goes in small pieces: zlib hands back the unconsumed input as a fresh copy after
    each bounded step, and a bomb consumes a few bytes per megabyte it gives.
    """
    inflater = zlib.decompressobj()
    for chunk in chunks:
        for at in range(0, len(chunk), FEED):
            data = chunk[at : at + FEED]
            while data and not inflater.eof:
                try:
                    out = inflater.decompress(data, CHUNK)
                except zlib.error:
                    return  # damaged: the parsers stop here too, and say so
                data = inflater.unconsumed_tail
                if out:
                    yield out
            if inflater.eof:
                return


def _run_length(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """RunLengthDecode (PDF 7.4.5): a length byte, then literal bytes or one byte repeated."""
    data = b"".join(chunks)
    i, out = 0, bytearray()
    while i < len(data) and data[i] != 128:
        n = data[i]
        if n < 128:
            out += data[i + 1 : i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1 : i + 2] * (257 - n)
            i += 2
        if len(out) >= CHUNK:
            yield bytes(out)
            out.clear()
    if out:
        yield bytes(out)


_SINGLE = [bytes([i]) for i in range(256)]
LZW_CLEAR, LZW_END, LZW_FIRST = 256, 257, 258  # PDF 7.4.4: codes 0-255 are bytes; the table starts at 258


def _lzw(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """LZWDecode (PDF 7.4.4: 9- to 12-bit codes, early change), chunk by chunk; stops at damaged codes."""
    data = b"".join(chunks)
    table: list[bytes] = []
    prev, out = b"", bytearray()
    nbits, pos, bits = 9, 0, 8 * len(data)
    while pos + nbits <= bits:
        byte, shift = divmod(pos, 8)
        window = int.from_bytes(data[byte : byte + 3].ljust(3, b"\0"), "big")
        code = (window >> (24 - shift - nbits)) & ((1 << nbits) - 1)
        pos += nbits
        if code == LZW_CLEAR:
            table, prev, nbits = [], b"", 9
            continue
        if code == LZW_END:
            break
        if code < LZW_CLEAR:
            entry = _SINGLE[code]
        elif code - LZW_FIRST < len(table):
            entry = table[code - LZW_FIRST]
        elif code - LZW_FIRST == len(table) and prev:
            entry = prev + prev[:1]
        else:
            break
        if prev and len(table) < 4096 - LZW_FIRST:
            table.append(prev + entry[:1])
        out += entry
        prev = entry
        size = LZW_FIRST + len(table) + 1  # early change: the width grows one code before the table does
        nbits = 9 if size < 512 else 10 if size < 1024 else 11 if size < 2048 else 12
        if len(out) >= CHUNK:
            yield bytes(out)
            out.clear()
    if out:
        yield bytes(out)


_WHOLE = {  # filters whose output is never larger than their input: decoded in one go
    b"ASCIIHexDecode": asciihexdecode, b"AHx": asciihexdecode,
    b"ASCII85Decode": ascii85decode, b"A85": ascii85decode,
}  # fmt: skip
_STREAMING = {
    b"FlateDecode": _inflate, b"Fl": _inflate, b"LZWDecode": _lzw, b"LZW": _lzw,
    b"RunLengthDecode": _run_length, b"RL": _run_length,
}  # fmt: skip


def _counted(chunks: Iterable[bytes], budget: int, sizes: list[int]) -> Iterator[bytes]:
    """Pass chunks on, adding their size to ``sizes[-1]``; raise once past ``budget``."""
    for chunk in chunks:
        sizes[-1] += len(chunk)
        if sizes[-1] > budget:
            raise _OverBudget
        yield chunk


def decoded_size(body: bytes, filters: list[bytes], budget: int, keep: int = 0) -> tuple[int, bytes | None]:
    """(decoded size, decoded bytes if at most ``keep``) of a stream body through its filter chain.

    Raises :class:`_OverBudget` when any stage's output passes ``budget``. A filter we
    do not decode (images: DCT, JPX, CCITT, JBIG2; Crypt) ends the chain: its input size
    is the size. Damaged data ends a stage where the damage starts.
    """
    chunks: Iterable[bytes] = [body]
    sizes = [len(body)]
    for name in filters:
        if name in _WHOLE:
            try:
                chunks = [_WHOLE[name](b"".join(chunks))]
            except (ValueError, TypeError):
                return sizes[-1], None
        elif name in _STREAMING:
            sizes.append(0)
            chunks = _counted(_STREAMING[name](chunks), budget, sizes)
        else:
            break
    kept: list[bytes] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total <= keep:
            kept.append(chunk)
    return total, b"".join(kept) if total <= keep else None


# ---------------------------------------------------------------- finding streams and pages

# Lookbehinds after the literal they guard, not before it: re scans fast for a pattern's opening
# literal, and tries one that opens with a lookbehind at every byte of the file (about 30 times slower).
_STREAM = re.compile(rb"stream(?<![A-Za-z]stream)(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_PAGE = re.compile(rb"/Type\s*/Page(?=[\s/<>\[\]()%]|$)")
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FIRST = re.compile(rb"/First\s+(\d+)")
# An inline image: BI after whitespace (or at the start), its dictionary, ID (lookbehind after BI, as above).
_INLINE = re.compile(rb"BI(?<![^\s]BI)\s(.{0,4096}?)(?<=\s)ID(?:\r\n|\s)", re.S)
_ABBREVIATIONS = {b"F": b"Filter"}
DICT_NEAR, DICT_REACH = 4096, 65536  # bytes before ``stream`` searched for its object's header


@dataclass(frozen=True)
class _Stream:
    """One ``obj ... stream`` in the file: its object number, dictionary and body."""

    number: int | None
    head: bytes
    body: bytes
    end: int  # where the body ends in the file


def _filters(head: bytes) -> list[bytes]:
    """The filter chain a stream or inline-image dictionary names (``/F`` is the inline form)."""
    found = _FILTER.search(head) or re.search(rb"/F\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)", head)
    return _NAME.findall(found.group(1)) if found else []


def _header_before(data: bytes, at: int) -> re.Match[bytes] | None:
    """The last ``N G obj`` before ``at``: looked for close by first (a page dict is ~1 KB), then further."""
    for reach in (DICT_NEAR, DICT_REACH):
        found = None
        for found in _OBJ.finditer(data, max(0, at - reach), at):  # noqa: B007 - the last one is wanted
            pass
        if found is not None:
            return found
    return None


def _streams(data: bytes) -> Iterator[_Stream]:
    """Every stream of the file, in order, with its body cut by ``/Length`` or at ``endstream``."""
    pos = 0
    while (match := _STREAM.search(data, pos)) is not None:
        start = match.end()
        header = _header_before(data, match.start())
        head = data[header.end() if header else max(0, match.start() - DICT_NEAR) : match.start()]
        length = _LENGTH.search(head)
        end = start + int(length.group(1)) if length else -1
        if end < 0 or end > len(data) or data.find(b"endstream", end, end + 64) < 0:
            found = data.find(b"endstream", start)
            end = found if found >= 0 else len(data)
        yield _Stream(int(header.group(1)) if header else None, head, data[start:end], end)
        pos = max(end, start)


def _page_objects(text: bytes, numbers: list[tuple[int, int]]) -> set[int]:
    """Object numbers of the ``/Type /Page`` dictionaries in ``text``; ``numbers`` = sorted (offset, number)."""
    offsets = [off for off, _ in numbers]
    found = set()
    for match in _PAGE.finditer(text):
        at = bisect.bisect_right(offsets, match.start()) - 1
        found.add(numbers[at][1] if at >= 0 else -1 - match.start())  # no header: count it on its own
    return found


def _object_stream_pages(head: bytes, content: bytes) -> set[int]:
    """Page objects inside a decoded object stream: its header pairs (number, offset) place each one."""
    first = _FIRST.search(head)
    if first is None:
        return set()
    start = int(first.group(1))
    ints = [int(x) for x in re.findall(rb"\d+", content[:start])]
    numbers = sorted((start + off, num) for num, off in zip(ints[::2], ints[1::2]))
    return _page_objects(content, numbers)


def _inline_images_size(content: bytes, budget: int) -> int:
    """The decoded size of the largest inline image in a content stream; :class:`_OverBudget` past ``budget``."""
    largest = 0
    for match in _INLINE.finditer(content):
        filters = [_ABBREVIATIONS.get(n, n) for n in _filters(match.group(1))]
        if filters:
            largest = max(largest, decoded_size(content[match.end() :], filters, budget)[0])
    return largest


def measure(data: bytes, budget: int, limits: StreamLimits | None = None) -> Measured:
    """Decode every stream of ``data`` under ``budget`` bytes; count the page objects on the way.

    ``largest`` is the largest decoded stream or inline image; ``over_budget`` names the
    first one past the budget, and measuring stops there.
    """
    keep = (limits or StreamLimits()).scan_content_mb * MB
    outside, pages, largest, pos = [], set(), 0, 0
    for stream in _streams(data):
        outside.append(data[pos : stream.end - len(stream.body)])
        pos = stream.end
        where = f"object {stream.number}" if stream.number is not None else "a stream"
        wanted = 0 if _IMAGE.search(stream.head) else keep  # pixels hold neither pages nor inline images
        try:
            size, content = decoded_size(stream.body, _filters(stream.head), budget, wanted)
        except _OverBudget:
            return Measured(len(pages), largest, f"{where} inflates past {budget // MB} MB")
        try:
            inline = _inline_images_size(content, budget) if content is not None else 0
        except _OverBudget:
            return Measured(len(pages), largest, f"an inline image in {where} inflates past {budget // MB} MB")
        largest = max(largest, size, inline)
        if content is not None and _OBJSTM.search(stream.head):
            pages |= _object_stream_pages(stream.head, content)
    outside.append(data[pos:])
    text = b"".join(outside)
    numbers = [(m.start(), int(m.group(1))) for m in _OBJ.finditer(text)]
    pages |= _page_objects(text, numbers)
    return Measured(len(pages), largest)
