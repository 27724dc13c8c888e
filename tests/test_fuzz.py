"""Fuzzing: a mutated report PDF gives a valid Report or one of our ExtractErrors, nothing else.

The seeds are slices of the bundled samples (``bad/fuzz_seeds.py``), packed as pypdfium2
saves them and plain with their content streams decoded; each case applies one to four
mutations: bit flips, truncation, byte deletion and insertion, PDF tokens dropped in,
chunks copied over other chunks, numbers swapped for extreme ones. Mutations favour the
bytes outside embedded fonts, where our code (not pdfium's font parser) is exercised.

CI runs a fixed set of cases (``derandomize``) so a red run is reproducible; a long,
fresh run is one environment variable away::

    ITA_FUZZ_EXAMPLES=20000 ITA_FUZZ_STATS=fuzz.json python -m pytest -q tests/test_fuzz.py -k mutated

Each case runs in-process under the project's own alarm (``limits.start_alarm``): a case
that does not finish within ``CASE_TIMEOUT_S`` fails the test as a hang.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random

import ita_extract
import pytest
from bad.fuzz_seeds import SAMPLES, Seed, seeds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ita_extract.extract.batch.limits import Limits, cancel_alarm, start_alarm
from ita_extract.extract.errors import ExtractError, InternalError, TimeoutExceededError

pytestmark = pytest.mark.skipif(not list(SAMPLES.glob("*.pdf")), reason=f"no sample PDFs in {SAMPLES}")

LONG_RUN = bool(os.environ.get("ITA_FUZZ_EXAMPLES"))
EXAMPLES = int(os.environ.get("ITA_FUZZ_EXAMPLES") or 500)
CASE_TIMEOUT_S = 60.0  # a case takes ~0.1 s; only a hang gets near this
SEEDS: list[Seed] = seeds() if list(SAMPLES.glob("*.pdf")) else []
OUTCOMES: Counter[str] = Counter()
FAILURES = Path(tempfile.gettempdir()) / "ita-fuzz-failures"  # failing inputs are kept here to replay

TOKENS = (
    b"obj", b"endobj", b"stream", b"endstream", b"<<", b">>", b"[", b"]", b"(", b")", b"<", b">", b"/", b"R",
    b"0 R", b"99 0 R", b"null", b"true", b"xref", b"trailer", b"startxref", b"%%EOF", b"%",
    b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"Td", b"TD", b"Tm", b"T*", b"'", b'"', b"cm", b"re", b"m", b"l", b"S",
    b"f", b"q", b"Q", b"Do", b"BI", b"ID", b"EI", b"BDC", b"EMC", b"/ActualText", b"begincmap", b"beginbfchar",
    b"\x00", b"\xff\xfe", b"\\", b"\r", b"\n",
)  # fmt: skip
EXTREMES = (b"0", b"-0", b"-1", b"1e308", b"-99999999999999999999", b"99999999999999999999", b"0.000000001",
            b"3.4e38", b"1.", b".5", b"--1", b"NaN", b"inf")  # fmt: skip
NUMBER = re.compile(rb"[-+]?\d*\.?\d+")

Draw = Callable[..., object]


# ---------------------------------------------------------------- mutations


def _pos(rnd: Random, data: bytearray, seed: Seed) -> int:
    """A position, four times in five outside the embedded fonts (where our code reads), within the data.

    Uniform over a span: hypothesis's own integers lean towards the ends of their range,
    which would put most mutations in the first bytes (and make most cases "not a PDF").
    """
    start, end = rnd.choice(seed.spans) if rnd.random() < 0.8 else (0, len(seed.data))
    return min(rnd.randrange(start, max(start + 1, end)), max(0, len(data) - 1))


def flip_bits(rnd: Random, data: bytearray, seed: Seed) -> bytearray:
    for _ in range(rnd.randint(1, 8)):
        if data:
            data[_pos(rnd, data, seed)] ^= 1 << rnd.randrange(8)
    return data


def truncate(rnd: Random, data: bytearray, seed: Seed) -> bytearray:
    return data[: _pos(rnd, data, seed)]


def delete(rnd: Random, data: bytearray, seed: Seed) -> bytearray:
    pos = _pos(rnd, data, seed)
    del data[pos : pos + rnd.randint(1, 512)]
    return data


def insert_bytes(rnd: Random, data: bytearray, seed: Seed) -> bytearray:
    pos = _pos(rnd, data, seed)
    data[pos:pos] = rnd.randbytes(rnd.randint(1, 64))
    return data


def insert_token(rnd: Random, data: bytearray, seed: Seed) -> bytearray:
    pos = _pos(rnd, data, seed)
    data[pos:pos] = b" " + rnd.choice(TOKENS) + b" "
    return data


def copy_chunk(rnd: Random, data: bytearray, seed: Seed) -> bytearray:
    """Overwrite one chunk with another: plausible bytes in the wrong place (the stream corruption kind)."""
    src, dst, size = _pos(rnd, data, seed), _pos(rnd, data, seed), rnd.randint(1, 2048)
    data[dst : dst + size] = data[src : src + size]
    return data


def swap_number(rnd: Random, data: bytearray, seed: Seed) -> bytearray:
    """Replace the next number (a coordinate, a length, an object number) with an extreme one."""
    match = NUMBER.search(data, _pos(rnd, data, seed))
    if match:
        data[match.start() : match.end()] = rnd.choice(EXTREMES)
    return data


MUTATIONS = (flip_bits, truncate, delete, insert_bytes, insert_token, copy_chunk, swap_number)


@dataclass(frozen=True)
class Mutant:
    """A mutated seed; its repr is short (hypothesis prints failing cases; the bytes go to a file)."""

    what: str
    data: bytes

    def __repr__(self) -> str:
        return f"Mutant({self.what!r}, {len(self.data)} bytes, sha256 {hashlib.sha256(self.data).hexdigest()[:12]})"


@st.composite
def mutants(draw: Draw) -> Mutant:
    """A seed with one to four mutations applied in turn; the Random is seeded by hypothesis, so cases replay."""
    seed = draw(st.sampled_from(SEEDS))
    ops = draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4))
    rnd = draw(st.randoms(use_true_random=True))
    data = bytearray(seed.data)
    for op in ops:
        data = op(rnd, data, seed)
    return Mutant(f"{seed.name}: {' + '.join(op.__name__ for op in ops)}", bytes(data))


# ---------------------------------------------------------------- running one case


def extract_outcome(path: Path) -> str:
    """``"report"`` or our error's code; anything else propagates and fails the test.

    OCR is off: Tesseract is not what is being fuzzed, and it takes seconds a page.
    """
    previous = signal.getsignal(signal.SIGALRM)
    start_alarm(Limits(timeout_s=CASE_TIMEOUT_S))
    try:
        report = ita_extract.extract(path, ocr="never")
    except ExtractError as err:
        assert not isinstance(err, InternalError), err.one_line()
        assert not isinstance(err, TimeoutExceededError), f"hang: {err.one_line()}"
        line = err.one_line()
        assert line.startswith(f"{path}") and "\n" not in line, line
        return err.code
    finally:
        cancel_alarm()
        signal.signal(signal.SIGALRM, previous)
    assert ita_extract.Report.model_validate_json(report.to_json()) == report
    return "report"


@pytest.fixture(scope="module")
def case_file() -> Iterator[Path]:
    """One scratch file for every case (a module fixture: hypothesis re-runs the test body, not fixtures)."""
    with tempfile.TemporaryDirectory(prefix="ita-fuzz-") as tmp:
        yield Path(tmp) / "case.pdf"
    stats = os.environ.get("ITA_FUZZ_STATS")
    if stats:
        Path(stats).write_text(json.dumps({"cases": sum(OUTCOMES.values()), **dict(OUTCOMES.most_common())}, indent=1))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(case=mutants())
def test_mutated_pdf_gives_a_report_or_our_error(case_file: Path, case: Mutant) -> None:
    case_file.write_bytes(case.data)
    try:
        OUTCOMES[extract_outcome(case_file)] += 1
    except BaseException:
        FAILURES.mkdir(exist_ok=True)
        kept = FAILURES / f"{hashlib.sha256(case.data).hexdigest()[:12]}.pdf"
        kept.write_bytes(case.data)
        print(f"{case.what}: failing input kept at {kept}")
        raise


def test_seeds_extract_cleanly(tmp_path: Path) -> None:
    """Unmutated, every seed is a readable report with records: the mutations start from good files."""
    for seed in SEEDS:
        path = tmp_path / f"{seed.name}.pdf"
        path.write_bytes(seed.data)
        assert ita_extract.extract(path).records, seed.name


# ---------------------------------------------------------------- what the fuzzer found, pinned


def test_a_round_the_contract_has_no_value_for_is_left_empty_with_a_warning() -> None:
    """Found: "รอบ 6 เดือน" mutated to another number made Document validation fail (round_months is 6 or 12)."""
    from ita_extract.extract.table.meta import build_document

    document, warnings = build_document([["รายงานผลการดำเนินการตามมาตรการ รอบ ๓ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๖"]], lambda title: "measures_report")
    assert (document.round_months, document.fiscal_year) == (None, 2566)
    assert "round_unsupported" in [n.code for n in warnings]


def test_a_pdf_library_error_outside_read_pages_is_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found: pdfium refusing a file pdfminer had read escaped from the OCR step as a bare PdfiumError."""
    import pypdfium2 as pdfium
    from bad.make_bad import image_only
    from ita_extract.extract.page.pdf import typed_library_errors

    def refuse(*args: object, **kwargs: object) -> None:
        raise pdfium.PdfiumError("Failed to load document (PDFium: Data format error).")

    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only())
    monkeypatch.setattr(pdfium, "PdfDocument", refuse)
    with pytest.raises(ExtractError) as caught:
        ita_extract.extract(path)  # OCR on by default: pdfium renders the page when Tesseract is there
    assert caught.value.code in ("corrupt_pdf", "needs_ocr", "ocr_unavailable") and caught.value.file == str(path)

    @typed_library_errors
    def buggy(path: Path) -> None:
        raise ValueError("a bug in our code")

    with pytest.raises(ValueError):  # only the libraries' exceptions are translated: bugs stay visible
        buggy(path)


def test_a_glyph_with_several_characters_keeps_the_alignment_in_step() -> None:
    """Found: a ToUnicode entry giving two characters ("ํา") shifted every later box, or ran off the list."""
    from ita_extract.extract.page.page import Char
    from ita_extract.extract.page.textlayer import align_text

    chars = [Char("ก", 0, 10, 0, 10, 10), Char("\u0e4d\u0e32", 10, 20, 0, 10, 10), Char("ร", 20, 30, 0, 10, 10)]
    aligned = align_text(chars, "กำร")
    assert "".join(c.text for c in aligned) == "กำร"
    assert (aligned[0].x0, aligned[-1].x0) == (0, 20)  # ร keeps its own box
