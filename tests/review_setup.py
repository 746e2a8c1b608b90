"""Shared set-up for the review and fine tests: people, cameras, a registration, candidates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.services.fines import FinePolicy, FineService
from console.services.review import NewCandidate, ReviewService
from console.storage.db import Database
from console.storage.models import Camera, Operator, VehicleRegistration

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@dataclass
class World:
    db: Database
    audit: AuditLog
    fines: FineService
    review: ReviewService
    op1: Actor
    op2: Actor
    supervisor: Actor
    city: int  # camera ids
    expressway: int


def make_world(db: Database, evidence: Path, **review_kwargs: Any) -> World:
    audit = AuditLog()
    with db.session() as s:
        people = [
            Operator(username=name, role=role, password_hash="-", display_name=name)
            for name, role in (("op1", "operator"), ("op2", "operator"), ("sup", "supervisor"))
        ]
        s.add_all(people)
        city = Camera(code="HN-1", name="Ngã tư Sở", route="Hà Nội", route_kind="city", lat=21.0, lon=105.8,
                      main_url="rtsp://x/1", speed_limit_kmh=60)  # fmt: skip
        road = Camera(code="CT01-1", name="Km 184", route="CT.01", route_kind="expressway", km=184.0, lat=20.9,
                      lon=105.85, main_url="rtsp://x/2", speed_limit_kmh=100)  # fmt: skip
        s.add_all([city, road])
        s.add(VehicleRegistration(plate="30A-123.45", plate_colour="white", vehicle_class="car", owner_name="Lê Văn A"))
        s.add(VehicleRegistration(plate="29-B1 123.45", plate_colour="white", vehicle_class="motorbike",
                                  owner_name="Trần Thị B"))  # fmt: skip
        s.add(VehicleRegistration(plate="51D-208.63", plate_colour="yellow", vehicle_class="truck",
                                  owner_name="Công ty C"))  # fmt: skip
        s.flush()
        ids = [p.id for p in people]
        city_id, road_id = city.id, road.id
    fines = FineService(db, audit, FinePolicy(approval_threshold_vnd=10_000_000))
    review = ReviewService(db, audit, fines, evidence, **review_kwargs)
    return World(
        db, audit, fines, review,
        Actor("op1", Role.OPERATOR, ids[0]), Actor("op2", Role.OPERATOR, ids[1]),
        Actor("sup", Role.SUPERVISOR, ids[2]), city_id, road_id,
    )  # fmt: skip


def hit(
    camera: int,
    rule: str = "red_light",
    plate: str | None = "30A-123.45",
    minutes: float = 0,
    vehicle_class: str = "car",
    colour: str = "white",
    **measured: Any,
) -> NewCandidate:
    return NewCandidate(
        camera_id=camera,
        rule_kind=rule,
        detected_at=T0 + timedelta(minutes=minutes),
        plate_raw=plate,
        plate=plate,
        plate_colour=colour,
        vehicle_class=vehicle_class,
        measured=measured,
    )
