"""The pipeline's pass over a document's pages for the ITA results: lines built only where they can matter.

Cutting a page's lines into cells with repaired text (``layout.page_lines``) is most of the
results reader's cost, and most pages of a measures report hold no results. The reader
finds something on a page only where the page's text holds one of ``RESULT_WORDS`` (a score
table's header cell opens with คะแนน, "คะ" of a narrow column or is ผลการประเมิน; the prose
needs คะแนน for a total, ระดับ for a grade, ผลการประเมิน for a heading's year) or where a score
table runs on from the page before. Any other page gives the reader nothing, so it gets no
lines: the results are the same as from every page's lines (tests/test_assessment_scan.py).

The words are looked for before the Thai repair, in a form the repair cannot change
(``skeleton``), so a page is never skipped for a word its repaired text would show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...page.page import Page
from ...table.lines import TextLine
from .header import HEADER_SETTINGS, HeaderSettings, TableLayout
from .layout import PageLines, page_lines, text_lines
from .rows import TableRead, read_page_tables

RESULT_WORDS = ("คะ", "ระดับ", "ผลการประเมิน")  # คะ: คะแนน, and a narrow score column's "คะ / แนน"

# What ``repair_thai_text`` may delete, insert or move: spaces (before a mark, a split SARA AM),
# combining marks (reordered, de-duplicated, moved onto another letter), zero-width characters
# (pythainlp's remove_zw, and the joiners beside them), private-use glyphs (mapped to marks, or
# to ญ/ฐ, which no result word holds). SARA AM and SARA AA stand for each other (a split
# NIKHAHIT joined, Word 2016's AA-as-AM font undone), so both are read as SARA AA.
_UNSTABLE = re.compile("[\\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u200b-\u200d\u2060\ufeff\ue000-\uf8ff]")
_SARA_AM_AS_AA = str.maketrans("\u0e33", "\u0e32")


def skeleton(text: str) -> str:
    """Text without what the Thai repair may change: ``"ผลกำรประเมิน"`` → ``"ผลการประเมน"``."""
    return _UNSTABLE.sub("", text).translate(_SARA_AM_AS_AA)


_WORDS = re.compile("|".join(re.escape(skeleton(word)) for word in RESULT_WORDS))


def mentions_results(text: str) -> bool:
    """Could ``text``, once repaired, hold a result word? ``"ผลกำรประเมิน"`` (Word 2016's SARA AA) → True."""
    return _WORDS.search(skeleton(text)) is not None


def may_hold_results(lines: list[TextLine]) -> bool:
    """Could the results reader find anything in these lines (a page's ``text_lines``, top to bottom)?

    Their clusters are read in the order the reader reads them, across cell and line
    breaks (a word wrapped over two lines is joined in the prose), so this errs only
    towards yes.
    """
    return mentions_results("".join(c.text for line in lines for c in line.items))


@dataclass(slots=True)
class ResultPages:
    """Each page's lines for the results reader, in order; a page that can hold nothing gets none.

    Whether a score table runs on into the next page is known only from reading this one,
    so the score tables are read here as the pages come (``read``), as ``read_tables`` reads them.
    """

    settings: HeaderSettings = HEADER_SETTINGS
    pages: list[PageLines] = field(default_factory=list)
    read: TableRead = field(default_factory=TableRead)
    open_table: TableLayout | None = None  # the score table the last page ended in

    def add(self, page: Page, settings: HeaderSettings | None = None) -> None:
        """Take the next page: its lines, or none where no result can be on it. ``settings``: this
        page's, where they differ from the document's (``HeaderSettings.ocr`` for a page read by OCR)."""
        lines = text_lines(page)
        if self.open_table is None and not may_hold_results(lines):
            layout = PageLines(page.number, page.width, (), tuple(page.rules))
        else:
            layout = page_lines(page, lines=lines)
        self.open_table = read_page_tables(layout, self.open_table, self.read, settings or self.settings)
        self.pages.append(layout)
