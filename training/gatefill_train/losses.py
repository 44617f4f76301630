"""The generator's reconstruction losses: L1 over the image or the hole (with extra weight next to sketch
strokes) and 1 - SSIM over the hole, the evaluation's SSIM made differentiable. The adversarial hinge
terms live with the discriminator.
"""
from __future__ import annotations

from typing import Optional

import torch
import torch.nn.functional as F
from torch import Tensor

from .metrics import SSIM_C1, SSIM_C2, SSIM_SIGMA, SSIM_WINDOW

def l1_loss(prediction: Tensor, target: Tensor, mask: Tensor, region: str,
            stroke_weight: Optional[Tensor] = None) -> Tensor:
    """Mean absolute error over every pixel ("image") or over the hole only ("hole").

    Only hole pixels survive the composite, so "hole" spends the whole gradient where the result is
    judged; "image" (the paper's choice) also asks the network to copy the known pixels back.
    ``stroke_weight`` ([N,1,H,W], 1 elsewhere) multiplies the error per pixel; the normaliser stays the
    plain pixel count, so extra weight adds loss instead of diluting the rest.
    """
    error = (prediction - target).abs()
    if stroke_weight is not None:
        error = error * stroke_weight
    if region == "image":
        return error.mean()
    hole_pixels = mask.sum() * prediction.shape[1]
    return (error * mask).sum() / hole_pixels.clamp_min(1.0)


def _ssim_blur(x: Tensor) -> Tensor:
    """Per-channel separable Gaussian blur over SSIM's window, with reflected borders."""
    size = SSIM_WINDOW
    r = torch.arange(size, dtype=x.dtype, device=x.device) - size // 2
    k = torch.exp(-r * r / (2 * SSIM_SIGMA ** 2))
    k = k / k.sum()
    c = x.shape[1]
    x = F.pad(x, [size // 2] * 4, mode="reflect")
    x = F.conv2d(x, k.view(1, 1, 1, size).expand(c, 1, 1, size), groups=c)
    return F.conv2d(x, k.view(1, 1, size, 1).expand(c, 1, size, 1), groups=c)


def ssim_map(a: Tensor, b: Tensor) -> Tensor:
    """Per-pixel, per-channel SSIM of two [N,C,H,W] images in [-1,1], computed on [0,1] with the
    constants and window of the evaluation's ``evaluate.ssim`` (its differentiable twin)."""
    a, b = (a + 1) / 2, (b + 1) / 2
    c1, c2 = SSIM_C1, SSIM_C2
    ma, mb = _ssim_blur(a), _ssim_blur(b)
    saa = _ssim_blur(a * a) - ma * ma
    sbb = _ssim_blur(b * b) - mb * mb
    sab = _ssim_blur(a * b) - ma * mb
    return ((2 * ma * mb + c1) * (2 * sab + c2)) / ((ma * ma + mb * mb + c1) * (saa + sbb + c2))


def ssim_loss(complete: Tensor, target: Tensor, mask: Tensor) -> Tensor:
    """1 - SSIM, averaged over the hole, of the composited result. L1 barely charges for faint
    structure that is not in the original (the grid-like ripples of the 128-px-trained fills at 256
    px): blurring those fills raised their SSIM from 0.8904 to 0.8956. SSIM's structure term does."""
    loss = (1.0 - ssim_map(complete, target)) * mask
    return loss.sum() / (mask.sum() * complete.shape[1]).clamp_min(1.0)


def sketch_stroke_weight(sketch: Tensor, mask: Tensor, extra: float) -> Optional[Tensor]:
    """1 + ``extra`` on hole pixels within one pixel of a sketch stroke (Canny edges sit between
    pixels), else 1. A sketch's strokes are where the original has its edges, so errors there can
    only be reduced by reading the sketch: the plain L1 had not taught that after 16,000 images
    (edge strength on strokes was the same with and without the sketch)."""
    if extra <= 0:
        return None
    near = F.max_pool2d(sketch * mask, kernel_size=3, stride=1, padding=1)
    return 1.0 + extra * near
