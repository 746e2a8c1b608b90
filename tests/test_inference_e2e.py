"""End to end on the demo scenes: rendered frames → tracking → plate reading → rules → candidates.

The shipped COCO detector (NanoDet) finds only part of the low-poly vehicles (most expressway cars, almost
no motorbikes: docs/inference.md), so vehicle boxes come from the scene's ground truth; everything after detection is
the real engine on real pixels — plates are read from the rendered plate, rules judge the tracks.
Windows around each scripted violation keep the test to seconds; docs/inference.md has full-loop figures.
"""

from __future__ import annotations

from typing import Any

import pytest

from console.demo.scenes import build_scene, ground_truth
from inference.detector import Detection
from inference.models import DeviceChoice, ModelRegistry
from inference.pipeline import CameraSpec, Pipeline


@pytest.fixture(scope="module")
def registry() -> ModelRegistry:
    return ModelRegistry(default=DeviceChoice("CPU"))


def run_window(registry: ModelRegistry, scene: Any, truth: Any, start: int, stop: int) -> list[dict[str, Any]]:
    classes = {v["id"]: v["class"] for v in truth.vehicles}
    pipe = Pipeline(CameraSpec(scene.kind, rules=truth.rules, plate_every=3), registry)
    candidates: list[dict[str, Any]] = []
    for i in range(start, stop):
        img, records = scene.frame(i)
        assert img is not None
        dets = [Detection(classes[r["id"]], 0.9, tuple(r["bbox"])) for r in records if r["in_frame"] > 0.5]
        _, found = pipe.process(img, i / scene.fps, dets)
        candidates += [c.event for c in found]
    candidates += [c.event for c in pipe.flush()]
    return candidates


def windows(truth: Any) -> list[tuple[int, int]]:
    """Frames around each scripted violation (merged when they overlap): enough for tracks, dwell and votes."""
    spans = sorted(
        (max(v["frame_start"], v["frame_event"] - 75), min(truth.frame_count, v["frame_event"] + 40))
        for v in truth.violations
    )
    merged: list[tuple[int, int]] = []
    for start, stop in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


@pytest.mark.parametrize("kind", ["intersection", "expressway", "one_way"])
def test_scripted_violations_found_with_the_right_plate(registry: ModelRegistry, kind: str) -> None:
    truth = ground_truth(kind, 1)  # ~2-6 s: computed once per scene
    scene = build_scene(kind, 1)
    expected: set[tuple[str, str]] = set()
    found: set[tuple[str, str | None]] = set()
    for start, stop in windows(truth):
        candidates = run_window(registry, scene, truth, start, stop)
        expected |= {(v["rule"], v["plate"]) for v in truth.violations if start <= v["frame_event"] < stop}
        found |= {(c["rule"], (c["plate"] or {}).get("plate")) for c in candidates}
        for c in candidates:
            assert c["model_versions"]["text_recogniser"] and c["track"]["points"]
    true_positives = len(expected & found)
    recall = true_positives / len(expected)
    precision = true_positives / len(found) if found else 0.0
    # Measured on seed 1 over whole loops (docs/inference.md): recall 1.0 and precision 1.0 in every scene.
    assert recall >= 0.99 and precision >= 0.99, (kind, sorted(expected), sorted(found, key=str))
