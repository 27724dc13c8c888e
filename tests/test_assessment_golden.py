"""The printed ITA scores of the FY2567 synthetic reports against their truth (written by the generator).

syn06: reportlab, horizontal rules, letters spread by justification, Thai digits, a
cover page and a theme table per page. syn07: LibreOffice, a full grid, Arabic digits,
the tool scores in merged cells that pdfium reads out of stream order.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import SYNTHETIC, extracted, need_shared


def truth(name: str) -> dict:
    return json.loads((SYNTHETIC / f"{name}.json").read_text(encoding="utf-8"))


def squeeze(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ["syn06", "syn07"])
def test_every_printed_score_is_read_once_with_its_tool_and_page(name: str) -> None:
    need_shared()
    want = truth(name)["document"]["assessment"]
    got = extracted(str(SYNTHETIC / f"{name}.pdf"))["document"]["assessment"]
    keys = ("level", "tool", "code", "score", "page")
    assert [tuple(s[k] for k in keys) for s in got["scores"]] == [tuple(s[k] for k in keys) for s in want["scores"]]
    assert (got["fiscal_year"], got["total"], got["rating"]) == (want["fiscal_year"], want["total"], want["rating"])


@pytest.mark.parametrize("name", ["syn06", "syn07"])
def test_question_and_indicator_names_match_the_printed_text(name: str) -> None:
    need_shared()
    want = truth(name)["document"]["assessment"]["scores"]
    got = extracted(str(SYNTHETIC / f"{name}.pdf"))["document"]["assessment"]["scores"]
    assert [squeeze(s["name"]) for s in got] == [squeeze(s["name"]) for s in want]


def test_spread_letters_and_wrapped_lines_give_names_with_the_authors_spaces() -> None:
    need_shared()
    want = {s["code"]: s["name"] for s in truth("syn06")["document"]["assessment"]["scores"]}
    got = {s["code"]: s["name"] for s in extracted(str(SYNTHETIC / "syn06.pdf"))["document"]["assessment"]["scores"]}
    assert got == want


@pytest.mark.parametrize("name", ["syn06", "syn07"])
def test_a_consistent_report_raises_no_assessment_warning_and_stays_a_measures_document(name: str) -> None:
    need_shared()
    report = extracted(str(SYNTHETIC / f"{name}.pdf"))
    assert [w for w in report["warnings"] if w["code"].startswith("assessment")] == []
    assert report["document"]["document_type"] == truth(name)["document"]["document_type"]


@pytest.mark.parametrize("name", ["syn01", "syn03", "syn05"])
def test_a_report_in_the_fy2566_template_prints_no_scores(name: str) -> None:
    need_shared()
    assert extracted(str(SYNTHETIC / f"{name}.pdf"))["document"]["assessment"] is None
