"""SARA AM in a damaged text layer: lost as a space before SARA AA, or standing for SARA AA.

Word 2016 and PowerPoint fonts map SARA AA's glyph to SARA AM (บริกำร for บริการ), and
LibreOffice exports lose SARA AM's NIKHAHIT as a space (ส านักงาน). Which reading is right is
weighed by the dictionary, per line, and per font across a document (``reads_aa_as_am``).
"""

from __future__ import annotations

import re

from .letters import CONSONANTS, MARKS, SARA_AA, SARA_AM, TONES, context, dict_score

_RE_LOST_AM = re.compile(f"(?<=[{CONSONANTS}{MARKS}]) (?=[{TONES}]?{SARA_AA})")

def join_lost_sara_am(s: str) -> tuple[str, bool]:
    """``"ส านัก"`` → ``"สำนัก"`` where the joined run reads better as dictionary words."""
    seen = False
    pos = 0
    while (m := _RE_LOST_AM.search(s, pos)) is not None:
        seen = True
        tone_end = m.end() + (1 if s[m.end()] != SARA_AA else 0)
        left, right = context(s, m.start(), tone_end + 1)
        tone = s[m.end():tone_end]
        if dict_score(left + tone + SARA_AM + right) > dict_score(left + tone + SARA_AA + right):
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
        left, right = context(guess, pos, pos + 1)
        if dict_score(left + SARA_AA + right) > dict_score(left + SARA_AM + right):
            chars[pos] = SARA_AA
    fixed = "".join(chars)
    return fixed, fixed != line


def fix_am_for_aa(s: str) -> tuple[str, bool]:
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
    as_is = sum(dict_score(run)[0] for run in sample.split())
    as_aa = sum(dict_score(run.replace(SARA_AM, SARA_AA))[0] for run in sample.split())
    return as_aa > as_is


def am_stays(left: str, right: str) -> bool:
    """In a font that reads SARA AA as SARA AM, does this one read strictly better as a real SARA AM?

    ``left``/``right``: the Thai letters around it, the font's other SARA AM read as SARA AA.

    >>> am_stays("จัดท", "คู่มือ"), am_stays("บริก", "รประชาชน")
    (True, False)
    """
    return dict_score(left + SARA_AM + right) > dict_score(left + SARA_AA + right)


# A mark stored after the next letter ("จดั" for จัด, "บตั รควิ" for บัตรคิว): extractors that order
# glyphs by position, and fonts that draw a mark over the letter before it, leave it there. The
# surest sign is MAI HAN-AKAT with no final consonant after it; only lines that show it are tried.
