"""The evidence disk fills up while violation candidates arrive: each is refused whole, nothing half-stored.

The evidence directory sits on a small filesystem of its own (a size-limited tmpfs; a loop-mounted ext4
image where tmpfs cannot be mounted; without either, root or a mount, the test skips saying why). Each
cycle a ballast file takes the free space but for a seeded 0-3 images' worth, candidates (a frame and a
plate crop, random pixels so no two share bytes) go through ``DetectionService.store_candidate``, the
path the detection workers and the analytics service store them by, until the disk refuses a seeded
number of them; then the ballast is deleted (an operator freeing space) and the next candidate must store.
Proven on SQLite and PostgreSQL:

- every refusal is a ``DetectionError`` saying the disk is full, and the evidence store logged it;
- nothing in the database refers to a missing or partial file: every evidence row's file is there and
  hashes to its SHA-256, every candidate has both its images, and evidence rows are exactly those of
  stored candidates (a candidate refused at its plate crop leaves no row for its frame);
- no temporary or partial file is left in the store; the only extra files are whole frames of
  candidates refused at their crop (counted: their name is their hash, so the same bytes reuse them);
- every stored candidate is stored once (0 lost, 0 duplicated), and storing resumes at once when space
  is freed.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import random
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from fault_kit import FaultRow, fresh_database, percentile
from review_setup import make_world
from sqlalchemy import func, select

from console.services.detections import DetectionError, DetectionService
from console.services.evidence import EvidenceStore
from console.storage.db import Database
from console.storage.models import CandidateEvidence, EvidenceFile, ViolationCandidate
from inference.pipeline import Candidate

SEED = 20261206
CI_REFUSALS = 60
PAGE = 4096
IMAGE_PAGES = 4  # a 128x72 noise frame (~9.8 kB) and a 40x12 crop (~1.2 kB) take four 4 KiB pages
MAX_STORED_PER_CYCLE = 40  # far above what the seeded room holds: more means the disk is not filling
EVIDENCE_NAME = re.compile(r"[0-9a-f]{64}\.jpg")
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class FilesystemUnavailable(RuntimeError):
    """No small filesystem could be mounted here; the message says what was tried and why it failed."""


def _run(*cmd: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise OSError(f"{' '.join(cmd[:3])}: {(done.stderr or done.stdout).strip() or f'exit {done.returncode}'}")


@contextmanager
def small_filesystem(work: Path, size: int) -> Iterator[Path]:
    """A mounted filesystem of ``size`` bytes under ``work``, unmounted and removed afterwards."""
    mountpoint = work / "small-fs"
    mountpoint.mkdir()
    tried: list[str] = []
    try:
        _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mountpoint))
    except OSError as exc:
        tried.append(f"tmpfs: {exc}")
        image = work / "small-fs.img"
        try:
            with image.open("wb") as f:
                f.truncate(size)
            _run("mkfs.ext4", "-q", "-F", "-m", "0", str(image))  # no root reserve: root fills it like anyone
            _run("mount", "-o", "loop", str(image), str(mountpoint))
        except OSError as exc2:
            tried.append(f"ext4 loop image: {exc2}")
            mountpoint.rmdir()
            raise FilesystemUnavailable("; ".join(tried)) from None
    try:
        yield mountpoint
    finally:
        try:
            _run("umount", str(mountpoint))
        except OSError:
            _run("umount", "-l", str(mountpoint))  # still busy (a leaked handle): detach, the kernel frees it
        mountpoint.rmdir()
        (work / "small-fs.img").unlink(missing_ok=True)


def _fill(ballast: Path, leave: int) -> None:
    """Take the filesystem's free space but ``leave`` bytes."""
    st = os.statvfs(ballast.parent)
    size = max(0, st.f_bavail * st.f_frsize - leave)
    with ballast.open("wb") as f:
        chunk = bytes(1 << 20)
        try:
            while size > 0:
                size -= f.write(chunk[: min(size, len(chunk))])
        except OSError as exc:  # the free figure was a little optimistic: full is what was wanted
            if exc.errno != errno.ENOSPC:
                raise


def _candidate(i: int, rng: np.random.Generator) -> Candidate:
    frame = rng.integers(0, 256, (72, 128, 3), dtype=np.uint8)
    crop = rng.integers(0, 256, (12, 40, 3), dtype=np.uint8)
    plate = f"30A-{i // 100 % 1000:03d}.{i % 100:02d}"  # a plate of its own: no two are one offence
    event = {
        "event": "candidate", "camera": "HN-1", "t": float(i), "rule": "red_light", "vehicle_class": "car",
        "time": (T0 + timedelta(seconds=i)).isoformat(),
        "plate": {"text": plate.replace("-", "").replace(".", ""), "plate": plate, "colour": "white"},
        "measured": {}, "track": {"id": i}, "model_versions": {"detector": "fault"},
    }  # fmt: skip
    return Candidate(event, frame, crop)


class _Refusals(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _check_store(db: Database, root: Path, acked: dict[int, int]) -> tuple[int, int, list[str], int]:
    """(lost, duplicated, problems, whole unreferenced files) for the store as it is now."""
    problems: list[str] = []
    with db.session() as s:
        rows = {e.path: e.sha256 for e in s.scalars(select(EvidenceFile))}
        candidates = list(s.scalars(select(ViolationCandidate.id)))
        roles: dict[int, set[str]] = {}
        for cid, role in s.execute(select(CandidateEvidence.candidate_id, CandidateEvidence.role)).tuples():
            roles.setdefault(cid, set()).add(role)
        linked = s.scalar(select(func.count(func.distinct(CandidateEvidence.evidence_id)))) or 0
    for path, digest in rows.items():
        file = root / path
        if not file.is_file() or hashlib.sha256(file.read_bytes()).hexdigest() != digest:
            problems.append(f"evidence row {path} has no whole file")
    if linked != len(rows):
        problems.append(f"{len(rows) - linked} evidence rows belong to no candidate")
    on_disk = [p for p in root.rglob("*") if p.is_file()]
    for p in on_disk:
        if not EVIDENCE_NAME.fullmatch(p.name) or p.parent.name != p.name[:2]:
            problems.append(f"stray file {p.relative_to(root)}")
        elif hashlib.sha256(p.read_bytes()).hexdigest() != p.stem:
            problems.append(f"partial file {p.relative_to(root)}")
    lost = sum(cid not in candidates or roles.get(cid) != {"frame", "plate_crop"} for cid in acked.values())
    duplicated = len(candidates) - len(set(acked.values())) + len(acked) - len(set(acked.values()))
    return lost, duplicated, problems, len(on_disk) - len(rows)


def scenario(times: int, work: Path, backend: str, mounted: Path | None = None) -> FaultRow:
    """``times`` candidates refused by a full evidence disk; ``mounted`` is a small filesystem already there."""
    if mounted is None:
        # Room for everything stored over the run (about 2.5 candidates a refusal) besides the ballast.
        with small_filesystem(work, 2 * 1024 * 1024 + times * 48 * 1024) as fs:
            return scenario(times, work, backend, fs)
    rng = random.Random(f"{SEED}-{backend}")
    pixels = np.random.default_rng(rng.randrange(2**32))
    root, ballast = mounted / "evidence", mounted / "ballast"
    root.mkdir()
    handler = _Refusals()
    logging.getLogger("console.services.evidence").addHandler(handler)
    with fresh_database(backend, work) as url:
        db = Database.open(url)
        try:
            world = make_world(db, root)
            service = DetectionService(db, world.audit, EvidenceStore(root), world.review)
            acked: dict[int, int] = {}  # candidate number → the id store_candidate returned
            refused, cycles, i = 0, 0, 0
            refuse_ms: list[float] = []
            resume_ms: list[float] = []
            problems: list[str] = []
            while refused < times:
                cycles += 1
                _fill(ballast, rng.randrange(IMAGE_PAGES * PAGE * 3))
                want, stored = min(rng.randint(1, 5), times - refused), 0
                while want:
                    i += 1
                    started = time.perf_counter()
                    try:
                        acked[i] = service.store_candidate(world.op1, _candidate(i, pixels))
                    except DetectionError as exc:
                        refuse_ms.append((time.perf_counter() - started) * 1000)
                        refused, want = refused + 1, want - 1
                        if "the disk is full" not in str(exc):
                            problems.append(f"candidate {i} refused with {exc}")
                    else:
                        stored += 1
                        assert stored <= MAX_STORED_PER_CYCLE, "the evidence disk does not fill"
                ballast.unlink()
                i += 1
                freed = time.perf_counter()
                acked[i] = service.store_candidate(world.op1, _candidate(i, pixels))  # refused here: not recovered
                resume_ms.append((time.perf_counter() - freed) * 1000)
            lost, duplicated, found, orphans = _check_store(db, root, acked)
            problems += found
        finally:
            db.dispose()
            logging.getLogger("console.services.evidence").removeHandler(handler)
            ballast.unlink(missing_ok=True)
            shutil.rmtree(root, ignore_errors=True)
    logged = sum("evidence not stored: the disk is full" in m for m in handler.messages)
    if logged != refused:
        problems.append(f"{logged} refusals logged of {refused}")
    clean = (
        f"0 rows for a missing or partial file, 0 temporary or partial files left; {orphans} whole unreferenced "
        "frames of candidates refused at their plate crop"
    )
    return FaultRow(
        injected=f"evidence disk full: a small tmpfs filled by a ballast file to 0-3 images' room, violation "
        f"candidates (frame + plate crop) stored through DetectionService ({backend})",
        times=times,
        recovered=f"{cycles}/{cycles} fills: storing resumed at once when space was freed; {refused:,} candidates "
        f"refused with 'evidence not stored: the disk is full …' and logged; {len(acked):,} stored with both images; "
        + (f"problems: {'; '.join(problems[:5])}" if problems else clean)
        + f" (p95 refusal {percentile(refuse_ms, 95):.0f} ms)",
        lost=lost,
        duplicated=duplicated,
        worst=f"first candidate stored {max(resume_ms):.0f} ms after space was freed (max)",
    )


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A small filesystem for the evidence, unmounted by the fixture's finaliser whatever the test did."""
    try:
        with small_filesystem(tmp_path, 2 * 1024 * 1024 + CI_REFUSALS * 48 * 1024) as mounted:
            yield mounted
    except FilesystemUnavailable as exc:
        pytest.skip(f"no small filesystem can be mounted here (needs root and mount): {exc}")


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_full_evidence_disk_refuses_candidates_whole_and_storing_resumes(
    backend: str, tmp_path: Path, small_fs: Path
) -> None:
    row = scenario(CI_REFUSALS, tmp_path, backend, small_fs)
    print(row.markdown("tests/faults/test_disk_full.py"))  # the figures for docs/reliability.md (pytest -s)
    assert "problems" not in row.recovered, row.recovered
    assert (row.lost, row.duplicated) == (0, 0), row
