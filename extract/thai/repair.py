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

# pythainlp.util.normalize() is not called as a whole: it collapses newlines and strips the text
# (the table engine needs line structure), drops "dangling" marks (a character we cannot prove is
# an artefact) and keeps only the last of two tone marks (a guess). We use its remove_zw and
# re-implement its reorder rules as an idempotent cluster sort (see _sort_cluster).

# ---------------------------------------------------------------------------------------------
# Character classes. pythainlp.thai_below_vowels lacks PHINTHU and thai_above_vowels lacks
# THANTHAKHAT/YAMAKKAN, so we spell the classes out by code point.
CONSONANTS = "\u0e01-\u0e2e"  # ก … ฮ (includes ฤ ฦ)
_ABOVE_BELOW_VOWELS = "\u0e31\u0e34-\u0e3a\u0e47"  # ั ิ ี ึ ื ุ ู ฺ ็
_TONES = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_UPPER_SIGNS = "\u0e4c\u0e4e"  # ์ ๎ (sit where tone marks sit)
NIKHAHIT = "\u0e4d"
MARKS = f"{_ABOVE_BELOW_VOWELS}{_TONES}{_UPPER_SIGNS}{NIKHAHIT}"  # every combining mark
_FOLLOW_VOWELS = "\u0e30\u0e32\u0e33\u0e45"  # ะ า ำ ๅ
_LEAD_VOWELS = "\u0e40-\u0e44"  # เ แ โ ใ ไ
SARA_AA, SARA_AM = "\u0e32", "\u0e33"

# ---------------------------------------------------------------------------------------------
# Private-use glyph variants. Thai fonts in the Adobe/Monotype ("C90") layout put positional
# variants of marks at U+F700–U+F71F; extractors without a GSUB reverse map emit those code
# points. Verified against the cmap + post glyph names of TLWG Garuda (fonts-tlwg) and the real
# Acrobat PDFMaker text in the corpus ("ป\uf710ญหา" = ปัญหา, "เป\uf712น" = เป็น, "ฟ\uf706อง" = ฟ้อง).
_PUA_THAI: dict[int, str] = {
    0xF700: "\u0e10",  # uni0E10.descless   THO THAN without descender
    0xF701: "\u0e34",  # uni0E34.left       SARA I shifted left
    0xF702: "\u0e35",  # uni0E35.left       SARA II
    0xF703: "\u0e36",  # uni0E36.left       SARA UE
    0xF704: "\u0e37",  # uni0E37.left       SARA UEE
    0xF705: "\u0e48",  # uni0E48.lowleft    MAI EK low + left
    0xF706: "\u0e49",  # uni0E49.lowleft    MAI THO
    0xF707: "\u0e4a",  # uni0E4A.lowleft    MAI TRI
    0xF708: "\u0e4b",  # uni0E4B.lowleft    MAI CHATTAWA
    0xF709: "\u0e4c",  # uni0E4C.lowleft    THANTHAKHAT
    0xF70A: "\u0e48",  # uni0E48.low        MAI EK lowered
    0xF70B: "\u0e49",  # uni0E49.low        MAI THO
    0xF70C: "\u0e4a",  # uni0E4A.low        MAI TRI
    0xF70D: "\u0e4b",  # uni0E4B.low        MAI CHATTAWA
    0xF70E: "\u0e4c",  # uni0E4C.low        THANTHAKHAT
    0xF70F: "\u0e0d",  # uni0E0D.descless   YO YING without descender
    0xF710: "\u0e31",  # uni0E31.left       MAI HAN-AKAT shifted left
    0xF711: "\u0e4d",  # uni0E4D.left       NIKHAHIT
    0xF712: "\u0e47",  # uni0E47.left       MAITAIKHU
    0xF713: "\u0e48",  # uni0E48.left       MAI EK shifted left
    0xF714: "\u0e49",  # uni0E49.left       MAI THO
    0xF715: "\u0e4a",  # uni0E4A.left       MAI TRI
    0xF716: "\u0e4b",  # uni0E4B.left       MAI CHATTAWA
    0xF717: "\u0e4c",  # uni0E4C.left       THANTHAKHAT
    0xF718: "\u0e38",  # uni0E38.low        SARA U lowered
    0xF719: "\u0e39",  # uni0E39.low        SARA UU
    0xF71A: "\u0e3a",  # uni0E3A.low        PHINTHU
    0xF71E: "\u0e4d",  # uni0E4D.high       NIKHAHIT raised (TLWG fonts)
    0xF71F: "\u0e47",  # uni0E47.high       MAITAIKHU raised (TLWG fonts)
}
# Word's bullet fonts: Symbol/Wingdings glyphs land at U+F000+byte. Only the unambiguous
# bullet shapes are mapped; any other U+F0xx is kept as printed (never dropped).
_PUA_SYMBOL: dict[int, str] = {
    0xF0B7: "\u2022",  # Symbol 0xB7 bullet  •
    0xF0A7: "\u25aa",  # Wingdings 0xA7 small square  ▪
    0xF0D8: "\u27a2",  # Wingdings 0xD8 arrowhead  ➢
    0xF0FC: "\u2713",  # Wingdings 0xFC check mark  ✓
}
_PUA_TABLE: dict[int, str] = {**_PUA_THAI, **_PUA_SYMBOL}

WARNING_MESSAGES: dict[str, str] = {
    "pua_mapped": "private-use font glyphs (positional Thai marks or bullets) were mapped to Unicode",
    "mark_order_repaired": "Thai marks were reordered, de-duplicated or re-attached (stray space removed)",
    "sara_am_lost": "SARA AM was extracted as a space before SARA AA; joined where the dictionary confirms",
    "sara_aa_as_am": "SARA AA was extracted as SARA AM (Word 2016/PowerPoint font); fixed by dictionary",
}

# A space cannot precede a combining mark; SARA AM after a space is only re-attached to a bare
# consonant ("ค ำ" → "คำ"), because after a mark it is usually a displaced SARA AA ("ริ ำ").
_RE_SPACE_BEFORE_MARK = re.compile(f"(?<=[{CONSONANTS}{MARKS}]) (?=[{MARKS}])|(?<=[{CONSONANTS}]) (?={SARA_AM})")
_RE_MARK_CLUSTER = re.compile(f"[{MARKS}]{{2,}}")
_RE_NIKHAHIT_AA = re.compile(f"{NIKHAHIT}([{_TONES}]*){SARA_AA}")
_RE_FOLLOW_BEFORE_TONE = re.compile(f"([{_FOLLOW_VOWELS}])([{_TONES}{_UPPER_SIGNS}]+)")
_RE_LOST_AM = re.compile(f"(?<=[{CONSONANTS}{MARKS}]) (?=[{_TONES}]?{SARA_AA})")
_RE_THAI_RUN_END = re.compile(f"[{CONSONANTS}\u0e30-\u0e4e]{{0,16}}$")
_RE_THAI_RUN_START = re.compile(f"[{CONSONANTS}\u0e30-\u0e4e]{{0,16}}")


def is_thai_char(ch: str) -> bool:
    """True for one character of the Thai block (U+0E01–U+0E5B), e.g. ``is_thai_char("ก")``.

    Re-implemented instead of ``pythainlp.util.is_thai_char`` to pin the exact range we use.
    """
    return len(ch) == 1 and "\u0e01" <= ch <= "\u0e5b"


def to_arabic_digits(s: str) -> str:
    """Thai digits → Arabic, all else unchanged: ``"๓๐,๐๐๐ บาท"`` → ``"30,000 บาท"``."""
    return thai_digit_to_arabic_digit(s)


def map_pua(s: str) -> str:
    """Map font private-use glyphs to Unicode: ``"ข\\uf70bอ"`` → ``"ข้อ"``; ``"\\uf0b7"`` → ``"•"``."""
    return s.translate(_PUA_TABLE)


_TONES_SET = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
_UPPER_SET = frozenset("\u0e4c\u0e4e")
_UPPER_OR_TONE = _TONES_SET | _UPPER_SET


def _sort_cluster(m: re.Match[str]) -> str:
    """Vowel marks before tone/upper signs, each mark once: ``"่ี่"`` → ``"ี่"``.

    pythainlp's ``reorder_vowels`` does this with one regex pass, which is not idempotent on
    clusters such as tone-vowel-tone-vowel; a stable sort is.
    """
    seen: list[str] = []
    for ch in m.group(0):
        if ch not in seen:
            seen.append(ch)
    return "".join(sorted(seen, key=lambda ch: ch in _UPPER_OR_TONE))


def _fix_mark_order(s: str) -> str:
    """One deterministic pass: stray spaces, cluster order, ``ํา`` → ``ำ``, ``เเ`` → ``แ``."""
    s = _RE_SPACE_BEFORE_MARK.sub("", s)
    s = _RE_FOLLOW_BEFORE_TONE.sub(r"\2\1", s)  # "กา่" → "ก่า" (as pythainlp.reorder_vowels)
    s = _RE_MARK_CLUSTER.sub(_sort_cluster, s)
    s = _RE_NIKHAHIT_AA.sub(rf"\1{SARA_AM}", s)  # "ดํา" → "ดำ", "น้ํา"/"นํ้า" → "น้ำ"
    return s.replace("\u0e40\u0e40", "\u0e41")  # two SARA E typed for SARA AE


def _normalise_marks(s: str) -> str:
    """Apply `_fix_mark_order` until nothing changes, so the result is a fixed point."""
    for _ in range(4):
        fixed = _fix_mark_order(s)
        if fixed == s:
            break
        s = fixed
    return s


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return thai_words()


@lru_cache(maxsize=4096)
def _dict_score(run: str) -> tuple[int, int]:
    """How well a Thai run reads as dictionary words: (chars in words of ≥ 2 letters, −tokens)."""
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(run, engine="newmm", keep_whitespace=False)
    words = _words()
    covered = sum(len(t) for t in tokens if len(t) > 1 and t in words)
    return covered, -len(tokens)


def _context(s: str, start: int, end: int) -> tuple[str, str]:
    """Thai letters (≤ 16) immediately left of `start` and right of `end`."""
    left = _RE_THAI_RUN_END.search(s, 0, start)
    right = _RE_THAI_RUN_START.match(s, end)
    return (left.group(0) if left else ""), (right.group(0) if right else "")


def _join_lost_sara_am(s: str) -> tuple[str, bool]:
    """``"ส านัก"`` → ``"สำนัก"`` where the joined run reads better as dictionary words."""
    seen = False
    pos = 0
    while (m := _RE_LOST_AM.search(s, pos)) is not None:
        seen = True
        tone_end = m.end() + (1 if s[m.end()] != SARA_AA else 0)
        left, right = _context(s, m.start(), tone_end + 1)
        tone = s[m.end():tone_end]
        if _dict_score(left + tone + SARA_AM + right) > _dict_score(left + tone + SARA_AA + right):
            s = s[: m.start()] + tone + SARA_AM + s[tone_end + 1:]
        pos = m.start() + 1
    return s, seen


def _line_has_am_for_aa(line: str) -> bool:
    """Word 2016 fonts turn every SARA AA into SARA AM: more ำ than า cannot be normal Thai."""
    n_am = line.count(SARA_AM)
    return n_am > 0 and n_am > line.count(SARA_AA)


_RE_SPACED_AM = re.compile(f"(?<=[{CONSONANTS}]) {SARA_AM}")


def _am_to_aa_line(line: str) -> tuple[str, bool]:
    """Turn each ำ into า where the dictionary reads the surrounding run strictly better.

    In these fonts a real SARA AM comes out after a space ("ค ำกล่ำว"): those are kept and
    re-attached. While one of the others is judged, the rest are read as า (in a damaged line
    most are), so each decision is independent of the order of decisions.
    """
    real = {m.start() - i for i, m in enumerate(_RE_SPACED_AM.finditer(line))}
    line = _RE_SPACED_AM.sub(SARA_AM, line)
    guess = "".join(SARA_AA if ch == SARA_AM and i not in real else ch for i, ch in enumerate(line))
    chars = list(line)
    for pos, ch in enumerate(line):
        if ch != SARA_AM or pos in real:
            continue
        left, right = _context(guess, pos, pos + 1)
        if _dict_score(left + SARA_AA + right) > _dict_score(left + SARA_AM + right):
            chars[pos] = SARA_AA
    fixed = "".join(chars)
    return fixed, fixed != line


def _fix_am_for_aa(s: str) -> tuple[str, bool]:
    """Per line (pages mix clean and damaged lines), undo SARA AA → SARA AM damage."""
    lines = s.split("\n")
    hit = False
    for i, line in enumerate(lines):
        if _line_has_am_for_aa(line):
            lines[i], changed = _am_to_aa_line(line)
            n_am = line.count(SARA_AM)
            hit = hit or changed or (n_am >= 4 and n_am > 2 * line.count(SARA_AA))
    return "\n".join(lines), hit


MIN_AM_EVIDENCE = 3  # SARA AM attached to a letter: fewer cannot show that a font reads SARA AA as SARA AM
MAX_AA_SHARE = 0.1  # SARA AA beside them: in ordinary Thai า far outnumbers ำ; in such a font there is none
EVIDENCE_CHARS = 3000  # characters of a font's text weighed by the dictionary (enough, and quick)


def reads_aa_as_am(text: str) -> bool:
    """Does this one font's text read as Thai only with each SARA AM taken for SARA AA?

    Word 2016 and PowerPoint fonts whose ToUnicode maps the SARA AA glyph to SARA AM do
    it wherever the font is used ("บริกำร", "ผู้บริหำร"): so the evidence is the font's
    whole text, not one line, and a line that mixes it with a sound font (where the
    per-line count in ``_line_has_am_for_aa`` fails) is still repaired. The real SARA AM
    of such fonts comes out split (NIKHAHIT as a space glyph, "จัดท ำ"): the caller
    leaves those out of ``text``. Dictionary evidence decides: the text must read better.

    >>> reads_aa_as_am("กำรบริกำรประชำชน ด้ำนกำรบริหำร"), reads_aa_as_am("คำนำ ตำบล ทำงาน")
    (True, False)
    """
    n_am = text.count(SARA_AM)
    if n_am < MIN_AM_EVIDENCE or text.count(SARA_AA) > MAX_AA_SHARE * n_am:
        return False
    runs = [m.group(0) for m in re.finditer(f"[{CONSONANTS}\u0e30-\u0e4e]+", text) if SARA_AM in m.group(0)]
    sample = " ".join(runs)[:EVIDENCE_CHARS]
    as_is = sum(_dict_score(run)[0] for run in sample.split())
    as_aa = sum(_dict_score(run.replace(SARA_AM, SARA_AA))[0] for run in sample.split())
    return as_aa > as_is


def am_stays(left: str, right: str) -> bool:
    """In a font that reads SARA AA as SARA AM, does this one read strictly better as a real SARA AM?

    ``left``/``right``: the Thai letters around it, the font's other SARA AM read as SARA AA.

    >>> am_stays("จัดท", "คู่มือ"), am_stays("บริก", "รประชาชน")
    (True, False)
    """
    return _dict_score(left + SARA_AM + right) > _dict_score(left + SARA_AA + right)


# A mark stored after the next letter ("จดั" for จัด, "บตั รควิ" for บัตรคิว): extractors that order
# glyphs by position, and fonts that draw a mark over the letter before it, leave it there. The
# surest sign is MAI HAN-AKAT with no final consonant after it; only lines that show it are tried.
_RE_HAN_AKAT_NO_FINAL = re.compile(f"\u0e31[{_TONES}]?(?![{CONSONANTS}{_TONES}])")
_RE_DISPLACED = re.compile(f"(?<=[{CONSONANTS}])([{CONSONANTS}])([{_ABOVE_BELOW_VOWELS}{_TONES}{_UPPER_SIGNS}]+)")


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
        left, _ = _context(line, start, end)
        _, right = _context(line, start, end + spaced)
        first, letter, marks = line[start], m.group(1), m.group(2)
        options = [(line[start:end], False)]
        for j in range(1, len(marks) + 1):
            moved_run = first + marks[:j] + letter + marks[j:]
            options.append((moved_run, False))
            if spaced and _splits_a_word(left + moved_run, right):
                options.append((moved_run, True))
        scores = [_dict_score(left + o + right) if joined or not spaced else _spaced_score(f"{left}{o} {right}")
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
        left, right = _context(line, at, at + 1)
        if _splits_a_word(left, right) and _dict_score(left + right) > _spaced_score(left + " " + right):
            line = line[:at] + line[at + 1:]
    return line


def _splits_a_word(left: str, right: str) -> bool:
    """Does a dictionary word run across the junction of ``left`` and ``right`` ("บัต|รคิว", "จัด|ทำ")?

    Only such a space is the extractor's; one between two words may be the author's.
    """
    from pythainlp.tokenize import word_tokenize

    offset = 0
    for token in word_tokenize(left + right, engine="newmm", keep_whitespace=False):
        if offset < len(left) < offset + len(token):
            return token in _words()
        offset += len(token)
    return False


def _spaced_score(text: str) -> tuple[int, int]:
    """``_dict_score`` of text with spaces in it: the pieces scored apart and added."""
    parts = [_dict_score(p) for p in text.split(" ") if p]
    return sum(c for c, _ in parts), sum(t for _, t in parts)


# A below vowel stored before its letter ("จากูผ้" for จากผู้, "ทีู่ผ้" for ที่ผู้): pdfium's reading of
# LibreOffice's TLWG Typo/Purisa lines, whose SARA U/UU under a consonant with a tone mark is
# drawn before that consonant. Only a letter with a tone mark and no vowel of its own is tried.
_RE_EARLY_BELOW = re.compile(f"[\u0e38\u0e39](?=[{_TONES}{_UPPER_SIGNS}]*[{CONSONANTS}][{_TONES}{_UPPER_SIGNS}])")


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
        left, right = _context(s, at, letter + 1)
        start, end = at - len(left), letter + 1 + len(right)
        if _dict_score(_moved(s, at, letter)[start:end]) > _dict_score(s[start:end]):
            moves.append((at, letter))
        pos = letter + 1
    return moves


def _moved(s: str, at: int, letter: int) -> str:
    """``s`` with the vowel at ``at`` put right after the letter at ``letter``, before that letter's tone."""
    return s[:at] + s[at + 1:letter + 1] + s[at] + s[letter + 1:]


def _repair_pass(s: str, warnings: set[str]) -> str:
    """One full repair pass; mark order is fixed last, after the dictionary repairs."""
    s, lost = _join_lost_sara_am(s)
    if lost:
        warnings.add("sara_am_lost")
    s, am_aa = _fix_am_for_aa(s)
    if am_aa:
        warnings.add("sara_aa_as_am")
    ordered = _normalise_marks(s)
    ordered, displaced = _fix_displaced_marks(ordered)  # after: words are weighed on whole clusters
    ordered, _ = _fix_early_below_vowels(ordered)
    ordered = _normalise_marks(ordered)
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
            f"(?<![{CONSONANTS}{MARKS}])[{_FOLLOW_VOWELS}]",  # ะ า ำ with no consonant: lost SARA AM
            f"{SARA_AM}{SARA_AA}",  # "ดำา"
            f"([{MARKS}])\\1",  # the same mark twice: "ผ้้"
            f"[{_TONES}][{_UPPER_SIGNS}]*[{_TONES}]",  # two tone marks on one consonant
            f"[{_TONES}{_UPPER_SIGNS}][{_ABOVE_BELOW_VOWELS}]",  # tone before its vowel: "ท่ี"
            "[\u0e31\u0e34-\u0e37\u0e47][\u0e31\u0e34-\u0e37\u0e47]",  # two above vowels
            f"[{_LEAD_VOWELS}](?![{CONSONANTS}])",  # lead vowel not followed by a consonant
            f"\u0e31[{_TONES}]?(?![{CONSONANTS}{_TONES}])",  # MAI HAN-AKAT needs a final: "อตั รา" (Word 2016)
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
