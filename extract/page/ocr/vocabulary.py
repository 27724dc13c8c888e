"""A report's own words, read the same way several times, voting against a lone misreading of one.

A measures report repeats its words: ครบถ้วน, ดำเนินการ, ปัจจุบัน, บิดเบือน come back row after
row, and OCR reads most copies right. Where one copy is read one letter or mark off, and the
reading is no dictionary word ("ครับถ้วน", "วายงาน", "บิดเบื่อน"), the copies read right say
what it was. Only long words (``vote_min_chars``) read right at least ``vote_min_count`` times
vote, and only a reading one edit away (a letter or mark added, lost or swapped) that the
dictionary does not have changes; the word must then stand as a word in the mended text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ...thai.dictionary import corpus_counts, cut_words, known_words
from ...thai.letters import is_thai_letter
from .settings import DEFAULT, OcrSettings


def document_words(texts: Iterable[str], s: OcrSettings = DEFAULT) -> frozenset[str]:
    """The dictionary words of ``vote_min_chars`` or more that the texts hold ``vote_min_count``
    times or more: ``["รายงานผู้บริหาร", "รายงานผล"]`` → ``{"รายงาน"}`` with a count of two."""
    words = known_words()
    counts = Counter(
        token for text in texts for token in cut_words(text, keep_whitespace=False)
        if len(token) >= s.vote_min_chars and token in words
    )
    return frozenset(w for w, n in counts.items() if n >= s.vote_min_count)


def _deletions(text: str) -> set[str]:
    """The text and every text one character shorter (a symmetric-delete index's keys)."""
    return {text} | {text[:k] + text[k + 1 :] for k in range(len(text))}


@lru_cache(maxsize=4)
def _lookup(vocabulary: frozenset[str]) -> tuple[dict[str, set[str]], list[int]]:
    """The vocabulary's symmetric-delete index, and the stretch lengths that can be one edit off one
    of its words, longest first: built once per report, not for each of its texts."""
    index: dict[str, set[str]] = {}
    for word in vocabulary:
        for key in _deletions(word):
            index.setdefault(key, set()).add(word)
    return index, sorted({len(w) + d for w in vocabulary for d in (-1, 0, 1)}, reverse=True)


def voted(text: str, vocabulary: frozenset[str], likelier: Callable[[str, str], bool] | None = None) -> str:
    """``text`` with each stretch one edit off a word of ``vocabulary``, and no dictionary word itself,
    read as that word: ``voted("ให้ครับถ้วนและ", frozenset({"ครบถ้วน"}))`` → ``"ให้ครบถ้วนและ"``.

    An edit at a stretch's edge that adds or drops a character is a neighbour's letter, not a
    misread ("งผู้บริหาร" is ของ's ง and ผู้บริหาร), and is not taken. ``likelier(stretch, word)``,
    when given, must also say the word is the likelier reading (``common_reading``).
    """
    if not vocabulary:
        return text
    (index, sizes), words = _lookup(vocabulary), known_words()
    bounds = _boundaries(text)
    out, placed, i = [], set(), 0
    while i < len(text):
        lone = i + 1 in bounds and text[i] not in words  # a letter the cut leaves as a token of its own
        found = _word_at(text, i, [n for n in sizes if i + n in bounds], index, words, likelier, lone) if i in bounds else None
        if found is None:
            out.append(text[i])
            i += 1
            continue
        size, word = found
        out.append(word)
        if text[i + 1 : i + size] != word:  # a lone letter read twice dropped: the word stood already
            placed.add(word)
        i += size
    new = "".join(out)
    return new if _stand_as_words(new, text, placed) else text


def _boundaries(text: str) -> set[int]:
    """Where the dictionary's cut of ``text`` puts word boundaries: a misread word is read between
    two of them ("ครับ|ถ้วน"), never from the middle of a word read right ("มาตร|ฐาน")."""
    ends, at = {0}, 0
    for token in cut_words(text):
        at += len(token)
        ends.add(at)
    return ends


def _word_at(
    text: str, i: int, sizes: list[int], index: dict[str, set[str]], words: Mapping[str, None],
    likelier: Callable[[str, str], bool] | None = None, lone: bool = False,
) -> tuple[int, str] | None:
    """(length read, word) of a misread vocabulary word starting at ``text[i]``, longest first. A letter added
    at the start is taken as a misread only where it is a lone letter (``lone``: no word of its own, nor
    part of the word before) that is the word's first letter read twice (``_read_twice``)."""
    for size in sizes:
        window = text[i : i + size]
        if len(window) < size or not all(is_thai_letter(ch) for ch in window) or window in words:
            continue
        for word in _commonest_first(set().union(*(index.get(k, set()) for k in _deletions(window)))):
            ops = Levenshtein.editops(window, word)
            if len(ops) != 1 or word == window:
                continue
            op = ops[0]
            at_edge = op.tag != "replace" and (op.src_pos in (0, len(window)) or op.dest_pos in (0, len(word)))
            twice = lone and op.tag == "delete" and op.src_pos == 0 and _read_twice(window[0], word[0])
            if (not at_edge or twice) and (likelier is None or likelier(window, word)):
                return size, word
    return None


# a letter and the one it is with a stroke added: OCR may read such a glyph twice, its body alone, then whole
# ("เป็นบปัจจุบัน": ป read as บ and ป, judge sets 6 and 8 in TH Sarabun New and TH Niramit AS)
BODY_OF = {"ป": "บ", "ฝ": "ผ", "ฟ": "พ"}


def _read_twice(lone: str, first: str) -> bool:
    """Is ``lone``, a letter before a word opening with ``first``, that letter read twice (or its body)?"""
    return lone in (first, BODY_OF.get(first))


def _commonest_first(words: set[str]) -> list[str]:
    """The candidate words, the corpus's commonest first, then by spelling. A set's own order changes
    with Python's hash seed from one process to the next, and two words may be one edit from the same
    misreading ("ประกาส": ประกาศ and ประภาส, judge set 7's syn07104): the first taken must not depend on it."""
    counts = corpus_counts()
    return sorted(words, key=lambda w: (-counts.get(w, 0), w))


def _stand_as_words(new: str, old: str, placed: set[str]) -> bool:
    """Every word the mending put in stands in a word of the mended text's cut: as a token, or whole inside
    one (the dictionary cuts "การป้องกัน" as one word; "การบ้องกัน" had been left for want of a token
    ป้องกัน). Counted against the text before, so a word already there (ดำเนิน inside ดำเนินการ) is no
    word the mending put in."""
    tokens = cut_words(new, keep_whitespace=False)
    before = cut_words(old, keep_whitespace=False)
    return all(sum(w in t for t in tokens) > sum(w in t for t in before) for w in placed)


# -- common words: what a report need not repeat for its misreadings to be known ----------------------
# A word OCR misreads the same way every time it is printed (one face's ั read into ครบถ้วน each time:
# "ครับถ้วน") gets no vote from the report. Common Thai words do not need one: the dictionary's words of
# ``vote_min_chars`` letters or more that the Thai National Corpus counts ``common_min_count`` times.
# A stretch is read as one only where that is the likelier reading, as a unigram model over the corpus
# scores it with ``misread_cost`` for the misread: "ครับ|ถ้วน" is far less likely than ครบถ้วน read one
# letter off, while "มี|ความ" is likelier than ตีความ.


@lru_cache(maxsize=1)
def _frequencies() -> tuple[Mapping[str, int], int]:
    counts = corpus_counts()
    return counts, sum(counts.values())


@lru_cache(maxsize=2)
def common_words(s: OcrSettings = DEFAULT) -> frozenset[str]:
    """Dictionary words of ``vote_min_chars`` Thai letters or more the corpus counts ``common_min_count`` times."""
    counts, _ = _frequencies()
    words = known_words()
    return frozenset(w for w, n in counts.items() if n >= s.common_min_count and len(w) >= s.vote_min_chars
                     and w in words and all(is_thai_letter(ch) for ch in w))


def common_reading(s: OcrSettings = DEFAULT) -> Callable[[str, str], bool]:
    """``likelier(stretch, word)`` for ``voted``: is ``word``, misread once, likelier than the words
    the dictionary cuts ``stretch`` into (a piece no word counts once)?"""
    counts, total = _frequencies()

    def log_p(word: str) -> float:
        return math.log(max(counts.get(word, 0), s.unseen_count) / total)

    def likelier(stretch: str, word: str) -> bool:
        return log_p(word) - s.misread_cost > sum(log_p(t) for t in cut_words(stretch, keep_whitespace=False))

    return likelier
