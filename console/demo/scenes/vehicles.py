"""Drawing posed vehicles: back-face culled prisms painted far to near, glass, plates, shadows.

A car from behind thus shows its rear, roof, rear window and one side in perspective; the same
pass reports the pixels each vehicle covers, which is where the ground-truth boxes come from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from console.demo.scenes.camera import NEAR_M, Array, Camera, clip_near
from console.demo.scenes.plates import Image, paste_quad
from console.demo.scenes.shapes import BGR, FACES, GLASS, SHADE, TYRE, Decal, Model, Prism, shade


@dataclass(frozen=True)
class Pose:
    x: float
    y: float
    heading: float  # radians; 0 drives along +Y (away from the camera), π towards it

    def to_world(self, local: Array) -> Array:
        c, s = math.cos(self.heading), math.sin(self.heading)
        # Local y (forward) maps to (sin h, cos h); local x (right) to (cos h, -sin h).
        wx = local[:, 0] * c + local[:, 1] * s + self.x
        wy = -local[:, 0] * s + local[:, 1] * c + self.y
        return np.column_stack([wx, wy, local[:, 2]])

    def to_local(self, world: Array) -> Array:
        """One world point in the vehicle's own frame (the inverse of ``to_world``)."""
        c, s = math.cos(self.heading), math.sin(self.heading)
        dx, dy = world[0] - self.x, world[1] - self.y
        return np.array([dx * c - dy * s, dx * s + dy * c, world[2]])


class Drawn:
    """What drawing one vehicle produced: its pixel box and its plate's, both clipped to the frame."""

    def __init__(self) -> None:
        self.points: list[Array] = []
        self.plate_quads: list[Array] = []
        self.measuring = True  # False once the body's outline is known without polygon clipping


def _poly(frame: Image | None, cam: Camera, world: Array, colour: BGR, drawn: Drawn) -> Array | None:
    pts = clip_near(cam.to_camera(world))
    if len(pts) < 3:
        return None
    px = cam.project_camera(pts)
    if drawn.measuring:
        drawn.points.append(px)
    if frame is not None:
        cv2.fillPoly(frame, [np.round(px * 16).astype(np.int32)], colour, cv2.LINE_AA, 4)
    return px


def draw_shadow(frame: Image, cam: Camera, model: Model, pose: Pose) -> None:
    hl, hw = model.length / 2 + 0.15, model.width / 2 + 0.12
    local = np.array([[-hw, -hl, 0], [hw, -hl, 0], [hw + 0.25, hl, 0], [-hw + 0.25, hl, 0]], dtype=np.float64)
    pts = clip_near(cam.to_camera(pose.to_world(local)))
    if len(pts) < 3:
        return
    px = cam.project_camera(pts)
    h, w = frame.shape[:2]
    x0, y0 = max(0, int(px[:, 0].min())), max(0, int(px[:, 1].min()))
    x1, y1 = min(w, int(px[:, 0].max()) + 2), min(h, int(px[:, 1].max()) + 2)
    if x1 <= x0 or y1 <= y0:
        return
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(mask, [np.round(px - [x0, y0]).astype(np.int32)], 255)
    roi = frame[y0:y1, x0:x1]
    # Darken rather than paint, so lane markings stay visible in the shadow.
    np.copyto(roi, cv2.convertScaleAbs(roi, alpha=0.55), where=mask[..., None] > 0)


def draw_vehicle(frame: Image | None, cam: Camera, model: Model, pose: Pose, plate_tex: list[Image]) -> Drawn:
    """Draw ``model`` at ``pose`` into ``frame`` (None: only measure); return the pixels it covers."""
    drawn = Drawn()
    layout = _layout(model)
    eye = pose.to_local(cam.centre)
    # Every corner and tyre point in one transform: 8 per prism first, then 28 per wheel.
    cam_all = cam.to_camera(pose.to_world(layout.points))
    whole = bool(cam_all[:, 2].min() >= NEAR_M)
    if whole:
        # Wholly in front of the lens: the silhouette is the projection of every point, no clipping.
        drawn.points.append(cam.project_camera(cam_all))
        drawn.measuring = False
    n_corners = 8 * len(model.prisms)
    if frame is not None or not whole:
        for k in range(len(model.wheels)):
            ring = cam_all[n_corners + 28 * k : n_corners + 28 * (k + 1)]
            if (ring[:, 2] < NEAR_M).any():
                continue
            px = cam.project_camera(ring)
            if drawn.measuring:
                drawn.points.append(px)
            if frame is not None:
                hull = cv2.convexHull(np.round(px * 16).astype(np.int32))
                cv2.fillConvexPoly(frame, hull, TYRE, cv2.LINE_AA, 4)
    # Parts by layer, then far to near, so nearer and higher parts paint over the rest.
    order: list[int] = []
    worlds: list[Array] = []
    if frame is not None or not whole:
        order = sorted(
            range(len(model.prisms)),
            key=lambda i: (model.prisms[i].layer, -float(np.linalg.norm(layout.prism_centres[i] - eye))),
        )
        worlds = [pose.to_world(p.corners) for p in model.prisms]
    for i in order:
        prism = model.prisms[i]
        world = worlds[i]
        centres, normals = layout.face_centres[i], layout.face_normals[i]
        facing = np.einsum("ij,ij->i", eye - centres, normals) > 0
        for (name, idx), visible in zip(FACES.items(), facing, strict=True):
            if visible:
                base = prism.face_colours.get(name, prism.colour)
                face = world[list(idx)]
                _poly(frame, cam, face, shade(base, SHADE[name]), drawn)
                if name in prism.windows and frame is not None:
                    _window(frame, cam, face, prism.windows[name], SHADE[name])
        for decal in layout.decals_of[i]:
            if float(np.dot(eye - decal.quad.mean(axis=0), decal.normal)) > 0:
                light = SHADE["rear"] if decal.normal[1] < 0 else SHADE["front"] if decal.normal[1] > 0 else 0.7
                _poly(frame, cam, pose.to_world(decal.quad), shade(decal.colour, light + 0.1), drawn)
    for sphere in model.spheres:
        c = cam.to_camera(pose.to_world(sphere.centre[None, :]))
        if c[0, 2] < 0.5:
            continue
        centre_px = cam.project_camera(c)[0]
        r = cam.focal_px * sphere.radius / c[0, 2]
        drawn.points.append(np.array([centre_px - r, centre_px + r]))
        if frame is None:
            continue
        cv2.circle(
            frame,
            (round(centre_px[0] * 16), round(centre_px[1] * 16)),
            round(r * 16),
            sphere.colour,
            -1,
            cv2.LINE_AA,
            4,
        )
        if not sphere.shiny:
            continue
        hi = shade(sphere.colour, 1.6)
        cv2.circle(
            frame,
            (round((centre_px[0] - r * 0.3) * 16), round((centre_px[1] - r * 0.35) * 16)),
            round(r * 0.35 * 16),
            hi,
            -1,
            cv2.LINE_AA,
            4,
        )
    # Plates last: they sit outermost on their face, and a rider's legs must not hide them.
    for decal in layout.plates:
        if float(np.dot(eye - decal.quad.mean(axis=0), decal.normal)) <= 0:
            continue
        cam_q = cam.to_camera(pose.to_world(decal.quad))
        if (cam_q[:, 2] < 0.5).any():
            continue
        quad_px = cam.project_camera(cam_q)
        drawn.plate_quads.append(quad_px)
        drawn.points.append(quad_px)
        if frame is not None:
            paste_quad(frame, plate_tex, quad_px)
    return drawn


def _window(frame: Image, cam: Camera, face: Array, margins: tuple[float, float, float], k: float) -> None:
    """Glass inset into a face (corners: bottom a, bottom b, top b, top a), with a pale reflection."""
    side, top, bottom = margins

    def at(u: float, v: float) -> Array:
        low = face[0] + u * (face[1] - face[0])
        high = face[3] + u * (face[2] - face[3])
        out: Array = low + v * (high - low)
        return out

    glass = np.array([at(side, bottom), at(1 - side, bottom), at(1 - side, 1 - top), at(side, 1 - top)])
    sink = Drawn()
    sink.measuring = False
    _poly(frame, cam, glass, shade(GLASS, k + 0.15), sink)
    sheen = np.array([at(side + 0.1, 0.55), at(side + 0.35, 0.55), at(side + 0.25, 1 - top), at(side, 1 - top)])
    _poly(frame, cam, sheen, shade((120, 110, 100), k + 0.1), sink)


@dataclass
class _Layout:
    """Per-model facts that do not change from frame to frame, computed once."""

    prism_centres: list[Array]
    face_centres: list[Array]  # per prism (6, 3), in FACES order
    face_normals: list[Array]
    decals_of: list[list[Decal]]  # non-plate decals, each with the prism whose face it lies on
    plates: list[Decal]
    points: Array  # all prism corners, then each tyre as two rings of 14 points


def _layout(model: Model) -> _Layout:
    if isinstance(model.layout, _Layout):
        return model.layout
    centres, f_centres, f_normals, decals_of = [], [], [], []
    placed: set[int] = set()
    for prism in model.prisms:
        solid = prism.corners.mean(axis=0)
        fc, fn = [], []
        for idx in FACES.values():
            face = prism.corners[list(idx)]
            c = face.mean(axis=0)
            n = np.cross(face[1] - face[0], face[2] - face[1])
            if np.dot(n, c - solid) < 0:
                n = -n
            fc.append(c)
            fn.append(n)
        centres.append(solid)
        f_centres.append(np.array(fc))
        f_normals.append(np.array(fn))
        mine = [d for d in model.decals if not d.plate and id(d) not in placed and _on_prism(d, prism)]
        placed.update(id(d) for d in mine)
        decals_of.append(mine)
    angles = np.linspace(0, 2 * math.pi, 14, endpoint=False)
    rings = []
    for wheel in model.wheels:
        ring = np.column_stack(
            [
                np.full_like(angles, wheel.x),
                wheel.y + wheel.radius * np.cos(angles),
                wheel.radius * (1 + np.sin(angles)),
            ]
        )
        half = np.array([wheel.width / 2, 0.0, 0.0])
        rings += [ring - half, ring + half]
    points = np.vstack([p.corners for p in model.prisms] + rings)
    plates = [d for d in model.decals if d.plate]
    layout = _Layout(centres, f_centres, f_normals, decals_of, plates, points)
    model.layout = layout
    return layout


def _on_prism(decal: Decal, prism: Prism) -> bool:
    lo, hi = prism.corners.min(axis=0) - 0.12, prism.corners.max(axis=0) + 0.12
    c = decal.quad.mean(axis=0)
    return bool(np.all(c >= lo) and np.all(c <= hi))
