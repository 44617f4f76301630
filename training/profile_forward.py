#!/usr/bin/python3
"""Profiles the generator's forward pass per part at 256, 384 and 512 px and writes docs/bench/forward-profile.md
and .json: milliseconds, GFLOP and GFLOP/s per part beside the matrix-product rate of this machine in the
same run. The architecture comes from the model card (timing does not depend on the weights' values).

Usage: /usr/bin/python3 training/profile_forward.py [--card models/gatefill.json] [--threads 2] [--repeats 3]
"""
import argparse
import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

import torch

from gatefill_train.generator import Generator
from gatefill_train.profile import PARTS, profile

ROOT = Path(__file__).resolve().parent.parent


def table(results) -> list:
    lines = ["| size | part | ms | share of forward | GFLOP | GFLOP/s | of matmul rate |", "|---|---|---|---|---|---|---|"]
    for r in results:
        for part in PARTS:
            p = r["parts"][part]
            name = part if part != "contextual_attention" else \
                f"{part} ({r['attention_cells_share']:.0%} of the query cells)"
            lines.append(f"| {r['size']}² | {name} | {p['ms']:.1f} | {p['ms'] / r['total_ms']:.0%} | {p['gflop']:.1f} | "
                         f"{p['gflop_per_s']:.0f} | {p['share_of_matmul_rate']:.0%} |")
        lines.append(f"| {r['size']}² | **whole forward** | **{r['total_ms']:.1f}** | 100 % | {r['gflop']:.1f} | "
                     f"{r['gflop_per_s']:.0f} | {r['gflop_per_s'] / r['matmul_gflop_per_s']:.0%} "
                     f"(matmul {r['matmul_gflop_per_s']:.0f} GFLOP/s) |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--card", default=str(ROOT / "models" / "gatefill.json"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", default=[256, 384, 512])
    ap.add_argument("--out-dir", default=str(ROOT / "docs" / "bench"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    card = json.loads(Path(args.card).read_text())
    g = Generator(card["cnum"], card["conv_type"], card["sketch"],
                  refine_sketch="refinement" in card.get("sketch_inputs", [])).eval()
    load = os.getloadavg()
    results = [profile(g, size, args.repeats) for size in args.sizes]
    meta = {"created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"), "torch": torch.__version__,
            "cpu": platform.processor() or platform.machine(), "threads": args.threads, "cnum": card["cnum"],
            "load_average_start": load, "load_average_end": os.getloadavg()}
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "forward-profile.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1) + "\n")
    md = ["# Forward pass by part (issue 15, item 1)", "",
          f"`training/profile_forward.py`: the generator of `{Path(args.card).name}` (cnum {card['cnum']}) in PyTorch "
          f"{torch.__version__} eager mode, {args.threads} threads, {meta['created_utc']}; median of {args.repeats} passes "
          "after a warm-up, on a random photo with a centred hole of a quarter of its area. Layers are timed by "
          "forward hooks and contextual attention by wrapping the function the generator calls. GFLOP counts "
          "multiply-adds as two; contextual attention's count is its two batched products over the query cells "
          "it computes (inference computes only those within reach of the hole's surroundings, "
          "`near_hole_cells`; the share is in the part's row). The matrix-product "
          "rate (2048³ float32 `torch.mm`) is measured between the passes of the same run, so 'of matmul rate' "
          "is a ratio measured side by side.", "",
          *table(results), "",
          f"Load average at start {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}, at end "
          f"{meta['load_average_end'][0]:.2f} / {meta['load_average_end'][1]:.2f} / {meta['load_average_end'][2]:.2f} "
          "(the machine is shared: compare the ratios, not the absolute times).", ""]
    (out / "forward-profile.md").write_text("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
