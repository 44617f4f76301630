"""Training loop: overfitting one batch, exact resume, signals, and a 2-process DDP step on CPU (gloo)."""
import csv
import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch

from gatefill_train.checkpointing import load_trusted, save_compact
from gatefill_train.data import PhotoSource, make_batch
from gatefill_train.distribution import Dist
from gatefill_train.losses import l1_loss
from gatefill_train.trainer import build_parser, make_state, run, train_step

TRAIN_PY = Path(__file__).resolve().parents[1] / "train.py"
TINY = ["--cnum", "8", "--d-cnum", "8", "--crop", "32", "--batch", "2", "--threads", "2",
        "--log-every", "1", "--progress", "none"]


def test_small_model_overfits_one_batch(photo_dir) -> None:
    args = build_parser().parse_args(["--data", "x", "--out", "x", "--lr", "2e-3"] + TINY)
    state = make_state(args, torch.device("cpu"), Dist())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        batch = make_batch(PhotoSource.from_folder(photo_dir), np.random.default_rng(0), 2, 32)
    losses = [train_step(state, *batch, adversarial=False)["l1_refined"] for _ in range(150)]
    start, end = np.mean(losses[:3]), np.mean(losses[-5:])
    assert end < 0.35 * start, f"L1 fell only from {start:.3f} to {end:.3f}"


def test_gan_step_updates_both_networks(photo_dir) -> None:
    args = build_parser().parse_args(["--data", "x", "--out", "x"] + TINY)
    state = make_state(args, torch.device("cpu"), Dist())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        batch = make_batch(PhotoSource.from_folder(photo_dir), np.random.default_rng(0), 2, 32)
    g0 = [p.detach().clone() for p in state.G.parameters()]
    d0 = [p.detach().clone() for p in state.D.parameters()]
    out = train_step(state, *batch, adversarial=True)
    assert set(out) >= {"l1_coarse", "l1_refined", "g_adv", "d_loss"}
    assert out["d_loss"] > 0
    assert any(not torch.equal(a, b) for a, b in zip(g0, state.G.parameters()))
    assert any(not torch.equal(a, b) for a, b in zip(d0, state.D.parameters()))
    assert all(p.requires_grad for p in state.D.parameters())


def _losses(out: Path) -> list:
    with open(out / "losses.csv") as f:
        return list(csv.DictReader(f))


def test_resume_continues_step_count_and_loss(photo_dir, val_dir, tmp_path) -> None:
    common = ["--data", str(photo_dir), "--val-data", str(val_dir), "--warmup-steps", "1",
              "--ckpt-every", "100", "--sample-every", "2", "--sample-count", "2"] + TINY
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = run(common + ["--out", str(tmp_path / "a"), "--steps", "4"])
        first = run(common + ["--out", str(tmp_path / "b"), "--steps", "2"])
        assert first.step == 2
        resumed = run(common + ["--out", str(tmp_path / "b"), "--steps", "4"])
    assert resumed.step == 4 and resumed.images_seen == whole.images_seen == 8
    for a, b in zip(whole.G.state_dict().values(), resumed.G.state_dict().values()):
        assert torch.allclose(a, b, atol=1e-6), "a resumed run must continue exactly where it stopped"
    la, lb = _losses(tmp_path / "a"), _losses(tmp_path / "b")
    assert [r["step"] for r in lb] == ["1", "2", "3", "4"]
    for ra, rb in zip(la, lb):
        assert float(ra["l1_refined"]) == pytest.approx(float(rb["l1_refined"]), abs=1e-4)
    assert (tmp_path / "b" / "losses.png").stat().st_size > 0
    assert sorted(p.name for p in (tmp_path / "b" / "samples").iterdir()) == [
        "step_0000002.png", "step_0000004.png"]
    ckpt = load_trusted(tmp_path / "b" / "last.pt")
    assert ckpt["step"] == 4 and ckpt["cpu_seconds"] > 0
    assert not list((tmp_path / "b").glob("*.tmp*")), "checkpoints are written via a temporary file"


def _env() -> dict:
    env = dict(os.environ)
    env.pop("WORLD_SIZE", None)
    env["PYTHONWARNINGS"] = "ignore"
    return env


def test_sigterm_saves_checkpoint_and_stops(photo_dir, tmp_path) -> None:
    out = tmp_path / "sig"
    proc = subprocess.Popen([sys.executable, str(TRAIN_PY), "--data", str(photo_dir), "--out", str(out),
                             "--steps", "100000", "--ckpt-every", "100000"] + TINY,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env())
    lines = []
    deadline = time.time() + 90
    while time.time() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        if " step 3/" in line:
            break
    proc.send_signal(signal.SIGTERM)
    rest, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, "".join(lines) + rest
    ckpt = load_trusted(out / "last.pt")
    assert 3 <= ckpt["step"] < 100000


def test_two_process_distributed_step_on_cpu(photo_dir, tmp_path) -> None:
    out = tmp_path / "ddp"
    # "--redirects 1 --tee 1": Debian's torch 1.13 elastic launcher cannot parse its default "0" under
    # Python 3.11 (IntFlag iteration skips the zero member); teeing stdout sidesteps that parse.
    # Not "--standalone": its fixed rendezvous port (29400) collides with any other DDP run on the machine.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nnodes=1", "--rdzv_backend=c10d",
           f"--rdzv_endpoint=127.0.0.1:{port}", "--nproc_per_node=2",
           "--redirects", "1", "--tee", "1", str(TRAIN_PY),
           "--data", str(photo_dir), "--out", str(out), "--steps", "2", "--warmup-steps", "1",
           "--threads", "1"] + TINY[:-6] + ["--log-every", "1", "--progress", "none"]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=240, env=_env())
    assert res.returncode == 0, res.stdout + res.stderr
    assert "world 2" in res.stdout and "replica check" in res.stdout
    ckpt = load_trusted(out / "last.pt")
    assert ckpt["step"] == 2 and ckpt["world"] == 2
    assert ckpt["images_seen"] == 2 * 2 * 2  # steps x batch x processes
    assert len(ckpt["rng"]["numpy"]) == 2


def test_hole_l1_ignores_known_pixels_and_averages_over_the_hole() -> None:
    target = torch.zeros(2, 3, 8, 8)
    mask = torch.zeros(2, 1, 8, 8)
    mask[:, :, 2:4, 2:6] = 1.0  # 8 hole pixels per image
    prediction = target.clone()
    prediction[:, :, 2:4, 2:6] = 0.5
    prediction[:, :, 6:, :] = 9.0  # errors outside the hole
    assert float(l1_loss(prediction, target, mask, "hole")) == pytest.approx(0.5)
    image_l1 = float(l1_loss(prediction, target, mask, "image"))
    assert image_l1 == pytest.approx((8 * 0.5 + 16 * 9.0) / 64)


def test_compact_checkpoint_resumes_weights_and_counters_with_new_settings(photo_dir, tmp_path) -> None:
    common = ["--data", str(photo_dir), "--warmup-steps", "1", "--ckpt-every", "100"] + TINY
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = run(common + ["--out", str(tmp_path / "a"), "--steps", "2"])
        compact = save_compact(tmp_path / "a" / "last.pt", tmp_path / "resume.pt")
        full_size = (tmp_path / "a" / "last.pt").stat().st_size
        assert compact.stat().st_size < 0.3 * full_size, "weights in float16, a byte per parameter of Adam state"
        saved = load_trusted(compact)
        assert "opt_g" not in saved and saved["step"] == 2
        assert all(e["codes"].dtype == torch.uint8 for e in saved["adam"]["D"]["sqrt_v"].values())
        assert all(v.dtype == torch.float16 for v in saved["G"].values() if v.is_floating_point())
        # A new run folder starts from the compact weights; its settings (lr, loss) are its own.
        resumed = run(common + ["--out", str(tmp_path / "b"), "--steps", "2", "--init-weights", str(compact),
                                "--lr", "3e-4", "--l1-region", "hole"])
    assert resumed.step == 2 and resumed.images_seen == first.images_seen
    for a, b in zip(first.G.state_dict().values(), resumed.G.state_dict().values()):
        if a.is_floating_point():
            assert torch.allclose(a, b.float(), atol=2e-3 * max(1.0, float(a.abs().max())))
    assert resumed.opt_g.param_groups[0]["lr"] == 3e-4 and resumed.l1_region == "hole"
    # Adam continues: the step count and second moments (within the 1-byte code's ~4 %), first moments zero.
    for opt_first, opt_resumed in ((first.opt_g, resumed.opt_g), (first.opt_d, resumed.opt_d)):
        assert len(opt_resumed.state) == len(opt_first.state) > 0
        for p_first, p_resumed in zip(opt_first.param_groups[0]["params"], opt_resumed.param_groups[0]["params"]):
            a, b = opt_first.state[p_first], opt_resumed.state[p_resumed]
            assert float(b["step"]) == float(a["step"]) > 0 and not b["exp_avg"].any()
            nonzero = a["exp_avg_sq"] > 0
            assert torch.equal(nonzero, b["exp_avg_sq"] > 0)
            ratio = (b["exp_avg_sq"][nonzero] / a["exp_avg_sq"][nonzero]).sqrt()
            assert float((ratio - 1).abs().max()) < 0.1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cont = run(common + ["--out", str(tmp_path / "b"), "--steps", "3", "--init-weights", str(compact)])
    assert cont.step == 3, "an existing last.pt in the run folder wins over --init-weights"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fresh = run(common + ["--out", str(tmp_path / "c"), "--steps", "2", "--init-weights", str(compact),
                              "--fresh-optimisers"])
    assert fresh.step == 2 and not fresh.opt_g.state and not fresh.opt_d.state


def test_resume_applies_the_learning_rate_asked_for_now(photo_dir, tmp_path) -> None:
    common = ["--data", str(photo_dir), "--out", str(tmp_path / "r"), "--ckpt-every", "100"] + TINY
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run(common + ["--steps", "1", "--lr", "1e-4"])
        state = run(common + ["--steps", "2", "--lr", "5e-4"])
    assert [g["lr"] for g in state.opt_g.param_groups + state.opt_d.param_groups] == [5e-4, 5e-4]


def test_compact_checkpoint_refuses_another_architecture(photo_dir, tmp_path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run(["--data", str(photo_dir), "--out", str(tmp_path / "a"), "--steps", "1"] + TINY)
        compact = save_compact(tmp_path / "a" / "last.pt", tmp_path / "c.pt")
        with pytest.raises(ValueError, match="conv_type=gated .* conv_type=partial"):
            run(["--data", str(photo_dir), "--out", str(tmp_path / "b"), "--steps", "1",
                 "--init-weights", str(compact), "--conv-type", "partial"] + TINY)
        # Growing goes one way: a checkpoint never shrinks into a narrower run.
        run(["--data", str(photo_dir), "--out", str(tmp_path / "w"), "--steps", "1"]
            + ["--cnum", "12"] + TINY[2:])
        wide = save_compact(tmp_path / "w" / "last.pt", tmp_path / "w.pt")
        with pytest.raises(ValueError, match="never a wider one"):
            run(["--data", str(photo_dir), "--out", str(tmp_path / "c"), "--steps", "1",
                 "--init-weights", str(wide)] + TINY)


def test_init_weights_widens_a_checkpoint_for_the_refinement_sketch(photo_dir, tmp_path) -> None:
    from gatefill_train.export import generator_from_checkpoint
    common = ["--data", str(photo_dir), "--ema-decay", "0.9"] + TINY
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = run(common + ["--out", str(tmp_path / "a"), "--steps", "2"])
        # An exact resume cannot change the architecture (Adam's moments have the old shapes) ...
        with pytest.raises(ValueError, match="--init-weights widens"):
            run(common + ["--out", str(tmp_path / "a"), "--steps", "3", "--refine-sketch"])
        # ... a full checkpoint given to --init-weights can: counters continue, the new channel starts at 0.
        wide = run(common + ["--out", str(tmp_path / "b"), "--steps", "3", "--refine-sketch",
                             "--init-weights", str(tmp_path / "a" / "last.pt")])
    assert wide.step == 3 and wide.images_seen == old.images_seen + 2
    assert wide.G.refine_sketch and float(wide.G.refine_conv[0].conv.weight[:, 3].abs().max()) > 0.0
    # Adam's moments came along (widened): its step count continues instead of restarting.
    assert all(int(s["step"]) == 3 for s in wide.opt_g.state.values())
    g, ckpt = generator_from_checkpoint(tmp_path / "b" / "last.pt")
    assert g.refine_sketch and ckpt["model"]["refine_sketch"] is True


def test_a_resume_with_new_settings_records_a_schedule_phase(photo_dir, tmp_path) -> None:
    common = ["--data", str(photo_dir), "--out", str(tmp_path / "p"), "--ckpt-every", "100"] + TINY
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run(common + ["--steps", "1"])
        run(common + ["--steps", "2"])  # same settings: same phase
        state = run(common + ["--steps", "3", "--l1-region", "hole", "--lr", "3e-4"])
        state = run(common + ["--steps", "4", "--l1-region", "hole", "--lr", "3e-4", "--ssim-weight", "1"])
        # The same mix spelt differently is the same phase; new shares are a new one.
        base = ["--l1-region", "hole", "--lr", "3e-4", "--ssim-weight", "1"]
        state = run(common + ["--steps", "5"] + base + ["--mask-mix", "strokes=2,objects=2"])
        state = run(common + ["--steps", "6"] + base + ["--mask-mix", "objects=1, strokes=1"])
    assert [(p["from_step"], p["l1_region"], p["lr"], p["ssim_weight"], p["mask_mix"]) for p in state.phases] == [
        (0, "image", 1e-4, 0.0, "strokes=1"), (2, "hole", 3e-4, 0.0, "strokes=1"),
        (3, "hole", 3e-4, 1.0, "strokes=1"), (4, "hole", 3e-4, 1.0, "strokes=0.5,objects=0.5")]
    assert load_trusted(tmp_path / "p" / "last.pt")["phases"] == state.phases


def test_weight_average_resumes_exactly_and_is_what_gets_exported(photo_dir, tmp_path) -> None:
    from gatefill_train.export import generator_from_checkpoint
    common = ["--data", str(photo_dir), "--ckpt-every", "100", "--ema-decay", "0.9"] + TINY
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = run(common + ["--out", str(tmp_path / "a"), "--steps", "3"])
        run(common + ["--out", str(tmp_path / "b"), "--steps", "2"])
        resumed = run(common + ["--out", str(tmp_path / "b"), "--steps", "3"])
    for a, b in zip(whole.G_ema.state_dict().values(), resumed.G_ema.state_dict().values()):
        assert torch.allclose(a, b, atol=1e-6)
    assert any(not torch.allclose(e, p) for e, p in zip(whole.G_ema.parameters(), whole.G.parameters()))
    g, ckpt = generator_from_checkpoint(tmp_path / "a" / "last.pt")
    assert ckpt["exported_weights"] == "ema"
    for a, b in zip(g.state_dict().values(), whole.G_ema.state_dict().values()):
        assert torch.equal(a, b)
    raw, _ = generator_from_checkpoint(tmp_path / "a" / "last.pt", use_ema=False)
    for a, b in zip(raw.state_dict().values(), whole.G.state_dict().values()):
        assert torch.equal(a, b)


def test_sketch_strokes_weigh_more_in_the_l1_loss() -> None:
    from gatefill_train.losses import sketch_stroke_weight
    target = torch.zeros(1, 3, 9, 9)
    mask = torch.zeros(1, 1, 9, 9)
    mask[:, :, 1:8, 1:8] = 1
    sketch = torch.zeros(1, 1, 9, 9)
    sketch[:, :, 4, 2:7] = 1
    weight = sketch_stroke_weight(sketch, mask, 4.0)
    assert float(weight[0, 0, 4, 4]) == 5.0 and float(weight[0, 0, 3, 4]) == 5.0  # on and next to the stroke
    assert float(weight[0, 0, 1, 1]) == 1.0
    assert sketch_stroke_weight(sketch, mask, 0.0) is None
    off_stroke, on_stroke = target.clone(), target.clone()
    off_stroke[:, :, 1, 1:8] = 1.0
    on_stroke[:, :, 4, 1:8] = 1.0
    assert float(l1_loss(on_stroke, target, mask, "hole", weight)) > 3 * float(
        l1_loss(off_stroke, target, mask, "hole", weight))


def test_ssim_loss_is_the_evaluation_ssim_and_charges_only_around_the_hole() -> None:
    from gatefill_train.metrics import ssim
    from gatefill_train.losses import ssim_loss, ssim_map
    rng = np.random.default_rng(3)
    a = rng.random((48, 48, 3))
    b = np.clip(a + rng.normal(0, 0.1, a.shape), 0, 1)

    def tensor(x: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(x).permute(2, 0, 1)[None].float() * 2 - 1
    # Same window and constants as the evaluation; only the border rule differs (reflect-101 vs reflect).
    assert abs(float(ssim_map(tensor(a), tensor(b)).mean()) - ssim(a, b)) < 2e-3
    mask = torch.zeros(1, 1, 48, 48)
    mask[:, :, :12, :12] = 1
    target = tensor(a)
    assert float(ssim_loss(target, target, mask)) == pytest.approx(0.0, abs=1e-6)
    far = target.clone()
    far[:, :, 30:, 30:] = tensor(b)[:, :, 30:, 30:]  # beyond the 11x11 window of every hole pixel
    assert float(ssim_loss(far, target, mask)) == pytest.approx(0.0, abs=1e-6)
    inside = target.clone().requires_grad_(True)
    noisy = inside + 0.2 * torch.from_numpy(rng.standard_normal((1, 3, 48, 48))).float() * mask
    loss = ssim_loss(noisy, target, mask)
    assert float(loss) > 0.03
    loss.backward()
    assert float(inside.grad.abs().sum()) > 0


def test_ssim_weight_adds_the_structure_term_to_the_generator_loss(photo_dir) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        batch = make_batch(PhotoSource.from_folder(photo_dir), np.random.default_rng(0), 2, 32)
    for weight in (0.0, 1.0):
        args = build_parser().parse_args(["--data", "x", "--out", "x", "--ssim-weight", str(weight)] + TINY)
        out = train_step(make_state(args, torch.device("cpu"), Dist()), *batch, adversarial=False)
        assert ("ssim_loss" in out) == (weight > 0), out
    assert 0.0 < out["ssim_loss"] < 2.0


def test_adam_moments_refuse_a_diverged_run() -> None:
    from gatefill_train import adam_moments
    state = {"state": {0: {"step": torch.tensor(3.0), "exp_avg": torch.zeros(2),
                           "exp_avg_sq": torch.tensor([1e-6, float("inf")])}}}
    with pytest.raises(ValueError, match="diverged"):
        adam_moments.pack(state)
