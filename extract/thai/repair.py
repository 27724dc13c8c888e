"""Repair the Thai text layer that PDF extractors hand us, and measure how broken it is.

Thai PDFs made by Word, PowerPoint, Acrobat and mPDF come out of pdfplumber/pypdfium2 with
systematic damage: positional glyph variants from the font's private-use area instead of
Unicode marks, SARA AM lost or split, marks typed or extracted in the wrong order, stray
spaces before combining marks, and (Word 2016/PowerPoint fonts) SARA AA extracted as SARA AM.

>>> repair_thai_text("ส\\u0e4d\\u0e32นักงาน ท\\u0e48\\u0e35\\u0e48")
'สำนักงาน ที่'
>>> repair_thai_text_checked("ส านักงานสาธารณสุขอ าเภอ")
('สำนักงานสาธารณสุขอำเภอ', ['sara_am_lost'])
>>> orthography_errors("ข้ำพเจ้ำ ท่ี")
1
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import remove_zw, thai_digit_to_arabic_digit

from .dictionary import cut_words, known_words
from .letters import (
    ABOVE_BELOW_VOWELS,
    CONSONANTS,
    FOLLOW_VOWELS,
    LEAD_VOWELS,
    MARKS,
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    TONES,
    UPPER_SIGNS,
    context,
    dict_score,
)
from .pua import map_pua
from .saraam import fix_am_for_aa, join_lost_sara_am

# pythainlp.util.normalize() is not called as a whole: it collapses newlines and strips the text
# (the table engine needs line structure), drops "dangling" marks (a character we cannot prove is
# an artefact) and keeps only the last of two tone marks (a guess). We use its remove_zw and
# re-implement its reorder rules as an idempotent cluster sort (see _sort_cluster).

WARNING_MESSAGES: dict[str, str] = {
    "pua_mapped": "private-use font glyphs (positional Thai marks or bullets) were mapped to Unicode",
    "mark_order_repaired": "Thai marks were reordered, de-duplicated or re-attached (stray space removed)",
    "sara_am_lost": "SARA AM was extracted as a space before SARA AA; joined where the dictionary confirms",
    "sara_aa_as_am": "SARA AA was extracted as SARA AM (Word 2016/PowerPoint font); fixed by dictionary",
}

# A space cannot precede a combining mark; SARA AM after a space is only re-attached to a bare
# consonant ("ค ำ" → "คำ"), because after a mark it is usually a displaced SARA AA ("ริ ำ").
# A space after a consonant or mark and before a mark, or after a consonant and before SARA AM. The space
# comes first and what precedes it is looked back at after it: re scans fast for an opening literal, and
# tries a pattern opening with a lookbehind at every character (14 times slower on report lines).
_RE_SPACE_BEFORE_MARK = re.compile(f" (?:(?<=[{CONSONANTS}{MARKS}] )(?=[{MARKS}])|(?<=[{CONSONANTS}] )(?={SARA_AM}))")
_RE_MARK_CLUSTER = re.compile(f"[{MARKS}]{{2,}}")
_RE_NIKHAHIT_AA = re.compile(f"{NIKHAHIT}([{TONES}]*){SARA_AA}")
_RE_FOLLOW_BEFORE_TONE = re.compile(f"([{FOLLOW_VOWELS}])([{TONES}{UPPER_SIGNS}]+)")


_THAI_DIGIT = re.compile("[\u0e50-\u0e59]")


def to_arabic_digits(s: str) -> str:
    """Thai digits → Arabic, all else unchanged: ``"๓๐,๐๐๐ บาท"`` → ``"30,000 บาท"``.

    pythainlp's conversion (``str.translate``) looks every character up; a text with no Thai
    digit, most of a report's lines, is given back after one search for one.
    """
    return thai_digit_to_arabic_digit(s) if _THAI_DIGIT.search(s) else s


_TONES_SET = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
_UPPER_SET = frozenset("\u0e4c\u0e4e")
_UPPER_OR_TONE = _TONES_SET | _UPPER_SET


def _sort_cluster(m: re.Match[str]) -> str:
    """Vowel marks before tone/upper signs, each mark once: ``"่ี่"`` → ``"ี่"``.

    pythainlp's ``reorder_vowels`` does this with one regex pass, which is not idempotent on
    clusters such as tone-vowel-tone-vowel; a stable sort is.
    """
    return _sorted_marks(m.group(0))


@lru_cache(maxsize=1024)  # a text has few distinct clusters ("ี่", "ั้"), met on nearly every line
def _sorted_marks(cluster: str) -> str:
    return "".join(sorted(dict.fromkeys(cluster), key=lambda ch: ch in _UPPER_OR_TONE))


def _fix_mark_order(s: str) -> str:
    """One deterministic pass: stray spaces, cluster order, ``ํา`` → ``ำ``, ``เเ`` → ``แ``."""
    s = _RE_SPACE_BEFORE_MARK.sub("", s)
    s = _RE_FOLLOW_BEFORE_TONE.sub(r"\2\1", s)  # "กา่" → "ก่า" (as pythainlp.reorder_vowels)
    s = _RE_MARK_CLUSTER.sub(_sort_cluster, s)
    s = _RE_NIKHAHIT_AA.sub(rf"\1{SARA_AM}", s)  # "ดํา" → "ดำ", "น้ํา"/"นํ้า" → "น้ำ"
    return s.replace("\u0e40\u0e40", "\u0e41")  # two SARA E typed for SARA AE


def _normalise_marks(s: str) -> str:
    """Apply `_fix_mark_order` until nothing changes, so the result is a fixed point."""
    return _normalised(s)[0]


def _normalised(s: str) -> tuple[str, bool]:
    """`_normalise_marks`, and whether its result is a fixed point (four passes may not reach one)."""
    for _ in range(4):
        fixed = _fix_mark_order(s)
        if fixed == s:
            return s, True
        s = fixed
    return s, False


_RE_HAN_AKAT_NO_FINAL = re.compile(f"\u0e31[{TONES}]?(?![{CONSONANTS}{TONES}])")
_RE_DISPLACED = re.compile(f"(?<=[{CONSONANTS}])([{CONSONANTS}])([{ABOVE_BELOW_VOWELS}{TONES}{UPPER_SIGNS}]+)")


def _fix_displaced_marks(s: str) -> tuple[str, bool]:
    """``"จดั ทำ บตั รควิ"`` → ``"จัดทำ บัตรคิว"``: marks moved back onto the letter before, where words say so.

    Each mark run (or its first marks: "มสี ่วน" holds ี for ม and ่ for ส) is tried on the
    letter before, with and without the space an extractor put after the misplaced
    cluster, and moved only when the dictionary reads the run around it strictly better,
    so sound text never changes. Only lines that show such damage are tried.
    """
    lines = s.split("\n")
    hit = False
    for k, line in enumerate(lines):
        if _RE_HAN_AKAT_NO_FINAL.search(line):
            lines[k] = _join_after_moves(*_move_marks(line))
            hit = hit or lines[k] != line
    return "\n".join(lines), hit


def _move_marks(line: str) -> tuple[str, list[int]]:
    """Mark runs moved onto the letter before where words say so; the positions just after each moved cluster."""
    moved: list[int] = []
    pos = 0
    while (m := _RE_DISPLACED.search(line, pos)) is not None:
        start, end = m.start() - 1, m.end()
        spaced = line[end:end + 1] == " "
        left, _ = context(line, start, end)
        _, right = context(line, start, end + spaced)
        first, letter, marks = line[start], m.group(1), m.group(2)
        options = [(line[start:end], False)]
        for j in range(1, len(marks) + 1):
            moved_run = first + marks[:j] + letter + marks[j:]
            options.append((moved_run, False))
            if spaced and _splits_a_word(left + moved_run, right):
                options.append((moved_run, True))
        scores = [dict_score(left + o + right) if joined or not spaced else _spaced_score(f"{left}{o} {right}")
                  for o, joined in options]
        best = max(range(len(options)), key=lambda i: (scores[i], -i))
        if best:
            text, joined = options[best]
            line = line[:start] + text + line[end + (spaced and joined):]
            moved.append(start + len(text))
        pos = m.start() + 1
    return line, moved


def _join_after_moves(line: str, moved: list[int]) -> str:
    """Spaces right after moved clusters dropped, right to left, where a word runs across them and reads better."""
    for at in reversed(moved):
        if line[at:at + 1] != " ":
            continue
        left, right = context(line, at, at + 1)
        if _splits_a_word(left, right) and dict_score(left + right) > _spaced_score(left + " " + right):
            line = line[:at] + line[at + 1:]
    return line


def _splits_a_word(left: str, right: str) -> bool:
    """Does a dictionary word run across the junction of ``left`` and ``right`` ("บัต|รคิว", "จัด|ทำ")?

    Only such a space is the extractor's; one between two words may be the author's.
    """
    offset = 0
    for token in cut_words(left + right, keep_whitespace=False):
        if offset < len(left) < offset + len(token):
            return token in known_words()
        offset += len(token)
    return False


def _spaced_score(text: str) -> tuple[int, int]:
    """``_dict_score`` of text with spaces in it: the pieces scored apart and added."""
    parts = [dict_score(p) for p in text.split(" ") if p]
    return sum(c for c, _ in parts), sum(t for _, t in parts)


# A below vowel stored before its letter ("จากูผ้" for จากผู้, "ทีู่ผ้" for ที่ผู้): pdfium's reading of
# LibreOffice's TLWG Typo/Purisa lines, whose SARA U/UU under a consonant with a tone mark is
# drawn before that consonant. Only a letter with a tone mark and no vowel of its own is tried.
_RE_EARLY_BELOW = re.compile(f"[\u0e38\u0e39](?=[{TONES}{UPPER_SIGNS}]*[{CONSONANTS}][{TONES}{UPPER_SIGNS}])")


def _fix_early_below_vowels(s: str) -> tuple[str, bool]:
    """``"จากูผ้บังคับ"`` → ``"จากผู้บังคับ"``: a below vowel moved onto the next letter where words say so."""
    moves = early_below_vowels(s)
    for at, letter in reversed(moves):
        s = _moved(s, at, letter)
    return s, bool(moves)


def early_below_vowels(s: str) -> list[tuple[int, int]]:
    """(vowel, letter) index pairs: below vowels stored before the letter they belong to, left to right.

    Moved only where the dictionary reads the run around it strictly better, so sound text
    ("ครูต้อง") never changes. The page repair moves the glyphs themselves (``textrepair``).

    >>> early_below_vowels("จากูผ้บังคับ"), early_below_vowels("ครูต้องสอน")
    ([(3, 4)], [])
    """
    moves: list[tuple[int, int]] = []
    pos = 0
    while (m := _RE_EARLY_BELOW.search(s, pos)) is not None:
        at = m.start()
        letter = at + 1
        while s[letter] in _UPPER_OR_TONE:
            letter += 1
        left, right = context(s, at, letter + 1)
        start, end = at - len(left), letter + 1 + len(right)
        if dict_score(_moved(s, at, letter)[start:end]) > dict_score(s[start:end]):
            moves.append((at, letter))
        pos = letter + 1
    return moves


def _moved(s: str, at: int, letter: int) -> str:
    """``s`` with the vowel at ``at`` put right after the letter at ``letter``, before that letter's tone."""
    return s[:at] + s[at + 1:letter + 1] + s[at] + s[letter + 1:]


def _repair_pass(s: str, warnings: set[str]) -> str:
    """One full repair pass; mark order is fixed last, after the dictionary repairs."""
    s, lost = join_lost_sara_am(s)
    if lost:
        warnings.add("sara_am_lost")
    s, am_aa = fix_am_for_aa(s)
    if am_aa:
        warnings.add("sara_aa_as_am")
    ordered, settled = _normalised(s)
    moved, displaced = _fix_displaced_marks(ordered)  # after: words are weighed on whole clusters
    moved, _ = _fix_early_below_vowels(moved)
    # a fixed point left as it was needs no second normalising (most lines: half the pass's cost)
    ordered = ordered if settled and moved == ordered else _normalise_marks(moved)
    if ordered != s:
        warnings.add("mark_order_repaired")
    return ordered


def repair_thai_text_checked(s: str) -> tuple[str, list[str]]:
    """Repair Thai text and say which repairs were needed or guessed (see WARNING_MESSAGES).

    >>> repair_thai_text_checked("ค ำกล่ำวแสดงเจตจ ำนงของผู้บริหำร")
    ('คำกล่าวแสดงเจตจำนงของผู้บริหาร', ['sara_aa_as_am'])
    """
    if s.isascii():
        return s, []
    warnings: set[str] = set()
    mapped = map_pua(s)
    if mapped != s:
        warnings.add("pua_mapped")
    text = remove_zw(mapped)
    for _ in range(4):  # dictionary decisions depend on context: iterate to a fixed point
        repaired = _repair_pass(text, warnings)
        if repaired == text:
            break
        text = repaired
    return unicodedata.normalize("NFC", text), sorted(warnings)


@lru_cache(maxsize=8192)  # a document's lines; bounded so a long batch does not grow
def repair_thai_text(s: str) -> str:
    """Repair PDF-extracted Thai: ``"ข\\uf70bอก\\u0e4d\\u0e32หนด"`` → ``"ข้อกำหนด"``.

    Cached: the table engine asks for the same line's repaired text at several steps.
    """
    return repair_thai_text_checked(s)[0]


_ORTHOGRAPHY_ERRORS = re.compile(
    "|".join(
        [
            f"(?<![{CONSONANTS}{MARKS}])[{MARKS}]",  # mark with no base (after space, vowel, start)
            f"(?<![{CONSONANTS}{MARKS}])[{FOLLOW_VOWELS}]",  # ะ า ำ with no consonant: lost SARA AM
            f"{SARA_AM}{SARA_AA}",  # "ดำา"
            f"([{MARKS}])\\1",  # the same mark twice: "ผ้้"
            f"[{TONES}][{UPPER_SIGNS}]*[{TONES}]",  # two tone marks on one consonant
            f"[{TONES}{UPPER_SIGNS}][{ABOVE_BELOW_VOWELS}]",  # tone before its vowel: "ท่ี"
            "[\u0e31\u0e34-\u0e37\u0e47][\u0e31\u0e34-\u0e37\u0e47]",  # two above vowels
            f"[{LEAD_VOWELS}](?![{CONSONANTS}])",  # lead vowel not followed by a consonant
            f"\u0e31[{TONES}]?(?![{CONSONANTS}{TONES}])",  # MAI HAN-AKAT needs a final: "อตั รา" (Word 2016)
            r"\(cid:\d+\)|\ufffd",  # glyphs the extractor could not decode at all
        ]
    )
)


def orthography_errors(s: str) -> int:
    """Count sequences impossible in well-formed Thai, to pick the better of two text layers.

    Counted on raw text (PUA glyphs mapped first, nothing else repaired).

    >>> orthography_errors("สำนักงาน"), orthography_errors("ส านักงาน ท่ี")
    (0, 2)
    """
    return sum(1 for _ in _ORTHOGRAPHY_ERRORS.finditer(map_pua(s)))
