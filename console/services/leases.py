"""Camera leases: several analytics processes share the cameras, each camera analysed by exactly one.

Every process (an `analytics` service, or a console analysing the cameras its own wall shows) calls
`renew` every third of a lease period. One transaction: it records that the process is alive,
renews the leases it holds, gives back cameras it no longer wants or holds beyond its fair share,
and takes free or expired ones up to that share. Rows being taken are locked with SKIP LOCKED on
PostgreSQL, so two processes renewing at once never wait for, or take, the same camera; SQLite
(one station PC) serialises writers with BEGIN IMMEDIATE instead.

Fair share: the wanted cameras divided by the processes seen within one lease period, at most the
process's own capacity. When a process starts, the others shed their excess at their next renewal
and it takes them; when one dies, its leases expire and the others take its cameras over within
one lease period. A process that could not renew in time stops analysing on its own (`fenced`),
so a stalled process and its successor never analyse the same camera for long.
"""

from __future__ import annotations

import math
import os
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from fnmatch import fnmatchcase

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.storage.db import Database
from console.storage.models import AnalyticsNode, Camera, CameraLease, utcnow


class LeaseError(ValueError):
    """A camera selector that selects nothing or cannot be read."""


def default_holder(kind: str = "analytics") -> str:
    return f"{kind}@{socket.gethostname()}:{os.getpid()}"


def select_cameras(db: Database, selector: str) -> list[int]:
    """Camera ids for a selector: `all`, codes or code globs (`HN-*`), `route:NAME`; comma-separated."""
    items = [item.strip() for item in selector.split(",") if item.strip()]
    if not items:
        raise LeaseError("the camera selector is empty; use all, a code such as HN-01, a glob HN-*, or route:CT.01")
    with db.session() as s:
        cameras = s.execute(select(Camera.id, Camera.code, Camera.route).where(Camera.enabled)).all()
    chosen: set[int] = set()
    for item in items:
        if item == "all":
            matched = {c.id for c in cameras}
        elif item.startswith("route:"):
            matched = {c.id for c in cameras if c.route == item[6:]}
        else:
            matched = {c.id for c in cameras if fnmatchcase(c.code, item)}
        if not matched:
            raise LeaseError(f"'{item}' selects no enabled camera")
        chosen |= matched
    return sorted(chosen)


@dataclass(frozen=True)
class Renewal:
    held: tuple[int, ...]  # cameras this process analyses until the next renewal
    taken: tuple[int, ...]  # newly taken this time
    released: tuple[int, ...]  # given back this time
    share: int  # how many it may hold now
    nodes: int  # processes alive


class LeaseService:
    def __init__(
        self,
        db: Database,
        holder: str,
        lease_s: float = 15.0,
        capacity: int = 0,
        kind: str = "analytics",
        device: str = "",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.holder = holder
        self.lease = timedelta(seconds=lease_s)
        self.capacity = capacity
        self.kind = kind
        self.device = device
        self.clock = clock
        self._renewed_at: float | None = None  # time.monotonic() when the last successful renewal began

    def _now(self, s: Session) -> datetime:
        # Workstations and servers of a centre do not share a clock; its database server does.
        if s.get_bind().dialect.name == "postgresql":
            server: datetime = s.scalars(select(func.now())).one()
            return server
        return self.clock()

    def renew(self, wanted: Sequence[int]) -> Renewal:
        began = time.monotonic()
        wanted_set = set(wanted)
        with self.db.session() as s:
            now = self._now(s)
            self._seen(s, now)
            alive = s.scalar(select(func.count()).where(AnalyticsNode.seen_at > now - self.lease)) or 1
            share = math.ceil(len(wanted_set) / alive)
            if self.capacity:
                share = min(share, self.capacity)
            mine = set(
                s.scalars(
                    update(CameraLease)
                    .where(CameraLease.holder == self.holder, CameraLease.expires_at > now)
                    .values(expires_at=now + self.lease)
                    .returning(CameraLease.camera_id)
                    .execution_options(synchronize_session=False)
                )
            )
            keep = sorted(mine & wanted_set)[:share]
            released = tuple(sorted(mine - set(keep)))
            if released:
                s.execute(
                    delete(CameraLease)
                    .where(CameraLease.holder == self.holder, CameraLease.camera_id.in_(released))
                    .execution_options(synchronize_session=False)
                )
            taken = self._take(s, sorted(wanted_set - mine), share - len(keep), now) if len(keep) < share else []
        self._renewed_at = began
        held = tuple(sorted([*keep, *taken]))
        return Renewal(held, tuple(taken), released, share, alive)

    def _seen(self, s: Session, now: datetime) -> None:
        found = s.execute(
            update(AnalyticsNode)
            .where(AnalyticsNode.holder == self.holder)
            .values(seen_at=now, device=self.device, capacity=self.capacity)
            .execution_options(synchronize_session=False)
        )
        # Processes gone for a day are forgotten; they count as dead after one lease anyway.
        s.execute(delete(AnalyticsNode).where(AnalyticsNode.seen_at < now - timedelta(days=1)))
        if not getattr(found, "rowcount", 0):
            s.add(AnalyticsNode(holder=self.holder, kind=self.kind, device=self.device, capacity=self.capacity,
                                started_at=now, seen_at=now))  # fmt: skip
            s.flush()

    def _take(self, s: Session, candidates: list[int], room: int, now: datetime) -> list[int]:
        if room <= 0 or not candidates:
            return []
        taken: list[int] = []
        # Expired leases first (a dead holder's cameras), locked so that no other renewal takes them too.
        expired = list(
            s.scalars(
                select(CameraLease.camera_id)
                .where(CameraLease.camera_id.in_(candidates), CameraLease.expires_at <= now)
                .order_by(CameraLease.camera_id)
                .limit(room)
                .with_for_update(skip_locked=True)
            )
        )
        if expired:
            s.execute(
                update(CameraLease)
                .where(CameraLease.camera_id.in_(expired))
                .values(holder=self.holder, acquired_at=now, expires_at=now + self.lease)
                .execution_options(synchronize_session=False)
            )
            taken += expired
        leased = set(s.scalars(select(CameraLease.camera_id).where(CameraLease.camera_id.in_(candidates))))
        free = [c for c in candidates if c not in leased][: room - len(taken)]
        if free:
            # Another process may insert the same camera at the same moment: it keeps it, we skip it.
            insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
            rows = [{"camera_id": c, "holder": self.holder, "acquired_at": now, "expires_at": now + self.lease}
                    for c in free]  # fmt: skip
            statement = insert(CameraLease).values(rows).on_conflict_do_nothing(index_elements=["camera_id"])
            taken += s.scalars(statement.returning(CameraLease.camera_id))
        return sorted(taken)

    def fenced(self) -> bool:
        """True when the last successful renewal began a lease ago or more: others may hold our cameras now."""
        return self._renewed_at is None or time.monotonic() - self._renewed_at >= self.lease.total_seconds()

    def release_all(self) -> None:
        """An orderly stop: the cameras are free at once instead of after a lease period."""
        with self.db.session() as s:
            s.execute(delete(CameraLease).where(CameraLease.holder == self.holder))
            s.execute(delete(AnalyticsNode).where(AnalyticsNode.holder == self.holder))

    def holders(self) -> dict[int, str]:
        """Camera → holder, for leases in force now."""
        with self.db.session() as s:
            now = self._now(s)
            rows = s.execute(select(CameraLease.camera_id, CameraLease.holder).where(CameraLease.expires_at > now))
            return dict(rows.tuples().all())
