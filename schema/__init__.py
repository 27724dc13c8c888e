"""Pydantic models of the output contract (version 2); see ``models`` for why each exists."""

from .models import (
    CONTRACT_VERSION,
    DOCUMENT_TYPES,
    LOCAL_AGENCY_TYPES,
    Agency,
    Assessment,
    Document,
    DocumentType,
    Record,
    Report,
    Score,
    Source,
    Status,
    Tool,
    Warning,
)

__all__ = [
    "CONTRACT_VERSION", "DOCUMENT_TYPES", "LOCAL_AGENCY_TYPES", "Agency", "Assessment", "Document", "DocumentType",
    "Record", "Report", "Score", "Source", "Status", "Tool", "Warning",
]  # fmt: skip
