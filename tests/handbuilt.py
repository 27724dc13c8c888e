"""Hand-built contract reports for the analysis tests: several agencies, both rounds, plans, scores.

Built with the pydantic models, so every file is valid contract JSON; the expected answers in
the tests are worked out by hand from this data, never by the code under test.

The plan ↔ report pair (เทศบาลตำบลปรางค์กู่, FY2567): the plan addresses E1, I3 and O10; the
6-month report says E1 in progress; the 12-month report says E1 done and I3 in progress and does
not name O10. So the join must give E1 done, I3 in progress, O10 not reported.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from ita_extract.extract.batch.manifest import ManifestLine, write_manifest
from ita_extract.schema import Agency, Assessment, Document, Record, Report, Score, Source, Warning

PRANG_KU = Agency(name="เทศบาลตำบลปรางค์กู่", name_as_printed="เทศบาลตำบลปรังค์กู", type="เทศบาลตำบล",
                  district="ปรางค์กู่", province="ศรีสะเกษ")  # fmt: skip
PHO = Agency(name="องค์การบริหารส่วนตำบลโพธิ์", type="องค์การบริหารส่วนตำบล", district="เมืองศรีสะเกษ",
             province="ศรีสะเกษ")  # fmt: skip
SISAKET = Agency(name="เทศบาลเมืองศรีสะเกษ", type="เทศบาลเมือง", district="เมืองศรีสะเกษ", province="ศรีสะเกษ")
HOSPITAL = Agency(name="โรงพยาบาลพิชัย", type="โรงพยาบาล", district="พิชัย", province="อุตรดิตถ์")

PERIODS = {6: (date(2023, 10, 1), date(2024, 3, 31)), 12: (date(2023, 10, 1), date(2024, 9, 30))}


def sha_of(name: str) -> str:
    """A stable fake sha256 per file name (the files are never hashed: they are not PDFs)."""
    return hashlib.sha256(name.encode()).hexdigest()


def record(row: int, code: str, status: str | None = None, *, actions: tuple[str, ...] = (),
           dates: tuple[date, ...] = (), score: float | None = None) -> Record:  # fmt: skip
    """One table row addressing question ``code`` (E1 → tool EIT)."""
    tool = {"E": "EIT", "I": "IIT", "O": "OIT"}[code[0]]
    return Record(
        row=row, section=f"เครื่องมือการประเมิน {tool}", tool=tool, indicator=code, issue=f"ประเด็น {code}",
        score=score, responsible="สำนักปลัด", measures=[f"มาตรการ {code} ข้อ ๑", f"มาตรการ {code} ข้อ ๒"],
        actions=list(actions), action_dates=list(dates), status=status, page_start=row + 1, page_end=row + 1,
    )  # fmt: skip


def assessment(total: float, year: int, indicators: dict[str, float]) -> Assessment:
    """Printed results: a total, one tool score and indicator scores ("1"–"10")."""
    scores = [Score(level="tool", tool="IIT", code="IIT", score=total, page=2)]
    scores += [Score(level="indicator", code=code, name=f"ตัวชี้วัด {code}", score=value, page=2)
               for code, value in indicators.items()]  # fmt: skip
    scores.append(Score(level="question", tool="EIT", code="E1", name="คำถาม E1", score=total - 5, page=3))
    return Assessment(fiscal_year=year, total=total, rating="ผ่าน" if total >= 85 else "ต้องปรับปรุง",
                      scores=scores)  # fmt: skip


def report(name: str, agency: Agency, kind: str, year: int, records: list[Record], *,
           round_months: int | None = None, scores: Assessment | None = None,
           warnings: tuple[Warning, ...] = ()) -> Report:  # fmt: skip
    """One report file's contract JSON."""
    start, end = PERIODS[round_months] if round_months else (None, None)
    if start and year != 2567:
        start, end = start.replace(year=start.year - (2567 - year)), end.replace(year=end.year - (2567 - year))
    document = Document(document_type=kind, title=f"เอกสาร {name}", agency=agency, fiscal_year=year,
                        round_months=round_months, period_start=start, period_end=end, assessment=scores)  # fmt: skip
    return Report(source=Source(file=f"{name}.pdf", sha256=sha_of(name), pages=len(records) + 2),
                  document=document, records=records, warnings=list(warnings))  # fmt: skip


def reports() -> list[Report]:
    """Every hand-built report, in the order a run lists them."""
    done = ("ดำเนินการเมื่อวันที่ ๒๕ มกราคม ๒๕๖๗",)
    return [
        report("prangku-plan-2567", PRANG_KU, "measures", 2567, [record(1, "E1"), record(2, "I3"), record(3, "O10")],
               scores=assessment(88.5, 2566, {"1": 91.0, "2": 80.0})),
        report("prangku-6m-2567", PRANG_KU, "measures_report", 2567,
               [record(1, "E1", "in_progress", actions=done, dates=(date(2024, 1, 25),))], round_months=6),
        report("prangku-12m-2567", PRANG_KU, "measures_report", 2567,
               [record(1, "E1", "done", actions=done, dates=(date(2024, 1, 25), date(2024, 8, 2))),
                record(2, "I3", "in_progress", actions=("อยู่ระหว่างดำเนินการ",))], round_months=12),
        report("pho-plan-2567", PHO, "measures", 2567, [record(1, "E2"), record(2, "I1")],
               scores=assessment(96.2, 2566, {"1": 97.0, "2": 95.5})),
        report("pho-6m-2567", PHO, "measures_report", 2567,
               [record(1, "E2", "not_started"), record(2, "I1", None, actions=("จัดประชุม",))], round_months=6),
        report("sisaket-6m-2566", SISAKET, "measures_report", 2566,
               [record(1, "E1", "done", actions=done, dates=(date(2023, 1, 25),)), record(2, "E2")], round_months=6),
        report("sisaket-12m-2566", SISAKET, "measures_report", 2566,
               [record(1, "E1", "done", actions=done, dates=(date(2023, 1, 25), date(2023, 6, 30)))],
               round_months=12),
        report("sisaket-plan-2567", SISAKET, "measures", 2567, [record(1, "E1"), record(2, "O10")],
               scores=assessment(79.0, 2566, {"1": 70.0, "2": 84.0})),
        report("hospital-analysis-2567", HOSPITAL, "ita_analysis", 2567, [],
               scores=assessment(93.0, 2566, {"1": 94.0, "2": 92.0}),
               warnings=(Warning(code="no_table", message="no ITA measures table was found", page=None),)),
    ]  # fmt: skip


def write_run(out: Path, items: list[Report] | None = None, *, failed: bool = True) -> Path:
    """A run folder as ``extract -o`` leaves it: one JSON per report and the manifest (plus a failed file)."""
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for rep in reports() if items is None else items:
        name = rep.source.file.removesuffix(".pdf") + ".json"
        (out / name).write_text(rep.to_json(), encoding="utf-8")
        lines.append(ManifestLine(path=f"in/{rep.source.file}", sha256=rep.source.sha256,
                                  status="warning" if rep.warnings else "ok", output=name,
                                  records=len(rep.records), pages=rep.source.pages, seconds=0.5))  # fmt: skip
    if failed:
        lines.append(ManifestLine(path="in/broken.pdf", sha256=sha_of("broken"), status="failed",
                                  error="not_pdf", error_class="NotAPDFError",
                                  message="in/broken.pdf: not_pdf: the file does not start with %PDF"))  # fmt: skip
    write_manifest(out, lines)
    return out
