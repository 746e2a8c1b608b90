"""Storing engine output: plate reads, hotlist alerts (fuzzy, with priority), candidates with evidence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from review_setup import World, make_world
from sqlalchemy import func, select

from console.services.detections import DetectionError, DetectionService
from console.services.evidence import EvidenceStore
from console.storage.db import Database
from console.storage.models import Alert, AuditEntry, CandidateEvidence, EvidenceFile, HotlistEntry, PlateRead
from console.storage.models import ViolationCandidate as VC
from inference.pipeline import Candidate


@pytest.fixture
def world(database: Database, tmp_path: Path) -> World:
    return make_world(database, tmp_path / "evidence")


@pytest.fixture
def service(world: World, tmp_path: Path) -> DetectionService:
    return DetectionService(world.db, world.audit, EvidenceStore(tmp_path / "evidence"), world.review)


def plate_event(plate: str, raw: str, camera: str = "HN-1", colour: str = "white") -> dict[str, object]:
    return {
        "event": "plate", "camera": camera, "t": 1.0, "time": "2026-03-02T08:00:01+00:00", "track": 7,
        "vehicle_class": "car", "plate": plate, "text": raw, "confidence": 0.93, "rows": 1, "colour": colour,
        "votes": 3, "box": [10, 20, 110, 45],
    }  # fmt: skip


def test_a_listed_vehicle_passing_again_adds_no_alert_until_an_operator_took_the_first(
    world: World, service: DetectionService
) -> None:
    with world.db.session() as s:
        s.add(HotlistEntry(plate="30A-123.45", reason="stolen", priority=1))
    first = service.store_reads(world.op1, [plate_event("30A-123.45", "30A-123.45")])
    again = service.store_reads(world.op1, [plate_event("30A-123.45", "30A-123.45")])
    elsewhere = service.store_reads(world.op1, [plate_event("30A-123.45", "30A-123.45", camera="CT01-1")])
    assert [len(r.alert_ids) for r in first + again + elsewhere] == [1, 0, 1]
    with world.db.session() as s:
        taken = s.get(Alert, first[0].alert_ids[0])
        assert taken is not None
        taken.status = "acknowledged"
    after_ack = service.store_reads(world.op1, [plate_event("30A-123.45", "30A-123.45")])
    assert len(after_ack[0].alert_ids) == 1
    with world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PlateRead)) == 4  # every sighting is kept


def test_reads_are_stored_and_a_confusable_hotlist_match_raises_an_alert(
    world: World, service: DetectionService
) -> None:
    with world.db.session() as s:
        s.add(HotlistEntry(plate="30A-123.45", reason="stolen", priority=1))
        s.add(HotlistEntry(plate="29A-999.99", reason="wanted", priority=2, active=False))
    events = [
        plate_event("30A-123.45", "3OA-I23.45"),  # the engine's voted plate, repaired by the grammar
        plate_event("29A-999.99", "29A99999"),  # listed, but the entry is inactive
        plate_event("", "3OA-I23.4S", camera="CT01-1"),  # not settled by the grammar: matched on the raw text
        plate_event("51G-888.88", "51G88888"),  # not listed
    ]
    stored = service.store_reads(world.op1, events)
    assert [r.plate for r in stored] == ["30A-123.45", "29A-999.99", None, "51G-888.88"]
    assert [len(r.alert_ids) for r in stored] == [1, 0, 1, 0]
    with world.db.session() as s:
        alert = s.get(Alert, stored[0].alert_ids[0])
        assert alert is not None and alert.kind == "hotlist_hit" and alert.priority == 1 and alert.status == "new"
        fuzzy = s.get(Alert, stored[2].alert_ids[0])
        assert fuzzy is not None and "confusable" in fuzzy.message and fuzzy.hotlist_entry_id == alert.hotlist_entry_id
        read = s.get(PlateRead, stored[0].read_id)
        assert (
            read is not None and read.raw_text == "3OA-I23.45" and read.track_id == "7" and read.plate_colour == "white"
        )
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "detection.reads")) == 1


def test_unknown_camera_is_refused_and_nothing_is_written(world: World, service: DetectionService) -> None:
    with pytest.raises(DetectionError, match="unknown camera 'NOPE'"):
        service.store_reads(world.op1, [plate_event("30A-123.45", "30A12345"), plate_event("30A-123.45", "x", "NOPE")])
    with world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PlateRead)) == 0


def test_candidate_is_stored_with_frame_and_plate_crop_evidence(
    world: World, service: DetectionService, tmp_path: Path
) -> None:
    frame = np.zeros((72, 128, 3), np.uint8)
    frame[20:40, 30:90] = 200
    crop = np.full((12, 40, 3), 230, np.uint8)
    event = {
        "event": "candidate", "camera": "CT01-1", "t": 5.8, "time": "2026-03-02T08:05:00+00:00", "rule": "speed",
        "rule_name": "Speed", "vehicle_class": "car",
        "plate": {"text": "61E43008", "plate": "61E-430.08", "confidence": 0.9, "rows": 1, "colour": "white",
                  "votes": 3, "box": [1, 2, 3, 4]},
        "track": {"id": 3, "points": [[5.0, 0.5, 0.9], [5.7, 0.5, 0.4]]},
        "measured": {"speed_kmh": 133.6, "limit_kmh": 100.0},
        "model_versions": {"detector": "x", "text_recogniser": "y"},
    }  # fmt: skip
    cand_id = service.store_candidate(world.op1, Candidate(event, frame, crop))
    with world.db.session() as s:
        cand = s.get(VC, cand_id)
        assert (
            cand is not None and cand.plate == "61E-430.08" and cand.rule_kind == "speed" and cand.status == "pending"
        )
        assert cand.measured["speed_kmh"] == 133.6 and cand.model_versions["text_recogniser"] == "y"
        rows = s.execute(
            select(CandidateEvidence.role, EvidenceFile.path, EvidenceFile.sha256)
            .join(EvidenceFile, EvidenceFile.id == CandidateEvidence.evidence_id)
            .where(CandidateEvidence.candidate_id == cand_id)
        ).all()
    assert sorted(r.role for r in rows) == ["frame", "plate_crop"]
    for r in rows:
        assert hashlib.sha256((tmp_path / "evidence" / r.path).read_bytes()).hexdigest() == r.sha256
    with pytest.raises(DetectionError):
        service.store_candidate(world.op1, Candidate({**event, "camera": "NOPE"}, frame, crop))
    # The same vehicle caught again by the same rule minutes later is the same offence: no second candidate.
    again = {**event, "time": "2026-03-02T08:08:00+00:00", "t": 185.8}
    assert service.store_candidate(world.op1, Candidate(again, frame, crop)) == cand_id
    later = {**event, "time": "2026-03-02T08:30:00+00:00", "t": 1505.8}
    other = {**event, "rule": "lane", "rule_name": "Lane"}
    assert len({cand_id, *(service.store_candidate(world.op1, Candidate(e, frame, crop)) for e in (later, other))}) == 3
