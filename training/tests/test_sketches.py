"""Edge sketches: thin, only inside the hole, empty for the configured share; the sketch-response mean."""
import warnings

import cv2
import numpy as np
import pytest

from conftest import synthetic_photo
from gatefill_train.sketch_check import mean_response, response_of_fills
from gatefill_train.sketches import edge_map, make_sketch, thin


def test_thinning_makes_one_pixel_lines() -> None:
    img = np.zeros((40, 60), np.uint8)
    cv2.line(img, (5, 20), (55, 20), 1, 7)
    out = thin(img)
    cols = out[:, 10:50].sum(axis=0)
    assert np.all(cols == 1), "a thick horizontal bar thins to a single row"
    assert out.sum() < img.sum() / 4


def test_edges_are_binary_and_thin() -> None:
    rng = np.random.default_rng(0)
    e = edge_map(synthetic_photo(rng, 96, 128))
    assert e.shape == (96, 128) and e.dtype == np.float32
    assert set(np.unique(e)) <= {0.0, 1.0}
    assert 0.005 < e.mean() < 0.3
    # No 2x2 block fully on: the thinning removed blobs.
    blocks = e[:-1, :-1] + e[1:, :-1] + e[:-1, 1:] + e[1:, 1:]
    assert blocks.max() < 4


def test_sketch_only_inside_hole_and_empty_share() -> None:
    rng = np.random.default_rng(1)
    img = synthetic_photo(rng, 64, 64)
    cv2.rectangle(img, (20, 20), (44, 44), (250, 30, 30), -1)  # guaranteed edges inside the hole
    mask = np.zeros((64, 64), np.float32)
    mask[10:50, 10:50] = 1
    empties = 0
    for _ in range(200):
        s = make_sketch(img, mask, rng, empty_prob=0.4)
        assert np.all(s[mask == 0] == 0)
        empties += int(s.sum() == 0)
    assert 55 <= empties <= 110  # 40 % of 200, with room for chance and for holes without edges


def test_mean_sketch_response_refuses_a_case_without_strokes() -> None:
    """A hole with no edge inside has nothing to measure on its strokes; averaging it in would turn the
    README's and the card's mean into NaN, as it did for a sky photo of the 51-photo set."""
    image = np.full((64, 64, 3), 120, np.uint8)
    mask = np.zeros((64, 64), np.float32)
    mask[16:48, 16:48] = 1
    stroke = np.zeros_like(mask)
    stroke[32, 20:44] = 1
    drawn = image.copy()
    drawn[31:34, 20:44] = 200
    with_strokes = response_of_fills(image, mask, stroke, drawn, image)
    assert with_strokes["edge_on_strokes_with_sketch"] > with_strokes["edge_on_strokes_without_sketch"]
    assert mean_response([with_strokes, with_strokes]) == pytest.approx(with_strokes)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        no_strokes = response_of_fills(image, mask, np.zeros_like(mask), image, image)
    with pytest.raises(ValueError, match="no sketch stroke"):
        mean_response([with_strokes, no_strokes])
