"""Batch machinery: discovery, hashing and dedupe, resume state, and the worker pool's limits.

The pool is driven with fake extract functions that misbehave on purpose (sleep past the
time limit, block the alarm, eat memory, segfault, raise a bug) so these tests check the
batch's promises without depending on the extractor's quality.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from ita_extract.extract.batch.limits import Limits, count_pages
from ita_extract.extract.batch.manifest import finished_outputs, read_manifest
from ita_extract.extract.batch.pool import (
    BatchOptions,
    Input,
    Task,
    discover,
    plan,
    read_file_list,
    run_batch,
    run_pool,
    sha256_file,
)
from ita_extract.schema import Record, Report, Source

REPO = Path(__file__).parents[1]
SHARED = REPO.parent / "shared"
SYNTHETIC = SHARED / "corpus" / "synthetic"
needs_corpus = pytest.mark.skipif(not SYNTHETIC.is_dir(), reason=f"shared corpus not found at {SHARED}")


def fake_extract(path: Path) -> Report:
    """A quick stand-in extractor; its behaviour is chosen by the file name."""
    name = path.name
    if "sleep" in name:
        time.sleep(30)
    if "deaf" in name:  # the alarm cannot interrupt it: the parent must kill the worker
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    if "hog" in name:
        hog = bytearray(3 * 1024**3)
        hog[-1] = 1
    if "segv" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "bug" in name:
        raise ValueError("a bug in the extractor")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    record = Record(row=1, issue=name, page_start=1, page_end=1)
    return Report(source=Source(file=name, sha256=sha, pages=1), records=[record])


def _files(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        path.write_bytes(f"%PDF-1.4 fake {name}".encode())
        paths.append(path)
    return paths


def _tasks(paths: list[Path]) -> list[Task]:
    return [Task(i, p, str(p), sha256_file(p), p.stem + ".json") for i, p in enumerate(paths)]


def _run(paths: list[Path], limits: Limits, workers: int = 2) -> dict[str, object]:
    return {task.path.name: result for task, result in run_pool(_tasks(paths), fake_extract, limits, workers)}


# ---------------------------------------------------------------- discovery and planning


def test_discover_folders_recursively_globs_and_missing(tmp_path: Path) -> None:
    _files(tmp_path / "a" / "deep", "x.PDF", "notes.txt")
    _files(tmp_path / "a", "b.pdf", "a.pdf")
    found = discover([str(tmp_path / "a"), str(tmp_path / "a" / "*.pdf"), str(tmp_path / "nope.pdf")])
    names = [Path(i.label).name for i in found]
    assert names == ["a.pdf", "b.pdf", "x.PDF", "a.pdf", "b.pdf", "nope.pdf"]
    assert found[-1].error is None  # a missing plain path fails later, with its name
    [miss] = discover([str(tmp_path / "zz*.pdf")])
    assert miss.error is not None and miss.error.code == "not_found"


def test_file_list_skips_blanks_and_comments() -> None:
    assert read_file_list("a.pdf\n\n# note\n  b c.pdf  \n") == ["a.pdf", "b c.pdf"]


def test_plan_dedupes_by_content_and_names_shared_stems(tmp_path: Path) -> None:
    one, two = _files(tmp_path / "x", "r.pdf", "s.pdf")
    other = _files(tmp_path / "y", "r.pdf")[0]
    other.write_bytes(b"%PDF-1.4 different")
    copy = tmp_path / "copy.pdf"
    shutil.copy(one, copy)
    inputs = [Input(p, str(p)) for p in (one, two, other, copy, tmp_path / "missing.pdf")]
    the_plan = plan(inputs, Limits())
    assert [t.output for t in the_plan.tasks] == [f"r-{sha256_file(one)[:8]}.json", "s.json",
                                                   f"r-{sha256_file(other)[:8]}.json"]  # fmt: skip
    dup, missing = the_plan.settled[3], the_plan.settled[4]
    assert dup.status == "skipped" and dup.duplicate_of == str(one)
    assert missing.status == "failed" and missing.error == "not_found" and str(tmp_path) in missing.message


def test_plan_refuses_too_large_files_before_hashing(tmp_path: Path) -> None:
    [big] = _files(tmp_path, "big.pdf")
    big.write_bytes(b"%PDF" + b"0" * 5000)
    the_plan = plan([Input(big, "big.pdf")], Limits(max_bytes=1000))
    line = the_plan.settled[0]
    assert (line.status, line.error, line.sha256) == ("failed", "file_too_large", None)


# ---------------------------------------------------------------- the pool and the limits


def test_time_limit_fires_in_the_worker(tmp_path: Path) -> None:
    start = time.monotonic()
    results = _run(_files(tmp_path, "sleep.pdf", "ok.pdf"), Limits(timeout_s=0.5))
    assert results["sleep.pdf"].error == "timeout" and results["sleep.pdf"].error_class == "TimeoutExceededError"
    assert results["ok.pdf"].error is None
    assert time.monotonic() - start < 5


def test_worker_deaf_to_the_alarm_is_killed_by_the_parent(tmp_path: Path) -> None:
    limits = Limits(timeout_s=0.3)
    results = _run(_files(tmp_path, "deaf.pdf", "ok.pdf"), limits)
    assert results["deaf.pdf"].error == "timeout" and "killed" in results["deaf.pdf"].message
    assert results["deaf.pdf"].seconds < limits.hard_deadline_s() + 2
    assert results["ok.pdf"].error is None


def test_memory_limit_is_set_on_the_worker(tmp_path: Path) -> None:
    results = _run(_files(tmp_path, "hog.pdf", "ok.pdf"), Limits(max_memory_mb=1500))
    assert results["hog.pdf"].error == "memory_exceeded"
    assert results["ok.pdf"].error is None


def test_dead_worker_is_replaced_and_its_file_reported(tmp_path: Path) -> None:
    names = ["a.pdf", "segv.pdf", "b.pdf", "bug.pdf", "c.pdf"]
    results = _run(_files(tmp_path, *names), Limits(), workers=1)
    assert set(results) == set(names)
    assert results["segv.pdf"].error == "worker_crashed" and "SIGSEGV" in results["segv.pdf"].message
    assert (results["bug.pdf"].error, results["bug.pdf"].error_class) == ("internal_error", "ValueError")
    assert all(results[n].error is None and results[n].records == 1 for n in ("a.pdf", "b.pdf", "c.pdf"))


@needs_corpus
def test_page_limit_uses_the_cheap_page_count(tmp_path: Path) -> None:
    pdf = SYNTHETIC / "syn05.pdf"
    assert count_pages(pdf) == 3
    assert count_pages(_files(tmp_path, "junk.pdf")[0]) is None
    [(_, result)] = list(run_pool(_tasks([pdf]), fake_extract, Limits(max_pages=2), 1))
    assert result.error == "too_many_pages" and result.pages == 3


def test_pool_overhead_per_file_is_small(tmp_path: Path) -> None:
    """Forking a worker per file must cost milliseconds, not the ~1 s a PDF takes."""
    paths = _files(tmp_path, *(f"f{i}.pdf" for i in range(30)))
    start = time.perf_counter()
    for path in paths:
        fake_extract(path).to_json()
    direct = time.perf_counter() - start
    start = time.perf_counter()
    results = list(run_pool(_tasks(paths), fake_extract, Limits(), 1))
    pooled = time.perf_counter() - start
    per_file_ms = (pooled - direct) / len(paths) * 1000
    print(f"\npool overhead: {per_file_ms:.1f} ms per file (1 worker, {len(paths)} files)")
    assert len(results) == len(paths)
    assert per_file_ms < 100


# ---------------------------------------------------------------- whole batches


def test_batch_writes_reports_and_resume_skips_finished(tmp_path: Path) -> None:
    inputs = discover([str(p) for p in _files(tmp_path / "in", "a.pdf", "b.pdf", "bug.pdf")])
    out = tmp_path / "out"
    failures: list[str] = []
    first = run_batch(inputs, BatchOptions(out_dir=out, workers=2), fake_extract, failures.append)
    assert [ln.status for ln in first.lines] == ["ok", "ok", "failed"] and first.complete
    assert len(failures) == 1 and "bug.pdf: internal_error: ValueError" in failures[0]
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "manifest.jsonl"]
    assert first.manifest == out / "manifest.jsonl" and len(read_manifest(first.manifest)) == 3
    assert set(finished_outputs(out)) == {ln.sha256 for ln in first.lines if ln.output}
    again = run_batch(inputs, BatchOptions(out_dir=out, workers=2, resume=True), fake_extract, failures.append)
    assert [ln.status for ln in again.lines] == ["ok", "ok", "failed"]  # the real status; failures are retried
    assert again.lines[0].output == "a.json" and again.lines[0].records == 1 and again.lines[0].seconds is None
    assert "already extracted in a.json" in again.lines[0].message


def test_stdout_mode_keeps_reports_in_memory(tmp_path: Path) -> None:
    inputs = discover([str(p) for p in _files(tmp_path, "a.pdf", "b.pdf")])
    batch = run_batch(inputs, BatchOptions(out_dir=None, workers=2), fake_extract, print)
    assert sorted(batch.texts) == [0, 1] and '"a.pdf"' in batch.texts[0]


@needs_corpus
def test_real_extraction_in_workers_needs_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers inherit a socket layer that refuses every connection; extraction must not notice."""
    import socket

    from ita_extract.pipeline import extract

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    batch = run_batch(discover([str(SYNTHETIC / "syn05.pdf")]), BatchOptions(workers=1), extract, print)
    [line] = batch.lines
    assert line.status in ("ok", "warning") and line.error is None
