"""Driving periods, clocks and alerts stored on SQLite and PostgreSQL through DrivingStore."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from driving_setup import add_fleet
from sqlalchemy import select

from console.services.context import Actor, Role
from console.services.driving.engine import DrivingFix
from console.services.driving.queries import DrivingQueries
from console.services.driving.rules import default_rules
from console.services.driving.store import DrivingStore
from console.storage.db import Database
from console.storage.models import Alert, DrivingClock, DrivingPeriod

T0 = 1_780_000_000.0


def fixes(driver: int, vehicle: int, start: float, legs: list[tuple[float, float]]) -> list[DrivingFix]:
    out, t = [], start
    for seconds, speed in legs:
        end = t + seconds
        while t < end:
            out.append(DrivingFix(driver, vehicle, t, 10.8, 106.7, speed))
            t += 30.0
    return out


def test_batches_build_periods_and_alert_once_each(database: Database) -> None:
    ids = add_fleet(database, [("51B12345", "790123456789", "Nguyễn Văn An"), ("51C67890", "790987654321", "Lê B")])
    (d1, v1), (d2, v2) = ids["790123456789"], ids["790987654321"]
    store = DrivingStore(database, default_rules())
    long = fixes(d1, v1, T0, [(4 * 3600 + 600, 60.0), (1200, 0.0), (600, 60.0)])
    short = fixes(d2, v2, T0, [(3600, 60.0)])
    # In batches of 100, as the live writer would, interleaved between drivers.
    batch = long + short
    results = [store.apply(batch[i : i + 100]) for i in range(0, len(batch), 100)]
    assert sum(r.applied for r in results) == len(batch) and sum(r.skipped for r in results) == 0
    again = store.apply(long[-50:])  # a repeated delivery changes nothing
    assert (again.applied, again.skipped, again.alerts) == (0, 50, 0)
    with database.sessions() as s:
        alerts = s.scalars(select(Alert).where(Alert.kind == "driving_time").order_by(Alert.id)).all()
        assert [a.priority for a in alerts] == [2, 1]
        assert "51B12345" in alerts[1].message and "Nguyễn Văn An" in alerts[1].message
        assert "đã vượt 4 giờ 00 phút: 4 giờ 00 phút 30 giây" in alerts[1].message
        periods = s.execute(
            select(DrivingPeriod.kind, DrivingPeriod.started_at, DrivingPeriod.ended_at)
            .where(DrivingPeriod.driver_id == d1)
            .order_by(DrivingPeriod.started_at)
        ).all()
        assert [p.kind for p in periods] == ["driving", "rest", "driving"]
        assert (periods[0].ended_at - periods[0].started_at).total_seconds() == 4 * 3600 + 600 - 30 + 30
        clock = s.get(DrivingClock, d1)
        # After 20 min of rest the count starts again: 19 steps of the last 10 min are continuous driving.
        assert clock is not None and clock.level == "ok" and clock.continuous_s == 570
        other = s.get(DrivingClock, d2)
        assert other is not None and other.level == "ok" and other.continuous_s == 3600 - 30


def test_the_list_is_as_of_now_a_silent_device_is_resting(database: Database) -> None:
    ids = add_fleet(database, [("51B12345", "790123456789", "Nguyễn Văn An")])
    driver, vehicle = ids["790123456789"]
    DrivingStore(database, default_rules()).apply(fixes(driver, vehicle, T0, [(4 * 3600 + 60, 60.0)]))
    queries = DrivingQueries(database)
    last = datetime.fromtimestamp(T0 + 4 * 3600 + 30, UTC)
    viewer = Actor(username="vanh", role=Role.OPERATOR)
    listed = queries.watch_list(viewer, now=last + timedelta(minutes=14, seconds=59))
    assert [(r.driver_id, r.level, r.continuous_s) for r in listed] == [(driver, "exceeded", 4 * 3600 + 30)]
    # Ignition off for 15 min is rest: nothing over the continuous limit, and 4 h a day is within 10 h.
    assert queries.watch_list(viewer, now=last + timedelta(minutes=15)) == []
    assert [p.kind for p in queries.timeline(viewer, driver, last - timedelta(days=1))] == ["driving"]
