"""Growing a trained gated generator to a larger width: the same function, and new channels that learn."""
import warnings

import pytest
import torch

from gatefill_train.checkpointing import save_compact
from gatefill_train.generator import Generator
from gatefill_train.trainer import run
from gatefill_train.widen import grow_generator, grow_second_moments, widen_generator_state

from test_train import TINY


def _inputs(n: int = 2, h: int = 64, w: int = 64):
    g = torch.Generator().manual_seed(1)
    image = torch.rand(n, 3, h, w, generator=g) * 2 - 1
    mask = torch.zeros(n, 1, h, w)
    mask[:, :, 16:44, 20:52] = 1.0
    sketch = (torch.rand(n, 1, h, w, generator=g) > 0.97).float()
    return image, mask, sketch


def _trained_like(g: Generator) -> Generator:
    # Non-zero biases everywhere, so a row or column put in the wrong place shows in the output.
    with torch.no_grad():
        for p in g.parameters():
            if p.dim() == 1:
                p.uniform_(-0.2, 0.2)
    return g


@pytest.mark.parametrize("refine_sketch", [False, True])
def test_a_grown_generator_computes_what_the_narrow_one_did(refine_sketch) -> None:
    torch.manual_seed(0)
    narrow = _trained_like(Generator(8, refine_sketch=refine_sketch))
    wide = Generator(16, refine_sketch=refine_sketch)
    wide.load_state_dict(grow_generator(narrow.state_dict(), 8, wide))
    image, mask, sketch = _inputs()
    for mode in ("train", "eval"):
        narrow.train(mode == "train")
        wide.train(mode == "train")
        with torch.no_grad():
            (c0, r0), (c1, r1) = narrow.forward_train(image, mask, sketch), wide.forward_train(image, mask, sketch)
        assert float((c0 - c1).abs().max()) < 1e-5, mode
        # The attention's features gain channels of about 1e-3 of their size: similarities move by ~1e-6.
        assert float(((r0 - r1).abs() * mask).max()) < 1e-4, mode
    # A freshly initialised wide generator is a different function: the test can tell them apart.
    with torch.no_grad():
        assert float((Generator(16, refine_sketch=refine_sketch)(image, mask, sketch) - r0).abs().max()) > 0.1


def test_the_new_channels_learn() -> None:
    torch.manual_seed(0)
    narrow = _trained_like(Generator(8))
    wide = Generator(16)
    wide.load_state_dict(grow_generator(narrow.state_dict(), 8, wide))
    coarse, refined = wide.forward_train(*_inputs())
    (coarse.square().mean() + refined.square().mean()).backward()
    # coarse.1 reads coarse.0's 4 old and 4 new channels; its old rows (features 0-7, gates 16-23) start
    # reading nothing from the new ones, and get gradients for them.
    second = wide.coarse[1].conv.weight
    old_rows = torch.cat([torch.arange(0, 8), torch.arange(16, 24)])
    assert float(second[old_rows][:, 4:8].abs().max()) == 0.0 and float(second[old_rows][:, :4].abs().max()) > 0.0
    assert float(second.grad[old_rows][:, 4:8].abs().max()) > 0.0
    # The decoder's input is [dilated branch | attention branch]: each branch's new channels learn too.
    first = wide.refine_decoder[0].conv.weight.grad
    assert float(first[:, 16:32].abs().max()) > 0.0 and float(first[:, 48:64].abs().max()) > 0.0


def test_only_gated_generators_grow_and_only_wider() -> None:
    narrow, wide = Generator(8), Generator(16)
    with pytest.raises(ValueError, match="gated"):
        widen_generator_state(Generator(8, "partial").state_dict(), Generator(8, "partial"), Generator(16, "partial"))
    with pytest.raises(ValueError, match="cannot grow"):
        widen_generator_state(wide.state_dict(), wide, narrow)


def test_init_weights_grows_a_checkpoint_and_training_continues(photo_dir, tmp_path, capsys) -> None:
    common = ["--data", str(photo_dir), "--ema-decay", "0.9"] + TINY[2:]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = run(common + ["--cnum", "8", "--out", str(tmp_path / "a"), "--steps", "2"])
        compact = save_compact(tmp_path / "a" / "last.pt", tmp_path / "c.pt")
        grown = run(common + ["--cnum", "12", "--out", str(tmp_path / "b"), "--steps", "3",
                              "--init-weights", str(compact)])
    assert grown.G.cnum == 12 and grown.step == 3 and grown.images_seen == old.images_seen + 2
    # Adam continued for both networks: the step count, and second moments for the new weights too.
    assert all(int(s["step"]) == 3 for s in (*grown.opt_d.state.values(), *grown.opt_g.state.values()))
    second = grown.opt_g.state[grown.G.coarse[1].conv.weight]["exp_avg_sq"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fresh = run(common + ["--cnum", "12", "--out", str(tmp_path / "f"), "--steps", "3",
                              "--init-weights", str(compact), "--fresh-optimisers"])
    assert fresh.G.cnum == 12 and "generator grown from cnum=8 to 12; fresh optimisers" in capsys.readouterr().out
    assert second.shape == grown.G.coarse[1].conv.weight.shape and float(second.min()) > 0.0


def test_grown_second_moments_keep_the_old_values_and_give_the_new_weights_their_mean() -> None:
    narrow, wide = Generator(8), Generator(16)
    old = {k: torch.rand_like(v) + 0.5 for k, v in narrow.state_dict().items()}
    grown = grow_second_moments(old, narrow, wide)
    w_old, w_new = old["coarse.1.conv.weight"], grown["coarse.1.conv.weight"]
    assert torch.equal(w_new[:8, :4], w_old[:8]) and torch.equal(w_new[16:24, :4], w_old[8:])
    assert torch.allclose(w_new[8:16], torch.full_like(w_new[8:16], float(w_old.mean())))
    assert set(grown) == set(wide.state_dict())
