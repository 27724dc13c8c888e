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
from functools import cache, lru_cache
from importlib.resources import files

import numpy as np
from PIL import Image

from .settings import DEFAULT, OcrSettings

# The shipped templates' format (tools/make_glyph_templates.py writes it), not a tolerance:
SIDE = 14  # pixels: the square a glyph's ink is scaled to; enough for digits' loops and tails
TEMPLATES = "glyph_templates.npz"
POOL = ""  # the face name of the pooled TLWG templates, read with on every page first


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
    """Rendered glyphs of many fonts, sorted by label and stacked for nearest-neighbour search.

    Sorted so that each label's templates are one slice (``starts``): the nearest template of
    every label is then one ``np.minimum.reduceat`` over a row of distances, which gives both
    the nearest label and the nearest *other* label without comparing strings.
    """

    labels: np.ndarray  # (n,) of str, sorted
    shapes: np.ndarray  # (n, SIDE*SIDE)
    aspects: np.ndarray
    heights: np.ndarray
    feet: np.ndarray
    names: np.ndarray  # (k,) the distinct labels, in order
    starts: np.ndarray  # (k,) where each label's slice begins

    @classmethod
    def of(cls, labels: np.ndarray, *features: np.ndarray) -> Templates:
        """Templates from unsorted arrays: labels, then shapes, aspects, heights and feet."""
        shapes, aspects, heights, feet = features
        order = np.argsort(labels, kind="stable")
        labels = labels[order]
        names, starts = np.unique(labels, return_index=True)
        return cls(labels, shapes[order], aspects[order], heights[order], feet[order], names, starts)

    def distances(self, glyphs: list[Glyph], s: OcrSettings = DEFAULT) -> np.ndarray:
        """Distances (glyphs × templates): shape (1 − cosine) plus weighted size terms."""
        shapes = np.stack([g.shape for g in glyphs])
        column = np.array([[g.aspect, g.height, g.foot] for g in glyphs], dtype=np.float32)
        return (
            s.shape_weight * (1.0 - shapes @ self.shapes.T)
            + s.aspect_weight * np.abs(self.aspects[None, :] - column[:, :1])
            + s.height_weight * np.abs(self.heights[None, :] - column[:, 1:2])
            + s.foot_weight * np.abs(self.feet[None, :] - column[:, 2:3])
        )

    def nearest(self, glyphs: list[Glyph], s: OcrSettings = DEFAULT) -> list[tuple[str, float, float]]:
        """For each glyph, the nearest template's label, its distance, and the distance of
        the nearest template of any other label (the margin a decision can rest on).

        One matrix product for all glyphs: the digit reader asks about every piece of a
        band at once, which costs a fraction of asking piece by piece (issue 16's profile:
        the per-glyph search was 40% of a scanned page's CPU time)."""
        if not glyphs:
            return []
        per_label = np.minimum.reduceat(self.distances(glyphs, s), self.starts, axis=1)
        best = np.argmin(per_label, axis=1)
        out = []
        for row, k in zip(per_label, best):
            other = np.delete(row, k)
            out.append(
                (str(self.names[k]), float(row[k]), float(other.min()) if other.size else float("inf"))
            )
        return out

    def joined(self, other: Templates) -> Templates:
        """These templates and another set's, as one."""
        return Templates.of(
            np.concatenate([self.labels, other.labels]),
            *(np.concatenate([a, b]) for a, b in zip(self.features(), other.features())),
        )

    def features(self) -> tuple[np.ndarray, ...]:
        """Shapes, aspects, heights and feet, in the order ``of`` takes them."""
        return self.shapes, self.aspects, self.heights, self.feet

    def only(self, labels: frozenset[str]) -> Templates:
        """The templates of these labels alone (a smaller set is searched faster, too)."""
        keep = np.isin(self.labels, sorted(labels))
        return Templates.of(self.labels[keep], *(feature[keep] for feature in self.features()))


@lru_cache(maxsize=1)
def _stored() -> tuple[np.ndarray, ...]:
    """The shipped file's arrays: labels, shapes (unit length), aspects, heights, feet, faces."""
    with files(__package__).joinpath(TEMPLATES).open("rb") as fh:
        data = np.load(fh)
        labels = data["labels"].astype(str)
        shapes = data["shapes"].astype(np.float32) / 127.0
        norms = np.linalg.norm(shapes, axis=1, keepdims=True)
        shapes = shapes / np.where(norms > 0, norms, 1.0)
        faces = data["faces"].astype(str) if "faces" in data else np.full(labels.shape, POOL)
        return labels, shapes, data["aspects"], data["heights"], data["feet"], faces


@cache
def templates(face: str = POOL) -> Templates:
    """The shipped templates (``extract/page/ocr/glyph_templates.npz``) of one face: the pool of
    TLWG faces every page is read with first (``POOL``), or one family kept apart (``faces``)."""
    labels, shapes, aspects, heights, feet, faces = _stored()
    keep = faces == face
    if not keep.any():
        raise KeyError(f"no glyph templates of face {face!r}")
    return Templates.of(labels[keep], shapes[keep], aspects[keep], heights[keep], feet[keep])


@lru_cache(maxsize=1)
def faces() -> tuple[str, ...]:
    """The families kept apart from the pool, each a set of its own (``tools/make_glyph_templates.py``)."""
    return tuple(sorted(set(_stored()[-1].tolist()) - {POOL}))
