"""Which records hold words OCR was unsure of: Tesseract's word confidences carried to records."""

from __future__ import annotations

from ....schema import Record
from ...errors import Notice
from ...thai.repair import repair_thai_text
from .reader import OcrPage


def uncertain_records(records: list[Record], pages: list[OcrPage]) -> list[Notice]:
    """``ocr_low_confidence`` for each record whose text holds words OCR was unsure of.

    Tesseract's word confidence is known per word, records are built from cells: a
    record is flagged when one of its page's low-confidence words is found in its text.
    """
    low = {p.number: {_squeeze(w) for w in p.low_confidence_words} - {""} for p in pages}
    out: list[Notice] = []
    for rec in records:
        words = set().union(*(low.get(n, set()) for n in range(rec.page_start, rec.page_end + 1)))
        if not words:
            continue
        text = _squeeze(" ".join([rec.issue or "", rec.responsible or "", *rec.measures, *rec.monitoring, *rec.actions]))
        found = sorted(w for w in words if w in text)
        if found:
            shown = ", ".join(found[:5]) + (" …" if len(found) > 5 else "")
            message = f"record {rec.row} ({rec.indicator or 'no code'}): OCR was unsure of {len(found)} word(s): {shown}"
            out.append(Notice("ocr_low_confidence", message, rec.page_start))
    return out


def _squeeze(text: str) -> str:
    """Text as compared across OCR words and record fields: repaired Thai, no whitespace."""
    return "".join(repair_thai_text(text).split())
