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

from collections.abc import Iterable, Iterator
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
        a few letters are found everywhere. A ``tail`` shorter than ``reach`` is the end of the
        text (the caller hands the rest of the cell's item): a quote of the wording ends where
        the question ends, so the wording must end there too. A finding that only shares the
        question's words ("…งบประมาณประจำปีของหน่วยงาน" against the question's "…งบประมาณ
        ประจำปี ของหน่วยงานของท่าน มากน้อยเพียงใด") quotes nothing and is not spaced like it.

        >>> wording = LetterIndex.of(["บุคลากรในหน่วยงานของท่าน มีการเบิกจ่ายเงิน", "ท่านมีความคิดเห็น"])
        >>> wording.spacing_at("บุคลากรในหน่วยงานของท่าน", "มีการเบิกจ่ายเงิน"), wording.spacing_at("ท่าน", "มีความ")
        (True, None)
        >>> wording.spacing_at("บุคลากรในหน่วยงานของท่าน", "มีการเบิก")  # the text ends, the question goes on
        """
        votes = set(self._spacings(head, tail, reach, least, quoted=True))
        return votes.pop() if len(votes) == 1 else None

    def echoes(self, head: str, tail: str, reach: int = 16, least: int = 8) -> bool:
        """The letters around the junction are the wording's, but the text ends where the question goes on.

        Such a text quotes no question, and the words it shares with one say nothing of its spacing.

        >>> LetterIndex.of(["แผนการใช้จ่ายงบประมาณประจำปี ของหน่วยงานของท่าน"]).echoes("งบประมาณประจำปี", "ของหน่วยงาน")
        True
        """
        return any(True for _ in self._spacings(head, tail, reach, least, quoted=False)) and \
            not any(True for _ in self._spacings(head, tail, reach, least, quoted=True))

    def _spacings(self, head: str, tail: str, reach: int, least: int, quoted: bool) -> Iterator[bool]:
        """For each place the junction's letters are found: whether a space stands there.

        ``quoted``: only places where the wording's line ends as the text does, if it ends within ``reach``.
        """
        h, t = "".join(head.split())[-reach:], "".join(tail.split())[:reach]
        if len(h) < least or len(t) < least:
            return
        key = h + t
        ends = quoted and len(t) < reach  # the text ends within reach: the wording's line must end there too
        at = self.letters.find(key)
        while at >= 0:
            if not ends or self.letters.startswith("\n", at + len(key)):
                yield at + len(h) in self.spaced
            at = self.letters.find(key, at + 1)


@cache
def official_lines() -> tuple[str, ...]:
    """The ITA questions shipped with the package, one a line."""
    text = resources.files("ita_extract.extract.thai").joinpath("ita_questions.txt").read_text("utf-8")
    return tuple(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@cache
def official_wording() -> LetterIndex:
    return LetterIndex.of(official_lines())
