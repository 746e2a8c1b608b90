"""kill -9 of a workstation at random moments while it decides candidates or dispatches teams.

A workstation process (tests/faults/workstation.py: the services the review and map pages call)
works through the queue, printing each result the moment the call returns: what the operator would
have seen acknowledged on screen. The parent SIGKILLs it at a random moment (often inside a
transaction), restarts it, and goes on until `times` results were acknowledged. Proven from the
database afterwards, on SQLite and PostgreSQL:
- every acknowledged decision is stored as acknowledged (confirmed with its fine, or rejected), and
  every acknowledged dispatch exists: 0 lost;
- no candidate decided twice or fined twice, no dispatch audited twice, no unit on two dispatches
  at once: 0 duplicated;
- nothing half-written: every fine has its confirmed candidate and audit entry, every dispatch its
  audit entry, and a unit is dispatched exactly when it has an active dispatch; the audit chain verifies.
"""

from __future__ import annotations

import queue
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from fault_kit import FaultRow, fresh_database
from sqlalchemy import func, select
from test_workstation_race import _overlapping_dispatches
from workstation import seed_world

from console.services.audit import AuditLog
from console.storage.db import Database
from console.storage.models import AuditEntry, Dispatch, Fine, PatrolUnit, ViolationCandidate

HERE = Path(__file__).resolve().parent
SEED = 20261205


def _lifetime(url: str, evidence: Path, mode: str, seed: int, rng: random.Random) -> tuple[list[str], float, bool]:
    """One workstation life: start, work for a random while, SIGKILL. Lines printed, start-up time, finished."""
    started = time.monotonic()
    p = subprocess.Popen([sys.executable, str(HERE / "workstation.py"), url, str(evidence), mode, "op1", "sup1",
                          str(seed)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert p.stdout is not None
        for line in p.stdout:
            lines.put(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    first = lines.get(timeout=60)
    assert first == "ready", first
    startup = time.monotonic() - started
    time.sleep(rng.uniform(0.01, 0.4))
    p.kill()
    p.wait(10)
    reader.join(10)
    out = []
    while not lines.empty():
        out.append(lines.get())
    assert p.stderr is not None
    err = p.stderr.read()
    assert "Traceback" not in err, err[-3000:]
    return out, startup, "done" in out


def scenario(times: int, work: Path, backend: str, mode: str = "decide") -> FaultRow:
    rng = random.Random(f"{SEED}-{backend}-{mode}")
    with fresh_database(backend, work) as url:
        db = Database.open(url)
        try:
            seed_world(db, cases=2 * times + 50, units=6, incidents=10)
            acked: list[list[str]] = []
            errors: list[str] = []
            startups: list[float] = []
            kills = 0
            while sum(w[1] in ("confirm", "reject", "dispatch") for w in acked) < times:
                out, startup, finished = _lifetime(url, work / "evidence", mode, kills, rng)
                kills += 1
                startups.append(startup)
                acked += [line.split() for line in out if line.startswith("ack ")]
                errors += [line for line in out if line.startswith("error ")]
                assert not finished, "the queue ran out before enough decisions were acknowledged"
            lost, duplicated, half = _check(db, acked) if mode == "decide" else _check_dispatch(db, acked)
            verified = AuditLog().verify(db)
        finally:
            db.dispose()
    problems = errors + ([] if verified.ok else [f"audit: {verified.problem}"]) + half
    what = "review decisions" if mode == "decide" else "dispatches and stand-downs"
    return FaultRow(
        injected=f"`kill -9` of a workstation at random moments during {what} ({backend})",
        times=times,
        recovered=f"{kills} kills, restarted each time; {len(acked)} results acknowledged; "
        + (f"problems: {'; '.join(problems[:5])}" if problems else "nothing half-written, audit verifies"),
        lost=lost,
        duplicated=duplicated,
        worst=f"{max(startups):.1f} s restart to ready",
    )


def _check(db: Database, acked: list[list[str]]) -> tuple[int, int, list[str]]:
    with db.session() as s:
        status = dict(s.execute(select(ViolationCandidate.id, ViolationCandidate.status)).tuples().all())
        fines = dict(s.execute(select(Fine.id, Fine.candidate_id)).tuples().all())
        decided = Counter(
            s.scalars(select(AuditEntry.object_id).where(AuditEntry.action.in_(("review.confirm", "review.reject"))))
        )
        confirm_audits = set(s.scalars(select(AuditEntry.object_id).where(AuditEntry.action == "review.confirm")))
    lost = 0
    for w in acked:
        cid = int(w[2])
        if w[1] == "confirm":
            lost += status.get(cid) != "confirmed" or fines.get(int(w[3])) != cid
        elif w[1] == "reject":
            lost += status.get(cid) != "rejected"
    duplicated = sum(n - 1 for n in decided.values() if n > 1) + len(fines) - len(set(fines.values()))
    half = [f"fine {f} without its confirmed candidate {c}" for f, c in fines.items() if status.get(c) != "confirmed"]
    half += [f"candidate {c} confirmed without its audit entry" for c, st in status.items()
             if st == "confirmed" and str(c) not in confirm_audits]  # fmt: skip
    return lost, duplicated, half


def _check_dispatch(db: Database, acked: list[list[str]]) -> tuple[int, int, list[str]]:
    with db.session() as s:
        dispatches = set(s.scalars(select(Dispatch.id)))
        audited = Counter(s.execute(select(AuditEntry.details).where(AuditEntry.action == "unit.dispatch")).scalars())
        active = Counter(
            s.scalars(select(Dispatch.unit_id).where(Dispatch.status.in_(("sent", "acknowledged", "arrived"))))
        )
        units = dict(s.execute(select(PatrolUnit.id, PatrolUnit.status)).tuples().all())
        audit_rows = s.scalar(select(func.count()).where(AuditEntry.action == "unit.dispatch"))
    lost = sum(int(w[2]) not in dispatches for w in acked if w[1] == "dispatch")
    duplicated = _overlapping_dispatches(db) + sum(n - 1 for n in audited.values() if n > 1)
    half = [] if audit_rows == len(dispatches) else [f"{audit_rows} dispatch audit entries for {len(dispatches)}"]
    half += [f"unit {u} is {st} with {active[u]} active dispatches" for u, st in units.items()
             if (st == "dispatched") != (active[u] == 1)]  # fmt: skip
    return lost, duplicated, half


@pytest.mark.parametrize("mode", ["decide", "dispatch"])
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_kill9_loses_and_duplicates_nothing(backend: str, mode: str, tmp_path: Path) -> None:
    row = scenario(40, tmp_path, backend, mode)
    assert "problems" not in row.recovered, row.recovered
    assert (row.lost, row.duplicated) == (0, 0), row
