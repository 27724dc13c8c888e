"""Thai OCR text: the small marks OCR loses put back where the dictionary says they belong.

Tesseract's Thai model reads consonants well but loses the small marks around them —
tone marks, thanthakhat, the vowels above and below the line — whenever they are faint,
touch a ruling line, or are drawn off their letter (as unshaped PDF text often is):
``เจาหนาที`` for ``เจ้าหน้าที่``, ``หรอวธ`` for ``หรือวิธี``. Which marks a word takes is
not free, though: ``หนวยงาน`` is nothing, ``หน่วยงาน`` a word. So each run of Thai letters
is segmented into dictionary words *ignoring* those marks (pythainlp's word list; the most
probable segmentation by Thai National Corpus frequencies), and each word found takes the
marks of its dictionary form. Marks OCR did read are ink and stay (or, at a cost, become
another of their kind); letters no dictionary word covers keep what OCR read.

The text repair every extracted text goes through (``thai.repair_thai_text``) runs
later as usual; this step only knows what OCR gets wrong.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ...thai.dictionary import corpus_counts, word_set
from .settings import DEFAULT, OcrSettings

# What OCR loses or misreads above and below the letters: tone marks, thanthakhat, the vowels
# above (maitaikhu and nikhahit with them) and below the line. A word is looked up without
# them, and SARA AM as SARA AA (OCR often misses AM's small circle).
TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
KARAN = frozenset("\u0e4c")
UPPER_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4d")
LOWER = frozenset("\u0e38\u0e39")
MARKS = TONES | KARAN | UPPER_VOWELS | LOWER
NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
KEY = str.maketrans({"\u0e33": "\u0e32"})
DICTIONARY_SLACK = 4  # letters: dictionary words up to max_word + this are kept (marks counted in)


STRAY = frozenset(",'`\u2018\u2019\"|_~^")  # what specks and displaced marks are read as


def is_stray(word: str) -> bool:
    """An OCR word that is only a speck: a lone comma, quote or bar (Thai text uses none alone)."""
    return bool(word) and len(word) <= 2 and all(ch in STRAY for ch in word)


def _is_thai_letter(ch: str) -> bool:
    """Thai consonants, vowels and marks; not Thai digits or punctuation (ฯ ๆ ๏ ๚ ๛)."""
    return "\u0e01" <= ch <= "\u0e4e" and ch not in "\u0e2f\u0e46"


def bare(word: str) -> str:
    """A word as looked up: its letters, no marks. ``bare("หน่วยงาน")`` → ``"หนวยงาน"``."""
    return "".join(ch for ch in word if ch not in MARKS).translate(KEY)


@lru_cache(maxsize=2)
def _forms(max_len: int = DEFAULT.max_word + DICTIONARY_SLACK) -> dict[str, tuple[tuple[str, int], ...]]:
    """Dictionary words by their bare form, each with its corpus frequency, commonest first."""
    freq = corpus_counts()
    out: dict[str, list[tuple[str, int]]] = {}
    # In the word list's file order: forms as common as each other keep that order (the sort below
    # is stable). Read from a set, their order, and so the form chosen, changed with the process's
    # string hashes: "ทกคน" came back as ทุกคน in one run and ทุกคืน in the next.
    for word in word_set():
        if 2 <= len(word) <= max_len and all(_is_thai_letter(ch) for ch in word):
            out.setdefault(bare(word), []).append((word, freq.get(word, 0)))
    return {k: tuple(sorted(v, key=lambda wf: -wf[1])) for k, v in out.items()}


def best_form(read: str, s: OcrSettings = DEFAULT) -> str | None:
    """The dictionary form of a word OCR read as ``read``, or None when no word fits.

    ``best_form("หนวยงาน")`` → ``"หน่วยงาน"``; ``best_form("ทาน")`` → ``"ท่าน"`` (ten times
    commoner); ``best_form("ขอ")`` → ``"ขอ"`` (as common as ``ข้อ``: OCR's reading stands).
    """
    return best_form_freq(read, s)[0] if bare(read) in _forms(s.max_word + DICTIONARY_SLACK) else None


def best_form_freq(read: str, s: OcrSettings = DEFAULT) -> tuple[str, int]:
    """``best_form`` with its corpus frequency; ``read`` must have a dictionary form.

    A word read as it is spelt stays unless the commonest form is ``keep_factor`` times commoner,
    and as many times again as the odds against the marks it read being misread ones
    (``_keep_odds``): ยืม (borrow) read whole stays though ยิ้ม (smile) is 8 times commoner (its
    SARA UE a misread SARA I: 9 times needed); เป็ด becomes เปิด, 24 times commoner.

    With ``s.read_aa_stays`` (a page whose SARA AM OCR reads whole, ``am_read_whole``) a word read
    with SARA AA keeps it: ``ทา`` at a cell's wrap is the start of ทาง, not ทำ, ten times commoner.
    """
    forms = _forms(s.max_word + DICTIONARY_SLACK)[bare(read)]
    as_read = next((f for w, f in forms if w == read), None)
    if as_read is not None and s.read_aa_stays:  # the page reads SARA AM whole: its AA is an AA
        forms = tuple(wf for wf in forms if wf[0].count(SARA_AM) == read.count(SARA_AM))
    top, top_freq = forms[0]
    if as_read is not None and top_freq <= _keep_odds(read, top, s) * max(as_read, 1):
        return read, as_read
    return top, top_freq


def _keep_odds(read: str, form: str, s: OcrSettings) -> float:
    """How many times commoner ``form`` must be to replace the word ``read``: ``keep_factor``, times
    the odds against each mark OCR read being another of its kind (``swap_cost`` a mark, where
    ``edit_cost`` allows it). A mark missed is no such evidence: OCR loses marks all the time."""
    units, others = _units_of(read), _units_of(form)
    if len(units) != len(others) or edit_cost(units, others, s) is None:
        return s.keep_factor
    swaps = sum(bool(r & kind) and bool(f & kind) and r & kind != f & kind
                for r, f in ((set(u[1:]), set(o[1:])) for u, o in zip(units, others)) for kind in (TONES, UPPER_VOWELS))
    return s.keep_factor * math.exp(s.swap_cost * swaps)


@lru_cache(maxsize=2)
def _total(max_len: int) -> int:
    return sum(f for forms in _forms(max_len).values() for _, f in forms) + 1


def restore_run(units: list[str], s: OcrSettings = DEFAULT) -> list[str]:
    """One run of Thai letters as units (a letter and the marks after it) with marks restored.

    A most-probable segmentation (unigram word model, Thai National Corpus counts) over
    the letters with their marks ignored: each word scores its log frequency, less a
    little when its marks differ from what OCR read; a letter no word covers scores less
    than any word and stays as read.
    """
    n = len(units)
    letters = [u[0] for u in units]
    forms = _forms(s.max_word + DICTIONARY_SLACK)
    total = _total(s.max_word + DICTIONARY_SLACK)
    unknown = -math.log(total) - s.unknown_cost
    score = [0.0] + [float("-inf")] * n
    back: list[tuple[int, str | None]] = [(0, None)] * (n + 1)
    for i in range(n):
        if score[i] + unknown > score[i + 1]:  # this letter as read
            score[i + 1], back[i + 1] = score[i] + unknown, (i, None)
        for j in range(i + 1, min(n, i + s.max_word) + 1):
            key = "".join(letters[i:j]).translate(KEY)
            if key not in forms or (j == i + 1 and len(units[i]) == 1):
                continue  # a lone bare letter is no word to correct: anything would fit it
            form, freq = best_form_freq("".join(units[i:j]), s)
            cost = edit_cost(units[i:j], _units_of(form), s)
            if cost is None or (j == i + 1 and not set(units[i]) <= set(form)):
                continue  # a one-letter word only gains marks: "ที" → "ที่", never "กู" → "ก็"
            value = score[i] + math.log((freq + 1) / total) - cost
            if value > score[j]:
                score[j], back[j] = value, (i, form)
    out: list[str] = []
    j = n
    while j > 0:
        i, form = back[j]
        out[:0] = _units_of(form) if form is not None else units[i:j]
        j = i
    return out


def edit_cost(read: list[str], form: list[str], s: OcrSettings = DEFAULT) -> float | None:
    """What turning OCR's units into a dictionary form's costs, or None when it may not.

    A mark OCR did not see is often there (faint, off its letter): adding one is cheap.
    A mark OCR did see is real ink: never removed, though read as another of its kind
    (่ for ้, ิ for ี) at a cost; a vowel below the line may be a speck and may go, at
    a higher cost, but not move to another letter. SARA AA for SARA AM costs like a swap.
    """
    cost = 0.0
    lower_moved = [0, 0]  # vowels below the line dropped, added: both is a vowel moved, not a speck
    for r, f in zip(read, form):
        cost += s.swap_cost * (r[0] != f[0])
        r_marks, f_marks = set(r[1:]), set(f[1:])
        for kind, add in ((TONES, s.add_cost), (UPPER_VOWELS, s.add_vowel_cost), (KARAN, s.add_cost)):
            r_k, f_k = r_marks & kind, f_marks & kind
            if r_k == f_k:
                continue
            if not r_k:
                cost += add * len(f_k)
            elif len(r_k) == len(f_k) == 1 and kind is not KARAN:
                cost += s.swap_cost
            else:
                return None
        r_low, f_low = r_marks & LOWER, f_marks & LOWER
        cost += s.add_cost * len(f_low - r_low) + s.drop_cost * len(r_low - f_low)
        lower_moved[0] += len(r_low - f_low)
        lower_moved[1] += len(f_low - r_low)
    return None if all(lower_moved) else cost


def _units_of(word: str) -> list[str]:
    units: list[str] = []
    for ch in word:
        if ch in MARKS and units:
            units[-1] += ch
        else:
            units.append(ch)
    return units


def restore_marks(pieces: list[str], s: OcrSettings = DEFAULT) -> list[str]:
    """OCR words of one line with lost marks restored; each piece keeps its own letters.

    Thai OCR words are syllables or single letters, so a dictionary word spans several
    pieces: the line is restored as one text and its letters handed back to the pieces
    they came from (a restored mark goes with its letter; a piece that was only a mark
    may end up empty). ``restore_marks(["เจา", "หนา", "ที"])`` → ``["เจ้า", "หน้า", "ที่"]``.
    """
    flat = _normalise([(ch, k) for k, piece in enumerate(pieces) for ch in piece])
    units: list[tuple[str, int]] = []  # (letter + marks, piece of the letter)
    for ch, k in flat:
        if ch in MARKS and units and _is_thai_letter(units[-1][0][0]):
            units[-1] = (units[-1][0] + ch, units[-1][1])
        else:
            units.append((ch, k))
    out = [""] * len(pieces)
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and _is_thai_letter(units[j][0][0]):
            j += 1
        if j == i:
            out[units[i][1]] += units[i][0]
            i += 1
            continue
        dotted = j < len(units) and units[j][0] == "."
        restored = _restored_run([u for u, _ in units[i:j]], dotted, s)
        for (_, k), text in zip(units[i:j], restored):
            out[k] += text
        i = j
    return out


def _restored_run(run: list[str], dotted: bool, s: OcrSettings) -> list[str]:
    """A run of letters with lost marks restored; ``dotted``: a full stop follows it, so it ends
    with an abbreviation (อบต. ทต. ม.ค.), which is no word to correct: ``อบต`` would become
    อุบัติ, ``ทต`` ทูต. Its letters (up to ``abbreviation_letters`` at the run's end, read with
    no mark) stay as read; the letters before them are restored as any run."""
    if not dotted:
        return restore_run(run, s)
    k = 0
    while k < min(len(run), s.abbreviation_letters) and len(run[-1 - k]) == 1:
        k += 1
    head = run[: len(run) - k]
    return (restore_run(head, s) if head else []) + run[len(run) - k :]


def am_read_whole(read: list[str], restored: list[str], s: OcrSettings = DEFAULT) -> bool:
    """True when a page's text shows OCR reading SARA AM whole: it read ``am_whole_min`` of them
    (or NIKHAHIT and AA, the same) and restoring its words with ``read_aa_stays`` (``restored``) made
    no AA an AM. A font whose AM loses its small circle shows words no dictionary has ("ดาเนินการ")
    that AM mends; where none shows, an AA that reads as a word is an AA.
    ``am_read_whole(["ดำเนินการ ทำ ประจำ"], ["ดำเนินการ ทำ ประจำ"])`` → True.
    """
    whole = [_am_count(text) for text in read]
    made = sum(max(0, _am_count(new) - old) for old, new in zip(whole, restored))
    return sum(whole) >= s.am_whole_min and made == 0


def _am_count(text: str) -> int:
    """SARA AM in a text as restoring reads them (NIKHAHIT then AA is one AM)."""
    return sum(1 for ch, _ in _normalise([(ch, 0) for ch in text]) if ch == SARA_AM)


def _normalise(flat: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """NIKHAHIT + SARA AA, as OCR reads SARA AM, made one SARA AM (on the piece of the AA)."""
    out: list[tuple[str, int]] = []
    for ch, k in flat:
        if ch == SARA_AA and out:
            marks = []
            while out and out[-1][0] in TONES:
                marks.insert(0, out.pop())
            if out and out[-1][0] == NIKHAHIT:
                out.pop()
                out.extend(marks)
                out.append((SARA_AM, k))
                continue
            out.extend(marks)
        out.append((ch, k))
    return out


# Indicator codes (E1, O11, I5) as OCR misreads them at the start of a cell. Only readings
# no real text has are mended: a Latin-looking letter or an Arabic digit run into Thai
# digits ("6๑" for E๑, "0๑๑" for O๑๑), E/O/I with letters for digits ("El2" for E12), and
# 6 or 0 for E or O in a number that Thai text follows in the same cell ("61 เจ้าหน้าที่").
_CODE_MIXED = re.compile(r"^([6EFB€]|[0Ooอ])([๐-๙]{1,2})$")  # Thai อ is the Thai model's O
_CODE_LATIN = re.compile(r"^([EOI])([0-9lI|]{1,2})$")
_DIGIT_LOOKALIKE = str.maketrans("lI|", "111")


_CODE_DIGITS = re.compile(r"^(6|0)([0-9]{1,2})$")


def mend_code(token: str, before_text: bool = False) -> str | None:
    """The indicator code an OCR token at a cell's start stands for, or None.

    ``mend_code("6๑")`` → ``"E๑"``; ``mend_code("El2")`` → ``"E12"``; ``mend_code("61")``
    → None (a number is a number), unless Thai text follows it in the same cell, as it
    follows a code and never a row number: ``mend_code("61", before_text=True)`` → ``"E1"``.
    """
    if before_text and (m := _CODE_DIGITS.match(token)):
        return ("E" if m.group(1) == "6" else "O") + m.group(2)
    if m := _CODE_MIXED.match(token):
        return ("O" if m.group(1) in "0Ooอ" else "E") + m.group(2)
    if (m := _CODE_LATIN.match(token)) and not m.group(2).isdigit():
        return m.group(1) + m.group(2).translate(_DIGIT_LOOKALIKE)
    return None
