"""Title block → document metadata: kind of report, title, agency, fiscal year, period.

The title block is the text above the table's header on the first table page (cover
memos before it are skipped by the table finder). Each field comes from the Thai layer's
parsers; this module only decides which lines are the title and which are the agency.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...schema import Agency, Document
from ..errors import Notice
from ..thai.agency import parse_agency
from ..thai.dates import parse_period
from ..thai.letters import is_thai_char
from ..thai.repair import repair_thai_text

TITLE_WORDS = re.compile(r"มาตรการ|รายงาน")
TITLE_STOP = re.compile(
    r"^(ของ)?\s*(ประจำปี|ปีงบประมาณ|รอบ|\(|ระหว่าง|ตั้งแต่|เทศบาล|องค์การบริหาร|อบต|อบจ|ทต|ทม|ทน|อำเภอ|จังหวัด|กรุงเทพ|เมืองพัทยา)"
)


def join_title(lines: list[str]) -> str:
    """Join wrapped title lines: no space between two Thai letters, one otherwise."""
    out = ""
    for line in lines:
        if out and not (is_thai_char(out[-1]) and is_thai_char(line[0])):
            out += " "
        out += line
    return out


def find_title(lines: list[str]) -> str | None:
    """The first lines naming the report, up to the fiscal-year or agency line."""
    start = next((i for i, ln in enumerate(lines) if TITLE_WORDS.search(ln)), None)
    if start is None:
        return None
    parts: list[str] = []
    for ln in lines[start:]:
        if parts and TITLE_STOP.match(ln):
            break
        cut = re.split(r"\s*(?:ประจำปีงบประมาณ|ประจำปี\s*พ\.ศ|รอบ\s*[0-9๐-๙])", ln, maxsplit=1)
        parts.append(cut[0].strip())
        if len(cut) > 1 or len(parts) == 3:
            break
    title = join_title([p for p in parts if p])
    return title or None



def _contract_values(fiscal_year: int | None, round_months: int | None) -> tuple[int | None, int | None, list[Notice]]:
    """Fiscal year and round as the contract allows them (None otherwise), with a warning per value dropped.

    The title block is free text: "รอบ ๓ เดือน" or a mistyped year ("ปีงบประมาณ ๒๙๖๖") must
    give an empty field and a warning, not a report that fails validation.
    """
    warnings = []
    if round_months is not None and round_months not in (6, 12):
        warnings.append(Notice("round_unsupported", f"a {round_months}-month round is neither of the ITA's 6 and 12; left empty"))
        round_months = None
    if fiscal_year is not None and not 2400 <= fiscal_year <= 2700:
        warnings.append(Notice("fiscal_year_implausible", f"fiscal year {fiscal_year} is not a plausible Buddhist-era year; left empty"))
        fiscal_year = None
    return fiscal_year, round_months, warnings


def build_document(sources: list[list[str]], classify: Callable[[str | None], str]) -> tuple[Document, list[Notice]]:
    """Document metadata, each field from the first title-block source that gives it, and the notices met.

    ``sources``: candidate title blocks in order of trust (the lines above the table's
    header; the opening pages, text layers before OCR). The FY2567 template prints its title,
    agency and year on a cover, pages before the table; a seed-era report prints them above
    it. ``classify`` names the document kind from the title.
    """
    blocks = [[repair_thai_text(ln).strip() for ln in src if ln.strip()] for src in sources] or [[]]
    title = next((t for src in blocks if (t := find_title(src)) is not None), None)
    matches = [parse_agency(src) for src in blocks]
    # no agency named anywhere: the first source that still says where it is (a misread type)
    match = next((m for m in matches if m.name is not None), None) or next(
        (m for m in matches if m.province is not None), matches[0])
    periods = [parse_period("\n".join(src)) for src in blocks]
    # a source whose year OCR cut short ends the search too: a later source's year is as often last year's
    period = next((p for p in periods if p.fiscal_year is not None or p.start is not None or p.year_cut), periods[0])
    fiscal_year, round_months, notices = _contract_values(period.fiscal_year, period.round_months)
    agency = Agency(name=match.name, name_as_printed=match.name_as_printed, type=match.type,
                    district=match.district, province=match.province)  # fmt: skip
    doc = Document(document_type=classify(title), title=title, agency=agency, fiscal_year=fiscal_year,
                   round_months=round_months, period_start=period.start, period_end=period.end)  # fmt: skip
    notices += match.warnings
    if period.year_cut:
        notices.append(Notice("fiscal_year_unread", "the title block's fiscal year lost a digit to OCR (พ.ศ. 25x)"))
    elif period.fiscal_year is None:
        notices.append(Notice("fiscal_year_missing", "no fiscal year (ปีงบประมาณ) found in the title block"))
    if match.name is None:
        notices.append(Notice("agency_missing", "no agency name found in the title block"))
    return doc, notices
