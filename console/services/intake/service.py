"""An accepted request becomes work for the operators: a review candidate or an incident.

A violation report joins the normal review queue as a candidate marked ``source='citizen'`` (the
reviewer sees it is not a camera hit) with the citizen's photo, re-encoded, as its evidence frame.
The candidate hangs on the camera nearest the reported place, because the queue, the fine table
(road kind) and station sync are all organised by camera; the exact place and the distance to that
camera travel with it (``track``).

A help request raises an alert and opens an incident linked to it, then writes the nearest
available teams into the incident's timeline, so the operator who opens it sees whom to send
without asking the map first. Both announce themselves, so every console refreshes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from console.config import Config
from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.services.dispatch import DispatchService, NewIncident, policy_from_config, retry_when_locked
from console.services.events import announce
from console.services.evidence import EvidenceStore, evidence_dir
from console.services.fines import FineService
from console.services.review import NewCandidate, ReviewService
from console.services.units import UnitService
from console.storage.db import Database
from console.storage.models import Alert, Camera, utcnow
from maps.geo import haversine_m
from maps.routes import route_lines

from .images import clean
from .schema import HelpRequest, Report

# Help kinds → the dispatch service's incident kinds and priority (1 urgent).
HELP_INCIDENTS: dict[str, tuple[str, int]] = {
    "accident": ("crash", 1),
    "assault": ("other", 1),
    "breakdown": ("stopped_vehicle", 2),
    "other": ("other", 2),
}

# The alert's first words, in the operators' language like the other stored alert messages.
HELP_WORDS = {"accident": "Tai nạn", "assault": "Bị tấn công", "breakdown": "Xe hỏng", "other": "Cần trợ giúp"}


class IntakeUnavailable(RuntimeError):
    """The request was valid but cannot be taken in here (e.g. no camera registered)."""


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int
    max_pixels: int
    max_side: int


def actor_for(system: str) -> Actor:
    # Operator rights, no operator row: the audit log names the calling system as the actor.
    return Actor(username=f"intake:{system}", role=Role.OPERATOR)


class IntakeService:
    def __init__(self, db: Database, audit: AuditLog, evidence: EvidenceStore, review: ReviewService,
                 dispatch: DispatchService, limits: ImageLimits, suggestions: int = 3,
                 clock: Callable[[], datetime] = utcnow) -> None:  # fmt: skip
        self.clock = clock
        self.db = db
        self.audit = audit
        self.evidence = evidence
        self.review = review
        self.dispatch = dispatch
        self.limits = limits
        self.suggestions = suggestions

    def _nearest_camera(self, lat: float, lon: float) -> tuple[int, str, str, float]:
        with self.db.session() as s:
            cameras = s.execute(select(Camera.id, Camera.code, Camera.name, Camera.lat, Camera.lon)).all()
        if not cameras:
            raise IntakeUnavailable("no camera is registered, so a report cannot be placed on a road")
        best = min(cameras, key=lambda c: haversine_m((lat, lon), (c.lat, c.lon)))
        return int(best.id), str(best.code), str(best.name), haversine_m((lat, lon), (best.lat, best.lon))

    @retry_when_locked
    def report(self, system: str, r: Report) -> dict[str, Any]:
        """Photo cleaned first (ImageRefused leaves nothing behind), then evidence and candidate in one
        transaction: a failure keeps neither, so the caller's retry cannot leave an orphan behind."""
        image = clean(r.photo, self.limits.max_bytes, self.limits.max_pixels, self.limits.max_side)
        camera_id, camera_code, _name, distance = self._nearest_camera(r.lat, r.lon)
        track: dict[str, Any] = {"reported_lat": r.lat, "reported_lon": r.lon, "camera_distance_m": round(distance)}
        if r.description:
            track["note"] = r.description
        with self.db.session() as s:
            row = self.evidence.put(s, image.jpeg, "citizen_photo", camera_id=camera_id,
                                    width=image.width, height=image.height)  # fmt: skip
            item = NewCandidate(
                camera_id=camera_id, rule_kind=r.rule_kind, detected_at=r.at, plate_raw=r.plate, plate=r.plate,
                plate_colour=None, vehicle_class=r.vehicle_class, measured={}, track=track,
                model_versions={"violation_code": r.violation}, evidence=(("frame", row.id),),
                source="citizen", reporter=system,
            )  # fmt: skip
            (candidate_id,) = self.review.insert_candidates(s, actor_for(system), [item])
            sha256 = row.sha256
        return {"candidate": candidate_id, "camera": camera_code, "photo_sha256": sha256, "status": "queued"}

    @retry_when_locked
    def help(self, system: str, h: HelpRequest) -> dict[str, Any]:
        """The alert, its incident and the note naming the nearest teams commit together: a caller that
        retries after a failure never leaves operators two alerts for one call for help."""
        actor = actor_for(system)
        kind, priority = HELP_INCIDENTS[h.kind]
        text = h.description + (f" (liên hệ {h.phone})" if h.phone else "")
        # The caller gives a position, not a place: the nearest camera names the stretch of road for the operator.
        try:
            _id, _code, camera, distance = self._nearest_camera(h.lat, h.lon)
            place = f"{distance / 1000:.1f} km từ {camera}"[:255]
        except IntakeUnavailable:
            place = f"{h.lat:.5f}, {h.lon:.5f}"
        ranked = self.dispatch.suggest(actor, h.lat, h.lon)[: self.suggestions]
        teams = [
            {"call_sign": t.call_sign, "distance_m": round(t.distance_m),
             "eta_s": round(t.eta_s) if t.eta_s is not None else None, "stale": t.stale}
            for t in ranked
        ]  # fmt: skip
        nearest = ", ".join(f"{t.call_sign} {t.distance_m / 1000:.1f} km" for t in ranked)
        note = f"Đội gần nhất: {nearest}" if ranked else ""
        with self.db.session() as s:
            message = f"{HELP_WORDS[h.kind]} — {place}" + (f": {text}" if text else "") + f" (qua {system})"
            alert = Alert(kind="citizen_help", priority=priority, message=message)
            s.add(alert)
            s.flush()
            alert_id = alert.id
            self.audit.append(s, actor, "intake.help", "alert", alert_id,
                              {"kind": h.kind, "lat": h.lat, "lon": h.lon, "system": system})  # fmt: skip
            announce(s, "alert", alert_id)
            new = NewIncident(kind, priority, h.lat, h.lon, place, text, "citizen", alert_id=alert_id)
            incident_id = self.dispatch.add_incident(s, actor, new, note)
        return {"incident": incident_id, "alert": alert_id, "suggested": teams, "status": "received"}


def build(cfg: Config, db: Database, audit: AuditLog) -> IntakeService:
    """The intake wired as the console wires the review and dispatch services (no MQTT: nobody is sent)."""
    root = evidence_dir(cfg)
    review = ReviewService(db, audit, FineService(db, audit), root)
    routes = route_lines(UnitService(db).camera_points())
    dispatch = DispatchService(db, audit, policy_from_config(cfg.map), routes, cfg.map.dispatch_topic_prefix)
    i = cfg.intake
    limits = ImageLimits(i.max_image_bytes, i.max_image_pixels, i.store_max_side)
    return IntakeService(db, audit, EvidenceStore(root), review, dispatch, limits, i.suggestions)
