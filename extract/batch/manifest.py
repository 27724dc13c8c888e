"""The batch manifest (one JSON line per input) and the state ``--resume`` starts from.

The manifest is what a researcher reads after a night-long run: which files worked,
which failed and why, in one line each. It is journalled while the batch runs
(``manifest.jsonl.part``, appended and flushed per file, so a killed run still shows how
far it got) and written atomically in input order at the end.

Resume state is not taken from the manifest but from the per-report JSON files
themselves: each is written atomically and names its input's sha256, so "a finished
output exists" is exactly "a JSON file with that sha256 is in the folder".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..errors import NOTICES, needs_a_look, printable
from .writers import TEMP_PREFIX, atomic_write_text, safe_join

MANIFEST_NAME = "manifest.jsonl"
JOURNAL_NAME = MANIFEST_NAME + ".part"
STATUSES = ("ok", "warning", "failed", "skipped")


@dataclass
class ManifestLine:
    """One input's outcome. ``error``/``error_class`` are set only when ``status`` is failed.

    ``output`` is the per-report JSON file name inside the output folder (also for
    ``skipped`` inputs: the file that already holds their report). ``duplicate_of`` names
    the earlier input with the same sha256 when this one was skipped as a duplicate.
    ``source_path`` is the input's path relative to the folder (or a glob's fixed part) it
    was found under, the table's ``source_path`` column; ``warnings`` the distinct codes of
    the report's warnings, notes included (``status`` says whether any needs a look).
    """

    path: str
    sha256: str | None
    status: str
    output: str | None = None
    records: int | None = None
    pages: int | None = None
    seconds: float | None = None
    error: str | None = None
    error_class: str | None = None
    message: str | None = None
    duplicate_of: str | None = None
    source_path: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        """One line of JSON, Thai kept as characters, the message printable.

        ``path`` stays exact so a script can open the file: a name that is not UTF-8
        (a TIS-620 zip) is written with ``\\udcXX`` escapes (the whole line then ASCII),
        which ``json.loads`` turns back into the name Python's ``open`` takes.
        """
        data = asdict(self)
        if self.message is not None:
            data["message"] = printable(self.message)
        text = json.dumps(data, ensure_ascii=False)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = json.dumps(data, ensure_ascii=True)
        return text

    @property
    def has_report(self) -> bool:
        """Whether this line stands for a report in the combined table (duplicates do not)."""
        return self.output is not None and self.status != "failed" and self.duplicate_of is None


def status_of(codes: Iterable[str]) -> str:
    """``warning`` when a code asks a person to look (``NOTICES`` level warning), else ``ok``.

    Repairs are notes: a perfect report whose font needed PUA glyphs mapped is ``ok``. A
    code missing from the registry counts as a warning (``needs_a_look``): unknown is not fine.
    """
    return "warning" if needs_a_look(codes) else "ok"


def warnings_message(codes: Iterable[str]) -> str | None:
    """The manifest message of a report that worked: its codes, those needing a look first.

    ``["text_source_pypdfium2"] * 12 + ["no_table"]`` → ``"needs a look: no_table; notes: text_source_pypdfium2 (12)"``
    """
    counts: dict[str, int] = {}
    for code in codes:
        counts[code] = counts.get(code, 0) + 1
    shown = {c: f"{c} ({n})" if n > 1 else c for c, n in counts.items()}
    look = [shown[c] for c in counts if needs_a_look([c])]
    notes = [shown[c] for c in counts if c in NOTICES and not needs_a_look([c])]
    parts = ([f"needs a look: {', '.join(look)}"] if look else []) + ([f"notes: {', '.join(notes)}"] if notes else [])
    return "; ".join(parts) or None


def read_manifest(path: Path) -> list[ManifestLine]:
    """Read a manifest, ignoring a torn last line (a journal cut short by a kill)."""
    lines = []
    for text in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            continue
        known = {k: data[k] for k in ManifestLine.__dataclass_fields__ if k in data}
        known["warnings"] = list(known.get("warnings") or [])  # manifests before the field: none
        lines.append(ManifestLine(**known))
    return lines


def write_manifest(out_dir: Path, lines: Iterable[ManifestLine]) -> Path:
    """Write ``manifest.jsonl`` atomically and drop the journal it replaces."""
    target = safe_join(out_dir, MANIFEST_NAME)
    atomic_write_text(target, "".join(line.to_json() + "\n" for line in lines))
    (out_dir / JOURNAL_NAME).unlink(missing_ok=True)
    return target


class Journal:
    """Append-only ``manifest.jsonl.part``: one flushed line per finished input."""

    def __init__(self, out_dir: Path) -> None:
        self._fh: TextIO = open(safe_join(out_dir, JOURNAL_NAME), "a", encoding="utf-8")  # noqa: SIM115

    def add(self, line: ManifestLine) -> None:
        self._fh.write(line.to_json() + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


@dataclass(frozen=True)
class Finished:
    """A per-report JSON already in the output folder: enough to skip and to summarise it."""

    output: str
    records: int
    pages: int
    warnings: int
    codes: tuple[str, ...] = ()


def report_codes(data: dict[str, Any]) -> list[str]:
    """The codes of a report's warnings (as read back from disk), in order, repeats kept."""
    return [w["code"] for w in data.get("warnings") or [] if isinstance(w, dict) and isinstance(w.get("code"), str)]


def load_report(path: Path) -> dict[str, Any] | None:
    """A per-report JSON as a dict, or ``None`` if it is not one of ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        return None
    return data


def finished_outputs(out_dir: Path) -> dict[str, Finished]:
    """sha256 → the finished per-report JSON in ``out_dir`` (the ``--resume`` state).

    Only whole files exist there (atomic writes), so every readable report counts.
    """
    found: dict[str, Finished] = {}
    if not out_dir.is_dir():
        return found
    for path in sorted(out_dir.glob("*.json")):
        if path.name.startswith(TEMP_PREFIX):
            continue
        data = load_report(path)
        sha = data and data["source"].get("sha256")
        if data and isinstance(sha, str) and sha not in found:
            found[sha] = Finished(
                output=path.name,
                records=len(data.get("records", [])),
                pages=int(data["source"].get("pages") or 0),
                warnings=len(data.get("warnings", [])),
                codes=tuple(dict.fromkeys(report_codes(data))),
            )
    return found


# ---------------------------------------------------------------- combining runs


@dataclass(frozen=True)
class FoundReport:
    """A per-report JSON from an earlier run, with the manifest line that produced it."""

    path: Path
    data: dict[str, Any]
    source_path: str | None = None


def reports_of_run(run: Path) -> list[FoundReport]:
    """The reports of an earlier run folder (in its manifest's order), or a single report file.

    A folder without a manifest (copied by hand, or a run killed before the end) is
    read as every ``*.json`` report in it, sorted by name.
    """
    where: dict[str, str | None] = {}  # report file name -> the input's source_path in that run
    if run.is_file():
        paths = [run]
    elif (run / MANIFEST_NAME).is_file():
        reported = [line for line in read_manifest(run / MANIFEST_NAME) if line.has_report and line.output]
        where = {line.output: line.source_path for line in reported if line.output}
        paths = [run / name for name in dict.fromkeys(line.output for line in reported if line.output)]
    else:
        paths = sorted(p for p in run.glob("*.json") if not p.name.startswith(TEMP_PREFIX))
    found = []
    for path in paths:
        data = load_report(path)
        if data is not None:
            found.append(FoundReport(path, data, where.get(path.name)))
    return found


def combine_runs(runs: Iterable[Path]) -> tuple[list[FoundReport], list[ManifestLine]]:
    """Reports of several runs, each sha256 once (first run wins), and a manifest line per report."""
    kept: list[FoundReport] = []
    lines: list[ManifestLine] = []
    first: dict[str, str] = {}
    for run in runs:
        for rep in reports_of_run(run):
            source = rep.data["source"]
            sha = source.get("sha256")
            codes = report_codes(rep.data)
            line = ManifestLine(
                path=str(rep.path), sha256=sha, status=status_of(codes), records=len(rep.data.get("records", [])),
                pages=source.get("pages"), source_path=rep.source_path, warnings=list(dict.fromkeys(codes)),
                message=warnings_message(codes),
            )  # fmt: skip
            if sha in first:
                line.status, line.duplicate_of = "skipped", first[sha]
                line.message = f"{rep.path}: same report as {first[sha]}; kept once"
            else:
                first[sha] = str(rep.path)
                kept.append(rep)
            lines.append(line)
    return kept, lines
