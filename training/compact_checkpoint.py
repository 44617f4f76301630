#!/usr/bin/python3
"""Writes the compact resumable checkpoint (G+D weights in float16, counters, Adam's second moments in a
byte per parameter) of a full training checkpoint, e.g. the one committed as training/checkpoints/gatefill-resume.pt.

Usage:
  /usr/bin/python3 training/compact_checkpoint.py /work/runs/main/last.pt training/checkpoints/gatefill-resume.pt
Resume from it with train.py --init-weights <file> (Adam's second moments and step count carried,
first moments zero; same step and images-seen counters).
"""
import argparse


from gatefill_train.checkpointing import save_compact  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkpoint", help="full checkpoint written by train.py (last.pt)")
    ap.add_argument("out", help="compact checkpoint to write")
    args = ap.parse_args()
    out = save_compact(args.checkpoint, args.out)
    print(f"{out}: {out.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
