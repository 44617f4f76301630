"""Where the generator's forward pass spends its time: per part, with each part's arithmetic (GFLOP) and
rate (GFLOP/s) beside the matrix-product rate of the same machine measured in the same run.

Parts follow the network (see generator.py): the coarse network, the refinement's dilated-convolution
branch, the attention branch's convolutions before and after contextual attention, contextual attention
itself, and the refinement decoder. Layers are timed with forward hooks, contextual attention by wrapping
the function the generator calls, so the measured network is exactly the one that is exported.
"""
from __future__ import annotations

import inspect
import statistics
import time
from contextlib import contextmanager
from typing import Callable, Dict, Iterator, List

import torch
from torch import Tensor, nn

from . import generator as generator_module
from .attention import contextual_attention, near_hole_cells
from .generator import Generator

PARTS = ("coarse", "refine_conv", "refine_attn_in", "contextual_attention", "refine_attn_out", "refine_decoder")


def conv_flops(conv: nn.Conv2d, out: Tensor) -> float:
    """Multiply-adds counted as two operations: 2 * Cin/groups * kh * kw per output element."""
    kh, kw = conv.kernel_size
    return 2.0 * conv.in_channels / conv.groups * kh * kw * out.numel()


def attention_flops(c: int, height: int, width: int, ksize: int = 3, rate: int = 2, cells: int = -1) -> float:
    """The two batched products of contextual_attention on an [1,c,height,width] map (the rest is linear in
    the score matrix): scores [L, c*k*k] x [c*k*k, M] and reconstruction [c*(2*rate)^2, L] x [L, M], for M
    ``cells`` query cells (-1: all HW of them)."""
    hw = (height // rate) * (width // rate)
    m = hw if cells < 0 else cells
    return 2.0 * hw * c * ksize * ksize * m + 2.0 * c * (2 * rate) ** 2 * hw * m


def attention_cells(mask: Tensor, args: tuple) -> int:
    """How many query cells contextual_attention computes for these arguments (-1: all of them)."""
    near = args[4] if len(args) > 4 else -1
    restrict_below = args[5] if len(args) > 5 else \
        inspect.signature(contextual_attention).parameters["restrict_below"].default
    if near < 0:
        return -1
    needed = int(near_hole_cells(mask, near).sum())
    hw = (mask.shape[2] // 2) * (mask.shape[3] // 2)
    return needed if needed <= restrict_below * hw else -1


class _Clock:
    """Accumulates seconds and FLOP per part over one forward pass."""

    def __init__(self) -> None:
        self.seconds: Dict[str, float] = {p: 0.0 for p in PARTS}
        self.flops: Dict[str, float] = {p: 0.0 for p in PARTS}
        self._started: Dict[int, float] = {}


@contextmanager
def _instrumented(g: Generator, clock: _Clock) -> Iterator[None]:
    handles = []
    for part in PARTS:
        if part == "contextual_attention":
            continue
        for layer in getattr(g, part):
            def pre(module, _inputs, key=id(layer)):
                clock._started[key] = time.perf_counter()

            def post(module, _inputs, _output, key=id(layer), part=part):
                clock.seconds[part] += time.perf_counter() - clock._started.pop(key)

            handles.append(layer.register_forward_pre_hook(pre))
            handles.append(layer.register_forward_hook(post))
            for conv in layer.modules():
                if isinstance(conv, nn.Conv2d):
                    def count(module, _inputs, output, part=part):
                        clock.flops[part] += conv_flops(module, output)
                    handles.append(conv.register_forward_hook(count))
    original: Callable = generator_module.contextual_attention

    def timed_attention(f: Tensor, b: Tensor, mask: Tensor, *args) -> Tensor:
        t = time.perf_counter()
        out = original(f, b, mask, *args)
        clock.seconds["contextual_attention"] += time.perf_counter() - t
        clock.flops["contextual_attention"] += attention_flops(f.shape[1], f.shape[2], f.shape[3],
                                                               cells=attention_cells(mask, args))
        return out

    generator_module.contextual_attention = timed_attention
    try:
        yield
    finally:
        generator_module.contextual_attention = original
        for h in handles:
            h.remove()


def matmul_rate(n: int = 2048, repeats: int = 3) -> float:
    """GFLOP/s of a float32 n x n x n matrix product at the current thread count (the median of repeats)."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - t)
    return 2.0 * n ** 3 / statistics.median(times) / 1e9


def object_hole_inputs(size: int, seed: int = 0) -> List[Tensor]:
    """A random photo, a centred rectangular hole of a quarter of the area, no sketch."""
    gen = torch.Generator().manual_seed(seed)
    image = torch.rand(1, 3, size, size, generator=gen) * 2 - 1
    mask = torch.zeros(1, 1, size, size)
    mask[..., size // 4: 3 * size // 4, size // 4: 3 * size // 4] = 1
    return [image, mask, torch.zeros(1, 1, size, size)]


def profile(g: Generator, size: int, repeats: int = 3) -> Dict[str, object]:
    """Median seconds per part (and in all) over ``repeats`` passes after a warm-up, the FLOP per part,
    and the matrix-product rate measured between the passes; all at torch's current thread count."""
    inputs = object_hole_inputs(size)
    with torch.no_grad():
        g(*inputs)
        runs: List[_Clock] = []
        totals: List[float] = []
        rates: List[float] = []
        for _ in range(repeats):
            rates.append(matmul_rate())
            clock = _Clock()
            with _instrumented(g, clock):
                t = time.perf_counter()
                g(*inputs)
                totals.append(time.perf_counter() - t)
            runs.append(clock)
    rate = statistics.median(rates)
    parts = {}
    for part in PARTS:
        seconds = statistics.median(r.seconds[part] for r in runs)
        gflop = runs[0].flops[part] / 1e9
        gflops = gflop / seconds if seconds > 0 else 0.0
        parts[part] = {"ms": seconds * 1e3, "gflop": gflop, "gflop_per_s": gflops,
                       "share_of_matmul_rate": gflops / rate}
    total = statistics.median(totals)
    mask_q = torch.nn.functional.max_pool2d(inputs[1], kernel_size=4, stride=4)  # as the generator passes it
    cells = attention_cells(mask_q, (3, 2, 3, 10.0, -1 if g.training else g.attention_near))
    hw = (mask_q.shape[2] // 2) * (mask_q.shape[3] // 2)
    gflop = sum(p["gflop"] for p in parts.values())
    return {"size": size, "threads": torch.get_num_threads(), "total_ms": total * 1e3, "gflop": gflop,
            "gflop_per_s": gflop / total, "matmul_gflop_per_s": rate, "parts": parts,
            "attention_cells_share": 1.0 if cells < 0 else cells / hw}
