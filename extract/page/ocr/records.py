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
from ...thai.codes import MAX_QUESTION, tool_of
from ...thai.dates import find_thai_dates
from ...thai.repair import to_arabic_digits
from ...thai.status import status_of
from .lexicon import (
    Match,
    closest,
    key,
    known,
    lexicon,
    looks_misread,
    match_units,
    questions,
    repeated_forms,
    respaced,
    similarity,
)
from .months import closed_abbreviations, mended_months
from .plausible import checked_period, date_window, known_code
from .settings import DEFAULT, OcrSettings
from .vocabulary import document_words, voted
from .words import restore_marks

LIST_FIELDS = ("measures", "monitoring", "actions")
# An issue opening with a bare question number: its code's letter lost to OCR ("๑๓ ท่านได้รับ…" for "I๑๓ …").
# Or its letter read as a digit ("612" for "E12": 6 for E, 0 for O, 1 for I). Or, printed in brackets, its
# opening bracket and letter lost: "๑๘) การบริหาร…" for "(I๑๘) การบริหาร…" (unseen scan syn00205).
BARE_CODE = re.compile(r"^\s*([0-9๐-๙]{1,3})\s*\)?\s*(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
LETTER_AS_DIGIT = {"6": "E", "0": "O", "1": "I"}
SPACES = re.compile(r"(\s+)")  # split keeping the spaces: stretches between them, and the spaces


def correct_records(
    records: list[Record],
    document: Document,
    ocr_pages: Sequence[int],
    today: datetime.date | None = None,
    s: OcrSettings = DEFAULT,
) -> tuple[list[Record], Document, list[Notice]]:
    """The records and document with OCR's text checked; nothing changes without OCR pages."""
    if not ocr_pages:
        return records, document, []
    today = today or datetime.date.today()
    pages = set(ocr_pages)
    ocr = [r for r in records if r.page_start in pages]
    document, notes = _checked_document(document, ocr, today, s)
    repeats = repeated_forms([item for r in ocr for f in LIST_FIELDS for item in getattr(r, f)], s)
    words = document_words([text for r in ocr for text in _texts(r)], s)
    phrases = known("phrase")
    window = date_window(document.fiscal_year, today, s)
    out = []
    for rec in records:
        if rec.page_start in pages:
            rec, coded = _coded(rec, document.fiscal_year, s)
            rec, changed = _corrected(rec, document.fiscal_year, repeats, phrases, s)
            rec, mended = _voted(rec, words)
            rec, dated = _dated(rec, s)
            changed = coded + changed + mended + dated
            rec, dropped = _checked(rec, window)
            notes += _notes(rec, changed, dropped)
        out.append(rec)
    return out, document, notes


def _checked_document(
    document: Document, records: list[Record], today: datetime.date, s: OcrSettings
) -> tuple[Document, list[Notice]]:
    """The title block with an implausible fiscal year replaced or emptied (``plausible``)."""
    dates = [d for r in records for d in r.action_dates]
    found = checked_period(document.fiscal_year, document.round_months, dates, today, s)
    if found is None:
        return document, []
    year, period, why = found
    start, end = period or (None, None)
    page = records[0].page_start if records else 1
    update = {"fiscal_year": year, "period_start": start, "period_end": end}
    return document.model_copy(update=update), [Notice("ocr_value_dropped", why, page)]


def _coded(rec: Record, fiscal_year: int | None, s: OcrSettings) -> tuple[Record, list[str]]:
    """A record whose code lost its letter, or had it read as a digit: the number and the official
    wording of exactly one question give the code back (and the wording, as for any issue)."""
    m = BARE_CODE.match(rec.issue or "")
    if not rec.indicator and m is None:
        return _misread_coded(rec, fiscal_year, s)
    if rec.indicator:
        return _recoded(rec, fiscal_year, s)
    if m is None:
        return rec, []
    digits, rest = to_arabic_digits(m.group(1)), rec.issue[m.end():]
    found = {}
    for code in _codes_for(digits):
        forms = questions(code, fiscal_year, s)
        if match := Match(rest, 1.0) if rest in forms else closest(rest, forms, s.match_question, s):
            found[code] = match
    if len(found) != 1:
        return rec, []
    (code, match), = found.items()
    update = {"indicator": code, "tool": tool_of(code), "issue": respaced(match.text, rest)}
    return rec.model_copy(update=update), [
        f"indicator = {code}: {m.group(1).strip()} and the official wording of {code} (similarity {match.similarity:.2f})"
    ]


# An issue opening with a short token holding a digit or a Latin letter: a code misread ("ธ5", "(อ ๑๕)"),
# unless it is an item number ("1.", "(๒)").
MISREAD_OPENING = re.compile(r"^\s*[\[(]?\S{0,3}\s?[0-9๐-๙A-Za-z]")
ITEM_OPENING = re.compile(r"^\s*\(?[0-9๐-๙]{1,2}\s*[.)]")
# "ข้อ" printed before a code ("ข้อ I๓"), as OCR reads it with its marks lost or misread ("ขอ", "ข่อที"):
# the misread code is the token after it, read apart ("ข้อ โ ๓", "ข้อ 1 ไ ๒๓": devs7n scan syn00029)
CODE_WORD = re.compile(r"^\s*ข[\u0e48\u0e49]?อ(?:ท[\u0e34\u0e35]?[\u0e48\u0e49]?)?(?![\u0e01-\u0e2e])\s*")
TOKEN_CHARS = 8  # characters a misread code and the spaces OCR read inside and after it span ("(อ ๑๕) ")


def _misread_coded(rec: Record, fiscal_year: int | None, s: OcrSettings) -> tuple[Record, list[str]]:
    """A record whose issue opens with a code OCR misread past reading ("ธ5", "บ11", "(อ ๑๕)",
    "Ell"): the question wording after it, close to exactly one code's (``match_question``), gives
    the code; digits read in the token, if any, must hold the code's number or be part of it (a
    digit lost: "ต ๖" for "I๒๖")."""
    issue = rec.issue or ""
    word = CODE_WORD.match(issue)
    after = word.end() if word and MISREAD_OPENING.match(issue[word.end():]) else 0
    if (not MISREAD_OPENING.match(issue) and not after) or ITEM_OPENING.match(issue[after:]):
        return rec, []
    digits = re.sub(r"\D", "", to_arabic_digits(issue[after : after + TOKEN_CHARS]))
    best: dict[str, tuple[float, int, str]] = {}
    for k in range(1, after + TOKEN_CHARS + 1):
        rest = issue[k:].strip()
        for code, text in _questions_near(fiscal_year, s):
            if digits and code[1:] not in digits and digits not in code[1:]:
                continue
            score = similarity(key(rest), key(text))
            if score >= s.match_question and score > best.get(code, (0.0, 0, ""))[0]:
                best[code] = (score, k, text)
    if len(best) != 1:
        return rec, []
    (code, (score, k, text)), = best.items()
    update = {"indicator": code, "tool": tool_of(code), "issue": respaced(text, issue[k:])}
    return rec.model_copy(update=update), [
        f"indicator = {code}: {issue[:k].strip()!r} and the official wording of {code} (similarity {score:.2f})"
    ]


def _recoded(rec: Record, fiscal_year: int | None, s: OcrSettings) -> tuple[Record, list[str]]:
    """A code read whole but wrong in one part, its letter or its number ("O5" for "E5", "E5" for "E9",
    "O๑ ร" for "O๑๐": devsc scan syn00004, devs7n scans syn00029, syn00049; a misread code is no
    record of the truth's): the issue fits none of its wordings (``match_question``) and fits those of
    exactly one code with the same letter or the same number. An issue fitting no question is left."""
    issue, read = key(rec.issue or ""), rec.indicator or ""
    forms = questions(read, fiscal_year, s)
    if not issue or not forms or max(similarity(issue, key(f)) for f in forms) >= s.match_question:
        return rec, []
    best: dict[str, tuple[float, str]] = {}
    for code, text in _questions_near(fiscal_year, s):
        if code != read and (code[0] == read[0] or code[1:] == read[1:]):
            score = similarity(issue, key(text))
            if score >= s.match_question and score > best.get(code, (0.0, ""))[0]:
                best[code] = (score, text)
    if len(best) != 1:
        return rec, []
    (code, (score, text)), = best.items()
    update = {"indicator": code, "tool": tool_of(code), "issue": respaced(text, rec.issue or "")}
    return rec.model_copy(update=update), [
        f"indicator = {code}, not {read} as read: the issue is the official wording of {code} (similarity {score:.2f})"
    ]


def _questions_near(fiscal_year: int | None, s: OcrSettings) -> list[tuple[str, str]]:
    """(code, official wording) of every question of the years near the report's."""
    codes = dict.fromkeys(f.code for f in lexicon() if f.kind == "question")
    return [(code, text) for code in codes for text in questions(code, fiscal_year, s)]


def _codes_for(digits: str) -> list[str]:
    """The codes a number printed where a code stands may be: any tool's question of that
    number (the letter lost), the rest of it with its first digit a misread letter, or, a digit
    lost with the letter, a number holding it ("๓" for "E๑๓": fresh scan syn00470)."""
    codes = [f"{letter}{int(digits)}" for letter in "EIO"] if len(digits) <= 2 else []
    if len(digits) >= 2 and digits[0] in LETTER_AS_DIGIT and digits[1] != "0":
        codes.append(f"{LETTER_AS_DIGIT[digits[0]]}{int(digits[1:])}")
    if len(digits) == 1:
        codes += [f"{letter}{n}" for letter, top in MAX_QUESTION.items() for n in range(10, top + 1) if digits in str(n)]
    return codes


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
    """A record's free text: issue, responsible and every list item."""
    return [t for t in (rec.issue, rec.responsible) if t] + [item for f in LIST_FIELDS for item in getattr(rec, f)]


def _voted(rec: Record, words: frozenset[str]) -> tuple[Record, list[str]]:
    """The record with words read one edit off a word the report reads right elsewhere mended
    (``vocabulary.voted``): ``ครับถ้วน`` where the report prints ครบถ้วน in other rows."""
    return _each_text(rec, lambda item: voted(item, words), "a word the report reads the same way elsewhere")


def _each_text(rec: Record, mend: Callable[[str], str], why: str) -> tuple[Record, list[str]]:
    """The record with ``mend`` applied to its issue, responsible and every list item, and a line
    per text it changed saying ``why``."""
    update: dict[str, object] = {}
    changed: list[str] = []
    for field in ("issue", "responsible", *LIST_FIELDS):
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
    if rec.indicator and not known_code(rec.indicator):
        dropped.append(f"indicator code {rec.indicator} is in no year's ITA catalogue")
        update["indicator"] = None
    return (rec.model_copy(update=update) if update else rec), dropped


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
