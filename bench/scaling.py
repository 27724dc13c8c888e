#!/usr/bin/env python3
"""Scaling: the own process pool against a Dask LocalCluster on the same cores, and a national run estimated.

    python bench/scaling.py                  # 120 files, 3 rounds of each executor, alternating
    python bench/scaling.py --quick          # 12 files, 1 round (a smoke run, numbers meaningless)
    python bench/scaling.py --ocr            # also time OCR per page on one scanned sample
    python bench/scaling.py --json out.json  # also write the numbers

Both executors run the CLI as a user would (``--ocr never``, ``-j 2``) over the same
distinct copies of ten report-sized files (bench/run.py's batch corpus). The rounds
alternate (pool, cluster, pool, cluster …) so a change in the machine's load falls on
both alike, and each run records how busy the machine was besides us: the 1-minute load
average before it, and the CPU time that other processes took while it ran (all busy
time in /proc/stat less our process tree's own).

Measured per run: wall time and files/s over the whole run (start-up and close
included), and the steady rate between the first and the last report written (from
the reports' modification times), which is what a long batch sees; and the CPU time of
the run's own processes, which the machine's load does not change (on a busy machine a
run's wall time is set by its share of the CPU, so CPU time is the fairer comparison
there). The national run
(8,300 agencies × 3 documents) is then estimated from these per-file costs; every
assumption it needs is printed beside it. Nothing asserts a time: a measuring tool.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from run import CLI, REPO, corpus, machine, page_count, scaled_copies

AGENCIES, DOCUMENTS = 8300, 3  # domain notes 1.5: about 8,300 agencies take part each year
CORES = (1, 8, 64)
# Share of scanned files: the shared real corpus (5 scans among 37 files, collected from
# agency sites, not a random sample) until a crawl measures it.
SCAN_SHARE = 5 / 37
OCR_S_PER_PAGE = 4.5  # docs/BENCHMARKS.md: the whole OCR path per page (wall), unless --ocr measures CPU here


@dataclass
class Run:
    executor: str
    files: int
    seconds: float
    steady_files_per_s: float
    load_before: float
    others_cpu_share: float  # of all cores, by processes that are not this run's, while it ran
    cpu_s: float  # CPU time of the run's own processes (CLI, workers, their children)
    exit_code: int
    file_seconds: list[float]

    @property
    def files_per_s(self) -> float:
        return self.files / self.seconds


def _busy_jiffies() -> tuple[int, int]:
    """(busy, total) CPU jiffies of the whole machine since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _our_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and every process it waited for
    return usage.ru_utime + usage.ru_stime


def run_cli(folder: Path, out: Path, executor: str, workers: int) -> Run:
    """The CLI over ``folder``; timing, steady rate from the reports' mtimes, and the machine's load."""
    cmd = [*CLI, "extract", str(folder), "-o", str(out), "-j", str(workers), "-q", "--ocr", "never",
           "--executor", executor]  # fmt: skip
    load = os.getloadavg()[0]
    busy0, total0 = _busy_jiffies()
    ours0 = _our_cpu_s()
    start = time.time()
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    seconds = time.time() - start
    busy1, total1 = _busy_jiffies()
    ticks = os.sysconf("SC_CLK_TCK")
    ours = _our_cpu_s() - ours0
    others = max(0.0, (busy1 - busy0) / ticks - ours) / ((total1 - total0) / ticks)
    if code not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} exited {code}")
    lines = [json.loads(t) for t in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    stamps = sorted((out / ln["output"]).stat().st_mtime for ln in lines if ln.get("output"))
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
    file_seconds = [ln["seconds"] for ln in lines if ln.get("seconds") is not None]
    return Run(executor, len(lines), seconds, steady, load, others, ours, code, file_seconds)


def client_cost_s(files: list[Path], out: Path) -> float:
    """What the client does per file whatever the executor: hash it, write a report atomically."""
    from ita_extract.extract.batch.writers import atomic_write_text

    out.mkdir(parents=True, exist_ok=True)
    report = json.dumps({"records": [{"issue": "มาตรการ" * 40}] * 16}, ensure_ascii=False)
    start = time.perf_counter()
    for i, path in enumerate(files):
        hashlib.sha256(path.read_bytes()).hexdigest()
        atomic_write_text(out / f"r{i}.json", report)
    return (time.perf_counter() - start) / len(files)


def _cpu_s() -> float:
    """CPU time of this process and of the processes it waited for (Tesseract runs as one)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def ocr_cpu_s_per_page(tmp: Path) -> float:
    """OCR one scanned sample (tests/scans/make_scans.py): CPU seconds per page, which load does not inflate."""
    sys.path.insert(0, str(REPO / "tests" / "scans"))
    from ita_extract import extract
    from make_scans import scan_pdf

    scan = scan_pdf(REPO / "samples" / "sample03.pdf", tmp / "scan03.pdf")
    extract(REPO / "samples" / "sample01.pdf")  # imports and dictionaries load before the clock starts
    start = _cpu_s()
    extract(scan, ocr="always")
    return (_cpu_s() - start) / page_count(scan)


def national(core_s_per_file: float, fixed_s: float, scan_pages: float, ocr_s: float) -> list[dict]:
    """Hours for 8,300 × 3 files at each core count, born-digital only and with the scan share."""
    n = AGENCIES * DOCUMENTS
    rows = []
    for cores in CORES:
        digital = n * core_s_per_file / cores + fixed_s
        mixed = n * ((1 - SCAN_SHARE) * core_s_per_file + SCAN_SHARE * scan_pages * ocr_s) / cores + fixed_s
        rows.append({"cores": cores, "born_digital_h": digital / 3600, "with_scans_h": mixed / 3600})
    return rows


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} (min {min(values):.3f}, max {max(values):.3f}, n={len(values)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="12 files, one round: a smoke run")
    ap.add_argument("--copies", type=int, default=None, help="files per batch (default 120; 12 with --quick)")
    ap.add_argument("--rounds", type=int, default=None, help="runs of each executor (default 3; 1 with --quick)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ocr", action="store_true", help="measure OCR seconds per page on one scanned sample")
    ap.add_argument("--json", type=Path, help="write the numbers here too")
    args = ap.parse_args()
    copies, rounds = args.copies or (12 if args.quick else 120), args.rounds or (1 if args.quick else 3)
    typical = [f for f in corpus(False) if page_count(f) <= 30][:10]
    scan_pages = statistics.mean(page_count(f) for f in typical)  # a scanned report is as long as a typed one
    print(f"machine {machine()}; {copies} files × {rounds} rounds × 2 executors, {args.workers} workers")
    runs: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        files = scaled_copies(typical, copies, folder)
        for r in range(rounds):
            for executor in ("local", "dask"):
                run = run_cli(folder, Path(tmp) / f"{executor}{r}", executor, args.workers)
                runs.append(run)
                print(f"{executor:5s} round {r}: {run.seconds:6.1f} s, {run.files_per_s:5.2f} files/s whole run, "
                      f"{run.steady_files_per_s:5.2f} files/s steady, {run.cpu_s / run.files:.3f} CPU s/file; load {run.load_before:.1f} before, "
                      f"others took {run.others_cpu_share:.0%} of the CPU", flush=True)
        client_s = client_cost_s(files, Path(tmp) / "client")
        ocr_s = ocr_cpu_s_per_page(Path(tmp)) if args.ocr else OCR_S_PER_PAGE
    pool = [r for r in runs if r.executor == "local"]
    dask = [r for r in runs if r.executor == "dask"]
    whole = [d.files_per_s / p.files_per_s for p, d in zip(pool, dask)]
    steady = [d.steady_files_per_s / p.steady_files_per_s for p, d in zip(pool, dask)]
    print(f"LocalCluster / own pool, files/s over the whole run: {_spread(whole)}")
    print(f"LocalCluster / own pool, steady files/s:            {_spread(steady)}")
    fixed = [(d.seconds - d.files / d.steady_files_per_s) - (p.seconds - p.files / p.steady_files_per_s)
             for p, d in zip(pool, dask)]  # fmt: skip
    cpu = [d.cpu_s / p.cpu_s for p, d in zip(pool, dask)]
    print(f"LocalCluster / own pool, CPU seconds for the batch: {_spread(cpu)}")
    print(f"extra fixed cost of the cluster (start + close), s:  {_spread(fixed)}")
    core_s = [args.workers / r.steady_files_per_s for r in pool]
    dask_core_s = [args.workers / r.steady_files_per_s for r in dask]
    median_file = statistics.median(s for r in pool for s in r.file_seconds)
    print(f"core-seconds per file (steady): own pool {_spread(core_s)}, LocalCluster {_spread(dask_core_s)}; "
          f"worker-side median per file {median_file:.2f} s")
    print(f"client per file (hash + atomic report write): {client_s * 1000:.1f} ms; OCR {ocr_s:.2f} CPU s/page; "
          f"scans: {SCAN_SHARE:.0%} of files, {scan_pages:.1f} pages each")
    # Dedicated cores: a file costs the CPU time it took here (Dask's share included), whatever the load.
    dask_cpu = statistics.median(r.cpu_s / r.files for r in dask)
    estimate = national(dask_cpu, statistics.median(fixed), scan_pages, ocr_s)
    print(f"national run, {AGENCIES:,} agencies × {DOCUMENTS} documents = {AGENCIES * DOCUMENTS:,} files, "
          f"{dask_cpu:.3f} CPU s per born-digital file (LocalCluster runs), dedicated cores:")
    for row in estimate:
        print(f"  {row['cores']:3d} cores: {row['born_digital_h']:7.1f} h born-digital, "
              f"{row['with_scans_h']:7.1f} h with scans")
    if args.json:
        args.json.write_text(json.dumps({
            "machine": machine(), "runs": [asdict(r) | {"files_per_s": r.files_per_s} for r in runs],
            "ratio_whole": whole, "ratio_steady": steady, "ratio_cpu": cpu, "fixed_s": fixed, "core_s_pool": core_s,
            "core_s_dask": dask_core_s, "cpu_s_per_file_dask": dask_cpu, "client_s": client_s,
            "ocr_cpu_s_per_page": ocr_s, "scan_pages": scan_pages, "national": estimate}, indent=1), encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
