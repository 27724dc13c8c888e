"""The gazetteer the agency parser checks names against: provinces (pythainlp), districts and
subdistricts (geothai), and the typo-tolerant lookups over them.

There is no master list of local agencies, but most are named after their district or
subdistrict, so a place name printed with a typo is matched to the gazetteer's spelling:
an exact match on a comparison key first, then one clear fuzzy winner, or the one name
within a letter or two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geothai
from pythainlp.corpus import provinces as pythainlp_provinces
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .letters import bare
from .repair import to_arabic_digits

_RE_KEY_DROP = re.compile(r"[\u0e48-\u0e4c\s.\-]")  # tone marks, thanthakhat, spaces, dots
FUZZY_MIN = 84.0
FUZZY_MARGIN = 4.0




@dataclass(frozen=True)
class Place:
    """One gazetteer entry: canonical name, its province and district (for subdistricts)."""

    name: str
    province: str
    district: str | None = None


def name_key(name: str) -> str:
    """Comparison key: no tone marks/thanthakhat/spaces/dots, Arabic digits ("ปรางค์กู่" → "ปรางคกู")."""
    return _RE_KEY_DROP.sub("", to_arabic_digits(name))


@lru_cache(maxsize=1)
def province_names() -> tuple[str, ...]:
    return tuple(p["name_th"] for p in pythainlp_provinces(details=True))


@lru_cache(maxsize=1)
def province_codes() -> dict[str, str]:
    return {p.name_th: p.code for p in geothai.provinces()}


def bare_district(name: str) -> str:
    """geothai writes Bangkok districts as "เขตพระนคร"; we report them without the prefix."""
    return name[3:] if name.startswith("เขต") else name


@lru_cache(maxsize=128)
def districts_of(province: str | None) -> tuple[Place, ...]:
    """Districts of one province, or of the whole country when `province` is None."""
    codes = province_codes()
    wanted = [province] if province else list(codes)
    return tuple(
        Place(bare_district(d.name_th), name)
        for name in wanted
        if name in codes
        for d in geothai.districts(codes[name])
    )


@lru_cache(maxsize=128)
def subdistricts_of(province: str, district: str | None) -> tuple[Place, ...]:
    """Subdistricts of a district (or of a whole province), tagged with their district."""
    code = province_codes().get(province)
    if code is None:
        return ()
    found: list[Place] = []
    for d in geothai.districts(code):
        if district is None or bare_district(d.name_th) == district:
            found += [Place(s.name_th, province, bare_district(d.name_th)) for s in geothai.subdistricts(d.code)]
    return tuple(found)


def best_match(printed: str, names: list[str]) -> str | None:
    """Canonical name for `printed`: exact key match, else one clear fuzzy winner, else None."""
    key = name_key(printed)
    exact = [n for n in names if name_key(n) == key]
    if exact:
        return exact[0] if len(set(exact)) == 1 else None
    scored = sorted(((fuzz.ratio(key, name_key(n)), n) for n in set(names)), reverse=True)
    if not scored or len(key) < 3:
        return None
    top_score, top = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    return top if top_score >= FUZZY_MIN and top_score - runner_up >= FUZZY_MARGIN else None


def nearest(printed: str, names: list[str]) -> str | None:
    """The one name within a letter or two of ``printed`` (a typo: "หาดใหย่" for หาดใหญ่), else None.

    Fuzzy ratios are too strict for short names (one letter of five is 80 %), so a short
    edit distance is asked for instead: one letter, two from ten letters up; and the
    nearest name must be the only one that near.
    """
    key = name_key(printed)
    if len(key) < 3:
        return None
    reach = 1 if len(key) < 10 else 2
    near = sorted({(Levenshtein.distance(key, name_key(n)), n) for n in names})
    near = [(d, n) for d, n in near if d <= reach]
    if not near or (len(near) > 1 and near[1][0] == near[0][0] and name_key(near[1][1]) != name_key(near[0][1])):
        return None
    return near[0][1]


def nearest_bare(printed: str, names: list[str]) -> str | None:
    """The one name ``printed`` spells with at most one letter off once every combining mark is taken
    out of both and SARA AM is read as SARA AA ("บันักร่าง" for บ้านกร่าง: OCR read SARA AA as a mark
    and moved the marks; "ทำช่าง" for ท่าช้าง), else None.

    The last resort for a place name read by OCR, asked only of a short list (a province's districts,
    a district's subdistricts): marks are what OCR loses and invents most, letters much less.
    """
    key = _bare_key(printed)
    if len(key) < 4:
        return None
    near = {n for n in names if Levenshtein.distance(key, _bare_key(n), score_cutoff=1) <= 1}
    return near.pop() if len(near) == 1 else None


def _bare_key(name: str) -> str:
    """``name_key`` as OCR reads it most surely (``letters.bare``): "ทำช่าง" and ท่าช้าง → "ทาชาง"."""
    return bare(name_key(name))
