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
   column of these reports usually quotes: first a long stretch of letters on both sides
   found in it (``wording``), then the same two words side by side;
3. this document's phrases: the wrap falls where a phrase the document shows whole (a
   cell, a numbered item) ends or begins inside a longer item (``phrases``);
4. Thai spacing convention (Royal Institute rules on เว้นวรรค): a space before a
   word that opens a new clause or phrase (เพื่อ, โดย, ณ, มากน้อย, หรือไม่ …), after
   one that closes a clause (แล้ว), and before พ.ศ. in a date.

Before all of these, a wrap that splits one dictionary word is never a typed space, and
a line that opens with ไม้ยมก (ๆ) follows a typed space: line breakers keep ๆ with the
word it repeats (ICU's Thai break engine and newmm both cut "อื่นๆ" as one word), so only
a space typed before it ("อื่น ๆ", as the Royal Institute writes it) lets a line break there.

With no evidence the wrap is taken as inside running text: no space. Words come from
pythainlp's ``newmm`` tokenizer and its dictionary, the same segmentation for the
evidence and for the wrap.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from .dates import MONTH_PATTERN
from .dictionary import cut_words, known_words
from .phrases import PhraseEvidence
from .repair import repair_thai_text, to_arabic_digits
from .wording import official_lines, official_wording

THAI = re.compile(r"[\u0e01-\u0e4e]")
# Words that open a clause or phrase, before which Thai official writing types a space.
CLAUSE_OPENERS = frozenset({"เพื่อ", "โดย", "ณ", "มากน้อย", "มากน้อยเพียงใด", "หรือไม่", "เช่น", "ได้แก่", "ทั้งนี้", "พ.ศ.",
                            "เนื่องจาก"})
# Words after which a space is typed: one that closes a clause ("ดำเนินการแล้ว รายงาน…"), and
# ณ, เช่น and ได้แก่, which the Royal Institute's rules on เว้นวรรค space on both sides.
CLAUSE_CLOSERS = frozenset({"แล้ว", "ณ", "เช่น", "ได้แก่"})
# Words that join two parts standing apart ("ตุลาคม ถึง มีนาคม", "ม.ค. 67 - ก.ย. 67"): spaced on one
# side, they are spaced on the other.
SEPARATORS = ("ถึง", "ณ", "-", "–", "/")
# เมื่อ standing before a date ("รายงานผู้บริหารทราบ เมื่อ 21 พ.ย. 67") opens a clause; in
# "เมื่อวันที่" authors write it joined as often as not (the samples: 26 of 29 spaced before a date).
DATE_CLAUSE = re.compile(r"^เมื่อ(?:\s|[0-9๐-๙]|$)")
# A Thai abbreviation ("อบต.", "ทต.", "พ.ศ."): a word of its own, typed apart from the word before.
ABBREVIATION = re.compile(r"^[\u0e01-\u0e2e][\u0e01-\u0e4e]{0,3}\.")
# A date's abbreviation cut at its dot ("มี." | "ค.") and a slash date cut inside its year ("๐๘/๑๐/๒๕๖" | "๗").
ABBREVIATION_HEAD = re.compile(r"(?:^|\s)[\u0e01-\u0e4e]{1,2}\.$")
ABBREVIATION_TAIL = re.compile(r"^[\u0e01-\u0e4e]{1,2}\.")
DATE_HEAD = re.compile(r"(?:^|\D)\d{1,2}/\d{1,2}/(\d{1,3})$")
# A slash date cut in its day or month ("เมื่อ ๒" | "๙/๑๑/๒๕๖๔", "29/1" | "1/2564"): the two pieces make one date.
DATE_PIECES = (re.compile(r"(?:^|[^\d/])(\d[\d/]*)$"), re.compile(r"^[\d/]*\d"))
SLASH_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
# A count ends with its unit ("รอบ ๖ เดือน และรอบ ๑๒ เดือน"): the Royal Institute spaces a number on both
# sides, and reports space the word after its unit as well (../shared/corpus/real-text: after a number and
# one of these units, before a Thai word that is not a month or one of COUNT_TAILS, 43 spaced and none joined).
# Not วัน or ปี, which take words of their own ("30 วันทำการ", "3 ปีข้างหน้า": 34 of 95 joined there).
COUNT = re.compile(r"(?<![\d/.:,])\d{1,3}\s?(?:เดือน|ครั้ง|คน|ชั่วโมง|สัปดาห์|ไตรมาส|โครงการ|เรื่อง|ฉบับ)$")
# Words that go on with the count: "2 เรื่องขึ้นไป", "เดือนละ", "3,606 คนต่อตาราง…", "2 ครั้งเป็นอย่างน้อย", "ฉบับที่ 1"
COUNT_TAILS = ("ขึ้นไป", "ละ", "ต่อ", "เป็น", "ที่")
MONTH_NAME = re.compile(f"(?:{MONTH_PATTERN})")  # "วันที่ 29 เดือน" | "ธันวาคม": a date, which no count ends


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """Dictionary words and the spaces between them (pythainlp newmm).

    Cached: a document's line texts are cut once to learn its spacing and again at each
    wrap they end or start, and newmm was a sixth of the pipeline's own time.
    """
    return tuple(cut_words(text))


class SpacingEvidence:
    """Counts of word pairs seen on one line with a space between them, or joined; and whole phrases."""

    def __init__(self) -> None:
        self.pairs: Counter[tuple[str | bool, ...]] = Counter()
        self.text = ""  # the lines themselves: newmm cuts joined words its own way ("มีส่วน|ร่วมใน")
        self.phrases = PhraseEvidence()

    def learn(self, texts: Iterable[str]) -> SpacingEvidence:
        texts = list(texts)
        self.text += "\n" + "\n".join(texts)
        for text in texts:
            toks = [w for w in words(text) if w]
            for i in range(1, len(toks)):
                spaced = toks[i].isspace()
                j = i + 1 if spaced else i  # the word after the junction
                if j >= len(toks) or not (THAI.match(toks[i - 1][-1:]) and THAI.match(toks[j][:1])):
                    continue
                left, right = toks[: i], toks[j:]
                self._count([w for w in left if not w.isspace()], [w for w in right if not w.isspace()], spaced)
        return self

    def _count(self, left: list[str], right: list[str], spaced: bool) -> None:
        """One junction seen, spaced or joined, in each of its contexts (``_contexts``)."""
        for key in _contexts(left, right):
            self.pairs[(*key, spaced)] += 1

    def learn_wraps(self, wraps: Iterable[tuple[str, str, bool]], reach: int = 12) -> SpacingEvidence:
        """Junctions a producer showed at line wraps: (end of a line, next line, typed space or not).

        Only the junction itself is counted: the lines' own word pairs are learned from the lines.

        >>> seen = SpacingEvidence().learn_wraps([("ช่องทางรับฟังความคิดเห็น", "เว็บไซต์ และเฟซบุ๊ก", True)])
        >>> seen.verdict(["ความคิดเห็น"], ["เว็บไซต์"])
        True
        """
        for before, after, spaced in wraps:
            head, tail = _word_tail(before, reach), after[:reach]
            left = [w for w in words(head) if not w.isspace()]
            right = [w for w in words(tail) if not w.isspace()]
            if not (left and right and THAI.match(left[-1][-1:]) and THAI.match(right[0][:1])):
                continue
            self._count(left, right, spaced)
            self.text += "\n" + head + (" " if spaced else "") + tail
        return self

    def verdict(self, left: list[str], right: list[str]) -> bool | None:
        """True/False when this junction was seen more often spaced/joined; None when undecided.

        The most specific context seen decides: two words on one side and one on the
        other, then one and one.
        """
        for key in _contexts(left, right):
            spaced, joined = self.pairs[(*key, True)], self.pairs[(*key, False)]
            if spaced or joined:  # a joined pair newmm cut another way is still there, letter for letter
                head, tail = key[0] + key[1], key[2] + key[3]
                spaced = max(spaced, self.text.count(f"{head} {tail}"))
                joined = max(joined, self.text.count(head + tail))
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
    return SpacingEvidence().learn(official_lines())


def space_lost_at_wrap(
    before: str, after: str, document: SpacingEvidence, item: tuple[str, str] = ("", ""),
    ended_early: bool | Callable[[], bool] = False,
) -> bool:
    """Did the author type a space between ``before`` (end of a line) and ``after`` (next line)?

    Both are repaired text; the caller has checked that both sides of the wrap are Thai letters.
    ``item`` is the text of the wrap's cell item before and after the wrap, where the caller
    knows it (the phrase evidence needs it). ``ended_early``: the layout says the line ended
    with room for the next word (see ``opening_word``), which only a typed space explains: the
    last evidence, taken where no language evidence has spoken (a callable is asked only then:
    measuring the next word costs a word cut).

    >>> space_lost_at_wrap("ช่องทางรับฟังความคิดเห็น", "เพื่อปรับปรุง", SpacingEvidence())
    True
    >>> space_lost_at_wrap("การดำเนิน", "การ", SpacingEvidence())
    False
    """
    left = [w for w in words(before) if not w.isspace()]
    right = [w for w in words(after) if not w.isspace()]
    if not left or not right:
        return False
    if after.startswith("ๆ"):  # a line breaker keeps ๆ with its word: a space was typed before it
        return True
    head, tail = item[0] or before, item[1] or after
    # The wording quoted letter for letter outranks the dictionary: the ITA questions space the
    # compound "ขนบธรรมเนียม ประเพณี", which newmm would read as one word.
    wording = official_wording().spacing_at(head, tail)
    if wording is not None:
        return wording
    if inside_a_word(head, tail):
        return False
    if spaced_separator(before, after) or ABBREVIATION.match(after) or DATE_CLAUSE.match(tail) \
            or closes_count(head, tail):
        return True
    # A text that echoes a question without quoting it: the wording's word pairs there are that question's
    echo = official_wording().echoes(head, tail)
    for evidence in (document,) if echo else (document, reference_evidence()):
        verdict = evidence.verdict(left, right)
        if verdict is not None:
            return verdict
    if document.phrases.boundary(*item, (left[-1], right[0])):
        return True
    if right[0] in CLAUSE_OPENERS or left[-1] in CLAUSE_CLOSERS or after.startswith("พ.ศ."):
        return True
    return ended_early() if callable(ended_early) else ended_early


def opening_word(before: str, after: str, reach: int = 12, ahead: int = 40) -> str | None:
    """The word that opens ``after`` when the text runs on from ``before``; None where the junction splits one.

    A line breaker moves whole words: the unit that went to the next line is the word the
    joined text has there (newmm, as everywhere here), with the closing punctuation no line
    may open with (")", ".", "ๆ" …). ``after`` should run on past its line, as a line's last
    word may be the start of one too wide for the column ("ผลการดำเนิน" | "งาน"); ``reach`` and
    ``ahead`` are the characters on each side cut into words, more than the longest word.

    >>> opening_word("จัดประชุมชี้แจง", "บุคลากรทุกกอง"), opening_word("ที่มีผลกระทบต่อ", "ตนเอง) และ")
    ('บุคลากร', 'ตนเอง)')
    >>> opening_word("ปีงบประมา", "ณ 2567") is None
    True
    """
    head = _word_tail(before, reach)
    if not head.strip() or not after[:1].strip():
        return None
    offset = 0
    for word in words(head + after[:ahead]):
        if offset > len(head):
            return None
        if offset == len(head):
            closing = re.match(r"[.),:;\]%”ๆฯ]*", after[len(word):])
            return word + closing.group() if not word.isspace() else None
        offset += len(word)
    return None


def spaced_separator(before: str, after: str) -> bool:
    """A separator at the wrap that the author set apart on its other side ("2566 -" | "เมษายน").

    A separator alone on its line ("กุมภาพันธ์" | "ถึง" | "สิงหาคม") was broken out of a
    narrow cell at both its sides, which only spaces allow in a phrase like this one.

    >>> spaced_separator("ตุลาคม 2566 ถึง", "มีนาคม"), spaced_separator("ปฏิบัติ/", "ให้บริการ")
    (True, False)
    >>> spaced_separator("กุมภาพันธ์", "ถึง"), spaced_separator("ถึง", "สิงหาคม")
    (True, True)
    """
    ends = any(before.endswith(" " + sep) or before == sep for sep in SEPARATORS)
    starts = any(after.startswith(sep + " ") or after == sep for sep in SEPARATORS)
    return ends or starts


def closes_count(before: str, after: str) -> bool:
    """A line ends a count, its number and unit ("รอบ ๑๒ เดือน"), and the next goes on with a word of its own.

    >>> closes_count("สรุปผลรอบ ๖ เดือน", "และรอบ ๑๒ เดือน"), closes_count("ทุกเดือน", "รายงาน")
    (True, False)
    >>> closes_count("อย่างน้อย ๒ เรื่อง", "ขึ้นไป"), closes_count("เมื่อวันที่ 29 เดือน", "ธันวาคม พ.ศ. 2567")
    (False, False)
    """
    if after.startswith(COUNT_TAILS) or MONTH_NAME.match(after):
        return False
    return bool(COUNT.search(to_arabic_digits(before)))


def wrap_space(before: str, after: str) -> bool | None:
    """Is a space typed where a line ending ``before`` wraps to ``after``, when a side is not a Thai letter?

    A layout engine breaks Latin, digits and punctuation at a space, so a space is the rule
    there (None: the caller's default). What says otherwise, or says it for sure:

    - a dot or a combining mark never opens a word ("มิ" | ".ย."): no space;
    - a date's abbreviation cut after its first dot ("มี." | "ค.") and a slash date cut in its
      day, month or year ("๒" | "๙/๑๑/๒๕๖", "๐๘/๑๐/๒๕๖" | "๗"): no space;
    - a slash or dash joins as it is typed on its other side: "ปฏิบัติ/" | "ให้" and
      "ปฏิบัติงาน" | "/ให้บริการ" and "(ถาม" | "-ตอบ)" without a space, "2566 -" | "เมษายน" and "…งาน" | "/ มี"
      with one.

    >>> wrap_space("ปฏิบัติงาน", "/ให้บริการ"), wrap_space("2566 -", "เมษายน"), wrap_space("1 มี.", "ค. 66")
    (False, True, False)
    """
    if not before or not after:
        return None
    if after[0] == "." or unicodedata.category(after[0]) == "Mn":
        return False
    if ABBREVIATION_HEAD.search(before) and ABBREVIATION_TAIL.match(after):
        return False
    year = DATE_HEAD.search(to_arabic_digits(before))
    digits = re.match(r"\d+", to_arabic_digits(after))
    if (year and digits and len(year.group(1)) + len(digits.group()) <= 4) or _date_cut(before, after):
        return False
    if before[-1] in "/-–":
        return before[:-1].endswith(" ")
    if after[0] == "/" or (after[0] in "-–" and len(after) > 1):  # a dash alone on its line: spaced around
        return after[1:2] == " "
    return None


def _date_cut(before: str, after: str) -> bool:
    """A slash date cut in its day or month: the digits ending ``before`` and opening ``after`` make one date.

    >>> _date_cut("เมื่อ ๒", "๙/๑๑/๒๕๖"), _date_cut("วันที่ 29/1", "1/2564"), _date_cut("รอบ 6", "12/10/2566")
    (True, True, False)
    """
    head = DATE_PIECES[0].search(to_arabic_digits(before))
    tail = DATE_PIECES[1].match(to_arabic_digits(after))
    return bool(head and tail and SLASH_DATE.fullmatch(head.group(1) + tail.group()))


def inside_a_word(before: str, after: str, reach: int = 12, known: bool = False) -> bool:
    """The junction splits one word ("ปีงบประมา|ณ"): never a typed space.

    A word is what newmm cuts, which joins letters it does not know into one piece;
    ``known`` counts only words of the dictionary ("ก|ข" splits no known word). Where each
    side ends in a word of its own ("แล้ว", "ณ") and newmm's piece across the junction does
    not hold both of them whole, it only cut the letters another way ("แล้" + "วณ"): no split.

    >>> inside_a_word("ปีงบประมา", "ณ"), inside_a_word("ดำเนินการแล้ว", "รายงาน"), inside_a_word("ทราบแล้ว", "ณ วันที่")
    (True, False, False)
    """
    head, tail = _word_tail(before, reach), after[:reach]
    if not head.strip() or not tail.strip():
        return False
    left, right = words(head)[-1], words(tail)[0]
    offset = 0
    for word in words(head + tail):
        if offset == len(head):
            return False
        if offset + len(word) > len(head):
            holds_both = offset <= len(head) - len(left) and offset + len(word) >= len(head) + len(right)
            if not holds_both and _known(left) and _known(right):
                return False
            return not known or word in known_words()
        offset += len(word)
    return False


def _word_tail(text: str, reach: int) -> str:
    """The end of ``text``, at least ``reach`` characters where it has them, cut where a word starts.

    Cut mid-word ("ิหารทราบแล้ว"), newmm would cut the rest differently.
    """
    pieces = words(text)
    tail = ""
    for piece in reversed(pieces):
        if len(tail) >= reach:
            break
        tail = piece + tail
    return tail


def _known(word: str) -> bool:
    """A dictionary word, or one of the one-letter and clause words pythainlp's list leaves out (ณ, ๆ)."""
    return word in known_words() or word in CLAUSE_OPENERS or word in CLAUSE_CLOSERS


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
