"""The word list held as plain sets of strings answers newmm as pythainlp's own ``Trie`` does.

``thai.dictionary.WordSet`` replaces only the container of pythainlp's dictionary (to
keep 235,000 node objects out of the garbage collector's walks); these tests hold it to
the ``Trie`` on hand-built word lists and texts, and the word cut to pythainlp's default.
"""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.thai.dictionary import WordSet, cut_words, known_words, word_set
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

LETTERS = "กขคงนมยรลวอะาิีเแ่้ "
words = st.lists(st.text(alphabet=LETTERS, min_size=0, max_size=6), max_size=30)


@settings(max_examples=300, deadline=None)
@given(vocab=words, text=st.text(alphabet=LETTERS, max_size=20), start=st.integers(0, 20))
def test_prefixes_are_the_tries(vocab: list[str], text: str, start: int) -> None:
    trie, kept = Trie(vocab), WordSet(vocab)
    assert kept.prefixes(text, start) == trie.prefixes(text, start)
    assert (text in kept) == (text in trie)
    assert len(kept) == len(trie)


@pytest.mark.parametrize("text", [
    "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (รอบ ๖ เดือน)",
    "เจ้าหน้าที่ผู้รับผิดชอบรายงานผลการดำเนินการ E-Service ได้",
    "ความคิดเห็นเว็บไซต์ของหน่วยงาน",
])
def test_the_word_cut_is_pythainlps_default(text: str) -> None:
    assert cut_words(text) == word_tokenize(text, engine="newmm", keep_whitespace=True)
    assert cut_words(text, keep_whitespace=False) == word_tokenize(text, engine="newmm", keep_whitespace=False)


def test_the_word_list_is_pythainlps() -> None:
    from pythainlp.corpus import thai_words

    assert set(word_set()) == {w.strip() for w in thai_words()}
    assert set(known_words()) == set(thai_words())


def test_the_collector_does_not_walk_the_word_list() -> None:
    """Why the words are held in dicts: one of strings only drops off the collector's lists
    (a frozenset would stay on them, its 300,000 entries visited at every full collection)."""
    gc.collect()
    (words,) = gc.get_referents(known_words())
    assert isinstance(words, dict) and len(words) > 60_000
    assert not gc.is_tracked(words)
    held = [o for o in vars(word_set()).values() if isinstance(o, dict | frozenset | set)]
    assert len(held) == 2 and not any(gc.is_tracked(o) for o in held)  # the words and their prefixes
