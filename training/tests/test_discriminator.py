"""SN-PatchGAN output shape and hinge losses."""
import torch

from gatefill_train.discriminator import Discriminator, d_hinge_loss, g_hinge_loss


def test_output_is_3d_feature_map_per_sample() -> None:
    d = Discriminator(8)
    x = torch.randn(3, 3, 128, 192)
    m = torch.zeros(3, 1, 128, 192)
    y = d(x, m, m)
    assert y.shape == (3, 32, 2, 3)
    assert len(d.convs) == 6
    assert all(c.kernel_size == (5, 5) and c.stride == (2, 2) for c in d.convs)
    assert all(hasattr(c, "weight_orig") for c in d.convs)  # spectral norm on every layer
    assert Discriminator(8, use_sketch=False).convs[0].in_channels == 4
    assert d.convs[0].in_channels == 5


def test_hinge_losses() -> None:
    real = torch.tensor([2.0, 0.5])
    fake = torch.tensor([-2.0, 0.0])
    assert float(d_hinge_loss(real, fake)) == (0.0 + 0.5) / 2 + (0.0 + 1.0) / 2
    assert float(g_hinge_loss(fake)) == 1.0
