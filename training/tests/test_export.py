"""Export round trip: scripted file vs eager module, the card, the gate module; the Java fixture."""
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import torch

from gatefill_train.export import export_model, generator_from_checkpoint, training_card
from gatefill_train.generator import GATE_LAYERS, Generator

TRAINING = Path(__file__).resolve().parents[1]


def test_export_round_trip_parity_and_card(tmp_path) -> None:
    torch.manual_seed(3)
    g = Generator(8, "gated", True).eval()
    card = export_model(g, tmp_path / "m.pt", {"licence": "CC0-1.0"})
    loaded = torch.jit.load(str(tmp_path / "m.pt"))
    image = torch.rand(2, 3, 48, 72) * 2 - 1
    mask = torch.zeros(2, 1, 48, 72)
    mask[:, :, 10:30, 20:50] = 1
    sketch = torch.zeros_like(mask)
    sketch[:, :, 20, 20:50] = 1
    with torch.no_grad():
        assert torch.allclose(loaded(image, mask, sketch), g(image, mask, sketch), atol=1e-5)
        gates = torch.jit.load(str(tmp_path / "m.gates.pt"))(image, mask, sketch)
    assert gates.shape == (2, len(GATE_LAYERS), 48, 72)
    assert float(gates.min()) > 0 and float(gates.max()) < 1
    on_disk = json.loads((tmp_path / "m.json").read_text())
    assert on_disk == card
    assert card["sha256"] == hashlib.sha256((tmp_path / "m.pt").read_bytes()).hexdigest()
    assert card["gate_layers"]["sha256"] == hashlib.sha256((tmp_path / "m.gates.pt").read_bytes()).hexdigest()
    for key in ("contract_version", "architecture", "conv_type", "cnum", "sketch", "gate_layers", "licence"):
        assert key in card
    assert card["contract_version"] == 1 and card["conv_type"] == "gated" and card["cnum"] == 8


def test_checkpoint_to_export(tmp_path, photo_dir) -> None:
    from gatefill_train.trainer import run
    out = tmp_path / "run"
    run(["--data", str(photo_dir), "--out", str(out), "--steps", "1", "--cnum", "8", "--d-cnum", "8",
         "--crop", "32", "--batch", "1", "--progress", "none", "--conv-type", "partial"])
    g, ckpt = generator_from_checkpoint(out / "last.pt")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"packages": {"pkg": {"version": "1"}}, "files": [
        {"package": "pkg", "split": "train", "licence": "CC0-1.0"},
        {"package": "pkg", "split": "val", "licence": "CC0-1.0"}]}))
    extra = training_card(ckpt, str(manifest), {"results": {}}, "GPL-3.0-or-later", "note")
    card = export_model(g, tmp_path / "p.pt", extra)
    assert card["conv_type"] == "partial"
    assert card["training"]["images_seen"] == 1 and card["training"]["resolution"] == 32
    assert card["data"]["sources"] == [{"debian_package": "pkg", "version": "1", "photos": 1,
                                        "licences": {"CC0-1.0": 1}}]


def test_make_fixture_writes_consistent_parity_files(tmp_path) -> None:
    res = subprocess.run([sys.executable, str(TRAINING / "make_fixture.py"), "--out-dir", str(tmp_path)],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    card = json.loads((tmp_path / "fixture.json").read_text())
    image = np.fromfile(tmp_path / "parity_image.bin", "<f4").reshape(1, 3, 64, 96)
    mask = np.fromfile(tmp_path / "parity_mask.bin", "<f4").reshape(1, 1, 64, 96)
    sketch = np.fromfile(tmp_path / "parity_sketch.bin", "<f4").reshape(1, 1, 64, 96)
    expected = np.fromfile(tmp_path / "parity_output.bin", "<f4").reshape(1, 3, 64, 96)
    gates = np.fromfile(tmp_path / "parity_gates.bin", "<f4").reshape(1, 5, 64, 96)
    y, x = np.mgrid[0:64, 0:96]
    assert np.allclose(image[0, 1], 0.9 * np.sin(0.11 * 2 * (x + 1) + 0.07 * y + 1), atol=1e-6)
    assert mask.sum() == 24 * 40 and np.all(sketch <= mask)
    model = torch.jit.load(str(tmp_path / "fixture.pt"))
    with torch.no_grad():
        out = model(torch.from_numpy(image), torch.from_numpy(mask), torch.from_numpy(sketch)).numpy()
    assert np.abs(out - expected).max() < 1e-6
    assert 0 < gates.min() and gates.max() < 1
    assert card["cnum"] == 8 and card["sketch"] is True and card["training"]["steps"] == 0
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) < 2_000_000


def test_frozen_export_keeps_parity(tmp_path) -> None:
    torch.manual_seed(4)
    g = Generator(8, "gated", True).eval()
    card = export_model(g, tmp_path / "f.pt", {}, freeze=True)
    assert card["export"]["frozen"] is True
    image = torch.rand(1, 3, 32, 40) * 2 - 1
    mask = torch.zeros(1, 1, 32, 40)
    mask[:, :, 8:20, 8:30] = 1
    with torch.no_grad():
        out = torch.jit.load(str(tmp_path / "f.pt"))(image, mask, torch.zeros_like(mask))
        assert torch.allclose(out, g(image, mask, torch.zeros_like(mask)), atol=1e-5)


def test_evaluate_loads_both_exports_and_checkpoints(tmp_path, photo_dir) -> None:
    from gatefill_train.evaluate import load_model
    from gatefill_train.trainer import run
    run(["--data", str(photo_dir), "--out", str(tmp_path / "r"), "--steps", "1", "--cnum", "8", "--d-cnum", "8",
         "--crop", "32", "--batch", "1", "--progress", "none", "--no-sketch"])
    g, ckpt = generator_from_checkpoint(tmp_path / "r" / "last.pt")
    export_model(g, tmp_path / "e.pt", {})
    for path in (tmp_path / "r" / "last.pt", tmp_path / "e.pt"):
        module, use_sketch, description = load_model(str(path))
        assert use_sketch is False, description
        with torch.no_grad():
            out = module(torch.zeros(1, 3, 32, 32), torch.ones(1, 1, 32, 32), torch.zeros(1, 1, 32, 32))
        assert out.shape == (1, 3, 32, 32)


def test_parity_is_checked_on_the_near_hole_attention_and_catches_non_finite(tmp_path) -> None:
    from gatefill_train.attention import near_hole_cells
    from gatefill_train.export import PARITY_SIZE, generator_from_model, max_difference, parity_input
    from gatefill_train.generator import ATTENTION_NEAR
    mask = parity_input(PARITY_SIZE)[1]
    mask_q = torch.nn.functional.max_pool2d(mask, 4, 4)
    assert float(near_hole_cells(mask_q, ATTENTION_NEAR).float().mean()) <= 0.75  # the restricted path

    torch.manual_seed(0)
    g = Generator(cnum=8, refine_sketch=True).eval()
    export_model(g, tmp_path / "m.pt", {"training": {"resolution": 64}})
    again, card = generator_from_model(tmp_path / "m.pt")  # weights back from the frozen graph
    assert card["cnum"] == 8
    assert max_difference(torch.jit.load(str(tmp_path / "m.pt")), again) <= 1e-5

    class Broken(torch.nn.Module):
        def forward(self, image, mask, sketch):
            return g(image, mask, sketch) * float("nan")
    assert max_difference(Broken(), g) == float("inf")
