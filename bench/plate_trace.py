"""Plate-trace benchmark: 10,000,000 plate reads on SQLite and PostgreSQL, with and without the key indexes.

Times TraceService.trace (the call the map page makes: SQL, the camera join, speeds in Python) for
an exact plate and for patterns, over a 31-day window that holds every read: 500,000 distinct
plates, about 20 reads each, 40 cameras. Then drops the trigram index (PostgreSQL, migration 0008)
and times a few of the same calls again, then ix_plate_reads_key_seen (0006) too, to show what each
index buys in the same run. Target: < 200 ms (issue 15).

Reads are generated inside the database (generate_series on PostgreSQL, a recursive CTE on
SQLite), the way a bulk load goes: the key indexes are dropped first and built after, and their
build times are printed. PostgreSQL runs in a database of its own, SQLite in a temporary file; both are
dropped at the end.

    .venv/bin/python bench/plate_trace.py [--rows 10000000] [--repeat 30] [--only sqlite|postgresql]
    PostgreSQL: the server of TCC_TEST_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from db_setup import pg_database
from sqlalchemy import func, select, text

from console.services.context import SYSTEM
from console.services.lookup import LookupService, pattern_for
from console.services.plate_pattern import parse_query
from console.services.trace import TraceService
from console.storage.db import Database
from console.storage.migrate import upgrade
from console.storage.models import KEY_SQL, PlateRead, plate_key_column
from inference.plates.grammar import CODES_FILE

T0 = datetime(2026, 1, 1, tzinfo=UTC)
SPAN_S = 30 * 86400
PLATES = 500_000
CAMERAS = 40
LETTERS = "ABCDEFGHKL"
# The 80 province codes of resources/legal/plate_codes.json, so that every generated plate is a real one.
PROVINCES = sorted(json.loads(CODES_FILE.read_text(encoding="utf-8"))["provinces"])
INDEX = "ix_plate_reads_key_seen"
TRIGRAMS = "ix_plate_reads_plate_key_trgm"


def plate_of(p: int) -> str:
    """Plate number p of the pool, as the SQL below spells it: province, series letter, 5-digit serial."""
    serial = (p // 800) * 97 + 1  # never 000.00, which is not issued
    return f"{PROVINCES[p % 80]}{LETTERS[(p // 80) % 10]}-{serial // 100:03d}.{serial % 100:02d}"


def _plate_sql(p: str, pg: bool) -> str:
    """plate_of() in SQL, for the dialect."""
    serial = f"(({p} / 800) * 97 + 1)"
    codes = "".join(PROVINCES)
    head = (f"substr('{codes}', CAST(1 + 2 * ({p} % 80) AS INTEGER), 2) || "
            f"substr('{LETTERS}', CAST(1 + ({p} / 80) % 10 AS INTEGER), 1) || '-'")  # fmt: skip
    if pg:
        return f"{head} || lpad(({serial} / 100)::text, 3, '0') || '.' || lpad(({serial} % 100)::text, 2, '0')"
    return f"{head} || printf('%03d.%02d', {serial} / 100, {serial} % 100)"


def populate(db: Database, n: int) -> None:
    with db.session() as s:
        for k in range(CAMERAS):
            s.execute(text("INSERT INTO cameras (code, name, route, route_kind, km, lat, lon, direction, main_url, "
                           "enabled, created_at) VALUES (:c, :c, 'CT.01', 'expressway', :km, :lat, 105.9, '', "
                           "'rtsp://x', true, :t)"),
                      {"c": f"CAM-{k:02d}", "km": 180.0 + 5 * k, "lat": 21.0 - 0.045 * k, "t": T0})  # fmt: skip
        s.execute(text(f"DROP INDEX {INDEX}"))
        s.execute(text(f"DROP INDEX IF EXISTS {TRIGRAMS}"))
    # Each read is plate (i * 7919) mod PLATES — 7919 is prime to PLATES, so reads of one plate are
    # spread over the month — at camera i mod 40, at an even pace through the 30 days.
    p = f"((i * 7919) % {PLATES})"
    if db.kind == "postgresql":
        plate = _plate_sql(p, pg=True)
        sql = (f"INSERT INTO plate_reads (camera_id, seen_at, raw_text, plate, plate_colour, rows, confidence, "
               f"vehicle_class) SELECT 1 + i % {CAMERAS}, timestamptz '{T0.isoformat()}' + i * interval "
               f"'{SPAN_S / n * 1e6:.0f} microseconds', pl, pl, 'white', 1, 0.9, 'car' FROM "
               f"(SELECT i, {plate} AS pl FROM generate_series(0::bigint, {n - 1}) AS g(i)) AS x")  # fmt: skip
    else:
        plate = _plate_sql(p, pg=False)
        t0 = int(T0.timestamp())
        sql = (f"INSERT INTO plate_reads (camera_id, seen_at, raw_text, plate, plate_colour, rows, confidence, "
               f"vehicle_class) WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < {n - 1}) "
               f"SELECT 1 + i % {CAMERAS}, strftime('%Y-%m-%d %H:%M:%S', {t0} + i * {SPAN_S} / {n}, 'unixepoch') "
               f"|| printf('.%06d', (i * {SPAN_S} % {n}) * 1000000 / {n}), pl, pl, 'white', 1, 0.9, 'car' "
               f"FROM (SELECT i, {plate} AS pl FROM c)")  # fmt: skip
    t = time.perf_counter()
    with db.session() as s:
        s.execute(text(sql))
    # On SQLite the plate_keys triggers (0008) run during the load, as they do for every write.
    print(f"  {db.kind}: {n:,} reads inserted in {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    create_index(db)
    print(f"  {db.kind}: {INDEX} built in {time.perf_counter() - t:.0f} s", flush=True)
    if db.kind == "postgresql":
        t = time.perf_counter()
        with db.session() as s:
            s.execute(text(f"CREATE INDEX {TRIGRAMS} ON plate_reads USING gin (({_key()}) gin_trgm_ops) "
                           "WHERE plate IS NOT NULL"))  # fmt: skip
        print(f"  {db.kind}: {TRIGRAMS} built in {time.perf_counter() - t:.0f} s", flush=True)
    if db.kind == "postgresql":
        # What autovacuum does in steady state: statistics and the visibility map.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE plate_reads")
    else:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")


def _key() -> str:
    return KEY_SQL.replace("plate_reads.", "")


def create_index(db: Database) -> None:
    ops = " text_pattern_ops" if db.kind == "postgresql" else ""
    with db.session() as s:
        s.execute(text(f"CREATE INDEX {INDEX} ON plate_reads (({_key()}){ops}, seen_at)"))


def timed(calls: list[Callable[[], Any]]) -> list[float]:
    out = []
    for call in calls:
        t = time.perf_counter()
        call()
        out.append((time.perf_counter() - t) * 1000)
    return out


def workloads(service: TraceService, repeat: int, seed: int = 11) -> dict[str, list[Callable[[], Any]]]:
    rng = random.Random(seed)
    since, until = T0, T0 + timedelta(days=31)

    def call(q: str) -> Callable[[], Any]:
        return lambda: service.trace(SYSTEM, q, since, until)

    lookup = LookupService(service.db)

    def look(q: str) -> Callable[[], Any]:
        return lambda: Found(lookup.timeline(SYSTEM, q))

    exact = [plate_of(rng.randrange(PLATES)) for _ in range(repeat)]
    prefix = [plate_of(rng.randrange(PLATES))[:3] + "*" for _ in range(repeat)]
    # The serial's first two digits fixed, the rest single-character wildcards: "30A-12?.??".
    masked = [(lambda pl: pl[:6] + "?.??")(plate_of(rng.randrange(PLATES))) for _ in range(repeat)]
    return {
        "exact plate (30A-123.45)": [call(q) for q in exact],
        "prefix (30A*)": [call(q) for q in prefix],
        "prefix + ? (30A-12?.??)": [call(q) for q in masked],
        "leading * (*123.45)": [call("*" + plate_of(rng.randrange(PLATES))[4:]) for _ in range(repeat)],
        # Letters and digits from the middle: "*A-123*".
        "inside (*A-123*)": [call("*" + plate_of(rng.randrange(PLATES))[2:7] + "*") for _ in range(repeat)],
        # The checked-vehicle lookup (Patrol logs page): digits anywhere in the plate, newest 300 reads.
        "lookup (123.45 anywhere)": [look(plate_of(rng.randrange(PLATES))[4:]) for _ in range(repeat)],
    }


@dataclass
class Found:
    """A lookup's events in the shape the timing loop counts (sightings or matches)."""

    sightings: list[Any]
    matches: tuple[()] = ()


def lookup_before_0008(db: Database, repeat: int, seed: int = 11) -> list[Callable[[], Any]]:
    """SQLite's lookup statement for camera reads before it used plate_keys: LIKE '%…%' over every read."""
    rng = random.Random(seed + 2)
    key = func.upper(func.replace(func.replace(func.replace(PlateRead.plate, "-", ""), ".", ""), " ", ""))

    def call(q: str) -> Callable[[], Any]:
        stmt = (
            select(PlateRead.id, PlateRead.seen_at)
            .where(PlateRead.plate.is_not(None), key.like(pattern_for(q)))
            .order_by(PlateRead.seen_at.desc())
            .limit(300)
        )

        def run() -> Any:
            with db.session() as s:
                return s.execute(stmt).all()

        return run

    return [call(plate_of(rng.randrange(PLATES))[4:]) for _ in range(repeat)]


def scan_every_key(db: Database, repeat: int, seed: int = 11) -> list[Callable[[], Any]]:
    """SQLite's leading-wildcard statement before 0008 (the plate_keys table): the same LIKE over the whole
    key index, as the same-run baseline of what the table buys."""
    rng = random.Random(seed + 1)
    key = plate_key_column()

    def call(q: str) -> Callable[[], Any]:
        like = parse_query(q).like
        assert like is not None
        stmt = (
            select(key, func.min(PlateRead.plate), func.count(), func.min(PlateRead.seen_at))
            .where(key.like(like), PlateRead.seen_at >= T0, PlateRead.seen_at <= T0 + timedelta(days=31))
            .group_by(key)
            .order_by(func.count().desc(), key)
            .limit(51)
        )

        def run() -> Any:
            with db.session() as s:
                return s.execute(stmt).all()

        return run

    return [call("*" + plate_of(rng.randrange(PLATES))[4:]) for _ in range(repeat)]


def stats(ms: list[float]) -> tuple[float, float, float]:
    s = sorted(ms)
    return statistics.median(s), s[max(0, int(len(s) * 0.95) - 1)], s[-1]


def run_backend(url: str, args: argparse.Namespace) -> list[tuple[str, str, str, int, float, float, float]]:
    db = Database.open(url)
    upgrade(db)
    populate(db, args.rows)
    service = TraceService(db)
    results = []
    # Each phase drops one more index; the first keeps them all.
    phases = [("with indexes", None), ("no trigram index", TRIGRAMS), ("no index", INDEX)]
    for label, dropped in phases if db.kind == "postgresql" else [phases[0], phases[2]]:
        if dropped is not None:
            with db.session() as s:
                s.execute(text(f"DROP INDEX {dropped}"))
        for name, calls in workloads(service, args.repeat).items():
            if dropped is not None:
                calls = calls[:3]  # some are full scans of the table
            sample = calls[0]()  # warm-up: connection, statement cache
            found = len(sample.sightings) or len(sample.matches)
            ms = timed(calls)
            results.append((db.kind, name, label, len(ms), *stats(ms)))
            print(f"  {db.kind} {label} {name}: median {results[-1][4]:.1f} ms ({found} found)", flush=True)
        if db.kind == "sqlite" and dropped is None:
            calls = scan_every_key(db, 3)
            calls[0]()
            ms = timed(calls)
            results.append((db.kind, "leading * (*123.45)", "pre-0008 statement", len(ms), *stats(ms)))
            print(f"  sqlite pre-0008 leading *: median {results[-1][4]:.1f} ms", flush=True)
            calls = lookup_before_0008(db, 3)
            calls[0]()
            ms = timed(calls)
            results.append((db.kind, "lookup (123.45 anywhere)", "pre-plate_keys statement", len(ms), *stats(ms)))
            print(f"  sqlite lookup before plate_keys: median {results[-1][4]:.1f} ms", flush=True)
    db.dispose()
    return results


def trigger_cost(directory: Path, n: int = 200_000) -> tuple[float, float]:
    """µs per stored read on SQLite with the plate_keys trigger and without it (each in a fresh database):
    ``n`` reads of ~20 reads a plate, inserted row by row in one transaction (the trigger's cost, not fsync)."""
    out = []
    for triggers in (True, False):
        db = Database.open(f"sqlite:///{directory / f'triggers-{triggers}.db'}")
        upgrade(db)
        rows = [{"t": T0 + timedelta(seconds=i), "p": plate_of((i * 7919) % (n // 20))} for i in range(n)]
        with db.session() as s:
            s.execute(text("INSERT INTO cameras (code, name, route, route_kind, lat, lon, direction, main_url, "
                           "enabled, created_at) VALUES ('C', 'C', 'CT.01', 'expressway', 21.0, 105.9, '', "
                           "'rtsp://x', 1, :t)"), {"t": T0})  # fmt: skip
            if not triggers:
                s.execute(text("DROP TRIGGER tr_plate_reads_key_insert"))
        with db.session() as s:
            t = time.perf_counter()
            s.execute(text("INSERT INTO plate_reads (camera_id, seen_at, raw_text, plate, plate_colour, rows, "
                           "confidence) VALUES (1, :t, :p, :p, 'white', 1, 0.9)"), rows)  # fmt: skip
            out.append((time.perf_counter() - t) / n * 1e6)
        db.dispose()
    return out[0], out[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    rows = []
    if args.only != "sqlite":
        # The tests' helper: a database of its own on that server, dropped afterwards whatever happens.
        with pg_database("bench_trace") as (_name, url):
            rows += run_backend(url, args)
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent.parent / "build") as tmp:
            rows += run_backend(f"sqlite:///{tmp}/bench.db", args)
            with_triggers, without = trigger_cost(Path(tmp))
            print(f"\nSQLite storing a read: {with_triggers:.1f} µs with the plate_keys trigger, {without:.1f} µs "
                  f"without ({with_triggers / without:.2f}×), 200,000 reads in one transaction")  # fmt: skip
    print(f"\n{args.rows:,} plate reads, {PLATES:,} plates, 31-day window; TraceService.trace (target < 200 ms)\n")
    print("| backend | query | index | runs | p50 ms | p95 ms | max ms | < 200 ms |")
    print("|---|---|---|---:|---:|---:|---:|---|")
    for kind, query, label, runs, p50, p95, worst in rows:
        ok = "yes" if worst < 200 else "NO"
        print(f"| {kind} | {query} | {label} | {runs} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {ok} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
