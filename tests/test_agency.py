"""Agency, district and province from title blocks, canonicalised against the gazetteer."""

from __future__ import annotations

import pytest
from ita_extract.extract.thai.agency import AgencyMatch, parse_agency

# lines → (name, name_as_printed, type, district, province)
CASES = [
    (
        ["เทศบาลตำบลปรังค์กู", "อำเภอปรังค์กู จังหวัดศรีสะเกษ"],
        ("เทศบาลตำบลปรางค์กู่", "เทศบาลตำบลปรังค์กู", "เทศบาลตำบล", "ปรางค์กู่", "ศรีสะเกษ"),
    ),
    (["ทต.เชียงคาน", "อำเภอเชียงคาน จังหวัดเลย"], ("เทศบาลตำบลเชียงคาน", "ทต.เชียงคาน", "เทศบาลตำบล", "เชียงคาน", "เลย")),
    (
        ["เทศบาลเมืองบ้านไผ่", "อำเภอบ้านไผ่ จังหวัดขอนแก่น"],
        ("เทศบาลเมืองบ้านไผ่", "เทศบาลเมืองบ้านไผ่", "เทศบาลเมือง", "บ้านไผ่", "ขอนแก่น"),
    ),
    (
        ["เทศบาลเมืองศรีราชา", "อำเภอศรีราชา จังหวัดชลบุรี"],
        ("เทศบาลเมืองศรีราชา", "เทศบาลเมืองศรีราชา", "เทศบาลเมือง", "ศรีราชา", "ชลบุรี"),
    ),
    (
        ["เทศบาลตำบลพิมาย", "อำเภอพิมาย จังหวัดนครราชสีมา"],
        ("เทศบาลตำบลพิมาย", "เทศบาลตำบลพิมาย", "เทศบาลตำบล", "พิมาย", "นครราชสีมา"),
    ),
    (
        ["แผนอัตรากำลัง ๓ ปี", "เทศบาลตำบลหางดง อำเภอหางดง จังหวัดเชียงใหม่"],
        ("เทศบาลตำบลหางดง", "เทศบาลตำบลหางดง", "เทศบาลตำบล", "หางดง", "เชียงใหม่"),
    ),
    (
        ["องค์การบริหารส่วนจังหวัดขอนแก่น"],
        ("องค์การบริหารส่วนจังหวัดขอนแก่น", "องค์การบริหารส่วนจังหวัดขอนแก่น", "องค์การบริหารส่วนจังหวัด", None, "ขอนแก่น"),
    ),
    (["อบจ.ศรีสะเกษ"], ("องค์การบริหารส่วนจังหวัดศรีสะเกษ", "อบจ.ศรีสะเกษ", "องค์การบริหารส่วนจังหวัด", None, "ศรีสะเกษ")),
    (
        ["อบต.กู่", "อ.ปรางค์กู่ จ.ศรีสะเกษ"],
        ("องค์การบริหารส่วนตำบลกู่", "อบต.กู่", "องค์การบริหารส่วนตำบล", "ปรางค์กู่", "ศรีสะเกษ"),
    ),
    (
        ["เทศบาลนครขอนแก่น", "อ.เมือง จ.ขอนแก่น"],
        ("เทศบาลนครขอนแก่น", "เทศบาลนครขอนแก่น", "เทศบาลนคร", "เมืองขอนแก่น", "ขอนแก่น"),
    ),
    (
        ["เทศบาลเมืองสระแก้ว", "อำเภอเมืองสระแก้ว จังหวัดสระแก้ว"],
        ("เทศบาลเมืองสระแก้ว", "เทศบาลเมืองสระแก้ว", "เทศบาลเมือง", "เมืองสระแก้ว", "สระแก้ว"),
    ),
    (["กรุงเทพมหานคร", "เขตบางรัก"], ("กรุงเทพมหานคร", "กรุงเทพมหานคร", "กรุงเทพมหานคร", "บางรัก", "กรุงเทพมหานคร")),
    (["เมืองพัทยา", "จังหวัดชลบุรี"], ("เมืองพัทยา", "เมืองพัทยา", "เมืองพัทยา", "บางละมุง", "ชลบุรี")),
    (
        ["มาตรการส่งเสริมคุณธรรมของเทศบาลตำบลปรางค์กู่ ประจำปี ๒๕๖๖", "อำเภอปรางค์กู่ จังหวัดศรีสะเกษ"],
        ("เทศบาลตำบลปรางค์กู่", "เทศบาลตำบลปรางค์กู่", "เทศบาลตำบล", "ปรางค์กู่", "ศรีสะเกษ"),
    ),
    (
        ["ทต. ปรางค์กู๋", "อำเภอปรางค์กู่ จังหวัดศรีสะเกษ"],
        ("เทศบาลตำบลปรางค์กู่", "ทต. ปรางค์กู๋", "เทศบาลตำบล", "ปรางค์กู่", "ศรีสะเกษ"),
    ),
    (  # OCR misread the kind (ตำบล as ตาปลี): taken when no line names a type at all
        ["มาตรการส่งเสริมคุณธรรม", "ของเทศบาลตาปลีปรางค์กู่ อำเภอปรางค์กู่ จังหวัดศรีสะเกษ"],
        ("เทศบาลตำบลปรางค์กู่", "เทศบาลตาปลีปรางค์กู่", "เทศบาลตำบล", "ปรางค์กู่", "ศรีสะเกษ"),
    ),
    (["เทศบาลพัฒนาการ"], (None, None, None, None, None)),  # no kind within one letter: nothing guessed
    (  # the sentence goes on with no space after the name (OCR, or a PDF without space glyphs)
        ["ความโปร่งใสภายในหน่วยงานของเทศบาลตำบลปรางค์กู่ดังนี้", "อำเภอปรางค์กู่ จังหวัดศรีสะเกษ"],
        ("เทศบาลตำบลปรางค์กู่", "เทศบาลตำบลปรางค์กู่", "เทศบาลตำบล", "ปรางค์กู่", "ศรีสะเกษ"),
    ),
    (  # no space between district and province (OCR lost it): the district ends where จังหวัด begins
        ["เทศบาลตำบลปรางค์กู่", "อำเภอปรางค์กู่จังหวัดศรีสะเกษ"],
        ("เทศบาลตำบลปรางค์กู่", "เทศบาลตำบลปรางค์กู่", "เทศบาลตำบล", "ปรางค์กู่", "ศรีสะเกษ"),
    ),
    (
        ["อบต.กู่", "อ.ปรางค์กู่จ.ศรีสะเกษ"],
        ("องค์การบริหารส่วนตำบลกู่", "อบต.กู่", "องค์การบริหารส่วนตำบล", "ปรางค์กู่", "ศรีสะเกษ"),
    ),
]


@pytest.mark.parametrize(("lines", "expected"), CASES)
def test_parse_agency(lines: list[str], expected: tuple[str | None, ...]) -> None:
    m = parse_agency(lines)
    assert (m.name, m.name_as_printed, m.type, m.district, m.province) == expected


@pytest.mark.parametrize(
    "lines",
    [
        ["เทศบาลเมืองบ้านไผ่", "อำเภอบ้านไผ่ จังหวัดขอนแก่น"],
        ["เทศบาลเมืองศรีราชา", "อำเภอศรีราชา จังหวัดชลบุรี"],
        ["เทศบาลตำบลพิมาย", "อำเภอพิมาย จังหวัดนครราชสีมา"],
        ["ทต.เชียงคาน", "อำเภอเชียงคาน จังหวัดเลย"],
    ],
)
def test_correct_names_give_no_warnings(lines: list[str]) -> None:
    assert parse_agency(lines).warnings == []


@pytest.mark.parametrize(
    ("lines", "code", "message"),
    [
        (["เทศบาลตำบลปรังค์กู", "อำเภอปรังค์กู จังหวัดศรีสะเกษ"], "agency_name_corrected", "ปรังค์กู → ปรางค์กู่"),
        (["อบจ.ศรีสะเกษ", "จังหวัดศรีษะเกษ"], "agency_name_corrected", "ศรีษะเกษ → ศรีสะเกษ"),
        (["ทต.เชียงคาน"], "agency_location_inferred", "เชียงคาน → อำเภอเชียงคาน จังหวัดเลย"),
        (["เทศบาลตำบลสมมุติใหม่", "อำเภอหางดง จังหวัดเชียงใหม่"], "agency_not_in_gazetteer", "สมมุติใหม่: no close gazetteer match"),
        (["เทศบาลตำบลหางดง", "อำเภอหางดง จังหวัดไม่มีจริง"], "agency_not_in_gazetteer", "ไม่มีจริง: no close gazetteer match"),
    ],
)
def test_warnings(lines: list[str], code: str, message: str) -> None:
    assert (code, message) in [(n.code, n.message) for n in parse_agency(lines).warnings]


def test_unknown_place_keeps_printed_spelling() -> None:
    m = parse_agency(["เทศบาลตำบลสมมุติใหม่", "อำเภอหางดง จังหวัดเชียงใหม่"])
    assert m.name == "เทศบาลตำบลสมมุติใหม่"
    assert (m.district, m.province) == ("หางดง", "เชียงใหม่")


def test_no_agency_type_no_agency_but_its_location_line_still_says_where() -> None:
    m = parse_agency(["รายงานผลการดำเนินงาน", "อำเภอหางดง"])
    assert m == AgencyMatch(None, None, None, "หางดง", "เชียงใหม่", m.warnings)  # a district of one province
    assert [n.code for n in m.warnings] == ["agency_not_found"]
    ocr = parse_agency(["mA.เชียงคาน", "อำเภอเชียงคาน จังหวัดเลย"])  # ทต. misread by OCR
    assert (ocr.name, ocr.type, ocr.district, ocr.province) == (None, None, "เชียงคาน", "เลย")


@pytest.mark.parametrize("lines", [["รายงานผลการดำเนินงาน", "ประจำปีงบประมาณ ๒๕๖๖"],
                                   ["รายงาน", "ตามหนังสือจังหวัดเลย ที่ ลย ๐๐๒๓"]])
def test_no_agency_and_no_location_line_says_nothing_of_where(lines: list[str]) -> None:
    assert parse_agency(lines) == AgencyMatch(None, None, None, None, None, parse_agency(lines).warnings)


def test_a_type_inside_a_sentence_is_only_a_fallback() -> None:
    m = parse_agency(["ตามแนวทางของเทศบาลตำบลหางดง ประจำปี ๒๕๖๖", "องค์การบริหารส่วนตำบลกู่", "อำเภอปรางค์กู่ จังหวัดศรีสะเกษ"])
    assert m.name == "องค์การบริหารส่วนตำบลกู่"


def test_ambiguous_place_without_location_is_not_guessed() -> None:
    # เฉลิมพระเกียรติ is a district name in several provinces
    m = parse_agency(["เทศบาลตำบลเฉลิมพระเกียรติ"])
    assert (m.district, m.province) == (None, None)


# The text layer of some producers shows a gap after SARA AM as a space ("อำ เภอ", "ตำ บล"; LibreOffice
# with several TLWG faces, issue 15 class 12): the title block's keywords are still read.
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["ประจำ ปีงบประมาณ พ.ศ. ๒๕๖๗", "ของทต.หนองยอง", "อำ เภอปากคาด จังหวัดบึงกาฬ"],
            ("เทศบาลตำบลหนองยอง", "ทต.หนองยอง", "เทศบาลตำบล", "ปากคาด", "บึงกาฬ"),
        ),
        (
            ["ทม.ท่าตะเกียบ", "อำ เภอท่าตะเกียบ จังหวัดฉะเชิงเทรา"],
            ("เทศบาลเมืองท่าตะเกียบ", "ทม.ท่าตะเกียบ", "เทศบาลเมือง", "ท่าตะเกียบ", "ฉะเชิงเทรา"),
        ),
        (
            ["เทศบาลตำ บลบางขนุน อำ เภอบางกรวย จังหวัดนนทบุรี"],
            ("เทศบาลตำบลบางขนุน", "เทศบาลตำบลบางขนุน", "เทศบาลตำบล", "บางกรวย", "นนทบุรี"),
        ),
        (
            ["องค์การบริหารส่วนตำ บลโพธิ์", "อำ เภอเมืองศรีสะเกษ จังหวัดศรีสะเกษ"],
            ("องค์การบริหารส่วนตำบลโพธิ์", "องค์การบริหารส่วนตำบลโพธิ์", "องค์การบริหารส่วนตำบล", "เมืองศรีสะเกษ", "ศรีสะเกษ"),
        ),
    ],
)
def test_a_space_shown_after_sara_am_does_not_hide_the_district_or_the_kind(
    lines: list[str], expected: tuple[str | None, ...]
) -> None:
    m = parse_agency(lines)
    assert (m.name, m.name_as_printed, m.type, m.district, m.province) == expected


@pytest.mark.parametrize(
    ("location", "district"),
    [
        ("อาเกื้อเมืองศรีสะเกษ จังหวัดศรีสะเกษ", "เมืองศรีสะเกษ"),  # อำเภอ misread by OCR, one letter off
        ("อาเกื้อเมืองศรีสะเกษจังหวัดศรีสะเกษ", "เมืองศรีสะเกษ"),  # and no space before จังหวัด
        ("อำเภาปรางค์กู่ จังหวัดศรีสะเกษ", "ปรางค์กู่"),
        ("ของเมืองศรีสะเกษ จังหวัดศรีสะเกษ", None),  # ของ is no near miss of อำเภอ
        ("อาเกื้อเมืองสมมุติ จังหวัดศรีสะเกษ", None),  # what follows is no district of the province
    ],
)
def test_a_misread_amphoe_is_taken_only_before_a_district_of_the_province(location: str, district: str | None) -> None:
    m = parse_agency(["องค์การบริหารส่วนตำบลโพธิ์", location])
    assert (m.district, m.province) == (district, "ศรีสะเกษ")
    assert any(n.code == "agency_name_corrected" and "อำเภอ" in n.message for n in m.warnings) is (district is not None)


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        # OCR read SARA AA as a mark and moved the marks: one letter off once marks are out
        (["ของเทศบาลตำบลบันักร่าง", "อำเภอศรีประจันต์ จังหวัดสุพรรณบุรี"], "เทศบาลตำบลบ้านกร่าง"),
        # a district OCR read with SARA AM for ่า (ทำช่าง for ท่าช้าง): found among the province's districts
        (["เทศบาลตำบลพิกุลทอง", "อำเภอทำช่าง จังหวัดสิงห์บุรี"], "เทศบาลตำบลพิกุลทอง"),
        (["เทศบาลตำบลนำหม่อม", "อำเภอนำหม่อม จังหวัดสงขลา"], "เทศบาลตำบลนาหม่อม"),
        # no district named: the subdistricts to choose from are too many to trust a guess
        (["ของเทศบาลตำบลบันักร่าง", "จังหวัดสุพรรณบุรี"], "เทศบาลตำบลบันักร่าง"),
        # two letters off without marks: not taken
        (["ของเทศบาลตำบลบันักร่งง", "อำเภอศรีประจันต์ จังหวัดสุพรรณบุรี"], "เทศบาลตำบลบันักร่งง"),
    ],
)
def test_a_place_name_read_with_its_marks_wrong_is_found_among_its_districts_subdistricts(lines: list[str],
                                                                                          name: str) -> None:
    assert parse_agency(lines).name == name


def test_a_district_ocr_read_with_sara_am_is_the_provinces_district() -> None:
    assert parse_agency(["เทศบาลตำบลพิกุลทอง", "อำเภอทำช่าง จังหวัดสิงห์บุรี"]).district == "ท่าช้าง"
