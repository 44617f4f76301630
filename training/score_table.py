#!/usr/bin/python3
"""Merges score_fills.py JSON files into markdown tables (one per set: size x hole type) and one JSON.

  score_table.py /work/evalscores/base_*.json [more.json ...] [--json merged.json] [--md merged.md]

Rows are methods in the order first met; a method scored twice on one set keeps the later file's figures.
A learning curve: ``--curve`` prints, per set, one row per file whose method names a checkpoint step.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from gatefill_train.evaluate import merge_scores

ORDER = {"strokes": 0, "objects": 1}


def load(paths: List[str]) -> Dict[Tuple[int, str], Dict[str, Dict[str, object]]]:
    merged = merge_scores(paths)
    return {(int(k.split("/")[0]), k.split("/")[1]): v for k, v in merged.items()}


def row(name: str, m: Dict[str, float]) -> str:
    return (f"| {name} | {m['l1']:.4f} | {m['l2']:.4f} | {m['psnr']:.2f} | {m['ssim']:.4f} | {m['l1_hole']:.4f} | "
            f"{m['detail']:.3f} |")


HEADER = ["| method | L1 | L2 | PSNR dB | SSIM | L1 in hole | detail ratio |", "|---|---|---|---|---|---|---|"]


def tables(sets: Dict[Tuple[int, str], Dict[str, Dict[str, object]]]) -> str:
    out = []
    for (size, hole) in sorted(sets, key=lambda k: (k[0], ORDER.get(k[1], 9))):
        methods = sets[(size, hole)]
        first = next(iter(methods.values()))
        out += [f"#### {size} px, {hole} holes ({first['photos']} validation photos, mask seed {first['seed']})",
                ""] + HEADER + [row(n, v["mean"]) for n, v in methods.items()] + [""]
    return "\n".join(out)


def step_of(name: str) -> Optional[int]:
    m = re.search(r"step (\d[\d,]*)", name)
    return int(m.group(1).replace(",", "")) if m else None


def curve(sets: Dict[Tuple[int, str], Dict[str, Dict[str, object]]]) -> str:
    out = []
    for (size, hole) in sorted(sets, key=lambda k: (k[0], ORDER.get(k[1], 9))):
        rows = sorted(((step_of(n), v["mean"]) for n, v in sets[(size, hole)].items() if step_of(n) is not None),
                      key=lambda t: t[0])
        if not rows:
            continue
        out += [f"#### {size} px, {hole} holes", "", "| step | L1 | L2 | PSNR dB | SSIM | L1 in hole | detail ratio |",
                "|---|---|---|---|---|---|---|"]
        out += [row(f"{s:,}", m) for s, m in rows] + [""]
    return "\n".join(out)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scores", nargs="+")
    ap.add_argument("--json", default=None)
    ap.add_argument("--md", default=None)
    ap.add_argument("--curve", action="store_true")
    a = ap.parse_args(argv)
    sets = load(a.scores)
    md = curve(sets) if a.curve else tables(sets)
    print(md)
    if a.md:
        Path(a.md).write_text(md + "\n")
    if a.json:
        merged = {f"{s}/{h}": v for (s, h), v in sets.items()}
        Path(a.json).write_text(json.dumps(merged, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
