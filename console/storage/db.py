"""Engines and sessions for the embedded SQLite file and a shared PostgreSQL server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

SUPPORTED = ("sqlite", "postgresql")


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says why without leaking a password."""


class DatabaseUnavailable(DatabaseError):
    """The server could not be reached (down, restarting, connection cut) during a transaction.

    ``in_doubt`` is False when the transaction was rolled back (nothing of it was saved) and True when
    the connection broke during COMMIT: the server may have committed all of it before it went away,
    never a part. The caller either refuses the operation with this message or, for idempotent
    writes (GPS fixes), keeps the data and writes it again later.
    """

    def __init__(self, message: str, *, in_doubt: bool = False) -> None:
        super().__init__(message)
        self.in_doubt = in_doubt


# SQLSTATE classes that mean "no usable server right now": connection exceptions (08), the server
# shutting down, crashed or still recovering (57P01-57P05), too many clients (53300).
_UNREACHABLE_SQLSTATES = ("08", "57P", "53300")


def is_unreachable(exc: DBAPIError, backend: str) -> bool:
    """Whether ``exc`` says the server is gone, as opposed to the statement being wrong."""
    if exc.connection_invalidated:
        return True
    if backend != "postgresql" or not isinstance(exc, OperationalError):
        # SQLite's OperationalError is mostly "database is locked", which callers retry themselves.
        return False
    sqlstate = getattr(exc.orig, "sqlstate", None)
    # psycopg raises OperationalError without a SQLSTATE only for client-side connection failures
    # (refused, reset, timed out): the server never got to answer.
    return sqlstate is None or str(sqlstate).startswith(_UNREACHABLE_SQLSTATES)


def _server(url: URL) -> str:
    """Where the database is, as an operator knows it: no driver name, no user, no password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    port = f":{url.port}" if url.port else ""
    return f"PostgreSQL at {url.host or 'localhost'}{port}/{url.database or ''}"


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc).splitlines()[0]


def parse_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError:
        raise DatabaseError(
            f"'{_mask_password(raw)}' is not a database URL. Use sqlite:///PATH/console.db or "
            "postgresql+psycopg://USER@HOST:5432/DBNAME"
        ) from None
    if url.get_backend_name() not in SUPPORTED:
        raise DatabaseError(f"database kind '{url.get_backend_name()}' is not supported; use sqlite or postgresql")
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        # The bare name would pick psycopg2, which we do not ship.
        url = url.set(drivername="postgresql+psycopg")
    return url


def _mask_password(raw: str) -> str:
    # Even a URL too broken to parse may hold a password between "user:" and "@".
    return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", raw)


def safe_url(url: URL | str) -> str:
    """The URL as it may appear in logs and on screen: password hidden."""
    parsed = url if isinstance(url, URL) else parse_url(url)
    return parsed.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite opens a transaction only at the first write, so a read-then-write could act on a
    # stale read. We take transaction control from the driver and begin every transaction with
    # BEGIN IMMEDIATE (see _sqlite_begin): transactions that write are serialised up front and wait
    # for each other (busy_timeout) instead of failing half-way when another writer - the GPS feed,
    # a detection worker - committed in between. WAL keeps readers in other processes unblocked.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # WAL lets the GUI read while a worker writes; foreign keys are off by default in SQLite.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # AUTOCOMMIT connections (maintenance: checkpoints, VACUUM) must not open a transaction.
    if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(raw_url: str, connect_timeout: int = 5) -> Engine:
    url = parse_url(raw_url)
    kind = url.get_backend_name()
    kwargs: dict[str, Any] = {"future": True}
    if kind == "sqlite":
        database = url.database or ""
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": connect_timeout, "check_same_thread": False}
    else:
        kwargs["connect_args"] = {"connect_timeout": connect_timeout}
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except (NoSuchModuleError, ArgumentError) as exc:
        raise DatabaseError(f"cannot use {safe_url(url)}: {exc}") from exc
    if kind == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def check_connection(engine: Engine) -> None:
    """Open one connection now so that a bad address fails at start, not at first use."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        raise DatabaseError(f"cannot reach the database {safe_url(engine.url)}: {_reason(exc)}") from exc


@dataclass(frozen=True)
class Database:
    """An engine with its session factory; the one handle services receive."""

    engine: Engine
    sessions: sessionmaker[Session]

    @classmethod
    def open(cls, raw_url: str, connect_timeout: int = 5) -> Database:
        engine = make_engine(raw_url, connect_timeout)
        return cls(engine, sessionmaker(engine, expire_on_commit=False))

    @property
    def kind(self) -> str:
        return self.engine.url.get_backend_name()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error.

        A lost server surfaces as :class:`DatabaseUnavailable` with a message an operator can read,
        not as the driver's traceback; the engine (pool_pre_ping) reconnects on the next session.
        """
        committing = False
        try:
            with self.sessions() as session, session.begin():
                yield session
                committing = True
        except DBAPIError as exc:
            if not is_unreachable(exc, self.kind):
                raise
            where = _server(self.engine.url)
            if committing:
                raise DatabaseUnavailable(
                    f"database unreachable: the connection to {where} was lost while saving ({_reason(exc)}); "
                    "the change may or may not have been saved, look before repeating it",
                    in_doubt=True,
                ) from exc
            raise DatabaseUnavailable(
                f"database unreachable: {where} does not answer ({_reason(exc)}); nothing was saved"
            ) from exc

    def dispose(self) -> None:
        self.engine.dispose()
