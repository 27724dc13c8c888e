#!/usr/bin/env python3
"""Scanned copies of the sample reports: what an office scanner makes of a printed report.

    python tests/scans/make_scans.py OUT_DIR [samples/sample01.pdf ...]

Each page of a sample is rendered by pypdfium2 at 300 dpi in grey, turned by a small
angle (±1–2°, as a sheet lies on the glass), given sensor noise and a little blur, and
stored as a JPEG inside an image-only PDF of the same page size (Pillow writes it). The
copy has no text layer at all, so its expected JSON is the sample's own: the records and
their pages are the same. Everything is seeded by the file name: the same input gives
the same scan, byte for byte, so test results do not drift between runs.

Made at test time (``tests/test_ocr.py``), never committed: the PDFs are large and the
script is the record of how they were made.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ScanSettings:
    """How rough the scan is. The defaults are an ordinary office scan, not a torture test."""

    dpi: int = 300
    min_angle: float = 1.0  # degrees, either way
    max_angle: float = 2.0
    noise: float = 8.0  # standard deviation of the grey-level noise
    blur: float = 0.6  # Gaussian blur radius in pixels (scanner optics)
    jpeg_quality: int = 70


def _rng(name: str) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big"))


def scan_page(image: Image.Image, rng: np.random.Generator, settings: ScanSettings) -> Image.Image:
    """One rendered page made to look scanned: tilted, blurred, noisy, greyish paper."""
    angle = float(rng.uniform(settings.min_angle, settings.max_angle) * rng.choice([-1, 1]))
    page = image.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(settings.blur))
    pixels = np.asarray(page, dtype=np.float32) * 0.93 + 8  # paper is not pure white, ink not pure black
    pixels += rng.normal(0.0, settings.noise, pixels.shape).astype(np.float32)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def scan_pdf(source: Path, target: Path, settings: ScanSettings | None = None) -> Path:
    """Write an image-only, JPEG-compressed scan of ``source`` to ``target``."""
    settings = settings or ScanSettings()
    rng = _rng(source.name)
    doc = pdfium.PdfDocument(str(source))
    try:
        pages = [scan_page(doc[i].render(scale=settings.dpi / 72, grayscale=True).to_pil(), rng, settings)
                 for i in range(len(doc))]  # fmt: skip
    finally:
        doc.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(target, "PDF", save_all=True, append_images=pages[1:], resolution=float(settings.dpi),
                  quality=settings.jpeg_quality)  # fmt: skip
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("pdfs", nargs="*", type=Path, help="default: every samples/*.pdf")
    args = ap.parse_args(argv)
    for pdf in args.pdfs or sorted((REPO / "samples").glob("*.pdf")):
        print(scan_pdf(pdf, args.out_dir / pdf.name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
