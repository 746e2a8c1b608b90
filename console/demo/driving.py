"""Demo commercial vehicles with a realistic week of journeys, run through the real engine and store.

Relative to now, so the Driving time page always shows one driver over the 4 h continuous limit
(no 15-minute stop since setting off 4 h 25 min ago: two short stops do not count as rest) and one
approaching it, beside drivers within their limits.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import exists, select

from console.services.driving.engine import DrivingFix
from console.services.driving.rules import default_rules
from console.services.driving.store import DrivingStore
from console.storage.db import Database
from console.storage.models import CommercialDriver, CommercialVehicle

# plate, licence, driver, company, start (lat, lon), heading deg, today's plan: (minutes ago it starts, legs)
# legs: (minutes, km/h); 0 km/h is a stop.
FLEET = [
    ("51B12345", "790123456789", "Nguyễn Văn Hùng", "Cty TNHH Vận tải Phương Nam", (10.95, 106.85), 40,
     (265, [(120, 70), (8, 0), (90, 65), (10, 0), (37, 72)])),
    ("29H45678", "010987654321", "Trần Quốc Toản", "HTX Vận tải Thăng Long", (21.00, 105.85), 190,
     (400, [(120, 60), (45, 0), (225, 66)])),
    ("43C11223", "480112233445", "Lê Minh Đức", "Cty CP Xe khách Đà Nẵng", (16.05, 108.20), 170,
     (300, [(150, 75), (30, 0), (90, 70)])),
    ("61H99887", "740998877665", "Phạm Thị Lan", "Cty TNHH Logistics Bình Dương", (11.00, 106.65), 10,
     (180, [(100, 55), (20, 0), (40, 60)])),
    ("36C55443", "380554433221", "Hoàng Văn Nam", "HTX Vận tải Thanh Hóa", (19.80, 105.78), 200,
     (600, [(180, 65), (60, 0), (150, 68)])),
]  # fmt: skip
HISTORY_DAYS = 6
STEP_S = 30.0
VIETNAM_OFFSET = timedelta(hours=7)


def _drive(driver: int, vehicle: int, start: datetime, origin: tuple[float, float], heading: float,
           legs: list[tuple[int, int]], step_s: float = STEP_S) -> list[DrivingFix]:  # fmt: skip
    lat, lon = origin
    t = start.timestamp()
    out = []
    for minutes, speed in legs:
        for _ in range(int(minutes * 60 / step_s)):
            out.append(DrivingFix(driver, vehicle, t, lat, lon, float(speed)))
            km = speed * step_s / 3600
            lat += km / 111.0 * math.cos(math.radians(heading))
            lon += km / 111.0 * math.sin(math.radians(heading)) / math.cos(math.radians(lat))
            t += step_s
    out.append(DrivingFix(driver, vehicle, t, lat, lon, 0.0))
    return out


def seed_demo_driving(db: Database, now: datetime) -> int:
    """Fleet and journeys into an empty driving-time registry; returns the number of fixes (0 if not empty)."""
    with db.sessions() as s:
        if s.scalar(select(exists().select_from(CommercialVehicle))):
            return 0
    fixes: list[DrivingFix] = []
    with db.session() as s:
        for plate, licence, name, company, origin, heading, (ago, legs) in FLEET:
            vehicle = CommercialVehicle(plate=plate, company=company, created_at=now)
            driver = CommercialDriver(licence_no=licence, name=name, company=company, created_at=now)
            s.add_all([vehicle, driver])
            s.flush()
            for day in range(HISTORY_DAYS, 0, -1):
                # Earlier days: a lawful 7-hour working day starting at 06:00 Vietnam time, at a fix a minute.
                vn_day = (now + VIETNAM_OFFSET).date() - timedelta(days=day)
                start = datetime(vn_day.year, vn_day.month, vn_day.day, 6, tzinfo=UTC) - VIETNAM_OFFSET
                past = [(180, 60), (60, 0), (120, 62), (20, 0), (60, 58)]
                fixes += _drive(driver.id, vehicle.id, start, origin, heading, past, step_s=60.0)
            fixes += _drive(driver.id, vehicle.id, now - timedelta(minutes=ago), origin, heading, legs)
        DrivingStore(db, default_rules()).apply(fixes, session=s)
    return len(fixes)


class DemoJourneys:
    """Without a broker, the demo fleet goes on reporting every ``period_s`` through the journey feed,
    as its devices would over MQTT, so the page's clocks move and limits are crossed while one watches."""

    def __init__(self, ingest: Callable[[str, bytes], object], period_s: float = STEP_S) -> None:
        self.ingest = ingest
        self.period_s = period_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="demo-journeys", daemon=True)
        self._km = 0.0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self.period_s):
            self._km += 0.5
            for plate, licence, _name, _company, (lat, lon), heading, (_ago, legs) in FLEET:
                speed = legs[-1][1]  # each keeps the pace of its last leg: on the road, as seeded
                body = {"_type": "location", "tst": time.time(), "vel": speed,
                        "lat": lat + self._km / 111.0 * math.cos(math.radians(heading)),
                        "lon": lon + self._km / 111.0 * math.sin(math.radians(heading))}  # fmt: skip
                self.ingest(f"journey/{licence}/{plate}", json.dumps(body).encode())


_running: DemoJourneys | None = None


def start_demo_journeys(ingest: Callable[[str, bytes], object]) -> None:
    global _running
    _running = DemoJourneys(ingest)
    _running.start()


def stop_demo_journeys() -> None:
    global _running
    demo, _running = _running, None
    if demo is not None:
        demo.stop()
