#!/usr/bin/python3
"""A side-by-side grid of fills around each hole of an evaluation set: the input with its hole, one
column per fill folder, the original. Crops are square, centred on the hole, 1.4x its larger side plus
20 px, so whole photos show what a person would look at.

Usage: /usr/bin/python3 training/fill_grid.py --set /work/evalset/photo/objects \
           --fills /tmp/ns /tmp/model /tmp/hybrid --every 3 --out docs/photo-fills.jpg
"""
from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np


def tile(image: np.ndarray, box: tuple, side: int) -> np.ndarray:
    y0, y1, x0, x1 = box
    return cv2.resize(image[y0:y1, x0:x1], (side, side), interpolation=cv2.INTER_AREA)


def hole_box(mask: np.ndarray) -> tuple:
    """A square around the hole (1.4x its larger side plus 10 px), kept inside the photo."""
    ys, xs = np.nonzero(mask > 127)
    cy, cx = (ys.min() + ys.max()) // 2, (xs.min() + xs.max()) // 2
    r = int(0.7 * max(ys.max() - ys.min(), xs.max() - xs.min())) + 10
    r = min(r, mask.shape[0] // 2, mask.shape[1] // 2)
    y0 = int(np.clip(cy - r, 0, mask.shape[0] - 2 * r))
    x0 = int(np.clip(cx - r, 0, mask.shape[1] - 2 * r))
    return y0, y0 + 2 * r, x0, x0 + 2 * r


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", required=True, help="<evalset>/<size>/<hole> of make_eval_set.py")
    ap.add_argument("--fills", nargs="+", required=True, help="folders of result PNGs named like the images")
    ap.add_argument("--every", type=int, default=1, help="every n-th photo, in name order")
    ap.add_argument("--side", type=int, default=200, help="tile side in pixels")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    folder = Path(args.set)
    rows = []
    for name in sorted(p.stem for p in (folder / "images").glob("*.png"))[::args.every]:
        image = cv2.imread(str(folder / "images" / f"{name}.png"), cv2.IMREAD_COLOR)
        mask = cv2.imread(str(folder / "masks" / f"{name}.png"), cv2.IMREAD_GRAYSCALE)
        if mask is None or not (mask > 127).any():
            raise SystemExit(f"{name}: no hole in {folder / 'masks' / (name + '.png')}")
        box = hole_box(mask)
        holed = image.copy()
        holed[mask > 127] = 255
        fills = [cv2.imread(str(Path(d) / f"{name}.png"), cv2.IMREAD_COLOR) for d in args.fills]
        missing = [d for d, f in zip(args.fills, fills) if f is None]
        if missing:
            raise SystemExit(f"{name}.png is missing in {', '.join(missing)}")
        wrong = [d for d, f in zip(args.fills, fills) if f.shape != image.shape]
        if wrong:
            raise SystemExit(f"{name}.png in {', '.join(wrong)} is not the size of the image "
                             f"({image.shape[1]}x{image.shape[0]})")
        rows.append(np.hstack([tile(t, box, args.side) for t in [holed, *fills, image]]))
    cv2.imwrite(args.out, np.vstack(rows), [cv2.IMWRITE_JPEG_QUALITY, 88])
    print(f"{args.out}: {len(rows)} rows x {len(args.fills) + 2} columns")


if __name__ == "__main__":
    main()
