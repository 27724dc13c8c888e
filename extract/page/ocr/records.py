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
from ...thai.codes import tool_of
from ...thai.dates import find_thai_dates
from ...thai.repair import to_arabic_digits
from ...thai.status import status_of
from ...thai.timeframe import parse_timeframe
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
from .plausible import checked_period, date_window, known_code, unread_period
from .settings import DEFAULT, OcrSettings
from .timeframes import mended_timeframe
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
            rec, coded = _coded(rec, document.fiscal_year, s)
            rec, changed = _corrected(rec, document.fiscal_year, repeats, phrases, s)
            rec, mended = _voted(rec, words)
            rec, dated = _dated(rec, s)
            rec, timed = _timed(rec, document.fiscal_year, window, s)
            changed = coded + changed + mended + dated + timed
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
    if document.fiscal_year is None and year_cut:
        printed = [d for r in records for d in parse_timeframe(r.timeframe, None) if d is not None]
        found = unread_period(document.round_months, dates + printed, today, s)
        code = "fiscal_year_unread"
    else:
        found = checked_period(document.fiscal_year, document.round_months, dates, today, s)
        code = "ocr_value_dropped"
    if found is None:
        return document, []
    year, period, why = found
    start, end = period or (None, None)
    page = records[0].page_start if records else 1
    update = {"fiscal_year": year, "period_start": start, "period_end": end}
    return document.model_copy(update=update), [Notice(code, why, page)]


def _reframed(rec: Record, fiscal_year: int | None) -> Record:
    """The record's time frame read again under the fiscal year OCR's check settled on: quarters
    and months printed without a year depend on it."""
    start, end = parse_timeframe(rec.timeframe, fiscal_year)
    if (start, end) == (rec.timeframe_start, rec.timeframe_end):
        return rec
    return rec.model_copy(update={"timeframe_start": start, "timeframe_end": end})


def _coded(rec: Record, fiscal_year: int | None, s: OcrSettings) -> tuple[Record, list[str]]:
    """A record whose code lost its letter, or had it read as a digit: the number and the official
    wording of exactly one question give the code back (and the wording, as for any issue)."""
    m = BARE_CODE.match(rec.issue or "")
    if not rec.indicator and m is None:
        return _misread_coded(rec, fiscal_year, s)
    if rec.indicator or m is None:
        return rec, []
    digits, rest = to_arabic_digits(m.group(1)), rec.issue[m.end():]
    found = {}
    for code in _codes_for(digits):
        forms = questions(code, fiscal_year, s)
        if match := Match(rest, 1.0) if rest in forms else closest(rest, forms, s.match_question, s):
            found[code] = match
    if len(found) != 1:  # the number itself misread ("๒" for ๖, "9๑๖" for O๑๖): the wording may tell
        return _misread_coded(rec, fiscal_year, s) if not found else (rec, [])
    (code, match), = found.items()
    update = {"indicator": code, "tool": tool_of(code), "issue": respaced(match.text, rest)}
    return rec.model_copy(update=update), [
        f"indicator = {code}: {m.group(1).strip()} and the official wording of {code} (similarity {match.similarity:.2f})"
    ]


# An issue opening with a short token holding a digit or a Latin letter: a code misread ("ธ5", "(อ ๑๕)"),
# unless it is an item number ("1.", "(๒)").
MISREAD_OPENING = re.compile(r"^\s*[\[(]?\S{0,3}\s?[0-9๐-๙A-Za-z]")
ITEM_OPENING = re.compile(r"^\s*\(?[0-9๐-๙]{1,2}\s*[.)]")
# Or with up to three short words, nine characters in all, one of them holding what only a code has
# there: a digit, a Latin letter, a bracket, or a letter Tesseract gives a Thai digit it cannot
# output ("ข่อ,O๑ ", "ขอ อ ๑๖ ", "(ธิ ฆ) " for (E๗), "6ธผ่ " for E๙); the cut is at a word's end.
CODE_WORDS = re.compile(r"^\s*(?:\S{1,6}\s+){1,3}")
CODE_EVIDENCE = re.compile(r"[0-9๐-๙A-Za-z()\[\]]|[ฆฒ]")
UNREADABLE = frozenset("46789")  # digits Tesseract's Thai model cannot output (``digits``): read as others
STAND_INS = frozenset("025")  # what it reads them as (๒ ๐, and ๕ for ๔); ๑ and ๓ it reads as what they are


def _cuts(issue: str) -> list[int]:
    """Where a misread code may end at the start of ``issue``: any of its first eight characters
    after a code-like token, or the ends of up to three short words that hold a code's evidence."""
    if ITEM_OPENING.match(issue):
        return []
    if MISREAD_OPENING.match(issue):
        return list(range(1, 9))
    words = CODE_WORDS.match(issue)
    if words is None or len(words.group(0).strip()) > 9 or not CODE_EVIDENCE.search(words.group(0)):
        return []
    return [m.end() for m in re.finditer(r"\S+\s+", words.group(0))]


def _may_be(digits: str, code: str, exact: bool) -> bool:
    """True when the digits read in a misread code hold ``code``'s number; or, not ``exact``, when
    as many of them differ only where the number has a digit Tesseract cannot output, read as one
    of its stand-ins ("2" for 6, "5" for 4), the first of them maybe the code's letter read as a
    digit ("6ธผ่" for E๙: 6 for E, and ๙ read as letters)."""
    number = code[1:]
    if number in digits:
        return True
    if exact:
        return False
    if digits[:1] and LETTER_AS_DIGIT.get(digits[0]) == code[0] and (len(digits) == 1 or _may_be(digits[1:], code, False)):
        return True
    return any(all(a == b or (b in UNREADABLE and a in STAND_INS) for a, b in zip(digits[i : i + len(number)], number))
               for i in range(len(digits) - len(number) + 1))


def _misread_coded(rec: Record, fiscal_year: int | None, s: OcrSettings) -> tuple[Record, list[str]]:
    """A record whose issue opens with a code OCR misread past reading ("ธ5", "บ11", "(อ ๑๕)",
    "Ell", "9๑๖"): the question wording after it, close to exactly one code's (``match_question``),
    gives the code; digits read in the opening, if any, must be the code's number as OCR may read it."""
    issue = rec.issue or ""
    cuts = _cuts(issue)
    digits = re.sub(r"\D", "", to_arabic_digits(issue[: max(cuts, default=0)]))
    best = _wordings_after(issue, cuts, digits, True, fiscal_year, s)
    if not best:  # no code's number read as printed: one read as OCR misreads it
        best = _wordings_after(issue, cuts, digits, False, fiscal_year, s)
    if len(best) != 1:
        return rec, []
    (code, (score, k, text)), = best.items()
    update = {"indicator": code, "tool": tool_of(code), "issue": respaced(text, issue[k:])}
    return rec.model_copy(update=update), [
        f"indicator = {code}: {issue[:k].strip()!r} and the official wording of {code} (similarity {score:.2f})"
    ]


def _wordings_after(
    issue: str, cuts: list[int], digits: str, exact: bool, fiscal_year: int | None, s: OcrSettings
) -> dict[str, tuple[float, int, str]]:
    """Code → (similarity, cut, wording) of the official wordings close to the issue after a cut,
    for the codes the digits read may be (``_may_be``)."""
    best: dict[str, tuple[float, int, str]] = {}
    for k in cuts:
        rest = issue[k:].strip()
        for code, text in _questions_near(fiscal_year, s):
            if digits and not _may_be(digits, code, exact):
                continue
            score = similarity(key(rest), key(text))
            if score >= s.match_question and score > best.get(code, (0.0, 0, ""))[0]:
                best[code] = (score, k, text)
    return best


def _questions_near(fiscal_year: int | None, s: OcrSettings) -> list[tuple[str, str]]:
    """(code, official wording) of every question of the years near the report's."""
    codes = dict.fromkeys(f.code for f in lexicon() if f.kind == "question")
    return [(code, text) for code in codes for text in questions(code, fiscal_year, s)]


def _codes_for(digits: str) -> list[str]:
    """The codes a number printed where a code stands may be: any tool's question of that
    number (the letter lost), or the rest of it with its first digit a misread letter."""
    codes = [f"{letter}{int(digits)}" for letter in "EIO"] if len(digits) <= 2 else []
    if len(digits) >= 2 and digits[0] in LETTER_AS_DIGIT and digits[1] != "0":
        codes.append(f"{LETTER_AS_DIGIT[digits[0]]}{int(digits[1:])}")
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
