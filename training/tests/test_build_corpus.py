"""The corpus builder's listed photo sets: where their licence comes from, and the training-only split."""
from __future__ import annotations

from pathlib import Path

import build_corpus as bc
from gatefill_train.data import is_validation


def _package(tmp_path: Path, listed: bc.ListedPhotos) -> Path:
    folder = tmp_path / listed.folder
    folder.mkdir(parents=True)
    for i, name in enumerate(listed.names):
        (folder / name).write_bytes(bytes([i]) * 8)
    return tmp_path


def test_listed_photos_take_the_stanza_of_their_upstream_path(tmp_path, monkeypatch):
    listed = bc.ListedPhotos("usr/share/demo/pics", ("a.jpg", "b.png"), upstream="data/pics")
    monkeypatch.setitem(bc.LISTED_PHOTOS, "demo-data", listed)
    stanzas = [bc.Stanza(["*"], "GPL-2+", "Someone"), bc.Stanza(["data/pics/a.jpg"], "CC0-1.0", "A. Photographer")]
    found = bc.listed_candidates("demo-data", _package(tmp_path, listed), stanzas)
    assert [(c.name, c.licence, c.copyright) for c in found] == [("a", "CC0-1.0", "A. Photographer"),
                                                                ("b", "GPL-2+", "Someone")]
    assert found[0].source == "usr/share/demo/pics/a.jpg" and found[1].data == bytes([1]) * 8
    assert "package_licence" not in found[0].extra


def test_a_licence_beside_the_pictures_overrides_the_package_wide_one_and_is_recorded(tmp_path, monkeypatch):
    listed = bc.ListedPhotos("usr/share/demo/walls", ("sky.jpg",), licence="CC-BY-SA-3.0",
                             licence_source="usr/share/demo/walls/License")
    monkeypatch.setitem(bc.LISTED_PHOTOS, "demo-walls", listed)
    [c] = bc.listed_candidates("demo-walls", _package(tmp_path, listed), [bc.Stanza(["*"], "LGPL-2.1+", "Team")])
    assert c.licence == "CC-BY-SA-3.0"
    assert c.extra == {"package_licence": "LGPL-2.1+", "licence_source": "usr/share/demo/walls/License"}


def test_training_only_packages_never_reach_the_evaluation_set():
    # A name the hash rule sends to validation, for a package of the original corpus and a training-only one.
    name = next(f"p{i}" for i in range(10_000) if is_validation(f"mate-backgrounds/p{i}", 10.0))
    assert bc.split_of(bc.Candidate("mate-backgrounds", name, "", b""), 10.0) == "val"
    train_only = sorted(bc.TRAIN_ONLY)[0]
    held = next(f"p{i}" for i in range(10_000) if is_validation(f"{train_only}/p{i}", 10.0))
    assert bc.split_of(bc.Candidate(train_only, held, "", b""), 10.0) == "train"


def test_every_package_has_a_way_to_find_its_pictures():
    assert set(bc.PACKAGES) == set(bc.CANDIDATES) | set(bc.LISTED_PHOTOS)
    assert not set(bc.CANDIDATES) & set(bc.LISTED_PHOTOS)
