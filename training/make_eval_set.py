#!/usr/bin/python3
"""Writes the fixed evaluation set as PNG files, for scoring fills made by any program (the Java engine).

For every validation photo (the corpus' hash hold-out, never trained on), at each size: the centre crop
as the image, and one fixed-seed mask per hole type (``strokes``: the paper's free-form strokes plus a
box half of the time, seed 2024, the figures of earlier releases; ``objects``: object-shaped holes,
seed 2025). Each photo's hole is drawn from the seed and the photo's name (evaluate.photo_rng), so
photos added to the validation split leave the others' holes as they were. Layout, same stem everywhere:

  <out>/<size>/<hole>/images/NAME.png    RGB, 8 bit
  <out>/<size>/<hole>/masks/NAME.png     grey, 255 = hole, 0 = keep
  <out>/<size>/<hole>/sketches/NAME.png  grey, 255 = the original's edges inside the hole (optional input)
  <out>/<size>/<hole>/set.json           photos, sources, hole fractions, seed
  <out>/README.txt                       how to score
  <out>/photo/objects/...                with --photo-scale: whole photos (shorter side >= 600 px) with
                                         one object hole each, ~1-15 % of the photo (seed 2026)

Why the photo-scale set: people remove objects from whole photos, where the pipeline's window and
scale decisions matter (a crop around the hole, scaled to the model); the 256/512 crops never exercise
them, since the window is the whole crop there.

Usage: /usr/bin/python3 training/make_eval_set.py --val-data /work/corpus/val --out /work/evalset
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional

import cv2
import numpy as np

from gatefill_train.data import PhotoSource, list_images  # noqa: E402
from gatefill_train.evaluate import HOLE_SEEDS, make_cases, photo_rng, unique_stems  # noqa: E402
from gatefill_train.masks import object_mask  # noqa: E402

PHOTO_SCALE_SEED = 2026
PHOTO_SCALE_MIN_SIDE = 600
PHOTO_SCALE_MAX_SIDE = 1600

README = """Gatefill evaluation set (written by training/make_eval_set.py; do not edit by hand)

<size>/<hole>/images/NAME.png   centre crop of a held-out validation photo (RGB)
<size>/<hole>/masks/NAME.png    255 = hole to fill, 0 = keep (fixed seed per hole type)
<size>/<hole>/sketches/NAME.png the original's edges inside the hole (only for sketch-guided fills)
sizes: {sizes}; holes: strokes (free-form strokes + box, seed {s_seed}), objects (object-shaped, seed {o_seed})

Score a folder of results (PNG, same stems, same size as the image; known pixels are taken from
the image, i.e. results are composited before scoring):
  /usr/bin/python3 {repo}/training/score_fills.py --set {out}/512/objects --fills DIR [--out DIR/score.json]
Baselines (Telea, Navier-Stokes, shift-map) and a model on the same set:
  /usr/bin/python3 {repo}/training/score_fills.py --set {out}/512/objects --baselines telea ns shiftmap \\
      --model {repo}/models/gatefill.pt --out /tmp/score.json
Prints and writes JSON: L1, L2, PSNR, SSIM (gatefill_train.metrics, as evaluate_model.py reports them; whole image in [0,1]),
L1 in the hole, and the detail ratio (mean Sobel gradient magnitude of the result inside the hole
eroded by one pixel over the original's there; 1.0 = as much fine structure as the truth).
Figures of the baselines and the shipped model: {repo}/training/eval/baselines.md (.json).
"""


def _write_case(folder: Path, name: str, image: np.ndarray, mask: np.ndarray) -> float:
    """The RGB image and the hole (255) of one case; returns the hole's share of the image."""
    cv2.imwrite(str(folder / "images" / f"{name}.png"), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
    cv2.imwrite(str(folder / "masks" / f"{name}.png"), (mask > 0.5).astype(np.uint8) * 255)
    return round(float(mask.mean()), 4)


def _write_info(folder: Path, val_dir: str, size: object, hole: str, seed: int, crop: str,
                entries: List[Dict[str, object]]) -> Dict[str, object]:
    mean = round(float(np.mean([e["hole_fraction"] for e in entries])), 4) if entries else 0
    info = {"size": size, "hole": hole, "mask_seed": seed, "photos": len(entries),
            "source": str(Path(val_dir).resolve()), "crop": crop, "mean_hole_fraction": mean, "images": entries}
    (folder / "set.json").write_text(json.dumps(info, indent=1) + "\n")
    return info


def write_set(val_dir: str, out: Path, size: int, hole: str, seed: Optional[int] = None,
              limit: int = 0) -> Dict[str, object]:
    seed = HOLE_SEEDS[hole] if seed is None else seed
    cases = make_cases(val_dir, size, seed, limit, hole)
    folder = out / str(size) / hole
    for sub in ("images", "masks", "sketches"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    entries = []
    for c in cases:
        fraction = _write_case(folder, c.name, c.image, c.mask)
        cv2.imwrite(str(folder / "sketches" / f"{c.name}.png"), (c.sketch > 0.5).astype(np.uint8) * 255)
        entries.append({"name": c.name, "hole_fraction": fraction})
    return _write_info(folder, val_dir, size, hole, seed, "short side resized to size, central square", entries)


def photo_scale_hole(height: int, width: int, rng: np.random.Generator) -> np.ndarray:
    """One object hole in a whole photo: an object mask (5-30 % of its square) drawn in a square of
    0.4-0.75 times the photo's shorter side placed anywhere inside, so the hole covers ~1-15 % of the
    photo and may touch its border only where the square does."""
    side = int(round(rng.uniform(0.4, 0.75) * min(height, width)))
    y = int(rng.integers(0, height - side + 1))
    x = int(rng.integers(0, width - side + 1))
    mask = np.zeros((height, width), np.float32)
    mask[y:y + side, x:x + side] = object_mask(side, side, rng, border_prob=0.0)
    return mask


def write_photo_scale_set(val_dir: str, out: Path, limit: int = 0) -> Dict[str, object]:
    """<out>/photo/objects: every validation photo with a shorter side of at least 600 px, whole (longer
    side at most 1600 px), with one photo_scale_hole each."""
    paths = list_images(val_dir)
    names = dict(zip(paths, unique_stems(paths)))
    folder = out / "photo" / "objects"
    for sub in ("images", "masks"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    entries = []
    for path, img in PhotoSource(paths, max_side=PHOTO_SCALE_MAX_SIDE).readable():
        if min(img.shape[:2]) < PHOTO_SCALE_MIN_SIDE:
            continue
        if limit and len(entries) == limit:
            break
        mask = photo_scale_hole(img.shape[0], img.shape[1], photo_rng(PHOTO_SCALE_SEED, names[path]))
        fraction = _write_case(folder, names[path], img, mask)
        entries.append({"name": names[path], "width": img.shape[1], "height": img.shape[0], "hole_fraction": fraction})
    return _write_info(folder, val_dir, "photo", "objects", PHOTO_SCALE_SEED,
                       f"whole photo, longer side <= {PHOTO_SCALE_MAX_SIDE}", entries)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--val-data", default="/work/corpus/val", help="validation photos (corpus val split)")
    ap.add_argument("--out", default="/work/evalset")
    ap.add_argument("--sizes", type=int, nargs="+", default=[256, 512])
    ap.add_argument("--holes", nargs="+", default=list(HOLE_SEEDS), choices=list(HOLE_SEEDS))
    ap.add_argument("--limit", type=int, default=0, help="first N photos only (tests)")
    ap.add_argument("--photo-scale", action="store_true", help="also write photo/objects (whole photos)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    for size in args.sizes:
        for hole in args.holes:
            info = write_set(args.val_data, out, size, hole, limit=args.limit)
            print(f"{out / str(size) / hole}: {info['photos']} photos, mean hole {info['mean_hole_fraction']:.3f}",
                  flush=True)
    if args.photo_scale:
        info = write_photo_scale_set(args.val_data, out, args.limit)
        print(f"{out / 'photo' / 'objects'}: {info['photos']} photos, mean hole {info['mean_hole_fraction']:.3f}",
              flush=True)
    repo = Path(__file__).resolve().parents[1]
    (out / "README.txt").write_text(README.format(sizes=", ".join(map(str, args.sizes)), out=out, repo=repo,
                                                  s_seed=HOLE_SEEDS["strokes"], o_seed=HOLE_SEEDS["objects"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
