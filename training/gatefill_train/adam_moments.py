"""Adam's second moments in one byte per parameter, so the compact checkpoint in git carries them from
one session to the next.

Why: a session on two cores trains 700-1,300 steps, and with beta2 = 0.999 the second moment averages
over ~1,000 steps, so after every restart of Adam it never settled, and each restart was followed by
a loss of 0.04-0.15 dB on the learning curve (README, sessions 6-8). The first moment (beta1 = 0.5) forgets in a few steps and is
not kept. What is kept is sqrt(v), the per-parameter step scale, as a logarithm quantised to 255 levels
between the tensor's smallest and largest non-zero value (code 0 = exactly zero): about 4 % relative
error over a range of 30 octaves, 1 byte instead of 4 (G + D of the width-32 model: 7.8 MB).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional

import torch
from torch import Tensor

FORMAT = "adam-sqrt-v-log8-1"
_LEVELS = 254  # codes 1..255 cover [lo, hi] in log2; 0 is zero


def _encode(v: Tensor) -> Dict[str, Any]:
    v = v.detach().float().cpu()
    if not bool(torch.isfinite(v).all()):
        # One inf would make every other value decode to NaN; a diverged run should not be carried on.
        raise ValueError("Adam's second moments hold inf or NaN: the run diverged, nothing to carry over")
    s = v.clamp_min(0).sqrt().flatten()
    nonzero = s > 0
    codes = torch.zeros(s.numel(), dtype=torch.uint8)
    lo = hi = 0.0
    if bool(nonzero.any()):
        logs = s[nonzero].log2()
        lo, hi = float(logs.min()), float(logs.max())
        span = max(hi - lo, 1e-12)
        codes[nonzero] = (1 + ((logs - lo) / span * _LEVELS).round()).to(torch.uint8)
    return {"codes": codes.reshape(v.shape), "lo": lo, "hi": hi}


def _decode(packed: Dict[str, Any]) -> Tensor:
    codes = packed["codes"]
    lo, hi = packed["lo"], packed["hi"]
    s = torch.pow(2.0, lo + (codes.float() - 1) / _LEVELS * (hi - lo))
    return torch.where(codes > 0, s * s, torch.zeros_like(s))


def pack(optimizer_state: Dict[str, Any]) -> Dict[str, Any]:
    """The step count and quantised second moments of an Adam ``state_dict()``, by parameter index (one
    step count for all: every parameter of G and of D is stepped together)."""
    states = optimizer_state["state"]
    steps = {int(float(s["step"])) for s in states.values() if "step" in s}
    return {"format": FORMAT, "step": max(steps) if steps else 0,
            "sqrt_v": {int(i): _encode(s["exp_avg_sq"]) for i, s in states.items() if "exp_avg_sq" in s}}


def unpack(packed: Dict[str, Any], optimizer: torch.optim.Optimizer,
           reshape: Optional[Callable[[Dict[int, Tensor]], Dict[int, Tensor]]] = None) -> Dict[str, Any]:
    """A ``state_dict()`` for ``optimizer`` (its own parameter groups and rate): the saved step count and
    second moments, zero first moments (they rebuild in a few steps). ``reshape`` maps the decoded
    moments (by parameter index) to those of a changed network, e.g. a grown generator."""
    if packed.get("format") != FORMAT:
        raise ValueError(f"unknown Adam moments format {packed.get('format')!r}")
    params = [p for group in optimizer.param_groups for p in group["params"]]
    decoded = {int(i): _decode(enc) for i, enc in packed["sqrt_v"].items()}
    if reshape is not None:
        decoded = reshape(decoded)
    state = {}
    for i, v in decoded.items():
        if i >= len(params) or tuple(v.shape) != tuple(params[i].shape):
            raise ValueError(f"saved Adam moments do not fit parameter {i}")
        v = v.to(params[i].device)
        state[i] = {"step": torch.tensor(float(packed["step"])), "exp_avg": torch.zeros_like(v), "exp_avg_sq": v}
    return {"state": state, "param_groups": optimizer.state_dict()["param_groups"]}
