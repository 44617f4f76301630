"""Channels-last training: chosen where it was measured to pay, and the same training as NCHW."""
import warnings

import pytest
import torch

from gatefill_train.export import generator_from_checkpoint
from gatefill_train.checkpointing import save_compact
from gatefill_train.state import uses_channels_last
from gatefill_train.trainer import run

from test_train import TINY

SHORT_RUN = TINY + ["--warmup-steps", "1", "--ckpt-every", "100", "--ema-decay", "0.9"]


@pytest.mark.parametrize("choice, dtype, device, expected", [
    ("auto", torch.bfloat16, "cpu", True),
    ("auto", None, "cpu", False),
    ("auto", torch.bfloat16, "cuda", False),
    ("on", None, "cuda", True),
    ("off", torch.bfloat16, "cpu", False),
])
def test_channels_last_follows_bf16_on_the_cpu_unless_asked(choice, dtype, device, expected) -> None:
    assert uses_channels_last(choice, dtype, device) is expected


def test_a_channels_last_run_trains_as_the_nchw_run_and_exports_alike(photo_dir, tmp_path) -> None:
    states = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for layout in ("off", "on"):
            states[layout] = run(["--data", str(photo_dir), "--out", str(tmp_path / layout), "--steps", "3",
                                  "--channels-last", layout] + SHORT_RUN)
    nchw, nhwc = states["off"], states["on"]
    conv = next(p for p in nhwc.G.parameters() if p.dim() == 4)
    assert conv.is_contiguous(memory_format=torch.channels_last) and not conv.is_contiguous()
    assert all(p.is_contiguous() for p in nchw.G.parameters())
    assert nhwc.memory_format == torch.channels_last and nhwc.step == nchw.step == 3
    lr = nchw.opt_g.param_groups[0]["lr"]
    for name, a in nchw.G.state_dict().items():
        # Adam's first steps move each weight by about lr whatever its gradient's size, so a gradient near
        # zero that the other summation order gives the other sign can differ by 2 lr per step.
        assert torch.allclose(a, nhwc.G.state_dict()[name], rtol=1e-4, atol=6 * lr), name
    # A compact checkpoint of the NHWC run rebuilds a plain (NCHW) generator with the same weights.
    exported, _ = generator_from_checkpoint(save_compact(tmp_path / "on" / "last.pt", tmp_path / "c.pt"))
    for name, a in exported.state_dict().items():
        assert a.is_contiguous()
        assert torch.allclose(a, nhwc.G_ema.state_dict()[name].float(), atol=2e-3 * max(1.0, float(a.abs().max())))
