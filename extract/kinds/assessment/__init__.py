"""The ITA results a document prints (``document.assessment``): scores tables, prose, checks.

``read_assessment(pages, fiscal_year)`` → ``(Assessment | None, notices)``;
``analysis_document_type`` decides ``ita_analysis`` once records are known.
"""

from .header import HeaderSettings
from .layout import PageLines, page_lines
from .reader import AssessmentSettings, analysis_document_type, read_assessment
from .scan import ResultPages

__all__ = ["AssessmentSettings", "HeaderSettings", "PageLines", "ResultPages", "analysis_document_type", "page_lines", "read_assessment"]
