#!/usr/bin/env python3
"""Regenerate the FY2567-template samples (sample09–sample12) and their truth JSON.

    python samples/make_fy2567_samples.py      # needs reportlab, python-docx, soffice, fonts-thai-tlwg

The samples come from the synthetic-report generator (``tests/synth``): each is one fixed seed
with the knobs that matter for issue 13 set by hand, so between them they cover reportlab and
python-docx → LibreOffice, grid and horizontal rules only, the header repeated and printed once,
one table per issue and one long table, codes in upper and lower case, Thai and Arabic digits,
Word-like justified lines, and the cover + last year's ITA results pages before the measures
table. The truth is the generator's plan, never an extractor's output.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from tests.synth import render_docx, render_rl  # noqa: E402 - the generator lives in the test tree
from tests.synth.compose import compose  # noqa: E402
from tests.synth.plan import draw_knobs  # noqa: E402
from tests.synth.truth import build  # noqa: E402

COMMON = {"template": "fy2567", "report": False, "round_months": None, "results_pages": True, "memo": False,
          "agency_print": "exact", "orientation": "landscape", "records": 5, "width_jitter": 0.1, "header_lines": 2}
SAMPLES = (  # name, seed, knobs set by hand (the rest drawn from the seed)
    ("sample09", 9001, {"producer": "reportlab", "rules": "grid", "repeat_header": True, "layout": "one_table",
                        "code_style": "lower", "thai_digits": True, "justify": True, "question_table": True,
                        "themes": 1, "font": "Laksaman", "size": 15.0, "header_valign": "middle"}),
    ("sample10", 9002, {"producer": "reportlab", "rules": "hrules", "repeat_header": False, "layout": "per_issue",
                        "code_style": "upper", "thai_digits": False, "justify": False, "question_table": False,
                        "themes": 0, "font": "Garuda", "size": 14.0, "header_valign": "mixed"}),
    ("sample11", 9003, {"producer": "libreoffice", "rules": "grid", "repeat_header": True,
                        "layout": "per_issue_page", "code_style": "upper", "thai_digits": False, "justify": True,
                        "question_table": False, "themes": 0, "font": "Norasi", "size": 14.0,
                        "header_valign": "top"}),
    ("sample12", 9004, {"producer": "libreoffice", "rules": "hrules", "repeat_header": False, "layout": "one_table",
                        "code_style": "lower", "thai_digits": True, "justify": False, "question_table": True,
                        "themes": 1, "font": "Waree", "size": 13.0, "header_valign": "bottom"}),
)


def make(name: str, seed: int, overrides: dict, tmp: Path) -> dict:
    knobs = dataclasses.replace(draw_knobs(seed), **(COMMON | overrides))
    doc, truth = compose(knobs)
    pdf = HERE / f"{name}.pdf"
    if knobs.producer == "reportlab":
        pages, placed = render_rl.render(doc, pdf)
    else:
        docx = tmp / f"{name}.docx"
        render_docx.write_docx(doc, docx)
        render_docx.convert([docx], tmp)
        shutil.copyfile(docx.with_suffix(".pdf"), pdf)
        render_docx.stabilise(pdf)
        pages, placed = render_docx.locate(doc, pdf)
    return build(truth, pdf, pages, placed)


def main() -> None:
    if not shutil.which("soffice"):
        raise SystemExit("make_fy2567_samples: soffice not found (apt-get install libreoffice-writer-nogui)")
    from ita_extract.schema import Report

    with tempfile.TemporaryDirectory() as tmp:
        for name, seed, overrides in SAMPLES:
            report = make(name, seed, overrides, Path(tmp))
            Report.model_validate(report)
            (HERE / f"{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
            size = (HERE / f"{name}.pdf").stat().st_size // 1024
            scores = report["document"]["assessment"]
            print(f"{name}.pdf ({overrides['producer']}, {overrides['rules']}, {overrides['layout']}): "
                  f"{report['source']['pages']} pages, {len(report['records'])} records, "
                  f"{len(scores['scores']) if scores else 0} scores, {size} KB")


if __name__ == "__main__":
    main()
