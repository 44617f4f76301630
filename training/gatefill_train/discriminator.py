"""SN-PatchGAN discriminator and the hinge losses of DeepFill v2.

Six 5x5 stride-2 convolutions with spectral normalisation and leaky ReLU (slope 0.2, on every layer as in
the released code) over image + mask (+ sketch). The output is a 3-D feature map per sample
[4*cnum, H/64, W/64]; every element is a GAN score, so the hinge loss is taken on every point.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .layers import sn_conv


class Discriminator(nn.Module):
    """SN-PatchGAN: forward(image [N,3,H,W], mask [N,1,H,W], sketch [N,1,H,W]) -> [N,4c,H/64,W/64]."""

    def __init__(self, cnum: int = 64, use_sketch: bool = True) -> None:
        super().__init__()
        self.use_sketch = use_sketch
        in_ch = 5 if use_sketch else 4
        widths = [cnum, 2 * cnum, 4 * cnum, 4 * cnum, 4 * cnum, 4 * cnum]
        layers = []
        for out_ch in widths:
            layers.append(sn_conv(in_ch, out_ch, 5, 2))
            in_ch = out_ch
        self.convs = nn.ModuleList(layers)

    def forward(self, image: Tensor, mask: Tensor, sketch: Tensor) -> Tensor:
        parts = [image, mask]
        if self.use_sketch:
            parts.append(sketch)
        x = torch.cat(parts, dim=1)
        for conv in self.convs:
            x = F.leaky_relu(conv(x), 0.2)
        return x


def d_hinge_loss(real_scores: Tensor, fake_scores: Tensor) -> Tensor:
    """Hinge loss of the discriminator, averaged over every point of the score maps."""
    return F.relu(1.0 - real_scores).mean() + F.relu(1.0 + fake_scores).mean()


def g_hinge_loss(fake_scores: Tensor) -> Tensor:
    """Generator's adversarial term: raise the discriminator's score of completed images."""
    return -fake_scores.mean()
