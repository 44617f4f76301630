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


def _neighbours(h: int, w: int, device: torch.device) -> List[Tensor]:
    """For each cell of an [h, w] grid in y-major order, the y-major index of its predecessor and
    successor in y-major order, then in x-major order (with the wrap to the previous / next column);
    -1 where there is none."""
    q = torch.arange(h * w, device=device)
    y = torch.div(q, w, rounding_mode="floor")
    x = q - y * w
    none = torch.full_like(q, -1)
    prev_y = torch.where(q > 0, q - 1, none)
    next_y = torch.where(q < h * w - 1, q + 1, none)
    prev_x = torch.where(y > 0, q - w, torch.where(x > 0, (h - 1) * w + x - 1, none))
    next_x = torch.where(y < h - 1, q + w, torch.where(x < w - 1, x + 1, none))
    return [prev_y, next_y, prev_x, next_x]


def _with_neighbours(needed: Tensor, before: Tensor, after: Tensor) -> Tensor:
    """``needed`` [HW] bool, widened by the cells that ``before`` / ``after`` name for its cells."""
    out = needed.clone()
    for nb in [before, after]:
        idx = nb[needed & (nb >= 0)]
        out[idx] = True
    return out


def _local(cells: Tensor, hw: int) -> Tensor:
    """A map from global cell (or -1, via index hw) to the row of ``cells`` (absent cells: the last row,
    the zero one)."""
    local = torch.full([hw + 1], cells.numel(), dtype=torch.long, device=cells.device)
    local[cells] = torch.arange(cells.numel(), device=cells.device)
    return local


def _near_hole_scores(kernels: Tensor, cols: Tensor, needed: Tensor, bh: int, bw: int, h: int,
                      w: int) -> Tensor:
    """The propagated scores (fuse_k = 3) of the query cells in ``needed`` [HW] only, as [N, |needed|, L]
    (query-major, so that gathering cells copies whole rows), equal to the full computation's: each
    propagation pass reads a cell's neighbours in the flattened order, so the raw scores are computed
    for the needed cells and the neighbours of their neighbours, and every shift follows the full
    grid's flattened order, wraps included."""
    n, hw = cols.shape[0], h * w
    prev_y, next_y, prev_x, next_x = _neighbours(h, w, cols.device)
    needed_p1 = _with_neighbours(needed, prev_x, next_x)  # cells whose first-pass score is read
    cells_s = _with_neighbours(needed_p1, prev_y, next_y).nonzero().view(-1)  # ... whose raw score is
    # A zero foreground column at index hw gives every gathered matrix a last, all-zero row, which
    # stands for "no neighbour" (the propagation's zero padding).
    cols_t = torch.cat([cols.transpose(1, 2), torch.zeros_like(cols[:, :, :1]).transpose(1, 2)], dim=1)
    none = torch.full([1], hw, dtype=torch.long, device=cols.device)
    s = torch.bmm(cols_t.index_select(1, torch.cat([cells_s, none])), kernels.transpose(1, 2))
    at_s = _local(cells_s, hw)

    # First pass, y-major keys and queries: p1[q, k] = s[q, k] + s[q-1, k-1] + s[q+1, k+1].
    cells_1 = torch.cat([needed_p1.nonzero().view(-1), none])
    p1 = s.index_select(1, at_s[cells_1])
    before = s.index_select(1, at_s[torch.where(cells_1 < hw, prev_y[cells_1.clamp(max=hw - 1)], none)])
    after = s.index_select(1, at_s[torch.where(cells_1 < hw, next_y[cells_1.clamp(max=hw - 1)], none)])
    p1[:, :, 1:].add_(before[:, :, :-1])
    p1[:, :, :-1].add_(after[:, :, 1:])
    at_1 = _local(cells_1[:-1], hw)

    # Second pass, x-major: the same with both neighbours taken in x-major order (keys on their grid).
    cells = needed.nonzero().view(-1)
    out = p1.index_select(1, at_1[cells])
    m = out.shape[1]
    before = p1.index_select(1, at_1[prev_x[cells]]).view(n, m, bh, bw)
    after = p1.index_select(1, at_1[next_x[cells]]).view(n, m, bh, bw)
    grid = out.view(n, m, bh, bw)
    grid[:, :, 1:].add_(before[:, :, :-1])
    grid[:, :, 0, 1:].add_(before[:, :, bh - 1, :-1])
    grid[:, :, :-1].add_(after[:, :, 1:])
    grid[:, :, bh - 1, :-1].add_(after[:, :, 0, 1:])
    return out


def near_hole_cells(mask: Tensor, near: int, rate: int = 2) -> Tensor:
    """[HW] bool: the query cells whose pasted patch covers an output pixel within ``near`` pixels of a
    hole of any sample (the fold: cell q covers pixels rate*q - rate//2 .. rate*q - rate//2 + 2*rate - 1)."""
    wanted = F.max_pool2d((mask > 0).to(mask.dtype).amax(dim=0, keepdim=True), kernel_size=2 * near + 1,
                          stride=1, padding=near)
    return F.max_pool2d(wanted, kernel_size=2 * rate, stride=rate, padding=rate // 2).view(-1) > 0


def _all_scores(kernels: Tensor, cols: Tensor, fuse_k: int, bh: int, bw: int, h: int, w: int) -> Tensor:
    """The propagated scores [N, L, HW] of every background patch (y-major) and foreground cell."""
    n = kernels.shape[0]
    scores = torch.bmm(kernels, cols)
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
    return scores


def contextual_attention(f: Tensor, b: Tensor, mask: Tensor, ksize: int = 3, rate: int = 2,
                         fuse_k: int = 3, softmax_scale: float = 10.0, near: int = -1,
                         restrict_below: float = 0.75) -> Tensor:
    """Reconstructs ``f`` [N,C,H,W] from patches of ``b`` (same shape); ``mask`` [N,1,H,W], 1 = hole.

    H and W must be multiples of ``rate``. Returns a tensor shaped like ``f``. With ``near`` >= 0 only
    output pixels within ``near`` pixels of a hole (of any sample) are computed, exactly as without it;
    the others are 0. Inference needs no more: past the receptive field of the layers after the
    attention, its output cannot reach a hole pixel, and the matching, by far the largest cost, shrinks
    with the share of the map that is near the hole. That computation is used when the cells it needs
    are at most ``restrict_below`` of the map: at 512x512 it took 0.21x the full computation's time with
    11 % of the cells needed, 0.54x with 30 %, 0.95x with 75 % and 1.23x with 90 %.
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

    # A background patch may only be borrowed when none of its pixels is a hole pixel.
    m = F.max_pool2d(mask, kernel_size=rate, stride=rate)
    m = F.max_pool2d(m, kernel_size=ksize, stride=1, padding=pad)
    usable = m <= 0.0  # [N, 1, bh, bw]

    cells = torch.empty(0, dtype=torch.long, device=f.device)
    needed = torch.empty(0, dtype=torch.bool, device=f.device)
    if near >= 0 and fuse_k == 3 and bh >= 2 and h >= 2:
        needed = near_hole_cells(mask, near, rate)
        if int(needed.sum()) <= restrict_below * h * w:
            cells = needed.nonzero().view(-1)
    restricted = cells.numel() > 0
    if restricted:
        scores = _near_hole_scores(kernels, cols, needed, bh, bw, h, w)
    else:
        scores = _all_scores(kernels, cols, fuse_k, bh, bw, h, w)
    # Unusable patches get a very low score instead of the released code's 0, so the softmax mass falls
    # on usable patches only; their (zeroed) reconstruction patches keep an all-hole sample at 0.
    # Keys run along dim 1 of the full scores [N, L, HW] and along dim 2 of the restricted [N, M, L].
    keys = 2 if restricted else 1
    unusable = ~usable.reshape(n, bh * bw, 1).transpose(1, keys)
    attn = torch.softmax(scores.mul_(softmax_scale).masked_fill_(unusable, -1e4 * softmax_scale), dim=keys)
    # The propagated scores span up to +-9, so after the scale of 10 the weights of poor matches fall to
    # exp(-180): about 2 % of them are float32 denormals, and the weighted sum below, which multiplies
    # each of them, ran 4.8x slower on a photo than on smooth input (x86 takes a microcode assist per
    # denormal operand). Weights below 1e-30 carry no mass (4096 of them sum to < 1e-26), so they are
    # set to exactly 0: outputs unchanged to the last bit on the photos measured.
    attn = torch.threshold(attn, 1e-30, 0.0)
    raw = raw * usable.reshape(n, 1, bh * bw).to(raw.dtype)

    if restricted:
        pasted = torch.bmm(attn, raw.transpose(1, 2))  # [N, M, C*kr*kr]
        out = torch.zeros([n, h * w, pasted.shape[2]], dtype=pasted.dtype, device=pasted.device)
        out = out.index_copy_(1, cells, pasted).transpose(1, 2)
    else:
        out = torch.bmm(raw, attn)  # [N, C*kr*kr, HW]
    out = F.fold(out, output_size=(height, width), kernel_size=kr, stride=rate, padding=rate // 2)
    # Each output pixel is covered by (kr / rate)^2 = 4 overlapping patches.
    return out / 4.0
