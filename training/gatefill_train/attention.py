"""Contextual attention (Yu et al., CVPR 2018), the patch-borrowing branch of DeepFill v1/v2's refinement net.

Foreground features are compared with 3x3 background patches by cosine similarity, the scores are
propagated along both image axes (the "attention propagation" of the paper, an identity-kernel
convolution over the score matrix), turned into weights by a softmax with scale 10 restricted to patches
that contain no hole pixel, and the output is the weighted sum of full-resolution background patches
(transposed convolution). Matching runs at 1/``rate`` of the branch resolution, as in the released code.

Everything is batched with grouped convolutions (each sample only looks at its own patches), which
TorchScript handles without a Python loop over the batch.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor


def contextual_attention(f: Tensor, b: Tensor, mask: Tensor, ksize: int = 3, rate: int = 2,
                         fuse_k: int = 3, softmax_scale: float = 10.0) -> Tensor:
    """Reconstructs ``f`` [N,C,H,W] from patches of ``b`` (same shape); ``mask`` [N,1,H,W], 1 = hole.

    H and W must be multiples of ``rate``. Returns a tensor shaped like ``f``.
    """
    n, c, height, width = f.shape
    kr = 2 * rate
    # Reconstruction patches come from the full-resolution background so no detail is lost.
    raw = F.unfold(b, kernel_size=kr, stride=rate, padding=rate // 2)
    patches = raw.shape[2]
    raw = raw.transpose(1, 2).reshape(n * patches, c, kr, kr)

    fs = f[:, :, ::rate, ::rate]
    bs = b[:, :, ::rate, ::rate]
    h, w = fs.shape[2], fs.shape[3]
    bh, bw = bs.shape[2], bs.shape[3]
    pad = ksize // 2

    kernels = F.unfold(bs, kernel_size=ksize, padding=pad).transpose(1, 2)  # [N, L, C*k*k]
    kernels = kernels / kernels.pow(2).sum(dim=2, keepdim=True).sqrt().clamp(min=1e-4)
    kernels = kernels.reshape(n * bh * bw, c, ksize, ksize)
    window = torch.ones(1, 1, ksize, ksize, dtype=f.dtype, device=f.device)
    f_norm = F.conv2d(fs.pow(2).sum(dim=1, keepdim=True), window, padding=pad).sqrt().clamp(min=1e-4)
    scores = F.conv2d(fs.reshape(1, n * c, h, w), kernels, padding=pad, groups=n)
    scores = scores.reshape(n, bh * bw, h, w) / f_norm

    if fuse_k > 1:
        # Propagation: a match of neighbouring foreground pixels with neighbouring background patches
        # reinforces the score (the diagonal of the score matrix, once in x order and once in y order).
        eye = torch.eye(fuse_k, dtype=f.dtype, device=f.device).view(1, 1, fuse_k, fuse_k)
        fp = fuse_k // 2
        s = F.conv2d(scores.reshape(n, 1, bh * bw, h * w), eye, padding=fp)
        s = s.reshape(n, bh, bw, h, w).permute(0, 2, 1, 4, 3).reshape(n, 1, bh * bw, h * w)
        s = F.conv2d(s, eye, padding=fp)
        scores = s.reshape(n, bw, bh, w, h).permute(0, 2, 1, 4, 3).reshape(n, bh * bw, h, w)

    # A background patch may only be borrowed when none of its pixels is a hole pixel.
    m = F.max_pool2d(mask, kernel_size=rate, stride=rate)
    m = F.max_pool2d(m, kernel_size=ksize, stride=1, padding=pad)
    usable = (m <= 0.0).to(f.dtype).reshape(n, bh * bw, 1, 1)
    # Unusable patches get a very low score instead of the released code's 0, so the softmax mass falls
    # on usable patches only.
    scores = scores * usable - (1.0 - usable) * 1e4
    attn = torch.softmax(scores * softmax_scale, dim=1) * usable

    out = F.conv_transpose2d(attn.reshape(1, n * bh * bw, h, w), raw, stride=rate, padding=rate // 2,
                             groups=n)
    # Each output pixel is covered by (kr / rate)^2 = 4 overlapping patches.
    return out.reshape(n, c, height, width) / 4.0
