"""Private-use glyphs of Thai and bullet fonts, mapped back to Unicode."""

from __future__ import annotations

import re

# Private-use glyph variants. Thai fonts in the Adobe/Monotype ("C90") layout put positional
# variants of marks at U+F700–U+F71F; extractors without a GSUB reverse map emit those code
# points. Verified against the cmap + post glyph names of TLWG Garuda (fonts-tlwg) and the real
# Acrobat PDFMaker text in the corpus ("ป\uf710ญหา" = ปัญหา, "เป\uf712น" = เป็น, "ฟ\uf706อง" = ฟ้อง).
_PUA_THAI: dict[int, str] = {
    0xF700: "\u0e10",  # uni0E10.descless   THO THAN without descender
    0xF701: "\u0e34",  # uni0E34.left       SARA I shifted left
    0xF702: "\u0e35",  # uni0E35.left       SARA II
    0xF703: "\u0e36",  # uni0E36.left       SARA UE
    0xF704: "\u0e37",  # uni0E37.left       SARA UEE
    0xF705: "\u0e48",  # uni0E48.lowleft    MAI EK low + left
    0xF706: "\u0e49",  # uni0E49.lowleft    MAI THO
    0xF707: "\u0e4a",  # uni0E4A.lowleft    MAI TRI
    0xF708: "\u0e4b",  # uni0E4B.lowleft    MAI CHATTAWA
    0xF709: "\u0e4c",  # uni0E4C.lowleft    THANTHAKHAT
    0xF70A: "\u0e48",  # uni0E48.low        MAI EK lowered
    0xF70B: "\u0e49",  # uni0E49.low        MAI THO
    0xF70C: "\u0e4a",  # uni0E4A.low        MAI TRI
    0xF70D: "\u0e4b",  # uni0E4B.low        MAI CHATTAWA
    0xF70E: "\u0e4c",  # uni0E4C.low        THANTHAKHAT
    0xF70F: "\u0e0d",  # uni0E0D.descless   YO YING without descender
    0xF710: "\u0e31",  # uni0E31.left       MAI HAN-AKAT shifted left
    0xF711: "\u0e4d",  # uni0E4D.left       NIKHAHIT
    0xF712: "\u0e47",  # uni0E47.left       MAITAIKHU
    0xF713: "\u0e48",  # uni0E48.left       MAI EK shifted left
    0xF714: "\u0e49",  # uni0E49.left       MAI THO
    0xF715: "\u0e4a",  # uni0E4A.left       MAI TRI
    0xF716: "\u0e4b",  # uni0E4B.left       MAI CHATTAWA
    0xF717: "\u0e4c",  # uni0E4C.left       THANTHAKHAT
    0xF718: "\u0e38",  # uni0E38.low        SARA U lowered
    0xF719: "\u0e39",  # uni0E39.low        SARA UU
    0xF71A: "\u0e3a",  # uni0E3A.low        PHINTHU
    0xF71E: "\u0e4d",  # uni0E4D.high       NIKHAHIT raised (TLWG fonts)
    0xF71F: "\u0e47",  # uni0E47.high       MAITAIKHU raised (TLWG fonts)
}
# Word's bullet fonts: Symbol/Wingdings glyphs land at U+F000+byte. Only the unambiguous
# bullet shapes are mapped; any other U+F0xx is kept as printed (never dropped).
_PUA_SYMBOL: dict[int, str] = {
    0xF0B7: "\u2022",  # Symbol 0xB7 bullet  •
    0xF0A7: "\u25aa",  # Wingdings 0xA7 small square  ▪
    0xF0D8: "\u27a2",  # Wingdings 0xD8 arrowhead  ➢
    0xF0FC: "\u2713",  # Wingdings 0xFC check mark  ✓
}
_PUA_TABLE: dict[int, str] = {**_PUA_THAI, **_PUA_SYMBOL}
# Every code point the table maps lies in this range. Most text holds none of them, and a search for
# one is some twenty times cheaper than str.translate's lookup of every character in a dict.
_MAPPED_RANGE = re.compile(f"[{chr(min(_PUA_TABLE))}-{chr(max(_PUA_TABLE))}]")


def map_pua(s: str) -> str:
    """Map font private-use glyphs to Unicode: ``"ข\\uf70bอ"`` → ``"ข้อ"``; ``"\\uf0b7"`` → ``"•"``."""
    return s.translate(_PUA_TABLE) if _MAPPED_RANGE.search(s) else s
