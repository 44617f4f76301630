"""Contextual attention (Yu et al., CVPR 2018), the patch-borrowing branch of DeepFill v1/v2's refinement net.

Foreground features are compared with 3x3 background patches by cosine similarity, the scores are
propagated along both image axes (the "attention propagation" of the paper, an identity-kernel
convolution over the score matrix), turned into weights by a softmax with scale 10 restricted to patches
that contain no hole pixel, and the output is the weighted sum of full-resolution background patches
(transposed convolution). Matching runs at 1/``rate`` of the branch resolution, as in the released code.

Implementation (same function as the released formulation, up to float rounding; see
tests/test_attention.py, which keeps that formulation as the reference):
  * scores = batched matmul of the L2-normalised background patch matrix [N, L, C*k*k] with the
    normalised foreground patch matrix [N, C*k*k, HW] (instead of a conv2d with L kernels);
  * the propagation, a conv2d with an identity kernel over the [L x HW] score matrix treated as a
    one-channel image, is two shifted adds along the diagonal (the conv ran the whole score matrix
    through a one-channel convolution and dominated the run time at 512x512);
  * the second (x-major) pass is done on the y-major layout with a few strided slices (neighbours in
    x-major order wrap to the next column), so the score matrix is never permuted;
  * unusable patches are zeroed in the reconstruction matrix instead of in the [L x HW] weights, and
    the output is a batched matmul followed by ``fold`` (= the transposed convolution).
The [L x HW] score matrix (64 MB per sample at 512x512) is therefore copied as few times as possible.
"""
from __future__ import annotations

from typing import List

import torch
import torch.nn.functional as F
from torch import Tensor


def _propagate(s: Tensor, fuse_k: int) -> Tensor:
    """conv2d(s[:, None], eye(fuse_k), padding=fuse_k // 2)[:, 0] for s [N, A, B], as shifted adds."""
    out = s.clone()
    a, b = s.shape[1], s.shape[2]
    for k in range(1, fuse_k // 2 + 1):
        if k < a and k < b:
            out[:, k:, k:].add_(s[:, :a - k, :b - k])
            out[:, :a - k, :b - k].add_(s[:, k:, k:])
    return out


def _wrap_ranges(rows: int, cols: int, k: int, sign: int) -> List[List[int]]:
    """Slices [out_r0, out_r1, out_c0, out_c1, src_r0, src_r1, src_c0, src_c1] of a [rows, cols] grid
    such that out[i] += src[i + sign * k] in column-major flattened order (i = col * rows + row)."""
    if sign < 0:
        return [[k, rows, 0, cols, 0, rows - k, 0, cols],
                [0, k, 1, cols, rows - k, rows, 0, cols - 1]]
    return [[0, rows - k, 0, cols, k, rows, 0, cols],
            [rows - k, rows, 0, cols - 1, 0, k, 1, cols]]


def _propagate_transposed(s: Tensor, fuse_k: int) -> Tensor:
    """The propagation in x-major order, computed in place on the y-major layout s [N, bh, bw, h, w].

    Equal to permuting s to [N, bw, bh, w, h], flattening to [N, L, HW], ``_propagate`` and permuting
    back, without the two strided copies of the score matrix. Needs fuse_k // 2 <= min(bh, h).
    """
    out = s.clone()
    bh, bw, h, w = s.shape[1], s.shape[2], s.shape[3], s.shape[4]
    for k in range(1, fuse_k // 2 + 1):
        for sign in [-1, 1]:
            for p in _wrap_ranges(bh, bw, k, sign):
                for q in _wrap_ranges(h, w, k, sign):
                    out[:, p[0]:p[1], p[2]:p[3], q[0]:q[1], q[2]:q[3]].add_(
                        s[:, p[4]:p[5], p[6]:p[7], q[4]:q[5], q[6]:q[7]])
    return out


def contextual_attention(f: Tensor, b: Tensor, mask: Tensor, ksize: int = 3, rate: int = 2,
                         fuse_k: int = 3, softmax_scale: float = 10.0) -> Tensor:
    """Reconstructs ``f`` [N,C,H,W] from patches of ``b`` (same shape); ``mask`` [N,1,H,W], 1 = hole.

    H and W must be multiples of ``rate``. Returns a tensor shaped like ``f``.
    """
    n, c, height, width = f.shape
    kr = 2 * rate
    # Reconstruction patches come from the full-resolution background so no detail is lost.
    raw = F.unfold(b, kernel_size=kr, stride=rate, padding=rate // 2)  # [N, C*kr*kr, L]

    fs = f[:, :, ::rate, ::rate]
    bs = b[:, :, ::rate, ::rate]
    h, w = fs.shape[2], fs.shape[3]
    bh, bw = bs.shape[2], bs.shape[3]
    pad = ksize // 2

    kernels = F.unfold(bs, kernel_size=ksize, padding=pad).transpose(1, 2)  # [N, L, C*k*k]
    kernels = kernels / kernels.pow(2).sum(dim=2, keepdim=True).sqrt().clamp(min=1e-4)
    cols = F.unfold(fs, kernel_size=ksize, padding=pad)  # [N, C*k*k, HW]
    cols = cols / cols.pow(2).sum(dim=1, keepdim=True).sqrt().clamp(min=1e-4)
    scores = torch.bmm(kernels, cols)  # [N, L, HW], background patch (y-major) x foreground pixel

    # A background patch may only be borrowed when none of its pixels is a hole pixel.
    m = F.max_pool2d(mask, kernel_size=rate, stride=rate)
    m = F.max_pool2d(m, kernel_size=ksize, stride=1, padding=pad)
    usable = m <= 0.0  # [N, 1, bh, bw]

    if fuse_k > 1:
        # Propagation: a match of neighbouring foreground pixels with neighbouring background patches
        # reinforces the score (the diagonal of the score matrix, once in x order and once in y order).
        scores = _propagate(scores, fuse_k)
        if fuse_k // 2 <= min(bh, h):
            scores = _propagate_transposed(scores.view(n, bh, bw, h, w), fuse_k).view(n, bh * bw, h * w)
        else:  # tiny maps: permute, propagate in x-major order, permute back
            s = scores.view(n, bh, bw, h, w).permute(0, 2, 1, 4, 3).reshape(n, bw * bh, w * h)
            s = _propagate(s, fuse_k)
            scores = s.view(n, bw, bh, w, h).permute(0, 2, 1, 4, 3).reshape(n, bh * bw, h * w)
    usable = usable.reshape(n, bh * bw, 1)
    raw = raw * usable.transpose(1, 2).to(raw.dtype)

    # Unusable patches get a very low score instead of the released code's 0, so the softmax mass falls
    # on usable patches only; their (zeroed) reconstruction patches keep an all-hole sample at 0.
    attn = torch.softmax(scores.mul_(softmax_scale).masked_fill_(~usable, -1e4 * softmax_scale), dim=1)

    out = torch.bmm(raw, attn)  # [N, C*kr*kr, HW]
    out = F.fold(out, output_size=(height, width), kernel_size=kr, stride=rate, padding=rate // 2)
    # Each output pixel is covered by (kr / rate)^2 = 4 overlapping patches.
    return out / 4.0
