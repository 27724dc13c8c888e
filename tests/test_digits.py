"""Word may store Arabic digits while drawing Thai ones (and the reverse, or both in one number):
every number parser reads a text the same whichever digit each position holds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.thai.codes import find_indicator, split_indicator
from ita_extract.extract.thai.dates import find_thai_dates, parse_period
from ita_extract.extract.thai.repair import to_arabic_digits
from ita_extract.extract.thai.status import status_of
from ita_extract.extract.thai.timeframe import parse_timeframe

ARABIC = "0123456789"
THAI = "๐๑๒๓๔๕๖๗๘๙"

TEXTS = [
    "ดำเนินการเมื่อ ๒๐ ก.พ. ๖๖ และ ๑ มี.ค. ๖๖",
    "ดำเนินการเมื่อวันที่ ๑๗ เดือนธันวาคม พ.ศ. ๒๕๖๕",
    "วันที่ 3 กันยายน 2567",
    "ที่ ชบ ๐๘๓๒.๑/๕๐ วันที่ ๑๓/๑๑/๒๕๖๒",
    "รายงานผลการดำเนินการ รอบ ๖ เดือน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ (ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)",
    "ข้อ E๑๒ หน่วยงานที่ท่านติดต่อ มีการปรับปรุงวิธีการ",
    "(i23) บุคลากรในหน่วยงานของท่าน",
    "ตามตัวชี้วัด O๓๖ แผนปฏิบัติการ",
    "๑ มีนาคม ๓๐ กันยายน ๒๕๖๗",
    "ไตรมาสที่ ๑ - ๒",
    "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘",
]


def parsed(text: str) -> tuple:
    """What every number parser makes of the text."""
    return (
        find_thai_dates(text),
        parse_period(text),
        split_indicator(text)[0],
        find_indicator(text),
        parse_timeframe(text, 2567),
        status_of([text]),
    )


@pytest.mark.parametrize("text", TEXTS)
def test_thai_and_arabic_digits_parse_alike(text: str) -> None:
    assert parsed(text) == parsed(to_arabic_digits(text)) == parsed(text.translate(str.maketrans(ARABIC, THAI)))


@settings(max_examples=150, deadline=None)
@given(text=st.sampled_from(TEXTS), flips=st.lists(st.booleans(), min_size=40, max_size=40))
def test_any_mix_of_digit_forms_parses_alike(text: str, flips: list[bool]) -> None:
    """"25๖๒": each digit in either form, as a producer that mixes fonts may store them."""
    arabic = to_arabic_digits(text)
    digits = iter(flips)
    mixed = "".join(THAI[int(ch)] if ch.isdigit() and next(digits, False) else ch for ch in arabic)
    assert parsed(mixed) == parsed(arabic)
