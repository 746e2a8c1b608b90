"""Shift reports: per team over a period, from the latest revision of each log and its GPS trace.

Superseded revisions are left out (a corrected log counts once, as corrected). Kilometres come from
the unit's stored GPS fixes for each shift, never from what the team typed.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from console.storage.db import Database
from console.storage.models import PatrolLog, PatrolUnit

from ..context import Actor, Permission
from ..patrol_logs import route_of

VIETNAM = timezone(timedelta(hours=7))


@dataclass
class TeamTotals:
    unit: str
    shifts: int = 0
    km: float = 0.0
    vehicles_checked: int = 0
    violations: int = 0
    held: int = 0
    alcohol_tests: int = 0
    alcohol_positive: int = 0
    incidents: int = 0


@dataclass(frozen=True)
class Report:
    since: datetime
    until: datetime
    teams: tuple[TeamTotals, ...]
    by_rule: dict[str, int]
    # Per local day (Vietnam time): km and vehicles checked, all selected teams together.
    daily_km: dict[date, float] = field(default_factory=dict)
    daily_checks: dict[date, int] = field(default_factory=dict)

    @property
    def total(self) -> TeamTotals:
        out = TeamTotals("")
        for t in self.teams:
            out.shifts += t.shifts
            out.km += t.km
            out.vehicles_checked += t.vehicles_checked
            out.violations += t.violations
            out.held += t.held
            out.alcohol_tests += t.alcohol_tests
            out.alcohol_positive += t.alcohol_positive
            out.incidents += t.incidents
        return out


def build_report(
    db: Database,
    actor: Actor,
    since: datetime,
    until: datetime,
    *,
    units: tuple[str, ...] = (),
    route: str = "",
    signed_only: bool = False,
) -> Report:
    """Shifts starting in [since, until); ``units`` call signs and ``route`` text narrow it down."""
    actor.require(Permission.VIEW)
    if until <= since:
        raise ValueError("the report period ends before it starts")
    newer = aliased(PatrolLog)
    stmt = (
        select(PatrolLog, PatrolUnit.call_sign)
        .join(PatrolUnit, PatrolUnit.id == PatrolLog.unit_id)
        .where(PatrolLog.shift_start >= since, PatrolLog.shift_start < until)
        .where(~exists().where(newer.supersedes_id == PatrolLog.id))
        .order_by(PatrolUnit.call_sign, PatrolLog.shift_start)
    )
    if units:
        stmt = stmt.where(PatrolUnit.call_sign.in_(units))
    if route.strip():
        stmt = stmt.where(PatrolLog.route_area.icontains(route.strip(), autoescape=True))
    if signed_only:
        stmt = stmt.where(PatrolLog.status == "signed")
    teams: dict[str, TeamTotals] = {}
    by_rule: Counter[str] = Counter()
    daily_km: defaultdict[date, float] = defaultdict(float)
    daily_checks: defaultdict[date, int] = defaultdict(int)
    with db.session() as s:
        for log, call_sign in s.execute(stmt).all():
            t = teams.setdefault(call_sign, TeamTotals(call_sign))
            day = log.shift_start.astimezone(VIETNAM).date()
            km = route_of(s, log).distance_km
            t.shifts += 1
            t.km += km
            daily_km[day] += km
            daily_checks.setdefault(day, 0)
            for e in log.entries:
                if e.kind == "vehicle_check":
                    t.vehicles_checked += 1
                    daily_checks[day] += 1
                if e.kind == "alcohol_test":
                    t.alcohol_tests += e.tests_count or 0
                    t.alcohol_positive += 1 if (e.reading_mg_l or 0) > 0 else 0
                if e.kind == "incident":
                    t.incidents += 1
                if e.result == "held":
                    t.held += 1
                if e.violation_code:
                    t.violations += 1
                    by_rule[e.violation_code] += 1
    return Report(since, until, tuple(teams.values()), dict(by_rule.most_common()), dict(daily_km), dict(daily_checks))


CSV_HEADER = (
    "team", "shifts", "km", "vehicles_checked", "violations", "held", "alcohol_tests", "alcohol_positive", "incidents",
)  # fmt: skip


def report_csv(report: Report) -> str:
    """The report as CSV (UTF-8 with BOM when written, so Excel shows Vietnamese correctly)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["period", report.since.isoformat(), report.until.isoformat()])
    w.writerow(CSV_HEADER)
    for t in [*report.teams, _named(report.total, "TOTAL")]:
        w.writerow([t.unit, t.shifts, f"{t.km:.1f}", t.vehicles_checked, t.violations, t.held, t.alcohol_tests,
                    t.alcohol_positive, t.incidents])  # fmt: skip
    w.writerow([])
    w.writerow(["violation", "count"])
    for code, n in report.by_rule.items():
        w.writerow([code, n])
    return out.getvalue()


def _named(t: TeamTotals, name: str) -> TeamTotals:
    t.unit = name
    return t
