"""The GPU recipe's CPU path: pack a tiny corpus, train through the same script for a few seconds, and
get back float16 generator files that export and evaluation load. In-process (no interpreter start-up)."""
import json

import torch

import gpu_recipe
from gatefill_train.export import generator_from_checkpoint
from gatefill_train.precision import bf16_supported


def test_gpu_recipe_cpu_path_on_a_tiny_corpus(tmp_path, photo_dir, capsys) -> None:
    pack = tmp_path / "pack"
    assert gpu_recipe.main(["pack", "--corpus", str(photo_dir), "--out", str(pack), "--budget-mib", "0.02",
                            "--sides", "4096", "96", "64"]) == 0
    info = json.loads((pack / "pack.json").read_text())
    # The budget forces a smaller side than the first tried; the corrupt file of the fixture is left out.
    assert info["photos"] == 9 and info["short_side"] < 4096 and info["bytes"] <= 0.02 * 2 ** 20
    assert len(list((pack / "photos").glob("*.jpg"))) == 9

    out = tmp_path / "out"
    assert gpu_recipe.main(["train", "--pack", str(pack), "--out", str(out), "--run-dir", str(tmp_path / "run"),
                            "--init", "", "--device", "cpu", "--cnum", "8", "--crop", "32", "--batch", "2",
                            "--workers", "2", "--minutes", "0.05", "--ckpt-minutes", "0.01", "--keep", "2",
                            "--log-every", "1"]) == 0
    printed = capsys.readouterr().out
    # The recipe asks for bf16: taken on CPUs with bf16 units, refused by name elsewhere.
    amp_line = "bf16 autocast on cpu" if bf16_supported("cpu") else "--amp bf16 ignored: no bf16 units on this cpu"
    assert amp_line in printed and "2 data workers" in printed
    gens = sorted(out.glob("generator_*.pt"))
    summary = json.loads((out / "summary.json").read_text())
    # Time-based checkpoints happened (more than the final one was written; two kept), and the run stopped
    # on its own clock.
    assert len(gens) == 2 and summary["steps_end"] >= 2 and summary["wall_s"] < 60
    assert len(list(out.iterdir())) <= 8 and all(p.stat().st_size < 16 * 2 ** 20 for p in out.iterdir())
    ckpt = torch.load(gens[-1], map_location="cpu", weights_only=False)
    assert ckpt["step"] == summary["steps_end"]
    assert all(v.dtype == torch.float16 for v in ckpt["G"].values() if v.is_floating_point())
    assert ckpt["phases"][-1]["batch"] == 2
    assert ckpt["phases"][-1]["mask_mix"] == "strokes=0.25,objects=0.65,wide=0.1"  # the CPU run's
    assert ckpt["phases"][-1]["gan_weight"] == 0.1

    # Export and evaluation load the float16 file like a checkpoint (export_model's scripting is
    # tested in test_export); its weights are the run's weight average, rounded to float16.
    g, loaded = generator_from_checkpoint(gens[-1])
    assert loaded["exported_weights"] == "ema" and g.cnum == 8
    full = torch.load(tmp_path / "run" / "last.pt", map_location="cpu", weights_only=False)
    for k, v in g.state_dict().items():
        assert torch.allclose(v, full["G_ema"][k].float(), atol=2e-3, rtol=1e-3), k
    x, m = torch.zeros(1, 3, 32, 32), torch.zeros(1, 1, 32, 32)
    m[..., 8:24, 8:24] = 1
    assert torch.isfinite(g(x, m, torch.zeros_like(m))).all()


def test_mask_mix_arms_share_the_time_and_each_brings_back_its_generator(tmp_path, photo_dir) -> None:
    """Several --mask-mix values: one arm each, from the same start, each arm's last generator in its own
    folder and the mixes named in summary.json (what the A/B of hole-type shares on a GPU reads back)."""
    pack = tmp_path / "pack"
    assert gpu_recipe.main(["pack", "--corpus", str(photo_dir), "--out", str(pack), "--sides", "64"]) == 0
    out = tmp_path / "out"
    mixes = ["strokes=1", "objects=1"]
    assert gpu_recipe.main(["train", "--pack", str(pack), "--out", str(out), "--run-dir", str(tmp_path / "run"),
                            "--init", "", "--device", "cpu", "--cnum", "8", "--crop", "32", "--batch", "2",
                            "--workers", "0", "--minutes", "0.06", "--ckpt-minutes", "0.01", "--keep", "3",
                            "--amp", "off", "--log-every", "1", "--mask-mix", *mixes]) == 0
    summary = json.loads((out / "summary.json").read_text())
    for i, mix in enumerate(mixes, 1):
        arm = summary[f"arm{i}"]
        assert arm["mask_mix"] == mix and arm["steps_end"] >= 1 and arm["wall_s"] < 30
        gens = list((out / f"arm{i}").glob("generator_*.pt"))
        assert len(gens) == 1, gens  # one per arm, so that every arm comes back
        ckpt = torch.load(gens[0], map_location="cpu", weights_only=False)
        assert ckpt["step"] == arm["steps_end"] and ckpt["phases"][-1]["mask_mix"] == mix
        # Each arm starts from the same point, not from the arm before it: no phase of another mix.
        assert all(phase["mask_mix"] == mix for phase in ckpt["phases"]), ckpt["phases"]
    assert len([p for p in out.rglob("*") if p.is_file()]) <= 8
