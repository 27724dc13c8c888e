"""Which local agency (อปท.) a report belongs to, from its title block, checked against a gazetteer.

Agencies print their own name with typos ("เทศบาลตำบลปรังค์กู" for ปรางค์กู่), abbreviations
("ทต.เชียงคาน") and sometimes no location line. There is no LAO master list, but most LAOs are
named after their district or subdistrict, so we canonicalise province (pythainlp), district and
subdistrict (geothai) with typo-tolerant matching, and fix the place name when it is clearly the
district's or subdistrict's name misspelled.

>>> m = parse_agency(["เทศบาลตำบลปรังค์กู", "อำเภอปรังค์กู จังหวัดศรีสะเกษ"])
>>> m.name, m.district, m.province
('เทศบาลตำบลปรางค์กู่', 'ปรางค์กู่', 'ศรีสะเกษ')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import Levenshtein

from ..errors import NOTICES, Notice
from . import gazetteer
from .gazetteer import Place, best_match, districts_of, name_key, nearest, province_names, subdistricts_of
from .letters import RE_MARK, bare

BANGKOK = "กรุงเทพมหานคร"
PATTAYA = "เมืองพัทยา"

# Full type name → abbreviations; longest names first so "เทศบาลตำบล" is not read as "เทศบาล".
AGENCY_TYPES: dict[str, tuple[str, ...]] = {
    "องค์การบริหารส่วนจังหวัด": ("อบจ",),
    "องค์การบริหารส่วนตำบล": ("อบต",),
    "เทศบาลนคร": ("ทน",),
    "เทศบาลเมือง": ("ทม",),
    "เทศบาลตำบล": ("ทต",),
    BANGKOK: ("กทม",),
    PATTAYA: (),
}


def _loose(word: str) -> str:
    """A pattern for ``word`` that allows a space after each SARA AM: "อำ เภอ" as well as "อำเภอ".

    Some producers draw ำ with an advance wider than its glyph, so the text layer shows a
    gap after it that reads as a space ("อำ เภอปากคาด", "ประจำ ปีงบประมาณ"). A word of the
    title block never has a space there, so the keyword is still unmistakable.
    """
    return re.escape(word).replace("\u0e33", "\u0e33\\s?")


_TYPE_ALTS = "|".join(
    [_loose(full) for full in AGENCY_TYPES]
    + [rf"{a}\s?\.\s?|(?<![\u0e01-\u0e4e]){a}(?=[\u0e01-\u0e2e]{{2}})" for abbrs in AGENCY_TYPES.values() for a in abbrs]
)
_STOP_WORDS = rf"(?:{_loose('ประจำปี')}|ปีงบประมาณ|ดังนี้|ดังต่อไปนี้|{_loose('อำเภอ')}|จังหวัด|{_loose('ตำบล')}|เขต|แขวง|อ\.|จ\.|ต\.)"
_RE_AGENCY = re.compile(rf"(?P<type>{_TYPE_ALTS})\s?(?P<place>(?:(?!{_STOP_WORDS})[\u0e01-\u0e4e])*)")
_RE_HEADING_PREFIX = re.compile(r"^\s*(?:ประกาศ|คำสั่ง|ระเบียบ|รายงาน(?:ผล)?(?:ของ)?)?\s*$")
_RE_PROVINCE = re.compile(r"(?:จังหวัด|(?<![\u0e01-\u0e4e])จ\s?\.)\s*(?P<name>[\u0e01-\u0e4e]+)")
# A district's name ends where the province begins, with or without a space between (OCR loses
# spaces: "อำเภอปรางค์กู่จังหวัดศรีสะเกษ", "อ.เมืองจ.ศรีสะเกษ").
_PROVINCE_WORD = r"(?:จังหวัด|จ\s?\.)"
_RE_DISTRICT = re.compile(
    rf"(?:{_loose('อำเภอ')}|(?<![\u0e01-\u0e4e])อ\s?\.)\s*(?P<name>(?:(?!{_PROVINCE_WORD})[\u0e01-\u0e4e])+)"
)
_RE_LOCATION_LINE = re.compile(rf"^(?:{_loose('อำเภอ')}|อ\s?\.|จังหวัด|จ\s?\.)\s*[\u0e01-\u0e4e]")  # a title block's location line
_RE_KHET = re.compile(rf"(?<![\u0e01-\u0e4e])เขต\s*(?P<name>(?:(?!{_PROVINCE_WORD})[\u0e01-\u0e4e])+)")  # Bangkok districts
@dataclass
class AgencyMatch:
    """The agency as printed and as canonicalised, with the notices met on the way."""

    name: str | None
    name_as_printed: str | None
    type: str | None
    district: str | None
    province: str | None
    warnings: list[Notice] = field(default_factory=list)


def _type_of(printed: str) -> str:
    """Full type for a printed type or abbreviation: "ทต." → "เทศบาลตำบล"."""
    bare = re.sub(r"[\s.]", "", printed)
    for full, abbrs in AGENCY_TYPES.items():
        if bare == full or bare in abbrs:
            return full
    raise ValueError(printed)


def _agency_line(lines: list[str]) -> re.Match[str] | None:
    """The title line naming the agency: a line that starts with a type wins over a sentence."""
    fallback = None
    for line in lines:
        for m in _RE_AGENCY.finditer(line):
            if _RE_HEADING_PREFIX.match(line[: m.start()]):
                return m
            fallback = fallback or m
    return fallback


def _blank_agency(lines: list[str], agency: re.Match[str] | None) -> str:
    """All lines joined, with the agency name blanked so "…ส่วนจังหวัดขอนแก่น" is no location."""
    text = "\n".join(lines)
    if agency is None:
        return text
    line = agency.string
    start = text.find(line)
    if start < 0:
        return text
    a, b = start + agency.start(), start + agency.end()
    return text[:a] + " " * (b - a) + text[b:]


def _printed_location(text: str) -> tuple[str | None, str | None]:
    """(district, province) as printed after "อำเภอ/อ." (else "เขต") and "จังหวัด/จ."."""
    d = _RE_DISTRICT.search(text) or _RE_KHET.search(text)
    p = _RE_PROVINCE.search(text)
    return (d["name"] if d else None), (p["name"] if p else None)


class _Resolver:
    """Canonicalises names one by one and collects the warnings produced on the way."""

    def __init__(self) -> None:
        self.warnings: list[Notice] = []

    def warn(self, code: str, message: str) -> None:
        if Notice(code, message) not in self.warnings:
            self.warnings.append(Notice(code, message))

    def corrected(self, printed: str, canonical: str) -> str:
        if printed != canonical:
            self.warn("agency_name_corrected", f"{printed} → {canonical}")
        return canonical

    def province(self, printed: str | None) -> str | None:
        if printed is None:
            return None
        if printed in ("กทม", "กรุงเทพ", "กรุงเทพฯ"):
            return self.corrected(printed, BANGKOK)
        best = best_match(printed, list(province_names()))
        return self.corrected(printed, best) if best else None

    def district(self, printed: str | None, province: str | None) -> Place | None:
        """The printed district within `province` (or anywhere, if it is unique)."""
        if printed is None:
            return None
        if printed == "เมือง" and province and province != BANGKOK:
            return Place(f"เมือง{province}", province)  # "อ.เมือง จ.ขอนแก่น" = capital district
        places = districts_of(province)
        best = best_match(printed, [d.name for d in places])
        if best is None and province:  # a district of the province OCR read with a mark or SARA AM wrong
            best = gazetteer.nearest_bare(printed, [d.name for d in places])
        matches = [d for d in places if d.name == best]
        if best is None or len({d.province for d in matches}) != 1:
            return None
        self.corrected(printed, best)
        return matches[0]


def _infer_from_place(place: str, province: str | None) -> Place | None:
    """A unique exact (key) match of the place among districts, else subdistricts, else provinces.

    A municipality named after its province ("เทศบาลนครพิษณุโลก") sits in the province's
    capital district (อำเภอเมืองพิษณุโลก), which geothai spells with เมือง.
    """
    key = name_key(place)
    districts = {d for d in districts_of(province) if name_key(d.name) == key}
    if len(districts) == 1:
        return districts.pop()
    if districts:
        return None
    names = [province] if province else list(province_names())
    subs = {s for p in names for s in subdistricts_of(p, None) if name_key(s.name) == key}
    if subs:
        return subs.pop() if len(subs) == 1 else None
    capital = next((p for p in names if name_key(p) == key), None)
    seat = next((d for d in districts_of(capital) if d.name == "เมือง" + capital), None) if capital else None
    return Place(place, capital, seat.name) if seat is not None else None


def _canonical_place(place: str, kind: str, district: str | None, province: str | None) -> str | None:
    """Official spelling of the place name: the province (อบจ.), the district or a subdistrict."""
    if kind == "องค์การบริหารส่วนจังหวัด":
        return best_match(place, [province] if province else list(province_names()))
    own = [n for n in (district, province) if n]
    best = best_match(place, own) if own else None
    if best is None and province:
        best = best_match(place, [s.name for s in subdistricts_of(province, district)])
    if best is None and province:
        names = [*own, *(d.name for d in districts_of(province)), *(s.name for s in subdistricts_of(province, None))]
        best = nearest(place, names)
    if best is None and province and district:
        best = gazetteer.nearest_bare(place, [*own, *(s.name for s in subdistricts_of(province, district))])
    return best


def parse_agency(lines: list[str]) -> AgencyMatch:
    """Agency name, type, district and province from the (already repaired) title-block lines.

    >>> parse_agency(["ทต.เชียงคาน", "อำเภอเชียงคาน จังหวัดเลย"]).name
    'เทศบาลตำบลเชียงคาน'
    """
    lines, mended = _mend_misread_district(lines)
    found = _parse_agency(lines)
    return found if mended is None else replace(found, warnings=[mended, *found.warnings])


def _parse_agency(lines: list[str]) -> AgencyMatch:
    """``parse_agency`` once the location line's word อำเภอ is readable."""
    agency = _agency_line(lines)
    misread: tuple[str, str] | None = None
    if agency is None and (mended := _mend_misread_kind(lines)) is not None:
        lines, misread = mended
        agency = _agency_line(lines)
    if agency is None:
        other = _other_agency(lines)
        if other is not None:
            return other
        return _location_alone(lines)
    if misread is not None:
        found = _parse_found(agency, lines)
        read, kind = misread
        printed = (found.name_as_printed or "").replace(f"เทศบาล{kind}", f"เทศบาล{read}", 1)  # as printed, after all
        warning = Notice("agency_type_misread", f"'เทศบาล{read}' taken as เทศบาล{kind}")
        return replace(found, name_as_printed=printed, warnings=[warning, *found.warnings])
    return _parse_found(agency, lines)


def _location_alone(lines: list[str]) -> AgencyMatch:
    """No agency named (its type misread past mending: "mA.เชียงคาน"), but a line of the title block
    that opens with its district or province still says where it is.

    >>> m = _location_alone(["mA.เชียงคาน", "อำเภอเชียงคาน จังหวัดเลย"])
    >>> (m.name, m.district, m.province)
    (None, 'เชียงคาน', 'เลย')
    """
    not_found = Notice("agency_not_found", NOTICES["agency_not_found"].meaning)
    located = " ".join(line for line in lines if _RE_LOCATION_LINE.match(line.strip()))
    if not located:
        return AgencyMatch(None, None, None, None, None, [not_found])
    resolver = _Resolver()
    district, province = _locate(resolver, _printed_location(located))
    return AgencyMatch(None, None, None, district, province, [not_found, *resolver.warnings])


def _parse_found(agency: re.Match[str], lines: list[str]) -> AgencyMatch:
    kind = _type_of(agency["type"])
    printed = re.sub("\u0e33\\s+", "\u0e33", agency.group(0).strip())  # "ตำ บล": the gap after ำ was never typed
    district_printed, province_printed = _printed_location(_blank_agency(lines, agency))
    if kind in (BANGKOK, PATTAYA):
        return _special_agency(kind, printed, district_printed)
    return _local_agency(kind, agency["place"], printed, (district_printed, province_printed))


# Agencies outside local government that publish ITA evidence, longest kind first. Their name
# and type are kept as printed (the contract: "for other agencies the kind as printed").
OTHER_KINDS = (
    "โรงพยาบาลส่งเสริมสุขภาพตำบล", "โรงพยาบาล", "สำนักงานสาธารณสุขอำเภอ", "สำนักงานสาธารณสุขจังหวัด",
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา", "มหาวิทยาลัย", "วิทยาลัย",
    "โรงเรียน", "สถานีตำรวจภูธร", "สถานีตำรวจนครบาล",
)  # fmt: skip
_RE_OTHER = re.compile(
    rf"(?P<type>{'|'.join(OTHER_KINDS)})(?P<place>(?:(?!{_STOP_WORDS})[\u0e01-\u0e4e])*(?:\s?เขต\s?[0-9๐-๙]+)?)"
)


def _other_agency(lines: list[str]) -> AgencyMatch | None:
    """A hospital, health office, school, college … named in the title block, as printed.

    ``["โรงพยาบาลพิชัย", "อำเภอพิชัย จังหวัดอุตรดิตถ์"]`` → โรงพยาบาลพิชัย, type โรงพยาบาล,
    district พิชัย, province อุตรดิตถ์ (location names canonicalised like a local agency's).
    """
    found = next((m for line in lines for m in _RE_OTHER.finditer(line) if m["place"].strip()), None)
    if found is None:
        return None
    resolver = _Resolver()
    district, province = _locate(resolver, _printed_location(_blank_agency(lines, found)))
    if found["type"] == "สำนักงานสาธารณสุขอำเภอ" and district is None:
        district = resolver.district(found["place"].strip(), province)
        district_name = district.name if district else None
        province = province or (district.province if district else None)
        district = district_name
    name = found.group(0).strip()
    return AgencyMatch(name, name, found["type"], district, province, resolver.warnings)


_RE_TESABAN = re.compile(r"เทศบาล(?P<rest>[\u0e01-\u0e4e]{3,})")
_TESABAN_KINDS = ("ตำบล", "เมือง", "นคร")


def _mend_misread_kind(lines: list[str]) -> tuple[list[str], tuple[str, str]] | None:
    """Lines with a misread เทศบาล kind mended (OCR: ``เทศบาลตาปลี`` for เทศบาลตำบล), and
    what was read and taken; None when there is none within one letter (marks aside).

    Only tried when no line names an agency type at all, so a correct name is never touched.
    """
    for i, line in enumerate(lines):
        for m in _RE_TESABAN.finditer(line):
            rest = m["rest"]
            best: tuple[int, int, str] | None = None
            for kind in _TESABAN_KINDS:
                target = bare(kind)
                for k in range(len(target) - 1, len(target) + 4):
                    if k > len(rest) or (k < len(rest) and RE_MARK.match(rest[k])):
                        continue  # a letter's marks go with it
                    d = Levenshtein.distance(bare(rest[:k]), target)
                    if d <= 1 and (best is None or (d, -k) < (best[0], -best[1])):
                        best = (d, k, kind)
            if best is not None:
                read = rest[: best[1]]
                mended = line[: m.start("rest")] + best[2] + line[m.start("rest") + best[1] :]
                return [*lines[:i], mended, *lines[i + 1 :]], (read, best[2])
    return None


_RE_BEFORE_PROVINCE = re.compile(
    rf"(?P<word>(?:(?!{_PROVINCE_WORD})[\u0e01-\u0e4e]){{4,}})\s*{_PROVINCE_WORD}\s*(?P<province>[\u0e01-\u0e4e]+)"
)
_AMPHOE = "อำเภอ"


def _mend_misread_district(lines: list[str]) -> tuple[list[str], Notice | None]:
    """Lines with a misread อำเภอ mended (OCR: ``อาเกื้อเมืองศรีสะเกษ จังหวัดศรีสะเกษ``), and the
    note saying so; the lines as they are when a district is printed readably or none is found.

    The word before จังหวัด must open with letters within one of อำเภอ (marks aside) and go
    on with exactly the name of a district of the province that follows: a district name is
    evidence enough that the letters before it said อำเภอ.
    """
    text = "\n".join(lines)
    if _RE_DISTRICT.search(text) or _RE_KHET.search(text):
        return lines, None
    for i, line in enumerate(lines):
        for m in _RE_BEFORE_PROVINCE.finditer(line):
            district = _after_amphoe(m["word"], best_match(m["province"], list(province_names())))
            if district is not None:
                word = m["word"]
                mended = line[: m.start("word")] + _AMPHOE + district + line[m.end("word") :]
                note = Notice("agency_name_corrected", f"{word} → {_AMPHOE}{district} (OCR misread อำเภอ)")
                return [*lines[:i], mended, *lines[i + 1 :]], note
    return lines, None


def _after_amphoe(word: str, province: str | None) -> str | None:
    """The district name ``word`` goes on with after a near miss of อำเภอ, or None."""
    if province is None:
        return None
    names = {name_key(d.name) for d in districts_of(province)} | {name_key("เมือง")}
    target = bare(_AMPHOE)
    for k in range(len(target) - 1, len(target) + 3):
        if k >= len(word) or RE_MARK.match(word[k]):
            continue  # a letter's marks go with it
        if Levenshtein.distance(bare(word[:k]), target) <= 1 and name_key(word[k:]) in names:
            return word[k:]
    return None


def _special_agency(kind: str, printed: str, district_printed: str | None) -> AgencyMatch:
    """กรุงเทพมหานคร (districts are เขต) and เมืองพัทยา (in บางละมุง, ชลบุรี)."""
    if kind == PATTAYA:
        return AgencyMatch(PATTAYA, printed, PATTAYA, "บางละมุง", "ชลบุรี", [])
    resolver = _Resolver()
    district = resolver.district(district_printed, BANGKOK)
    return AgencyMatch(BANGKOK, printed, BANGKOK, district.name if district else None, BANGKOK, resolver.warnings)


def _locate(resolver: _Resolver, printed: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """Canonical (district, province) from the printed location line, district restricted to province."""
    district_printed, province_printed = printed
    province = resolver.province(province_printed)
    district = resolver.district(district_printed, province)
    for text, found in ((district_printed, district), (province_printed, province)):
        if text and found is None:
            resolver.warn("agency_not_in_gazetteer", f"{text}: no close gazetteer match")
    if district is not None:
        province = province or district.province  # a unique district names its province
    return (district.name if district else None), province


def _local_agency(kind: str, place: str, printed: str, location: tuple[str | None, str | None]) -> AgencyMatch:
    """อบจ., อบต. and the three kinds of เทศบาล: canonicalise location, then the place name."""
    resolver = _Resolver()
    district, province = _locate(resolver, location)
    canonical = _canonical_place(place, kind, district, province) if place else None
    if kind == "องค์การบริหารส่วนจังหวัด" and canonical and province is None:
        province = canonical
    if canonical is None and place and district is None and kind != "องค์การบริหารส่วนจังหวัด":
        inferred = _infer_from_place(place, province)
        if inferred is not None:
            district, province = inferred.district or inferred.name, inferred.province
            canonical = _canonical_place(place, kind, district, province)
            if location == (None, None):
                resolver.warn("agency_location_inferred", f"{place} → อำเภอ{district} จังหวัด{province}")
    if canonical is None:
        resolver.warn("agency_not_in_gazetteer", f"{place or printed}: no close gazetteer match")
        canonical = place
    else:
        resolver.corrected(place, canonical)
    return AgencyMatch(kind + canonical, printed, kind, district, province, resolver.warnings)
