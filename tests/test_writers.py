"""Output safety: file names never escape -o, writes are atomic, spreadsheets run no formulas."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ita_extract.extract.batch import writers
from ita_extract.extract.batch.writers import (
    COLUMNS,
    XLSX_MAX_CELL,
    OutputPathError,
    atomic_write_text,
    csv_text,
    flat_rows,
    is_stale_temp,
    names_in_folder,
    neutralise,
    records_frame,
    remove_stale_temps,
    safe_join,
    safe_stem,
    unique_output_names,
    write_table,
)
from ita_extract.schema import Agency, Document, Record, Report, Source

SHA_A, SHA_B, SHA_C = "a" * 64, "b" * 64, "c" * 64
EVIL = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _report(sha: str = SHA_A, file: str = "รายงาน.pdf", issue: str = "ประเด็น") -> dict:
    """A contract report built through the models (so it is valid), as the dict a run reads back."""
    report = Report(
        source=Source(file=file, sha256=sha, pages=2),
        document=Document(
            document_type="measures_report",
            agency=Agency(name="เทศบาลตำบลปรางค์กู่", type="เทศบาลตำบล", district="ปรางค์กู่", province="ศรีสะเกษ"),
            fiscal_year=2566, round_months=6, period_start=date(2022, 10, 1), period_end=date(2023, 3, 31),
        ),
        records=[
            Record(row=1, tool="EIT", indicator="E1", issue=issue, responsible="สำนักปลัด",
                   measures=["จัดทำคู่มือ", "รายงานผู้บริหาร"], actions=["ดำเนินการ ๒๕ ม.ค. ๒๕๖๖"],
                   action_dates=[date(2023, 1, 25)], page_start=1, page_end=2),
            Record(row=2, issue=EVIL[0], measures=EVIL[1:3], page_start=2, page_end=2),
        ],
    )  # fmt: skip
    return json.loads(report.to_json())


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("รายงาน ITA.pdf", "รายงาน ITA"),
        ("../../etc/passwd.pdf", "passwd"),
        ("..\\..\\windows\\evil.pdf", "evil"),
        ("..pdf", "report"),
        (".hidden.pdf", "hidden"),
        ("a:b*c?.pdf", "a_b_c_"),
        ("CON.pdf", "_CON"),
        ("", "report"),
        ("x\x00y\n.pdf", "x_y_"),
    ],
)
def test_safe_stem(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


def test_safe_stem_cuts_long_thai_on_a_character_boundary() -> None:
    stem = safe_stem("ก" * 500 + ".pdf")
    assert len(stem.encode()) <= writers.MAX_STEM_BYTES
    assert set(stem) == {"ก"}


@given(st.text(max_size=300))
def test_any_name_stays_inside_the_output_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    out = tmp_path_factory.getbasetemp() / "out"
    out.mkdir(exist_ok=True)
    target = safe_join(out, safe_stem(name) + ".json")
    assert target.parent == out
    assert not target.name.startswith(".")


@pytest.mark.parametrize("name", ["../x.json", "a/b.json", "..", ".", "", "a\\b"])
def test_safe_join_refuses_escapes(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputPathError):
        safe_join(tmp_path, name)


def test_shared_stems_get_a_sha_suffix_whatever_the_order() -> None:
    items = [("a/report.pdf", SHA_A), ("b/REPORT.PDF", SHA_B), ("other.pdf", SHA_C)]
    names = unique_output_names(items)
    assert names == {SHA_A: "report-aaaaaaaa.json", SHA_B: "REPORT-bbbbbbbb.json", SHA_C: "other.json"}
    assert unique_output_names(items[::-1]) == names


# ---------------------------------------------------------------- atomic writes


def test_atomic_write_leaves_old_content_when_interrupted(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    atomic_write_text(target, "old")
    with pytest.raises(RuntimeError), writers.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_atomic_write_makes_ordinary_files_named_by_the_writers_pid(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    seen = []
    with writers.atomic_path(target) as tmp:
        seen.append(tmp.name)
        tmp.write_text("ไทย", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "ไทย"
    assert target.stat().st_mode & 0o044  # readable by others, unlike mkstemp's 0600
    assert seen[0].startswith(f"{writers.TEMP_PREFIX}{os.getpid()}-") and seen[0].endswith(".tmp")


def _dead_pid() -> int:
    """The pid of a process that has ended (a fresh pid is not reused within a test)."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_only_our_provably_stale_temps_are_removed(tmp_path: Path) -> None:
    """Found: start-up deleted every .ita-tmp-* in -o, an input PDF and a running combine's temp included."""
    dead, alive = _dead_pid(), os.getpid()
    stale = f"{writers.TEMP_PREFIX}{dead}-abc_123x.tmp"
    kept = [
        f"{writers.TEMP_PREFIX}{alive}-abcdefgh.tmp",  # a run still writing
        f"{writers.TEMP_PREFIX}evil.pdf",  # an input PDF with our prefix
        f"{writers.TEMP_PREFIX}abcdefgh.tmp",  # no pid: not provably ours
        f"{writers.TEMP_PREFIX}{dead}-abcdefgh.tmp.pdf",  # not our pattern exactly
        "notes.txt",
    ]
    for name in [stale, *kept]:
        (tmp_path / name).write_text("x")
    link = f"{writers.TEMP_PREFIX}{dead}-linklink.tmp"
    (tmp_path / link).symlink_to(tmp_path / "notes.txt")  # a link is not a temp of ours
    assert [is_stale_temp(tmp_path, n) for n in [stale, *kept, link]] == [True] + [False] * (len(kept) + 1)
    assert remove_stale_temps(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, link])


# ---------------------------------------------------------------- formula injection


@pytest.mark.parametrize("cell", EVIL)
def test_formula_starts_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        (" =1+1", "' =1+1"),  # a spreadsheet skips the space, then runs the formula
        ("   @SUM(A1)", "'   @SUM(A1)"),
        ("\u200b=HYPERLINK(1)", "'\u200b=HYPERLINK(1)"),  # zero-width space first
        ("\ufeff+1", "'\ufeff+1"),  # a BOM first
        ("\u00a0-1", "'\u00a0-1"),  # a no-break space first
        ("\n=1", "'\n=1"),
        ("\x00=1+1", "'=1+1"),  # NUL dropped, then the formula quoted
        ("\x1b=cmd|calc", "'=cmd|calc"),  # ESC dropped
        ("\u202e=1+1", "'=1+1"),  # right-to-left override dropped
        ("ab\u202ecd\x00e\x7f", "abcde"),  # controls and overrides dropped anywhere
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width equals sign
        ("ก\u200bข", "ก\u200bข"),  # a zero-width space inside Thai text is a word break: kept
        ("line\nbreak\ttab", "line\nbreak\ttab"),  # newline and tab inside a cell are data
    ],
)
def test_hidden_formula_starts_and_controls_are_neutralised(cell: str, safe: str) -> None:
    """Found: cells starting with a space or an invisible character before =, and RLO/NUL/ESC, were left as they were."""
    assert neutralise(cell) == safe


@pytest.mark.parametrize("cell", ["ข้อความ", "E1", "", 5, None, "a=b", "1 - 2"])
def test_other_cells_are_unchanged(cell: object) -> None:
    assert neutralise(cell) == cell


# ---------------------------------------------------------------- names against the folder


@pytest.mark.parametrize(
    ("owners", "known", "want"),
    [
        ({}, {}, "report.json"),  # an empty folder
        ({"report.json": SHA_A}, {SHA_A: "report.json"}, "report.json"),  # its own earlier report: replaced by itself
        ({"report.json": SHA_B}, {SHA_B: "report.json"}, "report-aaaaaaaa.json"),  # another file's report: kept
        ({"report.json": None}, {}, "report-aaaaaaaa.json"),  # a user's file, a folder or a symlink
        ({"REPORT.JSON": None, "report.json": None}, {}, "report-aaaaaaaa.json"),
        ({"report.json": SHA_B, "report-aaaaaaaa.json": SHA_C}, {}, f"report-{SHA_A}.json"),
        ({"old-name.json": SHA_A}, {SHA_A: "old-name.json"}, "old-name.json"),  # a report keeps its name
    ],
)
def test_names_never_replace_another_files_report(owners: dict, known: dict, want: str) -> None:
    """Found: two different ITA-o36.pdf on two days: the first report was silently replaced."""
    owners = {k.casefold(): v for k, v in owners.items()}
    assert names_in_folder([("in/report.pdf", SHA_A)], owners, known) == {SHA_A: want}


def test_names_in_folder_stay_unique_within_the_run() -> None:
    items = [("a/report.pdf", SHA_A), ("b/report.pdf", SHA_B), ("c.pdf", SHA_C)]
    owners = {"report-aaaaaaaa.json": SHA_C, "c.json": SHA_A}
    names = names_in_folder(items, owners, {})
    assert names == {SHA_A: f"report-{SHA_A}.json", SHA_B: "report-bbbbbbbb.json", SHA_C: "c-cccccccc.json"}
    assert names_in_folder(items[::-1], owners, {}) == names


# ---------------------------------------------------------------- xlsx cell limit


def test_an_xlsx_cell_over_excels_limit_is_cut_with_a_warning_and_json_keeps_it(tmp_path: Path) -> None:
    """Found: XLSX cut cells over 32,767 characters silently."""
    openpyxl = pytest.importorskip("openpyxl")
    long_text = "ก" * (XLSX_MAX_CELL + 500)
    report = _report(issue=long_text)
    heard = []
    path = write_table([report], tmp_path, "xlsx", heard.append)
    ws = openpyxl.load_workbook(path)["records"]
    cell = ws.cell(2, COLUMNS.index("issue") + 1).value
    assert len(cell) == XLSX_MAX_CELL and cell.endswith(writers.XLSX_CUT_MARK) and cell.startswith("ก" * 1000)
    [notice] = heard
    assert notice.code == "xlsx_cell_cut" and "\n" not in notice.message
    assert notice.message.startswith("รายงาน.pdf: record 1, column issue: 33,267 characters")
    assert report["records"][0]["issue"] == long_text  # the report itself is not touched
    assert write_table([_report()], tmp_path, "xlsx", heard.append) and len(heard) == 1  # short cells: no notice


# ---------------------------------------------------------------- the table


def test_flat_rows_denormalise_document_fields() -> None:
    rows = flat_rows(_report())
    assert [r["row"] for r in rows] == [1, 2]
    assert set(rows[0]) == set(COLUMNS)
    assert rows[1]["province"] == "ศรีสะเกษ" and rows[1]["fiscal_year"] == 2566
    assert rows[0]["action_dates"] == ["2023-01-25"]


def test_csv_has_bom_thai_joined_lists_and_no_formulas(tmp_path: Path) -> None:
    path = write_table([_report(), _report(SHA_B, "=evil.pdf")], tmp_path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 4
    assert rows[0]["measures"] == "จัดทำคู่มือ\nรายงานผู้บริหาร"
    assert rows[0]["period_start"] == "2022-10-01" and rows[0]["round_months"] == "6"
    assert rows[1]["issue"] == "'" + EVIL[0] and rows[1]["measures"] == "'+1+1\n-2+3"
    assert rows[2]["source_file"] == "'=evil.pdf"
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())
    assert csv_text(records_frame([_report(), _report(SHA_B, "=evil.pdf")])) == raw.decode("utf-8")


def test_xlsx_keeps_thai_and_has_no_formula_cells(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_table([_report()], tmp_path, "xlsx")
    ws = openpyxl.load_workbook(path)["records"]
    header = [c.value for c in ws[1]]
    assert header == list(COLUMNS)
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    values = {header[i]: c.value for i, c in enumerate(ws[3])}
    assert values["issue"] == "'" + EVIL[0]
    assert ws.cell(2, COLUMNS.index("agency_name") + 1).value == "เทศบาลตำบลปรางค์กู่"
    assert ws.cell(2, COLUMNS.index("period_start") + 1).value.date() == date(2022, 10, 1)
    assert ws.cell(2, COLUMNS.index("fiscal_year") + 1).value == 2566


def test_parquet_has_date_and_integer_types(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    path = write_table([_report()], tmp_path, "parquet")
    table = pq.read_table(path)
    assert table.column_names == list(COLUMNS)
    assert table.schema.field("period_start").type == pa.date32()
    assert table.schema.field("fiscal_year").type == pa.int64()
    data = table.to_pylist()
    assert data[0]["period_end"] == date(2023, 3, 31) and data[0]["agency_name"] == "เทศบาลตำบลปรางค์กู่"
    assert data[1]["tool"] is None and data[1]["measures"] == "+1+1\n-2+3"  # data, not a spreadsheet


def test_jsonl_keeps_lists(tmp_path: Path) -> None:
    path = write_table([_report()], tmp_path, "jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["measures"] == ["จัดทำคู่มือ", "รายงานผู้บริหาร"] and rows[0]["sha256"] == SHA_A


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx", "jsonl"])
def test_empty_batch_still_writes_a_table(tmp_path: Path, fmt: str) -> None:
    path = write_table([], tmp_path, fmt)
    assert path is not None and path.exists()


def test_json_format_writes_no_table(tmp_path: Path) -> None:
    assert write_table([_report()], tmp_path, "json") is None


# ---------------------------------------------------------------- source_path, ocr and unsure


def _with_warnings(*warnings: tuple[str, str, int | None]) -> dict:
    report = _report()
    report["warnings"] = [{"code": c, "message": m, "page": p} for c, m, p in warnings]
    return report


def test_source_path_comes_from_the_caller_and_falls_back_to_the_file_name() -> None:
    report = _report()
    assert {r["source_path"] for r in flat_rows(report, "agency-a/รายงาน.pdf")} == {"agency-a/รายงาน.pdf"}
    assert {r["source_path"] for r in flat_rows(report)} == {"รายงาน.pdf"}
    frame = records_frame([report, _report(SHA_B)], {SHA_A: "a/x.pdf"})
    assert list(frame["source_path"]) == ["a/x.pdf", "a/x.pdf", "รายงาน.pdf", "รายงาน.pdf"]


@pytest.mark.parametrize(
    ("warnings", "ocr", "unsure"),
    [
        ([], [False, False], [False, False]),
        ([("ocr_used", "page read by OCR", 2)], [True, True], [False, False]),  # record 1 runs over pages 1-2
        ([("text_source_ocr", "no text layer: page read by OCR", 1)], [True, False], [False, False]),
        ([("ocr_low_confidence", "OCR mean word confidence 41% is low: check this page's text", 1)],
         [False, False], [True, False]),  # a page's confidence: every record on it
        ([("ocr_low_confidence", "record 2 (no code): OCR was unsure of 1 word(s): ปรางค์", 2)],
         [False, False], [False, True]),  # a record's words: that record only, not record 1 on the same page
        ([("agency_name_corrected", "x → y", 1), ("no_table", "none", None)], [False, False], [False, False]),
    ],
)  # fmt: skip
def test_ocr_and_unsure_come_from_the_warnings_on_the_records_pages(
    warnings: list[tuple[str, str, int | None]], ocr: list[bool], unsure: list[bool]
) -> None:
    rows = flat_rows(_with_warnings(*warnings))
    assert [r["ocr"] for r in rows] == ocr and [r["unsure"] for r in rows] == unsure


def test_unsure_reads_the_record_named_by_the_ocr_confidence_step() -> None:
    """The message format is the OCR step's own (confidence.uncertain_records), not a copy of it."""
    from ita_extract.extract.page.ocr.confidence import uncertain_records
    from ita_extract.extract.page.ocr.reader import OcrPage

    report = Report.model_validate(_report())
    page = OcrPage(2, 600.0, 800.0, [], [], low_confidence_words=["ผู้บริหาร"])
    notices = uncertain_records(report.records, [page])
    assert [n.code for n in notices] == ["ocr_low_confidence"]
    rows = flat_rows(_with_warnings(*((n.code, n.message, n.page) for n in notices)))
    assert [r["unsure"] for r in rows] == [True, False]  # record 1's measures hold the word; record 2 is on page 2 too


def test_flags_are_booleans_in_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    path = write_table([_with_warnings(("ocr_used", "page read by OCR", 2))], tmp_path, "parquet")
    table = pq.read_table(path)
    assert table.schema.field("ocr").type == pa.bool_()
    assert table.column("ocr").to_pylist() == [True, True]
