"""Live events across workstations: what changed (kind and id), announced when the change commits.

Writers call `announce(session, kind, id)` inside the transaction that makes the change. On
PostgreSQL that is `pg_notify`, which the server delivers to every listening connection only if and
when the transaction commits, so no console hears of a change that was rolled back. On SQLite (one
station PC) the same announcements are kept on the session and handed to this process's listeners
after commit. The payload is only kind and id: each page re-reads what it shows, so a listener never
trusts, or needs, more than that.

`EventListener` runs the listening side on a thread of its own and calls back from it; the UI turns
the calls into Qt signals in its bridge. After every (re)connection it first reports `resync`: a
database restart may have swallowed announcements, and a page that re-reads then misses nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from console.storage.db import Database

log = logging.getLogger(__name__)

CHANNEL = "tcc_events"
KINDS = frozenset({"alert", "candidate", "decision", "incident", "dispatch", "unit"})
RESYNC = "resync"
_PENDING = "tcc_events_pending"


@dataclass(frozen=True)
class Event:
    kind: str
    object_id: int

    @classmethod
    def parse(cls, payload: str) -> Event | None:
        kind, _, number = payload.partition(":")
        if kind not in KINDS or not number.isdigit() or len(number) > 19:
            return None
        return cls(kind, int(number))


Listener = Callable[[Event], None]
_local: dict[str, list[Listener]] = {}  # SQLite database file → this process's listeners
_local_lock = threading.Lock()


def announce(s: Session, kind: str, object_id: int) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(func.pg_notify(CHANNEL, f"{kind}:{object_id}")))
    else:
        s.info.setdefault(_PENDING, []).append(Event(kind, object_id))


@event.listens_for(Session, "after_commit")
def _deliver_local(s: Session) -> None:
    pending: list[Event] = s.info.pop(_PENDING, [])
    if not pending:
        return
    with _local_lock:
        listeners = list(_local.get(str(s.get_bind().engine.url), ()))
    for e in pending:
        for listener in listeners:
            try:
                listener(e)
            except Exception:  # a listener's failure must not undo, or hide, a committed change
                log.exception("event listener failed on %s", e)


@event.listens_for(Session, "after_rollback")
def _drop_local(s: Session) -> None:
    s.info.pop(_PENDING, None)


class EventListener:
    def __init__(self, db: Database, on_event: Listener, retry_s: float = 1.0) -> None:
        self.db = db
        self.on_event = on_event
        self.retry_s = retry_s
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._key = str(db.engine.url)

    def start(self) -> None:
        if self.db.kind != "postgresql":
            with _local_lock:
                _local.setdefault(self._key, []).append(self.on_event)
            self.connected.set()
            self.on_event(Event(RESYNC, 0))
            return
        self._thread = threading.Thread(target=self._listen, name="events-listen", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        with _local_lock:
            listeners = _local.get(self._key, [])
            if self.on_event in listeners:
                listeners.remove(self.on_event)
        if self._thread is not None:
            self._thread.join(timeout)

    def _listen(self) -> None:
        import psycopg

        url = self.db.engine.url.set(drivername="postgresql")
        conninfo = url.render_as_string(hide_password=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connected.set()
                    self._deliver(Event(RESYNC, 0))
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            parsed = Event.parse(note.payload)
                            if parsed is None:
                                log.warning("event ignored: %r is not kind:id", note.payload[:80])
                                continue
                            self._deliver(parsed)
            except psycopg.Error as exc:
                if not self._stop.is_set():
                    log.warning("events: connection lost (%s); listening again in %.0f s", exc, self.retry_s)
            self.connected.clear()
            self._stop.wait(self.retry_s)

    def _deliver(self, e: Event) -> None:
        try:
            self.on_event(e)
        except Exception:  # the listening connection outlives a page that failed to refresh
            log.exception("event listener failed on %s", e)
