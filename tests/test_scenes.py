"""The synthetic demo scenes: deterministic, valid plates, scripted violations, seamless loop."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from console.demo.scenes import (
    KINDS,
    GroundTruth,
    RenderStopped,
    SceneError,
    build_scene,
    ground_truth,
    iter_frames,
    render_scene,
)
from inference.plates.grammar import parse_plate

SMALL = (320, 180)


@cache
def _gt(kind: str, seed: int = 11, fps: int = 5) -> GroundTruth:
    # Full 20 s loop at full size, but measured only (no pixels): fast, and the real geometry.
    return ground_truth(kind, seed, seconds=20, fps=fps)


def _frames(gt: GroundTruth) -> dict[int, dict[int, dict[str, Any]]]:
    """frame → vehicle id → track record."""
    out: dict[int, dict[int, dict[str, Any]]] = {}
    for v in gt.vehicles:
        for rec in v["track"]:
            out.setdefault(rec["frame"], {})[v["id"]] = rec
    return out


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    a = render_scene("intersection", 4, tmp_path / "a", seconds=18, fps=2, size=SMALL)
    b = render_scene("intersection", 4, tmp_path / "b", seconds=18, fps=2, size=SMALL)
    c = render_scene("intersection", 5, tmp_path / "c", seconds=18, fps=2, size=SMALL)
    assert a.data == b.data
    assert (tmp_path / "a/ground_truth.json").read_bytes() == (tmp_path / "b/ground_truth.json").read_bytes()
    names = sorted(p.name for p in (tmp_path / "a").glob("frame_*.jpg"))
    assert names == [f"frame_{i:05d}.jpg" for i in range(36)]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert {v["plate"] for v in a.vehicles} != {v["plate"] for v in c.vehicles}
    assert (tmp_path / "a/frame_00010.jpg").read_bytes() != (tmp_path / "c/frame_00010.jpg").read_bytes()


@pytest.mark.parametrize("kind", KINDS)
def test_iter_frames_is_deterministic_and_matches_size(kind: str) -> None:
    one = list(iter_frames(kind, 2, size=(640, 360), start=40, stop=42))
    two = list(iter_frames(kind, 2, size=(640, 360), start=40, stop=42))
    assert [i for i, _ in one] == [40, 41]
    for (_, x), (_, y) in zip(one, two, strict=True):
        assert x.shape == (360, 640, 3) and x.dtype == np.uint8
        assert np.array_equal(x, y)
    # Something moves between consecutive frames.
    assert not np.array_equal(one[0][1], one[1][1])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", [1, 11])
def test_plates_are_valid_and_unique(kind: str, seed: int) -> None:
    gt = _gt(kind, seed)
    plates = [v["plate"] for v in gt.vehicles]
    assert len(plates) >= 8
    assert len(set(plates)) == len(plates)
    for v in gt.vehicles:
        plate = parse_plate(v["plate"])
        assert plate is not None, v["plate"]
        assert plate.text == v["plate"]
        assert plate.rows == v["plate_rows"] == (2 if v["class"] == "motorbike" else 1)
        assert v["plate_colour"] in ("white", "yellow")


@pytest.mark.parametrize("kind", KINDS)
def test_boxes_inside_frame_and_rules_normalised(kind: str) -> None:
    gt = _gt(kind)
    w, h = gt.data["size"]
    for v in gt.vehicles:
        for rec in v["track"]:
            x0, y0, x1, y1 = rec["bbox"]
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h
            if rec["plate_bbox"] is not None:
                px0, py0, px1, py1 = rec["plate_bbox"]
                assert x0 - 1 <= px0 < px1 <= x1 + 1 and y0 - 1 <= py0 < py1 <= y1 + 1
    for rule in gt.rules:
        for value in rule["geometry"].values():
            for x, y in value:
                assert 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0, (rule["kind"], value)


@pytest.mark.parametrize("kind", KINDS)
def test_loop_is_seamless(kind: str) -> None:
    """Across every frame step, the seam N-1 → 0 included, no vehicle jumps, and a vehicle only
    appears or disappears at the border of the picture (cut by the frame edge). At the real 25 fps:
    at lower rates a fast crossing vehicle can legitimately jump from inside to outside in one step."""
    gt = _gt(kind, fps=25)
    n, fps = gt.frame_count, gt.data["fps"]
    frames = _frames(gt)
    for i in range(n):
        prev, cur = frames.get((i - 1) % n, {}), frames.get(i, {})
        for vid in prev.keys() & cur.keys():
            (ax, ay), (bx, by) = prev[vid]["world"], cur[vid]["world"]
            top_speed = max(prev[vid]["speed_kmh"], cur[vid]["speed_kmh"]) / 3.6
            assert np.hypot(bx - ax, by - ay) <= top_speed / fps + 0.3, (i, vid)
        for vid in cur.keys() ^ prev.keys():
            rec = cur.get(vid) or prev[vid]
            assert rec["in_frame"] < 1.0, f"vehicle {vid} pops in/out inside the picture at frame {i}"


def test_red_light_runner_crosses_on_red_and_nobody_else_does() -> None:
    for seed in (1, 11):
        gt = _gt("intersection", seed)
        [violation] = gt.violations
        assert violation["type"] == "red_light"
        assert violation["measured"]["signal_state"] == "red"
        stop = [c for c in gt.data["crossings"] if c["line"] == "stop_line"]
        red = [c for c in stop if c["signal_state"] == "red"]
        assert [c["vehicle_id"] for c in red] == [violation["vehicle_id"]]
        assert len(stop) >= 8
        # The signal cycles a whole number of times per loop and is red at the event frame.
        frames = gt.data["signal"]["frames"]
        assert frames[0][2] == frames[-1][2] or frames[0][2] == "green"
        event = violation["frame_event"]
        assert any(a <= event <= b and s == "red" for a, b, s in frames)


def test_speeder_is_the_only_one_over_the_limit_and_lines_are_calibrated() -> None:
    gt = _gt("expressway")
    speed = next(r for r in gt.rules if r["kind"] == "speed")
    limit, margin = speed["params"]["limit_kmh"], speed["params"]["min_excess_kmh"]
    measured = {c["vehicle_id"]: c["measured_speed_kmh"] for c in gt.data["crossings"] if "measured_speed_kmh" in c}
    speeder = next(v for v in gt.violations if v["type"] == "speeding")
    assert measured[speeder["vehicle_id"]] >= limit + margin + 10
    assert speeder["measured"]["speed_kmh"] == pytest.approx(measured[speeder["vehicle_id"]], abs=0.2)
    others = [s for vid, s in measured.items() if vid != speeder["vehicle_id"]]
    assert len(others) >= 5 and max(others) < limit + margin
    # The homography in the ground truth puts the two painted lines distance_m apart on the road.
    w, h = gt.data["size"]
    inv = np.array(gt.data["camera"]["image_to_ground"])
    ys = []
    for name in ("entry_line", "exit_line"):
        uv = np.array(speed["geometry"][name]) * [w, h]
        g = np.hstack([uv, np.ones((2, 1))]) @ inv.T
        ys.append(float(np.mean(g[:, 1] / g[:, 2])))
    assert ys[1] - ys[0] == pytest.approx(speed["params"]["distance_m"], abs=0.15)


def test_stopped_vehicle_dwells_in_the_no_stopping_zone() -> None:
    gt = _gt("expressway")
    stopped = next(v for v in gt.violations if v["type"] == "stopped_vehicle")
    zone_rule = next(r for r in gt.rules if r["kind"] == "no_stopping")
    assert stopped["measured"]["dwell_s"] > zone_rule["params"]["dwell_s"]
    w, h = gt.data["size"]
    zone = (np.array(zone_rule["geometry"]["zone"]) * [w, h]).astype(np.float32)
    track = {r["frame"]: r for r in next(v for v in gt.vehicles if v["id"] == stopped["vehicle_id"])["track"]}
    fps = gt.data["fps"]
    still = [f for f in range(stopped["frame_start"] + 1, stopped["frame_end"])]
    assert len(still) >= zone_rule["params"]["dwell_s"] * fps
    for f in still:
        rec = track[f]
        assert rec["speed_kmh"] == 0.0
        x0, _, x1, y1 = rec["bbox"]
        assert cv2.pointPolygonTest(zone, ((x0 + x1) / 2, y1 - 2), False) >= 0, f


def test_wrong_way_driver_is_the_only_one_against_the_flow() -> None:
    gt = _gt("one_way")
    [violation] = gt.violations
    against = [v for v in gt.vehicles if v["direction"] != "away"]
    assert [v["id"] for v in against] == [violation["vehicle_id"]]
    ys = [r["world"][1] for r in against[0]["track"]]
    assert ys == sorted(ys, reverse=True) and ys[0] - ys[-1] > 20
    assert against[0]["class"] == "car"  # a motorbike has no front plate to read


def test_motorbike_on_expressway_is_scripted() -> None:
    gt = _gt("expressway")
    moto = next(v for v in gt.violations if v["type"] == "motorbike_on_expressway")
    assert moto["class"] == "motorbike"
    others = [v for v in gt.vehicles if v["class"] == "motorbike" and v["id"] != moto["vehicle_id"]]
    assert others == []


def test_near_plates_are_big_enough_to_read() -> None:
    for kind in KINDS:
        sizes = [r["plate_char_px"] for v in _gt(kind).vehicles for r in v["track"] if r["plate_char_px"]]
        assert max(sizes) >= 18, kind


def test_cache_reuses_a_matching_render(tmp_path: Path) -> None:
    out = tmp_path / "scene"
    render_scene("one_way", 3, out, seconds=18, fps=2, size=SMALL)
    first = (out / "frame_00005.jpg").stat().st_mtime_ns
    again = render_scene("one_way", 3, out, seconds=18, fps=2, size=SMALL)
    assert (out / "frame_00005.jpg").stat().st_mtime_ns == first
    assert again.data == json.loads((out / "ground_truth.json").read_text(encoding="utf-8"))
    # A shorter loop in the same place leaves no stale frames behind for the looping server.
    render_scene("one_way", 3, out, seconds=18, fps=1, size=SMALL)
    assert len(list(out.glob("frame_*.jpg"))) == 18


def test_a_stopped_render_ends_within_a_frame_and_is_not_taken_for_a_finished_one(tmp_path: Path) -> None:
    out = tmp_path / "scene"
    stop = threading.Event()

    def stop_after_first_frame() -> None:
        while not (out / "frame_00000.jpg").exists():
            time.sleep(0.005)
        stop.set()

    watcher = threading.Thread(target=stop_after_first_frame)
    watcher.start()
    with pytest.raises(RenderStopped):
        render_scene("intersection", 1, out, seconds=20, fps=25, size=(1280, 720), stop=stop)
    watcher.join()
    assert 1 <= len(list(out.glob("frame_*.jpg"))) < 500
    assert not (out / "ground_truth.json").exists()  # the next run renders it again
    stop.clear()
    done = render_scene("intersection", 1, out, seconds=18, fps=1, size=SMALL, stop=stop)
    assert (out / "ground_truth.json").is_file() and done.data["fps"] == 1


def test_bad_parameters_are_refused_and_write_nothing(tmp_path: Path) -> None:
    with pytest.raises(SceneError, match="unknown scene kind"):
        render_scene("roundabout", 1, tmp_path / "x")
    with pytest.raises(SceneError, match="seconds"):
        render_scene("intersection", 1, tmp_path / "x", seconds=4)
    with pytest.raises(SceneError, match="whole number"):
        render_scene("intersection", 1, tmp_path / "x", seconds=20.02, fps=25)
    with pytest.raises(SceneError, match="size"):
        render_scene("intersection", 1, tmp_path / "x", size=(1281, 720))
    assert not (tmp_path / "x").exists()


def test_cli_preview_and_errors(tmp_path: Path) -> None:
    png = tmp_path / "p.png"
    cmd = [
        sys.executable,
        "-m",
        "console.demo.scenes",
        "preview",
        "expressway",
        "--seed",
        "2",
        "--out",
        str(png),
        "--size",
        "640x360",
        "--frame",
        "30",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    img = cv2.imread(str(png))
    assert img is not None and img.shape == (360, 640, 3)
    # Another process (another hash seed) draws the very same pixels.
    same, _ = build_scene("expressway", 2, size=(640, 360)).frame(30)
    assert same is not None and np.array_equal(img, same)
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "console.demo.scenes",
            "render",
            "one_way",
            "--out",
            str(tmp_path / "r"),
            "--seconds",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "seconds must be between" in bad.stderr
    assert not (tmp_path / "r").exists()


def test_plate_boxes_show_a_plate_and_occlusion_is_measured() -> None:
    """Where the ground truth says a plate is fully in view, the pixels there are a plate's: a light
    background (white or yellow) with dark glyphs; and nearer vehicles do hide parts of others."""
    scene = build_scene("intersection", 1)
    checked = 0
    for index in range(380, 386):
        img, records = scene.frame(index)
        assert img is not None
        for rec in records:
            assert 0.0 <= rec["visible"] <= 1.0
            if rec["plate_visible"] != 1.0 or (rec["plate_char_px"] or 0) < 12:
                continue
            x0, y0, x1, y1 = (round(v) for v in rec["plate_bbox"])
            crop = cv2.cvtColor(img[y0 + 2 : y1 - 2, x0 + 2 : x1 - 2], cv2.COLOR_BGR2GRAY)
            light, dark = np.mean(crop > 150), np.mean(crop < 80)
            assert light > 0.4 and 0.08 < dark < 0.6, (index, rec)
            checked += 1
    assert checked >= 6
    by_frame = _frames(_gt("intersection", 1))
    hidden = [
        r for f in by_frame.values() for r in f.values() if r["plate_visible"] is not None and r["plate_visible"] < 0.5
    ]
    assert hidden, "the queues at the stop line should hide some plates"


def test_motorbike_lane_scene_wrong_lanes_and_no_helmet() -> None:
    gt = _gt("motorbike_lane")
    w, h = gt.data["size"]
    zones = {
        r["params"]["lane"]: (np.array(r["geometry"]["zone"]) * [w, h]).astype(np.float32)
        for r in gt.rules
        if r["kind"] == "lane"
    }
    allowed = {r["params"]["lane"]: r["params"]["allowed_classes"] for r in gt.rules if r["kind"] == "lane"}
    by_id = {v["id"]: v for v in gt.vehicles}
    wrong = [v for v in gt.violations if v["type"] == "wrong_lane"]
    assert len(wrong) == 2
    for violation in wrong:
        vehicle = by_id[violation["vehicle_id"]]
        lane = violation["measured"]["lane"]
        assert vehicle["class"] not in allowed[lane]
        inside = 0
        for rec in vehicle["track"]:
            if rec["in_frame"] == 1.0 and rec["visible"] > 0.9:
                x0, _, x1, y1 = rec["bbox"]
                # The middle of the box's lower edge: where the vehicle meets the road, seen from behind.
                assert cv2.pointPolygonTest(zones[lane], ((x0 + x1) / 2, y1 - 3), False) >= 0, (lane, rec)
                inside += 1
        assert inside >= 5
    # Everybody else on our carriageway keeps to a lane that allows their class.
    lanes_m = {"lane_1": (0.0, 3.5), "lane_2": (3.5, 7.0), "moto_lane": (7.0, 10.5)}
    for v in gt.vehicles:
        if v["scripted"] or v["direction"] != "away":
            continue
        x = v["track"][0]["world"][0]
        lane = next(name for name, (a, b) in lanes_m.items() if a <= x < b)
        assert v["class"] in allowed[lane], v
    [bare] = [v for v in gt.violations if v["type"] == "no_helmet"]
    assert [v["id"] for v in gt.vehicles if v["helmet"] is False] == [bare["vehicle_id"]]
    assert all(v["helmet"] is True for v in gt.vehicles if v["class"] == "motorbike" and v["id"] != bare["vehicle_id"])
    assert all(v["helmet"] is None for v in gt.vehicles if v["class"] != "motorbike")


@pytest.mark.parametrize(("text", "rows", "share"), [("30A-123.45", 1, 0.77), ("29-B1 123.45", 2, 0.41)])
def test_plate_image_glyph_height_matches_the_ground_truth_factor(text: str, rows: int, share: float) -> None:
    """plate_char_px in the ground truth assumes these glyph heights; keep them true of the drawing."""
    from console.demo.scenes.plates import PlateSpec, plate_image

    img = plate_image(PlateSpec(text, "white", rows))
    assert parse_plate(text) is not None
    ink = (img.mean(axis=2) < 100)[8:-8, 8:-8].any(axis=1)
    runs, start = [], None
    for i, on in enumerate([*ink, False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            runs.append(i - start)
            start = None
    assert len(runs) == rows
    for height in runs:
        assert height / img.shape[0] == pytest.approx(share, abs=0.02)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seconds", [18, 37])
def test_other_loop_lengths_keep_their_scripted_events(kind: str, seconds: int) -> None:
    gt = ground_truth(kind, 5, seconds=seconds, fps=2)
    assert gt.frame_count == seconds * 2
    assert {v["type"] for v in gt.violations} == {v["type"] for v in _gt(kind).violations}
    if gt.data["signal"] is not None:
        cycles = seconds / gt.data["signal"]["cycle_s"]
        assert cycles == pytest.approx(round(cycles))
    for v in gt.violations:
        if v["type"] == "stopped_vehicle":
            assert v["measured"]["dwell_s"] > v["measured"]["threshold_s"]


@pytest.mark.parametrize("kind", KINDS)
def test_rules_load_into_the_detection_engine(kind: str) -> None:
    """A demo camera configured from a scene's rules must be accepted by the engine as it is."""
    from inference.rules import build_rules

    rules = build_rules(_gt(kind).rules)
    assert {r.spec["kind"] for r in rules} >= {v["rule"] for v in _gt(kind).violations if v["rule"] != "no_helmet"}
