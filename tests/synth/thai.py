"""Thai text as agencies type it: digits, dates, item numbering, and line wrapping by measured width.

Everything here works on plain strings; nothing knows about PDFs or tables. The wrapping is the
one word processors do for Thai (break between dictionary words, never inside a grapheme, a typed
space at a break dropped), so the truth can stay the typed text while the PDF shows it wrapped.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date

from pythainlp.tokenize import subword_tokenize, word_tokenize

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
MONTHS = ("", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
          "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_ABBR = ("", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
BE_OFFSET = 543  # Buddhist era = Common era + 543


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def digits_as(thai: bool) -> Callable[[object], str]:
    """A function printing numbers (and any digits inside a string) in Thai or Arabic digits.

    ``digits_as(True)("รอบ 6 เดือน")`` → ``"รอบ ๖ เดือน"``.
    """
    table = TO_THAI if thai else TO_ARABIC
    return lambda value: str(value).translate(table)


def month_end(year_ce: int, month: int) -> date:
    return date(year_ce, month, calendar.monthrange(year_ce, month)[1])


def fiscal_bounds(fiscal_year_be: int) -> tuple[date, date]:
    """FY2567 → (2023-10-01, 2024-09-30): a fiscal year is named by the BE year it ends in."""
    end_ce = fiscal_year_be - BE_OFFSET
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def month_year_ce(fiscal_year_be: int, month: int) -> int:
    """The CE year a month of a fiscal year falls in: October–December belong to the year before."""
    end_ce = fiscal_year_be - BE_OFFSET
    return end_ce - 1 if month >= 10 else end_ce


def format_date(day: date, style: str, digit: Callable[[object], str]) -> str:
    """One printed date: ``full`` ๒๕ มกราคม ๒๕๖๖, ``month_word`` ๒๕ เดือนมกราคม พ.ศ. ๒๕๖๖,
    ``abbr`` ๒๕ ม.ค. ๒๕๖๖, ``abbr_short`` ๒๕ ม.ค. ๖๖, ``numeric`` ๒๕/๐๑/๒๕๖๖."""
    year = day.year + BE_OFFSET
    if style == "full":
        return f"{digit(day.day)} {MONTHS[day.month]} {digit(year)}"
    if style == "month_word":
        return f"{digit(day.day)} เดือน{MONTHS[day.month]} พ.ศ. {digit(year)}"
    if style == "abbr":
        return f"{digit(day.day)} {MONTHS_ABBR[day.month]} {digit(year)}"
    if style == "abbr_short":
        return f"{digit(day.day)} {MONTHS_ABBR[day.month]} {digit(f'{year % 100:02d}')}"
    if style == "numeric":
        return digit(f"{day.day:02d}/{day.month:02d}/{year}")
    raise ValueError(f"unknown date style {style!r}")


NUMBERING = {  # how an item number is printed; the truth drops it
    "dot": lambda n, d: f"{d(n)}. ",
    "dot_tight": lambda n, d: f"{d(n)}.",
    "paren": lambda n, d: f"({d(n)}) ",
    "close": lambda n, d: f"{d(n)}) ",
    "bare": lambda n, d: f"{d(n)} ",
}


def numbered(items: list[str], style: str | None, digit: Callable[[object], str], inline: bool = False) -> list[str]:
    """The paragraphs a cell prints for its items: one per item (or run-on when ``inline``).

    ``style`` None prints a single item bare; several items are always numbered, since the
    contract splits on numbering only.
    """
    if style is None or (len(items) == 1 and style != "force"):
        if len(items) != 1:
            raise ValueError("several items need a numbering style")
        return list(items)
    fmt = NUMBERING["dot" if style == "force" else style]
    printed = [fmt(i + 1, digit) + item for i, item in enumerate(items)]
    return [" ".join(printed)] if inline else printed


# --- line wrapping ----------------------------------------------------------------------------
THAI = re.compile("[\u0e00-\u0e7f]")
# kept whole: abbreviations (ม.ค. พ.ศ.), numeric dates, item numbers (๑. 1) (๑)), codes (E๑ e12), scores
UNBREAKABLE = re.compile(r"(?:[ก-ฮ]{1,3}\.){2,3}|[๐-๙\d]{1,2}/[๐-๙\d]{1,2}/[๐-๙\d]{2,4}"
                         r"|\(?[๐-๙\d]{1,2}[.)]|\([A-Za-z]?[๐-๙\d]{1,3}\)|[A-Za-z][๐-๙\d]{1,3}|[๐-๙\d]+\.[๐-๙\d]+")
NO_BREAK_BEFORE = tuple(".),:;]%”")
NO_BREAK_AFTER = tuple("([“")


def chunks(text: str) -> list[str]:
    """Unbreakable pieces of a line: words with punctuation glued on, and " " for a typed space."""
    tokens: list[str] = []
    pos = 0
    for m in UNBREAKABLE.finditer(text):
        tokens += word_tokenize(text[pos:m.start()], engine="newmm", keep_whitespace=True) + [m.group()]
        pos = m.end()
    tokens += word_tokenize(text[pos:], engine="newmm", keep_whitespace=True)
    out: list[str] = []
    for tok in filter(None, tokens):
        if tok.isspace():
            out.append(" ")
        elif out and out[-1] != " " and (tok.startswith(NO_BREAK_BEFORE) or out[-1].endswith(NO_BREAK_AFTER)):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def clusters(text: str) -> list[str]:
    """Base character plus its combining marks: what Word spreads apart when it justifies Thai.

    ``clusters("ที่")`` → ``["ที่"]``; ``clusters("ทำ")`` → ``["ท", "ำ"]`` (SARA AM spaces on its own).
    """
    out: list[str] = []
    for ch in text:
        if out and unicodedata.category(ch) == "Mn":
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _pieces(word: str) -> list[str]:
    out: list[str] = []
    for syl in subword_tokenize(word, engine="dict"):
        out.extend([syl] if THAI.search(syl) else clusters(syl))
    return out


def wrap(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Greedy line filling by measured width; a typed space falling on a break is dropped."""
    lines: list[str] = []
    cur = ""
    for tok in chunks(text):
        if tok == " ":
            cur += " " if cur and not cur.endswith(" ") else ""
            continue
        if measure(cur + tok) <= width:
            cur += tok
            continue
        if cur.strip():
            lines.append(cur.rstrip())
        cur = ""
        while measure(tok) > width:  # a word wider than the column: break it between syllables
            head = ""
            for piece in _pieces(tok):
                if head and measure(head + piece) > width:
                    break
                head += piece
            if not head:
                break
            lines.append(head)
            tok = tok[len(head):]
        cur = tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]
