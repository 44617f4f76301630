"""Sketch guidance for training: classical edges of the original image, thinned, kept only inside the hole.

DeepFill v2 trains its user-guided model on HED edges; HED weights are not available here, so edges come
from OpenCV's Canny detector on a Gaussian-blurred grey image (thresholds relative to the median
intensity, so dark and bright photos give similar edge densities). Canny output is mostly one pixel wide
already; resampling and the 8-connected corners it leaves are cleaned by a Zhang-Suen thinning written
here in NumPy, because cv2.ximgproc (opencv-contrib) is not always installed.

A share of samples gets an empty sketch so one model serves edits with and without guidance.
"""
from __future__ import annotations

import cv2
import numpy as np


def _neighbours(img: np.ndarray) -> list[np.ndarray]:
    p = np.pad(img, 1)
    h, w = img.shape
    # P2..P9 clockwise from north, as in Zhang & Suen (1984).
    offsets = [(0, 1), (0, 2), (1, 2), (2, 2), (2, 1), (2, 0), (1, 0), (0, 0)]
    return [p[dy:dy + h, dx:dx + w] for dy, dx in offsets]


def thin(binary: np.ndarray, max_iterations: int = 50) -> np.ndarray:
    """Zhang-Suen thinning of a {0,1} uint8 image to one-pixel-wide 8-connected curves."""
    img = (binary > 0).astype(np.uint8)
    for _ in range(max_iterations):
        changed = False
        for step in range(2):
            n = _neighbours(img)
            b = sum(x.astype(np.int32) for x in n)
            seq = n + [n[0]]
            a = sum(((seq[i] == 0) & (seq[i + 1] == 1)).astype(np.int32) for i in range(8))
            p2, p4, p6, p8 = n[0], n[2], n[4], n[6]
            if step == 0:
                c1 = (p2 * p4 * p6) == 0
                c2 = (p4 * p6 * p8) == 0
            else:
                c1 = (p2 * p4 * p8) == 0
                c2 = (p2 * p6 * p8) == 0
            remove = (img == 1) & (b >= 2) & (b <= 6) & (a == 1) & c1 & c2
            if remove.any():
                img[remove] = 0
                changed = True
        if not changed:
            break
    return img


def edge_map(image_rgb: np.ndarray, blur_sigma: float = 1.2, sigma: float = 0.33) -> np.ndarray:
    """Thinned Canny edges of an RGB uint8 image as float32 {0,1} [H,W]."""
    grey = cv2.cvtColor(image_rgb, cv2.COLOR_RGB2GRAY)
    grey = cv2.GaussianBlur(grey, (0, 0), blur_sigma)
    median = float(np.median(grey))
    low = int(max(10.0, (1.0 - sigma) * median))
    high = int(max(low + 10.0, min(255.0, (1.0 + sigma) * median)))
    edges = cv2.Canny(grey, low, high)
    return thin(edges).astype(np.float32)


def make_sketch(image_rgb: np.ndarray, mask: np.ndarray, rng: np.random.Generator,
                empty_prob: float = 0.4) -> np.ndarray:
    """Edges inside the hole (``mask`` 1 = hole), or all zeros with probability ``empty_prob``."""
    if rng.random() < empty_prob:
        return np.zeros(mask.shape, np.float32)
    return edge_map(image_rgb) * (mask > 0.5).astype(np.float32)
