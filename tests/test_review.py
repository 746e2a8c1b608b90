"""Review queue on SQLite and PostgreSQL: paging, claiming, decisions, duplicate cases, approval."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from review_setup import T0, World, hit, make_world
from sqlalchemy import func, select

from console.services.context import PermissionDenied
from console.services.evidence import EvidenceStore
from console.services.fines import FineError
from console.services.review import QueueFilter, ReviewConflict, ReviewError
from console.storage.db import Database
from console.storage.models import AuditEntry, Fine, ViolationCandidate


@pytest.fixture
def world(database: Database, tmp_path: Path) -> World:
    return make_world(database, tmp_path / "evidence")


def test_queue_pages_oldest_first_with_filters_and_keyset(world: World) -> None:
    ids = world.review.add_candidates(
        world.op1,
        [hit(world.city, minutes=m, plate=f"30A-100.{m:02d}") for m in range(7)]
        + [hit(world.expressway, "speed", minutes=3.5, speed_kmh=130, limit_kmh=100)],
    )
    seen: list[int] = []
    page = world.review.queue(world.op1, QueueFilter(), limit=3)
    while True:
        seen += [r.id for r in page.rows]
        if page.next is None:
            break
        page = world.review.queue(world.op1, QueueFilter(), after=page.next, limit=3)
    assert seen == [*ids[:4], ids[7], *ids[4:7]]  # detection time order, each row once
    only_speed = world.review.queue(world.op1, QueueFilter(rule_kind="speed"))
    assert [r.id for r in only_speed.rows] == [ids[7]]
    assert [r.id for r in world.review.queue(world.op1, QueueFilter(route="CT.01")).rows] == [ids[7]]
    assert [r.id for r in world.review.queue(world.op1, QueueFilter(plate="30a10003")).rows] == [ids[3]]
    assert len(world.review.queue(world.op1, QueueFilter(plate="30A-100")).rows) == 7  # a plate's start
    window = QueueFilter(since=T0 + timedelta(minutes=2), until=T0 + timedelta(minutes=4))
    assert [r.id for r in world.review.queue(world.op1, window).rows] == [ids[2], ids[3], ids[7]]
    assert world.review.counts(world.op1, QueueFilter())["pending"] == 8


def test_confirm_computes_the_fine_with_owner_and_audit(world: World) -> None:
    (cid,) = world.review.add_candidates(world.op1, [hit(world.city, "speed", speed_kmh=75, limit_kmh=60)])
    claimed = world.review.claim_next(world.op1)
    assert claimed is not None and claimed.id == cid and claimed.claimed_by == "op1"
    assert claimed.assessment is not None and claimed.assessment.owner_name == "Lê Văn A"
    decision = world.review.confirm(world.op1, cid, claimed.version)
    assert (decision.fine_status, decision.owner_known) == ("final", True)
    with world.db.session() as s:
        fine = s.scalars(select(Fine)).one()
        assert (fine.violation_code, fine.legal_ref, fine.amount_min_vnd, fine.amount_max_vnd, fine.points) == (
            "speed_10_20", "NĐ 168/2024 Đ6.5.đ", 4_000_000, 6_000_000, 2,
        )  # fmt: skip
        assert fine.due_at == T0 + timedelta(days=20)
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    assert {"review.claim", "review.confirm"} <= set(actions)
    assert world.audit.verify(world.db).ok


def test_registration_class_wins_over_detection_and_unknown_owner_is_flagged(world: World) -> None:
    # Detected as a car, registered as a truck with a yellow plate: still article 6, owner known.
    a, b = world.review.add_candidates(
        world.op1,
        [
            hit(world.city, plate="51D-208.63", colour="yellow", vehicle_class="bus"),
            hit(world.city, plate="88A-777.77", minutes=1),
        ],
    )
    first = world.review.claim_next(world.op1)
    assert first is not None and first.assessment is not None
    assert first.assessment.vehicle_class == "truck"
    world.review.confirm(world.op1, a, first.version)
    second = world.review.claim_next(world.op1)
    assert second is not None
    assert world.review.confirm(world.op1, b, second.version).owner_known is False
    rows = {r.plate: r for r in world.fines.tracking(world.op1, now=T0 + timedelta(days=11))}
    assert rows["88A-777.77"].owner_overdue and not rows["51D-208.63"].owner_overdue


def test_a_plate_that_cannot_exist_is_refused_and_nothing_changes(world: World) -> None:
    (cid,) = world.review.add_candidates(world.op1, [hit(world.city, plate=None)])
    claimed = world.review.claim_next(world.op1)
    assert claimed is not None and claimed.assessment is None and "unreadable" in (claimed.assessment_problem or "")
    with pytest.raises(ReviewError, match="cannot be a Vietnamese plate"):
        world.review.correct_plate(world.op1, cid, claimed.version, "00Q-12")
    with pytest.raises(ReviewError, match="unreadable"):
        world.review.confirm(world.op1, cid, claimed.version)
    same = world.review.detail(world.op1, cid)
    assert (same.version, same.corrected_plate, same.status) == (claimed.version, None, "claimed")
    fixed = world.review.correct_plate(world.op1, cid, claimed.version, "29 b1 12345")
    assert fixed.corrected_plate == "29-B1 123.45" and fixed.version == claimed.version + 1
    assert fixed.assessment is not None and fixed.assessment.owner_name == "Trần Thị B"
    assert fixed.assessment.computed.penalty.article == 7  # the registration says motorbike
    world.review.confirm(world.op1, cid, fixed.version)
    with world.db.session() as s:
        assert s.scalar(select(Fine.plate)) == "29-B1 123.45"


def test_a_candidate_is_never_decided_twice(world: World) -> None:
    (cid,) = world.review.add_candidates(world.op1, [hit(world.city)])
    claimed = world.review.claim(world.op1, cid)
    with pytest.raises(ReviewConflict, match="being reviewed by op1"):
        world.review.claim(world.op2, cid)
    with pytest.raises(ReviewConflict):
        world.review.confirm(world.op2, cid, claimed.version)  # op2 never claimed it
    world.review.confirm(world.op1, cid, claimed.version)
    with pytest.raises(ReviewConflict, match="already decided \\(confirmed\\) by op1"):
        world.review.confirm(world.op1, cid, claimed.version)
    with pytest.raises(ReviewConflict):
        world.review.reject(world.op1, cid, claimed.version + 1, "detection_error")
    with world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Fine)) == 1


def test_reject_needs_a_listed_reason_and_other_needs_text(world: World) -> None:
    (cid,) = world.review.add_candidates(world.op1, [hit(world.city)])
    claimed = world.review.claim_next(world.op1)
    assert claimed is not None
    with pytest.raises(ReviewError, match="not a reject reason"):
        world.review.reject(world.op1, cid, claimed.version, "bored")
    with pytest.raises(ReviewError, match="needs a short explanation"):
        world.review.reject(world.op1, cid, claimed.version, "other", "  ")
    world.review.reject(world.op1, cid, claimed.version, "other", "xe cứu thương không bật đèn")
    with world.db.session() as s:
        row = s.get(ViolationCandidate, cid)
        assert row is not None and (row.status, row.reject_reason) == ("rejected", "other")


def test_skip_gives_the_candidate_back_and_claim_next_moves_on(world: World) -> None:
    a, b = world.review.add_candidates(world.op1, [hit(world.city), hit(world.city, plate="30A-999.99", minutes=1)])
    first = world.review.claim_next(world.op1)
    assert first is not None and first.id == a
    world.review.skip(world.op1, a, first.version)
    nxt = world.review.claim_next(world.op1, exclude=[a])
    assert nxt is not None and nxt.id == b
    again = world.review.claim_next(world.op2)
    assert again is not None and again.id == a


def test_expired_claims_return_to_the_queue(database: Database, tmp_path: Path) -> None:
    clock = [T0]
    world = make_world(database, tmp_path, claim_timeout_s=60, clock=lambda: clock[0])
    (cid,) = world.review.add_candidates(world.op1, [hit(world.city)])
    stale = world.review.claim_next(world.op1)
    assert stale is not None and world.review.claim_next(world.op2) is None
    clock[0] = T0 + timedelta(seconds=61)
    taken = world.review.claim_next(world.op2)
    assert taken is not None and taken.id == cid
    with pytest.raises(ReviewConflict):
        world.review.confirm(world.op1, cid, stale.version)  # the late operator loses, visibly


def test_same_plate_and_rule_within_the_window_is_one_case(world: World) -> None:
    a, b, c, d = world.review.add_candidates(
        world.op1,
        [
            hit(world.city, minutes=0),
            hit(world.city, minutes=30),  # same case
            hit(world.city, minutes=200),  # outside the hour: a new case
            hit(world.city, "lane", minutes=10),  # another rule: another case
        ],
    )
    keys = {i: world.review.detail(world.op1, i).case_key for i in (a, b, c, d)}
    assert keys[a] == keys[b] and len({keys[a], keys[c], keys[d]}) == 3
    claimed = world.review.claim(world.op1, b)
    assert claimed.case_size == 2
    decision = world.review.confirm(world.op1, b, claimed.version)
    assert decision.duplicates_closed == (a,)
    assert world.review.detail(world.op1, a).status == "duplicate"
    (late,) = world.review.add_candidates(world.op1, [hit(world.city, minutes=40)])
    assert world.review.detail(world.op1, late).status == "duplicate"  # the case is decided already


def test_high_fines_wait_for_a_supervisor_and_an_operator_cannot_approve(world: World) -> None:
    (cid,) = world.review.add_candidates(world.op1, [hit(world.expressway, "no_stopping", dwell_s=90)])
    claimed = world.review.claim_next(world.op1)
    assert claimed is not None
    decision = world.review.confirm(world.op1, cid, claimed.version)
    assert decision.fine_status == "pending_approval"  # 12–14 million > 10 million threshold
    assert decision.fine_id is not None
    with pytest.raises(PermissionDenied):
        world.fines.approve(world.op2, decision.fine_id)
    with pytest.raises(PermissionDenied):
        world.fines.approval_queue(world.op1)
    assert [f.id for f in world.fines.approval_queue(world.supervisor)] == [decision.fine_id]
    world.fines.approve(world.supervisor, decision.fine_id)
    assert world.fines.approval_queue(world.supervisor) == []
    with pytest.raises(FineError, match="not waiting for approval"):
        world.fines.approve(world.supervisor, decision.fine_id)


def test_a_supervisor_cannot_approve_a_fine_they_confirmed(world: World) -> None:
    (cid,) = world.review.add_candidates(world.op1, [hit(world.city, "red_light")])  # 18–20 million
    claimed = world.review.claim_next(world.supervisor)
    assert claimed is not None
    decision = world.review.confirm(world.supervisor, cid, claimed.version)
    assert decision.fine_id is not None and decision.fine_status == "pending_approval"
    with pytest.raises(FineError, match="cannot also approve"):
        world.fines.approve(world.supervisor, decision.fine_id)


def test_unresolved_fines_are_listed_for_publication_after_20_days(world: World) -> None:
    a, b = world.review.add_candidates(
        world.op1,
        [
            hit(world.city, "speed", speed_kmh=68, limit_kmh=60),
            hit(
                world.city,
                "speed",
                plate="29-B1 123.45",
                vehicle_class="motorbike",
                minutes=1,
                speed_kmh=68,
                limit_kmh=60,
            ),
        ],
    )
    fine_ids = []
    for _ in (a, b):
        c = world.review.claim_next(world.op1)
        assert c is not None
        decision = world.review.confirm(world.op1, c.id, c.version)
        fine_ids.append(decision.fine_id)
    assert fine_ids[1] is not None
    world.fines.resolve(world.op1, fine_ids[1], "đã nộp phạt")
    assert world.fines.publication_list(world.op1, now=T0 + timedelta(days=19)) == []
    listed = world.fines.publish(world.supervisor, now=T0 + timedelta(days=20, minutes=5))
    assert [(r.plate, r.vehicle_type, r.plate_colour) for r in listed] == [("30A-123.45", "car", "white")]
    assert listed[0].legal_ref == "NĐ 168/2024 Đ6.3.a" and listed[0].phone
    with pytest.raises(PermissionDenied):
        world.fines.publish(world.op1)


def test_statistics_count_decisions_per_operator_shift_and_rule(world: World) -> None:
    world.review.add_candidates(world.op1, [hit(world.city, plate=f"30A-200.{i:02d}", minutes=i) for i in range(3)])
    for reason in (None, "detection_error", None):
        c = world.review.claim_next(world.op1)
        assert c is not None
        if reason:
            world.review.reject(world.op1, c.id, c.version, reason)
        else:
            world.review.confirm(world.op1, c.id, c.version)
    stats = world.review.stats(world.op1, since=T0 - timedelta(days=400))
    assert stats.per_rule == {"red_light": (2, 1)}
    assert stats.per_camera == {"Ngã tư Sở": (2, 1)}
    (((who, _shift), counts),) = stats.per_operator_shift.items()
    assert who == "op1" and counts == {"confirmed": 2, "rejected": 1, "duplicate": 0}


def test_evidence_store_keeps_one_file_per_content_and_notices_tampering(database: Database, tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path / "ev")
    with database.session() as s:
        a = store.put(s, b"\xff\xd8frame-bytes", "frame")
        b = store.put(s, b"\xff\xd8frame-bytes", "frame")
        assert a.id == b.id and a.sha256 == hashlib.sha256(b"\xff\xd8frame-bytes").hexdigest()
        assert store.path_of(a).read_bytes() == b"\xff\xd8frame-bytes" and store.verify(a)
        store.path_of(a).write_bytes(b"\xff\xd8edited")
        assert not store.verify(a)


def test_a_partial_plate_finds_one_row_and_two_row_plates(world: World) -> None:
    plates = ["29-B1 123.45", "29B-112.34", "29A-5613", "30A-123.45", "29-MD1 456.78"]
    ids = dict(zip(plates, world.review.add_candidates(
        world.op1, [hit(world.city, plate=p, minutes=i) for i, p in enumerate(plates)]
    ), strict=True))  # fmt: skip

    def found(typed: str) -> set[str]:
        rows = world.review.queue(world.op1, QueueFilter(plate=typed, statuses=())).rows
        return {r.plate or "" for r in rows}

    assert found("29B1") == {"29-B1 123.45", "29B-112.34"}  # motorbike B1… and car B-1…
    assert found("29-b1 12") == {"29-B1 123.45", "29B-112.34"}
    assert found("29A56") == {"29A-5613"}  # the older four-digit form
    assert found("29MD1") == {"29-MD1 456.78"}
    assert found("29") == {"29-B1 123.45", "29B-112.34", "29A-5613", "29-MD1 456.78"}
    assert found("31") == set()
    assert len(ids) == 5
