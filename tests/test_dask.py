"""The batch on a Dask cluster: the local pool's outputs and promises, with files spread over workers.

A ``LocalCluster`` (two worker processes, one thread each, as the CLI starts it) is shared
by the in-process tests of this module; one test starts a real ``dask scheduler`` and two
``dask worker`` processes and kills one mid-run. Misbehaving files are played by a fake
extractor chosen by file name (as in ``test_batch.py``), poison PDFs by the bad corpus.
Skipped, saying so, when Dask is not installed (it is an optional extra).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'ita-extract[dask]'")

from bad.make_bad import cyclic_references  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from fakes import fake_pdfs, fake_report, misbehave  # noqa: E402
from ita_extract.cli import cli  # noqa: E402
from ita_extract.extract.batch.executors import Executor, open_executor  # noqa: E402
from ita_extract.extract.batch.limits import Limits  # noqa: E402
from ita_extract.extract.batch.manifest import ManifestLine, read_manifest  # noqa: E402
from ita_extract.extract.batch.pool import BatchOptions, Input, discover, run_batch  # noqa: E402
from ita_extract.pipeline import extract, warm_up  # noqa: E402
from ita_extract.schema import Report  # noqa: E402
from terminal import ctrl_c_on  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "samples").glob("*.pdf"))
BIN = Path(sys.executable).parent
REAL_EXTRACT = partial(extract, ocr="never")


def fake_extract(path: Path) -> Report:
    """A quick stand-in extractor, run in the Dask worker's child; what it does is chosen by the name.

    ``warm``: names the extractor's lazy data that was in memory already when the file started.
    ``kill-worker``: kills the Dask worker process (the child's parent) every time;
    ``kill-once``: only the first time (a marker file next to it remembers).
    """
    name = path.name
    misbehave(name)
    if "kill-worker" in name or ("kill-once" in name and not path.with_suffix(".killed").exists()):
        path.with_suffix(".killed").touch()
        os.kill(os.getppid(), signal.SIGKILL)
        time.sleep(30)
    return fake_report(path, " ".join(_loaded_data()) if "warm" in name else name)


def _loaded_data() -> list[str]:
    """The extractor's lazy data loaders (caches of one value) that hold their value in this process."""
    import functools
    import gc

    return sorted(f"{obj.__module__}.{obj.__qualname__}" for obj in gc.get_objects()
                  if isinstance(obj, functools._lru_cache_wrapper) and obj.__module__.startswith("ita_extract")
                  and obj.cache_info().maxsize in (1, None) and obj.cache_info().currsize)  # fmt: skip


@pytest.fixture(scope="module")
def dask_pool() -> Iterator[Executor]:
    """The executor ``--executor dask`` opens without ``--scheduler``: a LocalCluster of 2 processes."""
    with open_executor("dask", 2, warm_up=warm_up) as execute:
        yield execute


def _batch(inputs: list[Input], out: Path | None, execute: Executor | None, extract_fn=fake_extract, **kw):
    opts = BatchOptions(out_dir=out, workers=2, executor=execute, **kw)
    return run_batch(inputs, opts, extract_fn, lambda _message: None)


def _untimed(lines: list[ManifestLine]) -> list[dict]:
    return [{**vars(line), "seconds": None} for line in lines]


def _by_name(lines: list[ManifestLine]) -> dict[str, ManifestLine]:
    return {Path(line.path).name: line for line in lines}


# ---------------------------------------------------------------- same outputs as the local pool


def test_a_local_cluster_writes_the_same_bytes_as_the_local_pool_and_resumes_alike(
    tmp_path: Path, dask_pool: Executor
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for src in SAMPLES[:4]:
        (folder / src.name).write_bytes(src.read_bytes())
    (folder / "copy-of-sample01.pdf").write_bytes(SAMPLES[0].read_bytes())  # a duplicate: extracted once
    (folder / "html.pdf").write_bytes(b"<html><body>404</body></html>")
    inputs = discover([str(folder), str(tmp_path / "missing.pdf")])
    local, cluster = tmp_path / "local", tmp_path / "cluster"
    want = _batch(inputs, local, None, REAL_EXTRACT)
    got = _batch(inputs, cluster, dask_pool, REAL_EXTRACT)
    assert _untimed(got.lines) == _untimed(want.lines)
    assert [ln.status for ln in got.lines].count("skipped") == 1
    reports = sorted(p.name for p in local.glob("*.json"))
    assert len(reports) == 4 and reports == sorted(p.name for p in cluster.glob("*.json"))
    assert [n for n in reports if (cluster / n).read_bytes() != (local / n).read_bytes()] == []
    (cluster / reports[1]).unlink()  # as if the run had been killed before this report was written
    (local / reports[1]).unlink()
    again_local = _batch(inputs, local, None, REAL_EXTRACT, resume=True)
    again = _batch(inputs, cluster, dask_pool, REAL_EXTRACT, resume=True)
    assert _untimed(again.lines) == _untimed(again_local.lines)
    assert [ln.status for ln in again.lines].count("skipped") == 1  # the duplicate; resumed files keep their status
    assert sum("already extracted" in (ln.message or "") for ln in again.lines) == 3
    assert (cluster / reports[1]).read_bytes() == (local / reports[1]).read_bytes()


def test_stdout_mode_gets_the_report_texts_from_the_cluster(tmp_path: Path, dask_pool: Executor) -> None:
    inputs = discover([str(p) for p in fake_pdfs(tmp_path, "a.pdf", "b.pdf")])
    batch = _batch(inputs, None, dask_pool)
    assert sorted(batch.texts) == [0, 1] and '"a.pdf"' in batch.texts[0] and '"b.pdf"' in batch.texts[1]


# ---------------------------------------------------------------- limits inside the task


def test_runaway_files_are_one_manifest_line_each_and_the_dask_workers_survive(
    tmp_path: Path, dask_pool: Executor
) -> None:
    client = dask_pool.client
    workers_before = client.run(os.getpid)
    names = ["sleep.pdf", "deaf.pdf", "hog.pdf", "segv.pdf", "ok1.pdf", "ok2.pdf"]
    inputs = discover([str(p) for p in fake_pdfs(tmp_path / "in", *names)])
    limits = Limits(timeout_s=0.5, max_memory_mb=1500)
    start = time.monotonic()
    lines = _by_name(_batch(inputs, tmp_path / "out", dask_pool, limits=limits).lines)
    assert {n: lines[n].error for n in names} == {
        "sleep.pdf": "timeout", "deaf.pdf": "timeout", "hog.pdf": "memory_exceeded",
        "segv.pdf": "worker_crashed", "ok1.pdf": None, "ok2.pdf": None,
    }  # fmt: skip
    assert "killed" in lines["deaf.pdf"].message and "SIGSEGV" in lines["segv.pdf"].message
    assert time.monotonic() - start < 25, "a runaway file held its Dask worker past the hard deadline"
    assert client.run(os.getpid) == workers_before, "a runaway file cost a Dask worker"


def test_a_poison_pdf_times_out_on_the_cluster(tmp_path: Path, dask_pool: Executor) -> None:
    """A real PDF whose objects refer to each other makes pdfminer loop: the time limit ends it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cyclic-references.pdf").write_bytes(cyclic_references())
    (folder / "empty.pdf").write_bytes(b"")
    lines = _by_name(_batch(discover([str(folder)]), tmp_path / "out", dask_pool, REAL_EXTRACT,
                            limits=Limits(timeout_s=1.0)).lines)  # fmt: skip
    assert lines["cyclic-references.pdf"].error == "timeout"
    assert "cyclic-references.pdf" in lines["cyclic-references.pdf"].message
    assert lines["empty.pdf"].error == "empty_file"


def test_a_file_the_workers_cannot_see_is_reported_as_not_found(tmp_path: Path, dask_pool: Executor) -> None:
    [gone] = fake_pdfs(tmp_path, "gone.pdf")
    inputs = discover([str(gone)])
    execute = dask_pool

    def vanish_then_run(tasks, *args):  # noqa: ANN001, ANN202 - the file disappears after planning
        gone.unlink()
        yield from execute(tasks, *args)

    [line] = _batch(inputs, tmp_path / "out", vanish_then_run).lines
    assert line.error == "not_found" and "Dask worker" in line.message and "gone.pdf" in line.message


def test_thai_dictionaries_are_loaded_before_the_first_file_of_each_worker(
    tmp_path: Path, dask_pool: Executor
) -> None:
    """The plugin loads the data in each worker process; every file's child is forked with it in memory."""
    names = [f"warm{i}.pdf" for i in range(4)]
    batch = _batch(discover([str(p) for p in fake_pdfs(tmp_path / "in", *names)]), tmp_path / "out", dask_pool)
    seen = {json.loads((tmp_path / "out" / ln.output).read_text())["records"][0]["issue"] for ln in batch.lines}
    in_workers = {" ".join(names) for names in dask_pool.client.run(_loaded_data).values()}
    assert len(in_workers) == 1 and seen == in_workers
    assert "ita_extract.extract.thai.spacing.reference_evidence" in seen.pop()  # warm_up's spacing evidence


def test_a_lost_worker_file_is_retried_once_then_reported(tmp_path: Path, dask_pool: Executor) -> None:
    """Killing the Dask worker itself (not the child) is what a dead machine looks like to the scheduler."""
    names = ["kill-once.pdf", "kill-worker.pdf", "ok1.pdf", "ok2.pdf"]
    inputs = discover([str(p) for p in fake_pdfs(tmp_path / "in", *names)])
    lines = _by_name(_batch(inputs, tmp_path / "out", dask_pool).lines)
    assert lines["kill-once.pdf"].status == "ok"  # lost once, retried on another worker
    assert lines["kill-worker.pdf"].error == "worker_crashed"
    assert "lost while extracting this file, 2 times" in lines["kill-worker.pdf"].message
    assert lines["ok1.pdf"].status == lines["ok2.pdf"].status == "ok"
    dask_pool.client.wait_for_workers(2, timeout=60)  # the nannies restarted them, for later tests


def test_a_scheduler_that_refuses_remote_code_gets_a_note_not_a_crash() -> None:
    from ita_extract.extract.batch.dask_executor import _tune_scheduler

    class RefusingClient:  # what a scheduler with distributed.scheduler.pickle off answers
        def run_on_scheduler(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("pickled functions are not allowed")

    notes: list[str] = []
    _tune_scheduler(RefusingClient(), notes.append)
    [note] = notes
    assert note.startswith("note: could not set the Dask scheduler's retries (RuntimeError)")
    assert "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1" in note


# ---------------------------------------------------------------- the command line


def test_executor_dask_without_dask_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [pdf] = fake_pdfs(tmp_path, "a.pdf")
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets when absent
    result = CliRunner().invoke(cli, ["extract", str(pdf), "-o", str(tmp_path / "o"), "--executor", "dask"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: --executor dask needs Dask, which is not installed: pip install 'ita-extract[dask]'"
    ]
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --executor dask"),
        (["--executor", "dask", "--scheduler", "tcp://127.0.0.1:1", "-j", "2"], "the cluster decides"),
    ],
)
def test_scheduler_options_that_cannot_go_together_are_usage_errors(tmp_path: Path, args: list[str], says: str) -> None:
    [pdf] = fake_pdfs(tmp_path, "a.pdf")
    result = CliRunner().invoke(cli, ["extract", str(pdf), *args])
    assert result.exit_code == 2 and says in result.output


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    [pdf] = fake_pdfs(tmp_path, "a.pdf")
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    proc = subprocess.run([str(BIN / "ita-extract"), "extract", str(pdf), "-o", str(tmp_path / "o"),
                           "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"],
                          capture_output=True, text=True, timeout=60, env=env)  # fmt: skip
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


# ---------------------------------------------------------------- real processes


def _distinct_copies(folder: Path, sources: list[Path], n: int) -> list[Path]:
    """n distinct inputs cycling over ``sources``: a comment after %%EOF changes only the sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{i:02d}-{sources[i % len(sources)].name}"
        path.write_bytes(sources[i % len(sources)].read_bytes() + f"\n% copy {i}\n".encode())
        paths.append(path)
    return paths


def _wait_for(check, seconds: float, what: str):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.02)
    raise AssertionError(f"gave up after {seconds:g} s waiting for {what}")


def _check_run(folder: Path, out: Path) -> list[ManifestLine]:
    """One manifest line per input, every report complete and of its own input."""
    lines = read_manifest(out / "manifest.jsonl")
    assert sorted(Path(ln.path).name for ln in lines) == sorted(p.name for p in folder.iterdir())
    for line in lines:
        report = json.loads((out / line.output).read_text(encoding="utf-8"))
        assert report["source"]["sha256"] == hashlib.sha256(Path(line.path).read_bytes()).hexdigest()
    return lines


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[Path, list[subprocess.Popen]]]:
    """A `dask scheduler` and two one-thread `dask worker` processes on 127.0.0.1 (no nanny: a killed
    worker stays dead). Yields the scheduler file and the worker processes; ends them all."""
    started: list[subprocess.Popen] = []
    sched_file = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        started.append(subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                         "--no-dashboard", "--scheduler-file", str(sched_file)], **quiet))  # fmt: skip
        _wait_for(sched_file.exists, 60, "the scheduler file")
        workers = [subprocess.Popen([str(BIN / "dask"), "worker", "--scheduler-file", str(sched_file),
                                     "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                     "--name", f"w{i}"], **quiet) for i in range(2)]  # fmt: skip
        started += workers
        yield sched_file, workers
    finally:
        for proc in started:
            proc.kill()
            proc.wait()


def test_a_worker_killed_mid_file_on_a_real_cluster_loses_no_file(
    tmp_path: Path, cluster: tuple[Path, list[subprocess.Popen]]
) -> None:
    import psutil  # a dependency of distributed

    sched_file, workers = cluster
    address = json.loads(sched_file.read_text())["address"]
    folder, out = tmp_path / "in", tmp_path / "out"
    _distinct_copies(folder, SAMPLES, 6)
    run = subprocess.Popen([str(BIN / "ita-extract"), "extract", str(folder), "-o", str(out), "--ocr", "never",
                            "--executor", "dask", "--scheduler", address],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip

    def busy_worker() -> tuple[psutil.Process, list[psutil.Process]] | None:
        assert run.poll() is None, f"the run ended before a worker could be killed: {run.communicate()[1]}"
        for worker in workers:
            children = psutil.Process(worker.pid).children()
            if children:  # the forked child extracting a file right now
                return psutil.Process(worker.pid), children
        return None

    victim, orphans = _wait_for(busy_worker, 90, "a worker to start a file")
    victim.kill()
    _, stderr = run.communicate(timeout=180)
    assert run.returncode == 0, stderr
    assert "allowed-failures 3 → 1" in stderr and "Traceback" not in stderr
    lines = _check_run(folder, out)
    assert {ln.status for ln in lines} <= {"ok", "warning"}
    assert not any(child.is_running() and child.status() != psutil.STATUS_ZOMBIE for child in orphans)


def test_ctrl_c_on_a_local_cluster_leaves_a_consistent_run_that_resumes(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    n = 40  # enough that the run cannot finish between its first report and the Ctrl-C, on a loaded machine too
    _distinct_copies(folder, SAMPLES, n)
    args = [str(folder), "-o", str(out), "--ocr", "never", "-q"]
    run = subprocess.Popen([str(BIN / "ita-extract"), "extract", *args, "--executor", "dask", "-j", "2"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           start_new_session=True, preexec_fn=ctrl_c_on)  # fmt: skip
    journal = out / "manifest.jsonl.part"
    _wait_for(lambda: journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= 1, 120, "a first file")
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    _, stderr = run.communicate(timeout=60)
    assert run.returncode != 0 and "Traceback" not in stderr, stderr
    _wait_for(lambda: not _group_alive(run.pid), 30, "the cluster's processes to end")
    done = read_manifest(journal) if journal.exists() else read_manifest(out / "manifest.jsonl")
    assert 1 <= len(done) < n, "the run finished before Ctrl-C could interrupt it"
    for line in done:  # every report the journal names is there, whole
        assert json.loads((out / line.output).read_text(encoding="utf-8"))["source"]["sha256"] == line.sha256
    assert not list(out.glob(".ita-tmp-*"))
    resumed = subprocess.run([str(BIN / "ita-extract"), "extract", *args, "--resume"], capture_output=True,
                             text=True, timeout=180)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    lines = _check_run(folder, out)
    assert sum("already extracted" in (ln.message or "") for ln in lines) == len(done)


def _group_alive(pgid: int) -> bool:
    """Whether any process of the process group ``pgid`` is still running."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False
