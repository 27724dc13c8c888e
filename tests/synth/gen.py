"""Generate synthetic ITA reports with their truth JSON.

    python -m tests.synth OUT --seeds 0-499 [--producer reportlab|libreoffice] [-q]

Writes ``OUT/synNNNNN.pdf``, ``OUT/synNNNNN.json`` (contract v2 truth) and ``OUT/MANIFEST.tsv``
(one row of knobs per document; the shared scorer reads its ``producer``, ``template`` and
``style`` columns for its groups). Each seed draws every knob and all content independently,
so seed N is the same document whatever else is generated with it. reportlab documents are
byte-stable; LibreOffice documents need ``soffice`` and may differ in bytes (not in truth)
across LibreOffice versions. A seed that cannot be made is reported on stderr and skipped,
and the command then exits 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
from pathlib import Path

from . import render_rl
from .compose import compose
from .plan import Knobs, draw_knobs
from .truth import build

MANIFEST_FIELDS = ("name", "producer", "template", "style", "scanned", "artifacts", "columns", "pages", "records",
                   "scores")


def parse_seeds(text: str) -> list[int]:
    """``0-4,10`` → [0, 1, 2, 3, 4, 10]."""
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out += range(int(a), int(b) + 1)
        elif part:
            out.append(int(part))
    return out


def name_of(seed: int) -> str:
    return f"syn{seed:05d}"


def manifest_row(knobs: Knobs, report: dict) -> dict:
    k = knobs
    artifacts = ",".join(a for a, on in (("justified", k.justify), ("typo", k.agency_print == "typo"),
                                          ("abbr", k.agency_print == "abbr")) if on) or "-"
    scores = report["document"]["assessment"]
    return {"name": name_of(k.seed), "producer": "docx+libreoffice" if k.producer == "libreoffice" else "reportlab",
            "template": "fy2567" if k.template == "fy2567" else k.template,
            "style": {"none": "borderless", "hrules": "horizontal rules"}.get(k.rules, k.rules),
            "scanned": "no", "artifacts": artifacts, "columns": k.template,
            "pages": report["source"]["pages"], "records": len(report["records"]),
            "scores": len(scores["scores"]) if scores else 0} | k.as_row()


def make_reportlab(knobs: Knobs, out: Path) -> dict:
    doc, truth = compose(knobs)
    pdf = out / f"{name_of(knobs.seed)}.pdf"
    pages, placed = render_rl.render(doc, pdf)
    return build(truth, pdf, pages, placed)


def make_libreoffice(batch: list[Knobs], out: Path, quiet: bool) -> list[tuple[Knobs, dict | None, str]]:
    from . import render_docx

    results = []
    with tempfile.TemporaryDirectory(prefix="synth-lo-") as tmp:
        work = Path(tmp)
        docs = {}
        for knobs in batch:
            doc, truth = compose(knobs)
            docx = work / f"{name_of(knobs.seed)}.docx"
            render_docx.write_docx(doc, docx)
            docs[knobs.seed] = (doc, truth, docx)
        render_docx.convert([d[2] for d in docs.values()], work)
        for knobs in batch:
            doc, truth, docx = docs[knobs.seed]
            pdf = out / f"{name_of(knobs.seed)}.pdf"
            try:
                shutil.copyfile(docx.with_suffix(".pdf"), pdf)
                render_docx.stabilise(pdf)
                pages, placed = render_docx.locate(doc, pdf)
                results.append((knobs, build(truth, pdf, pages, placed), ""))
            except (OSError, RuntimeError, ValueError) as err:
                results.append((knobs, None, str(err)))
    return results


def write(out: Path, knobs: Knobs, report: dict, rows: list[dict], quiet: bool) -> None:
    (out / f"{name_of(knobs.seed)}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
    rows.append(manifest_row(knobs, report))
    if not quiet:
        print(f"{name_of(knobs.seed)}: {knobs.producer} {knobs.template} {report['source']['pages']} pages, "
              f"{len(report['records'])} records")


def generate(out: Path, seeds: list[int], producer: str | None, quiet: bool = False, batch: int = 20) -> list[str]:
    """Make every seed's PDF and truth in ``out``; returns the failures, one line each."""
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    failures: list[str] = []
    all_knobs = [draw_knobs(s, producer) for s in seeds]
    for knobs in (k for k in all_knobs if k.producer == "reportlab"):
        try:
            write(out, knobs, make_reportlab(knobs, out), rows, quiet)
        except Exception as err:  # noqa: BLE001 - one bad seed never stops the run; it is reported
            failures.append(f"{name_of(knobs.seed)}: {type(err).__name__}: {err}")
    lo = [k for k in all_knobs if k.producer == "libreoffice"]
    if lo and not shutil.which("soffice"):
        failures += [f"{name_of(k.seed)}: soffice not found (apt-get install libreoffice-writer-nogui)" for k in lo]
        lo = []
    for i in range(0, len(lo), batch):
        for knobs, report, error in make_libreoffice(lo[i:i + batch], out, quiet):
            if report is None:
                failures.append(f"{name_of(knobs.seed)}: {error}")
            else:
                write(out, knobs, report, rows, quiet)
    write_manifest(out, rows)
    return failures


def write_manifest(out: Path, rows: list[dict]) -> None:
    path = out / "MANIFEST.tsv"
    old = []
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            old = [r for r in csv.DictReader(fh, delimiter="\t")]
    names = {r["name"] for r in rows}
    merged = sorted([r for r in old if r["name"] not in names] + rows, key=lambda r: r["name"])
    fields = list(dict.fromkeys([f for r in merged for f in r]))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, delimiter="\t", restval="")
        writer.writeheader()
        writer.writerows(merged)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synth", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PDFs, truth JSON and MANIFEST.tsv")
    parser.add_argument("--seeds", default="0-9", help="seeds, e.g. 0-499 or 3,7,10-12 (default 0-9)")
    parser.add_argument("--producer", choices=("reportlab", "libreoffice"), default=None,
                        help="force one producer (default: drawn per seed)")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    failures = generate(args.out, parse_seeds(args.seeds), args.producer, args.quiet)
    for line in failures:
        print(f"synth: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
