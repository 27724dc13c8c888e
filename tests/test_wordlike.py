"""A PDF laid out and damaged the way Word lays out Thai (``tests/wordlike/make_wordlike.py``), read end to end.

Before issue 13 these lines read "เจ้ า ห น้ า ที่ ข อ ง ห น่ ว ย ง า น", "จดัทำบตัรควิ" and
"การบริกำรประชำชน จัดท ำคู่มือ"; the expected text is the generator's own.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest
from ita_extract.extract.page.pdf import open_pdf, read_pages
from ita_extract.extract.page.textrepair import repair_pages
from ita_extract.extract.table.lines import clusters, group_lines
from ita_extract.extract.thai.repair import repair_thai_text

HERE = Path(__file__).resolve().parent / "wordlike"
sys.path.insert(0, str(HERE))
from make_wordlike import LINES  # noqa: E402

PDF = HERE / "wordlike.pdf"


@cache
def read_lines() -> list[str]:
    pdf = open_pdf(PDF)
    try:
        pages = list(repair_pages(read_pages(PDF, pdf)))
    finally:
        pdf.close()
    return [repair_thai_text(ln.text) for ln in group_lines(clusters(pages[0].chars))]


@pytest.mark.parametrize(("k", "text", "kind"), [(k, t, kind) for k, (t, kind) in enumerate(LINES)], ids=[f"{kind}-{k}" for k, (_, kind) in enumerate(LINES)])
def test_each_line_reads_as_typed(k: int, text: str, kind: str) -> None:
    """spread/tracked: justified lines; displaced: marks stored late; broken: SARA AA read as SARA AM."""
    assert read_lines()[k] == text


def test_the_page_says_what_was_repaired() -> None:
    pdf = open_pdf(PDF)
    try:
        page = next(repair_pages(read_pages(PDF, pdf)))
    finally:
        pdf.close()
    assert {n.code for n in page.warnings} >= {"sara_aa_as_am", "mark_order_repaired"}
