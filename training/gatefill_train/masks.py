"""Training masks: the released DeepFill v2 code's free-form strokes and boxes, plus object-shaped holes
(filled irregular polygons, unions of blobs) and wide strokes, mixed with given shares.

Strokes: 1-3 polylines of 4-11 vertices; turning angles drawn around 2*pi/5 with a spread of up to
2*pi/15, alternating direction so strokes wander instead of spiralling; step lengths ~ N(r, r/2) clipped
to [0, 2r] with r = sqrt(H^2 + W^2) / 8; widths 12-40 px at 256 px (scaled with the image size); a disc
at every vertex rounds the joints. Random flips as in the original. A random box is added with
probability ``box_prob`` (the released code always adds one; "some of the time" keeps thin-stroke
examples in the mix).

Object holes are what people paint over an object they remove: one compact filled region covering
5-30 % of the crop (area drawn uniformly), a third of them cut by the crop border (objects at the edge
of the photo), dilated by 2-6 px (at 256 px) because people paint a margin around the object. Wide
strokes are the paper's strokes at 32-64 px, fewer and longer: a large brush swept over a thing.

A mix is written ``"strokes=0.35,objects=0.5,wide=0.15"`` (shares normalised); ``strokes`` is the
paper's strokes united with a box with probability ``box_prob``. ``"strokes=1"`` draws exactly what
``random_mask`` drew before mixes existed (same random numbers), so older runs resume unchanged.
"""
from __future__ import annotations

import math
from typing import Callable, Dict, Optional, Tuple

import cv2
import numpy as np


def brush_stroke_mask(height: int, width: int, rng: np.random.Generator, min_strokes: int = 1,
                      max_strokes: int = 3, min_vertex: int = 4, max_vertex: int = 11,
                      mean_angle: float = 2 * math.pi / 5, angle_range: float = 2 * math.pi / 15,
                      min_width: float = 12.0, max_width: float = 40.0, step_scale: float = 1.0) -> np.ndarray:
    """Returns a float32 [H,W] mask, 1 = hole. ``step_scale`` lengthens the segments (1 = the paper's)."""
    mask = np.zeros((height, width), np.uint8)
    scale = math.sqrt(height * width) / 256.0
    radius = step_scale * math.sqrt(height * height + width * width) / 8.0
    for _ in range(int(rng.integers(min_strokes, max_strokes + 1))):
        n_vertex = int(rng.integers(min_vertex, max_vertex + 1))
        angle_min = mean_angle - rng.uniform(0, angle_range)
        angle_max = mean_angle + rng.uniform(0, angle_range)
        angles = [rng.uniform(angle_min, angle_max) for _ in range(n_vertex)]
        angles = [2 * math.pi - a if i % 2 == 0 else a for i, a in enumerate(angles)]
        x, y = float(rng.integers(0, width)), float(rng.integers(0, height))
        vertices = [(int(x), int(y))]
        for a in angles:
            r = float(np.clip(rng.normal(radius, radius / 2), 0, 2 * radius))
            x = float(np.clip(x + r * math.cos(a), 0, width - 1))
            y = float(np.clip(y + r * math.sin(a), 0, height - 1))
            vertices.append((int(x), int(y)))
        stroke = max(1, int(rng.uniform(min_width, max_width) * scale))
        for p, q in zip(vertices[:-1], vertices[1:]):
            cv2.line(mask, p, q, 1, stroke)
        for v in vertices:
            cv2.circle(mask, v, stroke // 2, 1, -1)
    if rng.random() < 0.5:
        mask = mask[:, ::-1]
    if rng.random() < 0.5:
        mask = mask[::-1, :]
    return np.ascontiguousarray(mask, dtype=np.float32)


def box_mask(height: int, width: int, rng: np.random.Generator, min_frac: float = 0.125,
             max_frac: float = 0.5) -> np.ndarray:
    """A random axis-aligned rectangle with sides between min_frac and max_frac of the image sides."""
    mask = np.zeros((height, width), np.float32)
    bh = int(rng.uniform(min_frac, max_frac) * height)
    bw = int(rng.uniform(min_frac, max_frac) * width)
    top = int(rng.integers(0, height - bh + 1))
    left = int(rng.integers(0, width - bw + 1))
    mask[top:top + bh, left:left + bw] = 1.0
    return mask


def random_mask(height: int, width: int, rng: np.random.Generator, box_prob: float = 0.5) -> np.ndarray:
    """Training mask: brush strokes, united with a random box with probability ``box_prob``."""
    mask = brush_stroke_mask(height, width, rng)
    if rng.random() < box_prob:
        mask = np.maximum(mask, box_mask(height, width, rng))
    return mask


OBJECT_MIN_FRAC, OBJECT_MAX_FRAC = 0.05, 0.30


def _polygon_outline(rng: np.random.Generator) -> np.ndarray:
    """An irregular star-shaped outline around the origin with mean radius ~1: sorted random angles,
    radii smoothed around the circle so the outline is lumpy rather than spiky."""
    n = int(rng.integers(6, 16))
    angles = np.sort(rng.uniform(0, 2 * math.pi, n))
    radii = rng.uniform(0.45, 1.35, n)
    radii = (radii + np.roll(radii, 1) + np.roll(radii, -1)) / 3.0  # neighbouring vertices agree a bit
    stretch = rng.uniform(0.6, 1.6)  # objects are often taller than wide, or the reverse
    pts = np.stack([radii * np.cos(angles) * stretch, radii * np.sin(angles) / stretch], axis=1)
    return pts


def _blob_parts(rng: np.random.Generator) -> list:
    """2-5 overlapping ellipses (centre offset, semi-axes, angle in degrees), a union shaped like a
    person, an animal or a pile of things; coordinates relative to a unit scale."""
    parts = []
    cx, cy = 0.0, 0.0
    for _ in range(int(rng.integers(2, 6))):
        a, b = rng.uniform(0.35, 1.0), rng.uniform(0.25, 0.8)
        parts.append((cx, cy, a, b, rng.uniform(0, 180)))
        # The next blob starts near the edge of this one, so the union stays one connected region.
        t = rng.uniform(0, 2 * math.pi)
        cx, cy = cx + 0.8 * a * math.cos(t), cy + 0.8 * b * math.sin(t)
    mx = sum(p[0] for p in parts) / len(parts)
    my = sum(p[1] for p in parts) / len(parts)
    return [(x - mx, y - my, a, b, ang) for x, y, a, b, ang in parts]


def _extent(kind: str, shape) -> Tuple[float, float]:
    """Half-width and half-height of a shape at unit scale (an ellipse's bounding box bounds its blob)."""
    if kind == "polygon":
        return float(np.abs(shape[:, 0]).max()), float(np.abs(shape[:, 1]).max())
    return (max(abs(x) + max(a, b) for x, y, a, b, _ in shape), max(abs(y) + max(a, b) for x, y, a, b, _ in shape))


def _draw_shape(kind: str, shape, height: int, width: int, cx: float, cy: float, scale: float,
                dilate: int) -> np.ndarray:
    mask = np.zeros((height, width), np.uint8)
    if kind == "polygon":
        pts = np.round(shape * scale + [cx, cy]).astype(np.int32)
        cv2.fillPoly(mask, [pts], 1)
    else:
        for x, y, a, b, ang in shape:
            centre = (int(round(cx + x * scale)), int(round(cy + y * scale)))
            axes = (max(1, int(round(a * scale))), max(1, int(round(b * scale))))
            cv2.ellipse(mask, centre, axes, ang, 0, 360, 1, -1)
    if dilate > 0:
        k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * dilate + 1, 2 * dilate + 1))
        mask = cv2.dilate(mask, k)
    return mask


def object_mask(height: int, width: int, rng: np.random.Generator, kind: Optional[str] = None,
                border_prob: float = 1 / 3, info: Optional[Dict[str, object]] = None) -> np.ndarray:
    """One object-shaped hole (float32 [H,W], 1 = hole) covering 5-30 % of the image.

    ``kind`` is "polygon" or "blobs" (random when None). The target area is drawn uniformly in
    [5 %, 30 %]; the shape's scale is corrected a few times for what the border cut off and the
    dilation added, and a shape that still misses [5 %, 30 %] is drawn again. ``info``, when given,
    receives the kind, whether the hole was placed across the border, and the dilation.
    """
    kind = kind or ("polygon" if rng.random() < 0.5 else "blobs")
    px = height * width
    unit = math.sqrt(height * width) / 256.0
    for _ in range(20):
        target = rng.uniform(OBJECT_MIN_FRAC, OBJECT_MAX_FRAC)
        shape = _polygon_outline(rng) if kind == "polygon" else _blob_parts(rng)
        dilate = int(round(rng.uniform(2, 6) * unit))
        at_border = rng.random() < border_prob
        scale = math.sqrt(target * px / math.pi)
        if at_border:
            # Centre near one side (or beyond it by up to a third of the shape), so part is cut off.
            side = int(rng.integers(0, 4))
            off = rng.uniform(-0.35, 0.25) * scale
            cx = rng.uniform(0, width) if side < 2 else (off if side == 2 else width - 1 - off)
            cy = rng.uniform(0, height) if side >= 2 else (off if side == 0 else height - 1 - off)
        else:
            # Inside the crop: keep the shape's own extent (plus the dilation and room for the area
            # correction) off the border where the crop is large enough for it.
            ex, ey = _extent(kind, shape)
            mx, my = 1.15 * ex * scale + dilate + 2, 1.15 * ey * scale + dilate + 2
            cx = rng.uniform(min(mx, width / 2), max(width - mx, width / 2))
            cy = rng.uniform(min(my, height / 2), max(height - my, height / 2))
        mask = _draw_shape(kind, shape, height, width, cx, cy, scale, dilate)
        for _fix in range(4):
            frac = mask.mean()
            if frac <= 0 or abs(frac / target - 1.0) < 0.1:
                break
            scale *= math.sqrt(target / frac)
            mask = _draw_shape(kind, shape, height, width, cx, cy, scale, dilate)
        frac = float(mask.mean())
        if OBJECT_MIN_FRAC <= frac <= OBJECT_MAX_FRAC:
            if info is not None:
                info.update(kind=kind, at_border=at_border, dilate=dilate)
            return mask.astype(np.float32)
    raise RuntimeError("object_mask: no shape within the area limits in 20 tries")


def wide_stroke_mask(height: int, width: int, rng: np.random.Generator) -> np.ndarray:
    """The paper's strokes with a large brush (32-64 px at 256 px): one or two sweeps of 2-4 segments
    twice the paper's length (with its short segments a wide brush only makes a round blob)."""
    return brush_stroke_mask(height, width, rng, min_strokes=1, max_strokes=2, min_vertex=2, max_vertex=4,
                             min_width=32.0, max_width=64.0, step_scale=2.0)


HOLE_TYPES: Dict[str, Callable[..., np.ndarray]] = {
    "strokes": lambda h, w, rng, box_prob: random_mask(h, w, rng, box_prob),
    "objects": lambda h, w, rng, box_prob: object_mask(h, w, rng),
    "wide": lambda h, w, rng, box_prob: wide_stroke_mask(h, w, rng),
}


def parse_mask_mix(text: str) -> Tuple[Tuple[str, float], ...]:
    """"strokes=0.35,objects=0.5,wide=0.15" -> normalised ((name, share), ...) in HOLE_TYPES' order, so
    the same shares in another order draw the same masks."""
    items = []
    for part in text.split(","):
        name, _, share = part.strip().partition("=")
        if name not in HOLE_TYPES:
            raise ValueError(f"unknown hole type {name!r} in mask mix {text!r} (known: {', '.join(HOLE_TYPES)})")
        value = float(share) if share else 1.0
        if value < 0:
            raise ValueError(f"negative share in mask mix {text!r}")
        if any(n == name for n, _ in items):
            raise ValueError(f"hole type {name!r} named twice in mask mix {text!r}")
        items.append((name, value))
    items.sort(key=lambda item: list(HOLE_TYPES).index(item[0]))
    total = sum(v for _, v in items)
    if total <= 0:
        raise ValueError(f"mask mix {text!r} has no positive share")
    return tuple((n, v / total) for n, v in items)


def canonical_mask_mix(text: str) -> str:
    """One spelling per mix, so a schedule phase changes only when the shares do."""
    return ",".join(f"{n}={v:.4g}" for n, v in parse_mask_mix(text) if v > 0)


def mixed_mask(height: int, width: int, rng: np.random.Generator, mix: Tuple[Tuple[str, float], ...],
               box_prob: float = 0.5) -> np.ndarray:
    """A mask of a hole type drawn with the mix's shares. A mix of strokes alone draws no extra random
    number, so it reproduces ``random_mask`` exactly."""
    live = [(n, s) for n, s in mix if s > 0]
    if len(live) == 1:
        name = live[0][0]
    else:
        u, acc, name = rng.random(), 0.0, live[-1][0]
        for n, s in live:
            acc += s
            if u < acc:
                name = n
                break
    return HOLE_TYPES[name](height, width, rng, box_prob)
