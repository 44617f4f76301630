"""Shared fixtures: synthetic photo folders (tests never need the real corpus) and import checks."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# Same reason as in train.py: spinning OpenMP workers crawl when the CPU is shared with other builds.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

TRAINING = Path(__file__).resolve().parents[1]

_MISSING = []
for _name, _pkg in (("torch", "python3-torch"), ("cv2", "python3-opencv"), ("numpy", "python3-numpy"),
                    ("matplotlib", "python3-matplotlib")):
    try:
        __import__(_name)
    except ImportError:
        _MISSING.append(f"{_name} (apt-get install {_pkg})")
if _MISSING:
    # A loud failure, never a skip: a test run without these proves nothing.
    raise ImportError("training tests need: " + ", ".join(_MISSING) + "; run them with /usr/bin/python3")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(2)


def synthetic_photo(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A smooth gradient with a few shapes and noise: enough structure for edges, crops and losses."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    c = rng.uniform(0, 255, 3)
    d = rng.uniform(-0.5, 0.5, (2, 3))
    img = c + x[..., None] * d[0] + y[..., None] * d[1]
    img = np.clip(img, 0, 255).astype(np.uint8)
    for _ in range(4):
        colour = tuple(int(v) for v in rng.integers(0, 256, 3))
        if rng.random() < 0.5:
            cv2.circle(img, (int(rng.integers(0, w)), int(rng.integers(0, h))), int(rng.integers(5, h // 3)),
                       colour, -1)
        else:
            p = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            cv2.rectangle(img, p, (p[0] + int(rng.integers(5, w // 2)), p[1] + int(rng.integers(5, h // 2))),
                          colour, -1)
    noise = rng.normal(0, 4, img.shape)
    return np.clip(img + noise, 0, 255).astype(np.uint8)


@pytest.fixture(scope="session")
def photo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder tree with JPEG, PNG and WebP photos (RGB written as BGR files) and one corrupt file."""
    root = tmp_path_factory.mktemp("photos")
    rng = np.random.default_rng(7)
    for i in range(9):
        sub = root / ("a" if i % 2 else "b/c")
        sub.mkdir(parents=True, exist_ok=True)
        img = cv2.cvtColor(synthetic_photo(rng, int(rng.integers(72, 140)), int(rng.integers(72, 160))),
                           cv2.COLOR_RGB2BGR)
        ext = [".jpg", ".png", ".webp"][i % 3]
        assert cv2.imwrite(str(sub / f"p{i}{ext}"), img)
    (root / "a" / "broken.jpg").write_bytes(b"not an image at all")
    return root


@pytest.fixture(scope="session")
def val_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("val")
    rng = np.random.default_rng(11)
    for i in range(3):
        cv2.imwrite(str(root / f"v{i}.png"), synthetic_photo(rng, 80, 96))
    return root
