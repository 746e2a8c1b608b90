"""Plate trace: where and when one plate was read across all cameras, as a trail with speeds.

A pattern ("51F*") first lists the plates it matches with their read counts, so the operator picks
one; an exact plate gives its sightings in time order. Between consecutive sightings the speed is
the distance along the route (km markers) when both cameras are on the same route, otherwise the
straight line; a speed no vehicle could drive is kept and flagged as a likely misread (a cloned
plate or an OCR error), because hiding it would hide the evidence.

Both queries go through ix_plate_reads_key_seen (migration 0006), an index on the plate key and
time (console/storage/models/plate_key.py). A pattern with no fixed start ("*123.45") goes through
the trigram index of migration 0008 on PostgreSQL, and through its plate_keys table on SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, func, select

from console.storage.db import Database
from console.storage.models import Alert, Camera, HotlistEntry, PlateRead, keys_like_on_sqlite, plate_key_column
from maps.geo import haversine_m

from .context import Actor, Permission
from .plate_pattern import PlateQuery, parse_query

DEFAULT_WINDOW = timedelta(hours=24)
MAX_PLAUSIBLE_KMH = 180.0  # 120 km/h expressway limit plus a wide margin for speeding
MAX_SIGHTINGS = 500
MAX_MATCHES = 50


@dataclass(frozen=True)
class Sighting:
    read_id: int
    at: datetime
    plate: str
    camera_id: int
    camera_code: str
    camera_name: str
    route: str
    km: float | None
    direction: str
    lat: float
    lon: float
    confidence: float
    # From the previous sighting; None on the first one.
    distance_m: float | None = None
    speed_kmh: float | None = None
    along_route: bool = False  # distance from km markers rather than the straight line
    implausible: bool = False  # the leg from the previous sighting cannot have been driven


@dataclass(frozen=True)
class PlateMatch:
    key: str
    plate: str
    reads: int
    first_at: datetime
    last_at: datetime


@dataclass(frozen=True)
class Trace:
    query: PlateQuery
    since: datetime
    until: datetime
    sightings: list[Sighting]  # oldest first; empty for a pattern
    matches: list[PlateMatch]  # a pattern's plates, most reads first; empty for an exact plate
    truncated: bool = False  # more sightings or matches than shown


def with_speeds(sightings: list[Sighting]) -> list[Sighting]:
    """Each sighting with the distance and speed of the leg that reached it."""
    out: list[Sighting] = []
    for i, cur in enumerate(sightings):
        if i == 0:
            out.append(cur)
            continue
        prev = sightings[i - 1]
        along = prev.route == cur.route and prev.km is not None and cur.km is not None
        if along:
            assert prev.km is not None and cur.km is not None
            distance = abs(cur.km - prev.km) * 1000.0
        else:
            distance = haversine_m((prev.lat, prev.lon), (cur.lat, cur.lon))
        dt = (cur.at - prev.at).total_seconds()
        speed = distance / dt * 3.6 if dt > 0 else None
        # Two far-apart cameras at the same instant: the same plate on two vehicles, or a misread.
        implausible = speed > MAX_PLAUSIBLE_KMH if speed is not None else distance > 200.0
        out.append(replace(cur, distance_m=distance, speed_kmh=speed, along_route=along, implausible=implausible))
    return out


class TraceService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def trace(self, actor: Actor, text: str, since: datetime | None = None, until: datetime | None = None) -> Trace:
        """Raises PlateQueryError for text that is not a plate or a pattern."""
        actor.require(Permission.VIEW)
        query = parse_query(text)
        until = until or datetime.now(UTC)
        since = since or until - DEFAULT_WINDOW
        if query.key is not None:
            sightings, truncated = self._sightings(query.key, since, until)
            return Trace(query, since, until, sightings, [], truncated)
        matches, truncated = self._matches(query, since, until)
        return Trace(query, since, until, [], matches, truncated)

    def plate_of_alert(self, actor: Actor, alert_id: int) -> str | None:
        """The plate an alert is about: the read's plate, else the hotlist entry's; None for other alerts."""
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            alert = s.get(Alert, alert_id)
            if alert is None:
                return None
            read = s.get(PlateRead, alert.plate_read_id) if alert.plate_read_id is not None else None
            if read is not None and read.plate:
                return read.plate
            entry = s.get(HotlistEntry, alert.hotlist_entry_id) if alert.hotlist_entry_id is not None else None
            return entry.plate if entry is not None else None

    def _sightings(self, key: str, since: datetime, until: datetime) -> tuple[list[Sighting], bool]:
        stmt = (
            select(PlateRead.id, PlateRead.seen_at, PlateRead.plate, PlateRead.confidence, Camera)
            .join(Camera, Camera.id == PlateRead.camera_id)
            .where(plate_key_column() == key, PlateRead.seen_at >= since, PlateRead.seen_at <= until)
            .order_by(PlateRead.seen_at.desc(), PlateRead.id.desc())
            .limit(MAX_SIGHTINGS + 1)
        )
        with self.db.session() as s:
            rows = s.execute(stmt).all()
        # Newest first from the index, so a long history keeps its latest part.
        found = [
            Sighting(rid, at, plate or "", c.id, c.code, c.name, c.route, c.km, c.direction, c.lat, c.lon, conf)
            for rid, at, plate, conf, c in rows[:MAX_SIGHTINGS]
        ]
        found.reverse()
        return with_speeds(found), len(rows) > MAX_SIGHTINGS

    def _matches(self, query: PlateQuery, since: datetime, until: datetime) -> tuple[list[PlateMatch], bool]:
        assert query.like is not None
        key = plate_key_column()
        # plate IS NOT NULL is the predicate of the trigram index (PostgreSQL, 0008) serving a leading wildcard.
        where: list[ColumnElement[bool]] = [PlateRead.plate.is_not(None), key.like(query.like)]
        where += [PlateRead.seen_at >= since, PlateRead.seen_at <= until]
        sqlite = self.db.engine.dialect.name == "sqlite"
        with self.db.session() as s:
            if not query.prefix and sqlite:
                # No start to range over: the distinct keys (0008) are scanned rather than every read.
                where.append(keys_like_on_sqlite(s, query.like))
            elif query.prefix:
                # An explicit range on the prefix: the index serves it even in a generic (prepared) plan.
                # On PostgreSQL the byte-order operators match the text_pattern_ops index.
                high = query.prefix + "~"  # "~" sorts after every letter and digit
                if sqlite:
                    where += [key >= query.prefix, key < high]
                else:
                    where += [key.op("~>=~", is_comparison=True)(query.prefix), key.op("~<~", is_comparison=True)(high)]
            reads = func.count()
            stmt = (
                select(key, func.min(PlateRead.plate), reads, func.min(PlateRead.seen_at), func.max(PlateRead.seen_at))
                .where(*where)
                .group_by(key)
                .order_by(reads.desc(), key)
                .limit(MAX_MATCHES + 1)
            )
            rows = s.execute(stmt).all()
        matches = [PlateMatch(k, p or k, n, first, last) for k, p, n, first, last in rows[:MAX_MATCHES]]
        return matches, len(rows) > MAX_MATCHES
