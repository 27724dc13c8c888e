"""The output contract (``shared/spec/output-contract.md``) as pydantic models.

These models are the public data contract: researchers' scripts, the CSV columns and the
evaluation tooling all read the JSON they produce, so field names never change. The
models validate what the extractor builds (ISO dates, indicator codes, tool names, page
numbers) so that a bug upstream fails loudly here instead of leaking malformed data.
This package knows nothing of ``extract``: data flows one way, into it.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

DocumentType = Literal["measures_report", "measures", "unknown"]
Tool = Literal["IIT", "EIT", "OIT"]
AgencyType = Literal[
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "องค์การบริหารส่วนตำบล",
    "กรุงเทพมหานคร",
    "เมืองพัทยา",
]


def _nfc(value: object) -> object:
    """Thai is compared in NFC everywhere; normalise every string on the way in."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_nfc)]


class _Model(BaseModel):
    """Common settings: no unknown fields from our own code, strings kept NFC."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Source(_Model):
    """Which file a report came from; sha256 lets batch runs deduplicate and resume."""

    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    pages: int = Field(ge=0)


class Agency(_Model):
    """The agency that published the report, canonicalised against the gazetteer."""

    name: Text | None = None
    name_as_printed: Text | None = None
    type: AgencyType | None = None
    district: Text | None = None
    province: Text | None = None

    @field_validator("district", "province")
    @classmethod
    def _no_prefix(cls, v: str | None) -> str | None:
        """The contract says district/province carry no อำเภอ/จังหวัด prefix."""
        if v is not None and v.startswith(("อำเภอ", "จังหวัด", "อ.", "จ.")):
            raise ValueError(f"district/province must not carry a prefix: {v!r}")
        return v


class Document(_Model):
    """Title-block metadata: what kind of report, whose, and for which period."""

    document_type: DocumentType = "unknown"
    title: Text | None = None
    agency: Agency = Field(default_factory=Agency)
    fiscal_year: int | None = Field(default=None, ge=2400, le=2700)
    round_months: Literal[6, 12] | None = None
    period_start: date | None = None
    period_end: date | None = None

    @model_validator(mode="after")
    def _period_ordered(self) -> Document:
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValueError("period_start is after period_end")
        return self


class Record(_Model):
    """One table row: an issue from the assessment and what the agency does about it."""

    row: int = Field(ge=1)
    section: Text | None = None
    tool: Tool | None = None
    indicator: str | None = Field(default=None, pattern=r"^[IEO][0-9]{1,3}$")
    issue: Text | None = None
    responsible: Text | None = None
    measures: list[Text] = Field(default_factory=list)
    monitoring: list[Text] = Field(default_factory=list)
    actions: list[Text] = Field(default_factory=list)
    action_dates: list[date] = Field(default_factory=list)
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> Record:
        if self.page_end < self.page_start:
            raise ValueError("page_end is before page_start")
        if self.indicator and self.tool and self.tool[0] != self.indicator[0]:
            raise ValueError(f"indicator {self.indicator} does not belong to tool {self.tool}")
        return self


class Warning(_Model):  # noqa: A001 - the contract calls it a warning
    """Anything the extractor had to guess or could not read, with a stable code."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    message: Text
    page: int | None = Field(default=None, ge=1)


class Report(_Model):
    """One PDF report as the contract's JSON object."""

    source: Source
    document: Document = Field(default_factory=Document)
    records: list[Record] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)

    def to_json(self, indent: int | None = 1) -> str:
        """JSON as the contract prints it: Thai kept as characters, dates ISO."""
        return self.model_dump_json(indent=indent)
