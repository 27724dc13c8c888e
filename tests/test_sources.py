"""The table's source_path: each input's path below the folder (or pattern) the user gave."""

from __future__ import annotations

from pathlib import Path

import pytest
from ita_extract.extract.batch.sources import discover_each, input_root, source_path


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for rel in ("dl/agency-a/o41.pdf", "dl/agency-b/o41.PDF", "dl/agency-b/notes.txt", "one.pdf"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"%PDF-1.4\n")
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("spec", "root"),
    [
        ("dl", "dl"),
        ("dl/", "dl"),
        ("dl/**/*.pdf", "dl"),
        ("dl/agency-*/o41.pdf", "dl"),
        ("*.pdf", "."),
        ("one.pdf", None),  # a file named directly has no root
        ("missing.pdf", None),
    ],
)
def test_input_root(tree: Path, spec: str, root: str | None) -> None:
    assert input_root(spec) == (Path(root) if root else None)


def test_a_folder_gives_paths_below_it_with_forward_slashes(tree: Path) -> None:
    [found] = discover_each(["dl"])
    assert [i.source_path for i in found.inputs] == ["agency-a/o41.pdf", "agency-b/o41.PDF"]


def test_a_pattern_gives_paths_below_its_fixed_folders(tree: Path) -> None:
    [found] = discover_each(["dl/**/*.pdf"])
    assert [i.source_path for i in found.inputs] == ["agency-a/o41.pdf"]  # the glob itself is case-sensitive


def test_a_file_named_directly_is_shown_relative_to_the_current_folder(tree: Path) -> None:
    found = discover_each(["one.pdf", str(tree / "dl" / "agency-a" / "o41.pdf")])
    assert [f.inputs[0].source_path for f in found] == ["one.pdf", "dl/agency-a/o41.pdf"]


def test_a_file_outside_the_current_folder_keeps_its_path(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "x.pdf"
    elsewhere.write_bytes(b"%PDF-1.4\n")
    assert source_path(elsewhere, None) == elsewhere.as_posix()


def test_a_name_that_is_not_utf8_is_shown_escaped() -> None:
    name = Path("dl") / "ร\udca1.pdf"  # a TIS-620 byte Python holds as a lone surrogate
    assert source_path(name, Path("dl")) == "ร\\xa1.pdf"


def test_a_folder_with_no_pdfs_is_flagged_and_a_missing_file_is_not(tree: Path) -> None:
    empty, missing = discover_each(["empty", "missing.pdf"])
    assert empty.empty_folder and empty.inputs == []
    assert not missing.empty_folder and missing.inputs[0].source_path == "missing.pdf"
