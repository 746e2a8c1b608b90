"""Demo reads for the plate trace: a wanted car fleeing Hà Nội eastwards on CT.04, and its hotlist alert.

30G-759.03 (hotlist: rammed an officer at a checkpoint) is read at Km 6, 19 and 35 towards Hải
Phòng in the last half hour, about 87 km/h, so the trace draws a trail and "dispatch to intercept"
finds team HP-01 ahead at about Km 44. Times are relative to ``now`` so the trail is always recent.
Does nothing when that plate already has reads.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, select

from console.storage.db import Database
from console.storage.models import Alert, Camera, HotlistEntry, PlateRead

PLATE = "30G-759.03"
# (camera code, minutes before now, OCR text as read)
SIGHTINGS = (("CT04-K6-E", 30, "30G75903"), ("CT04-K19-E", 21, "30G-759.03"), ("CT04-K35-E", 10, "30G759O3"))


def seed_demo_trace(db: Database, now: datetime) -> int:
    """The number of reads added (0 when present already or the demo cameras are missing)."""
    with db.session() as s:
        if s.scalar(select(exists().where(PlateRead.plate == PLATE))):
            return 0
        cameras = {c.code: c for c in s.scalars(select(Camera).where(Camera.code.in_([c for c, _m, _r in SIGHTINGS])))}
        hot = s.scalar(select(HotlistEntry).where(HotlistEntry.plate == PLATE))
        if len(cameras) != len(SIGHTINGS) or hot is None:
            return 0
        reads = [
            PlateRead(camera_id=cameras[code].id, seen_at=now - timedelta(minutes=minutes), raw_text=raw, plate=PLATE,
                      plate_colour="white", confidence=0.93, vehicle_class="car")
            for code, minutes, raw in SIGHTINGS
        ]  # fmt: skip
        s.add_all(reads)
        s.flush()
        last, camera = reads[-1], cameras[SIGHTINGS[-1][0]]
        s.add(Alert(kind="hotlist_hit", priority=hot.priority, camera_id=camera.id, plate_read_id=last.id,
                    hotlist_entry_id=hot.id, created_at=last.seen_at,
                    message=f"{hot.reason}: {PLATE} (exact match, read {last.raw_text!r})"))  # fmt: skip
        return len(reads)
