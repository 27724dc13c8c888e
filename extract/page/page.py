"""The page model every producer (``pdf``, ``ocr``) hands the table engine: glyphs, rules, notices."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import Notice

# The glyph geometry the text-layer stages (``textlayer``, ``textrepair``) share, in ems of a glyph's size:
ZERO_WIDTH_EM = 0.02  # a glyph advancing less than this draws nothing of its own: a mark over another, or no space
LINE_SHARE_EM = 0.5  # glyphs whose box bottoms lie farther apart than this stand on different lines


@lru_cache(maxsize=4096)  # a page asks it of every glyph, three times over: a font has few distinct ones
def is_mark_text(text: str) -> bool:
    """One combining mark (Mn, Me): ``Char.is_mark`` of a glyph's text; called directly in per-glyph loops."""
    return len(text) == 1 and unicodedata.category(text) in ("Mn", "Me")


@dataclass(slots=True)
class Char:
    """One glyph with its box in top-down page coordinates (pdfplumber's convention)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""  # the PDF font's name, subset tag included: a font's text-layer damage is the same everywhere

    @property
    def is_mark(self) -> bool:
        """Combining marks ride on the previous base character."""
        return is_mark_text(self.text)

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Rule:
    """A horizontal (y fixed) or vertical (x fixed) ruling line."""

    orientation: str  # "h" or "v"
    pos: float
    start: float
    end: float


@dataclass
class Page:
    """What later steps need of one page; nothing here is Thai-aware beyond the text layer choice."""

    number: int
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]
    image_area: float = 0.0
    text_source: str = "pdfplumber"
    warnings: list[Notice] = field(default_factory=list)

    def hrules(self) -> list[Rule]:
        return [r for r in self.rules if r.orientation == "h"]

    def vrules(self) -> list[Rule]:
        return [r for r in self.rules if r.orientation == "v"]

    @property
    def has_text(self) -> bool:
        return any(not c.text.isspace() for c in self.chars)


def same_line(c: Char, base: Char) -> bool:
    """Do two glyphs stand on one line? Their box bottoms (the baseline) lie within ``LINE_SHARE_EM`` of ``base``'s size."""
    return abs(c.bottom - base.bottom) < LINE_SHARE_EM * max(base.size, 1.0)
