"""Metrics, classical baselines and the evaluation script on a tiny synthetic validation set."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from gatefill_train.metrics import metrics, ssim

TRAINING = Path(__file__).resolve().parents[1]


def test_metrics_on_known_images() -> None:
    a = np.full((32, 32, 3), 100, np.uint8)
    mask = np.zeros((32, 32), np.float32)
    mask[8:16, 8:16] = 1
    same = metrics(a, a, mask)
    assert same["l1"] == 0 and same["l2"] == 0 and same["ssim"] == pytest.approx(1.0)
    b = a.copy()
    b[8:16, 8:16] = 151  # 51/255 = 0.2 inside the hole
    m = metrics(b, a, mask)
    assert m["l1_hole"] == pytest.approx(0.2)
    assert m["l1"] == pytest.approx(0.2 * 64 / 1024)
    assert m["l2"] == pytest.approx(0.04 * 64 / 1024)
    assert m["psnr"] == pytest.approx(10 * np.log10(1 / m["l2"]))
    rng = np.random.default_rng(0)
    noisy = rng.random((32, 32, 3))
    assert ssim(noisy, noisy * 0.5) < 0.95


def test_evaluate_script_with_checkpoint(tmp_path, photo_dir, val_dir) -> None:
    from gatefill_train.trainer import run
    run(["--data", str(photo_dir), "--out", str(tmp_path / "run"), "--steps", "1", "--cnum", "8",
         "--d-cnum", "8", "--crop", "32", "--batch", "1", "--progress", "none"])
    res = subprocess.run([sys.executable, str(TRAINING / "evaluate_model.py"), "--model", str(tmp_path / "run/last.pt"),
                          "--val-data", str(val_dir), "--out-dir", str(tmp_path / "eval"), "--size", "64"],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    result = json.loads((tmp_path / "eval/evaluation.json").read_text())
    assert set(result["results"]) == {"OpenCV Telea", "OpenCV Navier-Stokes", "ours", "ours + edge sketch"}
    for r in result["results"].values():
        assert 0 <= r["l1"] <= r["l1_hole"] <= 1 and 0 < r["ssim"] <= 1
    assert "| OpenCV Telea |" in (tmp_path / "eval/evaluation.md").read_text()
    assert (tmp_path / "eval/samples.png").stat().st_size > 0
