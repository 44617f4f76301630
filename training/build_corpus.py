#!/usr/bin/python3
"""Builds the bootstrap photo corpus from Debian packages and writes its manifest.

The packages are fetched with ``apt-get download`` (never installed) and unpacked with ``dpkg-deb -x``.
Wallpaper packages hold a handful of photographs among renders and logos; they were judged by eye from
contact sheets and are listed explicitly below. GCompris ships its pictures as WebP inside Qt resource
bundles (.rcc); those are read with gatefill_train.rcc and filtered by a heuristic (no transparency, at
least 200 px on the short side, enough distinct colours, not dominated by flat areas) plus an explicit
list of activities whose pictures are drawings or artwork reproductions. Near-duplicates (the same
monument photo in two activities) are dropped by a thumbnail comparison so none leaks across the split.

Output (outside git): <out>/train/<package>/<name>.jpg and <out>/val/<package>/<name>.jpg, downscaled to
at most --max-side px; validation is a fixed share chosen by a hash of "<package>/<name>".
The manifest (committed) lists every kept file with its package, version, source path, licence and split,
and every dropped candidate with the reason.

Usage: /usr/bin/python3 training/build_corpus.py --out /work/corpus [--manifest training/corpus_manifest.json]
"""
from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import cv2
import numpy as np

from gatefill_train.data import is_validation  # noqa: E402
from gatefill_train.rcc import read_rcc  # noqa: E402

PACKAGES = ["plasma-workspace-wallpapers", "mate-backgrounds", "lomiri-wallpapers-16.04",
            "lomiri-wallpapers-20.04", "gcompris-qt-data", "palapeli-data", "stellarium-data",
            "ukui-wallpapers", "jigzo-data", "endless-sky-high-dpi", "lxqt-themes", "tuxpaint-data",
            "sddm-theme-maldives", "kodi-data", "puzzle-jigsaw"]
# Added for issue 17 after the packages above, so the earlier photos keep their names, splits and
# near-duplicate decisions.

# Endless Sky's planet-landing pictures are landscape and city photographs (morgueFile and Unsplash
# donations in the public domain, Wikimedia Commons CC-BY-SA-3.0, contributors' CC-BY-SA-4.0; the
# copyright file's images/land stanzas). The high-dpi package holds them at 1440x720 (the data
# package's are 720x360). Judged from contact sheets (3 Dec 2026): all photographs, some cropped and
# colour-graded for alien worlds; these are not views of a scene:
ENDLESS_SKY_NOT_PHOTOS = {"nasa8": "processed planetary image (Jupiter's clouds)",
                          "nasa9": "processed planetary image (Jupiter's clouds)",
                          "earthrise": "mostly black sky around a small Earth",
                          "space6": "abstract light streaks"}

# Stellarium landscapes: photographic panoramas cut into tiles with a transparent sky. Kept: the
# photographs; the opaque band of each tile (below the highest skyline in it) becomes one photo, and
# every tile of a panorama goes to the split of the panorama's name, so no view of a validation
# panorama is trained on. Dropped: renders and non-photographic landscapes.
STELLARIUM_PHOTO_PANORAMAS = {"garching": "garching-gl*.png", "grossmugl": "grossmugl_leeberg_crop*.png",
                              "hurricane": "hurricane[1-8].png", "guereins": "guereins[1-8].png"}
STELLARIUM_NOT_PHOTOS = {"ocean": "a Terragen render (landscape.ini)", "mars": "render", "moon": "grey "
                         "equirectangular mosaic, not a view", "jupiter": "render", "saturn": "render",
                         "uranus": "render", "neptune": "render", "sun": "render",
                         "trees": "fisheye sky mask, mostly transparent", "zero": "no image",
                         "geneva": "horizon line only, no image"}
MIN_BAND = 180  # px: a tile's opaque band must give crops at least this tall
# ukui-wallpapers 20.04.3: every picture is a render or an illustration (contact sheet, 1 Dec 2026).
UKUI_NOT_PHOTOS = {"2004default": "render", "calla": "illustration", "city": "flat graphic",
                   "desert": "flat graphic", "firstgeneration": "illustration", "fluent-color": "render",
                   "focal-ubuntukylin": "logo render", "goldfish": "illustration", "rhythm": "render",
                   "rollpaper": "flat graphic", "string": "render", "the-mouse": "illustration"}


@dataclass(frozen=True)
class ListedPhotos:
    """Photographs named one by one in a package's folder (the rest of the folder was judged from contact
    sheets to be renders, logos or screenshots). ``upstream`` is the folder's path in the copyright file's
    stanzas; ``licence`` overrides them where a more specific statement ships beside the pictures."""
    folder: str
    names: Tuple[str, ...]
    upstream: str = ""
    licence: Optional[str] = None
    licence_source: str = ""


# Added in session 14 (8 Dec 2026), judged from contact sheets. They go to training only: the evaluation
# set stays the 51 validation photos of session 12, so every release's figures compare (TRAIN_ONLY).
LISTED_PHOTOS = {
    # Wallpapers of the LXQt themes: the photographs by stefonarch and others; the license file beside them
    # puts them under CC-BY-SA-3.0 (the copyright file's Files: * is the themes' LGPL). Not kept: the
    # origami, plasma, triangles and waves wallpapers (renders with logos).
    "lxqt-themes": ListedPhotos(
        "usr/share/lxqt/wallpapers",
        ("Butterfly-Kenneth-Wimer.jpg", "Valendas.png", "after-the-rain.jpg", "appleflower.png", "beam.png",
         "butterfly.png", "cloud.png", "drop.png", "flowers.png", "fog.jpg", "this-is-not-windows.jpg"),
        licence="CC-BY-SA-3.0", licence_source="usr/share/lxqt/wallpapers/License"),
    # Tux Paint's photographic templates by Bill Kendrick (Files: * GPL-2+); starters/ are drawings.
    "tuxpaint-data": ListedPhotos(
        "usr/share/tuxpaint/templates",
        ("burnt_bark.jpg", "cliff.jpg", "corn_maze.jpg", "jellyfish.jpg", "lighthouse.jpg", "mossy_bark.jpg",
         "mossy_log.jpg", "mudstone.jpg", "ocean_splash.jpg", "ocean_waves.jpg", "redwoods_above.jpg",
         "rocks.jpg", "sheep.jpg", "spiders_web.jpg", "sun_behind_clouds.jpg", "sun_behind_leaves.jpg",
         "trees_above.jpg", "trees_at_dusk.jpg", "wool_mill_machine.jpg")),
    # A Maldives beach by Nevit Dilmen (CC-BY-3.0 stanza); maldives.jpg is a screenshot of the login.
    "sddm-theme-maldives": ListedPhotos("usr/share/sddm/themes/maldives", ("background.jpg",),
                                        upstream="data/themes/maldives"),
    # Kodi's cinema and concert home images (CC0-1.0 stanza, from the grant beside them upstream).
    "kodi-data": ListedPhotos("usr/share/kodi/addons/skin.estuary/extras/home-images", ("movie.jpg", "music.jpg"),
                              upstream="addons/skin.estuary/extras/home-images"),
    # The two Pexels samples Debian kept (CC0-1.0 stanza samples/*): a cat and a tiger.
    "puzzle-jigsaw": ListedPhotos("usr/share/puzzle-jigsaw/samples",
                                  ("cat-animal-cat-portrait-mackerel.jpg", "pexels-photo-302304.jpeg"),
                                  upstream="samples"),
}
TRAIN_ONLY = set(LISTED_PHOTOS)
# Looked at and not added (session 14): tuxtype-data (Commons pictures without a licence or author per
# image), digikam-data (one photo under "almost all software is GPL"), kphotoalbum (a demo album),
# lebiniou-data (contrast-edited greyscale), lugaru-data (tiling game textures), and some thirty packages
# whose pictures are renders, screenshots or under 600 px.

# Photographs among the wallpapers, judged from contact sheets (the rest are renders, gradients, logos).
PLASMA_PHOTOS = {"BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour", "EveningGlow", "FallenLeaf",
                 "Grey", "Kite", "OneStandsOut", "Path", "summer_1am"}
MATE_PHOTO_DIRS = {"nature"}
LOMIRI_NOT_PHOTOS = {"analogpattern_by_Peter_Nerlich", "umang_by_Abhishek_Mudgal", "Fossa_by_Jasper_Roks",
                     "Infinite-Sea_by_Aury88", "Painting-Colors_by__herobrine7gamer"}
# GCompris activities whose opaque pictures are paintings or drawings, not photographs.
GCOMPRIS_EXCLUDED_ACTIVITIES = {"paintings": "artwork reproductions", "details": "artwork reproductions",
                                "lang": "drawings", "babyshapes": "drawings / puzzle pieces",
                                "solar_system": "renders of planets", "clickgame": "drawings",
                                "leftright": "drawings", "louis-braille": "drawings", "chronos": "drawings",
                                "gravity": "drawings", "hangman": "drawings", "core": "interface art",
                                "digital_electricity": "interface art", "memory-sound": "drawings"}
GCOMPRIS_EXCLUDED_FILES: set[str] = set()
RASTER = (".jpg", ".jpeg", ".png", ".webp")


@dataclass
class Candidate:
    """One picture found in a package, with what is needed to decide, store and credit it."""
    package: str
    name: str
    source: str
    data: bytes
    licence: str = "unknown"
    copyright: str = ""
    keep: bool = True
    reason: str = ""
    extra: Dict[str, object] = field(default_factory=dict)


def run(cmd: List[str], cwd: Optional[Path] = None) -> str:
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout


def fetch(package: str, debs: Path, extract: Path) -> Tuple[Path, str]:
    """Downloads and unpacks one package; returns its root and version."""
    debs.mkdir(parents=True, exist_ok=True)
    found = sorted(debs.glob(f"{package}_*.deb"))
    if not found:
        run(["apt-get", "download", package], cwd=debs)
        found = sorted(debs.glob(f"{package}_*.deb"))
    if not found:
        raise RuntimeError(f"apt-get download {package} produced no .deb")
    deb = found[-1]
    version = run(["dpkg-deb", "-f", str(deb), "Version"]).strip()
    root = extract / package
    if not root.exists():
        extract.mkdir(parents=True, exist_ok=True)
        tmp = extract / f".{package}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        run(["dpkg-deb", "-x", str(deb), str(tmp)])
        os.replace(tmp, root)
    return root, version


@dataclass
class Stanza:
    """A Files stanza of a machine-readable Debian copyright file."""
    patterns: List[str]
    licence: str
    copyright: str


def parse_copyright(path: Path) -> List[Stanza]:
    stanzas: List[Stanza] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")):
        fields: Dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line[:1] in (" ", "\t") and key:
                fields[key] += "\n" + line.strip()
            elif ":" in line:
                key, _, value = line.partition(":")
                fields[key.strip()] = value.strip()
        if "Files" in fields and "License" in fields:
            stanzas.append(Stanza(fields["Files"].split(), fields["License"].splitlines()[0].strip(),
                                  " ".join(fields.get("Copyright", "").split())))
    return stanzas


def licence_for(stanzas: List[Stanza], rel: str) -> Tuple[str, str]:
    """DEP-5 rule: the last stanza whose pattern matches wins. Packaged files may be WebP versions of the
    upstream JPEG/PNG named in the copyright file, so the extension is ignored as a fallback."""
    best: Optional[Stanza] = None
    stem = os.path.splitext(rel)[0]
    for st in stanzas:
        for pat in st.patterns:
            if fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(stem, os.path.splitext(pat)[0]) \
                    or fnmatch.fnmatchcase(os.path.basename(rel), pat):
                best = st
    return (best.licence, best.copyright) if best else ("unknown", "")


def plasma_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    out = []
    for d in sorted((root / "usr/share/wallpapers").iterdir()):
        images = list((d / "contents/images").glob("*"))
        if not images:
            continue

        def size_key(p: Path) -> Tuple[bool, int]:
            w, h = (int(v) for v in p.stem.split("x"))
            return (w >= h, w * h)
        best = max(images, key=size_key)
        licence, holder = licence_for(stanzas, "*")
        meta = d / "metadata.json"
        if meta.exists():
            info = json.loads(meta.read_text(encoding="utf-8")).get("KPlugin", {})
            licence = info.get("License", licence)
            holder = ", ".join(a.get("Name", "") for a in info.get("Authors", [])) or holder
        c = Candidate(package, d.name, str(best.relative_to(root)), best.read_bytes(),
                      licence, holder)
        if d.name not in PLASMA_PHOTOS:
            c.keep, c.reason = False, "not a photograph (render/graphic), judged from contact sheet"
        out.append(c)
    return out


def mate_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    out = []
    base = root / "usr/share/backgrounds/mate"
    for p in sorted(base.rglob("*")):
        if p.suffix.lower() not in RASTER:
            continue
        rel = str(p.relative_to(base))
        licence, holder = licence_for(stanzas, rel)
        c = Candidate(package, p.stem, str(p.relative_to(root)), p.read_bytes(), licence, holder)
        if p.parent.name not in MATE_PHOTO_DIRS:
            c.keep, c.reason = False, f"'{p.parent.name}' set: abstract or graphic"
        out.append(c)
    return out


def lomiri_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    out = []
    series = package.rsplit("-", 1)[1]
    for p in sorted((root / "usr/share/backgrounds").glob("*")):
        if p.suffix.lower() not in RASTER:
            continue
        licence, holder = licence_for(stanzas, f"{series}/{p.name}")
        c = Candidate(package, p.stem, str(p.relative_to(root)), p.read_bytes(), licence, holder)
        if p.stem in LOMIRI_NOT_PHOTOS:
            c.keep, c.reason = False, "not a photograph (abstract/illustration), judged from contact sheet"
        out.append(c)
    return out


def palapeli_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    """The five puzzle photographs (collection/); each .desktop names its author and licence, which
    are the photo's own (the package's copyright file covers them with Files: * GPL-2+). The puzzle
    table backgrounds are procedural textures."""
    out = []
    base = root / "usr/share/palapeli"
    for p in sorted((base / "collection").glob("*.jpg")):
        meta = dict(line.split("=", 1) for line in (p.with_suffix(".desktop")).read_text().splitlines()
                    if "=" in line)
        pkg_licence, holder = licence_for(stanzas, f"collection/{p.name}")
        licence = meta.get("X-KDE-PluginInfo-License", pkg_licence)
        author = meta.get("X-KDE-PluginInfo-Author", holder)
        out.append(Candidate(package, p.stem, str(p.relative_to(root)), p.read_bytes(), licence,
                             author, extra={"package_licence": pkg_licence}))
    for p in sorted((base / "backgrounds").glob("*")):
        if p.suffix.lower() in RASTER:
            out.append(Candidate(package, p.stem, str(p.relative_to(root)), b"", keep=False,
                                 reason="puzzle-table texture, not a photograph"))
    return out


def opaque_band(rgba: np.ndarray) -> Optional[np.ndarray]:
    """The longest run of rows of a tile whose every pixel is opaque (a landscape tile's sky is
    transparent; some tiles also end in a half-transparent last row)."""
    if rgba.ndim == 2 or rgba.shape[2] == 3:
        return None
    full = (rgba[:, :, 3] >= 250).all(axis=1)
    best, start = (0, 0), None
    for y, ok in enumerate(list(full) + [False]):
        if ok and start is None:
            start = y
        elif not ok and start is not None:
            best = max(best, (y - start, start))
            start = None
    length, top = best
    return np.ascontiguousarray(rgba[top:top + length, :, :3]) if length else None


def stellarium_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    out = []
    base = root / "usr/share/stellarium/landscapes"
    for d in sorted(p for p in base.iterdir() if p.is_dir()):
        ini = (d / "landscape.ini").read_text(errors="replace") if (d / "landscape.ini").exists() else ""
        author = next((line.split("=", 1)[1].strip() for line in ini.splitlines()
                       if line.strip().startswith("author")), "")
        pattern = STELLARIUM_PHOTO_PANORAMAS.get(d.name)
        for p in sorted(d.glob("*.png")):
            rel = str(p.relative_to(root))
            licence, holder = licence_for(stanzas, f"landscapes/{d.name}/{p.name}")
            c = Candidate(package, f"{d.name}-{p.stem}", rel, b"", licence, author or holder,
                          extra={"holdout_key": f"{package}/{d.name}"})
            if pattern is None:
                c.keep, c.reason = False, STELLARIUM_NOT_PHOTOS.get(d.name, "not a listed photographic panorama")
            elif not fnmatch.fnmatchcase(p.name, pattern):
                c.keep, c.reason = False, "fog / illumination / ground layer of a panorama"
            else:
                band = opaque_band(cv2.imread(str(p), cv2.IMREAD_UNCHANGED))
                if band is None or band.shape[0] < MIN_BAND:
                    c.keep, c.reason = False, f"opaque band under {MIN_BAND} px"
                else:
                    # 2048-wide tiles are cut in halves so each piece is a view, not a strip.
                    pieces = [band] if band.shape[1] <= 1024 else [band[:, :band.shape[1] // 2],
                                                                  band[:, band.shape[1] // 2:]]
                    for k, piece in enumerate(pieces):
                        ok, enc = cv2.imencode(".png", piece)
                        name = c.name if len(pieces) == 1 else f"{c.name}-{k + 1}"
                        out.append(Candidate(package, name, rel, enc.tobytes(), licence,
                                             author or holder, extra=dict(c.extra)))
                    continue
            out.append(c)
    return out


def ukui_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    out = []
    for p in sorted((root / "usr/share/backgrounds").glob("*")):
        if p.suffix.lower() not in RASTER:
            continue
        licence, holder = licence_for(stanzas, p.name)
        out.append(Candidate(package, p.stem, str(p.relative_to(root)), b"", licence, holder,
                             keep=False, reason=UKUI_NOT_PHOTOS.get(p.stem, "not judged a photograph")))
    return out


def jigzo_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    """Jigzo's puzzles embed their pictures as small JPEGs (at most 232 px): too small to crop from."""
    out = []
    for p in sorted((root / "usr/share/games/jigzo/puzzles").rglob("*.pzl")):
        licence, holder = licence_for(stanzas, f"puzzles/{p.parent.name}/{p.name}")
        reason = "embedded picture at most 232 px" + (f"; licence {licence} (non-commercial)"
                                                      if "NC" in licence else "")
        out.append(Candidate(package, p.stem, str(p.relative_to(root)), b"", licence, holder,
                             keep=False, reason=reason))
    return out


def endless_sky_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    out = []
    base = root / "usr/share/games/endless-sky/plugins/endless-sky-high-dpi"
    for p in sorted((base / "images/land").glob("*@2x.jpg")):
        name = p.name[:-len("@2x.jpg")]
        licence, holder = licence_for(stanzas, f"images/land/{p.name}")
        c = Candidate(package, name, str(p.relative_to(root)), p.read_bytes(), licence, holder)
        if name in ENDLESS_SKY_NOT_PHOTOS:
            c.keep, c.reason = False, ENDLESS_SKY_NOT_PHOTOS[name]
        out.append(c)
    return out


def listed_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    listed = LISTED_PHOTOS[package]
    out = []
    for name in listed.names:
        p = root / listed.folder / name
        licence, holder = licence_for(stanzas, f"{listed.upstream}/{name}" if listed.upstream else name)
        extra: Dict[str, object] = {}
        if listed.licence:
            extra = {"package_licence": licence, "licence_source": listed.licence_source}
            licence = listed.licence
        out.append(Candidate(package, p.stem, str(p.relative_to(root)), p.read_bytes(), licence, holder,
                             extra=extra))
    return out


def photo_features(img: np.ndarray) -> Dict[str, float]:
    """Cheap statistics that separate photographs from drawings at thumbnail size."""
    alpha = float((img[:, :, 3] < 250).mean()) if img.ndim == 3 and img.shape[2] == 4 else 0.0
    bgr = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) if img.ndim == 2 else img[:, :, :3]
    s = min(1.0, 256 / max(bgr.shape[:2]))
    small = cv2.resize(bgr, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else bgr
    q = (small // 8).reshape(-1, 3).astype(np.int32)
    colours = len(np.unique(q[:, 0] * 1024 + q[:, 1] * 32 + q[:, 2]))
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
    mu = cv2.blur(grey, (5, 5))
    flat = float(((cv2.blur(grey * grey, (5, 5)) - mu * mu) < 2.0).mean())
    return {"alpha": round(alpha, 4), "colours": colours, "flat": round(flat, 3),
            "short_side": int(min(bgr.shape[:2]))}


def gcompris_candidates(package: str, root: Path, stanzas: List[Stanza]) -> List[Candidate]:
    out = []
    for rcc in sorted((root / "usr/share/gcompris-qt/rcc").glob("*.rcc")):
        activity = rcc.stem
        for entry in read_rcc(rcc.read_bytes()):
            if os.path.splitext(entry.path)[1].lower() not in RASTER or entry.data is None:
                continue
            rel = entry.path.lstrip("/")
            rel = rel[len("gcompris/"):] if rel.startswith("gcompris/") else rel
            licence, holder = licence_for(stanzas, rel)
            name = f"{activity}__{Path(rel).stem}"
            c = Candidate(package, name, f"{rcc.relative_to(root)}:{entry.path}", entry.data,
                          licence, holder)
            img = cv2.imdecode(np.frombuffer(entry.data, np.uint8), cv2.IMREAD_UNCHANGED)
            if img is None:
                c.keep, c.reason = False, "undecodable"
            else:
                f = photo_features(img)
                c.extra = f
                if activity in GCOMPRIS_EXCLUDED_ACTIVITIES:
                    c.keep, c.reason = False, f"activity '{activity}': {GCOMPRIS_EXCLUDED_ACTIVITIES[activity]}"
                elif name in GCOMPRIS_EXCLUDED_FILES:
                    c.keep, c.reason = False, "excluded by name"
                elif f["alpha"] > 0.01:
                    c.keep, c.reason = False, "transparent background (cut-out or drawing)"
                elif f["short_side"] < 200:
                    c.keep, c.reason = False, "smaller than 200 px"
                elif f["colours"] < 200:
                    c.keep, c.reason = False, "too few colours for a photograph"
                elif f["flat"] > 0.85:
                    c.keep, c.reason = False, "mostly flat colour"
            out.append(c)
    return out


def thumb(img: np.ndarray) -> np.ndarray:
    return cv2.resize(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), (16, 16), interpolation=cv2.INTER_AREA
                      ).astype(np.float32)


def decode_rgb(data: bytes) -> Optional[np.ndarray]:
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    return None if img is None else cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def contact_sheet(items: List[Tuple[str, np.ndarray]], path: Path, cols: int = 10, cell: int = 160) -> None:
    rows = max(1, (len(items) + cols - 1) // cols)
    sheet = np.full((rows * (cell + 16), cols * cell, 3), 255, np.uint8)
    for i, (label, img) in enumerate(items):
        s = (cell - 4) / max(img.shape[:2])
        t = cv2.resize(img, (max(1, int(img.shape[1] * s)), max(1, int(img.shape[0] * s))),
                       interpolation=cv2.INTER_AREA)
        y, x = (i // cols) * (cell + 16), (i % cols) * cell
        sheet[y:y + t.shape[0], x:x + t.shape[1]] = t
        cv2.putText(sheet, label[:24], (x, y + cell + 10), cv2.FONT_HERSHEY_SIMPLEX, 0.33, (0, 0, 0), 1)
    cv2.imwrite(str(path), cv2.cvtColor(sheet, cv2.COLOR_RGB2BGR))


def split_of(c: Candidate, val_percent: float) -> str:
    """The hash hold-out; pieces of one panorama share the panorama's key, and TRAIN_ONLY packages keep the
    evaluation set as it was."""
    key = str(c.extra.get("holdout_key", f"{c.package}/{c.name}"))
    return "val" if c.package not in TRAIN_ONLY and is_validation(key, val_percent) else "train"


# How each package's pictures are found; packages not named here are LISTED_PHOTOS.
CANDIDATES = {
    "plasma-workspace-wallpapers": plasma_candidates,
    "mate-backgrounds": mate_candidates,
    "lomiri-wallpapers-16.04": lomiri_candidates, "lomiri-wallpapers-20.04": lomiri_candidates,
    "gcompris-qt-data": gcompris_candidates,
    "palapeli-data": palapeli_candidates,
    "stellarium-data": stellarium_candidates,
    "ukui-wallpapers": ukui_candidates,
    "jigzo-data": jigzo_candidates,
    "endless-sky-high-dpi": endless_sky_candidates,
}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/work/corpus", help="corpus folder (outside git)")
    ap.add_argument("--manifest", default=str(Path(__file__).resolve().parent / "corpus_manifest.json"))
    ap.add_argument("--max-side", type=int, default=1600)
    ap.add_argument("--val-percent", type=float, default=10.0)
    ap.add_argument("--contact-sheets", action="store_true", help="write kept/dropped contact sheets to <out>")
    args = ap.parse_args(argv)

    out = Path(args.out)
    candidates: List[Candidate] = []
    versions: Dict[str, str] = {}
    for pkg in PACKAGES:
        root, version = fetch(pkg, out / "debs", out / "extract")
        versions[pkg] = version
        stanzas = parse_copyright(root / "usr/share/doc" / pkg / "copyright")
        found = CANDIDATES.get(pkg, listed_candidates)(pkg, root, stanzas)
        candidates.extend(found)
        print(f"{pkg} {version}: {len(found)} candidates", flush=True)

    for split in ("train", "val"):
        shutil.rmtree(out / split, ignore_errors=True)
    kept_thumbs: List[np.ndarray] = []
    files, dropped = [], []
    sheets: Dict[str, List[Tuple[str, np.ndarray]]] = {"kept": [], "dropped": []}
    for c in candidates:
        img = decode_rgb(c.data) if c.data and (c.keep or args.contact_sheets) else None
        if c.keep and img is None:
            c.keep, c.reason = False, "undecodable"
        if c.keep:
            t = thumb(img)
            if any(float(np.abs(t - k).mean()) < 6.0 for k in kept_thumbs):
                c.keep, c.reason = False, "near-duplicate of a kept photo"
            else:
                kept_thumbs.append(t)
        if not c.keep:
            dropped.append({"package": c.package, "source": c.source, "reason": c.reason})
            if args.contact_sheets and img is not None:
                sheets["dropped"].append((c.name, img))
            continue
        split = split_of(c, args.val_percent)
        s = min(1.0, args.max_side / max(img.shape[:2]))
        if s < 1:
            img = cv2.resize(img, (round(img.shape[1] * s), round(img.shape[0] * s)), interpolation=cv2.INTER_AREA)
        dest = out / split / c.package / f"{c.name}.jpg"
        dest.parent.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(dest), cv2.cvtColor(img, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 95])
        files.append({"package": c.package, "version": versions[c.package], "source": c.source,
                      "file": str(dest.relative_to(out)), "split": split, "licence": c.licence,
                      "copyright": c.copyright, "width": img.shape[1], "height": img.shape[0],
                      "source_sha256": hashlib.sha256(c.data).hexdigest(),
                      **({"holdout_key": c.extra["holdout_key"]} if "holdout_key" in c.extra else {}),
                      **{k: c.extra[k] for k in ("package_licence", "licence_source") if k in c.extra}})
        if args.contact_sheets:
            sheets["kept"].append((c.name, img))

    summary = {}
    for pkg in PACKAGES:
        kept = [f for f in files if f["package"] == pkg]
        summary[pkg] = {"version": versions[pkg], "kept": len(kept),
                        "dropped": sum(1 for d in dropped if d["package"] == pkg),
                        "val": sum(1 for f in kept if f["split"] == "val"),
                        "megapixels": round(sum(f["width"] * f["height"] for f in kept) / 1e6, 2),
                        "licences": sorted({f["licence"] for f in kept})}
    manifest = {"generated_by": "training/build_corpus.py", "corpus_root": "<out> (default /work/corpus)",
                "val_rule": f"sha1('<package>/<name>')[:8] as int % 10000 < {args.val_percent} * 100 "
                            "(pieces of a panorama: '<package>/<panorama>', their holdout_key); "
                            f"training only: {', '.join(sorted(TRAIN_ONLY))}",
                "max_side": args.max_side, "packages": summary, "files": files, "dropped": dropped}
    tmp = Path(args.manifest + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, args.manifest)
    if args.contact_sheets:
        for kind, items in sheets.items():
            for k in range(0, len(items), 100):
                contact_sheet(items[k:k + 100], out / f"contact_{kind}_{k // 100}.png")
    for pkg, s in summary.items():
        print(f"{pkg}: kept {s['kept']} (val {s['val']}), {s['megapixels']} MP, dropped {s['dropped']}, "
              f"licences {s['licences']}")
    print(f"total kept {len(files)}, train {sum(f['split'] == 'train' for f in files)}, "
          f"val {sum(f['split'] == 'val' for f in files)}; manifest {args.manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
