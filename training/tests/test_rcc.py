"""Qt .rcc reader against bundles written here in the documented layout."""
import struct
import zlib

from gatefill_train.rcc import read_rcc


def _write_rcc(files: dict, version: int = 3) -> bytes:
    """Minimal rcc writer: root dir -> one dir 'img' -> files; every other file zlib-compressed."""
    names = b""
    name_off = {}
    for n in ["img"] + list(files):
        name_off[n] = len(names)
        enc = n.encode("utf-16-be")
        names += struct.pack(">HI", len(n), 0) + enc
    data = b""
    entries = []
    for i, (n, payload) in enumerate(files.items()):
        compressed = i % 2 == 1
        blob = struct.pack(">I", len(payload)) + zlib.compress(payload) if compressed else payload
        entries.append((n, len(data), 1 if compressed else 0))
        data += struct.pack(">I", len(blob)) + blob
    pad = b"\0" * 8 if version >= 2 else b""
    tree = struct.pack(">IHII", 0, 2, 1, 1) + pad  # root: 1 child at index 1
    tree += struct.pack(">IHII", name_off["img"], 2, len(files), 2) + pad
    for n, off, flags in entries:
        tree += struct.pack(">IHHHI", name_off[n], flags, 0, 0, off) + pad
    header_len = 24 if version >= 3 else 20
    data_off = header_len
    names_off = data_off + len(data)
    tree_off = names_off + len(names)
    header = b"qres" + struct.pack(">IIII", version, tree_off, data_off, names_off)
    if version >= 3:
        header += struct.pack(">I", 0)
    return header + data + names + tree


def test_reads_plain_and_compressed_entries() -> None:
    files = {"a.webp": b"RIFF....WEBPdata", "b.png": b"\x89PNG" + bytes(range(200)), "c.txt": b"hello"}
    for version in (1, 2, 3):
        got = {e.path: e.data for e in read_rcc(_write_rcc(files, version))}
        assert got == {f"/img/{k}": v for k, v in files.items()}
