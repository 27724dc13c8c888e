"""The face a scanned page's digits are set in: the pooled TLWG templates, or one family kept apart.

The digit templates (``glyphs``) were first one pool of the TLWG faces; a face far from all of them
(IBM Plex Sans Thai Looped's round ๐, Maitree's ๘) is read as the nearest TLWG glyph, often another
digit ("๑oo.oo", "๘ อ.๕๑"), and a score table loses most of its numbers (judge set 10). Pooling more
faces does not help: nearest-neighbour over one pool lets a foreign face's glyph win on a page of
another (``tools/make_glyph_templates.py`` says what was tried). So other families are kept apart,
and a page is read with one of them only where its glyphs, as the pool first read and cut them, are
as a whole clearly nearer to that family than to the pool: a page is set in one face, so the
evidence of all its digit groups decides together, not glyph by glyph.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

import numpy as np

from .digits import Read, band_rows, on_line
from .glyphs import POOL, Glyph, describe, faces, templates
from .settings import DEFAULT, OcrSettings


def page_face(glyphs: Sequence[Glyph], s: OcrSettings = DEFAULT) -> str:
    """The face whose templates lie nearest the page's glyphs on the whole: ``POOL`` unless a
    family's mean nearest distance is below the pool's by ``face_margin`` (the pool, many faces
    at once, is nearer by chance; it must be beaten clearly), with ``face_min_glyphs`` glyphs seen."""
    if len(glyphs) < s.face_min_glyphs:
        return POOL
    pool = _mean_nearest(glyphs, POOL, s)
    best, face = min((_mean_nearest(glyphs, f, s), f) for f in faces()) if faces() else (pool, POOL)
    return face if best < pool - s.face_margin else POOL


def _mean_nearest(glyphs: Sequence[Glyph], face: str, s: OcrSettings) -> float:
    """The mean over the glyphs of the distance to the face's nearest template, each capped at
    ``max_distance`` (a speck or a glyph cut wrong is far from every face alike)."""
    found = templates(face).distances(list(glyphs), s).min(axis=1)
    return fmean(np.minimum(found, s.max_distance).tolist())


def glyphs_of(
    ink: np.ndarray, reads: Sequence[Read], baseline: float, height: float, s: OcrSettings = DEFAULT
) -> list[Glyph]:
    """The glyphs of a reading described again from the page's ink (a ``Read`` keeps only its
    columns): the evidence ``page_face`` weighs. Slivers (specks) are left out."""
    y0, y1 = band_rows(ink, baseline, height, s)
    out = []
    for r in reads:
        if r.x1 - r.x0 < s.sliver_word * height:
            continue
        glyph = describe(on_line(ink[y0:y1, r.x0 : r.x1], baseline - y0, height), baseline - y0, height)
        if glyph is not None:
            out.append(glyph)
    return out
