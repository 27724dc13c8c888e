"""A row's status from its results wording: each form, the corpus's truth, and the aggregation rule."""

from __future__ import annotations

import datetime
import json

import pytest
from conftest import SAMPLES, SYNTHETIC
from ita_extract.extract.thai.status import action_status, status_of


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("ดำเนินการแล้ว เมื่อ ๒๒ ธ.ค. ๖๕", "done"),
        ("จัดทำคู่มือแล้วเสร็จ ณ วันที่ ๒๔ ม.ค. ๒๕๖๖", "done"),
        ("รายงานผู้บริหารทราบแล้ว", "done"),
        ("ดำเนินการเมื่อ ๒๐ ก.พ. ๖๖ และ ๑ มี.ค. ๖๖", "done"),  # a dated action
        ("วันที่ 3 กันยายน 2567", "done"),
        ("ดำเนินการ แล้ว", "done"),  # a space typed inside the wording
        ("อยู่ระหว่างดำเนินการ", "in_progress"),
        ("อยู่ระหว่างดำเนินการ ยังไม่แล้วเสร็จ", "in_progress"),  # holds แล้วเสร็จ, says the opposite
        ("กำลังดำเนินการ", "in_progress"),
        ("ยังไม่ได้ดำเนินการ เนื่องจากอยู่ระหว่างรอการจัดสรรงบประมาณ", "not_started"),  # holds อยู่ระหว่าง
        ("ยังไม่ดำเนินการ", "not_started"),
        ("จัดประชุมชี้แจงบุคลากร", None),  # says nothing of its state
        ("อยู่ระหว่างรายงานผู้บริหาร", "follow_up"),  # something besides the measure under way
        ("ดำเนินการแล้วเสร็จ อยู่ระหว่างรายงานผลต่อผู้บริหาร", "done"),
    ],
)
def test_action_status(action: str, status: str | None) -> None:
    assert action_status(action) == status


@pytest.mark.parametrize(
    ("actions", "dates", "status"),
    [
        ([], [], None),  # no results column, or an empty cell
        (["", "  "], [], None),
        (["จัดประชุมชี้แจงบุคลากร"], [], None),
        (["จัดประชุมชี้แจงบุคลากร"], [datetime.date(2023, 1, 19)], "done"),
        (["ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ"], [], "in_progress"),  # partly done
        (["ดำเนินการแล้ว", "ยังไม่ได้ดำเนินการ"], [], "in_progress"),
        (["ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ"], [], "not_started"),
        (["ดำเนินการแล้ว", "จัดประชุมชี้แจงบุคลากร"], [], "done"),  # a silent action does not count
        (["ดำเนินการแล้ว ณ วันที่ ๒๒ ม.ค. ๖๗", "อยู่ระหว่างติดตามผลการดำเนินการ"], [], "done"),  # follow-up
        (["อยู่ระหว่างรายงานผู้บริหาร"], [], "in_progress"),  # follow-up alone: still under way
    ],
)
def test_status_of_a_row(actions: list[str], dates: list[datetime.date], status: str | None) -> None:
    assert status_of(actions, dates) == status


def truth_rows() -> list:
    """Every (actions, action_dates) → status the synthetic corpus's and the samples' truth give."""
    rows = []
    for path in [*sorted(SYNTHETIC.glob("syn*.json")), *sorted(SAMPLES.glob("sample*.json"))]:
        for rec in json.loads(path.read_text(encoding="utf-8"))["records"]:
            dates = [datetime.date.fromisoformat(d) for d in rec["action_dates"]]
            rows.append(pytest.param(rec["actions"], dates, rec["status"], id=f"{path.stem}-{rec['row']}"))
    return rows or [pytest.param([], [], None, marks=pytest.mark.skip(reason=f"shared corpus not found at {SYNTHETIC}"))]


@pytest.mark.parametrize(("actions", "dates", "status"), truth_rows())
def test_the_truth_of_the_synthetic_corpus_and_the_samples(actions: list[str], dates: list[datetime.date], status: str | None) -> None:
    assert status_of(actions, dates) == status
