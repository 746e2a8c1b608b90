"""PostgreSQL restarted under load: writes are refused clearly or saved whole, and the console recovers.

Injected: a private PostgreSQL cluster (pg_cluster.py, never the shared server) is stopped in
``immediate`` mode - every backend killed mid-statement, no checkpoint, WAL replay at the next start -
for a seeded 0.5-5 s outage and started again, ``times`` times, while worker threads write through the
real services on one Database object: two reviewers claiming and confirming (with their fines) or
rejecting candidates, two dispatchers creating incidents, dispatching a patrol unit and standing it
down, and the GPS PositionWriter storing a steady stream of fixes.

Proven, over every write attempted:
- it either returned (acknowledged) or raised DatabaseUnavailable with an operator-readable message
  ("database unreachable: …", no driver traceback); nothing else escaped;
- no acknowledged write is missing afterwards; a write refused before COMMIT left nothing; a write
  whose COMMIT was cut off (``in_doubt``) is found either whole or absent, and the worker finds out
  which the way an operator would, by looking before doing it again;
- nothing is half-written: each fine has its confirmed candidate and vice versa, each decision and
  dispatch its audit entry and timeline row, each dispatched unit its one active dispatch, and the
  audit chain verifies;
- nothing is stored twice, and every writer writes again after each restart without a new Database
  (pool_pre_ping replaces the dead pooled connections); the time from "server takes connections" to
  the first successful write is measured (20 ms polling resolution);
- the GPS writer holds the fixes that arrive during an outage and writes them once the server is
  back: none dropped, every fix stored once.

And the status bar (real ConsoleStatus on the same kind of cluster): a write failing while the server
is down turns it to "unreachable" at once, not at the next periodic check; it returns to OK by itself
once the server is back.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest
from fault_kit import FaultRow, percentile
from gps_setup import add_units
from pg_cluster import ClusterUnavailable, PgCluster, find_bindir, private_cluster
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot
from review_setup import hit, make_world
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from console.bootstrap import build_services
from console.config import Config
from console.feeds.gps import Fix
from console.i18n import install_translation, remove_translations
from console.services.context import SYSTEM, Actor, Role
from console.services.dispatch import DispatchService, NewIncident
from console.services.queries import Queries
from console.services.review import CandidateDetail, ReviewService
from console.services.units import PositionWriter, UnitService
from console.storage.db import Database, DatabaseUnavailable
from console.storage.models import (
    AuditEntry,
    AuditHead,
    Dispatch,
    Fine,
    Incident,
    IncidentEvent,
    PatrolUnit,
    UnitLatestPosition,
    UnitPosition,
    ViolationCandidate,
)
from console.ui.bridge import Bridge
from console.ui.errors import describe
from console.ui.pages.base import PageContext
from console.ui.status import ConsoleStatus

SEED = 20261205
CI_RESTARTS = 3
SCENE = (20.9362, 105.8546)
BACKOFF_S = 0.05  # a worker's pause after a refused write: the resolution of the recovery figures
SETTLE_S = 1.5  # load between two restarts
RECOVERY_LIMIT_S = 30.0
# Signs of a driver message passed through to the operator instead of our own.
RAW_MARKERS = ("Traceback", "psycopg", "sqlalche.me", "[SQL:", "OperationalError")
T = TypeVar("T")


@dataclass
class Attempt:
    kind: str  # service.operation
    token: str  # what the write is about: a candidate, an incident's description token, a unit
    start: float
    end: float
    outcome: str  # ok | refused | in_doubt | unclear
    message: str = ""


@dataclass
class Outcome:
    restarts: int
    outages_s: list[float]
    windows: list[tuple[float, float]]  # (stop issued, server takes connections again), monotonic
    attempts: list[Attempt]
    lost: list[str]
    duplicated: list[str]
    half_written: list[str]
    recovered: int  # restarts after which review, dispatch and GPS all wrote again
    first_write_s: list[float]  # per restart: server up -> first successful service write
    all_back_s: list[float]  # per restart: server up -> review, dispatch and GPS all written
    in_doubt_saved: int
    in_doubt_absent: int
    gps_put: int
    gps_during_outage: int
    gps_held_batches: int
    gps_stored: int
    gps_dropped: int
    audit_ok: bool
    audit_problem: str

    def during_outage(self) -> list[Attempt]:
        """Attempts that overlapped an outage (started before the server was back, ended after the stop)."""
        return [a for a in self.attempts if any(a.start <= up and a.end >= down for down, up in self.windows)]


class Load:
    """What the workers share: the record of every write attempt, and the stop flag."""

    def __init__(self) -> None:
        self.attempts: list[Attempt] = []
        self.stop = threading.Event()
        self.in_doubt_saved = 0
        self.in_doubt_absent = 0

    def attempt(self, kind: str, token: str, work: Callable[[], T]) -> tuple[str, T | None]:
        start = time.monotonic()
        try:
            value = work()
        except DatabaseUnavailable as exc:
            text = str(exc)
            clear = text.startswith("database unreachable") and not any(m in text for m in RAW_MARKERS)
            outcome = ("in_doubt" if exc.in_doubt else "refused") if clear else "unclear"
            self.attempts.append(Attempt(kind, token, start, time.monotonic(), outcome, text))
            time.sleep(BACKOFF_S)
            return outcome, None
        except Exception as exc:  # anything else is a finding: kept with its type for the report
            found = f"{type(exc).__name__}: {exc}"
            self.attempts.append(Attempt(kind, token, start, time.monotonic(), "unclear", found))
            time.sleep(BACKOFF_S)
            return "unclear", None
        self.attempts.append(Attempt(kind, token, start, time.monotonic(), "ok"))
        return "ok", value

    def read(self, work: Callable[[], T]) -> tuple[bool, T | None]:
        """A look at the database between writes: (answered, value); while it is down, a short wait."""
        try:
            return True, work()
        except DatabaseUnavailable:
            time.sleep(BACKOFF_S)
            return False, None

    def unexpected(self, kind: str, token: str, what: str) -> None:
        self.attempts.append(Attempt(kind, token, time.monotonic(), time.monotonic(), "unclear", what))


# A refused write is retried as it was (same candidate version, same incident, same description
# token): had the refused attempt saved anything, the retry would conflict or store a duplicate, and
# both are counted. So the retries are also the proof that "refused" meant "nothing saved".


def _reviewer(load: Load, review: ReviewService, actor: Actor, rng: random.Random) -> None:
    held: tuple[CandidateDetail, str] | None = None  # claimed, decision not saved yet
    look = False  # the held decision's COMMIT was cut off: find out before repeating it
    while not load.stop.is_set():
        if held is not None and look:
            detail = held[0]
            answered, now = load.read(partial(review.detail, actor, detail.id))
            if not answered or now is None:
                continue
            if now.status in ("confirmed", "rejected"):
                load.in_doubt_saved += 1
                held = None
            elif now.status == "claimed" and now.version == detail.version:
                load.in_doubt_absent += 1
            else:
                load.unexpected("review.in_doubt", str(detail.id), f"candidate is {now.status} v{now.version}")
                held = None
            look = False
            continue
        if held is not None:
            detail, decision = held
            if decision == "confirm":
                work = partial(review.confirm, actor, detail.id, detail.version)
            else:
                work = partial(review.reject, actor, detail.id, detail.version, "detection_error")
            outcome, _ = load.attempt(f"review.{decision}", str(detail.id), work)
            if outcome in ("ok", "unclear"):
                held = None
            look = outcome == "in_doubt"
        else:
            outcome, claimed = load.attempt("review.claim", actor.username, lambda: review.claim_next(actor))
            if outcome == "ok" and claimed is None:
                load.unexpected("review.claim", actor.username, "the queue ran dry: more candidates needed")
                load.stop.wait(0.5)
            elif claimed is not None:
                held = (claimed, "confirm" if rng.random() < 0.7 else "reject")
        load.stop.wait(0.01)


def _dispatcher(load: Load, dispatch: DispatchService, db: Database, actor: Actor, unit_id: int) -> None:
    incident: int | None = None  # created, not dispatched yet
    token = uuid.uuid4().hex
    look = ""  # "incident", "dispatch" or "release": that write's COMMIT was cut off

    def unit_status() -> str:
        with db.session() as s:
            return s.get_one(PatrolUnit, unit_id).status

    def incident_by_token() -> int | None:
        with db.session() as s:
            found: int | None = s.scalar(select(Incident.id).where(Incident.description == f"load {token}"))
            return found

    while not load.stop.is_set():
        if look == "incident":
            answered, found = load.read(incident_by_token)
            if answered:
                load.in_doubt_saved += found is not None
                load.in_doubt_absent += found is None
                incident, look = found, ""
            continue
        answered, status = load.read(unit_status)
        if not answered:
            continue
        if look == "dispatch":
            # The unit is taken in the same transaction as its dispatch row: its state tells.
            load.in_doubt_saved += status == "dispatched"
            load.in_doubt_absent += status == "available"
            if status == "dispatched":
                incident, token = None, uuid.uuid4().hex
            look = ""
        elif look == "release":
            load.in_doubt_saved += status == "available"
            load.in_doubt_absent += status == "dispatched"
            look = ""
        if status == "dispatched":
            release = partial(dispatch.set_unit_status, actor, unit_id, "available")
            outcome, _ = load.attempt("dispatch.release", str(unit_id), release)
            look = "release" if outcome == "in_doubt" else ""
        elif incident is None:
            new = NewIncident("crash", 2, *SCENE, place="Km 186", description=f"load {token}")
            outcome, incident = load.attempt("dispatch.incident", token, partial(dispatch.create_incident, actor, new))
            look = "incident" if outcome == "in_doubt" else ""
        else:
            send = partial(dispatch.dispatch, actor, incident, unit_id)
            outcome, _ = load.attempt("dispatch.send", str(incident), send)
            if outcome in ("ok", "unclear"):
                incident, token = None, uuid.uuid4().hex
            look = "dispatch" if outcome == "in_doubt" else ""
        load.stop.wait(0.02)


def _gps_feeder(load: Load, writer: PositionWriter, units: list[int], put: list[tuple[float, Fix]]) -> None:
    base = datetime.now(UTC) - timedelta(hours=1)
    i = 0
    while not load.stop.is_set():
        fix = Fix(units[i % len(units)], base + timedelta(milliseconds=10 * i), 21.0 + i * 1e-6, 105.8, 40.0, 90.0,
                  5.0, 80, time.monotonic())  # fmt: skip
        put.append((time.monotonic(), fix))
        writer.put(fix)
        i += 1
        load.stop.wait(1 / 30)


def _plate(n: int) -> str:
    return f"30A-{n // 100:03d}.{n % 100:02d}"


def run(times: int, work: Path, cluster: PgCluster, seed: int = SEED) -> Outcome:
    """The scenario on ``cluster``: a fresh database, the load, ``times`` restarts, then the audit."""
    with cluster.fresh_database() as url:
        db = Database.open(url)
        try:
            return _run(times, work, cluster, db, random.Random(seed))
        finally:
            db.dispose()


def _run(times: int, work: Path, cluster: PgCluster, db: Database, rng: random.Random) -> Outcome:
    world = make_world(db, work / "evidence")
    # Distinct plates: each candidate is its own case, so every decision is a plain one.
    world.review.add_candidates(SYSTEM, [hit(world.city, plate=_plate(10_000 + i), minutes=i)
                                         for i in range(500 + 400 * times)])  # fmt: skip
    unit_ids = list(add_units(db, [(f"PGR-{i}", "pgr", f"d{i}", "available") for i in range(3)]).values())
    dispatch = DispatchService(db, world.audit, publish=lambda _topic, _order: True)  # the order is not the subject
    writer = PositionWriter(UnitService(db))
    writer.start()
    load = Load()
    put: list[tuple[float, Fix]] = []
    dispatcher = Actor("dieu-phoi", Role.OPERATOR, world.supervisor.operator_id)
    threads = [
        threading.Thread(target=_reviewer, name="review-op1",
                         args=(load, world.review, world.op1, random.Random(rng.random()))),
        threading.Thread(target=_reviewer, name="review-op2",
                         args=(load, world.review, world.op2, random.Random(rng.random()))),
        threading.Thread(target=_dispatcher, name="dispatch-1", args=(load, dispatch, db, dispatcher, unit_ids[0])),
        threading.Thread(target=_dispatcher, name="dispatch-2", args=(load, dispatch, db, dispatcher, unit_ids[1])),
        threading.Thread(target=_gps_feeder, name="gps-feed", args=(load, writer, unit_ids, put)),
    ]  # fmt: skip
    for t in threads:
        t.start()
    outages: list[float] = []
    windows: list[tuple[float, float]] = []
    first_write: list[float] = []
    all_back: list[float] = []
    try:
        time.sleep(SETTLE_S)
        for _ in range(times):
            outages.append(rng.uniform(0.5, 5.0))
            down = time.monotonic()
            cluster.stop("immediate")
            time.sleep(outages[-1])
            stored_before = writer.written
            up = cluster.start()
            windows.append((down, up))
            back = _wait_back(load, writer, up, stored_before)
            if back is not None:
                first_write.append(back[0])
                all_back.append(back[1])
            time.sleep(SETTLE_S)
    finally:
        load.stop.set()
        for t in threads:
            t.join(30)
        if not cluster.running():
            cluster.start()
        writer.stop(timeout=30)
    hung = [t.name for t in [*threads, writer._thread] if t.is_alive()]
    assert not hung, f"still running 30 s after the end: {hung}"
    verified = world.audit.verify(db)
    lost, duplicated, half = _check(db, load, put, writer)
    if not verified.ok:
        half.append(f"audit chain: {verified.problem}")
    with db.session() as s:
        stored = int(s.scalar(select(func.count()).select_from(UnitPosition)) or 0)
    during = {fix.fixed_at for at, fix in put if any(d <= at <= u for d, u in windows)}
    return Outcome(
        restarts=times, outages_s=outages, windows=windows, attempts=load.attempts, lost=lost,
        duplicated=duplicated, half_written=half, recovered=len(all_back), first_write_s=first_write,
        all_back_s=all_back, in_doubt_saved=load.in_doubt_saved, in_doubt_absent=load.in_doubt_absent,
        gps_put=len(put), gps_during_outage=len(during), gps_held_batches=writer.held_batches,
        gps_stored=stored, gps_dropped=writer.dropped, audit_ok=verified.ok, audit_problem=verified.problem,
    )  # fmt: skip


def _wait_back(load: Load, writer: PositionWriter, up: float, stored_before: int) -> tuple[float, float] | None:
    """Seconds from ``up`` to the first service write, and until review, dispatch and GPS have all written."""
    gps_at: float | None = None
    while time.monotonic() < up + RECOVERY_LIMIT_S:
        if gps_at is None and writer.written > stored_before:
            gps_at = time.monotonic()
        first: dict[str, float] = {}
        for a in list(load.attempts):
            if a.outcome == "ok" and a.end >= up:
                service = a.kind.split(".")[0]
                first[service] = min(a.end, first.get(service, a.end))
        if gps_at is not None and len(first) == 2:
            return min(first.values()) - up, max(*first.values(), gps_at) - up
        time.sleep(0.01)
    return None


def _check(db: Database, load: Load, put: list[tuple[float, Fix]], writer: PositionWriter) -> tuple[list[str], ...]:
    """(lost, duplicated, half-written) from what the database holds against what was acknowledged."""
    lost: list[str] = []
    dup: list[str] = []
    half: list[str] = []
    vc = ViolationCandidate
    with db.session() as s:
        status = dict(s.execute(select(vc.id, vc.status)).tuples().all())
        fines = Counter(s.scalars(select(Fine.candidate_id)).all())
        audit = Counter(s.execute(select(AuditEntry.action, AuditEntry.object_id)).tuples().all())
        incidents = dict(s.execute(select(Incident.id, Incident.status)).tuples().all())
        descriptions = Counter(s.scalars(select(Incident.description)).all())
        started = Counter(s.scalars(select(IncidentEvent.incident_id).where(IncidentEvent.to_status == "new")).all())
        dispatches = s.execute(select(Dispatch.id, Dispatch.incident_id, Dispatch.unit_id, Dispatch.status)).all()
        dispatch_audit = Counter(
            json.loads(d)["dispatch_id"]
            for d in s.scalars(select(AuditEntry.details).where(AuditEntry.action == "unit.dispatch"))
        )
        units = dict(s.execute(select(PatrolUnit.id, PatrolUnit.status)).tuples().all())
        positions = Counter(s.execute(select(UnitPosition.unit_id, UnitPosition.fixed_at)).tuples().all())
        latest = dict(s.execute(select(UnitLatestPosition.unit_id, UnitLatestPosition.fixed_at)).tuples().all())
        head = s.get_one(AuditHead, 1).seq
        entries = int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)

    # Every acknowledged write is there.
    dispatched_incidents = {d.incident_id for d in dispatches}
    for a in load.attempts:
        if a.outcome != "ok":
            continue
        if a.kind in ("review.confirm", "review.reject") and status[int(a.token)] != DECIDED[a.kind]:
            lost.append(f"{a.kind} {a.token}: candidate is {status[int(a.token)]}")
        elif a.kind == "dispatch.incident" and descriptions[f"load {a.token}"] == 0:
            lost.append(f"incident 'load {a.token}'")
        elif a.kind == "dispatch.send" and int(a.token) not in dispatched_incidents:
            lost.append(f"dispatch of incident {a.token}")
    missing = [fix for _, fix in put if positions[(fix.unit_id, fix.fixed_at)] == 0]
    # Fixes the writer dropped are counted there and reported as dropped, not lost.
    lost += [f"fix {f.unit_id}@{f.fixed_at:%H:%M:%S.%f}" for f in missing[writer.dropped :]]

    # Nothing twice.
    dup += [f"candidate {c}: {n} fines" for c, n in fines.items() if n > 1]
    dup += [f"{a} {o}: {n} entries" for (a, o), n in audit.items() if n > 1 and a in DECIDED]
    dup += [f"incident '{d}': {n}" for d, n in descriptions.items() if n > 1]
    dup += [f"incident {i}: {n} dispatches" for i, n in Counter(d.incident_id for d in dispatches).items() if n > 1]
    dup += [f"dispatch {d}: {n} audit entries" for d, n in dispatch_audit.items() if n > 1]
    dup += [f"fix {k}: stored {n} times" for k, n in positions.items() if n > 1]

    # Nothing half-written.
    for cand, st in status.items():
        if (st == "confirmed") != (fines[cand] == 1):
            half.append(f"candidate {cand} is {st} with {fines[cand]} fine(s)")
        action = {"confirmed": "review.confirm", "rejected": "review.reject"}.get(st)
        if action is not None and audit[(action, str(cand))] != 1:
            half.append(f"candidate {cand} is {st} without its {action} audit entry")
        if st != "pending" and audit[("review.claim", str(cand))] == 0:
            half.append(f"candidate {cand} is {st} without its review.claim audit entry")
    for (action, obj), _n in audit.items():
        if action in DECIDED and status.get(int(obj)) != DECIDED[action]:
            half.append(f"{action} audited for candidate {obj}, which is {status.get(int(obj))}")
    for inc, st in incidents.items():
        if started[inc] != 1 or audit[("incident.create", str(inc))] != 1:
            half.append(f"incident {inc} without its timeline start or audit entry")
        if (inc in dispatched_incidents) == (st == "new"):
            half.append(f"incident {inc} is {st} with {'a' if inc in dispatched_incidents else 'no'} dispatch")
    half += [f"dispatch {d.id} without its audit entry" for d in dispatches if dispatch_audit[d.id] == 0]
    for unit, st in units.items():
        active = [d for d in dispatches if d.unit_id == unit and d.status in ("sent", "acknowledged", "arrived")]
        if len(active) > 1 or (st == "dispatched") != (len(active) == 1):
            half.append(f"unit {unit} is {st} with {len(active)} active dispatch(es)")
    newest: dict[int, datetime] = {}
    for unit, at in positions:
        newest[unit] = max(at, newest.get(unit, at))
    if newest != latest:
        half.append("latest positions do not match the newest fixes of the history")
    if head != entries:
        half.append(f"audit head at #{head} with {entries} entries")
    return lost, dup, half


DECIDED = {"review.confirm": "confirmed", "review.reject": "rejected"}


def scenario(times: int, work: Path, backend: str = "postgresql", cluster: PgCluster | None = None) -> FaultRow:
    """The fault-table row; starts (and removes) a private cluster unless one is handed in."""
    if backend != "postgresql":
        raise ValueError("a server restart is a PostgreSQL fault; SQLite has no server to restart")
    if cluster is None:
        with private_cluster() as own:
            return scenario(times, work, backend, own)
    outcome = run(times, work, cluster)
    print(summary(outcome))  # the figures behind the row (pytest -s, or bench/faults.py)
    return FaultRow(
        injected="PostgreSQL restarted under load (immediate stop, 0.5–5 s down)",
        times=times,
        recovered=(
            f"{outcome.recovered}/{times} restarts: every writer back on the same Database; "
            f"{len(outcome.half_written)} half-written"
        ),
        lost=len(outcome.lost),
        duplicated=len(outcome.duplicated),
        worst=f"{max(outcome.all_back_s, default=0.0):.2f} s server up → all writers back",
    )


def summary(o: Outcome) -> str:
    by = Counter(a.outcome for a in o.attempts)
    near = Counter(a.outcome for a in o.during_outage())
    fw, ab = o.first_write_s, o.all_back_s

    def spread(v: list[float]) -> str:
        return f"p50 {percentile(v, 50):.3f} / p95 {percentile(v, 95):.3f} / max {max(v, default=0.0):.3f} s"

    return "\n".join([
        f"restarts {o.restarts} (down {sum(o.outages_s):.1f} s in all), recovered {o.recovered}",
        f"writes attempted {len(o.attempts)}: committed {by['ok']}, refused {by['refused']}, in doubt "
        f"{by['in_doubt']} (then found saved {o.in_doubt_saved}, absent {o.in_doubt_absent}; claims not followed up), "
        f"unclear {by['unclear']}",
        f"  overlapping an outage {sum(near.values())}: committed {near['ok']}, refused {near['refused']}, "
        f"in doubt {near['in_doubt']}, unclear {near['unclear']}",
        f"  in doubt by write: {dict(Counter(a.kind for a in o.attempts if a.outcome == 'in_doubt'))}",
        f"  by write: {dict(Counter(a.kind for a in o.attempts if a.outcome == 'ok'))} committed",
        f"lost {len(o.lost)}, duplicated {len(o.duplicated)}, half-written {len(o.half_written)}, "
        f"audit chain {'verifies' if o.audit_ok else o.audit_problem}",
        f"server up -> first write {spread(fw)}; -> all writers back {spread(ab)}",
        f"GPS fixes {o.gps_put}: {o.gps_during_outage} arrived during outages, {o.gps_held_batches} held batch "
        f"retries, stored {o.gps_stored}, dropped {o.gps_dropped}",
    ])  # fmt: skip


# -- pytest ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    try:
        find_bindir()
    except ClusterUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"the restart tests need the PostgreSQL server binaries under CI: {exc}")
        pytest.skip(str(exc))
    with private_cluster() as cluster:
        yield cluster


@pytest.mark.postgres
def test_restarts_under_load_lose_nothing_half_write_nothing_and_recover(pg_cluster: PgCluster, tmp_path: Path) -> None:
    o = run(CI_RESTARTS, tmp_path, pg_cluster)
    print(summary(o))
    unclear = [a for a in o.attempts if a.outcome == "unclear"]
    assert not unclear, unclear[:5]
    hit_by_outage = [a for a in o.during_outage() if a.outcome != "ok"]
    assert hit_by_outage, "no write met an outage: the fault was not injected"
    assert (o.lost, o.duplicated, o.half_written) == ([], [], [])
    assert o.audit_ok, o.audit_problem
    assert o.recovered == CI_RESTARTS
    # The GPS writer held what arrived while the server was down and wrote all of it afterwards.
    assert o.gps_during_outage > 0 and o.gps_held_batches > 0
    assert (o.gps_dropped, o.gps_stored) == (0, o.gps_put)


@pytest.mark.postgres
def test_status_bar_shows_the_outage_at_the_failed_write_and_recovers_by_itself(
    qtbot: QtBot, qapp: QApplication, pg_cluster: PgCluster
) -> None:
    with pg_cluster.fresh_database() as url:
        db = Database.open(url)
        bridge = Bridge()
        try:
            services = build_services(Config(), db)
            dispatch = DispatchService(db, services.audit)
            actor = Actor("ca-truc", Role.OPERATOR)
            window = QMainWindow()
            qtbot.addWidget(window)
            # The periodic check is a minute away: only the failed write can turn the item red in time.
            status = ConsoleStatus(window.statusBar(), PageContext(services, Queries(db), bridge, actor),
                                   db_check_ms=60_000, db_retry_ms=300)  # fmt: skip
            qtbot.waitUntil(lambda: status.database.text().endswith("Database: PostgreSQL OK"), timeout=10_000)

            pg_cluster.stop("immediate")
            errors: list[BaseException] = []
            new = NewIncident("crash", 1, *SCENE, place="Km 186", description="ghi khi CSDL mất")
            bridge.run(partial(dispatch.create_incident, actor, new), lambda _: None, errors.append)
            qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
            qtbot.waitUntil(lambda: "PostgreSQL unreachable" in status.database.text(), timeout=1_000)
            assert isinstance(errors[0], DatabaseUnavailable) and not errors[0].in_doubt
            assert describe(errors[0]) == (
                "The database cannot be reached, so nothing was saved. Try again when the status bar shows the "
                "database OK."
            )
            assert "database unreachable" in status.database.toolTip()
            install_translation(qapp, "vi")
            try:
                assert describe(errors[0]).startswith("Không kết nối được cơ sở dữ liệu nên chưa có gì được lưu")
            finally:
                remove_translations(qapp)

            pg_cluster.start()
            # Back to OK through the faster re-check alone: nothing restarted, the same Database.
            qtbot.waitUntil(lambda: status.database.text().endswith("Database: PostgreSQL OK"), timeout=5_000)
            assert status.ctx.services.db is db
            done: list[int] = []
            bridge.run(partial(dispatch.create_incident, actor, new), done.append, errors.append)
            qtbot.waitUntil(lambda: bool(done), timeout=5_000)
            assert len(errors) == 1
        finally:
            bridge.shutdown()
            db.dispose()


@pytest.mark.postgres
def test_a_statement_the_server_refuses_is_not_reported_as_an_outage(pg_cluster: PgCluster) -> None:
    with pg_cluster.fresh_database() as url:
        db = Database.open(url)
        try:
            with pytest.raises(ProgrammingError), db.session() as s:
                s.execute(text("SELECT no_such_column FROM audit_head"))
            # A cancelled statement is an OperationalError too (SQLSTATE 57014), but the server is fine.
            with pytest.raises(OperationalError), db.session() as s:
                s.execute(text("SET LOCAL statement_timeout = 10"))
                s.execute(text("SELECT pg_sleep(1)"))
        finally:
            db.dispose()
