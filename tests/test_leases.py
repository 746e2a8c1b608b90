"""Camera leases on SQLite and the real PostgreSQL: shared fairly, never twice, taken over when a holder dies."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from console.services.leases import LeaseError, LeaseService, select_cameras
from console.storage.db import Database
from console.storage.models import Camera


def _cameras(db: Database, n: int = 10) -> list[int]:
    with db.session() as s:
        rows = [Camera(code=f"HN-{i:02d}" if i < n - 2 else f"CT-{i:02d}", name=f"Cam {i}",
                       route="CT.01" if i >= n - 2 else "Hà Nội", route_kind="city", lat=21.0, lon=105.8,
                       main_url=f"rtsp://127.0.0.1/{i}") for i in range(n)]  # fmt: skip
        s.add_all(rows)
        s.flush()
        return [c.id for c in rows]


def test_selectors_pick_cameras_by_code_glob_and_route(database: Database) -> None:
    ids = _cameras(database)
    assert select_cameras(database, "all") == ids
    assert select_cameras(database, "HN-0*") == ids[:8]
    assert select_cameras(database, "route:CT.01") == ids[8:]
    assert select_cameras(database, "HN-01, CT-09") == [ids[1], ids[9]]
    for bad in ("", " , ", "XX-*", "route:QL1A"):
        with pytest.raises(LeaseError):
            select_cameras(database, bad)


def test_two_processes_share_the_cameras_fairly_and_never_hold_the_same_one(database: Database) -> None:
    ids = _cameras(database)
    a, b = LeaseService(database, "a", lease_s=30), LeaseService(database, "b", lease_s=30)
    assert a.renew(ids).held == tuple(ids)  # alone: everything
    first_b = b.renew(ids)
    assert first_b.nodes == 2 and first_b.share == 5 and first_b.held == ()  # nothing free yet
    shed = a.renew(ids)
    assert len(shed.held) == 5 and len(shed.released) == 5
    took = b.renew(ids)
    assert set(took.held) == set(shed.released) and not set(took.held) & set(shed.held)
    assert sorted(LeaseService(database, "x").holders()) == ids


def test_a_dead_holders_cameras_are_taken_over_after_its_lease(database: Database) -> None:
    ids = _cameras(database, 6)
    a, b = LeaseService(database, "a", lease_s=1.0), LeaseService(database, "b", lease_s=1.0)
    a.renew(ids)
    b.renew(ids)
    a.renew(ids)
    assert len(b.renew(ids).held) == 3
    died = time.monotonic()
    # "a" stops renewing (killed). "b" renews as its loop does, every third of a lease.
    while len(b.renew(ids).held) < 6:
        assert time.monotonic() - died < 3.0, "the dead holder's cameras were not taken over"
        time.sleep(1 / 3)
    assert time.monotonic() - died <= 1.0 + 1 / 3 + 0.3  # one lease, one renewal step, some slack
    assert a.fenced()  # "a", if it was only stalled, knows its leases are gone before it analyses again
    assert set(LeaseService(database, "x").holders().values()) == {"b"}


def test_capacity_caps_the_share_and_release_all_frees_at_once(database: Database) -> None:
    ids = _cameras(database, 8)
    small = LeaseService(database, "small", lease_s=30, capacity=3)
    assert len(small.renew(ids).held) == 3
    other = LeaseService(database, "other", lease_s=30)
    assert len(other.renew(ids).held) == 4  # two processes alive: a share of 4; 5 were free
    small.release_all()
    assert len(other.renew(ids).held) == 8
    assert "small" not in LeaseService(database, "x").holders().values()


def test_renewals_racing_from_four_holders_never_give_one_camera_to_two(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        ids = _cameras(db, 12)
        holders = [LeaseService(db, f"h{i}", lease_s=30) for i in range(4)]
        start = threading.Barrier(4)
        overlaps: list[str] = []
        held: dict[str, set[int]] = {}
        lock = threading.Lock()

        def loop(h: LeaseService) -> None:
            start.wait()
            for _ in range(15):
                mine = set(h.renew(ids).held)
                with lock:
                    held[h.holder] = mine
                    others = set().union(*(v for k, v in held.items() if k != h.holder))
                    if mine & others:
                        overlaps.append(f"{h.holder}: {sorted(mine & others)}")

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(loop, holders))
        assert overlaps == []
        for _ in range(2):  # quiet rounds: whatever was shed in the race is taken up again
            final = [set(h.renew(ids).held) for h in holders]
        assert sorted(c for f in final for c in f) == ids and all(len(f) == 3 for f in final)
    finally:
        db.dispose()
