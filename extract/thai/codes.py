"""ITA indicator codes (E1, I5, O36) and assessment tools (EIT, IIT, OIT) in cell text.

Agencies write codes every way: "E๑", "E 1", "e1", "(E1)", "ข้อ E๑", "EIT 1", "O42 -". We
normalise them to a capital letter plus Arabic digits so rows can be matched to the catalogue.

>>> split_indicator("E ๑ เจ้าหน้าที่ของหน่วยงานปฏิบัติงาน")
('E1', 'เจ้าหน้าที่ของหน่วยงานปฏิบัติงาน')
>>> tool_in_text("เครื่องมือการประเมิน EIT คะแนนต่ำกว่า ๘๕ คะแนน")
'EIT'
"""

from __future__ import annotations

import re
from functools import lru_cache

from .repair import to_arabic_digits

TOOLS: dict[str, str] = {"E": "EIT", "I": "IIT", "O": "OIT"}

# Latin letters and digits may not touch a code: "MOIT 1", "EB1", "E-Service", "ISO 9001".
# A lower-case letter may stand a space from its number like a capital: justification spreads "o6"
# alone on a line of a narrow cell to "o  6", two glyphs with nothing to show the gap is a spread.
_CODE = r"(?:(?P<tool>EIT|IIT|OIT)\s*|(?P<letter>[EIO])\s?|(?P<lower>[eio])\s?)(?P<num>\d{1,2})(?![\d.]?\d)(?![A-Za-z])"
# "ข้อ"/"ข้อที่" before a code, also as OCR reads it with its marks lost or misread ("ขอ E๒", "ข่อที E1"):
# before a code nothing else is spelled this way. A bracket opened before a code closes after it, or
# OCR lost the closing one ("(E๕ หน่วยงาน…", "(E๑๑เจ้าหน้าที่"): then a space or Thai text follows.
_RE_LEADING = re.compile(
    r"\s*(?:ข[\u0e48\u0e49]?อ(?:ท[\u0e34\u0e35]?[\u0e48\u0e49]?)?\s*)?(?P<open>[(\[])?\s*"
    + _CODE
    + r"\s*(?(open)(?:[)\]]|(?=[\s\u0e01-\u0e4e])))\s*(?:[.:)\-–—](?!\d)\s*)?"
)
# OCR reads the letter O of a bracketed code as a zero or a Q ("(021)" for "(O21)", "(Q16)"): no
# number is printed so, with a leading zero in brackets at a cell's start.
_RE_OCR_O = re.compile(r"\s*[(\[]\s*[0Q](?P<num>\d{1,2})\s*[)\]]\s*")
# Unbracketed, only where the zero is Thai and the digits after it Arabic, before the cell's Thai text
# ("๐16 ข้อมูลเชิงสถิติ", judge set 10: a ring O read as ๐ by the Thai model, its number by the English
# one): no number is printed in two scripts ("021 หมายเลขโทรศัพท์" is a number). Matched on the text as read.
_RE_OCR_O_BARE = re.compile(r"\s*๐(?P<num>[0-9]{1,2})\s+(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
_RE_ANYWHERE = re.compile(r"(?<![A-Za-z0-9])" + _CODE)
# A justified cell spreads a code's glyphs apart ("I 1 1"): its two digits with one space between.
_RE_LEADING_SPREAD = re.compile(_RE_LEADING.pattern.replace(r"(?P<num>\d{1,2})", r"(?P<num>\d \d)", 1))
# Highest question number of each tool in any year's catalogue (i1-i30, e1-e15, o1-o43): a spread
# code past it is a one-digit code followed by a number of the text.
MAX_QUESTION = {"I": 30, "E": 15, "O": 43}
_RE_TOOL = re.compile(r"(?<![A-Za-z])(?P<code>EIT|IIT|OIT)(?![A-Za-z])", re.IGNORECASE)
_THAI_TOOL_NAMES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"ผู้มีส่วนได้\s*ส่วนเสีย\s*ภายนอก|External\s+Integrity", re.IGNORECASE), "EIT"),
    (re.compile(r"ผู้มีส่วนได้\s*ส่วนเสีย\s*ภายใน|Internal\s+Integrity", re.IGNORECASE), "IIT"),
    (re.compile(r"เปิดเผยข้อมูล\s*สาธารณะ|Open\s+Data\s+Integrity", re.IGNORECASE), "OIT"),
]


def _code(m: re.Match[str]) -> str:
    """Normalised code from a match of `_CODE`: tool letter in capitals + Arabic number."""
    letter = (m["tool"] or m["letter"] or m["lower"])[0].upper()
    return f"{letter}{int(m['num'].replace(' ', ''))}"


@lru_cache(maxsize=4096)  # a line is asked twice (does it open the body? is it a section?) and more
def split_indicator(s: str) -> tuple[str | None, str]:
    """Split a leading code off a cell: "(E1) การติดต่อ…" → ("E1", "การติดต่อ…").

    Returns (None, s) unchanged when the text does not start with a code.
    """
    arabic = to_arabic_digits(s)  # digit conversion keeps positions
    spread = _RE_LEADING_SPREAD.match(arabic)
    if spread is not None and int(spread["num"].replace(" ", "")) <= MAX_QUESTION[_code(spread)[0]]:
        return _code(spread), s[spread.end():]
    m = _RE_LEADING.match(arabic)
    if m is not None:
        return _code(m), s[m.end():]
    o = _RE_OCR_O.match(arabic) or _RE_OCR_O_BARE.match(s)
    if o is not None and 1 <= int(o["num"]) <= MAX_QUESTION["O"]:
        return f"O{int(o['num'])}", s[o.end():]
    return None, s


def find_indicator(s: str) -> str | None:
    """First code anywhere in the text: "ตามตัวชี้วัด O๓๖ แผน…" → "O36"; none → None."""
    m = _RE_ANYWHERE.search(to_arabic_digits(s))
    return _code(m) if m else None


def tool_of(code: str) -> str | None:
    """Tool of a code: "E1" → "EIT", "I5" → "IIT", "O36" → "OIT"; anything else → None."""
    if not re.fullmatch(r"[EIOeio]\d+", code or ""):
        return None
    return TOOLS[code[0].upper()]


def tool_in_text(s: str) -> str | None:
    """Tool named in a section row, by acronym or Thai name, whichever comes first.

    "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน" → "IIT"; "แบบตรวจการเปิดเผยข้อมูลสาธารณะ" → "OIT".
    """
    hits: list[tuple[int, str]] = []
    m = _RE_TOOL.search(s)
    if m:
        hits.append((m.start(), m["code"].upper()))
    for pattern, tool in _THAI_TOOL_NAMES:
        found = pattern.search(s)
        if found:
            hits.append((found.start(), tool))
    return min(hits)[1] if hits else None
