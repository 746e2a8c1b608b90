"""A wanted car driving south on CT.01 past four cameras, other plates, and one misread far away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.storage.db import Database
from console.storage.models import Camera, PlateRead

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
WANTED = "30A-123.45"
# (code, km, lat, lon): km grows southwards on the Pháp Vân – Cầu Giẽ expressway.
ROUTE = [
    ("CT01-K184-S", 184.0, 20.940, 105.850),
    ("CT01-K190-S", 190.0, 20.890, 105.870),
    ("CT01-K200-S", 200.0, 20.805, 105.895),
    ("CT01-K210-S", 210.0, 20.720, 105.915),
]


def make_cameras(db: Database) -> dict[str, int]:
    with db.session() as s:
        cams = [
            Camera(code=code, name=f"Km {km:g} Pháp Vân – Cầu Giẽ", route="CT.01", route_kind="expressway", km=km,
                   lat=lat, lon=lon, direction="Hướng Ninh Bình", main_url="rtsp://cam/1")
            for code, km, lat, lon in ROUTE
        ]  # fmt: skip
        cams.append(Camera(code="HP-CITY-1", name="Ngã tư Lạch Tray, Hải Phòng", route="Hải Phòng", route_kind="city",
                           lat=20.8449, lon=106.6881, main_url="rtsp://cam/2"))  # fmt: skip
        s.add_all(cams)
        s.flush()
        return {c.code: c.id for c in cams}


def make_reads(db: Database) -> dict[str, int]:
    """The wanted car at km 184, 190 (6 km in 5 min: 72 km/h) and 200 (10 km in 7 min: ~86 km/h); a misread
    of its plate in Hải Phòng a minute later; other plates sharing its prefix."""
    cams = make_cameras(db)
    reads = [
        ("CT01-K200-S", 12, WANTED),  # stored out of order on purpose
        ("CT01-K184-S", 0, WANTED),
        ("CT01-K190-S", 5, "30A12345"),  # the same key in another spelling is the same plate
        ("HP-CITY-1", 13, WANTED),
        ("CT01-K184-S", 1, "30A-123.46"),
        ("CT01-K190-S", 6, "30A-123.46"),
        ("CT01-K190-S", 2, "30A-124.45"),
        ("CT01-K210-S", 3, "51F-678.90"),
        ("CT01-K184-S", -60 * 30, WANTED),  # 30 hours earlier: outside a 24-hour window
    ]
    with db.session() as s:
        for code, minutes, plate in reads:
            s.add(PlateRead(camera_id=cams[code], seen_at=T0 + timedelta(minutes=minutes), raw_text=plate,
                            plate=plate, confidence=0.95))  # fmt: skip
    return cams
