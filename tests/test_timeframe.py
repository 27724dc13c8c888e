"""Time frames (ระยะเวลาดำเนินการ) → first and last day: every printed form, the corpus's truth, and properties."""

from __future__ import annotations

import datetime
import json

import pytest
from conftest import SAMPLES, SYNTHETIC
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.extract.thai.timeframe import parse_timeframe

D = datetime.date
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
          "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
ABBREVIATED = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # the contract's own examples
        ("ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗", D(2023, 10, 1), D(2024, 9, 30)),
        ("ภายในเดือนมีนาคม ๒๕๖๗", None, D(2024, 3, 31)),
        ("ตลอดปีงบประมาณ", D(2023, 10, 1), D(2024, 9, 30)),
        # month ranges: with ถึง, with a dash, the first year left out, across the new year
        ("ธันวาคม ๒๕๖๖ ถึง มีนาคม ๒๕๖๗", D(2023, 12, 1), D(2024, 3, 31)),
        ("ระหว่างเดือนธันวาคม ๒๕๖๖ ถึงเดือนมีนาคม ๒๕๖๗", D(2023, 12, 1), D(2024, 3, 31)),
        # the connector typed against the month (a wrapped line loses the space)
        ("มีนาคม ๒๕๖๗ ถึงมิถุนายน ๒๕๖๗", D(2024, 3, 1), D(2024, 6, 30)),
        ("ตั้งแต่มกราคม ๒๕๖๗", D(2024, 1, 1), None),
        ("มกราคม - มิถุนายน 2568", D(2025, 1, 1), D(2025, 6, 30)),
        ("พฤศจิกายน – มีนาคม ๒๕๖๗", D(2023, 11, 1), D(2024, 3, 31)),
        ("ตุลาคม - ธันวาคม", D(2023, 10, 1), D(2023, 12, 31)),  # no year at all: the fiscal year's
        ("ต.ค. ๖๖ - ก.ย. ๖๗", D(2023, 10, 1), D(2024, 9, 30)),  # abbreviated, two-digit BE years
        ("ต.ค.66-มี.ค.67", D(2023, 10, 1), D(2024, 3, 31)),
        ("ตุลาคม 2023 - กันยายน 2024", D(2023, 10, 1), D(2024, 9, 30)),  # CE years
        ("เดือนมีนาคม ๒๕๖๗", D(2024, 3, 1), D(2024, 3, 31)),
        ("เดือนมีนาคม", D(2024, 3, 1), D(2024, 3, 31)),
        # dates, the first one's year left out, with and without a dash
        ("๑ มีนาคม - ๓๐ กันยายน ๒๕๖๗", D(2024, 3, 1), D(2024, 9, 30)),
        ("๑ มีนาคม ๓๐ กันยายน ๒๕๖๗", D(2024, 3, 1), D(2024, 9, 30)),
        ("๑ ต.ค. ๒๕๖๖ - ๓๑ มี.ค. ๒๕๖๗", D(2023, 10, 1), D(2024, 3, 31)),
        ("15 พฤศจิกายน - 15 ธันวาคม 2566", D(2023, 11, 15), D(2023, 12, 15)),
        ("๓๑ มีนาคม ๒๕๖๗", D(2024, 3, 31), D(2024, 3, 31)),
        ("ภายในวันที่ ๓๑ มีนาคม ๒๕๖๗", None, D(2024, 3, 31)),
        ("ตั้งแต่เดือนตุลาคม ๒๕๖๖ เป็นต้นไป", D(2023, 10, 1), None),
        # fiscal years and quarters (quarter 1 = October–December of the year before)
        ("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘", D(2024, 10, 1), D(2025, 9, 30)),  # its own year wins
        ("ภายในปีงบประมาณ ๒๕๖๗", None, D(2024, 9, 30)),
        ("ปีงบประมาณ ๒๕๖๗ - ๒๕๖๘", D(2023, 10, 1), D(2025, 9, 30)),
        ("ตลอดปี", D(2023, 10, 1), D(2024, 9, 30)),
        ("ทุกไตรมาส", D(2023, 10, 1), D(2024, 9, 30)),
        ("ไตรมาสที่ ๒", D(2024, 1, 1), D(2024, 3, 31)),
        ("ไตรมาสที่ ๑ - ๒", D(2023, 10, 1), D(2024, 3, 31)),
        ("ไตรมาส 3-4", D(2024, 4, 1), D(2024, 9, 30)),
        ("ไตรมาสที่ ๑ และไตรมาสที่ ๓", D(2023, 10, 1), D(2024, 6, 30)),
        ("ไตรมาสที่ ๔ ปีงบประมาณ ๒๕๖๘", D(2025, 7, 1), D(2025, 9, 30)),
        ("ภายในไตรมาสที่ ๒", None, D(2024, 3, 31)),
        # no time named
        ("ตามความเหมาะสม", None, None),
        ("ภายใน ๓๐ วัน", None, None),
        ("", None, None),
        ("๓๐ กุมภาพันธ์ ๒๕๖๗", None, None),  # no such day: no reading rather than a wrong one
    ],
)
def test_parse_timeframe(text: str, start: datetime.date | None, end: datetime.date | None) -> None:
    assert parse_timeframe(text, 2567) == (start, end)


def test_a_fiscal_year_is_needed_only_where_the_text_lacks_one() -> None:
    assert parse_timeframe("ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗", None) == (D(2023, 10, 1), D(2024, 9, 30))
    assert parse_timeframe("ไตรมาสที่ ๒", None) == (None, None)
    assert parse_timeframe("ตลอดปีงบประมาณ", None) == (None, None)
    assert parse_timeframe(None, 2567) == (None, None)


def truth_pairs() -> list:
    """Every (timeframe, fiscal year) → (start, end) the synthetic corpus's and the samples' truth give, once each."""
    pairs: dict[tuple[str, int], tuple[str | None, str | None]] = {}
    for path in [*sorted(SYNTHETIC.glob("syn*.json")), *sorted(SAMPLES.glob("sample*.json"))]:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for rec in doc["records"]:
            if rec.get("timeframe"):
                key = (rec["timeframe"], doc["document"]["fiscal_year"])
                pairs[key] = (rec["timeframe_start"], rec["timeframe_end"])
    return [pytest.param(t, fy, s, e, id=f"{t}|{fy}") for (t, fy), (s, e) in pairs.items()] or [
        pytest.param("", 0, None, None, marks=pytest.mark.skip(reason=f"shared corpus not found at {SYNTHETIC}"))
    ]


@pytest.mark.parametrize(("text", "fiscal_year", "start", "end"), truth_pairs())
def test_the_truth_of_the_synthetic_corpus_and_the_samples(text: str, fiscal_year: int, start: str | None, end: str | None) -> None:
    got = parse_timeframe(text, fiscal_year)
    assert tuple(d.isoformat() if d else None for d in got) == (start, end)


def be(year: int) -> int:
    return year + 543


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@settings(max_examples=150, deadline=None)
@given(a=dates, b=dates, abbreviated=st.booleans(), thai=st.booleans(), short_year=st.booleans(), joiner=st.sampled_from([" - ", "-", " – ", " ถึง ", " ถึงเดือน", " ถึง"]))
def test_a_printed_month_range_reads_back(a: datetime.date, b: datetime.date, abbreviated: bool, thai: bool,
                                          short_year: bool, joiner: str) -> None:
    """Any month range, however printed, comes back as its first and last day."""
    first, last = sorted((a, b))
    names = ABBREVIATED if abbreviated else MONTHS

    def year(d: datetime.date) -> str:
        return str(be(d.year))[2:] if short_year else str(be(d.year))

    text = f"{names[first.month - 1]} {year(first)}{joiner}{names[last.month - 1]} {year(last)}"
    if thai:
        text = text.translate(THAI_DIGITS)
    start, end = parse_timeframe(text, None)
    assert start == first.replace(day=1)
    assert end is not None and (end.year, end.month) == (last.year, last.month) and (end + datetime.timedelta(days=1)).day == 1


@settings(max_examples=150, deadline=None)
@given(text=st.sampled_from([
    "ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗", "๑ มีนาคม ๓๐ กันยายน ๒๕๖๗", "ไตรมาสที่ ๑ - ๒", "ภายในเดือนมีนาคม ๒๕๖๗",
    "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๗", "ต.ค. ๖๖ - ก.ย. ๖๗", "๑๕ พ.ย. - ๑๕ ธ.ค. ๖๖",
]), fiscal_year=st.integers(2550, 2600))
def test_thai_and_arabic_digits_read_alike_and_start_is_never_after_end(text: str, fiscal_year: int) -> None:
    arabic = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    got = parse_timeframe(text, fiscal_year)
    assert got == parse_timeframe(arabic, fiscal_year)
    if got[0] and got[1]:
        assert got[0] <= got[1]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("กขคมีนาคตุลยธัวไรสที่๑๒๓๐1234567890 -.ภายใน")), max_size=40),
       fiscal_year=st.one_of(st.none(), st.integers(2500, 2700)))
def test_any_text_gives_an_ordered_span_or_none(text: str, fiscal_year: int | None) -> None:
    start, end = parse_timeframe(text, fiscal_year)
    assert start is None or end is None or start <= end
