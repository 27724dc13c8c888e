"""Batch machinery: discovery, hashing and dedupe, resume state, and the worker pool's limits.

The pool is driven with fake extract functions that misbehave on purpose (sleep past the
time limit, block the alarm, eat memory, segfault, raise a bug) so these tests check the
batch's promises without depending on the extractor's quality.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from fakes import fake_pdfs, fake_report, misbehave
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
from ita_extract.schema import Report

REPO = Path(__file__).parents[1]
SHARED = REPO.parent / "shared"
SYNTHETIC = SHARED / "corpus" / "synthetic"
needs_corpus = pytest.mark.skipif(not SYNTHETIC.is_dir(), reason=f"shared corpus not found at {SHARED}")


def fake_extract(path: Path) -> Report:
    """A quick stand-in extractor; its behaviour is chosen by the file name (``fakes.misbehave``, ``bug``)."""
    misbehave(path.name)
    if "bug" in path.name:
        raise ValueError("a bug in the extractor")
    return fake_report(path, path.name)


def _tasks(paths: list[Path]) -> list[Task]:
    return [Task(i, p, str(p), sha256_file(p), p.stem + ".json") for i, p in enumerate(paths)]


def _run(paths: list[Path], limits: Limits, workers: int = 2) -> dict[str, object]:
    return {task.path.name: result for task, result in run_pool(_tasks(paths), fake_extract, limits, workers)}


# ---------------------------------------------------------------- discovery and planning


def test_discover_folders_recursively_globs_and_missing(tmp_path: Path) -> None:
    fake_pdfs(tmp_path / "a" / "deep", "x.PDF", "notes.txt")
    fake_pdfs(tmp_path / "a", "b.pdf", "a.pdf")
    found = discover([str(tmp_path / "a"), str(tmp_path / "a" / "*.pdf"), str(tmp_path / "nope.pdf")])
    names = [Path(i.label).name for i in found]
    assert names == ["a.pdf", "b.pdf", "x.PDF", "a.pdf", "b.pdf", "nope.pdf"]
    assert found[-1].error is None  # a missing plain path fails later, with its name
    [miss] = discover([str(tmp_path / "zz*.pdf")])
    assert miss.error is not None and miss.error.code == "not_found"


def test_file_list_skips_blanks_and_comments() -> None:
    assert read_file_list("a.pdf\n\n# note\n  b c.pdf  \n") == ["a.pdf", "b c.pdf"]


def test_plan_dedupes_by_content_and_names_shared_stems(tmp_path: Path) -> None:
    one, two = fake_pdfs(tmp_path / "x", "r.pdf", "s.pdf")
    other = fake_pdfs(tmp_path / "y", "r.pdf")[0]
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
    [big] = fake_pdfs(tmp_path, "big.pdf")
    big.write_bytes(b"%PDF" + b"0" * 5000)
    the_plan = plan([Input(big, "big.pdf")], Limits(max_bytes=1000))
    line = the_plan.settled[0]
    assert (line.status, line.error, line.sha256) == ("failed", "file_too_large", None)


# ---------------------------------------------------------------- the pool and the limits


def test_time_limit_fires_in_the_worker(tmp_path: Path) -> None:
    start = time.monotonic()
    results = _run(fake_pdfs(tmp_path, "sleep.pdf", "ok.pdf"), Limits(timeout_s=0.5))
    assert results["sleep.pdf"].error == "timeout" and results["sleep.pdf"].error_class == "TimeoutExceededError"
    assert results["ok.pdf"].error is None
    assert time.monotonic() - start < 5


def test_worker_deaf_to_the_alarm_is_killed_by_the_parent(tmp_path: Path) -> None:
    limits = Limits(timeout_s=0.3)
    results = _run(fake_pdfs(tmp_path, "deaf.pdf", "ok.pdf"), limits)
    assert results["deaf.pdf"].error == "timeout" and "killed" in results["deaf.pdf"].message
    assert results["deaf.pdf"].seconds < limits.hard_deadline_s() + 2
    assert results["ok.pdf"].error is None


def test_memory_limit_is_set_on_the_worker(tmp_path: Path) -> None:
    results = _run(fake_pdfs(tmp_path, "hog.pdf", "ok.pdf"), Limits(max_memory_mb=1500))
    assert results["hog.pdf"].error == "memory_exceeded"
    assert results["ok.pdf"].error is None


def test_dead_worker_is_replaced_and_its_file_reported(tmp_path: Path) -> None:
    names = ["a.pdf", "segv.pdf", "b.pdf", "bug.pdf", "c.pdf"]
    results = _run(fake_pdfs(tmp_path, *names), Limits(), workers=1)
    assert set(results) == set(names)
    assert results["segv.pdf"].error == "worker_crashed" and "SIGSEGV" in results["segv.pdf"].message
    assert (results["bug.pdf"].error, results["bug.pdf"].error_class) == ("internal_error", "ValueError")
    assert all(results[n].error is None and results[n].records == 1 for n in ("a.pdf", "b.pdf", "c.pdf"))


@needs_corpus
def test_page_limit_uses_the_cheap_page_count(tmp_path: Path) -> None:
    pdf = SYNTHETIC / "syn05.pdf"
    assert count_pages(pdf) == 3
    assert count_pages(fake_pdfs(tmp_path, "junk.pdf")[0]) is None
    [(_, result)] = list(run_pool(_tasks([pdf]), fake_extract, Limits(max_pages=2), 1))
    assert result.error == "too_many_pages" and result.pages == 3


def test_pool_overhead_per_file_is_small(tmp_path: Path) -> None:
    """Forking a worker per file must cost milliseconds, not the ~1 s a PDF takes."""
    paths = fake_pdfs(tmp_path, *(f"f{i}.pdf" for i in range(30)))
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
    inputs = discover([str(p) for p in fake_pdfs(tmp_path / "in", "a.pdf", "b.pdf", "bug.pdf")])
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
    inputs = discover([str(p) for p in fake_pdfs(tmp_path, "a.pdf", "b.pdf")])
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


# ---------------------------------------------------------------- issue 19: nothing lost, nothing hangs


@pytest.fixture
def alarm() -> object:
    """Fail a test that hangs (discovery that never ends, a FIFO that blocks) instead of hanging the suite."""

    def _hung(signum: int, frame: object) -> None:
        raise TimeoutError("hung")

    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_symlinked_folders_are_not_followed_and_each_file_is_listed_once(tmp_path: Path, alarm: object) -> None:
    """Found: two links ``x -> .`` made ``'**/*.pdf'`` run forever; one link gave 41 manifest lines for one file."""
    root = tmp_path / "in"
    fake_pdfs(root / "sub", "b.pdf")
    fake_pdfs(root, "a.pdf")
    (root / "x").symlink_to(".")
    (root / "y").symlink_to(".")
    (root / "sub" / "up").symlink_to("..")
    (root / "c.pdf").symlink_to("a.pdf")  # the same file under a second name
    want = [str(root / "a.pdf"), str(root / "sub" / "b.pdf")]
    assert [i.label for i in discover([str(root)])] == want
    assert [i.label for i in discover([str(root / "**" / "*.pdf")])] == want
    assert [i.label for i in discover([str(root / "*")])] == want
    linked = discover([str(root / "x")])  # a link named on the command line is followed, once
    assert len(linked) == 2 and all(i.error is None for i in linked)


def test_dangling_links_and_fifos_named_pdf_get_one_failed_line_each(tmp_path: Path, alarm: object) -> None:
    """Found: dangling symlinks and FIFOs named ``*.pdf`` were silently left out."""
    root = tmp_path / "in"
    fake_pdfs(root, "good.pdf")
    (root / "gone.pdf").symlink_to(root / "missing.pdf")
    os.mkfifo(root / "pipe.pdf")
    batch = run_batch(discover([str(root)]), BatchOptions(workers=1), fake_extract, lambda m: None)
    by_name = {Path(ln.path).name: ln for ln in batch.lines}
    assert sorted(by_name) == ["gone.pdf", "good.pdf", "pipe.pdf"]
    assert by_name["good.pdf"].status == "ok"
    assert by_name["gone.pdf"].error == "not_found" and "broken symbolic link" in by_name["gone.pdf"].message
    assert by_name["pipe.pdf"].error == "not_found" and "named pipe (FIFO)" in by_name["pipe.pdf"].message


def test_extract_on_a_fifo_fails_at_once_instead_of_hanging(tmp_path: Path, alarm: object) -> None:
    """Found: ``extract()`` on a FIFO blocked forever in ``open``."""
    import ita_extract
    from ita_extract.extract.errors import InputNotFoundError

    os.mkfifo(tmp_path / "pipe.pdf")
    with pytest.raises(InputNotFoundError, match="named pipe"):
        ita_extract.extract(tmp_path / "pipe.pdf")


TIS620_NAME = "รายงาน".encode("cp874")  # what a list saved on Thai Windows holds


def test_file_list_in_tis620_finds_files_by_their_bytes_or_their_thai_name(tmp_path: Path) -> None:
    """Found: ``--files-from`` with a TIS-620 list gave a UnicodeDecodeError traceback."""
    exact = tmp_path / os.fsdecode(b"zip-" + TIS620_NAME + b".pdf")  # a name kept as TIS-620 bytes (from a zip)
    exact.write_bytes(b"%PDF-1.4 a")
    thai = tmp_path / "win-รายงาน.pdf"  # the same Thai, stored as UTF-8 by the file system
    thai.write_bytes(b"%PDF-1.4 b")
    base = os.fsencode(tmp_path) + b"/"
    listing = b"\r\n".join([base + b"zip-" + TIS620_NAME + b".pdf", base + b"win-" + TIS620_NAME + b".pdf",
                            b"# a comment", base + b"gone-" + TIS620_NAME + b".pdf", b""])  # fmt: skip
    names = read_file_list(listing)
    assert names[:2] == [str(exact), str(thai)]
    assert os.fsencode(names[2]).endswith(b"gone-" + TIS620_NAME + b".pdf")  # kept as its bytes
    lines = plan([Input(Path(n), n) for n in names], Limits()).settled
    assert lines[2].error == "not_found" and "not UTF-8" in lines[2].message and "\\xc3" in lines[2].message


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b""])
def test_file_list_with_a_byte_order_mark_or_in_utf16(bom: bytes) -> None:
    assert read_file_list(bom + "a.pdf\r\nรายงาน.pdf\n".encode()) == ["a.pdf", "รายงาน.pdf"]
    assert read_file_list("\ufeffa.pdf\r\nรายงาน.pdf\r\n".encode("utf-16-le")) == ["a.pdf", "รายงาน.pdf"]


def _named(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(f"%PDF-1.4 {content}".encode())
    return path


@pytest.mark.parametrize("resume", [False, True])
def test_a_report_is_never_replaced_by_a_different_files(tmp_path: Path, resume: bool) -> None:
    """Found: two different ITA-o36.pdf on two days: the second run replaced the first report."""
    out = tmp_path / "out"
    day1 = _named(tmp_path / "day1", "ITA-o36.pdf", "monday")
    day2 = _named(tmp_path / "day2", "ITA-o36.pdf", "tuesday")
    run_batch(discover([str(day1)]), BatchOptions(out_dir=out), fake_extract, print)
    first = (out / "ITA-o36.json").read_bytes()
    second = run_batch(discover([str(day2)]), BatchOptions(out_dir=out, resume=resume), fake_extract, print)
    [line] = second.lines
    assert line.output == f"ITA-o36-{sha256_file(day2)[:8]}.json"
    assert (out / "ITA-o36.json").read_bytes() == first  # Monday's report untouched
    again = run_batch(discover([str(day1)]), BatchOptions(out_dir=out, resume=resume), fake_extract, print)
    assert again.lines[0].output == "ITA-o36.json"  # a file's report keeps its name, run after run


def test_a_name_taken_by_a_symlink_or_a_users_file_is_left_alone(tmp_path: Path) -> None:
    """Found: a symlink with a report's name in -o gave a traceback."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.txt"
    out.mkdir()
    elsewhere.write_text("not yours")
    (out / "a.json").symlink_to(elsewhere)
    (out / "b.json").write_text("my notes")
    inputs = discover([str(p) for p in fake_pdfs(tmp_path / "in", "a.pdf", "b.pdf")])
    batch = run_batch(inputs, BatchOptions(out_dir=out), fake_extract, print)
    assert [ln.status for ln in batch.lines] == ["ok", "ok"] and batch.complete
    assert all(ln.output and ln.output.endswith(".json") and "-" in ln.output for ln in batch.lines)
    assert elsewhere.read_text() == "not yours" and (out / "b.json").read_text() == "my notes"
    assert (out / "a.json").is_symlink()


def test_a_second_run_into_a_held_folder_is_refused_and_running_temps_survive(tmp_path: Path) -> None:
    """Found: no lock on -o: concurrent runs overwrote each other's manifest and deleted each other's temps."""
    from ita_extract.extract.batch.outdir import OutputFolder, OutputFolderError

    out = tmp_path / "out"
    inputs = discover([str(p) for p in fake_pdfs(tmp_path / "in", "a.pdf")])
    with OutputFolder(out):
        live = out / f".ita-tmp-{os.getpid()}-abcdefgh.tmp"  # a temp this (running) process is writing
        live.write_text("half")
        with pytest.raises(OutputFolderError, match="another ita-extract run is writing to this folder"):
            run_batch(inputs, BatchOptions(out_dir=out), fake_extract, print)
    batch = run_batch(inputs, BatchOptions(out_dir=out), fake_extract, print)
    assert batch.complete and live.exists()


@pytest.mark.parametrize("where", ["file/sub", "/proc/ita-extract-test"])
def test_an_output_folder_that_cannot_be_made_is_refused_before_any_work(tmp_path: Path, where: str) -> None:
    from ita_extract.extract.batch.outdir import OutputFolderError

    (tmp_path / "file").write_text("")
    out = tmp_path / where if not where.startswith("/") else Path(where)
    ran: list[Path] = []
    with pytest.raises(OutputFolderError, match="cannot create the output folder"):
        run_batch(discover([str(p) for p in fake_pdfs(tmp_path / "in", "a.pdf")]), BatchOptions(out_dir=out),
                  lambda p: ran.append(p), print)  # fmt: skip
    assert ran == []


def test_a_full_disk_mid_run_stops_cleanly_and_resume_finishes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found: an error writing to -o (disk full) gave a traceback, stopped the batch and lost the manifest."""
    import errno

    from ita_extract.extract.batch import pool

    real, writes = pool.atomic_write_text, []

    def fills_up(target: Path, text: str) -> None:
        writes.append(target.name)
        if len(writes) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(target, text)

    monkeypatch.setattr(pool, "atomic_write_text", fills_up)
    inputs = discover([str(p) for p in fake_pdfs(tmp_path / "in", *(f"f{i}.pdf" for i in range(6)))])
    out = tmp_path / "out"
    batch = run_batch(inputs, BatchOptions(out_dir=out, workers=1, table_format="csv"), fake_extract, print)
    assert not batch.complete and len(batch.errors) == 1
    assert "cannot write the report: No space left on device" in batch.errors[0]
    assert len(batch.lines) == 2 and [ln.status for ln in read_manifest(out / "manifest.jsonl")] == ["ok", "ok"]
    assert sorted(p.name for p in out.glob("*.json")) == ["f0.json", "f1.json"]
    assert len((out / "records.csv").read_text(encoding="utf-8-sig").splitlines()) == 3  # header + 2 records
    monkeypatch.setattr(pool, "atomic_write_text", real)
    done = run_batch(inputs, BatchOptions(out_dir=out, workers=1, resume=True), fake_extract, print)
    assert done.complete and [ln.status for ln in done.lines] == ["ok"] * 6


def test_a_stray_or_malformed_json_in_the_folder_is_skipped_with_a_warning_on_resume(tmp_path: Path,
                                                                                     alarm: object) -> None:  # fmt: skip
    """Found: a malformed JSON (or a FIFO named ``*.json``) in -o crashed (or hung) ``--resume``."""
    out = tmp_path / "out"
    inputs = discover([str(p) for p in fake_pdfs(tmp_path / "in", "a.pdf", "b.pdf")])
    run_batch(inputs, BatchOptions(out_dir=out), fake_extract, print)
    (out / "broken.json").write_text('{"source": {"sha256": "' + "a" * 64 + '", "pages": "many"}, "records": 5')
    (out / "shaped.json").write_text('{"source": {"sha256": "' + "b" * 64 + '", "pages": "x"}, "records": 5}')
    (out / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    os.mkfifo(out / "pipe.json")
    (out / "a.json").write_text((out / "a.json").read_text()[:-20])  # a report cut short: redone
    heard: list[str] = []
    again = run_batch(inputs, BatchOptions(out_dir=out, resume=True), fake_extract, heard.append)
    assert again.complete and [ln.status for ln in again.lines] == ["ok", "ok"]
    assert again.lines[0].seconds is not None and again.lines[1].seconds is None  # a redone, b resumed
    assert sorted(Path(h.split(": ")[0]).name for h in heard) == ["a.json", "broken.json", "deep.json",
                                                                   "pipe.json", "shaped.json"]  # fmt: skip
    assert all("\n" not in h for h in heard)


def test_a_file_changed_after_hashing_gets_no_second_sha256(tmp_path: Path) -> None:
    """Found: a file changing mid-run got two different sha256 (the manifest's and its report's)."""

    def changes_under_us(path: Path) -> Report:
        path.write_bytes(path.read_bytes() + b"% more")
        return fake_extract(path)

    [line] = run_batch(discover([str(p) for p in fake_pdfs(tmp_path, "a.pdf")]), BatchOptions(out_dir=tmp_path / "o"),
                       changes_under_us, print).lines  # fmt: skip
    assert (line.status, line.error, line.output) == ("failed", "input_changed", None)
    assert list((tmp_path / "o").glob("a*.json")) == []


def _starve(path: Path) -> Report:
    """Use up every byte the worker may map, keep it (in a global, beyond any traceback), then fail."""
    import resource

    pages = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (pages, resource.getrlimit(resource.RLIMIT_AS)[1]))
    global _HOARD
    for size in (1 << 16, 4096, 512, 64, 8, 1):
        try:
            while True:
                _HOARD = (_HOARD, bytes(size))
        except MemoryError:
            pass
    raise MemoryError


_HOARD: object = None


def test_running_out_of_memory_still_sends_a_result(tmp_path: Path) -> None:
    """Found: a memory bomb sometimes gave "worker exited with code 0 without a result": building the
    failure result raised a second MemoryError. The result is now prebuilt and sent without allocating."""
    paths = fake_pdfs(tmp_path, "starve.pdf", "ok.pdf")
    results = {t.path.name: r for t, r in run_pool(_tasks(paths), _starve_or_fake, Limits(max_memory_mb=4096), 1)}
    assert (results["starve.pdf"].error, results["starve.pdf"].error_class) == ("memory_exceeded", "MemoryExceededError")
    assert results["starve.pdf"].seconds is not None and results["ok.pdf"].error is None


def _starve_or_fake(path: Path) -> Report:
    return _starve(path) if "starve" in path.name else fake_extract(path)


def test_the_memory_limit_counts_from_what_a_forked_worker_already_maps(tmp_path: Path) -> None:
    """Found: a worker forked from a process mapping more than ``--max-memory`` (a notebook, a Dask
    worker, a long test run) failed every file at its first allocation: the cap was absolute."""
    import mmap

    from ita_extract.pipeline import extract

    sample = REPO / "samples" / "sample03.pdf"
    reserved = mmap.mmap(-1, 3 << 30)  # 3 GiB of address space, never touched: no memory used
    try:
        [(_, result)] = list(run_pool(_tasks([sample]), extract, Limits(max_memory_mb=1024), 1))
    finally:
        reserved.close()
    assert (result.error, result.records) == (None, 16)
