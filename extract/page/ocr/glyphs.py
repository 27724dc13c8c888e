"""Glyph shapes: one printed character's ink, reduced to numbers that can be compared.

Used by ``digits`` to recognise Thai digits that Tesseract's Thai model cannot
output (see there). A glyph is described the same way whether it was rendered from a
font (the shipped templates, made by ``tools/make_glyph_templates.py``) or cut from a
scanned page: its ink box scaled to a small square (shape), its width over its height
(a ``๑`` and an ``o`` are alike as squares and differ here), and its height and foot
measured in the line's Thai letter height (``o`` is shorter than ``๐`` in most fonts;
a ``(`` reaches below the line).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np
from PIL import Image

from .settings import DEFAULT, OcrSettings

# The shipped templates' format (tools/make_glyph_templates.py writes it), not a tolerance:
SIDE = 14  # pixels: the square a glyph's ink is scaled to; enough for digits' loops and tails
TEMPLATES = "glyph_templates.npz"


@dataclass(frozen=True)
class Glyph:
    """One glyph's features: unit-length shape vector, log aspect, log height, foot."""

    shape: np.ndarray
    aspect: float
    height: float
    foot: float


def describe(ink: np.ndarray, baseline: float, letter_height: float) -> Glyph | None:
    """A glyph from a boolean ink crop (rows top to bottom), its baseline row and the line's
    Thai letter height, both in the crop's pixels. None when there is no ink."""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0 or letter_height <= 0:
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    box = ink[top:bottom, left:right].astype(np.float32)
    scaled = np.asarray(
        Image.fromarray(box * 255).resize((SIDE, SIDE), Image.Resampling.BILINEAR), dtype=np.float32
    )
    vec = scaled.ravel() - scaled.mean()
    norm = float(np.linalg.norm(vec))
    shape = vec / norm if norm else vec
    h, w = bottom - top, right - left
    return Glyph(
        shape,
        float(np.log(w / h)),
        float(np.log(h / letter_height)),
        float((bottom - baseline) / letter_height),
    )


@dataclass(frozen=True)
class Templates:
    """Rendered glyphs of many fonts, stacked for fast nearest-neighbour search."""

    labels: np.ndarray  # (n,) of str
    shapes: np.ndarray  # (n, SIDE*SIDE)
    aspects: np.ndarray
    heights: np.ndarray
    feet: np.ndarray

    def distances(self, g: Glyph, s: OcrSettings = DEFAULT) -> np.ndarray:
        """Distance of ``g`` to every template: shape (1 − cosine) plus weighted size terms."""
        return (
            s.shape_weight * (1.0 - self.shapes @ g.shape)
            + s.aspect_weight * np.abs(self.aspects - g.aspect)
            + s.height_weight * np.abs(self.heights - g.height)
            + s.foot_weight * np.abs(self.feet - g.foot)
        )

    def nearest(self, g: Glyph, s: OcrSettings = DEFAULT) -> tuple[str, float, float]:
        """The nearest template's label, its distance, and the distance of the nearest
        template of any other label (the margin a decision can rest on)."""
        d = self.distances(g, s)
        best = int(np.argmin(d))
        label = self.labels[best]
        other = d[self.labels != label]
        return str(label), float(d[best]), float(other.min()) if other.size else float("inf")

    def only(self, labels: frozenset[str]) -> Templates:
        """The templates of these labels alone (a smaller set is searched faster, too)."""
        keep = np.isin(self.labels, sorted(labels))
        return Templates(
            self.labels[keep], self.shapes[keep], self.aspects[keep], self.heights[keep], self.feet[keep]
        )


@lru_cache(maxsize=1)
def templates() -> Templates:
    """The shipped templates (``extract/glyph_templates.npz``)."""
    with files(__package__).joinpath(TEMPLATES).open("rb") as fh:
        data = np.load(fh)
        labels = data["labels"].astype(str)
        shapes = data["shapes"].astype(np.float32) / 127.0
        norms = np.linalg.norm(shapes, axis=1, keepdims=True)
        shapes = shapes / np.where(norms > 0, norms, 1.0)
        return Templates(labels, shapes, data["aspects"], data["heights"], data["feet"])
