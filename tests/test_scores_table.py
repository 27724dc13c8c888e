"""``scores.<fmt>``: one row per agency × printed score, built from the report JSON like records."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import SYNTHETIC, need_shared
from ita_extract.cli import cli
from ita_extract.extract.batch.scores_table import SCORE_COLUMNS, score_rows, write_scores_table
from ita_extract.schema import Agency, Assessment, Document, Report, Score, Source


def _report(sha: str = "a" * 64, question: str = "ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี") -> dict:
    """A contract report built through the models (so it is valid), as the dict a run reads back."""
    report = Report(
        source=Source(file="มาตรการ ITA.pdf", sha256=sha, pages=3),
        document=Document(
            document_type="measures",
            agency=Agency(name="เทศบาลนครหาดใหญ่", type="เทศบาลนคร", district="หาดใหญ่", province="สงขลา"),
            fiscal_year=2567,
            assessment=Assessment(
                fiscal_year=2566, total=88.91, rating="ผ่าน", previous_total=87.99,
                scores=[
                    Score(level="tool", tool="IIT", code="IIT", score=85.55, page=2),
                    Score(level="indicator", tool="IIT", code="2", name="การใช้งบประมาณ", score=80.12, page=2),
                    Score(level="question", tool="IIT", code="I7", name=question, score=84.35, page=3),
                ],
            ),
        ),
    )
    return json.loads(report.to_json())


def test_each_printed_score_is_one_row_with_the_agency_and_the_assessment_copied_in() -> None:
    rows = score_rows(_report())
    assert [(r["level"], r["code"], r["score"], r["page"]) for r in rows] == [
        ("tool", "IIT", 85.55, 2), ("indicator", "2", 80.12, 2), ("question", "I7", 84.35, 3)
    ]
    assert {(r["agency_name"], r["province"], r["fiscal_year"], r["assessed_year"], r["total"], r["rating"]) for r in rows} == {
        ("เทศบาลนครหาดใหญ่", "สงขลา", 2567, 2566, 88.91, "ผ่าน")
    }
    assert list(rows[0]) == list(SCORE_COLUMNS)


def test_scores_csv_opens_with_thai_intact_and_formulas_made_inert(tmp_path: Path) -> None:
    path = write_scores_table([_report(question="=HYPERLINK(\"x\") ท่านรู้")], tmp_path, "csv")
    assert path is not None and path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    df = pd.read_csv(path, encoding="utf-8-sig")
    assert list(df.columns) == list(SCORE_COLUMNS)
    assert df["agency_name"].tolist() == ["เทศบาลนครหาดใหญ่"] * 3
    assert df.loc[1, "name"] == "การใช้งบประมาณ" and df.loc[2, "name"] == "'=HYPERLINK(\"x\") ท่านรู้"
    assert df["score"].tolist() == [85.55, 80.12, 84.35] and df["assessed_year"].tolist() == [2566] * 3


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "xlsx"])
def test_every_table_format_holds_the_same_rows(tmp_path: Path, fmt: str) -> None:
    path = write_scores_table([_report(), _report("b" * 64)], tmp_path, fmt)
    assert path is not None and path.name == f"scores.{fmt}"
    if fmt == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        codes = [r["code"] for r in rows]
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pq.read_schema(path)
        assert (schema.field("page").type, schema.field("score").type) == (pa.int64(), pa.float64())
        codes = pd.read_parquet(path)["code"].tolist()
    else:
        df = pd.read_excel(path, sheet_name="scores")
        codes = df["code"].astype(str).tolist()
    assert codes == ["IIT", "2", "I7"] * 2


def test_a_batch_without_scores_writes_the_header_only(tmp_path: Path) -> None:
    report = _report()
    report["document"]["assessment"] = None
    path = write_scores_table([report], tmp_path, "csv")
    assert pd.read_csv(path, encoding="utf-8-sig").empty
    assert write_scores_table([report], tmp_path, "json") is None


def test_extract_writes_scores_beside_records_and_combine_merges_them(tmp_path: Path) -> None:
    need_shared()
    run = CliRunner().invoke
    assert run(cli, ["extract", str(SYNTHETIC / "syn06.pdf"), "-o", str(tmp_path / "a"), "-f", "csv", "-q"]).exit_code == 0
    assert run(cli, ["extract", str(SYNTHETIC / "syn07.pdf"), "-o", str(tmp_path / "b"), "-f", "csv", "-q"]).exit_code == 0
    one = pd.read_csv(tmp_path / "a" / "scores.csv", encoding="utf-8-sig")
    assert len(one) == 101 and set(one["agency_name"]) == {"เทศบาลนครหาดใหญ่"}
    result = run(cli, ["combine", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "all"), "-f", "csv", "-q"])
    assert result.exit_code == 0
    both = pd.read_csv(tmp_path / "all" / "scores.csv", encoding="utf-8-sig")
    assert len(both) == 202 and set(both["assessed_year"]) == {2566, 2567}
