#!/usr/bin/python3
"""The recipe for a lent GPU machine: pack here, train there for ~10 minutes, export and evaluate here.

  1. here:  /usr/bin/python3 training/gpu_recipe.py pack --corpus /work/corpus/train
            writes training/gpu_pack/ (git-ignored): the training photos downscaled to fit what may travel
            (64 MiB for the whole working tree, carried paths included) and pack.json.
  2. there: device tool `run`, carry ["training/gpu_pack"], timeout_s 600, command
            set -o pipefail; PYTHONUNBUFFERED=1 python3 training/gpu_recipe.py train --out $OUT 2>&1 | tee $OUT/log.txt
            runs train.py's own loop (gatefill_train.trainer.run) on CUDA with bf16 autocast, a large
            batch and data-loader workers, from the committed compact checkpoint, for --minutes (default
            9) of training, a checkpoint every 2 minutes; the full checkpoints stay on the machine, and
            $OUT receives the generator in float16 (generator_<step>.pt, 3.6 MB at width 32; the newest
            4 are kept), losses.csv, summary.json and (tee) log.txt: 7 files, each < 16 MiB.
  3. here:  /usr/bin/python3 training/export_model.py --checkpoint <files_at>/generator_<step>.pt --out ...
            and score_fills.py / evaluate_model.py --model <files_at>/generator_<step>.pt, as for any checkpoint.

  Mask-mix arms: ``train --mask-mix A B C`` trains each mix for a third of --minutes from the same
  checkpoint (same seed, so the same photos and crops in the same order) into $OUT/arm1 ... arm3, one
  float16 generator each, and summary.json names each arm's mix: the A/B comparison of hole-type shares
  that costs CPU-hours per arm here. Score every arm on both hole types (score_fills.py --model).

``train --device cpu`` runs the same path on this machine (tests/test_gpu_recipe.py does, on a tiny corpus).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as train.py, before torch is imported

import cv2  # noqa: E402

HERE = Path(__file__).resolve().parent
from gatefill_train.data import list_images, load_rgb  # noqa: E402

REPO = HERE.parent
DEFAULT_PACK = HERE / "gpu_pack"
TREE_LIMIT = 64 * 2 ** 20  # what the device tool carries in all
BACK_FILE_LIMIT = 16 * 2 ** 20
BACK_FILES = 8


def tracked_bytes(repo: Path = REPO) -> int:
    """Bytes of the files git tracks (they travel with every device call), 0 outside a git checkout."""
    try:
        names = subprocess.run(["git", "ls-files", "-z"], cwd=repo, capture_output=True, check=True
                               ).stdout.split(b"\0")
    except (OSError, subprocess.CalledProcessError):
        return 0
    return sum((repo / n.decode()).stat().st_size for n in names if n and (repo / n.decode()).is_file())


def pack(corpus: str, out: Path, budget: int, sides: List[int], qualities: Sequence[int] = (90, 80)
         ) -> Dict[str, object]:
    """Writes every photo under ``corpus`` with its shorter side at most ``side`` px, trying the sides (then
    the JPEG qualities) in order until the pack fits ``budget`` bytes. Training crops (256 px) are drawn
    from windows between 256 px and the short side, so the short side is what is capped: capping the
    longer side shrank the 2:1 landscapes below the crop (384 px long = 192 px short)."""
    paths = list_images(corpus)
    if not paths:
        raise SystemExit(f"no photos under {corpus}")
    images = [(p, img) for p in paths if (img := load_rgb(p)) is not None]
    for quality, side in ((q, s) for q in qualities for s in sides):
        encoded = []
        for p, img in images:
            f = min(1.0, side / min(img.shape[:2]))
            small = cv2.resize(img, (round(img.shape[1] * f), round(img.shape[0] * f)), interpolation=cv2.INTER_AREA) \
                if f < 1 else img
            ok, data = cv2.imencode(".jpg", cv2.cvtColor(small, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
            encoded.append((p, data.tobytes(), small.shape))
        total = sum(len(b) for _, b, _ in encoded)
        if total <= budget:
            break
    else:
        raise SystemExit(f"even at {sides[-1]} px and quality {qualities[-1]} the pack is {total / 2**20:.1f} MiB "
                         f"> {budget / 2**20:.1f} MiB")
    shutil.rmtree(out, ignore_errors=True)
    (out / "photos").mkdir(parents=True)
    root = Path(corpus)
    for p, data, _ in encoded:
        rel = p.relative_to(root).with_suffix(".jpg")
        dest = out / "photos" / str(rel).replace(os.sep, "__")
        dest.write_bytes(data)
    info = {"photos": len(encoded), "short_side": side, "jpeg_quality": quality, "bytes": total,
            "megapixels": round(sum(s[0] * s[1] for _, _, s in encoded) / 1e6, 2), "source": str(root.resolve()),
            "created_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (out / "pack.json").write_text(json.dumps(info, indent=1) + "\n")
    return info


def train_args(a: argparse.Namespace, run_dir: Path, out: Path, mask_mix: str, minutes: float, keep: int
               ) -> List[str]:
    """The trainer's command line for the GPU run: the CPU run's loss and schedule settings, with what a
    large batch on a GPU changes (batch, rate, workers, bf16, time-based checkpoints and stop)."""
    args = ["--data", str(Path(a.pack) / "photos"), "--out", str(run_dir), "--cnum", str(a.cnum),
            "--crop", str(a.crop), "--batch", str(a.batch), "--steps", str(10 ** 7), "--device", a.device,
            "--threads", str(a.threads), "--data-workers", str(a.workers), "--amp", a.amp,
            "--max-minutes", str(minutes), "--ckpt-minutes", str(a.ckpt_minutes), "--ckpt-every", str(10 ** 7),
            "--keep-every", "0", "--half-weights-dir", str(out), "--half-weights-keep", str(keep),
            "--log-every", str(a.log_every), "--sample-every", str(10 ** 7), "--progress", "none",
            "--lr", str(a.lr), "--mask-mix", mask_mix, "--refine-sketch", "--l1-region", "hole",
            "--gan-weight", "0.1", "--ema-decay", str(a.ema_decay), "--sketch-weight", "4", "--ssim-weight", "2",
            "--sketch-empty", "0.4", "--warmup-steps", "1500", "--seed", str(a.seed)]
    if a.init:
        # Adam's second moments of the committed checkpoint come from batches of 4; at 64 the gradient
        # noise is ~16x smaller, and with beta2 = 0.999 the carried moments would hold the steps ~4x too
        # small for a few thousand steps, the whole of a GPU session.
        args += ["--init-weights", a.init, "--fresh-optimisers"]
    if a.val_data:
        args += ["--val-data", a.val_data]
    return args


def cmd_train(a: argparse.Namespace) -> int:
    import torch
    from gatefill_train.trainer import run

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    run_dir = Path(a.run_dir)
    facts = {"torch": torch.__version__, "cuda": torch.cuda.is_available(),
             "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
             "bf16": bool(torch.cuda.is_available() and torch.cuda.is_bf16_supported())}
    print(json.dumps(facts), flush=True)
    if a.device == "cuda" and not facts["cuda"]:
        raise SystemExit("--device cuda but torch sees no GPU")
    arms = len(a.mask_mix) > 1
    summary: Dict[str, object] = dict(facts)
    for i, mix in enumerate(a.mask_mix, 1):
        # Arms share the device time; each keeps only its last generator so that all come back.
        arm_out, arm_run = (out / f"arm{i}", run_dir / f"arm{i}") if arms else (out, run_dir)
        argv = train_args(a, arm_run, arm_out, mix, a.minutes / len(a.mask_mix), 1 if arms else a.keep)
        print("trainer:", " ".join(argv), flush=True)
        t0 = time.time()
        state = run(argv)
        result = {"mask_mix": mix, "steps_end": state.step, "images_seen": state.images_seen,
                  "wall_s": round(time.time() - t0, 1), "args": argv}
        if arms:
            summary[f"arm{i}"] = result
        else:
            summary.update(result)
            # What comes back besides the weights: the loss log, and a summary of throughput.
            if (run_dir / "losses.csv").exists():
                shutil.copy(run_dir / "losses.csv", out / "losses.csv")
    (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    back = sorted(p for p in out.rglob("*") if p.is_file())
    too_big = [p.name for p in back if p.stat().st_size > BACK_FILE_LIMIT]
    print(f"{len(back)} files in {out}: " + ", ".join(f"{p.name} {p.stat().st_size / 2**20:.1f} MiB" for p in back))
    if len(back) > BACK_FILES or too_big:
        print(f"WARNING: more than {BACK_FILES} files or files over 16 MiB ({too_big}) will not all come back")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pack", help="here: the photos that travel to the GPU machine")
    p.add_argument("--corpus", default="/work/corpus/train")
    p.add_argument("--out", default=str(DEFAULT_PACK))
    p.add_argument("--budget-mib", type=float, default=0.0,
                   help="pack size limit (default: 64 MiB - the tracked tree - 4 MiB of margin)")
    p.add_argument("--sides", type=int, nargs="+", default=[720, 640, 576, 512, 448, 384, 320, 288, 256],
                   help="shorter-side caps to try, largest first")
    t = sub.add_parser("train", help="there: train on the pack, weights in float16 to --out")
    t.add_argument("--pack", default=str(DEFAULT_PACK))
    t.add_argument("--out", default=os.environ.get("OUT", "/tmp/gpu-out"))
    t.add_argument("--run-dir", default="/tmp/gatefill-gpu-run", help="full checkpoints (stay on the machine)")
    t.add_argument("--init", default=str(HERE / "checkpoints" / "gatefill-resume.pt"),
                   help="compact checkpoint to continue ('' = from scratch)")
    t.add_argument("--val-data", default=None)
    t.add_argument("--device", default="cuda", choices=["cuda", "cpu", "auto"])
    # Width 32 by default: it continues the shipped run instead of starting over, and the editor runs this
    # generator on users' CPUs, where width 48 costs ~1.7x per fill. A larger width grows the committed
    # generator (gatefill_train/widen.py) and continues from it.
    t.add_argument("--cnum", type=int, default=32)
    t.add_argument("--crop", type=int, default=256)
    t.add_argument("--batch", type=int, default=64)
    t.add_argument("--lr", type=float, default=1e-4, help="16x the CPU run's batch: twice its rate (5e-5)")
    t.add_argument("--ema-decay", type=float, default=0.99,
                   help="per step; with 16x larger steps a shorter average than the CPU run's 0.995")
    t.add_argument("--mask-mix", nargs="+", default=["strokes=0.25,objects=0.65,wide=0.1"],
                   help="the CPU run's mix; several: one arm each (see the module's docstring)")
    t.add_argument("--amp", default="bf16", choices=["off", "bf16"])
    t.add_argument("--workers", type=int, default=12, help="batch-preparing processes (16 cores there)")
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--minutes", type=float, default=9.0, help="training time, then a checkpoint and stop")
    t.add_argument("--ckpt-minutes", type=float, default=2.0)
    t.add_argument("--keep", type=int, default=4, help="newest float16 generators kept in --out")
    t.add_argument("--log-every", type=int, default=20)
    t.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    if a.cmd == "pack":
        tree = tracked_bytes()
        budget = int(a.budget_mib * 2 ** 20) if a.budget_mib else TREE_LIMIT - tree - 4 * 2 ** 20
        info = pack(a.corpus, Path(a.out), budget, a.sides)
        print(f"{a.out}: {info['photos']} photos, shorter side <= {info['short_side']} px, JPEG q{info['jpeg_quality']}, "
              f"{info['megapixels']} MP, {info['bytes'] / 2**20:.1f} MiB (budget {budget / 2**20:.1f} MiB; tracked tree {tree / 2**20:.1f} MiB)")
        return 0
    if not a.init:
        a.init = None
    return cmd_train(a)


if __name__ == "__main__":
    sys.exit(main())
