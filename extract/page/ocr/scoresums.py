"""Printed ITA scores OCR misread by a digit, given back by the means they are part of.

A score table states each score twice over: IIT is the plain mean of indicators 1–5, EIT of
6–8, and the total is 0.30·IIT + 0.30·EIT + 0.40·OIT (``../shared/domain`` §1.2, the relations
``kinds.assessment.checks`` warns on). On a scan one digit of one of them is often misread
(๘ as ๕, ๙ as ๑: "81.24" for 89.24) or doubled ("971.17" for 91.17), and the relation
breaks. Where exactly one score of a broken relation, one digit changed, added or taken
out, makes it hold again, that reading is the score; where none or several do, nothing
changes (the check's warning stays). Only scores on pages read by OCR are mended: a text
layer prints what the agency typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ....schema import Assessment, Score
from ...errors import Notice
from ...thai.catalogue import PLAIN_MEAN_TOOLS, TOOL_WEIGHTS
from .plausible import SCORE_DECIMALS, printable_score

DIGITS = "0123456789"
TOTAL = ("total", "")


@dataclass(frozen=True)
class SumSettings:
    """How near a relation must hold, in points of score."""

    # a whole printed with two decimals against the mean of parts each printed with two: each side
    # rounded by up to 0.005, so a relation that holds is off by 0.01 at most
    mean_tolerance: float = 0.011
    tool_weights: tuple[tuple[str, float], ...] = tuple(TOOL_WEIGHTS.items())
    plain_mean_tools: tuple[str, ...] = PLAIN_MEAN_TOOLS


@dataclass(frozen=True)
class Relation:
    """A whole and the parts it is a weighted mean of (keys into the scores: (level, code))."""

    whole: tuple[str, str]
    parts: tuple[tuple[tuple[str, str], float], ...]

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        return (self.whole, *(k for k, _ in self.parts))

    def holds(self, values: dict[tuple[str, str], float], tolerance: float) -> bool:
        weight = sum(w for _, w in self.parts)
        mean = sum(values[k] * w for k, w in self.parts) / weight
        return abs(values[self.whole] - mean) <= tolerance


def mended_scores(
    results: Assessment | None, ocr_pages: Sequence[int], s: SumSettings = SumSettings()
) -> tuple[Assessment | None, list[Notice]]:
    """The results with misread scores given the one reading a digit away that the relations
    confirm (see the module docstring and ``_confirmed``). The total (``results.total``) has no
    page of its own: it is taken as read by OCR where the scores beside it were."""
    if results is None or not ocr_pages:
        return results, []
    pages = set(ocr_pages)
    values = {(x.level, x.code): x.score for x in results.scores}
    ocr = {(x.level, x.code) for x in results.scores if x.page in pages}
    if results.total is not None and ocr:
        values[TOTAL] = results.total
        ocr.add(TOTAL)
    relations = [r for r in _relations(results.scores, s) if all(k in values for k in r.keys)]
    notices: list[Notice] = []
    for relation in relations:
        if relation.holds(values, s.mean_tolerance):
            continue
        fixes = [(k, v) for k in relation.keys if k in ocr for v in _one_digit_off(values[k])
                 if relation.holds({**values, k: v}, s.mean_tolerance)]
        fixes = [(k, v) for k, v in fixes if _confirmed(k, {**values, k: v}, relation, relations, s)]
        if len(fixes) == 1:
            (key, value), = fixes
            notices.append(_notice(key, values[key], value, relation, results))
            values[key] = value
    if not notices:
        return results, []
    scores = [x.model_copy(update={"score": values[(x.level, x.code)]}) for x in results.scores]
    return results.model_copy(update={"scores": scores, "total": values.get(TOTAL, results.total)}), notices


def _confirmed(key: tuple[str, str], values: dict[tuple[str, str], float], relation: Relation,
               relations: list[Relation], s: SumSettings) -> bool:
    """Does a second relation vouch for a mend one relation asks for?

    One relation alone is not enough: a part misread by more than a digit moves a plain mean
    of five by a fifth of its error, and some digit of the whole, changed, makes up for it
    ("91.3" read right, mended to 91.9). So a tool (IIT, EIT) is mended only where both its
    indicators' mean and the total hold after; a score in one relation only (an indicator, OIT,
    the total) only where the members of it that another relation checks (the indicators' tool,
    IIT and EIT) are vouched for by that relation holding.
    """
    others = [r for r in relations if r is not relation]
    if not all(r.holds(values, s.mean_tolerance) for r in others if key in r.keys):
        return False
    if any(key in r.keys for r in others):
        return True
    checked = [k for k in relation.keys if k != key and any(k in r.keys for r in others)]
    return bool(checked) and all(any(k in r.keys and r.holds(values, s.mean_tolerance) for r in others) for k in checked)


def _relations(scores: Sequence[Score], s: SumSettings) -> list[Relation]:
    """The plain-mean tools over their indicators, then the total over the tools (tools mended first)."""
    out = []
    for tool in s.plain_mean_tools:
        parts = tuple((("indicator", x.code), 1.0) for x in scores if x.level == "indicator" and x.tool == tool)
        if len(parts) >= 2:
            out.append(Relation(("tool", tool), parts))
    out.append(Relation(TOTAL, tuple((("tool", t), w) for t, w in s.tool_weights)))
    return out


def _one_digit_off(value: float) -> list[float]:
    """The scores ``value`` becomes with one digit changed, added or taken out ("81.24" → 89.24,
    "971.17" → 91.17), its point where it was; 0–100 with two decimals at most."""
    text = f"{value:.{SCORE_DECIMALS}f}" if round(value, SCORE_DECIMALS) == value else repr(value)
    edits = set()
    for i, ch in enumerate(text):
        if ch in DIGITS:
            edits.update(text[:i] + d + text[i + 1 :] for d in DIGITS if d != ch)
            edits.add(text[:i] + text[i + 1 :])
        edits.update(text[:i] + d + text[i:] for d in DIGITS)
    found = []
    for edit in edits:
        try:
            number = float(edit)
        except ValueError:
            continue
        if printable_score(number) and number != value:
            found.append(number)
    return sorted(set(found))


def _notice(key: tuple[str, str], read: float, value: float, relation: Relation, results: Assessment) -> Notice:
    level, code = key
    name = "the total" if level == "total" else f"{level} {code}"
    whole = "the total" if relation.whole[0] == "total" else f"{relation.whole[0]} {relation.whole[1]}"
    why = f"{name}: OCR read {read:g}, taken as {value:g}, the one reading a digit away that makes {whole} the mean of its parts"
    page = next((x.page for x in results.scores if (x.level, x.code) == key), None)
    return Notice("ocr_score_mended", why, page)
