"""Reader for Qt binary resource bundles (.rcc), as produced by ``rcc -binary``.

Layout (big-endian): "qres", format version, then offsets of the node tree, the data blob and the name
table (version >= 3 adds a flags word). Each tree node is 14 bytes (22 from version 2 on, with a
modification time): name offset, flags, then either child count + first child index (directories) or
locale + data offset (files). Names are length-prefixed UTF-16BE after a 32-bit hash. A file's data is a
32-bit length and the bytes; with the Compressed flag those bytes are qCompress output: a 32-bit
uncompressed length followed by a zlib stream. Zstandard-compressed entries (flag 4) are reported, not
decoded, since no zstd module ships with Debian's Python by default.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Iterator, Optional

FLAG_COMPRESSED = 0x01
FLAG_DIRECTORY = 0x02
FLAG_COMPRESSED_ZSTD = 0x04


@dataclass(frozen=True)
class RccEntry:
    """One file inside a bundle: its path and payload (None if it uses an unsupported compression)."""
    path: str
    data: Optional[bytes]
    flags: int


class RccError(ValueError):
    """The bytes are not a Qt resource bundle this reader understands."""


def read_rcc(blob: bytes) -> Iterator[RccEntry]:
    """Yields every file in the bundle with its full path ("/dir/sub/file.webp")."""
    if blob[:4] != b"qres":
        raise RccError("missing 'qres' magic")
    version, tree_off, data_off, names_off = struct.unpack_from(">IIII", blob, 4)
    if version not in (1, 2, 3):
        raise RccError(f"unsupported rcc format version {version}")
    node_size = 14 if version == 1 else 22

    def name_at(offset: int) -> str:
        (length,) = struct.unpack_from(">H", blob, names_off + offset)
        start = names_off + offset + 2 + 4
        return blob[start:start + 2 * length].decode("utf-16-be")

    def walk(index: int, prefix: str) -> Iterator[RccEntry]:
        base = tree_off + index * node_size
        name_off, flags = struct.unpack_from(">IH", blob, base)
        name = name_at(name_off) if index != 0 else ""
        path = f"{prefix}/{name}" if index != 0 else ""
        if flags & FLAG_DIRECTORY:
            count, first = struct.unpack_from(">II", blob, base + 6)
            for child in range(first, first + count):
                yield from walk(child, path)
            return
        (offset,) = struct.unpack_from(">I", blob, base + 10)
        (size,) = struct.unpack_from(">I", blob, data_off + offset)
        payload = blob[data_off + offset + 4:data_off + offset + 4 + size]
        if flags & FLAG_COMPRESSED_ZSTD:
            yield RccEntry(path, None, flags)
        elif flags & FLAG_COMPRESSED:
            # qCompress prefixes the zlib stream with the uncompressed length.
            yield RccEntry(path, zlib.decompress(payload[4:]), flags)
        else:
            yield RccEntry(path, payload, flags)

    yield from walk(0, "")
