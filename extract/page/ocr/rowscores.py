"""A measures row's score read by OCR, checked against the same question's score in the results.

The FY2567 template prints each issue's score twice: in the question table of last year's
results (``document.assessment.scores``, level ``question``) and in the measures table's
ผลการประเมิน (คะแนน) column beside the issue (``Record.score``): the same number (every
born-digital long-run truth with both agrees, 399 of 399). Tesseract's Thai model cannot output
``๔ ๖ ๗ ๘ ๙`` (``digits``), so one reading may lose a digit the other kept (``66.03`` read
``6.03``, ``79.38`` read ``38``) or hold a digit read as another (``75.58`` read ``15.58``).
A row score OCR left unread, or read as the question table's with digits lost or read where it
has one of those five, is taken from the question table, and says so. A row score that
disagrees otherwise stands: two readings and no third to choose.
"""

from __future__ import annotations

from collections.abc import Sequence

from ....schema import Assessment, Record
from ...errors import Notice
from .digits import UNREADABLE


def scores_from_results(
    records: list[Record], results: Assessment | None, ocr_pages: Sequence[int]
) -> tuple[list[Record], list[Notice]]:
    """The records with each OCR-read row score checked against its question's printed score."""
    if results is None or not ocr_pages:
        return records, []
    printed = {s.code: s.score for s in results.scores if s.level == "question"}
    pages = set(ocr_pages)
    out, notes = [], []
    for rec in records:
        known = printed.get(rec.indicator or "")
        if rec.page_start in pages and known is not None and rec.score != known and _may_read(rec.score, known):
            read = "nothing" if rec.score is None else f"{rec.score:g}"
            why = f"record {rec.row} ({rec.indicator}): score OCR read as {read} taken as {known:g}, its question's printed score"
            notes.append(Notice("ocr_text_matched", why, rec.page_start))
            rec = rec.model_copy(update={"score": known})
        out.append(rec)
    return out, notes


def _digits(score: float) -> str:
    """A score's digits as printed with two decimals at most ("66.03" → "6603", 38.0 → "38")."""
    text = f"{score:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", "")


def _may_read(read: float | None, known: float) -> bool:
    """True when ``read`` may be OCR's reading of ``known``: nothing read, its digits a part of
    ``known``'s in order (digits lost), or as many digits differing only where ``known`` has one
    Tesseract cannot output."""
    if read is None:
        return True
    got, want = _digits(read), _digits(known)
    if len(got) == len(want):
        return all(a == b or b in UNREADABLE for a, b in zip(got, want))
    rest = iter(want)
    return len(got) < len(want) and all(ch in rest for ch in got)  # a subsequence: digits lost
