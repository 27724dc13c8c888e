"""The table engine over generated reports that once split, dropped or invented records (issue 15).

Each seed is a reportlab document from ``tests/synth`` (no LibreOffice needed) whose layout hit
one of the table engine's failure classes in the first long run (docs/ACCURACY.md): a header
printed again read as a record (2), a row continued on the next page read as a record or cut
short (3, 5), no table where header cells wrap over many lines (6). The truth comes from the
generator's plan, never from the extractor; each document must give the truth's records, in
order, each ending on the truth's page, and a record crossing a page keeps the text carried over.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO, extracted

FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
SEEDS = {
    8: "FY2567, one table per issue, several to a page: each printing of the header is no record",
    10: "a header repeated over a row's rest at the page head, with no rule under it",
    20: "a header repeated over a row's rest: the rest's first line is no header line",
    54: "FY2567, no rules, tables per issue: the spanning header cell opens no gutter",
    148: "header cells broken at every syllable over five lines, centred",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not FONT.exists():
        pytest.skip("TLWG Thai fonts missing: apt-get install fonts-thai-tlwg")
    out = tmp_path_factory.mktemp("synth")
    seeds = ",".join(str(s) for s in SEEDS)
    proc = subprocess.run([sys.executable, "-m", "tests.synth", str(out), "--seeds", seeds, "-q"],
                          cwd=REPO, capture_output=True, text=True)  # each seed draws reportlab itself
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.parametrize("seed", list(SEEDS), ids=[f"syn{s:05d}" for s in SEEDS])
def test_a_generated_table_gives_the_truths_records_each_ending_on_its_page(generated: Path, seed: int) -> None:
    name = f"syn{seed:05d}"
    truth = json.loads((generated / f"{name}.json").read_text(encoding="utf-8"))["records"]
    got = extracted(str(generated / f"{name}.pdf"))["records"]
    assert [r["indicator"] for r in got] == [r["indicator"] for r in truth], SEEDS[seed]
    assert [r["page_end"] for r in got] == [r["page_end"] for r in truth], SEEDS[seed]
    for want, have in zip(truth, got):
        if want["page_end"] > want["page_start"]:
            for field in ("issue", "responsible", "measures"):
                assert letters(have[field]) == letters(want[field]), (want["indicator"], field)


def letters(value: object) -> str:
    """A field's text without spaces (the spacing rules are another step's), in NFC."""
    text = " ".join(value) if isinstance(value, list) else value or ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))
