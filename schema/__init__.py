"""Pydantic models of the output contract; see ``models`` for why each exists."""

from .models import Agency, AgencyType, Document, DocumentType, Record, Report, Source, Tool, Warning

__all__ = ["Agency", "AgencyType", "Document", "DocumentType", "Record", "Report", "Source", "Tool", "Warning"]
