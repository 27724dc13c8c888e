"""What a new user sees in the first hour: the summary, statuses, messages and exit codes of the CLI.

Inputs are the bundled samples (perfect reports whose only codes are notes) and a PDF made
here with reportlab that is not an ITA report (it reads, but has no measures table).
Expected values come from the library or from the registry of codes, never from this file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ita_extract.cli import cli
from ita_extract.cli import extracting as cli_module
from ita_extract.extract.batch.manifest import read_manifest
from ita_extract.extract.errors import NOTICES

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
PERFECT = SAMPLES / "sample03.pdf"  # no codes at all
NOTES_ONLY = [SAMPLES / "sample01.pdf", SAMPLES / "sample08.pdf"]  # agency_name_corrected / text_source_pypdfium2
EXE = str(Path(sys.executable).parent / "ita-extract")


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def _memo(path: Path, text: str = "Meeting notes: nothing to extract here.") -> Path:
    """A one-page PDF with a text layer and no ITA table (what a crawl of agency sites brings home)."""
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return path


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


# ---------------------------------------------------------------- statuses and the summary


def test_reports_whose_only_codes_are_notes_are_ok_not_warning(tmp_path: Path) -> None:
    result = _run("extract", *map(str, NOTES_ONLY), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0
    lines = read_manifest(tmp_path / "out" / "manifest.jsonl")
    assert all(line.warnings for line in lines)  # they do carry codes ...
    assert all(NOTICES[code].level == "note" for line in lines for code in line.warnings)  # ... notes only
    assert [line.status for line in lines] == ["ok", "ok"]
    assert all(line.message and line.message.startswith("notes: ") for line in lines)


def test_a_file_with_no_table_is_a_warning_and_the_summary_says_nothing_was_extracted(tmp_path: Path) -> None:
    memo = _memo(tmp_path / "in" / "memo.pdf")
    out = tmp_path / "out"
    result = _cli("extract", str(memo.parent), "-o", str(out), "-f", "csv")
    assert result.returncode == 0, result.stderr
    [line] = read_manifest(out / "manifest.jsonl")
    assert line.status == "warning" and line.records == 0 and "no_table" in line.warnings
    assert line.message.startswith("needs a look: ") and "no_table" in line.message
    *reasons, last = result.stderr.strip().splitlines()
    assert any("no_table" in r and NOTICES["no_table"].action in r for r in reasons)
    assert any(r.startswith("nothing was extracted") for r in reasons)
    assert re.fullmatch(
        rf"1 file: 0 ok, 1 warning, 0 failed; 0 records, 1 file\(s\) with no records \(no_table 1\); "
        rf"(\d+\.\d s|\d+ min); table {re.escape(str(out / 'records.csv'))}, manifest {re.escape(str(out / 'manifest.jsonl'))}",
        last,
    ), last


def test_the_final_line_counts_files_records_time_and_says_where_the_table_is(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for pdf in [PERFECT, *NOTES_ONLY]:
        shutil.copy(pdf, folder / pdf.name)
    _memo(folder / "memo.pdf")
    out = tmp_path / "out"
    result = _run("extract", str(folder), "-o", str(out), "-f", "xlsx", "--workers", "2")
    assert result.exit_code == 0
    records = sum(line.records or 0 for line in read_manifest(out / "manifest.jsonl"))
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"4 files: 3 ok, 1 warning, 0 failed; {records} records, 1 file(s) with no records")
    assert f"table {out / 'records.xlsx'}, manifest {out / 'manifest.jsonl'}" in last
    assert re.search(r"; (\d+\.\d s|\d+ min); ", last)


def test_quiet_prints_no_summary(tmp_path: Path) -> None:
    result = _run("extract", str(PERFECT), str(NOTES_ONLY[0]), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0 and result.stderr == ""


# ---------------------------------------------------------------- progress off a terminal


@pytest.mark.parametrize(
    ("args", "mode"),
    [
        (["A.pdf", "B.pdf"], "lines"),  # stderr is not a terminal under the test runner
        (["A.pdf", "B.pdf", "-q"], "off"),
        (["A.pdf"], "off"),  # one file to stdout: the JSON is the answer
    ],
)
def test_progress_is_shown_as_lines_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], mode: str
) -> None:
    for name in ("A.pdf", "B.pdf"):
        shutil.copy(PERFECT, tmp_path / name)
    seen = []

    def spy(found: object, opts: object, *rest: object) -> object:
        seen.append(opts.progress)  # type: ignore[attr-defined]
        raise SystemExit(0)

    monkeypatch.setattr(cli_module, "run_batch", spy)
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(cli, ["extract", *args])
    assert seen == [mode]


# ---------------------------------------------------------------- stdout


def test_several_reports_on_stdout_are_one_json_array() -> None:
    result = _run("extract", str(PERFECT), str(NOTES_ONLY[0]))
    assert result.exit_code == 0
    reports = json.loads(result.stdout)
    assert [r["source"]["file"] for r in reports] == [PERFECT.name, NOTES_ONLY[0].name]


def test_one_report_on_stdout_is_one_json_object() -> None:
    result = _run("extract", str(PERFECT))
    assert json.loads(result.stdout)["source"]["file"] == PERFECT.name


def test_jsonl_on_stdout_is_one_valid_json_object_per_line() -> None:
    result = _run("extract", str(PERFECT), str(NOTES_ONLY[0]), "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) > 2 and {r["source_file"] for r in rows} == {PERFECT.name, NOTES_ONLY[0].name}


# ---------------------------------------------------------------- options and messages


@pytest.mark.parametrize("fmt", ["CSV", "Csv", "XLSX", "Json"])
def test_format_is_taken_in_any_case(tmp_path: Path, fmt: str) -> None:
    result = _run("extract", str(PERFECT), "-o", str(tmp_path / "out"), "-f", fmt, "-q")
    assert result.exit_code == 0
    table = tmp_path / "out" / f"records.{fmt.lower()}"
    assert table.exists() == (fmt.lower() != "json")


@pytest.mark.parametrize(("fmt", "package"), [("xlsx", "openpyxl"), ("parquet", "pyarrow")])
def test_a_table_format_whose_package_is_missing_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, package: str
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == package else real(name, *a))
    monkeypatch.setattr(cli_module, "run_batch", lambda *a: pytest.fail("the batch ran"))
    result = CliRunner().invoke(cli, ["extract", str(PERFECT), "-o", str(tmp_path / "out"), "-f", fmt])
    assert result.exit_code == 2
    assert f"-f {fmt} needs the Python package {package}" in result.stderr and f"'.[{fmt}]'" in result.stderr


def test_a_folder_with_no_pdfs_is_named_and_the_pattern_searched_is_said(tmp_path: Path) -> None:
    empty = tmp_path / "downloads"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "notes.txt").write_text("not a pdf")
    result = _cli("extract", str(empty), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"no PDF files in {empty}" in result.stderr and "*.pdf" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_folder_beside_real_inputs_is_named_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = _run("extract", str(tmp_path / "empty"), str(PERFECT), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert f"{tmp_path / 'empty'}: no PDF files in this folder" in result.stderr
    assert len(read_manifest(tmp_path / "out" / "manifest.jsonl")) == 1


def test_combine_on_an_empty_folder_says_there_is_nothing_to_combine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = _cli("combine", str(tmp_path / "empty"), "-o", str(tmp_path / "all"))
    assert result.returncode == 2
    assert "nothing to combine" in result.stderr and str(tmp_path / "empty") in result.stderr
    assert not (tmp_path / "all").exists()


def test_combine_names_a_run_without_reports_and_merges_the_others(tmp_path: Path) -> None:
    assert _run("extract", str(PERFECT), "-o", str(tmp_path / "run"), "-q").exit_code == 0
    (tmp_path / "empty").mkdir()
    result = _run("combine", str(tmp_path / "run"), str(tmp_path / "empty"), "-o", str(tmp_path / "all"))
    assert result.exit_code == 0
    assert f"{tmp_path / 'empty'}: no report .json here; left out" in result.stderr
    assert (tmp_path / "all" / "records.csv").exists()


def test_combine_to_stdout_counts_the_records_it_prints(tmp_path: Path) -> None:
    assert _run("extract", str(PERFECT), "-o", str(tmp_path / "run"), "-q").exit_code == 0
    result = _run("combine", str(tmp_path / "run"), "-f", "jsonl")
    rows = result.stdout.splitlines()
    assert result.stderr.strip().splitlines()[-1].startswith(f"1 file: 1 ok, 0 warning, 0 failed; {len(rows)} records")


def test_a_timeout_message_names_the_timeout_option(tmp_path: Path) -> None:
    result = _cli("extract", str(PERFECT), "-o", str(tmp_path / "out"), "--timeout", "0.001")
    assert result.returncode == 1
    [line] = [ln for ln in result.stderr.splitlines() if ": timeout: " in ln]
    assert line.startswith(f"{PERFECT}: timeout: ") and "--timeout" in line


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "ita_extract", "extract", str(PERFECT)],
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0 and json.loads(result.stdout)["source"]["file"] == PERFECT.name
    usage = subprocess.run([sys.executable, "-m", "ita_extract", "extract"], capture_output=True, text=True)
    assert usage.returncode == 2 and "no input files" in usage.stderr


def test_codes_lists_every_registered_code_with_its_level_and_action() -> None:
    result = _run("codes")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert {r[0]: (r[1], r[3]) for r in rows} == {c: (n.level, n.action) for c, n in NOTICES.items()}


# ---------------------------------------------------------------- resume keeps the format


def test_resume_without_f_writes_the_table_in_the_earlier_runs_format(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("extract", str(PERFECT), "-o", str(out), "-f", "xlsx", "-q").exit_code == 0
    result = _run("extract", str(PERFECT), str(NOTES_ONLY[0]), "-o", str(out), "--resume")
    assert result.exit_code == 0
    assert "--resume: writing records.xlsx as the earlier run did" in result.stderr
    assert sorted(p.name for p in out.glob("records.*")) == ["records.xlsx"]
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(out / "records.xlsx")["records"]
    files = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert files == {PERFECT.name, NOTES_ONLY[0].name}


def test_resume_with_f_uses_the_format_given(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("extract", str(PERFECT), "-o", str(out), "-f", "xlsx", "-q").exit_code == 0
    result = _run("extract", str(PERFECT), "-o", str(out), "--resume", "-f", "csv")
    assert result.exit_code == 0 and "--resume:" not in result.stderr
    assert (out / "records.csv").exists()


def test_resume_after_a_run_with_no_table_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("extract", str(PERFECT), "-o", str(out), "-q").exit_code == 0
    result = _run("extract", str(PERFECT), "-o", str(out), "--resume")
    assert result.exit_code == 0 and "holds no table from the earlier run" in result.stderr
    assert list(out.glob("records.*")) == []


# ---------------------------------------------------------------- source_path


def test_tables_tell_two_files_of_the_same_name_apart_by_their_path_below_the_input(tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    for agency, sample in (("agency-a", PERFECT), ("agency-b", NOTES_ONLY[0])):
        (downloads / agency).mkdir(parents=True)
        shutil.copy(sample, downloads / agency / "o41.pdf")
    out = tmp_path / "out"
    assert _run("extract", str(downloads), "-o", str(out), "-f", "csv", "-q").exit_code == 0
    rows = _csv(out / "records.csv")
    assert {r["source_file"] for r in rows} == {"o41.pdf"}
    assert {r["source_path"] for r in rows} == {"agency-a/o41.pdf", "agency-b/o41.pdf"}
    assert {ln.source_path for ln in read_manifest(out / "manifest.jsonl")} == {"agency-a/o41.pdf", "agency-b/o41.pdf"}
    combined = tmp_path / "all"
    assert _run("combine", str(out), "-o", str(combined), "-f", "csv", "-q").exit_code == 0
    assert {r["source_path"] for r in _csv(combined / "records.csv")} == {"agency-a/o41.pdf", "agency-b/o41.pdf"}
    pattern = _run("extract", str(downloads / "**" / "*.pdf"), "-f", "csv")
    assert {r["source_path"] for r in _csv_text(pattern.stdout)} == {"agency-a/o41.pdf", "agency-b/o41.pdf"}


def _csv_text(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
