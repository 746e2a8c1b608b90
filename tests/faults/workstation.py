"""A workstation in a process of its own, for the race and kill -9 scenarios.

    python tests/faults/workstation.py DB_URL EVIDENCE MODE USER SUPERVISOR SEED [ITERATIONS START_AT]

It calls the same services the console's review, fines and map pages call, on its own engine, and
prints one line per result the operator would have seen on screen (`ack …`) the moment the call
returned, flushed, so a parent that kills it with SIGKILL knows exactly what was acknowledged.
Refusals the services are meant to give (someone else was first) are `refused KIND`; anything else
is `error TYPE message`, which the scenarios count as a failure.

Modes: `race` (claim, confirm, reject, approve and dispatch on a shared pool, ITERATIONS times,
starting at the wall-clock START_AT so two processes collide), `decide` (claim the next candidate
and decide it, until the queue is empty or the process is killed) and `dispatch` (dispatch a free
unit, then stand it down, forever).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __name__ == "__main__":
    sys.path[:0] = [str(Path(__file__).resolve().parents[2])]

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.services.dispatch import DispatchConflict, DispatchError, DispatchService, NewIncident
from console.services.fines import FineError, FinePolicy, FineService
from console.services.review import NewCandidate, ReviewConflict, ReviewError, ReviewService
from console.storage.db import Database
from console.storage.models import (
    Camera,
    Incident,
    Operator,
    PatrolUnit,
    UnitLatestPosition,
    VehicleRegistration,
    ViolationCandidate,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
APPROVAL_THRESHOLD_VND = 10_000_000  # a car through a red light needs a second person; a motorbike does not
EXPECTED = (ReviewConflict, ReviewError, FineError, DispatchConflict, DispatchError)
CENTRE = (21.0285, 105.8542)


@dataclass
class Desk:
    review: ReviewService
    fines: FineService
    dispatch: DispatchService
    operator: Actor
    supervisor: Actor


def seed_world(db: Database, cases: int, units: int, incidents: int) -> None:
    """Two operators, two supervisors, `cases` cases of two hits each, units with positions, open incidents."""
    with db.session() as s:
        for name, role in (("op1", "operator"), ("op2", "operator"), ("sup1", "supervisor"), ("sup2", "supervisor")):
            s.add(Operator(username=name, role=role, password_hash="-", display_name=name))
        s.add(Camera(code="HN-1", name="Ngã tư Sở", route="Hà Nội", route_kind="city", lat=CENTRE[0],
                     lon=CENTRE[1], main_url="rtsp://x/1", speed_limit_kmh=60))  # fmt: skip
        s.add(VehicleRegistration(plate="30A-123.45", plate_colour="white", vehicle_class="car", owner_name="Lê Văn A"))
        for i in range(units):
            u = PatrolUnit(call_sign=f"T{i:02d}", name=f"Tổ {i}", tracker_team="csgt", tracker_device=f"t{i}",
                           status="available")  # fmt: skip
            s.add(u)
            s.flush()
            s.add(UnitLatestPosition(unit_id=u.id, fixed_at=datetime.now(UTC), lat=CENTRE[0] + i * 1e-3,
                                     lon=CENTRE[1]))  # fmt: skip
        camera_id = s.scalars(select(Camera.id)).one()
    setup = desk(db, Path("/nonexistent"), "op1", "sup1")
    hits = []
    for c in range(cases):
        # Two hits of one case: the same plate and rule a minute apart; cars need approval, motorbikes not.
        car = c % 2 == 0
        plate = f"30A-{c // 100:03d}.{c % 100:02d}" if car else f"29-B1 {c // 100:03d}.{c % 100:02d}"
        for k in range(2):
            hits.append(NewCandidate(camera_id=camera_id, rule_kind="red_light",
                                     detected_at=T0 + timedelta(minutes=c * 120 + k), plate_raw=plate, plate=plate,
                                     plate_colour="white", vehicle_class="car" if car else "motorbike",
                                     measured={}))  # fmt: skip
    for start in range(0, len(hits), 500):
        setup.review.add_candidates(setup.operator, hits[start : start + 500])
    for i in range(incidents):
        setup.dispatch.create_incident(
            setup.supervisor,
            NewIncident(kind="crash", priority=2, lat=CENTRE[0] + i * 1e-3, lon=CENTRE[1] + 1e-3, place=f"Điểm {i}"),
        )


def desk(db: Database, evidence: Path, user: str, supervisor: str) -> Desk:
    audit = AuditLog()
    fines = FineService(db, audit, FinePolicy(approval_threshold_vnd=APPROVAL_THRESHOLD_VND))
    # A short claim timeout: a killed workstation's claim goes back to the queue within the run.
    review = ReviewService(db, audit, fines, evidence, claim_timeout_s=2)
    with db.session() as s:
        ids = dict(s.execute(select(Operator.username, Operator.id)).tuples().all())
    return Desk(review, fines, DispatchService(db, audit), Actor(user, Role.OPERATOR, ids[user]),
                Actor(supervisor, Role.SUPERVISOR, ids[supervisor]))  # fmt: skip


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def attempt(action: Callable[[], str | None]) -> None:
    what = action.__name__
    try:
        result = action()
    except EXPECTED as exc:
        say(f"refused {type(exc).__name__} {what}")
    except Exception as exc:  # the scenarios count these: they are the failures looked for
        say(f"error {type(exc).__name__} {what}: {str(exc).splitlines()[0] if str(exc) else ''}")
    else:
        if result:
            say(result)


def race(d: Desk, db: Database, seed: int, iterations: int, start_at: float) -> None:
    with db.session() as s:
        cases = [list(ids) for _, ids in _by_case(s)]
        units = list(s.scalars(select(PatrolUnit.id).order_by(PatrolUnit.id)))
        incidents = list(s.scalars(select(Incident.id).order_by(Incident.id)))
    shared = random.Random(seed)  # the same sequence in both processes: both go for the same rows
    own = random.Random(f"{seed}-{d.operator.username}")  # which hit of a case, which fine: each its own
    time.sleep(max(0.0, start_at - time.time()))
    for _ in range(iterations):
        roll = shared.random()
        if roll < 0.5:
            cid = own.choice(shared.choice(cases))
            reject = own.random() < 0.2

            def decide(cid: int = cid, reject: bool = reject) -> str:
                c = d.review.claim(d.operator, cid)
                if reject:
                    d.review.reject(d.operator, cid, c.version, "unreadable_plate")
                    return f"ack reject {cid}"
                dec = d.review.confirm(d.operator, cid, c.version)
                return f"ack confirm {cid} {dec.fine_id}"

            attempt(decide)
        elif roll < 0.7:

            def approve() -> str | None:
                queue = d.fines.approval_queue(d.supervisor)
                if not queue:
                    return None
                fine_id = queue[own.randrange(min(3, len(queue)))].id
                d.fines.approve(d.supervisor, fine_id)
                return f"ack approve {fine_id}"

            attempt(approve)
        else:
            unit, incident = shared.choice(units), shared.choice(incidents)

            def send(unit: int = unit, incident: int = incident) -> str:
                r = d.dispatch.dispatch(d.operator, incident, unit)
                return f"ack dispatch {r.dispatch_id} {unit}"

            attempt(send)
            if own.random() < 0.5:

                def stand_down(unit: int = unit) -> str:
                    d.dispatch.set_unit_status(d.operator, unit, "available")
                    return f"ack available {unit}"

                attempt(stand_down)


def _by_case(s: Session) -> list[tuple[str, list[int]]]:
    groups: dict[str, list[int]] = {}
    rows = s.execute(select(ViolationCandidate.id, ViolationCandidate.case_key).order_by(ViolationCandidate.id))
    for cid, key in rows:
        groups.setdefault(key or f"single-{cid}", []).append(cid)
    return sorted(groups.items())


def decide_all(d: Desk, seed: int) -> None:
    rng = random.Random(seed)
    while True:
        c = d.review.claim_next(d.operator)
        if c is None:
            if d.review.release_expired() == 0 and d.review.claim_next(d.operator) is None:
                say("done")
                return
            continue
        reject = rng.random() < 0.3
        time.sleep(rng.uniform(0, 0.03))  # the operator looks before deciding: kills land between and inside calls

        def decide(cid: int = c.id, version: int = c.version, reject: bool = reject) -> str:
            if reject:
                d.review.reject(d.operator, cid, version, "unreadable_plate")
                return f"ack reject {cid}"
            dec = d.review.confirm(d.operator, cid, version)
            return f"ack confirm {cid} {dec.fine_id}"

        attempt(decide)


def dispatch_forever(d: Desk, db: Database, seed: int) -> None:
    rng = random.Random(seed)
    with db.session() as s:
        incidents = list(s.scalars(select(Incident.id)))
    while True:
        time.sleep(rng.uniform(0, 0.03))
        with db.session() as s:
            free = list(s.scalars(select(PatrolUnit.id).where(PatrolUnit.status == "available")))
            busy = list(s.scalars(select(PatrolUnit.id).where(PatrolUnit.status == "dispatched")))
        if free and (not busy or rng.random() < 0.6):
            unit, incident = rng.choice(free), rng.choice(incidents)

            def send(unit: int = unit, incident: int = incident) -> str:
                return f"ack dispatch {d.dispatch.dispatch(d.operator, incident, unit).dispatch_id} {unit}"

            attempt(send)
        elif busy:
            unit = rng.choice(busy)

            def stand_down(unit: int = unit) -> str:
                d.dispatch.set_unit_status(d.operator, unit, "available")
                return f"ack available {unit}"

            attempt(stand_down)


def main(argv: list[str]) -> None:
    url, evidence, mode, user, supervisor, seed = argv[:6]
    db = Database.open(url)
    d = desk(db, Path(evidence), user, supervisor)
    say("ready")
    if mode == "race":
        race(d, db, int(seed), int(argv[6]), float(argv[7]))
    elif mode == "decide":
        decide_all(d, int(seed))
    elif mode == "dispatch":
        dispatch_forever(d, db, int(seed))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
