"""The README's commands are the ones the tests run: every `ita-extract` line and Python block, in order.

A sandbox folder holds what the README's commands name: ``samples/`` (the bundled samples),
``downloads/`` (two agency folders, each with an ``o41.pdf``, and a memo that is no ITA report),
``report.pdf``, ``scan.pdf`` (a page of a sample as an image only) and ``out-2567/`` (an earlier run).
Each command runs there through bash, with this environment's ``ita-extract`` first on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
BIN = Path(sys.executable).parent
BLOCK = re.compile(r"^ *```(\w+)\n(.*?)^ *```$", re.M | re.S)
RUNNABLE = ("ita-extract", "python -m ita_extract")
# README lines that exit non-zero on purpose (the README says why beside each)
EXPECTED_EXIT = {"ita-extract extract scan.pdf --ocr never": 1}  # scans fail with needs_ocr instead
# README lines that need a Dask cluster at the address they name; tests/test_dask.py runs the same
# command against a real scheduler and workers it starts on 127.0.0.1.
NEEDS_CLUSTER = "--scheduler tcp://head:8786"


def blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block, in order; indented blocks (in lists) too."""
    return [(lang, re.sub(r"^ {1,4}", "", body, flags=re.M)) for lang, body in BLOCK.findall(text)]


def runnable(line: str) -> list[str]:
    """The ita-extract commands in one shell line (``a && .venv/bin/ita-extract …`` gives the second)."""
    out = []
    for part in line.split("&&"):
        part = part.strip().removeprefix(".venv/bin/")
        if part.startswith(RUNNABLE):
            out.append(part)
    return out


def steps(text: str) -> list[tuple[str, str]]:
    """("sh", command) and ("python", block) in README order, each command once."""
    seen: set[str] = set()
    found = []
    for lang, body in blocks(text):
        if lang == "python":
            found.append(("python", body))
        elif lang == "sh":
            for line in body.splitlines():
                for command in runnable(line):
                    if command not in seen:
                        seen.add(command)
                        found.append(("sh", command))
    return found


def _memo(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Minutes of the meeting: no measures table here.")
    pdf.showPage()
    pdf.save()


def _scan(source: Path, target: Path) -> None:
    """Page 1 of ``source`` as an image-only PDF: what a scanner gives."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(source))
    image = doc[0].render(scale=200 / 72, grayscale=True).to_pil()
    doc.close()
    image.save(target, "PDF", resolution=200)


def _has_tesseract() -> bool:
    from ita_extract.extract.page.ocr.reader import tesseract_problem

    return tesseract_problem() is None


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    (root / "samples").mkdir()
    for pdf in sorted((REPO / "samples").glob("*.pdf")):
        shutil.copy(pdf, root / "samples" / pdf.name)
    for agency, sample in (("agency-a", "sample01.pdf"), ("agency-b", "sample02.pdf")):
        (root / "downloads" / agency).mkdir(parents=True)
        shutil.copy(REPO / "samples" / sample, root / "downloads" / agency / "o41.pdf")
    _memo(root / "downloads" / "agency-b" / "memo.pdf")
    shutil.copy(REPO / "samples" / "sample03.pdf", root / "report.pdf")
    _scan(REPO / "samples" / "sample03.pdf", root / "scan.pdf")
    earlier = subprocess.run([str(BIN / "ita-extract"), "extract", "samples/sample04.pdf", "-o", "out-2567/", "-q"],
                             cwd=root, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert earlier.returncode == 0, earlier.stderr
    return root


def _run(kind: str, body: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    if kind == "python":
        return subprocess.run([str(BIN / "python"), "-c", body], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=600)  # fmt: skip
    return subprocess.run(["bash", "-c", body], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_the_readme_names_the_commands_a_user_needs() -> None:
    commands = [body for kind, body in steps(README.read_text(encoding="utf-8")) if kind == "sh"]
    assert len(commands) >= 15
    for needed in ("ita-extract extract samples/ -o out/ -f csv", "ita-extract extract downloads/ -o out/ --resume",
                   "ita-extract codes", *EXPECTED_EXIT):  # fmt: skip
        assert any(c.startswith(needed) for c in commands), needed


def test_every_command_and_python_block_of_the_readme_runs(sandbox: Path) -> None:
    ocr = _has_tesseract()
    failures, ran = [], 0
    for kind, body in steps(README.read_text(encoding="utf-8")):
        command = body.split("  #")[0].strip()
        if "scan.pdf" in body and not ocr and command not in EXPECTED_EXIT:
            continue  # needs Tesseract (tests/test_ocr.py skips the same way)
        if NEEDS_CLUSTER in command:
            continue
        result = _run(kind, body, sandbox)
        ran += 1
        expected = EXPECTED_EXIT.get(command, 0)
        if result.returncode != expected or "Traceback" in result.stderr:
            failures.append(f"{body.strip()[:100]!r} exited {result.returncode}: {result.stderr.strip()[-600:]}")
    assert failures == []
    assert ran >= 15


def test_the_readme_summary_example_has_the_shape_a_run_prints(sandbox: Path) -> None:
    text = README.read_text(encoding="utf-8")
    [example] = [body for lang, body in blocks(text) if lang == "text"]
    shown = example.strip().splitlines()[-1]
    result = _run("sh", "ita-extract extract downloads/ -o out-summary/ -f xlsx", sandbox)
    printed = result.stderr.strip().splitlines()[-1]
    mask = re.compile(r"\d+(\.\d+)?")  # counts and seconds differ; the words and their order may not
    assert mask.sub("N", shown) == mask.sub("N", printed.replace("out-summary", "out"))
