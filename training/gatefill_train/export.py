"""Export to the model contract: a TorchScript generator, its gate-map module and the JSON card.

Files written for ``<dir>/<name>.pt``:
    <name>.pt        torch.jit.script(Generator) in eval mode; forward(image, mask, sketch) -> prediction
    <name>.gates.pt  torch.jit.script(GateView); forward(image, mask, sketch) -> [N,K,H,W] gate maps in (0,1)
    <name>.json      the card (contract version, architecture, data, figures, SHA-256 of both files)

The modules are scripted, not traced (the contextual attention's shapes depend on the input size), and
not passed through optimize_for_inference, which rewrites convolutions into MKLDNN-specific ops that other
libtorch builds (DJL's) need not accept. Freezing (weights inlined as constants, still plain aten ops) is
the default: in DJL's libtorch the frozen generator gives bit-identical outputs and is 0-6 % faster
(side by side in one JVM, src/test/java/io/gatefill/tools/ForwardComparison: 256x256 0.95-0.96x,
512x512 0.94x under load and 1.00x on a quieter machine).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import torch

from . import CONTRACT_VERSION
from .generator import EXACT_MARGIN_PX, GATE_LAYERS, Generator, GateView, count_parameters
from .checkpointing import phase_of

ARCHITECTURE = ("DeepFill v2 generator (Yu et al., Free-Form Image Inpainting with Gated Convolution, "
                "ICCV 2019): coarse network + refinement network with dilated and contextual-attention "
                "branches")

# A re-export (generator_from_model) must reproduce the file's outputs this closely.
REEXPORT_TOLERANCE = 1e-5
# Parity checks run at this size: its hole needs about half of the attention's query cells, so the
# exported module's near-hole attention is the path compared (at 64x96 it would fall back to the
# full computation).
PARITY_SIZE = (192, 256)

CONTRACT = {
    "forward": "forward(image, mask, sketch) -> prediction",
    "image": "[N,3,H,W] float32 RGB in [-1,1]",
    "mask": "[N,1,H,W] float32, 1 = hole to fill, 0 = keep",
    "sketch": "[N,1,H,W] float32, 1 = guidance stroke, 0 = none (all zeros when there is no sketch)",
    "output": "[N,3,H,W] float32 RGB in [-1,1], the refined prediction; defined within 8 px of the hole "
              "(farther out the attention branch is skipped and the values are not a prediction)",
    "size_multiple": 8,
    "composite": "result = image*(1-mask) + prediction*mask (done by the caller)",
}


def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def parity_input(size: tuple[int, int]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """A fixed contract input of ``size`` (h, w) with a hole and a sketch stroke in it."""
    h, w = size
    gen = torch.Generator().manual_seed(0)
    image = torch.rand(1, 3, h, w, generator=gen) * 2 - 1
    mask = torch.zeros(1, 1, h, w)
    mask[:, :, h // 4: 3 * h // 4, w // 4: w // 2] = 1
    sketch = torch.zeros(1, 1, h, w)
    sketch[:, :, h // 2, w // 4: w // 2] = 1
    return image, mask, sketch


def max_difference(a: torch.nn.Module, b: torch.nn.Module, size: tuple[int, int] = PARITY_SIZE) -> float:
    """Largest difference of two generators' predictions where the contract defines them: within
    EXACT_MARGIN_PX of the hole (farther out, inference skips the attention branch); NaN or infinity
    there gives infinity."""
    image, mask, sketch = parity_input(size)
    near = torch.nn.functional.max_pool2d(mask, 2 * EXACT_MARGIN_PX + 1, 1, EXACT_MARGIN_PX) > 0
    with torch.no_grad():
        diff = torch.where(near, (a(image, mask, sketch) - b(image, mask, sketch)).abs(), torch.zeros(()))
    return float(diff.max()) if bool(torch.isfinite(diff).all()) else float("inf")


def _atomic_save_script(module: torch.jit.ScriptModule, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    module.save(str(tmp))
    os.replace(tmp, path)


def generator_from_checkpoint(path: str | os.PathLike, use_ema: bool = True) -> tuple[Generator, Dict[str, Any]]:
    """Rebuilds the generator of a training (full or compact) checkpoint, CPU, eval mode, and returns it
    with the checkpoint: the weight average when the run kept one and ``use_ema``, else the raw weights."""
    from .checkpointing import load_trusted
    ckpt = load_trusted(path)
    m = ckpt["model"]
    g = Generator(m["cnum"], m["conv_type"], m["use_sketch"], m.get("refine_sketch", False))
    weights = ckpt["G_ema"] if use_ema and ckpt.get("G_ema") else ckpt["G"]
    g.load_state_dict(weights)  # copies into float32 parameters, also from a compact float16 checkpoint
    ckpt["exported_weights"] = "ema" if weights is ckpt.get("G_ema") else "raw"
    return g.eval(), ckpt


# Card fields that export_model derives from the module and files; everything else in a card describes
# the weights (training, data, evaluation, licence, ...) and survives a re-export.
DERIVED_CARD_FIELDS = ("contract_version", "name", "file", "sha256", "architecture", "conv_type", "cnum",
                       "parameters", "input_channels", "sketch", "sketch_inputs", "contract", "gate_layers",
                       "export", "training_resolution", "images_seen", "cpu_hours")


def generator_from_model(model_path: str | os.PathLike) -> tuple[Generator, Dict[str, Any]]:
    """Rebuilds the eager generator of an exported model (``<name>.pt`` beside its card) and returns it
    with the card, so that a shipped model can be exported again after a change to the code that keeps
    its function (the training checkpoint it came from may be gone, or stored in float16 only).

    Unfrozen files carry a state dict. Frozen ones carry the weights as constants of their graph: the
    graph's conv2d calls run in the order the generator's convolutions do, so the i-th call's weight
    and bias belong to the i-th ``nn.Conv2d`` module; shapes are checked one by one.
    """
    model_path = Path(model_path)
    card = json.loads(model_path.with_suffix(".json").read_text(encoding="utf-8"))
    g = Generator(card["cnum"], card["conv_type"], card["sketch"], "refinement" in card.get("sketch_inputs", []))
    scripted = torch.jit.load(str(model_path), map_location="cpu")
    state = scripted.state_dict()
    if state:
        g.load_state_dict(state)
        return g.eval(), card  # an unfrozen file runs the code it was scripted from: nothing to compare
    convs = [m for m in g.modules() if isinstance(m, torch.nn.Conv2d)]
    calls = [n for n in scripted.graph.nodes() if n.kind() == "aten::conv2d"]
    if len(calls) != len(convs):
        raise ValueError(f"{model_path}: {len(calls)} convolutions in the graph, the generator has {len(convs)}")
    with torch.no_grad():
        for i, (conv, call) in enumerate(zip(convs, calls)):
            weight, bias = (call.inputsAt(k).toIValue() for k in (1, 2))
            if not isinstance(weight, torch.Tensor) or weight.shape != conv.weight.shape:
                raise ValueError(f"{model_path}: convolution {i} has weight {getattr(weight, 'shape', weight)}, "
                                 f"expected {tuple(conv.weight.shape)}")
            conv.weight.copy_(weight)
            if (bias is None) != (conv.bias is None) or (bias is not None and bias.shape != conv.bias.shape):
                raise ValueError(f"{model_path}: convolution {i}'s bias does not match the generator's")
            if bias is not None:
                conv.bias.copy_(bias)
    g.eval()
    difference = max_difference(scripted, g)
    if difference > REEXPORT_TOLERANCE:
        raise ValueError(f"{model_path}: the current code computes a different function with its weights "
                         f"(max |difference| {difference:.3g} > {REEXPORT_TOLERANCE}); export from a checkpoint")
    return g, card


def gate_layer_card(name: str) -> Dict[str, Any]:
    resolutions = {"coarse.conv1": "1/1", "coarse.conv2_downsample": "1/2", "coarse.conv7_atrous": "1/4",
                   "coarse.conv16": "1/1", "refine.xconv1": "1/1"}
    return {
        "file": f"{name}.gates.pt",
        "output": "[N,K,H,W] float32 in (0,1), channel order as in 'layers'",
        "reduction": "mean over the layer's gate channels, nearest-neighbour upsampled to the input size "
                     "(partial convolution: its updated binary mask; vanilla: ones)",
        "layers": [{"index": i, "name": n, "resolution": resolutions.get(n, "?")}
                   for i, (_, _, n) in enumerate(GATE_LAYERS)],
    }


def export_model(generator: Generator, out_pt: str | os.PathLike, card_extra: Dict[str, Any],
                 parity_size: tuple[int, int] = PARITY_SIZE, freeze: bool = True,
                 export_extra: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Scripts and saves the generator and its gate view, checks parity, writes and returns the card
    (``export_extra`` goes into its ``export`` record)."""
    out_pt = Path(out_pt)
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    name = out_pt.name[:-3] if out_pt.name.endswith(".pt") else out_pt.name
    g = generator.cpu().eval()
    gates_pt = out_pt.with_name(f"{name}.gates.pt")
    scripted = torch.jit.script(g)
    gate_view = torch.jit.script(GateView(g).eval())
    if freeze:
        scripted = torch.jit.freeze(scripted)
        gate_view = torch.jit.freeze(gate_view)
    _atomic_save_script(scripted, out_pt)
    _atomic_save_script(gate_view, gates_pt)

    # Parity: the file on disk against the eager module, on an input with a hole and a sketch.
    parity = max_difference(torch.jit.load(str(out_pt)), g, parity_size)
    with torch.no_grad():
        gate_maps = torch.jit.load(str(gates_pt))(*parity_input(parity_size))
    if parity > 1e-4:
        raise RuntimeError(f"scripted and eager generator differ by {parity}")

    card: Dict[str, Any] = {
        "contract_version": CONTRACT_VERSION,
        "name": name,
        "file": out_pt.name,
        "sha256": sha256_file(out_pt),
        "architecture": ARCHITECTURE,
        "conv_type": g.conv_type,
        "cnum": g.cnum,
        "parameters": count_parameters(g),
        "input_channels": g.in_channels,
        "sketch": g.use_sketch,
        "sketch_inputs": (["coarse", "refinement"] if g.refine_sketch else ["coarse"]) if g.use_sketch else [],
        "contract": CONTRACT,
        "gate_layers": {**gate_layer_card(name), "sha256": sha256_file(gates_pt),
                        "count": int(gate_maps.shape[1])},
        "export": {"torch": torch.__version__, "scripted": True, "frozen": freeze,
                   "parity_max_abs_vs_eager": parity,
                   "created_utc": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
                   **(export_extra or {})},
    }
    card.update(card_extra)
    training = card.get("training") or {}
    # Flat copies of the figures every consumer needs, so readers need not know the nested layout.
    card["training_resolution"] = training.get("resolution")
    card["images_seen"] = int(training.get("images_seen") or 0)
    card["cpu_hours"] = float(training.get("cpu_hours") or 0.0)
    card_path = out_pt.with_name(f"{name}.json")
    tmp = card_path.with_name(card_path.name + ".tmp")
    tmp.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, card_path)
    return card


def data_sources_from_manifest(manifest_path: str | os.PathLike, split: str = "train") -> List[Dict[str, Any]]:
    """Per-package photo counts and licences of the corpus a model was trained on."""
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    out: List[Dict[str, Any]] = []
    for pkg, info in manifest["packages"].items():
        files = [f for f in manifest["files"] if f["package"] == pkg and f["split"] == split]
        licences: Dict[str, int] = {}
        for f in files:
            licences[f["licence"]] = licences.get(f["licence"], 0) + 1
        out.append({"debian_package": pkg, "version": info["version"], "photos": len(files),
                    "licences": licences})
    return out


def training_card(ckpt: Dict[str, Any], manifest: Optional[str], evaluation: Optional[Dict[str, Any]],
                  licence: str, licence_note: str) -> Dict[str, Any]:
    args = ckpt.get("args", {})
    return {
        "training": {
            "init": "trained",
            "resolution": int(ckpt["model"].get("crop", args.get("crop", 0))),
            "steps": int(ckpt["step"]),
            "images_seen": int(ckpt["images_seen"]),
            "cpu_hours": round(float(ckpt["cpu_seconds"]) / 3600, 3),
            "wall_hours": round(float(ckpt.get("wall_seconds", 0.0)) / 3600, 3),
            "processes": int(ckpt.get("world", 1)),
            "batch_per_process": args.get("batch"),
            "l1_only_warmup_steps": args.get("warmup_steps"),
            "sketch_empty_share": None if args.get("no_sketch") else args.get("sketch_empty"),
            "loss": "L1(coarse) + L1(refined) + gan_weight x SN-PatchGAN hinge (DeepFill v2: image L1, "
                    "weight 1) + ssim_weight x (1 - SSIM over the hole of the composited result; 0 in "
                    "DeepFill v2); l1_region 'hole' averages the L1 terms over hole pixels only",
            "optimizer": "Adam betas (0.5, 0.999), lr per phase",
            "schedule": ckpt.get("phases") or [phase_of(args, 0)],
            "weights": (f"exponential moving average of the generator weights, decay {args.get('ema_decay')}"
                        if ckpt.get("exported_weights") == "ema" else "last step's weights"),
            "discriminator_cnum": ckpt["model"].get("d_cnum"),
        },
        "data": {"sources": data_sources_from_manifest(manifest) if manifest else [],
                 "manifest": "training/corpus_manifest.json" if manifest else None},
        "evaluation": evaluation,
        "licence": licence,
        "licence_note": licence_note,
    }
