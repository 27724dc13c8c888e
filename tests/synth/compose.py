"""From knobs to a printed document and its truth: the title block, extra pages and the seed-era
and 4-column measures tables. The FY2567 template's pages are in ``fy2567.py``.

A record's printed cells are made from exactly the lists its truth holds (items numbered, codes
and digits as the knobs say), so the truth is the text as typed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import content as ct
from .model import Break, Cell, Doc, Gap, Para, Table
from .plan import Knobs
from .thai import BE_OFFSET, MONTHS, MONTHS_ABBR, digits_as, fiscal_bounds, format_date, numbered
from .truth import Truth

TITLE_MEASURES = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
TITLE_REPORT = ("รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")

HEADERS = {  # header wordings per role (shared/domain/README.md, "Measures table — columns")
    "no": ("ลำดับ", "ที่"),
    "issue": ("ประเด็นที่ต้องปรับปรุงแก้ไข", "ประเด็นที่ต้องปรับปรุงแก้ไข/ ประเด็นที่ต้องพัฒนา", "ประเด็นที่ต้องพัฒนา",
              "ประเด็นที่ต้องแก้ไข", "ประเด็นปัญหา", "ข้อบกพร่องหรือจุดอ่อน", "ประเด็นการประเมิน"),
    "responsible": ("ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ", "หน่วยงานผู้รับผิดชอบ", "ผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง"),
    "measures": ("ขั้นตอนหรือวิธีการ/มาตรการ", "มาตรการ", "แนวทางการแก้ไข", "มาตรการ/แนวทางการดำเนินการ",
                 "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "มาตรการ/วิธีการดำเนินการ"),
    "monitoring": ("การรายงานผลและการกำกับติดตาม", "การกำกับติดตามและรายงานผล", "การกำกับติดตาม"),
    "monitoring_deadline": ("การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",),
    "timeframe": ("ระยะเวลาดำเนินการ", "ระยะเวลา", "กำหนดเวลาแล้วเสร็จ"),
    "actions": ("การดำเนินการ", "ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลการดำเนินการ รอบ {round} เดือน"),
}
WIDTHS = {"no": 0.45, "issue": 1.45, "responsible": 0.9, "measures": 1.5, "monitoring": 1.3, "timeframe": 0.85,
          "actions": 1.25, "score": 0.7, "findings": 1.2, "steps": 1.3}


@dataclass
class Ctx:
    """What every part of one document shares: its random stream, digits, agency and years."""

    knobs: Knobs
    rng: random.Random
    agency: ct.Agency
    digit: Callable[[object], str]

    @property
    def fy(self) -> int:
        return self.knobs.fiscal_year

    def local(self, text: str) -> str:
        """Free text with the document's digits (a Thai-digit report prints รอบ ๖ เดือน)."""
        return self.digit(text)

    def period(self) -> tuple[date, date]:
        start, end = fiscal_bounds(self.fy)
        return (start, date(end.year, 3, 31)) if self.knobs.round_months == 6 else (start, end)


def items_cell(ctx: Ctx, items: list[str], key: str, justify: bool = False) -> Cell:
    """A cell of items: numbered as the knobs say when there are several, bare when one."""
    k = ctx.knobs
    style = k.numbering if len(items) > 1 or ctx.rng.random() < 0.1 else None
    inline = k.inline_items and style in ("paren", "close") and len(items) > 1
    return Cell(numbered(items, style, ctx.digit, inline=inline), key=key, justify=justify)


def issue_cell(ctx: Ctx, question: ct.Question, key: str) -> Cell:
    code = ct.code_printer(ctx.knobs.code_style, ctx.digit)(question)
    text = ctx.local(question.text)
    paras = [code, text] if ctx.knobs.code_own_line else [f"{code} {text}"]
    return Cell(paras, key=key, justify=ctx.knobs.justify)


def base_record(n: int, section: str | None, question: ct.Question, ctx: Ctx) -> dict:
    return {"row": n, "section": section, "tool": question.tool, "indicator": question.code,
            "issue": ctx.local(question.text), "score": None, "findings": None, "responsible": None,
            "measures": [], "steps": [], "timeframe": None, "timeframe_start": None, "timeframe_end": None,
            "monitoring": [], "actions": [], "action_dates": [], "status": None}


# --- title block and extra pages ---------------------------------------------------------------
def printed_agency(ctx: Ctx, truth_warnings: list[dict]) -> str:
    """The agency as the title prints it: exact, misprinted (district line stays right) or abbreviated."""
    a, k = ctx.agency, ctx.knobs
    if k.agency_print == "typo" and (wrong := ct.typo(a.place, ctx.rng)):
        truth_warnings.append({"code": "agency_name_corrected", "page": 1,
                               "message": f"agency printed as {a.kind}{wrong}; official spelling {a.name}"})
        return a.kind + wrong
    if k.agency_print == "abbr":
        return ct.ABBREVIATION[a.kind] + a.place
    return a.name


def location_line(ctx: Ctx) -> str:
    return f"อำเภอ{ctx.agency.district} จังหวัด{ctx.agency.province}"


def period_line(ctx: Ctx) -> str:
    start, end = ctx.period()
    d = ctx.digit
    if ctx.rng.random() < 0.5:
        return (f"(เดือน{MONTHS[start.month]} {d(start.year + BE_OFFSET)} - {MONTHS[end.month]} "
                f"{d(end.year + BE_OFFSET)})")
    if ctx.rng.random() < 0.5:
        return (f"ระหว่างวันที่ {format_date(start, 'full', d)} ถึงวันที่ {format_date(end, 'full', d)}")
    return f"({MONTHS_ABBR[start.month]} {d(start.year + BE_OFFSET)} – {MONTHS_ABBR[end.month]} {d(end.year + BE_OFFSET)})"


def title_block(ctx: Ctx, title: str, printed: str) -> list:
    d, k = ctx.digit, ctx.knobs
    fy_line = f"ประจำปีงบประมาณ พ.ศ. {d(k.fiscal_year)}"
    if k.report:
        fy_line += f" รอบ {d(k.round_months)} เดือน"
    blocks: list = [Para(title, "title"), Para(fy_line, "bold")]
    if k.report:
        blocks.append(Para(period_line(ctx), "bold"))
    if k.title_one_line:
        blocks.append(Para(f"ของ{printed} {location_line(ctx)}", "bold"))
    else:
        blocks += [Para(printed, "bold"), Para(location_line(ctx), "bold")]
    intro = (f"จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. "
             f"{d(k.fiscal_year - 1)} นำมาสู่ข้อเสนอแนะในการกำหนดมาตรการในการส่งเสริมคุณธรรมและความโปร่งใส"
             f"ภายในหน่วยงานของ{ctx.agency.name} ดังนี้")
    return blocks + [Gap(), Para(intro, "intro", justify=k.justify)]


def memo_pages(ctx: Ctx, title: str) -> list:
    """A cover memo (บันทึกข้อความ) as agencies send with the report; it holds no records."""
    d, a = ctx.digit, ctx.agency
    unit = f"สำนักปลัด{ct.unit_word(a).strip()}"
    return [Para("บันทึกข้อความ", "memo_title"), Para(f"ส่วนราชการ\t{unit} {a.name}", "field"),
            Para(f"ที่\t{d(ctx.rng.randint(100, 999))}/{d(ctx.fy)}", "field"),
            Para(f"วันที่\t{format_date(ctx.period()[1], 'full', d)}", "field"),
            Para(f"เรื่อง\t{title}", "field"), Gap(), Para(f"เรียน\tนายก{a.name}", "field"), Gap(),
            Para(f"ตามที่{a.name} ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
                 f"พ.ศ. {d(ctx.fy)} นั้น บัดนี้ได้รวบรวมผลการดำเนินการเรียบร้อยแล้ว รายละเอียดตามเอกสารที่แนบ",
                 "intro", justify=ctx.knobs.justify),
            Para("จึงเรียนมาเพื่อโปรดทราบ", "intro"), Gap(2), Para("(นายสมชาย ใจดี)", "sign"),
            Para("หัวหน้าสำนักปลัด", "sign"), Break()]


def signature(ctx: Ctx) -> list:
    k = ctx.knobs
    if k.signature == "none":
        return []
    lead = [Break()] if k.signature == "own_page" else [Gap()]
    return lead + [Para("ลงชื่อ ........................................... ผู้รายงาน", "sign"),
                   Para("(นางสาวอรุณี ศรีวงศ์)", "sign"), Para(f"ปลัด{ctx.agency.name}", "sign")]


# --- seed-era and 4-column measures tables -------------------------------------------------------
def columns(ctx: Ctx) -> list[str]:
    """The roles of the table's columns, in print order."""
    k = ctx.knobs
    if k.template == "plan4":
        middle = ["measures", "responsible" if ctx.rng.random() < 0.75 else "monitoring", "timeframe"]
    else:
        middle = ["responsible", "measures", "monitoring"] + (["timeframe"] if k.timeframe_column else [])
        if k.shuffle_columns:
            ctx.rng.shuffle(middle)
    return (["no"] if k.number_column else []) + ["issue"] + middle + (["actions"] if k.report else [])


def header_text(ctx: Ctx, role: str, roles: list[str]) -> str:
    k = ctx.knobs
    if role == "monitoring" and "timeframe" not in roles and k.template == "seed5" and k.wording % 3 == 0:
        role = "monitoring_deadline"
    options = HEADERS[role]
    # one drawn number picks every role's wording; dividing by a per-role amount decorrelates the picks
    return options[(k.wording // (len(role) + 1)) % len(options)].format(round=ctx.digit(k.round_months or 6))


def header_valign(ctx: Ctx, i: int) -> str:
    v = ctx.knobs.header_valign
    return ("top", "middle", "bottom")[i % 3 if i % 2 else 1] if v == "mixed" else v


def header_cells(ctx: Ctx, roles: list[str]) -> list[Cell]:
    lines = ctx.knobs.header_lines
    return [Cell([header_text(ctx, r, roles)], bold=True, align="center", valign=header_valign(ctx, i),
                 lines=ctx.rng.randint(1, lines), shade=ctx.knobs.header_shade) for i, r in enumerate(roles)]


def pick_questions(ctx: Ctx, n: int) -> list[ct.Question]:
    pool = ct.questions(ctx.fy - 1)
    tools = [t for t in ct.TOOLS if ctx.rng.random() < 0.7] or ["EIT"]
    chosen = ctx.rng.sample([q for q in pool if q.tool in tools], min(n, len([q for q in pool if q.tool in tools])))
    order = {q.code: i for i, q in enumerate(pool)}
    return sorted(chosen, key=lambda q: order[q.code])


def seed_row(ctx: Ctx, n: int, q: ct.Question, section: str | None, roles: list[str]) -> tuple[dict, list[Cell]]:
    """One record of a seed-era or 4-column table: its truth and its printed cells."""
    key, rng = f"rec:{n}", ctx.rng
    rec = base_record(n, section, q, ctx)
    unit = rng.choice(ct.UNITS).format(k=ct.unit_word(ctx.agency))
    rec["responsible"] = unit if "responsible" in roles else None
    rec["measures"] = [ctx.local(m) for m in ct.draw_items(rng, ct.MEASURES, 1, 4)]
    cells: dict[str, Cell] = {
        "no": Cell([ctx.digit(n)], align="center", key=key),
        "issue": issue_cell(ctx, q, key),
        "responsible": Cell([unit], key=key),
        "measures": items_cell(ctx, rec["measures"], key, justify=ctx.knobs.justify),
    }
    if "monitoring" in roles:
        rec["monitoring"] = [ctx.local(m) for m in ct.draw_items(rng, ct.MONITORING, 1, 3)]
        cells["monitoring"] = items_cell(ctx, rec["monitoring"], key)
    if "timeframe" in roles:
        tf = ct.draw_timeframe(rng, ctx.fy, ctx.digit)
        rec.update(timeframe=tf.text, timeframe_start=tf.start and tf.start.isoformat(),
                   timeframe_end=tf.end and tf.end.isoformat())
        cells["timeframe"] = Cell([tf.text], key=key)
    if "actions" in roles:
        res = ct.draw_results(rng, ctx.period(), list(ctx.knobs.date_styles), ctx.digit)
        rec.update(actions=res.items, action_dates=[x.isoformat() for x in res.dates], status=res.status)
        cells["actions"] = items_cell(ctx, res.items, key)
    return rec, [cells[r] for r in roles]


def seed_table(ctx: Ctx, truth: Truth) -> Table:
    roles = columns(ctx)
    k = ctx.knobs
    body: list[list[Cell | None]] = []
    current = None
    for n, q in enumerate(pick_questions(ctx, k.records), 1):
        if k.sections and q.tool != current:
            current = q.tool
            text = ct.section_text(q.tool, k.section_wording, ctx.digit)
            body.append([Cell([text], bold=True, colspan=len(roles), shade=k.header_shade)] + [None] * (len(roles) - 1))
        rec, cells = seed_row(ctx, n, q, ct.section_text(q.tool, k.section_wording, ctx.digit) if k.sections else None,
                              roles)
        rec["_key"] = f"rec:{n}"
        truth.records.append(rec)
        body.append(cells)
    widths = [WIDTHS[r] * ctx.rng.uniform(1 - k.width_jitter, 1 + k.width_jitter) for r in roles]
    return Table(widths, [header_cells(ctx, roles)], body, rules=k.rules, header_shade=k.header_shade,
                 repeat_header=k.repeat_header)


def document_meta(ctx: Ctx, kind: str, title: str, printed: str) -> dict:
    k, a = ctx.knobs, ctx.agency
    period = ctx.period() if k.report else None
    return {"document_type": kind, "title": title,
            "agency": {"name": a.name, "name_as_printed": printed, "type": a.kind, "district": a.district,
                       "province": a.province},
            "fiscal_year": k.fiscal_year, "round_months": k.round_months,
            "period_start": period and period[0].isoformat(), "period_end": period and period[1].isoformat()}


def compose_seed_era(ctx: Ctx) -> tuple[Doc, Truth]:
    """Seed-era (5 columns) and 4-column plan documents."""
    k = ctx.knobs
    title = ctx.rng.choice(TITLE_REPORT) if k.report else TITLE_MEASURES
    warnings: list[dict] = []
    printed = printed_agency(ctx, warnings)
    truth = Truth(document_meta(ctx, "measures_report" if k.report else "measures", title, printed), warnings=warnings)
    blocks = (memo_pages(ctx, title) if k.memo else []) + title_block(ctx, title, printed)
    blocks += [Gap(), seed_table(ctx, truth)] + signature(ctx)
    if k.memo:
        for w in warnings:
            w["page"] = 2
    return new_doc(ctx, blocks, k.orientation), truth


def new_doc(ctx: Ctx, blocks: list, orientation: str) -> Doc:
    k = ctx.knobs
    header = {"header": "dash"}.get(k.page_numbers)
    footer = {"footer": "page", "number": "number"}.get(k.page_numbers)
    return Doc(k.font, k.size, orientation, k.margins, blocks, page_header=header, page_footer=footer,
               thai_digits=k.thai_digits)


def compose(knobs: Knobs) -> tuple[Doc, Truth]:
    """The document and its truth for one set of knobs (FY2567 template in ``fy2567``)."""
    from . import fy2567

    rng = random.Random(f"ita-synth-content-{knobs.seed}")
    ctx = Ctx(knobs, rng, ct.draw_agency(rng), digits_as(knobs.thai_digits))
    if knobs.template == "fy2567":
        return fy2567.compose_fy2567(ctx)
    return compose_seed_era(ctx)
