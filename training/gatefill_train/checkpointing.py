"""Checkpoints: full ones that resume a run exactly, compact ones for git, float16 generator files from a
GPU machine; the schedule phases they record; loading weights into a new run (with the refinement-sketch
widening). Everything is written atomically (temporary file, then ``os.replace``).
"""
from __future__ import annotations

import argparse
import os
import random
from pathlib import Path
from typing import Any, Dict, List, Optional

import numpy as np
import torch
import torch.distributed as dist
from torch import Tensor

from . import adam_moments
from .distribution import Dist
from .generator import REFINE_INPUT_CONVS, Generator, widen_for_refine_sketch
from .widen import grow_generator, grow_second_moments, narrow_twin
from .state import TrainState

CHECKPOINT_FORMAT = 1
# The settings that shape what the model learns; a resume that changes one starts a new schedule phase.
PHASE_KEYS = ("lr", "l1_region", "gan_weight", "warmup_steps", "crop", "batch", "sketch_empty", "box_prob",
              "ema_decay", "sketch_weight", "refine_sketch", "ssim_weight", "mask_mix")
# What those settings were before they became options (older checkpoints do not name them).
PHASE_DEFAULTS = {"l1_region": "image", "gan_weight": 1.0, "ema_decay": 0.0, "sketch_weight": 0.0,
                  "refine_sketch": False, "ssim_weight": 0.0, "mask_mix": "strokes=1"}


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
    ~8 MB: what a lent GPU machine can send back (files of at most 16 MiB). export_model.py and evaluate_model.py load
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
    settings that continue the learning curve and Adam's second moments in a byte per parameter
    (adam_moments), no first moments or RNG state: small enough for git."""
    def half(sd: Dict[str, Tensor]) -> Dict[str, Tensor]:
        return {k: v.half() if v.is_floating_point() else v for k, v in sd.items()}
    keep = ("step", "images_seen", "cpu_seconds", "wall_seconds", "model", "args")
    phases = recorded_phases(full)
    ema = full.get("G_ema")
    return {"format": COMPACT_FORMAT, **{k: full[k] for k in keep}, "phases": phases, "G": half(full["G"]),
            "D": half(full["D"]), "G_ema": half(ema) if ema else None,
            "adam": {"G": adam_moments.pack(full["opt_g"]), "D": adam_moments.pack(full["opt_d"])}}


def save_compact(full_path: str | os.PathLike, out_path: str | os.PathLike) -> Path:
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    _atomic_torch_save(compact_checkpoint(load_trusted(full_path)), out)
    return out


def load_initial_weights(path: str | os.PathLike, state: TrainState, d: Dist, keep_moments: bool = True) -> str:
    """Weights and counters from a compact or full checkpoint, into a new run folder. A full checkpoint
    also carries Adam's moments over, a compact one its second moments and step count (compact ones
    written before session 9 have none: the first steps are then a restart of Adam). A generator without
    the refinement sketch channel is widened when the run asks for it, a full checkpoint's moments with it.
    ``keep_moments=False`` starts fresh optimisers whatever the checkpoint holds. Returns what it did
    with the optimisers, for the log."""
    ckpt = load_trusted(path)
    if ckpt.get("format") not in (COMPACT_FORMAT, CHECKPOINT_FORMAT):
        raise ValueError(f"{path}: not a Gatefill checkpoint (format {ckpt.get('format')!r})")
    widen = state.G.refine_sketch and not ckpt["model"].get("refine_sketch", False)
    grow = ckpt["model"]["cnum"] < state.G.cnum
    _check_model(path, ckpt["model"], state, may_widen=True)
    g, g_ema = ckpt["G"], ckpt.get("G_ema")
    if widen:
        g = widen_for_refine_sketch(g)
        g_ema = widen_for_refine_sketch(g_ema) if g_ema else None
    if grow:
        g = grow_generator(g, ckpt["model"]["cnum"], state.G)
        g_ema = grow_generator(g_ema, ckpt["model"]["cnum"], state.G) if g_ema else None
    # load_state_dict copies into the float32 parameters, so float16 tensors need no conversion.
    state.G.load_state_dict(g)
    state.D.load_state_dict(ckpt["D"])
    if not keep_moments:
        moments = "fresh optimisers (asked for)"
    elif grow:
        # Through the compact form either way: its second moments are what growing carries over.
        packed = ckpt.get("adam") or ({"G": adam_moments.pack(ckpt["opt_g"]), "D": adam_moments.pack(ckpt["opt_d"])}
                                      if "opt_g" in ckpt else None)
        if packed:
            names = [n for n, _ in state.G.named_parameters()]
            old = narrow_twin(state.G, ckpt["model"]["cnum"])

            def grown(moments: Dict[int, Tensor]) -> Dict[int, Tensor]:
                by_name = grow_second_moments({names[i]: v for i, v in moments.items()}, old, state.G)
                return {names.index(k): v for k, v in by_name.items()}
            state.opt_g.load_state_dict(adam_moments.unpack(packed["G"], state.opt_g, grown))
            state.opt_d.load_state_dict(adam_moments.unpack(packed["D"], state.opt_d))
            moments = "Adam's second moments carried over (new weights: their tensor's mean), first moments zero"
        else:
            moments = "fresh optimisers"
    elif "opt_g" in ckpt:
        state.opt_g.load_state_dict(_widen_adam(ckpt["opt_g"], state.G) if widen else ckpt["opt_g"])
        state.opt_d.load_state_dict(ckpt["opt_d"])
        _set_lr(state, state.opt_g.defaults["lr"])
        moments = "optimiser moments carried over"
    elif ckpt.get("adam") and not widen:
        state.opt_g.load_state_dict(adam_moments.unpack(ckpt["adam"]["G"], state.opt_g))
        state.opt_d.load_state_dict(adam_moments.unpack(ckpt["adam"]["D"], state.opt_d))
        moments = f"Adam's second moments carried over (Adam step {ckpt['adam']['G']['step']}), first moments zero"
    elif ckpt.get("adam"):
        moments = "fresh optimisers (the widened generator's saved second moments are not widened)"
    else:
        moments = "fresh optimisers"
    _restore_progress(state, ckpt, d)
    _load_ema(state, g_ema)
    if grow:
        moments = f"generator grown from cnum={ckpt['model']['cnum']} to {state.G.cnum}; {moments}"
    return moments


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
    sketch channel when the run adds it, and a narrower gated one when the run is wider (the caller
    widens or grows the weights)."""
    G = state.G
    saved = (m["cnum"], m["conv_type"], m["use_sketch"], m.get("refine_sketch", False))
    grows = may_widen and saved[1] == "gated" and saved[0] < G.cnum
    widened = (G.cnum if grows else saved[0], saved[1], saved[2], saved[3] or (may_widen and G.refine_sketch))
    if widened != (G.cnum, G.conv_type, G.use_sketch, G.refine_sketch):
        raise ValueError(f"{path}: checkpoint is cnum={saved[0]} conv_type={saved[1]} sketch={saved[2]} "
                         f"refine_sketch={saved[3]}, but the run asks for cnum={G.cnum} "
                         f"conv_type={G.conv_type} sketch={G.use_sketch} refine_sketch={G.refine_sketch}"
                         + (" (--init-weights widens a checkpoint for --refine-sketch)"
                            if G.refine_sketch and not saved[3] else "")
                         + (" (--init-weights grows a narrower gated generator, never a wider one)"
                            if saved[0] > G.cnum else ""))


def read_checkpoint_summary(path: str | os.PathLike) -> Dict[str, Any]:
    """The fields of a checkpoint an export card needs, without the optimiser states."""
    ckpt = load_trusted(path)
    summary = {k: ckpt[k] for k in ("step", "images_seen", "cpu_seconds", "wall_seconds", "model", "args")}
    summary["phases"] = recorded_phases(ckpt)
    summary["weights"] = "ema" if ckpt.get("G_ema") else "raw"
    return summary
