"""``ita-extract summary``: run folders or an analysis database → one self-contained HTML page.

The page answers the analysts' standing questions (what was read, which questions agencies
address, what each agency planned and reported, how scores spread, when actions happened,
and every agency in one table) in Thai and English, with charts drawn by matplotlib and
inlined as SVG, so it opens offline, by e-mail, from a USB stick.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..batch.manifest import Notify
from ..batch.writers import atomic_write_text
from . import sections
from .facts import Counts, counts
from .page import document
from .runs import open_inputs

TITLE = "สรุปรายงาน ITA เปรียบเทียบหน่วยงาน · ITA reports: compare agencies"
NAV = (
    ("overview", "ภาพรวม · Overview"), ("questions", "ข้อคำถาม · Questions"), ("progress", "แผนกับผล · Plans"),
    ("scores", "คะแนน · Scores"), ("timeline", "วันที่ · Dates"), ("agencies", "หน่วยงาน · Agencies"),
)  # fmt: skip
SECTIONS = (sections.overview, sections.questions, sections.progress, sections.scores, sections.timeline,
            sections.agencies)  # fmt: skip
INSTALL_HINT = "pip install 'ita-extract[analysis]'  (or: pip install matplotlib)"


class MissingDependency(RuntimeError):
    """An optional package the summary needs is not installed; the message says what to install."""


@dataclass(frozen=True)
class Summary:
    """What was written: the page, the counts it shows, and the names of the charts drawn."""

    path: Path
    counts: Counts
    charts: tuple[str, ...]


def require_matplotlib() -> None:
    """Fail before any work, naming the install command, when matplotlib is missing."""
    if importlib.util.find_spec("matplotlib") is None:
        raise MissingDependency(f"the summary draws its charts with matplotlib, which is not installed: {INSTALL_HINT}")


def _footer() -> str:
    try:
        return f"ita-extract {version('ita-extract')} · charts: matplotlib"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "ita-extract · charts: matplotlib"


def build_page(con: sqlite3.Connection, sources: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The page's HTML and the names of the charts on it."""
    bodies, names = [], []
    for make in SECTIONS:
        body, drawn = make(con)
        bodies.append(body)
        names += [chart.name for chart in drawn]
    return document(TITLE, sources, NAV, "\n".join(bodies), _footer()), tuple(names)


def write_summary(inputs: Sequence[Path], output: Path, notify: Notify | None = None) -> Summary:
    """Read ``inputs`` (run folders, report JSON files, or one database) and write the page atomically."""
    require_matplotlib()
    con = open_inputs(inputs, notify)
    try:
        html, names = build_page(con, [str(p) for p in inputs])
        shown = counts(con)
    finally:
        con.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(output, html)
    return Summary(output, shown, names)
