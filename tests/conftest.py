"""Shared fixtures: where the corpora are, and one extraction per PDF per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "samples"
SYNTHETIC = SHARED / "corpus" / "synthetic"
REAL = SHARED / "corpus" / "real"


def need_shared() -> None:
    """Tests on the shared corpus skip, saying why, when ../shared is not beside the checkout."""
    if not SYNTHETIC.is_dir():
        pytest.skip(f"shared corpus not found at {SYNTHETIC} (CI provides ../shared beside the clone)")


@cache
def extracted(path: str) -> dict:
    """The contract JSON of one PDF, extracted once per session (extraction is the slow part)."""
    import json

    from ita_extract import extract

    return json.loads(extract(Path(path)).to_json())
