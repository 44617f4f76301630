"""Training data: any folder tree of photos (JPEG/PNG/WebP), random crops with flips and scale jitter.

Sampling is driven by an explicit ``numpy.random.Generator`` owned by the training loop instead of a
DataLoader with workers: on two cores there is nothing to gain from worker processes, and one generator
whose state goes into the checkpoint makes a resumed run draw exactly the batches it would have drawn.
"""
from __future__ import annotations

import hashlib
import math
import os
import warnings
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import cv2
import numpy as np
import torch
from torch import Tensor

from .masks import mixed_mask, parse_mask_mix, random_mask
from .sketches import make_sketch

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")


def list_images(root: str | os.PathLike) -> List[Path]:
    """All photos under ``root`` (recursive, sorted so every process sees the same order)."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"image folder not found: {root}")
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_EXTENSIONS)


def is_validation(name: str, val_percent: float = 10.0) -> bool:
    """Deterministic hold-out by photo name: the same photo is always on the same side of the split."""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 10000 < val_percent * 100


def load_rgb(path: str | os.PathLike, max_side: int = 0) -> Optional[np.ndarray]:
    """RGB uint8 [H,W,3], downscaled so the longer side is at most ``max_side`` (0 = keep); None if unreadable."""
    try:
        data = np.fromfile(str(path), dtype=np.uint8)
        img = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    except OSError:
        img = None
    if img is None:
        warnings.warn(f"skipping unreadable image: {path}", RuntimeWarning, stacklevel=2)
        return None
    img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    if max_side and max(img.shape[:2]) > max_side:
        f = max_side / max(img.shape[:2])
        img = cv2.resize(img, (max(1, round(img.shape[1] * f)), max(1, round(img.shape[0] * f))),
                         interpolation=cv2.INTER_AREA)
    return img


def random_crop(img: np.ndarray, size: int, rng: np.random.Generator, min_zoom: float = 1.0) -> np.ndarray:
    """A ``size``-square crop whose source window is log-uniform between size/min_zoom and the short side,
    so the model sees both fine texture and whole-scene structure; random horizontal flip."""
    h, w = img.shape[:2]
    short = min(h, w)
    lo = min(short, max(8, int(size / min_zoom)))
    side = int(round(math.exp(rng.uniform(math.log(lo), math.log(short))))) if short > lo else short
    top = int(rng.integers(0, h - side + 1))
    left = int(rng.integers(0, w - side + 1))
    crop = img[top:top + side, left:left + side]
    interp = cv2.INTER_AREA if side > size else cv2.INTER_LINEAR
    crop = cv2.resize(crop, (size, size), interpolation=interp)
    if rng.random() < 0.5:
        crop = crop[:, ::-1]
    return np.ascontiguousarray(crop)


def center_crop(img: np.ndarray, size: int) -> np.ndarray:
    """Short side resized to ``size``, then the central square: the fixed view used for evaluation."""
    h, w = img.shape[:2]
    f = size / min(h, w)
    nh, nw = max(size, round(h * f)), max(size, round(w * f))
    img = cv2.resize(img, (nw, nh), interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_LINEAR)
    top, left = (nh - size) // 2, (nw - size) // 2
    return np.ascontiguousarray(img[top:top + size, left:left + size])


def to_tensor(images: Sequence[np.ndarray]) -> Tensor:
    """uint8 RGB [H,W,3] list -> float32 [N,3,H,W] in [-1,1]."""
    arr = np.stack(images).astype(np.float32) / 127.5 - 1.0
    return torch.from_numpy(arr).permute(0, 3, 1, 2).contiguous()


def to_uint8(images: Tensor) -> np.ndarray:
    """float [N,3,H,W] in [-1,1] -> uint8 RGB [N,H,W,3]."""
    arr = ((images.detach().cpu().clamp(-1, 1) + 1.0) * 127.5).round().to(torch.uint8)
    return arr.permute(0, 2, 3, 1).numpy()


class PhotoSource:
    """A set of photos decoded once (downscaled to ``max_side``) and cached, skipping unreadable files."""

    def __init__(self, paths: Sequence[Path], max_side: int = 1024) -> None:
        self.paths = list(paths)
        self.max_side = max_side
        self._cache: Dict[Path, np.ndarray] = {}
        self._bad: set[Path] = set()
        if not self.paths:
            raise ValueError("no images given")

    @classmethod
    def from_folder(cls, root: str | os.PathLike, max_side: int = 1024) -> "PhotoSource":
        paths = list_images(root)
        if not paths:
            raise FileNotFoundError(f"no JPEG/PNG/WebP photos under {root}")
        return cls(paths, max_side)

    def get(self, path: Path) -> Optional[np.ndarray]:
        if path in self._bad:
            return None
        img = self._cache.get(path)
        if img is None:
            img = load_rgb(path, self.max_side)
            if img is None:
                self._bad.add(path)
                if len(self._bad) == len(self.paths):
                    raise RuntimeError("none of the images could be read")
                return None
            self._cache[path] = img
        return img

    def random_image(self, rng: np.random.Generator) -> np.ndarray:
        while True:
            img = self.get(self.paths[int(rng.integers(0, len(self.paths)))])
            if img is not None:
                return img

    def readable(self) -> List[Tuple[Path, np.ndarray]]:
        out = []
        for p in self.paths:
            img = self.get(p)
            if img is not None:
                out.append((p, img))
        return out


def make_batch(source: PhotoSource, rng: np.random.Generator, batch: int, crop: int,
               use_sketch: bool = True, sketch_empty: float = 0.4, box_prob: float = 0.5,
               min_zoom: float = 1.0, mask_mix: str = "strokes=1") -> Tuple[Tensor, Tensor, Tensor]:
    """(image [N,3,S,S] in [-1,1], mask [N,1,S,S] 1 = hole, sketch [N,1,S,S] {0,1}); each hole's type is
    drawn with the shares of ``mask_mix`` (see masks.parse_mask_mix)."""
    mix = parse_mask_mix(mask_mix)
    images, masks, sketches = [], [], []
    for _ in range(batch):
        img = random_crop(source.random_image(rng), crop, rng, min_zoom)
        mask = mixed_mask(crop, crop, rng, mix, box_prob)
        sketch = make_sketch(img, mask, rng, sketch_empty) if use_sketch else np.zeros_like(mask)
        images.append(img)
        masks.append(mask)
        sketches.append(sketch)
    m = torch.from_numpy(np.stack(masks))[:, None]
    s = torch.from_numpy(np.stack(sketches))[:, None]
    return to_tensor(images), m, s


def fixed_batch(images: Sequence[np.ndarray], size: int, seed: int, use_sketch: bool = True,
                box_prob: float = 0.5) -> Tuple[Tensor, Tensor, Tensor]:
    """Deterministic evaluation batch: centre crops, masks from ``seed``, edge sketches inside every hole."""
    rng = np.random.default_rng(seed)
    crops = [center_crop(img, size) for img in images]
    masks = [random_mask(size, size, rng, box_prob) for _ in crops]
    sketches = [make_sketch(c, m, rng, 0.0) if use_sketch else np.zeros_like(m) for c, m in zip(crops, masks)]
    return (to_tensor(crops), torch.from_numpy(np.stack(masks))[:, None],
            torch.from_numpy(np.stack(sketches))[:, None])


class BatchStream(torch.utils.data.IterableDataset):
    """Endless training batches made in DataLoader worker processes; each worker decodes the photos
    itself and draws from its own generator seeded by ``seed`` + its worker id."""

    def __init__(self, root: str, max_side: int, seed: Sequence[int], batch: int, crop: int, use_sketch: bool,
                 sketch_empty: float, box_prob: float, min_zoom: float, mask_mix: str) -> None:
        super().__init__()
        self.root, self.max_side, self.seed = root, max_side, list(seed)
        self.kw = dict(batch=batch, crop=crop, use_sketch=use_sketch, sketch_empty=sketch_empty,
                       box_prob=box_prob, min_zoom=min_zoom, mask_mix=mask_mix)

    def __iter__(self):  # type: ignore[override]
        info = torch.utils.data.get_worker_info()
        cv2.setNumThreads(1)  # one process per core already
        rng = np.random.default_rng(self.seed + [info.id if info is not None else 0])
        source = PhotoSource.from_folder(self.root, self.max_side)
        while True:
            yield make_batch(source, rng, **self.kw)
