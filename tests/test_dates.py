"""Thai dates and report periods: phrasings from real reports, invalid dates, round-trip properties."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from ita_extract.extract.thai.dates import Period, find_thai_dates, parse_period, parse_thai_date

D = datetime.date

FOUND = [
    ("ดำเนินการเมื่อ ๒๐ ก.พ. ๖๖ และ ๑ มี.ค. ๖๖", [D(2023, 2, 20), D(2023, 3, 1)]),
    ("ณ วันที่ ๒๔ ม.ค. ๒๕๖๖", [D(2023, 1, 24)]),
    ("ดำเนินการเมื่อวันที่ ๒๕ เดือน มกราคม พ.ศ. ๒๕๖๖", [D(2023, 1, 25)]),
    ("เมื่อวันที่ ๖ ธันวาคม ๒๕๖๗", [D(2024, 12, 6)]),
    ("ที่ ชบ ๐๘๓๒.๑/๕๐ วันที่ ๑๓ พฤศจิกายน 25๖๒", [D(2019, 11, 13)]),  # nongyai-sso memo
    ("ที่ขยายกรอบเวลาให้ใช้ต่อไปจนถึงวันที่ 30 กันยายน 2565", [D(2022, 9, 30)]),  # MOPH plan
    ("ประกาศ ณ วันที่ 15 ก.ค. 2568", [D(2025, 7, 15)]),
    ("๒๕มกราคม๒๕๖๖", [D(2023, 1, 25)]),
    ("๑ ม. ค. ๖๖", [D(2023, 1, 1)]),
    ("๑ มค ๖๖", [D(2023, 1, 1)]),
    ("๑ ม.ค ๖๖", [D(2023, 1, 1)]),
    ("๑ มกรา ๖๖", [D(2023, 1, 1)]),
    ("๑ กรกฏาคม ๒๕๖๖", [D(2023, 7, 1)]),
    ("๑๒ ต.ค. ค.ศ. 2022", [D(2022, 10, 12)]),
    ("12 October is not Thai; 12 ตุลาคม 2022", [D(2022, 10, 12)]),
    ("1/10/2565", [D(2022, 10, 1)]),
    ("01-10-2022", [D(2022, 10, 1)]),
    ("31.12.2566", [D(2023, 12, 31)]),
    ("ลงวันที่ ๑/๑๐/๖๕", [D(2022, 10, 1)]),
    ("29 ก.พ. 2567", [D(2024, 2, 29)]),
    ("๑ - ๓๑ มีนาคม ๒๕๖๖", [D(2023, 3, 31)]),
    ("วันที่ ๓๐ กันยายน ๒๕๖๕ ถึง ๑ ต.ค. ๒๕๖๕", [D(2022, 9, 30), D(2022, 10, 1)]),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_thai_dates(text: str, expected: list[datetime.date]) -> None:
    assert find_thai_dates(text) == expected


NOT_DATES = [
    "๓๐ กุมภาพันธ์ ๒๕๖๖",
    "29 ก.พ. 2566",
    "๓๒ มกราคม ๒๕๖๖",
    "๒๕๖๖",
    "ปีงบประมาณ ๒๕๖๖",
    "ไตรมาสที่ ๑ - ๒",
    "โทร.๐๓๘-๒๑๙๒๓๒-๓",
    "โทร 02-123-4567",
    "ข้อ 1.2.3",
    "ภายในเดือนมกราคม",
    "เดือนตุลาคม ๒๕๖๕",
    "13/13/2565",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert parse_thai_date(text) is None
    assert find_thai_dates(text) == []


def test_february_30_gives_none() -> None:
    assert parse_thai_date("๓๐ กุมภาพันธ์ ๒๕๖๖") is None


def test_parse_thai_date_returns_the_first() -> None:
    assert parse_thai_date("ระหว่าง ๑ ต.ค. ๖๕ ถึง ๓๑ มี.ค. ๖๖") == D(2022, 10, 1)


PERIODS = [
    (
        "รายงานการดำเนินการตามมาตรการ\nรอบ ๖ เดือน\n(เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)\nประจำปีงบประมาณ พ.ศ.๒๕๖๖",
        Period(2566, 6, D(2022, 10, 1), D(2023, 3, 31)),
    ),
    ("ระหว่างวันที่ ๑ ตุลาคม ๒๕๖๕ ถึง ๓๑ มีนาคม ๒๕๖๖", Period(2566, 6, D(2022, 10, 1), D(2023, 3, 31))),
    ("รายงานผล (ต.ค. ๖๗ – มี.ค. ๖๘)", Period(2568, 6, D(2024, 10, 1), D(2025, 3, 31))),
    ("ตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๖ ถึงวันที่ ๓๐ กันยายน ๒๕๖๗", Period(2567, 12, D(2023, 10, 1), D(2024, 9, 30))),
    ("ปีงบประมาณ ๒๕๖๖ รอบ 12 เดือน", Period(2566, 12, D(2022, 10, 1), D(2023, 9, 30))),
    ("รอบ ๖ เดือน ปีงบประมาณ พ.ศ. 2566", Period(2566, 6, D(2022, 10, 1), D(2023, 3, 31))),
    ("ประจำปี งบประมาณพ.ศ. 2567 รอบ 6 เดื้อแน่", Period(2567, 6, D(2023, 10, 1), D(2024, 3, 31))),  # เดือน by OCR
    ("ปีงบประมาณ ๒๕๖๖ รอบการประเมิน ๒ ครั้ง", Period(2566, None, None, None)),  # no months after the number
    ("ประจำปีงบประมาณ พ.ศ. 2566", Period(2566, None, None, None)),
    ("มาตรการส่งเสริมคุณธรรม ประจำปี ๒๕๖๖", Period(2566, None, None, None)),
    ("ประจำปีงบประมาณ พ.ศ.๒๕๖๖\nจากผลการประเมินปีงบประมาณ ๒๕๖๕", Period(2566, None, None, None)),
    ("ประจำปีงบประมาณ ๒๕๖๗ (ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗)", Period(2567, 12, D(2023, 10, 1), D(2024, 9, 30))),
    ("เดือนตุลาคม - มีนาคม ๒๕๖๖", Period(2566, 6, D(2022, 10, 1), D(2023, 3, 31))),
    ("รายงานผลการดำเนินงาน", Period(None, None, None, None)),
]


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_parse_period(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


THAI_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
ABBR = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _be(d: datetime.date) -> int:
    return d.year + 543


STYLES: dict[str, Callable[[datetime.date], str]] = {
    "full": lambda d: f"{d.day} {THAI_MONTHS[d.month - 1]} {_be(d)}",
    "full_be_prefix": lambda d: f"วันที่ {d.day} เดือน {THAI_MONTHS[d.month - 1]} พ.ศ. {_be(d)}",
    "abbr_dots": lambda d: f"{d.day} {ABBR[d.month - 1]} {_be(d)}",
    "abbr_no_dots": lambda d: f"{d.day} {ABBR[d.month - 1].replace('.', '')} {_be(d)}",
    "thai_digits": lambda d: f"{d.day} {THAI_MONTHS[d.month - 1]} {_be(d)}".translate(THAI_DIGITS),
    "slash_be": lambda d: f"{d.day:02d}/{d.month:02d}/{_be(d)}",
    "two_digit_year": lambda d: f"{d.day} {ABBR[d.month - 1]} {_be(d) % 100:02d}".translate(THAI_DIGITS),
    "no_spaces": lambda d: f"{d.day}{THAI_MONTHS[d.month - 1]}{_be(d)}".translate(THAI_DIGITS),
}
BE_DATES = st.dates(min_value=D(2500 - 543, 1, 1), max_value=D(2600 - 543, 12, 31))


@settings(max_examples=200, deadline=None)
@given(day=BE_DATES, style=st.sampled_from(sorted(STYLES)))
def test_every_style_round_trips(day: datetime.date, style: str) -> None:
    assume(style != "two_digit_year" or _be(day) < 2600)  # "00" means 2500, not 2600
    text = STYLES[style](day)
    assert parse_thai_date(text) == day, text
    assert find_thai_dates(f"ดำเนินการเมื่อ {text} แล้ว") == [day]


@settings(max_examples=200, deadline=None)
@given(number=st.integers(min_value=0, max_value=10**8), thai=st.booleans(), prefix=st.sampled_from(["", "ปี ", "พ.ศ. ", "โทร. "]))
def test_a_lone_number_is_never_a_date(number: int, thai: bool, prefix: str) -> None:
    text = prefix + (str(number).translate(THAI_DIGITS) if thai else str(number))
    assert find_thai_dates(text) == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("มาตรการส่งเสริมคุณธรรม ประจำปีงบประมาณ WA. 2567", 2567),  # พ.ศ. read by OCR's English model
        ("ประจำปีงบประมาณ W.A. ๒๕๖๖ ของเทศบาล", 2566),
        ("ปีงบประมาณ พ.ศ. ๒๕๖๖ (ฉบับ WA. 2567)", 2566),  # a mention read as printed comes first
        ("ประจำปีืงบประมาณ พ.ศ. 2567", 2567),  # a mark OCR added
        ("ปงบประมาณ ๒๕๖๘", 2568),  # a mark OCR lost
        ("ประจำปีงบประะมาณ พ.ศ. 2568 รอบ 6 เดือน", 2568),  # a letter of งบประมาณ doubled
        ("ประจาบปบึงบประมาณ พ.ศ. 2567", 2567),  # the words before งบประมาณ misread
        ("ประจำปึงบประมาณ พู,ศ. 2567", 2567),  # a comma for the era's full stop (and a stray mark)
        ("ประจำปีงบประมาณ บพ .ศ. ๒๕๖๖", 2566),  # a looped พ's head read as a letter of its own
        ("ประจำปีปีึงบประมาณ ขบ.ศ. ๒๕๖๘", 2568),  # ... and พ read as บ
        ("ประจำปีงบประมาณ ขบข.ศ. 2567", None),  # two letters before the era are no era
        ("งบประมาณทั้งหมดของโครงการ 2567", None),  # more than a misread word between งบ and the year
        ("ประจำปีงบประมาณ FY 2024", None),  # a Christian-era year is no BE fiscal year
        ("ประจำปีงบประมาณ ABCD. 2567", None),  # more letters than an era's
    ],
)
def test_a_fiscal_year_mention_as_ocr_leaves_it_still_gives_the_year(text: str, year: int | None) -> None:
    assert parse_period(text).fiscal_year == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # the title's mention misread (ปี as บึ) on a line above last year's assessment's, read as printed
        ("รายงานการดำเนินการ ประจำบึงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน\nจากการวิเคราะห์ผล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", 2567),
        ("มาตรการ ประจาบปบึงบประมาณ WA. 2568\nผลการประเมิน ประจำปีงบประมาณ 2567", 2568),
        # with no era a misread mention is no year: money before the title's mention
        ("ได้รับงบประมาณ 2500 บาท\nประจำปีงบประมาณ พ.ศ. ๒๕๖๖", 2566),
        # on one line the mention read as printed stands
        ("ประจำบึงบประมาณ พ.ศ. ๒๕๖๗ และ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", 2566),
    ],
)
def test_a_misread_mention_with_its_era_on_an_earlier_line_comes_first(text: str, year: int) -> None:
    assert parse_period(text).fiscal_year == year


@pytest.mark.parametrize(
    ("text", "year", "cut"),
    [
        # the title's year lost a digit: last year's assessment's mention below does not stand in
        ("รายงานผล ประจำปีงบประมาณ พ.ศ. ๒๕๖ รอบ ๖ เดือน\nผลการประเมิน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", None, True),
        ("มาตรการ ประจำปีงบประมาณ พ.ศ. 256 นั้น", None, True),
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖ ๗ รอบ ๖ เดือน", 2567, False),  # a space read inside the year
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\nผลการประเมิน ประจำปีงบประมาณ พ.ศ. ๒๕๖", 2567, False),  # cut after: no matter
        ("ได้รับงบประมาณ 256 บาท\nประจำปีงบประมาณ พ.ศ. ๒๕๖๖", 2566, False),  # no era: an amount
    ],
)
def test_a_fiscal_year_ocr_cut_short_is_unread_not_replaced(text: str, year: int | None, cut: bool) -> None:
    period = parse_period(text)
    assert (period.fiscal_year, period.year_cut) == (year, cut)
