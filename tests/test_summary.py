"""A run's summary, statuses and progress lines, on hand-built manifest lines and a fake clock."""

from __future__ import annotations

import io

import pytest
from ita_extract.extract.batch.manifest import ManifestLine, status_of, warnings_message
from ita_extract.extract.batch.progress import ProgressLines, ProgressSettings, duration, progress_for
from ita_extract.extract.batch.summary import no_records_reason, reason_lines, summarise, summary_line
from ita_extract.extract.errors import NOTICES

NOTES = sorted(c for c, n in NOTICES.items() if n.level == "note")
WARNINGS = sorted(c for c, n in NOTICES.items() if n.level == "warning")


def _line(status: str = "ok", records: int | None = 3, warnings: list[str] | None = None, **kw: object) -> ManifestLine:
    output = None if status == "failed" else "x.json"
    return ManifestLine(path="x.pdf", sha256="a" * 64, status=status, output=output, records=records,
                        warnings=warnings or [], **kw)  # fmt: skip


# ---------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("codes", "status"),
    [
        ([], "ok"),
        (NOTES, "ok"),  # repairs are notes
        (["text_source_pypdfium2"] * 12, "ok"),
        (["pua_mapped", "no_table"], "warning"),
        (["ocr_used"], "warning"),
        (["a_code_nobody_registered"], "warning"),  # unknown is not fine
    ],
)
def test_status_is_warning_only_for_a_code_that_needs_a_look(codes: list[str], status: str) -> None:
    assert status_of(codes) == status


def test_every_warning_level_code_makes_a_warning_and_no_note_does() -> None:
    assert all(status_of([c]) == "warning" for c in WARNINGS)
    assert all(status_of([c]) == "ok" for c in NOTES)


def test_the_manifest_message_puts_what_needs_a_look_first_and_counts_repeats() -> None:
    codes = ["text_source_pypdfium2"] * 12 + ["agency_name_corrected", "no_table"]
    assert warnings_message(codes) == (
        "needs a look: no_table; notes: text_source_pypdfium2 (12), agency_name_corrected"
    )
    assert warnings_message([]) is None


# ---------------------------------------------------------------- summary


def test_empty_reports_are_counted_by_the_code_that_explains_them() -> None:
    lines = [
        _line(records=12),
        _line("warning", 0, ["ocr_used", "agency_not_found", "no_table"]),
        _line("warning", 0, ["no_table"]),
        _line("ok", 0, ["pua_mapped"]),  # empty with only notes: no warning says why
        _line("failed", None, error="not_pdf"),
        _line("skipped", 12, duplicate_of="y.pdf"),  # a duplicate's records are not in the table twice
    ]
    run = summarise(lines, seconds=3.21)
    assert run.records == 12
    assert run.no_records == {"no_table": 2, "no_warning": 1}
    assert run.statuses == {"ok": 2, "warning": 2, "failed": 1, "skipped": 1}
    assert summary_line(run) == (
        "6 files: 2 ok, 2 warning, 1 failed, 1 skipped; 12 records, 3 file(s) with no records "
        "(no_table 2, no_warning 1); 3.2 s"
    )


def test_the_summary_line_says_where_the_table_and_manifest_are() -> None:
    from pathlib import Path

    run = summarise([_line()], seconds=0.5)
    text = summary_line(run, Path("out/records.csv"), Path("out/manifest.jsonl"))
    assert text == "1 file: 1 ok, 0 warning, 0 failed; 3 records; 0.5 s; table out/records.csv, manifest out/manifest.jsonl"


def test_reason_lines_say_what_the_code_means_and_what_to_do() -> None:
    run = summarise([_line("warning", 0, ["no_table"])] * 36)
    first, last = reason_lines(run)
    assert first == f"36 file(s) with no records, no_table: {NOTICES['no_table'].meaning}; {NOTICES['no_table'].action}"
    assert last.startswith("nothing was extracted")
    assert reason_lines(summarise([_line()])) == []


@pytest.mark.parametrize(
    ("codes", "reason"),
    [
        (["ocr_used", "agency_missing", "no_table"], "no_table"),  # the document-level conclusion comes last
        (["pua_mapped"], "no_warning"),
        ([], "no_warning"),
    ],
)
def test_no_records_reason(codes: list[str], reason: str) -> None:
    assert no_records_reason(codes) == reason


# ---------------------------------------------------------------- progress


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_lines_come_every_few_percent_but_not_more_often_than_the_gap() -> None:
    clock, out = _Clock(), io.StringIO()
    progress = ProgressLines(100, out, ProgressSettings(share=0.1, min_gap_s=5.0, every_s=30.0), clock)
    for i in range(1, 100):
        clock.now = i * 1.0  # a file a second: 10 % of the files every 10 s
        progress.update(failed=i % 50 == 0)
    lines = out.getvalue().splitlines()
    assert len(lines) == 9 and lines[0].startswith("ita-extract: 10/100 files, 1.0 files/s, about")
    assert lines[4] == "ita-extract: 50/100 files (1 failed), 1.0 files/s, about 50.0 s left"


def test_a_slow_run_still_prints_a_line_every_half_minute() -> None:
    clock, out = _Clock(), io.StringIO()
    progress = ProgressLines(1000, out, ProgressSettings(share=0.5, min_gap_s=5.0, every_s=30.0), clock)
    for i in range(1, 4):
        clock.now = i * 40.0  # 40 s a file: far from 50 % of the files
        progress.update(failed=False)
    assert len(out.getvalue().splitlines()) == 3


def test_a_quick_run_prints_no_progress_line_at_all() -> None:
    clock, out = _Clock(), io.StringIO()
    progress = ProgressLines(8, out, ProgressSettings(), clock)
    for i in range(1, 9):
        clock.now = i * 0.5
        progress.update(failed=False)
    assert out.getvalue() == ""


def test_progress_mode_must_be_known() -> None:
    with pytest.raises(ValueError, match="bar, lines, off"):
        progress_for(3, "loud")


@pytest.mark.parametrize(("seconds", "text"), [(4.24, "4.2 s"), (59.9, "59.9 s"), (185, "3 min"), (7500, "2 h 5 min")])
def test_durations_read_as_people_say_them(seconds: float, text: str) -> None:
    assert duration(seconds) == text
