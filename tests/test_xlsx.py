"""The xlsx table opened as Excel would open it (openpyxl): widths, wrapped text, filter, frozen header, dates."""

from __future__ import annotations

import json
from datetime import date

import pytest
from ita_extract.extract.batch.writers import COLUMNS, write_table
from ita_extract.extract.batch.xlsx import SheetLayout, column_letter, column_widths, text_width
from ita_extract.schema import Agency, Document, Record, Report, Source

openpyxl = pytest.importorskip("openpyxl")
LAYOUT = SheetLayout()
LONG_ISSUE = "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติ/ให้บริการแก่ท่านตามประเด็นดังต่อไปนี้ มากน้อยเพียงใด " * 2


def _report() -> dict:
    report = Report(
        source=Source(file="รายงาน.pdf", sha256="a" * 64, pages=2),
        document=Document(
            document_type="measures_report", agency=Agency(name="เทศบาลตำบลปรางค์กู่", type="เทศบาลตำบล"),
            fiscal_year=2566, round_months=6, period_start=date(2022, 10, 1), period_end=date(2023, 3, 31),
        ),
        records=[
            Record(row=1, tool="EIT", indicator="E1", issue=LONG_ISSUE.strip(), responsible="สำนักปลัด",
                   measures=["จัดทำคู่มือ", "รายงานผู้บริหาร"], action_dates=[date(2023, 1, 25)],
                   page_start=1, page_end=2),
            Record(row=2, tool="OIT", indicator="O1", issue="สั้น", page_start=2, page_end=2),
        ],
    )  # fmt: skip
    return json.loads(report.to_json())


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = write_table([_report()], tmp_path_factory.mktemp("xlsx"), "xlsx")
    return openpyxl.load_workbook(path)["records"]


def _cell(ws: object, row: int, column: str) -> object:
    return ws.cell(row, COLUMNS.index(column) + 1)  # type: ignore[attr-defined]


def _width(ws: object, column: str) -> float:
    return ws.column_dimensions[column_letter(COLUMNS.index(column))].width  # type: ignore[attr-defined]


def test_header_is_bold_frozen_and_carries_an_autofilter_over_every_row_and_column(sheet: object) -> None:
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{column_letter(len(COLUMNS) - 1)}3"


def test_columns_are_as_wide_as_their_text_within_limits(sheet: object) -> None:
    assert _width(sheet, "issue") == LAYOUT.max_width  # long text: capped, and wrapped below
    assert _width(sheet, "tool") == max(LAYOUT.min_width, len("tool") + LAYOUT.padding)
    assert _width(sheet, "agency_name") == text_width("เทศบาลตำบลปรางค์กู่") + LAYOUT.padding
    assert _width(sheet, "period_start") == max(len("period_start"), LAYOUT.date_width) + LAYOUT.padding
    assert _width(sheet, "sha256") == dict(LAYOUT.clipped)["sha256"]
    default = 8.43  # Excel's width for a column nobody sized
    assert all(_width(sheet, c) != default for c in COLUMNS)


def test_long_text_and_lists_wrap_and_short_text_does_not(sheet: object) -> None:
    assert _cell(sheet, 2, "issue").alignment.wrap_text
    assert _cell(sheet, 2, "measures").value == "จัดทำคู่มือ\nรายงานผู้บริหาร"
    assert _cell(sheet, 2, "measures").alignment.wrap_text
    assert not _cell(sheet, 3, "issue").alignment.wrap_text
    assert not _cell(sheet, 2, "sha256").alignment.wrap_text  # clipped, not wrapped into a tall row
    assert all(c.alignment.vertical == "top" for c in sheet[2])


def test_dates_are_dates_shown_as_iso_and_flags_are_booleans(sheet: object) -> None:
    start = _cell(sheet, 2, "period_start")
    assert start.is_date and start.value.date() == date(2022, 10, 1) and start.number_format == "yyyy-mm-dd"
    assert _cell(sheet, 2, "fiscal_year").value == 2566
    assert _cell(sheet, 2, "ocr").value is False and _cell(sheet, 2, "ocr").data_type == "b"


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("E1", 2),
        ("ผู้รับผิดชอบ", 8),  # 12 code points: ู ้ ั ิ sit on their consonants
        ("กำหนด", 5),  # SARA AM takes its own cell
        ("บรรทัดแรก\nสอง", 8),  # the longest line, its ั on ท
        ("", 0),
    ],
)
def test_text_width_counts_what_takes_room_on_screen(text: str, width: int) -> None:
    assert text_width(text) == width


def test_widths_are_measured_on_the_first_rows_only() -> None:
    layout = SheetLayout(sample_rows=1)
    widths = column_widths(["a"], [["x"], ["y" * 40]], layout)
    assert widths == [layout.min_width]
