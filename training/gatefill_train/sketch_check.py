"""Does a sketch steer the fill? Edge strength of a model's fill along the guidance strokes, with and
without the sketch, for the same image and hole (used by the shipped-model test, the model card and the
README example).
"""
from __future__ import annotations

from typing import Dict, Sequence

import cv2
import numpy as np
import torch

from .sketches import edge_map


def fill(module: torch.nn.Module, image: np.ndarray, mask: np.ndarray, sketch: np.ndarray) -> np.ndarray:
    """Composited uint8 RGB result of a contract model (``mask``/``sketch`` float {0,1} [H,W])."""
    x = torch.from_numpy(image.astype(np.float32) / 127.5 - 1.0).permute(2, 0, 1)[None]
    m = torch.from_numpy(mask.astype(np.float32))[None, None]
    s = torch.from_numpy(sketch.astype(np.float32))[None, None]
    with torch.no_grad():
        y = module(x, m, s)
    pred = ((y[0].permute(1, 2, 0).clamp(-1, 1) + 1) * 127.5).round().byte().numpy()
    return np.where(mask[:, :, None] > 0.5, pred, image).astype(np.uint8)


def edge_strength(image: np.ndarray) -> np.ndarray:
    """Sobel gradient magnitude of the grey image, float32 [H,W]."""
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)
    return np.sqrt(gx * gx + gy * gy)


def _near(sketch: np.ndarray, radius: int) -> np.ndarray:
    size = 2 * radius + 1
    return cv2.dilate((sketch > 0.5).astype(np.uint8), np.ones((size, size), np.uint8)) > 0


def fills_with_and_without(module: torch.nn.Module, image: np.ndarray, mask: np.ndarray,
                           sketch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The composited fill for the same image and hole with the sketch, and with an empty one."""
    return fill(module, image, mask, sketch), fill(module, image, mask, np.zeros_like(sketch))


def sketch_response(module: torch.nn.Module, image: np.ndarray, mask: np.ndarray,
                    sketch: np.ndarray) -> Dict[str, float]:
    """``response_of_fills`` of the model's two fills."""
    return response_of_fills(image, mask, sketch, *fills_with_and_without(module, image, mask, sketch))


def response_of_fills(image: np.ndarray, mask: np.ndarray, sketch: np.ndarray, with_fill: np.ndarray,
                      without_fill: np.ndarray) -> Dict[str, float]:
    """How a sketch changes the fill, on and away from its strokes.

    edge_*: mean Sobel edge strength on the strokes (widened by one pixel) with and without the sketch,
    and with the sketch in the rest of the hole (at least 4 px from a stroke, 2 px inside the hole); and
    on the strokes in the original image (for a photo's own edges as sketch: the edge to reproduce).
    change_*: mean absolute change of the fill (0-255, mean over RGB) that adding the sketch causes
    within 2 px of a stroke and at least 7 px away from every stroke.
    """
    hole = mask > 0.5
    inner = cv2.erode(hole.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    on, rest = _near(sketch, 1) & hole, ~_near(sketch, 4) & inner
    with_edges, without_edges = edge_strength(with_fill), edge_strength(without_fill)
    change = np.abs(with_fill.astype(np.float32) - without_fill.astype(np.float32)).mean(axis=-1)
    return {"edge_on_strokes_with_sketch": float(with_edges[on].mean()),
            "edge_on_strokes_without_sketch": float(without_edges[on].mean()),
            "edge_on_strokes_original": float(edge_strength(image)[on].mean()),
            "edge_rest_of_hole_with_sketch": float(with_edges[rest].mean()),
            "change_near_strokes": float(change[_near(sketch, 2) & hole].mean()),
            "change_away_from_strokes": float(change[~_near(sketch, 7) & hole].mean())}


def mean_response(responses: Sequence[Dict[str, float]]) -> Dict[str, float]:
    """Each figure of several ``sketch_response`` results averaged over the cases. A case without
    strokes in its hole has undefined (NaN) figures; it is refused rather than averaged into NaN."""
    undefined = [i for i, r in enumerate(responses) if any(np.isnan(v) for v in r.values())]
    if undefined:
        raise ValueError(f"cases {undefined} have no sketch stroke in the hole, so no figures to average")
    return {k: float(np.mean([r[k] for r in responses])) for k in responses[0]}


def photo_case(crop: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A photo with a box hole over its central quarter (half of each side) and the photo's own edges
    inside it as the sketch: the sketch says where the original has edges, so a fill that follows it has
    edges there too."""
    size = crop.shape[0]
    box = np.zeros(crop.shape[:2], np.float32)
    box[size // 4: 3 * size // 4, size // 4: 3 * size // 4] = 1.0
    return crop, box, edge_map(crop) * box


def demo_case(size: int = 256) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A smooth two-colour gradient with mild noise, a square hole in the middle and an S-shaped
    one-pixel stroke across it: nothing in the photo predicts an edge there, only the sketch does."""
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size
    image = np.stack([90 + 80 * x, 120 + 60 * y, 150 - 50 * x], axis=-1)
    image = np.clip(image + rng.normal(0, 2.0, image.shape), 0, 255).astype(np.uint8)
    mask = np.zeros((size, size), np.float32)
    a, b = size // 4, 3 * size // 4
    mask[a:b, a:b] = 1.0
    sketch = np.zeros((size, size), np.uint8)
    xs = np.arange(a + 4, b - 4)
    ys = (size / 2 + size / 8 * np.sin((xs - a) / (b - a) * 2 * np.pi)).astype(np.int32)
    cv2.polylines(sketch, [np.stack([xs, ys], axis=1).astype(np.int32)], False, 1, 1)
    cv2.line(sketch, (size // 2 - 10, a + 6), (size // 2 + 20, b - 6), 1, 1)
    return image, mask, sketch.astype(np.float32) * mask
