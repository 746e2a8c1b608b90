"""Two operators at once, on the real PostgreSQL server (and the same guarantees on SQLite)."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from review_setup import World, hit, make_world
from sqlalchemy import func, select, text

from console.services.review import CandidateDetail, ReviewConflict
from console.storage.db import Database
from console.storage.models import Fine, ViolationCandidate


@pytest.fixture
def world(database: Database, tmp_path: Path) -> World:
    return make_world(database, tmp_path / "evidence")


@pytest.mark.postgres
def test_claim_skips_a_row_another_workstation_holds_locked(db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises writers instead")
    db = Database.open(db_url)
    try:
        world = make_world(db, tmp_path)
        first, second = world.review.add_candidates(world.op1, [hit(world.city), hit(world.city, minutes=1)])
        # Another session holds the oldest row locked in an open transaction, as a workstation in
        # the middle of claiming it would; our claim must neither wait for it nor take it.
        with db.engine.connect() as other, ThreadPoolExecutor(1) as pool:
            other.execute(text("SELECT id FROM violation_candidates WHERE id = :i FOR UPDATE"), {"i": first})
            # On a worker thread, so that a claim that waited for the lock fails the test instead of hanging.
            got = pool.submit(world.review.claim_next, world.op2).result(timeout=10)
            assert got is not None and got.id == second
            other.rollback()
        later = world.review.claim_next(world.op1)
        assert later is not None and later.id == first
    finally:
        db.dispose()


def test_concurrent_operators_never_claim_the_same_candidate(world: World) -> None:
    ids = world.review.add_candidates(
        world.op1, [hit(world.city, plate=f"30A-3{i:02d}.11", minutes=i) for i in range(24)]
    )
    start = threading.Barrier(2)

    def work(actor_name: str) -> list[int]:
        actor = world.op1 if actor_name == "op1" else world.op2
        start.wait()
        mine: list[int] = []
        while (c := world.review.claim_next(actor)) is not None:
            mine.append(c.id)
            world.review.confirm(actor, c.id, c.version)
        return mine

    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(work, ["op1", "op2"])
    assert sorted(a + b) == ids and not set(a) & set(b)
    with world.db.session() as s:
        per_candidate = Counter(s.scalars(select(Fine.candidate_id)))
        assert set(per_candidate.values()) == {1} and len(per_candidate) == len(ids)
        assert s.scalar(select(func.count()).where(ViolationCandidate.status == "confirmed")) == len(ids)


def test_two_decisions_race_on_one_candidate_and_exactly_one_wins(world: World) -> None:
    (cid,) = world.review.add_candidates(world.op1, [hit(world.city)])
    claimed: CandidateDetail = world.review.claim(world.op1, cid)
    start = threading.Barrier(2)

    def decide(kind: str) -> str:
        start.wait()
        try:
            if kind == "confirm":
                world.review.confirm(world.op1, cid, claimed.version)
            else:
                world.review.reject(world.op1, cid, claimed.version, "detection_error")
            return "won"
        except ReviewConflict:
            return "lost"
        except Exception as exc:  # SQLite: the loser may also see "database is locked"
            if "locked" in str(exc):
                return "lost"
            raise

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(decide, ["confirm", "reject"]))
    assert outcomes == ["lost", "won"]
    with world.db.session() as s:
        row = s.get(ViolationCandidate, cid)
        assert row is not None and row.version == claimed.version + 1
        fines = s.scalar(select(func.count()).select_from(Fine))
        assert (row.status, fines) in (("confirmed", 1), ("rejected", 0))
