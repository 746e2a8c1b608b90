"""Two workstations, two processes, one database: racing on claim, confirm, approve and dispatch.

Both processes (tests/faults/workstation.py, the same services as the console's pages, each with its
own engine) start at the same instant and draw the same sequence of cases, fines, incidents and units,
so they keep colliding on the same rows. Proven afterwards from the database itself:
- no case has two confirmed hits and no candidate two fines (0 double fines); every confirm a
  workstation acknowledged has its fine, and the two sets of acknowledged confirms are disjoint;
- no fine approved twice (one `fine.approve` entry per fine, acknowledged by one workstation);
- no unit ever had two dispatches active at once (0 double dispatches), each dispatch audited once;
- the only refusals are the services' own "someone else was first" errors; no deadlock, no raw
  database error; the audit chain verifies.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from fault_kit import FaultRow, fresh_database
from sqlalchemy import func, select
from workstation import seed_world

from console.services.audit import AuditLog
from console.storage.db import Database
from console.storage.models import AuditEntry, Dispatch, Fine, ViolationCandidate

HERE = Path(__file__).resolve().parent
SEED = 20261204


def _run_pair(url: str, evidence: Path, iterations: int) -> list[list[str]]:
    start_at = time.time() + 4  # both processes imported and connected before the first move
    procs = []
    for user, sup in (("op1", "sup1"), ("op2", "sup2")):
        cmd = [sys.executable, str(HERE / "workstation.py"), url, str(evidence), "race", user, sup, str(SEED),
               str(iterations), str(start_at)]  # fmt: skip
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err[-3000:]
        outputs.append(out.splitlines())
    return outputs


def _overlapping_dispatches(db: Database) -> int:
    """Dispatches of one unit whose active spans overlap: a unit sent to two places at once."""
    with db.session() as s:
        rows = s.execute(
            select(Dispatch.unit_id, Dispatch.dispatched_at, Dispatch.cleared_at, Dispatch.status).order_by(
                Dispatch.unit_id, Dispatch.dispatched_at, Dispatch.id
            )
        ).all()
    overlaps = 0
    for prev, cur in itertools.pairwise(rows):
        if prev.unit_id == cur.unit_id and (prev.cleared_at is None or prev.cleared_at > cur.dispatched_at):
            overlaps += 1
    active = Counter(r.unit_id for r in rows if r.status in ("sent", "acknowledged", "arrived"))
    return overlaps + sum(n - 1 for n in active.values() if n > 1)


def scenario(times: int, work: Path, backend: str) -> FaultRow:
    with fresh_database(backend, work) as url:
        db = Database.open(url)
        try:
            seed_world(db, cases=max(20, times // 5), units=4, incidents=6)
            outputs = _run_pair(url, work / "evidence", times)
            lines = [line.split() for out in outputs for line in out]
            errors = [" ".join(w) for w in lines if w[0] == "error"]
            acks = [Counter(w[1] for w in (line.split() for line in out) if w[0] == "ack") for out in outputs]
            confirmed = [{int(w[2]) for w in (line.split() for line in out) if w[:2] == ["ack", "confirm"]}
                         for out in outputs]  # fmt: skip
            approved = [int(w[2]) for w in lines if w[:2] == ["ack", "approve"]]
            sent = [int(w[2]) for w in lines if w[:2] == ["ack", "dispatch"]]
            with db.session() as s:
                fines_per_candidate = Counter(s.scalars(select(Fine.candidate_id)))
                confirmed_per_case = Counter(
                    s.scalars(select(ViolationCandidate.case_key).where(ViolationCandidate.status == "confirmed"))
                )
                stored_confirmed = set(
                    s.scalars(select(ViolationCandidate.id).where(ViolationCandidate.status == "confirmed"))
                )
                approvals = Counter(s.scalars(select(AuditEntry.object_id).where(AuditEntry.action == "fine.approve")))
                dispatch_audits = s.scalar(select(func.count()).where(AuditEntry.action == "unit.dispatch"))
                dispatches = set(s.scalars(select(Dispatch.id)))
            double_fines = sum(n - 1 for n in fines_per_candidate.values() if n > 1) + sum(
                n - 1 for n in confirmed_per_case.values() if n > 1
            )
            double_approvals = sum(n - 1 for n in approvals.values() if n > 1) + len(approved) - len(set(approved))
            double_dispatches = _overlapping_dispatches(db)
            lost = len((confirmed[0] | confirmed[1]) - stored_confirmed) + len(set(sent) - dispatches)
            lost += len({str(f) for f in approved} - set(approvals))
            verified = AuditLog().verify(db)
        finally:
            db.dispose()
    problems = errors + ([] if verified.ok else [f"audit: {verified.problem}"])
    if both := confirmed[0] & confirmed[1]:
        problems.append(f"both workstations acknowledged confirming {sorted(both)}")
    if dispatch_audits != len(dispatches):
        problems.append(f"{dispatch_audits} dispatch audit entries for {len(dispatches)} dispatches")
    total = acks[0] + acks[1]
    return FaultRow(
        injected=f"two workstations (two processes, {backend}) racing on the same claims, confirms, approvals "
        "and dispatches",
        times=times,
        recovered=(
            f"{sum(total.values())} acknowledged ({total['confirm']} confirms, {total['reject']} rejects, "
            f"{total['approve']} approvals, {total['dispatch']} dispatches, {total['available']} stand-downs); "
            f"{sum(w[0] == 'refused' for w in lines)} refused as taken first; "
            + (f"problems: {'; '.join(problems[:5])}" if problems else "no deadlock or raw error, audit verifies")
        ),
        lost=lost,
        duplicated=double_fines + double_approvals + double_dispatches,
        worst="–",
    )


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_workstations_racing_never_double_fine_approve_or_dispatch(backend: str, tmp_path: Path) -> None:
    row = scenario(300, tmp_path, backend)
    assert "problems" not in row.recovered, row.recovered
    assert (row.lost, row.duplicated) == (0, 0), row
