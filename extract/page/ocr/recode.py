"""Indicator codes OCR misread, given back by the official wording of the question after them.

A record's code is its key: with it lost the record loses its tool and indicator, and the
scorer and the analyst cannot line it up with last year's results. OCR reads a code worst of
all: its letter lost ("๑๓ ท่านได้รับ…" for I๑๓) or read as a digit ("612" for E12), its digits
Tesseract cannot output (``digits``: ๔ ๖ ๗ ๘ ๙) read as others or as letters, "ข้อ" before it
read apart. But the question's official wording follows the code in the issue cell, and that
wording belongs to one code a year (``lexicon``): where exactly one code's wording fits the text
after the misread token, and the digits read agree with its number, the code is given back and
the warning says from what. Used by ``records.correct_records`` on OCR pages only.
"""

from __future__ import annotations

import re

from ....schema import Record
from ...thai.codes import MAX_QUESTION, tool_of
from ...thai.repair import to_arabic_digits
from .digits import UNREADABLE
from .lexicon import Match, closest, key, lexicon, questions, respaced, similarity
from .settings import OcrSettings

# An issue opening with a bare question number: its code's letter lost to OCR ("๑๓ ท่านได้รับ…" for "I๑๓ …").
# Or its letter read as a digit ("612" for "E12": 6 for E, 0 for O, 1 for I). Or, printed in brackets, its
# opening bracket and letter lost: "๑๘) การบริหาร…" for "(I๑๘) การบริหาร…" (unseen scan syn00205).
BARE_CODE = re.compile(r"^\s*([0-9๐-๙]{1,3})\s*\)?\s*(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
LETTER_AS_DIGIT = {"6": "E", "0": "O", "1": "I"}

def coded(rec: Record, fiscal_year: int | None, s: OcrSettings) -> tuple[Record, list[str]]:
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
STAND_INS = frozenset("025")  # what it reads them as (๒ ๐, and ๕ for ๔); ๑ and ๓ it reads as what they are


def _cuts(issue: str) -> tuple[list[int], str]:
    """Where a misread code may end at the start of ``issue``, and the digits read where it stands:
    after "ข้อ" (``CODE_WORD``) and a code-like token, any of the token's characters; after a
    code-like token, any of the first eight; or the ends of up to three short words that hold a
    code's evidence (``CODE_WORDS``)."""
    word = CODE_WORD.match(issue)
    after = word.end() if word and MISREAD_OPENING.match(issue[word.end():]) else 0
    if ITEM_OPENING.match(issue[after:]):
        return [], ""
    if after or MISREAD_OPENING.match(issue):
        return list(range(1, after + TOKEN_CHARS + 1)), _digits_in(issue[after : after + TOKEN_CHARS])
    words = CODE_WORDS.match(issue)
    if words is None or len(words.group(0).strip()) > 9 or not CODE_EVIDENCE.search(words.group(0)):
        return [], ""
    return [m.end() for m in re.finditer(r"\S+\s+", words.group(0))], _digits_in(words.group(0))


def _digits_in(text: str) -> str:
    return re.sub(r"\D", "", to_arabic_digits(text))


def _may_be(digits: str, code: str, exact: bool) -> bool:
    """True when the digits read in a misread code hold ``code``'s number or are part of it; or, not ``exact``, when
    as many of them differ only where the number has a digit Tesseract cannot output, read as one
    of its stand-ins ("2" for 6, "5" for 4), the first of them maybe the code's letter read as a
    digit ("6ธผ่" for E๙: 6 for E, and ๙ read as letters)."""
    number = code[1:]
    if number in digits or digits in number:  # read whole, or a digit lost ("๖" for ๒๖)
        return True
    if exact:
        return False
    if digits[:1] and LETTER_AS_DIGIT.get(digits[0]) == code[0] and (len(digits) == 1 or _may_be(digits[1:], code, False)):
        return True
    return any(all(a == b or (b in UNREADABLE and a in STAND_INS) for a, b in zip(digits[i : i + len(number)], number))
               for i in range(len(digits) - len(number) + 1))
# "ข้อ" printed before a code ("ข้อ I๓"), as OCR reads it with its marks lost or misread ("ขอ", "ข่อที"):
# the misread code is the token after it, read apart ("ข้อ โ ๓", "ข้อ 1 ไ ๒๓": devs7n scan syn00029)
CODE_WORD = re.compile(r"^\s*ข[\u0e48\u0e49]?อ(?:ท[\u0e34\u0e35]?[\u0e48\u0e49]?)?(?![\u0e01-\u0e2e])\s*")
TOKEN_CHARS = 8  # characters a misread code and the spaces OCR read inside and after it span ("(อ ๑๕) ")


def _misread_coded(rec: Record, fiscal_year: int | None, s: OcrSettings) -> tuple[Record, list[str]]:
    """A record whose issue opens with a code OCR misread past reading ("ธ5", "บ11", "(อ ๑๕)",
    "Ell", "9๑๖", "ข้อ โ ๓"): the question wording after it, close to exactly one code's
    (``match_question``), gives the code; digits read in the opening, if any, must be the code's
    number, or part of it (a digit lost: "ต ๖" for "I๒๖"), or failing any such, the number as OCR
    may misread it (``_may_be``)."""
    issue = rec.issue or ""
    cuts, digits = _cuts(issue)
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
