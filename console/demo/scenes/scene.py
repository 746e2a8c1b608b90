"""A planned scene: camera, painted background, actors on paths, a signal; draws frame i.

The loop is seamless by construction: the scene is periodic with period T (the clip length), and
frame time t shows every actor at t − T, t and t + T, so a vehicle that leaves after the last frame
is the same vehicle that is already on its way at the first. Each actor is on screen for less than
T, so no vehicle is ever shown twice at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from console.demo.scenes.camera import Array, Camera
from console.demo.scenes.motion import Profile, heading_of, kmh
from console.demo.scenes.plates import Image, PlateSpec, mip_levels, plate_image
from console.demo.scenes.shapes import Model
from console.demo.scenes.vehicles import Drawn, Pose, draw_shadow, draw_vehicle

SIGNAL_COLOURS = {"red": (40, 40, 255), "amber": (0, 180, 255), "green": (90, 235, 60)}
SIGNAL_DIM = {"red": (30, 30, 70), "amber": (20, 55, 75), "green": (35, 70, 35)}


@dataclass
class Actor:
    id: int
    cls: str
    plate: PlateSpec
    model: Model
    origin: tuple[float, float]
    direction: tuple[float, float]  # unit vector of travel on the road plane
    profile: Profile
    s_range: tuple[float, float]  # path positions between which the actor can be on screen
    lane: str
    scripted: str | None = None
    helmet: bool | None = None  # motorbike riders only
    texture: list[Image] = field(init=False, repr=False)  # the plate image and its halvings

    def __post_init__(self) -> None:
        self.texture = mip_levels(plate_image(self.plate))

    def xy(self, t: float) -> tuple[float, float]:
        s = self.profile.position(t)
        o = self.profile.offset(t)
        dx, dy = self.direction
        return self.origin[0] + s * dx + o * dy, self.origin[1] + s * dy - o * dx

    def pose(self, t: float) -> Pose:
        x, y = self.xy(t)
        x2, y2 = self.xy(t + 0.05)
        return Pose(x, y, heading_of(x2 - x, y2 - y, math.atan2(*self.direction)))

    def speed_kmh(self, t: float) -> float:
        return kmh(self.profile.speed(t))

    def on_stage(self, t: float) -> bool:
        s = self.profile.position(t)
        return self.s_range[0] <= s <= self.s_range[1]


@dataclass
class Signal:
    """A three-aspect signal head standing at (x, y) with its housing from z0 to z1."""

    x: float
    y: float
    z0: float
    z1: float
    width: float
    phases: list[tuple[str, float, float]]  # (state, start_s, end_s) within one cycle
    cycle: float

    def state(self, t: float) -> str:
        tc = t % self.cycle
        for name, a, b in self.phases:
            if a <= tc < b:
                return name
        return self.phases[-1][0]

    def roi_px(self, cam: Camera) -> Array:
        hw = self.width / 2
        corners = np.array(
            [
                [self.x - hw, self.y, self.z1],
                [self.x + hw, self.y, self.z1],
                [self.x + hw, self.y, self.z0],
                [self.x - hw, self.y, self.z0],
            ]
        )
        return cam.project(corners)

    def draw(self, frame: Image, cam: Camera, t: float) -> None:
        quad = self.roi_px(cam)
        x0, y0 = quad[:, 0].min(), quad[:, 1].min()
        x1, y1 = quad[:, 0].max(), quad[:, 1].max()
        cv2.rectangle(frame, (round(x0), round(y0)), (round(x1), round(y1)), (25, 25, 25), -1)
        cv2.rectangle(frame, (round(x0), round(y0)), (round(x1), round(y1)), (5, 5, 5), 2)
        state = self.state(t)
        r = (x1 - x0) * 0.36
        for i, name in enumerate(("red", "amber", "green")):
            cy = y0 + (y1 - y0) * (i + 0.5) / 3
            cx = (x0 + x1) / 2
            lit = name == state
            colour = SIGNAL_COLOURS[name] if lit else SIGNAL_DIM[name]
            if lit:
                cv2.circle(
                    frame,
                    (round(cx * 16), round(cy * 16)),
                    round(r * 1.35 * 16),
                    tuple(int(c * 0.55) for c in colour),
                    -1,
                    cv2.LINE_AA,
                    4,
                )
            cv2.circle(frame, (round(cx * 16), round(cy * 16)), round(r * 16), colour, -1, cv2.LINE_AA, 4)


@dataclass
class Scene:
    kind: str
    seed: int
    seconds: float
    fps: int
    camera: Camera
    background: Image
    actors: list[Actor]
    rules: list[dict[str, Any]]
    signal: Signal | None = None
    # Scripted violations before their pixel-side facts are filled in: type, actor id, times, values.
    violations: list[dict[str, Any]] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def frame_count(self) -> int:
        return round(self.seconds * self.fps)

    def visible(self, t: float) -> list[tuple[Actor, float]]:
        """Actors on stage at loop time ``t``, each with the absolute time of the copy shown."""
        out: list[tuple[Actor, float]] = []
        for actor in self.actors:
            for k in (-1, 0, 1):
                tk = t + k * self.seconds
                if actor.on_stage(tk):
                    out.append((actor, tk))
        return out

    def stage_window(self, actor: Actor) -> tuple[float, float]:
        """Loop times (start, end) of the one stretch during which ``actor`` is on stage; start >
        end when the stretch runs across the loop seam."""
        n = self.frame_count
        on = [any(actor.on_stage(i / self.fps + k * self.seconds) for k in (-1, 0, 1)) for i in range(n)]
        if not any(on):
            raise ValueError(f"vehicle {actor.id} never appears")
        if all(on):
            return 0.0, (n - 1) / self.fps
        first = next(i for i in range(n) if on[i] and not on[i - 1])
        last = next(i for i in range(n) if on[i] and not on[(i + 1) % n])
        return first / self.fps, last / self.fps

    def frame(self, index: int, draw: bool = True) -> tuple[Image | None, list[dict[str, Any]]]:
        """Frame ``index`` (or None when ``draw`` is false) and the ground truth of every vehicle in it."""
        t = index / self.fps
        cam = self.camera
        img = self.background.copy() if draw else None
        shown = [(a, tk, a.pose(tk)) for a, tk in self.visible(t)]
        shown.sort(key=lambda item: -math.hypot(item[2].x - cam.x_m, item[2].y - cam.y_m))
        if img is not None:
            for actor, _, pose in shown:
                draw_shadow(img, cam, actor.model, pose)
        records: list[dict[str, Any]] = []
        outlines: list[tuple[dict[str, Any], Array, Array | None]] = []
        for actor, tk, pose in shown:
            drawn = draw_vehicle(img, cam, actor.model, pose, actor.texture)
            rec = _record(actor, tk, pose, drawn, cam)
            if rec is not None:
                records.append(rec)
                plate = drawn.plate_quads[-1] if rec["plate_bbox"] is not None else None
                outlines.append((rec, np.vstack(drawn.points), plate))
        _occlusion(outlines, cam.width, cam.height)
        if img is not None and self.signal is not None:
            self.signal.draw(img, cam, t)
        records.sort(key=lambda r: int(r["id"]))
        return img, records


def _occlusion(outlines: list[tuple[dict[str, Any], Array, Array | None]], w: int, h: int) -> None:
    """Fill in how much of each vehicle and of its plate nearer vehicles leave in view.

    ``outlines`` run far to near, as drawn; each vehicle's silhouette is taken as the convex hull of
    its projected points, painted into an id buffer so that nearer vehicles overwrite farther ones.
    """
    ids = np.zeros((h, w), np.uint16)
    hulls: list[NDArray[np.int32]] = []
    for n, (_, pts, _) in enumerate(outlines, start=1):
        hull = np.asarray(cv2.convexHull(np.round(np.clip(pts, -8 * w, 8 * w)).astype(np.int32)), np.int32)
        cv2.fillConvexPoly(ids, hull, n)
        hulls.append(hull)
    for n, ((rec, _, plate), hull) in enumerate(zip(outlines, hulls, strict=True), start=1):
        rec["visible"] = _share(ids, hull, n, w, h)
        rec["plate_visible"] = None if plate is None else _share(ids, np.asarray(np.round(plate), np.int32), n, w, h)


def _share(ids: NDArray[np.uint16], poly: NDArray[np.int32], n: int, w: int, h: int) -> float:
    """Share of the in-frame pixels of ``poly`` where buffer ``ids`` still holds ``n``."""
    x, y, bw, bh = cv2.boundingRect(poly)
    x0, y0, x1, y1 = max(0, x), max(0, y), min(w, x + bw), min(h, y + bh)
    if x1 <= x0 or y1 <= y0:
        return 0.0
    own = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillConvexPoly(own, poly - np.array([x0, y0], np.int32), 1)
    area = int(own.sum())
    if area == 0:
        return 0.0
    return round(int(np.count_nonzero((ids[y0:y1, x0:x1] == n) & (own == 1))) / area, 3)


def _record(actor: Actor, t: float, pose: Pose, drawn: Drawn, cam: Camera) -> dict[str, Any] | None:
    if not drawn.points:
        return None
    pts = np.vstack(drawn.points)
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    full_area = max(1e-6, (x1 - x0) * (y1 - y0))
    cx0, cy0 = max(0.0, x0), max(0.0, y0)
    cx1, cy1 = min(cam.width - 1.0, x1), min(cam.height - 1.0, y1)
    if cx1 - cx0 < 2 or cy1 - cy0 < 2:
        return None
    visible = (cx1 - cx0) * (cy1 - cy0) / full_area
    rec: dict[str, Any] = {
        "id": actor.id,
        "bbox": [round(float(v), 1) for v in (cx0, cy0, cx1, cy1)],
        "in_frame": round(float(min(1.0, visible)), 3),
        "world": [round(pose.x, 2), round(pose.y, 2)],
        "speed_kmh": round(actor.speed_kmh(t), 1),
        "plate_bbox": None,
        "plate_char_px": None,
    }
    for quad in drawn.plate_quads:
        px0, py0 = quad.min(axis=0)
        px1, py1 = quad.max(axis=0)
        inside = px0 >= 0 and py0 >= 0 and px1 <= cam.width - 1 and py1 <= cam.height - 1
        # A plate seen edge-on (cross traffic) is a sliver, not a readable plate.
        if inside and px1 - px0 >= 8 and py1 - py0 >= 4:
            rec["plate_bbox"] = [round(float(v), 1) for v in (px0, py0, px1, py1)]
            # Measured on plates.plate_image: glyphs are 77 % of a one-row plate's height and 41 %
            # of a two-row plate's (each row).
            left_h = float(np.linalg.norm(quad[3] - quad[0]))
            rec["plate_char_px"] = round(left_h * (0.77 if actor.plate.rows == 1 else 0.41), 1)
    return rec
