#!/usr/bin/env python3
"""Write ``extract/page/ocr/lexicon.tsv``: the text whose right form OCR can be checked against.

    python tools/make_ocr_lexicon.py [../shared/domain/ita_indicators.csv]

Rows are ``kind  code  first_year  last_year  text`` (years Buddhist Era, inclusive):
- ``question``: the official ITA question or item wording per indicator code and the
  assessment years it was used, from the domain notes' catalogue (``ita_indicators.csv``;
  its ``framework_years`` become the year range: "2563-2566 (assumed)" → 2563–2566,
  "2564-2565 (v1 list; 2563 similar)" → 2563–2565);
- ``unit``: the names of the units (สำนัก, กอง, งาน) local agencies put in the responsible
  column, as the domain notes and the seed report use them;
- ``phrase``: section headings and set phrases of measures reports;
- ``title``: the titles measures documents and reports are printed under.
Shipped inside the package so that users need no domain notes. Month names are not listed:
``extract/thai/dates.py`` owns them.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "extract" / "page" / "ocr" / "lexicon.tsv"
DEFAULT_CSV = REPO.parent / "shared" / "domain" / "ita_indicators.csv"

UNITS = (
    "สำนักปลัด", "สำนักปลัดเทศบาล", "สำนักปลัด อบต.", "สำนักปลัด อบจ.", "สำนักงานปลัด", "กองคลัง", "กองช่าง",
    "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม", "กองสวัสดิการสังคม", "กองยุทธศาสตร์และงบประมาณ",
    "กองการเจ้าหน้าที่", "กองส่งเสริมการเกษตร", "กองวิชาการและแผนงาน", "หน่วยตรวจสอบภายใน", "งานพัสดุ",
    "งานการเงิน", "งานบัญชี", "งานบุคคล", "งานการเจ้าหน้าที่", "งานนิติการ", "งานประชาสัมพันธ์",
    "งานธุรการ", "งานแผนและงบประมาณ", "งานป้องกันและบรรเทาสาธารณภัย", "งานจัดเก็บรายได้", "ทุกกอง",
    "ทุกสำนัก/กอง", "ทุกส่วนราชการ", "ผู้บริหาร", "ปลัด", "ปลัดเทศบาล", "ปลัด อบต.", "นายกเทศมนตรี",
    "นายก อบต.", "เจ้าหน้าที่ผู้รับผิดชอบ", "เจ้าหน้าที่ทุกคน", "ผู้อำนวยการกอง",
)  # fmt: skip
PHRASES = (
    "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
    "แบบตรวจการเปิดเผยข้อมูลสาธารณะ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้ว", "ดำเนินการแล้วเสร็จ",
    "รายงานผู้บริหาร", "รายงานผู้บริหารทราบ", "รายงานผลการดำเนินการให้ผู้บริหารทราบ",
    "เผยแพร่ข้อมูลบนเว็บไซต์หน่วยงาน", "เผยแพร่บนเว็บไซต์หน่วยงาน", "ประชาสัมพันธ์ผ่านเว็บไซต์หน่วยงาน",
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
)  # fmt: skip
TITLES = (
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
)  # fmt: skip  # the title phrases of the domain notes' and the seed's reports


def years(framework: str) -> tuple[int, int]:
    """The assessment years a catalogue row applies to, from its ``framework_years`` note."""
    span = re.match(r"\s*(\d{4})(?:\s*-\s*(\d{4}))?", framework)
    if span is None:
        raise SystemExit(f"make_ocr_lexicon: no year in framework_years {framework!r}")
    first = int(span.group(1))
    last = int(span.group(2) or first)
    also = re.search(r"(\d{4}) similar", framework) or re.search(r"same (\d{4})-(\d{4})", framework)
    if also:
        first = min(first, int(also.group(1)))
        last = max(last, int(also.groups()[-1]))
    return first, last


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV
    rows = []
    with source.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            first, last = years(row["framework_years"])
            rows.append(("question", row["code"], first, last, row["text_th"]))
    rows += [("unit", "", 0, 9999, unit) for unit in UNITS]
    rows += [("phrase", "", 0, 9999, phrase) for phrase in PHRASES]
    rows += [("title", "", 0, 9999, title) for title in TITLES]
    lines = ["# kind\tcode\tfirst_year\tlast_year\ttext  (made by tools/make_ocr_lexicon.py; do not edit)"]
    lines += [f"{k}\t{c}\t{a}\t{b}\t{unicodedata.normalize('NFC', t)}" for k, c, a, b, t in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
