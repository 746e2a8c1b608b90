"""Demo violation candidates with real evidence images, for ``--demo`` (idempotent).

The frames are drawn by console.demo.evidence_art and written through the evidence store, so
they carry a SHA-256 like any camera evidence. Plates come from the demo registrations (owners
known) plus a few unregistered ones (owner follow-up); a repeat hit makes a duplicate case, and a
few older candidates are decided by demo operators so that the supervisor's approval queue and the
publication list (fines unresolved after 20 days) have something in them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import exists, select

from console.demo.evidence_art import draw_evidence, jpeg
from console.services.audit import AuditLog
from console.services.context import SYSTEM, Actor, Role
from console.services.evidence import EvidenceStore
from console.services.fines import FineService
from console.services.review import NewCandidate, QueueFilter, ReviewService
from console.storage.db import Database
from console.storage.models import Camera, CameraRule, Operator, VehicleRegistration, ViolationCandidate, utcnow

# Plates no registration holds: their fines are flagged for owner follow-up.
_UNREGISTERED = {"car": "43A-618.27", "motorbike": "36-K3 402.19"}


@dataclass(frozen=True)
class _Plan:
    rule: str
    plate: str | None
    plate_raw: str
    colour: str
    vehicle_class: str
    measured: dict[str, Any]
    minutes_ago: float


def _plans(cameras: dict[str, tuple[Camera, dict[str, Any]]], regs: list[VehicleRegistration]) -> list[_Plan]:
    cars = [r for r in regs if r.vehicle_class == "car"]
    bikes = [r for r in regs if r.vehicle_class == "motorbike"]
    heavy = [r for r in regs if r.vehicle_class in ("bus", "truck")]
    plans: list[_Plan] = []

    def add(rule: str, reg: VehicleRegistration | None, cls: str, measured: dict[str, Any], minutes: float) -> None:
        plate = reg.plate if reg else _UNREGISTERED[cls]
        colour = reg.plate_colour if reg else "white"
        plans.append(_Plan(rule, plate, plate.replace("-", "").replace(".", ""), colour, cls, measured, minutes))

    limit = 100
    for i, excess in enumerate((7.0, 14.0, 27.0, 43.0, 12.0, 22.0)):
        cls = "motorbike" if i == 4 else "car"
        reg = bikes[0] if cls == "motorbike" else cars[(i * 3) % len(cars)]
        # The first three are weeks old (decided below): the procedure's deadlines have passed for them.
        minutes = (26 * 1440, 23 * 1440, 12 * 1440)[i] if i < 3 else 300 - i * 20
        add("speed", reg, cls, {"speed_kmh": limit + excess, "limit_kmh": limit}, minutes)
    for i in range(4):
        reg = bikes[(i + 1) % len(bikes)] if i % 2 else cars[(i * 5 + 1) % len(cars)]
        add("red_light", reg, reg.vehicle_class, {"signal": "red", "red_for_s": 2.5 + i}, 170 - i * 15)
    add("red_light", None, "car", {"signal": "red", "red_for_s": 4.1}, 95)
    add("lane", cars[7 % len(cars)], "car", {"lane": "motorbike lane"}, 80)
    add("lane", bikes[3 % len(bikes)], "motorbike", {"lane": "BRT lane"}, 70)
    add("no_stopping", heavy[0] if heavy else cars[0], "truck" if heavy else "car", {"dwell_s": 95}, 60)
    add("no_stopping", cars[9 % len(cars)], "car", {"dwell_s": 48}, 50)
    add("no_helmet", bikes[5 % len(bikes)], "motorbike", {}, 40)
    add("no_helmet", None, "motorbike", {}, 35)
    # The same car seen twice at one camera within minutes: one case, two candidates.
    add("red_light", cars[11 % len(cars)], "car", {"signal": "red", "red_for_s": 1.2}, 30)
    add("red_light", cars[11 % len(cars)], "car", {"signal": "red", "red_for_s": 1.6}, 26)
    # OCR gave up on this one: the operator corrects the plate or rejects it.
    plans.append(_Plan("speed", None, "3?A-5?8.1", "white", "car", {"speed_kmh": 118.0, "limit_kmh": 100}, 20))
    # Helmets are checked by the city intersection cameras, which carry no rule of their own for it.
    if "no_helmet" not in cameras and "red_light" in cameras:
        cameras["no_helmet"] = cameras["red_light"]
    return [p for p in plans if p.rule in cameras]


def seed_demo_candidates(
    db: Database,
    audit: AuditLog,
    evidence_dir: Path,
    *,
    clock: Callable[[], datetime] = utcnow,
    fines: FineService | None = None,
) -> int:
    """Insert the demo candidates once; returns how many were added (0 when already there)."""
    with db.session() as s:
        if s.scalar(select(exists().select_from(ViolationCandidate))):
            return 0
        cameras: dict[str, tuple[Camera, dict[str, Any]]] = {}
        for rule, cam in s.execute(select(CameraRule, Camera).join(Camera).order_by(Camera.id, CameraRule.id)):
            cameras.setdefault(rule.kind, (cam, dict(rule.params)))
        regs = list(s.scalars(select(VehicleRegistration).order_by(VehicleRegistration.id)))
        operators = {o.username: o for o in s.scalars(select(Operator))}
    if not cameras or not regs:
        return 0
    now = clock()
    store = EvidenceStore(evidence_dir)
    fines = fines or FineService(db, audit)
    review = ReviewService(db, audit, fines, evidence_dir, clock=clock)
    items: list[NewCandidate] = []
    for seed, plan in enumerate(_plans(cameras, regs)):
        cam, params = cameras[plan.rule]
        measured = dict(plan.measured)
        if plan.rule == "speed":
            # Measure against the camera's own limit so that the band shown matches the frame.
            excess = measured["speed_kmh"] - measured["limit_kmh"]
            measured = {"limit_kmh": params.get("limit_kmh", cam.speed_limit_kmh or 100)}
            measured["speed_kmh"] = measured["limit_kmh"] + excess
        at = now - timedelta(minutes=plan.minutes_ago)
        drawn = draw_evidence(
            plate=plan.plate or "30A-518.16",
            vehicle_class=plan.vehicle_class,
            rule_kind=plan.rule,
            camera_code=cam.code,
            detected_at=at,
            measured=measured,
            yellow=plan.colour == "yellow",
            seed=seed,
        )
        with db.session() as s:
            frame = store.put(s, jpeg(drawn.frame), "frame", camera_id=cam.id, width=1280, height=720)
            crop = store.put(
                s,
                jpeg(drawn.plate_crop),
                "plate_crop",
                camera_id=cam.id,
                width=drawn.plate_crop.shape[1],
                height=drawn.plate_crop.shape[0],
            )
            evidence = (("frame", frame.id), ("plate_crop", crop.id))
        x, y, w, h = drawn.plate_box
        items.append(
            NewCandidate(
                camera_id=cam.id,
                rule_kind=plan.rule,
                detected_at=at,
                plate_raw=plan.plate_raw,
                plate=plan.plate,
                plate_colour=plan.colour,
                vehicle_class=plan.vehicle_class,
                measured=measured,
                track={"points": drawn.track, "plate_box": [x / 1280, y / 720, w / 1280, h / 720]},
                model_versions={"source": "demo", "detector": "evidence_art"},
                evidence=evidence,
            )
        )
    ids = review.add_candidates(SYSTEM, items)
    _decide_history(db, audit, evidence_dir, fines, operators, now)
    return len(ids)


def _decide_history(
    db: Database,
    audit: AuditLog,
    evidence_dir: Path,
    fines: FineService,
    operators: dict[str, Operator],
    now: datetime,
) -> None:
    """Older, already decided candidates: fines past 20 days and one waiting for approval."""
    op = operators.get("vanh")
    if op is None:
        return
    actor = Actor(op.username, Role(op.role), op.id)
    with db.session() as s:
        ids = list(
            s.scalars(
                select(ViolationCandidate.id)
                .where(ViolationCandidate.detected_at < now - timedelta(days=10))
                .order_by(ViolationCandidate.detected_at)
            )
        )
    # Decided earlier in this shift, so that the statistics tab has something to show.
    past = ReviewService(db, audit, fines, evidence_dir, clock=lambda: now - timedelta(hours=2))
    for cid in ids:
        detail = past.claim(actor, cid)
        past.confirm(actor, cid, detail.version)
    heavy = past.claim_next(actor, QueueFilter(rule_kind="no_stopping"))
    if heavy is not None:
        past.confirm(actor, heavy.id, heavy.version)
    other = operators.get("ngoc")
    if other is not None:
        # A second operator's shift: one wrong-lane hit rejected as a detection error.
        colleague = Actor(other.username, Role(other.role), other.id)
        lane = past.claim_next(colleague, QueueFilter(rule_kind="lane"))
        if lane is not None:
            past.reject(colleague, lane.id, lane.version, "detection_error")
