"""The output contract (``docs/CONTRACT.md``, version 2) as pydantic models.

These models are the public data contract: researchers' scripts, the CSV columns and
the evaluation tooling all read the JSON they produce, so field names never change
(version 2 only adds fields). The models validate what the extractor builds (ISO dates,
indicator codes, tool names, page numbers) so that a bug upstream fails loudly here
instead of leaking malformed data. Every field carries a description, so
``ita-extract schema`` documents the contract. This package knows nothing of
``extract``: data flows one way, into it.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

CONTRACT_VERSION = 2
DocumentType = Literal["measures_report", "measures", "ita_analysis", "unknown"]
DOCUMENT_TYPES: dict[str, str] = {
    "measures_report": "a report on carrying out the integrity and transparency measures "
    "(รายงาน(ผล)การดำเนินการตามมาตรการ…), with a results column",
    "measures": "the measures themselves (มาตรการส่งเสริมคุณธรรมและความโปร่งใส…), with no results column, "
    "whether or not an analysis of last year's ITA results comes with them",
    "ita_analysis": "an analysis of last year's ITA results only (การวิเคราะห์ผลการประเมิน…): scores, no measures table",
    "unknown": "none of the above could be recognised; always comes with a warning",
}
Tool = Literal["IIT", "EIT", "OIT"]
LOCAL_AGENCY_TYPES = (
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "องค์การบริหารส่วนตำบล",
    "กรุงเทพมหานคร",
    "เมืองพัทยา",
)
Status = Literal["done", "in_progress", "not_started"]
ScoreLevel = Literal["tool", "indicator", "question"]


def _nfc(value: object) -> object:
    """Thai is compared in NFC everywhere; normalise every string on the way in."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_nfc)]
FiscalYear = Annotated[int, Field(ge=2400, le=2700)]


class _Model(BaseModel):
    """Common settings: no unknown fields from our own code, strings kept NFC."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Source(_Model):
    """Which file a report came from; sha256 lets batch runs deduplicate and resume."""

    file: str = Field(description="The input file's name (no folder), printable: bytes that are not UTF-8 shown as \\xNN.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes, lower-case hex.")
    pages: int = Field(ge=0, description="Number of pages in the PDF.")


class Agency(_Model):
    """The agency that published the report, canonicalised against the gazetteer."""

    name: Text | None = Field(default=None, description="Type + place name as officially spelled, e.g. เทศบาลตำบลปรางค์กู่.")
    name_as_printed: Text | None = Field(default=None, description="The name as the report prints it (after Thai text repair).")
    type: Text | None = Field(
        default=None,
        description="Full Thai type name: one of " + ", ".join(LOCAL_AGENCY_TYPES) + " for local government "
        "(abbreviations such as ทต. อบต. expanded), or the kind as printed for other agencies "
        "(โรงพยาบาล, สำนักงานสาธารณสุขอำเภอ, วิทยาลัย…).",
    )
    district: Text | None = Field(default=None, description="District (อำเภอ/เขต) without its prefix.")
    province: Text | None = Field(default=None, description="Province (จังหวัด) without its prefix.")

    @field_validator("district", "province")
    @classmethod
    def _no_prefix(cls, v: str | None) -> str | None:
        """The contract says district/province carry no อำเภอ/จังหวัด prefix."""
        if v is not None and v.startswith(("อำเภอ", "จังหวัด", "อ.", "จ.")):
            raise ValueError(f"district/province must not carry a prefix: {v!r}")
        return v


class Score(_Model):
    """One printed ITA score: a tool's, an indicator's or a question's."""

    level: ScoreLevel = Field(description="tool (IIT/EIT/OIT), indicator (ตัวชี้วัดที่ 1–10) or question (I1, E15, O43…).")
    tool: Tool | None = Field(default=None, description="The tool the score belongs to, or null where the document does not say.")
    code: str = Field(
        pattern=r"^(IIT|EIT|OIT|[0-9]{1,2}|[IEO][0-9]{1,3})$",
        description="IIT/EIT/OIT for a tool; the indicator number as printed (\"1\"–\"10\"); "
        "a question code as Latin capital + Arabic digits (I1, E15, O43).",
    )
    name: Text | None = Field(
        default=None, description="Indicator name without ตัวชี้วัดที่ N, or the question text; null for a tool."
    )
    score: float = Field(description="The printed score (0–100 when read right; a value outside comes with a warning).")
    page: int = Field(ge=1, description="1-based page where the score is printed (its first printing).")

    @field_validator("score")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError("a score must be a finite number")
        return v


class Assessment(_Model):
    """Last year's ITA results as a document prints them (FY2567 template, or an analysis)."""

    fiscal_year: FiscalYear | None = Field(default=None, description="The assessed fiscal year (Buddhist era), e.g. 2566.")
    total: float | None = Field(default=None, description="The overall ITA score.")
    rating: Text | None = Field(
        default=None, description="The printed grade: ผ่านดีเยี่ยม, ผ่านดี, ผ่าน, ต้องปรับปรุง, ต้องปรับปรุงโดยด่วน, or AA–F."
    )
    previous_total: float | None = Field(
        default=None,
        description="The overall score of the year before the assessed one, where the document gives it "
        "(\"ปีงบประมาณ พ.ศ. 2565 ได้ 87.99 คะแนน\").",
    )
    scores: list[Score] = Field(default_factory=list, description="Every printed score, each (level, code) once, in document order.")


class Document(_Model):
    """Title-block metadata: what kind of report, whose, and for which period."""

    document_type: DocumentType = Field(
        default="unknown", description="; ".join(f"{k}: {v}" for k, v in DOCUMENT_TYPES.items()) + "."
    )
    title: Text | None = Field(default=None, description="The report's title as printed (repaired Thai, lines joined).")
    agency: Agency = Field(default_factory=Agency, description="The agency that published the report.")
    fiscal_year: FiscalYear | None = Field(
        default=None, description="Buddhist-era fiscal year the document is for (2566 = 1 Oct 2022 – 30 Sep 2023)."
    )
    round_months: Literal[6, 12] | None = Field(
        default=None, description="6 or 12 for the 6- and 12-month rounds; null when the report names none."
    )
    period_start: date | None = Field(default=None, description="First day of the period reported on (ISO, Common Era).")
    period_end: date | None = Field(default=None, description="Last day of the period reported on (ISO, Common Era).")
    assessment: Assessment | None = Field(default=None, description="ITA scores the document prints; null when it prints none.")

    @model_validator(mode="after")
    def _period_ordered(self) -> Document:
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValueError("period_start is after period_end")
        return self


class Record(_Model):
    """One table row: an issue from the assessment and what the agency does about it."""

    row: int = Field(ge=1, description="The row's printed number, or its position in the table (1-based).")
    section: Text | None = Field(default=None, description="The section row above it, e.g. เครื่องมือการประเมิน EIT….")
    tool: Tool | None = Field(default=None, description="IIT, EIT or OIT, from the code or the section.")
    indicator: str | None = Field(
        default=None,
        pattern=r"^[IEO][0-9]{1,3}$",
        description="Question code as Latin capital + Arabic digits (E1, I15, O36), however printed (E๑, e1, (E1), EIT 1).",
    )
    issue: Text | None = Field(default=None, description="The issue or question text, without its code.")
    score: float | None = Field(default=None, description="The row's own assessment score (ผลการประเมิน (คะแนน)).")
    findings: Text | None = Field(default=None, description="The row's finding (ข้อค้นพบ / ผลการวิเคราะห์) as one text.")
    responsible: Text | None = Field(default=None, description="Who is responsible (ผู้รับผิดชอบ), as one text.")
    measures: list[Text] = Field(
        default_factory=list, description="The measures or approach (มาตรการ / แนวทาง…), one entry per numbered item."
    )
    steps: list[Text] = Field(
        default_factory=list, description="A separate steps column (ขั้นตอน/วิธีการ), one entry per numbered item."
    )
    timeframe: Text | None = Field(default=None, description="The row's own time-frame column (ระยะเวลา…) as one text.")
    timeframe_start: date | None = Field(default=None, description="First day the time frame covers (ISO, Common Era).")
    timeframe_end: date | None = Field(default=None, description="Last day the time frame covers (ISO, Common Era).")
    monitoring: list[Text] = Field(
        default_factory=list, description="Monitoring and reporting (การกำกับติดตาม…), one entry per numbered item."
    )
    actions: list[Text] = Field(
        default_factory=list, description="What was done (การดำเนินการ / ผลการดำเนินงาน), one entry per numbered item."
    )
    action_dates: list[date] = Field(default_factory=list, description="Every date named in actions (ISO, Common Era).")
    status: Status | None = Field(
        default=None,
        description="What the results say: done, in_progress, not_started; null for documents with no results column.",
    )
    page_start: int = Field(ge=1, description="1-based page where the row begins.")
    page_end: int = Field(ge=1, description="1-based page where the row ends (a row may cross a page).")

    @model_validator(mode="after")
    def _consistent(self) -> Record:
        if self.page_end < self.page_start:
            raise ValueError("page_end is before page_start")
        if self.indicator and self.tool and self.tool[0] != self.indicator[0]:
            raise ValueError(f"indicator {self.indicator} does not belong to tool {self.tool}")
        if self.timeframe_start and self.timeframe_end and self.timeframe_start > self.timeframe_end:
            raise ValueError("timeframe_start is after timeframe_end")
        return self


class Warning(_Model):  # noqa: A001 - the contract calls it a warning
    """Anything the extractor had to guess or could not read, with a stable code (see docs/CONTRACT.md)."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="A stable code from the registry in docs/CONTRACT.md.")
    message: Text = Field(description="One line saying what was seen and what was done.")
    page: int | None = Field(default=None, ge=1, description="1-based page it concerns, or null for the whole document.")


class Report(_Model):
    """One PDF report as the contract's JSON object."""

    contract_version: Literal[2] = Field(default=CONTRACT_VERSION, description="The contract's version: 2.")
    source: Source = Field(description="The input file.")
    document: Document = Field(default_factory=Document, description="Title-block metadata and printed ITA results.")
    records: list[Record] = Field(default_factory=list, description="One entry per table row, in document order.")
    warnings: list[Warning] = Field(default_factory=list, description="Everything guessed or not read, each with a code.")

    def to_json(self, indent: int | None = 1) -> str:
        """JSON as the contract prints it: Thai kept as characters, dates ISO."""
        return self.model_dump_json(indent=indent)
