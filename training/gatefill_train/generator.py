"""DeepFill v2 generator (Yu et al., "Free-Form Image Inpainting with Gated Convolution", ICCV 2019).

Layer for layer the released TensorFlow model: a coarse encoder-decoder (two stride-2 downsamplings,
dilated convolutions with rates 2, 4, 8, 16, nearest-neighbour upsampling) followed by a refinement
network whose dilated-convolution branch and contextual-attention branch are concatenated and decoded.
Widths follow the released ``gen_conv(x, cnum)``, whose convolution has ``cnum`` output channels split
into ``cnum/2`` features and ``cnum/2`` gates; so with ``cnum=48`` and 5 input channels (masked image,
ones, mask) the generator has exactly 4,052,478 parameters. A sketch adds one input channel.

Our one departure (``refine_sketch``): the released model feeds the sketch to the coarse network only,
whose output is blurry by design, so a stroke reaches the refinement network as a faint smudge at best.
With ``refine_sketch`` both refinement branches also see the sketch as a fourth input channel, so the
network that draws the sharp result knows where the edges go.

The same topology is built with partial or vanilla convolutions (``conv_type``); those keep the feature
widths and therefore have about half the parameters.

Contract (models/<name>.pt, see docs/architecture.md):
    forward(image [N,3,H,W] in [-1,1], mask [N,1,H,W] 1 = hole, sketch [N,1,H,W]) -> [N,3,H,W] in [-1,1]
H and W multiples of 8; hole pixels of ``image`` are ignored (blanked here).
"""
from __future__ import annotations

from typing import Dict, List, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .attention import contextual_attention
from .layers import CONV_TYPES, make_conv

# (stage, index, name) of the layers whose gates the editor's gate view shows. Chosen to show the
# network's view of valid / hole / sketch at the input, after downsampling, inside the dilated stack,
# at the end of the coarse decoder, and at the refinement input.
GATE_LAYERS: List[Tuple[str, int, str]] = [
    ("coarse", 0, "coarse.conv1"),
    ("coarse", 1, "coarse.conv2_downsample"),
    ("coarse", 6, "coarse.conv7_atrous"),
    ("coarse", 15, "coarse.conv16"),
    ("refine", 0, "refine.xconv1"),
]


# The prediction is exact (the same as with the attention computed everywhere) at pixels within this many
# pixels of the hole, enough for the caller's compositing and bilinear upscaling (docs/architecture.md).
EXACT_MARGIN_PX = 8
# ... for which the attention's output (at 1/4 of the input) is needed this far from the hole, counted
# at 1/4: 4 (the two 3x3 convs of refine_attn_out and the decoder's two at 1/4) + 2 (the five convs after
# the first upsampling reach 4 px at 1/2) + 2 (the margin). Measured tight: 7 changes the prediction
# within the margin by up to 5e-3, 8 not at all (tests/test_generator.py).
ATTENTION_NEAR = 8


def _coarse_spec(in_ch: int, h: int) -> List[Tuple[int, int, int, int, int, str, bool]]:
    # (in, out, kernel, stride, dilation, activation, upsample); h = cnum // 2 features.
    q = 4 * h
    return [
        (in_ch, h, 5, 1, 1, "elu", False),
        (h, 2 * h, 3, 2, 1, "elu", False),
        (2 * h, 2 * h, 3, 1, 1, "elu", False),
        (2 * h, q, 3, 2, 1, "elu", False),
        (q, q, 3, 1, 1, "elu", False),
        (q, q, 3, 1, 1, "elu", False),
        (q, q, 3, 1, 2, "elu", False),
        (q, q, 3, 1, 4, "elu", False),
        (q, q, 3, 1, 8, "elu", False),
        (q, q, 3, 1, 16, "elu", False),
        (q, q, 3, 1, 1, "elu", False),
        (q, q, 3, 1, 1, "elu", False),
        (q, 2 * h, 3, 1, 1, "elu", True),
        (2 * h, 2 * h, 3, 1, 1, "elu", False),
        (2 * h, h, 3, 1, 1, "elu", True),
        (h, h // 2, 3, 1, 1, "elu", False),
        (h // 2, 3, 3, 1, 1, "none", False),
    ]


def _build(conv_type: str, spec: List[Tuple[int, int, int, int, int, str, bool]]) -> nn.ModuleList:
    return nn.ModuleList([make_conv(conv_type, i, o, k, s, d, a, u) for (i, o, k, s, d, a, u) in spec])


class Generator(nn.Module):
    """Coarse-to-fine gated-convolution inpainting generator; ``forward`` is the exported contract."""

    def __init__(self, cnum: int = 48, conv_type: str = "gated", use_sketch: bool = True,
                 refine_sketch: bool = False) -> None:
        super().__init__()
        if refine_sketch and not use_sketch:
            raise ValueError("refine_sketch needs use_sketch")
        if conv_type not in CONV_TYPES:
            raise ValueError(f"conv_type must be one of {CONV_TYPES}, got {conv_type!r}")
        if cnum % 4 != 0 or cnum <= 0:
            raise ValueError(f"cnum must be a positive multiple of 4, got {cnum}")
        self.cnum = cnum
        self.conv_type = conv_type
        self.use_sketch = use_sketch
        self.refine_sketch = refine_sketch
        self.in_channels = 6 if use_sketch else 5
        r_in = 4 if refine_sketch else 3
        h = cnum // 2
        q = 4 * h
        self.coarse = _build(conv_type, _coarse_spec(self.in_channels, h))
        self.refine_conv = _build(conv_type, [
            (r_in, h, 5, 1, 1, "elu", False),
            (h, h, 3, 2, 1, "elu", False),
            (h, 2 * h, 3, 1, 1, "elu", False),
            (2 * h, 2 * h, 3, 2, 1, "elu", False),
            (2 * h, q, 3, 1, 1, "elu", False),
            (q, q, 3, 1, 1, "elu", False),
            (q, q, 3, 1, 2, "elu", False),
            (q, q, 3, 1, 4, "elu", False),
            (q, q, 3, 1, 8, "elu", False),
            (q, q, 3, 1, 16, "elu", False),
        ])
        self.refine_attn_in = _build(conv_type, [
            (r_in, h, 5, 1, 1, "elu", False),
            (h, h, 3, 2, 1, "elu", False),
            (h, 2 * h, 3, 1, 1, "elu", False),
            (2 * h, q, 3, 2, 1, "elu", False),
            (q, q, 3, 1, 1, "elu", False),
            (q, q, 3, 1, 1, "relu", False),
        ])
        self.refine_attn_out = _build(conv_type, [
            (q, q, 3, 1, 1, "elu", False),
            (q, q, 3, 1, 1, "elu", False),
        ])
        self.refine_decoder = _build(conv_type, [
            (2 * q, q, 3, 1, 1, "elu", False),
            (q, q, 3, 1, 1, "elu", False),
            (q, 2 * h, 3, 1, 1, "elu", True),
            (2 * h, 2 * h, 3, 1, 1, "elu", False),
            (2 * h, h, 3, 1, 1, "elu", True),
            (h, h // 2, 3, 1, 1, "elu", False),
            (h // 2, 3, 3, 1, 1, "none", False),
        ])
        self.attention_near = ATTENTION_NEAR
        self.gate_coarse_idx: List[int] = [i for (stage, i, _) in GATE_LAYERS if stage == "coarse"]

    def _inputs(self, image: Tensor, mask: Tensor, sketch: Tensor) -> Tuple[Tensor, Tensor]:
        ones = torch.ones_like(mask)
        parts = [image * (1.0 - mask), ones, mask]
        if self.use_sketch:
            # Training sketches only exist inside the hole; strokes elsewhere would be out of distribution.
            parts.append(sketch * mask)
        return torch.cat(parts, dim=1), 1.0 - mask

    def _refine_input(self, coarse: Tensor, image: Tensor, mask: Tensor, sketch: Tensor) -> Tensor:
        xnow = coarse * mask + image * (1.0 - mask)
        if self.refine_sketch:
            return torch.cat([xnow, sketch * mask], dim=1)
        return xnow

    def forward_train(self, image: Tensor, mask: Tensor, sketch: Tensor) -> Tuple[Tensor, Tensor]:
        """Returns (coarse, refined), both [N,3,H,W] in [-1,1]; the coarse output is supervised too."""
        x, valid = self._inputs(image, mask, sketch)
        for layer in self.coarse:
            x, valid = layer(x, valid)
        coarse = torch.tanh(x)

        xnow = self._refine_input(coarse, image, mask, sketch)
        # The refinement input has no hole left, so partial convolutions start from an all-valid mask.
        full = torch.ones_like(mask)
        y, m1 = xnow, full
        for layer in self.refine_conv:
            y, m1 = layer(y, m1)
        z, m2 = xnow, full
        for layer in self.refine_attn_in:
            z, m2 = layer(z, m2)
        mask_q = F.max_pool2d(mask, kernel_size=4, stride=4)
        # Inference computes the attention only where it can reach the prediction near the hole.
        z = contextual_attention(z, z, mask_q, 3, 2, 3, 10.0, -1 if self.training else self.attention_near)
        for layer in self.refine_attn_out:
            z, m2 = layer(z, m2)
        x = torch.cat([y, z], dim=1)
        m = torch.max(m1, m2)
        for layer in self.refine_decoder:
            x, m = layer(x, m)
        return coarse, torch.tanh(x)

    def forward(self, image: Tensor, mask: Tensor, sketch: Tensor) -> Tensor:
        return self.forward_train(image, mask, sketch)[1]

    @torch.jit.export
    def gate_maps(self, image: Tensor, mask: Tensor, sketch: Tensor) -> Tensor:
        """[N,K,H,W] in (0,1): channel-mean gates of the layers in GATE_LAYERS, nearest-upsampled to H,W.

        For partial convolutions these are the (binary) updated masks; for vanilla convolutions all ones.
        """
        size = [image.shape[2], image.shape[3]]
        maps: List[Tensor] = []
        x, valid = self._inputs(image, mask, sketch)
        for i, layer in enumerate(self.coarse):
            if i in self.gate_coarse_idx:
                maps.append(F.interpolate(layer.gate(x, valid), size=size, mode="nearest"))
            x, valid = layer(x, valid)
        coarse = torch.tanh(x)
        xnow = self._refine_input(coarse, image, mask, sketch)
        full = torch.ones_like(mask)
        for i, layer in enumerate(self.refine_conv):
            if i == 0:
                maps.append(F.interpolate(layer.gate(xnow, full), size=size, mode="nearest"))
        return torch.cat(maps, dim=1)


class GateView(nn.Module):
    """Wraps a generator so that ``forward`` returns its gate maps; exported as ``<name>.gates.pt``."""

    def __init__(self, generator: Generator) -> None:
        super().__init__()
        self.generator = generator

    def forward(self, image: Tensor, mask: Tensor, sketch: Tensor) -> Tensor:
        return self.generator.gate_maps(image, mask, sketch)


REFINE_INPUT_CONVS = ("refine_conv.0.conv.weight", "refine_attn_in.0.conv.weight")


def widen_for_refine_sketch(state_dict: Dict[str, Tensor]) -> Dict[str, Tensor]:
    """A generator state dict without the refinement sketch channel, adapted to a ``refine_sketch``
    generator: the new input channel's weights are zero, so the widened network computes exactly what
    the old one did and training starts from there instead of from scratch."""
    out = dict(state_dict)
    for key in REFINE_INPUT_CONVS:
        w = out[key]
        if w.shape[1] != 3:
            raise ValueError(f"{key}: expected 3 input channels to widen, found {w.shape[1]}")
        out[key] = torch.cat([w, torch.zeros_like(w[:, :1])], dim=1)
    return out


def count_parameters(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())
