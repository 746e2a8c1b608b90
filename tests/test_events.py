"""Live events: announced on commit only, heard by other processes within a second, resync after a lost link."""

from __future__ import annotations

import queue
import subprocess
import sys
import time
from pathlib import Path

import pytest
from review_setup import World, hit, make_world
from sqlalchemy import create_engine, text

from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.services.detections import DetectionService
from console.services.dispatch import DispatchService, NewIncident
from console.services.events import RESYNC, Event, EventListener
from console.services.evidence import EvidenceStore
from console.services.review import ReviewConflict
from console.storage.db import Database
from console.storage.models import HotlistEntry

ROOT = Path(__file__).resolve().parents[1]


def _listen(db: Database) -> tuple[EventListener, queue.Queue[tuple[float, Event]]]:
    heard: queue.Queue[tuple[float, Event]] = queue.Queue()
    listener = EventListener(db, lambda e: heard.put((time.monotonic(), e)), retry_s=0.2)
    listener.start()
    assert listener.connected.wait(10)
    assert heard.get(timeout=5)[1] == Event(RESYNC, 0)
    return listener, heard


def _drain(heard: queue.Queue[tuple[float, Event]], wait: float = 1.0) -> list[Event]:
    got: list[Event] = []
    deadline = time.monotonic() + wait
    while (left := deadline - time.monotonic()) > 0:
        try:
            got.append(heard.get(timeout=left)[1])
        except queue.Empty:
            break
    return got


def test_decisions_are_announced_after_commit_and_a_refused_one_not_at_all(database: Database, tmp_path: Path) -> None:
    world: World = make_world(database, tmp_path / "evidence")
    listener, heard = _listen(database)
    try:
        (cid,) = world.review.add_candidates(world.op1, [hit(world.city)])
        claimed = world.review.claim(world.op1, cid)
        world.review.confirm(world.op1, cid, claimed.version)
        assert _drain(heard) == [Event("candidate", cid), Event("candidate", cid), Event("decision", cid)]
        with pytest.raises(ReviewConflict):
            world.review.confirm(world.op1, cid, claimed.version)  # stale version: rolled back
        assert _drain(heard, 0.5) == []
    finally:
        listener.stop()


def test_a_hotlist_alert_from_plate_reads_is_announced_and_a_plain_read_is_not(
    database: Database, tmp_path: Path
) -> None:
    # Unannounced, an analytics service's alert reached no console until someone refreshed the page.
    world: World = make_world(database, tmp_path / "evidence")
    detections = DetectionService(database, world.audit, EvidenceStore(tmp_path / "evidence"), world.review)
    with database.session() as s:
        s.add(HotlistEntry(plate="30A-123.45", reason="stolen", priority=1))
    listener, heard = _listen(database)
    try:
        read = {"event": "plate", "camera": "HN-1", "plate": "30A-123.45", "text": "30A-123.45", "rows": 1}
        (stored,) = detections.store_reads(world.op1, [read])
        assert _drain(heard) == [Event("alert", stored.alert_ids[0])]
        detections.store_reads(world.op1, [{**read, "plate": "51G-888.88", "text": "51G-888.88"}])
        assert _drain(heard, 0.5) == []  # plate reads themselves are never announced (docs/scaling.md)
    finally:
        listener.stop()


@pytest.mark.postgres
def test_another_process_dispatch_is_heard_within_a_second_and_a_lost_link_resyncs(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("across processes is PostgreSQL's LISTEN/NOTIFY; SQLite is one process's own")
    db = Database.open(db_url)
    listener, heard = _listen(db)
    try:
        script = (
            "import sys; sys.path[:0] = [sys.argv[2]]\n"
            "from console.services.audit import AuditLog\n"
            "from console.services.context import SYSTEM\n"
            "from console.services.dispatch import DispatchService, NewIncident\n"
            "from console.storage.db import Database\n"
            "d = DispatchService(Database.open(sys.argv[1]), AuditLog())\n"
            "print(d.create_incident(SYSTEM, NewIncident('crash', 1, 21.03, 105.85)), flush=True)\n"
        )
        sent = time.monotonic()
        out = subprocess.run([sys.executable, "-c", script, db_url, str(ROOT)], capture_output=True, text=True,
                             timeout=60, check=True).stdout  # fmt: skip
        at, e = heard.get(timeout=5)
        assert e == Event("incident", int(out)) and at - sent < 10  # includes the child's start-up
        # The listening connection is cut, as a database restart would: it comes back and says resync.
        admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            cut = conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' "
                                    "AND datname = current_database()")).all()  # fmt: skip
            assert cut
            assert heard.get(timeout=10)[1] == Event(RESYNC, 0)
            assert listener.connected.wait(5)
            conn.execute(text("NOTIFY tcc_events, 'not an event'"))  # logged and ignored
            t0 = time.monotonic()
            incident = DispatchService(db, AuditLog()).create_incident(
                SYSTEM, NewIncident("road_hazard", 2, 21.0, 105.8)
            )
            at, e = heard.get(timeout=5)
            assert e == Event("incident", incident)
            print(f"heard {at - t0:.3f} s after the commit, after a reconnect")
        admin.dispose()
    finally:
        listener.stop()
        db.dispose()
