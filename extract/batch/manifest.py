"""The batch manifest (one JSON line per input) and the state ``--resume`` starts from.

The manifest is what a researcher reads after a night-long run: which files worked,
which failed and why, in one line each. It is journalled while the batch runs
(``manifest.jsonl.part``, started afresh by each run and flushed per file, so a killed run
still shows how far it got, each input once) and written atomically in input order at
the end — also when the run is interrupted or the disk fills up, for what was done.

Resume state is not taken from the manifest but from the per-report JSON files
themselves: each is written atomically and names its input's sha256, so "a finished
output exists" is exactly "a valid report with that sha256 is in the folder". A JSON
file there that is not one (a stray, a FIFO, a report of another contract version) is
left out with a ``json_ignored`` notice, never a crash.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from ...schema import Report
from ..errors import NOTICES, ExtractError, Notice, needs_a_look, printable
from ..files import open_regular
from .atomic import TEMP_PREFIX, atomic_write_text, safe_join

MANIFEST_NAME = "manifest.jsonl"
JOURNAL_NAME = MANIFEST_NAME + ".part"
STATUSES = ("ok", "warning", "failed", "skipped")
MAX_REPORT_BYTES = 64 * 1024 * 1024  # a report is KBs to a few MB; a bigger JSON is not ours and is not read
_SHA256 = re.compile(r"[0-9a-f]{64}")
Notify = Callable[[Notice], None]


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
    return parse_manifest(path.read_text(encoding="utf-8"))


def parse_manifest(text: str) -> list[ManifestLine]:
    """Manifest lines from text; a line that is not a JSON object (torn, edited by hand) is skipped."""
    lines = []
    for row in text.splitlines():
        try:
            data = json.loads(row)
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict) and isinstance(data.get("path"), str):
            known = {k: data.get(k) for k in ManifestLine.__dataclass_fields__}
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
    """``manifest.jsonl.part``: one flushed line per finished input, this run's only.

    Opened empty: a resumed run lists again every input it settles (finished ones with
    their real status), so lines carried over from a killed run would only be duplicates.
    """

    def __init__(self, out_dir: Path) -> None:
        self._fh: TextIO = open(safe_join(out_dir, JOURNAL_NAME), "w", encoding="utf-8")  # noqa: SIM115

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
    warnings: tuple[str, ...]  # the report's warning codes

    @property
    def status(self) -> str:
        """The report's real status (``ok``/``warning``), as the run that wrote it had it."""
        return status_of(self.warnings)


def read_json(path: Path) -> tuple[Any, str | None]:
    """(the parsed JSON, None), or (None, why not) for anything that is not a readable JSON file.

    Only regular files are opened (a FIFO named ``x.json`` would block), and none larger
    than any report; malformed text, bad UTF-8 and absurd nesting are reasons, not errors.
    """
    try:
        with open_regular(path) as fh:
            if os.fstat(fh.fileno()).st_size > MAX_REPORT_BYTES:
                return None, f"larger than {MAX_REPORT_BYTES // 2**20} MB, so not a report"
            raw = fh.read()
    except ExtractError as err:
        return None, err.message
    except OSError as err:
        return None, f"cannot read: {err.strerror}"
    try:
        return json.loads(raw.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        return None, f"not valid JSON ({printable(str(err))[:80]})"


def report_sha(data: Any) -> str | None:
    """The ``source.sha256`` a report-shaped JSON names, or None (checks the shape only)."""
    source = data.get("source") if isinstance(data, dict) else None
    sha = source.get("sha256") if isinstance(source, dict) else None
    return sha if isinstance(sha, str) and _SHA256.fullmatch(sha) else None


def report_problem(data: Any) -> str | None:
    """Why parsed JSON is not a valid report of this contract version, or None when it is."""
    try:
        Report.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ())) or "the top level"
        return f"not a report of contract version 2 ({where}: {first.get('msg', 'invalid')})"
    return None


def load_report(path: Path, notify: Notify | None = None) -> dict[str, Any] | None:
    """A valid per-report JSON as a dict, or ``None`` (``notify`` hears why, as a ``json_ignored`` notice)."""
    data, problem = read_json(path)
    if problem is None:
        problem = report_problem(data)
    if problem is not None:
        if notify is not None:
            notify(Notice("json_ignored", f"{printable(str(path))}: {problem}; left out"))
        return None
    return data


def report_codes(data: dict[str, Any]) -> list[str]:
    """The codes of a report's warnings (as read back from disk), in order, repeats kept."""
    return [w["code"] for w in data.get("warnings") or [] if isinstance(w, dict) and isinstance(w.get("code"), str)]


def finished_entry(name: str, data: dict[str, Any]) -> Finished:
    """The resume state of one valid report."""
    return Finished(
        output=name, records=len(data.get("records", [])), pages=int(data["source"].get("pages") or 0),
        warnings=tuple(report_codes(data)),
    )  # fmt: skip


def finished_outputs(out_dir: Path, notify: Notify | None = None) -> dict[str, Finished]:
    """sha256 → the finished per-report JSON in ``out_dir`` (the ``--resume`` state).

    Only whole files exist there (atomic writes), so every valid report counts; other
    JSON files are left out (``notify`` hears of each).
    """
    found: dict[str, Finished] = {}
    if not out_dir.is_dir():
        return found
    for path in sorted(out_dir.glob("*.json")):
        if path.name.startswith(TEMP_PREFIX) or path.is_symlink():
            continue
        data = load_report(path, notify)
        if data is not None and data["source"]["sha256"] not in found:
            found[data["source"]["sha256"]] = finished_entry(path.name, data)
    return found
