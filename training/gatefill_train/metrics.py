"""Image-quality figures shared by the evaluation, the scorer of external fills and the training loss:
L1 / L2 / PSNR / SSIM / L1 in the hole of a composited result, SSIM's window and constants, and the
detail ratio (how much fine structure a fill has compared with the truth)."""
from __future__ import annotations

import math
from typing import Dict

import cv2
import numpy as np

# SSIM's window and stabilising constants (Wang et al. 2004), shared with the training loss's
# differentiable twin (trainer.ssim_map) so that the loss optimises what is reported.
SSIM_WINDOW, SSIM_SIGMA = 11, 1.5
SSIM_C1, SSIM_C2 = 0.01 ** 2, 0.03 ** 2


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean SSIM of two float images in [0,1], [H,W,C]."""
    c1, c2 = SSIM_C1, SSIM_C2
    vals = []
    for ch in range(a.shape[2]):
        x, y = a[:, :, ch].astype(np.float64), b[:, :, ch].astype(np.float64)

        def blur(z: np.ndarray) -> np.ndarray:
            return cv2.GaussianBlur(z, (SSIM_WINDOW, SSIM_WINDOW), SSIM_SIGMA, borderType=cv2.BORDER_REFLECT)
        mx, my = blur(x), blur(y)
        sxx, syy, sxy = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
        m = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
        vals.append(m.mean())
    return float(np.mean(vals))


def metrics(result: np.ndarray, target: np.ndarray, mask: np.ndarray) -> Dict[str, float]:
    """``result``/``target`` uint8 RGB [H,W,3]; ``mask`` {0,1} [H,W]."""
    r, t = result.astype(np.float64) / 255.0, target.astype(np.float64) / 255.0
    diff = r - t
    mse = float((diff ** 2).mean())
    hole = mask > 0.5
    return {
        "l1": float(np.abs(diff).mean()),
        "l2": mse,
        "psnr": 10 * math.log10(1.0 / mse) if mse > 0 else 100.0,
        "ssim": ssim(r, t),
        "l1_hole": float(np.abs(diff[hole]).mean()) if hole.any() else 0.0,
    }


def gradient_magnitude(img: np.ndarray) -> np.ndarray:
    """Sobel gradient magnitude of the grey image (uint8 RGB in, float64 grey levels out)."""
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY).astype(np.float64)
    gx = cv2.Sobel(grey, cv2.CV_64F, 1, 0, ksize=3)
    gy = cv2.Sobel(grey, cv2.CV_64F, 0, 1, ksize=3)
    return np.sqrt(gx * gx + gy * gy)


def detail_ratio(result: np.ndarray, target: np.ndarray, mask: np.ndarray) -> float:
    """Mean Sobel gradient magnitude of ``result`` inside the hole eroded by one pixel, over the
    original's there: 1.0 = as much fine structure as the truth, < 1 blurrier, > 1 busier. The
    erosion keeps the 3x3 Sobel off the seam, so only filled pixels are read. NaN when the eroded hole
    is empty or the original is flat there."""
    inner = cv2.erode((mask > 0.5).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    if not inner.any():
        return float("nan")
    truth = float(gradient_magnitude(target)[inner].mean())
    if truth <= 1e-9:
        return float("nan")
    return float(gradient_magnitude(result)[inner].mean()) / truth


def seam_step(result: np.ndarray, target: np.ndarray, mask: np.ndarray) -> float:
    """How much the hole's border shows, in grey levels (0-255, mean over RGB): the mean colour step of the
    composited ``result`` between each hole pixel and its known 4-neighbours, minus the original's mean step
    across the same pairs. 0 = the border shows no more than the photo's own texture there, above 0 a seam;
    below 0 the fill is smoother across its border than the photo (a blur or a diffusion fill). A
    difference, not a ratio, so near-flat borders (sky) do not dominate the mean over photos. NaN when the
    hole has no known neighbour."""
    hole = mask > 0.5
    r, t = result.astype(np.float64), target.astype(np.float64)
    step = 0.0
    truth = 0.0
    pairs = 0
    for axis in (0, 1):
        n = hole.shape[axis]
        a = [slice(None)] * 2
        b = [slice(None)] * 2
        a[axis], b[axis] = slice(0, n - 1), slice(1, n)
        border = hole[tuple(a)] != hole[tuple(b)]
        step += float(np.abs(r[tuple(a)] - r[tuple(b)])[border].sum())
        truth += float(np.abs(t[tuple(a)] - t[tuple(b)])[border].sum())
        pairs += int(border.sum()) * r.shape[2]
    return (step - truth) / pairs if pairs else float("nan")
