#!/usr/bin/env python3
"""Issue 19's fault probe: each case in real ita-extract processes, one JSON line per case, then a total.

    python tools/fault_probe.py OUT.json                      # the installed code
    python tools/fault_probe.py OUT.json --pythonpath DIR     # another tree: DIR/ita_extract (e.g. a git archive)

Disk-full and read-only cases mount a tmpfs in a user namespace (``unshare -rm``); the bombs come
from ``tests/bad/make_bad.py``. ``docs/RELIABILITY.md`` gives the figures of a run before and after
the fixes. Linux only; takes a few minutes.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1])
ENV = dict(os.environ)
if "--pythonpath" in sys.argv:
    ENV["PYTHONPATH"] = sys.argv[sys.argv.index("--pythonpath") + 1]
PY = sys.executable
FAST = REPO.parent / "shared" / "corpus" / "synthetic" / "syn05.pdf"
if not FAST.is_file():
    FAST = REPO / "samples" / "sample03.pdf"
sys.path.insert(0, str(REPO / "tests"))
from bad.make_bad import build  # noqa: E402

BAD = Path(tempfile.mkdtemp(prefix="probe-bad-"))
build(BAD)
results = []
THREADS = """
import threading
from pathlib import Path
import pypdfium2 as pdfium
files = sorted(Path("SAMPLES").glob("*.pdf"))
try:  # after issue 19: the code's own pdfium calls, under its lock
    from ita_extract.extract.page import guard
    def read(path):
        guard.page_texts(path)
        doc = guard.open_pdfium(path)
        for i in range(len(doc)):
            guard.render_page(doc, i, scale=0.5)
        guard.close_pdfium(doc)
except ImportError:  # before: the calls pdf.py and ocr/reader.py made, bare
    def read(path):
        doc = pdfium.PdfDocument(str(path))
        for i in range(len(doc)):
            doc[i].get_textpage().get_text_range()
            doc[i].render(scale=0.5, grayscale=True).to_pil()
        doc.close()
def work(k):
    for i in range(10):
        read(files[(i + k) % len(files)])
threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
"""


def cli(*args, timeout=120, **kw):
    try:
        p = subprocess.run(
            [PY, "-m", "ita_extract", *map(str, args)],
            capture_output=True,
            text=True,
            env=ENV,
            timeout=timeout,
            **kw,
        )
        return p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        return "hang", ""


def case(name, failed, lost=0, note=""):
    results.append({"case": name, "failed": bool(failed), "lost": lost, "note": note})
    print(json.dumps(results[-1]), flush=True)


def copies(folder, n, src=FAST):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"copy{i:02d}.pdf").write_bytes(src.read_bytes() + f"\n% {i}\n".encode())


def tb(err):
    return "Traceback" in err


W = Path(tempfile.mkdtemp(prefix="probe-"))
# 1: same name, different content, with and without resume
for resume in ([], ["--resume"]):
    d = W / f"same{len(resume)}"
    a = d / "a" / "ITA-o36.pdf"
    b = d / "b" / "ITA-o36.pdf"
    a.parent.mkdir(parents=True)
    b.parent.mkdir(parents=True)
    a.write_bytes(FAST.read_bytes())
    b.write_bytes(FAST.read_bytes() + b"\n% day 2\n")
    cli("extract", a, "-o", d / "out", "-q")
    first = (d / "out" / "ITA-o36.json").read_text()
    cli("extract", b, "-o", d / "out", "-q", *resume)
    kept = any(p.read_text() == first for p in (d / "out").glob("*.json"))
    case(f"1 same name, different content{' (--resume)' if resume else ''}", not kept, 0 if kept else 1)
# 2a: -o is the input folder holding .ita-tmp-* files of the user
d = W / "tmpdel"
d.mkdir()
(d / ".ita-tmp-evil.pdf").write_bytes(FAST.read_bytes())
(d / ".ita-tmp-notes.txt").write_text("mine")
cli("extract", d / ".ita-tmp-evil.pdf", "-o", d, "-q")
gone = [n for n in (".ita-tmp-evil.pdf", ".ita-tmp-notes.txt") if not (d / n).exists()]
case("2 start-up removes user's .ita-tmp-* files in -o", gone, len(gone))
# 2b: two runs into one -o at once
d = W / "conc"
copies(d / "in1", 20)
copies(d / "in2", 2)
p1 = subprocess.Popen(
    [PY, "-m", "ita_extract", "extract", d / "in1", "-o", d / "out", "--workers", "1", "-q"],
    env=ENV,
    stderr=subprocess.PIPE,
    text=True,
)
time.sleep(3)
rc2, err2 = cli("extract", d / "in2", "-o", d / "out", "-q")
p1.wait()
lines = (
    len((d / "out" / "manifest.jsonl").read_text().splitlines())
    if (d / "out" / "manifest.jsonl").exists()
    else 0
)
case(
    "2 two runs into one -o at once",
    rc2 != 2 or lines != 20,
    0 if lines == 20 else 20 - lines,
    f"second exit {rc2}, manifest {lines} lines",
)
# 3: uncreatable -o, symlink with a report's name
rc, err = cli("extract", FAST, "-o", "/proc/probe/out")
case("3 uncreatable -o", rc != 2 or tb(err), note=f"exit {rc}")
d = W / "link"
(d / "out").mkdir(parents=True)
(d / "target.txt").write_text("keep")
(d / "out" / "syn05.json").symlink_to(d / "target.txt")
rc, err = cli("extract", FAST, "-o", d / "out", "-q")
case(
    "3 symlink with a report's name in -o",
    rc != 0 or tb(err) or (d / "target.txt").read_text() != "keep",
    note=f"exit {rc}",
)
# 3: read-only and disk-full (tmpfs in a user namespace)
d = W / "fs"
d.mkdir()
copies(d / "in", 12)
size = 5 * len(FAST.read_bytes())
script = f"""
mount -t tmpfs -o size=1m tmpfs {d}/ro && mkdir {d}/ro/out && mount -o remount,ro {d}/ro
{PY} -m ita_extract extract {FAST} -o {d}/ro/out 2>{d}/ro.err; echo ro=$?
mount -t tmpfs -o size=160k tmpfs {d}/full
{PY} -m ita_extract extract {d}/in -o {d}/full/out --workers 1 -f csv 2>{d}/full.err; echo full=$?
ls {d}/full/out > {d}/full.ls; mount -o remount,size=50m {d}/full
{PY} -m ita_extract extract {d}/in -o {d}/full/out --workers 1 -f csv --resume -q 2>>{d}/full.err; echo resumed=$?
wc -l < {d}/full/out/manifest.jsonl > {d}/full.lines 2>/dev/null
"""
(d / "ro").mkdir()
(d / "full").mkdir()
p = subprocess.run(
    ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=ENV, timeout=600
)
codes = dict(x.split("=") for x in p.stdout.split())
ro_err = (d / "ro.err").read_text()
full_err = (d / "full.err").read_text()
case("3 read-only -o", codes.get("ro") != "2" or tb(ro_err), note=f"exit {codes.get('ro')}")
resumed_lines = (d / "full.lines").read_text().strip() if (d / "full.lines").exists() else "0"
case(
    "3 disk full mid-run, then --resume",
    codes.get("full") == "1" or tb(full_err) or resumed_lines != "12",
    note=f"exit {codes.get('full')}, resume exit {codes.get('resumed')}, {resumed_lines} lines",
)
# 4: threads
script = THREADS.replace("SAMPLES", str(REPO / "samples"))
crashes = sum(
    subprocess.run([PY, "-c", script], env=ENV, capture_output=True).returncode != 0 for _ in range(5)
)
case("4 pdfium from 4 threads (5 runs)", crashes, note=f"{crashes} of 5 crashed")
# 5: symlink loops
d = W / "loops"
d.mkdir()
shutil.copy(FAST, d / "a.pdf")
(d / "x").symlink_to(".")
(d / "y").symlink_to(".")
rc, err = cli("extract", f"{d}/**/*.pdf", "-o", d / "out", "-q", timeout=60)
case("5 '**/*.pdf' with two links x -> .", rc != 0, note=f"exit {rc}")
d = W / "loop1"
d.mkdir()
shutil.copy(FAST, d / "a.pdf")
(d / "x").symlink_to(".")
rc, err = cli("extract", f"{d}/**/*.pdf", "-o", d / "out", "-q", timeout=120)
n = (
    len((d / "out" / "manifest.jsonl").read_text().splitlines())
    if (d / "out" / "manifest.jsonl").exists()
    else 0
)
case("5 '**/*.pdf' with one link x -> .", n != 1, note=f"{n} manifest lines for 1 file")
# 6, 8: bombs and false count
d = W / "bombs"
d.mkdir()
for n in ("bomb-xref-stream.pdf", "bomb-object-stream.pdf", "bomb-inline-image.pdf", "false-page-count.pdf"):
    shutil.copy(BAD / n, d / n)
cli(
    "extract",
    d,
    "-o",
    d / "out",
    "--workers",
    "1",
    "--max-memory",
    "1024",
    "--max-pages",
    "100",
    "--ocr",
    "auto",
    timeout=300,
)
for line in (d / "out" / "manifest.jsonl").read_text().splitlines():
    ln = json.loads(line)
    want = "too_many_pages" if "false" in ln["path"] else "memory_exceeded"
    case(
        f"{'8' if 'false' in ln['path'] else '6'} {Path(ln['path']).name}",
        ln["error"] != want,
        note=str(ln["error"]),
    )
# 9: TIS-620 list
d = W / "tis"
d.mkdir()
shutil.copy(FAST, d / "รายงาน.pdf")
(d / "l.txt").write_bytes(str(d).encode() + b"/" + "รายงาน.pdf".encode("cp874") + b"\n")
rc, err = cli("extract", "--files-from", d / "l.txt", "-o", d / "out", "-q")
case("9 --files-from in TIS-620", rc != 0 or tb(err), note=f"exit {rc}")
# 10: resume with FIFO json / malformed json; status after resume
d = W / "res"
copies(d / "in", 2)
cli("extract", d / "in", "-o", d / "out", "-q")
(d / "out" / "bad.json").write_text('{"source": {"sha256": "' + "a" * 64 + '", "pages": "x"}, "records": 5}')
rc, err = cli("extract", d / "in", "-o", d / "out", "-q", "--resume")
case("10 malformed JSON in -o on --resume", rc != 0 or tb(err), note=f"exit {rc}")
st = (
    [json.loads(row)["status"] for row in (d / "out" / "manifest.jsonl").read_text().splitlines()]
    if rc == 0
    else []
)
case("10 status after --resume", st != ["ok", "ok"], note=str(st))
(d / "out" / "bad.json").unlink()
os.mkfifo(d / "out" / "pipe.json")
rc, err = cli("extract", d / "in", "-o", d / "out", "-q", "--resume", timeout=30)
case("10 FIFO named *.json on --resume", rc != 0, note=f"exit {rc}")
rc, err = cli("combine", d / "out", "-o", d / "all", timeout=30)
case("10 FIFO named *.json on combine", rc != 0, note=f"exit {rc}")
# 10: extract() on a FIFO; dangling link & FIFO named .pdf
d = W / "fifo"
d.mkdir()
os.mkfifo(d / "p.pdf")
(d / "gone.pdf").symlink_to(d / "missing.pdf")
shutil.copy(FAST, d / "ok.pdf")
try:
    r = subprocess.run(
        [PY, "-c", f"import ita_extract; ita_extract.extract('{d}/p.pdf')"],
        env=ENV,
        capture_output=True,
        timeout=20,
    )
    hung = False
except subprocess.TimeoutExpired:
    hung = True
case("10 extract() on a FIFO", hung, note="hangs" if hung else "typed error")
rc, err = cli("extract", d, "-o", d / "out", "-q")
n = (
    len((d / "out" / "manifest.jsonl").read_text().splitlines())
    if (d / "out" / "manifest.jsonl").exists()
    else 0
)
case("10 dangling link and FIFO named *.pdf", n != 3, note=f"{n} manifest lines for 3 entries")
# 10: Ctrl-C
d = W / "int"
copies(d / "in", 12)
p = subprocess.Popen(
    [PY, "-m", "ita_extract", "extract", d / "in", "-o", d / "out", "--workers", "1", "-f", "csv"],
    env=ENV,
    stderr=subprocess.PIPE,
    text=True,
    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal, even if we run in the background
)
deadline = time.time() + 60
while not (d / "out" / "copy01.json").exists() and time.time() < deadline:
    time.sleep(0.01)
p.send_signal(signal.SIGINT)
_, err = p.communicate(timeout=60)
has_manifest = (d / "out" / "manifest.jsonl").exists() and (d / "out" / "records.csv").exists()
case(
    "10 Ctrl-C: exit 130, table and manifest of what finished",
    p.returncode != 130 or not has_manifest or tb(err),
    note=f"exit {p.returncode}, manifest+table {has_manifest}",
)
# 10: killed twice: journal duplicates
d = W / "kill2"
copies(d / "in", 10)
for want in ("copy01.json", "copy04.json"):
    p = subprocess.Popen(
        [PY, "-m", "ita_extract", "extract", d / "in", "-o", d / "out", "--workers", "1", "-q", "--resume"],
        env=ENV,
    )
    deadline = time.time() + 60
    while not (d / "out" / want).exists() and time.time() < deadline:
        time.sleep(0.01)
    p.kill()
    p.wait()
paths = [
    json.loads(row)["path"]
    for row in (d / "out" / "manifest.jsonl.part").read_text().splitlines()
    if row.strip()
]
case(
    "10 run killed twice: journal lines",
    len(paths) != len(set(paths)),
    note=f"{len(paths)} lines, {len(set(paths))} inputs",
)
# 10: CSV neutralisation
out = subprocess.run(
    [
        PY,
        "-c",
        "from ita_extract.extract.batch.writers import neutralise; import json; print(json.dumps([neutralise(v) for v in [' =1+1', '\\u200b=1', '\\u202e=1', 'a\\x00b\\x1b']]))",
    ],
    env=ENV,
    capture_output=True,
    text=True,
).stdout
vals = json.loads(out)
case(
    "10 CSV: space or invisible char before =, RLO/NUL/ESC",
    vals != ["' =1+1", "'\u200b=1", "'=1", "ab"],
    note=str(vals),
)
# 10: xlsx over 32767
d = W / "xlsx"
copies(d / "in", 1)
cli("extract", d / "in", "-o", d / "run", "-q")
rep = next((d / "run").glob("*.json"))
data = json.loads(rep.read_text())
data["records"][0]["issue"] = "ก" * 40000
rep.write_text(json.dumps(data, ensure_ascii=False))
(d / "run" / "manifest.jsonl").unlink()
rc, err = cli("combine", d / "run", "-o", d / "all", "-f", "xlsx")
case(
    "10 XLSX cell over 32,767 characters",
    "32,767" not in err and "32767" not in err,
    note=f"exit {rc}; warned: {'32,767' in err}",
)
OUT.write_text(json.dumps(results, ensure_ascii=False, indent=1))
print(
    "cases",
    len(results),
    "failed",
    sum(r["failed"] for r in results),
    "lost",
    sum(r["lost"] for r in results),
)
