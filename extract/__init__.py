"""The extraction engine, one sub-package per layer (imports point down this list):

- ``batch/``  many files: process pool, manifest, writers, limits
- ``kinds/``  what one document kind's columns mean: roles, wordings, record builder
- ``table/``  lines → columns → header → rows → merge; cell text; the title block
- ``page/``   the page model (``Char``, ``Rule``, ``Page``) and its producers: ``pdf`` and ``ocr/``
- ``thai/``   Thai and ITA text with no PDF in it: characters, repair, dates, codes, spacing, agency
- ``errors``  the ``ExtractError`` family and the registry of warning codes

``ita_extract.extract`` is this package, and calling it runs the pipeline
(``ita_extract.extract("report.pdf")``): one name, one thing, and both
``ita_extract.extract(path)`` and ``import ita_extract.extract.thai.dates`` work.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..schema import Report


class _CallablePackage(types.ModuleType):
    """This package's module type: calling it is :func:`ita_extract.pipeline.extract`."""

    def __call__(self, path: str | Path, ocr: str = "auto") -> Report:
        """Extract one ITA report PDF into a validated ``Report`` (see :func:`ita_extract.pipeline.extract`)."""
        from ..pipeline import extract

        return extract(path, ocr=ocr)


sys.modules[__name__].__class__ = _CallablePackage
