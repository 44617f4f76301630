#!/usr/bin/python3
"""Measures training throughput (images/hour, one G+D step each) for several widths and crop sizes.

Each configuration runs the real train_step on real batches (data preparation included) for a fixed
wall-clock budget after two warm-up steps and prints a markdown table row.

Usage: /usr/bin/python3 training/bench_throughput.py --data /work/corpus/train [--seconds 60] [--threads 2]
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from gatefill_train.allocator import keep_freed_memory
from gatefill_train.data import PhotoSource, make_batch  # noqa: E402
from gatefill_train.distribution import Dist
from gatefill_train.precision import allow_amx
from gatefill_train.trainer import build_parser, make_state, train_step  # noqa: E402


def measure(src: PhotoSource, cnum: int, crop: int, batch: int, seconds: float, adversarial: bool,
            amp: str, channels_last: str = "auto") -> float:
    args = build_parser().parse_args(["--data", "x", "--out", "x", "--cnum", str(cnum), "--crop", str(crop),
                                      "--batch", str(batch), "--amp", amp, "--channels-last", channels_last])
    state = make_state(args, torch.device("cpu"), Dist())
    rng = np.random.default_rng(0)
    for _ in range(2):
        train_step(state, *make_batch(src, rng, batch, crop), adversarial)
    n, t0 = 0, time.time()
    while time.time() - t0 < seconds:
        train_step(state, *make_batch(src, rng, batch, crop), adversarial)
        n += 1
    return n * batch / (time.time() - t0) * 3600


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--widths", default="48,32,24")
    ap.add_argument("--configs", default="128:8,256:4", help="crop:batch pairs")
    ap.add_argument("--l1-only", action="store_true", help="measure L1-only steps (no discriminator)")
    ap.add_argument("--default-malloc", action="store_true",
                    help="leave glibc's allocator as it is (train.py keeps freed memory: allocator.py)")
    ap.add_argument("--amp", default="off", choices=["off", "bf16"], help="as train.py's --amp")
    ap.add_argument("--channels-last", default="auto", choices=["auto", "on", "off"],
                    help="as train.py's --channels-last")
    args = ap.parse_args()
    allow_amx()
    if not args.default_malloc:
        keep_freed_memory()
    torch.set_num_threads(args.threads)
    src = PhotoSource.from_folder(args.data)
    src.readable()  # decode every photo once so the timings measure training, not first decodes
    print(f"| width | crop | batch | img/h ({'L1 only' if args.l1_only else 'G+D'}, amp {args.amp}, "
          f"channels-last {args.channels_last}) |\n|---|---|---|---|")
    for width in (int(w) for w in args.widths.split(",")):
        for cfg in args.configs.split(","):
            crop, batch = (int(v) for v in cfg.split(":"))
            rate = measure(src, width, crop, batch, args.seconds, not args.l1_only, args.amp, args.channels_last)
            print(f"| {width} | {crop} | {batch} | {rate:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
