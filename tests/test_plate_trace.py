"""Plate trace on both backends: time order, speeds along the route, wildcards, bad input, misreads, the index."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from db_setup import PG_ADMIN_URL, pg_database, statements_run
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from trace_setup import T0, WANTED, make_reads

from console.services.context import SYSTEM
from console.services.plate_pattern import PlateQueryError, parse_query
from console.services.trace import TraceService
from console.storage.db import Database
from console.storage.migrate import current_revision, head_revision, upgrade


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


def test_a_leading_wildcard_is_served_by_an_index(database: Database) -> None:
    """No B-tree serves "*678.90" by itself. PostgreSQL: the trigram index of migration 0008, if the trace's own
    statement carries the indexed expression; on a test-sized table the planner rightly prefers other paths,
    so the statement is explained with the trigram index as the only one left (in a transaction rolled
    back); at 10 M reads it is chosen (bench/plate_trace.py). SQLite: the plate_keys table, then the key index."""
    make_reads(database)
    with statements_run(database, "GROUP BY") as statements:
        inner = TraceService(database).trace(SYSTEM, "*678.90", until=T0 + timedelta(hours=1))
    assert [m.plate for m in inner.matches] == ["51F-678.90"] and len(statements) == 1
    statement, parameters = statements[0]
    with database.engine.connect() as conn:
        if database.engine.dialect.name == "sqlite":
            plan = [str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            assert any("SEARCH plate_reads USING INDEX ix_plate_reads_key_seen (<expr>=?" in line for line in plan), (
                plan
            )
            assert not any(line.startswith("SCAN plate_reads") for line in plan), plan
            return
        for index in ("ix_plate_reads_key_seen", "ix_plate_reads_plate_seen", "ix_plate_reads_camera_seen"):
            conn.exec_driver_sql(f"DROP INDEX {index}")
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
        conn.rollback()
    # The index searched by the pattern ("Index Cond: … ~~"), not merely read whole for its predicate.
    scan = next((i for i, line in enumerate(plan) if "Index Scan on ix_plate_reads_plate_key_trgm" in line), None)
    assert scan is not None and "Index Cond" in plan[scan + 1] and "~~" in plan[scan + 1], "\n".join(plan)


def test_plate_keys_follow_every_write_on_sqlite(sqlite_database: Database, tmp_path: Path) -> None:
    """The triggers fill plate_keys from any writer, a corrected plate included, and an upgraded station
    database gets the keys of the reads it already had."""
    make_reads(sqlite_database)
    service = TraceService(sqlite_database)
    until = T0 + timedelta(hours=1)
    with sqlite_database.session() as s:
        s.execute(text("UPDATE plate_reads SET plate = '51F-678.91' WHERE plate = '51F-678.90'"))
        s.execute(text("INSERT INTO plate_reads (camera_id, seen_at, raw_text, plate, rows, confidence) "
                       "SELECT camera_id, seen_at, '', NULL, 1, 0.5 FROM plate_reads LIMIT 1"))  # fmt: skip
    assert [m.plate for m in service.trace(SYSTEM, "*678.91", until=until).matches] == ["51F-678.91"]
    with sqlite_database.engine.connect() as conn:
        keys = {row[0] for row in conn.exec_driver_sql("SELECT key FROM plate_keys")}
    assert keys == {"30A12345", "30A12346", "30A12445", "51F67890", "51F67891"}  # no key for an unread plate
    old = Database.open(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(old, "0007")  # a station database from before 0008, with reads in it
        make_reads(old)
        upgrade(old)
        found = TraceService(old).trace(SYSTEM, "*123.46", until=until)
        assert [(m.plate, m.reads) for m in found.matches] == [("30A-123.46", 2)]
    finally:
        old.dispose()


def test_a_database_user_who_may_not_create_extensions_still_migrates(caplog: pytest.LogCaptureFixture) -> None:
    """Migration 0008 wants pg_trgm; a site whose console user may not create it must still start, with
    the search as it was before (slow for a leading wildcard) and the reason in the log."""
    role = f"console_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with pg_database("trgm_refused") as (name, url):
            with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
                # Tables in the public schema, but no CREATE on the database: what a trusted extension needs.
                conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
                conn.execute(text(f'GRANT CONNECT ON DATABASE "{name}" TO "{role}"'))
                conn.execute(text(f'GRANT USAGE, CREATE ON SCHEMA public TO "{role}"'))
            db = Database.open(make_url(url).set(username=role).render_as_string(hide_password=False))
            try:
                with caplog.at_level(logging.WARNING, logger="console.storage.migrate"):
                    upgrade(db)
                assert current_revision(db) == head_revision()
                assert "pg_trgm could not be created" in caplog.text
                assert "ix_plate_reads_plate_key_trgm" not in {
                    ix["name"] for ix in inspect(db.engine).get_indexes("plate_reads")
                }
                make_reads(db)
                inner = TraceService(db).trace(SYSTEM, "*678.90", until=T0 + timedelta(hours=1))
                assert [m.plate for m in inner.matches] == ["51F-678.90"]
            finally:
                db.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
