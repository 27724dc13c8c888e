"""The summary page without a browser: charts present, Thai drawn as glyph outlines, self-contained, empty data.

The browser's view of the same page is ``tests/test_browser.py``.
"""

from __future__ import annotations

import re
import sqlite3
import warnings
from datetime import date
from pathlib import Path

import handbuilt
import pytest
from click.testing import CliRunner
from ita_extract.cli import cli
from ita_extract.extract.analysis import fonts, summary
from ita_extract.extract.analysis.labels import fiscal_year_of, thai_month
from ita_extract.extract.analysis.runs import open_inputs, run_files
from ita_extract.extract.analysis.sqlite import fill_database, write_database
from ita_extract.extract.analysis.svg import scoped_svg
from ita_extract.extract.batch.combine import combine_runs
from ita_extract.extract.batch.manifest import ManifestLine, write_manifest
from ita_extract.schema import Agency

pytest.importorskip("matplotlib", reason="the summary's charts need matplotlib: pip install 'ita-extract[analysis]'")

ALL_CHARTS = ("outcomes", "questions-2567", "questions-2566", "progress", "histogram", "boxplot", "heatmap",
              "timeline")  # fmt: skip
THAI = re.compile(r"[\u0e00-\u0e7f]")


def page_of(*inputs: Path) -> tuple[str, tuple[str, ...]]:
    """The page for ``inputs``, failing on any matplotlib warning (a missing glyph is one)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        con = open_inputs(list(inputs))
        try:
            return summary.build_page(con, [str(p) for p in inputs])
        finally:
            con.close()


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, tuple[str, ...]]:
    return page_of(handbuilt.write_run(tmp_path_factory.mktemp("full") / "run"))


def test_every_chart_is_drawn_from_a_batch_with_plans_reports_scores_and_dates(full: tuple[str, tuple]) -> None:
    html, names = full
    assert names == ALL_CHARTS
    for name in names:
        assert f'data-chart="{name}"' in html
    assert "data-empty=" not in html


def test_the_page_fetches_nothing(full: tuple[str, tuple]) -> None:
    html, _ = full
    assert not re.search(r"""\bsrc=|<link\b|@import|url\((?!#|data:)|href=["'](?!#|data:)""", html)
    assert re.search(r"url\(data:font/ttf;base64,", html)


def test_charts_draw_thai_as_glyph_outlines_of_a_thai_font(full: tuple[str, tuple]) -> None:
    html, names = full
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert len(svgs) == len(names)
    assert "<text" not in "".join(svgs)  # svg.fonttype path: no font needed in the browser
    assert "LastResort" not in html  # matplotlib's tofu boxes come from its LastResort font
    font = fonts.thai_font()
    thai_labels = [svg for svg in svgs if re.search(r"<!-- [^>]*[\u0e00-\u0e7f]", svg)]
    assert len(thai_labels) == len(names)  # every chart has a Thai label
    for svg in thai_labels:
        assert re.search(rf'<path id="[\w-]+-{re.escape(font.name)}-[0-9a-f]+"', svg)


def test_ids_are_unique_on_the_page_and_every_reference_resolves(full: tuple[str, tuple]) -> None:
    html, _ = full
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', html))
    assert refs and refs <= set(ids)


def test_the_plan_table_and_the_agency_table_hold_every_agency(full: tuple[str, tuple]) -> None:
    html, _ = full
    agencies = html.split('id="agencies-table"', 1)[1]
    for agency in (handbuilt.PRANG_KU, handbuilt.PHO, handbuilt.SISAKET, handbuilt.HOSPITAL):
        assert agency.name in agencies
    progress = html.split('id="progress-table"', 1)[1].split("</table>", 1)[0]
    row = progress.split(handbuilt.PRANG_KU.name, 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="number">([\d,]+)</td>', row) == ["2567", "1", "1", "0", "0", "1", "3"]


def test_failed_files_are_listed_with_their_reason(full: tuple[str, tuple]) -> None:
    html, _ = full
    problems = html.split('id="problems"', 1)[1].split("</table>", 1)[0]
    assert "in/broken.pdf" in problems and "not_pdf" in problems
    assert "hospital-analysis-2567.pdf" in problems and "no_table" in problems


def test_a_batch_of_failures_only_gives_a_page_that_says_so(tmp_path: Path) -> None:
    run = handbuilt.write_run(tmp_path / "run", [])
    html, names = page_of(run)
    assert names == ("outcomes",)
    for empty in ("reports", "questions", "progress", "scores", "timeline", "agencies"):
        assert f'data-empty="{empty}"' in html
    assert "There are no reports" in html and "No document in these inputs prints ITA scores" in html


def test_reports_without_plans_or_scores_say_what_is_missing(tmp_path: Path) -> None:
    reports = [r for r in handbuilt.reports() if r.document.document_type == "measures_report"]
    html, names = page_of(handbuilt.write_run(tmp_path / "run", reports, failed=False))
    assert "progress" not in names and "histogram" not in names and "timeline" in names
    assert 'data-empty="progress"' in html and 'data-empty="scores"' in html and 'data-empty="problems"' in html


def test_an_empty_folder_gives_an_empty_page(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    html, names = page_of(tmp_path / "run")
    assert names == () and 'data-empty="reports"' in html


def test_text_from_reports_is_escaped(tmp_path: Path) -> None:
    hostile = Agency(name='<script>alert("x")</script>', type="<b>", province="ศรีสะเกษ")
    report = handbuilt.report('"><img src=x onerror=alert(1)>', hostile, "measures", 2567, [handbuilt.record(1, "E1")])
    html, _ = page_of(handbuilt.write_run(tmp_path / "run", [report]))
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>" not in html
    assert "&lt;script&gt;alert" in html


def test_a_database_and_its_run_folder_give_the_same_page(tmp_path: Path) -> None:
    run = handbuilt.write_run(tmp_path / "run")
    database = write_database([found.data for found in combine_runs([run])[0]], run_files(run), tmp_path)
    from_folder, _ = page_of(run)
    from_database, _ = page_of(database)
    sources = re.compile(r'<p class="sources">.*?</p>')
    assert sources.sub("", from_folder) == sources.sub("", from_database)


# ---------------------------------------------------------------- the command


def test_summary_command_writes_the_page_and_says_what_is_in_it(tmp_path: Path) -> None:
    run = handbuilt.write_run(tmp_path / "run")
    out = tmp_path / "site" / "summary.html"
    result = CliRunner().invoke(cli, ["summary", str(run), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "9 report(s), 4 agencies, 15 records, 1 failed file(s), 8 chart(s)" in result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: [_text_file(tmp)], "not a run folder"),
        (lambda tmp: [_database(tmp), tmp], "give one database alone"),
    ],
)
def test_summary_refuses_inputs_it_cannot_read_with_usage_error(tmp_path: Path, make: object, message: str) -> None:
    result = CliRunner().invoke(cli, ["summary", *map(str, make(tmp_path)), "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 2 and message in result.output


def _text_file(tmp: Path) -> Path:
    path = tmp / "notes.txt"
    path.write_text("hello")
    return path


def _database(tmp: Path) -> Path:
    path = tmp / "x.sqlite"
    fill_database(sqlite3.connect(path), [], []).close()
    return path


def test_without_matplotlib_the_command_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = summary.importlib.util.find_spec
    monkeypatch.setattr(summary.importlib.util, "find_spec", lambda name: None if name == "matplotlib" else real(name))
    result = CliRunner().invoke(cli, ["summary", str(handbuilt.write_run(tmp_path / "run")), "-o", str(tmp_path / "s")])
    assert result.exit_code == 1 and "pip install 'ita-extract[analysis]'" in result.output
    assert not (tmp_path / "s").exists()


# ---------------------------------------------------------------- fonts, SVG, labels


def test_the_shipped_font_covers_thai_and_is_the_fallback() -> None:
    assert fonts.covers_thai(fonts.shipped_font_path())
    shipped = fonts.thai_font(prefer_installed=False)
    assert shipped.shipped and shipped.name == "Loma"


def test_a_font_without_thai_is_not_taken() -> None:
    from matplotlib import font_manager

    assert not fonts.covers_thai(font_manager.findfont("DejaVu Sans"))


def test_charts_drawn_with_the_shipped_font_need_no_installed_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from ita_extract.extract.analysis import charts, svg

    monkeypatch.setattr(svg, "thai_font", lambda: fonts.thai_font(prefer_installed=False))
    totals = __import__("pandas").DataFrame({"agency_type": ["เทศบาลตำบล", "องค์การบริหารส่วนตำบล"],
                                             "total": [88.0, 96.0]})  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = charts.score_boxplot(totals)
    assert chart is not None and re.search(r'<path id="boxplot-Loma-[0-9a-f]+"', chart.svg)


def test_scoped_svg_prefixes_ids_and_references_and_drops_the_prologue() -> None:
    text = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x"\n "y">\n<svg xmlns="http://www.w3.org/2000/svg" '
            'width="432pt" height="144pt" viewBox="0 0 432 144"><metadata>date</metadata>'
            '<defs><path id="Loma-13" d="M0 0"/><clipPath id="p1"><rect/></clipPath></defs>'
            '<use xlink:href="#Loma-13"/><g clip-path="url(#p1)"/></svg>')  # fmt: skip
    out = scoped_svg(text, "c", "ชื่อ <title>")
    assert out.startswith("<svg") and "metadata" not in out and "DOCTYPE" not in out
    assert 'id="c-Loma-13"' in out and 'href="#c-Loma-13"' in out and 'url(#c-p1)' in out and 'id="c-p1"' in out
    assert 'width="100%"' in out and 'aria-label="ชื่อ &lt;title&gt;"' in out


@pytest.mark.parametrize(
    ("day", "month", "fiscal_year"),
    [
        (date(2024, 1, 25), "ม.ค. 67", 2567),
        (date(2023, 10, 1), "ต.ค. 66", 2567),  # the fiscal year starts on 1 October
        (date(2023, 9, 30), "ก.ย. 66", 2566),  # and ends on 30 September
        (date(2000, 12, 31), "ธ.ค. 43", 2544),
    ],
)
def test_months_and_fiscal_years_in_the_buddhist_era(day: date, month: str, fiscal_year: int) -> None:
    assert thai_month(day) == month and fiscal_year_of(day) == fiscal_year


def test_a_batch_with_no_manifest_still_counts_its_reports(tmp_path: Path) -> None:
    run = handbuilt.write_run(tmp_path / "run")
    (run / "manifest.jsonl").unlink()
    html, names = page_of(run)
    assert "progress" in names and "in/broken.pdf" not in html  # no manifest: no failed files to list
    write_manifest(run, [ManifestLine(path="x.pdf", sha256=None, status="failed", error="not_pdf")])
    assert "x.pdf" in page_of(run)[0]


def test_a_stray_json_in_a_run_folder_is_named_and_left_out(tmp_path: Path) -> None:
    run = handbuilt.write_run(tmp_path / "run", handbuilt.reports()[:1])
    (run / "zz-notes.json").write_text('{"source": {"file": "notes.pdf"}, "records": "none"}')
    (run / "manifest.jsonl").unlink()
    result = CliRunner().invoke(cli, ["summary", str(run), "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "zz-notes.json" in line]
    assert len(said) == 1 and "not a report of contract version 2" in said[0] and "left out" in said[0]
    assert "1 report(s)" in result.output and "notes.pdf" not in (tmp_path / "s.html").read_text(encoding="utf-8")
