"""Vehicle shapes: a few 3-D prisms, tyres, a rider's head, and decals (lights, glass, plates).

Each vehicle is built in its own frame (x right, y forward, z up; origin at the centre of the
footprint); vehicles.py poses and draws it. Sizes are those of common vehicles in Việt Nam.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from console.demo.scenes.camera import Array
from console.demo.scenes.plates import PlateSpec

BGR = tuple[int, int, int]

# Plates are drawn this many times their real size: a 720p overview camera would otherwise show
# glyphs of 5–10 px that no reader can use; a real site gets the same pixels from a zoom ANPR camera.
PLATE_SCALE = 3.0

# Face order of a prism: indices into its 8 corners (bottom 0–3, top 4–7; rear-left, rear-right,
# front-right, front-left), wound so that the normal points out of the solid.
FACES = {
    "bottom": (0, 3, 2, 1),
    "top": (4, 5, 6, 7),
    "rear": (0, 1, 5, 4),
    "front": (2, 3, 7, 6),
    "left": (3, 0, 4, 7),
    "right": (1, 2, 6, 5),
}
SHADE = {"top": 1.0, "rear": 0.78, "front": 0.86, "left": 0.7, "right": 0.58, "bottom": 0.3}


@dataclass
class Prism:
    corners: Array  # (8, 3) local coordinates
    colour: BGR
    face_colours: dict[str, BGR] = field(default_factory=dict)
    layer: int = 1
    # Glass set into a face, framed by the body colour: face → margins (sides, top, bottom) as
    # fractions of the face, so pillars and sills show as on a real car.
    windows: dict[str, tuple[float, float, float]] = field(default_factory=dict)


@dataclass
class Decal:
    quad: Array  # (4, 3) local coordinates TL, TR, BR, BL as seen from outside
    normal: Array  # (3,) local outward direction; drawn only when it faces the camera
    colour: BGR = (0, 0, 0)
    plate: bool = False


@dataclass
class Wheel:
    x: float
    y: float
    radius: float
    width: float


@dataclass
class Sphere:
    centre: Array
    radius: float
    colour: BGR
    shiny: bool = True  # a helmet's highlight; bare hair has none


@dataclass
class Model:
    vehicle_class: str
    length: float
    width: float
    prisms: list[Prism]
    decals: list[Decal]
    wheels: list[Wheel]
    spheres: list[Sphere]
    # Per-model drawing facts, computed once by vehicles._layout (typed there).
    layout: object | None = field(default=None, repr=False, compare=False)


def box(
    x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, inset_top: tuple[float, float, float] = (0, 0, 0)
) -> Array:
    """Corners of a prism; ``inset_top`` = (sides, rear, front) pulls the top face in (windscreens)."""
    s, r, f = inset_top
    return np.array(
        [
            [x0, y0, z0],
            [x1, y0, z0],
            [x1, y1, z0],
            [x0, y1, z0],
            [x0 + s, y0 + r, z1],
            [x1 - s, y0 + r, z1],
            [x1 - s, y1 - f, z1],
            [x0 + s, y1 - f, z1],
        ],
        dtype=np.float64,
    )


def _face_decal(
    x0: float, x1: float, z0: float, z1: float, y: float, side: str, colour: BGR, plate: bool = False
) -> Decal:
    """A rectangle on the rear (y negative) or front face, slightly proud of it."""
    # Corners run TL, TR, BR, BL for someone looking at that face: from behind, +x is on the right.
    if side == "rear":
        quad = np.array([[x0, y - 0.01, z1], [x1, y - 0.01, z1], [x1, y - 0.01, z0], [x0, y - 0.01, z0]])
        return Decal(quad, np.array([0.0, -1.0, 0.0]), colour, plate)
    quad = np.array([[x1, y + 0.01, z1], [x0, y + 0.01, z1], [x0, y + 0.01, z0], [x1, y + 0.01, z0]])
    return Decal(quad, np.array([0.0, 1.0, 0.0]), colour, plate)


def _plate_decals(spec: PlateSpec, rear_y: float, front_y: float | None, z_centre: float) -> list[Decal]:
    w, h = (v * PLATE_SCALE for v in spec.size_m)
    out = [_face_decal(-w / 2, w / 2, z_centre - h / 2, z_centre + h / 2, rear_y, "rear", (0, 0, 0), True)]
    if front_y is not None:
        out.append(_face_decal(-w / 2, w / 2, z_centre - h / 2, z_centre + h / 2, front_y, "front", (0, 0, 0), True))
    return out


def shade(colour: BGR, k: float) -> BGR:
    return (min(255, int(colour[0] * k)), min(255, int(colour[1] * k)), min(255, int(colour[2] * k)))


GLASS: BGR = (58, 48, 40)
TAIL: BGR = (40, 30, 200)
HEAD: BGR = (200, 235, 240)
TYRE: BGR = (28, 28, 30)


def car_model(colour: BGR, spec: PlateSpec) -> Model:
    length, width = 4.5, 1.8
    hl, hw = length / 2, width / 2
    body = Prism(box(-hw, hw, -hl, hl, 0.3, 0.85, (0.06, 0.05, 0.15)), colour)
    windows = {
        "rear": (0.08, 0.1, 0.08),
        "front": (0.07, 0.08, 0.06),
        "left": (0.06, 0.12, 0.1),
        "right": (0.06, 0.12, 0.1),
    }
    cabin = Prism(box(-hw + 0.1, hw - 0.1, -hl + 0.6, hl - 1.2, 0.85, 1.45, (0.12, 0.45, 0.75)), colour, {}, 2, windows)
    decals = [
        _face_decal(-hw + 0.08, -hw + 0.42, 0.62, 0.8, -hl + 0.05, "rear", TAIL),
        _face_decal(hw - 0.42, hw - 0.08, 0.62, 0.8, -hl + 0.05, "rear", TAIL),
        _face_decal(-hw + 0.1, -hw + 0.45, 0.6, 0.75, hl - 0.15, "front", HEAD),
        _face_decal(hw - 0.45, hw - 0.1, 0.6, 0.75, hl - 0.15, "front", HEAD),
        *_plate_decals(spec, -hl + 0.04, hl - 0.14, 0.5),
    ]
    wheels = [Wheel(sx * (hw - 0.06), sy * (hl - 0.85), 0.32, 0.22) for sx in (-1, 1) for sy in (-1, 1)]
    return Model("car", length, width, [body, cabin], decals, wheels, [])


def bus_model(colour: BGR, spec: PlateSpec) -> Model:
    length, width = 11.0, 2.5
    hl, hw = length / 2, width / 2
    shell = Prism(box(-hw, hw, -hl, hl, 0.35, 3.1, (0.05, 0.05, 0.1)), colour, {"top": (205, 208, 210)})
    decals = [
        _face_decal(-hw + 0.15, hw - 0.15, 1.75, 2.85, -hl, "rear", GLASS),
        _face_decal(-hw + 0.1, hw - 0.1, 1.3, 2.8, hl - 0.1, "front", GLASS),
        _face_decal(-hw + 0.1, -hw + 0.4, 0.7, 1.0, -hl, "rear", TAIL),
        _face_decal(hw - 0.4, hw - 0.1, 0.7, 1.0, -hl, "rear", TAIL),
        _face_decal(-hw + 0.15, -hw + 0.5, 0.6, 0.85, hl - 0.1, "front", HEAD),
        _face_decal(hw - 0.5, hw - 0.15, 0.6, 0.85, hl - 0.1, "front", HEAD),
        *_plate_decals(spec, -hl, hl - 0.1, 0.75),
    ]
    for sx in (-1.0, 1.0):
        y0, y1 = -hl + 0.4, hl - 0.6
        x = sx * (hw + 0.01)
        quad = (
            np.array([[x, y0, 2.8], [x, y1, 2.8], [x, y1, 1.6], [x, y0, 1.6]])
            if sx > 0
            else np.array([[x, y1, 2.8], [x, y0, 2.8], [x, y0, 1.6], [x, y1, 1.6]])
        )
        decals.append(Decal(quad, np.array([sx, 0.0, 0.0]), GLASS))
    wheels = [Wheel(sx * (hw - 0.12), y, 0.5, 0.32) for sx in (-1, 1) for y in (-hl + 2.4, hl - 2.4)]
    return Model("bus", length, width, [shell], decals, wheels, [])


def truck_model(colour: BGR, cargo: BGR, spec: PlateSpec) -> Model:
    length, width = 8.5, 2.45
    hl, hw = length / 2, width / 2
    chassis = Prism(box(-hw + 0.2, hw - 0.2, -hl, hl, 0.5, 0.95), (45, 45, 48), layer=1)
    cab = Prism(box(-hw, hw, hl - 2.0, hl, 0.55, 2.85, (0.08, 0.05, 0.35)), colour, {}, 2)
    box_body = Prism(box(-hw, hw, -hl, hl - 2.2, 0.95, 3.5), cargo, {"rear": shade(cargo, 0.9)}, 2)
    decals = [
        _face_decal(-hw + 0.15, hw - 0.15, 1.7, 2.55, hl - 0.2, "front", GLASS),
        _face_decal(-hw + 0.15, -hw + 0.45, 1.05, 1.25, -hl, "rear", TAIL),
        _face_decal(hw - 0.45, hw - 0.15, 1.05, 1.25, -hl, "rear", TAIL),
        _face_decal(-hw + 0.15, -hw + 0.5, 0.7, 0.95, hl, "front", HEAD),
        _face_decal(hw - 0.5, hw - 0.15, 0.7, 0.95, hl, "front", HEAD),
        # Rear door seam: a dark vertical stripe that makes the box read as a cargo box.
        _face_decal(-0.03, 0.03, 1.0, 3.45, -hl, "rear", (60, 60, 60)),
        *_plate_decals(spec, -hl - 0.02, hl, 0.72),
    ]
    wheels = [Wheel(sx * (hw - 0.12), y, 0.5, 0.32) for sx in (-1, 1) for y in (-hl + 1.1, -hl + 2.2, hl - 1.4)]
    return Model("truck", length, width, [chassis, box_body, cab], decals, wheels, [])


def motorbike_model(colour: BGR, shirt: BGR, helmet: BGR | None, spec: PlateSpec) -> Model:
    length, width = 1.9, 0.7
    hl = length / 2
    body = Prism(box(-0.17, 0.17, -hl + 0.15, hl - 0.2, 0.35, 0.8, (0.03, 0.1, 0.25)), colour)
    seat = Prism(box(-0.16, 0.16, -0.5, 0.15, 0.8, 0.9), (30, 30, 32), layer=2)
    legs_l = Prism(box(-0.3, -0.16, -0.25, 0.15, 0.4, 0.9), (70, 60, 55), layer=2)
    legs_r = Prism(box(0.16, 0.3, -0.25, 0.15, 0.4, 0.9), (70, 60, 55), layer=2)
    torso = Prism(box(-0.22, 0.22, -0.35, -0.05, 0.9, 1.5, (0.03, 0.02, 0.05)), shirt, layer=3)
    bar = Prism(box(-0.36, 0.36, hl - 0.45, hl - 0.38, 1.0, 1.06), (40, 40, 40), layer=3)
    if helmet is not None:
        head = Sphere(np.array([0.0, -0.17, 1.64]), 0.15, helmet)
    else:  # bare head: smaller and dark, no shine
        head = Sphere(np.array([0.0, -0.17, 1.6]), 0.11, (28, 30, 36), shiny=False)
    decals = [
        _face_decal(-0.07, 0.07, 0.78, 0.86, -hl + 0.14, "rear", TAIL),
        _face_decal(-0.08, 0.08, 0.85, 0.98, hl - 0.2, "front", HEAD),
        *_plate_decals(spec, -hl - 0.02, None, 0.55),
    ]
    wheels = [Wheel(0.0, -hl + 0.33, 0.3, 0.1), Wheel(0.0, hl - 0.33, 0.3, 0.1)]
    return Model("motorbike", length, width, [body, seat, legs_l, legs_r, torso, bar], decals, wheels, [head])
