"""Plate-read ingest benchmark: K writer processes through the real storing path, the review page meanwhile.

A centre-sized PostgreSQL database (2,000 cameras, a hotlist, millions of plate reads, a review queue of
a million candidates) takes plate reads from K writer processes, each calling
``DetectionService.store_reads`` exactly as the detection worker does: one call per analysed frame with
that frame's reads (1 read in 89 % of the frames that have any, 2 in 11 %: measured on the four demo
scenes at the live rate), hotlist matching and alert creation included, one transaction per call.
Meanwhile one process opens the review page every 100 ms (``ReviewService.queue``, first page of 200,
then ``counts``, the two calls ``ReviewPage.reload_queue`` makes) and another runs a plate search
(``LookupService.timeline``) every 100 ms. Target (DESIGN.md §5): ingest ≥ 1,000 reads/s with the
review page < 50 ms at p95. The same readers run alone before and after the ingest phases (baseline),
so the figure under load is a ratio against the same database in the same run.

    .venv/bin/python bench/ingest.py [--db URL] [--seconds 30] [--writers 1,2,4] [--backlog 5000000]
        [--rate 1000] [--batching frame,round] [--round-reads 12] [--search-index trigram|none]
        [--cameras 2000] [--hotlist 5000] [--candidates 1000000] [--admin URL] [--keep] [--seed-only]

Without ``--db`` a database tcc_ingest_<random> is created on the ``--admin`` server, migrated, seeded
and dropped at the end; with ``--db`` the given (empty or earlier seeded) database is migrated and
seeded only if it has no cameras yet. ``--writers`` takes one count or several (one flat-out phase
each, per-frame batches); ``--batching round`` adds a phase where each call carries ``--round-reads``
reads of as many cameras (one analysis round of a process running many cameras); ``--rate`` adds,
per batching, a phase paced at that many reads/s in total over the largest writer count (0: none).
``--search-index trigram`` (default) keeps the plate-search trigram index of migration 0008 (built
after the backlog is loaded); ``none`` drops it, to measure without. The plate-read backlog
is generated inside PostgreSQL (INSERT … SELECT over generate_series: no rows cross the wire), the
candidates go in by COPY (bench/review_queue.py's rows). The audit chain is keyed, as at a centre.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.synchronize import Event as MpEvent
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from console.services.audit import AuditLog
from console.services.audit_key import AuditKey
from console.services.context import SYSTEM, Actor, Role
from console.services.detections import DetectionService
from console.services.evidence import EvidenceStore
from console.services.fines import FineService
from console.services.lookup import LookupService
from console.services.review import QueueFilter, ReviewService
from console.storage.db import Database
from console.storage.migrate import upgrade

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PAGE_SIZE = 200  # console/ui/pages/review.py
TICK_S = 0.1
# Of the analysed frames that produce plate events, how many produce two (pipeline's max_reads_per_frame
# is 2): 11 of 100 on the demo scenes at the live rate, 8 of 164 at 25 fps. The rest produce one.
TWO_READS = 0.11
UNREADABLE = 0.05  # reads the grammar cannot settle: stored with plate NULL, matched on the raw text
SERIES = "ABCDEFGHKLMNPSTUVXYZ"  # civil series letters: no I, J, O, Q, W; R is trailers
CLK_TCK = os.sysconf("SC_CLK_TCK")


def pct(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


# -- seeding -----------------------------------------------------------------------------------------

POOL_SQL = """
CREATE TABLE bench_plate_pool AS
SELECT id,
       CASE WHEN moto THEN p || '-' || s || d || ' ' || n3 || '.' || n2 ELSE p || s || '-' || n3 || '.' || n2 END
           AS plate,
       p || s || CASE WHEN moto THEN d ELSE '' END || n3 || n2 AS raw,
       CASE WHEN moto THEN 2 ELSE 1 END AS rows,
       CASE WHEN c < 0.85 THEN 'white' WHEN c < 0.97 THEN 'yellow' WHEN c < 0.99 THEN 'blue' ELSE 'red' END
           AS colour,
       CASE WHEN moto THEN 'motorbike' WHEN v < 0.85 THEN 'car' WHEN v < 0.95 THEN 'truck' ELSE 'bus' END
           AS vclass
FROM (
    SELECT g AS id, random() < 0.5 AS moto, lpad((11 + floor(random() * 89))::int::text, 2, '0') AS p,
           substr('{series}', 1 + floor(random() * 20)::int, 1) AS s, floor(random() * 10)::int::text AS d,
           lpad(floor(random() * 1000)::int::text, 3, '0') AS n3, lpad(floor(random() * 100)::int::text, 2, '0') AS n2,
           random() AS c, random() AS v
    FROM generate_series(1, {pool}) AS g OFFSET 0
) AS r
"""

# Reads in time order (as they arrive), cameras uniform, plates skewed: a few vehicles pass daily,
# most rarely (power 2 over the pool), so a plate search finds from zero to dozens of sightings.
BACKLOG_SQL = """
INSERT INTO plate_reads (camera_id, seen_at, raw_text, plate, plate_colour, rows, confidence, vehicle_class,
                         track_id, bbox)
SELECT r.cam, :t0 + (r.g - 1) * :step, CASE WHEN r.bad THEN left(p.raw, 6) || '?' ELSE p.raw END,
       CASE WHEN r.bad THEN NULL ELSE p.plate END, p.colour, p.rows, 0.6 + r.conf * 0.39, p.vclass,
       (r.g % 5000)::text, '{"x0": 412, "y0": 388, "x1": 521, "y1": 421}'::json
FROM (
    SELECT g, (1 + floor(power(random(), 2) * :pool))::int AS pid, :cam0 + floor(random() * :cams)::int AS cam,
           random() < :bad AS bad, random() AS conf
    FROM generate_series(:lo, :hi) AS g OFFSET 0
) AS r JOIN bench_plate_pool p ON p.id = r.pid
"""


def seed(db: Database, args: argparse.Namespace) -> dict[str, float]:
    """Cameras, operators, hotlist, plate-read backlog, alerts, review queue; returns seconds per step."""
    from review_queue import CAND_COLS, _rows  # the review benchmark's candidates: one shape for both

    took: dict[str, float] = {}
    now = datetime.now(UTC)
    t = time.perf_counter()
    with db.session() as s:
        s.execute(text("INSERT INTO operators (username, display_name, role, password_hash, active, failed_attempts, "
                       "preferences, created_at) VALUES ('op1','op1','operator','-',true,0,'{}',:t), "
                       "('analytics','analytics','operator','-',true,0,'{}',:t)"), {"t": now})  # fmt: skip
        s.execute(
            text(
                "INSERT INTO cameras (code, name, route, route_kind, km, lat, lon, direction, main_url, sub_url, "
                "enabled, created_at) SELECT 'CAM-' || lpad(g::text, 4, '0'), 'Camera ' || g, 'R' || (g % 60), "
                "CASE WHEN g % 3 = 0 THEN 'expressway' ELSE 'city' END, g % 200, 20.9 + (g % 97) / 500.0, "
                "105.7 + (g % 89) / 500.0, '', 'rtsp://10.0.0.1/main', 'rtsp://10.0.0.1/sub', true, :t "
                "FROM generate_series(1, :n) AS g"
            ),
            {"n": args.cameras, "t": now},
        )
        # CREATE TABLE AS is a utility statement: no bind parameters, so the two constants go in as text.
        s.execute(text(POOL_SQL.format(series=SERIES, pool=int(args.pool))))
        s.execute(text("ALTER TABLE bench_plate_pool ADD PRIMARY KEY (id)"))
        # Listed plates are pool plates from its rarely seen end (the pool is skewed towards low ids), so
        # the backlog holds a realistic handful of sightings of them, not one read in fourteen.
        s.execute(
            text(
                "INSERT INTO hotlist (plate, plate_colour, reason, priority, note, source, added_at, expires_at, "
                "active) SELECT plate, CASE WHEN id % 4 = 0 THEN colour END, "
                "(ARRAY['wanted','stolen','hit_and_run','other'])[1 + id % 4], 1 + id % 3, '', 'bench', :t, "
                "CASE WHEN id % 10 = 0 THEN :t + interval '30 days' END, id % 20 <> 0 "
                "FROM bench_plate_pool ORDER BY id DESC LIMIT :n"
            ),
            {"n": args.hotlist, "t": now - timedelta(days=args.days)},
        )
        cam0 = int(s.execute(text("SELECT min(id) FROM cameras")).scalar_one())
        operator = int(s.execute(text("SELECT id FROM operators WHERE username='op1'")).scalar_one())
    took["cameras, hotlist, plate pool"] = time.perf_counter() - t

    t = time.perf_counter()
    span = timedelta(days=args.days)
    chunk = 1_000_000
    for lo in range(1, args.backlog + 1, chunk):
        # One transaction per million rows: progress shows, and WAL can recycle between them.
        with db.session() as s:
            s.execute(text(BACKLOG_SQL), {"t0": now - span, "step": span / max(1, args.backlog), "pool": args.pool,
                                          "cam0": cam0, "cams": args.cameras, "bad": UNREADABLE, "lo": lo,
                                          "hi": min(args.backlog, lo + chunk - 1)})  # fmt: skip
        print(f"  plate reads: {min(args.backlog, lo + chunk - 1):,} of {args.backlog:,}", flush=True)
    took[f"{args.backlog:,} plate reads (INSERT … SELECT)"] = time.perf_counter() - t

    t = time.perf_counter()
    with db.session() as s:
        # Past hotlist hits, nearly all taken by an operator; the last hour's still new.
        s.execute(
            text(
                "INSERT INTO alerts (kind, priority, status, message, camera_id, plate_read_id, hotlist_entry_id, "
                "created_at) SELECT 'hotlist_hit', h.priority, CASE WHEN r.seen_at > :hour THEN 'new' "
                "ELSE 'closed' END, 'bench', r.camera_id, r.id, h.id, r.seen_at "
                "FROM plate_reads r JOIN hotlist h ON h.plate = r.plate"
            ),
            {"hour": now - timedelta(hours=1)},
        )
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        cameras = list(range(cam0, cam0 + args.cameras))
        with cur.copy(f"COPY violation_candidates ({', '.join(CAND_COLS)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for row in _rows(args.candidates, max(1, args.candidates // 10), cameras, operator):
                copy.write_row(row)
        raw.commit()
    finally:
        raw.close()
    took[f"{args.candidates:,} candidates (COPY) + alerts"] = time.perf_counter() - t

    t = time.perf_counter()
    # What autovacuum does in steady state (statistics, visibility map); a fresh bulk load is no state a
    # server stays in.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("plate_reads", "violation_candidates", "alerts", "hotlist", "cameras"):
            conn.exec_driver_sql(f"VACUUM ANALYZE {table}")
    took["VACUUM ANALYZE"] = time.perf_counter() - t

    # A centre runs with the audit key (README, Accounts and audit): entries are HMAC-signed and the
    # appender skips the "is the chain keyed?" query an unkeyed chain makes on every entry. The key
    # sits in a bench-only table so that --db can reuse a seeded database; a site keeps it in a file.
    key = secrets.token_bytes(32)
    with db.session() as s:
        since = AuditLog().start_keying(s, SYSTEM, key).since
        s.execute(text("CREATE TABLE bench_audit_key AS SELECT CAST(:k AS text) AS key, CAST(:n AS bigint) AS since"),
                  {"k": key.hex(), "n": since})  # fmt: skip
    return took


SIZES = "SELECT pg_total_relation_size('plate_reads'), pg_total_relation_size('audit_entries')"
TRIGRAM_INDEX = "ix_plate_reads_plate_key_trgm"
# Migration 0008's index: the expression is the plate key (LookupService's and TraceService's) character
# for character, so their LIKE '%…%' can use it.
TRIGRAM_DDL = (
    f"CREATE INDEX {TRIGRAM_INDEX} ON plate_reads USING gin "
    "((upper(replace(replace(replace(plate, '-', ''), '.', ''), ' ', ''))) gin_trgm_ops) WHERE plate IS NOT NULL"
)


def search_index(db: Database, wanted: bool) -> None:
    """The plate-search trigram index (migration 0008): added or dropped to match."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        there = conn.execute(text("SELECT to_regclass(:n)"), {"n": TRIGRAM_INDEX}).scalar_one() is not None
        if wanted and not there:
            t = time.perf_counter()
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            conn.exec_driver_sql(TRIGRAM_DDL)
            print(f"  {TRIGRAM_INDEX} built in {time.perf_counter() - t:.1f} s", flush=True)
        elif there and not wanted:
            conn.exec_driver_sql(f"DROP INDEX {TRIGRAM_INDEX}")


def audit_log(db: Database) -> AuditLog:
    with db.session() as s:
        key, since = s.execute(text("SELECT key, since FROM bench_audit_key")).one()
    return AuditLog(AuditKey(bytes.fromhex(key), int(since)))


# -- the processes -------------------------------------------------------------------------------------


@dataclass
class Started:
    """What every phase process shares: when to start (set by the parent once all are ready) and when to stop."""

    go: MpEvent
    start_at: Any  # mp.Value("d")
    seconds: float


def _wait_for_start(started: Started, ready: Any, name: str) -> float:
    ready.put(name)
    started.go.wait()
    start = float(started.start_at.value)
    time.sleep(max(0.0, start - time.time()))
    return start + started.seconds


Plate = tuple[str, str, int, str, str]  # plate, raw text, rows, colour, vehicle class


def _events(rng: random.Random, cameras: Sequence[str], pool: Sequence[Plate], listed: Sequence[tuple[str, str | None]],
            hit_rate: float, track: int) -> list[dict[str, Any]]:  # fmt: skip
    """One read per camera given, shaped as Pipeline._announce makes them."""
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
    out: list[dict[str, Any]] = []
    for k, camera in enumerate(cameras):
        plate, raw, rows, colour, vclass = pool[int(rng.random() ** 2 * len(pool))]
        roll = rng.random()
        if roll < hit_rate:
            listed_plate, listed_colour = rng.choice(listed)
            plate, colour = listed_plate, listed_colour or colour
            raw = plate.replace("-", "").replace(".", "").replace(" ", "")
            if roll < hit_rate / 2:  # an OCR confusion the hotlist still catches: 0 read as O, 8 as B
                raw = raw[:3] + raw[3:].replace("0", "O", 1).replace("8", "B", 1)
        elif roll > 1 - UNREADABLE:
            plate, raw = "", raw[:6] + "?"
        out.append({
            "event": "plate", "camera": camera, "t": round(time.monotonic(), 3), "time": stamp,
            "track": track + k, "vehicle_class": vclass, "plate": plate, "text": raw,
            "confidence": round(0.6 + rng.random() * 0.39, 3), "rows": rows, "colour": colour, "votes": 3,
            "box": [412, 388, 521, 421],
        })  # fmt: skip
    return out


def writer(url: str, index: int, of: int, batch: int, rate: float, hit_rate: float, started: Started, ready: Any,
           results: Any) -> None:  # fmt: skip
    """One analytics process with its share of the cameras (as its leases would give it).

    ``batch`` 0: one call per analysed frame that has reads, as DetectionWorker makes them (one camera,
    one read or two). ``batch`` N: one call per analysis round carrying N reads of N of its cameras, as
    a process running ``process_round`` over its cameras can make them.
    """
    db = Database.open(url)
    audit = audit_log(db)
    with tempfile.TemporaryDirectory() as tmp:
        review = ReviewService(db, audit, FineService(db, audit), Path(tmp))
        service = DetectionService(db, audit, EvidenceStore(Path(tmp)), review)
        with db.session() as s:
            op = int(s.execute(text("SELECT id FROM operators WHERE username='analytics'")).scalar_one())
            codes = [c for i, c in enumerate(s.execute(text("SELECT code FROM cameras ORDER BY id")).scalars())
                     if i % of == index]  # fmt: skip
            now_listed = (
                "SELECT plate, plate_colour FROM hotlist WHERE active AND (expires_at IS NULL OR expires_at > now())"
            )
            listed = [(str(p), c) for p, c in s.execute(text(now_listed))]
            plates = s.execute(
                text("SELECT plate, raw, rows, colour, vclass FROM bench_plate_pool ORDER BY id LIMIT 200000")
            )
            pool: list[Plate] = [(str(a), str(b), int(c), str(d), str(e)) for a, b, c, d, e in plates]
        actor = Actor("analytics", Role.OPERATOR, op)
        rng = random.Random(1000 + index)
        per_writer = rate / of if rate > 0 else 0.0
        latencies: list[float] = []
        reads = calls = alerts = errors = 0
        first_error = ""
        deadline = _wait_for_start(started, ready, f"writer {index}")
        cpu0 = time.process_time()
        next_at = time.perf_counter()
        while time.time() < deadline:
            if batch:
                cameras = [codes[(calls * batch + k) % len(codes)] for k in range(batch)]
            else:
                cameras = [codes[calls % len(codes)]] * (2 if rng.random() < TWO_READS else 1)
            events = _events(rng, cameras, pool, listed, hit_rate, calls * 4)
            t = time.perf_counter()
            try:
                stored = service.store_reads(actor, events)
                reads += len(stored)
                alerts += sum(len(r.alert_ids) for r in stored)
            except Exception as exc:  # a deadlock or lost connection is a result to count, not an end
                errors += 1
                first_error = first_error or f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
            latencies.append((time.perf_counter() - t) * 1000)
            calls += 1
            if per_writer:
                next_at += len(events) / per_writer
                time.sleep(max(0.0, next_at - time.perf_counter()))
        results.put({"role": "writer", "reads": reads, "calls": calls, "alerts": alerts, "errors": errors,
                     "first_error": first_error, "ms": latencies, "cpu": time.process_time() - cpu0})  # fmt: skip
    db.dispose()


def _ticking(deadline: float, step: Callable[[], None]) -> None:
    """``step`` every TICK_S; a step slower than the tick is followed by the next at once."""
    next_at = time.perf_counter()
    while time.time() < deadline:
        step()
        next_at += TICK_S
        wait = next_at - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        else:
            next_at = time.perf_counter()


def review_reader(url: str, started: Started, ready: Any, results: Any) -> None:
    """An operator's review page: the first page of the waiting queue, then its counts."""
    db = Database.open(url)
    audit = audit_log(db)
    with tempfile.TemporaryDirectory() as tmp:
        review = ReviewService(db, audit, FineService(db, audit), Path(tmp))
        with db.session() as s:
            op = int(s.execute(text("SELECT id FROM operators WHERE username='op1'")).scalar_one())
        actor = Actor("op1", Role.OPERATOR, op)
        f = QueueFilter()
        review.queue(actor, f, None, PAGE_SIZE)  # warm-up: pool, statement cache, buffers
        review.counts(actor, f)
        page: list[float] = []
        queue: list[float] = []
        counts: list[float] = []

        def step() -> None:
            t0 = time.perf_counter()
            rows = review.queue(actor, f, None, PAGE_SIZE).rows
            t1 = time.perf_counter()
            review.counts(actor, f)
            t2 = time.perf_counter()
            assert len(rows) == PAGE_SIZE
            queue.append((t1 - t0) * 1000)
            counts.append((t2 - t1) * 1000)
            page.append((t2 - t0) * 1000)

        deadline = _wait_for_start(started, ready, "review")
        cpu0 = time.process_time()
        _ticking(deadline, step)
    results.put({"role": "review", "page": page, "queue": queue, "counts": counts, "cpu": time.process_time() - cpu0})
    db.dispose()


def search_reader(url: str, started: Started, ready: Any, results: Any) -> None:
    """A plate search: whole plates as a roadside team types them, and the number alone as a witness recalls it."""
    db = Database.open(url)
    lookup = LookupService(db)
    with db.session() as s:
        op = int(s.execute(text("SELECT id FROM operators WHERE username='op1'")).scalar_one())
        plates = [str(p) for p in s.execute(text("SELECT plate FROM plate_reads TABLESAMPLE SYSTEM (0.05) "
                                                 "WHERE plate IS NOT NULL LIMIT 300")).scalars()]  # fmt: skip
    actor = Actor("op1", Role.OPERATOR, op)
    rng = random.Random(5)
    lookup.timeline(actor, plates[0])
    full: list[float] = []
    partial: list[float] = []
    found: list[int] = []

    def step() -> None:
        plate = rng.choice(plates)
        whole = len(full) <= 3 * len(partial)
        query = plate if whole else plate[-6:]  # "123.45": the number without province and series
        t = time.perf_counter()
        events = lookup.timeline(actor, query)
        (full if whole else partial).append((time.perf_counter() - t) * 1000)
        if whole:
            found.append(len(events))

    deadline = _wait_for_start(started, ready, "search")
    cpu0 = time.process_time()
    _ticking(deadline, step)
    results.put({"role": "search", "full": full, "partial": partial, "found": found, "cpu": time.process_time() - cpu0})
    db.dispose()


# -- phases ----------------------------------------------------------------------------------------------


def _cpu_busy() -> tuple[float, float]:
    fields = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _proc_cpu(pids: Sequence[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(stat[11]) + int(stat[12])) / CLK_TCK
        except (OSError, IndexError, ValueError):
            pass  # a backend that ended during the phase
    return total


@dataclass
class Phase:
    name: str
    writers: int
    batch: int  # 0: per frame (as DetectionWorker), N: N reads per call (one analysis round)
    rate: float
    seconds: float
    out: list[dict[str, Any]] = field(default_factory=list)
    busy: float = 0.0  # machine CPU busy, fraction of all cores
    busy_s: float = 0.0  # the same in CPU seconds
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)
    pg_cpu: float = 0.0  # CPU seconds of this database's server backends
    wal_bytes: int = 0
    table_bytes: int = 0  # growth of plate_reads with its indexes and TOAST
    audit_bytes: int = 0  # growth of audit_entries, the same way


def run_phase(url: str, phase: Phase, hit_rate: float) -> Phase:
    ctx = mp.get_context("spawn")  # fresh interpreters: no engine or connection inherited across fork
    ready, results = ctx.Queue(), ctx.Queue()
    started = Started(ctx.Event(), ctx.Value("d", 0.0), phase.seconds)
    procs = [ctx.Process(target=review_reader, args=(url, started, ready, results)),
             ctx.Process(target=search_reader, args=(url, started, ready, results))]  # fmt: skip
    procs += [
        ctx.Process(
            target=writer, args=(url, i, phase.writers, phase.batch, phase.rate, hit_rate, started, ready, results)
        )
        for i in range(phase.writers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=300)
    db = Database.open(url)
    name = db.engine.url.database
    with db.engine.connect() as conn:
        pids = [int(p) for p in conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :d AND "
                                                  "pid <> pg_backend_pid()"), {"d": name}).scalars()]  # fmt: skip
        wal0 = conn.execute(text("SELECT pg_current_wal_lsn()")).scalar_one()
        size0, audit0 = (int(x) for x in conn.execute(text(SIZES)).one())
    started.start_at.value = time.time() + 0.5
    started.go.set()
    time.sleep(0.5)
    busy0, all0, cpu0 = *_cpu_busy(), _proc_cpu(pids)
    # Sampled at the deadline, while the backends still live (they end with their processes).
    time.sleep(max(0.0, started.start_at.value + phase.seconds - time.time()))
    busy1, all1 = _cpu_busy()
    phase.pg_cpu = _proc_cpu(pids) - cpu0
    phase.out = [results.get(timeout=600) for _ in procs]
    phase.busy = (busy1 - busy0) / max(1.0, all1 - all0)
    phase.busy_s = (busy1 - busy0) / CLK_TCK
    phase.load = os.getloadavg()
    for p in procs:
        p.join()
    with db.engine.connect() as conn:
        phase.wal_bytes = int(
            conn.execute(text("SELECT pg_current_wal_lsn() - CAST(:w AS pg_lsn)"), {"w": wal0}).scalar_one()
        )
        size1, audit1 = (int(x) for x in conn.execute(text(SIZES)).one())
        phase.table_bytes, phase.audit_bytes = size1 - size0, audit1 - audit0
    db.dispose()
    return phase


# -- report ----------------------------------------------------------------------------------------------


def _of(phase: Phase, role: str) -> list[dict[str, Any]]:
    return [o for o in phase.out if o["role"] == role]


def _ms(values: Sequence[float]) -> str:
    return " | ".join(f"{pct(values, q):.1f}" for q in (50, 95, 99)) + f" | {max(values, default=float('nan')):.1f}"


def _per_read(cpu_s: float, reads: int) -> str:
    return f" ({cpu_s / reads * 1000:.2f})" if reads else ""


def report(phases: list[Phase], db: Database, args: argparse.Namespace, took: dict[str, float]) -> None:
    with db.engine.connect() as conn:
        counts = {t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
                  for t in ("plate_reads", "alerts", "violation_candidates", "hotlist", "audit_entries")}  # fmt: skip
        heap = int(conn.execute(text("SELECT pg_relation_size('plate_reads')")).scalar_one())
        indexes = conn.execute(text("SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM "
                                    "pg_index WHERE indrelid = 'plate_reads'::regclass ORDER BY 1")).all()  # fmt: skip
        server = str(conn.execute(text("SHOW server_version")).scalar_one())
        settings = {k: str(conn.execute(text(f"SHOW {k}")).scalar_one())
                    for k in ("shared_buffers", "synchronous_commit", "wal_sync_method")}  # fmt: skip
    print("\n## Seeding\n")
    for step, seconds in took.items():
        print(f"- {step}: {seconds:.1f} s")
    print(f"\nAt the end: {counts['plate_reads']:,} plate reads, {counts['alerts']:,} alerts, "
          f"{counts['violation_candidates']:,} candidates, {counts['hotlist']:,} hotlist entries, "
          f"{counts['audit_entries']:,} audit entries; {args.cameras:,} cameras. PostgreSQL {server}, "
          + ", ".join(f"{k} {v}" for k, v in settings.items()) + ".")  # fmt: skip
    per_row = heap / max(1, counts["plate_reads"])
    print(
        f"plate_reads heap {heap / 2**20:,.0f} MiB ({per_row:.0f} B/row); indexes: "
        + ", ".join(f"{n} {b / 2**20:,.0f} MiB ({b / max(1, counts['plate_reads']):.0f} B/row)" for n, b in indexes)
    )

    print(f"\n## Ingest ({args.seconds:.0f} s per phase; {os.cpu_count()} cores)\n")
    print("| phase | writers | reads/s | reads/s per writer | calls | reads/call | alerts | errors | "
          "call p50 / p95 / p99 / max ms |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for ph in phases:
        ws = _of(ph, "writer")
        if not ws:
            continue
        reads = sum(w["reads"] for w in ws)
        calls = sum(w["calls"] for w in ws)
        per = ", ".join(f"{w['reads'] / ph.seconds:.0f}" for w in ws)
        lat = [m for w in ws for m in w["ms"]]
        print(f"| {ph.name} | {ph.writers} | {reads / ph.seconds:,.0f} | {per} | {calls:,} | "
              f"{reads / max(1, calls):.2f} | {sum(w['alerts'] for w in ws)} | {sum(w['errors'] for w in ws)} | "
              f"{_ms(lat).replace(' | ', ' / ')} |")  # fmt: skip
        for w in ws:
            if w["first_error"]:
                print(f"  first error in {ph.name}: {w['first_error']}")

    print("\nWhere the CPU went (CPU seconds over the phase). Server: this database's backends of the phase's own "
          "processes. Other work: the machine's busy time minus those three, i.e. other users' jobs plus the server's "
          "parallel query workers, WAL writer, checkpointer and autovacuum.\n")  # fmt: skip
    print("| phase | writers (ms/read) | readers | server (ms/read) | other work | machine busy | load 1/5/15 | "
          "WAL MB/s (server-wide) | plate_reads growth B/read | audit_entries growth B/read |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for ph in phases:
        ws = _of(ph, "writer")
        reads = sum(w["reads"] for w in ws)
        writers = sum(w["cpu"] for w in ws)
        readers = sum(o["cpu"] for o in ph.out if o["role"] != "writer")
        others = ph.busy_s - writers - readers - ph.pg_cpu
        growth = f"{ph.table_bytes / reads:,.0f} | {ph.audit_bytes / reads:,.0f}" if reads else "— | —"
        print(f"| {ph.name} | {writers:.1f}{_per_read(writers, reads)} | {readers:.1f} | "
              f"{ph.pg_cpu:.1f}{_per_read(ph.pg_cpu, reads)} | "
              f"{max(0.0, others):.1f} | {ph.busy:.0%} | {' / '.join(f'{x:.1f}' for x in ph.load)} | "
              f"{ph.wal_bytes / ph.seconds / 1e6:.1f} | {growth} |")  # fmt: skip

    base = [m for ph in phases if not ph.writers for o in _of(ph, "review") for m in o["page"]]
    base_q = [m for ph in phases if not ph.writers for o in _of(ph, "review") for m in o["queue"]]
    print(f"\n## Review page, every {TICK_S * 1000:.0f} ms: the waiting queue's first {PAGE_SIZE} rows (queue), then "
          "its counts (page = both); target p95 < 50 ms. Baseline: both no-ingest phases together.\n")  # fmt: skip
    print("| phase | ingest reads/s | pages | page p50 | p95 | p99 | max | queue p50 | queue p95 | counts p95 | "
          "page p95 / baseline | queue p95 / baseline | page p95 < 50 ms |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for ph in phases:
        (rv,) = _of(ph, "review")
        reads = sum(w["reads"] for w in _of(ph, "writer")) / ph.seconds
        p95 = pct(rv["page"], 95)
        print(f"| {ph.name} | {reads:,.0f} | {len(rv['page'])} | {_ms(rv['page'])} | {pct(rv['queue'], 50):.1f} | "
              f"{pct(rv['queue'], 95):.1f} | {pct(rv['counts'], 95):.1f} | {p95 / pct(base, 95):.2f}× | "
              f"{pct(rv['queue'], 95) / pct(base_q, 95):.2f}× | {'yes' if p95 < 50 else 'NO'} |")  # fmt: skip

    print(f"\n## Plate search (LookupService.timeline every {TICK_S * 1000:.0f} ms, or back to back when slower; "
          f"plate-search index: {args.search_index})\n")  # fmt: skip
    print("| phase | whole plate: n | p50 | p95 | p99 | max | events found (median) | number only: n | p50 | p95 "
          "| p99 | max |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ph in phases:
        (sr,) = _of(ph, "search")
        found = statistics.median(sr["found"]) if sr["found"] else 0
        print(f"| {ph.name} | {len(sr['full'])} | {_ms(sr['full'])} | {found:.0f} | {len(sr['partial'])} | "
              f"{_ms(sr['partial'])} |")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a PostgreSQL database to use (default: create tcc_ingest_<random>)")
    parser.add_argument("--admin", default=ADMIN_URL, help="server to create the database on")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--writers", default="1,2,4", help="writer processes; a list runs one phase each")
    parser.add_argument("--rate", type=float, default=1000, help="paced phases, reads/s in total (0: none)")
    parser.add_argument("--batching", default="frame,round", help="frame (as DetectionWorker), round, or both")
    parser.add_argument("--round-reads", type=int, default=12, help="reads per call when batching per round")
    parser.add_argument(
        "--search-index",
        choices=("trigram", "none"),
        default="trigram",
        help="keep the plate-search trigram index of migration 0008, or run without it",
    )
    parser.add_argument("--backlog", type=int, default=5_000_000, help="plate reads already stored")
    parser.add_argument("--days", type=int, default=30, help="the backlog spans this many days up to now")
    parser.add_argument("--pool", type=int, default=1_000_000, help="distinct plates the reads are drawn from")
    parser.add_argument("--cameras", type=int, default=2000)
    parser.add_argument("--hotlist", type=int, default=5000)
    parser.add_argument("--hit-rate", type=float, default=0.002, help="share of new reads that are listed plates")
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="do not drop the database created")
    parser.add_argument("--seed-only", action="store_true", help="seed, report sizes and stop (implies --keep)")
    args = parser.parse_args()
    counts = [int(k) for k in args.writers.split(",") if k.strip()]

    created = None
    admin = create_engine(args.admin, isolation_level="AUTOCOMMIT")
    if args.db:
        url = args.db
    else:
        created = f"tcc_ingest_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{created}"'))
        url = make_url(args.admin).set(database=created).render_as_string(hide_password=False)
        print(f"database {created}", flush=True)
    db = Database.open(url)
    try:
        upgrade(db)
        took: dict[str, float] = {}
        with db.engine.connect() as conn:
            empty = not conn.execute(text("SELECT count(*) FROM cameras")).scalar_one()
        if empty:
            search_index(db, False)  # a bulk load goes faster without it; built afterwards, as at a site
            took = seed(db, args)
        search_index(db, args.search_index == "trigram")
        if args.seed_only:
            args.keep = True
            report([], db, args, took)
            return 0
        top = max(counts)
        plan = [Phase("baseline before", 0, 0, 0, args.seconds)]
        modes = [("per frame", 0)] if "frame" in args.batching else []
        if "round" in args.batching:
            modes.append((f"per round of {args.round_reads}", args.round_reads))
        for label, batch in modes:
            plan += [Phase(f"{label}, flat out", k, batch, 0, args.seconds) for k in (counts if not batch else [top])]
        for label, batch in modes if args.rate else []:
            plan.append(Phase(f"{label}, paced {args.rate:,.0f}/s", top, batch, args.rate, args.seconds))
        plan.append(Phase("baseline after", 0, 0, 0, args.seconds))
        done = []
        for ph in plan:
            print(f"phase: {ph.name} ({ph.seconds:.0f} s) …", flush=True)
            done.append(run_phase(url, ph, args.hit_rate))
        report(done, db, args, took)
    finally:
        db.dispose()
        if created and not args.keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
