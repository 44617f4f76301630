#!/usr/bin/python3
"""Scores inpainting results on an evaluation set written by make_eval_set.py; also runs the baselines.

Results are PNGs named like the set's images (same stem, same size). Each result is composited first
(known pixels taken from the image, as the editor does), then compared with the original in [0,1] with
gatefill_train.metrics' definitions (those of evaluate_model.py): L1, L2, PSNR, SSIM over the whole image, L1 inside the hole, and the detail
ratio (mean Sobel gradient magnitude of the result inside the hole eroded by one pixel, over the
original's there; 1.0 = as much fine structure as the truth) and the seam step (the mean colour step across the
hole's border minus the original's there, in grey levels; 0 = no more than the photo's own texture, above
0 a seam, below 0 smoother than the photo). Means over the photos (for the detail ratio, the mean of the
per-photo ratios) are printed as a markdown table and written as JSON (+ .md beside it).

  score_fills.py --set /work/evalset/512/objects --fills DIR [--name java-hybrid] [--out DIR/score.json]
  score_fills.py --set /work/evalset/512/objects --baselines telea ns shiftmap --model models/gatefill.pt
                 [--sketch] [--write-fills /tmp/fills] --out /tmp/score.json

``--fills`` may be given several times (``--name`` once per ``--fills``). Ctrl-C stops between photos.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import cv2
import numpy as np

from gatefill_train.evaluate import navier_stokes, shift_map, telea  # noqa: E402
from gatefill_train.metrics import detail_ratio, metrics, seam_step  # noqa: E402

Fill = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
BASELINES: Dict[str, Tuple[str, Fill]] = {"telea": ("OpenCV Telea", telea),
                                          "ns": ("OpenCV Navier-Stokes", navier_stokes),
                                          "shiftmap": ("OpenCV shift-map (Lab)", shift_map)}
METRIC_KEYS = ("l1", "l2", "psnr", "ssim", "l1_hole", "detail", "seam")


def read_rgb(path: Path) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None:
        raise FileNotFoundError(f"cannot read image {path}")
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def read_grey(path: Path) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise FileNotFoundError(f"cannot read mask {path}")
    return img


def load_set(folder: Path, limit: int = 0) -> List[Tuple[str, np.ndarray, np.ndarray, np.ndarray]]:
    """(name, image RGB uint8, mask {0,1} float32, sketch {0,1} float32) for every image of the set."""
    names = sorted(p.stem for p in (folder / "images").glob("*.png"))[: limit or None]
    if not names:
        raise FileNotFoundError(f"no images in {folder / 'images'} (write the set with make_eval_set.py)")
    out = []
    for n in names:
        image = read_rgb(folder / "images" / f"{n}.png")
        mask = (read_grey(folder / "masks" / f"{n}.png") > 127).astype(np.float32)
        sk = folder / "sketches" / f"{n}.png"
        sketch = (read_grey(sk) > 127).astype(np.float32) if sk.exists() else np.zeros_like(mask)
        if mask.shape != image.shape[:2]:
            raise ValueError(f"{n}: mask {mask.shape} does not match image {image.shape[:2]}")
        out.append((n, image, mask, sketch))
    return out


def composite(result: np.ndarray, image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The result inside the hole, the image elsewhere (a model's prediction is defined near the hole only)."""
    return np.where(mask[:, :, None] > 0.5, result, image)


def score_one(result: np.ndarray, image: np.ndarray, mask: np.ndarray) -> Dict[str, float]:
    comp = composite(result, image, mask)
    row = metrics(comp, image, mask)
    row["detail"] = detail_ratio(comp, image, mask)
    row["seam"] = seam_step(comp, image, mask)
    return row


def mean_row(rows: Dict[str, Dict[str, float]]) -> Dict[str, float]:
    out = {}
    for k in METRIC_KEYS:
        vals = [r[k] for r in rows.values() if not math.isnan(r[k])]
        out[k] = float(np.mean(vals)) if vals else float("nan")
    return out


def score_method(cases, produce: Callable[[str, np.ndarray, np.ndarray, np.ndarray], np.ndarray],
                 label: str, write_dir: Optional[Path] = None) -> Dict[str, object]:
    per: Dict[str, Dict[str, float]] = {}
    t0 = time.time()
    for i, (name, image, mask, sketch) in enumerate(cases):
        result = produce(name, image, mask, sketch)
        if result.shape != image.shape:
            raise ValueError(f"{label}: result for {name} is {result.shape}, the image is {image.shape}")
        per[name] = score_one(result, image, mask)
        if write_dir is not None:
            write_dir.mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(write_dir / f"{name}.png"),
                        cv2.cvtColor(composite(result, image, mask), cv2.COLOR_RGB2BGR))
        print(f"  {label}: {i + 1}/{len(cases)} {name} psnr {per[name]['psnr']:.2f} "
              f"detail {per[name]['detail']:.2f}", file=sys.stderr, flush=True)
    return {"mean": mean_row(per), "sec_per_image": (time.time() - t0) / len(cases), "per_image": per}


def markdown(table: Dict[str, Dict[str, object]], title: str) -> str:
    lines = [f"### {title}", "", "| method | L1 | L2 | PSNR dB | SSIM | L1 in hole | detail ratio | seam step (levels) | s/image |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, r in table.items():
        m = r["mean"]
        lines.append(f"| {name} | {m['l1']:.4f} | {m['l2']:.4f} | {m['psnr']:.2f} | {m['ssim']:.4f} | "
                     f"{m['l1_hole']:.4f} | {m['detail']:.3f} | {m['seam']:.2f} | "
                     f"{r['sec_per_image']:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: Optional[List[str]] = None) -> Dict[str, object]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", required=True, help="a folder <evalset>/<size>/<hole> of make_eval_set.py")
    ap.add_argument("--fills", action="append", default=[], help="folder of result PNGs (same stems)")
    ap.add_argument("--name", action="append", default=[], help="label for each --fills (default: folder name)")
    ap.add_argument("--baselines", nargs="*", default=[], choices=list(BASELINES))
    ap.add_argument("--model", default=None, help="generator: TorchScript export or training checkpoint")
    ap.add_argument("--model-name", default=None)
    ap.add_argument("--sketch", action="store_true", help="also run the model with the set's edge sketches")
    ap.add_argument("--write-fills", default=None, help="save computed results to DIR/<method>/NAME.png")
    ap.add_argument("--out", default=None, help="JSON file (a .md table is written beside it)")
    ap.add_argument("--limit", type=int, default=0, help="first N photos only")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    folder = Path(args.set)
    cases = load_set(folder, args.limit)
    info_path = folder / "set.json"
    info = json.loads(info_path.read_text()) if info_path.exists() else {}
    write = Path(args.write_fills) if args.write_fills else None
    table: Dict[str, Dict[str, object]] = {}

    def sub(label: str) -> Optional[Path]:
        return write / label.replace(" ", "_").replace("/", "_") if write else None

    for i, fills in enumerate(args.fills):
        label = args.name[i] if i < len(args.name) else Path(fills).name
        table[label] = score_method(cases, lambda n, *_: read_rgb(Path(fills) / f"{n}.png"), label)
    for key in args.baselines:
        label, fn = BASELINES[key]
        table[label] = score_method(cases, lambda n, img, m, s, fn=fn: fn(img, m, s), label, sub(key))
    if args.model:
        import torch
        torch.set_num_threads(args.threads)
        from gatefill_train.evaluate import load_model, model_method
        module, use_sketch, description = load_model(args.model)
        label = args.model_name or f"generator ({description})"
        plain = model_method(module, False)
        table[label] = score_method(cases, lambda n, img, m, s: plain(img, m, s), label, sub("model"))
        if args.sketch and use_sketch:
            guided = model_method(module, True)
            table[label + " + edge sketch"] = score_method(cases, lambda n, img, m, s: guided(img, m, s),
                                                           label + " + edge sketch", sub("model_sketch"))
    if not table:
        ap.error("nothing to score: give --fills, --baselines or --model")
    title = (f"{folder}: {len(cases)} photos, {info.get('size', '?')} px, {info.get('hole', '?')} holes "
             f"(seed {info.get('mask_seed', '?')}, mean hole {info.get('mean_hole_fraction', float('nan')):.3f})")
    md = markdown(table, title)
    print(md)
    result = {"set": str(folder.resolve()), "size": info.get("size"), "hole": info.get("hole"),
              "mask_seed": info.get("mask_seed"), "photos": len(cases),
              "protocol": "result composited (known pixels from the image), vs the original in [0,1]; l1/l2/"
                          "psnr/ssim over the whole image, l1_hole inside the hole; detail = Sobel magnitude "
                          "inside the hole eroded by 1 px, result over original, mean of per-photo ratios",
              "methods": table}
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1, allow_nan=True) + "\n")
        out.with_suffix(".md").write_text(md)
    return result


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
