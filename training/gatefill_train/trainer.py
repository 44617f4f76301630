"""Training loop: L1 (coarse + refined) + SN-PatchGAN hinge loss (1:1 as in DeepFill v2 by default).

Adam lr 1e-4, betas (0.5, 0.999) for both networks; an optional L1-only warm-up; checkpoints written
atomically with everything needed to resume exactly (models, optimisers, step, images seen, CPU time,
every rank's data RNG); CSV losses, a PNG plot and sample grids of fixed validation images; SIGINT /
SIGTERM save and stop. Under ``torchrun`` it runs DistributedDataParallel (gloo on CPU, nccl on CUDA).
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import json
import math
import os
import random
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import cv2
import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import Tensor, nn

from .data import BatchStream, PhotoSource, fixed_batch, list_images, make_batch, to_uint8
from .discriminator import Discriminator, d_hinge_loss, g_hinge_loss
from .evaluate import SSIM_C1, SSIM_C2, SSIM_SIGMA, SSIM_WINDOW
from .generator import REFINE_INPUT_CONVS, Generator, widen_for_refine_sketch
from .masks import canonical_mask_mix

CHECKPOINT_FORMAT = 1
# The settings that shape what the model learns; a resume that changes one starts a new schedule phase.
PHASE_KEYS = ("lr", "l1_region", "gan_weight", "warmup_steps", "crop", "batch", "sketch_empty", "box_prob",
              "ema_decay", "sketch_weight", "refine_sketch", "ssim_weight", "mask_mix")
# What those settings were before they became options (older checkpoints do not name them).
PHASE_DEFAULTS = {"l1_region": "image", "gan_weight": 1.0, "ema_decay": 0.0, "sketch_weight": 0.0,
                  "refine_sketch": False, "ssim_weight": 0.0, "mask_mix": "strokes=1"}
LOSS_FIELDS = ["step", "images_seen", "l1_coarse", "l1_refined", "g_adv", "d_loss", "d_real", "d_fake",
               "sec_per_step"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Train the Gatefill DeepFill v2 generator.")
    p.add_argument("--data", required=True, help="folder tree of training photos")
    p.add_argument("--val-data", default=None, help="folder of validation photos (sample grids)")
    p.add_argument("--out", required=True, help="run folder: checkpoints, losses.csv, samples")
    p.add_argument("--steps", type=int, default=100000, help="total optimisation steps (not per resume)")
    p.add_argument("--batch", type=int, default=8, help="images per step per process")
    p.add_argument("--crop", type=int, default=128, help="training crop size (multiple of 8)")
    p.add_argument("--cnum", type=int, default=24, help="generator width (48 = DeepFill v2)")
    p.add_argument("--d-cnum", type=int, default=64, help="discriminator width (64 = DeepFill v2)")
    p.add_argument("--conv-type", default="gated", choices=["gated", "partial", "vanilla"])
    p.add_argument("--no-sketch", action="store_true", help="train without the sketch input channel")
    p.add_argument("--refine-sketch", action="store_true",
                   help="also give the sketch to the refinement network (a checkpoint without it is widened "
                        "with zero weights by --init-weights)")
    p.add_argument("--sketch-empty", type=float, default=0.4, help="share of samples with an empty sketch")
    p.add_argument("--box-prob", type=float, default=0.5, help="probability of adding a box to the strokes")
    p.add_argument("--mask-mix", default="strokes=1", type=canonical_mask_mix,
                   help="hole types and their shares, e.g. strokes=0.35,objects=0.5,wide=0.15 (strokes = the "
                        "paper's strokes + a box with --box-prob; objects = filled polygons / unions of blobs "
                        "over 5-30 %% of the crop; wide = 32-64 px strokes); default strokes only")
    p.add_argument("--min-zoom", type=float, default=1.0,
                   help="smallest source window = crop / min_zoom (<1 allows upsampling)")
    p.add_argument("--warmup-steps", type=int, default=0, help="L1-only steps before the GAN term starts")
    p.add_argument("--lr", type=float, default=1e-4,
                   help="Adam learning rate of both networks; on resume it replaces the checkpoint's")
    p.add_argument("--l1-region", default="image", choices=["image", "hole"],
                   help="image: L1 averaged over every pixel (DeepFill v2); hole: averaged over the hole only, "
                        "the pixels the composite keeps")
    p.add_argument("--gan-weight", type=float, default=1.0, help="weight of the generator's hinge term")
    p.add_argument("--sketch-weight", type=float, default=0.0,
                   help="extra L1 weight on pixels within 1 px of a sketch stroke (0 = plain L1)")
    p.add_argument("--ssim-weight", type=float, default=0.0,
                   help="weight of 1 - SSIM over the hole of the composited result (0 = the paper's loss)")
    p.add_argument("--ema-decay", type=float, default=0.0,
                   help="keep an exponential moving average of the generator's weights (e.g. 0.995); "
                        "export and evaluation use it when present. 0 = off")
    p.add_argument("--init-weights", default=None,
                   help="start from a compact checkpoint (G+D weights, counters) with fresh optimisers "
                        "when <out>/last.pt does not exist")
    p.add_argument("--threads", type=int, default=2, help="torch intra-op threads per process")
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log-every", type=int, default=50)
    p.add_argument("--sample-every", type=int, default=500)
    p.add_argument("--sample-count", type=int, default=6)
    p.add_argument("--ckpt-every", type=int, default=250)
    p.add_argument("--keep-every", type=int, default=5000, help="also keep a numbered copy every N steps")
    p.add_argument("--max-side", type=int, default=1024, help="photos are cached downscaled to this size")
    p.add_argument("--no-resume", action="store_true", help="start fresh even if <out>/last.pt exists")
    p.add_argument("--progress", default="auto", choices=["auto", "tqdm", "simple", "none"])
    # For a lent GPU (training/gpu_recipe.py); the defaults keep the CPU run exactly as before.
    p.add_argument("--amp", default="off", choices=["off", "bf16"],
                   help="bf16 autocast of the G and D forward passes on CUDA (losses stay float32); "
                        "ignored on CPU, where this machine has no bf16 units")
    p.add_argument("--data-workers", type=int, default=0,
                   help="batch-preparing worker processes (0 = in the loop, exactly resumable; >0 feeds a "
                        "GPU, and a resume then draws other batches)")
    p.add_argument("--max-minutes", type=float, default=0.0,
                   help="save a checkpoint and stop after this many minutes of this process (0 = no limit)")
    p.add_argument("--ckpt-minutes", type=float, default=0.0,
                   help="also save a checkpoint every this many minutes (0 = by --ckpt-every only)")
    p.add_argument("--half-weights-dir", default=None,
                   help="with every checkpoint also write the generator's weights (the average when kept) in "
                        "float16 with the counters to DIR/generator_<step>.pt, loadable by export.py")
    p.add_argument("--half-weights-keep", type=int, default=3, help="newest files kept in --half-weights-dir")
    return p


@dataclass
class Dist:
    """Process-group facts; world 1 means a plain single-process run."""
    rank: int = 0
    world: int = 1
    local_rank: int = 0

    @property
    def main(self) -> bool:
        return self.rank == 0


def setup_distributed(device_kind: str) -> Dist:
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return Dist()
    backend = "nccl" if device_kind == "cuda" else "gloo"
    dist.init_process_group(backend=backend)
    return Dist(dist.get_rank(), dist.get_world_size(), int(os.environ.get("LOCAL_RANK", "0")))


def pick_device(choice: str, d: Dist) -> torch.device:
    if choice == "cuda" or (choice == "auto" and torch.cuda.is_available()):
        torch.cuda.set_device(d.local_rank)
        return torch.device("cuda", d.local_rank)
    return torch.device("cpu")


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
    extra: Dict[str, Any] = field(default_factory=dict)


def _autocast(state: TrainState) -> Any:
    """bf16 autocast on CUDA when asked, else nothing. ``torch.autocast(device_type=...)`` is the one
    spelling torch 1.13 and 2.x both accept (``torch.cuda.amp.autocast`` is deprecated in 2.x)."""
    if state.autocast_dtype is None:
        return contextlib.nullcontext()
    return torch.autocast(device_type="cuda", dtype=state.autocast_dtype)


def make_state(args: argparse.Namespace, device: torch.device, d: Dist) -> TrainState:
    torch.manual_seed(args.seed)
    use_sketch = not args.no_sketch
    G = Generator(args.cnum, args.conv_type, use_sketch, args.refine_sketch).to(device)
    D = Discriminator(args.d_cnum, use_sketch).to(device)
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
                       ssim_weight=args.ssim_weight)
    if args.ema_decay > 0:
        state.G_ema = _ema_copy(G)
    if getattr(args, "amp", "off") == "bf16" and device.type == "cuda":
        state.autocast_dtype = torch.bfloat16
    return state


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


def phase_of(args: Dict[str, Any], from_step: int) -> Dict[str, Any]:
    """One schedule phase: the learning settings in force from ``from_step`` on. Keys missing from an
    older checkpoint's arguments take the parser defaults they had then."""
    return {"from_step": from_step, **{k: args.get(k, PHASE_DEFAULTS.get(k)) for k in PHASE_KEYS}}


def recorded_phases(ckpt: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The schedule a checkpoint records; older ones without it ran their saved settings from step 0."""
    return list(ckpt.get("phases") or [phase_of(ckpt["args"], 0)])


def note_phase(state: TrainState, args: argparse.Namespace) -> None:
    """Appends a phase when this run's settings differ from the last recorded ones."""
    current = phase_of(vars(args), state.step)
    last = state.phases[-1] if state.phases else None
    if last is None or any(last.get(k, PHASE_DEFAULTS.get(k)) != current[k] for k in PHASE_KEYS):
        state.phases.append(current)


def l1_loss(prediction: Tensor, target: Tensor, mask: Tensor, region: str,
            stroke_weight: Optional[Tensor] = None) -> Tensor:
    """Mean absolute error over every pixel ("image") or over the hole only ("hole").

    Only hole pixels survive the composite, so "hole" spends the whole gradient where the result is
    judged; "image" (the paper's choice) also asks the network to copy the known pixels back.
    ``stroke_weight`` ([N,1,H,W], 1 elsewhere) multiplies the error per pixel; the normaliser stays the
    plain pixel count, so extra weight adds loss instead of diluting the rest.
    """
    error = (prediction - target).abs()
    if stroke_weight is not None:
        error = error * stroke_weight
    if region == "image":
        return error.mean()
    hole_pixels = mask.sum() * prediction.shape[1]
    return (error * mask).sum() / hole_pixels.clamp_min(1.0)


def _ssim_blur(x: Tensor) -> Tensor:
    """Per-channel separable Gaussian blur over SSIM's window, with reflected borders."""
    size = SSIM_WINDOW
    r = torch.arange(size, dtype=x.dtype, device=x.device) - size // 2
    k = torch.exp(-r * r / (2 * SSIM_SIGMA ** 2))
    k = k / k.sum()
    c = x.shape[1]
    x = F.pad(x, [size // 2] * 4, mode="reflect")
    x = F.conv2d(x, k.view(1, 1, 1, size).expand(c, 1, 1, size), groups=c)
    return F.conv2d(x, k.view(1, 1, size, 1).expand(c, 1, size, 1), groups=c)


def ssim_map(a: Tensor, b: Tensor) -> Tensor:
    """Per-pixel, per-channel SSIM of two [N,C,H,W] images in [-1,1], computed on [0,1] with the
    constants and window of the evaluation's ``evaluate.ssim`` (its differentiable twin)."""
    a, b = (a + 1) / 2, (b + 1) / 2
    c1, c2 = SSIM_C1, SSIM_C2
    ma, mb = _ssim_blur(a), _ssim_blur(b)
    saa = _ssim_blur(a * a) - ma * ma
    sbb = _ssim_blur(b * b) - mb * mb
    sab = _ssim_blur(a * b) - ma * mb
    return ((2 * ma * mb + c1) * (2 * sab + c2)) / ((ma * ma + mb * mb + c1) * (saa + sbb + c2))


def ssim_loss(complete: Tensor, target: Tensor, mask: Tensor) -> Tensor:
    """1 - SSIM, averaged over the hole, of the composited result. L1 barely charges for faint
    structure that is not in the original (the grid-like ripples of the 128-px-trained fills at 256
    px): blurring those fills raised their SSIM from 0.8904 to 0.8956. SSIM's structure term does."""
    loss = (1.0 - ssim_map(complete, target)) * mask
    return loss.sum() / (mask.sum() * complete.shape[1]).clamp_min(1.0)


def sketch_stroke_weight(sketch: Tensor, mask: Tensor, extra: float) -> Optional[Tensor]:
    """1 + ``extra`` on hole pixels within one pixel of a sketch stroke (Canny edges sit between
    pixels), else 1. A sketch's strokes are where the original has its edges, so errors there can
    only be reduced by reading the sketch: the plain L1 had not taught that after 16,000 images
    (edge strength on strokes was the same with and without the sketch)."""
    if extra <= 0:
        return None
    near = F.max_pool2d(sketch * mask, kernel_size=3, stride=1, padding=1)
    return 1.0 + extra * near


def train_step(state: TrainState, image: Tensor, mask: Tensor, sketch: Tensor, adversarial: bool
               ) -> Dict[str, float]:
    """One D update (when adversarial) then one G update; returns the losses as floats."""
    with _autocast(state):
        coarse, refined = state.g_train(image, mask, sketch)
    # Losses in float32 whatever the forward ran in: SSIM's variances lose everything in bf16.
    coarse, refined = coarse.float(), refined.float()
    complete = refined * mask + image * (1.0 - mask)
    out: Dict[str, float] = {"g_adv": 0.0, "d_loss": 0.0, "d_real": 0.0, "d_fake": 0.0}
    if adversarial:
        # Real and fake go through D in one call: spectral norm's power iteration then runs once per
        # step, and DDP sees a single forward per backward.
        with _autocast(state):
            scores = state.d_train(torch.cat([image, complete.detach()]), torch.cat([mask, mask]),
                                   torch.cat([sketch, sketch]))
        real, fake = scores.float().chunk(2)
        d_loss = d_hinge_loss(real, fake)
        state.opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        state.opt_d.step()
        out.update(d_loss=float(d_loss), d_real=float(real.mean()), d_fake=float(fake.mean()))
    weight = sketch_stroke_weight(sketch, mask, state.sketch_weight)
    l1_coarse = l1_loss(coarse, image, mask, state.l1_region, weight)
    l1_refined = l1_loss(refined, image, mask, state.l1_region, weight)
    g_loss = l1_coarse + l1_refined
    if state.ssim_weight > 0:
        structure = ssim_loss(complete, image, mask)
        g_loss = g_loss + state.ssim_weight * structure
        out["ssim_loss"] = float(structure)
    if adversarial:
        # The G step reads D without DDP (no gradient sync needed) and without building D's gradients.
        for p in state.D.parameters():
            p.requires_grad_(False)
        with _autocast(state):
            fake_scores = state.D(complete, mask, sketch)
        g_adv = g_hinge_loss(fake_scores.float())
        for p in state.D.parameters():
            p.requires_grad_(True)
        g_loss = g_loss + state.gan_weight * g_adv
        out["g_adv"] = float(g_adv)
    state.opt_g.zero_grad(set_to_none=True)
    g_loss.backward()
    state.opt_g.step()
    update_ema(state)
    state.step += 1
    out.update(l1_coarse=float(l1_coarse), l1_refined=float(l1_refined))
    return out


def load_trusted(path: str | os.PathLike, device: torch.device | str = "cpu") -> Dict[str, Any]:
    """Loads one of our own checkpoints. They hold optimiser and RNG state, not just tensors, so recent
    PyTorch's weights-only default (2.6+) would refuse them; the files come from this training loop."""
    return torch.load(path, map_location=device, weights_only=False)


def _atomic_torch_save(obj: Any, path: Path) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def save_checkpoint(state: TrainState, args: argparse.Namespace, out: Path, d: Dist,
                    rng: np.random.Generator) -> Optional[Path]:
    """Collective in DDP (gathers every rank's data RNG); rank 0 writes <out>/last.pt atomically."""
    rng_state = rng.bit_generator.state
    states: List[Any] = [rng_state]
    cpu = torch.tensor([state.cpu_seconds], dtype=torch.float64)
    if d.world > 1:
        states = [None] * d.world
        dist.all_gather_object(states, rng_state)
        dist.all_reduce(cpu)
    if not d.main:
        return None
    ckpt = {
        "format": CHECKPOINT_FORMAT,
        "step": state.step,
        "images_seen": state.images_seen,
        "cpu_seconds": float(cpu.item()),
        "wall_seconds": state.wall_seconds,
        "world": d.world,
        "args": vars(args),
        "phases": state.phases,
        "G_ema": state.G_ema.state_dict() if state.G_ema is not None else None,
        "model": {"cnum": state.G.cnum, "conv_type": state.G.conv_type, "use_sketch": state.G.use_sketch,
                  "refine_sketch": state.G.refine_sketch, "d_cnum": args.d_cnum, "crop": args.crop},
        "G": state.G.state_dict(),
        "D": state.D.state_dict(),
        "opt_g": state.opt_g.state_dict(),
        "opt_d": state.opt_d.state_dict(),
        "rng": {"numpy": states, "torch": torch.get_rng_state(), "python": random.getstate()},
    }
    out.mkdir(parents=True, exist_ok=True)
    path = out / "last.pt"
    _atomic_torch_save(ckpt, path)
    if args.keep_every > 0 and state.step % args.keep_every == 0:
        _atomic_torch_save(ckpt, out / f"ckpt_{state.step:07d}.pt")
    if getattr(args, "half_weights_dir", None):
        save_half_weights(ckpt, Path(args.half_weights_dir), args.half_weights_keep)
    return path


HALF_FORMAT = "gatefill-generator-half-1"


def save_half_weights(ckpt: Dict[str, Any], folder: Path, keep: int = 3) -> Path:
    """The generator of a full checkpoint (its weight average when kept) in float16, with the counters,
    settings and schedule an export card needs; no discriminator or optimiser. A width-48 generator is
    ~8 MB: what a lent GPU machine can send back (files of at most 16 MiB). export.py and evaluate.py load
    it like a checkpoint; keeps only the ``keep`` newest files."""
    weights = ckpt["G_ema"] if ckpt.get("G_ema") else ckpt["G"]
    half = {k: v.detach().cpu().half() if v.is_floating_point() else v.cpu() for k, v in weights.items()}
    obj = {"format": HALF_FORMAT, **{k: ckpt[k] for k in ("step", "images_seen", "cpu_seconds", "wall_seconds",
                                                           "model", "args", "phases")},
           # One dict under both names: torch.save stores shared tensors once, and export reads G_ema.
           "G": half, "G_ema": half if ckpt.get("G_ema") else None}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"generator_{ckpt['step']:07d}.pt"
    _atomic_torch_save(obj, path)
    for old in sorted(folder.glob("generator_*.pt"))[:-keep if keep > 0 else None]:
        old.unlink()
    return path


def load_checkpoint(path: Path, state: TrainState, d: Dist, rng: np.random.Generator,
                    device: torch.device) -> None:
    ckpt = load_trusted(path, device)
    if ckpt.get("format") != CHECKPOINT_FORMAT:
        raise ValueError(f"{path}: unsupported checkpoint format {ckpt.get('format')}")
    _check_model(path, ckpt["model"], state)
    state.G.load_state_dict(ckpt["G"])
    state.D.load_state_dict(ckpt["D"])
    state.opt_g.load_state_dict(ckpt["opt_g"])
    state.opt_d.load_state_dict(ckpt["opt_d"])
    _load_ema(state, ckpt.get("G_ema"))
    _set_lr(state, state.opt_g.defaults["lr"])
    _restore_progress(state, ckpt, d)
    states = ckpt["rng"]["numpy"]
    if len(states) == d.world:
        rng.bit_generator.state = states[d.rank]
    else:
        # A different world size cannot continue the same streams; start new ones tied to the step.
        rng.bit_generator.state = np.random.default_rng([state.step, d.rank]).bit_generator.state
    torch.set_rng_state(ckpt["rng"]["torch"].cpu())
    random.setstate(ckpt["rng"]["python"])


def _restore_progress(state: TrainState, ckpt: Dict[str, Any], d: Dist) -> None:
    """Step, images seen, CPU and wall time, and schedule: what continues the learning curve."""
    state.step = int(ckpt["step"])
    state.images_seen = int(ckpt["images_seen"])
    # Each rank re-accumulates its own CPU time; rank 0 carries the total so far.
    state.cpu_seconds = float(ckpt["cpu_seconds"]) if d.main else 0.0
    state.wall_seconds = float(ckpt.get("wall_seconds", 0.0))
    state.phases = recorded_phases(ckpt)


def _set_lr(state: TrainState, lr: float) -> None:
    """An optimiser's loaded state carries the old run's rate; the rate asked for now wins."""
    for opt in (state.opt_g, state.opt_d):
        for group in opt.param_groups:
            group["lr"] = lr


COMPACT_FORMAT = "gatefill-compact-1"


def compact_checkpoint(full: Dict[str, Any]) -> Dict[str, Any]:
    """The generator and discriminator weights of a full checkpoint in float16, with the counters and
    settings that continue the learning curve, and no optimiser or RNG state: small enough for git."""
    def half(sd: Dict[str, Tensor]) -> Dict[str, Tensor]:
        return {k: v.half() if v.is_floating_point() else v for k, v in sd.items()}
    keep = ("step", "images_seen", "cpu_seconds", "wall_seconds", "model", "args")
    phases = recorded_phases(full)
    ema = full.get("G_ema")
    return {"format": COMPACT_FORMAT, **{k: full[k] for k in keep}, "phases": phases, "G": half(full["G"]),
            "D": half(full["D"]), "G_ema": half(ema) if ema else None}


def save_compact(full_path: str | os.PathLike, out_path: str | os.PathLike) -> Path:
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    _atomic_torch_save(compact_checkpoint(load_trusted(full_path)), out)
    return out


def load_initial_weights(path: str | os.PathLike, state: TrainState, d: Dist) -> None:
    """Weights and counters from a compact or full checkpoint, into a new run folder. A full checkpoint
    also carries Adam's moments over; after a compact one (no moments) the first steps are a restart of
    Adam. A generator without the refinement sketch channel is widened when the run asks for it, its
    moments with it."""
    ckpt = load_trusted(path)
    if ckpt.get("format") not in (COMPACT_FORMAT, CHECKPOINT_FORMAT):
        raise ValueError(f"{path}: not a Gatefill checkpoint (format {ckpt.get('format')!r})")
    widen = state.G.refine_sketch and not ckpt["model"].get("refine_sketch", False)
    _check_model(path, ckpt["model"], state, may_widen=True)
    g, g_ema = ckpt["G"], ckpt.get("G_ema")
    if widen:
        g = widen_for_refine_sketch(g)
        g_ema = widen_for_refine_sketch(g_ema) if g_ema else None
    # load_state_dict copies into the float32 parameters, so float16 tensors need no conversion.
    state.G.load_state_dict(g)
    state.D.load_state_dict(ckpt["D"])
    if "opt_g" in ckpt:
        state.opt_g.load_state_dict(_widen_adam(ckpt["opt_g"], state.G) if widen else ckpt["opt_g"])
        state.opt_d.load_state_dict(ckpt["opt_d"])
        _set_lr(state, state.opt_g.defaults["lr"])
    _restore_progress(state, ckpt, d)
    _load_ema(state, g_ema)


def _widen_adam(opt_state: Dict[str, Any], G: Generator) -> Dict[str, Any]:
    """Adam's moments for the widened refinement input convs: zero for the new channel, like its weights.
    The optimiser holds G.parameters() in named_parameters() order, which widening does not change."""
    names = [n for n, _ in G.named_parameters()]
    state = {i: dict(s) for i, s in opt_state["state"].items()}
    for key in REFINE_INPUT_CONVS:
        moments = state[names.index(key)]
        for k in ("exp_avg", "exp_avg_sq"):
            moments[k] = torch.cat([moments[k], torch.zeros_like(moments[k][:, :1])], dim=1)
    return {**opt_state, "state": state}


def _load_ema(state: TrainState, saved: Optional[Dict[str, Tensor]]) -> None:
    """A checkpoint's average continues; without one (averaging newly switched on) it starts from the
    loaded weights."""
    if state.G_ema is None:
        return
    state.G_ema.load_state_dict(saved if saved else state.G.state_dict())


def _check_model(path: str | os.PathLike, m: Dict[str, Any], state: TrainState,
                 may_widen: bool = False) -> None:
    """The checkpoint's generator must be the run's; ``may_widen`` also accepts one without the refinement
    sketch channel when the run adds it (the caller widens the weights)."""
    G = state.G
    saved = (m["cnum"], m["conv_type"], m["use_sketch"], m.get("refine_sketch", False))
    widened = (saved[0], saved[1], saved[2], saved[3] or (may_widen and G.refine_sketch))
    if widened != (G.cnum, G.conv_type, G.use_sketch, G.refine_sketch):
        raise ValueError(f"{path}: checkpoint is cnum={saved[0]} conv_type={saved[1]} sketch={saved[2]} "
                         f"refine_sketch={saved[3]}, but the run asks for cnum={G.cnum} "
                         f"conv_type={G.conv_type} sketch={G.use_sketch} refine_sketch={G.refine_sketch}"
                         + (" (--init-weights widens a checkpoint for --refine-sketch)"
                            if G.refine_sketch and not saved[3] else ""))


def sample_grid(G: Generator, batch: Tuple[Tensor, Tensor, Tensor], path: Path) -> None:
    """Rows: input with hole (grey) and sketch (white) | coarse | refined, composited | original."""
    image, mask, sketch = batch
    was_training = G.training
    G.eval()
    with torch.no_grad():
        coarse, refined = G.forward_train(image, mask, sketch)
    G.train(was_training)
    shown = image * (1 - mask) + mask * (0.0 + sketch)
    comp = refined * mask + image * (1 - mask)
    cols = [to_uint8(t) for t in (shown, coarse, comp, image)]
    rows = [np.concatenate([c[i] for c in cols], axis=1) for i in range(image.shape[0])]
    grid = np.concatenate(rows, axis=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), cv2.cvtColor(grid, cv2.COLOR_RGB2BGR))


def plot_losses(csv_path: Path, png_path: Path) -> None:
    try:
        import matplotlib
    except ImportError:  # the GPU machine has no matplotlib; the CSV is what counts
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return
    steps = [int(r["step"]) for r in rows]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for key in ("l1_coarse", "l1_refined"):
        axes[0].plot(steps, [float(r[key]) for r in rows], label=key)
    axes[0].set_xlabel("step")
    axes[0].set_title("L1 (image in [-1,1])")
    axes[0].legend()
    for key in ("g_adv", "d_loss"):
        axes[1].plot(steps, [float(r[key]) for r in rows], label=key)
    axes[1].set_xlabel("step")
    axes[1].set_title("SN-PatchGAN hinge")
    axes[1].legend()
    fig.tight_layout()
    tmp = png_path.with_name(png_path.name + ".tmp.png")
    fig.savefig(tmp, dpi=80)
    plt.close(fig)
    os.replace(tmp, png_path)


class _Progress:
    """tqdm when it is installed and output goes to a terminal; otherwise log lines carry the progress."""

    def __init__(self, mode: str, start: int, total: int, enabled: bool) -> None:
        self.bar = None
        if not enabled or mode == "none":
            return
        use_tqdm = mode == "tqdm" or (mode == "auto" and sys.stderr.isatty())
        if use_tqdm:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self.bar = tqdm(total=total, initial=start, unit="step", dynamic_ncols=True)

    def update(self, n: int, postfix: Dict[str, float]) -> None:
        if self.bar is not None:
            self.bar.update(n)
            self.bar.set_postfix({k: f"{v:.3f}" for k, v in postfix.items()}, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _log(d: Dist, msg: str) -> None:
    if d.main:
        print(time.strftime("%H:%M:%S ") + msg, flush=True)


def run(argv: Optional[List[str]] = None) -> TrainState:
    args = build_parser().parse_args(argv)
    if args.crop % 8:
        raise SystemExit("--crop must be a multiple of 8")
    torch.set_num_threads(args.threads)
    device_kind = "cuda" if args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available()) \
        else "cpu"
    d = setup_distributed(device_kind)
    device = pick_device(args.device, d)
    out = Path(args.out)
    if d.main:
        out.mkdir(parents=True, exist_ok=True)

    if device.type == "cuda":
        # Fixed input sizes: let cuDNN pick its fastest kernels; TF32 for what autocast leaves in float32.
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    if args.amp == "bf16" and device.type != "cuda":
        _log(d, "--amp bf16 ignored: not on CUDA")
    train_src = PhotoSource.from_folder(args.data, args.max_side)
    rng = np.random.default_rng([args.seed, d.rank])
    state = make_state(args, device, d)
    last = out / "last.pt"
    if last.exists() and not args.no_resume:
        load_checkpoint(last, state, d, rng, device)
        _log(d, f"resumed from {last} at step {state.step} ({state.images_seen} images seen)")
    elif args.init_weights:
        load_initial_weights(args.init_weights, state, d)
        moments = "optimiser moments carried over" if state.opt_g.state else "fresh optimisers"
        _log(d, f"weights from {args.init_weights} at step {state.step} ({state.images_seen} images seen); "
                f"{moments}")
    note_phase(state, args)
    _log(d, f"lr {args.lr}, L1 over the {args.l1_region} (+{args.sketch_weight} on sketch strokes), "
            f"GAN weight {args.gan_weight}, SSIM weight {args.ssim_weight}, EMA {args.ema_decay}, "
            f"holes {args.mask_mix}, "
            f"L1-only until step {args.warmup_steps}")
    _log(d, f"device {device}, world {d.world}, threads {torch.get_num_threads()}, "
            f"G {sum(p.numel() for p in state.G.parameters())} params, "
            f"D {sum(p.numel() for p in state.D.parameters())} params, {len(train_src.paths)} photos")

    sample_batch = None
    if d.main and args.val_data and args.sample_count > 0:
        val_paths = list_images(args.val_data)[: args.sample_count]
        val_imgs = [img for _, img in PhotoSource(val_paths, args.max_side).readable()] if val_paths else []
        if val_imgs:
            sample_batch = tuple(t.to(device) for t in fixed_batch(val_imgs, args.crop, 1234,
                                                                     not args.no_sketch, args.box_prob))

    stop = {"flag": False}

    def on_signal(signum: int, _frame: Any) -> None:
        stop["flag"] = True
        _log(d, f"signal {signum}: will save a checkpoint and stop after this step")

    old_handlers = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}

    csv_path = out / "losses.csv"
    if d.main and not csv_path.exists():
        with open(csv_path, "w", newline="") as f:
            csv.writer(f).writerow(LOSS_FIELDS)
    progress = _Progress(args.progress, state.step, args.steps, d.main)
    meter: Dict[str, float] = {}
    meter_n = 0
    t_last = time.time()
    cpu_last = time.process_time()
    interval_start = time.time()
    interval_imgs = 0
    state.G.train()
    state.D.train()
    batches = None
    if args.data_workers > 0:
        # Worker processes prepare batches (crops, masks, Canny sketches are CPU work that a GPU step
        # outruns). Their streams are seeded by rank, worker and start step: not the in-loop stream.
        stream = BatchStream(args.data, args.max_side, [args.seed, d.rank, state.step], args.batch, args.crop,
                             not args.no_sketch, args.sketch_empty, args.box_prob, args.min_zoom, args.mask_mix)
        batches = iter(torch.utils.data.DataLoader(stream, batch_size=None, num_workers=args.data_workers,
                                                   pin_memory=device.type == "cuda", prefetch_factor=4,
                                                   persistent_workers=True))
        _log(d, f"{args.data_workers} data workers")
    started = last_ckpt_time = time.time()
    try:
        while state.step < args.steps:
            if batches is not None:
                image, mask, sketch = next(batches)
            else:
                image, mask, sketch = make_batch(train_src, rng, args.batch, args.crop, not args.no_sketch,
                                                 args.sketch_empty, args.box_prob, args.min_zoom, args.mask_mix)
            image, mask, sketch = (t.to(device, non_blocking=True) for t in (image, mask, sketch))
            losses = train_step(state, image, mask, sketch, state.step >= args.warmup_steps)
            state.images_seen += args.batch * d.world
            interval_imgs += args.batch * d.world
            now, cpu_now = time.time(), time.process_time()
            state.wall_seconds += now - t_last
            state.cpu_seconds += cpu_now - cpu_last
            t_last, cpu_last = now, cpu_now
            for k, v in losses.items():
                meter[k] = meter.get(k, 0.0) + v
            meter_n += 1
            progress.update(1, {"l1": losses["l1_refined"]})

            now = time.time()
            stop_now = stop["flag"] or (args.max_minutes > 0 and now - started >= 60 * args.max_minutes)
            ckpt_due = args.ckpt_minutes > 0 and now - last_ckpt_time >= 60 * args.ckpt_minutes
            if d.world > 1:
                # Clocks differ between ranks; saving is collective, so all ranks follow the same decision.
                flag = torch.tensor([1.0 if stop_now else 0.0, 1.0 if ckpt_due else 0.0], device=device)
                dist.all_reduce(flag, op=dist.ReduceOp.MAX)
                stop_now, ckpt_due = bool(flag[0].item() > 0), bool(flag[1].item() > 0)

            if state.step % args.log_every == 0 or stop_now or state.step == args.steps:
                avg = {k: v / meter_n for k, v in meter.items()}
                elapsed = time.time() - interval_start
                sec_per_step = elapsed / meter_n
                if d.main:
                    with open(csv_path, "a", newline="") as f:
                        csv.writer(f).writerow([state.step, state.images_seen] + [
                            f"{avg[k]:.5f}" for k in LOSS_FIELDS[2:-1]] + [f"{sec_per_step:.3f}"])
                rate = interval_imgs / max(elapsed, 1e-9) * 3600
                eta = (args.steps - state.step) * sec_per_step / 3600
                phase = "gan" if state.step > args.warmup_steps else "l1-warmup"
                _log(d, f"step {state.step}/{args.steps} ({100 * state.step / args.steps:.1f}%) {phase} "
                        f"l1c {avg['l1_coarse']:.4f} l1r {avg['l1_refined']:.4f} g_adv {avg['g_adv']:.3f} "
                        f"d {avg['d_loss']:.3f}"
                        + (f" ssim {avg['ssim_loss']:.4f}" if "ssim_loss" in avg else "")
                        + f" | {rate:.0f} img/h, {sec_per_step:.2f} s/step, "
                        f"seen {state.images_seen}, ETA {eta:.1f} h")
                meter, meter_n = {}, 0
                interval_start, interval_imgs = time.time(), 0
            if d.main and sample_batch is not None and (state.step % args.sample_every == 0 or stop_now):
                sample_grid(state.G, sample_batch, out / "samples" / f"step_{state.step:07d}.png")
                plot_losses(csv_path, out / "losses.png")
            if state.step % args.ckpt_every == 0 or stop_now or ckpt_due:
                save_checkpoint(state, args, out, d, rng)
                last_ckpt_time = time.time()
            if stop_now:
                break
        else:
            save_checkpoint(state, args, out, d, rng)
        if d.main:
            plot_losses(csv_path, out / "losses.png")
        if d.world > 1:
            # Replicas must hold identical weights; a silent divergence would corrupt the export.
            total = torch.stack([p.detach().double().sum() for p in state.G.parameters()]).sum().reshape(1)
            gathered = [torch.zeros_like(total) for _ in range(d.world)]
            dist.all_gather(gathered, total)
            spread = float(max(abs(float(g.item()) - float(total.item())) for g in gathered))
            _log(d, f"replica check: max weight-sum difference {spread:.3e}")
            if spread > 1e-6 * max(1.0, abs(float(total.item()))):
                raise RuntimeError(f"DDP replicas diverged (weight-sum spread {spread})")
            # Leave together, so no rank tears down gloo while its peer is still inside the last
            # collective (the deadlock at exit itself is avoided in train.py). Only on the normal path:
            # after an error on one rank, a barrier would hang the others.
            dist.barrier()
        _log(d, f"stopped at step {state.step}; checkpoint {last}")
    finally:
        progress.close()
        for s, h in old_handlers.items():
            signal.signal(s, h)
        if d.world > 1 and dist.is_initialized():
            dist.destroy_process_group()
    return state


def read_checkpoint_summary(path: str | os.PathLike) -> Dict[str, Any]:
    """The fields of a checkpoint an export card needs, without the optimiser states."""
    ckpt = load_trusted(path)
    summary = {k: ckpt[k] for k in ("step", "images_seen", "cpu_seconds", "wall_seconds", "model", "args")}
    summary["phases"] = recorded_phases(ckpt)
    summary["weights"] = "ema" if ckpt.get("G_ema") else "raw"
    return summary


if __name__ == "__main__":
    run()
