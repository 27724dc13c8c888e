"""Was a typed space lost where a cell's line wrapped between two Thai letters?

Thai puts no spaces between words; authors type one between phrases
("…ดำเนินการแล้ว รายงานผู้บริหาร เพื่อเผยแพร่…"). When such a space falls at a line
wrap, many producers (LibreOffice, reportlab paragraphs) draw no glyph for it, so the
PDF alone cannot tell "…แล้ว|รายงาน…" (typed space) from "…ดำเนิน|การ…" (a wrap inside
running text). Geometry does not help either: a dictionary line breaker leaves the
same kind of gap in both cases. So the decision is made from language evidence,
strongest first:

1. this document: the same two words side by side on one line elsewhere, with or
   without a space (ITA reports repeat their phrasing from row to row);
2. the official ITA question wording (``ita_questions.txt``), which the issue
   column of these reports usually quotes;
3. Thai spacing convention (Royal Institute rules on เว้นวรรค): a space before a
   word that opens a new clause or phrase (เพื่อ, โดย, ณ, มากน้อย, หรือไม่ …), after
   one that closes a clause (แล้ว), and before พ.ศ. in a date.

Before all of these, a wrap that splits one dictionary word is never a typed space.

With no evidence the wrap is taken as inside running text: no space. Words come from
pythainlp's ``newmm`` tokenizer and its dictionary, the same segmentation for the
evidence and for the wrap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize

from .repair import repair_thai_text

THAI = re.compile(r"[\u0e01-\u0e4e]")
# Words that open a clause or phrase, before which Thai official writing types a space.
CLAUSE_OPENERS = frozenset({"เพื่อ", "โดย", "ณ", "มากน้อย", "มากน้อยเพียงใด", "หรือไม่", "เช่น", "ได้แก่", "ทั้งนี้", "พ.ศ."})
# Words that close a clause ("ดำเนินการแล้ว รายงาน…"), after which a space is typed.
CLAUSE_CLOSERS = frozenset({"แล้ว"})


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """Dictionary words and the spaces between them (pythainlp newmm).

    Cached: a document's line texts are cut once to learn its spacing and again at each
    wrap they end or start, and newmm was a sixth of the pipeline's own time.
    """
    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


class SpacingEvidence:
    """Counts of word pairs seen on one line with a space between them, or joined."""

    def __init__(self) -> None:
        self.pairs: Counter[tuple[str | bool, ...]] = Counter()

    def learn(self, texts: Iterable[str]) -> SpacingEvidence:
        for text in texts:
            toks = [w for w in words(text) if w]
            for i in range(1, len(toks)):
                spaced = toks[i].isspace()
                j = i + 1 if spaced else i  # the word after the junction
                if j >= len(toks) or not (THAI.match(toks[i - 1][-1:]) and THAI.match(toks[j][:1])):
                    continue
                left, right = toks[: i], toks[j:]
                for key in _contexts([w for w in left if not w.isspace()], [w for w in right if not w.isspace()]):
                    self.pairs[(*key, spaced)] += 1
        return self

    def verdict(self, left: list[str], right: list[str]) -> bool | None:
        """True/False when this junction was seen more often spaced/joined; None when undecided.

        The most specific context seen decides: two words on one side and one on the
        other, then one and one.
        """
        for key in _contexts(left, right):
            spaced, joined = self.pairs[(*key, True)], self.pairs[(*key, False)]
            if spaced != joined:
                return spaced > joined
        return None


def _contexts(left: list[str], right: list[str]) -> list[tuple[str, ...]]:
    """Keys for a junction between the words ``left`` and ``right``, most specific first."""
    keys: list[tuple[str, ...]] = []
    if len(right) >= 2:
        keys.append(("", left[-1], right[0], right[1]))
    if len(left) >= 2:
        keys.append((left[-2], left[-1], right[0], ""))
    keys.append(("", left[-1], right[0], ""))
    return keys


@cache
def reference_evidence() -> SpacingEvidence:
    """Evidence from the official ITA question wording shipped with the package."""
    text = resources.files("ita_extract.extract.thai").joinpath("ita_questions.txt").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return SpacingEvidence().learn(lines)


def space_lost_at_wrap(before: str, after: str, document: SpacingEvidence) -> bool:
    """Did the author type a space between ``before`` (end of a line) and ``after`` (next line)?

    Both are repaired text; the caller has checked that both sides of the wrap are Thai letters.

    >>> space_lost_at_wrap("ช่องทางรับฟังความคิดเห็น", "เพื่อปรับปรุง", SpacingEvidence())
    True
    >>> space_lost_at_wrap("การดำเนิน", "การ", SpacingEvidence())
    False
    """
    left = [w for w in words(before) if not w.isspace()]
    right = [w for w in words(after) if not w.isspace()]
    if not left or not right or inside_a_word(before, after):
        return False
    for evidence in (document, reference_evidence()):
        verdict = evidence.verdict(left, right)
        if verdict is not None:
            return verdict
    return right[0] in CLAUSE_OPENERS or left[-1] in CLAUSE_CLOSERS or after.startswith("พ.ศ.")


def inside_a_word(before: str, after: str, reach: int = 12, known: bool = False) -> bool:
    """The junction splits one word ("ปีงบประมา|ณ"): never a typed space.

    A word is what newmm cuts, which joins letters it does not know into one piece;
    ``known`` counts only words of the dictionary ("ก|ข" splits no known word).

    >>> inside_a_word("ปีงบประมา", "ณ"), inside_a_word("ดำเนินการแล้ว", "รายงาน")
    (True, False)
    """
    head, tail = before[-reach:], after[:reach]
    offset = 0
    for word in words(head + tail):
        if offset == len(head):
            return False
        if offset + len(word) > len(head):
            return not known or word in _dictionary()
        offset += len(word)
    return False


@cache
def _dictionary() -> frozenset[str]:
    return frozenset(thai_words())


def typed_space_in_spread(before: str, after: str) -> bool | None:
    """Did the author type the space a justified line's gap suggests between ``before`` and ``after``?

    Word spreads the clusters of a justified Thai line apart ("เจ้ า หน้ า ที่"), so such a
    gap is weak evidence of a space. A gap that splits a dictionary word is spread (False);
    the official ITA wording and the spacing conventions (a space before เพื่อ, โดย, ณ …)
    say True or False where they know the pair; None where nothing says (geometry decides).

    >>> typed_space_in_spread("เจ้", "าหน้าที่"), typed_space_in_spread("ภาคเอกชน", "เพื่อสร้าง")
    (False, True)
    """
    left = [w for w in words(before) if not w.isspace()]
    right = [w for w in words(after) if not w.isspace()]
    if not left or not right:
        return None
    if inside_a_word(before, after, known=True):
        return False
    verdict = reference_evidence().verdict(left, right)
    if verdict is not None:
        return verdict
    if right[0] in CLAUSE_OPENERS or left[-1] in CLAUSE_CLOSERS or after.startswith("พ.ศ."):
        return True
    return None


def line_texts(texts: Iterable[str]) -> list[str]:
    """Repaired, distinct line texts: the evidence one document gives about its own spacing."""
    return list(dict.fromkeys(repair_thai_text(t) for t in texts if t.strip()))
