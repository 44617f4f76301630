"""Contextual attention: self-reconstruction without a hole, holes filled only from usable patches."""
import torch

from gatefill_train.attention import contextual_attention


def test_reconstructs_background_without_hole() -> None:
    torch.manual_seed(0)
    b = torch.randn(2, 8, 16, 24)
    out = contextual_attention(b, b, torch.zeros(2, 1, 16, 24))
    assert out.shape == b.shape
    assert torch.allclose(out[:, :, 2:-2, 2:-2], b[:, :, 2:-2, 2:-2], atol=1e-4)


def test_hole_borrows_only_from_outside() -> None:
    torch.manual_seed(0)
    f = torch.randn(1, 4, 32, 32)
    mask = torch.zeros(1, 1, 32, 32)
    mask[:, :, 8:24, 8:24] = 1
    b1 = f.clone()
    b2 = f.clone()
    b2[:, :, 8:24, 8:24] = 50.0
    # Without propagation (fuse_k=1) neither the matching kernels nor the pasted patches of usable
    # positions touch the hole, so what b holds inside the hole cannot change the fill. (With the
    # propagation of the released code a usable patch's score also sums its neighbours' scores.)
    o1 = contextual_attention(f, b1, mask, fuse_k=1)
    o2 = contextual_attention(f, b2, mask, fuse_k=1)
    assert torch.allclose(o1[:, :, 12:20, 12:20], o2[:, :, 12:20, 12:20], atol=1e-5)


def test_samples_are_independent() -> None:
    torch.manual_seed(0)
    f = torch.randn(2, 4, 16, 16)
    mask = torch.zeros(2, 1, 16, 16)
    mask[0, :, 4:12, 4:12] = 1
    both = contextual_attention(f, f, mask)
    one = contextual_attention(f[1:], f[1:], mask[1:])
    assert torch.allclose(both[1:], one, atol=1e-5)


def _reference_attention(f: torch.Tensor, b: torch.Tensor, mask: torch.Tensor, ksize: int = 3,
                         rate: int = 2, fuse_k: int = 3, softmax_scale: float = 10.0) -> torch.Tensor:
    """The previous implementation (released-code formulation: grouped conv2d scores, identity-kernel
    conv2d propagation over the score matrix, transposed-conv reconstruction), kept as the reference."""
    import torch.nn.functional as F
    n, c, height, width = f.shape
    kr = 2 * rate
    raw = F.unfold(b, kernel_size=kr, stride=rate, padding=rate // 2)
    patches = raw.shape[2]
    raw = raw.transpose(1, 2).reshape(n * patches, c, kr, kr)
    fs = f[:, :, ::rate, ::rate]
    bs = b[:, :, ::rate, ::rate]
    h, w = fs.shape[2], fs.shape[3]
    bh, bw = bs.shape[2], bs.shape[3]
    pad = ksize // 2
    kernels = F.unfold(bs, kernel_size=ksize, padding=pad).transpose(1, 2)
    kernels = kernels / kernels.pow(2).sum(dim=2, keepdim=True).sqrt().clamp(min=1e-4)
    kernels = kernels.reshape(n * bh * bw, c, ksize, ksize)
    window = torch.ones(1, 1, ksize, ksize, dtype=f.dtype, device=f.device)
    f_norm = F.conv2d(fs.pow(2).sum(dim=1, keepdim=True), window, padding=pad).sqrt().clamp(min=1e-4)
    scores = F.conv2d(fs.reshape(1, n * c, h, w), kernels, padding=pad, groups=n)
    scores = scores.reshape(n, bh * bw, h, w) / f_norm
    if fuse_k > 1:
        eye = torch.eye(fuse_k, dtype=f.dtype, device=f.device).view(1, 1, fuse_k, fuse_k)
        fp = fuse_k // 2
        s = F.conv2d(scores.reshape(n, 1, bh * bw, h * w), eye, padding=fp)
        s = s.reshape(n, bh, bw, h, w).permute(0, 2, 1, 4, 3).reshape(n, 1, bh * bw, h * w)
        s = F.conv2d(s, eye, padding=fp)
        scores = s.reshape(n, bw, bh, w, h).permute(0, 2, 1, 4, 3).reshape(n, bh * bw, h, w)
    m = F.max_pool2d(mask, kernel_size=rate, stride=rate)
    m = F.max_pool2d(m, kernel_size=ksize, stride=1, padding=pad)
    usable = (m <= 0.0).to(f.dtype).reshape(n, bh * bw, 1, 1)
    scores = scores * usable - (1.0 - usable) * 1e4
    attn = torch.softmax(scores * softmax_scale, dim=1) * usable
    out = F.conv_transpose2d(attn.reshape(1, n * bh * bw, h, w), raw, stride=rate, padding=rate // 2,
                             groups=n)
    return out.reshape(n, c, height, width) / 4.0


def _case(n: int, c: int, height: int, width: int, seed: int) -> tuple:
    g = torch.Generator().manual_seed(seed)
    f = torch.randn(n, c, height, width, generator=g)
    b = torch.randn(n, c, height, width, generator=g)
    mask = torch.zeros(n, 1, height, width)
    for i in range(n):
        y0 = int(torch.randint(0, height // 2, (1,), generator=g))
        x0 = int(torch.randint(0, width // 2, (1,), generator=g))
        mask[i, :, y0:y0 + height // 3 + 1, x0:x0 + width // 3 + 1] = 1
    return f, b, mask


def test_matches_reference_implementation() -> None:
    # Batch > 1, non-square, all-hole sample, self-attention and f != b, with and without propagation.
    for n, c, height, width, seed in [(1, 8, 16, 16, 0), (3, 16, 24, 40, 1), (2, 4, 48, 16, 2),
                                      (2, 32, 32, 32, 3), (2, 4, 2, 6, 7), (1, 4, 4, 10, 8)]:
        f, b, mask = _case(n, c, height, width, seed)
        for bb in (f, b):
            for fuse_k in (1, 3, 5):
                got = contextual_attention(f, bb, mask, fuse_k=fuse_k)
                want = _reference_attention(f, bb, mask, fuse_k=fuse_k)
                assert (got - want).abs().max().item() <= 1e-5, (n, c, height, width, fuse_k)
    f, b, _ = _case(2, 8, 16, 24, 4)
    full = torch.ones(2, 1, 16, 24)
    full[1, :, :4, :4] = 0
    assert torch.allclose(contextual_attention(f, b, full), _reference_attention(f, b, full), atol=1e-5)
    assert contextual_attention(f, b, full)[0].abs().max().item() == 0.0


def test_gradients_match_reference() -> None:
    f, b, mask = _case(2, 8, 16, 24, 5)
    grads = []
    for fn in (contextual_attention, _reference_attention):
        ff = f.clone().requires_grad_(True)
        bb = b.clone().requires_grad_(True)
        (fn(ff, bb, mask) * torch.linspace(-1, 1, 24)).sum().backward()
        assert ff.grad is not None and bb.grad is not None
        assert ff.grad.abs().sum().item() > 0 and bb.grad.abs().sum().item() > 0
        grads.append((ff.grad, bb.grad))
    assert torch.allclose(grads[0][0], grads[1][0], atol=1e-4)
    assert torch.allclose(grads[0][1], grads[1][1], atol=1e-4)


def test_scriptable_and_matches_reference() -> None:
    scripted = torch.jit.script(contextual_attention)
    f, b, mask = _case(2, 16, 24, 32, 6)
    with torch.no_grad():
        assert (scripted(f, b, mask) - _reference_attention(f, b, mask)).abs().max().item() <= 1e-5


def _near(mask: torch.Tensor, radius: int) -> torch.Tensor:
    return torch.nn.functional.max_pool2d(mask.amax(dim=0, keepdim=True), 2 * radius + 1, 1, radius) > 0


def test_near_hole_computation_matches_the_full_one_near_the_hole() -> None:
    # Holes inside, on each edge and in the corners exercise the wrap of both flattened orders.
    torch.manual_seed(0)
    boxes = [(8, 16, 8, 16), (0, 6, 0, 10), (26, 32, 20, 32), (0, 4, 18, 24), (0, 32, 0, 3), (10, 14, 0, 2)]
    for i, (y0, y1, x0, x1) in enumerate(boxes):
        height, width = (32, 48) if i % 2 else (40, 24)
        f = torch.randn(2, 8, height, width)
        b = f if i % 3 else torch.randn(2, 8, height, width)
        mask = torch.zeros(2, 1, height, width)
        mask[0, :, y0:y1, x0:x1] = 1
        full = contextual_attention(f, b, mask)
        part = contextual_attention(f, b, mask, near=3, restrict_below=1.0)
        near = _near(mask, 3)
        assert ((full - part).abs() * near).max().item() <= 1e-5, (y0, y1, x0, x1)
        assert (part * ~near).abs().max().item() > 0  # cells just outside are computed for the fold
        assert part[:, :, ~_near(mask, 8)[0, 0]].abs().max().item() == 0.0  # far away: skipped


def test_near_hole_computation_is_scriptable_and_falls_back_for_large_holes() -> None:
    scripted = torch.jit.script(contextual_attention)
    f, b, mask = _case(2, 16, 24, 32, 9)
    with torch.no_grad():
        part = scripted(f, b, mask, 3, 2, 3, 10.0, 2, 1.0)
        assert ((part - _reference_attention(f, b, mask)).abs() * _near(mask, 2)).max().item() <= 1e-5
        everywhere = scripted(f, b, mask, 3, 2, 3, 10.0, 2, 0.0)  # share 0: always the full computation
        assert (everywhere - _reference_attention(f, b, mask)).abs().max().item() <= 1e-5
