#!/usr/bin/env python3
"""OCR seconds per page on one core: CPU time of the reader and its Tesseract processes.

    python bench/ocr_speed.py                      # dev scans of samples 02, 05, 07: 3 pages each
    python bench/ocr_speed.py scan.pdf --pages 0   # every page of given scans
    python bench/ocr_speed.py --profile prof.txt   # and where the time goes (cProfile, by own time)

Wall time on a shared machine says more about the neighbours than about the code, so the
number reported is CPU seconds (this process and its children, i.e. Tesseract) per page,
one page after another in one process: what one core spends on a page. The pages are
rendered and read as ``extract`` does (``reader.read_image`` at 300 dpi).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "scans"))
DEFAULT_SAMPLES = ("sample02", "sample05", "sample07")


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its waited-for children (Tesseract)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def read_pages(pdf: Path, pages: int) -> int:
    """Read the first ``pages`` pages of a scan (0 = all) by OCR; the number read.

    Rendered at 300 dpi and read by ``reader.read_image``, as ``extract`` does.
    """
    import pypdfium2 as pdfium
    from ita_extract.extract.page.ocr.reader import read_image

    dpi = 300
    doc = pdfium.PdfDocument(str(pdf))
    try:
        count = len(doc) if not pages else min(pages, len(doc))
        for i in range(count):
            width, height = doc[i].get_size()
            image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil()
            read_image(image, i + 1, width, height, dpi)
    finally:
        doc.close()
    return count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path, help="scanned PDFs (default: dev scans of samples 02, 05, 07)")
    ap.add_argument("--pages", type=int, default=3, help="pages per file, 0 = all (default 3)")
    ap.add_argument("--profile", type=Path, help="write a cProfile summary here")
    args = ap.parse_args()
    from make_scans import scan_pdf

    with tempfile.TemporaryDirectory() as tmp:
        pdfs = args.pdfs or [
            scan_pdf(REPO / "samples" / f"{name}.pdf", Path(tmp) / f"{name}.pdf") for name in DEFAULT_SAMPLES
        ]
        read_pages(pdfs[0], 1)  # warm up: dictionaries and templates load once per process
        profiler = cProfile.Profile() if args.profile else None
        cpu0, wall0, pages = cpu_seconds(), time.perf_counter(), 0
        if profiler:
            profiler.enable()
        for pdf in pdfs:
            pages += read_pages(pdf, args.pages)
        if profiler:
            profiler.disable()
        cpu, wall = cpu_seconds() - cpu0, time.perf_counter() - wall0
    print(f"pages={pages} cpu_s_per_page={cpu / pages:.2f} wall_s_per_page={wall / pages:.2f}")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        args.profile.write_text(out.getvalue(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
