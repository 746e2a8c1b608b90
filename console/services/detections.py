"""Persisting what the detection engine finds: plate reads, hotlist alerts, violation candidates.

The engine (inference/) knows nothing of the database; its events are small dicts (``plate``,
``candidate``) and its candidates carry their pixels. This service turns them into rows: reads and the
alerts they raise commit together with one audit entry, and a candidate's frame and plate crop go to the
content-hashed evidence store before the candidate row points at them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import cv2
import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.storage.db import Database
from console.storage.models import Alert, Camera, HotlistEntry, PlateRead, ViolationCandidate, utcnow
from inference.hotlist import Hotlist, HotlistHit, Listed
from inference.plates.grammar import parse_plate

from .audit import AuditLog
from .context import Actor
from .events import announce
from .evidence import EvidenceStore, EvidenceWriteError
from .review import NewCandidate, ReviewService

# A wanted vehicle circling past one camera raises one alert until an operator takes it, not one per pass;
# the same window joins repeated hits of one rule on one plate at one camera into one candidate.
ALERT_REPEAT_WINDOW = timedelta(minutes=10)


class DetectionError(ValueError):
    """An engine event the store refuses; nothing was written."""


class CandidateLike(Protocol):
    event: dict[str, Any]
    frame: np.ndarray
    plate_crop: np.ndarray | None


@dataclass(frozen=True)
class StoredRead:
    read_id: int
    plate: str | None
    alert_ids: tuple[int, ...]


def _when(event: dict[str, Any], fallback: datetime) -> datetime:
    stamp = event.get("time")
    if not stamp:
        return fallback
    try:
        at = datetime.fromisoformat(str(stamp))
    except ValueError:
        raise DetectionError(f"event time {stamp!r} is not an ISO 8601 timestamp") from None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _jpeg(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 92])
    if not ok:
        raise DetectionError("evidence image could not be encoded")
    return bytes(data.tobytes())


class DetectionService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        evidence: EvidenceStore,
        review: ReviewService,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.audit = audit
        self.evidence = evidence
        self.review = review
        self.clock = clock

    def _camera_id(self, s: Session, code: object) -> int:
        camera_id = s.scalar(select(Camera.id).where(Camera.code == str(code)))
        if camera_id is None:
            raise DetectionError(f"unknown camera {code!r}")
        return int(camera_id)

    def _hotlist(self, s: Session, now: datetime) -> tuple[Hotlist, dict[int, HotlistEntry]]:
        rows = s.scalars(
            select(HotlistEntry).where(
                HotlistEntry.active.is_(True), or_(HotlistEntry.expires_at.is_(None), HotlistEntry.expires_at > now)
            )
        ).all()
        listed = [Listed(r.id, r.plate, r.priority, r.reason, r.plate_colour) for r in rows]
        return Hotlist(listed), {r.id: r for r in rows}

    def _already_alerted(self, s: Session, entry_id: int, camera_id: int, now: datetime) -> bool:
        """A listed vehicle passing the same camera again while its alert still waits for an operator adds no
        second alert: the read is stored (plate search shows every sighting), the queue stays readable."""
        open_alert = s.scalar(
            select(Alert.id)
            .where(
                Alert.hotlist_entry_id == entry_id,
                Alert.camera_id == camera_id,
                Alert.status == "new",
                Alert.created_at >= now - ALERT_REPEAT_WINDOW,
            )
            .limit(1)
        )
        return open_alert is not None

    def store_reads(self, actor: Actor, events: Sequence[dict[str, Any]]) -> list[StoredRead]:
        """Plate events → plate_reads rows, and an alert per hotlist match, in one transaction."""
        now = self.clock()
        stored: list[StoredRead] = []
        with self.db.session() as s:
            hotlist, entries = self._hotlist(s, now)
            cameras: dict[str, int] = {}
            for event in events:
                if event.get("event") != "plate":
                    raise DetectionError(f"not a plate event: {event.get('event')!r}")
                code = str(event.get("camera"))
                if code not in cameras:
                    cameras[code] = self._camera_id(s, code)
                parsed = parse_plate(str(event.get("plate") or "")) if event.get("plate") else None
                box = event.get("box")
                read = PlateRead(
                    camera_id=cameras[code],
                    seen_at=_when(event, now),
                    raw_text=str(event.get("text") or event.get("plate") or "")[:32],
                    plate=parsed.text if parsed else None,
                    plate_colour=event.get("colour"),
                    rows=int(event.get("rows") or 1),
                    confidence=float(event.get("confidence") or 0.0),
                    vehicle_class=event.get("vehicle_class"),
                    track_id=str(event["track"]) if event.get("track") is not None else None,
                    bbox=dict(zip(("x0", "y0", "x1", "y1"), box, strict=True)) if box else None,
                )
                s.add(read)
                s.flush()
                alert_ids: list[int] = []
                # The raw text too: a read the grammar could not settle may still be a listed plate.
                hits: dict[int, HotlistHit] = {}
                for text in (read.raw_text, read.plate):
                    for hit in hotlist.match(text, event.get("colour")) if text else []:
                        if hit.entry.id not in hits or hit.match == "exact":
                            hits[hit.entry.id] = hit
                for hit in hits.values():
                    entry = entries[hit.entry.id]
                    if self._already_alerted(s, entry.id, read.camera_id, now):
                        continue
                    alert = Alert(
                        kind="hotlist_hit",
                        priority=entry.priority,
                        message=f"{entry.reason}: {entry.plate} ({hit.match} match, read {read.raw_text!r})",
                        camera_id=read.camera_id,
                        plate_read_id=read.id,
                        hotlist_entry_id=entry.id,
                        created_at=now,
                    )
                    s.add(alert)
                    s.flush()
                    # Every console's Alerts page shows it when this commits, whichever process read the plate.
                    announce(s, "alert", alert.id)
                    alert_ids.append(alert.id)
                stored.append(StoredRead(read.id, read.plate, tuple(alert_ids)))
            details = {"reads": [r.read_id for r in stored], "alerts": [a for r in stored for a in r.alert_ids]}
            self.audit.append(s, actor, "detection.reads", "plate_read", "", details)
        return stored

    def _same_offence(self, s: Session, camera_id: int, rule: str, plate: str | None, at: datetime) -> int | None:
        """One act, one candidate: the same plate caught by the same rule at the same camera within the window
        (a vehicle held under the camera, a second track on one pass) is the candidate already stored."""
        if not plate:
            return None  # without a plate two hits cannot be told to be one vehicle
        found = s.scalar(
            select(ViolationCandidate.id)
            .where(
                ViolationCandidate.camera_id == camera_id,
                ViolationCandidate.rule_kind == rule,
                ViolationCandidate.plate == plate,
                ViolationCandidate.detected_at >= at - ALERT_REPEAT_WINDOW,
                ViolationCandidate.detected_at <= at + ALERT_REPEAT_WINDOW,
            )
            .order_by(ViolationCandidate.id)
            .limit(1)
        )
        return int(found) if found is not None else None

    def store_candidate(self, actor: Actor, candidate: CandidateLike) -> int:
        """A rule hit with its evidence frame and plate crop (each written once, by SHA-256)."""
        event = candidate.event
        if event.get("event") != "candidate" or not event.get("rule"):
            raise DetectionError("not a candidate event")
        plate: dict[str, Any] = event.get("plate") or {}
        detected_at = _when(event, self.clock())
        with self.db.session() as s:
            camera_id = self._camera_id(s, event.get("camera"))
            same = self._same_offence(s, camera_id, str(event["rule"]), plate.get("plate"), detected_at)
            if same is not None:
                return same
            evidence: list[tuple[str, int]] = []
            h, w = candidate.frame.shape[:2]
            try:
                frame = self.evidence.put(s, _jpeg(candidate.frame), "frame", camera_id=camera_id, width=w, height=h)
                evidence.append(("frame", frame.id))
                crop = candidate.plate_crop
                if crop is not None and crop.size:
                    ch, cw = crop.shape[:2]
                    row = self.evidence.put(s, _jpeg(crop), "plate_crop", camera_id=camera_id, width=cw, height=ch)
                    evidence.append(("plate_crop", row.id))
            except EvidenceWriteError as exc:
                # Raising inside the session rolls back the evidence rows already added: a candidate is
                # stored with all its evidence or not at all.
                raise DetectionError(
                    f"{event['rule']} candidate at camera {event.get('camera')} refused: {exc}"
                ) from exc
        item = NewCandidate(
            camera_id=camera_id,
            rule_kind=str(event["rule"]),
            detected_at=detected_at,
            plate_raw=plate.get("text"),
            plate=plate.get("plate"),
            plate_colour=plate.get("colour"),
            vehicle_class=event.get("vehicle_class"),
            measured=dict(event.get("measured") or {}),
            track=dict(event.get("track") or {}),
            model_versions=dict(event.get("model_versions") or {}),
            evidence=tuple(evidence),
        )
        return self.review.add_candidates(actor, [item])[0]
