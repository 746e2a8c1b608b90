"""The demo week of patrol logs: seeded once, real GPS distances, flaws only where planted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from console.demo.patrol_logs import ROUTES, seed_demo_patrol_logs
from console.demo.seed import seed_demo
from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.services.patrol.checks import (
    FAR_FROM_TRACE,
    GPS_GAP,
    HELD_WITHOUT_VIOLATION,
    INCIDENT_NOT_DISPATCHED,
    MISSING_END,
    OUTSIDE_SHIFT,
)
from console.services.patrol.reports import build_report
from console.services.patrol_logs import PatrolLogService
from console.storage.db import Database
from console.storage.models import PatrolLog

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def test_demo_week_is_seeded_once_with_planted_findings_only(database: Database) -> None:
    audit = AuditLog()
    assert seed_demo_patrol_logs(database, audit, NOW) is None  # no demo units yet: nothing is invented
    assert seed_demo(database, audit, clock=lambda: NOW) is not None
    counts = seed_demo_patrol_logs(database, audit, NOW)
    assert counts is not None and counts["patrol_logs"] >= 6 * 7 and counts["unit_positions"] > 10_000
    assert seed_demo_patrol_logs(database, audit, NOW) is None
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(PatrolLog)) == counts["patrol_logs"]
        statuses = set(s.scalars(select(PatrolLog.status)))
    assert statuses == {"open", "submitted", "returned", "signed"}
    logs = PatrolLogService(database, audit)
    found: dict[str, set[str]] = {}
    for row in logs.list_logs(SYSTEM):
        view = logs.view(SYSTEM, row.id)
        assert view.route.distance_km > 5, (row.unit, row.shift_start)
        for c in view.checks:
            found.setdefault(c.code, set()).add(row.unit)
    assert found == {
        MISSING_END: {"PL-01"},
        OUTSIDE_SHIFT: {"PV-01"},
        HELD_WITHOUT_VIOLATION: {"NB-01"},
        FAR_FROM_TRACE: {"HN1-01"},
        GPS_GAP: {"HP-01"},
    }
    assert INCIDENT_NOT_DISPATCHED not in found  # PL-01's crash entry has its dispatch record
    report = build_report(database, SYSTEM, NOW - timedelta(days=8), NOW + timedelta(days=1))
    assert {t.unit for t in report.teams} == {r.call_sign for r in ROUTES}
    total = report.total
    assert total.km > 1000 and total.vehicles_checked > 300 and total.incidents == 1
    assert total.alcohol_tests > total.alcohol_positive > 0
    assert audit.verify(database).ok
