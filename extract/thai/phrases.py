"""Phrases the author typed whole elsewhere: a wrap at one's edge inside a longer item lost a typed space.

Thai authors type a space between phrases, and an ITA report repeats its phrases from
row to row: the same action is a numbered item of its own in one cell ("(4) ติดตามผล")
and a part of a longer item in another ("จัดทำแบบสอบถามความคิดเห็นของผู้รับบริการ
ติดตามผล"). Narrow columns wrap so often that the two words around such a space are
rarely seen side by side on one line, so the pair evidence of ``spacing`` is silent
there; the phrase itself is not. A wrap that falls exactly where a phrase the document
shows whole (a cell, a numbered item) ends the text before it, or begins the text after
it, falls between phrases: the author's space was there.

Texts are compared without their spaces, since the phrase seen whole may be wrapped too.
Three guards keep running text joined: a phrase must be long enough to be one (a short
item such as "การ" or "ทราบ" ends many words), and so must the text on the wrap's other
side, up to its first typed space ("รายงานผู้บริหาร" | "ทราบ เมื่อ…": "ทราบ" is the rest of
one phrase); and when a phrase seen elsewhere holds the two words of the wrap together
("…บริหารทราบ…"), the pair is running text there and this evidence stays silent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

SPACES = re.compile(r"\s+")


def _letters(text: str) -> str:
    return SPACES.sub("", text)


@dataclass
class PhraseEvidence:
    """The document's whole phrases (items and cells, spaces dropped), counted."""

    min_letters: int = 8  # shorter items ("ทราบ", "การให้") end or open too many words to mark a phrase
    seen: Counter[str] = field(default_factory=Counter)

    def learn(self, phrases: Iterable[str]) -> PhraseEvidence:
        self.seen.update(p for p in (_letters(t) for t in phrases) if p)
        return self

    def boundary(self, head: str, tail: str, across: tuple[str, str]) -> bool:
        """Does a wrap between ``head`` (its item up to the wrap) and ``tail`` (the rest) fall between phrases?

        ``across`` is the word before the wrap and the word after it: a phrase seen elsewhere
        that holds the two together, other than where one of the document's phrases ends or
        begins, says the wrap is inside running text.

        >>> seen = PhraseEvidence().learn(["ติดตามผลการดำเนินงาน", "จัดทำแบบสอบถามความคิดเห็น ติดตามผลการดำเนินงาน"])
        >>> seen.boundary("จัดทำแบบสอบถามความคิดเห็น", "ติดตามผลการดำเนินงาน", ("ความคิดเห็น", "ติดตาม"))
        True
        >>> seen.boundary("จัดทำแบบสอบถาม", "ความคิดเห็น ติดตามผลการดำเนินงาน", ("แบบสอบถาม", "ความคิดเห็น"))
        False
        """
        if not head.strip() or not tail.strip():
            return False
        # the other side's words up to its first typed space: long enough to be a phrase of their own
        far_side = (len(tail.split()[0]) >= self.min_letters, len(head.split()[-1]) >= self.min_letters)
        head, tail = _letters(head), _letters(tail)
        own = head + tail
        others = [p for p, n in self.seen.items() if n - (p == own) > 0]
        phrases = [p for p in others if len(p) >= self.min_letters]
        left, right = _letters(across[0]), _letters(across[1])
        if left and right and any(self._runs_on(p, left, right, phrases) for p in others if p != own):
            return False
        ends = far_side[0] and any(head.endswith(p) for p in phrases)
        opens = far_side[1] and any(tail.startswith(p) for p in phrases)
        return ends or opens

    @staticmethod
    def _runs_on(text: str, left: str, right: str, phrases: list[str]) -> bool:
        """``text`` holds ``left`` and ``right`` together somewhere no phrase of the document ends or begins."""
        at = text.find(left + right)  # both sides have letters: ``boundary`` asks only then
        while at >= 0:
            cut = at + len(left)
            if not any(text[:cut].endswith(p) or text[cut:].startswith(p) for p in phrases):
                return True
            at = text.find(left + right, at + 1)
        return False
