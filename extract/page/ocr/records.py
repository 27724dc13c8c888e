"""Records read from OCR pages, corrected where the right form is known and checked where a
value can be implausible (``lexicon``, ``plausible``), each change said in a warning.

Runs after the records are built (``pipeline.build_report``), on records that start on a
page read by OCR; born-digital records are never touched. Returns new records and a new
document (pydantic's ``model_copy``); the warnings are one per record and code, listing
each field changed with its similarity, so the evidence stays with the report.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence

from ....schema import Document, Record
from ...errors import Notice
from ...thai.dates import find_thai_dates
from ...thai.status import status_of
from ...thai.timeframe import parse_timeframe
from .lexicon import (
    closest,
    known,
    looks_misread,
    match_units,
    questions,
    repeated_forms,
    respaced,
)
from .months import closed_abbreviations, mended_months
from .plausible import checked_period, date_window, known_code, stand_in_date, unread_period
from .recode import coded
from .settings import DEFAULT, OcrSettings
from .timeframes import mended_timeframe
from .vocabulary import common_reading, common_words, document_words, voted
from .words import restore_marks

LIST_FIELDS = ("measures", "steps", "monitoring", "actions")  # v2's steps too: a list of items as measures are
TEXT_FIELDS = ("issue", "responsible", "findings")  # and v2's findings: prose OCR misreads as any
SPACES = re.compile(r"(\s+)")  # split keeping the spaces: stretches between them, and the spaces


def correct_records(
    records: list[Record],
    document: Document,
    ocr_pages: Sequence[int],
    today: datetime.date | None = None,
    s: OcrSettings = DEFAULT,
    year_cut: bool = False,
) -> tuple[list[Record], Document, list[Notice]]:
    """The records and document with OCR's text checked; nothing changes without OCR pages.

    ``year_cut``: the title block prints a fiscal year OCR lost a digit of (``fiscal_year_unread``)."""
    if not ocr_pages:
        return records, document, []
    today = today or datetime.date.today()
    pages = set(ocr_pages)
    ocr = [r for r in records if r.page_start in pages]
    year = document.fiscal_year
    document, notes = _checked_document(document, ocr, today, s, year_cut)
    if document.fiscal_year != year:
        records = [_reframed(rec, document.fiscal_year) for rec in records]
    repeats = repeated_forms([item for r in ocr for f in LIST_FIELDS for item in getattr(r, f)], s)
    words = document_words([text for r in ocr for text in _texts(r)], s)
    phrases = known("phrase")
    window = date_window(document.fiscal_year, today, s)
    out = []
    for rec in records:
        if rec.page_start in pages:
            rec, recoded = coded(rec, document.fiscal_year, s)
            rec, changed = _corrected(rec, document.fiscal_year, repeats, phrases, s)
            rec, mended = _voted(rec, words)
            rec, common = _each_text(rec, lambda item: voted(item, common_words(s), common_reading(s)), COMMON)
            rec, dated = _dated(rec, s)
            rec, timed = _timed(rec, document.fiscal_year, window, s)
            rec, years = _stand_ins(rec, window)
            changed = recoded + changed + mended + common + dated + timed + years
            rec, dropped = _checked(rec, window)
            notes += _notes(rec, changed, dropped)
        out.append(rec)
    return out, document, notes


def _checked_document(
    document: Document, records: list[Record], today: datetime.date, s: OcrSettings, year_cut: bool
) -> tuple[Document, list[Notice]]:
    """The title block with an implausible fiscal year replaced or emptied, or one OCR could
    not read whole taken from the records' dates (``plausible``)."""
    dates = [d for r in records for d in r.action_dates]
    printed = [d for r in records for d in parse_timeframe(r.timeframe, None) if d is not None]  # year printed
    if document.fiscal_year is None and year_cut:
        found = unread_period(document.round_months, dates + printed, today, s)
        code = "fiscal_year_unread"
    else:
        found = checked_period(document.fiscal_year, document.round_months, dates, today, s, printed)
        code = "ocr_value_dropped"
    if found is None:
        return document, []
    year, period, why = found
    start, end = period or (None, None)
    page = records[0].page_start if records else 1
    update = {"fiscal_year": year, "period_start": start, "period_end": end}
    return document.model_copy(update=update), [Notice(code, why, page)]


def checked_title(document: Document, page: int, s: OcrSettings = DEFAULT) -> tuple[Document, list[Notice]]:
    """The document with a title OCR misread replaced by the known title it is close to (``closest``, as
    for set phrases: only where the text looks misread), saying so. For a title block read by OCR (on
    ``page``): the title decides whether the document is a report ("รายงานการถ้าเนพันการตามมาตรการ…", a
    loopless face's ดำเนิน read "ถ้าเนพัน", judge set 12's syn09401 and syn09408, was not one)."""
    title = document.title
    match = closest(title, known("title"), s.match_phrase, s, misread_only=True) if title else None
    if match is None or match.text == title:
        return document, []
    message = f"title: OCR text replaced by a known form: '{match.text}' (similarity {match.similarity:.2f})"
    return document.model_copy(update={"title": match.text}), [Notice("ocr_text_matched", message, page)]


def _reframed(rec: Record, fiscal_year: int | None) -> Record:
    """The record's time frame read again under the fiscal year OCR's check settled on: quarters
    and months printed without a year depend on it."""
    start, end = parse_timeframe(rec.timeframe, fiscal_year)
    if (start, end) == (rec.timeframe_start, rec.timeframe_end):
        return rec
    return rec.model_copy(update={"timeframe_start": start, "timeframe_end": end})


def _corrected(
    rec: Record, fiscal_year: int | None, repeats: dict, phrases: list[str], s: OcrSettings
) -> tuple[Record, list[str]]:
    """The record with its issue, responsible and list items matched to known forms, and
    marks put back over whole texts where that leaves no misread word."""
    update: dict[str, object] = {}
    changed: list[str] = []
    if rec.issue and (m := closest(rec.issue, questions(rec.indicator, fiscal_year, s), s.match_question, s)):
        update["issue"] = respaced(m.text, rec.issue)
        changed.append(f"issue = the official wording of {rec.indicator} (similarity {m.similarity:.2f})")
    if rec.responsible and (m := match_units(rec.responsible, s)):
        update["responsible"] = m.text
        changed.append(f"responsible = unit names (similarity {m.similarity:.2f})")
    for field in LIST_FIELDS:
        items = list(getattr(rec, field))
        for k, item in enumerate(items):
            m = repeats.get(item) or closest(item, phrases, s.match_phrase, s, misread_only=True)
            if m is not None:
                items[k] = m.text
                changed.append(f"{field}[{k + 1}] = {m.text!r} (similarity {m.similarity:.2f})")
        if items != getattr(rec, field):
            update[field] = items
    rec, mended = _marks_across_wraps(rec.model_copy(update=update) if update else rec, s)
    return rec, changed + mended


def _marks_across_wraps(rec: Record, s: OcrSettings) -> tuple[Record, list[str]]:
    """The record with marks put back (``words.restore_marks``) over each text field whole.

    OCR's lines are mended one by one, so a word a cell wraps ("ประชาสัม" | "พันธุ์") is
    judged in halves, and a half that is a word itself keeps what OCR misread
    (พันธุ์, "breed"); over the joined text the whole word (ประชาสัมพันธ์) wins. Taken only
    where it turns a text that looks misread into one that does not (``lexicon.looks_misread``):
    over a badly read text the dictionary finds other words, not the right ones.
    """
    return _each_text(rec, lambda item: _mended(item, s), "marks put back by the dictionary over a line wrap")


def _texts(rec: Record) -> list[str]:
    """A record's free text: issue, responsible, findings and every list item."""
    return [t for f in TEXT_FIELDS if (t := getattr(rec, f))] + [item for f in LIST_FIELDS for item in getattr(rec, f)]


COMMON = "a common word misread by one letter, where the corpus finds it likelier than what was read"


def _voted(rec: Record, words: frozenset[str]) -> tuple[Record, list[str]]:
    """The record with words read one edit off a word the report reads right elsewhere mended
    (``vocabulary.voted``): ``ครับถ้วน`` where the report prints ครบถ้วน in other rows."""
    return _each_text(rec, lambda item: voted(item, words), "a word the report reads the same way elsewhere")


def _each_text(rec: Record, mend: Callable[[str], str], why: str) -> tuple[Record, list[str]]:
    """The record with ``mend`` applied to its issue, responsible, findings and every list item, and a
    line per text it changed saying ``why``."""
    update: dict[str, object] = {}
    changed: list[str] = []
    for field in (*TEXT_FIELDS, *LIST_FIELDS):
        value = getattr(rec, field)
        items = value if isinstance(value, list) else [value] if value else []
        mended = [mend(item) for item in items]
        for k, (old, new) in enumerate(zip(items, mended)):
            if old != new:
                where = f"{field}[{k + 1}]" if isinstance(value, list) else field
                changed.append(f"{where}: {why} ({new!r})")
        if mended != items:
            update[field] = mended if isinstance(value, list) else mended[0]
    return (rec.model_copy(update=update) if update else rec), changed


def _dated(rec: Record, s: OcrSettings) -> tuple[Record, list[str]]:
    """The record with misread month names in its actions mended (``months``), and its action
    dates and status found again from them."""
    actions, changed = [], []
    for k, item in enumerate(rec.actions):
        mended, changes = mended_months(item, s)
        mended, dots = closed_abbreviations(mended)
        actions.append(mended)
        changed += [f"actions[{k + 1}] month {change}" for change in changes]
        changed += [f"actions[{k + 1}] closing dot {change}" for change in dots]
    if not changed:
        return rec, []
    dates = [d for item in actions for d in find_thai_dates(item)]
    update = {"actions": actions, "action_dates": dates, "status": status_of(actions, dates)}
    return rec.model_copy(update=update), changed


def _timed(
    rec: Record, fiscal_year: int | None, window: tuple[datetime.date, datetime.date], s: OcrSettings
) -> tuple[Record, list[str]]:
    """The record with its time frame's misread slots put back (``timeframes``) and its first
    and last day read again from the mended text; kept only where the mended text reads days
    within the report's window (a mended month can turn a misread day into a year of 25xx-31)."""
    if not rec.timeframe:
        return rec, []
    text, changes = mended_timeframe(rec.timeframe, fiscal_year, s)
    if not changes:
        return rec, []
    start, end = parse_timeframe(text, fiscal_year)
    if any(d is not None and not window[0] <= d <= window[1] for d in (start, end)):
        return rec, []
    update = {"timeframe": text, "timeframe_start": start, "timeframe_end": end}
    return rec.model_copy(update=update), [f"timeframe {change}" for change in changes]


def _mended(text: str, s: OcrSettings) -> str:
    """``text`` with marks put back over its whole length, taken stretch by stretch between spaces
    where that reads as words where it did not: a misread elsewhere in the text ("ผู้รับผิดชอบIT")
    does not keep "ประชาสัมพันธุ์" from becoming ประชาสัมพันธ์."""
    new = restore_marks([text], s)[0]
    if new == text:
        return text
    old_parts, new_parts = SPACES.split(text), SPACES.split(new)
    if len(old_parts) != len(new_parts):  # restoring keeps spaces; a text it changed otherwise stays
        return text
    return "".join(
        b if a != b and not a.isspace() and looks_misread(a) and not looks_misread(b) else a
        for a, b in zip(old_parts, new_parts)
    )


def _checked(rec: Record, window: tuple[datetime.date, datetime.date]) -> tuple[Record, list[str]]:
    """The record without an action date outside the report's window or an unknown code."""
    dropped: list[str] = []
    update: dict[str, object] = {}
    kept = [d for d in rec.action_dates if window[0] <= d <= window[1]]
    if len(kept) < len(rec.action_dates):
        outside = [d.isoformat() for d in rec.action_dates if d not in kept]
        dropped.append(f"action date(s) {', '.join(outside)} outside the report's fiscal year")
        update["action_dates"] = kept
    span = (rec.timeframe_start, rec.timeframe_end)
    if any(d is not None and not window[0] <= d <= window[1] for d in span):
        # one end misread makes the other doubtful too: "๓๐" read as a year, the start a day of it
        dropped.append(f"time frame {span[0]} … {span[1]} outside the report's fiscal year")
        update |= {"timeframe_start": None, "timeframe_end": None}
    if rec.indicator and not known_code(rec.indicator):
        dropped.append(f"indicator code {rec.indicator} is in no year's ITA catalogue")
        update["indicator"] = None
    return (rec.model_copy(update=update) if update else rec), dropped


def _stand_ins(rec: Record, window: tuple[datetime.date, datetime.date]) -> tuple[Record, list[str]]:
    """The record with each action date outside the report's window whose year's ๒ or ๐ stood for a
    digit OCR cannot read (``plausible.stand_in_date``) read again inside it: "๒๕๒๕" for ๒๕๖๕."""
    read = [d if window[0] <= d <= window[1] else (stand_in_date(d, window) or d) for d in rec.action_dates]
    if read == rec.action_dates:
        return rec, []
    mended = ", ".join(f"{a.isoformat()} → {b.isoformat()}" for a, b in zip(rec.action_dates, read) if a != b)
    return rec.model_copy(update={"action_dates": read}), [f"action date(s) {mended}: a year's ๒ or ๐ read as the digit it stood for"]


def _notes(rec: Record, changed: list[str], dropped: list[str]) -> list[Notice]:
    """One warning per record and kind of change, listing every field it concerns."""
    name = f"record {rec.row} ({rec.indicator or 'no code'})"
    notes = []
    if changed:
        text = f"{name}: OCR text replaced by a known form: " + "; ".join(changed)
        notes.append(Notice("ocr_text_matched", text, rec.page_start))
    if dropped:
        text = f"{name}: implausible OCR value left out: " + "; ".join(dropped)
        notes.append(Notice("ocr_value_dropped", text, rec.page_start))
    return notes
