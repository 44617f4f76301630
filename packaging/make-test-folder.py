#!/usr/bin/env python3
"""Writes a tiny batch folder for the packaging checks: ROOT/images/{one,two}.png (96x64 RGB) and
ROOT/masks/{one,two}.png (a 24x20 white hole each), with the standard library only.

    packaging/make-test-folder.py ROOT
"""
import struct
import sys
import zlib
from pathlib import Path


def png(path: Path, w: int, h: int, px) -> None:
    raw = b"".join(b"\x00" + b"".join(bytes(px(x, y)) for x in range(w)) for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main(root: Path) -> None:
    (root / "images").mkdir(parents=True, exist_ok=True)
    (root / "masks").mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(["one", "two"]):
        png(root / "images" / f"{name}.png", 96, 64,
            lambda x, y: ((x * 3 + y) % 256, (y * 5 + i * 40) % 256, (x ^ y) % 256))
        png(root / "masks" / f"{name}.png", 96, 64,
            lambda x, y: (255, 255, 255) if 20 + 10 * i <= x < 44 + 10 * i and 16 <= y < 36 else (0, 0, 0))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
