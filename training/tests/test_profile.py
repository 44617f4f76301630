import torch
from torch import nn

from gatefill_train import generator as generator_module
from gatefill_train.generator import Generator
from gatefill_train.profile import PARTS, attention_flops, conv_flops, profile


def test_conv_flops_counts_two_operations_per_multiply_add():
    conv = nn.Conv2d(4, 6, 3, padding=1)
    out = conv(torch.zeros(1, 4, 5, 7))
    assert conv_flops(conv, out) == 2 * 4 * 9 * 6 * 5 * 7


def test_attention_flops_is_the_two_batched_products():
    # 8x8 map at rate 2: 16 patches and 16 foreground pixels; c*k*k = 18, c*(2*rate)^2 = 32
    assert attention_flops(2, 8, 8) == 2 * 16 * 18 * 16 + 2 * 32 * 16 * 16


def test_profile_covers_every_part_and_leaves_the_generator_as_it_was():
    torch.manual_seed(0)
    g = Generator(8, "gated", True, refine_sketch=True).eval()
    original = generator_module.contextual_attention
    result = profile(g, 64, repeats=1)
    assert generator_module.contextual_attention is original
    assert not any(layer._forward_hooks or layer._forward_pre_hooks for layer in g.modules())
    parts = result["parts"]
    assert set(parts) == set(PARTS)
    assert all(p["ms"] > 0 and p["gflop"] > 0 for p in parts.values())
    # the parts are disjoint pieces of one pass: together no longer than the pass itself
    assert sum(p["ms"] for p in parts.values()) <= result["total_ms"] * 1.001
    assert result["matmul_gflop_per_s"] > 0
