#!/usr/bin/python3
"""Static int8 quantisation of the shipped generator's convolutions, measured, not shipped (issue 15).

Every nn.Conv2d is wrapped in quantise -> int8 convolution (oneDNN, per-channel weights, histogram
observers) -> dequantise, calibrated on validation photos with their object holes; gates, activations,
contextual attention and the upsampling stay float32. Compares, side by side in one process with
alternating runs, the 512x512 forward time and the composited fill against the float32 generator
(PSNR of int8 vs float32 inside the hole, and each against the original photo). Writes a Markdown table.

    /usr/bin/python3 training/try_int8.py --set /work/evalset/512/objects --out docs/bench/int8.md
"""
from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

import cv2

from gatefill_train.export import generator_from_model

HERE = Path(__file__).resolve().parent


class QuantisedConv(nn.Module):
    def __init__(self, conv: nn.Conv2d) -> None:
        super().__init__()
        self.quant = torch.ao.quantization.QuantStub()
        self.conv = conv
        self.dequant = torch.ao.quantization.DeQuantStub()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dequant(self.conv(self.quant(x)))


def wrap_convs(module: nn.Module) -> None:
    for name, child in module.named_children():
        if isinstance(child, nn.Conv2d):
            setattr(module, name, QuantisedConv(child))
        else:
            wrap_convs(child)


def load_set(folder: Path, limit: int):
    images = sorted((folder / "images").glob("*.png"))[:limit]
    out = []
    for path in images:
        rgb = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB).astype(np.float32) / 127.5 - 1
        hole = (cv2.imread(str(folder / "masks" / path.name), cv2.IMREAD_GRAYSCALE) >= 128).astype(np.float32)
        out.append((torch.from_numpy(rgb).permute(2, 0, 1)[None], torch.from_numpy(hole)[None, None]))
    return out


def psnr_in_hole(a: torch.Tensor, b: torch.Tensor, hole: torch.Tensor) -> float:
    d = ((a - b) / 2) ** 2 * hole  # [-1,1] -> [0,1]
    mse = float(d.sum() / (hole.sum() * 3))
    return 10 * np.log10(1.0 / max(mse, 1e-12))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=str(HERE.parent / "models" / "gatefill.pt"))
    ap.add_argument("--set", required=True, help="an evaluation set folder (images/, masks/) at 512 px")
    ap.add_argument("--out", required=True)
    ap.add_argument("--calibration", type=int, default=8)
    ap.add_argument("--cases", type=int, default=12)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.backends.quantized.engine = "onednn"
    fp32, _ = generator_from_model(args.model)
    int8, _ = generator_from_model(args.model)
    wrap_convs(int8)
    int8.qconfig = torch.ao.quantization.get_default_qconfig("onednn")
    torch.ao.quantization.prepare(int8, inplace=True)
    cases = load_set(Path(args.set), args.calibration + args.cases)
    calibration, test = cases[:args.calibration], cases[args.calibration:]
    with torch.no_grad():
        for image, hole in calibration:
            int8(image, hole, torch.zeros_like(hole))
    torch.ao.quantization.convert(int8, inplace=True)

    rows, times = [], {"float32": [], "int8": []}
    with torch.no_grad():
        for image, hole in test:
            sketch = torch.zeros_like(hole)
            outs = {}
            for name, g in (("float32", fp32), ("int8", int8), ("float32", fp32), ("int8", int8)):
                t0 = time.perf_counter()
                y = g(image, hole, sketch)
                times[name].append(time.perf_counter() - t0)
                outs[name] = image * (1 - hole) + y * hole
            rows.append((psnr_in_hole(outs["int8"], outs["float32"], hole),
                         psnr_in_hole(outs["float32"], image, hole), psnr_in_hole(outs["int8"], image, hole)))
    r = np.array(rows)
    t32, t8 = np.median(times["float32"]) * 1000, np.median(times["int8"]) * 1000
    lines = [
        "# Static int8 convolutions (issue 15, item 3): measured, not shipped", "",
        f"`training/try_int8.py`, {dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}: "
        f"PyTorch {torch.__version__} eager mode, oneDNN (the quantised engine Debian's build has; no fbgemm), {args.threads} threads; every convolution of the "
        f"shipped generator quantised to int8 (per-channel weights, histogram activation observers, calibrated "
        f"on {len(calibration)} validation photos with object holes), the rest float32. {len(test)} other "
        "validation photos at 512x512 with their object holes; float32 and int8 runs alternate. PSNR inside "
        "the hole, composited, [0,1].", "",
        "| figure | float32 | int8 |", "|---|---|---|",
        f"| forward, median ms | {t32:.0f} | {t8:.0f} ({t8 / t32:.2f}x) |",
        f"| PSNR vs the original photo, mean dB | {r[:, 1].mean():.2f} | {r[:, 2].mean():.2f} |",
        f"| PSNR of int8 vs float32 fill, mean / worst dB | - | {r[:, 0].mean():.1f} / {r[:, 0].min():.1f} |", "",
    ]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
