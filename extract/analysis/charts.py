"""The summary's charts: pandas tables from ``facts`` → inline SVG (matplotlib), or ``None`` when empty.

Each function draws one chart and says nothing of the page around it; an empty table gives
``None`` and the page says there is nothing to show instead of drawing empty axes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .facts import PROGRESS, TOOLS
from .labels import EXCELLENT_SCORE, PASS_SCORE, fiscal_year_of, label, thai_month
from .svg import chart_style, figure_svg, new_figure

WIDTH_IN = 9.0  # every chart's width: about the page's column at 96 dpi
BAR_HEIGHT_IN = 0.28  # height per bar of a horizontal bar chart
TOP_QUESTIONS = 10  # questions shown per tool and year
MAX_AGENCY_BARS = 40  # agencies in the progress chart (the table lists them all)
SCORE_BIN = 2.5  # histogram bin width, in score points
FONT_CELL = 8.0  # small text inside a chart (heat map values, fiscal-year names), in points
PROGRESS_COLOURS = {
    "done": "#2e7d32", "in_progress": "#f9a825", "not_started": "#c62828", "unknown": "#78909c",
    "not_reported": "#d7dbdd",
}  # fmt: skip
TOOL_COLOURS = {"IIT": "#1565c0", "EIT": "#6a1b9a", "OIT": "#00838f"}
FAILED_COLOUR, OK_COLOUR = "#c62828", "#546e7a"


@dataclass(frozen=True)
class Chart:
    """One drawn chart: a name (its id prefix and ``data-chart``), a bilingual title, the SVG."""

    name: str
    title: str
    svg: str


def _height(bars: int, extra_in: float = 0.9) -> float:
    return max(2.2, bars * BAR_HEIGHT_IN + extra_in)


def _score_lines(ax: Any, vertical: bool = True) -> None:
    """The ITA pass mark (85) and the excellent mark (95), labelled."""
    for score, key, colour in ((PASS_SCORE, "pass", "#c62828"), (EXCELLENT_SCORE, "excellent", "#2e7d32")):
        line = ax.axvline if vertical else ax.axhline
        line(score, color=colour, linestyle="--", linewidth=1.2, label=f"{score} {label(key)}")


def outcomes_chart(outcomes: Any) -> Chart | None:
    """Input files by outcome (failed ones per error code), a horizontal bar each."""
    if outcomes.empty or outcomes["files"].sum() == 0:
        return None
    rows = outcomes.iloc[::-1]
    with chart_style():
        fig, ax = new_figure(WIDTH_IN, _height(len(rows)))
        colours = [FAILED_COLOUR if o.startswith("failed") or o == "no records" else OK_COLOUR for o in rows["outcome"]]
        ax.barh(rows["outcome"], rows["files"], color=colours)
        ax.bar_label(ax.containers[0], padding=3)
        ax.set_xlabel(label("files"))
        return Chart("outcomes", "ผลการอ่านไฟล์ · What happened to each file", figure_svg(fig, "outcomes", "outcomes"))


def questions_chart(year_rows: Any, year: int) -> Chart | None:
    """The questions most agencies address in one fiscal year: one panel of bars per tool."""
    if year_rows.empty:
        return None
    panels = [year_rows[year_rows["tool"] == tool].head(TOP_QUESTIONS) for tool in TOOLS]
    name, title = f"questions-{year}", f"ข้อคำถามที่มีมาตรการมากที่สุด ปีงบประมาณ {year} · Questions most addressed, FY{year}"
    with chart_style():
        fig, axes = new_figure(WIDTH_IN, _height(max(len(p) for p in panels), 1.1), ncols=len(TOOLS), sharex=True)
        for ax, tool, panel in zip(axes, TOOLS, panels):
            ax.set_title(tool)
            if panel.empty:
                ax.text(0.5, 0.5, "—", ha="center", va="center", transform=ax.transAxes)
                ax.set_yticks([])
                continue
            bars = ax.barh(panel["indicator"].iloc[::-1], panel["agencies"].iloc[::-1], color=TOOL_COLOURS[tool])
            ax.bar_label(bars, padding=2)
        axes[1].set_xlabel(label("agencies_addressing"))
        axes[0].xaxis.get_major_locator().set_params(integer=True)
        return Chart(name, title, figure_svg(fig, name, title))


def progress_chart(wide: Any) -> Chart | None:
    """Per agency and fiscal year, its planned questions split by what its reports say (stacked bars)."""
    if wide.empty:
        return None
    shown = wide.head(MAX_AGENCY_BARS).iloc[::-1]
    names = [f"{agency} {year}" for agency, year in zip(shown["agency_name"], shown["fiscal_year"])]
    title = "มาตรการตามแผน กับ ผลการดำเนินงาน · Planned measures and what the reports say"
    with chart_style():
        fig, ax = new_figure(WIDTH_IN, _height(len(shown), 1.4))
        left = [0] * len(shown)
        for key in PROGRESS:
            values = list(shown[key])
            ax.barh(names, values, left=left, color=PROGRESS_COLOURS[key], label=label(key),
                    hatch="//" if key == "not_reported" else None, edgecolor="white")  # fmt: skip
            left = [a + b for a, b in zip(left, values)]
        ax.set_xlabel(label("planned_questions"))
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.legend(loc="outside lower center", ncols=3)
        return Chart("progress", title, figure_svg(fig, "progress", title))


def score_histogram(totals: Any) -> Chart | None:
    """Total ITA scores (one per agency and year) with the 85 and 95 marks."""
    if totals.empty:
        return None
    import numpy as np

    low = min(float(totals["total"].min()), PASS_SCORE - 10)
    bins = np.arange(np.floor(low / SCORE_BIN) * SCORE_BIN, 100 + SCORE_BIN, SCORE_BIN)
    title = "การกระจายของคะแนนรวม ITA · Distribution of total ITA scores"
    with chart_style():
        fig, ax = new_figure(WIDTH_IN, 3.6)
        ax.hist(totals["total"], bins=bins, color="#1565c0", edgecolor="white")
        _score_lines(ax)
        ax.set_xlabel(label("total_score"))
        ax.set_ylabel(label("agencies"))
        ax.yaxis.get_major_locator().set_params(integer=True)
        fig.legend(loc="outside lower center", ncols=2)
        return Chart("histogram", title, figure_svg(fig, "histogram", title))


def score_boxplot(totals: Any) -> Chart | None:
    """Total scores by agency type: a box each, every agency's score as a dot over it."""
    if totals.empty:
        return None
    groups = sorted(totals.groupby("agency_type")["total"], key=lambda item: item[0])
    title = "คะแนนรวมตามประเภทหน่วยงาน · Total score by agency type"
    with chart_style():
        fig, ax = new_figure(WIDTH_IN, _height(len(groups), 1.4))
        values = [list(scores) for _, scores in groups]
        ax.boxplot(values, orientation="horizontal", tick_labels=[name for name, _ in groups], widths=0.5)
        for row, scores in enumerate(values, start=1):
            ax.scatter(scores, [row] * len(scores), s=12, color="#1565c0", alpha=0.6, zorder=3)
        _score_lines(ax)
        ax.set_xlabel(label("total_score"))
        fig.legend(loc="outside lower center", ncols=2)
        return Chart("boxplot", title, figure_svg(fig, "boxplot", title))


def indicator_heatmap(scores: Any) -> Chart | None:
    """Mean score of each indicator (ตัวชี้วัดที่ 1–10) per agency type, the value printed in each cell."""
    if scores.empty:
        return None
    grid = scores.pivot_table(index="agency_type", columns="code", values="score", aggfunc="mean")
    grid = grid[sorted(grid.columns, key=lambda code: (len(code), code))]
    title = "คะแนนรายตัวชี้วัด ตามประเภทหน่วยงาน · Indicator scores by agency type"
    with chart_style():
        fig, ax = new_figure(WIDTH_IN, _height(len(grid), 1.6))
        image = ax.imshow(grid.to_numpy(dtype=float), cmap="RdYlGn", vmin=min(60.0, float(grid.min().min())),
                          vmax=100, aspect="auto")  # fmt: skip
        ax.set_xticks(range(len(grid.columns)), labels=list(grid.columns))
        ax.set_yticks(range(len(grid.index)), labels=list(grid.index))
        for (row, col), value in _cells(grid):
            ax.text(col, row, f"{value:.1f}", ha="center", va="center", fontsize=FONT_CELL)
        ax.set_xlabel(label("indicator"))
        fig.colorbar(image, ax=ax, label=label("mean_score"))
        return Chart("heatmap", title, figure_svg(fig, "heatmap", title))


def _cells(grid: Any) -> list[tuple[tuple[int, int], float]]:
    """The filled cells of a pivot table as ((row, column), value)."""
    values = grid.to_numpy(dtype=float)
    return [((r, c), float(values[r, c])) for r in range(values.shape[0]) for c in range(values.shape[1])
            if values[r, c] == values[r, c]]  # fmt: skip


def timeline_chart(dates: Any) -> Chart | None:
    """Actions per month over the fiscal years, with each fiscal year's start (1 October) marked."""
    days = sorted(date.fromisoformat(value) for value in dates["date"])
    if not days:
        return None
    months = _month_counts(days)
    title = "วันที่ดำเนินการตลอดปีงบประมาณ · Action dates over the fiscal year"
    with chart_style():
        fig, ax = new_figure(WIDTH_IN, 3.0)
        positions = range(len(months))
        ax.bar(positions, [count for _, count in months], color="#00838f")
        ax.set_xticks(positions, labels=[thai_month(month) for month, _ in months], rotation=90)
        for index, (month, _) in enumerate(months):
            if month.month == 10:  # a fiscal year starts on 1 October
                ax.axvline(index - 0.5, color="#455a64", linestyle=":", linewidth=1)
            if month.month == 10 or index == 0:
                ax.text(index - 0.4, 1.02, f"{label('fiscal_year')} {fiscal_year_of(month)}",
                        transform=ax.get_xaxis_transform(), va="bottom", fontsize=FONT_CELL)  # fmt: skip
        ax.set_ylabel(label("actions_per_month", sep="\n"))
        ax.yaxis.get_major_locator().set_params(integer=True)
        return Chart("timeline", title, figure_svg(fig, "timeline", title))


def _month_counts(days: list[date]) -> list[tuple[date, int]]:
    """Every month from the first day's to the last day's (empty months too), with its count."""
    counts: dict[date, int] = {}
    month = date(days[0].year, days[0].month, 1)
    while month <= days[-1]:
        counts[month] = 0
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    for day in days:
        counts[date(day.year, day.month, 1)] += 1
    return list(counts.items())
