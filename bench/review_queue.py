"""Review-queue benchmark: 1,000,000 candidates and 100,000 fines on SQLite and PostgreSQL.

Times the three things an operator waits for — open a filtered queue page, claim the next
candidate, confirm it (fine computed and stored, audit entry appended) — through the real
services, against a baseline of the bare SQL doing the same database work in the same run.
Target: < 50 ms each (DESIGN.md §5).

    .venv/bin/python bench/review_queue.py [--rows 1000000] [--fines 100000] [--repeat 30]
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test] [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.services.fines import FineService
from console.services.review import QueueFilter, ReviewService
from console.storage.db import Database
from console.storage.migrate import upgrade

RULES = ("red_light", "speed", "lane", "no_stopping", "wrong_way", "no_helmet")
T0 = datetime(2026, 1, 1, tzinfo=UTC)
CAND_COLS = ("camera_id", "rule_kind", "detected_at", "plate_raw", "plate", "plate_colour", "vehicle_class",
             "measured", "track", "model_versions", "status", "case_key", "decided_by_id", "decided_at",
             "decision_note", "version", "created_at")  # fmt: skip
FINE_COLS = ("candidate_id", "plate", "plate_colour", "vehicle_class", "violation_code", "legal_ref",
             "amount_min_vnd", "amount_max_vnd", "points", "status", "created_by_id", "created_at", "due_at",
             "note")  # fmt: skip


def _plate(rng: random.Random) -> str:
    return f"{rng.randint(11, 99)}{rng.choice('ABCDEFGHKL')}-{rng.randint(100, 999)}.{rng.randint(0, 99):02d}"


def _rows(n: int, n_fines: int, cameras: list[int], operator: int, seed: int = 7) -> Iterator[tuple[Any, ...]]:
    """Candidates oldest first; every tenth is confirmed (those get fines), the newest 40 % wait."""
    rng = random.Random(seed)
    plates = [_plate(rng) for _ in range(200_000)]
    step = timedelta(days=90) / n
    fine_every = max(1, int(n * 0.6) // n_fines)
    for i in range(n):
        at = T0 + step * i
        decided = i < n * 0.6
        status = ("confirmed" if i % fine_every == 0 else "rejected") if decided else "pending"
        rule = RULES[i % len(RULES)]
        measured = '{"speed_kmh": 118, "limit_kmh": 100}' if rule == "speed" else "{}"
        plate = plates[rng.randrange(len(plates))]
        yield (cameras[i % len(cameras)], rule, at, plate.replace("-", "").replace(".", ""), plate, "white", "car",
               measured, "{}", "{}", status, None, operator if decided else None, at + timedelta(hours=1) if decided
               else None, "", 1, at)  # fmt: skip


def _sqlite_time(value: datetime | None) -> str | None:
    # The exact text SQLAlchemy's SQLite DateTime stores, so that range comparisons agree.
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def populate(db: Database, n: int, n_fines: int) -> None:
    with db.session() as s:
        s.execute(text("INSERT INTO operators (username, display_name, role, password_hash, active, failed_attempts, "
                       "preferences, created_at) VALUES ('op1','op1','operator','-',true,0,'{}',:t), "
                       "('op2','op2','operator','-',true,0,'{}',:t)"), {"t": T0})  # fmt: skip
        for k in range(37):
            s.execute(text("INSERT INTO cameras (code, name, route, route_kind, lat, lon, direction, main_url, "
                           "enabled, created_at) VALUES (:c, :c, :r, 'city', 21.0, 105.8, '', 'rtsp://x', true, :t)"),
                      {"c": f"CAM-{k:02d}", "r": f"R{k % 5}", "t": T0})  # fmt: skip
        operator = s.execute(text("SELECT id FROM operators WHERE username='op2'")).scalar_one()
        cameras = list(s.execute(text("SELECT id FROM cameras ORDER BY id")).scalars())
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        if db.kind == "sqlite":
            cur.execute("BEGIN")
            sql = (
                f"INSERT INTO violation_candidates ({', '.join(CAND_COLS)}) VALUES ({', '.join('?' * len(CAND_COLS))})"
            )
            batch: list[tuple[Any, ...]] = []
            for row in _rows(n, n_fines, cameras, operator):
                batch.append((*row[:2], _sqlite_time(row[2]), *row[3:13], _sqlite_time(row[13]), *row[14:16],
                              _sqlite_time(row[16])))  # fmt: skip
                if len(batch) == 50_000:
                    cur.executemany(sql, batch)
                    batch.clear()
            cur.executemany(sql, batch)
            fines_sql = (f"INSERT INTO fines ({', '.join(FINE_COLS)}) SELECT id, plate, 'white', 'car', 'red_light', "
                         f"'NĐ 168/2024 Đ6.9.b', 18000000, 20000000, 4, 'final', decided_by_id, decided_at, "
                         f"datetime(detected_at, '+20 days'), '' FROM violation_candidates WHERE status='confirmed' "
                         f"LIMIT {n_fines}")  # fmt: skip
            cur.execute(fines_sql)
            cur.execute("COMMIT")
            cur.execute("ANALYZE")
        else:
            with cur.copy(f"COPY violation_candidates ({', '.join(CAND_COLS)}) FROM STDIN") as copy:
                for row in _rows(n, n_fines, cameras, operator):
                    copy.write_row(row)
            cur.execute(f"INSERT INTO fines ({', '.join(FINE_COLS)}) SELECT id, plate, 'white', 'car', 'red_light', "
                        f"'NĐ 168/2024 Đ6.9.b', 18000000, 20000000, 4, 'final', decided_by_id, decided_at, "
                        f"detected_at + interval '20 days', '' FROM violation_candidates WHERE status='confirmed' "
                        f"LIMIT {n_fines}")  # fmt: skip
            raw.commit()
    finally:
        raw.close()
    if db.kind == "postgresql":
        # What autovacuum does to a table in steady state: statistics and the visibility map
        # (index-only scans); without it a table fresh from COPY measures a state no server stays in.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE violation_candidates")
            conn.exec_driver_sql("VACUUM ANALYZE fines")


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def bare_queries(db: Database, rule: str) -> dict[str, Callable[[], Any]]:
    """The same database work as the services, as bare SQL (the floor we compare against)."""
    lock = " FOR UPDATE SKIP LOCKED" if db.kind == "postgresql" else ""
    branch = ("SELECT id, detected_at FROM (SELECT id, detected_at FROM violation_candidates WHERE status = '{s}' "
              "AND rule_kind = :r ORDER BY detected_at, id LIMIT 51) AS b_{s}")  # fmt: skip
    page_sql = text(
        "SELECT v.*, c.name, c.route, o.username FROM violation_candidates v "
        "JOIN (SELECT id FROM (" + " UNION ALL ".join(branch.format(s=s) for s in ("pending", "claimed")) + ") AS m "
        "ORDER BY detected_at, id LIMIT 51) AS t ON t.id = v.id "
        "JOIN cameras c ON c.id = v.camera_id LEFT JOIN operators o ON o.id = v.claimed_by_id "
        "ORDER BY v.detected_at, v.id"
    )
    claim_sql = text(
        "UPDATE violation_candidates SET status='claimed', claimed_by_id=1, claimed_at=:t, version=version+1 "
        "WHERE id = (SELECT id FROM violation_candidates WHERE status='pending' AND rule_kind=:r "
        f"ORDER BY detected_at, id LIMIT 1{lock}) AND status='pending' RETURNING id, version"
    )
    confirm_sql = text(
        "UPDATE violation_candidates SET status='confirmed', decided_by_id=1, decided_at=:t, version=version+1 "
        "WHERE id=:i AND version=:v AND status='claimed' AND claimed_by_id=1"
    )
    fine_sql = text(
        "INSERT INTO fines (candidate_id, plate, plate_colour, vehicle_class, violation_code, legal_ref, "
        "amount_min_vnd, amount_max_vnd, points, status, created_by_id, created_at, due_at, note) "
        "VALUES (:i, '30A-123.45', 'white', 'car', 'red_light', 'x', 18000000, 20000000, 4, 'final', 1, :t, :t, '')"
    )
    claimed: list[tuple[int, int]] = []

    def page() -> None:
        with db.session() as s:
            s.execute(page_sql, {"r": rule}).all()

    def claim() -> None:
        now = datetime.now(UTC)
        with db.session() as s:
            claimed.append(tuple(s.execute(claim_sql, {"t": now, "r": rule}).one()))

    def confirm() -> None:
        cid, version = claimed.pop(0)
        now = datetime.now(UTC)
        with db.session() as s:
            s.execute(confirm_sql, {"t": now, "i": cid, "v": version})
            s.execute(fine_sql, {"i": cid, "t": now})

    return {"page": page, "claim": claim, "confirm": confirm}


def service_calls(db: Database, rule: str, tmp: Path) -> dict[str, Callable[[], Any]]:
    audit = AuditLog()
    review = ReviewService(db, audit, FineService(db, audit), tmp)
    with db.session() as s:
        op = s.execute(text("SELECT id FROM operators WHERE username='op1'")).scalar_one()
    actor = Actor("op1", Role.OPERATOR, op)
    f = QueueFilter(rule_kind=rule)
    held: list[tuple[int, int]] = []

    def claim() -> None:
        d = review.claim_next(actor, f)
        assert d is not None
        held.append((d.id, d.version))

    def confirm() -> None:
        cid, version = held.pop(0)
        review.confirm(actor, cid, version)

    return {"page": lambda: review.queue(actor, f, None, 50), "claim": claim, "confirm": confirm}


def filter_variants(db: Database, tmp: Path) -> dict[str, Callable[[], Any]]:
    """Other filters an operator uses; measured through the services only (no separate baseline)."""
    audit = AuditLog()
    review = ReviewService(db, audit, FineService(db, audit), tmp)
    with db.session() as s:
        op = s.execute(text("SELECT id FROM operators WHERE username='op1'")).scalar_one()
        camera = s.execute(text("SELECT id FROM cameras ORDER BY id LIMIT 1")).scalar_one()
        plate = s.execute(text("SELECT plate FROM violation_candidates WHERE id = 777")).scalar_one()
    actor = Actor("op1", Role.OPERATOR, op)
    week = QueueFilter(since=T0 + timedelta(days=60), until=T0 + timedelta(days=67))
    return {
        "page: one camera": lambda: review.queue(actor, QueueFilter(camera_id=camera)),
        "page: one route": lambda: review.queue(actor, QueueFilter(route="R1")),
        "page: plate, all states": lambda: review.queue(actor, QueueFilter(plate=plate, statuses=())),
        "page: plate prefix": lambda: review.queue(actor, QueueFilter(plate=plate[:4])),
        "page: one week, waiting": lambda: review.queue(actor, week),
        "page: all states": lambda: review.queue(actor, QueueFilter(statuses=())),
        "counts (capped 10k)": lambda: review.counts(actor, QueueFilter()),
        "tracking: open fines": lambda: review.fines.tracking(actor),
    }


def run_backend(url: str, args: argparse.Namespace) -> list[tuple[str, str, float, float, float]]:
    db = Database.open(url)
    upgrade(db)
    t = time.perf_counter()
    populate(db, args.rows, args.fines)
    print(f"  {db.kind}: {args.rows:,} candidates + {args.fines:,} fines inserted in {time.perf_counter() - t:.1f} s",
          flush=True)  # fmt: skip
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        # Separate rules so that each side claims its own rows: neither run warms the other's.
        ours = service_calls(db, "red_light", Path(tmp))
        bare = bare_queries(db, "lane")
        for step in ("page", "claim", "confirm"):
            ours[step]()  # warm-up: connection pool, statement caches
            bare[step]()
            a = timed(ours[step], args.repeat)
            b = timed(bare[step], args.repeat)
            results.append((db.kind, step, statistics.median(a), sorted(a)[int(len(a) * 0.95) - 1],
                            statistics.median(b)))  # fmt: skip
        for name, call in filter_variants(db, Path(tmp)).items():
            call()
            a = timed(call, args.repeat)
            results.append((db.kind, name, statistics.median(a), sorted(a)[int(len(a) * 0.95) - 1], float("nan")))
    db.dispose()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--fines", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    rows: list[tuple[str, str, float, float, float]] = []
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            rows += run_backend(f"sqlite:///{tmp}/bench.db", args)
    if args.only != "sqlite":
        name = f"bench_review_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            rows += run_backend(make_url(args.pg).set(database=name).render_as_string(hide_password=False), args)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    print(f"\n{args.rows:,} candidates, {args.fines:,} fines, median of {args.repeat} runs (target < 50 ms)\n")
    print("| backend | step | ours median ms | ours p95 ms | bare SQL median ms | ratio | < 50 ms |")
    print("|---|---|---:|---:|---:|---:|---|")
    for kind, step, med, p95, base in rows:
        bare = "—" if base != base else f"{base:.1f}"  # NaN: no baseline for this one
        ratio = "—" if base != base else f"{med / base:.1f}×"
        print(f"| {kind} | {step} | {med:.1f} | {p95:.1f} | {bare} | {ratio} | {'yes' if p95 < 50 else 'NO'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
