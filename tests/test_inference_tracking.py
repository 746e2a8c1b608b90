"""Tracker id stability, plate votes, and the NanoDet decoder on known tensors and a rendered scene frame.

No real photo is committed (none with a licence that allows it was at hand); the scene frame is the
project's own render, on which NanoDet demonstrably works for cars and buses (see docs/inference.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from console.feeds.scenes import build_scene
from inference.detector import VEHICLES, Detection, NanoDetDetector, iou
from inference.models import DeviceChoice, ModelRegistry
from inference.plates.grammar import parse_plate
from inference.plates.reader import PlateRead
from inference.tracker import Tracker


def _box(cx: float, cy: float, w: float = 80, h: float = 60) -> tuple[float, float, float, float]:
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def test_ids_stay_stable_for_two_vehicles_passing_each_other() -> None:
    tracker = Tracker()
    ids: dict[str, set[int]] = {"a": set(), "b": set()}
    for f in range(40):
        a = Detection("car", 0.8, _box(100 + 15 * f, 300))
        b = Detection("car", 0.8, _box(700 - 15 * f, 340))
        seen = tracker.update([a, b], f / 10, (1000, 800))
        for key, det in (("a", a), ("b", b)):
            ids[key].add(next(t.id for t in seen if t.box == det.box))
    assert len(ids["a"]) == 1 and len(ids["b"]) == 1 and ids["a"] != ids["b"]


def test_weak_detection_and_a_missed_frame_keep_the_id() -> None:
    tracker = Tracker()
    seen_ids = set()
    for f in range(20):
        if f == 8:
            tracker.update([], f / 10, (1000, 800))  # missed frame
            continue
        score = 0.25 if f in (5, 6, 12) else 0.8  # occlusion: below the high threshold
        seen = tracker.update([Detection("car", score, _box(100 + 12 * f, 400))], f / 10, (1000, 800))
        seen_ids |= {t.id for t in seen}
    assert seen_ids == {1}
    assert tracker.tracks[0].hits == 19


def test_lost_tracks_expire_and_new_objects_get_new_ids() -> None:
    tracker = Tracker(max_misses=3)
    tracker.update([Detection("car", 0.9, _box(100, 100))], 0.0, (1000, 800))
    for f in range(1, 6):
        tracker.update([], f / 10, (1000, 800))
    assert tracker.tracks == []
    seen = tracker.update([Detection("car", 0.9, _box(100, 100))], 0.6, (1000, 800))
    assert seen[0].id == 2


def test_plate_votes_pick_the_majority_and_keep_the_best_crop() -> None:
    tracker = Tracker()
    trk = tracker.update([Detection("car", 0.9, _box(300, 300))], 0.0, (1000, 800))[0]

    def read(text: str, conf: float) -> PlateRead:
        return PlateRead(text, parse_plate(text), conf, 1, "white", (0, 0, 50, 12))

    crops = [np.full((12, 50, 3), i, np.uint8) for i in range(4)]
    trk.add_read(read("30A12345", 0.8), crops[0])
    trk.add_read(read("30A12346", 0.99), crops[1])  # one confident misread
    trk.add_read(read("30A12345", 0.85), crops[2])
    trk.add_read(read("XX", 0.2), crops[3])
    text, _, votes = trk.plate()
    assert (text, votes) == ("30A-123.45", 2)
    assert trk.best_crop is not None and int(trk.best_crop[0, 0, 0]) == 1


def _nanodet(hint: str = "LATENCY") -> NanoDetDetector:
    registry = ModelRegistry(default=DeviceChoice("CPU", hint))
    det = NanoDetDetector(registry.load("vehicle-nanodet"), 0.3)
    return det


def test_nanodet_decoder_on_known_scores_and_distance_bins() -> None:
    det = _nanodet()
    names = [o.get_any_name() for o in det.model.compiled.outputs]
    outputs: dict[str, np.ndarray] = {}
    for level, cells in zip(det.model.manifest.output["levels"], (52 * 52, 26 * 26, 13 * 13), strict=True):
        outputs[level["scores"]] = np.zeros((1, cells, 80), np.float32)
        outputs[level["boxes"]] = np.zeros((1, cells, 44), np.float32)  # flat logits: every side 5 bins
    lv8, lv32 = det.model.manifest.output["levels"][0], det.model.manifest.output["levels"][2]
    # A car at stride 8, cell (col 10, row 20): centre (84, 164) in the 416-px input.
    outputs[lv8["scores"]][0, 20 * 52 + 10, 2] = 0.8
    peaked = np.full((4, 11), -30.0, np.float32)
    for side, bin_ in enumerate((3, 2, 4, 1)):  # left, top, right, bottom = 3, 2, 4, 1 strides
        peaked[side, bin_] = 30.0
    outputs[lv8["boxes"]][0, 20 * 52 + 10] = peaked.ravel()
    # A chair (not kept) at stride 32, and a person below the threshold.
    outputs[lv32["scores"]][0, 5, 56] = 0.9
    outputs[lv32["scores"]][0, 6, 0] = 0.2
    found = det.decode([outputs[n] for n in names], (832, 416 * 3, 3))  # frame twice as tall, three times as wide
    assert [d.cls for d in found] == ["car"]
    assert found[0].score == pytest.approx(0.8)
    cx, cy = 84.0, 164.0
    expected = ((cx - 24) * 3, (cy - 16) * 2, (cx + 32) * 3, (cy + 8) * 2)
    assert found[0].box == pytest.approx(expected, abs=1e-3)
    # A flat distribution means the expectation, 5 bins: the same cell with flat logits is a 10-stride box.
    outputs[lv8["boxes"]][0, 20 * 52 + 10] = 0.0
    flat = det.decode([outputs[n] for n in names], (416, 416, 3))[0]
    assert flat.box == pytest.approx((cx - 40, cy - 40, cx + 40, cy + 40), abs=1e-3)


def _scene_frame(index: int) -> tuple[np.ndarray, list[dict[str, Any]]]:
    image, records = build_scene("expressway", 1).frame(index)
    assert image is not None
    return image, [r for r in records if r["in_frame"] > 0.5]


def test_nanodet_finds_the_vehicles_in_a_rendered_expressway_frame() -> None:
    image, truth = _scene_frame(430)
    assert len(truth) == 8  # seven cars and a bus, from 25 to 220 px tall
    found = [d for d in _nanodet().detect(image) if d.cls in VEHICLES]
    for record in truth:
        assert max(iou(record["bbox"], d.box) for d in found) >= 0.6, (record, found)
    # Nothing invented: every vehicle box lies on one of the scene's vehicles.
    for d in found:
        assert max(iou(record["bbox"], d.box) for record in truth) >= 0.5, d


def test_detect_many_across_cameras_matches_one_by_one() -> None:
    det = _nanodet("THROUGHPUT")
    image, _ = _scene_frame(430)
    other, _ = _scene_frame(520)
    flipped = np.ascontiguousarray(image[:, ::-1])
    many = det.detect_many([image, flipped, other])
    single = [det.detect(f) for f in (image, flipped, other)]
    assert [len(m) for m in many] == [len(s) for s in single] and len(single[0]) >= 8
    for m, s in zip(many, single, strict=True):
        assert np.allclose([d.box for d in m], [d.box for d in s], atol=0.5)
