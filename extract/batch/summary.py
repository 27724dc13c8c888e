"""The last lines of a run: what was done, what was found, what needs a look, and where it is.

A researcher who points the tool at a folder of downloads must learn from the summary
alone whether anything came out. "36 warning, exit 0" over 36 files that are not
measures reports hid that nothing was extracted; here the final line counts records
and files with none, and a line per reason says what the code means and what to do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NOTICES, needs_a_look
from .manifest import STATUSES, ManifestLine
from .progress import duration


@dataclass(frozen=True)
class RunSummary:
    """Counts of a finished run, from its manifest lines."""

    files: int
    statuses: dict[str, int]
    records: int
    no_records: dict[str, int] = field(default_factory=dict)  # reason code -> files with no records
    seconds: float | None = None


def no_records_reason(codes: Sequence[str]) -> str:
    """Why a report has no records: its last code that needs a look, or ``no_warning``.

    The pipeline reports page-level findings first and its conclusions about the whole
    document last (``no_table`` closes a report in which no table was found), so the last
    warning-level code is the one that explains an empty report.
    """
    looked = [code for code in codes if needs_a_look([code])]
    return looked[-1] if looked else "no_warning"


def summarise(lines: Sequence[ManifestLine], seconds: float | None = None) -> RunSummary:
    """Count files by status, the records in the table, and empty reports by reason."""
    # every report once: not failed, not a duplicate (a combine to stdout has no output names)
    reported = [line for line in lines if line.status != "failed" and line.duplicate_of is None]
    empty = Counter(no_records_reason(line.warnings) for line in reported if not line.records)
    return RunSummary(
        files=len(lines),
        statuses=dict(Counter(line.status for line in lines)),
        records=sum(line.records or 0 for line in reported),
        no_records=dict(empty.most_common()),
        seconds=seconds,
    )


def summary_line(run: RunSummary, table: Path | None = None, manifest: Path | None = None) -> str:
    """``8 files: 8 ok, 0 warning, 0 failed; 120 records; 4.2 s; table out/records.csv, manifest …``"""
    counts = ", ".join(f"{run.statuses.get(s, 0)} {s}" for s in STATUSES if run.statuses.get(s) or s != "skipped")
    parts = [f"{run.files} file{'s' if run.files != 1 else ''}: {counts}", f"{run.records} records"]
    if run.no_records:
        why = ", ".join(f"{code} {n}" for code, n in run.no_records.items())
        parts[-1] += f", {sum(run.no_records.values())} file(s) with no records ({why})"
    if run.seconds is not None:
        parts.append(duration(run.seconds))
    where = [f"table {table}"] if table else []
    where += [f"manifest {manifest}"] if manifest else []
    if where:
        parts.append(", ".join(where))
    return "; ".join(parts)


def reason_lines(run: RunSummary) -> list[str]:
    """One line per reason some files have no records: what the code means and what to do."""
    lines = []
    for code, n in run.no_records.items():
        notice = NOTICES.get(code)
        if notice is None:
            lines.append(f"{n} file(s) with no records and no warning: check them by hand")
        else:
            lines.append(f"{n} file(s) with no records, {code}: {notice.meaning}; {notice.action}")
    if run.records == 0 and run.no_records:
        lines.append("nothing was extracted: are these ITA measures reports? (`ita-extract codes` lists every code)")
    return lines
