"""Kind ``intersection``: a city approach with three lanes, a stop line and a signal; one red-light runner.

Road plan (metres): the camera stands on a pole over the approach; traffic on the approach moves
away from it (rear plates visible) towards the stop line at Y = 24; the cross road fills Y 30–44.
Approach lanes: X 0–3.5 and 3.5–7 cars, 7–10 motorbikes; oncoming lanes X −7–0.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from console.demo.scenes import ground as g
from console.demo.scenes.camera import Camera
from console.demo.scenes.motion import cruise, kmh, ms, stop_and_go
from console.demo.scenes.planner import LENGTHS, Planner
from console.demo.scenes.scene import Scene, Signal

STOP_Y = 24.0
BOX = (30.0, 44.0)
APPROACH = {"lane_1": 1.75, "lane_2": 5.25, "lane_3": 8.5}
ONCOMING = {"oncoming_1": -1.75, "oncoming_2": -5.25}
CROSS = {"cross_e1": 31.75, "cross_e2": 35.25, "cross_w1": 38.75, "cross_w2": 42.25}


def build(seed: int, seconds: float, fps: int, size: tuple[int, int]) -> Scene:
    rng = np.random.default_rng([seed, 1])
    w, h = size
    cam = Camera(w, h, focal_px=1600 * w / 1280, height_m=7.0, pitch_deg=20.0, x_m=3.0)
    planner = Planner.in_view_of(rng, seconds, cam)

    cycles = max(1, round(seconds / 20))
    cycle = seconds / cycles
    green = round(0.42 * cycle, 1)
    amber = 3.0
    phases = [("green", 0.0, green), ("amber", green, green + amber), ("red", green + amber, cycle)]
    signal = Signal(10.7, STOP_Y + 0.3, 2.2, 3.4, 0.45, phases, cycle)
    red_start = green + amber

    # The runner: lane 2, first cycle, crosses the stop line 1.5 s into red at 50 km/h.
    runner_v = ms(50 + 6 * rng.random())
    runner_cls = "car"
    t_cross = red_start + 1.5
    front = LENGTHS[runner_cls] / 2
    runner = planner.add(
        runner_cls,
        (APPROACH["lane_2"], 0.0),
        (0.0, 1.0),
        cruise(t_cross, STOP_Y - front, runner_v),
        "lane_2",
        scripted="red_light",
    )
    assert runner is not None

    # Files of traffic on the approach: lanes 1–2 mixed, the motorbike lane carries two files.
    files = [
        ("lane_1", APPROACH["lane_1"], False),
        ("lane_2", APPROACH["lane_2"], False),
        ("lane_3", 7.85, True),
        ("lane_3", 9.2, True),
    ]
    queues = [
        [int(rng.integers(2, 5)) if moto else int(rng.integers(1, 4)) for _, _, moto in files] for _ in range(cycles)
    ]
    for c in range(cycles):
        base = c * cycle
        for f, (lane, x, moto) in enumerate(files):
            # Queue at red, released at the next green.
            n_q = queues[c][f]
            first = base + red_start + 1.0 + (3.5 if (lane == "lane_2" and c == 0) else 0.0)
            back = STOP_Y - 0.8
            for k in range(n_q):
                cls = "motorbike" if moto or rng.random() < 0.35 else _city_class(rng)
                length = LENGTHS[cls]
                v = ms(32 + 10 * rng.random()) if cls == "motorbike" else ms(38 + 10 * rng.random())
                centre = back - length / 2
                jitter = float(rng.uniform(-0.2, 0.2))
                t_stop = first + k * 1.6 + float(rng.uniform(0, 0.6))
                t_go = base + cycle + 0.8 + k * (1.2 if moto else 1.9)
                planner.add(cls, (x + jitter, 0.0), (0.0, 1.0), stop_and_go(v, centre, t_stop, t_go), lane)
                back = centre - length / 2 - (1.2 if cls == "motorbike" else 2.0)
            # Free flow through the green, once the queue of the previous red has gone.
            t = base + 0.8 + queues[c - 1][f] * (1.2 if moto else 1.9) + 3.0
            while t < base + green + 0.6:
                cls = "motorbike" if moto or rng.random() < 0.35 else _city_class(rng)
                v = ms(32 + 10 * rng.random()) if cls == "motorbike" else ms(38 + 10 * rng.random())
                jitter = float(rng.uniform(-0.2, 0.2))
                planner.add(cls, (x + jitter, 0.0), (0.0, 1.0), cruise(t, STOP_Y - LENGTHS[cls] / 2, v), lane)
                t += float(rng.uniform(1.0, 1.8)) if moto else float(rng.uniform(2.0, 3.2))
        for lane, x in ONCOMING.items():
            t = base + 1.0 + float(rng.uniform(0, 1.0))
            while t < base + green:
                cls = _city_class(rng) if lane == "oncoming_1" else ("motorbike" if rng.random() < 0.6 else "car")
                v = ms(36 + 10 * rng.random())
                planner.add(cls, (x, 60.0), (0.0, -1.0), cruise(t, 60.0 - 49.0, v), lane)
                t += float(rng.uniform(1.4, 2.6))
        for lane, y in CROSS.items():
            east = lane.startswith("cross_e")
            t = base + red_start + 3.5 + float(rng.uniform(0, 0.8))
            while t < base + cycle - 2.5:
                cls = "motorbike" if rng.random() < 0.45 else _city_class(rng)
                v = ms(36 + 8 * rng.random())
                origin = (-40.0, y) if east else (46.0, y)
                # t is when the front enters the approach road's span (X −7 or 10).
                s_edge = 33.0 if east else 36.0
                planner.add(
                    cls,
                    origin,
                    (1.0 if east else -1.0, 0.0),
                    cruise(t, s_edge - LENGTHS[cls] / 2, v),
                    lane,
                    stage_x=(-32.0, 40.0),
                )
                t += float(rng.uniform(0.9, 1.8))

    scene = Scene("intersection", seed, seconds, fps, cam, _background(cam, rng), planner.actors, [], signal)
    scene.rules = _rules(cam, signal)
    scene.violations = [
        {
            "type": "red_light",
            "rule": "red_light",
            "vehicle_id": runner.id,
            "t_event": round(t_cross % seconds, 3),
            "t_start": round((t_cross - 1.5) % seconds, 3),
            "t_end": round((t_cross + 2.0) % seconds, 3),
            "measured": {
                "signal_state": signal.state(t_cross),
                "seconds_into_red": round(t_cross - red_start, 2),
                "speed_kmh": round(kmh(runner_v), 1),
            },
        }
    ]
    scene.info = {"stop_line_y_m": STOP_Y, "camera": _cam_info(cam)}
    return scene


def _city_class(rng: np.random.Generator) -> str:
    r = rng.random()
    return "bus" if r < 0.08 else "truck" if r < 0.14 else "car"


def _cam_info(cam: Camera) -> dict[str, Any]:
    return {"height_m": cam.height_m, "pitch_deg": cam.pitch_deg, "focal_px": round(cam.focal_px, 2), "x_m": cam.x_m}


def _rules(cam: Camera, signal: Signal) -> list[dict[str, Any]]:
    roi = signal.roi_px(cam)
    w, h = cam.width, cam.height
    x0, y0 = roi[:, 0].min() / w, roi[:, 1].min() / h
    x1, y1 = roi[:, 0].max() / w, roi[:, 1].max() / h
    roi_n = [
        [round(x0, 4), round(y0, 4)],
        [round(x1, 4), round(y0, 4)],
        [round(x1, 4), round(y1, 4)],
        [round(x0, 4), round(y1, 4)],
    ]
    y_far = STOP_Y - 0.5
    y_near = g.ground_y_at_row(cam, cam.height) + 0.5
    return [
        {
            "kind": "red_light",
            "name": "Red light - approach",
            "geometry": {
                "stop_line": g.norm_points(cam, g.ground_pts([(0.0, STOP_Y), (10.0, STOP_Y)])),
                "signal_roi": roi_n,
            },
            "params": {
                "approach": "approach",
                "red_grace_s": 0.0,
                "classes": ["car", "motorbike", "bus", "truck"],
                "cycle_s": signal.cycle,
                "phases": [{"state": s, "start_s": a, "end_s": b} for s, a, b in signal.phases],
            },
        },
        {
            "kind": "lane",
            "name": "Motorbike lane (right)",
            "geometry": {
                "zone": g.norm_points(cam, g.ground_pts([(7.0, y_far), (10.0, y_far), (10.0, y_near), (7.0, y_near)])),
                "direction": g.norm_points(cam, g.ground_pts([(8.5, y_near), (8.5, y_far)])),
            },
            "params": {"lane": "lane_3", "allowed_classes": ["motorbike"], "check_direction": True},
        },
    ]


def _background(cam: Camera, rng: np.random.Generator) -> np.ndarray:
    img = np.full((cam.height, cam.width, 3), g.PAVEMENT, np.uint8)
    far = 120.0
    g.rect(img, cam, -7.0, 10.0, -5.0, far, g.ASPHALT)  # main road
    g.rect(img, cam, -80.0, 80.0, BOX[0], BOX[1], g.ASPHALT)  # cross road
    # Kerb lines along the main road, interrupted by the cross road.
    for x in (-7.0, 10.0):
        g.rect(img, cam, x - 0.15, x + 0.15, -5.0, BOX[0] - 0.5, (185, 188, 190))
        g.rect(img, cam, x - 0.15, x + 0.15, BOX[1] + 0.5, far, (185, 188, 190))
    for y in BOX:
        g.rect(img, cam, -80.0, -7.0, y - 0.15, y + 0.15, (185, 188, 190))
        g.rect(img, cam, 10.0, 80.0, y - 0.15, y + 0.15, (185, 188, 190))
    img = g.texture(img, rng)
    # Double yellow centre line, lane lines, stop line, zebra crossings.
    for dx in (-0.15, 0.15):
        g.rect(img, cam, dx - 0.07, dx + 0.07, -5.0, STOP_Y, g.PAINT_YELLOW)
    g.dashed(img, cam, 3.5, -5.0, STOP_Y - 1.0, 3.0, 3.0, 0.15)
    g.rect(img, cam, 6.93, 7.07, -5.0, STOP_Y, g.PAINT_WHITE)
    g.dashed(img, cam, -3.5, -5.0, STOP_Y, 3.0, 3.0, 0.15)
    g.rect(img, cam, 0.0, 10.0, STOP_Y - 0.2, STOP_Y + 0.2, g.PAINT_WHITE)
    for x in np.arange(-6.6, 9.8, 1.0):
        g.rect(img, cam, float(x), float(x) + 0.5, 25.5, 29.0, g.PAINT_WHITE)
        g.rect(img, cam, float(x), float(x) + 0.5, 45.0, 48.5, g.PAINT_WHITE)
    g.rect(img, cam, -7.0, 0.0, 49.3, 49.7, g.PAINT_WHITE)
    for dy in (-0.15, 0.15):
        g.rect(img, cam, -80.0, -7.5, 37.0 + dy - 0.07, 37.0 + dy + 0.07, g.PAINT_YELLOW)
        g.rect(img, cam, 10.5, 80.0, 37.0 + dy - 0.07, 37.0 + dy + 0.07, g.PAINT_YELLOW)
    # "MOTO" lane word painted before the stop line.
    _motorbike_symbol(img, cam)
    for y in np.arange(4.0, 110.0, 9.0):
        if BOX[0] - 3 < y < BOX[1] + 3:
            continue
        g.tree(img, cam, 12.3, float(y), 1.6, 5.5, 0.9 + 0.2 * float(rng.random()))
        g.tree(img, cam, -9.3, float(y) + 4.0, 1.6, 5.5, 0.9 + 0.2 * float(rng.random()))
    g.pole(img, cam, 10.7, STOP_Y + 0.3, 2.2)
    return img


def _motorbike_symbol(img: np.ndarray, cam: Camera) -> None:
    """A painted arrow in each approach lane, like the turn arrows before a stop line."""
    for x in APPROACH.values():
        y0 = STOP_Y - 9.0
        shaft = [(x - 0.15, y0), (x + 0.15, y0), (x + 0.15, y0 + 3.0), (x - 0.15, y0 + 3.0)]
        head = [(x - 0.5, y0 + 3.0), (x + 0.5, y0 + 3.0), (x, y0 + 4.6)]
        g.fill_ground(img, cam, shaft, g.PAINT_WHITE)
        g.fill_ground(img, cam, head, g.PAINT_WHITE)
