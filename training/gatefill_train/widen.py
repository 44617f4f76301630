"""Growing a trained gated generator to a larger width (``cnum``) without losing what it has learnt.

Why: at width 32 the long run's validation scores stopped moving (steps 19,122-21,598 within +-0.07 dB
on every set, and averaging four checkpoints 750 steps apart gained at most 0.04 dB), so it is short of
capacity, not of averaging. Starting a wider network from scratch would throw away ~20,000 steps.

How (in the manner of Net2Net's function-preserving growth, Chen et al. 2016, with zero fan-in instead
of duplicated units): every layer keeps its old channels first, in the old order, and gains new ones
after them (a gated layer's features and gates each grow, so its convolution's rows are
[old features, new features, old gates, new gates]). The old rows keep their weights and read nothing
from the new input channels (those columns are zero), so every old channel computes exactly what it
did, up to the generator's output. The new rows start from the layer's ordinary initialisation and
learn from there: their consumers' columns start at zero but get gradients, as their outputs are not
zero. One exception: the features the contextual attention compares (the last layer of
``refine_attn_in``) feed a cosine similarity over all channels, so there the new channels start
``ATTENTION_NEW_SCALE`` times their initial size, which moves the similarities by about its square.
"""
from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

import torch
from torch import Tensor

from .generator import Generator

ATTENTION_NEW_SCALE = 1e-3


def _positions(old: int, new: int, gated: bool) -> List[int]:
    """Where a layer's old convolution rows go among the new rows (old channels first in each half)."""
    if not gated:
        return list(range(old))
    return list(range(old)) + [new + j for j in range(old)]


def _layer_channels(g: Generator) -> List[Tuple[str, object, Sequence[str]]]:
    """(name, layer, names of the layers whose outputs it reads, concatenated in order); '' = network input."""
    out: List[Tuple[str, object, Sequence[str]]] = []
    for stage in ("coarse", "refine_conv", "refine_attn_in", "refine_attn_out", "refine_decoder"):
        for i, layer in enumerate(getattr(g, stage)):
            if i > 0:
                inputs: Sequence[str] = [f"{stage}.{i - 1}"]
            elif stage == "refine_attn_out":
                inputs = [f"refine_attn_in.{len(g.refine_attn_in) - 1}"]  # through the attention
            elif stage == "refine_decoder":
                inputs = [f"refine_conv.{len(g.refine_conv) - 1}", f"refine_attn_out.{len(g.refine_attn_out) - 1}"]
            else:
                inputs = [""]  # image channels or the coarse result: never widened
            out.append((f"{stage}.{i}", layer, inputs))
    return out


Placement = Tuple[Tensor, Tensor]  # (rows, columns) of the new tensor where the old entries go


def _put(target: Tensor, old: Tensor, rows: Tensor, cols: Tensor) -> None:
    """Writes a conv weight's (or bias's) old entries where they go in the grown tensor."""
    if target.dim() == 1:
        target[rows] = old
    else:
        target[rows[:, None], cols[None, :]] = old


def _placements(old: Generator, new: Generator) -> Dict[str, Placement]:
    """For each convolution of ``new`` (by layer name): where its old weight's rows and columns go."""
    if new.conv_type != "gated" or old.conv_type != "gated":
        raise ValueError("width growth is defined for gated convolutions")
    if (old.use_sketch, old.refine_sketch) != (new.use_sketch, new.refine_sketch) or new.cnum < old.cnum:
        raise ValueError(f"cannot grow cnum={old.cnum} sketch={old.use_sketch}/{old.refine_sketch} into "
                         f"cnum={new.cnum} sketch={new.use_sketch}/{new.refine_sketch}")
    old_layers = {name: layer for name, layer, _ in _layer_channels(old)}
    new_layers = {name: layer for name, layer, _ in _layer_channels(new)}
    out: Dict[str, Placement] = {}
    for name, layer, inputs in _layer_channels(new):
        before = old_layers[name]
        if inputs == [""]:
            cols = list(range(before.conv.in_channels))
        else:
            cols, offset = [], 0
            for source in inputs:
                cols += [offset + j for j in range(old_layers[source].out_channels)]
                offset += new_layers[source].out_channels
        rows = _positions(before.out_channels, layer.out_channels, layer.gated)
        out[name] = (torch.tensor(rows), torch.tensor(cols))
    return out


def widen_generator_state(old_state: Dict[str, Tensor], old: Generator, new: Generator) -> Dict[str, Tensor]:
    """``new``'s state dict carrying ``old_state`` (weights of a generator shaped like ``old``), with the
    new channels as described above; ``new``'s own (freshly initialised) weights supply the new rows."""
    out = {k: v.detach().clone().float() for k, v in new.state_dict().items()}
    attention_features = f"refine_attn_in.{len(new.refine_attn_in) - 1}"
    for name, (rows, cols) in _placements(old, new).items():
        w, b = out[f"{name}.conv.weight"], out[f"{name}.conv.bias"]
        if name == attention_features:
            fresh = torch.ones(w.shape[0], dtype=torch.bool)
            fresh[rows] = False
            w[fresh] *= ATTENTION_NEW_SCALE
        w[rows] = 0.0  # old rows read nothing from the new input channels, and the old ones as before
        _put(w, old_state[f"{name}.conv.weight"].float(), rows, cols)
        _put(b, old_state[f"{name}.conv.bias"].float(), rows, cols)
    return out


def grow_second_moments(old_moments: Dict[str, Tensor], old: Generator, new: Generator) -> Dict[str, Tensor]:
    """Adam's second moments (by parameter name) for the grown generator: the old values where the old
    weights went, and each tensor's mean of them for the new weights. Zeros there would make Adam's
    first steps on the new weights ~16x the usual size, as the run's step count has long removed the
    bias correction that a fresh optimiser relies on."""
    shapes = {k: v.shape for k, v in new.state_dict().items()}
    out: Dict[str, Tensor] = {}
    for name, (rows, cols) in _placements(old, new).items():
        for kind in ("weight", "bias"):
            key = f"{name}.conv.{kind}"
            v = old_moments[key].float()
            out[key] = torch.full(shapes[key], float(v.mean()))
            _put(out[key], v, rows, cols)
    return out


def narrow_twin(new: Generator, old_cnum: int) -> Generator:
    """A generator like ``new`` at width ``old_cnum``: the shape of a checkpoint's weights before growth."""
    return Generator(old_cnum, new.conv_type, new.use_sketch, new.refine_sketch)


def grow_generator(old_state: Dict[str, Tensor], old_cnum: int, new: Generator) -> Dict[str, Tensor]:
    """``widen_generator_state`` for a checkpoint's generator weights of width ``old_cnum``."""
    return widen_generator_state(old_state, narrow_twin(new, old_cnum), new)
