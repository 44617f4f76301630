"""Free-form training masks as in the released DeepFill v2 code (brush strokes), united with random boxes.

Strokes: 1-3 polylines of 4-11 vertices; turning angles drawn around 2*pi/5 with a spread of up to
2*pi/15, alternating direction so strokes wander instead of spiralling; step lengths ~ N(r, r/2) clipped
to [0, 2r] with r = sqrt(H^2 + W^2) / 8; widths 12-40 px at 256 px (scaled with the image size); a disc
at every vertex rounds the joints. Random flips as in the original. A random box is added with
probability ``box_prob`` (the released code always adds one; "some of the time" keeps thin-stroke
examples in the mix).
"""
from __future__ import annotations

import math

import cv2
import numpy as np


def brush_stroke_mask(height: int, width: int, rng: np.random.Generator, min_strokes: int = 1,
                      max_strokes: int = 3, min_vertex: int = 4, max_vertex: int = 11,
                      mean_angle: float = 2 * math.pi / 5, angle_range: float = 2 * math.pi / 15,
                      min_width: float = 12.0, max_width: float = 40.0) -> np.ndarray:
    """Returns a float32 [H,W] mask, 1 = hole."""
    mask = np.zeros((height, width), np.uint8)
    scale = math.sqrt(height * width) / 256.0
    radius = math.sqrt(height * height + width * width) / 8.0
    for _ in range(int(rng.integers(min_strokes, max_strokes + 1))):
        n_vertex = int(rng.integers(min_vertex, max_vertex + 1))
        angle_min = mean_angle - rng.uniform(0, angle_range)
        angle_max = mean_angle + rng.uniform(0, angle_range)
        angles = [rng.uniform(angle_min, angle_max) for _ in range(n_vertex)]
        angles = [2 * math.pi - a if i % 2 == 0 else a for i, a in enumerate(angles)]
        x, y = float(rng.integers(0, width)), float(rng.integers(0, height))
        vertices = [(int(x), int(y))]
        for a in angles:
            r = float(np.clip(rng.normal(radius, radius / 2), 0, 2 * radius))
            x = float(np.clip(x + r * math.cos(a), 0, width - 1))
            y = float(np.clip(y + r * math.sin(a), 0, height - 1))
            vertices.append((int(x), int(y)))
        stroke = max(1, int(rng.uniform(min_width, max_width) * scale))
        for p, q in zip(vertices[:-1], vertices[1:]):
            cv2.line(mask, p, q, 1, stroke)
        for v in vertices:
            cv2.circle(mask, v, stroke // 2, 1, -1)
    if rng.random() < 0.5:
        mask = mask[:, ::-1]
    if rng.random() < 0.5:
        mask = mask[::-1, :]
    return np.ascontiguousarray(mask, dtype=np.float32)


def box_mask(height: int, width: int, rng: np.random.Generator, min_frac: float = 0.125,
             max_frac: float = 0.5) -> np.ndarray:
    """A random axis-aligned rectangle with sides between min_frac and max_frac of the image sides."""
    mask = np.zeros((height, width), np.float32)
    bh = int(rng.uniform(min_frac, max_frac) * height)
    bw = int(rng.uniform(min_frac, max_frac) * width)
    top = int(rng.integers(0, height - bh + 1))
    left = int(rng.integers(0, width - bw + 1))
    mask[top:top + bh, left:left + bw] = 1.0
    return mask


def random_mask(height: int, width: int, rng: np.random.Generator, box_prob: float = 0.5) -> np.ndarray:
    """Training mask: brush strokes, united with a random box with probability ``box_prob``."""
    mask = brush_stroke_mask(height, width, rng)
    if rng.random() < box_prob:
        mask = np.maximum(mask, box_mask(height, width, rng))
    return mask
