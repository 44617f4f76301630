"""Gated, partial and vanilla convolutions; spectral normalisation."""
import pytest
import torch
import torch.nn.functional as F

from gatefill_train.layers import GatedConv2d, PartialConv2d, VanillaConv2d, make_conv, sn_conv


def test_gated_conv_shapes_and_gate_range() -> None:
    layer = GatedConv2d(5, 8, 3, stride=2)
    x = torch.randn(2, 5, 16, 24) * 10
    y, m = layer(x, torch.ones(2, 1, 16, 24))
    assert y.shape == (2, 8, 8, 12)
    g = layer.gate(x, m)
    assert g.shape == (2, 1, 8, 12)
    assert float(g.min()) > 0.0 and float(g.max()) < 1.0
    # One conv of 2*out channels: features and gates.
    assert layer.conv.out_channels == 16


def test_gated_output_layer_has_no_gate_or_activation() -> None:
    layer = GatedConv2d(4, 3, 3, activation="none")
    assert layer.conv.out_channels == 3
    x = torch.randn(1, 4, 8, 8)
    y, _ = layer(x, torch.ones(1, 1, 8, 8))
    assert torch.allclose(y, layer.conv(x))

def test_gated_is_elu_times_sigmoid() -> None:
    layer = GatedConv2d(3, 2, 3)
    x = torch.randn(1, 3, 6, 6)
    raw = layer.conv(x)
    expected = F.elu(raw[:, :2]) * torch.sigmoid(raw[:, 2:])
    assert torch.allclose(layer(x, torch.ones(1, 1, 6, 6))[0], expected)


def test_gated_upsample() -> None:
    layer = GatedConv2d(4, 4, 3, upsample=True)
    y, _ = layer(torch.randn(1, 4, 5, 7), torch.ones(1, 1, 5, 7))
    assert y.shape == (1, 4, 10, 14)


def test_partial_conv_renormalises_and_updates_mask() -> None:
    layer = PartialConv2d(1, 1, 3, activation="none")
    with torch.no_grad():
        layer.conv.weight.fill_(1.0)
        layer.bias.fill_(0.5)
    x = torch.ones(1, 1, 8, 8)
    m = torch.ones(1, 1, 8, 8)
    m[:, :, 2:6, 2:6] = 0.0  # a 4x4 hole: its 2x2 centre sees no valid pixel in a 3x3 window
    y, m2 = layer(x, m)
    # Every window with at least one valid pixel becomes valid (the paper's update rule).
    expected_mask = torch.ones(1, 1, 8, 8)
    expected_mask[:, :, 3:5, 3:5] = 0.0
    assert torch.equal(m2, expected_mask)
    # Renormalisation: sum over valid pixels * 9 / count == 9 for a constant input of ones, plus bias.
    assert torch.allclose(y[m2 > 0], torch.full_like(y[m2 > 0], 9.5))
    assert torch.all(y[m2 == 0] == 0.0)
    # Image borders (zero padding) are renormalised the same way.
    assert float(y[0, 0, 0, 0]) == pytest.approx(9.5)


def test_partial_conv_ignores_hole_content() -> None:
    layer = PartialConv2d(3, 4, 3)
    m = torch.ones(1, 1, 10, 10)
    m[:, :, 3:7, 3:7] = 0
    x1 = torch.randn(1, 3, 10, 10)
    x2 = x1.clone()
    x2[:, :, 3:7, 3:7] = 100.0
    assert torch.allclose(layer(x1, m)[0], layer(x2, m)[0])
    assert torch.equal(layer.gate(x1, m), layer(x1, m)[1])


def test_vanilla_and_factory() -> None:
    for kind, cls in (("gated", GatedConv2d), ("partial", PartialConv2d), ("vanilla", VanillaConv2d)):
        layer = make_conv(kind, 3, 6, 3, 1, 2)
        assert isinstance(layer, cls)
        y, _ = layer(torch.randn(1, 3, 12, 12), torch.ones(1, 1, 12, 12))
        assert y.shape == (1, 6, 12, 12)
    with pytest.raises(ValueError):
        make_conv("deformable", 3, 6, 3)


def test_spectral_norm_near_one_after_power_iterations() -> None:
    torch.manual_seed(0)
    conv = sn_conv(8, 16, 5, 2)
    with torch.no_grad():
        conv.weight_orig.mul_(7.0)  # far from normalised to begin with
    conv.train()
    x = torch.randn(2, 8, 16, 16)
    for _ in range(200):  # one power iteration per training-mode forward
        conv(x)
    sigma = torch.linalg.svdvals(conv.weight.detach().reshape(16, -1))[0]
    assert float(sigma) == pytest.approx(1.0, abs=0.02)
