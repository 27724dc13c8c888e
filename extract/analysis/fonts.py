"""A Thai font for the charts and the page: one installed on the machine, or the Loma we ship.

Matplotlib's default DejaVu Sans has no Thai: every agency name would be drawn as boxes. So
the charts ask matplotlib's font manager for a font that covers Thai (Debian's fonts-thai-tlwg
gives Loma, Garuda, Norasi…) and fall back to ``fonts/Loma.ttf`` shipped with the package
(TLWG, GPL-2+ with the font exception, which allows embedding it in documents). Charts are
saved with glyphs as paths, so the browser needs no font for them; the page's own text uses
the shipped Loma embedded as a data URL, so it needs none either.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# Fonts with Thai, best first: the TLWG sans faces read well small; the rest are common on
# Windows (Tahoma, Leelawadee UI), macOS (Thonburi) and Google's families.
PREFERRED = (
    "Loma", "Garuda", "Waree", "Umpush", "Norasi", "Laksaman", "Sarabun", "TH Sarabun New",
    "Noto Sans Thai", "Noto Sans Thai UI", "Leelawadee UI", "Tahoma", "Thonburi",
)  # fmt: skip
THAI_PROBE = "กขคงจฉชซดตทนบปผพมยรลวสหอฮะาิีึืุูเแโใไำ่้๊๋็์๑๒๓"  # consonants, vowels, marks, digits
CSS_FAMILY = "ITA Thai"  # the @font-face name the page's text uses


@dataclass(frozen=True)
class ThaiFont:
    """A font matplotlib can draw Thai with: its family name and file."""

    name: str
    path: Path
    shipped: bool


def shipped_font_path() -> Path:
    """``fonts/Loma.ttf`` inside the package."""
    return Path(str(resources.files(__package__).joinpath("fonts", "Loma.ttf")))


def covers_thai(path: str | Path) -> bool:
    """Whether the font file has a glyph for every character of :data:`THAI_PROBE`."""
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in THAI_PROBE)


def installed_thai_font() -> ThaiFont | None:
    """The first font of :data:`PREFERRED` that is installed, regular weight, and covers Thai."""
    from matplotlib import font_manager

    regular = [f for f in font_manager.fontManager.ttflist if f.style == "normal" and f.weight in (400, "normal")]
    by_name: dict[str, str] = {}
    for entry in regular:
        by_name.setdefault(entry.name, entry.fname)
    for name in PREFERRED:
        if name in by_name and covers_thai(by_name[name]):
            return ThaiFont(name, Path(by_name[name]), shipped=False)
    return None


@functools.cache
def thai_font(prefer_installed: bool = True) -> ThaiFont:
    """The font the charts draw with: an installed Thai font, else the shipped Loma (registered once)."""
    from matplotlib import font_manager

    found = installed_thai_font() if prefer_installed else None
    if found is not None:
        return found
    path = shipped_font_path()
    font_manager.fontManager.addfont(str(path))
    return ThaiFont(font_manager.FontProperties(fname=str(path)).get_name(), path, shipped=True)


def font_face_css() -> str:
    """An ``@font-face`` rule carrying the shipped Loma as a data URL, so the page needs no installed font."""
    data = base64.b64encode(shipped_font_path().read_bytes()).decode("ascii")
    return (
        f"@font-face {{ font-family: '{CSS_FAMILY}'; font-style: normal; font-weight: 400; "
        f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
    )
