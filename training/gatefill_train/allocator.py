"""glibc's allocator told to keep freed memory for reuse instead of handing it back to the kernel.

Why: a training step allocates and frees tensors of 1-32 MiB (the attention's score matrices at 256 px
are 4 MiB per image and layer). glibc serves blocks above its mmap threshold (128 KiB at first, raised
dynamically, up to 32 MiB on 64-bit) with fresh mmaps, and returns the top of the heap past 128 KiB,
so every step paid page faults and zeroing in the kernel: 15 % of the run's CPU time was system time.
With the mmap threshold fixed at 32 MiB (requests of 32 MiB and more are still mmapped) and the heap
kept, `bench_throughput.py` at width 32, 256 px, batch 4 ran
5,509-5,545 -> 6,171-6,250 img/h side by side (+12-13 %; `--default-malloc` is the old way), system time
14-17 s -> 8-8.7 s per 40-s run, peak memory 2.89 -> 2.94 GB. The same settings through glibc's
environment variables measured +13-16 %; jemalloc (LD_PRELOAD) halved the throughput.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import sys

# mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_TOP_PAD = -2
_M_MMAP_THRESHOLD = -3
_SETTINGS = ((_M_MMAP_THRESHOLD, 32 * 2**20), (_M_TRIM_THRESHOLD, 2**30), (_M_TOP_PAD, 64 * 2**20))


def keep_freed_memory() -> bool:
    """Applies the settings in this process; False where the C library is not glibc or refuses one of
    them (the settings before it stay applied: each only changes speed, never results)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return all(mallopt(param, value) == 1 for param, value in _SETTINGS)
