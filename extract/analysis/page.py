"""HTML pieces of the summary page: the document shell, cards, figures, notes and sortable tables.

The page must open anywhere, offline, as one file: styles, script and the Thai font are
inlined (``page.css``, ``page.js``, ``fonts.font_face_css``) and every value from a report is
escaped, since file names and Thai text come from strangers' PDFs.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .charts import Chart
from .fonts import font_face_css


@dataclass(frozen=True)
class Column:
    """One table column: the frame's key, the bilingual header, and a number format for numbers.

    ``COUNT`` groups thousands (``1,234``); ``YEAR`` does not (``2567``); ``SCORE`` keeps two decimals.
    """

    key: str
    header: str
    fmt: str | None = None  # a format spec for numeric columns; None for text

    @property
    def number(self) -> bool:
        return self.fmt is not None


COUNT, YEAR, SCORE = ",.0f", ".0f", ".2f"


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def esc(value: Any) -> str:
    """Text for HTML: escaped, ``None``/NaN as empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value))


def _cell(value: Any, column: Column) -> str:
    """One ``<td>``: numbers right-aligned with the column's decimals; missing values empty."""
    missing = value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "<NA>"
    if column.number and not missing:
        return f'<td class="number">{float(value):{column.fmt}}</td>'
    return f"<td>{'' if missing else esc(value)}</td>"


def table(frame: Any, columns: Sequence[Column], table_id: str) -> str:
    """A sortable table of a pandas frame (``page.js`` sorts it by a click on a header)."""
    numeric = ' class="number" data-type="number"'
    head = "".join(f'<th{numeric if c.number else ""} scope="col">{esc(c.header)}</th>' for c in columns)
    rows = [
        "<tr>" + "".join(_cell(row[c.key], c) for c in columns) + "</tr>"
        for row in frame.to_dict("records")
    ]  # fmt: skip
    return (
        f'<div class="table-wrap"><table class="sortable" id="{esc(table_id)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def filter_box(table_id: str, total: int, placeholder: str) -> str:
    """A text box that hides the rows of ``table_id`` not containing every word typed."""
    return (
        f'<p class="filter"><label>ค้นหา · Filter: <input type="search" data-filter="{esc(table_id)}" '
        f'placeholder="{esc(placeholder)}"></label> <span id="{esc(table_id)}-shown">{total}</span> / {total}</p>'
    )


def figure(chart: Chart) -> str:
    """A chart with its bilingual caption; ``data-chart`` names it for tests and links."""
    return (
        f'<figure class="chart" data-chart="{esc(chart.name)}" id="chart-{esc(chart.name)}">'
        f"<figcaption>{esc(chart.title)}</figcaption>{chart.svg}</figure>"
    )


def note(text: str, name: str) -> str:
    """What the page says where there is nothing to draw (``data-empty`` names the missing chart)."""
    return f'<p class="note" data-empty="{esc(name)}">{esc(text)}</p>'


def cards(items: Sequence[tuple[str, int, bool]]) -> str:
    """Big numbers: (bilingual name, value, whether a non-zero value is bad news)."""
    parts = [
        f'<div class="card{" bad" if bad and value else ""}"><span class="value">{value:,}</span>'
        f'<span class="name">{esc(name)}</span></div>'
        for name, value, bad in items
    ]  # fmt: skip
    return f'<div class="cards">{"".join(parts)}</div>'


def section(section_id: str, heading: str, body: str) -> str:
    return f'<section id="{esc(section_id)}"><h2>{esc(heading)}</h2>{body}</section>'


def document(title: str, sources: Sequence[str], nav: Sequence[tuple[str, str]], body: str, footer: str) -> str:
    """The whole page: one file, every asset inline, Thai declared as the language."""
    links = "".join(f'<a href="#{esc(anchor)}">{esc(text)}</a>' for anchor, text in nav)
    return (
        '<!DOCTYPE html>\n<html lang="th">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{font_face_css()}\n{_asset('page.css')}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(title)}</h1>"
        f'<p class="sources">ข้อมูลจาก · Data from: {esc(", ".join(sources))}</p></header>\n'
        f"<nav>{links}</nav>\n{body}\n<footer>{esc(footer)}</footer>\n"
        f"<script>\n{_asset('page.js')}</script>\n</body>\n</html>\n"
    )
