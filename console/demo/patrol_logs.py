"""A week of demo patrol logs for six teams, with the GPS history each shift really drove.

Routes follow the demo cameras' real coordinates on CT.01, CT.04, CT.07, QL1A and Hà Nội streets.
Everything is derived from a fixed seed and ``now``, so two demos look alike and stay "live".
A few logs are made imperfect on purpose (an entry after the shift, a vehicle held without a
violation, a checkpoint the trace never reached, a GPS gap, a missing end) so the review has
something to find; the rest are clean.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.services.patrol.reports import VIETNAM
from console.services.patrol.route import haversine_m
from console.storage.db import Database
from console.storage.models import (
    Dispatch,
    Operator,
    PatrolLog,
    PatrolLogEntry,
    PatrolUnit,
    UnitPosition,
)

FIX_EVERY = timedelta(seconds=30)
DAYS = 7


@dataclass(frozen=True)
class DemoRoute:
    call_sign: str
    area: str
    plan: str
    kmh: float
    points: tuple[tuple[float, float, str], ...]  # lat, lon, place name
    motorbike_share: float
    start_hour: int


ROUTES = (
    DemoRoute("PV-01", "CT.01 Pháp Vân – Cầu Giẽ, Km 184 – Km 208", "KH 125/CT6", 70, (
        (20.9400, 105.8525, "Trạm Pháp Vân, Km 184"), (20.8650, 105.8850, "Nút giao Thường Tín, Km 193"),
        (20.7420, 105.9210, "Phú Xuyên, Km 208"),
    ), 0.0, 7),
    DemoRoute("PL-01", "CT.01 Cầu Giẽ – Ninh Bình, Km 220 – Km 243", "KH 126/CT6", 65, (
        (20.6400, 105.9340, "Nút giao Đồng Văn, Km 220"), (20.5350, 105.9500, "Nút giao Liêm Tuyền, Km 233"),
        (20.4500, 105.9650, "Liêm Sơn, Km 243"),
    ), 0.0, 13),
    DemoRoute("HP-01", "CT.04 Hà Nội – Hải Phòng, Km 6 – Km 50", "KH 88/CT3", 75, (
        (20.9850, 105.9750, "Gia Lâm, Km 6"), (20.9050, 106.0500, "Nút giao QL39, Km 19"),
        (20.8844, 106.1790, "Ân Thi, Km 35"), (20.8650, 106.3000, "Nút giao QL38B, Km 50"),
    ), 0.0, 7),
    DemoRoute("NB-01", "QL1A Gián Khẩu – Bỉm Sơn, Km 255 – Km 290", "KH 41/PC08-NB", 50, (
        (20.3300, 105.9320, "Cầu Gián Khẩu, Km 255"), (20.2380, 105.9650, "TP Ninh Bình, Km 266"),
        (20.1620, 105.9160, "TP Tam Điệp, Km 278"), (20.0820, 105.8620, "TX Bỉm Sơn, Km 290"),
    ), 0.35, 13),
    DemoRoute("HN1-01", "Ngã tư Sở – Nguyễn Trãi – Trần Duy Hưng – Láng", "KH 312/Đ1", 22, (
        (21.0030, 105.8198, "Ngã tư Sở"), (20.9935, 105.8003, "Nguyễn Trãi – Khuất Duy Tiến"),
        (21.0060, 105.7918, "Trần Duy Hưng – Phạm Hùng"), (21.0175, 105.8090, "Nguyễn Chí Thanh – Láng"),
    ), 0.7, 7),
    DemoRoute("TN-01", "CT.07 Hà Nội – Thái Nguyên, Km 9 – Km 50", "KH 57/PC08-TN", 70, (
        (21.1450, 105.9100, "Đông Anh, Km 9"), (21.2375, 105.8950, "Sóc Sơn, Km 20"),
        (21.3300, 105.8800, "Cầu Đa Phúc, Km 31"), (21.4800, 105.8550, "TP Sông Công, Km 50"),
    ), 0.2, 13),
)  # fmt: skip

_PROVINCES = ("29", "30", "88", "89", "90", "35", "36", "17", "18", "20", "34", "15", "98", "99")
_CAR_SERIES = "ABCDEFGHKL"
_BIKE_SERIES = ("B1", "E1", "F2", "H1", "K3", "L5", "M1", "N2")
# Offences a team writes up at the roadside, by vehicle class, with rough relative frequency.
_CAR_OFFENCES = (("speed_10_20", 5), ("speed_20_35", 2), ("lane", 4), ("phone", 2), ("no_stopping", 1),
                 ("no_insurance", 2), ("no_registration", 1))  # fmt: skip
_BIKE_OFFENCES = (("no_helmet", 6), ("lane", 2), ("phone", 1), ("no_licence", 3), ("red_light", 2))


@dataclass
class _Shift:
    route: DemoRoute
    start: datetime
    end: datetime | None
    until: datetime  # last fix (the end, or now for a shift still running)


def seed_demo_patrol_logs(db: Database, audit: AuditLog, now: datetime) -> dict[str, int] | None:
    """Insert the demo logs and their GPS history once; None (and no change) if any log exists."""
    with db.session() as s:
        if s.scalar(select(exists().select_from(PatrolLog))):
            return None
        units = {u.call_sign: u for u in s.scalars(select(PatrolUnit))}
        if not all(r.call_sign in units for r in ROUTES):
            return None  # not the demo unit set: never mix demo logs into a real installation
        supervisor = s.scalar(select(Operator).where(Operator.role == "supervisor").order_by(Operator.id))
        rng = random.Random(20261128)
        counts = {"patrol_logs": 0, "patrol_log_entries": 0, "unit_positions": 0}
        for shift, status, flaw in _plan(now):
            unit = units[shift.route.call_sign]
            fixes, stops = _drive(shift, rng, gap=flaw == "gps_gap", now=now)
            s.execute(insert(UnitPosition), [{"unit_id": unit.id, **f} for f in fixes])
            entries = _entries(s, unit, shift, stops, rng, flaw)
            log = PatrolLog(
                unit_id=unit.id, shift_start=shift.start, shift_end=shift.end, plan_ref=shift.route.plan,
                route_area=shift.route.area, vehicle=unit.vehicle, members=dict(unit.members), status=status,
                source="import" if shift.route.call_sign in ("HP-01", "TN-01") else "station", created_at=shift.start,
                entries=entries,
            )  # fmt: skip
            if status == "signed" and supervisor is not None:
                log.signed_by_id, log.signed_at = supervisor.id, (shift.end or now) + timedelta(hours=20)
                log.review_comment = "Đã kiểm tra, đồng ý."
            if status == "returned":
                log.review_comment = "Bổ sung nồng độ đo được của trường hợp dương tính; ghi rõ vị trí chốt."
            s.add(log)
            counts["patrol_logs"] += 1
            counts["patrol_log_entries"] += len(entries)
            counts["unit_positions"] += len(fixes)
        audit.append(s, SYSTEM, "demo.seed_patrol_logs", "database", "", counts)
    return counts


def _plan(now: datetime) -> list[tuple[_Shift, str, str]]:
    """(shift, status, flaw) for each team and day; the newest shifts are still open or waiting."""
    today = now.astimezone(VIETNAM).date()
    out: list[tuple[_Shift, str, str]] = []
    flaws = {("PV-01", 2): "outside_shift", ("NB-01", 1): "held_without_violation", ("HN1-01", 1): "far_checkpoint",
             ("HP-01", 3): "gps_gap"}  # fmt: skip
    for route in ROUTES:
        for back in range(DAYS, -1, -1):
            day = today - timedelta(days=back)
            start = datetime.combine(day, time(route.start_hour), VIETNAM)
            end = start + timedelta(hours=4, minutes=30)
            if route.call_sign == "PL-01" and back == 0:
                # On shift now, attending the demo crash: an open log without an end yet.
                start = now - timedelta(hours=3)
                out.append((_Shift(route, start, None, now - timedelta(minutes=1)), "open", "missing_end"))
                continue
            if end > now:
                continue
            status = "signed" if back >= 3 else ("submitted" if back >= 1 else "open")
            if (route.call_sign, back) == ("TN-01", 2):
                status = "returned"
            out.append((_Shift(route, start, end, end), status, flaws.get((route.call_sign, back), "")))
    return out


def _along(points: list[tuple[float, float]], metres: float) -> tuple[float, float]:
    for (alat, alon), (blat, blon) in itertools.pairwise(points):
        seg = haversine_m(alat, alon, blat, blon)
        if metres <= seg:
            t = metres / seg if seg else 0.0
            return alat + (blat - alat) * t, alon + (blon - alon) * t
        metres -= seg
    return points[-1]


def _drive(shift: _Shift, rng: random.Random, *, gap: bool, now: datetime) -> tuple[list[dict[str, Any]], list[Any]]:
    """Fixes every 30 s: out along the route with a stop at each middle point, then back."""
    # Some days the team turns back early (a crash to clear, a checkpoint held longer).
    reach = len(shift.route.points) if rng.random() < 0.6 else rng.randint(2, len(shift.route.points))
    stations = [(lat, lon) for lat, lon, _ in shift.route.points[:reach]]
    path = stations + stations[-2::-1]  # out and back
    cum = [0.0]
    for a, b in itertools.pairwise(path):
        cum.append(cum[-1] + haversine_m(*a, *b))
    total_s = (shift.until - shift.start).total_seconds()
    speed = shift.route.kmh * rng.uniform(0.8, 1.1) / 3.6
    drive_s = cum[-1] / speed
    stop_points = list(range(1, len(path) - 1))
    stop_s = max(0.0, (total_s - drive_s) / max(1, len(stop_points)))
    # Timeline of (time offset, metres along): drive leg, stop, drive leg, …
    plan: list[tuple[float, float]] = [(0.0, 0.0)]
    stops: list[tuple[datetime, datetime, int]] = []
    t = 0.0
    for i in range(1, len(path)):
        t += (cum[i] - cum[i - 1]) / speed
        plan.append((t, cum[i]))
        if i in stop_points:
            stops.append((shift.start + timedelta(seconds=t), shift.start + timedelta(seconds=t + stop_s), i))
            t += stop_s
            plan.append((t, cum[i]))
    fixes: list[dict[str, Any]] = []
    gap_from = shift.start + timedelta(seconds=total_s * 0.3)
    at = shift.start
    while at <= shift.until and at < now - timedelta(minutes=1):
        if gap and gap_from <= at < gap_from + timedelta(minutes=14):
            at += FIX_EVERY  # the tracker lost power in a tunnel of trucks
            continue
        offset = (at - shift.start).total_seconds()
        metres = _metres_at(plan, offset)
        lat, lon = _along(path, metres)
        moving = any(a < offset < b and m1 != m2 for (a, m1), (b, m2) in itertools.pairwise(plan))
        jitter = 4.0 / 111_000  # a few metres of GPS noise
        fixes.append({
            "fixed_at": at, "received_at": at, "lat": lat + rng.uniform(-jitter, jitter),
            "lon": lon + rng.uniform(-jitter, jitter), "speed_kmh": shift.route.kmh if moving else 0.0,
            "accuracy_m": rng.choice((5.0, 6.0, 8.0, 10.0)), "battery_pct": None, "course_deg": None,
        })  # fmt: skip
        at += FIX_EVERY
    located = [(a, b, path[i]) for a, b, i in stops]
    return fixes, located


def _metres_at(plan: list[tuple[float, float]], offset: float) -> float:
    for (a, m1), (b, m2) in itertools.pairwise(plan):
        if a <= offset <= b:
            return m1 + (m2 - m1) * ((offset - a) / (b - a) if b > a else 0.0)
    return plan[-1][1]


def _plate(rng: random.Random, motorbike: bool) -> str:
    prov = rng.choice(_PROVINCES)
    number = f"{rng.randint(100, 999)}.{rng.randint(0, 99):02d}"
    if motorbike:
        return f"{prov}-{rng.choice(_BIKE_SERIES)} {number}"
    return f"{prov}{rng.choice(_CAR_SERIES)}-{number}"


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in table], weights=[w for _, w in table])[0]


def _entries(
    s: Session, unit: PatrolUnit, shift: _Shift, stops: list[Any], rng: random.Random, flaw: str
) -> list[PatrolLogEntry]:
    route = shift.route
    first = route.points[0]
    out = [PatrolLogEntry(at=shift.start + timedelta(minutes=2), kind="checkpoint", place=first[2], lat=first[0],
                          lon=first[1], note="Nhận ca, kiểm tra phương tiện, trang bị.")]  # fmt: skip
    names = {(round(lat, 4), round(lon, 4)): name for lat, lon, name in route.points}
    for n, (arrive, leave, (lat, lon)) in enumerate(stops):
        if arrive >= shift.until:
            break
        place = names.get((round(lat, 4), round(lon, 4)), route.area)
        out.append(PatrolLogEntry(at=arrive + timedelta(minutes=1), kind="checkpoint", place=place, lat=lat, lon=lon,
                                  note="Lập chốt kiểm soát."))  # fmt: skip
        minutes = max(1.0, (min(leave, shift.until) - arrive).total_seconds() / 60 - 4)
        for _ in range(rng.randint(2, 6)):
            bike = rng.random() < route.motorbike_share
            at = arrive + timedelta(minutes=rng.uniform(3, minutes))
            roll = rng.random()
            result, code = "no_violation", None
            if roll > 0.55:
                result = "warning"
            if roll > 0.72:
                result, code = "violation", _pick(rng, _BIKE_OFFENCES if bike else _CAR_OFFENCES)
            if roll > 0.95:
                result = "held"
            out.append(PatrolLogEntry(at=at, kind="vehicle_check", place=place, lat=lat, lon=lon,
                                      plate=_plate(rng, bike), vehicle_class="motorbike" if bike else "car",
                                      result=result, violation_code=code))  # fmt: skip
        if n % 2 == 0:
            at = arrive + timedelta(minutes=min(minutes, 20))
            out.append(PatrolLogEntry(at=at, kind="alcohol_test", place=place, lat=lat, lon=lon,
                                      tests_count=rng.randint(15, 60), note="Kiểm tra nồng độ cồn."))  # fmt: skip
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                reading = rng.choice((0.12, 0.19, 0.28, 0.33, 0.45))
                code = "alcohol_1" if reading <= 0.25 else ("alcohol_2" if reading <= 0.4 else "alcohol_3")
                bike = rng.random() < max(0.3, route.motorbike_share)
                out.append(PatrolLogEntry(at=at + timedelta(minutes=rng.uniform(1, 10)), kind="alcohol_test",
                                          place=place, lat=lat, lon=lon, plate=_plate(rng, bike),
                                          vehicle_class="motorbike" if bike else "car", reading_mg_l=reading,
                                          result="held" if reading > 0.4 else "violation",
                                          violation_code=code))  # fmt: skip
    _incidents(s, unit, shift, out)
    _flaw(out, shift, flaw)
    if shift.end is not None:
        out.append(PatrolLogEntry(at=shift.end - timedelta(minutes=3), kind="note", place=first[2],
                                  note="Kết thúc ca, bàn giao ca sau. Không có vụ việc tồn đọng."))  # fmt: skip
    return out


def _incidents(s: Session, unit: PatrolUnit, shift: _Shift, out: list[PatrolLogEntry]) -> None:
    dispatches = s.scalars(select(Dispatch).where(Dispatch.unit_id == unit.id)).all()
    for d in dispatches:
        arrived = d.arrived_at or d.acknowledged_at
        if arrived is not None and shift.start <= arrived <= shift.until:
            out.append(PatrolLogEntry(at=arrived, kind="incident", incident_id=d.incident_id,
                                      note="Có mặt hiện trường, phân luồng, lập biên bản ban đầu."))  # fmt: skip


def _flaw(out: list[PatrolLogEntry], shift: _Shift, flaw: str) -> None:
    if flaw == "outside_shift" and shift.end is not None:
        out.append(PatrolLogEntry(at=shift.end + timedelta(minutes=50), kind="vehicle_check", place="Trạm Pháp Vân",
                                  plate="30A-517.26", vehicle_class="car", result="warning"))  # fmt: skip
    elif flaw == "held_without_violation":
        out.append(PatrolLogEntry(at=shift.start + timedelta(hours=2), kind="vehicle_check", place="TP Ninh Bình",
                                  lat=20.238, lon=105.965, plate="35A-480.92", vehicle_class="car", result="held",
                                  note="Tạm giữ phương tiện để xác minh."))  # fmt: skip
    elif flaw == "far_checkpoint":
        # Written as Cầu Giấy, which this team's trace (Thanh Xuân) never came near.
        out.append(PatrolLogEntry(at=shift.start + timedelta(hours=1), kind="checkpoint", place="Nút giao Cầu Giấy",
                                  lat=21.0312, lon=105.8018, note="Chốt phối hợp."))  # fmt: skip
