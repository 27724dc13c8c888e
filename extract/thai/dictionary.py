"""pythainlp's word list and its newmm word cutter, held where the garbage collector does not walk them.

Every stage that cuts Thai into words (spacing at wraps, the text-layer repair's dictionary
score, OCR's misread test) goes through :func:`cut_words`, so one dictionary serves them all.

Every dictionary lookup in the engine (is this a word?) asks :func:`known_words` too.

Why not pythainlp's default dictionary object: ``word_dict_trie()`` is a ``Trie`` of
235,000 node objects and 190,000 dicts. They live as long as the process, and Python's
collector walks every one of them at each full collection: three times over the samples
and the synthetic set, about 0.45 s of 6.5 s (issue 20, docs/BENCHMARKS.md). The same
words held as two sets of strings (the words, and every prefix of a word) answer newmm's
one question, ``prefixes(text, start)``, with the same list in the same order. newmm
itself, its word graph and its rules, stay pythainlp's: only the container differs.

Why dicts and not frozensets: a frozenset stays on the collector's lists and every full
collection visits each of its entries (the 300,000 words and prefixes: 25 ms a collection,
six collections a pass over the samples and synthetic set); a dict holding only strings
is dropped from those lists at its first collection (CPython untracks it) and never
walked again. The word list is read from pythainlp's file directly for the same reason:
``thai_words()`` and ``get_corpus()`` each keep their own frozenset of it for good.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType

from pythainlp.util import Trie

WORDS_FILE = "words_th.txt"  # pythainlp.corpus: the file thai_words() reads (its _THAI_WORDS_FILENAME)


class WordSet(Trie):
    """A word list answering pythainlp's ``Trie`` questions from two sets of strings (dicts: see above).

    Words are stripped, as ``Trie.add`` strips them. ``prefixes`` lists the words that
    start at ``text[start]``, shortest first, stopping at the first prefix no word has,
    exactly as the trie's walk stops at a missing child.
    """

    def __init__(self, words: Iterable[str]) -> None:  # no super().__init__: no nodes
        kept = dict.fromkeys(w.strip() for w in words)  # "" too, as the trie keeps it (its root is a word end)
        self._words = kept
        self._word_count = len(kept)
        self._prefixes = dict.fromkeys(w[:i] for w in kept for i in range(1, len(w) + 1))

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        found: list[str] = []
        stems, words = self._prefixes, self._words
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            if piece not in stems:
                break
            if piece in words:
                found.append(piece)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._words

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    @property
    def words(self) -> Mapping[str, None]:
        """The words, read-only, for ``word in …`` tests at C speed (no method call per word)."""
        return MappingProxyType(self._words)

    def __len__(self) -> int:
        return self._word_count

    def add(self, word: str) -> None:  # pragma: no cover - the list is fixed once built
        raise TypeError("WordSet is read-only")

    def remove(self, word: str) -> None:  # pragma: no cover - the list is fixed once built
        raise TypeError("WordSet is read-only")


@lru_cache(maxsize=1)
def word_set() -> WordSet:
    """pythainlp's Thai word list (the words of ``thai_words()``), the dictionary of every word cut here."""
    # get_corpus's reading (utf-8-sig, a word a line, blank lines dropped), without its cached frozenset
    text = files("pythainlp.corpus").joinpath(WORDS_FILE).read_text(encoding="utf-8-sig")
    return WordSet(filter(None, text.splitlines()))


@lru_cache(maxsize=1)
def known_words() -> Mapping[str, None]:
    """The dictionary's words (``word in known_words()``): the one word list every stage looks words up in."""
    return word_set().words


@lru_cache(maxsize=1)
def corpus_counts() -> Mapping[str, int]:
    """How often the Thai National Corpus (pythainlp's ``tnc``, 33.5 million words) uses each word:
    read once, for the OCR stages that weigh readings by it (``page.ocr.words``, ``page.ocr.vocabulary``)."""
    from pythainlp.corpus import tnc

    return MappingProxyType(dict(tnc.word_freqs()))


def cut_words(text: str, keep_whitespace: bool = True) -> list[str]:
    """pythainlp's newmm word cut over its own word list (``word_tokenize(text, engine="newmm")``)."""
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine="newmm", keep_whitespace=keep_whitespace, custom_dict=word_set())
