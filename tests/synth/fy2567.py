"""The FY2567 template (contract, "Two templates"): a cover, last year's ITA results (indicator
table, question table, per-theme tables, prose with total and grade), then a landscape measures
table with a two-level header, as one long table or one table per issue.

Scores are drawn first, so the measures rows (the questions below 85) print the same scores the
results pages do, and the truth's ``assessment`` lists each printed (level, code) once.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import content as ct
from .compose import (
    WIDTHS,
    Ctx,
    base_record,
    document_meta,
    header_valign,
    issue_cell,
    items_cell,
    location_line,
    new_doc,
    printed_agency,
    signature,
)
from .model import Break, Cell, Gap, Para, Table
from .truth import Truth

COVER_TITLES = ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
THEMES = ("การให้บริการและระบบ E-Service", "การเปิดเผยข้อมูลและการสื่อสาร", "การใช้งบประมาณและทรัพย์สินของราชการ",
          "การป้องกันการทุจริต")
GUIDE = ("แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
         "ประจำปีงบประมาณ พ.ศ. {fy}")
SUB_HEADERS = (("measures", "วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ"), ("steps", "ขั้นตอน/วิธีการ"),
               ("responsible", "ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง"), ("timeframe", "ระยะเวลาดำเนินการ"),
               ("monitoring", "การติดตามประเมินผล"))
TOP_HEADERS = (("issue", ("ประเด็น", "ประเด็นการประเมิน")), ("score", ("ผลการประเมิน (คะแนน)", "ผลการประเมิน")),
               ("findings", ("ข้อค้นพบ", "ผลการวิเคราะห์")))


@dataclass(frozen=True)
class Scores:
    questions: dict[str, float]  # I1 → 89.68
    indicators: dict[int, float]
    tools: dict[str, float]
    total: float
    rating: str


def rating(total: float, tools: dict[str, float]) -> str:
    """The grade by the rule in shared/domain/README.md §1.3."""
    low = min(tools.values())
    if total >= 95 and low >= 95:
        return "ผ่านดีเยี่ยม"
    if total >= 85:
        return "ผ่านดี" if low >= 85 else "ผ่าน"
    return "ต้องปรับปรุง" if total >= 70 else "ต้องปรับปรุงโดยด่วน"


def draw_scores(ctx: Ctx, pool: tuple[ct.Question, ...], low: set[str]) -> Scores:
    rng = ctx.rng
    qs: dict[str, float] = {}
    for q in pool:
        if q.tool == "OIT":
            qs[q.code] = 0.0 if q.code in low else 100.0
        else:
            qs[q.code] = round(rng.uniform(65, 84.9), 2) if q.code in low else round(rng.uniform(85, 99.9), 2)
    ind = {n: round(sum(qs[q.code] for q in pool if q.indicator == n) / len([q for q in pool if q.indicator == n]), 2)
           for n in ct.INDICATOR_NAMES}
    tools = {t: round(sum(v for n, v in ind.items() if ct.INDICATOR_TOOL[n] == t)
                      / len([n for n in ind if ct.INDICATOR_TOOL[n] == t]), 2) for t in ct.TOOLS}
    total = round(0.3 * tools["IIT"] + 0.3 * tools["EIT"] + 0.4 * tools["OIT"], 2)
    return Scores(qs, ind, tools, total, rating(total, tools))


def show(ctx: Ctx, value: float) -> str:
    """A printed score: 89.68, ๘๙.๖๘; OIT's whole scores as 100 or 100.00."""
    text = f"{value:.0f}" if value in (0.0, 100.0) and ctx.knobs.seed % 2 else f"{value:.2f}"
    return ctx.digit(text)


def score_entry(level: str, tool: str, code: str, name: str | None, value: float) -> dict:
    return {"level": level, "tool": tool, "code": code, "name": name, "score": value,
            "_key": f"score:{level}:{code}"}


def indicator_table(ctx: Ctx, s: Scores, truth: Truth) -> Table:
    """ตัวชี้วัด | คะแนนรายตัวชี้วัด | คะแนนรายเครื่องมือ; a tool's score spans its indicators, centred."""
    d = ctx.digit
    header = [[Cell([h], bold=True, align="center", valign="middle", shade=ctx.knobs.header_shade)
               for h in ("ตัวชี้วัด", "คะแนนรายตัวชี้วัด", "คะแนนรายเครื่องมือ")]]
    body: list[list[Cell | None]] = []
    for tool in ct.TOOLS:
        numbers = [n for n in ct.INDICATOR_NAMES if ct.INDICATOR_TOOL[n] == tool]
        truth.scores.append(score_entry("tool", tool, tool, None, s.tools[tool]))
        for i, n in enumerate(numbers):
            name = ct.INDICATOR_NAMES[n]
            truth.scores.append(score_entry("indicator", tool, str(n), name, s.indicators[n]))
            row: list[Cell | None] = [Cell([f"ตัวชี้วัดที่ {d(n)} {name}"]),
                                      Cell([show(ctx, s.indicators[n])], align="center", key=f"score:indicator:{n}")]
            row.append(Cell([show(ctx, s.tools[tool])], align="center", valign="middle", rowspan=len(numbers),
                            key=f"score:tool:{tool}") if i == 0 else None)
            body.append(row)
    return Table([2.6, 1.0, 1.0], header, body, rules="grid" if ctx.knobs.rules == "none" else ctx.knobs.rules,
                 header_shade=ctx.knobs.header_shade, keep_together=True)


def question_table(ctx: Ctx, s: Scores, pool: tuple[ct.Question, ...], truth: Truth) -> Table:
    """ประเด็นการประเมิน | คะแนนที่ได้: indicator rows, then their questions (i1…, e1…, o1…)."""
    d, k = ctx.digit, ctx.knobs
    printer = ct.code_printer("lower" if k.code_style == "lower" else "upper", d)
    header = [[Cell(["ประเด็นการประเมิน"], bold=True, align="center", valign="middle", shade=k.header_shade),
               Cell(["คะแนนที่ได้"], bold=True, align="center", valign="middle", shade=k.header_shade, lines=2)]]
    body: list[list[Cell | None]] = []
    for n, name in ct.INDICATOR_NAMES.items():
        body.append([Cell([f"ตัวชี้วัดที่ {d(n)} {name}"], bold=True),
                     Cell([show(ctx, s.indicators[n])], bold=True, align="center", key=f"score:indicator:{n}#q")])
        truth.scores.append(score_entry("indicator", ct.INDICATOR_TOOL[n], str(n), name, s.indicators[n])
                            | {"_key": f"score:indicator:{n}#q"})
        for q in (q for q in pool if q.indicator == n):
            text = ctx.local(q.text)
            body.append([Cell([f"{printer(q)} {text}"], justify=k.justify),
                         Cell([show(ctx, s.questions[q.code])], align="center", key=f"score:question:{q.code}")])
            truth.scores.append(score_entry("question", q.tool, q.code, text, s.questions[q.code]))
    return Table([4.2, 1.0], header, body, rules="grid" if k.rules == "none" else k.rules,
                 header_shade=k.header_shade, repeat_header=k.repeat_header)


def theme_table(ctx: Ctx, number: int, theme: str, chosen: list[ct.Question], s: Scores, truth: Truth) -> Table:
    """ที่ | หัวข้อ | เครื่องมือการประเมิน | ข้อคำถาม | คะแนน | หมายเหตุ for one theme."""
    d, k = ctx.digit, ctx.knobs
    printer = ct.code_printer("lower" if k.code_style == "lower" else "upper", d)
    header = [[Cell([h], bold=True, align="center", valign="middle", shade=k.header_shade)
               for h in ("ที่", "หัวข้อ", "เครื่องมือการประเมิน", "ข้อคำถาม", "คะแนน", "หมายเหตุ")]]
    body: list[list[Cell | None]] = []
    for i, q in enumerate(chosen):
        first_of_tool = i == 0 or chosen[i - 1].tool != q.tool
        run = len([x for x in chosen[i:] if x.tool == q.tool]) if first_of_tool else 0
        below = s.questions[q.code] < 85
        body.append([
            Cell([d(number)], align="center", rowspan=len(chosen)) if i == 0 else None,
            Cell([theme], rowspan=len(chosen)) if i == 0 else None,
            Cell([q.tool], align="center", valign="middle", rowspan=run) if first_of_tool else None,
            Cell([printer(q)], align="center"),
            Cell([show(ctx, s.questions[q.code])], align="center", key=f"score:question:{q.code}#t{number}"),
            Cell([f"ต่ำกว่า {d(85)}" if below else ""], align="center"),
        ])
        truth.scores.append(score_entry("question", q.tool, q.code, ctx.local(q.text), s.questions[q.code])
                            | {"_key": f"score:question:{q.code}#t{number}"})
    return Table([0.4, 1.5, 1.0, 0.8, 0.8, 0.9], header, body, rules="grid" if k.rules == "none" else k.rules,
                 header_shade=k.header_shade, keep_together=True)


def results_pages(ctx: Ctx, s: Scores, pool: tuple[ct.Question, ...], truth: Truth) -> list:
    d, k, a = ctx.digit, ctx.knobs, ctx.agency
    year = d(k.fiscal_year - 1)
    blocks: list = [Para(f"ผลการประเมิน ITA ของ{a.name}", "title"), Para(f"ปีงบประมาณ พ.ศ. {year}", "bold"), Gap(),
                    Para(f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ "
                         f"พ.ศ. {year} {a.name} ได้คะแนนรวม {d(f'{s.total:.2f}')} คะแนน ผลการประเมินอยู่ในระดับ "
                         f"“{s.rating}” โดยมีรายละเอียดคะแนนรายตัวชี้วัด ดังนี้", "intro", justify=k.justify),
                    Gap(), indicator_table(ctx, s, truth), Gap()]
    if k.question_table:
        blocks += [question_table(ctx, s, pool, truth), Gap()]
        for t in range(k.themes):
            chosen = sorted(ctx.rng.sample([q for q in pool if q.tool != "IIT"], ctx.rng.randint(3, 6)),
                            key=lambda q: pool.index(q))
            blocks += [Para(f"{d(t + 1)}) {THEMES[t]}", "heading"), theme_table(ctx, t + 1, THEMES[t], chosen, s, truth),
                       Gap()]
    blocks += [Para(f"{d(1)}. การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                    f"ในปีงบประมาณ พ.ศ. {year}", "heading"),
               Para(f"ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {year} ของ{a.name} มีผลคะแนน {d(f'{s.total:.2f}')} คะแนน "
                    "ผลการประเมินสะท้อนให้เห็นว่าหน่วยงานยังต้องปรับปรุงการให้บริการ การเผยแพร่ข้อมูลข่าวสาร "
                    "และการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียเข้ามามีส่วนร่วม", "intro", justify=k.justify)]
    return blocks


def measures_header(ctx: Ctx) -> list[list[Cell | None]]:
    """Two header rows: ประเด็น | ผลการประเมิน (คะแนน) | ข้อค้นพบ span both; the guide spans five below it."""
    k = ctx.knobs
    top: list[Cell | None] = []
    for i, (_, words) in enumerate(TOP_HEADERS):
        top.append(Cell([words[k.wording % len(words)]], bold=True, align="center", valign=header_valign(ctx, i),
                        rowspan=2, shade=k.header_shade, lines=ctx.rng.randint(1, k.header_lines)))
    top += [Cell([GUIDE.format(fy=ctx.digit(k.fiscal_year))], bold=True, align="center", colspan=5,
                 shade=k.header_shade)] + [None] * 4
    low: list[Cell | None] = [None, None, None] + [
        Cell([text], bold=True, align="center", valign=header_valign(ctx, i + 3), shade=k.header_shade,
             lines=ctx.rng.randint(1, k.header_lines)) for i, (_, text) in enumerate(SUB_HEADERS)]
    return [top, low]


def measures_row(ctx: Ctx, n: int, q: ct.Question, s: Scores) -> tuple[dict, list[Cell | None]]:
    key, rng = f"rec:{n}", ctx.rng
    rec = base_record(n, None, q, ctx)
    tf = ct.draw_timeframe(rng, ctx.fy, ctx.digit)
    rec.update(score=s.questions[q.code], findings=ctx.local(rng.choice(ct.FINDINGS)),
               responsible=rng.choice(ct.UNITS).format(k=ct.unit_word(ctx.agency)),
               measures=[ctx.local(m) for m in ct.draw_items(rng, ct.MEASURES, 1, 2)],
               steps=[ctx.local(m) for m in ct.draw_items(rng, ct.STEPS, 1, 4)],
               timeframe=tf.text, timeframe_start=tf.start and tf.start.isoformat(),
               timeframe_end=tf.end and tf.end.isoformat(),
               monitoring=[ctx.local(m) for m in ct.draw_items(rng, ct.MONITORING, 1, 2)], _key=key)
    cells: list[Cell | None] = [
        issue_cell(ctx, q, key), Cell([show(ctx, rec["score"])], align="center", key=key),
        Cell([rec["findings"]], key=key, justify=ctx.knobs.justify), items_cell(ctx, rec["measures"], key),
        items_cell(ctx, rec["steps"], key), Cell([rec["responsible"]], key=key), Cell([tf.text], key=key),
        items_cell(ctx, rec["monitoring"], key)]
    return rec, cells


def measures_tables(ctx: Ctx, s: Scores, chosen: list[ct.Question], truth: Truth) -> list:
    k = ctx.knobs
    roles = ["issue", "score", "findings", "measures", "steps", "responsible", "timeframe", "monitoring"]
    widths = [WIDTHS[r] * ctx.rng.uniform(1 - k.width_jitter, 1 + k.width_jitter) for r in roles]
    rows = []
    for n, q in enumerate(chosen, 1):
        rec, cells = measures_row(ctx, n, q, s)
        truth.records.append(rec)
        rows.append(cells)
    make = lambda body: Table(widths, measures_header(ctx), body, rules=k.rules,  # noqa: E731
                              header_shade=k.header_shade, repeat_header=k.repeat_header)
    if k.layout == "one_table":
        return [make(rows)]
    blocks: list = []
    for i, row in enumerate(rows):
        if i:
            blocks.append(Break() if k.layout == "per_issue_page" else Gap())
        blocks.append(make([row]))
    return blocks


def compose_fy2567(ctx: Ctx) -> tuple:
    k, d = ctx.knobs, ctx.digit
    pool = ct.questions(k.fiscal_year - 1)
    below = [q for q in pool if q.tool != "OIT" or ctx.rng.random() < 0.3]
    chosen = sorted(ctx.rng.sample(below, k.records), key=lambda q: pool.index(q))
    s = draw_scores(ctx, pool, {q.code for q in chosen} | {q.code for q in ctx.rng.sample(pool, 4)})
    title = ctx.rng.choice(COVER_TITLES)
    warnings: list[dict] = []
    printed = printed_agency(ctx, warnings)
    truth = Truth(document_meta(ctx, "measures", title, printed), warnings=warnings)
    cover = [Gap(6), Para(title, "title"), Para(f"ประจำปีงบประมาณ พ.ศ. {d(k.fiscal_year)}", "title")]
    cover += ([Para(f"ของ{printed}", "title")] if ctx.rng.random() < 0.6 else [Para(printed, "title")])
    cover += [Para(location_line(ctx), "bold"), Break()]
    blocks = list(cover)
    if k.results_pages:
        truth.assessment = {"fiscal_year": k.fiscal_year - 1, "total": s.total, "rating": s.rating}
        blocks += results_pages(ctx, s, pool, truth)
    blocks += [Break("landscape")] + measures_tables(ctx, s, chosen, truth) + signature(ctx)
    return new_doc(ctx, blocks, "portrait"), truth
