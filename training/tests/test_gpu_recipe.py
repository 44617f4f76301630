"""The GPU recipe's CPU path: pack a tiny corpus, train through the same script for a few seconds, and
get back float16 generator files that export and evaluation load."""
import json
import subprocess
import sys
from pathlib import Path

import torch

TRAINING = Path(__file__).resolve().parents[1]


def test_gpu_recipe_cpu_path_on_a_tiny_corpus(tmp_path, photo_dir) -> None:
    pack = tmp_path / "pack"
    res = subprocess.run([sys.executable, str(TRAINING / "gpu_recipe.py"), "pack", "--corpus", str(photo_dir),
                          "--out", str(pack), "--budget-mib", "0.02", "--sides", "4096", "96", "64"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    info = json.loads((pack / "pack.json").read_text())
    # The budget forces a smaller side than the first tried; the corrupt file of the fixture is left out.
    assert info["photos"] == 9 and info["max_side"] < 4096 and info["bytes"] <= 0.02 * 2 ** 20
    assert len(list((pack / "photos").glob("*.jpg"))) == 9

    out = tmp_path / "out"
    res = subprocess.run([sys.executable, str(TRAINING / "gpu_recipe.py"), "train", "--pack", str(pack),
                          "--out", str(out), "--run-dir", str(tmp_path / "run"), "--init", "", "--device", "cpu",
                          "--cnum", "8", "--crop", "32", "--batch", "2", "--workers", "2", "--minutes", "0.1",
                          "--ckpt-minutes", "0.02", "--keep", "2", "--log-every", "1"],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "--amp bf16 ignored: not on CUDA" in res.stdout
    assert "2 data workers" in res.stdout
    gens = sorted(out.glob("generator_*.pt"))
    summary = json.loads((out / "summary.json").read_text())
    assert 1 <= len(gens) <= 2 and summary["steps_end"] >= 2
    assert len(list(out.iterdir())) <= 8 and all(p.stat().st_size < 16 * 2 ** 20 for p in out.iterdir())
    ckpt = torch.load(gens[-1], map_location="cpu", weights_only=False)
    assert ckpt["step"] == summary["steps_end"]
    assert all(v.dtype == torch.float16 for v in ckpt["G"].values() if v.is_floating_point())
    assert ckpt["phases"][-1]["batch"] == 2 and ckpt["phases"][-1]["mask_mix"] == "strokes=0.35,objects=0.5,wide=0.15"

    # Export takes the float16 file like a checkpoint; the exported model matches the eager one.
    res = subprocess.run([sys.executable, str(TRAINING / "export_model.py"), "--checkpoint", str(gens[-1]),
                          "--out", str(tmp_path / "m" / "gpu.pt")], capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-3000:]
    card = json.loads((tmp_path / "m" / "gpu.json").read_text())
    assert card["cnum"] == 8 and card["training"]["steps"] == summary["steps_end"]
