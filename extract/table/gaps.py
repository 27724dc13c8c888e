"""Which gaps between glyph clusters are spaces, when a justified line spreads its letters apart.

A space the author typed reaches us as a space glyph or, from producers that draw none, as
a visible gap. But Word justifies Thai lines ("Thai distributed", and justified lines in
narrow table cells) by widening every gap between character clusters, so a gap rule alone
reads "เจ้ า หน้ า ที่ ข องหน่ ว ยงาน". Measured on real Word 2016 reports (the corpus's
hangdong local-strategy and manpower-plan files), each cluster's advance there grows in
proportion to its width (about 1.55× in one cell, 2× in another), while reportlab's character
spacing adds the same amount after every cluster (the synthetic FY2567 report). Either way
the spread is uniform along the line, so each gap is measured against its neighbours: the
spread they show is taken off before the gap is judged. Latin and digits are not spread by
Word ("SMEs" keeps its gaps at 0 inside a spread Thai line), so Thai junctions are measured
against Thai neighbours and the rest against the rest.

What geometry leaves in doubt (a line too short to show its spread, or a gap just past it)
is decided by language evidence (``thai.spacing.typed_space_in_spread``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..thai.letters import is_thai_char
from ..thai.repair import repair_thai_text
from ..thai.spacing import typed_space_in_spread

if TYPE_CHECKING:
    from .lines import Cluster


@dataclass(frozen=True)
class GapSettings:
    """Tolerances of the gap rule, in em of the glyphs' font size."""

    space_em: float = 0.22  # a gap wider than this beyond the line's spread is a space the PDF did not draw
    spread_em: float = 0.05  # a spread smaller than this is kerning or rounding, not justification
    doubt_em: float = 0.11  # beyond the spread by more than this but not by sure_spaces: language decides
    sure_spaces: float = 1.5  # beyond the spread by this many spaces: a space (Word 2016 "การ -": 0.43 em)
    window: int = 4  # same-kind neighbouring gaps on each side that show the line's spread
    max_spread_em: float = 0.9  # a wider gap parts two cells (the table engine's cell gap), never a spread
    uniform: float = 0.3  # their median misfit over their median gap: at most this is a spread line
    # (Word 2016's proportional spread: about 0.05 on the hangdong lines; a font's lost glyphs: over 1)
    wide_uniform: float = 0.1  # the same, for a line spread past the cell gap, where nothing narrow vouches for it
    context: int = 16  # characters on each side of a junction handed to the language evidence


DEFAULT = GapSettings()
WIDTH_APART = 0.01  # em: clusters of widths closer than this say nothing of how the gap grows with width


@dataclass(frozen=True, slots=True)
class Junction:
    """The gap between two clusters that are not spaces, in em, with the spread around it."""

    left: int  # index of the cluster before the gap
    gap: float  # em
    width: float  # em: the cluster before the gap (Word's spread grows with it)
    kind: str  # "thai" (Thai on both sides), "other" (on neither), "mixed"

    @property
    def thai(self) -> bool:
        return self.kind == "thai"


def junctions(items: Sequence[Cluster]) -> list[Junction]:
    """Every gap between two neighbouring clusters that are not spaces (a space glyph is always a space)."""
    thai = [is_thai_char(c.text[:1]) for c in items]
    out = []
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        if a.text.isspace() or b.text.isspace() or b.size <= 0:
            continue
        out.append(Junction(i, (b.x0 - a.x1) / b.size, (a.x1 - a.x0) / b.size, _KINDS[thai[i] + thai[i + 1]]))
    return out


_KINDS = ("other", "mixed", "thai")  # by how many of the junction's two sides are Thai


def _wider_than(items: Sequence[Cluster], gap_em: float) -> bool:
    """Is some gap between two clusters that are not spaces wider than ``gap_em``? (``junctions``' gaps, unbuilt.)"""
    for a, b in zip(items, items[1:]):
        if b.size > 0 and (b.x0 - a.x1) / b.size > gap_em and not a.text.isspace() and not b.text.isspace():
            return True
    return False


def spread_at(found: list[Junction], k: int, settings: GapSettings = DEFAULT) -> float | None:
    """The spread the line shows around junction ``k``, in em, from its neighbours of the same kind.

    Thai junctions are measured against Thai ones, Latin and digits against theirs, and a
    junction between the two (a bracket, "การ SMEs") against the Thai beside it. The
    neighbours on each side are read alone too: a spread cell's last letters sit beside
    the next cell's unspread text on one line. None when there are no neighbours.
    """
    kind = found[k].kind
    like = "thai" if kind == "mixed" else kind  # "(โปร่งใส": a bracket takes the spread of the Thai beside it
    before, after = _neighbours(found, k, like, settings)
    if not before and not after and like == "other":  # "1." alone among Thai: it takes the Thai spread
        before, after = _neighbours(found, k, "thai", settings)
    if not before and not after:
        return None
    sides = [side for side in (before, after) if len(side) >= 2]  # one gap alone shows no pattern
    return max(_fitted(near, found[k].width, settings) for near in (before + after, *sides))


def _neighbours(found: list[Junction], k: int, like: str,
                settings: GapSettings) -> tuple[list[Junction], list[Junction]]:
    """The junctions of kind ``like`` nearest before and after junction ``k`` (a wider gap parts cells)."""
    take = [j.gap <= settings.max_spread_em and j.kind == like for j in found]
    before = [found[i] for i in range(k - 1, -1, -1) if take[i]][: settings.window]
    after = [found[i] for i in range(k + 1, len(found)) if take[i]][: settings.window]
    return before, after


def _fitted(near: list[Junction], width: float, settings: GapSettings) -> float:
    """The spread ``near`` shows at a cluster of ``width`` em; 0 where they show none.

    A gap grows with the cluster's width (Word), is the same after every cluster
    (character spacing), or both: a robust straight line gap = a + b × width through the
    neighbours (Theil–Sen: medians of slopes and intercepts), so a typed space or two
    among them does not count. Neighbours the line does not fit (gaps where a broken font
    lost glyphs) show no spread.
    """
    slopes = [(q.gap - p.gap) / (q.width - p.width) for i, p in enumerate(near) for q in near[i + 1:]
              if abs(q.width - p.width) > WIDTH_APART]
    slope = max(statistics.median(slopes), 0.0) if slopes else 0.0
    base = statistics.median(j.gap - slope * j.width for j in near)
    middle = statistics.median(j.gap for j in near)
    misfit = statistics.median(abs(j.gap - base - slope * j.width) for j in near)
    if middle <= 0 or misfit > settings.uniform * middle:
        return 0.0
    return max(base + slope * width, 0.0)


def spaces_between(items: Sequence[Cluster], settings: GapSettings = DEFAULT) -> set[int]:
    """Indices ``i`` where a space belongs between ``items[i]`` and ``items[i + 1]`` (no space glyph there).

    >>> from ita_extract.extract.table.lines import Cluster
    >>> spread = [Cluster(ch, 10.0 * i, 10.0 * i + 7.0, 0, 16, 16) for i, ch in enumerate("ของหน่วยงาน")]
    >>> sorted(spaces_between(spread))  # 3 pt (0.19 em) after each letter: all spread, none typed
    []
    """
    if not _wider_than(items, settings.space_em):
        return set()  # no gap could be a space: most lines and cells (12,119 of 15,600 renders)
    found = junctions(items)
    glyphs = any(c.is_space for c in items)
    if _spread_wide(found, settings):
        settings = replace(settings, max_spread_em=float("inf"))
        if sum(j.thai for j in found) < 2:  # spread as a whole ("o  ๑  ๗"): each gap against all the others
            found = [replace(j, kind="other") for j in found]
    out: set[int] = set()
    for k, junction in enumerate(found):
        if junction.gap > settings.space_em and _is_space(items, found, k, glyphs, settings):
            out.add(junction.left)
    return out


def _spread_wide(found: list[Junction], settings: GapSettings) -> bool:
    """A short justified line spread past the cell gap: every Thai gap wide, and all of one spread.

    A line of few clusters justified across a wide cell ("ทุ  จ  ริ  ต  แ  ล  ะ", reportlab's
    and Word's distributed justification) spreads them by more than the table engine's cell
    gap. Two cells' texts are told apart by one wide gap among narrow ones; here there is
    no narrow one, and the gaps fit one spread (``_fitted``), as typed spaces never line up.
    A line with too few Thai gaps to show it (an indicator code alone, "o  ๑  ๗") is judged
    on all its gaps: spread by character spacing, Latin and digits move apart like Thai.
    """
    thai = [j for j in found if j.thai]
    return _one_wide_spread(thai, settings) or (len(thai) < 2 and _one_wide_spread(found, settings))


def _one_wide_spread(thai: list[Junction], settings: GapSettings) -> bool:
    """The gaps ``thai`` are all wide, some past the cell gap, and fit one spread."""
    if len(thai) < 2 or min(j.gap for j in thai) <= settings.space_em:
        return False
    if max(j.gap for j in thai) <= settings.max_spread_em:
        return False
    if len(thai) == 2:  # two gaps always fit a line through them: they must be equal (one word spread, "เ  ห็  น")
        return abs(thai[0].gap - thai[1].gap) <= settings.wide_uniform * max(thai[0].gap, thai[1].gap)
    width = statistics.median(j.width for j in thai)
    return _fitted(thai, width, replace(settings, uniform=settings.wide_uniform)) > settings.space_em


def _is_space(items: Sequence[Cluster], found: list[Junction], k: int, glyphs: bool, settings: GapSettings) -> bool:
    """Is the gap at junction ``k`` (wider than a space) a space, given the spread around it?"""
    junction = found[k]
    if junction.gap > settings.max_spread_em and len(found) > 1:
        return True  # two cells' texts, or a space no justification explains
    # A line of two clusters has one gap and no spread to measure it by: justified across
    # its cell, one short word leaves its halves a cell's width apart ("ใ      ห้", "รั      บ").
    spread = spread_at(found, k, settings)
    if spread is None:  # nothing to measure it against: a space unless it splits a word
        return _language(items, junction, settings) is not False
    if spread < settings.spread_em:
        return True  # an ordinary line: the gap is a space, as it always was
    over = junction.gap - spread
    if over <= settings.doubt_em:
        return False  # the line's own spread
    if over > settings.sure_spaces * settings.space_em:
        return True  # wider than the spread by more than a space and a half
    verdict = _language(items, junction, settings)
    if verdict is not None:
        return verdict
    # A line that draws its typed spaces as glyphs has none left to hide in a gap; a line
    # that draws none keeps the gap rule: past the spread by a space's width.
    return over > settings.space_em and not glyphs


def _language(items: Sequence[Cluster], junction: Junction, settings: GapSettings) -> bool | None:
    """What the words on both sides say of a space at a Thai junction; None where they say nothing."""
    if not junction.thai:
        return None
    before = "".join(reversed(_texts(reversed(items[: junction.left + 1]), settings.context)))
    after = "".join(_texts(iter(items[junction.left + 1:]), settings.context))
    return typed_space_in_spread(repair_thai_text(before), repair_thai_text(after))


def _texts(clusters: Iterator[Cluster], reach: int) -> list[str]:
    """Texts of the clusters met before a space glyph, at most ``reach`` of them: one side of a junction."""
    texts: list[str] = []
    for c in clusters:
        if c.is_space or len(texts) >= reach:
            break
        texts.append(c.text)
    return texts
