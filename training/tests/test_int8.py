"""training/try_int8.py: every convolution of the generator is wrapped for quantisation, nothing else."""
import torch

from try_int8 import QuantisedConv, wrap_convs
from gatefill_train.generator import Generator


def test_every_convolution_is_wrapped_and_the_function_kept() -> None:
    torch.manual_seed(0)
    g = Generator(cnum=8, refine_sketch=True).eval()
    convs = sum(isinstance(m, torch.nn.Conv2d) for m in g.modules())
    image, mask = torch.rand(1, 3, 64, 64) * 2 - 1, torch.zeros(1, 1, 64, 64)
    mask[..., 16:40, 20:44] = 1
    with torch.no_grad():
        before = g(image, mask, torch.zeros_like(mask))
        wrap_convs(g)
        after = g(image, mask, torch.zeros_like(mask))  # stubs are identities until converted
    assert sum(isinstance(m, QuantisedConv) for m in g.modules()) == convs == 42
    assert torch.equal(before, after)
