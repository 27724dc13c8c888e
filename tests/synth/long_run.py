"""The long run: generate N synthetic reports, extract them with the CLI, score them, summarise.

    python -m tests.synth.long_run OUT --n 500 [--first 0] [--workers 2]

Writes ``OUT/docs`` (PDFs, truth, MANIFEST.tsv), ``OUT/pred`` (the extractor's JSON),
``OUT/score.txt`` (the shared scorer's table) and ``OUT/summary.md``: the distribution of the
per-document overall score (mean, min, percentiles), strict text and records F1, the mean score
per value of every knob (which layout choices cost points), and the worst documents with their
knobs. ``docs/ACCURACY.md`` quotes it. Steps already done are not redone (delete OUT to rerun).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from .gen import generate

REPO = Path(__file__).resolve().parents[2]
SCORER = REPO.parent / "shared" / "tools" / "score.py"
KNOBS = ("producer", "template", "report", "font", "size", "orientation", "rules", "header_shade", "repeat_header",
         "header_valign", "header_lines", "number_column", "timeframe_column", "shuffle_columns", "sections",
         "thai_digits", "code_style", "numbering", "inline_items", "code_own_line", "agency_print", "title_one_line",
         "memo", "signature", "page_numbers", "justify", "layout", "results_pages", "question_table")
WORST = 20


def run_extract(docs: Path, pred: Path, workers: int) -> None:
    """The CLI, as a user runs it; exit 1 (some files failed) still leaves their manifest lines."""
    cmd = [sys.executable, "-m", "ita_extract", "extract", str(docs), "-o", str(pred), "-f", "json",
           "--workers", str(workers), "-q"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO.parent)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"long_run: extraction failed ({proc.returncode}): {proc.stderr[-2000:]}")


def run_score(docs: Path, pred: Path) -> tuple[str, dict]:
    proc = subprocess.run([sys.executable, str(SCORER), str(docs), str(pred), "--json"], capture_output=True,
                          text=True, check=True)
    lines = proc.stdout.splitlines()
    data = json.loads(next(line for line in lines if line.startswith("{")))
    table = "\n".join(line for line in lines if not line.startswith("{"))
    return table, data


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def knob_table(scores: dict[str, float], manifest: dict[str, dict]) -> list[str]:
    """Mean score and count per knob value, worst values first within each knob."""
    out = ["| knob | value | docs | mean overall | min |", "|---|---|---|---|---|"]
    for knob in KNOBS:
        groups: dict[str, list[float]] = defaultdict(list)
        for name, value in scores.items():
            groups[manifest[name].get(knob, "?")].append(value)
        if len(groups) < 2:
            continue
        for value, vals in sorted(groups.items(), key=lambda kv: statistics.mean(kv[1])):
            out.append(f"| {knob} | {value} | {len(vals)} | {statistics.mean(vals):.3f} | {min(vals):.3f} |")
    return out


def summary(docs: Path, table: str, data: dict) -> str:
    with open(docs / "MANIFEST.tsv", encoding="utf-8") as fh:
        manifest = {r["name"]: r for r in csv.DictReader(fh, delimiter="\t")}
    per_doc = data["documents"]
    scores = {name: r["score"] for name, r in per_doc.items()}
    values = list(scores.values())
    agg = data["aggregates"]["all"]
    lines = [f"documents: {len(values)}",
             f"mean overall: {statistics.mean(values):.3f}   min: {min(values):.3f}   "
             + "   ".join(f"p{int(q * 100)}: {percentile(values, q):.3f}" for q in (0.01, 0.05, 0.1, 0.25, 0.5)),
             f"strict text: {agg['strict_text']:.3f}   records F1: {agg['records_f1']:.3f}   "
             f"metadata: {agg['meta_acc']:.3f}   scores F1: {agg['scores_f1'] or 0:.3f}",
             f"documents below 0.90: {sum(v < 0.9 for v in values)}; at 1.000: {sum(v >= 0.9995 for v in values)}",
             "", "scorer's last line: " + table.strip().splitlines()[-1], "",
             "## Mean overall per knob value", ""] + knob_table(scores, manifest)
    lines += ["", f"## The {WORST} worst documents", "",
              "| doc | overall | meta | recs t/p/m | cells | knobs |", "|---|---|---|---|---|---|"]
    for name in sorted(scores, key=scores.get)[:WORST]:
        r, m = per_doc[name], manifest[name]
        knobs = ", ".join(f"{k}={m.get(k)}" for k in KNOBS)
        lines.append(f"| {name} | {r['score']:.3f} | {r['meta_acc']:.2f} | {r['n_truth']}/{r['n_pred']}/{r['n_match']} "
                     f"| {r['cells']:.3f} | {knobs} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synth.long_run", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=500, help="documents (default 500)")
    parser.add_argument("--first", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("-j", "--workers", type=int, default=2)
    args = parser.parse_args(argv)
    docs, pred = args.out / "docs", args.out / "pred"
    seeds = list(range(args.first, args.first + args.n))
    missing = [s for s in seeds if not (docs / f"syn{s:05d}.json").exists()]
    failures = generate(docs, missing, None, quiet=True) if missing else []
    for line in failures:
        print(f"long_run: not generated: {line}", file=sys.stderr)
    if not (pred / "manifest.jsonl").exists():
        run_extract(docs, pred, args.workers)
    table, data = run_score(docs, pred)
    (args.out / "score.txt").write_text(table + "\n", encoding="utf-8")
    text = summary(docs, table, data)
    if failures:
        text += f"\nseeds that could not be generated ({len(failures)}):\n" + "\n".join(failures) + "\n"
    (args.out / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
