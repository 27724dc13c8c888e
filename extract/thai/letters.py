"""Thai letters by class, and how well a run of them reads as dictionary words.

The classes are spelled out by code point: pythainlp.thai_below_vowels lacks PHINTHU and
thai_above_vowels lacks THANTHAKHAT/YAMAKKAN. The dictionary score (pythainlp's newmm over
its word list) is the evidence every text-layer repair weighs its two readings by.
"""

from __future__ import annotations

import re
from functools import lru_cache

CONSONANTS = "\u0e01-\u0e2e"  # ก … ฮ (includes ฤ ฦ)
ABOVE_BELOW_VOWELS = "\u0e31\u0e34-\u0e3a\u0e47"  # ั ิ ี ึ ื ุ ู ฺ ็
TONES = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
UPPER_SIGNS = "\u0e4c\u0e4e"  # ์ ๎ (sit where tone marks sit)
NIKHAHIT = "\u0e4d"
MARKS = f"{ABOVE_BELOW_VOWELS}{TONES}{UPPER_SIGNS}{NIKHAHIT}"  # every combining mark
FOLLOW_VOWELS = "\u0e30\u0e32\u0e33\u0e45"  # ะ า ำ ๅ
LEAD_VOWELS = "\u0e40-\u0e44"  # เ แ โ ใ ไ
SARA_AA, SARA_AM = "\u0e32", "\u0e33"

RE_MARK = re.compile(f"[{MARKS}]")
RE_THAI_RUN_END = re.compile(f"[{CONSONANTS}\u0e30-\u0e4e]{{0,16}}$")
RE_THAI_RUN_START = re.compile(f"[{CONSONANTS}\u0e30-\u0e4e]{{0,16}}")


def is_thai_letter(ch: str) -> bool:
    """True for a Thai letter, vowel or mark (U+0E01–U+0E4E): the Thai block without its digits and the
    signs after them, e.g. ``is_thai_letter("ก")``; ``is_thai_letter("๑")`` is False."""
    return "\u0e01" <= ch <= "\u0e4e"


def is_thai_char(ch: str) -> bool:
    """True for one character of the Thai block (U+0E01–U+0E5B), e.g. ``is_thai_char("ก")``.

    Re-implemented instead of ``pythainlp.util.is_thai_char`` to pin the exact range we use.
    """
    return len(ch) == 1 and "\u0e01" <= ch <= "\u0e5b"


def unmarked(text: str) -> str:
    """``text`` without Thai combining marks: the letters OCR loses most ("ประเดนทต้อง" for "ประเด็นที่ต้อง")."""
    return RE_MARK.sub("", text)


def bare(text: str) -> str:
    """Letters without the marks above and below, SARA AM as the SARA AA it holds: what OCR reads most surely
    ("ทำช่าง" and ท่าช้าง → "ทาชาง")."""
    return unmarked(text).replace("\u0e33", "\u0e32")


@lru_cache(maxsize=4096)
def dict_score(run: str) -> tuple[int, int]:
    """How well a Thai run reads as dictionary words: (chars in words of ≥ 2 letters, −tokens)."""
    from .dictionary import cut_words, known_words

    tokens = cut_words(run, keep_whitespace=False)
    words = known_words()
    covered = sum(len(t) for t in tokens if len(t) > 1 and t in words)
    return covered, -len(tokens)


def context(s: str, start: int, end: int) -> tuple[str, str]:
    """Thai letters (≤ 16) immediately left of `start` and right of `end`."""
    left = RE_THAI_RUN_END.search(s, 0, start)
    right = RE_THAI_RUN_START.match(s, end)
    return (left.group(0) if left else ""), (right.group(0) if right else "")


