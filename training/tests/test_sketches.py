"""Edge sketches: thin, only inside the hole, empty for the configured share."""
import cv2
import numpy as np

from conftest import synthetic_photo
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
