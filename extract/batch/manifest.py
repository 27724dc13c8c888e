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
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from ..errors import printable
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


def read_manifest(path: Path) -> list[ManifestLine]:
    """Read a manifest, ignoring a torn last line (a journal cut short by a kill)."""
    lines = []
    for text in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            continue
        known = {k: data.get(k) for k in ManifestLine.__dataclass_fields__}
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
            )
    return found


# ---------------------------------------------------------------- combining runs


@dataclass(frozen=True)
class FoundReport:
    """A per-report JSON from an earlier run, with the manifest line that produced it."""

    path: Path
    data: dict[str, Any]


def reports_of_run(run: Path) -> list[FoundReport]:
    """The reports of an earlier run folder (in its manifest's order), or a single report file.

    A folder without a manifest (copied by hand, or a run killed before the end) is
    read as every ``*.json`` report in it, sorted by name.
    """
    if run.is_file():
        paths = [run]
    elif (run / MANIFEST_NAME).is_file():
        outputs = [line.output for line in read_manifest(run / MANIFEST_NAME) if line.has_report]
        paths = [run / name for name in dict.fromkeys(o for o in outputs if o)]
    else:
        paths = sorted(p for p in run.glob("*.json") if not p.name.startswith(TEMP_PREFIX))
    found = []
    for path in paths:
        data = load_report(path)
        if data is not None:
            found.append(FoundReport(path, data))
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
            line = ManifestLine(
                path=str(rep.path), sha256=sha, status="warning" if rep.data.get("warnings") else "ok",
                records=len(rep.data.get("records", [])), pages=source.get("pages"),
            )  # fmt: skip
            if sha in first:
                line.status, line.duplicate_of = "skipped", first[sha]
                line.message = f"{rep.path}: same report as {first[sha]}; kept once"
            else:
                first[sha] = str(rep.path)
                kept.append(rep)
            lines.append(line)
    return kept, lines
