#!/usr/bin/python3
"""Evaluates a model (checkpoint or TorchScript export) against OpenCV Telea and Navier-Stokes.

Writes <out-dir>/evaluation.md (markdown table), evaluation.json (figures for the model card) and
samples.png (rows: input with hole, Telea, ours, original).

Usage:
  /usr/bin/python3 training/evaluate_model.py --model /work/runs/main/last.pt --val-data /work/corpus/val \
      --out-dir /work/runs/main/eval [--size 256] [--seed 2024] [--threads 2]
"""
import argparse
import json
from pathlib import Path


import torch  # noqa: E402

from gatefill_train.evaluate import (evaluate, is_torchscript, load_model, make_cases,  # noqa: E402
                                     markdown_table, model_method, navier_stokes, sample_grid, telea)
from gatefill_train.checkpointing import read_checkpoint_summary  # noqa: E402


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="checkpoint (last.pt) or exported .pt; omit for baselines only")
    ap.add_argument("--val-data", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N photos (0 = all)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)

    cases = make_cases(args.val_data, args.size, args.seed, args.limit)
    methods = {"OpenCV Telea": telea, "OpenCV Navier-Stokes": navier_stokes}
    description = "baselines only"
    if args.model:
        module, use_sketch, description = load_model(args.model)
        methods["ours"] = model_method(module, False)
        if use_sketch:
            methods["ours + edge sketch"] = model_method(module, True)
    table = evaluate(cases, methods)
    md = markdown_table(table, len(cases), args.size, args.seed, f"Evaluation: {description}")
    (out / "evaluation.md").write_text(md)
    result = {"protocol": {"photos": len(cases), "size": args.size, "mask_seed": args.seed,
                           "metrics": "composited result vs original in [0,1]; l1/l2/psnr/ssim over the "
                                      "whole image, l1_hole inside the hole",
                           "model": description},
              "results": {k: {m: round(v, 5) for m, v in r.items()} for k, r in table.items()}}
    if args.model and not is_torchscript(args.model):
        facts = read_checkpoint_summary(args.model)
        result["checkpoint"] = {"step": facts["step"], "images_seen": facts["images_seen"],
                                "cpu_hours": round(facts["cpu_seconds"] / 3600, 3), "weights": facts["weights"]}
    (out / "evaluation.json").write_text(json.dumps(result, indent=1) + "\n")
    columns = ["OpenCV Telea"] + (["ours"] if args.model else [])
    sample_grid(cases, methods, columns, out / "samples.png")
    print(md)
    return result


if __name__ == "__main__":
    main()
