#!/usr/bin/python3
"""The paper's ablation at a small, equal budget: gated, partial and plain (vanilla) convolutions trained
with the same data, steps, seed, width and loss, then evaluated the same way (training/evaluate_model.py's
protocol: validation centre crops, fixed free-form masks, composited results).

Writes <out>/comparison-<size>px.md and .json; each run keeps its folder (<out>/<conv>/) so an
interrupted comparison resumes where it stopped.

Usage:
  /usr/bin/python3 training/compare_convs.py --data /work/corpus/train --val-data /work/corpus/val \
      --out /work/runs/compare [--steps 400] [--cnum 16] [--threads 1]
"""
import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402

from gatefill_train.evaluate import evaluate, make_cases, model_method, navier_stokes, telea  # noqa: E402
from gatefill_train.export import generator_from_checkpoint  # noqa: E402
from gatefill_train.trainer import run  # noqa: E402

CONV_TYPES = ("gated", "partial", "vanilla")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--val-data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--warmup-steps", type=int, default=200)
    ap.add_argument("--cnum", type=int, default=16)
    ap.add_argument("--d-cnum", type=int, default=32)
    ap.add_argument("--crop", type=int, default=128)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--size", type=int, default=256, help="evaluation size")
    ap.add_argument("--limit", type=int, default=0, help="evaluate on the first N validation photos (0 = all)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    shared = ["--data", args.data, "--steps", str(args.steps), "--warmup-steps", str(args.warmup_steps),
              "--cnum", str(args.cnum), "--d-cnum", str(args.d_cnum), "--crop", str(args.crop),
              "--batch", str(args.batch), "--lr", str(args.lr), "--seed", str(args.seed),
              "--threads", str(args.threads), "--l1-region", "hole", "--gan-weight", "0.1",
              "--log-every", "50", "--ckpt-every", "100", "--keep-every", "0", "--progress", "none"]
    cases = make_cases(args.val_data, args.size, 2024, args.limit)
    methods = {"OpenCV Telea": telea, "OpenCV Navier-Stokes": navier_stokes}
    runs = {}
    for conv in CONV_TYPES:
        state = run(shared + ["--conv-type", conv, "--out", str(out / conv)])
        g, ckpt = generator_from_checkpoint(str(out / conv / "last.pt"))
        methods[conv] = model_method(g, False)
        runs[conv] = {"parameters": sum(p.numel() for p in g.parameters()), "step": state.step,
                      "images_seen": state.images_seen, "cpu_hours": ckpt["cpu_seconds"] / 3600}
    torch.set_num_threads(args.threads)
    table = evaluate(cases, methods)
    lines = [f"{len(cases)} validation photos at {args.size}x{args.size}, free-form masks (seed 2024); each "
             f"network: width {args.cnum}, {args.steps} steps of {args.batch} crops at {args.crop} px, seed "
             f"{args.seed}, lr {args.lr}, hole L1 (+0.1 SN-PatchGAN after step {args.warmup_steps}).", "",
             "| method | parameters | CPU h | L1 | L2 | PSNR dB | SSIM | L1 in hole |",
             "|---|---|---|---|---|---|---|---|"]
    for name, r in table.items():
        meta = runs.get(name, {})
        params = f"{meta['parameters']:,}" if meta else "-"
        cpu = f"{meta['cpu_hours']:.2f}" if meta else "-"
        lines.append(f"| {name} | {params} | {cpu} | {r['l1']:.4f} | {r['l2']:.4f} | {r['psnr']:.2f} | "
                     f"{r['ssim']:.4f} | {r['l1_hole']:.4f} |")
    md = "\n".join(lines) + "\n"
    (out / f"comparison-{args.size}px.md").write_text(md)
    result = {"runs": runs, "results": {k: {m: round(v, 5) for m, v in r.items()} for k, r in table.items()},
              "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (out / f"comparison-{args.size}px.json").write_text(json.dumps(result, indent=1) + "\n")
    print(md)
    return result


if __name__ == "__main__":
    main()
