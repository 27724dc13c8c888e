"""Hand-built pages for the score-table tests: text placed at positions, rules where a table has them.

No PDF: each character becomes a ``Char`` half an em wide (marks zero-width on their base,
a space 0.3 em), so the tests drive the real line, cell and table code on known geometry.
"""

from __future__ import annotations

import unicodedata

from ita_extract.extract.page.page import Char, Page, Rule

SIZE = 15.0  # points
GLYPH_EM = 0.5
SPACE_EM = 0.3


def chars_at(x: float, top: float, text: str, size: float = SIZE) -> list[Char]:
    """``text`` written from ``x`` on the line whose boxes start at ``top``."""
    out: list[Char] = []
    cursor = x
    for ch in text:
        if unicodedata.category(ch) == "Mn":
            out.append(Char(ch, cursor, cursor, top, top + size, size))
            continue
        width = (SPACE_EM if ch == " " else GLYPH_EM) * size
        out.append(Char(ch, cursor, cursor + width, top, top + size, size))
        cursor += width
    return out


def make_page(number: int, cells: list[tuple[float, float, str]], rules: list[Rule] = (), width: float = 595.0) -> Page:
    """A page from (x, top, text) cells, in the order given (the content stream's order)."""
    chars = [c for x, top, text in cells for c in chars_at(x, top, text)]
    return Page(number=number, width=width, height=842.0, chars=chars, rules=list(rules))


def hrule(y: float, x0: float = 70.0, x1: float = 540.0) -> Rule:
    return Rule("h", y, x0, x1)


def vrule(x: float, y0: float, y1: float) -> Rule:
    return Rule("v", x, y0, y1)


# a question table's header as FY2567 prints it: ประเด็นการประเมิน | คะแนนที่ / ได้
QUESTION_HEADER = [(200, 60, "ประเด็นการประเมิน"), (465, 60, "คะแนนที่"), (487, 78, "ได้")]


def ocr_question_scores(cells: list[tuple[float, float, str]]) -> list[tuple[str, float]]:
    """(code, score) of the question rows read from one page of ``cells`` under ``QUESTION_HEADER``, as OCR
    would have read the page."""
    from ita_extract.extract.kinds.assessment import AssessmentSettings, HeaderSettings, read_assessment

    assessment, _ = read_assessment([make_page(1, QUESTION_HEADER + cells)],
                                    settings=AssessmentSettings(header=HeaderSettings.ocr()))
    return [(s.code, s.score) for s in assessment.scores if s.level == "question"] if assessment else []
