"""The collector's young threshold is raised while reports are read, and the caller's comes back after.

``extract/collector.py`` changes process-wide state, so these tests hold it to leaving no
trace: thresholds restored exactly (after errors too, and only when the last of several
threads reading reports is done), and a caller's own choice (collection off, a higher
threshold) never overridden.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from ita_extract import ExtractError, pipeline
from ita_extract.extract.collector import YOUNG_THRESHOLD, report_lifetime

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def caller_thresholds() -> Iterator[tuple[int, int, int]]:
    """Every test starts from CPython's defaults and leaves the process as it found it."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield (700, 10, 10)
    gc.set_threshold(*before)


def test_the_young_threshold_is_raised_inside_and_restored_after() -> None:
    with report_lifetime():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_the_thresholds_come_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), report_lifetime():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.parametrize("caller", [(0, 10, 10), (50_000, 20, 30)])
def test_a_callers_own_choice_is_left_alone(caller: tuple[int, int, int]) -> None:
    """0 turns automatic collection off; a higher threshold is already what the reading wants."""
    gc.set_threshold(*caller)
    with report_lifetime():
        assert gc.get_threshold() == caller
    assert gc.get_threshold() == caller


def test_nested_readings_restore_only_at_the_outermost() -> None:
    with report_lifetime():
        with report_lifetime():
            pass
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


def test_threads_reading_at_once_restore_when_the_last_is_done() -> None:
    """Thread A enters, B enters, A leaves (still raised: B reads), B leaves (restored)."""
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, int] = {}

    def a() -> None:
        with report_lifetime():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b() -> None:
        a_in.wait(5)
        with report_lifetime():
            b_in.set()
            a_out.wait(5)
            seen["after A left"] = gc.get_threshold()[0]

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"after A left": YOUNG_THRESHOLD}
    assert gc.get_threshold() == (700, 10, 10)


def test_extract_reads_under_the_raised_threshold_and_restores_it(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    during: list[tuple[int, int, int]] = []
    real = pipeline.build_report

    def spy(path: Path, ocr: str = "auto") -> object:
        during.append(gc.get_threshold())
        return real(path, ocr=ocr)

    monkeypatch.setattr(pipeline, "build_report", spy)
    report = pipeline.extract(REPO / "samples" / "sample01.pdf")
    assert report.records and during == [(YOUNG_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
    bad = tmp_path / "not.pdf"
    bad.write_text("hello")
    with pytest.raises(ExtractError):
        pipeline.extract(bad)
    assert gc.get_threshold() == (700, 10, 10)
