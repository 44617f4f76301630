"""What the training loop mutates and checkpoints save: the networks, their optimisers and DDP wrappers,
the weight average, counters and the settings of the current schedule phase."""
from __future__ import annotations

import argparse
import contextlib
import copy
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import torch
from torch import Tensor, nn

from .discriminator import Discriminator
from .distribution import Dist
from .generator import Generator
from .precision import bf16_supported

class _TrainView(nn.Module):
    """Routes forward() to the generator's two-output training pass, so DDP hooks see the call."""

    def __init__(self, generator: Generator) -> None:
        super().__init__()
        self.generator = generator

    def forward(self, image: Tensor, mask: Tensor, sketch: Tensor) -> Tuple[Tensor, Tensor]:
        return self.generator.forward_train(image, mask, sketch)


@dataclass
class TrainState:
    """Everything the loop mutates; what goes into a checkpoint."""
    G: Generator
    D: Discriminator
    opt_g: torch.optim.Optimizer
    opt_d: torch.optim.Optimizer
    g_train: nn.Module
    d_train: nn.Module
    step: int = 0
    images_seen: int = 0
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    l1_region: str = "image"
    gan_weight: float = 1.0
    sketch_weight: float = 0.0
    ssim_weight: float = 0.0
    phases: List[Dict[str, Any]] = field(default_factory=list)
    G_ema: Optional[Generator] = None
    ema_decay: float = 0.0
    autocast_dtype: Optional[torch.dtype] = None
    autocast_device: str = "cpu"
    memory_format: torch.memory_format = torch.contiguous_format
    extra: Dict[str, Any] = field(default_factory=dict)


def autocast_context(state: TrainState) -> Any:
    """bf16 autocast when asked, else nothing. ``torch.autocast(device_type=...)`` is the one
    spelling torch 1.13 and 2.x both accept (``torch.cuda.amp.autocast`` is deprecated in 2.x)."""
    if state.autocast_dtype is None:
        return contextlib.nullcontext()
    return torch.autocast(device_type=state.autocast_device, dtype=state.autocast_dtype)


def make_state(args: argparse.Namespace, device: torch.device, d: Dist) -> TrainState:
    torch.manual_seed(args.seed)
    use_sketch = not args.no_sketch
    G = Generator(args.cnum, args.conv_type, use_sketch, args.refine_sketch).to(device)
    D = Discriminator(args.d_cnum, use_sketch).to(device)
    autocast_dtype = torch.bfloat16 if getattr(args, "amp", "off") == "bf16" and bf16_supported(device.type) \
        else None
    memory_format = torch.contiguous_format
    if uses_channels_last(getattr(args, "channels_last", "auto"), autocast_dtype, device.type):
        # Before the optimisers, the weight average and DDP see the parameters.
        memory_format = torch.channels_last
        G.to(memory_format=memory_format)
        D.to(memory_format=memory_format)
    opt_g = torch.optim.Adam(G.parameters(), lr=args.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=args.lr, betas=(0.5, 0.999))
    g_train: nn.Module = _TrainView(G)
    d_train: nn.Module = D
    if d.world > 1:
        ids = [device.index] if device.type == "cuda" else None
        g_train = nn.parallel.DistributedDataParallel(g_train, device_ids=ids)
        d_train = nn.parallel.DistributedDataParallel(D, device_ids=ids)
    state = TrainState(G, D, opt_g, opt_d, g_train, d_train, l1_region=args.l1_region, gan_weight=args.gan_weight,
                       ema_decay=args.ema_decay, sketch_weight=args.sketch_weight,
                       ssim_weight=args.ssim_weight, autocast_dtype=autocast_dtype, autocast_device=device.type,
                       memory_format=memory_format)
    if args.ema_decay > 0:
        state.G_ema = _ema_copy(G)
    return state


def uses_channels_last(choice: str, autocast_dtype: Optional[torch.dtype], device_type: str) -> bool:
    """Channels-last (NHWC) tensors where they were measured to pay: bf16 autocast on a CPU, where
    oneDNN's bf16 convolutions work in NHWC and otherwise reorder every activation (Xeon with AMX, session
    14: 9,157-9,247 -> 11,083-11,287 img/h side by side at width 32, 256 px, batch 4; the same losses and
    a step within cosine 0.996 of the NCHW one). float32 showed no clear gain (session 9); CUDA is not
    measured, so it stays NCHW there unless asked."""
    if choice in ("on", "off"):
        return choice == "on"
    return autocast_dtype is not None and device_type == "cpu"


def _ema_copy(G: Generator) -> Generator:
    ema = copy.deepcopy(G).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    return ema


@torch.no_grad()
def update_ema(state: TrainState) -> None:
    """ema <- decay * ema + (1 - decay) * weights: the shipped weights average out the step-to-step noise
    of a short, high-learning-rate run (its validation PSNR swung by 1.3 dB between kept checkpoints)."""
    if state.G_ema is None:
        return
    for e, p in zip(state.G_ema.parameters(), state.G.parameters()):
        e.mul_(state.ema_decay).add_(p.detach(), alpha=1.0 - state.ema_decay)
