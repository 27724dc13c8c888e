"""ita-extract: Thai ITA report PDFs → clean, typed records (see the output contract).

>>> import ita_extract
>>> report = ita_extract.extract("samples/sample01.pdf")   # doctest: +SKIP
>>> report.document.fiscal_year                             # doctest: +SKIP
2566
"""

from .extract.dates import find_thai_dates, parse_thai_date
from .extract.errors import ExtractError
from .extract.thai import repair_thai_text
from .pipeline import extract
from .schema import Report

__all__ = ["ExtractError", "Report", "extract", "find_thai_dates", "parse_thai_date", "repair_thai_text"]
__version__ = "0.1.0"
