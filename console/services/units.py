"""Patrol unit positions: batched storage of accepted fixes, read models for the map, live wiring.

``start_live_positions`` is the one call the application makes at start (``stop`` at shutdown):
it builds the GPS feed, the position writer thread, the dispatch service with its MQTT publisher
and, in demo mode, the simulator. The map page finds the running instance with ``running()``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from console.config import Config
from console.feeds.gps import Fix, FixValidator, GpsFeed
from console.storage.db import Database, DatabaseUnavailable
from console.storage.models import Camera, Incident, PatrolUnit, UnitLatestPosition, UnitPosition, utcnow
from maps.routes import CameraPoint, RouteLine, route_lines

from .audit import AuditLog
from .context import Actor, Permission, Role
from .dispatch import DispatchService, policy_from_config

if TYPE_CHECKING:  # the simulator is demo content, loaded only when a demo runs it
    from console.demo.gps_sim import Simulator

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnitView:
    id: int
    call_sign: str
    name: str
    station: str
    status: str
    tracker: str | None
    fixed_at: datetime | None
    lat: float | None
    lon: float | None
    speed_kmh: float | None
    course_deg: float | None
    battery_pct: int | None


@dataclass(frozen=True)
class IncidentPin:
    id: int
    kind: str
    priority: int
    status: str
    lat: float
    lon: float
    place: str
    created_at: datetime


class UnitService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def trackers(self) -> dict[tuple[str, str], int]:
        with self.db.session() as s:
            rows = s.execute(select(PatrolUnit.tracker_team, PatrolUnit.tracker_device, PatrolUnit.id))
            return {(t, d): i for t, d, i in rows if t and d}

    def last_fix_times(self) -> dict[int, float]:
        with self.db.session() as s:
            return {
                u: f.timestamp() for u, f in s.execute(select(UnitLatestPosition.unit_id, UnitLatestPosition.fixed_at))
            }

    def write_fixes(self, fixes: list[Fix]) -> int:
        """Store a batch: every fix in the history (a repeat is ignored), the newest as latest."""
        if not fixes:
            return 0
        newest: dict[int, Fix] = {}
        for f in fixes:
            if f.unit_id not in newest or f.fixed_at > newest[f.unit_id].fixed_at:
                newest[f.unit_id] = f
        with self.db.session() as s:
            insert: Any = postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
            history = [_row(f) | {"received_at": utcnow()} for f in fixes]
            s.execute(
                insert(UnitPosition).values(history).on_conflict_do_nothing(index_elements=["unit_id", "fixed_at"])
            )
            stmt = insert(UnitLatestPosition).values([_row(f) for f in newest.values()])
            cols = {k: getattr(stmt.excluded, k) for k in _row(fixes[0]) if k != "unit_id"}
            s.execute(
                stmt.on_conflict_do_update(
                    index_elements=["unit_id"], set_=cols,
                    where=UnitLatestPosition.fixed_at < stmt.excluded.fixed_at,
                )
            )  # fmt: skip
        return len(fixes)

    def views(self, actor: Actor) -> list[UnitView]:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            out = []
            for u in s.scalars(select(PatrolUnit).order_by(PatrolUnit.call_sign)):
                p = u.latest
                tracker = f"{u.tracker_team}/{u.tracker_device}" if u.tracker_team and u.tracker_device else None
                out.append(UnitView(u.id, u.call_sign, u.name, u.station, u.status, tracker,
                                    p.fixed_at if p else None, p.lat if p else None, p.lon if p else None,
                                    p.speed_kmh if p else None, p.course_deg if p else None,
                                    p.battery_pct if p else None))  # fmt: skip
            return out

    def open_incidents(self, actor: Actor) -> list[IncidentPin]:
        actor.require(Permission.VIEW)
        stmt = select(Incident).where(Incident.status.in_(("new", "dispatched", "on_scene")))
        with self.db.session() as s:
            return [
                IncidentPin(i.id, i.kind, i.priority, i.status, i.lat, i.lon, i.place, i.created_at)
                for i in s.scalars(stmt.order_by(Incident.priority, Incident.created_at))
            ]

    def trail(self, actor: Actor, unit_id: int, since: timedelta = timedelta(hours=1)) -> list[tuple[float, float]]:
        actor.require(Permission.VIEW)
        stmt = (
            select(UnitPosition.lat, UnitPosition.lon)
            .where(UnitPosition.unit_id == unit_id, UnitPosition.fixed_at >= datetime.now(UTC) - since)
            .order_by(UnitPosition.fixed_at)
        )
        with self.db.session() as s:
            return [(lat, lon) for lat, lon in s.execute(stmt)]

    def camera_points(self) -> list[CameraPoint]:
        with self.db.session() as s:
            return [
                CameraPoint(c.id, c.code, c.name, c.route, c.route_kind, c.km, c.lat, c.lon, c.direction)
                for c in s.scalars(select(Camera).where(Camera.enabled).order_by(Camera.route, Camera.km))
            ]


def _row(f: Fix) -> dict[str, object]:
    return {
        "unit_id": f.unit_id, "fixed_at": f.fixed_at, "lat": f.lat, "lon": f.lon, "speed_kmh": f.speed_kmh,
        "course_deg": f.course_deg, "accuracy_m": f.accuracy_m, "battery_pct": f.battery_pct,
    }  # fmt: skip


class PositionWriter:
    """Collects fixes from the feed's thread and writes them in batches on its own thread.

    While the database is unreachable the batch in hand is kept and written again once it answers
    (a fix is idempotent: a batch whose commit was in doubt is harmlessly written twice); what arrives
    meanwhile waits in the queue. Fixes are dropped, and counted in ``dropped``, only when the queue
    is full, when a batch fails for another reason, or when the writer stops with the database down.
    """

    def __init__(self, units: UnitService, interval_s: float = 0.5, max_batch: int = 2000) -> None:
        self.units = units
        self.interval_s = interval_s
        self.max_batch = max_batch
        # Bounded: if the database stalls, history is dropped (and counted) rather than memory.
        self._queue: queue.Queue[Fix | None] = queue.Queue(maxsize=200_000)
        self.dropped = 0
        self._thread = threading.Thread(target=self._run, name="gps-writer", daemon=True)
        self.written = 0
        self.failed_batches = 0
        self.held_batches = 0  # batches kept back while the database was unreachable

    def start(self) -> None:
        self._thread.start()

    def put(self, fix: Fix) -> None:
        try:
            self._queue.put_nowait(fix)
        except queue.Full:
            self.dropped += 1
            if self.dropped % 10_000 == 1:
                log.error("gps: database too slow, %d fixes not stored so far", self.dropped)

    def _collect(self, held: list[Fix]) -> tuple[list[Fix], bool]:
        """The next batch (starting with ``held``) and whether to go on after it."""
        batch = held
        try:
            # With fixes in hand, take what has queued up without waiting for more.
            item = self._queue.get_nowait() if batch else self._queue.get(timeout=self.interval_s)
            while True:
                if item is None:
                    return batch, False
                batch.append(item)
                if len(batch) >= self.max_batch:
                    break
                item = self._queue.get_nowait()
        except queue.Empty:
            pass
        return batch, True

    def _run(self) -> None:
        held: list[Fix] = []
        running = True
        while running:
            batch, running = self._collect(held)
            held = []
            if not batch:
                continue
            try:
                self.written += self.units.write_fixes(batch)
            except DatabaseUnavailable:
                if running:
                    self.held_batches += 1
                    held = batch
                    if self.held_batches % 20 == 1:
                        log.warning("gps: database unreachable, %d fixes held until it answers", len(batch))
                    time.sleep(min(self.interval_s, 1.0))  # no tight loop against a server that is down
                else:
                    self.dropped += len(batch)
                    log.error("gps: database unreachable at shutdown, %d fixes not stored", len(batch))
            except Exception:  # a bad batch loses that batch of history, not the feed
                self.failed_batches += 1
                self.dropped += len(batch)
                log.exception("gps: %d fixes not stored", len(batch))

    def stop(self, timeout: float = 5.0) -> None:
        try:
            self._queue.put(None, timeout=timeout)
        except queue.Full:
            log.error("gps: writer still busy at shutdown; unstored fixes are lost")
        self._thread.join(timeout)


# Team messages act under this name in the audit log.
TEAM_ACTOR = Actor(username="team-report", role=Role.OPERATOR)


class LivePositions:
    """The running feed, writer, dispatch service and (demo) simulator of one console process."""

    def __init__(self, cfg: Config, db: Database, audit: AuditLog) -> None:
        self.cfg = cfg
        self.units = UnitService(db)
        # A display-only workstation ([broker] store = false) shows what it hears and stores nothing:
        # one `feeds serve` stores for all. Without a broker the feed is in-process and must store.
        self.stores = cfg.broker.store or not cfg.broker.host
        # SQLite: fewer, larger commits, because each one can make a concurrent read-then-write
        # transaction elsewhere in the console fail ("database is locked", see docs/map.md).
        self.writer = PositionWriter(self.units, interval_s=5.0 if db.kind == "sqlite" else 0.5)
        self.routes: list[RouteLine] = route_lines(self.units.camera_points())
        validator = FixValidator(self.units.trackers(), self.units.last_fix_times())
        self.feed = GpsFeed(
            validator,
            sink=self.writer.put if self.stores else _shown_only,
            on_status=self._team_status if self.stores else None,
            topic_prefix=cfg.broker.topic_prefix,
            status_prefix=cfg.map.dispatch_topic_prefix,
        )
        self.dispatch = DispatchService(db, audit, policy_from_config(cfg.map), self.routes,
                                        cfg.map.dispatch_topic_prefix, self._publish)  # fmt: skip
        self.simulator: Simulator | None = None

    def refresh_trackers(self) -> None:
        self.feed.set_trackers(self.units.trackers())

    def _team_status(self, call_sign: str, status: str) -> None:
        self.dispatch.unit_status_from_team(TEAM_ACTOR, call_sign, status)

    def _publish(self, topic: str, payload: bytes) -> bool:
        if self.cfg.broker.host:
            return self.feed.publish(topic, payload)
        if self.simulator is not None:
            # In-process demo: the simulated team receives the order as it would over MQTT.
            self.simulator.receive(topic, payload)
            return True
        return False

    def start(self, simulate: bool) -> None:
        if self.stores:
            self.writer.start()
        if self.cfg.broker.host:
            self.feed.connect(self.cfg.broker)
        if simulate:
            from console.demo.gps_sim import Simulator, demo_units

            sim = Simulator(demo_units(self.units.views(_VIEWER), self.routes), self.cfg.broker.topic_prefix,
                            self.cfg.map.dispatch_topic_prefix)  # fmt: skip
            if self.cfg.broker.host:
                sim.connect(self.cfg.broker)
            else:
                sim.deliver = self.feed.ingest
            sim.start()
            self.simulator = sim
        if not self.cfg.broker.host:
            self.feed.set_local_source("demo simulator" if simulate else "no broker configured", simulate)
        log.info("stage: GPS feed started (%s%s%s)", self.cfg.broker.host or "in-process",
                 ", simulator" if simulate else "", "" if self.stores else ", display only")  # fmt: skip

    def stop(self) -> None:
        if self.simulator is not None:
            self.simulator.stop()
        self.feed.close()
        if self.stores:
            self.writer.stop()


def _shown_only(_fix: Fix) -> None:
    """A display-only workstation's sink: the feed keeps the fix for the map; the writer service stores it."""


_VIEWER = Actor(username="system", role=Role.ADMIN)
_running: LivePositions | None = None


def start_live_positions(cfg: Config, db: Database, audit: AuditLog, demo: bool) -> LivePositions:
    global _running
    live = LivePositions(cfg, db, audit)
    live.start(simulate=demo and cfg.map.simulate)
    _running = live
    return live


def running() -> LivePositions | None:
    return _running


def stop_live_positions() -> None:
    global _running
    live, _running = _running, None
    if live is not None:
        live.stop()
