#!/usr/bin/python3
"""The learning curve as a markdown table: one row per evaluated checkpoint (evaluation.json files written
by training/evaluate_model.py for checkpoints), sorted by step, with the classical baselines first.

Usage:
  /usr/bin/python3 training/learning_curve.py /work/runs/curve/*/evaluation.json > /work/runs/curve/curve.md
"""
import argparse
import json
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("evaluations", nargs="+")
    args = ap.parse_args()
    runs = [json.loads(Path(p).read_text()) for p in args.evaluations]
    runs = sorted((r for r in runs if "checkpoint" in r), key=lambda r: r["checkpoint"]["step"])
    if not runs:
        raise SystemExit("no evaluation of a checkpoint given")
    rows = ["| method | step | images seen | CPU h | weights | L1 | L2 | PSNR dB | SSIM | L1 in hole |",
            "|---|---|---|---|---|---|---|---|---|---|"]

    def cells(r: dict) -> str:
        return f"{r['l1']:.4f} | {r['l2']:.4f} | {r['psnr']:.2f} | {r['ssim']:.4f} | {r['l1_hole']:.4f}"
    for name in ("OpenCV Telea", "OpenCV Navier-Stokes"):
        rows.append(f"| {name} | – | – | – | – | {cells(runs[-1]['results'][name])} |")
    for r in runs:
        c = r["checkpoint"]
        for name in ("ours", "ours + edge sketch"):
            if name in r["results"]:
                weights = {"ema": "average", "raw": "last step"}.get(c.get("weights", "raw"))
                rows.append(f"| {name} | {c['step']} | {c['images_seen']:,} | {c['cpu_hours']:.2f} | {weights} | "
                            f"{cells(r['results'][name])} |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
