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
from pathlib import Path


import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

from gatefill_train.data import PhotoSource, center_crop, list_images  # noqa: E402
from gatefill_train.evaluate import load_model  # noqa: E402
from gatefill_train.sketch_check import (demo_case, fills_with_and_without, mean_response,  # noqa: E402
                                         photo_case, response_of_fills)


def figure_and_row(module, image, mask, sketch) -> tuple[dict, np.ndarray]:
    """The case's sketch response and its grid row: input (hole grey, sketch white) | fill without the
    sketch | fill with it | original."""
    with_fill, without_fill = fills_with_and_without(module, image, mask, sketch)
    shown = np.where(mask[:, :, None] > 0.5, 128, image).astype(np.uint8)
    shown[sketch > 0.5] = 255
    row = np.concatenate([shown, without_fill, with_fill, image], axis=1)
    return response_of_fills(image, mask, sketch, with_fill, without_fill), row


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
    synthetic, synthetic_row = figure_and_row(module, *demo_case(args.size))
    rows = [synthetic_row]
    figures = {"synthetic": synthetic}
    photos = PhotoSource(list_images(args.val_data), max_side=1024).readable()
    responses, total = [], 0
    for path, photo in photos:
        total += 1
        case = photo_case(center_crop(photo, args.size))
        if not case[2].any():
            continue  # a plain box (sky, sea) has no edge to draw, so nothing to measure on its strokes
        response, photo_row = figure_and_row(module, *case)
        responses.append(response)
        if len(rows) <= args.photos:
            rows.append(photo_row)
            figures[path.stem] = response
    figures[f"mean of {len(responses)} validation photos with edges in the box (of {total})"] = \
        mean_response(responses)
    grid = np.concatenate(rows, axis=0)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(args.out, cv2.cvtColor(grid, cv2.COLOR_RGB2BGR))
    figures_json = json.dumps({k: {m: round(v, 2) for m, v in r.items()} for k, r in figures.items()}, indent=1)
    if args.figures:
        Path(args.figures).write_text(figures_json + "\n")
    print(figures_json)


if __name__ == "__main__":
    main()
