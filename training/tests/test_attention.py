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
