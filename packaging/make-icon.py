#!/usr/bin/env python3
"""Draws packaging/gatefill.png (256x256): a photo tile with a dashed mask ring being filled, stdlib only."""
import math
import struct
import sys
import zlib

SIZE = 256


def pixel(x: int, y: int) -> tuple[int, int, int, int]:
    # Rounded square tile.
    r = 40
    cx = min(max(x, r), SIZE - 1 - r)
    cy = min(max(y, r), SIZE - 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    # Sky-to-meadow gradient as the "photo".
    t = y / SIZE
    base = (int(70 + 60 * t), int(130 + 60 * t), int(200 - 120 * t))
    if y > 170:
        base = (70, 150, 80)
    # The removed object: a disc filled with the surrounding colours, outlined by a dashed ring.
    d = math.hypot(x - 128, y - 120)
    if 58 <= d <= 66 and int((math.atan2(y - 120, x - 128) + math.pi) / (2 * math.pi) * 24) % 2 == 0:
        return (235, 60, 60, 255)
    return (*base, 255)


def main(path: str) -> None:
    raw = bytearray()
    for y in range(SIZE):
        raw.append(0)
        for x in range(SIZE):
            raw.extend(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "gatefill.png")
