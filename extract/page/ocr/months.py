"""Month names OCR misread inside dates, mended where their letters leave one month.

A date's month is short and OCR reads it worst of all: a speck becomes a vowel
(``๒๒ ธิ.ค. ๖๕``, ``๖ ก.ุค ๖๗``, ``๑๔ พ.ุย. ๖๕``), a letter another (``๖ จันว่าคม ๒๕๖๗`` for
ธันวาคม), a mark is added (``มักราคม``), a dot is set apart (``๙ ธ.ค . ๒๕๖๖``). The date is
then no date and the record loses it. But a word standing between a day (1–31) and a
year names a month, and the letters alone (marks, dots and spaces aside) say which: an
abbreviation's letters must be exactly one month's, a full name's within one letter of one
month's. ม.ค. and มี.ค. share their letters (มค), so a word whose letters are มค and that
names neither as printed is left as read; so is anything two months fit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pythainlp.util.date import thai_abbr_months, thai_full_months
from rapidfuzz.distance import Levenshtein

from ...thai.dates import find_thai_dates
from ...thai.letters import unmarked
from .settings import DEFAULT, OcrSettings

DIGIT = "0-9๐-๙"
# a day, the word where a month stands (after an optional เดือน), and a year (two digits, or BE with พ.ศ.)
DATE_GAP = re.compile(
    rf"(?<![{DIGIT}])(?P<day>[{DIGIT}]{{1,2}})\s*(?:เดือน\s*)?"
    rf"(?P<month>[\u0e01-\u0e4e][\u0e01-\u0e4e.\s]{{0,14}}?)\s*"
    rf"(?P<year>(?:พ\s?\.?\s?ศ\s?\.?\s*)?(?:[{DIGIT}]{{4}}|[{DIGIT}]{{2}}))(?![{DIGIT}])"
)
TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def letters_of(word: str) -> str:
    """A month word's letters: no marks, dots or spaces, SARA AM as SARA AA. ``"ธิ.ค."`` → ``"ธค"``."""
    return re.sub(r"[\s.]", "", unmarked(word.replace("\u0e33", "\u0e32")))


@lru_cache(maxsize=1)
def _months() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(letters, printed form) of the twelve abbreviations, and of the twelve full names."""
    abbrs = tuple((letters_of(a), a) for a in thai_abbr_months)
    fulls = tuple((letters_of(f), f) for f in thai_full_months)
    return abbrs, fulls


def month_form(word: str, s: OcrSettings = DEFAULT) -> str | None:
    """The month a misread month word names, as it is printed, when exactly one fits; else None.

    ``month_form("ก.ุค")`` → ``"ก.ค."``; ``month_form("จันว่าคม")`` → ``"ธันวาคม"``;
    ``month_form("มิค")`` → None (ม.ค. or มี.ค.), but ``month_form("มี. ค .")`` → ``"มี.ค."``: with its
    dots, as printed, it is one.
    """
    compact = re.sub(r"\s", "", word)  # a dot set apart ("มี. ค .") names its month as printed
    printed = [a for a in thai_abbr_months if compact in (a, a[:-1])]
    if printed:
        return printed[0]
    read = letters_of(word)
    if not read:
        return None
    abbrs, fulls = _months()
    fits = {form for letters, form in abbrs if letters == read}
    if not fits and len(read) >= s.month_min_letters:
        edits = s.month_edits
        fits = {form for letters, form in fulls if Levenshtein.distance(read, letters, score_cutoff=edits) <= edits}
    return fits.pop() if len(fits) == 1 else None


# an abbreviation of a date (a month, พ.ศ., ค.ศ.) whose closing dot OCR lost, before a number
ERAS = ("พ.ศ.", "ค.ศ.")


@lru_cache(maxsize=1)
def _open_abbreviation() -> re.Pattern[str]:
    forms = sorted((a[:-1] for a in (*thai_abbr_months, *ERAS)), key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\u0e01-\u0e4e.])(?P<form>{alternatives})(?![\u0e01-\u0e4e.])(?=\s*[{DIGIT}])")


def closed_abbreviations(text: str) -> tuple[str, list[str]]:
    """``text`` with the closing dot a date's abbreviation lost before its number put back, and
    what was changed. The dot is the faintest ink of a date and sits at the gap OCR reads as a
    space: ``"๒๒ ม.ค ๒๕๖๗"`` → ``"๒๒ ม.ค. ๒๕๖๗"``, ``"พ.ศ ๒๕๖๕"`` → ``"พ.ศ. ๒๕๖๕"``; ``"มี.ค"`` is
    not taken for ม.ค (a letter before it)."""
    changes: list[str] = []

    def closed(m: re.Match[str]) -> str:
        changes.append(f"{m['form']} → {m['form']}.")
        return m["form"] + "."

    return _open_abbreviation().sub(closed, text), changes


def mended_months(text: str, s: OcrSettings = DEFAULT) -> tuple[str, list[str]]:
    """``text`` with each misread month between a day and a year put right, and what was changed
    (``"ธิ.ค. → ธ.ค."``). Dates that read already, and words no single month fits, stay."""
    out, changes, last = [], [], 0
    for m in DATE_GAP.finditer(text):
        if not 1 <= int(m["day"].translate(TO_ARABIC)) <= 31 or find_thai_dates(m.group(0)):
            continue
        word = m["month"].strip()
        form = month_form(word, s)
        if form is None or form == word:
            continue
        start = m.start("month") + m["month"].index(word)
        out.append(text[last:start] + form)
        last = start + len(word)
        changes.append(f"{word} → {form}")
    return "".join(out) + text[last:], changes
