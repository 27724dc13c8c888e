"""The rule finder's pixel arithmetic (``scan``): erosion and dilation along a row, the grey
counts and the page's median grey, against their definitions written out pixel by pixel.

They are computed with scipy's running minimum/maximum and Pillow's histogram for speed;
these properties pin what they must compute, at every length and at the array's ends.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from ita_extract.extract.page.ocr.scan import _spread, _window_all, grey_counts, line_mask, median_grey

masks = arrays(bool, st.tuples(st.integers(1, 6), st.integers(1, 40)))


def _window_all_by_pixel(mask: np.ndarray, length: int) -> np.ndarray:
    n = mask.shape[-1]
    out = np.zeros(mask.shape, dtype=bool)
    for r in range(mask.shape[0]):
        for i in range(n):
            out[r, i] = i + length <= n and bool(mask[r, i : i + length].all())
    return out


def _spread_by_pixel(mask: np.ndarray, length: int) -> np.ndarray:
    out = np.zeros(mask.shape, dtype=bool)
    for r in range(mask.shape[0]):
        for i in range(mask.shape[-1]):
            out[r, i] = bool(mask[r, max(0, i - length + 1) : i + 1].any())
    return out


@settings(max_examples=200, deadline=None)
@given(masks, st.integers(1, 45))
def test_window_all_is_true_where_the_next_length_pixels_are_all_ink(mask: np.ndarray, length: int) -> None:
    assert (_window_all(mask, length) == _window_all_by_pixel(mask, length)).all()


@settings(max_examples=200, deadline=None)
@given(masks, st.integers(1, 45))
def test_spread_grows_each_ink_pixel_forward(mask: np.ndarray, length: int) -> None:
    assert (_spread(mask, length) == _spread_by_pixel(mask, length)).all()


@settings(max_examples=100, deadline=None)
@given(masks, st.integers(1, 45))
def test_along_the_first_axis_is_along_the_rows_of_the_transpose(mask: np.ndarray, length: int) -> None:
    assert (_spread(mask, length, axis=0) == _spread_by_pixel(mask.T, length).T).all()
    assert (_window_all(mask, length, axis=0) == _window_all_by_pixel(mask.T, length).T).all()


def test_a_line_mask_keeps_a_long_broken_tilted_rule_and_drops_letters() -> None:
    """A rule 300 px long, broken by JPEG in two places and stepping down a row midway, is one line;
    a letter's bar 30 px long and a dot are not."""
    ink = np.zeros((60, 400), dtype=bool)
    ink[20, 10:160] = ink[21, 160:310] = True
    ink[20:22, 70:72] = ink[21, 200:202] = False  # the breaks
    rule = ink.copy()
    ink[45, 50:80] = True  # a letter's bar
    ink[50, 300] = True
    mask = line_mask(ink, min_len=100, gap=3, thick=2)
    assert mask[rule].all()
    assert not mask[40:].any()
    assert not line_mask(ink, min_len=400, gap=3, thick=2).any()  # longer than the rule: no line


@settings(max_examples=200, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(1, 30), st.integers(1, 30))), st.booleans())
def test_grey_counts_and_median_are_numpys(gray: np.ndarray, transposed: bool) -> None:
    gray = gray.T if transposed else gray
    assert (grey_counts(gray) == np.bincount(gray.ravel(), minlength=256)).all()
    assert median_grey(gray) == float(np.median(gray))
