"""Citizen intake benchmark: accepted requests per second and latency, through real HTTP.

A server on a free loopback port (the same IntakeServer `main.py intake serve` runs) with the real
services and database; client threads post violation reports with a 1920x1080 JPEG photo (each
photo different, so the content-hashed store writes every one) and help requests (incident, alert,
nearest-team suggestions). Local only, a bounded number of requests; the rate limit is raised so
that the figure is the intake's cost, not its limit.

    .venv/bin/python bench/intake.py [--requests 200] [--clients 4]
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test] [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import cv2  # noqa: E402
from db_setup import pg_database  # noqa: E402
from gps_setup import add_units  # noqa: E402
from intake_setup import SCENE, Running, add_cameras, report, running_intake  # noqa: E402

from console.demo.evidence_art import draw_evidence  # noqa: E402
from console.storage.db import Database  # noqa: E402
from console.storage.migrate import upgrade  # noqa: E402


def _photos(n: int) -> list[bytes]:
    """n different phone-sized JPEGs (a drawn street scene with a changing corner)."""
    drawn = draw_evidence(plate="30A-123.45", vehicle_class="car", rule_kind="red_light", camera_code="",
                          detected_at=datetime.now(UTC), measured={})  # fmt: skip
    base = cv2.resize(drawn.frame, (1920, 1080), interpolation=cv2.INTER_CUBIC)
    out = []
    for i in range(n):
        img = base.copy()
        cv2.putText(img, f"#{i}", (40, 80), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
        ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])
        assert ok
        out.append(bytes(data.tobytes()))
    return out


def _run(clients: int, bodies: list[dict[str, Any]], send: Callable[[dict[str, Any]], int]) -> dict[str, float]:
    latencies: list[float] = []
    accepted = 0
    lock = threading.Lock()
    queue = list(reversed(bodies))

    def worker() -> None:
        nonlocal accepted
        while True:
            with lock:
                if not queue:
                    return
                body = queue.pop()
            t0 = time.perf_counter()
            status = send(body)
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                accepted += status == 201

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    return {"accepted": accepted, "sent": len(bodies), "per_s": accepted / wall, "p50_ms": q[49] * 1000,
            "p95_ms": q[94] * 1000}  # fmt: skip


def run_backend(db: Database, folder: Path, args: argparse.Namespace) -> list[tuple[str, dict[str, float]]]:
    add_cameras(db)
    add_units(db, [(f"T{i:02d}", "t", f"d{i}", "available") for i in range(20)],
              {f"T{i:02d}": (SCENE[0] + i * 0.01, SCENE[1], 5) for i in range(20)})  # fmt: skip
    at = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    reports = [report(p, time=at, plate=None) for p in _photos(args.requests)]
    helps = [{"kind": "accident", "lat": SCENE[0] + (i % 50) * 0.001, "lon": SCENE[1], "phone": "0912345678"}
             for i in range(args.requests)]  # fmt: skip
    limits = {"rate_burst": 10 * args.requests, "rate_per_minute": 60_000.0}
    with running_intake(db, folder, **limits) as run:
        token = run.tokens["citizen-app"]

        def post(path: str) -> Callable[[dict[str, Any]], int]:
            return lambda body: Running.post(run, path, body, token)[0]

        return [
            ("report + photo", _run(args.clients, reports, post("/v1/reports"))),
            ("help request", _run(args.clients, helps, post("/v1/help"))),
        ]


def _show(backend: str, results: list[tuple[str, dict[str, float]]], photo_kb: float) -> None:
    for name, r in results:
        print(
            f"{backend:<11} {name:<15} {r['accepted']:>4.0f}/{r['sent']:<4.0f} accepted  {r['per_s']:6.1f} req/s"
            f"  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms"
            + (f"  (photo {photo_kb:.0f} kB)" if name.startswith("report") else "")
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="of each kind (bounded: at most 2000)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    args.requests = min(args.requests, 2000)
    photo_kb = len(_photos(1)[0]) / 1024
    print(f"{args.requests} requests of each kind from {args.clients} client threads, loopback HTTP")
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "sqlite"):
            db = Database.open(f"sqlite:///{tmp}/bench.db")
            upgrade(db)
            _show("SQLite", run_backend(db, Path(tmp) / "sqlite", args), photo_kb)
            db.dispose()
        if args.only in (None, "postgresql"):
            with pg_database("bench_intake", migrate=True) as (_name, url):
                db = Database.open(url)
                _show("PostgreSQL", run_backend(db, Path(tmp) / "pg", args), photo_kb)
                db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
