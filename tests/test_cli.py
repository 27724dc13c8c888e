"""The command line on real PDFs: layouts, manifest, exit codes, resume after SIGKILL, combine.

These tests check the batch's promises (what is written where, statuses, exit codes,
equivalence of a killed-and-resumed run), not the extractor's quality: where a report's
content matters the expected value comes from the library itself.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pty
import re
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import ita_extract
import pytest
from click.testing import CliRunner
from ita_extract.cli import ExitCode, cli
from ita_extract.extract.batch.manifest import read_manifest
from terminal import ctrl_c_on

REPO = Path(__file__).parents[1]
SHARED = REPO.parent / "shared"
SYNTHETIC = SHARED / "corpus" / "synthetic"
REAL = SHARED / "corpus" / "real"
pytestmark = pytest.mark.skipif(not SYNTHETIC.is_dir(), reason=f"shared corpus not found at {SHARED}")

FAST = SYNTHETIC / "syn05.pdf"  # the quickest synthetic report (~0.2 s)
TEXT_NO_TABLE = REAL / "nongyai-sso_EB1-1.3_memo.pdf"  # real memo: reads, but has no measures table
SCANNED = REAL / "phichai-hosp_moit1-2-68_scanned-canon.pdf"  # no text layer: needs_ocr
SAMPLES = sorted((REPO / "samples").glob("*.pdf"))[:1]  # generated samples, when present


EXE = str(Path(sys.executable).parent / "ita-extract")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script in a real process (exit codes, stderr, signals as users see them)."""
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120)


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _copies(folder: Path, source: Path, n: int) -> list[Path]:
    """n distinct files with the same pages: a PDF comment after %%EOF changes only the sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    paths = []
    for i in range(n):
        path = folder / f"copy{i:02d}.pdf"
        path.write_bytes(data + f"\n% copy {i}\n".encode())
        paths.append(path)
    return paths


def _broken(folder: Path) -> list[str]:
    """The files a crawler really brings home: empty, cut short, an HTML error page, noise."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zero.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(FAST.read_bytes()[:2000])
    (folder / "error-page.pdf").write_text("<!DOCTYPE html><html><body>404</body></html>")
    (folder / "noise.pdf").write_bytes(os.urandom(4096))
    return ["zero.pdf", "truncated.pdf", "error-page.pdf", "noise.pdf"]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


# ---------------------------------------------------------------- one file


def test_one_file_prints_the_contract_json() -> None:
    result = _run("extract", str(FAST))
    expected = ita_extract.extract(FAST).to_json()
    assert result.exit_code == 0
    assert result.stdout == expected + "\n"
    assert result.stderr == ""


def test_bad_input_is_one_line_with_file_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "page.pdf"
    bad.write_text("<html>not a pdf</html>")
    result = _cli("extract", str(bad))
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{bad}: ") and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", "x.pdf", "-f", "parquet"],
        ["extract", "x.pdf", "--resume"],
        ["extract", "x.pdf", "--workers", "0"],
        ["extract", "x.pdf", "-f", "pdf"],
        ["combine"],
    ],
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    assert CliRunner().invoke(cli, args).exit_code == 2


def test_output_that_is_a_file_is_bad_usage(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("")
    assert CliRunner().invoke(cli, ["extract", str(FAST), "-o", str(tmp_path / "out")]).exit_code == 2


def test_schema_is_unchanged() -> None:
    result = _run("schema")
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == "Report"


# ---------------------------------------------------------------- a mixed folder


@pytest.mark.skipif(not REAL.is_dir(), reason="real corpus missing")
def test_mixed_folder_of_good_reports_and_broken_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    broken = _broken(folder / "broken")
    good = [FAST, TEXT_NO_TABLE, SCANNED, *SAMPLES]
    for pdf in good:
        shutil.copy(pdf, folder / pdf.name)
    shutil.copy(FAST, folder / "again.pdf")  # same bytes as syn05.pdf: a duplicate
    out = tmp_path / "out"
    result = _run("extract", str(folder), "-o", str(out), "-f", "csv", "--workers", "2")
    assert result.exit_code == 1
    lines = read_manifest(out / "manifest.jsonl")
    by_name = {Path(line.path).name: line for line in lines}
    assert len(lines) == 5 + len(good) and set(by_name) == {*broken, *(p.name for p in good), "again.pdf"}
    for name in broken:
        line = by_name[name]
        assert line.status == "failed" and line.output is None and line.error and line.error_class
        assert line.message.startswith(line.path + ": ") and "\n" not in line.message
        assert line.message in result.stderr
    assert by_name[SCANNED.name].status == "failed" or by_name[SCANNED.name].records == 0
    dup = by_name["again.pdf"]  # sorted first, so it is the one extracted
    assert by_name[FAST.name].status == "skipped" and by_name[FAST.name].duplicate_of == dup.path
    assert by_name[FAST.name].output == dup.output
    reports = {line.output for line in lines if line.output}
    assert sorted(p.name for p in out.iterdir()) == sorted([*reports, "manifest.jsonl", "records.csv", "scores.csv"])
    counted = 0
    for line in lines:
        if line.status in ("ok", "warning"):
            text = (out / line.output).read_text(encoding="utf-8")
            report = ita_extract.Report.model_validate_json(text)
            assert report.to_json() == text and report.source.sha256 == line.sha256
            assert line.records == len(report.records) and line.seconds is not None
            counted += len(report.records)
    assert len(_csv_rows(out / "records.csv")) == counted > 0
    assert f"{len(lines)} files: " in result.stderr and f"manifest {out / 'manifest.jsonl'}" in result.stderr


def test_output_names_stay_inside_out_and_are_unique(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "sub", tmp_path / "b"
    _copies(a, FAST, 1)
    _copies(b, FAST, 2)[1].unlink()
    (b / "copy00.pdf").write_bytes(FAST.read_bytes() + b"\n% other\n")
    evil = tmp_path / "=HYPERLINK(1)..pdf"
    shutil.copy(FAST, evil)
    listing = tmp_path / "list.txt"
    listing.write_text(f"{a}/../sub/copy00.pdf\n{b / 'copy00.pdf'}\n{evil}\n")
    out = tmp_path / "out"
    result = _run("extract", "--files-from", str(listing), "-o", str(out), "-f", "csv", "-q")
    assert result.exit_code == 0 and result.stderr == ""
    names = sorted(p.name for p in out.iterdir())
    assert names[0] == "=HYPERLINK(1).json" and names[1].startswith("copy00-") and names[2].startswith("copy00-")
    assert all(p.parent == out for p in out.iterdir())
    rows = _csv_rows(out / "records.csv")
    assert {r["source_file"] for r in rows} >= {"'=HYPERLINK(1)..pdf"}


# ---------------------------------------------------------------- resume after SIGKILL


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != "manifest.jsonl"}


def _worker_pids(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (forked workers share the CLI's)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker in (proc / "cmdline").read_bytes().decode(errors="replace"):
                    pids.append(int(proc.name))
            except OSError:
                continue
    return pids


def test_sigkill_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copies(folder, FAST, 8)
    _broken(folder)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    args = ["-f", "csv", "--workers", "2", "-q"]
    assert _cli("extract", str(folder), "-o", str(clean), *args).returncode == 1
    proc = subprocess.Popen([EXE, "extract", str(folder), "-o", str(killed), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(killed.glob("copy*.json")) and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (killed / "manifest.jsonl").exists(), "the run finished before it could be killed"
    time.sleep(0.3)
    assert _worker_pids(str(killed)) == [], "workers outlived the killed batch"
    resumed = _cli("extract", str(folder), "-o", str(killed), *args, "--resume")
    assert resumed.returncode == 1  # the broken files fail again
    got, want = _snapshot(killed), _snapshot(clean)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []
    resumed_lines = read_manifest(killed / "manifest.jsonl")
    assert any("already extracted in" in (ln.message or "") for ln in resumed_lines)
    first = [(ln.path, ln.sha256, ln.output, ln.status) for ln in read_manifest(clean / "manifest.jsonl")]
    assert first == [(ln.path, ln.sha256, ln.output, ln.status) for ln in resumed_lines]  # real statuses, not "skipped"


# ---------------------------------------------------------------- formats and combine


def test_combine_writes_every_format_from_earlier_runs(tmp_path: Path) -> None:
    copies = _copies(tmp_path / "in", FAST, 3)
    run1, run2 = tmp_path / "run1", tmp_path / "run2"
    assert _run("extract", str(copies[0]), str(copies[1]), "-o", str(run1), "-q").exit_code == 0
    assert _run("extract", str(copies[1]), str(copies[2]), "-o", str(run2), "-f", "jsonl", "-q").exit_code == 0
    per_report = len(json.loads((run1 / "copy00.json").read_text())["records"])
    for fmt in ("csv", "jsonl", "parquet", "xlsx"):
        out = tmp_path / f"all-{fmt}"
        result = _run("combine", str(run1), str(run2), "-o", str(out), "-f", fmt, "-q")
        assert result.exit_code == 0
        assert (out / f"records.{fmt}").exists()
        assert sorted(p.name for p in out.glob("copy*.json")) == ["copy00.json", "copy01.json", "copy02.json"]
        assert (out / "copy01.json").read_bytes() == (run1 / "copy01.json").read_bytes()
        lines = read_manifest(out / "manifest.jsonl")
        assert [ln.status for ln in lines].count("skipped") == 1  # copy01 was in both runs
    assert len(_csv_rows(tmp_path / "all-csv" / "records.csv")) == 3 * per_report
    jsonl = (tmp_path / "all-jsonl" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(jsonl) == 3 * per_report
    stdout = _run("combine", str(run1), "-f", "csv")
    assert stdout.exit_code == 0 and stdout.stdout.startswith("\ufeffsource_file,")


# ---------------------------------------------------------------- progress bar


def _in_pty(*args: str) -> str:
    """Run the CLI with stderr on a terminal; return what the terminal saw."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a real terminal has a size
    proc = subprocess.Popen([EXE, *args], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode(errors="replace")


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    _broken(tmp_path / "in")
    shown = _in_pty("extract", str(tmp_path / "in"), "-o", str(tmp_path / "o1"), "--workers", "2")
    assert "file/s" in shown and "4 failed" in shown
    quiet = _in_pty("extract", str(tmp_path / "in"), "-o", str(tmp_path / "o2"), "--quiet")
    assert "file/s" not in quiet and "failed" not in quiet.split(": ", 1)[-1].split("\n")[-1]
    assert _run("extract", str(tmp_path / "in"), "-o", str(tmp_path / "o3")).stderr.count("file/s") == 0


# ---------------------------------------------------------------- issue 19: exit codes, interrupts, -o failures


def test_help_documents_every_exit_code() -> None:
    shown = _run("extract", "--help").stdout
    assert "\b" not in shown  # click's no-rewrap marks are used, not shown
    listed = re.findall(r"^ {4}(\d+) +\S", shown.split("Exit codes:")[1], re.M)
    assert listed == [str(int(code)) for code in ExitCode]


def _wait_for(pattern: str, folder: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not list(folder.glob(pattern)) and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_keeps_what_finished_and_resume_completes_it(tmp_path: Path, sig: signal.Signals) -> None:
    """Found: Ctrl-C lost a 3,000-report run's table and manifest (click's "Aborted!", exit 1)."""
    folder, out = tmp_path / "in", tmp_path / "out"
    _copies(folder, FAST, 12)
    proc = subprocess.Popen([EXE, "extract", str(folder), "-o", str(out), "-f", "csv", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_on)  # fmt: skip
    _wait_for("copy01.json", out)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in stderr
    lines = read_manifest(out / "manifest.jsonl")
    assert 2 <= len(lines) < 12 and all(ln.status == "ok" for ln in lines)
    assert stderr.strip().splitlines()[-1] == f"interrupted: {len(lines)} of 12 done; rerun with --resume"
    assert sorted(p.name for p in out.glob("*.json")) == sorted(ln.output for ln in lines)
    assert len(_csv_rows(out / "records.csv")) == sum(ln.records for ln in lines)
    assert not (out / "manifest.jsonl.part").exists()
    resumed = _cli("extract", str(folder), "-o", str(out), "-f", "csv", "--resume", "-q")
    assert resumed.returncode == 0 and len(read_manifest(out / "manifest.jsonl")) == 12


def test_a_run_killed_twice_leaves_each_input_once_in_the_journal(tmp_path: Path) -> None:
    """Found: a run killed twice left duplicate journal lines."""
    folder, out = tmp_path / "in", tmp_path / "out"
    _copies(folder, FAST, 10)
    for wanted in ("copy01.json", "copy04.json"):
        proc = subprocess.Popen([EXE, "extract", str(folder), "-o", str(out), "--workers", "1", "--resume", "-q"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        _wait_for(wanted, out)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    journal = [ln.path for ln in read_manifest(out / "manifest.jsonl.part")]
    assert len(journal) == len(set(journal)) >= 5


HOLD = "import sys; from ita_extract.extract.batch.outdir import OutputFolder; OutputFolder(__import__('pathlib').Path(sys.argv[1])).open(); print('held', flush=True); sys.stdin.read()"


def test_a_second_run_into_the_same_folder_is_refused_with_one_line(tmp_path: Path) -> None:
    """Found: with no lock, concurrent runs overwrote each other's manifest (a 40-input run ended with 1 line)."""
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"
        second = _cli("extract", str(FAST), "-o", str(out))
        run = tmp_path / "run"
        assert _cli("extract", str(FAST), "-o", str(run), "-q").returncode == 0
        combined = _cli("combine", str(run), "-o", str(out))
    finally:
        holder.communicate("")
    for proc in (second, combined):
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr == f"{out}: another ita-extract run is writing to this folder; wait for it to finish or choose another -o\n"
    assert sorted(p.name for p in out.iterdir()) == []  # nothing was written
    assert _cli("extract", str(FAST), "-o", str(out), "-q").returncode == 0  # the lock went with its process


@pytest.mark.parametrize("where", ["a-file/sub", "/proc/ita-extract/out"])
def test_an_output_folder_that_cannot_be_created_exits_2_with_one_line(tmp_path: Path, where: str) -> None:
    """Found: an uncreatable -o gave a traceback and exit 1."""
    (tmp_path / "a-file").write_text("")
    out = Path(where) if where.startswith("/") else tmp_path / where
    result = _cli("extract", str(FAST), "-o", str(out))
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{out}: cannot create the output folder: ")


def _in_tmpfs(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace where ``$MNT`` is a tiny tmpfs (skip where that is not allowed)."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {mnt}"],
                           capture_output=True, text=True)  # fmt: skip
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs in a user namespace here: {probe.stderr.strip()}")
    env = {**os.environ, "MNT": str(mnt), "EXE": EXE, "FAST": str(FAST), "KEEP": str(tmp_path / "keep")}
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=600)


def test_a_full_disk_stops_cleanly_and_resume_finishes_with_space(tmp_path: Path) -> None:
    """Found: both disk-full runs gave a traceback and lost their manifest."""
    _copies(tmp_path / "in", FAST, 12)
    size = len(ita_extract.extract(FAST).to_json().encode()) * 5  # room for about four reports
    proc = _in_tmpfs(tmp_path, f"""
        mount -t tmpfs -o size={size} tmpfs "$MNT" || exit 99
        "$EXE" extract {tmp_path / 'in'} -o "$MNT/out" --workers 1 -f csv 2>"$MNT/../err1.txt"; echo "first=$?"
        mkdir -p "$KEEP"; cp -a "$MNT/out" "$KEEP/full"
        mount -o remount,size=50m "$MNT"
        "$EXE" extract {tmp_path / 'in'} -o "$MNT/out" --workers 1 -f csv --resume -q; echo "second=$?"
        cp -a "$MNT/out" "$KEEP/done"
    """)
    assert "first=74" in proc.stdout and "second=0" in proc.stdout, proc.stdout + proc.stderr
    err = (tmp_path / "err1.txt").read_text()
    assert "Traceback" not in err and "No space left on device" in err
    assert err.strip().splitlines()[-1].startswith("stopped: ") and "rerun with --resume" in err
    full, done = tmp_path / "keep" / "full", tmp_path / "keep" / "done"
    kept = list(full.glob("copy*.json"))
    assert kept and all(ita_extract.Report.model_validate_json(p.read_text()) for p in kept)  # whole, not torn
    assert not list(full.glob(".ita-tmp-*"))
    assert len(read_manifest(done / "manifest.jsonl")) == 12 and len(list(done.glob("copy*.json"))) == 12


def test_a_read_only_output_folder_exits_2_before_any_work(tmp_path: Path) -> None:
    """Found: a read-only -o gave a traceback and exit 1."""
    proc = _in_tmpfs(tmp_path, """
        mount -t tmpfs -o size=1m tmpfs "$MNT" && mkdir "$MNT/out" && mount -o remount,ro "$MNT" || exit 99
        "$EXE" extract "$FAST" -o "$MNT/out"; echo "existing=$?"
        "$EXE" extract "$FAST" -o "$MNT/new"; echo "new=$?"
    """)
    assert "existing=2" in proc.stdout and "new=2" in proc.stdout, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    said = proc.stderr.splitlines()
    assert len(said) == 2 and all("Read-only file system" in line for line in said)


def test_an_internal_error_is_one_line_with_the_traceback_in_a_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from ita_extract.cli import extracting as cli_module

    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli_module, "run_batch", bug)
    result = CliRunner().invoke(cli, ["extract", str(FAST), "-o", str(tmp_path / "out")])
    assert result.exit_code == 70
    [line] = result.stderr.splitlines()
    assert line.startswith("ita-extract: internal error (a bug, please report it): ZeroDivisionError: a bug; details in ")
    details = Path(line.rsplit("details in ", 1)[1])
    assert "Traceback" in details.read_text() and "ZeroDivisionError" in details.read_text()
    details.unlink()


def test_files_from_a_tis620_list_works_end_to_end(tmp_path: Path) -> None:
    """Found: a --files-from list in TIS-620 (Thai Windows) gave a UnicodeDecodeError traceback."""
    pdf = tmp_path / "รายงาน.pdf"
    shutil.copy(FAST, pdf)
    listing = tmp_path / "list.txt"
    listing.write_bytes(str(tmp_path).encode() + b"/" + "รายงาน.pdf".encode("cp874") + b"\r\n")
    result = _cli("extract", "--files-from", str(listing), "-o", str(tmp_path / "out"), "-q")
    assert result.returncode == 0 and result.stderr == ""
    [line] = read_manifest(tmp_path / "out" / "manifest.jsonl")
    assert line.path == str(pdf) and line.output == "รายงาน.json"


def test_combine_skips_a_stray_json_and_a_fifo_with_one_line_each(tmp_path: Path) -> None:
    """Found: a malformed JSON in a run folder crashed ``combine``; a FIFO named ``*.json`` hung it."""
    run = tmp_path / "run"
    assert _run("extract", *map(str, _copies(tmp_path / "in", FAST, 2)), "-o", str(run), "-q").exit_code == 0
    (run / "manifest.jsonl").unlink()  # read the folder's JSON files, strays included
    (run / "stray.json").write_text('{"source": {"sha256": "' + "a" * 64 + '"}, "records": 7}')
    os.mkfifo(run / "pipe.json")
    result = subprocess.run([EXE, "combine", str(run), "-o", str(tmp_path / "all"), "-f", "csv"],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0 and "Traceback" not in result.stderr
    said = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in said[:-1]] == [str(run / "pipe.json"), str(run / "stray.json")]
    assert said[-1].startswith("2 files: 2 ok")


def test_the_batch_freezes_the_loaded_heap_while_its_workers_run_and_thaws_it_after() -> None:
    """gc.freeze() before the workers fork (they neither walk nor copy what the parent loaded),
    and the process's collector as it was once the command returns (a test, a notebook)."""
    import gc

    from ita_extract.cli.extracting import _frozen_heap

    before = gc.get_freeze_count()
    with _frozen_heap(True):
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == before
    with _frozen_heap(False):
        assert gc.get_freeze_count() == before


@pytest.mark.skipif(not SAMPLES, reason="no samples")
def test_the_extract_command_leaves_the_collector_unfrozen(tmp_path: Path) -> None:
    import gc

    before = gc.get_freeze_count()
    result = CliRunner().invoke(cli, ["extract", str(SAMPLES[0]), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == before
