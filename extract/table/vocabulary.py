"""What a document kind tells the table engine: its column roles and their header wordings.

The engine finds headers, columns and rows; it does not know "issue" or "actions". A kind
(``extract/kinds/``) hands it a :class:`TableVocabulary` and builds its own records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz.distance import Levenshtein

from ..thai.letters import unmarked

LOOKAROUND = re.compile(r"\(\?<?[!=][^)]*\)")  # "(?!.*ประเด็น)" says what a wording is not
WORDING = re.compile(r"[\u0e01-\u0e4e]{5,}")  # a wording long enough that one misread letter leaves it plain
# What opens a line before a code OCR misread: ข้อ ("ข้อ E๑"), and the misread itself, up to four
# characters holding a digit or a Latin letter ("ธ5", "Ell", "EdD", "(55)"); never an item number.
CODE_WORD = re.compile(r"^\s*(ข\u0e49?อ(?![\u0e01-\u0e2e])\s*)?")  # a word of its own: not the ขอ of "ของท่าน"
# an item number: "๑)", "1.", "(๒)"; not "(55)", a code's letter read as a digit ("(E5)"), as no list runs so long
ITEM_NUMBER = re.compile(r"^(?:[0-9๐-๙]{1,2}\s*[.)]|\([0-9๐-๙]\s*\))")
# a code printed in brackets whose opening bracket and letter OCR lost: "๑๘)" for "(I๑๘)", "0๘)" for "(I๘)"
# (unseen scan syn00205). Shaped like an item number "๑)", so taken only before a row wording's opening
CLOSED_NUMBER = re.compile(r"^[0-9๐-๙]{1,3}\s*\)")
CODE_LIKE = re.compile(r"[0-9๐-๙A-Za-z]")
TOKEN = 4  # characters of a misread code with no ข้อ before it ("Ell", "(55)"), its letter perhaps read
# apart from its digits ("ต ๖" for "I๒๖": devs7n scan syn00029, the row folded into the one above)
# … and after ข้อ, which says a code follows: in up to three pieces ("ข้อ 1 ไ ๒๓" for "ข้อ I๒๓"), and the
# wording may wrap to the next line, leaving ข้อ and the code alone on theirs (devs7n scan syn00029: nine
# of thirteen rows so)
SPLIT_TOKEN = 8
SPLIT_PIECES = 2  # spaces inside a misread code after ข้อ
FOUND_KEPT = 8192  # cells whose roles a vocabulary remembers (a long document's header search asks of some 6,000)


def _letters(text: str) -> str:
    """Thai letters of ``text`` without marks or anything else: what OCR reads most surely."""
    return "".join(ch for ch in unmarked(text) if "\u0e01" <= ch <= "\u0e2e" or "\u0e30" <= ch <= "\u0e44")


OPENER_LETTERS = 6  # letters of an opening wording, or ...
OPENER_CONSONANTS = 5  # ... consonants (ขั้นตอน): one misread letter still leaves it plain; not คะแนน ("คะแนะ")
LONG_WORDING = 10  # letters: a header wording this long may be read two letters off (OCR) and still name its column


@dataclass(frozen=True)
class TableVocabulary:
    """Column roles with the header wordings that name them, and what some roles mean to rows.

    ``roles``: (role, pattern) pairs, more specific wordings first; the role whose wording
    starts earliest in a header cell wins (rank breaks ties), so "มาตรการ/แนวทางการดำเนินการ"
    is measures and "การดำเนินการ" alone is actions.
    ``header_roles``: the roles whose wording counts as evidence of a header line (generic
    short wordings such as "ที่" would find headers in body text).
    ``unique``: roles a table has once; a second column naming one gets no role.
    ``number_role``: the column of printed row numbers. ``code_roles``: columns whose cells
    open with an indicator code when a row starts.
    """

    roles: tuple[tuple[str, re.Pattern[str]], ...]
    header_roles: frozenset[str]
    unique: frozenset[str]
    number_role: str = "row"
    code_roles: tuple[str, ...] = ()
    fallbacks: tuple[tuple[str, str], ...] = ()
    keys: frozenset[str] = frozenset()  # a table of this kind has at least one of these columns
    # wordings a row's code cell opens with after its code (the official questions), and how
    # many letters of one (marks and spaces aside) a line must open with to say a row starts
    openings: tuple[str, ...] = ()
    opening_letters: int = 6  # "เจ้าหน้าที่" is seven letters, and a narrow cell wraps after it
    # roles whose cell holds one short value (a score): a page break never cuts one, so a page's first row
    # holding one where the last row holds one too is a row of its own, code or none
    single_valued: frozenset[str] = frozenset()

    def assign(self, found: list[str | None]) -> list[str | None]:
        """Roles for a table's columns from what each header names: a unique role's second column
        gets none, and a role with a fallback takes it when the table has no column of that role.

        ``fallbacks``: (role, instead) pairs: a table whose only measure-like column is
        "ขั้นตอนหรือวิธีการ/มาตรการ" has no separate steps, so its steps column is the measures.
        """
        seen: set[str] = set()
        roles: list[str | None] = []
        for role in found:
            if role in self.unique and role in seen:
                role = None
            if role:
                seen.add(role)
            roles.append(role)
        for role, instead in self.fallbacks:
            if role in seen and instead not in seen:
                roles = [instead if r == role else r for r in roles]
                seen.add(instead)
        return roles

    @cached_property
    def _opening_keys(self) -> frozenset[str]:
        n = self.opening_letters
        return frozenset(k[:n] for w in self.openings if len(k := _letters(w)) >= n)

    def opens_with_wording(self, text: str) -> bool:
        """Does ``text`` open with a short token holding a digit or a Latin letter, a code OCR
        misread ("ธ5", "Ell", "(55)", "EdD"; after ข้อ; "๑๘)" for "(I๑๘)"), then the opening of a row wording?
        After ข้อ the token may be read in pieces, and the wording may wrap to the next line:
        ``"ข้อ โ ๓ บุคลากรใน"`` → True, ``"ข้อ 1 ไ ๒๓"`` (nothing after it) → True.
        ``"Ellเจ้าหน้าที่ของหน่วยงาน"`` → True; ``"หน่วยงานที่ท่าน"`` (a wrapped line) → False;
        ``"๑. เจ้าหน้าที่ของหน่วยงาน"`` (an item) → False."""
        if not self._opening_keys:
            return False
        opening = CODE_WORD.match(text)
        word = bool(opening[1])
        text = text[opening.end():]
        if ITEM_NUMBER.match(text) and not CLOSED_NUMBER.match(text):
            return False
        n = self.opening_letters
        for k in range(1, (SPLIT_TOKEN if word else TOKEN) + 1):
            token = text[:k]
            if token.strip().count(" ") > (SPLIT_PIECES if word else 1) or not CODE_LIKE.search(token):
                continue
            rest = _letters(text[k:])
            if (len(rest) >= n and rest[:n] in self._opening_keys) or (word and not text[k:].strip()):
                return True
        return False

    @cached_property
    def unmarked_roles(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """The roles' wordings with Thai combining marks taken out, for text that lost some (OCR)."""
        return tuple((role, re.compile(unmarked(p.pattern), p.flags)) for role, p in self.roles)

    def role_of(self, header: str, without_marks: bool = False) -> str | None:
        """The role a header cell's wording (repaired, spaces removed) names: earliest wording wins.

        ``without_marks``: when no wording matches as printed, match again with the combining
        marks taken out of both sides (a page read by OCR; see ``TableSettings.ocr``).
        """
        role, start = _earliest(self.roles, header)
        if without_marks:
            bare = unmarked(header)
            if role is None:
                role, start = _earliest(self.unmarked_roles, bare)
            if start != 0:
                role = self._opens_misread(bare) or role
            role = role or self._nearly(bare)
        return role

    @cached_property
    def openers(self) -> tuple[tuple[str, str], ...]:
        """(role, letters) for every wording a role's header cell must open with (``^`` in its pattern),
        its marks taken out: ``("steps", "ขนตอน")`` for ``^ขั้นตอน``."""
        found = []
        for role, pattern in self.roles:
            for alternative in _top_level(pattern.pattern):
                if alternative.startswith("^"):
                    found += [(role, w) for w in map(_letters, WORDING.findall(LOOKAROUND.sub("", alternative)))
                              if _plain_enough(w)]
        return tuple(found)

    def _opens_misread(self, header: str) -> str | None:
        """The role of the one opening wording ``header`` (marks out) opens with, one letter misread,
        added or lost: "ขึ้นตอบนับ/วิธีการ" opens with ขั้นตอน read "ขึ้นตอบ", so it names steps,
        not the measures its later "วิธีการ" names. Such a wording starts earlier than any found
        later in the cell, and the earliest wording names the column."""
        letters = _letters(header)
        near = {role for role, w in self.openers if opens_one_off(letters, w)}
        return near.pop() if len(near) == 1 else None

    @cached_property
    def wordings(self) -> tuple[tuple[str, str], ...]:
        """(role, wording) for every plain Thai wording of six letters or more once its marks are taken out."""
        found = ((role, unmarked(w)) for role, p in self.roles for w in WORDING.findall(LOOKAROUND.sub("", p.pattern)))
        return tuple((role, w) for role, w in found if len(w) >= 6)

    def _nearly(self, header: str) -> str | None:
        """The role of the first wording ``header`` holds with one letter misread, added or lost;
        failing that, of the one wording of ten letters or more it holds with two, nearer than any other.

        The last resort for a header OCR misread ("ประเดตนทตอง": a letter added): a wording
        of six letters or more, one edit away, leaves no doubt which column it names; a long one
        two edits away does where no other is as near ("ผลการปรเมแนน)" for ผลการประเมิน (คะแนน)).
        """
        for role, wording in self.wordings:
            if self._distance(header, wording, 1) <= 1:
                return role
        near = sorted((self._distance(header, w, 2), role) for role, w in self.wordings if len(w) >= LONG_WORDING)
        near = [(d, role) for d, role in near if d <= 2]
        if not near or (len(near) > 1 and near[1][0] == near[0][0] and near[1][1] != near[0][1]):
            return None
        return near[0][1]

    @staticmethod
    def _distance(header: str, wording: str, cutoff: int) -> int:
        """The fewest edits (up to ``cutoff + 1``) that make a stretch of ``header`` the wording."""
        n = len(wording)
        return min((Levenshtein.distance(header[i:i + size], wording, score_cutoff=cutoff)
                    for size in (n - 2, n - 1, n, n + 1, n + 2) if size > 0
                    for i in range(max(len(header) - size + 1, 0))), default=cutoff + 1)

    def roles_in(self, text: str, within: int | None = None, without_marks: bool = False) -> frozenset[str]:
        """Header roles whose wording occurs in ``text`` (starting in its first ``within`` letters, if given).

        ``without_marks`` as in :meth:`role_of`: the wordings are also looked for unmarked.
        Remembered: the header search asks it of a body line's cells once per search over
        the page (two cell gaps; again below a header found that did not repeat the table's).
        """
        key = (text, within, without_marks)
        found = self._found.get(key)
        if found is None:
            found = self._roles_in(self.roles, text, within)
            if without_marks:
                found |= self._roles_in(self.unmarked_roles, unmarked(text), within)
            if len(self._found) >= FOUND_KEPT:
                self._found.clear()  # a batch of documents does not grow it (one call: safe between threads)
            found = self._found[key] = frozenset(found)
        return found

    @cached_property
    def _found(self) -> dict[tuple[str, int | None, bool], frozenset[str]]:
        return {}

    def _roles_in(self, roles: tuple[tuple[str, re.Pattern[str]], ...], text: str, within: int | None) -> set[str]:
        found = set()
        for role, pattern in roles:
            if role not in self.header_roles:
                continue
            m = pattern.search(text)
            if m and (within is None or m.start() <= within):
                found.add(role)
        return found


def opens_one_off(letters: str, word: str) -> bool:
    """Does ``letters`` open with ``word``, as spelt or with one letter misread, added or lost?"""
    return any(Levenshtein.distance(letters[:size], word, score_cutoff=1) <= 1
               for size in (len(word) - 1, len(word), len(word) + 1))


def _earliest(roles: tuple[tuple[str, re.Pattern[str]], ...], header: str) -> tuple[str | None, int | None]:
    """The role whose wording starts earliest in ``header`` (the earlier-listed role on a tie), and where."""
    best: tuple[int, int, str] | None = None
    for rank, (role, pattern) in enumerate(roles):
        m = pattern.search(header)
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, role)
    return (best[2], best[0]) if best else (None, None)


def _plain_enough(letters: str) -> bool:
    """Is an opening wording long enough to know again one letter off (``OPENER_LETTERS``)?"""
    consonants = sum("\u0e01" <= ch <= "\u0e2e" for ch in letters)
    return len(letters) >= OPENER_LETTERS or consonants >= OPENER_CONSONANTS


def _top_level(pattern: str) -> list[str]:
    """A pattern's alternatives at the top level: ``"^(ก|ข)|ค"`` → ``["^(ก|ข)", "ค"]``."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        depth += (ch == "(") - (ch == ")") if not escaped else 0
        if ch == "|" and depth == 0 and not escaped:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]
