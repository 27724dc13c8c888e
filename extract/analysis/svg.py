"""Matplotlib figures → SVG fragments that can sit side by side inside one HTML page.

Matplotlib writes each SVG as a standalone file: an XML declaration, a DOCTYPE, a date in
its metadata, and ids (glyph ``Loma-13``, clip paths, markers) that are unique in that file
only. Eight of them inlined in one page would share ids, and a ``<use href="#Loma-13">`` could
draw another chart's glyph; so each fragment's ids get the chart's name as a prefix.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
from collections.abc import Iterator
from typing import Any

from .fonts import thai_font

SVG_HASH_SALT = "ita-extract"  # fixed, so the same data gives the same ids (and the same page)
FONT_SIZE_PT = 9.0  # chart text; the page text is 15 px, and charts are shown at about their own size
FALLBACK_FAMILY = "DejaVu Sans"  # matplotlib's own font, for any symbol the Thai font lacks

_PROLOGUE = re.compile(r"<\?xml.*?\?>\s*|<!DOCTYPE.*?>\s*|<metadata>.*?</metadata>\s*", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(href="#|url\(#)([^")]+)')
_ROOT_SIZE = re.compile(r'<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"')


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """Matplotlib settings for every chart: the Thai font, glyphs as paths, stable ids, quiet axes."""
    import matplotlib

    with matplotlib.rc_context({
        "font.family": [thai_font().name, FALLBACK_FAMILY],
        "font.size": FONT_SIZE_PT,
        "svg.fonttype": "path",  # glyphs as outlines: the browser needs no Thai font for the charts
        "svg.hashsalt": SVG_HASH_SALT,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": FONT_SIZE_PT + 1,
        "legend.frameon": False,
    }):  # fmt: skip
        yield


def new_figure(width_in: float, height_in: float, **subplots: Any) -> tuple[Any, Any]:
    """A figure and its axes without pyplot (no global state, no GUI backend in a batch or a test)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), layout="constrained")
    return fig, fig.subplots(**subplots)


def scoped_svg(text: str, prefix: str, title: str) -> str:
    """One SVG file as an inline fragment: no prologue, ids prefixed, width following the page, a title.

    ``id="Loma-13"`` → ``id="scores-Loma-13"``, ``href="#Loma-13"`` → ``href="#scores-Loma-13"``.
    """
    text = _PROLOGUE.sub("", text)
    text = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    text = _ROOT_SIZE.sub(
        lambda m: f'<svg{m.group(1)} width="100%" style="max-width: {m.group(2)}pt; height: auto" '
        f'role="img" aria-label="{html.escape(title)}"',
        text,
        count=1,
    )
    return text.strip()


def figure_svg(fig: Any, prefix: str, title: str) -> str:
    """Save ``fig`` as SVG (no date in it, so a page is reproducible) and scope it for inlining."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return scoped_svg(buffer.getvalue(), prefix, title)
