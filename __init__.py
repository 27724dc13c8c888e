"""ita-extract: Thai ITA report PDFs → clean, typed records (see the output contract).

>>> import ita_extract
>>> report = ita_extract.extract("samples/sample01.pdf")   # doctest: +SKIP
>>> report.document.fiscal_year                             # doctest: +SKIP
2566

``ita_extract.extract`` is the engine package, and calling it runs the pipeline
(:func:`ita_extract.pipeline.extract`), so ``import ita_extract.extract.thai.dates`` works too.
"""

from . import extract
from .extract.errors import ExtractError
from .extract.thai.dates import find_thai_dates, parse_thai_date
from .extract.thai.repair import repair_thai_text
from .schema import Report

__all__ = ["ExtractError", "Report", "extract", "find_thai_dates", "parse_thai_date", "repair_thai_text"]
__version__ = "0.1.0"
