"""Driving-time ingest benchmark: 10,000 journey devices at one fix per 30 s, the page's queries meanwhile.

Every fix goes the live path: an OwnTracks JSON payload into ``JourneyFeed.ingest`` (validation,
registry lookup, order check), the ``DrivingWriter`` queue and thread, ``DrivingStore.apply`` (engine,
clocks, periods and alerts upserted in one transaction per batch) on the real database. A tenth of the
drivers start 3 h 55 min into a continuous stretch, so they cross the 4 h limit during the run and
the alerts and the page's list are real work. Meanwhile a reader thread does what the Driving time
page does on each refresh, every 250 ms: ``DrivingQueries.watch_list`` then ``timeline`` (7 days) of
the first listed driver. The reader runs alone for 10 s first (baseline).

Phases: ``flat-out`` pushes ``--rounds`` rounds (one fix per vehicle each, 30 s apart in device time)
as fast as the writer takes them (the producer waits while more than 20,000 fixes are queued), which
gives the sustainable ingest rate; ``real-time`` then paces the same stream at vehicles/30 fixes/s for
``--seconds`` and reports the writer's lag. Page-query p95/max are reported per phase.

    .venv/bin/python bench/driving_time.py [--backend sqlite|postgresql] [--vehicles 10000] [--rounds 12]
        [--seconds 60] [--admin URL]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from console.services.context import Actor, Role
from console.services.driving.engine import DriverClock, calendar_keys
from console.services.driving.live import LiveDriving
from console.services.driving.queries import DrivingQueries
from console.storage.db import Database
from console.storage.migrate import upgrade
from console.storage.models import CommercialDriver, CommercialVehicle, DrivingClock

VIEWER = Actor(username="bench", role=Role.OPERATOR)
PERIOD_S = 30.0


def seed(db: Database, n: int, start: float) -> None:
    """n drivers and vehicles; every tenth driver already 3 h 55 min into continuous driving."""
    with db.session() as s:
        s.execute(insert(CommercialVehicle), [{"id": i, "plate": f"51B{i:05d}", "company": "Bench"}
                                              for i in range(1, n + 1)])  # fmt: skip
        s.execute(insert(CommercialDriver), [{"id": i, "licence_no": f"79{i:010d}", "name": f"Lái xe {i}",
                                              "company": "Bench"} for i in range(1, n + 1)])  # fmt: skip
        day, week = calendar_keys(start, 7)
        clocks = []
        for i in range(10, n + 1, 10):
            ran = 3 * 3600 + 55 * 60
            c = DriverClock(last_tst=start - PERIOD_S, last_lat=10.8, last_lon=106.7, last_moving=True, vehicle_id=i,
                            continuous_s=ran, stretch_start=start - ran, day_key=day, day_s=ran, week_key=week,
                            week_s=ran, period_kind="driving", period_start=start - ran, period_end=start - PERIOD_S,
                            period_vehicle=i)  # fmt: skip
            clocks.append({"driver_id": i, "vehicle_id": i, "last_fix_at": _dt(c.last_tst or 0), "continuous_s": ran,
                           "day_s": ran, "week_s": ran, "level": "approaching", "state": c.to_json()})  # fmt: skip
        s.execute(insert(DrivingClock), clocks)


def _dt(tst: float):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.fromtimestamp(tst, UTC)


class Reader(threading.Thread):
    def __init__(self, db: Database) -> None:
        super().__init__(daemon=True)
        self.queries = DrivingQueries(db)
        self.samples: list[float] = []
        self.listed = 0
        self.errors: list[str] = []
        self.stop_event = threading.Event()

    def run(self) -> None:
        from datetime import UTC, datetime, timedelta

        while not self.stop_event.wait(0.25):
            t = time.perf_counter()
            try:
                rows = self.queries.watch_list(VIEWER)
                if rows:
                    self.queries.timeline(VIEWER, rows[0].driver_id, datetime.now(UTC) - timedelta(days=7))
            except Exception as exc:  # counted and shown: a page that fails is the finding, not a crash
                self.errors.append(str(exc).splitlines()[0])
                continue
            self.samples.append((time.perf_counter() - t) * 1000)
            self.listed = len(rows)

    def take(self) -> list[float]:
        out, self.samples = self.samples, []
        return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values, default=0.0)


def payload(i: int, tst: float, r: int) -> tuple[str, bytes]:
    lat = 10.8 + (i % 100) * 0.01 + r * 0.004
    body = {"_type": "location", "lat": lat, "lon": 106.7, "tst": tst, "vel": 55 + i % 30}
    return f"journey/79{i:010d}/51B-{i:05d}", json.dumps(body).encode()


def run(db: Database, n: int, rounds: int, seconds: float) -> None:
    # Device time: every round in the past, yet the last fixes recent enough (< 15 min) that the page
    # counts the drivers as still on the road.
    start = time.time() - rounds * PERIOD_S - 60
    t_seed = time.perf_counter()
    seed(db, n, start)
    print(f"seeded {n} vehicles/drivers in {time.perf_counter() - t_seed:.1f} s")
    live = LiveDriving(db)
    live.start(None)
    reader = Reader(db)
    reader.start()
    feed, writer = live.feed, live.writer
    r = 0

    def push_round(pace_s: float | None) -> None:
        nonlocal r
        tst = start + r * PERIOD_S
        t0 = time.perf_counter()
        for i in range(1, n + 1):
            topic, body = payload(i, tst, r)
            feed.ingest(topic, body)
            if pace_s is not None and i % 100 == 0:
                delay = t0 + pace_s * i / n - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            elif pace_s is None and i % 1000 == 0:
                while writer._queue.qsize() > 20_000:
                    time.sleep(0.01)
        r += 1

    try:
        time.sleep(10)  # the page alone first: the baseline the figures under load compare with
        samples = reader.take()
        print(f"idle: page query p95 {p95(samples):.0f} ms, max {max(samples):.0f} ms ({len(samples)} samples, "
              f"{reader.listed} drivers listed)")  # fmt: skip
        t0, applied0 = time.perf_counter(), writer.applied
        for _ in range(rounds):
            push_round(None)
        while not writer.idle() or writer.applied < applied0 + rounds * n:
            time.sleep(0.05)
        took = time.perf_counter() - t0
        samples = reader.take()
        print(f"flat-out: {rounds * n} fixes in {took:.1f} s = {rounds * n / took:,.0f} fixes/s "
              f"(needed {n / PERIOD_S:,.0f}/s); page query p95 {p95(samples):.0f} ms, max {max(samples):.0f} ms "
              f"({len(samples)} samples, {reader.listed} drivers listed)")  # fmt: skip
        lags: list[float] = []
        t_end = time.perf_counter() + seconds
        while time.perf_counter() < t_end:
            push_round(PERIOD_S)
            lags.append(writer._queue.qsize())
        samples = reader.take()
        print(f"real-time {n / PERIOD_S:,.0f} fixes/s for {seconds:.0f} s: queue after each round {lags}; "
              f"page query p95 {p95(samples):.0f} ms, max {max(samples):.0f} ms ({len(samples)} samples, "
              f"{reader.listed} listed); dropped {writer.dropped}, failed {writer.failed_batches} batches")  # fmt: skip
        stats = feed.stats()
        print(f"feed: accepted {stats.accepted}, rejected {stats.rejected}; page query errors {len(reader.errors)} "
              f"{reader.errors[:1]}")  # fmt: skip
        with db.sessions() as s:
            alerts = s.execute(text("SELECT count(*) FROM alerts WHERE kind = 'driving_time'")).scalar()
            periods = s.execute(text("SELECT count(*) FROM driving_periods")).scalar()
        print(f"stored: {periods} periods, {alerts} driving-time alerts (no raw positions)")
    finally:
        reader.stop_event.set()
        live.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--vehicles", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--admin", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    if args.backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            on(f"sqlite:///{tmp}/bench.db", f"sqlite (file in {tmp})", args)
        return 0
    name = f"tcc_driving_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        on(make_url(args.admin).set(database=name).render_as_string(hide_password=False), f"postgresql ({name})", args)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


def on(url: str, label: str, args: argparse.Namespace) -> None:
    db = Database.open(url)
    try:
        upgrade(db)
        print(f"backend {label}")
        run(db, args.vehicles, args.rounds, args.seconds)
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
