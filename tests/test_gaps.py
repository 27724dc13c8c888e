"""Spaces between glyph clusters: typed ones kept, a justified line's spread taken off.

Lines are laid out by hand the way the producers draw them: Word 2016/365 widens each
cluster's advance in proportion to its width (measured on the corpus's hangdong Word 2016
reports: gap ≈ 0.55 × width in one cell), reportlab's character spacing adds the same
gap after every cluster (the synthetic FY2567 report syn06), and an ordinary line has
no gap inside a word.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from ita_extract.extract.table.gaps import spaces_between
from ita_extract.extract.table.lines import Cluster, render

SIZE = 16.0
SPACE = 3.5  # points: Browallia New's space glyph at 16 pt, as Word draws it


def split_clusters(text: str) -> list[str]:
    """A base character with the combining marks after it, as ``lines.clusters`` groups them."""
    out: list[str] = []
    for ch in text:
        if unicodedata.category(ch) == "Mn" and out and out[-1] != " ":
            out[-1] += ch
        else:
            out.append(ch)
    return out


def width_of(cluster: str) -> float:
    """A plausible advance in points: narrow vowels, wide consonants, a Browallia-like space."""
    if cluster == " ":
        return SPACE
    return 4.0 if cluster[0] in "เแโใไะาๆ.-" else 7.0 + (ord(cluster[0]) % 4)


def laid_out(text: str, add: float = 0.0, ratio: float = 0.0, typed_gap: float = 0.0) -> list[Cluster]:
    """Clusters of ``text`` left to right; after each cluster ``add`` em plus ``ratio`` × its width.

    ``typed_gap``: the spaces in ``text`` are not drawn as glyphs but left as a gap of that many em.
    """
    out: list[Cluster] = []
    x = 0.0
    for i, piece in enumerate(split_clusters(text)):
        w = width_of(piece)
        if piece == " " and typed_gap:
            x += typed_gap * SIZE
            continue
        out.append(Cluster(piece, x, x + w, 0.0, SIZE, SIZE, i))
        x += w + add * SIZE + ratio * w
    return out


WORD_LINES = [
    "เจ้าหน้าที่ของหน่วยงาน",
    "ท้องถิ่นอย่างเป็น",
    "เข้ามาของวัฒนธรรมต่างชาติที่มีต่อ",
    "ผู้ประกอบการ SMEs ให้มีขีด",
    "สร้างเสริมสุขภาพ ป้องกันโรค",
    "อย่างมีคุณภาพ การใช้",
]


@pytest.mark.parametrize("text", WORD_LINES)
@pytest.mark.parametrize("ratio", [0.55, 1.0])
def test_a_line_word_spreads_in_proportion_to_widths_reads_as_typed(text: str, ratio: float) -> None:
    """Word: "ท้ อ งถิ่ น อ ย่ างเป็ น" before; typed spaces are glyphs and stay."""
    assert render(laid_out(text, ratio=ratio)) == text


@pytest.mark.parametrize("text", WORD_LINES)
@pytest.mark.parametrize("add", [0.14, 0.3, 0.5])
def test_a_line_spread_by_character_spacing_reads_as_typed(text: str, add: float) -> None:
    """reportlab's charSpace (syn06: 0.3 em read as "แ ก่ บุ ค ค ล ภ า ย น อ ก")."""
    assert render(laid_out(text, add=add)) == text


def test_latin_in_a_spread_thai_line_is_measured_against_latin() -> None:
    """Word spreads the Thai and not "SMEs": the Latin word's own gaps stay closed."""
    line = laid_out("ผู้ประกอบการ", ratio=0.55)
    x = line[-1].x1 + SPACE
    latin = [Cluster(ch, x + 7.0 * k, x + 7.0 * (k + 1), 0.0, SIZE, SIZE) for k, ch in enumerate("SMEs")]
    assert render([*line, Cluster(" ", line[-1].x1, x, 0.0, SIZE, SIZE), *latin]) == "ผู้ประกอบการ SMEs"


def test_an_ordinary_line_keeps_the_gap_rule() -> None:
    """No spread (letters touch): a 0.3 em gap without a glyph is a typed space, as before."""
    assert render(laid_out("ดำเนินการแล้ว รายงานผู้บริหาร", typed_gap=0.3)) == "ดำเนินการแล้ว รายงานผู้บริหาร"
    assert render(laid_out("12 34", typed_gap=0.3)) == "12 34"


def test_a_typed_space_wider_than_the_spread_stays_when_no_glyph_is_drawn() -> None:
    """A producer that spreads the line and draws no space glyph: the typed space is the wide gap."""
    clusters = laid_out("หน่วยงานของท่าน ปฏิบัติงานตามขั้นตอน", add=0.2, typed_gap=0.8)
    assert render(clusters) == "หน่วยงานของท่าน ปฏิบัติงานตามขั้นตอน"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("เพื่อ", "เพื่อ"),  # syn06 "เ พื่ อ": a word's letters alone on a segment
        ("ให้", "ให้"),  # one gap, no neighbour to compare with: the dictionary joins it
        ("i25", "i25"),  # syn06 "i 2 5": a question code spread like its line
    ],
)
def test_a_short_spread_piece_is_joined(text: str, expected: str) -> None:
    assert render(laid_out(text, add=0.3)) == expected


def test_a_lone_gap_between_two_words_stays_a_space() -> None:
    """One gap and nothing to compare it with: it splits no word, so the gap rule holds."""
    clusters = [Cluster("ก", 0, 8, 0, SIZE, SIZE), Cluster("ข", 14, 22, 0, SIZE, SIZE)]
    assert render(clusters) == "ก ข"


def test_a_doubtful_gap_inside_a_word_is_closed_and_before_a_clause_is_kept() -> None:
    """Spread 0.2 em; one gap 0.3 em wider (past the spread, short of two spaces): words decide."""
    def line_with_wider_gap(text: str, at: int) -> list[Cluster]:
        clusters = laid_out(text, add=0.2)
        shift = 0.3 * SIZE
        return [c if k <= at else Cluster(c.text, c.x0 + shift, c.x1 + shift, 0, SIZE, SIZE) for k, c in enumerate(clusters)]

    inside = "หน่วยงานของท่าน"  # the wider gap after "ห", inside หน่วยงาน
    assert render(line_with_wider_gap(inside, 0)) == inside
    opener = "ภาคเอกชนเพื่อสร้างความสัมพันธ์"  # before เพื่อ, where official Thai types a space
    at = len(split_clusters("ภาคเอกชน")) - 1
    assert render(line_with_wider_gap(opener, at)) == "ภาคเอกชน เพื่อสร้างความสัมพันธ์"


def test_spaces_between_names_the_clusters_before_each_space() -> None:
    clusters = laid_out("ดำเนินการ แล้ว", typed_gap=0.4)
    assert spaces_between(clusters) == {len(split_clusters("ดำเนินการ")) - 1}


PHRASES = ["เจ้าหน้าที่", "ของหน่วยงาน", "ปฏิบัติงาน", "ให้บริการ", "มากน้อยเพียงใด", "ตามขั้นตอน", "SMEs", "ITA", "๒๕๖๗"]


@settings(max_examples=80, deadline=None)
@given(
    words=st.lists(st.sampled_from(PHRASES), min_size=2, max_size=6),
    spaced=st.lists(st.booleans(), min_size=6, max_size=6),
    add=st.floats(0.0, 0.6),
    ratio=st.floats(0.0, 1.2),
)
def test_a_spread_line_with_space_glyphs_reads_exactly_as_typed(
    words: list[str], spaced: list[bool], add: float, ratio: float
) -> None:
    """However Word or reportlab spreads a line, the text comes back with its typed spaces only.

    Spreads stop short of the table engine's cell gap (0.9 em): a wider gap parts two cells.
    """
    assume(add + ratio * 10.0 / SIZE < 0.85)
    text = words[0] + "".join((" " if s else "") + w for w, s in zip(words[1:], spaced))
    thai_only = all(not w.isascii() for w in words)
    clusters = laid_out(text, add=add, ratio=ratio if thai_only else 0.0)
    assert render(clusters) == text


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(PHRASES[:6]), min_size=1, max_size=5), gap=st.floats(0.3, 0.8))
def test_an_unspread_line_keeps_every_gap_space(words: list[str], gap: float) -> None:
    """Letters that touch, words apart by a gap and no glyph: each gap is a space, as before."""
    text = " ".join(words)
    assert render(laid_out(text, typed_gap=gap)) == text


def test_irregular_gaps_are_no_spread() -> None:
    """A broken font that lost glyphs leaves gaps of every width (hangdong's LibreOffice Calc list):
    they fit no spread, so each wide one stays a space, as before."""
    gaps = [0.0, 0.5, 0.0, 0.0, 0.35, 0.0, 0.7, 0.0, 0.3]
    clusters, x = [], 0.0
    for k, ch in enumerate("รวบผดดชอบห"):
        clusters.append(Cluster(ch, x, x + 7.0, 0.0, SIZE, SIZE, k))
        x += 7.0 + (gaps[k] * SIZE if k < len(gaps) else 0.0)
    assert render(clusters) == "รว บผด ดช อบ ห"


def test_a_gap_wider_than_a_cell_gap_is_always_a_space() -> None:
    """Past 0.9 em (the table engine's cell gap) a gap parts two cells, whatever the spread."""
    clusters = laid_out("การบริหารจัดการ", add=0.5)
    wide = [*clusters, Cluster("ก", clusters[-1].x1 + 1.0 * SIZE, clusters[-1].x1 + 1.0 * SIZE + 7.0, 0.0, SIZE, SIZE)]
    assert render(wide) == "การบริหารจัดการ ก"


@pytest.mark.parametrize("text", ["ทุจริตและ", "เห็น", "ของ", "การ"])
@pytest.mark.parametrize("add", [0.95, 1.6, 2.2])
def test_a_short_line_spread_past_the_cell_gap_reads_as_typed(text: str, add: float) -> None:
    """A word or two justified across a wide cell (syn00055: 'เ  ห็  น', 1.7 em apart): no narrow gap, one spread."""
    assert render(laid_out(text, add=add)) == text


def test_wide_gaps_of_different_widths_stay_spaces() -> None:
    """Words apart by gaps past the cell gap that fit no spread are not joined."""
    clusters, x = [], 0.0
    for k, (ch, gap) in enumerate(zip("กขคง", [1.0, 2.2, 1.4, 0.0])):
        clusters.append(Cluster(ch, x, x + 7.0, 0.0, SIZE, SIZE, k))
        x += 7.0 + gap * SIZE
    assert render(clusters) == "ก ข ค ง"


@pytest.mark.parametrize("text", ["ให้", "รับ", "ถูก", "ใช้"])
@pytest.mark.parametrize("add", [2.0, 5.5])
def test_a_word_of_two_clusters_spread_across_its_cell_reads_whole(text: str, add: float) -> None:
    """A line holding one short word, justified across a wide cell (syn00285 'ใ      ห้', 5.8 em apart)."""
    assert render(laid_out(text, add=add)) == text


def test_two_clusters_a_cell_apart_that_make_no_word_stay_apart() -> None:
    """The same gap between two letters that spell no word: two cells' texts, or two words."""
    clusters = [Cluster("ก", 0, 8, 0, SIZE, SIZE), Cluster("ข", 8 + 3 * SIZE, 16 + 3 * SIZE, 0, SIZE, SIZE)]
    assert render(clusters) == "ก ข"
