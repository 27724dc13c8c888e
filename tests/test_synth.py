"""The synthetic-report generator (``tests/synth``) and the engine over its documents (issue 15).

The generator's own rules are tested here on their own: a seed always makes the same truth (and
the same reportlab bytes), the truth is valid contract v2, time frames and statuses follow the
contract's rules, printed numbering gives back the items. Then a fixed set of 40 seeds is
generated through the CLI, extracted through the CLI and scored by the shared scorer against
issue 15's bar. The LibreOffice documents meet it; the reportlab ones do not yet (strict text),
so that half is a strict xfail naming the issue;
the long run (500 documents) is ``python -m tests.synth.long_run`` (docs/ACCURACY.md).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import REPO, SHARED, need_shared
from hypothesis import given, settings
from hypothesis import strategies as st
from ita_extract.schema import Report
from synth import content
from synth.plan import draw_knobs
from synth.thai import NUMBERING, digits_as, fiscal_bounds, numbered

FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
CI_SEEDS = range(40)  # fixed: about half reportlab, half LibreOffice; all three templates
BAR = {"overall": 0.99, "min": 0.90, "strict_text": 0.97}  # issue 15, "Done when"
ISSUE_15 = ("strict text of the 19 reportlab CI seeds (0.957) is under the 0.97 the 500-document long run "
            "meets (0.972): typed spaces a wrap swallowed inside phrases the document never shows whole; "
            "see docs/ACCURACY.md")


def need_fonts() -> None:
    if not FONT.exists():
        pytest.skip("TLWG Thai fonts missing: apt-get install fonts-thai-tlwg")


def synth(out: Path, seeds: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.synth", str(out), "--seeds", seeds, "-q", *extra],
                          cwd=REPO, capture_output=True, text=True)


# --- the generator's own rules ------------------------------------------------------------------
def test_a_seed_makes_the_same_pdf_bytes_and_truth_twice(tmp_path: Path) -> None:
    need_fonts()
    for run in ("a", "b"):
        proc = synth(tmp_path / run, "3,4", "--producer", "reportlab")
        assert proc.returncode == 0, proc.stderr
    for name in ("syn00003.pdf", "syn00003.json", "syn00004.pdf", "syn00004.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_knobs_depend_on_the_seed_alone() -> None:
    assert draw_knobs(17) == draw_knobs(17)
    assert draw_knobs(17) != draw_knobs(18)
    assert {draw_knobs(s).template for s in range(60)} == {"seed5", "plan4", "fy2567"}


@pytest.mark.parametrize("seed", [0, 2, 10, 13])  # fy2567 with results pages, seed5 report, plan4, fy2567
def test_truth_is_valid_contract_v2(tmp_path: Path, seed: int) -> None:
    need_fonts()
    proc = synth(tmp_path, str(seed), "--producer", "reportlab")
    assert proc.returncode == 0, proc.stderr
    truth = json.loads((tmp_path / f"syn{seed:05d}.json").read_text(encoding="utf-8"))
    Report.model_validate(truth)
    assert truth["contract_version"] == 2
    assert truth["records"], "every synthetic report has records"
    for rec in truth["records"]:
        assert rec["page_start"] <= rec["page_end"] <= truth["source"]["pages"]
    assessment = truth["document"]["assessment"]
    if assessment:
        keys = [(s["level"], s["code"]) for s in assessment["scores"]]
        assert len(keys) == len(set(keys)), "each (level, code) is listed once"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33"))


@pytest.mark.parametrize(("producer", "seed"), [("reportlab", 5), ("libreoffice", 2), ("libreoffice", 7)])
def test_each_record_starts_on_the_page_that_prints_its_issue(tmp_path: Path, producer: str, seed: int) -> None:
    """The truth's page_start, read back independently: the page's text holds the issue's first words."""
    need_fonts()
    if producer == "libreoffice" and not shutil.which("soffice"):
        pytest.skip("soffice not found: apt-get install libreoffice-writer-nogui")
    proc = synth(tmp_path, str(seed), "--producer", producer)
    assert proc.returncode == 0, proc.stderr
    truth = json.loads((tmp_path / f"syn{seed:05d}.json").read_text(encoding="utf-8"))
    pdf = pdfium.PdfDocument(str(tmp_path / f"syn{seed:05d}.pdf"))
    pages = [squeezed(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    pdf.close()
    for rec in truth["records"]:
        start = squeezed(rec["issue"])[:6]
        assert start in pages[rec["page_start"] - 1], (rec["indicator"], rec["page_start"])
        assert rec["page_start"] <= rec["page_end"] <= len(pages)


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10**6), fy=st.sampled_from([2565, 2566, 2567, 2568]), thai=st.booleans())
def test_a_time_frame_covers_days_inside_its_fiscal_year(seed: int, fy: int, thai: bool) -> None:
    tf = content.draw_timeframe(random.Random(seed), fy, digits_as(thai))
    first, last = fiscal_bounds(fy)
    assert tf.end is not None
    assert first <= (tf.start or first) <= tf.end <= last
    if tf.text.startswith("ตลอดปีงบประมาณ"):
        assert (tf.start, tf.end) == (first, last)
    if tf.text.startswith("ภายใน"):
        assert tf.start is None


@pytest.mark.parametrize(("fy", "text_start", "start", "end"), [
    (2567, "ไตรมาสที่ 1 - 2", date(2023, 10, 1), date(2024, 3, 31)),  # fiscal quarters, as syn05's truth
    (2567, "ไตรมาสที่ 4", date(2024, 7, 1), date(2024, 9, 30)),
])
def test_quarters_are_fiscal_quarters(fy: int, text_start: str, start: date, end: date) -> None:
    found = set()
    for seed in range(400):
        tf = content.draw_timeframe(random.Random(seed), fy, digits_as(False))
        if tf.text == text_start:
            found.add((tf.start, tf.end))
    assert found == {(start, end)}


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_status_follows_the_contracts_wording_rule(seed: int) -> None:
    period = (date(2023, 10, 1), date(2024, 3, 31))
    res = content.draw_results(random.Random(seed), period, ["full", "abbr", "numeric"], digits_as(True))
    text = " ".join(res.items)
    if res.status == "done":
        assert res.dates or "แล้ว" in text
        assert all(period[0] <= d <= period[1] for d in res.dates)
    elif res.status == "in_progress":
        assert "อยู่ระหว่างดำเนินการ" in text and not res.dates
    else:
        assert text.startswith("ยังไม่") and not res.dates


NUMBER = re.compile(r"^\s*\(?[0-9๐-๙]+[.)]?\s*")


@pytest.mark.parametrize("style", sorted(NUMBERING))
@pytest.mark.parametrize("thai", [True, False])
def test_printed_numbering_gives_back_the_items(style: str, thai: bool) -> None:
    items = ["จัดทำคู่มือมาตรฐานการปฏิบัติงาน", "รายงานผู้บริหาร", "เผยแพร่ข้อมูลบนเว็บไซต์"]
    printed = numbered(items, style, digits_as(thai))
    assert [NUMBER.sub("", p, count=1) for p in printed] == items


@pytest.mark.parametrize("seed", range(20))
def test_a_typo_is_one_letter_off_and_never_the_real_name(seed: int) -> None:
    rng = random.Random(seed)
    agency = content.draw_agency(rng)
    wrong = content.typo(agency.place, rng)
    if wrong is None:
        return
    assert wrong != agency.place
    assert len(wrong) in (len(agency.place), len(agency.place) - 1)


# --- the engine over a fixed set of synthetic reports -------------------------------------------
@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Generate the CI seeds, extract them with the CLI, score each producer's documents."""
    need_fonts()
    need_shared()
    root = tmp_path_factory.mktemp("synth")
    docs, pred = root / "docs", root / "pred"
    lo = shutil.which("soffice") is not None
    seeds = [s for s in CI_SEEDS if lo or draw_knobs(s).producer == "reportlab"]
    proc = synth(docs, ",".join(map(str, seeds)))
    if proc.returncode != 0:
        raise RuntimeError(f"generator failed: {proc.stderr[-2000:]}")
    subprocess.run([sys.executable, "-m", "ita_extract", "extract", str(docs), "-o", str(pred), "-f", "json",
                    "--workers", "2", "-q"], capture_output=True, text=True)
    out = {}
    for producer in ("reportlab", "libreoffice"):
        names = [f"syn{s:05d}" for s in seeds if draw_knobs(s).producer == producer]
        if not names:
            continue
        truth = root / f"truth-{producer}"
        truth.mkdir()
        for name in names:
            shutil.copy(docs / f"{name}.json", truth / f"{name}.json")
        proc = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(truth), str(pred), "--json"],
                              capture_output=True, text=True, check=True)
        data = json.loads(next(x for x in proc.stdout.splitlines() if x.startswith("{")))
        out[producer] = {"last": proc.stdout.strip().splitlines()[-1], "data": data}
    return out


@pytest.mark.parametrize(
    "producer",
    [  # the LibreOffice seeds meet the bar (mean 0.999, min 0.995, strict 0.979); reportlab's strict text (0.957) does not yet
        pytest.param("reportlab", marks=pytest.mark.xfail(reason=ISSUE_15, strict=True, raises=AssertionError)),
        "libreoffice",
    ],
)
def test_the_engine_meets_issue_15s_bar_on_synthetic_reports(scored: dict, producer: str) -> None:
    if producer not in scored:
        pytest.skip("soffice not found: the LibreOffice seeds need apt-get install libreoffice-writer-nogui")
    data = scored[producer]["data"]
    scores = [r["score"] for r in data["documents"].values()]
    mean, low = sum(scores) / len(scores), min(scores)
    strict = data["aggregates"]["all"]["strict_text"]
    print(f"{producer}: {len(scores)} documents, mean {mean:.3f}, min {low:.3f}, strict {strict:.3f}; "
          f"{scored[producer]['last']}")
    assert mean >= BAR["overall"], f"mean overall {mean:.3f}"
    assert low >= BAR["min"], f"min {low:.3f}"
    assert strict >= BAR["strict_text"], f"strict text {strict:.3f}"
