"""Kind ``expressway``: a gantry camera over three lanes and a shoulder; a speeder between two
painted measurement lines, a car stopping on the shoulder, a motorbike in a lane where it is banned.

Road plan (metres): our carriageway X 0.75–12 (lanes 1–3, lane 1 on the left), shoulder X 12–15,
traffic moving away from the camera; the opposite carriageway X −12–−0.75 beyond the median.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from console.demo.scenes import ground as g
from console.demo.scenes.camera import Camera
from console.demo.scenes.motion import Profile, Segment, cruise, kmh, ms
from console.demo.scenes.planner import LENGTHS, Planner
from console.demo.scenes.scene import Scene

LANES = {"lane_1": 2.625, "lane_2": 6.375, "lane_3": 10.125}
OPPOSITE = {"opp_1": -2.625, "opp_2": -6.375, "opp_3": -10.125}
SHOULDER_X = 13.5
LINE_1 = 30.0
DISTANCE_M = 25.0
LIMIT_KMH = 100
STOP_Y = 50.0


def build(seed: int, seconds: float, fps: int, size: tuple[int, int]) -> Scene:
    rng = np.random.default_rng([seed, 2])
    w, h = size
    cam = Camera(w, h, focal_px=1500 * w / 1280, height_m=8.0, pitch_deg=18.0, x_m=6.4)
    planner = Planner.in_view_of(rng, seconds, cam)

    # Speeder in lane 1, crossing the entry line a quarter into the loop.
    speeder_v = ms(128 + 12 * rng.random())
    t_line = seconds * 0.25
    speeder = planner.add(
        "car",
        (LANES["lane_1"], 0.0),
        (0.0, 1.0),
        cruise(t_line, LINE_1 - LENGTHS["car"] / 2, speeder_v),
        "lane_1",
        scripted="speeding",
    )
    # Stopped car: lane 3 → shoulder, brakes to rest, waits, drives off along the shoulder.
    # The car is on screen for about 13 s besides its dwell, and must be gone within the loop.
    dwell = seconds - 13.5
    v0 = ms(72)
    decel, accel = 3.0, 2.5
    t_stop = seconds * 0.1
    s_brake = STOP_Y - v0 * v0 / (2 * decel)
    t_go = t_stop + dwell
    prof = Profile(
        [
            Segment(t_stop - v0 / decel, s_brake, v0, -decel),
            Segment(t_stop, STOP_Y, 0.0, 0.0),
            Segment(t_go, STOP_Y, 0.0, accel),
            Segment(t_go + v0 / accel, STOP_Y + v0 * v0 / (2 * accel), v0, 0.0),
        ],
        lateral=(t_stop - 3.5, t_stop - 0.3, 0.0, SHOULDER_X - LANES["lane_3"]),
    )
    stopped = planner.add("car", (LANES["lane_3"], 0.0), (0.0, 1.0), prof, "shoulder", scripted="stopped_vehicle")
    # Motorbike on the expressway, slow in lane 3.
    moto_v = ms(48 + 6 * rng.random())
    t_moto = seconds * 0.65
    moto = planner.add(
        "motorbike",
        (LANES["lane_3"] - 0.6, 0.0),
        (0.0, 1.0),
        cruise(t_moto, LINE_1, moto_v),
        "lane_3",
        scripted="motorbike_on_expressway",
    )
    assert speeder is not None and stopped is not None and moto is not None

    lane_mix = {
        "lane_1": (("car",), (88, 98), (2.0, 3.2)),
        "lane_2": (("car", "car", "bus", "truck"), (80, 92), (1.8, 3.0)),
        "lane_3": (("truck", "bus", "car", "truck"), (68, 80), (2.0, 3.4)),
    }
    for lane, (classes, (v_lo, v_hi), (gap_lo, gap_hi)) in lane_mix.items():
        t = float(rng.uniform(0, 1.5))
        v_lane = ms(float(rng.uniform(v_lo, v_hi)))
        while t < seconds:
            cls = classes[int(rng.integers(0, len(classes)))]
            planner.add(
                cls,
                (LANES[lane] + float(rng.uniform(-0.25, 0.25)), 0.0),
                (0.0, 1.0),
                cruise(t, LINE_1, v_lane + ms(float(rng.uniform(-1.5, 1.5)))),
                lane,
            )
            t += float(rng.uniform(gap_lo, gap_hi))
    for lane, x in OPPOSITE.items():
        t = float(rng.uniform(0, 2))
        v_lane = ms(float(rng.uniform(75, 95)))
        while t < seconds:
            cls = "car" if rng.random() < 0.6 else ("truck" if rng.random() < 0.6 else "bus")
            planner.add(cls, (x, 200.0), (0.0, -1.0), cruise(t, 200.0 - 60.0, v_lane), lane)
            t += float(rng.uniform(2.2, 4.0))

    scene = Scene("expressway", seed, seconds, fps, cam, _background(cam, rng), planner.actors, [])
    dwell_rule = min(30, max(3, math.floor(dwell * 0.7)))
    scene.rules = _rules(cam, dwell_rule)
    t_exit = t_line + DISTANCE_M / speeder_v
    scene.violations = [
        {
            "type": "speeding",
            "rule": "speed",
            "vehicle_id": speeder.id,
            "t_event": round(t_exit % seconds, 3),
            "t_start": round(t_line % seconds, 3),
            "t_end": round(t_exit % seconds, 3),
            "measured": {
                "speed_kmh": round(kmh(DISTANCE_M / (t_exit - t_line)), 1),
                "limit_kmh": LIMIT_KMH,
                "distance_m": DISTANCE_M,
                "t_entry_line": round(t_line % seconds, 3),
                "t_exit_line": round(t_exit % seconds, 3),
            },
        },
        {
            "type": "stopped_vehicle",
            "rule": "no_stopping",
            "vehicle_id": stopped.id,
            "t_event": round((t_stop + dwell_rule) % seconds, 3),
            "t_start": round(t_stop % seconds, 3),
            "t_end": round(t_go % seconds, 3),
            "measured": {"dwell_s": round(dwell, 2), "threshold_s": dwell_rule, "position_m": [SHOULDER_X, STOP_Y]},
        },
        {
            "type": "motorbike_on_expressway",
            "rule": "lane",
            "vehicle_id": moto.id,
            "t_event": round(t_moto % seconds, 3),
            "t_start": round((t_moto - 1.0) % seconds, 3),
            "t_end": round((t_moto + 2.0) % seconds, 3),
            "measured": {"lane": "lane_3", "speed_kmh": round(kmh(moto_v), 1)},
        },
    ]
    scene.info = {
        "speed_lines_y_m": [LINE_1, LINE_1 + DISTANCE_M],
        "camera": {
            "height_m": cam.height_m,
            "pitch_deg": cam.pitch_deg,
            "focal_px": round(cam.focal_px, 2),
            "x_m": cam.x_m,
        },
    }
    return scene


def _rules(cam: Camera, dwell_rule: int) -> list[dict[str, Any]]:
    y_near = g.ground_y_at_row(cam, cam.height) + 0.5
    y_far = min(g.ground_y_at_row(cam, 0) - 1.0, 150.0)
    rules: list[dict[str, Any]] = [
        {
            "kind": "speed",
            "name": "Speed - lanes 1 to 3",
            "geometry": {
                "entry_line": g.norm_points(cam, g.ground_pts([(0.75, LINE_1), (12.0, LINE_1)])),
                "exit_line": g.norm_points(
                    cam, g.ground_pts([(0.75, LINE_1 + DISTANCE_M), (12.0, LINE_1 + DISTANCE_M)])
                ),
            },
            "params": {
                "distance_m": DISTANCE_M,
                "limit_kmh": LIMIT_KMH,
                "min_excess_kmh": 5,
                "calibrated_on": "synthetic",
            },
        },
        {
            "kind": "no_stopping",
            "name": "No stopping - emergency lane",
            "geometry": {
                "zone": g.norm_points(cam, g.ground_pts([(12.0, 20.0), (15.0, 20.0), (15.0, 90.0), (12.0, 90.0)]))
            },
            "params": {"dwell_s": dwell_rule, "classes": ["car", "bus", "truck"]},
        },
    ]
    for i, (lane, x) in enumerate(LANES.items()):
        x0, x1 = x - 1.875, x + 1.875
        rules.append(
            {
                "kind": "lane",
                "name": f"Lane {i + 1} - cars, buses, trucks",
                "geometry": {
                    "zone": g.norm_points(cam, g.ground_pts([(x0, y_far), (x1, y_far), (x1, y_near), (x0, y_near)])),
                    "direction": g.norm_points(cam, g.ground_pts([(x, y_near), (x, y_far)])),
                },
                "params": {"lane": lane, "allowed_classes": ["car", "bus", "truck"], "check_direction": True},
            }
        )
    return rules


def _background(cam: Camera, rng: np.random.Generator) -> np.ndarray:
    img = np.full((cam.height, cam.width, 3), g.GRASS, np.uint8)
    far = 400.0
    g.rect(img, cam, -15.5, 15.5, -5.0, far, g.ASPHALT)
    g.rect(img, cam, -0.75, 0.75, -5.0, far, (120, 128, 125))  # median
    img = g.texture(img, rng, 3.5)
    g.rect(img, cam, -0.3, 0.3, -5.0, far, (175, 178, 178))  # concrete barrier top
    for sign in (1.0, -1.0):
        for a, b, colour in ((0.9, 1.05, g.PAINT_YELLOW), (11.93, 12.07, g.PAINT_WHITE), (15.3, 15.5, (150, 150, 150))):
            lo, hi = sorted((sign * a, sign * b))  # inner edge line, shoulder edge line, kerb
            g.rect(img, cam, lo, hi, -5.0, far, colour)
        for xl in (4.5, 8.25):
            g.dashed(img, cam, sign * xl, -5.0, far, 6.0, 9.0, 0.15)
    for y in (LINE_1, LINE_1 + DISTANCE_M):
        g.rect(img, cam, 0.9, 12.0, y - 0.2, y + 0.2, g.PAINT_WHITE)
        g.rect(img, cam, -12.0, -0.9, y + 10 - 0.2, y + 10 + 0.2, g.PAINT_WHITE)
    for y in np.arange(0.0, 260.0, 11.0):
        g.tree(img, cam, 19.0 + 2 * float(rng.random()), float(y), 2.2, 4.0, 0.8 + 0.3 * float(rng.random()))
        g.tree(img, cam, -19.0 - 2 * float(rng.random()), float(y) + 5.0, 2.2, 4.0, 0.8 + 0.3 * float(rng.random()))
    return img
