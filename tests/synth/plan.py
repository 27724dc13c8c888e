"""The knobs of one synthetic report, drawn from its seed.

Every layout choice a real agency could make is one field here, drawn independently per document
(issue 15): template, column order and header wording, header alignment and wrapping, repeated
header, rules, font and size, orientation, margins, numbering, digits, agency spelling, extra
pages, page numbers, justified lines. ``draw_knobs(seed)`` is a pure function of the seed.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

FONTS = (("Laksaman", 4), ("Garuda", 3), ("Norasi", 3), ("Kinnari", 2), ("Loma", 2), ("Waree", 2),
         ("Umpush", 2), ("Sawasdee", 1), ("Purisa", 1), ("TlwgTypist", 1), ("TlwgTypo", 1),
         ("TlwgTypewriter", 1), ("TlwgMono", 1))
PRODUCERS = ("reportlab", "libreoffice")


@dataclass(frozen=True)
class Knobs:
    seed: int
    producer: str
    template: str  # seed5 / plan4 / fy2567
    report: bool  # a 6/12-month report with a results column (document_type measures_report)
    round_months: int | None
    fiscal_year: int
    font: str
    size: float
    orientation: str  # of the measures table's pages
    margins: tuple[float, float, float, float]
    rules: str  # grid / hrules / none
    header_shade: bool
    repeat_header: bool
    header_valign: str  # top / middle / bottom / mixed
    header_lines: int  # 1-4: the header cells wrap into up to this many lines
    number_column: bool  # a ลำดับ column
    timeframe_column: bool  # seed5: a time-frame column of its own
    shuffle_columns: bool
    wording: int  # which header wording variant per role (an index, taken modulo the variants)
    sections: bool
    section_wording: int
    thai_digits: bool
    code_style: str  # upper / lower / paren / spaced / kho
    numbering: str  # dot / dot_tight / paren / close / bare
    inline_items: bool  # numbered items run on in one paragraph
    code_own_line: bool  # the code in a paragraph of its own above the issue text
    agency_print: str  # exact / typo / abbr
    title_one_line: bool  # ของ<agency> อำเภอ… จังหวัด… on one line
    memo: bool
    signature: str  # none / after / own_page
    page_numbers: str  # none / header / footer / number
    justify: bool  # Word-like distributed justification of prose and long cells
    layout: str  # fy2567: one_table / per_issue / per_issue_page
    results_pages: bool  # fy2567: cover + last year's ITA results before the measures table
    question_table: bool
    themes: int
    records: int
    width_jitter: float
    date_styles: tuple[str, ...]

    def as_row(self) -> dict:
        """The knobs as strings, for MANIFEST.tsv and the long run's report."""
        return {k: ",".join(map(str, v)) if isinstance(v, tuple) else str(v) for k, v in asdict(self).items()}


def _pick(rng: random.Random, weighted: dict) -> object:
    return rng.choices(list(weighted), list(weighted.values()))[0]


def draw_knobs(seed: int, producer: str | None = None) -> Knobs:
    """All knobs of document ``seed``; ``producer`` forces reportlab or libreoffice."""
    rng = random.Random(f"ita-synth-{seed}")
    template = _pick(rng, {"seed5": 0.4, "plan4": 0.25, "fy2567": 0.35})
    report = template != "fy2567" and rng.random() < 0.6
    fiscal_year = rng.choice((2565, 2566, 2567, 2568)) if template != "fy2567" else rng.choice((2567, 2568))
    fonts = [f for f, _ in FONTS]
    orientation = "landscape" if template == "fy2567" else _pick(rng, {"portrait": 0.65, "landscape": 0.35})
    margin = rng.uniform(36, 72)
    knobs = Knobs(
        seed=seed,
        producer=producer or rng.choice(PRODUCERS),
        template=template,
        report=report,
        round_months=rng.choice((6, 12)) if report else None,
        fiscal_year=fiscal_year,
        font=rng.choices(fonts, [w for _, w in FONTS])[0],
        size=float(rng.choice((13, 14, 15, 16))),
        orientation=orientation,
        margins=(round(margin, 1), round(rng.uniform(30, margin), 1), round(rng.uniform(36, 60), 1),
                 round(rng.uniform(36, 60), 1)),
        rules=_pick(rng, {"grid": 0.55, "hrules": 0.3, "none": 0.15}),
        header_shade=rng.random() < 0.3,
        repeat_header=rng.random() < 0.7,
        header_valign=_pick(rng, {"top": 0.3, "middle": 0.35, "bottom": 0.1, "mixed": 0.25}),
        header_lines=rng.randint(1, 4),
        number_column=rng.random() < 0.35,
        timeframe_column=template == "seed5" and rng.random() < 0.25,
        shuffle_columns=rng.random() < 0.3,
        wording=rng.randrange(1000),
        sections=template != "fy2567" and rng.random() < 0.6,
        section_wording=rng.randrange(3),
        thai_digits=rng.random() < 0.6,
        code_style=_pick(rng, {"upper": 0.45, "lower": 0.25, "paren": 0.1, "spaced": 0.1, "kho": 0.1}),
        numbering=_pick(rng, {"dot": 0.4, "dot_tight": 0.1, "paren": 0.15, "close": 0.25, "bare": 0.1}),
        inline_items=rng.random() < 0.12,
        code_own_line=rng.random() < 0.12,
        agency_print=_pick(rng, {"exact": 0.6, "typo": 0.25, "abbr": 0.15}),
        title_one_line=rng.random() < 0.3,
        memo=template != "fy2567" and rng.random() < 0.15,
        signature=_pick(rng, {"none": 0.55, "after": 0.3, "own_page": 0.15}),
        page_numbers=_pick(rng, {"none": 0.4, "header": 0.25, "footer": 0.25, "number": 0.1}),
        justify=rng.random() < 0.3,
        layout=_pick(rng, {"one_table": 0.4, "per_issue": 0.35, "per_issue_page": 0.25}),
        results_pages=template == "fy2567" and rng.random() < 0.8,
        question_table=rng.random() < 0.75,
        themes=rng.randint(0, 2),
        records=rng.randint(3, 8) if template == "fy2567" else rng.randint(4, 16),
        width_jitter=rng.uniform(0.0, 0.3),
        date_styles=tuple(rng.sample(("full", "month_word", "abbr", "abbr_short", "numeric"), rng.randint(1, 3))),
    )
    return knobs
