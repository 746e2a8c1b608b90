"""Demo citizen reports and a help request, taken in through the intake service as the API would.

They go through IntakeService (photo cleaning, nearest camera, alert, suggestions) rather than
straight into tables, so the demo shows what a real report produces: a citizen-sourced candidate
on the review page, and on the map and incidents pages an incident from a help request.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import exists, select

from console.config import Config
from console.services.audit import AuditLog
from console.services.intake.schema import HelpRequest, Report, reportable_violations
from console.services.intake.service import build
from console.storage.db import Database
from console.storage.models import Camera, VehicleRegistration, ViolationCandidate

from .evidence_art import draw_evidence, jpeg

# (violation code, minutes ago, metres north of the camera, note); older than the demo camera hits, so
# the review page opens on a citizen report.
REPORTS = (
    ("red_light", 330, 60, "Vượt đèn đỏ, suýt va chạm người đi bộ."),
    ("no_helmet", 300, -90, "Cả hai người trên xe không đội mũ."),
)


def _photo(plate: str, vehicle_class: str, rule_kind: str, at: datetime, seed: int) -> bytes:
    """A phone-like picture: the vehicle cut out of a drawn scene, without the camera's stamp bar."""
    drawn = draw_evidence(plate=plate, vehicle_class=vehicle_class, rule_kind=rule_kind, camera_code="",
                          detected_at=at, measured={}, seed=seed)  # fmt: skip
    px, py, pw, ph = drawn.plate_box
    h, w = drawn.frame.shape[:2]
    x0, x1 = max(0, px - 260), min(w, px + pw + 260)
    y0, y1 = max(0, py - 420), min(h - 50, py + ph + 30)
    return jpeg(drawn.frame[y0:y1, x0:x1])


def seed_demo_citizen(cfg: Config, db: Database, audit: AuditLog, now: datetime | None = None) -> int:
    """Two reports and one help request, once; returns how many requests were taken in."""
    now = now or datetime.now(UTC)
    with db.session() as s:
        if s.scalar(select(exists().where(ViolationCandidate.source == "citizen"))):
            return 0
        city = s.execute(select(Camera.lat, Camera.lon).where(Camera.route_kind == "city").order_by(Camera.id)).all()
        road = s.execute(select(Camera.lat, Camera.lon).where(Camera.route_kind != "city").order_by(Camera.id)).all()
        regs = s.execute(
            select(VehicleRegistration.plate, VehicleRegistration.vehicle_class).order_by(VehicleRegistration.id)
        ).all()
    if not city or not road or not regs:
        return 0
    intake = build(cfg, db, audit)
    rules = reportable_violations()
    cars = [r for r in regs if r.vehicle_class == "car"] or list(regs)
    bikes = [r for r in regs if r.vehicle_class == "motorbike"] or list(regs)
    for i, (code, minutes, north_m, note) in enumerate(REPORTS):
        lat, lon = city[i % len(city)]
        reg = (cars if code == "red_light" else bikes)[0]
        at = now - timedelta(minutes=minutes)
        image = _photo(reg.plate, reg.vehicle_class, rules[code], at, seed=100 + i)
        intake.report("app-csgt", Report(code, rules[code], lat + north_m / 111_000, lon, at, reg.plate,
                                         reg.vehicle_class, note, image))  # fmt: skip
    lat, lon = road[len(road) // 2]
    note = "Xe con tông đuôi xe tải, một người bị thương nhẹ, xe chắn làn trái."
    intake.help("tong-dai-113", HelpRequest("accident", lat + 0.004, lon + 0.001, "0912345678", note))
    return len(REPORTS) + 1
