"""Static scenery painted on the road plane (asphalt, markings, kerbs) and roadside objects."""

from __future__ import annotations

import math

import cv2
import numpy as np

from console.demo.scenes.camera import Array, Camera, clip_near
from console.demo.scenes.plates import Image
from console.demo.scenes.shapes import BGR

ASPHALT: BGR = (92, 90, 88)
ASPHALT_DARK: BGR = (72, 71, 70)
PAVEMENT: BGR = (150, 155, 160)
GRASS: BGR = (60, 120, 80)
PAINT_WHITE: BGR = (225, 228, 228)
PAINT_YELLOW: BGR = (40, 190, 230)


def fill_ground(img: Image, cam: Camera, xy: list[tuple[float, float]] | Array, colour: BGR) -> None:
    """Fill a polygon given in road-plane metres."""
    pts = np.asarray(xy, dtype=np.float64)
    world = np.column_stack([pts, np.zeros(len(pts))])
    cam_pts = clip_near(cam.to_camera(world))
    if len(cam_pts) < 3:
        return
    px = cam.project_camera(cam_pts)
    cv2.fillPoly(img, [np.round(px * 16).astype(np.int32)], colour, cv2.LINE_AA, 4)


def rect(img: Image, cam: Camera, x0: float, x1: float, y0: float, y1: float, colour: BGR) -> None:
    fill_ground(img, cam, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], colour)


def dashed(
    img: Image,
    cam: Camera,
    x: float,
    y0: float,
    y1: float,
    dash: float,
    gap: float,
    width: float,
    colour: BGR = PAINT_WHITE,
) -> None:
    y = y0
    while y < y1:
        rect(img, cam, x - width / 2, x + width / 2, y, min(y + dash, y1), colour)
        y += dash + gap


def texture(img: Image, rng: np.random.Generator, strength: float = 4.0) -> Image:
    """Fine asphalt grain and a few darker patches; seeded, so frames stay byte-identical."""
    noise = rng.normal(0.0, strength, img.shape[:2]).astype(np.float32)
    blotch = cv2.GaussianBlur(
        rng.normal(0.0, 1.0, (img.shape[0] // 8, img.shape[1] // 8)).astype(np.float32), (0, 0), 3
    )
    blotch = cv2.resize(blotch, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_LINEAR) * strength * 3
    out = img.astype(np.float32) + (noise + blotch)[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def tree(img: Image, cam: Camera, x: float, y: float, radius: float, height: float, shade: float = 1.0) -> None:
    """A roadside tree: trunk and a round crown, drawn in the background (trees stand off the road)."""
    base = cam.project(np.array([[x, y, 0.0], [x, y, height - radius]]))
    c = cam.to_camera(np.array([[x, y, height]]))
    if c[0, 2] < 1.0:
        return
    centre = cam.project_camera(c)[0]
    r = cam.focal_px * radius / c[0, 2]
    trunk_w = max(2, round(cam.focal_px * 0.15 / c[0, 2]))
    cv2.line(img, tuple(np.round(base[0]).astype(int)), tuple(np.round(base[1]).astype(int)), (40, 60, 80), trunk_w)
    green = (int(50 * shade), int(115 * shade), int(60 * shade))
    cv2.circle(img, (round(centre[0]), round(centre[1])), round(r), green, -1, cv2.LINE_AA)
    light = (int(70 * shade), int(150 * shade), int(85 * shade))
    cv2.circle(img, (round(centre[0] - r * 0.25), round(centre[1] - r * 0.3)), round(r * 0.55), light, -1, cv2.LINE_AA)


def pole(img: Image, cam: Camera, x: float, y: float, z_top: float, width_m: float = 0.15) -> None:
    pts = cam.project(np.array([[x, y, 0.0], [x, y, z_top]]))
    depth = float(cam.to_camera(np.array([[x, y, z_top / 2]]))[0, 2])
    w = max(2, round(cam.focal_px * width_m / max(depth, 1.0)))
    cv2.line(
        img, tuple(np.round(pts[0]).astype(int)), tuple(np.round(pts[1]).astype(int)), (70, 75, 80), w, cv2.LINE_AA
    )


def norm_points(cam: Camera, world: Array) -> list[list[float]]:
    """A road line (2 points) or convex zone (≥ 3) → image coordinates normalised to 0..1, the
    camera_rules.geometry convention, cut to the picture so that every coordinate is within 0..1."""
    px = cam.project(world)
    w, h = cam.width, cam.height
    if len(px) == 2:
        px = _clip_segment(px, w, h)
    else:
        frame = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        area, cut = cv2.intersectConvexConvex(px.astype(np.float32), frame)
        if area <= 0 or cut is None:
            raise ValueError("rule zone lies outside the picture")
        px = cut.reshape(-1, 2).astype(np.float64)
    return [[round(min(1.0, max(0.0, float(u) / w)), 4), round(min(1.0, max(0.0, float(v) / h)), 4)] for u, v in px]


def _clip_segment(px: Array, w: int, h: int) -> Array:
    """Liang–Barsky: the part of segment px[0]→px[1] inside the picture."""
    p0, d = px[0], px[1] - px[0]
    t0, t1 = 0.0, 1.0
    for p, q in ((-d[0], p0[0]), (d[0], w - p0[0]), (-d[1], p0[1]), (d[1], h - p0[1])):
        if abs(p) < 1e-12:
            if q < 0:
                raise ValueError("rule line lies outside the picture")
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
    if t0 > t1:
        raise ValueError("rule line lies outside the picture")
    return np.array([p0 + t0 * d, p0 + t1 * d])


def ground_pts(xy: list[tuple[float, float]]) -> Array:
    pts = np.asarray(xy, dtype=np.float64)
    return np.column_stack([pts, np.zeros(len(pts))])


def ground_y_at_row(cam: Camera, v: float) -> float:
    """Road distance seen at image row ``v`` (below the horizon)."""
    angle = math.radians(cam.pitch_deg) + math.atan((v - cam.height / 2) / cam.focal_px)
    return cam.y_m + cam.height_m / math.tan(angle)
