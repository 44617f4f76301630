"""Convolution layers the generator is built from: gated (DeepFill v2), partial (Liu et al. 2018) and vanilla.

Every layer has the same TorchScript-friendly interface so one generator definition serves all three
convolution types and the paper's comparison can be reproduced by changing a single argument:

    forward(x, m) -> (y, m')   x: features [N,C,H,W]; m: validity mask [N,1,H,W], 1 = valid pixel
    gate(x, m)    -> [N,1,H',W'] the layer's soft (gated) or hard (partial) validity map, for inspection

Only partial convolution reads and updates ``m``; the others pass it through untouched, which is cheap
and keeps the call sites identical.
"""
from __future__ import annotations

from typing import Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

CONV_TYPES = ("gated", "partial", "vanilla")
ACTIVATIONS = ("elu", "relu", "none")


def _activate(x: Tensor, activation: str) -> Tensor:
    if activation == "elu":
        return F.elu(x)
    if activation == "relu":
        return F.relu(x)
    return x


# Feature half of a gated layer starts this much larger than He init: at initialisation the sigmoid gate is
# ~0.5, which with ELU would shrink activations ~0.7x per layer and leave the 17-layer coarse network's
# output independent of its input (measured: across-batch std 2e-9 with PyTorch's default init, 0.37 with
# this; 50 steps at 64 px reached a hole L1 that the default init needed ~900 steps at 128 px for).
GATED_FEATURE_GAIN = 1.8


def init_conv(conv: nn.Conv2d, activation: str, gated_features: int = 0) -> None:
    """He (fan-in) initialisation for ELU/ReLU layers, unit gain for the linear output layer, zero bias.

    PyTorch's default (a=sqrt(5)) keeps a third of the variance per layer: fine for shallow nets, but
    in DeepFill's deep stacks without normalisation the signal vanishes. ``gated_features`` > 0 marks
    the leading output channels as the features of a gated layer, scaled by GATED_FEATURE_GAIN.
    """
    nn.init.kaiming_normal_(conv.weight, nonlinearity="linear" if activation == "none" else "relu")
    if gated_features:
        with torch.no_grad():
            conv.weight[:gated_features] *= GATED_FEATURE_GAIN
    if conv.bias is not None:
        nn.init.zeros_(conv.bias)


def _same_padding(kernel_size: int, dilation: int) -> int:
    return dilation * (kernel_size - 1) // 2


class GatedConv2d(nn.Module):
    """Gated convolution: activation(feature conv) * sigmoid(gating conv), computed by one conv of 2*out channels.

    As in the released DeepFill v2 code, the output layer (``activation='none'``) is a plain convolution
    without a gate, and ``upsample=True`` makes it the "gated deconvolution" (nearest x2, then conv).
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1,
                 dilation: int = 1, activation: str = "elu", upsample: bool = False) -> None:
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        self.out_channels = out_channels
        self.activation = activation
        self.upsample = upsample
        self.gated = activation != "none"
        conv_out = 2 * out_channels if self.gated else out_channels
        self.conv = nn.Conv2d(in_channels, conv_out, kernel_size, stride,
                              _same_padding(kernel_size, dilation), dilation)
        init_conv(self.conv, activation, out_channels if self.gated else 0)

    def forward(self, x: Tensor, m: Tensor) -> Tuple[Tensor, Tensor]:
        if self.upsample:
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
        y = self.conv(x)
        if not self.gated:
            return y, m
        # split, not two slices: the backward of a slice fills a zero tensor of y's size for each half,
        # split's concatenates the two gradients (a training step 4 % faster, forward unchanged).
        features, gates = y.split(self.out_channels, dim=1)
        return _activate(features, self.activation) * torch.sigmoid(gates), m

    def gate(self, x: Tensor, m: Tensor) -> Tensor:
        if self.upsample:
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
        y = self.conv(x)
        if not self.gated:
            return torch.ones_like(y[:, :1])
        return torch.sigmoid(y[:, self.out_channels:]).mean(dim=1, keepdim=True)


class PartialConv2d(nn.Module):
    """Partial convolution (Liu et al., ECCV 2018) with a single-channel validity mask.

    The convolution sees only valid pixels and is rescaled by window size / valid count; a window with no
    valid pixel outputs zero. The mask update is the paper's rule: a location becomes valid when its window
    held at least one valid pixel.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1,
                 dilation: int = 1, activation: str = "elu", upsample: bool = False) -> None:
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        self.activation = activation
        self.upsample = upsample
        self.kernel_size = kernel_size
        self.stride = stride
        self.dilation = dilation
        self.padding = _same_padding(kernel_size, dilation)
        # The bias is kept apart so it is added after renormalisation, as in the paper's formula.
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, self.padding, dilation,
                              bias=False)
        # Unit gain: the window/valid renormalisation already amplifies near holes and borders (zero
        # padding counts as hole), and with He gain the 17-layer stack's activations grew ~2x per layer.
        init_conv(self.conv, "none")
        self.bias = nn.Parameter(torch.zeros(out_channels))
        self.register_buffer("window", torch.ones(1, 1, kernel_size, kernel_size), persistent=False)

    def _update(self, m: Tensor) -> Tuple[Tensor, Tensor]:
        count = F.conv2d(m, self.window, None, self.stride, self.padding, self.dilation)
        valid = (count > 0.0).to(m.dtype)
        scale = float(self.kernel_size * self.kernel_size) / count.clamp(min=1.0)
        return scale * valid, valid

    def forward(self, x: Tensor, m: Tensor) -> Tuple[Tensor, Tensor]:
        if self.upsample:
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            m = F.interpolate(m, scale_factor=2.0, mode="nearest")
        scale, valid = self._update(m)
        y = self.conv(x * m) * scale + self.bias.view(1, -1, 1, 1) * valid
        return _activate(y, self.activation), valid

    def gate(self, x: Tensor, m: Tensor) -> Tensor:
        if self.upsample:
            m = F.interpolate(m, scale_factor=2.0, mode="nearest")
        return self._update(m)[1]


class VanillaConv2d(nn.Module):
    """Plain convolution + activation, the baseline of the paper's comparison."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1,
                 dilation: int = 1, activation: str = "elu", upsample: bool = False) -> None:
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        self.activation = activation
        self.upsample = upsample
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride,
                              _same_padding(kernel_size, dilation), dilation)
        init_conv(self.conv, activation)

    def forward(self, x: Tensor, m: Tensor) -> Tuple[Tensor, Tensor]:
        if self.upsample:
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
        return _activate(self.conv(x), self.activation), m

    def gate(self, x: Tensor, m: Tensor) -> Tensor:
        if self.upsample:
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
        return torch.ones_like(self.conv(x)[:, :1])


def make_conv(conv_type: str, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1,
              dilation: int = 1, activation: str = "elu", upsample: bool = False) -> nn.Module:
    """Builds one layer of the requested type; ``out_channels`` counts output features (not gates)."""
    if conv_type == "gated":
        cls = GatedConv2d
    elif conv_type == "partial":
        cls = PartialConv2d
    elif conv_type == "vanilla":
        cls = VanillaConv2d
    else:
        raise ValueError(f"conv_type must be one of {CONV_TYPES}, got {conv_type!r}")
    return cls(in_channels, out_channels, kernel_size, stride, dilation, activation, upsample)


def sn_conv(in_channels: int, out_channels: int, kernel_size: int = 5, stride: int = 2,
            n_power_iterations: int = 1) -> nn.Module:
    """A convolution with spectral normalisation (Miyato et al. 2018), the SN-PatchGAN building block."""
    conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, kernel_size // 2)
    return nn.utils.spectral_norm(conv, n_power_iterations=n_power_iterations)
