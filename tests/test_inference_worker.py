"""The per-camera worker: frames through the video wall's ring → engine → database → overlays."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from review_setup import make_world
from sqlalchemy import select

from console.demo.scenes import build_scene, ground_truth
from console.services.detection_worker import DetectionWorker, Overlay
from console.services.detections import DetectionService
from console.services.evidence import EvidenceStore
from console.storage.db import Database
from console.storage.models import CandidateEvidence, PlateRead
from console.storage.models import ViolationCandidate as VC
from console.video.ring import FrameRing
from inference.detector import Detection
from inference.models import DeviceChoice, ModelRegistry
from inference.pipeline import CameraSpec, Pipeline


def test_worker_stores_the_red_light_candidate_and_publishes_overlays(
    sqlite_database: Database, tmp_path: Path
) -> None:
    world = make_world(sqlite_database, tmp_path / "evidence")
    truth = ground_truth("intersection", 1)
    scene = build_scene("intersection", 1)
    (violation,) = truth.violations
    classes = {v["id"]: v["class"] for v in truth.vehicles}
    ring = FrameRing()
    boxes_by_index: dict[int, list[Detection]] = {}
    overlays: list[Overlay] = []
    events: list[dict[str, Any]] = []
    service = DetectionService(world.db, world.audit, EvidenceStore(tmp_path / "evidence"), world.review)
    pipeline = Pipeline(CameraSpec("HN-1", rules=truth.rules), ModelRegistry(default=DeviceChoice("CPU")))
    worker = DetectionWorker(
        world.city,
        ring.reader(),
        pipeline,
        service,
        world.op1,
        on_overlay=overlays.append,
        on_events=events.extend,
        # The scene's vehicles come from its ground truth: NanoDet misses most low-poly motorbikes.
        detect=lambda frame: boxes_by_index[frame.index],
    )
    worker.start()
    base = 1_772_438_400.0  # 2026-03-02 08:00 UTC
    try:
        for n, i in enumerate(range(violation["frame_event"] - 30, violation["frame_event"] + 45)):
            image, records = scene.frame(i)
            assert image is not None
            boxes = [Detection(classes[r["id"]], 0.9, tuple(r["bbox"])) for r in records if r["in_frame"] > 0.5]
            boxes_by_index[ring.pushed + 1] = boxes
            ring.push(image, base + i / scene.fps)
            deadline = time.monotonic() + 10
            while worker.frames <= n and time.monotonic() < deadline:  # lockstep: this test is not about drops
                time.sleep(0.002)
    finally:
        worker.stop()
    assert worker.errors == 0 and worker.frames == 75
    with world.db.session() as s:
        (cand,) = s.scalars(select(VC)).all()
        assert (cand.rule_kind, cand.plate, cand.camera_id) == ("red_light", violation["plate"], world.city)
        roles = sorted(s.scalars(select(CandidateEvidence.role).where(CandidateEvidence.candidate_id == cand.id)))
        assert roles == ["frame", "plate_crop"]
        assert violation["plate"] in set(s.scalars(select(PlateRead.plate)))
    assert any(e["event"] == "candidate" and e["candidate_id"] == cand.id for e in events)
    assert overlays[-1].camera_id == world.city and overlays[-1].frame_index == 75
    plated = [b for o in overlays for b in o.boxes if b.plate == violation["plate"]]
    assert plated and all(0 <= v <= 1 for v in plated[-1].box)
