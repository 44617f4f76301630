"""Photo folders, unreadable files, crops, batches and the deterministic hold-out."""
import warnings

import numpy as np
import pytest
import torch

from gatefill_train.data import (PhotoSource, center_crop, fixed_batch, is_validation, list_images,
                                 make_batch, random_crop)


def test_lists_all_formats_recursively(photo_dir) -> None:
    names = [p.name for p in list_images(photo_dir)]
    assert {n.rsplit(".", 1)[1] for n in names} == {"jpg", "png", "webp"}
    assert len(names) == 10


def test_unreadable_file_is_skipped_with_warning(photo_dir) -> None:
    src = PhotoSource.from_folder(photo_dir)
    with pytest.warns(RuntimeWarning, match="broken.jpg"):
        readable = src.readable()
    assert len(readable) == 9
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(30):  # the broken file is remembered, not retried
            src.random_image(np.random.default_rng(0))


def test_batch_shapes_and_ranges(photo_dir) -> None:
    src = PhotoSource.from_folder(photo_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        image, mask, sketch = make_batch(src, np.random.default_rng(0), 4, 64)
    assert image.shape == (4, 3, 64, 64) and mask.shape == sketch.shape == (4, 1, 64, 64)
    assert image.dtype == torch.float32
    assert float(image.min()) >= -1 and float(image.max()) <= 1
    assert set(torch.unique(mask).tolist()) <= {0.0, 1.0}
    assert torch.all(sketch[mask == 0] == 0)


def test_crop_scale_jitter_and_small_images() -> None:
    rng = np.random.default_rng(0)
    img = np.random.default_rng(1).integers(0, 255, (300, 500, 3), dtype=np.uint8)
    for _ in range(10):
        assert random_crop(img, 64, rng).shape == (64, 64, 3)
    tiny = np.zeros((40, 50, 3), np.uint8)
    assert random_crop(tiny, 64, rng).shape == (64, 64, 3)
    assert center_crop(img, 128).shape == (128, 128, 3)


def test_fixed_batch_is_deterministic(val_dir) -> None:
    imgs = [img for _, img in PhotoSource.from_folder(val_dir).readable()]
    a = fixed_batch(imgs, 64, 5)
    b = fixed_batch(imgs, 64, 5)
    for x, y in zip(a, b):
        assert torch.equal(x, y)


def test_validation_split_is_deterministic_by_name() -> None:
    names = [f"pkg/photo{i}" for i in range(2000)]
    chosen = [is_validation(n, 10.0) for n in names]
    assert chosen == [is_validation(n, 10.0) for n in names]
    assert 0.07 < np.mean(chosen) < 0.13
