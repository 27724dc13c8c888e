"""The truth JSON (contract v2) of one synthetic report, from its plan and the pages keys landed on.

Records and printed scores are drawn by the composer with a key each; the renderer tells which
pages each key was drawn on. Nothing here reads what an extractor made of the PDF.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Truth:
    document: dict
    records: list[dict] = field(default_factory=list)  # each with "_key" until pages are known
    assessment: dict | None = None  # fiscal_year / total / rating
    scores: list[dict] = field(default_factory=list)  # each with "_key"; first printing wins
    warnings: list[dict] = field(default_factory=list)


def _nfc(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def build(truth: Truth, pdf: Path, pages: int, placed: dict[str, tuple[int, int]]) -> dict:
    """The contract JSON: records and scores get their pages from ``placed`` (key → first, last page)."""
    missing = [r["_key"] for r in truth.records if r["_key"] not in placed]
    missing += [s["_key"] for s in truth.scores if s["_key"] not in placed]
    if missing:
        raise RuntimeError(f"{pdf.name}: no page found for {missing[:5]}")
    records = []
    for rec in truth.records:
        first, last = placed[rec["_key"]]
        records.append({k: v for k, v in rec.items() if k != "_key"} | {"page_start": first, "page_end": last})
    document = dict(truth.document)
    if truth.assessment is not None:
        scores, seen = [], set()
        for entry in sorted(truth.scores, key=lambda s: (placed[s["_key"]][0], truth.scores.index(s))):
            ident = (entry["level"], entry["code"])
            if ident in seen:
                continue
            seen.add(ident)
            scores.append({k: v for k, v in entry.items() if k != "_key"} | {"page": placed[entry["_key"]][0]})
        document["assessment"] = truth.assessment | {"scores": scores}
    else:
        document["assessment"] = None
    report = {
        "contract_version": 2,
        "source": {"file": pdf.name, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(), "pages": pages},
        "document": document,
        "records": records,
        "warnings": truth.warnings,
    }
    return _nfc(report)
