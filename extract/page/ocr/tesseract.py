"""Tesseract, run as a subprocess, and its hOCR read back as lines of words with boxes.

No Python binding is needed: ``tesseract-ocr`` and ``tesseract-ocr-tha`` from Debian. One
OpenMP thread per call: on a small machine Tesseract's threads are slower than one, and
the batch already runs one worker per core.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from ...errors import OCRFailedError, OCRUnavailableError
from .settings import DEFAULT, OcrSettings

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-tha"
LINE_CLASSES = {"ocr_line", "ocr_caption", "ocr_textfloat", "ocr_header"}


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One Tesseract word (for Thai, often a syllable or a letter) in image pixels."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    conf: float


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A Tesseract text line: its words, the baseline through them and its height."""

    words: tuple[OcrWord, ...]
    x0: float
    bottom: float
    slope: float
    offset: float
    height: float

    def baseline_at(self, x: float) -> float:
        return self.bottom + self.offset + self.slope * (x - self.x0)


@lru_cache(maxsize=1)
def tesseract_problem() -> str | None:
    """Why OCR cannot run here (no tesseract, no Thai model), or None when it can."""
    exe = shutil.which("tesseract")
    if exe is None:
        return f"Tesseract is not installed ({INSTALL_HINT})"
    try:
        listed = subprocess.run(
            [exe, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=DEFAULT.list_langs_timeout_s,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as err:
        return f"Tesseract does not run ({err}; {INSTALL_HINT})"
    langs = set((listed.stdout + listed.stderr).split())
    if "tha" not in langs:
        return f"Tesseract's Thai model is not installed ({INSTALL_HINT})"
    return None


def require_tesseract(file: str | None = None, page: int | None = None) -> None:
    """Raise :class:`OCRUnavailableError` with an install hint when OCR cannot run."""
    problem = tesseract_problem()
    if problem is not None:
        raise OCRUnavailableError(f"OCR needed but unavailable: {problem}", file=file, page=page)


def run_tesseract(image: Image.Image, dpi: int, s: OcrSettings = DEFAULT, psm: int | None = None) -> str:
    """Tesseract's hOCR for one image: lines, word boxes, baselines, confidences."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OCRUnavailableError(f"Tesseract is not installed ({INSTALL_HINT})")
    buf = io.BytesIO()
    image.save(buf, format="PPM")  # uncompressed PGM: PNG's compression costs a second a page
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    args = ["-l", s.lang, "--dpi", str(dpi), "--psm", str(psm or s.psm), "-c", "tessedit_do_invert=0"]
    args += ["-c", f"enable_noise_removal={int(s.noise_removal)}"]
    done = subprocess.run(
        [exe, "stdin", "stdout", *args, "hocr"],
        input=buf.getvalue(),
        capture_output=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OCRFailedError(f"Tesseract failed: {message[-1] if message else done.returncode}")
    return done.stdout.decode("utf-8")


_TITLE_FIELD = re.compile(r"(\w+)\s+([^;]+)")


def _title(el: ET.Element) -> dict[str, list[float]]:
    """hOCR's title attribute: ``bbox 1 2 3 4; x_wconf 93`` → {"bbox": [...], "x_wconf": [93]}."""
    out: dict[str, list[float]] = {}
    for key, value in _TITLE_FIELD.findall(el.get("title", "")):
        try:
            out[key] = [float(v) for v in value.split()]
        except ValueError:
            continue  # image "file name" and the like
    return out


def _words(line: ET.Element) -> tuple[OcrWord, ...]:
    """The words of one hOCR line that have text and a box."""
    words = []
    for w in line.iter():
        if w.get("class") != "ocrx_word":
            continue
        text = "".join(w.itertext()).strip()
        wt = _title(w)
        if text and "bbox" in wt:
            bx0, by0, bx1, by1 = wt["bbox"]
            words.append(OcrWord(text, bx0, bx1, by0, by1, (wt.get("x_wconf") or [0.0])[0]))
    return tuple(words)


def parse_hocr(hocr: str) -> list[OcrLine]:
    """Text lines with their words' boxes and confidences, in Tesseract's reading order."""
    root = ET.fromstring(hocr.encode("utf-8"))
    lines: list[OcrLine] = []
    for el in root.iter():
        if el.get("class") not in LINE_CLASSES:
            continue
        t = _title(el)
        if "bbox" not in t:
            continue
        x0, _, _, y1 = t["bbox"]
        slope, offset = (t.get("baseline") or [0.0, 0.0])[:2]
        height = (t.get("x_size") or [y1 - t["bbox"][1]])[0]
        words = _words(el)
        if words:
            lines.append(OcrLine(words, x0, y1, slope, offset, height))
    return lines
