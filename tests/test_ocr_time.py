"""Time limits that fit scans: each page that needs OCR adds time, and a limit hit during
OCR keeps the pages already read (issue 16). No Tesseract needed: OCR is faked."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from ita_extract.extract.batch.limits import Limits, extend_alarm
from ita_extract.extract.batch.pool import Task, run_pool, sha256_file
from ita_extract.extract.errors import TimeoutExceededError
from ita_extract.extract.page.ocr import budget, reader
from ita_extract.extract.page.ocr.reader import with_ocr
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


def test_each_page_read_by_ocr_is_announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = _image_pdf(tmp_path / "scan.pdf", 3)
    monkeypatch.setattr(reader, "tesseract_problem", lambda: None)
    monkeypatch.setattr(reader, "read_image", lambda image, number, *a, **k: _text_page(number))
    started: list[int] = []
    budget.listen(lambda: started.append(1))
    try:
        blank = [Page(n, 595, 842, [], [], 595 * 842, "none", []) for n in (1, 2, 3)]
        assert len(list(with_ocr(blank, scan, "auto"))) == 3
    finally:
        budget.listen(None)
    assert len(started) == 3
    budget.page_started()  # nobody listening: nothing happens
    assert len(started) == 3


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
    """Takes 3 s and cannot be interrupted by the alarm: only the parent's deadline stops it.
    A file named ``scan…`` reads one page by OCR first (as far as the time limit knows)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    if path.name.startswith("scan"):
        budget.page_started()
    time.sleep(3.0)
    return Report(source=Source(file=path.name, sha256=sha256_file(path), pages=1), records=[])


def test_the_parents_deadline_moves_with_the_time_added_for_ocr(tmp_path: Path) -> None:
    """The limit is 0.1 s, so the parent kills a worker at 2.1 s (2 s grace), and the extractor
    cannot be interrupted and takes 3 s: the file with a page read by OCR (3 s more, deadline
    5.1 s) survives only because the parent learned of the added seconds; the other is killed."""
    scan, text = _image_pdf(tmp_path / "scan.pdf", 1), _image_pdf(tmp_path / "text.pdf", 1)
    tasks = [Task(i, p, str(p), sha256_file(p), p.stem + ".json") for i, p in enumerate([scan, text])]
    limits = Limits(timeout_s=0.1, ocr_page_s=3.0)
    assert limits.hard_deadline_s() == pytest.approx(2.1)
    results = {task.path.name: result for task, result in run_pool(tasks, _slow_deaf_extract, limits, 2)}
    assert results["scan.pdf"].error is None, results["scan.pdf"].message
    assert results["text.pdf"].error == "timeout"


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
