"""Time limits that fit scans: each page that needs OCR adds time, and a limit hit during
OCR keeps the pages already read (issue 16). No Tesseract needed: OCR is faked."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from ita_extract.extract.batch.limits import Limits, extend_alarm, ocr_allowance
from ita_extract.extract.batch.pool import Task, run_pool, sha256_file
from ita_extract.extract.errors import TimeoutExceededError
from ita_extract.extract.page.ocr import reader
from ita_extract.extract.page.ocr.reader import pages_needing_ocr, with_ocr
from ita_extract.extract.page.page import Char, Page
from ita_extract.schema import Report, Source
from PIL import Image, ImageDraw


def _image_pdf(path: Path, pages: int) -> Path:
    """An image-only PDF: what a scan looks like to the text-layer reader."""
    imgs = [Image.new("L", (620, 877), 255) for _ in range(pages)]
    for img in imgs:
        ImageDraw.Draw(img).rectangle([60, 60, 400, 80], fill=0)
    imgs[0].save(path, "PDF", save_all=True, append_images=imgs[1:], resolution=75.0)
    return path


def test_pages_needing_ocr_counts_scans_and_not_born_digital_pages(tmp_path: Path) -> None:
    assert pages_needing_ocr(_image_pdf(tmp_path / "scan.pdf", 3)) == 3
    assert pages_needing_ocr(Path(__file__).parents[1] / "samples" / "sample03.pdf") == 0
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.4 not really")
    assert pages_needing_ocr(tmp_path / "junk.pdf") == 0  # the extractor reports why, not the budget


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        (Limits(), 3 * 20.0),  # the default: 20 s more per scanned page
        (Limits(ocr_page_s=5.0), 15.0),
        (Limits(timeout_s=None), 0.0),  # no limit: nothing to add to
        (Limits(ocr_page_s=None), 0.0),  # --ocr never
    ],
)
def test_ocr_pages_add_time_to_the_limit(tmp_path: Path, limits: Limits, expected: float) -> None:
    scan = _image_pdf(tmp_path / "scan.pdf", 3)
    assert ocr_allowance(scan, 3, limits) == expected


def test_ocr_always_adds_time_for_every_page() -> None:
    sample = Path(__file__).parents[1] / "samples" / "sample03.pdf"
    assert ocr_allowance(sample, 5, Limits(ocr_every_page=True)) == 5 * 20.0
    assert ocr_allowance(sample, 5, Limits()) == 0.0


def test_extending_the_alarm_gives_more_time() -> None:
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        extend_alarm(1.0)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0.9 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _slow_deaf_extract(path: Path) -> Report:
    """Takes 3 s and cannot be interrupted by the alarm: only the parent's deadline stops it."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(3.0)
    return Report(source=Source(file=path.name, sha256=sha256_file(path), pages=1), records=[])


def test_the_parents_deadline_moves_with_the_time_added_for_ocr(tmp_path: Path) -> None:
    """The limit is 0.1 s, so the parent kills a worker at 2.1 s (2 s grace), and the extractor
    cannot be interrupted and takes 3 s: with a 1-page scan adding 3 s (deadline 5.1 s), the worker
    survives only if the parent learned of the added seconds."""
    scan = _image_pdf(tmp_path / "scan.pdf", 1)
    tasks = [Task(i, p, str(p), sha256_file(p), p.stem + ".json") for i, p in enumerate([scan])]
    limits = Limits(timeout_s=0.1, ocr_page_s=3.0)
    assert limits.hard_deadline_s() == pytest.approx(2.1)
    [(_, result)] = list(run_pool(tasks, _slow_deaf_extract, limits, 1))
    assert result.error is None, result.message


def _text_page(number: int) -> Page:
    return Page(number, 595, 842, [Char("ก", 10, 20, 10, 26, 16)], [], 0.0, "tesseract", [])


def test_a_time_limit_during_ocr_keeps_the_pages_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = _image_pdf(tmp_path / "scan.pdf", 3)
    monkeypatch.setattr(reader, "tesseract_problem", lambda: None)

    def fake_ocr(doc: object, page: Page, reason: str, s: object) -> Page:
        if page.number == 2:
            raise TimeoutExceededError("took longer than the time limit of 1 s")
        return _text_page(page.number)

    monkeypatch.setattr(reader, "_ocr_page", fake_ocr)
    blank = [Page(n, 595, 842, [], [], 595 * 842, "none", []) for n in (1, 2, 3)]
    pages = list(with_ocr(blank, scan, "auto"))
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[0].has_text and not pages[1].has_text and not pages[2].has_text
    assert [n.code for n in pages[1].warnings] == ["ocr_time_limit"]  # where the time ran out
    assert [n.code for n in pages[2].warnings] == ["ocr_time_limit"]  # and each page after it
    assert "page 2" in pages[1].warnings[0].message and "page 2" in pages[2].warnings[0].message


def test_a_time_limit_before_any_page_was_read_fails_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = _image_pdf(tmp_path / "scan.pdf", 2)
    monkeypatch.setattr(reader, "tesseract_problem", lambda: None)

    def fake_ocr(doc: object, page: Page, reason: str, s: object) -> Page:
        raise TimeoutExceededError("took longer than the time limit of 1 s")

    monkeypatch.setattr(reader, "_ocr_page", fake_ocr)
    blank = [Page(n, 595, 842, [], [], 595 * 842, "none", []) for n in (1, 2)]
    with pytest.raises(TimeoutExceededError):
        list(with_ocr(blank, scan, "auto"))
