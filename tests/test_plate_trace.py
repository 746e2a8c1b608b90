"""Plate trace on both backends: time order, speeds along the route, wildcards, bad input, misreads, the index."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from trace_setup import T0, WANTED, make_reads

from console.services.context import SYSTEM
from console.services.plate_pattern import PlateQueryError, parse_query
from console.services.trace import TraceService
from console.storage.db import Database


def test_an_exact_plate_gives_its_sightings_in_time_order_with_speeds(database: Database) -> None:
    make_reads(database)
    trace = TraceService(database).trace(SYSTEM, "30a 123 45", until=T0 + timedelta(hours=1))
    assert trace.query.plate == WANTED and trace.matches == []
    assert [(s.camera_code, int((s.at - T0).total_seconds() // 60)) for s in trace.sightings] == [
        ("CT01-K184-S", 0), ("CT01-K190-S", 5), ("CT01-K200-S", 12), ("HP-CITY-1", 13),
    ]  # fmt: skip
    first, second, third, far = trace.sightings
    assert first.speed_kmh is None and first.distance_m is None
    assert second.along_route and second.distance_m == pytest.approx(6000.0)
    assert second.speed_kmh == pytest.approx(72.0)
    assert third.speed_kmh == pytest.approx(10 / (7 / 60))
    assert not second.implausible and not third.implausible
    # Hải Phòng is ~80 km from km 200 in a straight line: a minute later is a misread, shown and flagged.
    assert not far.along_route and far.distance_m is not None and far.distance_m > 70_000
    assert far.implausible and far.speed_kmh is not None and far.speed_kmh > 1000


def test_the_time_window_bounds_the_trace(database: Database) -> None:
    make_reads(database)
    service = TraceService(database)
    assert len(service.trace(SYSTEM, WANTED, until=T0 + timedelta(hours=1)).sightings) == 4
    older = service.trace(SYSTEM, WANTED, since=T0 - timedelta(days=2), until=T0 + timedelta(hours=1))
    assert len(older.sightings) == 5 and older.sightings[0].at == T0 - timedelta(hours=30)
    assert older.sightings[1].speed_kmh is not None and older.sightings[1].speed_kmh == 0.0


def test_a_pattern_lists_matching_plates_with_counts(database: Database) -> None:
    make_reads(database)
    service = TraceService(database)
    until = T0 + timedelta(hours=1)
    prefix = service.trace(SYSTEM, "30A*", until=until)
    assert prefix.sightings == []
    assert [(m.plate, m.reads) for m in prefix.matches] == [(WANTED, 4), ("30A-123.46", 2), ("30A-124.45", 1)]
    single = service.trace(SYSTEM, "30A-12?.?6", until=until)
    assert [(m.plate, m.reads) for m in single.matches] == [("30A-123.46", 2)]
    inner = service.trace(SYSTEM, "*678.90", until=until)
    assert [m.plate for m in inner.matches] == ["51F-678.90"]
    assert inner.query.prefix == ""
    assert service.trace(SYSTEM, "99Z*", until=until).matches == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "type a plate"),
        ("hello", "is not a Vietnamese plate"),
        ("30A-123", "for part of a plate use"),
        ("3*", "at least 3"),
        ("30A-12#*", "only letters, digits"),
        ("ABCDEFGHIJ*", "cannot match any Vietnamese plate"),
    ],
)
def test_text_that_is_no_plate_gets_a_clear_message(typed: str, message: str) -> None:
    with pytest.raises(PlateQueryError, match=message):
        parse_query(typed)


def test_queries_use_the_plate_key_index(database: Database) -> None:
    make_reads(database)
    key = "upper(replace(replace(replace(plate_reads.plate, '-', ''), '.', ''), ' ', ''))"
    with database.engine.connect() as conn:
        if database.engine.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))  # a table this small is scanned otherwise
            plan = conn.execute(text(f"EXPLAIN SELECT id FROM plate_reads WHERE {key} = '30A12345'")).all()
            prefix = conn.execute(text(f"EXPLAIN SELECT id FROM plate_reads WHERE {key} LIKE '30A%'")).all()
        else:
            plan = conn.execute(text(f"EXPLAIN QUERY PLAN SELECT id FROM plate_reads WHERE {key} = '30A12345'")).all()
            prefix = conn.execute(
                text(f"EXPLAIN QUERY PLAN SELECT id FROM plate_reads WHERE {key} >= '30A' AND {key} < '30A~'")
            ).all()
    assert "ix_plate_reads_key_seen" in str(plan), plan
    assert "ix_plate_reads_key_seen" in str(prefix), prefix
