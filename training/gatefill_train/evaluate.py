"""Evaluation against classical inpainting on fixed validation photos and fixed masks.

Every method fills the same holes; the result is composited (known pixels kept) and compared with the
original in [0,1]: mean L1 and mean L2 over the whole image (the figures DeepFill v1/v2 report), PSNR,
SSIM (Gaussian window 11, sigma 1.5, per RGB channel) and L1 inside the hole only, which is the figure
that actually separates methods when holes are a small share of the image (definitions in ``metrics``).
"""
from __future__ import annotations

import json
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import cv2
import numpy as np
import torch

from .data import PhotoSource, center_crop, list_images
from .masks import object_mask, random_mask
from .metrics import metrics
from .sketches import edge_map


Method = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def telea(img: np.ndarray, mask: np.ndarray, _sketch: np.ndarray) -> np.ndarray:
    return cv2.inpaint(img, (mask > 0.5).astype(np.uint8), 3, cv2.INPAINT_TELEA)


def navier_stokes(img: np.ndarray, mask: np.ndarray, _sketch: np.ndarray) -> np.ndarray:
    return cv2.inpaint(img, (mask > 0.5).astype(np.uint8), 3, cv2.INPAINT_NS)


def shift_map(img: np.ndarray, mask: np.ndarray, _sketch: np.ndarray) -> np.ndarray:
    """OpenCV's shift-map inpainting (He & Sun 2012, a patch-offset graph cut), a patch-based reference.
    It runs on Lab, where it works best; hole pixels are zeroed so nothing of the original leaks in."""
    hole = mask > 0.5
    lab = cv2.cvtColor(img, cv2.COLOR_RGB2Lab)
    lab[hole] = 0
    valid = np.where(hole, 0, 255).astype(np.uint8)
    dst = np.zeros_like(lab)
    cv2.xphoto.inpaint(lab, valid, dst, cv2.xphoto.INPAINT_SHIFTMAP)
    return cv2.cvtColor(dst, cv2.COLOR_Lab2RGB)


def model_method(module: torch.nn.Module, use_sketch: bool) -> Method:
    """Wraps a generator (eager or TorchScript) following the contract as a numpy inpainting function."""
    def run(img: np.ndarray, mask: np.ndarray, sketch: np.ndarray) -> np.ndarray:
        x = torch.from_numpy(img.astype(np.float32) / 127.5 - 1.0).permute(2, 0, 1)[None]
        m = torch.from_numpy(mask.astype(np.float32))[None, None]
        s = torch.from_numpy((sketch if use_sketch else np.zeros_like(sketch)).astype(np.float32))[None, None]
        with torch.no_grad():
            y = module(x, m, s)
        out = ((y[0].permute(1, 2, 0).clamp(-1, 1) + 1) * 127.5).round().byte().numpy()
        return out
    return run


@dataclass
class Case:
    """One fixed evaluation example."""
    name: str
    image: np.ndarray
    mask: np.ndarray
    sketch: np.ndarray


# The evaluation's hole types and their fixed mask seeds: "strokes" are the paper's free-form strokes
# united with a box half of the time (the figures of every earlier release), "objects" the object-shaped
# holes of masks.object_mask (issue 17).
HOLE_SEEDS = {"strokes": 2024, "objects": 2025}


def hole_mask(hole: str, size: int, rng: np.random.Generator) -> np.ndarray:
    if hole == "strokes":
        return random_mask(size, size, rng, box_prob=0.5)
    if hole == "objects":
        return object_mask(size, size, rng)
    raise ValueError(f"unknown hole type {hole!r} (strokes, objects)")


def unique_stems(paths: Sequence[Path]) -> List[str]:
    """File stems as case names, prefixed with the package folder only where two photos share a stem."""
    stems = [p.stem for p in paths]
    return [f"{p.parent.name}__{p.stem}" if stems.count(p.stem) > 1 else p.stem for p in paths]


def photo_rng(seed: int, name: str) -> np.random.Generator:
    """The random stream of one photo's hole: seeded by the hole type's seed and the photo's name, so
    adding photos to the validation split leaves every other photo's hole as it was."""
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])


def make_cases(val_dir: str, size: int = 256, seed: int = 2024, limit: int = 0, hole: str = "strokes"
               ) -> List[Case]:
    """Centre crops of every validation photo with one mask each, drawn from ``photo_rng``."""
    paths = list_images(val_dir)
    if limit:
        paths = paths[:limit]
    src = PhotoSource(paths, max_side=max(1024, 2 * size))
    names = dict(zip(paths, unique_stems(paths)))
    cases = []
    for path, img in src.readable():
        crop = center_crop(img, size)
        mask = hole_mask(hole, size, photo_rng(seed, names[path]))
        cases.append(Case(names[path], crop, mask, edge_map(crop) * mask))
    if not cases:
        raise FileNotFoundError(f"no readable validation photos in {val_dir}")
    return cases


def evaluate(cases: Sequence[Case], methods: Dict[str, Method]) -> Dict[str, Dict[str, float]]:
    """Mean metrics per method, plus seconds per image; composites each prediction before scoring."""
    table: Dict[str, Dict[str, float]] = {}
    for name, fn in methods.items():
        acc: Dict[str, float] = {}
        t0 = time.time()
        for c in cases:
            out = fn(c.image, c.mask, c.sketch)
            m3 = c.mask[:, :, None] > 0.5
            comp = np.where(m3, out, c.image)
            for k, v in metrics(comp, c.image, c.mask).items():
                acc[k] = acc.get(k, 0.0) + v
        table[name] = {k: v / len(cases) for k, v in acc.items()}
        table[name]["sec_per_image"] = (time.time() - t0) / len(cases)
    return table


def markdown_table(table: Dict[str, Dict[str, float]], n: int, size: int, seed: int,
                   title: Optional[str] = None) -> str:
    lines = [f"### {title}" if title else "",
             f"{n} validation photos, {size}x{size} centre crops, free-form masks (seed {seed}); "
             "values in [0,1], lower is better except PSNR/SSIM.", "",
             "| method | L1 | L2 | PSNR dB | SSIM | L1 in hole | s/image |", "|---|---|---|---|---|---|---|"]
    for name, r in table.items():
        lines.append(f"| {name} | {r['l1']:.4f} | {r['l2']:.4f} | {r['psnr']:.2f} | {r['ssim']:.4f} | "
                     f"{r['l1_hole']:.4f} | {r['sec_per_image']:.3f} |")
    return "\n".join(line for line in lines if line is not None) + "\n"


def sample_grid(cases: Sequence[Case], methods: Dict[str, Method], columns: Sequence[str], path: Path,
                rows: int = 6) -> None:
    """Columns: input with the hole (grey), each method named in ``columns``, original."""
    out_rows = []
    for c in cases[:rows]:
        m3 = c.mask[:, :, None] > 0.5
        cells = [np.where(m3, 128, c.image).astype(np.uint8)]
        for name in columns:
            cells.append(np.where(m3, methods[name](c.image, c.mask, c.sketch), c.image).astype(np.uint8))
        cells.append(c.image)
        out_rows.append(np.concatenate(cells, axis=1))
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), cv2.cvtColor(np.concatenate(out_rows, axis=0), cv2.COLOR_RGB2BGR))


def is_torchscript(path: str) -> bool:
    """TorchScript archives carry compiled code; training checkpoints are plain pickles."""
    try:
        with zipfile.ZipFile(path) as z:
            return any(n.endswith("constants.pkl") or "/code/" in n for n in z.namelist())
    except zipfile.BadZipFile:
        return False


def load_model(path: str) -> tuple[torch.nn.Module, bool, str]:
    """A TorchScript export or a training checkpoint; returns (module, uses sketch, description)."""
    if is_torchscript(path):
        module = torch.jit.load(path, map_location="cpu").eval()
        card = Path(path).with_suffix(".json")
        use_sketch = json.loads(card.read_text())["sketch"] if card.exists() else True
        return module, use_sketch, f"TorchScript {Path(path).name}"
    from .export import generator_from_checkpoint
    g, ckpt = generator_from_checkpoint(path)
    return g, g.use_sketch, (f"checkpoint {Path(path).name} step {ckpt['step']}, "
                             f"{ckpt['images_seen']} images, {ckpt['cpu_seconds'] / 3600:.2f} CPU h")


def merge_scores(paths: Sequence[str | Path]) -> Dict[str, Dict[str, Dict[str, object]]]:
    """score_fills.py JSON files -> {"<size>/<hole>": {method: {"mean": {...}, "photos", "seed",
    "sec_per_image"}}}; a method scored twice on one set keeps the later file's figures. For the model card
    and merged tables."""
    sets: Dict[str, Dict[str, Dict[str, object]]] = {}
    for p in paths:
        r = json.loads(Path(p).read_text())
        key = f"{r['size']}/{r['hole']}"
        for name, m in r["methods"].items():
            sets.setdefault(key, {})[name] = {"mean": {k: round(float(v), 5) for k, v in m["mean"].items()},
                                              "photos": r["photos"], "seed": r["mask_seed"],
                                              "sec_per_image": round(float(m["sec_per_image"]), 3)}
    return sets
