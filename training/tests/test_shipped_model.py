"""The default model in models/: its card matches the file, and a sketch steers its fill."""
import hashlib
import json
from pathlib import Path

import cv2
import pytest
import torch

from gatefill_train.sketch_check import mean_response, photo_case, sketch_response

MODELS = Path(__file__).resolve().parents[2] / "models"
MODEL = MODELS / "gatefill.pt"
PHOTOS = Path(__file__).resolve().parent / "data" / "sketch"


@pytest.fixture(scope="module")
def card() -> dict:
    assert MODEL.is_file(), f"the shipped model is missing: {MODEL}"
    return json.loads(MODEL.with_suffix(".json").read_text())


@pytest.fixture(scope="module")
def model() -> torch.jit.ScriptModule:
    return torch.jit.load(str(MODEL), map_location="cpu").eval()


def test_card_describes_the_file(card) -> None:
    assert card["sha256"] == hashlib.sha256(MODEL.read_bytes()).hexdigest()
    gates = MODELS / card["gate_layers"]["file"]
    assert card["gate_layers"]["sha256"] == hashlib.sha256(gates.read_bytes()).hexdigest()
    assert card["contract_version"] == 1 and card["sketch"] is True
    t = card["training"]
    assert t["images_seen"] > 0 and t["cpu_hours"] > 0 and t["schedule"], "training facts missing"
    results = card["evaluation"]["results"]
    for method in ("OpenCV Telea", "OpenCV Navier-Stokes", "ours", "ours + edge sketch"):
        assert {"l1", "l2", "psnr", "ssim"} <= set(results[method]), method
    assert card["data"]["sources"] and card["licence"]
    # Issue 17: figures per hole type and size, beside the classical baselines, in the card itself.
    per_type = card["evaluation"]["per_hole_type"]
    for key in ("256/strokes", "256/objects", "512/strokes", "512/objects"):
        methods = per_type[key]
        assert {"OpenCV Telea", "OpenCV Navier-Stokes", "OpenCV shift-map (Lab)"} <= set(methods), key
        generator = [m for m in methods if m.startswith("Gatefill generator")]
        assert len(generator) == 1 and {"psnr", "ssim", "detail"} <= set(methods[generator[0]]["mean"]), key


def _photo_cases():
    for path in sorted(PHOTOS.glob("*.jpg")):
        crop = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
        yield path.stem, photo_case(crop)


def test_a_sketch_draws_edges_along_its_strokes(model) -> None:
    """Same photo, same box hole (a quarter of the image), with and without the photo's own edges inside
    the hole as the sketch (four licensed validation photos, one per corpus package): with the sketch
    the fill has stronger edges on the strokes. The model shipped before the refinement network saw
    the sketch fails this (0.95x the edge strength without a sketch). Edges as sharp as the original's
    (about 6x those of these blurry fills) are not reached yet; README has the figures."""
    torch.set_num_threads(2)
    responses = {name: sketch_response(model, *case) for name, case in _photo_cases()}
    assert len(responses) == 4, f"test photos missing in {PHOTOS}"
    mean = mean_response(list(responses.values()))
    assert mean["edge_on_strokes_with_sketch"] > 1.05 * mean["edge_on_strokes_without_sketch"], responses
