"""The analysis database: schema, keys, the documented queries and the plan ↔ report join.

Expected rows are worked out by hand from ``tests/handbuilt.py`` (whose docstring tells the
plan ↔ report pair), never by running the code under test.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import handbuilt
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.cli import cli
from ita_extract.extract.analysis.runs import run_files
from ita_extract.extract.analysis.sqlite import (
    DATABASE_NAME,
    RunFile,
    StoreError,
    fill_database,
    open_database,
    storable,
    write_database,
)
from ita_extract.extract.batch.manifest import ManifestLine, load_report, read_manifest
from ita_extract.extract.batch.writers import TEMP_PREFIX

REPO = Path(__file__).resolve().parents[1]
ANALYSIS_DOC = REPO / "docs" / "ANALYSIS.md"
PRANG_KU, PHO, SISAKET = "เทศบาลตำบลปรางค์กู่", "องค์การบริหารส่วนตำบลโพธิ์", "เทศบาลเมืองศรีสะเกษ"

# The rows each query of docs/ANALYSIS.md returns on the hand-built batch, in the document's order.
DOCUMENTED = [
    # 1. E1 and O10 are each in two agencies' FY2567 documents (Prang Ku's and Sisaket's plans)
    [(2567, "E1", 2), (2567, "O10", 2), (2567, "E2", 1), (2567, "I1", 1), (2567, "I3", 1),
     (2566, "E1", 1), (2566, "E2", 1)],
    # 2. the hand-built pair: E1 done (12 months), I3 in progress (12 months), O10 never reported
    [("EIT", "E1", "done", 12), ("IIT", "I3", "in_progress", 12), ("OIT", "O10", "not_reported", None)],
    # 3. Pho's E2 is not started; Sisaket's FY2566 E2 row has no action at all
    [(PHO, 2567, 6, "E2", "not_started"), (SISAKET, 2566, 6, "E2", None)],
    # 4. the 12-month report wins over the 6-month one; Pho has only a 6-month one
    [(PHO, 2567, 6, "pho-6m-2567.pdf", 2, 0), (PRANG_KU, 2567, 12, "prangku-12m-2567.pdf", 2, 1),
     (SISAKET, 2566, 12, "sisaket-12m-2566.pdf", 1, 1)],
    # 5. one total per agency though Prang Ku's plan is the only document printing it
    [("เทศบาลเมือง", 1, 79.0, 1), ("เทศบาลตำบล", 1, 88.5, 0), ("โรงพยาบาล", 1, 93.0, 0),
     ("องค์การบริหารส่วนตำบล", 1, 96.2, 0)],
    # 6. the one broken input of the run's manifest
    [("in/broken.pdf", "not_pdf", "in/broken.pdf: not_pdf: the file does not start with %PDF")],
    # 7. action dates: Jan 2023 twice (both Sisaket rounds), Jun 2023, Jan 2024 twice (both Prang Ku rounds), Aug 2024
    [("2023-01", 2), ("2023-06", 1), ("2024-01", 2), ("2024-08", 1)],
]  # fmt: skip


def documented_queries() -> list[str]:
    """The ```sql blocks of docs/ANALYSIS.md under "Example queries", in order."""
    examples = ANALYSIS_DOC.read_text(encoding="utf-8").split("## Example queries", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", examples, re.DOTALL)


@pytest.fixture
def run(tmp_path: Path) -> Path:
    return handbuilt.write_run(tmp_path / "run")


@pytest.fixture
def database(run: Path) -> sqlite3.Connection:
    """The run's records.sqlite, built as ``extract -o run -f sqlite`` builds it: JSON on disk + manifest."""
    reports = [load_report(run / line.output) for line in read_manifest(run / "manifest.jsonl") if line.has_report]
    path = write_database(reports, run_files(run), run)
    con = sqlite3.connect(path)
    yield con
    con.close()


def test_the_documented_queries_are_the_ones_tested() -> None:
    assert len(documented_queries()) == len(DOCUMENTED) >= 5


@pytest.mark.parametrize("number", range(1, len(DOCUMENTED) + 1))
def test_each_documented_query_returns_the_expected_rows(database: sqlite3.Connection, number: int) -> None:
    assert database.execute(documented_queries()[number - 1]).fetchall() == DOCUMENTED[number - 1]


def test_the_database_passes_integrity_and_foreign_key_checks(database: sqlite3.Connection) -> None:
    assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert database.execute("PRAGMA user_version").fetchone()[0] == 1


def test_plan_and_reports_join_to_done_in_progress_and_not_reported(database: sqlite3.Connection) -> None:
    rows = database.execute(
        "SELECT agency_name, fiscal_year, indicator, progress, report_round FROM plan_progress "
        "ORDER BY agency_name, indicator"
    ).fetchall()
    assert rows == [
        (PHO, 2567, "E2", "not_started", 6),
        (PHO, 2567, "I1", "unknown", 6),  # reported with an action, but no status read
        (PRANG_KU, 2567, "E1", "done", 12),  # the 6-month report said in progress; the 12-month one wins
        (PRANG_KU, 2567, "I3", "in_progress", 12),
        (PRANG_KU, 2567, "O10", "not_reported", None),
        (SISAKET, 2567, "E1", "not_reported", None),  # Sisaket reported on FY2566, not on its FY2567 plan
        (SISAKET, 2567, "O10", "not_reported", None),
    ]


def test_a_later_report_that_drops_a_code_leaves_the_earlier_reports_word(tmp_path: Path) -> None:
    agency = handbuilt.PRANG_KU
    items = [
        handbuilt.report("plan", agency, "measures", 2567, [handbuilt.record(1, "E1"), handbuilt.record(2, "E2")]),
        handbuilt.report("six", agency, "measures_report", 2567,
                         [handbuilt.record(1, "E1", "in_progress"), handbuilt.record(2, "E2", "done"),
                          handbuilt.record(3, "E2", "in_progress")], round_months=6),
        handbuilt.report("twelve", agency, "measures_report", 2567, [handbuilt.record(1, "E1", "done")],
                         round_months=12),
    ]  # fmt: skip
    con = fill_database(sqlite3.connect(":memory:"), [json.loads(r.to_json()) for r in items], [])
    rows = con.execute("SELECT indicator, progress, report_round FROM plan_progress ORDER BY indicator").fetchall()
    assert rows == [("E1", "done", 12), ("E2", "in_progress", 6)]  # E2: two rows, the least advanced counts


def test_list_fields_are_json_arrays_and_dates_iso_text(database: sqlite3.Connection) -> None:
    measures, dates = database.execute(
        "SELECT r.measures, r.action_dates FROM records AS r JOIN reports AS d USING (sha256) "
        "WHERE d.file = 'prangku-12m-2567.pdf' AND r.indicator = 'E1'"
    ).fetchone()
    assert json.loads(measures) == ["มาตรการ E1 ข้อ ๑", "มาตรการ E1 ข้อ ๒"]
    assert json.loads(dates) == ["2024-01-25", "2024-08-02"]
    period = database.execute("SELECT period_start, period_end FROM reports WHERE file = 'prangku-6m-2567.pdf'")
    assert period.fetchone() == ("2023-10-01", "2024-03-31")


def test_every_record_score_and_warning_is_stored_once(database: sqlite3.Connection) -> None:
    built = handbuilt.reports()
    assert database.execute("SELECT count(*) FROM reports").fetchone()[0] == len(built)
    assert database.execute("SELECT count(*) FROM records").fetchone()[0] == sum(len(r.records) for r in built)
    scores = sum(len(r.document.assessment.scores) for r in built if r.document.assessment)
    assert database.execute("SELECT count(*) FROM scores").fetchone()[0] == scores
    assert database.execute("SELECT code FROM warnings").fetchall() == [("no_table",)]
    assert database.execute("SELECT count(*), count(report_sha256) FROM files").fetchone() == (len(built) + 1, len(built))


def test_reports_take_their_input_path_and_status_from_the_manifest(database: sqlite3.Connection) -> None:
    row = database.execute("SELECT path, output, status FROM reports WHERE file = 'hospital-analysis-2567.pdf'")
    assert row.fetchone() == ("in/hospital-analysis-2567.pdf", "hospital-analysis-2567.json", "warning")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("period_start", "2023-02-30"),  # not a day
        ("period_start", "25 ม.ค. 2566"),  # not ISO
        ("round_months", 9),  # neither round
        ("document_type", "memo"),  # not a contract document type
    ],
)
def test_the_schema_refuses_values_the_contract_does_not_allow(column: str, value: object) -> None:
    con = fill_database(sqlite3.connect(":memory:"), [], [])
    row = {"sha256": "a" * 64, "file": "x.pdf", "document_type": "measures", "records": 0, "warnings": 0,
           "period_start": "2023-10-01", "round_months": 6}
    insert = "INSERT INTO reports ({}) VALUES ({})".format(", ".join(row), ", ".join(f":{k}" for k in row))
    con.execute(insert, row)  # the row as it stands is fine
    with pytest.raises(sqlite3.IntegrityError):
        con.execute(insert, {**row, "sha256": "c" * 64, column: value})


def test_a_record_of_no_report_breaks_the_foreign_key() -> None:
    con = fill_database(sqlite3.connect(":memory:"), [], [])
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO records (sha256, position, row, page_start, page_end) VALUES (?, 1, 1, 1, 1)",
                    ("b" * 64,))  # fmt: skip


def test_the_same_report_twice_is_stored_once(tmp_path: Path) -> None:
    report = json.loads(handbuilt.reports()[0].to_json())
    con = fill_database(sqlite3.connect(":memory:"), [report, report], [])
    assert con.execute("SELECT count(*), sum(records) FROM reports").fetchone() == (1, 3)
    assert con.execute("SELECT count(*) FROM records").fetchone()[0] == 3


def test_a_failed_build_leaves_the_old_database_and_no_temp_file(run: Path) -> None:
    good = [json.loads(r.to_json()) for r in handbuilt.reports()]
    write_database(good, [], run)
    before = (run / DATABASE_NAME).read_bytes()
    broken = json.loads(handbuilt.reports()[1].to_json())
    broken["records"][0]["status"] = "finished"  # not a contract status: the CHECK refuses it
    with pytest.raises(StoreError, match="prangku-6m-2567.pdf: not stored .* IntegrityError"):
        write_database([broken], [], run)
    assert (run / DATABASE_NAME).read_bytes() == before
    assert not list(run.glob(f"{TEMP_PREFIX}*"))


def test_a_file_name_that_is_not_utf8_is_stored_escaped() -> None:
    name = b"\xc3\xa1\xa1.pdf".decode("utf-8", "surrogateescape")  # á then a TIS-620 byte
    assert storable(name) == "á\\udca1.pdf"
    line = ManifestLine(path=name, sha256=None, status="failed", error="not_pdf")
    con = fill_database(sqlite3.connect(":memory:"), [], [RunFile(line)])
    assert con.execute("SELECT path FROM files").fetchone() == ("á\\udca1.pdf",)


thai_text = st.text(alphabet=st.sampled_from("กขคงจฉชซญดตถทนบปผพฟภมยรลวศษสหอฮะาำิีึืุูเแโใไ่้๊๋็์ ๑๒๓'\",\\="), max_size=30)


@settings(max_examples=40, deadline=None)
@given(measures=st.lists(thai_text, max_size=5), actions=st.lists(thai_text, max_size=5))
def test_any_list_of_thai_text_comes_back_unchanged(measures: list[str], actions: list[str]) -> None:
    report = json.loads(handbuilt.reports()[1].to_json())
    report["records"][0]["measures"], report["records"][0]["actions"] = measures, actions
    con = fill_database(sqlite3.connect(":memory:"), [report], [])
    stored = con.execute("SELECT measures, actions FROM records WHERE position = 1").fetchone()
    assert [json.loads(v) for v in stored] == [measures, actions]
    assert con.execute("SELECT count(*) FROM records, json_each(records.measures)").fetchone()[0] == len(measures)


def test_open_database_refuses_a_file_that_is_not_one(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ValueError, match="not an ita-extract analysis database"):
        open_database(other)


# ---------------------------------------------------------------- the command line


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_combine_writes_records_sqlite_and_never_duplicates_a_report(tmp_path: Path) -> None:
    built = handbuilt.reports()
    first = handbuilt.write_run(tmp_path / "a", built[:6])
    second = handbuilt.write_run(tmp_path / "b", built[3:], failed=False)  # three reports in both runs
    out = tmp_path / "all"
    for _ in range(2):  # combining again into the same folder rebuilds, never appends
        assert _run("combine", str(first), str(second), "-o", str(out), "-f", "sqlite", "-q").exit_code == 0
    con = open_database(out / DATABASE_NAME)
    assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM reports").fetchone() == (len(built), len(built))
    assert con.execute("SELECT status, count(*) FROM files GROUP BY status ORDER BY status").fetchall() == [
        ("ok", 8), ("skipped", 3), ("warning", 1)]  # fmt: skip
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert not list(out.glob(f"{TEMP_PREFIX}*"))


def test_sqlite_needs_an_output_folder() -> None:
    result = CliRunner().invoke(cli, ["combine", str(REPO / "samples" / "sample01.json"), "-f", "sqlite"])
    assert result.exit_code == 2 and "-o" in result.output


def test_extract_sqlite_on_the_samples_is_whole_and_a_resume_adds_nothing(tmp_path: Path) -> None:
    samples = sorted((REPO / "samples").glob("*.pdf"))
    out = tmp_path / "out"
    assert _run("extract", *map(str, samples), "-o", str(out), "-f", "sqlite", "-j", "2", "-q").exit_code == 0
    lines = read_manifest(out / "manifest.jsonl")
    records = sum(len(json.loads((out / ln.output).read_text())["records"]) for ln in lines if ln.has_report)
    con = open_database(out / DATABASE_NAME)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == len(samples)
    assert con.execute("SELECT count(*) FROM records").fetchone()[0] == records
    assert con.execute("SELECT count(*) FROM files").fetchone()[0] == len(lines)
    # sample03 is Prang Ku's FY2566 plan; samples 01, 02, 04, 07, 08 report on it
    plan = con.execute("SELECT count(*), count(report_sha256) FROM plan_progress WHERE fiscal_year = 2566")
    planned, reported = plan.fetchone()
    assert planned >= 10 and reported == planned
    for query in documented_queries():
        con.execute(query).fetchall()
    con.close()
    assert _run("extract", *map(str, samples), "-o", str(out), "-f", "sqlite", "--resume", "-q").exit_code == 0
    con = open_database(out / DATABASE_NAME)
    assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM reports").fetchone() == (len(samples),) * 2
    assert con.execute("SELECT count(*) FROM records").fetchone()[0] == records


def test_a_report_that_is_not_contract_json_is_named_and_left_out_of_the_database(tmp_path: Path) -> None:
    run = handbuilt.write_run(tmp_path / "run", handbuilt.reports()[:2], failed=False)
    stray = json.loads((run / "prangku-6m-2567.json").read_text())
    stray["source"]["sha256"] = "f" * 64
    stray["records"][0]["page_start"] = None  # page_start is NOT NULL in the schema and required by the contract
    (run / "stray.json").write_text(json.dumps(stray))
    (run / "manifest.jsonl").unlink()  # a folder copied by hand: every JSON in it counts
    result = CliRunner().invoke(cli, ["combine", str(run), "-o", str(tmp_path / "all"), "-f", "sqlite"])
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "stray.json" in line]
    assert len(said) == 1 and "not a report of contract version 2 (records.0.page_start" in said[0], result.output
    con = open_database(tmp_path / "all" / DATABASE_NAME)
    assert con.execute("SELECT count(*) FROM reports WHERE sha256 = ?", ("f" * 64,)).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    con.close()
