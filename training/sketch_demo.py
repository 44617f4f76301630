#!/usr/bin/python3
"""README example of sketch guidance: for the same image and hole, the fill without and with a sketch.

Rows: the synthetic gradient of the shipped-model test (strokes with no edge behind them), then validation
photos with a box hole and their own edges inside it as the sketch. Columns: input (hole grey, sketch
white) | fill without sketch | fill with sketch | original. Prints the edge-strength figures, also as a
mean over every validation photo with the same box hole and its own edges as the sketch.

Usage:
  /usr/bin/python3 training/sketch_demo.py --model models/gatefill.pt --val-data /work/corpus/val \
      --out docs/sketch-guidance.png [--photos 2]
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

from gatefill_train.data import PhotoSource, center_crop, list_images  # noqa: E402
from gatefill_train.evaluate import load_model  # noqa: E402
from gatefill_train.sketch_check import demo_case, fill, mean_response, photo_case, sketch_response  # noqa: E402


def row(module, image, mask, sketch) -> np.ndarray:
    hole = mask[:, :, None] > 0.5
    shown = np.where(hole, 128, image).astype(np.uint8)
    shown[sketch > 0.5] = 255
    cells = [shown, fill(module, image, mask, np.zeros_like(sketch)), fill(module, image, mask, sketch), image]
    return np.concatenate(cells, axis=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="exported .pt or training checkpoint")
    ap.add_argument("--val-data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--photos", type=int, default=2)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--figures", default=None, help="also write the figures to this JSON file")
    args = ap.parse_args()
    torch.set_num_threads(2)
    module = load_model(args.model)[0]
    image, mask, sketch = demo_case(args.size)
    rows = [row(module, image, mask, sketch)]
    figures = {"synthetic": sketch_response(module, image, mask, sketch)}
    photos = PhotoSource(list_images(args.val_data), max_side=1024).readable()
    responses = []
    for i, (path, photo) in enumerate(photos):
        case = photo_case(center_crop(photo, args.size))
        responses.append(sketch_response(module, *case))
        if i < args.photos:
            rows.append(row(module, *case))
            figures[path.stem] = responses[-1]
    figures[f"mean of {len(responses)} validation photos"] = mean_response(responses)
    grid = np.concatenate(rows, axis=0)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(args.out, cv2.cvtColor(grid, cv2.COLOR_RGB2BGR))
    figures_json = json.dumps({k: {m: round(v, 2) for m, v in r.items()} for k, r in figures.items()}, indent=1)
    if args.figures:
        Path(args.figures).write_text(figures_json + "\n")
    print(figures_json)


if __name__ == "__main__":
    main()
