"""DeepFill v2 generator: exact size, contract shapes and ranges, hole blanking, TorchScript, gate maps."""
import pytest
import torch

from gatefill_train.generator import GATE_LAYERS, Generator, GateView, count_parameters, widen_for_refine_sketch


def _inputs(n: int = 2, h: int = 32, w: int = 48):
    torch.manual_seed(1)
    image = torch.rand(n, 3, h, w) * 2 - 1
    mask = torch.zeros(n, 1, h, w)
    mask[:, :, h // 4: h // 2 + 4, w // 4: w // 2 + 6] = 1.0
    sketch = torch.zeros(n, 1, h, w)
    sketch[:, :, h // 3, w // 4: w // 2] = 1.0
    return image, mask, sketch


def test_deepfill_v2_parameter_count() -> None:
    assert count_parameters(Generator(48, "gated", use_sketch=False)) == 4_052_478
    # The sketch adds one input channel to the first 5x5 gated conv (48 output channels).
    assert count_parameters(Generator(48, "gated", use_sketch=True)) == 4_052_478 + 25 * 48


@pytest.mark.parametrize("conv_type", ["gated", "partial", "vanilla"])
def test_forward_contract(conv_type: str) -> None:
    g = Generator(8, conv_type).eval()
    image, mask, sketch = _inputs()
    with torch.no_grad():
        coarse, refined = g.forward_train(image, mask, sketch)
        out = g(image, mask, sketch)
    for t in (coarse, refined, out):
        assert t.shape == image.shape
        assert float(t.min()) >= -1.0 and float(t.max()) <= 1.0
    assert torch.equal(out, refined)


def test_hole_content_is_ignored() -> None:
    g = Generator(8).eval()
    image, mask, sketch = _inputs()
    other = image.clone()
    other[mask.expand_as(image) > 0] = 0.9
    with torch.no_grad():
        assert torch.allclose(g(image, mask, sketch), g(other, mask, sketch), atol=1e-6)


def test_sketch_changes_output_only_when_enabled() -> None:
    image, mask, sketch = _inputs()
    for use_sketch, changes in ((True, True), (False, False)):
        torch.manual_seed(0)
        g = Generator(8, use_sketch=use_sketch).eval()
        with torch.no_grad():
            a = g(image, mask, sketch)
            b = g(image, mask, torch.zeros_like(sketch))
        assert (not torch.equal(a, b)) == changes


def test_refinement_sketch_channel_widens_a_trained_generator_without_changing_it() -> None:
    image, mask, sketch = _inputs()
    torch.manual_seed(0)
    old = Generator(8).eval()
    wide = Generator(8, refine_sketch=True).eval()
    # Both refinement branches' first 5x5 convs gain one input channel (8 gated outputs each).
    assert count_parameters(wide) == count_parameters(old) + 2 * 25 * 8
    wide.load_state_dict(widen_for_refine_sketch(old.state_dict()))
    with torch.no_grad():
        assert torch.equal(wide(image, mask, sketch), old(image, mask, sketch))
    # The new channel is trainable: the sketch reaches the refinement input convs' weights.
    coarse, refined = wide.forward_train(image, mask, sketch)
    refined.sum().backward()
    for conv in (wide.refine_conv[0].conv, wide.refine_attn_in[0].conv):
        assert float(conv.weight.grad[:, 3].abs().sum()) > 0.0
    with pytest.raises(ValueError, match="expected 3 input channels"):
        widen_for_refine_sketch(wide.state_dict())
    with pytest.raises(ValueError, match="needs use_sketch"):
        Generator(8, use_sketch=False, refine_sketch=True)


def test_torchscript_parity_and_gate_maps() -> None:
    g = Generator(8).eval()
    image, mask, sketch = _inputs(1, 40, 64)
    scripted = torch.jit.script(g)
    gates = torch.jit.script(GateView(g))
    with torch.no_grad():
        assert torch.allclose(scripted(image, mask, sketch), g(image, mask, sketch), atol=1e-6)
        maps = gates(image, mask, sketch)
    assert maps.shape == (1, len(GATE_LAYERS), 40, 64)
    assert float(maps.min()) > 0.0 and float(maps.max()) < 1.0


def test_rejects_bad_configuration() -> None:
    with pytest.raises(ValueError):
        Generator(10)
    with pytest.raises(ValueError):
        Generator(8, "dilated")


@pytest.mark.parametrize("conv_type", ["gated", "partial", "vanilla"])
def test_initial_signal_reaches_the_output(conv_type) -> None:
    """With PyTorch's default init the gated coarse stack's output did not depend on its input at all
    (across-batch std 2e-9), which stalled training for ~1000 steps; the He-based init must not vanish
    or explode through the 17 coarse layers."""
    torch.manual_seed(0)
    g = Generator(16, conv_type, True)
    image = torch.rand(4, 3, 64, 64) * 2 - 1
    mask = torch.zeros(4, 1, 64, 64)
    mask[:, :, 16:40, 20:44] = 1
    x, valid = g._inputs(image, mask, torch.zeros_like(mask))
    for layer in g.coarse:
        x, valid = layer(x, valid)
        assert float(x.std()) < 20, "activations explode"
    assert float(x.std(0).mean()) > 0.05, "the coarse output ignores the input at initialisation"


def test_inference_prediction_is_exact_within_the_margin_of_the_hole() -> None:
    # Eval mode computes the attention near the hole only; within EXACT_MARGIN_PX it must equal the
    # full computation (training mode's), and one cell less of attention must not be enough.
    from gatefill_train.generator import EXACT_MARGIN_PX, ATTENTION_NEAR
    torch.manual_seed(0)
    g = Generator(cnum=16, refine_sketch=True).eval()
    image = torch.rand(1, 3, 192, 256) * 2 - 1
    sketch = torch.zeros(1, 1, 192, 256)
    worst = {}
    for y0, x0 in [(70, 90), (0, 0), (150, 200)]:
        mask = torch.zeros(1, 1, 192, 256)
        mask[..., y0:y0 + 37, x0:x0 + 53] = 1
        near = torch.nn.functional.max_pool2d(mask, 2 * EXACT_MARGIN_PX + 1, 1, EXACT_MARGIN_PX) > 0
        with torch.no_grad():
            g.attention_near = -1
            full = g(image, mask, sketch)
            for radius in (ATTENTION_NEAR, ATTENTION_NEAR - 1):
                g.attention_near = radius
                diff = float(((g(image, mask, sketch) - full).abs() * near).max())
                worst[radius] = max(worst.get(radius, 0.0), diff)
    g.attention_near = ATTENTION_NEAR
    # Float rounding of the differently blocked products stays near 1e-5; a missing cell costs 1e-2.
    assert worst[ATTENTION_NEAR] <= 1e-4, worst
    assert worst[ATTENTION_NEAR - 1] > 1e-3, worst
