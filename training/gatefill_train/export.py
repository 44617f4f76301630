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
from .generator import GATE_LAYERS, Generator, GateView, count_parameters
from .checkpointing import phase_of

ARCHITECTURE = ("DeepFill v2 generator (Yu et al., Free-Form Image Inpainting with Gated Convolution, "
                "ICCV 2019): coarse network + refinement network with dilated and contextual-attention "
                "branches")

CONTRACT = {
    "forward": "forward(image, mask, sketch) -> prediction",
    "image": "[N,3,H,W] float32 RGB in [-1,1]",
    "mask": "[N,1,H,W] float32, 1 = hole to fill, 0 = keep",
    "sketch": "[N,1,H,W] float32, 1 = guidance stroke, 0 = none (all zeros when there is no sketch)",
    "output": "[N,3,H,W] float32 RGB in [-1,1], the refined prediction at every pixel",
    "size_multiple": 8,
    "composite": "result = image*(1-mask) + prediction*mask (done by the caller)",
}


def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


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
                 parity_size: tuple[int, int] = (64, 96), freeze: bool = True) -> Dict[str, Any]:
    """Scripts and saves the generator and its gate view, checks parity, writes and returns the card."""
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
    h, w = parity_size
    gen = torch.Generator().manual_seed(0)
    image = torch.rand(1, 3, h, w, generator=gen) * 2 - 1
    mask = torch.zeros(1, 1, h, w)
    mask[:, :, h // 4: 3 * h // 4, w // 4: w // 2] = 1
    sketch = torch.zeros(1, 1, h, w)
    sketch[:, :, h // 2, w // 4: w // 2] = 1
    loaded = torch.jit.load(str(out_pt))
    with torch.no_grad():
        parity = float((loaded(image, mask, sketch) - g(image, mask, sketch)).abs().max())
        gate_maps = torch.jit.load(str(gates_pt))(image, mask, sketch)
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
                   "created_utc": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()},
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
