"""The pipeline on drawn frames: plate votes, hotlist event, and a candidate that keeps its plate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from test_inference_decoders import user_model

from inference.detector import Detection
from inference.hotlist import Listed
from inference.models import DEFAULT_SET, MODELS_DIR, DeviceChoice, ModelRegistry
from inference.pipeline import CameraSpec, Pipeline, build_stages, with_detector
from inference.runner import process_round
from inference.synth import on_vehicle, render

W, H = 960, 720
RED = {"cycle_s": 60, "phases": [{"state": "red", "start_s": 0, "end_s": 60}]}
STOP = {"kind": "red_light", "name": "stop", "geometry": {"stop_line": [[0.1, 0.6], [0.9, 0.6]]}, "params": RED}


@pytest.fixture(scope="module")
def registry() -> ModelRegistry:
    return ModelRegistry(default=DeviceChoice("CPU"))


def test_red_light_candidate_keeps_the_voted_plate_after_the_track_is_gone(registry: ModelRegistry) -> None:
    car = on_vehicle(render("30A-123.45", "yellow", 40))
    ch, cw = car.shape[:2]
    hotlist = [Listed(9, "30A-123.45", 1, "stolen")]
    camera = CameraSpec("HN-1", rules=[STOP], hotlist=hotlist, plate_wait_s=30.0, votes_needed=50)
    pipe = Pipeline(camera, registry)
    events, candidates, released_at = [], [], []
    for i in range(60):
        frame = np.full((H, W, 3), 70, np.uint8)
        dets = []
        if i < 30:  # drives down the image over the stop line, then leaves the camera's view
            x, y = 240, 40 + 12 * i
            frame[y : y + ch, x : x + cw] = car[: H - y]
            dets = [Detection("car", 0.9, (x, y, x + cw, min(H, y + ch)))]
        e, c = pipe.process(frame, i / 25, dets)
        events += e
        candidates += c
        released_at += [i] * len(c)
    plates = [e for e in events if e["event"] == "plate"]
    assert [(p["plate"], p["colour"], p["track"]) for p in plates] == [("30A-123.45", "yellow", 1)]
    hot = [e for e in events if e["event"] == "hotlist"]
    assert [(h["entry_id"], h["match"], h["priority"]) for h in hot] == [(9, "exact", 1)]
    # Released once the track expired (15 missed frames), long before plate_wait_s, with its plate.
    # votes_needed is out of reach, so only the track's expiry (15 missed frames after frame 29) releases it.
    assert len(candidates) == 1 and released_at == [45]
    cand = candidates[0]
    assert cand.event["rule"] == "red_light" and cand.event["plate"]["plate"] == "30A-123.45"
    assert cand.plate_crop is not None and cand.plate_crop.shape[0] > 10
    assert cand.frame.shape == (H, W, 3)
    assert set(cand.event["model_versions"]) == {"detector", "text_detector", "text_recogniser"}


def test_a_batched_round_over_cameras_tracks_each_camera_separately(tmp_path: Path) -> None:
    # A user detector (fixed output: one motorbike at the centre) makes the detections known.
    out = np.zeros((1, 6, 3), np.float32)
    out[0, :4, 0] = (32, 32, 16, 24)
    out[0, 5, 0] = 0.9
    registry = user_model(tmp_path, "fixed", "yolo", out, {"labels": ["plate", "motorcycle"]})
    stages = {"detector": registry.load("fixed"), "reader": None, "names": DEFAULT_SET}
    pipes = [Pipeline(CameraSpec(code), registry, stages) for code in ("A", "B")]
    for i in range(8):
        frames = [np.full((H, W, 3), 70 + k, np.uint8) for k in range(2)]
        results = process_round(pipes, frames, [i / 25, i / 25])
        assert [events for events, _ in results] == [[], []]
    for pipe in pipes:
        (track,) = pipe.tracker.tracks
        assert (track.id, track.label, track.hits) == (1, "motorbike", 8)
        assert track.box == pytest.approx((W / 2 - W / 8, H / 2 - H * 3 / 16, W / 2 + W / 8, H / 2 + H * 3 / 16), abs=1)
    with pytest.raises(ValueError, match="one frame"):
        process_round(pipes, frames[:1], [0.0, 0.0])


def test_a_camera_runs_its_own_detector_and_falls_back_to_the_default_when_it_cannot(tmp_path: Path) -> None:
    out = np.zeros((1, 6, 3), np.float32)  # a user detector whose one answer is a motorbike at the centre
    out[0, :4, 0] = (32, 32, 16, 24)
    out[0, 5, 0] = 0.9
    user_model(tmp_path, "site-7", "yolo", out, {"labels": ["plate", "motorcycle"]})
    registry = ModelRegistry([MODELS_DIR, tmp_path], default=DeviceChoice("CPU"))
    shared = build_stages(registry)
    own, why = with_detector(shared, registry, "site-7")
    assert why == "" and own["names"]["detector"] == "site-7" and own["reader"] is shared["reader"]
    pipe = Pipeline(CameraSpec("HN-7"), registry, own)
    assert pipe.detector is not None
    assert [d.cls for d in pipe.detector.detect(np.zeros((H, W, 3), np.uint8))] == ["motorbike"]
    assert with_detector(shared, registry, None) == (shared, "")
    for name, words in (("no-such-model", "not found"), ("ppocr-det-tiny", "not a vehicle detector")):
        stages, why = with_detector(shared, registry, name)
        assert stages is shared and words in why and name in why


def test_a_hit_on_a_vehicle_too_small_to_read_is_released_at_once(registry: ModelRegistry) -> None:
    """No read will ever come for a car 30 px tall driving away, so its hit does not wait plate_wait_s for a
    vote: that wait was most of the frame-to-candidate latency of a speeder receding from the camera."""
    pipe = Pipeline(CameraSpec("HN-1", rules=[STOP], plate_wait_s=30.0), registry)
    released: list[int] = []
    for i in range(40):
        # Driving up the picture: its bottom edge crosses the stop line (y = 432) at frame 22 and is a quarter
        # of its height past it at frame 23 (the red light's second position); then nothing is awaited.
        y = 530 - 6 * i
        _, found = pipe.process(
            np.full((H, W, 3), 70, np.uint8), i / 25, [Detection("car", 0.9, (400, y, 450, y + 30))]
        )
        released += [i] * len(found)
    assert released == [23]
