#!/usr/bin/env python3
"""Writes the 24-megapixel inpaint benchmark's inputs: DIR/photo.png (the test photo scaled to
6000x4000 with Lanczos, plus Gaussian grain of sigma 2.5 levels, as a real sensor's 24 MP photo has
and a plain upscale has not; RGB, 8 bits) and DIR/mask.png (a 600-px disc at (2500, 1800), the
bench-synthesis 24 MP case).

    scripts/make-bench-photo.py DIR [SOURCE]
"""
import sys
from pathlib import Path

import numpy as np
from PIL import Image

W, H = 6000, 4000


def main(out: Path, source: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    photo = np.asarray(Image.open(source).convert("RGB").resize((W, H), Image.LANCZOS), dtype=np.float32)
    grain = np.random.default_rng(2026).normal(0.0, 2.5, photo.shape).astype(np.float32)
    Image.fromarray(np.clip(photo + grain + 0.5, 0, 255).astype(np.uint8)).save(out / "photo.png", compress_level=1)
    y, x = np.ogrid[:H, :W]
    mask = ((x - 2500) ** 2 + (y - 1800) ** 2 <= 300 ** 2).astype(np.uint8) * 255
    Image.fromarray(mask).save(out / "mask.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "training/tests/data/sketch/free-peter-nerlich.jpg"))
