"""What a PDF's streams decode to, measured before any parser: sizes, bombs, and real page objects.

Files are written byte by byte (``bad/make_bad.py``'s ``raw_pdf``) so each carries exactly
the structure under test.
"""

from __future__ import annotations

import base64
import random
import re
import zlib

import pytest
from bad.make_bad import one_page, raw_pdf, stream, zeros_deflate
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.page.streams import _INLINE, _STREAM, MB, StreamLimits, decoded_size, measure

BUDGET = 64 * MB


def test_lzw_is_decoded_as_the_pdf_reference_example() -> None:
    """PDF 32000 7.4.4.2's example: 45 45 45 45 45 65 45 45 45 66 → these nine bytes."""
    size, content = decoded_size(bytes.fromhex("800b6050220c0c8501"), [b"LZWDecode"], BUDGET, keep=100)
    assert (size, content) == (10, b"-----A---B")


@pytest.mark.parametrize(
    ("filters", "encode"),
    [
        ([b"FlateDecode"], zlib.compress),
        ([b"ASCII85Decode", b"FlateDecode"], lambda d: base64.a85encode(zlib.compress(d), adobe=True)[2:]),  # as pypdfium2 saves
        ([b"ASCIIHexDecode"], lambda d: d.hex().encode() + b">"),
        ([b"RunLengthDecode"], lambda d: bytes([257 - 100]) + b"x" + b"\x80"),  # 100 × "x"
    ],
)
def test_filter_chains_are_measured_stage_by_stage(filters: list[bytes], encode: object) -> None:
    data = b"x" * 100
    size, content = decoded_size(encode(data), filters, BUDGET, keep=1000)  # type: ignore[operator]
    assert (size, content) == (100, data)


def test_a_chain_stage_past_the_budget_is_a_bomb_even_when_the_next_stage_would_shrink() -> None:
    twice = zlib.compress(zeros_deflate(128 * MB), 9)
    found = measure(raw_pdf([*one_page()[:3], stream(twice, b"/Filter [/FlateDecode /FlateDecode] ")]), BUDGET)
    assert found.over_budget == "object 4 inflates past 64 MB"


def test_damaged_data_ends_the_measurement_of_its_stream_quietly() -> None:
    data = random.Random(1).randbytes(10_000)  # does not compress: a cut keeps a part
    size, _ = decoded_size(zlib.compress(data)[:2000] + b"\xff" * 40, [b"FlateDecode"], BUDGET)
    assert 0 < size < len(data)
    assert decoded_size(b"not ascii85 at all \xff", [b"ASCII85Decode"], BUDGET)[0] >= 0


def test_an_image_codec_ends_the_chain_undecoded() -> None:
    assert decoded_size(b"\xff\xd8jpeg", [b"DCTDecode"], BUDGET) == (6, None)


def test_pages_are_page_objects_each_counted_once() -> None:
    """An incremental update that rewrites page 3 does not make two pages of it; /Count is never read."""
    pdf = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 1 >>",
                   b"<< /Type /Page /Parent 2 0 R >>", b"<< /Type/Page/Parent 2 0 R >>"])  # fmt: skip
    update = b"\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Rotate 90 >>\nendobj\n"
    assert measure(pdf, BUDGET).pages == 2
    assert measure(pdf + update, BUDGET).pages == 2


def test_pages_inside_an_object_stream_are_counted() -> None:
    page = b"<< /Type /Page /Parent 2 0 R >>   "
    objects = b"3 0 4 %d " % len(page) + page + page
    first = objects.index(b"<<")
    body = stream(zlib.compress(objects), b"/Type /ObjStm /N 2 /First %d /Filter /FlateDecode " % first)
    pdf = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>", body])
    assert measure(pdf, BUDGET).pages == 2


def test_an_inline_image_is_measured_inside_its_content_stream() -> None:
    image = b"BI /W 10 /H 10 /CS /G /BPC 8 /F /Fl ID " + zeros_deflate(128 * MB) + b"\nEI"
    objects = one_page()
    objects[3] = stream(zlib.compress(b"q " + image + b" Q"), b"/Filter /FlateDecode ")
    assert measure(raw_pdf(objects), BUDGET).over_budget == "an inline image in object 4 inflates past 64 MB"
    small = one_page()
    small[3] = stream(b"BI /W 2 /H 2 /CS /G /BPC 8 /F /Fl ID " + zlib.compress(b"abcd") + b"\nEI")
    assert measure(raw_pdf(small), BUDGET).largest >= 4


@pytest.mark.parametrize(("limit_mb", "in_use_mb", "budget_mb"), [(None, 0, 512), (4096, 1000, 512),
                                                                   (1024, 100, 256), (1024, 900, 62)])  # fmt: skip
def test_the_budget_follows_the_memory_limit_and_what_is_free(limit_mb: int | None, in_use_mb: int,
                                                              budget_mb: int) -> None:  # fmt: skip
    limit = limit_mb * MB if limit_mb else None
    assert StreamLimits().budget(limit, in_use_mb * MB) == budget_mb * MB


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([b"", b"/Filter /FlateDecode ", b"/Filter [/A85 /Fl /LZW /RL] "]))
def test_measuring_never_raises_on_any_bytes(noise: bytes, filters: bytes) -> None:
    for data in (noise, raw_pdf([*one_page()[:3], stream(noise, filters)]), b"%PDF-1.7\nstream\n" + noise):
        found = measure(data, BUDGET)
        assert found.pages >= 0 and found.largest >= 0


# The inline-image rule as written first: BI preceded by whitespace or nothing, its dictionary, ID.
INLINE_AS_DEFINED = re.compile(rb"(?<![^\s])BI\s(.{0,4096}?)(?<=\s)ID(?:\r\n|\s)", re.S)


@settings(max_examples=400, deadline=None)
@given(content=st.lists(st.sampled_from([b"BI", b"ID", b"EI", b" ", b"\n", b"\r\n", b"x", b"/W 4", b"B", b"I"]),
                        max_size=30).map(b"".join))
def test_inline_images_are_found_where_the_rule_as_defined_finds_them(content: bytes) -> None:
    """The pattern reordered for re's fast literal scan matches exactly where the rule as written does."""
    assert [(m.span(), m.group(1)) for m in _INLINE.finditer(content)] == \
           [(m.span(), m.group(1)) for m in INLINE_AS_DEFINED.finditer(content)]


STREAM_AS_DEFINED = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")  # ``stream`` not ending a longer word


@settings(max_examples=400, deadline=None)
@given(data=st.lists(st.sampled_from([b"stream", b"endstream", b"xstream", b" ", b"\n", b"\r", b"\r\n", b"s", b"m"]),
                     max_size=30).map(b"".join), pos=st.integers(0, 40))
def test_streams_are_found_where_the_rule_as_defined_finds_them(data: bytes, pos: int) -> None:
    """Also from a position inside the data, as the stream walk searches: what precedes it still counts."""
    found, defined = _STREAM.search(data, pos), STREAM_AS_DEFINED.search(data, pos)
    assert (found and found.span()) == (defined and defined.span())
