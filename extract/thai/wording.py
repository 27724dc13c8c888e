"""The official ITA wording read letter by letter: how it spaces a junction with the same letters around it.

The issue column of a report quotes the ITA questions (``ita_questions.txt``), wrapped in a
narrow cell. The pair evidence of ``spacing`` counts two words side by side over all the
questions, and the questions space the same pair both ways ("หน่วยงานของท่าน มีการ…" in
one, "…ท่านมี…" in another), so a pair alone often cannot decide. The letters around the
wrap can: a stretch of them on each side, found in the wording, pins the question and the
place in it, and the wording says whether a space stands there. Where the stretch is found
in more than one place and they disagree, or not at all, the wording says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class LetterIndex:
    """Texts with their spaces taken out, and where the spaces stood (lines apart by a newline)."""

    letters: str
    spaced: frozenset[int]  # index of each letter a space stood before

    @classmethod
    def of(cls, lines: Iterable[str]) -> LetterIndex:
        letters: list[str] = []
        spaced: set[int] = set()
        for line in lines:
            for ch in line:
                if ch.isspace():
                    if letters and letters[-1] != "\n":
                        spaced.add(len(letters))
                    continue
                letters.append(ch)
            letters.append("\n")
        return cls("".join(letters), frozenset(spaced))

    def spacing_at(self, head: str, tail: str, reach: int = 16, least: int = 8) -> bool | None:
        """Is a space typed between ``head`` and ``tail``, where their letters are found together?

        Up to ``reach`` letters of each side are matched, and at least ``least`` must be there:
        a few letters are found everywhere.

        >>> wording = LetterIndex.of(["บุคลากรในหน่วยงานของท่าน มีการเบิกจ่ายเงิน", "ท่านมีความคิดเห็น"])
        >>> wording.spacing_at("บุคลากรในหน่วยงานของท่าน", "มีการเบิกจ่าย"), wording.spacing_at("ท่าน", "มีความ")
        (True, None)
        """
        h, t = "".join(head.split())[-reach:], "".join(tail.split())[:reach]
        if len(h) < least or len(t) < least:
            return None
        key, votes = h + t, set()
        at = self.letters.find(key)
        while at >= 0:
            votes.add(at + len(h) in self.spaced)
            at = self.letters.find(key, at + 1)
        return votes.pop() if len(votes) == 1 else None


@cache
def official_lines() -> tuple[str, ...]:
    """The ITA questions shipped with the package, one a line."""
    text = resources.files("ita_extract.extract.thai").joinpath("ita_questions.txt").read_text("utf-8")
    return tuple(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@cache
def official_wording() -> LetterIndex:
    return LetterIndex.of(official_lines())
