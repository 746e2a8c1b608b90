"""Kind ``one_way``: a one-way city street, all traffic moving away from the camera, and one car
driving against it (wrong way) in the left lane, front plate towards the camera.

Road plan (metres): carriageway X −5.25–5.25 in three lanes, pavements and trees both sides.
"""

from __future__ import annotations

import numpy as np

from console.demo.scenes import ground as g
from console.demo.scenes.camera import Camera
from console.demo.scenes.motion import cruise, kmh, ms
from console.demo.scenes.planner import Planner
from console.demo.scenes.scene import Scene

LANES = {"lane_1": -3.5, "lane_2": 0.0, "lane_3": 3.5}
REF_Y = 25.0


def build(seed: int, seconds: float, fps: int, size: tuple[int, int]) -> Scene:
    rng = np.random.default_rng([seed, 3])
    w, h = size
    cam = Camera(w, h, focal_px=1500 * w / 1280, height_m=6.5, pitch_deg=19.0, x_m=0.5)
    planner = Planner.in_view_of(rng, seconds, cam)

    wrong_v = ms(28 + 8 * rng.random())
    t_ref = seconds * 0.45
    wrong = planner.add(
        "car",
        (LANES["lane_1"] - 0.3, 80.0),
        (0.0, -1.0),
        cruise(t_ref, 80.0 - REF_Y, wrong_v),
        "lane_1",
        scripted="wrong_way",
    )
    assert wrong is not None
    mixes = {
        "lane_1": ("car", "car", "motorbike"),
        "lane_2": ("car", "motorbike", "motorbike", "bus"),
        "lane_3": ("motorbike",),
    }
    for lane, classes in mixes.items():
        t = float(rng.uniform(0, 1.0))
        while t < seconds:
            cls = classes[int(rng.integers(0, len(classes)))]
            jitter = float(rng.uniform(-0.9, 0.9)) if cls == "motorbike" else float(rng.uniform(-0.3, 0.3))
            v = ms(float(rng.uniform(28, 38)))
            planner.add(cls, (LANES[lane] + jitter, 0.0), (0.0, 1.0), cruise(t, REF_Y, v), lane)
            t += float(rng.uniform(0.7, 1.6)) if cls == "motorbike" else float(rng.uniform(1.8, 3.0))

    scene = Scene("one_way", seed, seconds, fps, cam, _background(cam, rng), planner.actors, [])
    y_near = g.ground_y_at_row(cam, cam.height) + 0.5
    y_far = g.ground_y_at_row(cam, 0) - 1.0
    zone = g.norm_points(cam, g.ground_pts([(-5.25, y_far), (5.25, y_far), (5.25, y_near), (-5.25, y_near)]))
    direction = g.norm_points(cam, g.ground_pts([(0.0, y_near), (0.0, y_far)]))
    scene.rules = [
        {
            "kind": "wrong_way",
            "name": "One-way street - wrong way",
            "geometry": {"zone": zone, "direction": direction},
            "params": {"classes": ["car", "motorbike", "bus", "truck"], "min_track_s": 1.0},
        }
    ]
    t_start, t_end = scene.stage_window(wrong)
    scene.violations = [
        {
            "type": "wrong_way",
            "rule": "wrong_way",
            "vehicle_id": wrong.id,
            "t_event": round(t_ref % seconds, 3),
            "t_start": round(t_start, 3),
            "t_end": round(t_end, 3),
            "measured": {"heading_vs_lane_deg": 180.0, "speed_kmh": round(kmh(wrong_v), 1)},
        }
    ]
    scene.info = {
        "camera": {
            "height_m": cam.height_m,
            "pitch_deg": cam.pitch_deg,
            "focal_px": round(cam.focal_px, 2),
            "x_m": cam.x_m,
        }
    }
    return scene


def _background(cam: Camera, rng: np.random.Generator) -> np.ndarray:
    img = np.full((cam.height, cam.width, 3), g.PAVEMENT, np.uint8)
    far = 200.0
    g.rect(img, cam, -5.25, 5.25, -5.0, far, g.ASPHALT)
    img = g.texture(img, rng)
    for x in (-5.25, 5.25):
        g.rect(img, cam, x - 0.15, x + 0.15, -5.0, far, (185, 188, 190))
    for x in (-1.75, 1.75):
        g.dashed(img, cam, x, -5.0, far, 3.0, 4.0, 0.14)
    # One-way arrows painted in every lane.
    for y0 in (14.0, 44.0, 74.0):
        for x in LANES.values():
            g.fill_ground(
                img, cam, [(x - 0.15, y0), (x + 0.15, y0), (x + 0.15, y0 + 3.5), (x - 0.15, y0 + 3.5)], g.PAINT_WHITE
            )
            g.fill_ground(img, cam, [(x - 0.55, y0 + 3.5), (x + 0.55, y0 + 3.5), (x, y0 + 5.3)], g.PAINT_WHITE)
    for y in np.arange(2.0, 160.0, 8.0):
        g.tree(img, cam, 7.0, float(y), 1.7, 4.2, 0.85 + 0.3 * float(rng.random()))
        g.tree(img, cam, -7.0, float(y) + 4.0, 1.7, 4.2, 0.85 + 0.3 * float(rng.random()))
    return img
