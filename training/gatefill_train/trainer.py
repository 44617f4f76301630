"""Training loop: L1 (coarse + refined) + SN-PatchGAN hinge loss (1:1 as in DeepFill v2 by default).

The loop lives here; its state in ``state``, losses in ``losses``, checkpoints and schedule phases in
``checkpointing``, process groups in ``distribution``, image metrics in ``metrics``.

Adam lr 1e-4, betas (0.5, 0.999) for both networks; an optional L1-only warm-up; checkpoints written
atomically with everything needed to resume exactly (models, optimisers, step, images seen, CPU time,
every rank's data RNG); CSV losses, a PNG plot and sample grids of fixed validation images; SIGINT /
SIGTERM save and stop. Under ``torchrun`` it runs DistributedDataParallel (gloo on CPU, nccl on CUDA).
"""
from __future__ import annotations

import argparse
import csv
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import cv2
import numpy as np
import torch
import torch.distributed as dist
from torch import Tensor

from .checkpointing import load_checkpoint, load_initial_weights, note_phase, save_checkpoint
from .data import BatchStream, PhotoSource, fixed_batch, list_images, make_batch, to_uint8
from .discriminator import d_hinge_loss, g_hinge_loss
from .distribution import Dist, pick_device, setup_distributed
from .generator import Generator
from .losses import l1_loss, sketch_stroke_weight, ssim_loss
from .masks import canonical_mask_mix
from .state import TrainState, autocast_context, make_state, update_ema

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
                   help="start from a compact or full checkpoint (G+D weights, counters, Adam's moments as "
                        "far as it has them) when <out>/last.pt does not exist")
    p.add_argument("--fresh-optimisers", action="store_true",
                   help="with --init-weights: leave Adam's moments behind (a much larger batch than the "
                        "checkpoint's has other gradient statistics)")
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
                   help="bf16 autocast of the G and D forward passes (losses stay float32): on CUDA, and on "
                        "CPUs with bf16 units (AVX512-BF16, AMX; precision.py); ignored elsewhere")
    p.add_argument("--channels-last", default="auto", choices=["auto", "on", "off"],
                   help="NHWC memory layout for the networks and batches; auto = with bf16 autocast on a CPU "
                        "(state.uses_channels_last)")
    p.add_argument("--data-workers", type=int, default=0,
                   help="batch-preparing worker processes (0 = in the loop, exactly resumable; >0 feeds a "
                        "GPU, and a resume then draws other batches)")
    p.add_argument("--max-minutes", type=float, default=0.0,
                   help="save a checkpoint and stop after this many minutes of this process (0 = no limit)")
    p.add_argument("--ckpt-minutes", type=float, default=0.0,
                   help="also save a checkpoint every this many minutes (0 = by --ckpt-every only)")
    p.add_argument("--half-weights-dir", default=None,
                   help="with every checkpoint also write the generator's weights (the average when kept) in "
                        "float16 with the counters to DIR/generator_<step>.pt, loadable by export_model.py")
    p.add_argument("--half-weights-keep", type=int, default=3, help="newest files kept in --half-weights-dir")
    return p


def train_step(state: TrainState, image: Tensor, mask: Tensor, sketch: Tensor, adversarial: bool
               ) -> Dict[str, float]:
    """One D update (when adversarial) then one G update; returns the losses as floats."""
    image, mask, sketch = (t.contiguous(memory_format=state.memory_format) for t in (image, mask, sketch))
    with autocast_context(state):
        coarse, refined = state.g_train(image, mask, sketch)
    # Losses in float32 whatever the forward ran in: SSIM's variances lose everything in bf16.
    coarse, refined = coarse.float(), refined.float()
    complete = refined * mask + image * (1.0 - mask)
    out: Dict[str, float] = {"g_adv": 0.0, "d_loss": 0.0, "d_real": 0.0, "d_fake": 0.0}
    if adversarial:
        # Real and fake go through D in one call: spectral norm's power iteration then runs once per
        # step, and DDP sees a single forward per backward.
        with autocast_context(state):
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
        with autocast_context(state):
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
    train_src = PhotoSource.from_folder(args.data, args.max_side)
    rng = np.random.default_rng([args.seed, d.rank])
    state = make_state(args, device, d)
    if args.amp == "bf16":  # make_state decided (precision.bf16_supported); say which way
        _log(d, f"bf16 autocast on {device.type}" if state.autocast_dtype is not None
             else f"--amp bf16 ignored: no bf16 units on this {device.type}")
    if state.memory_format == torch.channels_last:
        _log(d, "channels-last memory layout")
    last = out / "last.pt"
    if last.exists() and not args.no_resume:
        load_checkpoint(last, state, d, rng, device)
        _log(d, f"resumed from {last} at step {state.step} ({state.images_seen} images seen)")
    elif args.init_weights:
        moments = load_initial_weights(args.init_weights, state, d, keep_moments=not args.fresh_optimisers)
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


if __name__ == "__main__":
    run()
