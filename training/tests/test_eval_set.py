"""The PNG evaluation set and the scorer other programs' fills are judged with."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from conftest import synthetic_photo
from gatefill_train.evaluate import HOLE_SEEDS, make_cases
from gatefill_train.metrics import detail_ratio, seam_step

TRAINING = Path(__file__).resolve().parents[1]


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, str(TRAINING / script), *args], capture_output=True, text=True,
                         timeout=240)
    assert res.returncode == 0, res.stderr[-3000:]
    return res


def test_detail_ratio_is_one_for_the_truth_and_low_for_a_flat_fill() -> None:
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, (48, 48, 3), dtype=np.uint8)
    mask = np.zeros((48, 48), np.float32)
    mask[10:30, 12:40] = 1
    assert detail_ratio(img, img, mask) == pytest.approx(1.0)
    flat = img.copy()
    flat[mask > 0] = 128
    assert detail_ratio(flat, img, mask) < 0.05  # only the eroded hole is read: no seam gradient counts
    blurred = np.where(mask[:, :, None] > 0, cv2.GaussianBlur(img, (7, 7), 2), img)
    assert 0.05 < detail_ratio(blurred, img, mask) < 0.6
    busier = np.where(mask[:, :, None] > 0, rng.integers(0, 256, img.shape, dtype=np.uint8) // 2 * 2, img)
    assert detail_ratio(busier, img, mask) > 0.8


def test_seam_step_is_zero_for_the_truth_and_counts_a_colour_step_in_levels() -> None:
    yy, xx = np.mgrid[0:48, 0:48]
    img = np.stack([60 + 2 * xx, 80 + yy, 100 + xx + yy], axis=2).astype(np.uint8)  # smooth ramps
    mask = np.zeros((48, 48), np.float32)
    mask[10:30, 12:40] = 1
    assert seam_step(img, img, mask) == pytest.approx(0.0)
    brighter = np.where(mask[:, :, None] > 0, img + 20, img).astype(np.uint8)
    assert seam_step(brighter, img, mask) == pytest.approx(20.0, abs=2.0)  # the photo steps 1-2 levels there
    # In texture, a flat fill of the mean colour shows a smaller step than the texture's own: below 0.
    rng = np.random.default_rng(1)
    texture = rng.integers(60, 200, (48, 48, 3), dtype=np.uint8)
    flat = np.where(mask[:, :, None] > 0, texture.mean(axis=(0, 1)).astype(np.uint8), texture)
    assert seam_step(flat, texture, mask) < -5
    assert np.isnan(seam_step(img, img, np.zeros_like(mask)))


def test_eval_set_files_and_scores(tmp_path, val_dir) -> None:
    out = tmp_path / "evalset"
    _run("make_eval_set.py", "--val-data", str(val_dir), "--out", str(out), "--sizes", "64")
    names = sorted(p.stem for p in val_dir.glob("*.png"))
    for hole in ("strokes", "objects"):
        folder = out / "64" / hole
        for sub in ("images", "masks", "sketches"):
            assert sorted(p.stem for p in (folder / sub).glob("*.png")) == names
        masks = [cv2.imread(str(folder / "masks" / f"{n}.png"), cv2.IMREAD_GRAYSCALE) for n in names]
        assert all(set(np.unique(m)) <= {0, 255} and (m > 0).any() for m in masks)
        info = json.loads((folder / "set.json").read_text())
        assert info["hole"] == hole and info["photos"] == len(names)
    obj = [cv2.imread(str(out / "64/objects/masks" / f"{n}.png"), 0).mean() / 255 for n in names]
    assert all(0.05 <= f <= 0.30 for f in obj)
    assert "score_fills.py" in (out / "README.txt").read_text()
    # The same seeds give the same masks: the set is reproducible.
    _run("make_eval_set.py", "--val-data", str(val_dir), "--out", str(tmp_path / "again"), "--sizes", "64")
    for n in names:
        a = cv2.imread(str(out / "64/objects/masks" / f"{n}.png"), 0)
        b = cv2.imread(str(tmp_path / "again/64/objects/masks" / f"{n}.png"), 0)
        assert np.array_equal(a, b)

    # Perfect fills score perfectly; grey fills score worse; baselines land in between.
    folder = out / "64" / "objects"
    perfect, grey = tmp_path / "perfect", tmp_path / "grey"
    perfect.mkdir()
    grey.mkdir()
    for n in names:
        img = cv2.imread(str(folder / "images" / f"{n}.png"))
        cv2.imwrite(str(perfect / f"{n}.png"), img)
        cv2.imwrite(str(grey / f"{n}.png"), np.full_like(img, 128))
    score = tmp_path / "score.json"
    _run("score_fills.py", "--set", str(folder), "--fills", str(perfect), "--fills", str(grey),
         "--name", "truth", "--name", "grey", "--baselines", "telea", "ns", "shiftmap", "--out", str(score))
    res = json.loads(score.read_text())["methods"]
    assert res["truth"]["mean"]["l1"] == 0 and res["truth"]["mean"]["ssim"] == pytest.approx(1.0)
    assert res["truth"]["mean"]["detail"] == pytest.approx(1.0)
    assert res["grey"]["mean"]["detail"] < 0.05
    assert res["truth"]["mean"]["seam"] == pytest.approx(0.0) and res["grey"]["mean"]["seam"] > 1.0
    for name in ("OpenCV Telea", "OpenCV Navier-Stokes", "OpenCV shift-map (Lab)"):
        assert 0 < res[name]["mean"]["l1"] < res["grey"]["mean"]["l1"], name
        assert set(res[name]["per_image"]) == set(names)
    assert "| grey |" in score.with_suffix(".md").read_text()
    # The card's per-hole-type figures come from these files.
    from gatefill_train.evaluate import merge_scores
    merged = merge_scores([score])
    assert list(merged) == ["64/objects"]
    assert merged["64/objects"]["grey"]["mean"]["l1"] == pytest.approx(res["grey"]["mean"]["l1"], abs=1e-5)
    assert merged["64/objects"]["truth"]["photos"] == len(names)


def test_a_photo_added_to_the_split_leaves_the_other_photos_holes_as_they_were(tmp_path, val_dir) -> None:
    grown = tmp_path / "val"
    shutil.copytree(val_dir, grown)
    # Sorts before every earlier photo: with one random stream in photo order, it would shift them all.
    cv2.imwrite(str(grown / "a_new.png"), synthetic_photo(np.random.default_rng(3), 80, 96))
    for hole, seed in HOLE_SEEDS.items():
        before = {c.name: c.mask for c in make_cases(str(val_dir), 64, seed, hole=hole)}
        after = {c.name: c.mask for c in make_cases(str(grown), 64, seed, hole=hole)}
        assert set(after) == set(before) | {"a_new"}
        for name, mask in before.items():
            assert np.array_equal(after[name], mask), (hole, name)
        assert len({m.tobytes() for m in after.values()}) == len(after), "each photo draws its own hole"


def test_scorer_refuses_a_missing_or_misshapen_fill(tmp_path, val_dir) -> None:
    out = tmp_path / "evalset"
    _run("make_eval_set.py", "--val-data", str(val_dir), "--out", str(out), "--sizes", "64", "--holes", "strokes")
    fills = tmp_path / "fills"
    fills.mkdir()
    names = sorted(p.stem for p in val_dir.glob("*.png"))
    for n in names[:-1]:
        cv2.imwrite(str(fills / f"{n}.png"), np.zeros((64, 64, 3), np.uint8))
    res = subprocess.run([sys.executable, str(TRAINING / "score_fills.py"), "--set", str(out / "64/strokes"),
                          "--fills", str(fills)], capture_output=True, text=True, timeout=120)
    assert res.returncode != 0 and names[-1] in res.stderr
    cv2.imwrite(str(fills / f"{names[-1]}.png"), np.zeros((32, 64, 3), np.uint8))
    res = subprocess.run([sys.executable, str(TRAINING / "score_fills.py"), "--set", str(out / "64/strokes"),
                          "--fills", str(fills)], capture_output=True, text=True, timeout=120)
    assert res.returncode != 0 and "result for" in res.stderr


def test_photo_scale_set_keeps_whole_photos_with_one_object_hole_each(tmp_path) -> None:
    rng = np.random.default_rng(5)
    val = tmp_path / "val"
    val.mkdir()
    sizes = {"wide": (640, 900), "tall": (1000, 700), "small": (300, 400)}  # (height, width)
    for name, (h, w) in sizes.items():
        cv2.imwrite(str(val / f"{name}.png"), cv2.resize(rng.integers(0, 256, (h // 10, w // 10, 3), dtype=np.uint8),
                                                         (w, h), interpolation=cv2.INTER_CUBIC))
    out = tmp_path / "evalset"
    _run("make_eval_set.py", "--val-data", str(val), "--out", str(out), "--sizes", "64", "--holes", "objects",
         "--photo-scale")
    folder = out / "photo" / "objects"
    info = json.loads((folder / "set.json").read_text())
    assert sorted(e["name"] for e in info["images"]) == ["tall", "wide"], "photos under 600 px are left out"
    for e in info["images"]:
        image = cv2.imread(str(folder / "images" / f"{e['name']}.png"))
        mask = cv2.imread(str(folder / "masks" / f"{e['name']}.png"), cv2.IMREAD_GRAYSCALE)
        assert image.shape[:2] == mask.shape == sizes[e["name"]], "whole photo, not a crop"
        assert set(np.unique(mask)) <= {0, 255}
        hole = mask > 127
        assert 0.005 < hole.mean() < 0.2 and hole.mean() == pytest.approx(e["hole_fraction"], abs=1e-3)
        assert cv2.connectedComponents(hole.astype(np.uint8))[0] - 1 == 1, "one object"
    again = tmp_path / "again"
    _run("make_eval_set.py", "--val-data", str(val), "--out", str(again), "--sizes", "64", "--holes", "objects",
         "--photo-scale")
    for name in ("tall", "wide"):
        assert (again / "photo" / "objects" / "masks" / f"{name}.png").read_bytes() == \
            (folder / "masks" / f"{name}.png").read_bytes(), "fixed seed"


def test_fill_grid_has_a_row_per_photo_and_a_column_per_fill_plus_input_and_original(tmp_path, val_dir) -> None:
    out = tmp_path / "evalset"
    _run("make_eval_set.py", "--val-data", str(val_dir), "--out", str(out), "--sizes", "64", "--holes", "objects")
    folder = out / "64" / "objects"
    grid = tmp_path / "grid.jpg"
    _run("fill_grid.py", "--set", str(folder), "--fills", str(folder / "images"), str(folder / "images"),
         "--side", "40", "--out", str(grid))
    image = cv2.imread(str(grid))
    assert image.shape[:2] == (3 * 40, 4 * 40)
    # The first tile has the hole painted white; the fill columns (here the originals) do not.
    assert (image[:40, :40] > 240).all(axis=2).sum() > (image[:40, 40:80] > 240).all(axis=2).sum()
    missing = subprocess.run([sys.executable, str(TRAINING / "fill_grid.py"), "--set", str(folder), "--fills",
                              str(tmp_path), "--out", str(grid)], capture_output=True, text=True)
    assert missing.returncode != 0 and "missing" in missing.stderr
